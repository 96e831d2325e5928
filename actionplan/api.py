"""The library's entry points, read like the CLI: `read`, `read_many`, `diff`, `history`.

These are the only path from files to records: every command, the store's import and a
user's script go through them (or, for the store's worker processes, through the same
`actionplan.pipeline.read_file`).

>>> plan = read("CP Plan V8.docx")
>>> for result in read_many(["plans/"]):
...     print(result.path, result.status, result.error)
>>> d = diff("V7.pdf", "V8.docx")
>>> h = history("V6.pdf", "V7.docx", "V8.docx")
>>> h = history(plan="CP Reduction", store="plans.db")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from actionplan.batch import parse_all
from actionplan.compare import build_history, diff_plans
from actionplan.errors import ActionplanError
from actionplan.extract.formats import discover
from actionplan.models import RENDERER, Diff, History, Plan
from actionplan.pipeline import ReadOptions, read_file
from actionplan.pipeline import read_versions as _read_versions
from actionplan.rules import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from actionplan.store import PlanStore

PlanSource = Plan | str | Path


def read(
    path: str | Path,
    *,
    password: str | None = None,
    workers: int = 1,
    columns: dict[str, str] | None = None,
    force: bool = False,
    sheet: str | None = None,
) -> Plan:
    """Read one review document (.docx, .xlsx, .pdf, text dump, HTML, .doc) into a Plan.

    `workers` processes read a long PDF's pages in parallel. `columns` names the heading
    of a role the reader should take as given: {"due": "Target", "owner": "Led by"}.
    A document whose table does not read as an action plan raises NotAnActionPlan
    unless `force`. A file that cannot be read raises an ActionplanError subclass whose
    message is one line; `plan.document.confidence` says how sure a reading is.
    `sheet` names the worksheet of a workbook to read; by default the action sheet, or
    the newest of a workbook that keeps one sheet per version.
    """
    options = ReadOptions(password, workers, tuple((columns or {}).items()), force, sheet)
    return read_file(path, options)


def read_versions(path: str | Path, *, password: str | None = None) -> list[Plan]:
    """Read a document into its versions: one Plan per version sheet of a workbook kept
    so ("V3 Mar 2019", "V4 Jun 2019"), oldest first; else the one Plan `read` gives."""
    return _read_versions(path, ReadOptions(password))


@dataclass(frozen=True)
class ReadResult:
    """What became of one file of a batch: its Plan, or the one-line reason it failed."""

    path: Path
    status: Literal["read", "failed"]
    plan: Plan | None = None
    # The error's class name ("EncryptedDocument") and its one-line message.
    kind: str | None = None
    error: str | None = None
    # The traceback of an unexpected error (a bug in actionplan, not a bad file).
    detail: str | None = None

    @property
    def line(self) -> str:
        """Return the result as the CLI reports a failure: "FILE: reason"."""
        return f"{self.path}: {self.error}" if self.error else str(self.path)


def read_many(
    paths: Iterable[str | Path],
    *,
    password: str | None = None,
    workers: int = 0,
    pdf_workers: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    folders: bool = True,
    columns: dict[str, str] | None = None,
    force: bool = False,
    sheet: str | None = None,
    versions: bool = False,
) -> Iterator[ReadResult]:
    """Read every file (folders searched recursively), one result per file, in order.

    A bad file gives a "failed" result with its reason, never an exception, so a batch
    goes on. `workers` child processes read one file each at a time: one reading longer
    than `timeout` seconds is killed and fails with TimedOut, one taking more than
    `max_memory` bytes fails with MemoryLimit (where the platform can limit memory).
    `workers=0` reads in this process, without that isolation (for debugging). A folder
    holding no review documents gives one failed result of its own. `sheet` names the
    worksheet of each workbook to read; with `versions`, a workbook kept as one sheet per
    version gives one result per version sheet, oldest first (a sheet that cannot be
    read gives a failed result naming it, and the others are read).
    """
    files: list[Path] = []
    empty: dict[int, Path] = {}
    for given in paths:
        path = Path(given)
        found = discover([path]) if folders else [path]
        if not found:
            empty[len(files)] = path
            files.append(path)
            continue
        files.extend(found)
    todo = [(i, p) for i, p in enumerate(files) if i not in empty]
    answers: dict[int, ReadResult] = {}
    earlier: dict[int, list[ReadResult]] = {}
    parsed_all = parse_all(
        todo,
        lambda item: item[1],
        workers=workers,
        timeout=timeout,
        max_memory=max_memory,
        options=ReadOptions(
            password, pdf_workers, tuple((columns or {}).items()), force, sheet, versions
        ),
    )
    for index in range(len(files)):
        while index not in answers and index not in empty:
            (i, path), parsed = next(parsed_all)
            answers[i] = _result(path, parsed.plan, parsed.kind, parsed.reason, parsed.detail)
            earlier[i] = [ReadResult(path, "read", p) for p in parsed.earlier] + [
                ReadResult(path, "failed", kind=kind, error=reason)
                for _, kind, reason in parsed.failed_sheets
            ]
        if index in empty:
            yield ReadResult(
                files[index],
                "failed",
                kind="NoDocuments",
                error="no review documents in this folder (.docx, .pdf, .txt, …)",
            )
        else:
            yield from earlier.pop(index, [])
            yield answers.pop(index)


def _result(
    path: Path, plan: Plan | None, kind: str | None, reason: str | None, detail: str | None
) -> ReadResult:
    if plan is not None:
        return ReadResult(path, "read", plan)
    return ReadResult(path, "failed", kind=kind, error=reason or kind, detail=detail)


def _plan(source: PlanSource, password: str | None) -> Plan:
    return source if isinstance(source, Plan) else read(source, password=password)


def _versions(source: PlanSource, password: str | None) -> list[Plan]:
    return [source] if isinstance(source, Plan) else read_versions(source, password=password)


def diff(
    old: PlanSource,
    new: PlanSource,
    *,
    password: str | None = None,
    plan: str | None = None,
    store: str | Path | PlanStore | None = None,
    force: bool = False,
) -> Diff:
    """Compare two versions of a plan: Plans, paths to read, or with `plan` and `store`,
    two stored versions named by label ("V7") or review date.

    Two different plans raise MixedPlans and a NEW earlier than OLD raises
    VersionsOutOfOrder, unless `force`: then the diff is made and its warnings say why
    it is doubtful.
    """
    if plan is not None:
        with _store(store) as opened:
            return opened.diff(plan, str(old), str(new), force=force)
    return diff_plans(_plan(old, password), _plan(new, password), force=force)


def history(
    *sources: PlanSource,
    password: str | None = None,
    plan: str | None = None,
    store: str | Path | PlanStore | None = None,
) -> History:
    """Follow every action across versions: Plans or paths in any order, or with `plan`
    and `store`, every stored version of that plan."""
    if plan is not None:
        with _store(store) as opened:
            return opened.history(plan)
    return build_history([p for s in sources for p in _versions(s, password)])


def render(subject: Plan | Diff | History, fmt: str, **options: Any) -> str | bytes:
    """Return a plan, diff or history in an output format, as the CLI's --format writes it
    ("xlsx" gives the workbook's bytes); `plan.to_excel(path)` and the rest call this.

    A diff's report takes the options `diff` takes: as_at (a date; --as-at), stale_days
    (--stale-days), section ("exceptions"; --section) and history (a History; --history).
    """
    from actionplan.export import ReportOptions, render_diff, render_history, render_plans

    if isinstance(subject, Diff):
        return render_diff(subject, fmt, options=ReportOptions(**options))
    if options:
        raise TypeError(f"only a diff's report takes options, not {', '.join(options)}")
    if isinstance(subject, Plan):
        return render_plans([subject], fmt)
    return render_history(subject, fmt)


def install_renderer() -> None:
    """Give the models' to_excel/to_html/to_markdown their renderer (models.RENDERER)."""
    if not RENDERER:
        RENDERER.append(render)  # type: ignore[arg-type]


install_renderer()


class _store:
    """Open a store named by path (and close it after), or use the one given as it is."""

    def __init__(self, target: str | Path | PlanStore | None) -> None:
        from actionplan.store import open_store

        if target is None:
            raise TypeError("a stored plan needs a store: pass store=PATH")
        self.owned = isinstance(target, str | Path)
        self.store = open_store(target, create=False)

    def __enter__(self) -> PlanStore:
        return self.store

    def __exit__(self, *exc: object) -> None:
        if self.owned:
            self.store.close()


__all__ = [
    "ActionplanError",
    "ReadResult",
    "diff",
    "history",
    "read",
    "read_many",
    "read_versions",
    "render",
]
