"""`actionplan serve`'s guard, tested through Starlette's test client with no reader
started: the Host and Origin checks, the token, the upload limit, the headers, the
answers that need no document read (health, a request without its fields, no store)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from actionplan.web import Settings, create_app
from actionplan.web.guard import COOKIE, PAGE_CSP, session_value
from actionplan.web.settings import MB

OWN = "http://127.0.0.1:8765"


def client(**settings: object) -> TestClient:
    """A client of an app whose lifespan is not run: no reader process is started."""
    return TestClient(create_app(Settings(**settings)), base_url=OWN)  # type: ignore[arg-type]


def test_health_answers_ok() -> None:
    answer = client().get("/api/health")
    assert answer.status_code == 200
    assert answer.json() == {"ok": True}


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.2:8765", ""])
def test_a_host_header_that_is_not_the_server_is_refused(host: str) -> None:
    # A page on evil.example whose DNS name was rebound to 127.0.0.1 sends its own name.
    answer = client().get("/api/health", headers={"host": host})
    assert answer.status_code == 400
    assert "does not answer to the host name" in answer.json()["error"]


@pytest.mark.parametrize("host", ["localhost:8765", "127.0.0.1", "[::1]:8765"])
def test_the_loopback_names_are_the_server(host: str) -> None:
    assert client().get("/api/health", headers={"host": host}).status_code == 200


def test_a_page_is_refused_on_a_foreign_host_in_plain_text() -> None:
    answer = client().get("/", headers={"host": "evil.example"})
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("text/plain")


def test_another_name_is_answered_when_allowed() -> None:
    c = client(host="0.0.0.0", token="t", allow_hosts=("plans.council.example",))
    answer = c.get("/api/health", headers={"host": "plans.council.example:8765"})
    assert answer.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "http://127.0.0.1:9999"},  # another server on this machine
        {"origin": "null"},  # a sandboxed frame or a file:// page
        {"origin": "null", "sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "cross-site"},  # a browser that sent no Origin
    ],
)
def test_a_post_from_another_sites_page_is_refused(headers: dict[str, str]) -> None:
    answer = client().post("/api/extract", headers=headers, files={"file": ("a.txt", b"x")})
    assert answer.status_code == 403
    assert answer.json() == {"error": "refused: the request came from another site's page"}


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": OWN},
        {"sec-fetch-site": "same-origin"},
        {"origin": "null", "sec-fetch-site": "same-origin"},
        {},
    ],
)
def test_a_post_from_the_servers_own_page_or_a_script_passes_the_guard(
    headers: dict[str, str],
) -> None:
    # It gets as far as the endpoint, which finds no field 'file'.
    answer = client().post("/api/extract", headers=headers, files={"other": ("a.txt", b"x")})
    assert answer.status_code == 400
    assert answer.json() == {"error": "give one file in the field 'file'"}


def test_a_request_that_is_not_multipart_is_told_what_to_send() -> None:
    answer = client().post("/api/diff", content=b"{}", headers={"content-type": "application/json"})
    assert answer.status_code == 400
    assert answer.json() == {"error": "send multipart/form-data with the field(s) old, new"}


def test_diff_needs_both_fields() -> None:
    answer = client().post("/api/diff", files={"old": ("a.docx", b"x")})
    assert answer.status_code == 400
    assert answer.json() == {"error": "give one file in the field 'new'"}


def test_a_body_declared_over_the_limit_is_refused_before_it_is_read() -> None:
    c = client(max_upload=1 * MB)
    answer = c.post("/api/extract", files={"file": ("big.pdf", b"%PDF-" + b"0" * (1 * MB))})
    assert answer.status_code == 413
    assert answer.json() == {"error": "the upload is over the 1 MB limit (see --max-upload-mb)"}


def test_a_streamed_body_over_the_limit_is_refused_as_it_arrives() -> None:
    def body() -> object:
        yield b"--b\r\ncontent-disposition: form-data; name=file; filename=a.pdf\r\n\r\n"
        for _ in range(40):
            yield b"0" * 64 * 1024
        yield b"\r\n--b--\r\n"

    c = client(max_upload=1 * MB)
    answer = c.post(
        "/api/extract",
        content=body(),  # type: ignore[arg-type]  # chunked: no content-length
        headers={"content-type": "multipart/form-data; boundary=b"},
    )
    assert answer.status_code == 413
    assert "over the 1 MB limit" in answer.json()["error"]


def test_a_page_upload_over_the_limit_is_refused_too() -> None:
    answer = client(max_upload=MB // 2).post("/compare", files={"old": ("a", b"0" * MB)})
    assert answer.status_code == 413
    assert answer.text == "the upload is over the 0.5 MB limit (see --max-upload-mb)\n"


def test_without_a_store_the_store_routes_say_how_to_get_one() -> None:
    c = client()
    for answer in (c.get("/api/plans"), c.get("/api/plans/cp/history")):
        assert answer.status_code == 404
        assert "start it with `actionplan serve --db FILE`" in answer.json()["error"]
    answer = c.post("/api/import", files={"files": ("a.docx", b"x")})
    assert answer.status_code == 404
    assert c.get("/store").status_code == 404
    assert 'href="/store"' not in c.get("/").text


def test_before_the_first_import_the_store_is_empty_not_missing(tmp_path: object) -> None:
    c = client(db=f"{tmp_path}/plans.db")
    assert c.get("/api/plans").json() == {"plans": [], "import_errors": []}
    assert "No plans yet" in c.get("/store").text
    answer = c.get("/api/plans/cp/history")
    assert answer.status_code == 404
    assert "no such database" in answer.json()["error"]


def test_unknown_routes_and_methods_answer_in_the_apis_form() -> None:
    c = client()
    assert c.get("/api/nothing").status_code == 404
    assert c.get("/api/nothing").json() == {"error": "Not Found"}
    answer = c.get("/api/extract")
    assert answer.status_code == 405
    assert answer.json() == {"error": "Method Not Allowed"}


def test_a_kept_result_that_is_gone_is_404() -> None:
    c = client()
    assert c.get("/compare/nope/diff.xlsx").status_code == 404
    assert c.get("/compare/nope/report.html").status_code == 404
    assert c.get("/read/nope/plan.xlsx").status_code == 404
    assert c.get("/api/import/nope").status_code == 404  # without a store


def test_every_page_gets_the_headers_that_keep_it_to_itself() -> None:
    c = client()
    for path in ("/", "/read", "/api/health", "/static/app.js"):
        headers = c.get(path).headers
        assert headers["content-security-policy"] == PAGE_CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert "server" not in headers
    assert "'unsafe-inline'" not in PAGE_CSP and "frame-ancestors 'none'" in PAGE_CSP


def test_the_pages_load_only_their_own_script_and_style() -> None:
    page = client().get("/").text
    assert '<script src="/static/app.js" defer></script>' in page
    assert "http://" not in page and "https://" not in page  # no CDN
    assert "<script>" not in page and " style=" not in page  # nothing inline


class TestToken:
    """With --token every request but the sign-in, the health check and the static files
    carries it: as a bearer token, or as the cookie the sign-in page sets."""

    def c(self) -> TestClient:
        return client(host="0.0.0.0", token="s3cret")

    def test_the_api_wants_the_token(self) -> None:
        c = self.c()
        answer = c.get("/api/plans")
        assert answer.status_code == 401
        assert answer.json() == {"error": "sign in: send the token as 'Authorization: Bearer'"}
        bad = c.get("/api/plans", headers={"authorization": "Bearer wrong"})
        assert bad.status_code == 401
        good = c.get("/api/plans", headers={"authorization": "Bearer s3cret"})
        assert good.status_code == 404  # through the guard: this server has no store

    def test_health_and_static_files_are_open(self) -> None:
        c = self.c()
        assert c.get("/api/health").status_code == 200
        assert c.get("/static/app.css").status_code == 200

    def test_a_page_sends_the_browser_to_sign_in_and_back(self) -> None:
        c = self.c()
        answer = c.get("/read", follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/login?next=/read"
        assert 'name="token"' in c.get("/login?next=/read").text
        wrong = c.post("/login?next=/read", data={"token": "nope"}, follow_redirects=False)
        assert wrong.status_code == 401
        right = c.post("/login?next=/read", data={"token": "s3cret"}, follow_redirects=False)
        assert right.status_code == 303
        assert right.headers["location"] == "/read"
        cookie = right.cookies[COOKIE]
        assert cookie == session_value("s3cret") and "s3cret" not in cookie
        assert "httponly" in right.headers["set-cookie"].lower()
        assert "samesite=strict" in right.headers["set-cookie"].lower()
        fresh = self.c()
        assert fresh.get("/read", follow_redirects=False).status_code == 303
        fresh.cookies.set(COOKIE, cookie)
        assert fresh.get("/read").status_code == 200
        fresh.cookies.set(COOKIE, session_value("another token"))
        assert fresh.get("/read", follow_redirects=False).status_code == 303

    def test_sign_in_never_sends_the_browser_off_the_site(self) -> None:
        c = self.c()
        answer = c.post(
            "/login?next=//evil.example/", data={"token": "s3cret"}, follow_redirects=False
        )
        assert answer.headers["location"] == "/"


def test_serve_beyond_loopback_without_a_token_is_refused() -> None:
    from click.testing import CliRunner

    from actionplan.cli import cli

    out = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"], env={"ACTIONPLAN_TOKEN": ""})
    assert out.exit_code == 2
    assert "--host 0.0.0.0 can be reached from other machines: give --token SECRET" in out.output


def test_serve_on_a_port_in_use_says_so_in_one_line() -> None:
    import socket

    from click.testing import CliRunner

    from actionplan.cli import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        out = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert out.exit_code == 1
    assert out.output.startswith(f"Error: cannot listen on 127.0.0.1:{port} (")
    assert "Traceback" not in out.output
