"""actionplan: read action plan review documents, diff their versions, export them."""

from actionplan.errors import (
    ActionplanError,
    ConversionUnavailable,
    CorruptDocument,
    EncryptedDocument,
    MissingFile,
    NoActionTable,
    NoTextLayer,
    UnsafeDocument,
    UnsupportedFormat,
)
from actionplan.models import Action, Due, LegendEntry, Plan, UpdateEntry

__all__ = [
    "Action",
    "ActionplanError",
    "ConversionUnavailable",
    "CorruptDocument",
    "Due",
    "EncryptedDocument",
    "LegendEntry",
    "MissingFile",
    "NoActionTable",
    "NoTextLayer",
    "Plan",
    "UnsafeDocument",
    "UnsupportedFormat",
    "UpdateEntry",
    "diff",
    "history",
    "read",
]


def __getattr__(name: str) -> object:
    # The pipeline is imported on first use so that `import actionplan` (and the CLI's
    # --help) stays fast.
    if name == "read":
        from actionplan.reader import read

        return read
    if name == "diff":
        import actionplan.diff

        return actionplan.diff
    if name == "history":
        from actionplan.diff import history

        return history
    raise AttributeError(f"module 'actionplan' has no attribute {name!r}")
