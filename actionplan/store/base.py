"""What every store is: the records it answers with, and `PlanStore`, the interface a
backend implements.

A backend implements PlanStore's abstract primitives: the writer's side (`known`,
`add_documents`, `add_failure`) and the reader's (`plans`, `versions`, `document`,
`import_errors`, `close`); the SQL backends share theirs (store/sql.py). Import, history
and diff come with PlanStore.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actionplan.errors import UnknownPlan, UnknownVersion
from actionplan.extract.formats import discover
from actionplan.normalise.keys import parse_version_label, plan_key, version_key
from actionplan.rules import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, version_order
from actionplan.store.importer import ImportProgress, ImportResult, Stored, run_import
from actionplan.store.pages import weight

if TYPE_CHECKING:
    from actionplan.models import Diff, History, Plan


@dataclass(frozen=True)
class DocumentSummary:
    """One stored document of a version."""

    id: int
    source: str
    format: str
    sha256: str
    actions: int
    warnings: int
    imported_at: str
    # What its reader said is damaged (content that may be missing), one note each;
    # () when it read cleanly. Its actions' absence elsewhere is then no evidence.
    damage: tuple[str, ...] = ()
    # The version sheet of a workbook kept as one sheet per version; '' for any other.
    sheet: str = ""


@dataclass(frozen=True)
class VersionSummary:
    """One review of a plan, with every document that holds it (the first is the one used)."""

    id: int
    label: str
    version: str | None
    review_date: dt.date | None
    documents: tuple[DocumentSummary, ...]

    @property
    def formats(self) -> list[str]:
        return [d.format for d in self.documents]

    @property
    def actions(self) -> int:
        return self.documents[0].actions if self.documents else 0

    @property
    def damage(self) -> tuple[str, ...]:
        """What is damaged in the document standing for this version; () if none."""
        return self.documents[0].damage if self.documents else ()


@dataclass(frozen=True)
class PlanSummary:
    """One plan: its key, its title and its versions, oldest first."""

    id: int
    key: str
    title: str
    versions: tuple[VersionSummary, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        data = asdict(self)
        for v, summary in zip(data["versions"], self.versions, strict=True):
            v["review_date"] = summary.review_date.isoformat() if summary.review_date else None
            v["formats"] = summary.formats
            v["actions"] = summary.actions
            v["damage"] = list(summary.damage)
        return data


@dataclass(frozen=True)
class ImportFailure:
    """A file that the last import of its path could not read."""

    path: str
    sha256: str | None
    kind: str
    error: str
    at: str
    # The version sheet that failed while the file's others were read; '' for the file.
    sheet: str = ""


def version_sort(v: VersionSummary) -> tuple[dt.date, tuple[int, ...], str]:
    return version_order(v.review_date, v.version, v.label)


class PlanStore(abc.ABC):
    """What every store offers: import documents, then list and query plans.

    A backend implements the abstract primitives; import, history and diff are written
    here once, over them.
    """

    path: Any

    # The writer's side, called by the import for each document.

    @abc.abstractmethod
    def known(self, sha256: str) -> list[Stored]:
        """Return the documents stored of these bytes (id, source, sheet), or [] when the
        bytes are to be read."""

    @abc.abstractmethod
    def add_documents(self, path: Path, sha256: str, plans: Sequence[Plan]) -> list[ImportResult]:
        """Store the documents read from one file (one per version sheet of a workbook
        kept so, else one), all of them or none; one result each."""

    def add_document(self, path: Path, sha256: str, plan: Plan) -> ImportResult:
        """Store one read document, whole or not at all."""
        return self.add_documents(path, sha256, [plan])[0]

    @abc.abstractmethod
    def add_failure(
        self,
        path: Path,
        sha256: str | None,
        kind: str,
        reason: str,
        detail: str | None = None,
        *,
        sheet: str = "",
    ) -> ImportResult:
        """Record why a file (or one version sheet of it) could not be imported."""

    # The reader's side.

    @abc.abstractmethod
    def import_errors(self) -> list[ImportFailure]:
        """Return the files whose last import failed, with the reason each."""

    @abc.abstractmethod
    def plans(self) -> list[PlanSummary]:
        """Return every plan with its versions (oldest first) and their documents."""

    @abc.abstractmethod
    def versions(self, plan: str) -> list[VersionSummary]:
        """Return a plan's versions, oldest first, each with its documents (preferred first)."""

    @abc.abstractmethod
    def document(self, document_id: int) -> Plan:
        """Return the Plan of one stored document, exactly as it was read."""

    @abc.abstractmethod
    def close(self) -> None:
        """Let go of the database."""

    def __enter__(self) -> PlanStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Written once for every backend.

    def import_paths(
        self,
        paths: Iterable[str | Path],
        *,
        workers: int | None = None,
        progress: Callable[[ImportProgress], None] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_memory: int | None = DEFAULT_MAX_MEMORY,
        cluster: str | None = None,
        password: str | None = None,
    ) -> Iterator[ImportResult]:
        """Import files and folders (recursively), yielding one result per file.

        A bad file gives a "failed" result with its reason (also kept in import_errors),
        never an exception; bytes already in the database give "skipped". `workers`
        processes parse (default: one per CPU; 0 parses in this process), or with
        `cluster` the workers of a Dask cluster ("tcp://host:8786", or "local:N" for a
        LocalCluster; needs the dask extra); a document that takes longer than `timeout`
        seconds to read fails (None: no limit), as does one taking more than
        `max_memory` bytes. `password` opens protected PDFs.
        """
        from actionplan.pipeline import ReadOptions

        files = discover(paths)
        weights = {str(f): weight(f) for f in files} if progress else {}
        tally = ImportProgress(len(files), pages=sum(weights.values()), weights=weights)
        if progress:
            progress(tally)
        options = ReadOptions(password=password) if password else None
        for result in run_import(
            files, self, workers, timeout, max_memory, cluster=cluster, options=options
        ):
            tally.add(result)
            if progress:
                progress(tally)
            yield result

    def plan_document(self, plan: str, version: str) -> Plan:
        """Return the Plan read from one version of a plan ("V8", "8" or its review date)."""
        return self.document(self._version(plan, version).documents[0].id)

    def version_plans(self, plan: str) -> list[Plan]:
        """Return one Plan per version of a plan, oldest first."""
        return [self.document(v.documents[0].id) for v in self.versions(plan)]

    def history(self, plan: str) -> History:
        """Return every action of a plan followed across all its stored versions."""
        from actionplan.compare import build_history

        return build_history(self.version_plans(plan))

    def diff(self, plan: str, old: str, new: str, *, force: bool = False) -> Diff:
        """Compare two stored versions of a plan, as `actionplan diff` compares two files
        (NEW earlier than OLD raises VersionsOutOfOrder unless `force`)."""
        from actionplan.compare import diff_plans

        old_plan, new_plan = self.plan_document(plan, old), self.plan_document(plan, new)
        return diff_plans(old_plan, new_plan, force=force)

    def export(self, plan: str, path: str | Path) -> Path:
        """Write every version of a plan and its history to an Excel workbook, as
        `actionplan export` does; return the path written."""
        data = self.export_bytes(plan)
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target

    def export_bytes(self, plan: str) -> bytes:
        """Return the .xlsx bytes of the workbook `export` writes."""
        from actionplan.compare import build_history

        # The store's one use of the export layer (pyproject's contract lets this import by).
        from actionplan.export.excel import plan_workbook, workbook_bytes

        versions, plans = self.versions(plan), self.version_plans(plan)
        return workbook_bytes(plan_workbook(plans, build_history(plans), versions))

    def _version(self, plan: str, label: str) -> VersionSummary:
        versions = self.versions(plan)
        vkey, date = parse_version_label(label)
        wanted = label.strip().lower()
        matches = [
            v
            for v in versions
            if (vkey and version_key(v.version) == vkey)
            or (date and v.review_date == date)
            or wanted == v.label.lower()
            or any(
                wanted in (Path(d.source).name.lower(), d.sheet.lower() or None)
                for d in v.documents
            )
        ]
        if len(matches) == 1:
            return matches[0]
        names = ", ".join(_describe(v) for v in versions)
        if matches:
            raise UnknownVersion(
                self.path,
                f"{label!r} names several versions of {plan!r}: "
                + ", ".join(_describe(v) for v in matches)
                + "; give the review date instead",
            )
        raise UnknownVersion(self.path, f"{plan!r} has no version {label!r} (versions: {names})")


def _describe(v: VersionSummary) -> str:
    return (
        f"{v.label} ({v.review_date})"
        if v.review_date and v.label != str(v.review_date)
        else v.label
    )


def match_plan(store: str | Path | None, rows: Sequence[tuple[int, str, str]], name: str) -> int:
    """Return the id of the one plan (id, key, title) that `name` names, or raise UnknownPlan."""
    wanted = plan_key(name) or name.strip().lower()
    exact = [r for r in rows if r[1] == wanted or r[2].lower() == name.strip().lower()]
    if len(exact) == 1:
        return int(exact[0][0])
    partial = [r for r in rows if f" {wanted} " in f" {r[1]} "]
    if len(partial) == 1:
        return int(partial[0][0])
    known = ", ".join(repr(r[2]) for r in sorted(rows, key=lambda r: r[1])) or "none yet"
    if len(partial) > 1:
        names = ", ".join(repr(r[2]) for r in partial)
        raise UnknownPlan(store, f"{name!r} names several plans: {names}")
    raise UnknownPlan(store, f"no plan named {name!r} (plans: {known})")
