"""How old each source and each contact detail is, and when a card must advise checking first."""

import datetime as dt
import os

from hkprobono.model import LOCATION_SUPPORTED_BY, SUPPORTED_BY, Confirmation, Organisation, Source
from hkprobono.record import NamedTuple

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


def _midpoint(date: str) -> tuple[dt.date, int]:
    """The middle of the span a date can mean, and the span's length in days: "2023-11" is any day
    of November 2023, so its age is counted from the middle of the month."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) > 2:
        day = dt.date(parts[0], parts[1], parts[2])
        return day, 1
    first = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, 1)
    last = latest_day(date)
    span = (last - first).days + 1
    return first + dt.timedelta(days=(span - 1) // 2), span


DAYS_PER_MONTH = 365.2425 / 12
DAYS_PER_YEAR = 365.2425


def age(date: str, on: dt.date) -> str:
    """How old a dated page is, rounded to the nearest unit ("12 days old", "about 5 months old",
    "about 3 years old"), never off by more than half a unit; "" when the date itself is too coarse
    to say (a month two weeks ago, a year last year) or is after `on`."""
    middle, span = _midpoint(date)
    days = (on - middle).days
    if days < 0 or (span > 1 and on < latest_day(date)):
        return ""
    if days < 60:
        if span > 1:
            return ""  # a month or a year: days would claim more than the date says
        return "today" if days == 0 else "1 day old" if days == 1 else f"{days} days old"
    if days < 730:
        if span > 31:
            return ""  # a year alone cannot give an age in months
        return f"about {round(days / DAYS_PER_MONTH)} months old"
    return f"about {round(days / DAYS_PER_YEAR)} years old"


def age_text(source: Source, on: dt.date) -> str:
    """The source's date and its age ("2023-11, about 3 years old"), the date alone when its age
    cannot be given to the nearest unit, or "undated"."""
    if not source.date:
        return UNDATED
    shown = age(source.date, on)
    return f"{source.date}, {shown}" if shown else source.date


# The contact details whose age matters to someone about to call, write or visit, in card order,
# with the words the advice uses for them.
DETAILS = {"address": "address", "phones": "phone", "email": "e-mail", "hours": "opening hours"}
UNDATED = "undated"


class DetailAge(NamedTuple):
    """How old one shown contact detail is: the date of the newest source or confirmation that
    supports it (`backing`). A detail every location has (an address, hours) is as old as it is at
    the location where it is oldest, never younger."""

    field: str  # a key of DETAILS
    date: str | None  # None: no dated source and no confirmation
    confirmed: Confirmation | None  # the confirmation the date comes from, if it does
    stale: bool  # undated, or over STALE_AFTER_DAYS old
    location: str | None = None  # the location whose detail this is, when the organisation has several

    @property
    def words(self) -> str:
        return DETAILS[self.field]


def backing(org: Organisation, key: str, location: str | None = None) -> tuple[Source | Confirmation, ...]:
    """The sources and confirmations that support one detail: `key` is a contact or service field
    (SUPPORTED_BY), or with `location` a place detail of that location (LOCATION_SUPPORTED_BY). A
    source or confirmation that names a location supports only that location's place details."""
    names = SUPPORTED_BY[key] if location is None else LOCATION_SUPPORTED_BY[key]
    items: list[Source | Confirmation] = [*org.sources, *org.confirmations]
    return tuple(
        item
        for item in items
        if any(n in item.fields for n in names) and (location is None or item.location in (None, location))
    )


Newest = tuple[dt.date, str, Confirmation | None]


def _newest(items: tuple[Source | Confirmation, ...]) -> Newest | None:
    dated: list[Newest] = [
        (latest_day(i.date), i.date, i if isinstance(i, Confirmation) else None) for i in items if i.date
    ]
    return max(dated, key=lambda item: (item[0], item[2] is not None)) if dated else None


def detail_ages(org: Organisation, on: dt.date) -> tuple[DetailAge, ...]:
    """Each contact detail the organisation has, with its age (none for a closed organisation)."""
    if org.is_closed:
        return ()
    c = org.contact
    ages = []
    for field in DETAILS:
        found: list[tuple[str | None, Newest | None]]
        if field in ("address", "hours"):
            found = [(loc.id, _newest(backing(org, field, loc.id))) for loc in c.locations if getattr(loc, field)]
        elif c.voice_phones if field == "phones" else getattr(c, field):
            found = [(None, _newest(backing(org, field)))]
        else:
            found = []
        if not found:
            continue
        several = len(found) > 1
        dated = [(place, newest) for place, newest in found if newest is not None]
        if len(dated) < len(found):
            undated = next(place for place, newest in found if newest is None)
            ages.append(DetailAge(field, None, None, True, undated if several else None))
            continue
        place, (day, date, check) = min(dated, key=lambda item: item[1][0])
        ages.append(DetailAge(field, date, check, (on - day).days > STALE_AFTER_DAYS, place if several else None))
    return tuple(ages)


def stale_details(org: Organisation, on: dt.date) -> tuple[DetailAge, ...]:
    """The contact details to confirm before relying on them. The card's advice, `data check` and
    `data stale` all follow it."""
    return tuple(age for age in detail_ages(org, on) if age.stale)


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe(ages: tuple[DetailAge, ...]) -> str:
    """ "phone from an undated source; e-mail from 2019": details of the same age named together."""
    groups: dict[str, list[str]] = {}
    for age in ages:
        if age.date is None:
            when = "from an undated source"
        elif age.confirmed is not None:
            when = f"last confirmed on {age.date}"
        else:
            when = f"from {age.date}"
        groups.setdefault(when, []).append(age.words)
    return "; ".join(f"{_join(words)} {when}" for when, words in groups.items())


def advice(org: Organisation, on: dt.date) -> str | None:
    """Which shown contact details are old, and what to do: None when every one is recent."""
    old = stale_details(org, on)
    if not old:
        return None
    if org.contact.voice_phones:
        act = "call to confirm before you visit or refer"
    elif org.contact.email:
        act = "write to confirm before you visit or refer"
    else:
        act = "check before you visit or refer"
    text = describe(old)
    return f"{text[0].upper()}{text[1:]}: {act}."
