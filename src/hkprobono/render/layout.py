"""Word wrapping in terminal cells, for the Rich views and for plain text on a terminal: no Rich
here, only styled runs of text.

A line is a list of runs (text, style). A word starts a new line when it does not fit on the
current one; only a word wider than a whole line is folded, and only when asked (inside a panel),
never losing a character; otherwise it is left whole to overflow, and the terminal folds it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hkprobono.text import display_width

# Words joined by single spaces where each after the first is digits ("+852 3109 7359", with any
# punctuation on its ends): one word, so that plain text never breaks a line inside a phone
# number. A web address or an e-mail has no space to break at.
# Compiled at its first use (re caches it): the Rich views import this module and never need it.
NUMBER = r"(?<!\S)\S*\d(?: \d+)+\S*"

# One word to lay out: its text, its style, and the spaces before it when it shares a line.
Word = tuple[str, str, int]
Runs = list[tuple[str, str]]


def words(pieces: Iterable[tuple[str, str]], *, whole: tuple[str, ...] = ()) -> list[Word]:
    """Split styled pieces into words, keeping each one's style and the spaces before it. A piece
    whose text (without its leading spaces) is in `whole`, such as a phone number, stays one word."""
    out: list[Word] = []
    gap = 0
    for text, style in pieces:
        kept = text.lstrip(" ")
        if kept and kept in whole:
            out.append((kept, style, gap + len(text) - len(kept)))
            gap = 0
            continue
        for n, part in enumerate(text.split(" ")):
            if n:
                gap += 1
            if part:
                out.append((part, style, gap))
                gap = 0
    return out


def chop(word: str, room: int) -> list[str]:
    """A word in pieces of at most `room` cells (at least one character each), nothing dropped."""
    pieces: list[str] = []
    piece, used = "", 0
    for ch in word:
        width = display_width(ch)
        if piece and used + width > room:
            pieces.append(piece)
            piece, used = "", 0
        piece += ch
        used += width
    return [*pieces, piece] if piece else pieces


def wrap(start: int, items: list[Word], width: int, indent: int, *, fold: bool) -> list[Runs]:
    """Lay `items` out on lines of at most `width` cells: the first line already holds `start`
    cells, the others are indented by `indent` (the indent is not in the runs). Words of one style
    make one run, the spaces before a word taking its style."""
    lines: list[Runs] = []
    line: Runs = []
    used = start
    for word, style, gap in items:
        size = display_width(word)
        if line and used + gap + size <= width:
            _add(line, " " * gap + word, style)
            used += gap + size
            continue
        if line:
            lines.append(line)
            line, used = [], indent
        if fold and size > width - used:
            *whole, word = chop(word, max(1, width - used))
            for piece in whole:
                lines.append([(piece, style)])
                used = indent
            size = display_width(word)
        _add(line, word, style)
        used += size
    lines.append(line)
    return lines


def _add(line: Runs, text: str, style: str) -> None:
    if line and line[-1][1] == style:
        line[-1] = (line[-1][0] + text, style)
    else:
        line.append((text, style))


def fill(text: str, width: int, indent: int) -> list[str]:
    """A line of plain text broken at spaces into lines of at most `width` cells: the first keeps
    its leading spaces, the others are indented by `indent` (at most half the width). A word wider
    than the room, such as a web address, is left whole on a line of its own, past the edge."""
    body = text.lstrip(" ")
    lead = len(text) - len(body)
    pieces, numbers, at = [], [], 0
    for match in re.finditer(NUMBER, body):
        pieces += [(body[at : match.start()], ""), (match.group(), "")]
        numbers.append(match.group())
        at = match.end()
    pieces.append((body[at:], ""))
    indent = min(indent, width // 2)
    lines = wrap(lead, words(pieces, whole=tuple(numbers)), width, indent, fold=False)
    return [" " * (lead if n == 0 else indent) + "".join(text for text, _ in runs) for n, runs in enumerate(lines)]
