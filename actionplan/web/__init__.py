"""`actionplan serve`: the library's main jobs in a browser, for people without a terminal.

A Starlette app served by uvicorn, its pages rendered on the server (Jinja2) with a small
script shipped here (no CDN: these machines are often offline). `create_app(Settings())`
returns the ASGI app; `actionplan serve` builds the Settings from its options.

    app.py       the routes, templates and lifespan, behind guard.py
    guard.py     Host, Origin, token and upload-size checks; security headers
    api.py       the JSON API under /api (the CLI's contract)
    pages.py     Compare, Read and Store pages; timeline.py, what a stored plan's pages show
    server.py    shared state: settings, reader processes, jobs, saving uploads
    uploads.py   private temporary upload folders; folder zips opened with a guard
    work.py      reader processes (actionplan.batch) queued for; import jobs
"""

from __future__ import annotations

from actionplan.web.app import create_app
from actionplan.web.settings import Settings

__all__ = ["Settings", "create_app"]
