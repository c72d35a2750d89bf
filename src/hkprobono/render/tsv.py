"""--plain: one record per line, tab-separated, stable columns, slug first, no decoration."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from hkprobono.model import Organisation, Step
from hkprobono.text import one_line

if TYPE_CHECKING:  # search loads rapidfuzz, which only searches need
    from hkprobono.search import Result

# Column order is a contract (README): add new columns only at the end.
RESULT_COLUMNS = ("slug", "name", "score", "categories", "phone", "matched_field", "matched_text")
ORGANISATION_COLUMNS = ("slug", "name", "status", "categories", "phone", "email", "website")
STEP_COLUMNS = ("number", "stage", "title", "deadline", "helped_by")


def _cell(value: object) -> str:
    return one_line(str(value)).replace("\t", " ")


def _write(out: TextIO, rows: Iterable[Iterable[object]]) -> None:
    for row in rows:
        out.write("\t".join(_cell(v) for v in row) + "\n")


def results(out: TextIO, found: list[Result]) -> None:
    _write(
        out,
        (
            (
                r.org.slug,
                r.org.name,
                f"{r.score:g}",
                ",".join(r.org.categories),
                r.org.contact.first_phone,
                r.best.field,
                r.best.text,
            )
            for r in found
        ),
    )


def organisations(out: TextIO, orgs: Iterable[Organisation]) -> None:
    _write(
        out,
        (
            (
                o.slug,
                o.name,
                o.status,
                ",".join(o.categories),
                o.contact.first_phone,
                o.contact.email or "",
                o.contact.website or "",
            )
            for o in orgs
        ),
    )


def steps(out: TextIO, items: Iterable[Step]) -> None:
    _write(out, ((s.number, s.stage, s.title, s.deadline or "", ",".join(s.helped_by)) for s in items))
