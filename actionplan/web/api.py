"""The JSON API under /api: the CLI's contract over HTTP.

POST /api/extract (field `file`) answers the extract JSON, POST /api/diff (`old`, `new`)
the diff JSON, GET /api/plans and /api/plans/{plan}/history the store's, POST /api/import
(`files`, repeatable; a zip of a folder is opened) starts an import and answers 202 with
the job, GET /api/import/{job} its progress (`?wait=1` on the POST waits for the end).

A document that cannot be read is 422 with {"error": "<the CLI's one line>"}; a request
without the fields asked for 400; an unknown plan 404; a store-less server 404 on the
store's routes; a body over --max-upload-mb 413 (guard.py); a foreign Origin 403, a
foreign Host 400 and a missing token 401 (guard.py too).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from actionplan.errors import ActionplanError, NoDatabase, StoreError, UnknownPlan
from actionplan.export import render_diff, render_history, render_plans
from actionplan.web.server import BadUpload, NoStore, Server, plans_json, save_fields, store_error
from actionplan.web.uploads import UploadFolder, expand_zip, is_folder_zip

NO_STORE = "this server has no store: start it with `actionplan serve --db FILE`"


def _server(request: Request) -> Server:
    server: Server = request.app.state.server
    return server


def error(status: int, message: str, **more: Any) -> JSONResponse:
    """Return the API's error answer: one line, as the CLI prints it."""
    return JSONResponse({"error": message, **more}, status_code=status)


def _json(text: str | bytes, status: int = 200) -> Response:
    return Response(text, status_code=status, media_type="application/json")


async def health(request: Request) -> Response:
    return JSONResponse({"ok": True})


async def extract(request: Request) -> Response:
    server = _server(request)
    with UploadFolder() as folder:
        try:
            upload = (await save_fields(request, ("file",), folder))["file"][0]
        except BadUpload as exc:
            return error(400, str(exc))
        outcome = await server.read(upload)
    if outcome.plan is None:
        return error(422, outcome.error or "")
    plan = outcome.plan
    return _json(await run_in_threadpool(render_plans, [plan], "json"))


async def diff(request: Request) -> Response:
    from actionplan.compare import diff_plans

    server = _server(request)
    with UploadFolder() as folder:
        try:
            fields = await save_fields(request, ("old", "new"), folder)
        except BadUpload as exc:
            return error(400, str(exc))
        old, new = await server.read_all([fields["old"][0], fields["new"][0]])
    failures = [o.error for o in (old, new) if o.error]
    if failures or old.plan is None or new.plan is None:
        return error(422, failures[0], errors=failures)
    try:
        result = await run_in_threadpool(diff_plans, old.plan, new.plan)
    except ActionplanError as exc:  # two different plans, or NEW before OLD: refused, as the CLI
        return error(422, str(exc))
    return _json(render_diff(result, "json"))


async def plans(request: Request) -> Response:
    try:
        data = await _server(request).with_store(plans_json)
    except NoStore:
        return error(404, NO_STORE)
    except NoDatabase:  # nothing imported yet
        data = {"plans": [], "import_errors": []}
    except StoreError as exc:
        return error(500, store_error(exc))
    return _json(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


async def history(request: Request) -> Response:
    name = request.path_params["plan"]
    try:
        result = await _server(request).with_store(lambda store: store.history(name))
    except NoStore:
        return error(404, NO_STORE)
    except (UnknownPlan, NoDatabase) as exc:
        return error(404, store_error(exc))
    except StoreError as exc:
        return error(500, store_error(exc))
    return _json(await run_in_threadpool(render_history, result, "json"))


async def start_import(request: Request) -> tuple[str | None, Any]:
    """Save the uploads of an import (opening folder zips) and start its job.

    Return (None, job), or (the error, its status) for the caller to answer.
    """
    server = _server(request)
    if server.imports is None:
        return NO_STORE, 404
    folder = UploadFolder()
    try:
        uploads = (await save_fields(request, ("files",), folder, many=True))["files"]
        documents, refused = [], []
        for upload in uploads:
            if not await run_in_threadpool(is_folder_zip, upload.path):
                documents.append(upload)
                continue
            try:
                inside = await run_in_threadpool(
                    expand_zip, upload, folder, server.settings.max_upload
                )
            except ActionplanError as exc:  # UnsafeDocument, or a damaged archive
                refused.append((upload.name, exc.message))
                continue
            finally:
                upload.path.unlink(missing_ok=True)
            if not inside:
                refused.append((upload.name, "no review documents in this zip"))
            documents.extend(inside)
    except BadUpload as exc:
        folder.close()
        return str(exc), 400
    except BaseException:
        folder.close()
        raise
    return None, server.imports.start(documents, folder, refused)


async def import_files(request: Request) -> Response:
    problem, job = await start_import(request)
    if problem is not None:
        return error(job, problem)
    if request.query_params.get("wait"):
        while job.state != "done":
            await asyncio.sleep(0.1)
        return JSONResponse(job.to_dict())
    return JSONResponse({**job.to_dict(), "status_url": f"/api/import/{job.id}"}, status_code=202)


async def import_status(request: Request) -> Response:
    imports = _server(request).imports
    if imports is None:
        return error(404, NO_STORE)
    job = imports.jobs.get(request.path_params["job"])
    if job is None:
        return error(404, "no such import (finished imports are kept for a while only)")
    return JSONResponse(job.to_dict())


ROUTES = [
    Route("/api/health", health),
    Route("/api/extract", extract, methods=["POST"]),
    Route("/api/diff", diff, methods=["POST"]),
    Route("/api/plans", plans),
    Route("/api/plans/{plan}/history", history),
    Route("/api/import", import_files, methods=["POST"]),
    Route("/api/import/{job}", import_status),
]
