"""`actionplan serve`'s JSON API and pages with real reader processes, through Starlette's
test client: every endpoint against what the library (and so the CLI) answers for the same
files, every error code, zip refusals, requests at once, uploads gone after."""

from __future__ import annotations

import io
import json
import re
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient

import actionplan
from actionplan.compare import diff_plans
from actionplan.export import render_diff, render_history, render_plans
from actionplan.export.html_report import CSP
from actionplan.store import open_store
from actionplan.web import Settings, create_app
from tests.conftest import SAMPLE_FILES, SAMPLES

pytestmark = pytest.mark.slow
OWN = "http://127.0.0.1:8765"
V7, V8 = "cp-reduction-v7.docx", "cp-reduction-v8.docx"


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A temporary folder for the server's uploads alone, to see that they are removed."""
    root = tmp_path_factory.mktemp("uploads")
    before, tempfile.tempdir = tempfile.tempdir, str(root)
    try:
        yield root
    finally:
        tempfile.tempdir = before


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("store") / "plans.db"


@pytest.fixture(scope="module")
def web(tmp: Path, db: Path) -> Iterator[TestClient]:
    """The app with its lifespan run: two reader processes."""
    app = create_app(Settings(db=db, jobs=2, timeout=60))
    with TestClient(app, base_url=OWN) as c:
        yield c


@pytest.fixture(autouse=True)
def no_upload_is_left(tmp: Path) -> Iterator[None]:
    yield
    assert [p.name for p in tmp.iterdir() if p.name.startswith("actionplan-web-")] == []


def sample(name: str) -> tuple[str, bytes]:
    return name, (SAMPLES / name).read_bytes()


