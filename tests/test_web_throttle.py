"""Guessing `actionplan serve`'s token is slow: after 10 wrong tokens in a minute from one
address, that address is refused (429, Retry-After) and no token it offers is compared,
the right one included, on the sign-in page and as a bearer token alike; other addresses
go on, and the address may try again once the oldest wrong token is a minute old."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from actionplan.web import Settings, create_app
from actionplan.web.guard import Guard
from actionplan.web.throttle import SignInThrottle

OWN = "http://127.0.0.1:8765"
TOKEN = "s3cret"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(clock: Clock) -> Guard:
    guard = create_app(Settings(host="0.0.0.0", token=TOKEN))
    assert isinstance(guard, Guard)
    guard.sign_ins.clock = clock  # the same throttle the sign-in page uses
    return guard


def client(app: Guard, address: str) -> TestClient:
    return TestClient(app, base_url=OWN, client=(address, 50000))


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def test_bearer_guesses_are_refused_after_ten_and_the_right_token_too(
    app: Guard, clock: Clock
) -> None:
    c = client(app, "203.0.113.5")
    for i in range(10):
        clock.now += 1
        wrong = c.get("/api/plans", headers=bearer(f"guess{i}"))
        assert wrong.status_code == 401, i
        assert wrong.json() == {"error": "that bearer token is not this server's token"}
    refused = c.get("/api/plans", headers=bearer(TOKEN))
    assert refused.status_code == 429
    # The first wrong token (at 1001) is a minute old at 1061: 51 s from now (1010).
    assert refused.headers["retry-after"] == "51"
    assert refused.json() == {"error": "too many wrong tokens from this address: try again in 51 s"}
    # Another address is not held up.
    assert client(app, "198.51.100.7").get("/api/plans", headers=bearer(TOKEN)).status_code == 404
    clock.now = 1061.0
    assert c.get("/api/plans", headers=bearer(TOKEN)).status_code == 404  # through the guard


def test_the_sign_in_page_counts_wrong_tokens_with_the_bearer_ones(
    app: Guard, clock: Clock
) -> None:
    c = client(app, "203.0.113.9")
    for i in range(5):
        assert c.get("/api/plans", headers=bearer(f"guess{i}")).status_code == 401
    for i in range(5):
        page = c.post("/login", data={"token": f"form{i}"}, follow_redirects=False)
        assert page.status_code == 401 and "that is not the token" in page.text
    page = c.post("/login?next=/read", data={"token": TOKEN}, follow_redirects=False)
    assert page.status_code == 429
    assert page.headers["retry-after"] == "60"
    assert "too many wrong tokens from this address: try again in 60 s" in page.text
    assert "set-cookie" not in page.headers
    clock.now += 60
    page = c.post("/login?next=/read", data={"token": TOKEN}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/read"


def test_a_cookie_from_an_old_token_is_not_counted(app: Guard) -> None:
    c = client(app, "203.0.113.11")
    c.cookies.set("actionplan_session", "stale")
    for _ in range(20):
        assert c.get("/api/plans").status_code == 401
    assert c.get("/api/plans", headers=bearer(TOKEN)).status_code == 404


def test_the_window_slides_one_wrong_token_at_a_time(clock: Clock) -> None:
    t = SignInThrottle(limit=3, window=10, clock=clock)
    for at in (0, 4, 8):
        clock.now = 1000 + at
        assert t.wait("a") == 0
        t.failed("a")
    assert t.wait("a") == 2  # the first (at 1000) leaves the window at 1010
    clock.now = 1010
    assert t.wait("a") == 0
    t.failed("a")
    assert t.wait("a") == 4  # now the one at 1004 is the oldest
    assert t.wait("b") == 0


def test_it_remembers_a_bounded_number_of_addresses(clock: Clock) -> None:
    t = SignInThrottle(limit=1, window=60, clock=clock, max_addresses=100)
    for i in range(1000):
        t.failed(f"10.0.{i // 256}.{i % 256}")
    assert len(t._failures) == 100
    assert t.wait("10.0.3.231") == 60  # the most recent are kept
    assert t.wait("10.0.0.0") == 0
