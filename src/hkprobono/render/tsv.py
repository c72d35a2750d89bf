"""--plain: one record per line, tab-separated, stable columns, slug first, no decoration."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from hkprobono.content.words import status_word
from hkprobono.model import Organisation, Step
from hkprobono.text import one_line

if TYPE_CHECKING:  # search loads rapidfuzz, which only searches need
    from hkprobono.search.engine import Answer, Result

# Column order is a contract (README): add new columns only at the end.
RESULT_COLUMNS = ("slug", "name", "score", "categories", "phone", "matched_field", "matched_text", "status", "kind")
ORGANISATION_COLUMNS = ("slug", "name", "status", "categories", "phone", "email", "website")
STEP_COLUMNS = ("number", "stage", "title", "deadline", "helped_by")
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


def results(found: Sequence[Result | Answer]) -> Iterator[tuple[object, ...]]:
    """An organisation's first column is its slug; a step's `step:N`, a term's `term:TERM` (kind last)."""
    from hkprobono.search.engine import Result  # only searches get here: rapidfuzz is loaded

    for r in found:
        best = r.best
        if isinstance(r, Result):
            o = r.org
            yield (o.slug, o.name, f"{r.score:g}", ",".join(o.categories), o.contact.first_phone, best.field,
                   best.text, status_word(o), "org")  # fmt: skip
        else:
            title = f"Step {r.step.number}. {r.step.title}" if r.step else (r.term.term if r.term else "")
            yield (r.key, title, f"{r.score:g}", "", "", best.field, best.text, "", r.kind)


def organisations(orgs: Iterable[Organisation]) -> Iterator[tuple[object, ...]]:
    for o in orgs:
        c = o.contact
        yield o.slug, o.name, o.status, ",".join(o.categories), c.first_phone, c.email or "", c.website or ""


def steps(items: Iterable[Step]) -> Iterator[tuple[object, ...]]:
    for s in items:
        yield s.number, s.stage, s.title, s.deadline or "", ",".join(s.helped_by)