def cli_plan_json(name: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The extract JSON the CLI writes for the sample given by its bare name."""
    monkeypatch.chdir(SAMPLES)
    return render_plans([actionplan.read(name)], "json")  # type: ignore[return-value]


@pytest.mark.parametrize("name", ["cp-reduction-v8.docx", "cp-reduction-v8.pdf"])
def test_extract_answers_the_clis_json(
    web: TestClient, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = web.post("/api/extract", files={"file": sample(name)})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.text == cli_plan_json(name, monkeypatch)


def test_extract_names_the_uploaded_file_not_the_servers_copy(web: TestClient) -> None:
    answer = web.post("/api/extract", files={"file": ("CP Plan V8 (final).docx", sample(V8)[1])})
    assert answer.json()["document"]["source"] == "CP Plan V8 (final).docx"
    assert "actionplan-web-" not in answer.text


def test_a_client_name_that_is_a_path_is_only_a_label(web: TestClient, tmp: Path) -> None:
    answer = web.post("/api/extract", files={"file": ("../../etc/passwd.docx", sample(V8)[1])})
    assert answer.status_code == 200
    assert answer.json()["document"]["source"] == "passwd.docx"
    assert not (tmp.parent / "passwd.docx").exists()


def test_a_document_that_cannot_be_read_is_422_with_the_clis_line(
    web: TestClient, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(actionplan.ActionplanError) as cli_error:
        actionplan.read(bad)
    answer = web.post("/api/extract", files={"file": ("notes.docx", bad.read_bytes())})
    assert answer.status_code == 422
    assert answer.json() == {"error": str(cli_error.value).replace(str(bad), "notes.docx")}


def test_an_empty_file_is_422(web: TestClient) -> None:
    answer = web.post("/api/extract", files={"file": ("empty.pdf", b"")})
    assert answer.status_code == 422
    assert answer.json() == {"error": "empty.pdf: the file is empty"}


def test_diff_answers_the_clis_json(web: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    answer = web.post("/api/diff", files={"old": sample("cp-reduction-v7.pdf"), "new": sample(V8)})
    assert answer.status_code == 200
    monkeypatch.chdir(SAMPLES)
    expected = diff_plans(actionplan.read("cp-reduction-v7.pdf"), actionplan.read(V8))
    assert answer.text == render_diff(expected, "json")
    assert answer.json()["summary"]["added"] == expected.summary.added


def test_diff_with_a_bad_side_is_422_naming_it(web: TestClient) -> None:
    answer = web.post("/api/diff", files={"old": sample(V7), "new": ("v8.pdf", b"%PDF-1.4 junk")})
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"].startswith("v8.pdf: ")
    assert body["errors"] == [body["error"]]


def test_diff_of_new_before_old_is_422_in_the_clis_words(web: TestClient) -> None:
    answer = web.post("/api/diff", files={"old": sample(V8), "new": sample(V7)})
    assert answer.status_code == 422
    assert "is an earlier version than OLD" in answer.json()["error"]
    page = web.post("/compare", files={"old": sample(V8), "new": sample(V7)})
    assert page.status_code == 422 and "is an earlier version than OLD" in page.text


def test_requests_at_once_queue_for_the_readers_and_all_answer_the_same(
    web: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = cli_plan_json("cp-reduction-v8.pdf", monkeypatch)
    pool = web.app.app.state.server.readers  # type: ignore[attr-defined]
    waiting: list[int] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            waiting.append(pool.waiting())
            done.wait(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    with ThreadPoolExecutor(8) as ex:
        answers = list(
            ex.map(
                lambda _: web.post("/api/extract", files={"file": sample("cp-reduction-v8.pdf")}),
                range(8),
            )
        )
    done.set()
    watcher.join()
    assert [a.status_code for a in answers] == [200] * 8
    assert {a.text for a in answers} == {expected}
    # Two readers, eight documents: the others waited in line.
    assert max(waiting) >= 1
    assert web.get("/api/health").status_code == 200


def folder_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.fixture(scope="module")
def imported(web: TestClient) -> dict[str, object]:
    """Every sample imported through the API."""
    files = [("files", sample(n)) for n in SAMPLE_FILES]
    answer = web.post("/api/import?wait=1", files=files)
    assert answer.status_code == 200
    result: dict[str, object] = answer.json()
    return result


class TestStore:
    """Import the samples, then read the store through the API and the pages."""

    def test_the_import_reads_every_sample(self, imported: dict[str, object]) -> None:
        assert imported["state"] == "done"
        assert imported["total"] == len(SAMPLE_FILES)
        assert imported["imported"] == len(SAMPLE_FILES)
        assert imported["failed"] == 0 and imported["failures"] == []
        assert imported["pages"] > 0  # type: ignore[operator]
        paths = sorted(r["path"] for r in imported["results"])  # type: ignore[attr-defined]
        assert paths == sorted(SAMPLE_FILES)

    def test_importing_again_skips_every_file(
        self, web: TestClient, imported: dict[str, object]
    ) -> None:
        answer = web.post("/api/import", files=[("files", sample(V7)), ("files", sample(V8))])
        assert answer.status_code == 202
        job = answer.json()
        url = job["status_url"]
        assert url == f"/api/import/{job['id']}"
        while job["state"] != "done":
            job = web.get(url).json()
        assert (job["imported"], job["skipped"], job["failed"]) == (0, 2, 0)

    def test_plans_are_the_clis_plans_json(
        self, web: TestClient, imported: dict[str, object], db: Path
    ) -> None:
        answer = web.get("/api/plans")
        assert answer.status_code == 200
        with open_store(db, create=False) as store:
            titles = [p.title for p in store.plans()]
        assert [p["title"] for p in answer.json()["plans"]] == titles
        assert answer.json()["import_errors"] == []

    def test_history_is_the_stores_history(
        self, web: TestClient, imported: dict[str, object], db: Path
    ) -> None:
        answer = web.get("/api/plans/CP Reduction/history")
        assert answer.status_code == 200
        with open_store(db, create=False) as store:
            assert answer.text == render_history(store.history("CP Reduction"), "json")

    def test_an_unknown_plan_is_404_with_the_clis_line(
        self, web: TestClient, imported: dict[str, object]
    ) -> None:
        answer = web.get("/api/plans/Nothing Like It/history")
        assert answer.status_code == 404
        assert "'Nothing Like It'" in answer.json()["error"]
        assert web.get("/store/plan/Nothing Like It").status_code == 404

    def test_the_store_pages_show_plans_versions_and_a_timeline(
        self, web: TestClient, imported: dict[str, object]
    ) -> None:
        store = web.get("/store")
        assert "CP Reduction Action Plan Review" in store.text
        link = re.search(r'href="(/store/plan/[^"]+)"', store.text)
        assert link is not None
        plan = web.get(link.group(1))
        assert plan.status_code == 200
        assert "V7" in plan.text and "V8" in plan.text and 'id="history-chart"' in plan.text
        first = re.search(r'href="(/store/plan/[^"]+/action/A001)"', plan.text)
        assert first is not None
        timeline = web.get(first.group(1))
        assert timeline.status_code == 200
        assert timeline.text.count('class="review') == 2
        assert "Completed" in timeline.text and "15/02/2018" in timeline.text
        assert web.get(first.group(1).replace("A001", "A999")).status_code == 404

    def test_a_plans_history_charts_are_the_exports_svg_as_images(
        self, web: TestClient, imported: dict[str, object], db: Path
    ) -> None:
        from actionplan.export.board import history_charts
        from actionplan.export.charts import chart_svg

        with open_store(db, create=False) as store:
            charts = [c for c in history_charts(store.history("CP Reduction")) if c.categories]
        page = web.get("/store/plan/CP Reduction").text
        sources = re.findall(r'<img class="chart" src="([^"]+)" alt="([^"]+)">', page)
        assert [alt for _, alt in sources] == [c.title for c in charts]
        for (src, _), expected in zip(sources, charts, strict=True):
            svg = web.get(src)
            assert svg.headers["content-type"] == "image/svg+xml"
            # As an image it runs no script; matplotlib's style attributes are allowed.
            assert svg.headers["content-security-policy"] == (
                "default-src 'none'; style-src 'unsafe-inline'"
            )
            assert svg.text == chart_svg(expected)
        assert web.get("/store/plan/CP Reduction/chart/99.svg").status_code == 404

    def test_a_zip_of_a_folder_is_imported_member_by_member(
        self, web: TestClient, imported: dict[str, object]
    ) -> None:
        data = folder_zip({f"plans/{V7}": sample(V7)[1], "plans/.hidden/x.docx": b"x"})
        answer = web.post("/api/import?wait=1", files={"files": ("plans.zip", data)})
        job = answer.json()
        assert job["total"] == 1
        assert job["results"][0]["path"] == f"plans.zip/plans/{V7}"
        assert job["results"][0]["status"] == "skipped"  # the same bytes as the sample

    def test_a_zip_member_outside_the_folder_refuses_the_zip(
        self, web: TestClient, imported: dict[str, object], tmp: Path
    ) -> None:
        data = folder_zip({"ok.docx": sample(V7)[1], "../../evil.docx": sample(V8)[1]})
        job = web.post("/api/import?wait=1", files={"files": ("up.zip", data)}).json()
        assert job["failures"] == [
            "up.zip: refused: the member '../../evil.docx' points outside the folder"
        ]
        assert job["imported"] == 0
        assert not list(tmp.parent.glob("**/evil.docx"))

    def test_a_zip_bomb_is_refused_before_it_inflates(
        self, web: TestClient, imported: dict[str, object]
    ) -> None:
        bomb = folder_zip({"big.docx": b"\0" * (64 << 20)})  # 64 MiB of zeros in ~64 KB
        assert len(bomb) < 1 << 20
        job = web.post("/api/import?wait=1", files={"files": ("bomb.zip", bomb)}).json()
        assert len(job["failures"]) == 1
        assert job["failures"][0].startswith("bomb.zip: refused: big.docx would inflate")
        assert "zip bomb" in job["failures"][0]

    def test_a_zip_inflating_past_its_budget_is_refused(
        self, imported: dict[str, object], tmp: Path, db: Path
    ) -> None:
        import random

        rng = random.Random(15)
        # Two letters at random: about 8:1, no bomb by ratio, but 3 MiB past a 1 MB limit.
        member = bytes(rng.choice(b"ab") for _ in range(3 << 20))
        data = folder_zip({"a.pdf": member})
        app = create_app(Settings(db=db, max_upload=1 << 20))
        with TestClient(app, base_url=OWN) as small:
            job = small.post("/api/import?wait=1", files={"files": ("z.zip", data)}).json()
        assert job["failures"] == [
            "z.zip: refused: a.pdf would inflate to 3 MiB, over the 1 MiB one part may hold"
        ]

    def test_document_text_is_escaped_on_every_page(
        self, web: TestClient, imported: dict[str, object], db: Path, tmp_path: Path
    ) -> None:
        plan = actionplan.read(SAMPLES / V8)
        hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
        actions = [plan.actions[0].model_copy(update={"action": hostile, "owner_text": hostile})]
        doc = plan.document.model_copy(
            update={"title": f"Hostile {hostile}", "sha256": "f" * 64, "source": "h.docx"}
        )
        with open_store(db) as store:
            store.add_document(
                Path("h.docx"),
                "f" * 64,
                plan.model_copy(update={"actions": actions, "document": doc}),
            )
        pages = [web.get("/store")]
        link = re.search(r'href="(/store/plan/hostile[^"]+)"', pages[0].text)
        assert link is not None
        pages.append(web.get(link.group(1)))
        pages.append(web.get(link.group(1) + "/action/A001"))
        for page in pages:
            assert page.status_code == 200
            assert "<script>alert" not in page.text and "<img src=x" not in page.text
            assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text


def test_compare_shows_the_board_report_and_its_downloads(web: TestClient) -> None:
    page = web.post("/compare", files={"old": sample(V7), "new": sample(V8)})
    assert page.status_code == 200
    expected = diff_plans(actionplan.read(SAMPLES / V7), actionplan.read(SAMPLES / V8))
    assert f'<b data-count="added">{expected.summary.added}</b>' in page.text
    key = re.search(r"/compare/([\w-]+)/report\.html", page.text)
    assert key is not None
    report = web.get(f"/compare/{key.group(1)}/report.html")
    assert report.headers["content-security-policy"] == f"{CSP}; frame-ancestors 'self'"
    assert "<!DOCTYPE html>" in report.text and "CP Reduction" in report.text
    xlsx = web.get(f"/compare/{key.group(1)}/diff.xlsx")
    assert xlsx.headers["content-disposition"] == (
        'attachment; filename="cp-reduction-v7-to-cp-reduction-v8.xlsx"'
    )
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames[0]
    for fmt in ("md", "csv", "json"):
        assert web.get(f"/compare/{key.group(1)}/diff.{fmt}").status_code == 200
    assert (
        json.loads(web.get(f"/compare/{key.group(1)}/diff.json").text)["summary"]
        == (json.loads(expected.to_json())["summary"])
    )
    assert web.get(f"/compare/{key.group(1)}/diff.exe").status_code == 404


def test_compare_with_a_bad_document_says_why_on_the_page(web: TestClient) -> None:
    page = web.post("/compare", files={"old": sample(V7), "new": ("x.pdf", b"")})
    assert page.status_code == 422
    assert "x.pdf: the file is empty" in page.text


def test_read_shows_the_actions_confidence_and_an_xlsx(web: TestClient) -> None:
    page = web.post("/read", files={"file": sample(V8)})
    assert page.status_code == 200
    plan = actionplan.read(SAMPLES / V8)
    assert page.text.count("<tr>") == len(plan.actions) + 1  # the head row too
    assert f"Confidence {plan.document.confidence:.2f}" in page.text
    key = re.search(r"/read/([\w-]+)/plan\.xlsx", page.text)
    assert key is not None
    book = load_workbook(io.BytesIO(web.get(f"/read/{key.group(1)}/plan.xlsx").content))
    assert "Actions" in book.sheetnames


def test_the_server_answers_while_an_import_runs(tmp: Path, tmp_path: Path) -> None:
    app = create_app(Settings(db=tmp_path / "fresh.db", jobs=1))
    with TestClient(app, base_url=OWN) as c:
        files = [("files", sample(n)) for n in SAMPLE_FILES]
        job = c.post("/api/import", files=files).json()
        answered_while_running = 0
        while job["state"] != "done":
            assert c.get("/api/health").status_code == 200
            assert c.get("/store").status_code == 200
            answered_while_running += 1
            job = c.get(f"/api/import/{job['id']}").json()
        assert answered_while_running > 0
        assert job["imported"] == len(SAMPLE_FILES)
