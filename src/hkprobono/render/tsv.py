"""--plain: one record per line, tab-separated, stable columns, slug first, no decoration.

Only lays out: each subject module gives its rows and documents its columns (content/search.py
COLUMNS, content/directory.py ORGANISATION_COLUMNS and DISTRICT_COLUMNS). `steps` builds the
guide's rows here until the guide's subject module takes them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from hkprobono.model import Step
from hkprobono.text import one_line

# Column order is a contract (README): add new columns only at the end.
STEP_COLUMNS = ("number", "stage", "title", "deadline", "helped_by")
# A cell a spreadsheet would run as a formula ("=HYPERLINK(...)") is opened with an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@")


def cell(value: object) -> str:
    text = one_line(str(value)).replace("\t", " ")
    if text.startswith(FORMULA_STARTS) and not text.startswith("+852"):
        return "'" + text
    return text


def lines(rows: Iterable[Sequence[object]]) -> Iterator[str]:
    for row in rows:
        yield "\t".join(cell(v) for v in row) + "\n"


def steps(items: Iterable[Step]) -> Iterator[tuple[object, ...]]:
    for s in items:
        yield s.number, s.stage, s.title, s.deadline or "", ",".join(s.helped_by)
