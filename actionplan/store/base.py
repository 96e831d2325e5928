"""What every store is: the records it answers with, the protocol a backend implements,
and the queries built on that protocol once for every backend.

A backend (SQLite today) implements the primitives of `PlanStore`: the writer's side
(`known`, `add_document`, `add_failure`) and the reader's (`plans`, `versions`,
`document`, `import_errors`). `StoreQueries` gives it import, history and diff.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from actionplan.errors import UnknownPlan, UnknownVersion
from actionplan.extract.formats import discover
from actionplan.normalise.keys import parse_version_label, plan_key, version_key
from actionplan.rules import version_order
from actionplan.store.importer import DEFAULT_TIMEOUT, ImportProgress, ImportResult, run_import

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
        return data


@dataclass(frozen=True)
class ImportFailure:
    """A file that the last import of its path could not read."""

    path: str
    sha256: str | None
    kind: str
    error: str
    at: str


def version_sort(v: VersionSummary) -> tuple[dt.date, tuple[int, ...], str]:
    return version_order(v.review_date, v.version, v.label)


class PlanStore(Protocol):
    """The operations every store offers: import documents, then list and query plans."""

    path: Any

    def known(self, sha256: str) -> tuple[int, str] | None: ...

    def add_document(self, path: Path, sha256: str, plan: Plan) -> ImportResult: ...

    def add_failure(
        self, path: Path, sha256: str | None, kind: str, reason: str, detail: str | None = None
    ) -> ImportResult: ...

    def import_paths(
        self,
        paths: Iterable[str | Path],
        *,
        workers: int | None = None,
        progress: Callable[[ImportProgress], None] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> Iterator[ImportResult]: ...

    def import_errors(self) -> list[ImportFailure]: ...

    def plans(self) -> list[PlanSummary]: ...

    def versions(self, plan: str) -> list[VersionSummary]: ...

    def document(self, document_id: int) -> Plan: ...

    def plan_document(self, plan: str, version: str) -> Plan: ...

    def version_plans(self, plan: str) -> list[Plan]: ...

    def history(self, plan: str) -> History: ...

    def diff(self, plan: str, old: str, new: str) -> Diff: ...

    def close(self) -> None: ...

    def __enter__(self) -> PlanStore: ...

    def __exit__(self, *exc: object) -> None: ...


class StoreQueries:
    """Import, history and diff, written once over a backend's primitives."""

    path: Any

    def known(self, sha256: str) -> tuple[int, str] | None:
        raise NotImplementedError

    def add_document(self, path: Path, sha256: str, plan: Plan) -> ImportResult:
        raise NotImplementedError

    def add_failure(
        self, path: Path, sha256: str | None, kind: str, reason: str, detail: str | None = None
    ) -> ImportResult:
        raise NotImplementedError

    def versions(self, plan: str) -> list[VersionSummary]:
        raise NotImplementedError

    def document(self, document_id: int) -> Plan:
        raise NotImplementedError

    def import_paths(
        self,
        paths: Iterable[str | Path],
        *,
        workers: int | None = None,
        progress: Callable[[ImportProgress], None] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
    ) -> Iterator[ImportResult]:
        """Import files and folders (recursively), yielding one result per file.

        A bad file gives a "failed" result with its reason (also kept in import_errors),
        never an exception; bytes already in the database give "skipped". `workers`
        processes parse (default: one per CPU; 0 parses in this process); a document
        that takes longer than `timeout` seconds to read fails (None: no limit).
        """
        files = discover(paths)
        tally = ImportProgress(total=len(files))
        if progress:
            progress(tally)
        for result in run_import(files, self, workers, timeout):
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

    def diff(self, plan: str, old: str, new: str) -> Diff:
        """Compare two stored versions of a plan, as `actionplan diff` compares two files."""
        from actionplan.compare import diff_plans

        return diff_plans(self.plan_document(plan, old), self.plan_document(plan, new))

    def _version(self, plan: str, label: str) -> VersionSummary:
        versions = self.versions(plan)
        vkey, date = parse_version_label(label)
        matches = [
            v
            for v in versions
            if (vkey and version_key(v.version) == vkey)
            or (date and v.review_date == date)
            or label.strip().lower() == v.label.lower()
            or any(Path(d.source).name.lower() == label.strip().lower() for d in v.documents)
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
