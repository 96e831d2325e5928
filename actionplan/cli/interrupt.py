"""Ctrl-C: every command ends at once with exit 130 (128 + SIGINT, the shell's convention)
and says what was saved before it stopped.

A command that saves as it goes (import) records what is safely saved so far; the line
printed on Ctrl-C is that record, or that nothing was saved. Workers are child processes
in groups of their own, killed by the batch's cleanup as the interrupt unwinds.
"""

from __future__ import annotations

EXIT_INTERRUPTED = 130

_saved: str | None = None


def record(saved: str) -> None:
    """Say what is safely saved so far, for the line printed if the user presses Ctrl-C."""
    global _saved
    _saved = saved


def forget() -> None:
    """Clear the record (a new command in the same process)."""
    global _saved
    _saved = None


def message() -> str:
    """The one line printed on Ctrl-C."""
    return f"interrupted: {_saved or 'nothing was saved'}"
