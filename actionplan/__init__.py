"""actionplan: read action plan review documents, diff their versions, export them.

>>> import actionplan
>>> plan = actionplan.read("CP Plan V8.docx")
>>> d = actionplan.diff("V7.pdf", "V8.docx")
>>> for result in actionplan.read_many(["plans/"]): ...

The functions are those of `actionplan.api`; the records are `actionplan.models`; every
error is an `ActionplanError` (the tree is in `actionplan.errors`).
"""

from actionplan.errors import (
    ActionplanError,
    ClusterUnavailable,
    ConversionUnavailable,
    CorruptDocument,
    DatabaseFull,
    DatabaseLocked,
    EncryptedDocument,
    ForeignDatabase,
    MemoryLimit,
    MissingFile,
    MixedPlans,
    NoActionTable,
    NoDatabase,
    NotAnActionPlan,
    NoTextLayer,
    ReadOnlyDatabase,
    SchemaTooNew,
    StoreError,
    TimedOut,
    UnknownPlan,
    UnknownVersion,
    UnsafeDocument,
    UnsupportedFormat,
    VersionsOutOfOrder,
)

__all__ = [
    "Action",
    "ActionplanError",
    "ClusterUnavailable",
    "ConversionUnavailable",
    "CorruptDocument",
    "DatabaseFull",
    "DatabaseLocked",
    "Diff",
    "Due",
    "EncryptedDocument",
    "ForeignDatabase",
    "History",
    "LegendEntry",
    "MemoryLimit",
    "MissingFile",
    "MixedPlans",
    "NoActionTable",
    "NoDatabase",
    "NoTextLayer",
    "NotAnActionPlan",
    "Plan",
    "ReadOnlyDatabase",
    "ReadResult",
    "SchemaTooNew",
    "Store",
    "StoreError",
    "TimedOut",
    "UnknownPlan",
    "UnknownVersion",
    "UnsafeDocument",
    "UnsupportedFormat",
    "UpdateEntry",
    "VersionsOutOfOrder",
    "diff",
    "history",
    "read",
    "read_many",
    "render",
]

# The pipeline and the pydantic models are imported on first use, so that
# `import actionplan` (and the CLI's --help) stays fast.
_LAZY = {
    "Action": "actionplan.models",
    "Diff": "actionplan.models",
    "Due": "actionplan.models",
    "History": "actionplan.models",
    "LegendEntry": "actionplan.models",
    "Plan": "actionplan.models",
    "UpdateEntry": "actionplan.models",
    "ReadResult": "actionplan.api",
    "diff": "actionplan.api",
    "history": "actionplan.api",
    "read": "actionplan.api",
    "read_many": "actionplan.api",
    "render": "actionplan.api",
    "Store": "actionplan.store",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'actionplan' has no attribute {name!r}")
    import importlib

    # The API gives the models their renderers (plan.to_excel, diff.to_html, …).
    importlib.import_module("actionplan.api")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
