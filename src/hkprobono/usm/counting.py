"""USM deadlines: the last day for an act, counted only as the sources state the rules.

Pure domain code: no printing. What each deadline is (its period, what starts it, its sources)
comes from the data file as `model.Deadline`; this module holds only the counting rules of
Cap. 1 s.71 and their sources. A deadline whose period no source states has no period in the
data, and no date is computed for it. Bad input raises HkProBonoError (exit 2).
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from hkprobono.errors import EXIT_USAGE, HkProBonoError
from hkprobono.model import Deadline, Source
from hkprobono.text import foreign_digits

UNITS = ("days", "months")

# Years whose general holidays from the `holidays` package were checked, day by day, against
# the gazetted or officially announced lists (tests/test_deadlines.py holds those lists).
# A date outside them is refused: guessing a holiday list could move a deadline wrongly.
FIRST_YEAR = 2024
LAST_YEAR = 2027

ADVICE = "File as early as possible; never rely on the last day."
NOT_ADVICE = "General information, not legal advice: check with the lawyer."
CAVEAT = f"{NOT_ADVICE} {ADVICE}"
WARNING_DAYS_NOTE = (
    "Gale and black rainstorm warning days cannot be known in advance. If such a warning was in force "
    "on the last day, ask the lawyer whether that day counts as a warning day under Cap. 1 s.71: if it "
    "does, the last day moves to the next day that is not a holiday or a warning day."
)


@dataclass(frozen=True)
class MovedDay:
    day: date
    why: str


@dataclass(frozen=True)
class DueDate:
    """The result of a count: the last day, every day that moved it, and what the count rests on."""

    deadline: Deadline
    start: date
    due: date
    period: str
    rule: str
    moved: tuple[MovedDay, ...]
    sources: tuple[Source, ...]  # the deadline's own sources, then the counting rules'
    closed_days: tuple[date, ...] = ()
    caveat: str = CAVEAT
    note: str = WARNING_DAYS_NOTE

    @property
    def kind(self) -> str:
        return self.deadline.kind

    @property
    def title(self) -> str:
        return self.deadline.title


# --- Sources of the counting rules (each page's own date; read 2026-11-26 from stored copies).
S71 = Source(
    "Interpretation and General Clauses Ordinance (Cap. 1) s.71, computation of time, version of 15/02/2017 "
    "(copy on scribd.com; the official text is on elegislation.gov.hk)",
    "https://www.scribd.com/document/695440940/s-71-IGCO",
    "2017-02-15",
)
S3 = Source(
    'Cap. 1 s.3: a "public holiday" is any general holiday under the General Holidays Ordinance (Cap. 149) '
    "(quoted in an online legal dictionary, dl.newdu.com)",
    "http://dl.newdu.com/e5297.html",
    "2024-10-27",
)
MONTH = Source(
    'Cap. 1 s.3: "month" means calendar month (1989 edition, copy on hkintexts.histsyn.com)',
    "https://hkintexts.histsyn.com/series/histsyn-historical-laws-engine/items/"
    "1964_INTERPRETATION_AND_GENERAL_CLAUSES_ORDINANCE?p=12",
    "1989",
)
DODDS = Source(
    "Dodds v Walker [1981] UKHL: a period of months ends on the corresponding date (English authority)",
    "https://vlex.co.uk/vid/dodds-v-walker-793845349",
    "1981-06-18",
)
HALSBURY = Source(
    "Halsbury's Laws, 3rd ed., vol. 37: a month from a longer month's end ends at the next month's end (quoted)",
    "http://www.duhaime.org/LegalDictionary/C/CalendarMonth.aspx",
)
FIVE_DAY = Source(
    "news.gov.hk: court offices generally closed on Saturdays from 3 January 2017",
    "http://www.news.gov.hk/en/categories/law_order/html/2016/12/20161228_150334.shtml",
    "2016-12-28",
)
FIVE_DAY_BILL = Source(
    "Judiciary (Five-day Week) Bill gazetted: Saturdays left out in counting time for court proceedings",
    "http://www.info.gov.hk/gia/general/201602/26/P201602260336.htm",
    "2016-02-26",
)
HOLIDAYS = Source(
    "General holidays for 2026 (Cap. 149), the government's list; the `holidays` package's Hong Kong "
    f'"optional" category matches it, and the lists for the other years to {LAST_YEAR} as published '
    "in secondary reports",
    "https://www.info.gov.hk/gia/general/202505/16/P2025051300354.htm",
    "2025-05-16",
)


def _fail(message: str, hint: str | None = None) -> HkProBonoError:
    return HkProBonoError(message, exit_code=EXIT_USAGE, hint=hint)


def computable(deadline: Deadline) -> bool:
    """A date can be computed only where a source states a period (the data then has one)."""
    return deadline.period is not None and deadline.period > 0 and deadline.unit in UNITS


def find(deadlines: Iterable[Deadline], kind: str) -> Deadline:
    found = tuple(deadlines)
    for deadline in found:
        if deadline.kind == kind.strip().casefold():
            return deadline
    kinds = ", ".join(d.kind for d in found if computable(d))
    raise _fail(f"unknown deadline kind {kind!r}", hint=f"kinds with a date to compute: {kinds}")


def parse_date(text: str) -> date:
    """Read YYYY-MM-DD; an impossible date (2025-02-30) is the caller's error, never rounded."""
    cleaned = text.strip()
    # fromisoformat alone also takes "20261211" and week dates ("2026-W50-5"): only YYYY-MM-DD is said.
    if len(cleaned) != 10 or cleaned[4] != "-" or cleaned[7] != "-" or not cleaned.replace("-", "").isdigit():
        raise _fail(f"not a date of the form YYYY-MM-DD: {text!r}", hint="write it as YYYY-MM-DD, e.g. 2025-03-14")
    if foreign_digits(cleaned):
        raise _fail(f"not a date of the form YYYY-MM-DD: {text!r}: {foreign_digits(cleaned)}")
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise _fail(f"not a real date: {text!r}", hint="write it as YYYY-MM-DD, e.g. 2025-03-14") from None


