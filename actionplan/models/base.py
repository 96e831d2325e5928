"""The base of every record: Record, Output (an output's JSON and rendered forms), the
formats' names and the literal types the records share."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from actionplan.rules import FORMAT_NAMES

DueKind = Literal["date", "range", "recurring", "approximate", "ongoing", "unspecified"]
Recurrence = Literal["daily", "weekly", "fortnightly", "monthly", "quarterly"]
RagSource = Literal["text", "shading"]


def _known_format(name: str) -> str:
    if name not in FORMAT_NAMES:
        raise ValueError(f"not a format of the formats table: {name!r}")
    return name


# The names of the formats table (actionplan.rules.FORMATS), so a new format is one row.
DocFormat = Annotated[
    str, AfterValidator(_known_format), Field(json_schema_extra={"enum": list(FORMAT_NAMES)})
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


# How a whole output is rendered in a format ("xlsx", "html", "md"): the export layer's
# render_* functions. Models may not import export (it renders models), so actionplan.api,
# which every way of getting a Plan, Diff or History from files or a store goes through
# (the `actionplan` package loads it with them), installs them here (api.install_renderer).
RENDERER: list[Callable[..., str | bytes]] = []


class Output(Record):
    """A whole output of the contract (an extract, a diff, a history): JSON-ready."""

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON-ready dictionary."""
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = 2) -> str:
        """Return the contract's JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def _render(self, fmt: str, **options: Any) -> str | bytes:
        if not RENDERER:
            raise RuntimeError("rendering needs actionplan.api: `import actionplan` first")
        return RENDERER[0](self, fmt, **options)

    # A diff's reports take options as `diff` does: as_at=date (--as-at), stale_days=90,
    # section="exceptions", history=History (--history); a plan or a history takes none.
    def to_excel(self, path: str | Path, **options: Any) -> Path:
        """Write the workbook `--format xlsx` writes to path; return the path."""
        data = self._render("xlsx", **options)
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return target

    def to_html(self, **options: Any) -> str:
        """Return the self-contained HTML page `--format html` writes."""
        return str(self._render("html", **options))

    def to_markdown(self, **options: Any) -> str:
        """Return the Markdown `--format md` writes."""
        return str(self._render("md", **options))
