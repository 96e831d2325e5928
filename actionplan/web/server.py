"""What the pages and the API share: the settings, the readers, the jobs, the uploads.

Each request that reads documents saves its uploads in a private folder (uploads.py),
waits for a reader process (work.ReaderPool) and gets back the Plan, relabelled with the
uploaded file's name, or the one line the CLI would print for that file.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request

from actionplan.errors import ActionplanError
from actionplan.web.settings import Settings
from actionplan.web.throttle import SignInThrottle
from actionplan.web.uploads import Upload, UploadFolder, display_name
from actionplan.web.work import Imports, ReaderPool, Results, relabel

if TYPE_CHECKING:
    from actionplan.models import Plan
    from actionplan.store import PlanStore

T = TypeVar("T")
CHUNK = 1 << 20
MAX_FILES = 1000


class BadUpload(Exception):
    """The request does not hold the files asked for (a 400, said in one line)."""


class NoStore(Exception):
    """The server was started without --db."""


@dataclass(frozen=True)
class Outcome:
    """One uploaded document's reading: its Plan, or the CLI's one line for it."""

    name: str
    plan: Plan | None = None
    error: str | None = None


class Server:
    """The state of one running server."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sign_ins = SignInThrottle()  # wrong tokens by address, for the guard and /login
        self.readers: ReaderPool | None = None
        self.imports = (
            Imports(settings.db, settings.timeout, settings.max_memory) if settings.db else None
        )
        self.results = Results()

    def start(self) -> None:
        s = self.settings
        self.readers = ReaderPool(s.jobs, s.timeout, s.max_memory)

    def stop(self) -> None:
        if self.imports is not None:
            self.imports.close()
        if self.readers is not None:
            self.readers.close()
            self.readers = None

    async def read(self, upload: Upload) -> Outcome:
        """Read one saved upload in a reader process."""
        assert self.readers is not None, "the server has not started"
        parsed = await self.readers.read(upload.path)
        if parsed.plan is None:
            reason = (parsed.error or "").replace(str(upload.path), upload.name)
            return Outcome(upload.name, error=f"{upload.name}: {reason}")
        return Outcome(upload.name, relabel(parsed.plan, upload.path, upload.name))

    async def read_all(self, uploads: list[Upload]) -> list[Outcome]:
        """Read uploads side by side (as many at once as there are readers)."""
        return list(await asyncio.gather(*(self.read(u) for u in uploads)))

    async def with_store(self, fn: Callable[[PlanStore], T]) -> T:
        """Run `fn` over the store in a worker thread (a connection of its own)."""
        db = self.settings.db
        if db is None:
            raise NoStore

        def run() -> T:
            from actionplan.store import open_store

            # Raises NoDatabase before the first import (queries never create one).
            with open_store(db, create=False) as store:
                return fn(store)

        return await run_in_threadpool(run)


async def save_fields(
    request: Request, names: tuple[str, ...], folder: UploadFolder, *, many: bool = False
) -> dict[str, list[Upload]]:
    """Save the files of the multipart fields `names` into `folder`, by field.

    Raises BadUpload naming a missing field.
    """
    if "multipart/form-data" not in request.headers.get("content-type", ""):
        raise BadUpload(f"send multipart/form-data with the field(s) {', '.join(names)}")
    found: dict[str, list[Upload]] = {n: [] for n in names}
    async with request.form(max_files=MAX_FILES, max_fields=100) as form:
        for name in names:
            files = [f for f in form.getlist(name) if isinstance(f, UploadFile)]
            if not files or (not many and len(files) > 1):
                raise BadUpload(
                    f"give one file in the field {name!r}"
                    if not many
                    else f"give the files in the field {name!r}"
                )
            for f in files:
                upload = folder.new(display_name(f.filename, fallback=name))
                with upload.path.open("xb") as fh:
                    while piece := await f.read(CHUNK):
                        fh.write(piece)
                found[name].append(upload)
    return found


def store_error(exc: BaseException) -> str:
    """Return the one line for a store error."""
    return str(exc) if isinstance(exc, ActionplanError) else f"{type(exc).__name__}: {exc}"


def plans_json(store: PlanStore) -> dict[str, Any]:
    """Return the store's plans as `actionplan plans --format json` prints them."""
    return {
        "plans": [p.to_dict() for p in store.plans()],
        "import_errors": [vars(e) for e in store.import_errors()],
    }