@functools.cache
def _general_holidays(year: int) -> dict[date, str]:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _fail(
            f"the count reaches {year}, and there is no checked holiday list for {year}",
            hint=f"this tool knows Hong Kong general holidays for {FIRST_YEAR}-{LAST_YEAR} only; count by hand "
            "with the lawyer",
        )
    import holidays  # deferred: only a count needs it

    # "optional" is the library's name for the Cap. 149 general holidays; "public" is the shorter
    # Employment Ordinance list, which Cap. 1 s.71 does not use.
    found = holidays.country_holidays("HK", years=year, categories=("optional",), language="en_HK")
    return {day: str(name) for day, name in found.items()}


def _holiday_name(day: date) -> str | None:
    name = _general_holidays(day.year).get(day)
    if name is not None:
        return f"general holiday: {name}"
    if day.weekday() == calendar.SUNDAY:
        return "Sunday (every Sunday is a general holiday)"
    return None


def _closed_why(day: date, court_office: bool, closed: frozenset[date]) -> str | None:
    why = _holiday_name(day)
    if why is None and court_office and day.weekday() == calendar.SATURDAY:
        why = "Saturday: court offices are closed on Saturdays (five-day week)"
    if why is None and day in closed:
        why = "closed day you gave (e.g. a gale or black rainstorm warning day)"
    return why


def add_months(start: date, months: int) -> date:
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    # Corresponding date rule; when that month has no such day, its last day.
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _last_day(deadline: Deadline, start: date, closed: frozenset[date]) -> tuple[date, list[MovedDay]]:
    period = deadline.period or 0
    if deadline.unit == "months":
        return add_months(start, period), []
    if period > 6:
        return start + timedelta(days=period), []
    if deadline.court_office:
        # s.71(1A)(c) and RHC O.3 r.2(5) govern short periods at a court office; their exact
        # wording was not found, so no date is computed rather than a guessed one.
        raise _fail(f"{deadline.kind}: no confirmed counting rule for a period of {period} days at a court office")
    skipped: list[MovedDay] = []
    day, counted = start, 0
    while counted < period:
        day += timedelta(days=1)
        why = _holiday_name(day) or ("closed day you gave" if day in closed else None)
        if why is None:
            counted += 1
        else:
            skipped.append(MovedDay(day, f"not counted (Cap. 1 s.71(1)(d)): {why}"))
    return day, skipped


def rule_text(deadline: Deadline) -> str:
    """The counting rules that apply to `deadline`, in plain words with their sections."""
    if deadline.unit == "months":
        parts = [
            "A month is a calendar month (Cap. 1 s.3). The day of the event is not counted and the period "
            "ends on the same date that many months later; if that month has no such date (e.g. 31 August "
            "+ 3 months), on its last day (Dodds v Walker; Halsbury's Laws: English authority)."
        ]
    else:
        parts = ["The day of the event is not counted (Cap. 1 s.71(1)(a))."]
    if deadline.unit == "days" and deadline.period is not None and deadline.period <= 6:
        parts.append("For 6 days or less, public holidays and warning days are not counted (Cap. 1 s.71(1)(d)).")
    if deadline.court_office:
        parts.append(
            "The act is done at a court office, so Cap. 1 s.71(1A) applies: a last day on which the office "
            "is closed moves to the next day it is not. Closed days counted here: Saturdays (five-day week "
            "since 3 January 2017), Sundays, every general holiday under Cap. 149, and any day you add. "
            "Half-day closures (e.g. Christmas Eve afternoon) and days closed by the Chief Justice's "
            "direction are not known here; add them if they apply."
        )
    else:
        parts.append(
            "A last day that is a public holiday (any general holiday under Cap. 149, Sundays included) or "
            "a gale or black rainstorm warning day moves to the next day that is none of these "
            "(Cap. 1 s.71(1)(b)). A Saturday that is not a general holiday does not move the date."
        )
    return " ".join(parts)


def counting_sources(deadline: Deadline) -> tuple[Source, ...]:
    found = [S71, S3, HOLIDAYS]
    if deadline.unit == "months":
        found += [MONTH, DODDS, HALSBURY]
    if deadline.court_office:
        found += [FIVE_DAY, FIVE_DAY_BILL]
    return tuple(found)


def period_text(deadline: Deadline) -> str | None:
    if not computable(deadline):
        return None
    unit = deadline.unit or ""
    return f"{deadline.period} {unit.rstrip('s') if deadline.period == 1 else unit}"


def compute(deadline: Deadline, start: date, closed_days: Iterable[date] = ()) -> DueDate:
    """The last day for `deadline` when the clock starts on `start`; `closed_days` adds warning or closure days."""
    if not computable(deadline):
        raise _fail(
            f"{deadline.kind}: no source states a period for it, so no date can be computed",
            hint="'hkprobono usm deadlines' shows what the sources say about it",
        )
    _general_holidays(start.year)
    closed = frozenset(closed_days)
    day, moved = _last_day(deadline, start, closed)
    while (why := _closed_why(day, deadline.court_office, closed)) is not None:
        moved.append(MovedDay(day, why))
        day += timedelta(days=1)
    return DueDate(
        deadline=deadline,
        start=start,
        due=day,
        period=period_text(deadline) or "",
        rule=rule_text(deadline),
        moved=tuple(moved),
        sources=deadline.sources + counting_sources(deadline),
        closed_days=tuple(sorted(closed)),
    )
