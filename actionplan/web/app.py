"""The ASGI application: the pages, the API, the static files, behind the guard."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from actionplan.web import api, pages
from actionplan.web.guard import BodyTooLarge, Guard, too_large_message
from actionplan.web.server import Server
from actionplan.web.settings import Settings
from actionplan.web.timeline import rag_class

HERE = Path(__file__).resolve().parent


def templates() -> jinja2.Environment:
    """Return the pages' templates, every value escaped unless marked safe (none is)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["rag_class"] = rag_class
    return env


def _error_response(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return PlainTextResponse(message + "\n", status_code=status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _error_response(request, exc.status_code, str(exc.detail))


async def _too_large(request: Request, exc: Exception) -> Response:
    server: Server = request.app.state.server
    return _error_response(request, 413, too_large_message(server.settings.max_upload))


def create_app(settings: Settings | None = None) -> ASGIApp:
    """Return the app for `settings` (its reader processes start with the app's lifespan)."""
    settings = settings or Settings()
    server = Server(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        server.start()
        try:
            yield
        finally:
            server.stop()

    app = Starlette(
        routes=[
            *api.ROUTES,
            *pages.ROUTES,
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        exception_handlers={HTTPException: _http_error, BodyTooLarge: _too_large},
        lifespan=lifespan,
    )
    app.state.server = server
    app.state.templates = templates()
    return Guard(app, settings, server.sign_ins)
