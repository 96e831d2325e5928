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
from actionplan.reader import read

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
    "read",
]
