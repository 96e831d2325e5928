"""Where and how a command writes: -o and --format resolved once, at the edge.

The format comes from --format, else from -o's extension, else the command's default; a
--format that disagrees with the extension (`-o out.csv --format xlsx`) is refused, as is
a binary format (xlsx) bound for a terminal. Each refusal is one line and exit 2.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

if TYPE_CHECKING:
    from actionplan.cli.common import Run

F = TypeVar("F", bound=Callable[..., Any])

# The formats a file name's extension says; a name with another extension (or none)
# takes whatever --format says.
EXTENSION_FORMATS: dict[str, tuple[str, ...]] = {
    ".json": ("json",),
    ".csv": ("csv", "csv-updates"),
    ".xlsx": ("xlsx",),
    ".html": ("html",),
    ".htm": ("html",),
    ".md": ("md",),
    ".markdown": ("md",),
    ".txt": ("text",),
}
# Formats whose bytes are no text: never written to a terminal.
BINARY_FORMATS = frozenset({"xlsx"})
EXTENSION_OF = {"json": ".json", "csv": ".csv", "csv-updates": ".csv", "xlsx": ".xlsx",
                "html": ".html", "md": ".md", "text": ".txt"}  # fmt: skip


class OutputRefused(Exception):
    """-o and --format cannot be honoured together: the one line saying why."""


def stdout_is_terminal() -> bool:
    """Say whether stdout is a terminal (a binary format would garble it)."""
    return sys.stdout.isatty()


def resolve_format(given: str | None, target: str, formats: list[str], default: str) -> str:
    """Return the format to write: --format, else -o's extension's, else the default.

    Raise OutputRefused when --format disagrees with -o's extension, when the extension
    names a format the command does not write, or when a binary format would go to a
    terminal.
    """
    ext = Path(target).suffix.lower() if target != "-" else ""
    said = [f for f in EXTENSION_FORMATS.get(ext, ()) if f in formats]
    if given is not None:
        fmt = given
        text_file = ext == ".txt" and fmt not in BINARY_FORMATS  # JSON or CSV in a .txt is fine
        if ext in EXTENSION_FORMATS and fmt not in EXTENSION_FORMATS[ext] and not text_file:
            stem = Path(target).with_suffix(EXTENSION_OF.get(fmt, ""))
            instead = f", or --format {said[0]}" if said else ""
            raise OutputRefused(
                f"-o {target} names a {ext} file but --format is {fmt}: give -o {stem}{instead}"
            )
    elif said:
        fmt = said[0]
    elif ext in EXTENSION_FORMATS and ext != ".txt":
        raise OutputRefused(
            f"-o {target}: this command writes no {ext} file (formats: {', '.join(formats)})"
        )
    else:
        fmt = default
    if fmt in BINARY_FORMATS and target == "-" and stdout_is_terminal():
        raise OutputRefused(
            f"{fmt} is a binary format, not for a terminal: give -o FILE{EXTENSION_OF[fmt]} "
            "(or redirect stdout to a file)"
        )
    return fmt


def require_format(target: str, fmt: str) -> None:
    """Refuse an -o whose extension says another format than the one the command writes,
    and a binary format bound for a terminal, in one line (exit 2)."""
    ext = Path(target).suffix.lower() if target != "-" else ""
    if ext in EXTENSION_FORMATS and fmt not in EXTENSION_FORMATS[ext]:
        right = Path(target).with_suffix(EXTENSION_OF[fmt])
        refuse(f"-o {target} names a {ext} file, but this command writes {fmt}: give -o {right}")
    try:
        resolve_format(fmt, target, [fmt], fmt)
    except OutputRefused as exc:
        refuse(str(exc))


def refuse(line: str) -> None:
    """Print the one line of a refused output and exit 2 (a usage error)."""
    click.echo(f"error: {line}", err=True)
    sys.exit(2)


@contextmanager
def _output(target: str, binary: bool = False) -> Iterator[object]:
    if target == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    if binary:
        with path.open("wb") as fh:
            yield fh
    else:
        with path.open("w", encoding="utf-8", newline="") as fh:
            yield fh


def write_output(target: str, data: str | bytes) -> None:
    """Write text or bytes to a file, or to stdout for "-" (bytes never to a terminal)."""
    if isinstance(data, bytes) and target == "-" and stdout_is_terminal():
        refuse("the output is binary, not for a terminal: give -o FILE (or redirect stdout)")
    with _output(target, binary=isinstance(data, bytes)) as fh:
        fh.write(data)  # type: ignore[attr-defined]
        if target == "-" and isinstance(data, str) and not data.endswith("\n"):
            fh.write("\n")  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Output:
    """Where a command writes (-o, "-" for stdout) and in which format (--format)."""

    fmt: str
    target: str
    raw_csv: bool = False

    @property
    def to_stdout(self) -> bool:
        return self.target == "-"

    def write(self, data: str | bytes) -> None:
        """Write the rendered result."""
        write_output(self.target, data)

    def render(self, run: Run, render: Callable[..., str | bytes], subject: object) -> None:
        """Render and write the subject; warn of the cells changed on the way (export.safety)."""
        notes: list[str] = []
        kw = {"to_stdout": self.to_stdout, "raw_csv": self.raw_csv, "notes": notes}
        self.write(render(subject, self.fmt, **kw))
        run.warn("stdout" if self.to_stdout else self.target, notes)


raw_csv_option = click.option(
    "--raw-csv",
    is_flag=True,
    help="Write CSV cells as they are; by default a cell starting with =, +, -, @ (a formula "
    "to a spreadsheet) gets a ' before it.",
)


def output_options(
    renderers: Mapping[str, object], default: str, *, raw_csv: bool = False
) -> Callable[[F], F]:
    """Add --format (the keys of a renderer table), -o and, if asked, --raw-csv, handed on
    as one `out: Output` whose format is resolved (see `resolve_format`)."""
    formats = list(renderers)

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def command(
            *args: Any, output: str, fmt: str | None = None, raw_csv: bool = False, **kwargs: Any
        ) -> Any:
            if len(formats) == 1:
                fmt = formats[0]
            try:
                resolved = resolve_format(fmt, output, formats, default)
            except OutputRefused as exc:
                refuse(str(exc))
            return fn(*args, out=Output(resolved, output, raw_csv), **kwargs)

        with_output = click.option(
            "-o", "--output", default="-", show_default=True, help="Output file, or - for stdout."
        )(command)
        if raw_csv:
            with_output = raw_csv_option(with_output)
        if len(renderers) == 1:  # one format only: nothing to choose
            return cast(F, with_output)
        return cast(
            F,
            click.option(
                "-f",
                "--format",
                "fmt",
                type=click.Choice(formats),
                default=None,
                help=f"Output format [default: from -o's extension, else {default}].",
            )(with_output),
        )

    return decorate
