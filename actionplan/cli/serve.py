"""`actionplan serve`: the web pages and JSON API (actionplan.web) on this machine.

Starlette and uvicorn are imported only when the command runs, so `actionplan --help`
stays fast and the CLI works without the `web` extra.
"""

from __future__ import annotations

import socket
import sys
import threading
import webbrowser

import click

from actionplan.cli.common import Budget, budget_option


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise click.ClickException(
            f"cannot listen on {host}:{port} ({exc.strerror or exc})"
        ) from None
    sock.listen(128)
    return sock


@click.command("serve")
@click.option(
    "--db",
    metavar="FILE|URL",
    help="The store of the Store pages: a SQLite file (created on the first import) or a "
    "postgresql:// URL. Without it: Compare and Read only.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser.")
@click.option(
    "--token",
    envvar="ACTIONPLAN_TOKEN",
    help="A secret every request must carry (a bearer token, or the sign-in page); "
    "required with a --host other machines can reach. Also read from ACTIONPLAN_TOKEN.",
)
@click.option(
    "--allow-host",
    multiple=True,
    metavar="NAME",
    help="Another host name the server is reached by (e.g. its DNS name); repeatable.",
)
@click.option(
    "--max-upload-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=50,
    show_default=True,
    help="Largest request body; a larger upload is refused (413).",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Documents read at once, each in its own process; more wait in line.",
)
@budget_option
def serve_cmd(
    db: str | None,
    host: str,
    port: int,
    open_browser: bool,
    token: str | None,
    allow_host: tuple[str, ...],
    max_upload_mb: float,
    jobs: int,
    budget: Budget,
) -> None:
    """Serve the Compare, Read and Store pages, and the JSON API, in a local web page.

    It listens on 127.0.0.1 (this computer only) unless --host says otherwise; a host
    other machines can reach needs --token. Uploads go to a private temporary folder and
    are deleted once read.

    \b
    Examples:
      actionplan serve --open
      actionplan serve --db plans.db
      actionplan serve --db /srv/plans.db --host 0.0.0.0 --token "$SECRET"
    """
    try:
        import multiprocessing

        import uvicorn

        from actionplan.web import Settings, create_app
        from actionplan.web.settings import MB, is_loopback
    except ImportError as exc:
        raise click.ClickException(
            f"serve needs the web extra: pip install 'actionplan[web]' ({exc})"
        ) from None
    if not is_loopback(host) and not token:
        raise click.UsageError(
            f"--host {host} can be reached from other machines: give --token SECRET (or set "
            "ACTIONPLAN_TOKEN), which every request must then carry"
        )
    settings = Settings(
        db=db,
        host=host,
        port=port,
        token=token,
        max_upload=int(max_upload_mb * MB),
        jobs=jobs,
        timeout=budget.timeout,
        max_memory=budget.max_memory,
        allow_hosts=allow_host,
    )
    # Reader processes fork from a server that has the readers imported already.
    if "forkserver" in multiprocessing.get_all_start_methods():
        multiprocessing.set_forkserver_preload(["actionplan.pipeline"])
    sock = _bind(host, port)
    url = settings.url(sock.getsockname()[1])
    config = uvicorn.Config(
        create_app(settings), log_level="warning", server_header=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    click.echo(f"actionplan serve: {url}  (Ctrl+C to stop)", err=True)
    if token:
        click.echo("every request must carry the token (the page asks for it once)", err=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    if not server.started:
        sys.exit(1)
