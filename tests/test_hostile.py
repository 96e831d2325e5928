"""Every family of hostile and damaged input of issue 12, one file each, read as a user
would: `actionplan extract FILE` in its own process, under a time bound (the test's) and
a memory bound (RLIMIT_AS of 2 GiB on the whole command, children included).

Each gives a clean one-line refusal naming the file, or a read that says what is
damaged. The files are built by tests/hostile/make_hostile.py (Word, HTML) and
make_hostile_pdf.py (PDF, text dumps): the small ones are committed in
tests/hostile/files/, the big ones are built here into a temporary folder.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile import make_hostile, make_hostile_pdf
from tests.hostile.make_hostile import FILES
from tests.test_hostile_docx import REFUSED
from tests.test_metadata import NO_REVIEW_DATE

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX"),
]

MEMORY = 2 << 30
LIMIT = 5  # --timeout: the reader's own budget, for the families that would hang
INFLATES = "page 1: a compressed stream inflates past 64 MiB; refused as unsafe"

# name -> the one line on stderr after "error: FILE: "
REFUSALS: dict[str, str] = {
    **REFUSED,
    "document-480-mib.docx": "refused: word/document.xml would inflate to 480 MiB, "
    "over the 64 MiB one part may hold",
    "deflate-lies-1-gib.docx": "refused: word/document.xml inflates to more than 64 MiB "
    "(its header says 4,096 bytes); a zip bomb?",
    "bzip2-lies-512-mib.docx": "refused: word/document.xml inflates to more than 64 MiB "
    "(its header says 4,096 bytes); a zip bomb?",
    # Cycles spin pdfminer's resolver: the reader is killed at its time limit.
    "resources-self.pdf": f"exceeded the {LIMIT} s limit",
    "contents-cycle.pdf": f"exceeded the {LIMIT} s limit",
    "catalog-self.pdf": f"exceeded the {LIMIT} s limit",
    "forms-fan-out.pdf": "page 1: it draws more than 10,000 objects (nested forms); "
    "refused as unsafe",
    "text-operators-200-mib.pdf": INFLATES,
    "content-2-gib.pdf": INFLATES,
    "font-1-gib.pdf": INFLATES,
    "runlength-128-mib.pdf": INFLATES,
    # Every offset of the cross-reference table is wrong: pdfminer finds no page. Refused
    # in one line, not read as an empty plan (a reader that rebuilds the table would read it).
    "xref-wrong.pdf": "not a readable PDF (it has no pages)",
    # 100 MiB of plan text reads for minutes: the budget stops it.
    "text-dump-100-mib.txt": f"exceeded the {LIMIT} s limit",
}
# name -> (actions read, warnings it must carry)
READS: dict[str, tuple[int, list[str]]] = {
    "flipped-content.pdf": (
        0,  # at least as many as the pages not damaged hold; checked below
        [
            "page 2's content stream is damaged: actions on it may be missing",
            "read with low confidence (0.70): page 2's content stream is damaged",
        ],
    ),
    # Spans cut to the grid, 3,000 references to one header part, list levels that are
    # no numbers: each a plain one-action plan, with no review date.
    "gridspan-over-grid.docx": (1, [NO_REVIEW_DATE]),
    "header-rels-3000.docx": (1, [NO_REVIEW_DATE]),
    "ilvl-abc.docx": (1, [NO_REVIEW_DATE]),
}
BUILDERS = {**make_hostile.BIG, **make_hostile_pdf.BIG}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def extract(path: Path, seconds: float) -> subprocess.CompletedProcess[str]:
    """`actionplan extract path`, bounded in memory; asserts it ends within `seconds`."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "actionplan", "extract", str(path), "--timeout", str(LIMIT)],
        capture_output=True,
        text=True,
        timeout=seconds + 30,  # the hard stop; the bound itself is asserted below
        preexec_fn=_limit_memory,
    )
    elapsed = time.monotonic() - started
    assert elapsed < seconds, f"{path.name} took {elapsed:.1f} s"
    return done


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def _file(name: str, built: Path) -> Path:
    if name in BUILDERS:
        target = built / name
        return target if target.exists() else BUILDERS[name](target)
    return FILES / name


def test_every_family_is_here() -> None:
    """Every file the two scripts build is checked below, and no other."""
    names = {*make_hostile.SMALL, *make_hostile.BIG, *make_hostile_pdf.SMALL, *BUILDERS}
    assert names == set(REFUSALS) | set(READS)
    assert not set(REFUSALS) & set(READS)


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_refused_in_one_line_in_bounded_time_and_memory(name: str, built: Path) -> None:
    path = _file(name, built)
    # The limit, a few seconds for the interpreter to start and the reader to be killed.
    done = extract(path, seconds=LIMIT + 15)
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines() == [f"error: {path}: {REFUSALS[name]}"]


@pytest.mark.parametrize("name", sorted(READS))
def test_read_with_what_is_damaged_said(name: str, built: Path) -> None:
    path = _file(name, built)
    done = extract(path, seconds=LIMIT + 15)
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    actions, warnings = READS[name]
    assert [f"warning: {path}: {w}" for w in warnings] == done.stderr.splitlines()
    assert plan["warnings"][: len(warnings) - 1] == warnings[:-1]
    if name == "flipped-content.pdf":
        sound = json.loads(extract(make_hostile_pdf.V8, seconds=LIMIT + 15).stdout)
        assert 0 < len(plan["actions"]) <= len(sound["actions"])
        assert plan["document"]["confidence"] < sound["document"]["confidence"]
    else:
        assert len(plan["actions"]) == actions


def test_committed_pdfs_are_what_the_script_builds(tmp_path: Path) -> None:
    for name in make_hostile_pdf.SMALL:
        built = make_hostile_pdf.build(name, tmp_path)
        assert built.read_bytes() == (FILES / name).read_bytes(), name
