"""The pages: Compare, Read and Store, rendered on the server (Jinja2, autoescaped).

Every string from a document reaches a page through Jinja2's autoescaping; the board
report is `export.html_report.diff_html` itself, served in a frame under its own CSP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from actionplan.errors import ActionplanError, NoDatabase, StoreError, UnknownPlan
from actionplan.web.api import start_import
from actionplan.web.server import BadUpload, NoStore, Server, save_fields, store_error
from actionplan.web.timeline import chart_svg, plan_overview, timeline
from actionplan.web.uploads import UploadFolder

if TYPE_CHECKING:
    from actionplan.models import Diff, Plan

MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
}
DIFF_DOWNLOADS = ("xlsx", "md", "csv", "json")
PLAN_DOWNLOADS = ("xlsx", "csv", "json")


def _server(request: Request) -> Server:
    server: Server = request.app.state.server
    return server


def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    """Render a page with what every page shows (the navigation, whether a store is open)."""
    env = request.app.state.templates
    defaults: dict[str, Any] = {"errors": [], "message": None, "page": None}
    html = env.get_template(template).render(
        **{**defaults, **context},
        request=request,
        store=_server(request).settings.db is not None,
        signed=bool(_server(request).settings.token),
    )
    return HTMLResponse(html, status_code=status)


def _stem(name: str) -> str:
    stem = PurePosixPath(name).stem or "document"
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-")[:60] or "document"


def _download(data: str | bytes, fmt: str, filename: str) -> Response:
    return Response(
        data,
        media_type=MEDIA[fmt],
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


@dataclass(frozen=True)
class Compared:
    """A diff kept for its report and downloads."""

    diff: Diff
    old: str
    new: str


async def compare_form(request: Request) -> Response:
    return render(request, "compare.html", page="compare")


async def compare(request: Request) -> Response:
    from actionplan.compare import diff_plans

    server = _server(request)
    with UploadFolder() as folder:
        try:
            fields = await save_fields(request, ("old", "new"), folder)
        except BadUpload as exc:
            return render(request, "compare.html", 400, page="compare", errors=[str(exc)])
        old, new = await server.read_all([fields["old"][0], fields["new"][0]])
    errors = [o.error for o in (old, new) if o.error]
    if errors or old.plan is None or new.plan is None:
        return render(request, "compare.html", 422, page="compare", errors=errors)
    try:
        result = await run_in_threadpool(diff_plans, old.plan, new.plan)
    except ActionplanError as exc:  # two different plans, or NEW before OLD: refused, as the CLI
        return render(request, "compare.html", 422, page="compare", errors=[str(exc)])
    key = server.results.put(Compared(result, old.name, new.name))
    return render(
        request,
        "compare_result.html",
        page="compare",
        key=key,
        old=old,
        new=new,
        diff=result,
        downloads=DIFF_DOWNLOADS,
        warnings=[*old.plan.warnings, *new.plan.warnings, *result.warnings],
    )


def _kept(request: Request, kind: type) -> Any:
    item = _server(request).results.get(request.path_params["key"])
    return item if isinstance(item, kind) else None


async def compare_report(request: Request) -> Response:
    from actionplan.export.html_report import CSP, diff_html

    kept = _kept(request, Compared)
    if kept is None:
        return render(request, "gone.html", 404)
    html = await run_in_threadpool(diff_html, kept.diff)
    # The report's own policy, and framed by this server's pages only.
    return HTMLResponse(
        html,
        headers={
            "content-security-policy": f"{CSP}; frame-ancestors 'self'",
            "x-frame-options": "SAMEORIGIN",
        },
    )


async def compare_download(request: Request) -> Response:
    from actionplan.export import render_diff

    kept, fmt = _kept(request, Compared), request.path_params["fmt"]
    if kept is None or fmt not in DIFF_DOWNLOADS:
        return render(request, "gone.html", 404)
    data = await run_in_threadpool(render_diff, kept.diff, fmt)
    return _download(data, fmt, f"{_stem(kept.old)}-to-{_stem(kept.new)}.{fmt}")


@dataclass(frozen=True)
class Read:
    """A plan kept for its downloads."""

    plan: Plan
    name: str


async def read_form(request: Request) -> Response:
    return render(request, "read.html", page="read")


async def read(request: Request) -> Response:
    server = _server(request)
    with UploadFolder() as folder:
        try:
            upload = (await save_fields(request, ("file",), folder))["file"][0]
        except BadUpload as exc:
            return render(request, "read.html", 400, page="read", errors=[str(exc)])
        outcome = await server.read(upload)
    if outcome.plan is None:
        return render(request, "read.html", 422, page="read", errors=[outcome.error])
    key = server.results.put(Read(outcome.plan, outcome.name))
    return render(
        request,
        "read_result.html",
        page="read",
        key=key,
        name=outcome.name,
        plan=outcome.plan,
        downloads=PLAN_DOWNLOADS,
    )


async def read_download(request: Request) -> Response:
    from actionplan.export import render_plans

    kept, fmt = _kept(request, Read), request.path_params["fmt"]
    if kept is None or fmt not in PLAN_DOWNLOADS:
        return render(request, "gone.html", 404)
    data = await run_in_threadpool(render_plans, [kept.plan], fmt)
    return _download(data, fmt, f"{_stem(kept.name)}.{fmt}")


async def _store_page(
    request: Request, fn: Any, template: str, empty: Any = None, **context: Any
) -> Response:
    try:
        found = await _server(request).with_store(fn)
    except NoStore:
        return render(request, "nostore.html", 404, page="store")
    except NoDatabase as exc:  # nothing imported yet
        if empty is None:
            return render(request, "gone.html", 404, page="store", message=store_error(exc))
        return render(request, template, page="store", **empty, **context)
    except UnknownPlan as exc:
        return render(request, "gone.html", 404, page="store", message=store_error(exc))
    except StoreError as exc:
        return render(request, "gone.html", 500, page="store", message=store_error(exc))
    if found is None:
        return render(request, "gone.html", 404, page="store")
    return render(request, template, page="store", **found, **context)


async def store(request: Request) -> Response:
    imports = _server(request).imports
    jobs = list(reversed(imports.jobs.values())) if imports else []
    return await _store_page(
        request,
        lambda s: {"plans": s.plans(), "import_errors": s.import_errors()},
        "store.html",
        {"plans": [], "import_errors": []},
        jobs=jobs[:10],
    )


async def store_import(request: Request) -> Response:
    problem, job = await start_import(request)
    if problem is not None:
        return render(request, "gone.html", job, page="store", message=problem)
    return RedirectResponse(f"/store/import/{job.id}", status_code=303)


async def import_page(request: Request) -> Response:
    imports = _server(request).imports
    job = imports.jobs.get(request.path_params["job"]) if imports else None
    if job is None:
        return render(request, "gone.html", 404, page="store")
    return render(request, "import.html", page="store", job=job.to_dict())


async def plan_page(request: Request) -> Response:
    name = request.path_params["plan"]
    return await _store_page(request, lambda s: plan_overview(s, name), "plan.html")


# An SVG shown as an image: matplotlib styles it with attributes, and as an image it
# runs no script whatever it holds.
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'"


async def chart(request: Request) -> Response:
    name, number = request.path_params["plan"], request.path_params["number"]
    try:
        svg = await _server(request).with_store(lambda s: chart_svg(s, name, number))
    except (NoStore, StoreError):
        svg = None
    if svg is None:
        return render(request, "gone.html", 404, page="store")
    return Response(svg, media_type="image/svg+xml", headers={"content-security-policy": SVG_CSP})


async def timeline_page(request: Request) -> Response:
    name, action = request.path_params["plan"], request.path_params["action"]
    return await _store_page(request, lambda s: timeline(s, name, action), "timeline.html")


async def login(request: Request) -> Response:
    from actionplan.web.guard import COOKIE, session_value

    token = _server(request).settings.token
    target = request.query_params.get("next", "/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    if request.method == "GET" or not token:
        return render(request, "login.html", next=target)
    from actionplan.web.throttle import client_address, refusal_message

    sign_ins, address = _server(request).sign_ins, client_address(request.scope)
    if wait := sign_ins.wait(address):  # too many wrong tokens: this one is not compared
        page = render(request, "login.html", 429, next=target, errors=[refusal_message(wait)])
        page.headers["retry-after"] = str(wait)
        return page
    async with request.form(max_files=0, max_fields=5) as form:
        given = str(form.get("token", ""))
    import hmac

    if not hmac.compare_digest(given.encode(), token.encode()):
        sign_ins.failed(address)
        return render(request, "login.html", 401, next=target, errors=["that is not the token"])
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, session_value(token), httponly=True, samesite="strict")
    return response


ROUTES = [
    Route("/", compare_form),
    Route("/compare", compare, methods=["POST"]),
    Route("/compare/{key}/report.html", compare_report),
    Route("/compare/{key}/diff.{fmt}", compare_download),
    Route("/read", read_form),
    Route("/read", read, methods=["POST"]),
    Route("/read/{key}/plan.{fmt}", read_download),
    Route("/store", store),
    Route("/store/import", store_import, methods=["POST"]),
    Route("/store/import/{job}", import_page),
    Route("/store/plan/{plan}", plan_page),
    Route("/store/plan/{plan}/action/{action}", timeline_page),
    Route("/store/plan/{plan}/chart/{number:int}.svg", chart),
    Route("/login", login, methods=["GET", "POST"]),
]
