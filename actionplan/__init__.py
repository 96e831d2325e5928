"""actionplan: read action plan review documents, diff their versions, export them."""

from actionplan.errors import (
    ActionplanError,
    ConversionUnavailable,
    CorruptDocument,
    EncryptedDocument,
    MissingFile,
    MixedPlans,
    NoActionTable,
    NoTextLayer,
    UnsafeDocument,
    UnsupportedFormat,
)

__all__ = [
    "Action",
    "ActionplanError",
    "ConversionUnavailable",
    "CorruptDocument",
    "Diff",
    "Due",
    "EncryptedDocument",
    "History",
    "LegendEntry",
    "MissingFile",
    "MixedPlans",
    "NoActionTable",
    "NoTextLayer",
    "Plan",
    "Store",
    "UnsafeDocument",
    "UnsupportedFormat",
    "UpdateEntry",
    "diff",
    "history",
    "read",
]


_MODELS = {"Action", "Diff", "Due", "History", "LegendEntry", "Plan", "UpdateEntry"}


def __getattr__(name: str) -> object:
    # The pipeline and the pydantic models are imported on first use, so that
    # `import actionplan` (and the CLI's --help) stays fast.
    if name in _MODELS:
        import actionplan.models

        return getattr(actionplan.models, name)
    if name == "read":
        from actionplan.reader import read

        return read
    if name == "diff":
        import actionplan.diff

        return actionplan.diff
    if name == "Store":
        from actionplan.store import Store

        return Store
    if name == "history":
        from actionplan.diff import history

        return history
    raise AttributeError(f"module 'actionplan' has no attribute {name!r}")
