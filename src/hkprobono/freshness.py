"""How old each source is, and when a card must advise calling before visiting."""

from __future__ import annotations

import datetime as dt
import os

from hkprobono.model import Organisation, Source

STALE_AFTER_DAYS = 365
TODAY_VAR = "HKPROBONO_TODAY"  # pins "today" so tests and reproducible exports do not drift


def today() -> dt.date:
    pinned = os.environ.get(TODAY_VAR)
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            pass
    return dt.date.today()


def latest_day(date: str) -> dt.date:
    """The last day a partial date ("2023", "2023-11") can mean: ages are never overstated."""
    parts = [int(p) for p in date.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    if len(parts) > 2:
        return dt.date(year, month, parts[2])
    # The day before the first of the next month (calendar.monthrange costs an import).
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def age_text(source: Source, on: dt.date) -> str:
    if not source.date:
        return "undated"
    days = (on - latest_day(source.date)).days
    if days < 0:
        return source.date
    if days < 60:
        return f"{source.date}, {days} days old" if days != 1 else f"{source.date}, 1 day old"
    if days < 730:
        return f"{source.date}, {days // 30} months old"
    return f"{source.date}, {days // 365} years old"


def newest(sources: tuple[Source, ...]) -> Source | None:
    dated = [s for s in sources if s.date]
    return max(dated, key=lambda s: latest_day(s.date or "")) if dated else None


CONTACT_FIELDS = frozenset(
    {"address", "postal_address", "address_note", "phones", "email", "website", "hours", "area", "social"}
)


def contact_sources(org: Organisation) -> tuple[Source, ...]:
    """The sources the contact details came from (all sources when none says which)."""
    own = tuple(s for s in org.sources if CONTACT_FIELDS.intersection(s.fields))
    return own or org.sources


UNDATED = "undated"


def stale_since(org: Organisation, on: dt.date) -> str | None:
    """Why the contact details need confirming: UNDATED when no source for them is dated, else the
    date of their newest source when that is over a year old; None when they are fresh (or the
    organisation is closed). The call-first advice and `data check` both follow it."""
    if org.is_closed:
        return None
    best = newest(contact_sources(org))
    if best is None or not best.date:
        return UNDATED
    return best.date if (on - latest_day(best.date)).days > STALE_AFTER_DAYS else None


def advice(org: Organisation, on: dt.date) -> str | None:
    """A call-first warning when the contact details' freshest source is over a year old or undated."""
    since = stale_since(org, on)
    if since is None:
        return None
    if since == UNDATED:
        return "The contact details come from undated sources: call to confirm before you visit or refer."
    return (
        f"The newest source for the contact details is from {since}, more than a year ago: "
        "call to confirm before you visit or refer."
    )
