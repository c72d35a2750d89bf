"""The building blocks of the Rich views: styled lines wrapped with a hanging indent to the room
really left on them (see render/terminal.py for why lines, not tables), labels, bullets and rules.
Views are laid out in render/terminal.py."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Self, TextIO

from rich.console import Console
from rich.text import Text

from hkprobono.render.layout import Runs, words, wrap
from hkprobono.render.spell import Spell, no_command
from hkprobono.render.width import NARROW, columns
from hkprobono.text import UNSAFE_CODES, display_width, one_line

LABEL_WIDTH = 16
PANEL_INSET = 4  # a panel's two borders and two columns of padding
STACKED_INDENT = 2  # a value under its label, in the narrow layout

# A control character that reached a Text without one_line becomes U+FFFD: the same length, so
# the styles stay where they were, and nothing from the data can drive the terminal.
_REPLACE = dict.fromkeys(UNSAFE_CODES, "\ufffd")


def safe(text: Text) -> Text:
    plain = text.plain
    if not plain.replace("\n", "").isprintable():
        text.plain = plain.translate(_REPLACE)
    return text


def texts(first: Text, lines: list[Runs], indent: int) -> list[Text]:
    """Wrapped lines as Text: the first after `first`, the others indented."""
    out = []
    for n, runs in enumerate(lines):
        line = first if n == 0 else Text(" " * indent)
        for text, style in runs:
            line.append(text, style=style)
        out.append(line)
    return out


class RichBlocks:
    def __init__(self, console: Console, *, spell: Spell = no_command) -> None:
        self.console = console
        self.spell = spell  # a Ref as a command (cli/spelling.py)
        self.lines: list[Text] = []
        self.inset = 0  # columns taken by a surrounding panel's borders and padding

    @classmethod
    def for_stream(cls, into: TextIO | None = None, *, force: bool = False, spell: Spell = no_command) -> Self:
        # highlight=False: Rich must not colour numbers or URLs found inside data text.
        # The width is always given: Rich would take COLUMNS as it is (0 prints nothing).
        if into is None:
            return cls(Console(highlight=False, force_terminal=True if force else None, width=columns()), spell=spell)
        # Captured for the pager: keep the terminal's width and colours.
        return cls(Console(file=into, highlight=False, force_terminal=True, width=columns()), spell=spell)

    @property
    def narrow(self) -> bool:
        return self.console.width < NARROW

    # -- building blocks: each adds lines; `_flush` prints them in one call --------------------
    def _flush(self) -> None:
        # One print per view: every console.print costs a fraction of a millisecond. soft_wrap:
        # the lines are already wrapped, and a word left longer than the screen is never cropped.
        self.console.print(Text("\n").join(safe(line) for line in self.lines), soft_wrap=True)
        self.lines = []

    def _lay(self, first: Text, pieces: Iterable[tuple[str, str]], indent: int, whole: tuple[str, ...] = ()) -> None:
        """Add `pieces` (text, style) after `first`, wrapped to the room left, hanging by `indent`;
        a piece in `whole` (a phone number, a command) is never split across lines: a command wider
        than the screen runs past the edge whole, so that it can still be copied in one piece."""
        width = self.console.width - self.inset
        items = words(pieces, whole=whole)
        self.lines += texts(first, wrap(display_width(first.plain), items, width, indent, fold=self.inset > 0), indent)

    def _hanging(self, first: Text, text: str, indent: int, style: str = "") -> None:
        self._lay(first, [(one_line(text), style)], indent)

    @staticmethod
    def _label(label: str, width: int, style: str) -> Text:
        # Appended, not Text(label, style=...): a Text's own style would colour the value too.
        head = Text()
        head.append(f"{label:<{width}}", style=style)
        return head

    def _field(
        self, label: str, value: str, style: str = "", label_style: str = "bold", see: Sequence[str] = ()
    ) -> None:
        """`see`, the words that say which commands show what the value points to, follows it in cyan."""
        pieces = [(one_line(value), style), *((f" {word}", "cyan") for word in see)]
        if self.narrow:
            self.lines.append(self._label(label, 0, label_style))
            self._lay(Text(" " * STACKED_INDENT), pieces, STACKED_INDENT, whole=tuple(see))
        else:
            self._lay(self._label(label, LABEL_WIDTH, label_style), pieces, LABEL_WIDTH, whole=tuple(see))

    def _see(self, see: Sequence[str], indent: int = 0) -> None:
        """ "See 'hkprobono show iss-hk'." on its own line, each command whole."""
        self._lay(
            Text(" " * indent),
            [(f" {word}" if n else word, "cyan") for n, word in enumerate(see)],
            indent,
            whole=tuple(see),
        )

    def _bullets(self, label: str, items: tuple[str, ...] | list[str]) -> None:
        indent = STACKED_INDENT if self.narrow else LABEL_WIDTH
        if self.narrow and items:
            self.lines.append(self._label(label, 0, "bold"))
        for n, item in enumerate(items):
            head = self._label(label if n == 0 and not self.narrow else "", indent, "bold")
            head.append("• ")
            self._hanging(head, item, indent + 2)

    def _text(self, text: str, style: str = "", indent: int = 0) -> None:
        self._hanging(Text(" " * indent), text, indent, style)

    def _rule(self, title: str, style: str = "blue") -> None:
        """── Title ──────── across the width; a title too long for one line wraps under itself."""
        width = self.console.width - self.inset
        lines = texts(self._label("── ", 3, style), wrap(3, words([(title, "bold")]), width - 4, 3, fold=False), 3)
        last = lines[-1]
        last.append(" " + "─" * max(3, width - display_width(last.plain) - 1), style=style)
        self.lines += lines

    # -- views --------------------------------------------------------------------------------
