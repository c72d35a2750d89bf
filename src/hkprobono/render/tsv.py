"""--plain: one record per line, tab-separated, stable columns, slug first, no decoration.

Only lays out: each subject module gives its rows and documents its columns (content/search.py
COLUMNS, content/directory.py ORGANISATION_COLUMNS and DISTRICT_COLUMNS).
The guide's rows come from content/guide.py (STEP_COLUMNS)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from hkprobono.text import one_line

# Column order is a contract (README): add new columns only at the end.
# A cell a spreadsheet would run as a formula ("=HYPERLINK(...)", "+852+cmd|..."), whatever
# follows, phone numbers included, is opened with an apostrophe; so is a cell that already
# starts with one. A program undoes it exactly by dropping one leading apostrophe (README).
# Tab and carriage return never start a cell (one_line), but some spreadsheets skip them before
# looking; the full-width signs are what an East Asian keyboard types for them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cell(value: object) -> str:
    text = one_line(str(value)).replace("\t", " ")
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def lines(rows: Iterable[Sequence[object]]) -> Iterator[str]:
    for row in rows:
        yield "\t".join(cell(v) for v in row) + "\n"
