"""What the maintainers' views say: the directory's reach figures, and which details to re-check
first (`data stale`). Renderers lay these out."""

import datetime as dt
from typing import Any, NamedTuple

from hkprobono.content.about import guide_slugs
from hkprobono.content.jsondoc import as_dict, document
from hkprobono.freshness import detail_ages
from hkprobono.model import Directory


class StaleRow(NamedTuple):
    slug: str
    name: str
    field: str  # phones, email, address, hours
    date: str | None  # None: undated
    basis: str  # "source" or "confirmed by METHOD"
    guide: bool  # the USM guide names the organisation as a helper


class StaleView(NamedTuple):
    rows: tuple[StaleRow, ...]
    checked: int  # details looked at

    @property
    def kind(self) -> str:
        return "stale"


def stale(directory: Directory, on: dt.date) -> StaleView:
    """Old or undated contact details, the ones to re-check first at the top: the organisations
    the USM guide relies on before the rest; then never-confirmed before confirmed; then undated,
    then oldest first (ISO dates, full or partial, sort by their text)."""
    relied = guide_slugs(directory)
    rows: list[tuple[tuple[int, int, str, int], StaleRow]] = []
    checked = 0
    for org in directory.current():
        for age in detail_ages(org, on):
            checked += 1
            if not age.stale:
                continue
            basis = f"confirmed by {age.confirmed.method}" if age.confirmed else "source"
            rank = relied.index(org.slug) if org.slug in relied else len(relied)
            key = (int(org.slug not in relied), int(age.confirmed is not None), age.date or "", rank)
            rows.append((key, StaleRow(org.slug, org.name, age.field, age.date, basis, org.slug in relied)))
    rows.sort(key=lambda item: item[0])
    return StaleView(tuple(row for _, row in rows), checked)


def stale_record(view: StaleView) -> dict[str, Any]:
    """`data stale --json`: the rows in order, each as {slug, name, field, date, basis, guide}."""
    return document(checked=view.checked, details=[as_dict(row) for row in view.rows])
