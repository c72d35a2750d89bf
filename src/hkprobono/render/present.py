"""The one presenter: every command hands its result here, and this decides how it is shown.

JSON with --json, tab-separated rows with --plain, Rich on a terminal, plain text when piped or
with NO_COLOR. Data text is neutralised on every path: views by their renderers, rows by `tsv`,
JSON by `jsonout`, notices, errors and the chooser here. Only `terminal` imports Rich, and only
when a terminal asked for it."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from hkprobono.errors import EXIT_INTERRUPTED, HkProBonoError
from hkprobono.render.spell import Spell, no_command
from hkprobono.text import neutralise, one_line

if TYPE_CHECKING:
    from hkprobono.render.protocol import View

COLOR_CHOICES = ("auto", "always", "never")


def on_terminal(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def wants_rich(color: str = "auto", stream: TextIO | None = None) -> bool:
    """Colour and layout only where a person is looking: clig.dev and no-color.org rules."""
    if color == "always":
        return True
    if color == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return on_terminal(stream)


def error(message: str, hint: str | None = None) -> None:
    """Errors go to stderr as plain text: never markup, never control sequences from data."""
    write_err(f"Error: {one_line(message)}")
    if hint:
        write_err(one_line(hint))


def write_err(line: str) -> None:
    stream = sys.stderr
    if stream is None:  # stderr closed: there is nowhere to say it, and stdout is not the place
        return
    try:
        stream.write(line + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def _visible_errors() -> str:
    """The standard streams' error handler (registered by hkprobono.entry, which notes its use),
    or plain backslash escapes when the CLI runs without it (tests, `python -c`)."""
    import codecs

    try:
        codecs.lookup_error("hkprobono-visible")
    except LookupError:
        return "backslashreplace"
    return "hkprobono-visible"


class Presenter:
    """How one run shows its results: `mode` is human, plain or json."""

    def __init__(
        self, *, color: str = "auto", pager: bool = True, mode: str = "human", spell: Spell = no_command
    ) -> None:
        self.color = color
        self.pager = pager
        self.mode = mode
        self.spell = spell  # how a reference reads as a command on this terminal (cli/spelling.py)

    def show(
        self,
        view: View | Callable[[], View | None] | None,
        *,
        data: Callable[[], Any] | None = None,
        rows: Callable[[], Iterable[Sequence[object]]] | None = None,
        page: bool = False,
    ) -> None:
        """Show a result: `data` builds its JSON, `rows` its --plain rows, `view` (or a function that
        builds it, so JSON and --plain never pay for it) what a person reads."""
        # Each output mode loads only its own renderer (reason 2 in CONTRIBUTING).
        if self.mode == "json" and data is not None:
            from hkprobono.render.jsonout import dumps

            self.document(dumps(data()) + "\n")
        elif self.mode == "plain" and rows is not None:
            from hkprobono.render.tsv import lines

            self.document("".join(lines(rows())))
        else:
            shown = view() if callable(view) else view
            if shown is not None:
                self._view(shown, page=page)

    def _view(self, view: View, *, page: bool) -> None:
        from hkprobono.render import pager

        rich = wants_rich(self.color)
        paging = pager.active(page and self.pager)
        if paging and rich and self.color != "always" and not pager.shows_colour():
            rich = False  # this pager would show colour codes as raw text
        with pager.paged(paging) as buffer:
            from hkprobono.render.protocol import Renderer, dispatch

            renderer: Renderer
            if rich:
                from hkprobono.render.terminal import RichRenderer

                renderer = RichRenderer.for_stream(buffer, force=self.color == "always", spell=self.spell)
            else:
                from hkprobono.render.plain import PlainRenderer
                from hkprobono.render.width import columns

                # Wrapped to the terminal (paged or not) as Rich would; piped, each line as it is.
                width = columns() if on_terminal() else None
                renderer = PlainRenderer(buffer or sys.stdout, spell=self.spell, width=width)
            dispatch(renderer, view)

    def document(self, text: str, *, terminal: bool = False) -> None:
        """Text that is already safe to print: a vCard, JSON, TSV, HTML, the share text.

        A document is written as UTF-8 bytes whatever the locale (PYTHONIOENCODING, LC_ALL=C):
        a program or another device reads it, and an escape in place of a character would be
        wrong data. `terminal` text (a QR code in block characters) is for the screen: what the
        terminal's character set cannot show is written as a visible escape, and said once.

        Written to the descriptor in a loop: a large write through Python's buffered stream can
        end part-way when the reader goes away (`export json | head`) without raising, and the
        run would then exit 0 having lost the rest. os.write reports it (141 through handle_errors)."""
        stream = sys.stdout
        try:
            fd = stream.fileno()
        except (AttributeError, OSError, ValueError):  # a captured stream (tests): no descriptor
            stream.write(text)
            stream.flush()
            return
        stream.flush()
        if terminal:
            data = memoryview(text.encode(stream.encoding or "utf-8", errors=_visible_errors()))
        else:
            data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(fd, data) :]

    def notice(self, text: str) -> None:
        """A line about what was done ("wrote FILE"): on stderr, so stdout stays the result."""
        write_err(one_line(text))

    def choose(self, lines: list[str], question: str, *, tries: int = 3) -> int:
        """Ask which of `lines` was meant (1-based). A slip of the keyboard asks again (three tries
        in all); Ctrl-C or end of input cancels with exit 130."""
        for number, line in enumerate(lines, 1):
            write_err(f"{number}. {one_line(line)}")
        text = ""
        for _ in range(tries):
            try:
                if sys.stderr is not None:
                    sys.stderr.write(f"{neutralise(question)} (1-{len(lines)}): ")
                    sys.stderr.flush()
                answer = sys.stdin.readline() if sys.stdin is not None else ""
            except KeyboardInterrupt:
                write_err("")
                raise HkProBonoError("cancelled", exit_code=EXIT_INTERRUPTED) from None
            if not answer:
                write_err("")
                raise HkProBonoError("cancelled", exit_code=EXIT_INTERRUPTED)
            text = answer.strip()
            if text.isdigit() and 1 <= int(text) <= len(lines):
                return int(text)
            write_err(f"'{one_line(text)}' is not a number from 1 to {len(lines)}")
        raise HkProBonoError(f"'{one_line(text)}' is not a number from 1 to {len(lines)}")
