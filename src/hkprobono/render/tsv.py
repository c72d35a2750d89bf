"""--plain: one record per line, tab-separated, stable columns, slug first, no decoration."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from hkprobono.content.cards import status_word
from hkprobono.model import Organisation, Step
from hkprobono.text import one_line

if TYPE_CHECKING:  # search loads rapidfuzz, which only searches need
    from hkprobono.search.engine import Result

# Column order is a contract (README): add new columns only at the end.
RESULT_COLUMNS = ("slug", "name", "score", "categories", "phone", "matched_field", "matched_text", "status")
ORGANISATION_COLUMNS = ("slug", "name", "status", "categories", "phone", "email", "website")
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


def results(found: list[Result]) -> Iterator[tuple[object, ...]]:
    for r in found:
        o = r.org
        yield (o.slug, o.name, f"{r.score:g}", ",".join(o.categories), o.contact.first_phone, r.best.field,
               r.best.text, status_word(o))  # fmt: skip


def organisations(orgs: Iterable[Organisation]) -> Iterator[tuple[object, ...]]:
    for o in orgs:
        c = o.contact
        yield o.slug, o.name, o.status, ",".join(o.categories), c.first_phone, c.email or "", c.website or ""


def steps(items: Iterable[Step]) -> Iterator[tuple[object, ...]]:
    for s in items:
        yield s.number, s.stage, s.title, s.deadline or "", ",".join(s.helped_by)
