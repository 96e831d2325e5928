"""`actionplan serve` in a real browser: Debian's chromium driven by Selenium through
chromium-driver (no browser download). Compare V7 with V8 and read the counts off the
page, download the xlsx and open it, import the samples on the Store page and wait for
the progress to finish (and survive a reload), then open an action's timeline.

ACTIONPLAN_SCREENSHOTS=docs makes the README's screenshots on the way.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

import actionplan
from actionplan.compare import diff_plans
from tests import components
from tests.conftest import SAMPLE_FILES, SAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMEDRIVER = "chromedriver"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`actionplan serve --db` in a process of its own, as a user starts it."""
    root = tmp_path_factory.mktemp("serve")
    port = free_port()
    log = (root / "serve.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "actionplan",
            "serve",
            "--db",
            str(root / "plans.db"),
            "--port",
            str(port),
        ],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "api/health", timeout=2) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    out = (root / "serve.log").read_text()
                    pytest.fail(f"actionplan serve did not start: {out}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(20)
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, Path]]:
    exe = components.require(components.CHROMIUM)
    driver_exe = shutil.which(CHROMEDRIVER)
    if driver_exe is None:
        components.absent("chromedriver is not installed (apt-get install chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = exe
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1366,900",
        f"--user-data-dir={tmp_path_factory.mktemp('profile')}",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_exe))
    driver.set_page_load_timeout(120)
    try:
        yield driver, downloads
    finally:
        driver.quit()


def shoot(driver: object, name: str, tmp: Path) -> None:
    target = Path(os.environ.get("ACTIONPLAN_SCREENSHOTS") or tmp)
    target.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(target / name))  # type: ignore[attr-defined]


def wait_for(check: object, seconds: float = 120) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()  # type: ignore[operator]
        if value:
            return value
        time.sleep(0.2)
    pytest.fail("the page did not get there in time")


def no_console_errors(driver: object) -> None:
    # A CSP violation or a script error is logged as SEVERE.
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
    assert severe == []


def test_compare_then_import_then_a_timeline(
    server: str, browser: tuple[object, Path], tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    driver, downloads = browser
    find = driver.find_element  # type: ignore[attr-defined]

    # Compare: upload V7 and V8, read the summary counts off the page.
    driver.get(server)  # type: ignore[attr-defined]
    find(By.ID, "old").send_keys(str(SAMPLES / "cp-reduction-v7.docx"))
    find(By.ID, "new").send_keys(str(SAMPLES / "cp-reduction-v8.docx"))
    find(By.ID, "compare-submit").click()
    wait_for(lambda: driver.find_elements(By.ID, "summary"))  # type: ignore[attr-defined]
    counts = {
        el.get_attribute("data-count"): int(el.text)
        for el in driver.find_elements(By.CSS_SELECTOR, "#summary [data-count]")  # type: ignore[attr-defined]
    }
    expected = diff_plans(
        actionplan.read(SAMPLES / "cp-reduction-v7.docx"),
        actionplan.read(SAMPLES / "cp-reduction-v8.docx"),
    ).summary
    assert counts == {
        "added": expected.added,
        "removed": expected.removed,
        "changed": expected.changed,
        "unchanged": expected.unchanged,
        "overdue": expected.overdue,
    }
    # The board report is in its frame, under its own policy.
    driver.switch_to.frame(find(By.ID, "report"))  # type: ignore[attr-defined]
    assert "CP Reduction" in find(By.TAG_NAME, "h1").text
    driver.switch_to.default_content()  # type: ignore[attr-defined]
    shoot(driver, "web-compare.png", tmp_path)
    no_console_errors(driver)

    # Download the xlsx and open it.
    find(By.ID, "download-xlsx").click()
    book_path = wait_for(
        lambda: [p for p in downloads.glob("*.xlsx") if not p.name.endswith(".crdownload")]
    )[0]  # type: ignore[index]
    assert book_path.name == "cp-reduction-v7-to-cp-reduction-v8.xlsx"
    wait_for(lambda: not list(downloads.glob("*.crdownload")))
    book = load_workbook(book_path)
    assert len(book.sheetnames) >= 1 and book.worksheets[0].max_row > 1

    # Store: import every sample, wait for the progress to finish.
    driver.get(server + "store")  # type: ignore[attr-defined]
    assert find(By.ID, "no-plans")
    find(By.ID, "files").send_keys("\n".join(str(SAMPLES / n) for n in SAMPLE_FILES))
    find(By.ID, "import-submit").click()
    wait_for(lambda: "/store/import/" in driver.current_url)  # type: ignore[attr-defined]
    wait_for(lambda: find(By.ID, "state").text == "done")
    assert int(find(By.ID, "imported").text) == len(SAMPLE_FILES)
    assert int(find(By.ID, "failed").text) == 0
    assert int(find(By.ID, "pages").text) > 0
    # The progress lives on the server: a reload shows it as it was.
    driver.refresh()  # type: ignore[attr-defined]
    assert find(By.ID, "state").text == "done"
    assert int(find(By.ID, "done").text) == len(SAMPLE_FILES)

    driver.get(server + "store")  # type: ignore[attr-defined]
    shoot(driver, "web-store.png", tmp_path)
    find(By.LINK_TEXT, "CP Reduction Action Plan Review").click()
    wait_for(lambda: driver.find_elements(By.ID, "history-chart"))  # type: ignore[attr-defined]
    drawn = "return [...document.images].filter(i => i.complete && i.naturalWidth > 0).length"
    assert wait_for(lambda: driver.execute_script(drawn) == 3)  # type: ignore[attr-defined]
    shoot(driver, "web-plan.png", tmp_path)

    # An action's timeline, one whose due date slipped (ref 12): one entry per version.
    find(By.XPATH, "//tr[td[2][normalize-space()='12']]//a[@class='timeline-link']").click()
    reviews = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "li.review"))  # type: ignore[attr-defined]
    assert len(reviews) == 2  # type: ignore[arg-type]
    assert find(By.CSS_SELECTOR, "li.review .chip").text
    assert find(By.CSS_SELECTOR, "li.review .moved").text.startswith("moved from ")
    shoot(driver, "web-timeline.png", tmp_path)
    no_console_errors(driver)
