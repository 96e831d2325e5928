"""What every request passes before a page or the API sees it, as one ASGI middleware.

A server on 127.0.0.1 is still reachable by any web page open in the user's browser, so:
the Host header must name this server (a page whose DNS name was rebound to 127.0.0.1
sends its own name); a POST must come from this server's own pages (its Origin, or when
the browser sends none, Sec-Fetch-Site); a body over the upload limit is refused with 413
before it is parsed, whether it declares its length or streams it; with a token every
request but the login and health check must carry it. Every answer gets the headers that
keep a page from being framed, sniffed or scripted from elsewhere.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote, urlsplit

from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from actionplan.web.settings import MB, Settings
from actionplan.web.throttle import SignInThrottle, client_address, refusal_message

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
COOKIE = "actionplan_session"
# The pages load their script and style from this server only and may frame only the
# report, which is served with the report's own, stricter policy (export.html_report.CSP).
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
HEADERS = {
    "x-content-type-options": "nosniff",
    # Not no-referrer: under it a browser sends `Origin: null` with the pages' own forms.
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
# Open without a token: the sign-in page itself, the health check and the static files.
OPEN_PATHS = ("/login", "/api/health", "/static/")


class BodyTooLarge(Exception):
    """The request body passed the upload limit while streaming."""


def session_value(token: str) -> str:
    """Return the cookie that proves a browser signed in with `token` (not the token)."""
    return hmac.new(token.encode(), b"actionplan-session", hashlib.sha256).hexdigest()


def too_large_message(limit: int) -> str:
    return f"the upload is over the {limit / MB:g} MB limit (see --max-upload-mb)"


class Guard:
    """The ASGI middleware that checks Host, Origin, the token and the body's size."""

    def __init__(
        self, app: ASGIApp, settings: Settings, sign_ins: SignInThrottle | None = None
    ) -> None:
        self.app = app
        self.settings = settings
        self.names = settings.host_names()
        self.sign_ins = sign_ins or SignInThrottle()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path: str = scope["path"]
        refusal = self._refusal(scope, headers, path)
        if refusal is not None:
            await _with_headers(refusal)(scope, receive, send)
            return
        limit = self.settings.max_upload
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = _add_headers(message, path)
            await send(message)

        try:
            await self.app(scope, counted, sending)
        except BodyTooLarge:
            if started:
                raise
            await _error(path, 413, too_large_message(limit))(scope, receive, sending)

    def _refusal(self, scope: Scope, headers: Headers, path: str) -> Response | None:
        host = _host_name(headers.get("host", ""))
        if host not in self.names:
            return _error(path, 400, f"this server does not answer to the host name {host!r}")
        method = scope["method"]
        if method not in SAFE_METHODS and not self._same_origin(headers):
            return _error(path, 403, "refused: the request came from another site's page")
        needs_token = self.settings.token and not path.startswith(OPEN_PATHS)
        if needs_token and (refused := self._token_refusal(scope, headers, path)) is not None:
            return refused
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.settings.max_upload:
            return _error(path, 413, too_large_message(self.settings.max_upload))
        return None

    def _same_origin(self, headers: Headers) -> bool:
        origin = headers.get("origin")
        site = headers.get("sec-fetch-site")
        if origin is None or origin == "null":
            # A browser that sends no Origin (or null) still says where a request came
            # from, in a header no page can set; a script (curl, httpx) sends neither.
            return site == "same-origin" or (origin is None and site in (None, "none"))
        parts = urlsplit(origin)
        own = headers.get("host", "").lower()
        return parts.scheme in ("http", "https") and parts.netloc.lower() == own

    def _token_refusal(self, scope: Scope, headers: Headers, path: str) -> Response | None:
        """Return the answer to a request without the right token, None if it has it.

        A bearer token is counted against its address (throttle.py) and, once that
        address has offered too many wrong ones, not compared at all; the session cookie
        is an HMAC of the token and is not counted.
        """
        token = self.settings.token or ""
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            address = client_address(scope)
            if wait := self.sign_ins.wait(address):
                return _error(path, 429, refusal_message(wait), {"retry-after": str(wait)})
            if hmac.compare_digest(auth[7:].strip().encode(), token.encode()):
                return None
            self.sign_ins.failed(address)
            return _error(path, 401, "that bearer token is not this server's token")
        cookie = cookie_parser(headers.get("cookie", "")).get(COOKIE, "")
        if hmac.compare_digest(cookie.encode(), session_value(token).encode()):
            return None
        if path.startswith("/api/") or scope["method"] not in SAFE_METHODS:
            return _error(path, 401, "sign in: send the token as 'Authorization: Bearer'")
        return RedirectResponse(f"/login?next={quote(path)}", status_code=303)


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8765
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _error(path: str, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


def _add_headers(message: Message, path: str) -> Message:
    raw = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
    names = {k.lower() for k, _ in raw}
    extra = dict(HEADERS)
    if b"content-security-policy" not in names:
        extra["content-security-policy"] = PAGE_CSP
    if not path.startswith("/static/"):
        extra.setdefault("cache-control", "no-store")
    raw += [(k.encode(), v.encode()) for k, v in extra.items() if k.encode() not in names]
    return {**message, "headers": raw}


def _with_headers(response: Response) -> Response:
    response.headers.update({**HEADERS, "content-security-policy": PAGE_CSP})
    return response
