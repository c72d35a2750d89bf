"""`data stale`: the call list. What to check first, the number or route to try, and how old the
source is, for volunteers to share out: the organisations the USM guide relies on that cannot be
reached come first, then the oldest details nobody has confirmed, then the other organisations
nobody can call or write to. Renderers lay it out; --json and --plain (TSV) carry the same rows."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

from hkprobono.content.about import guide_slugs
from hkprobono.content.jsondoc import as_dict, document
from hkprobono.freshness import DETAILS, detail_ages, latest_day
from hkprobono.model import Directory, Organisation
from hkprobono.record import NamedTuple
from hkprobono.text import one_line

UNREACHABLE = "a phone number or an e-mail address"
# Column order is a contract (README): add new columns only at the end.
STALE_COLUMNS = ("slug", "name", "check", "try", "source_date", "basis", "guide", "field", "location")


class StaleRow(NamedTuple):
    slug: str
    name: str
    field: str  # phones, email, address, hours; "contact" when there is no phone or e-mail at all
    date: str | None  # the date of the newest source or confirmation behind it; None: undated
    basis: str  # "source", "confirmed by METHOD", or "no phone or e-mail"
    guide: bool  # the USM guide names the organisation as a helper
    check: str = ""  # what to check, in words
    route: str = ""  # the number, address or route to try
    location: str | None = None


class StaleView(NamedTuple):
    rows: tuple[StaleRow, ...]
    checked: int  # details looked at

    @property
    def kind(self) -> str:
        return "stale"

    @property
    def total(self) -> str:
        unreachable = sum(1 for row in self.rows if row.field == "contact")
        details = len(self.rows) - unreachable
        return (
            f"{unreachable} organisations with no phone or e-mail; {details} of {self.checked} contact details "
            "to re-check (undated or over a year old)"
        )


def _route(org: Organisation, directory: Directory) -> str:
    """The way to try first: a phone, an e-mail, the website, how the sources say to get help, or
    the organisations that refer people to it."""
    c = org.contact
    if c.voice_phones:
        return c.voice_phones[0].number
    if c.email:
        return c.email
    if c.website:
        return c.website
    if c.application_process:
        return one_line(c.application_process)
    named = [o.name for o in (directory.by_slug(s) for s in org.reached_through) if o]
    return f"through {', '.join(named)}" if named else "none known: search or ask partner organisations"


def _newest(org: Organisation) -> str | None:
    dated = [s.date for s in org.sources if s.date]
    return max(dated, key=latest_day) if dated else None


def _unreachable(org: Organisation, directory: Directory, guide: bool) -> StaleRow:
    basis = "no phone or e-mail"
    return StaleRow(org.slug, org.name, "contact", _newest(org), basis, guide, UNREACHABLE, _route(org, directory))


def stale(directory: Directory, on: dt.date) -> StaleView:
    """The call list, in the order to work through it (module docstring). Old details: the guide's
    helpers first, never-confirmed before confirmed, undated before dated, oldest first."""
    relied = guide_slugs(directory)
    first: list[StaleRow] = []
    last: list[StaleRow] = []
    rows: list[tuple[tuple[int, int, str, int], StaleRow]] = []
    checked = 0
    for org in directory.current():
        guide = org.slug in relied
        if not org.contact.reachable:
            (first if guide else last).append(_unreachable(org, directory, guide))
        for age in detail_ages(org, on):
            checked += 1
            if not age.stale:
                continue
            basis = f"confirmed by {age.confirmed.method}" if age.confirmed else "source"
            rank = relied.index(org.slug) if guide else len(relied)
            key = (int(not guide), int(age.confirmed is not None), age.date or "", rank)
            what = DETAILS[age.field] + (f" at {age.location}" if age.location else "")
            row = StaleRow(org.slug, org.name, age.field, age.date, basis, guide, what, _route(org, directory))
            rows.append((key, row._replace(location=age.location)))
    rows.sort(key=lambda item: item[0])
    first.sort(key=lambda row: relied.index(row.slug))
    return StaleView((*first, *(row for _, row in rows), *last), checked)


def stale_record(view: StaleView) -> dict[str, Any]:
    """`data stale --json`: the rows in order, each as {slug, name, field, date, basis, guide,
    check, route, location}."""
    return document(checked=view.checked, details=[as_dict(row) for row in view.rows])


def stale_rows(view: StaleView) -> Iterator[tuple[object, ...]]:
    """`data stale --plain`: one row per line, STALE_COLUMNS, for a spreadsheet."""
    for r in view.rows:
        guide = "yes" if r.guide else "no"
        yield r.slug, r.name, r.check, r.route, r.date or "undated", r.basis, guide, r.field, r.location or ""
