"""Word wrapping in terminal cells, for the Rich views: no Rich here, only styled runs of text.

A line is a list of runs (text, style). A word starts a new line when it does not fit on the
current one; only a word wider than a whole line is folded, and only when asked (inside a panel),
never losing a character; otherwise it is left whole to overflow, and the terminal folds it."""

from __future__ import annotations

from collections.abc import Iterable

from hkprobono.text import display_width

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
