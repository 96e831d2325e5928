"""The mutation fuzzer (tests/fuzz/): damaged samples read in worker processes.

Every mutant gives a Plan that serialises to JSON, with no fewer actions than the
original unless a warning says the content is damaged, or one clean refusal line; never
an unexpected exception, a crashed reader or a read past the budget (tests/fuzz/check.py
says exactly how each is judged). The default run reads the first 30 of the seed-0
campaign over the formats read in the worker (Word, PDF, HTML, text), which covers every
(format, operator) pair, and 4 legacy .doc mutants (LibreOffice), the same on every run; a
failure prints the (sample, operator, seed) and the command that reads it again. The whole
campaign of 200 is by hand (`python -m pytest tests/test_fuzz.py -m byhand`), and so is the
5,000-mutant one: `python -m tests.fuzz.run --count 5000` (tests/fuzz/README.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.check import run
from tests.fuzz.mutate import OPERATORS, ROOT, Mutant, campaign, pairs, samples

# The formats read in the worker itself; a legacy .doc is converted by LibreOffice first
# (5 to 30 s a mutant), so it has four mutants of its own, in an office test.
IN_PROCESS = ("docx", "pdf", "html", "text")
CAMPAIGN = campaign(200, seed=0, formats=IN_PROCESS)
# A campaign's first mutants are the same whatever its length: this is CAMPAIGN[:30].
CI_MUTANTS = campaign(30, seed=0, formats=IN_PROCESS)
DOC_MUTANTS = campaign(4, seed=0, formats=("doc",))
WORKERS = 2


def _report(mutants: list[Mutant]) -> None:
    failures = [o for o in run(mutants, WORKERS) if o.failed]
    assert not failures, f"{len(failures)} of {len(mutants)} mutants failed:\n" + "\n".join(
        str(o) for o in failures
    )


def test_the_ci_set_covers_every_format_and_operator() -> None:
    covered = {(m.format, m.operator) for m in CI_MUTANTS + DOC_MUTANTS}
    assert covered == set(pairs())
    assert {f for f, _ in covered} == {"docx", "pdf", "html", "text", "doc"}
    assert len(CI_MUTANTS) == 30
    assert CAMPAIGN[:30] == CI_MUTANTS
    assert {op for _, op in covered} == set(OPERATORS)


@pytest.mark.parametrize(("fmt", "operator"), pairs())
def test_a_mutant_is_the_same_bytes_from_its_seed_and_differs_from_its_sample(
    fmt: str, operator: str
) -> None:
    sample = samples()[fmt][0]
    first = Mutant(sample, operator, 12345).build()
    assert first == Mutant(sample, operator, 12345).build()
    assert first != (ROOT / sample).read_bytes()


@pytest.mark.slow
def test_30_mutants_of_every_format_read_with_json_or_refuse_in_one_line() -> None:
    _report(CI_MUTANTS)


@pytest.mark.byhand
def test_200_mutants_of_every_format_read_with_json_or_refuse_in_one_line() -> None:
    _report(CAMPAIGN)


@pytest.mark.slow
@pytest.mark.parametrize("mutant", CI_MUTANTS[::3], ids=str)
def test_the_cli_prints_json_with_exit_0_or_one_error_line(tmp_path: Path, mutant: Mutant) -> None:
    path = tmp_path / f"mutant{mutant.suffix}"
    path.write_bytes(mutant.build())
    run = subprocess.run(
        [sys.executable, "-m", "actionplan", "extract", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert "Traceback" not in run.stderr and "report it" not in run.stderr, mutant.replay()
    if run.returncode == 0:
        assert isinstance(json.loads(run.stdout)["actions"], list)
    else:
        assert run.stdout == ""
        errors = [line for line in run.stderr.splitlines() if not line.startswith("warning: ")]
        assert len(errors) == 1 and errors[0].startswith(f"error: {path}: "), run.stderr


@pytest.mark.slow
@pytest.mark.office
def test_legacy_doc_mutants_convert_and_read_or_refuse_in_one_line(writer: str) -> None:
    _report(DOC_MUTANTS)
