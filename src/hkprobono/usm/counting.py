"""USM deadlines: the last day for an act, counted only as the sources state the rules.

Pure domain code: no printing. What each deadline is (its period, what starts it, its sources)
comes from the data file as `model.Deadline`; this module holds only the counting rules of
Cap. 1 s.71 and their sources. A deadline whose period no source states has no period in the
data, and no date is computed for it. Bad input raises HkProBonoError (exit 2).

The holiday table comes from data/holidays.toml (loading/holidays.py), never from a library at run
time."""

import functools
from collections.abc import Iterable
from datetime import date, timedelta

from hkprobono.errors import EXIT_USAGE, HkProBonoError
from hkprobono.loading.holidays import HolidayTable, bundled
from hkprobono.model import Deadline, Source
from hkprobono.record import NamedTuple
from hkprobono.text import foreign_digits

UNITS = ("days", "months")
SATURDAY, SUNDAY = 5, 6  # date.weekday(); the calendar module would cost an import for two numbers

ADVICE = "File as early as possible; never rely on the last day."
NOT_ADVICE = "General information, not legal advice: check with the lawyer."
CAVEAT = f"{NOT_ADVICE} {ADVICE}"
WARNING_DAYS_NOTE = (
    "Gale and black rainstorm warning days cannot be known in advance. If such a warning was in force "
    "on the last day, ask the lawyer whether that day counts as a warning day under Cap. 1 s.71: if it "
    "does, the last day moves to the next day that is not a holiday or a warning day."
)
CLOSURE_NOTE = (
    "Days the court office is closed, other than Saturdays, Sundays and general holidays, cannot be known "
    "in advance. If the office was closed on the last day, the last day moves to the next day it is open "
    "(Cap. 1 s.71(1A)): ask the lawyer."
)


# NamedTuples, not frozen dataclasses: two of those cost a count 8 M instructions to define.
class MovedDay(NamedTuple):
    day: date
    why: str


class DueDate(NamedTuple):
    """The result of a count: the last day, every day that moved it, and what the count rests on."""

    deadline: Deadline
    start: date
    due: date
    period: str
    rule: str
    moved: tuple[MovedDay, ...]
    sources: tuple[Source, ...]  # the deadline's own, the counting rules', then the holiday lists used
    closed_days: tuple[date, ...] = ()
    caveat: str = CAVEAT
    note: str = WARNING_DAYS_NOTE
    # A last day on a Saturday, for an act not done at a court office: the working day before it.
    # The date itself stands (s.71(1)(b) moves it only for a holiday or a warning day).
    file_by: date | None = None

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


def holiday_table() -> HolidayTable:
    """The checked general holidays (data/holidays.toml): a date outside its years is refused, since
    guessing a holiday list could move a deadline wrongly."""
    return bundled()


def covered_years() -> tuple[int, int]:
    table = holiday_table()
    return table.first, table.last


@functools.cache
def _general_holidays(year: int) -> dict[date, str] | None:
    found = holiday_table().year(year)
    return found.named() if found is not None else None


class _Days:
    """What each day is, for one count: the years whose holiday lists it looked at are its sources."""

    def __init__(self, deadline: Deadline, closed: frozenset[date]) -> None:
        self.court_office = deadline.court_office
        self.closed = closed
        self.years: set[int] = set()

    def holiday(self, day: date) -> str | None:
        if day.weekday() == SUNDAY:
            return "Sunday (every Sunday is a general holiday)"
        named = _general_holidays(day.year)
        if named is None:
            first, last = covered_years()
            raise _fail(
                f"the count reaches {day.isoformat()}, and there is no checked holiday list for {day.year}",
                hint=f"this tool knows Hong Kong general holidays for {first}-{last} only; count by hand with the "
                "lawyer",
            )
        self.years.add(day.year)
        name = named.get(day)
        return f"general holiday: {name}" if name is not None else None

    def given(self, day: date) -> str | None:
        if day not in self.closed:
            return None
        if self.court_office:
            return "a day you gave on which the court office was closed"
        return "a warning day you gave (a gale or black rainstorm warning was in force)"

    def closed_why(self, day: date) -> str | None:
        why = self.holiday(day)
        if why is None and self.court_office and day.weekday() == SATURDAY:
            why = "Saturday: court offices are closed on Saturdays (five-day week)"
        return why or self.given(day)

    def sources(self) -> tuple[Source, ...]:
        table = holiday_table()
        return tuple(source for year in sorted(self.years) for source in table.years[year - table.first].sources)


def working_day_before(day: date, closed: frozenset[date] = frozenset()) -> date | None:
    """The last day before `day` that is not a Saturday, a Sunday, a general holiday or a day given
    as closed; None when that needs a year the holiday table does not hold."""
    before = day - timedelta(days=1)
    while True:
        named = _general_holidays(before.year)
        if named is None:
            return None
        if before.weekday() < SATURDAY and before not in named and before not in closed:
            return before
        before -= timedelta(days=1)


def add_months(start: date, months: int) -> date:
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    # Corresponding date rule; when that month has no such day, its last day.
    month_end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return date(year, month, min(start.day, month_end.day))


def _last_day(deadline: Deadline, start: date, days: _Days) -> tuple[date, list[MovedDay]]:
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
        why = days.holiday(day) or days.given(day)
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
            "Other days the office is closed are not known here."
        )
    else:
        parts.append(
            "A last day that is a public holiday (any general holiday under Cap. 149, Sundays included) or "
            "a gale or black rainstorm warning day moves to the next day that is none of these "
            "(Cap. 1 s.71(1)(b)). A Saturday that is not a general holiday does not move the date."
        )
    return " ".join(parts)


def counting_sources(deadline: Deadline) -> tuple[Source, ...]:
    """The sources of the counting rules; the holiday lists a count used are added by `compute`."""
    found = [S71, S3]
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


def closed_day_note(deadline: Deadline) -> str:
    """Which days the count cannot know in advance, as the rule for this kind of act states them."""
    return CLOSURE_NOTE if deadline.court_office else WARNING_DAYS_NOTE


def check_started(start: date, today: date) -> None:
    """The clock starts on an event that has happened: a date after today is a slip of the keyboard."""
    if start > today:
        raise _fail(
            f"{start.isoformat()} is after today ({today.isoformat()}): the clock starts on a day that has "
            "already happened, such as the date of the decision",
            hint="check the date on the papers and write it as YYYY-MM-DD",
        )


def compute(deadline: Deadline, start: date, closed_days: Iterable[date] = ()) -> DueDate:
    """The last day for `deadline` when the clock starts on `start`; `closed_days` adds warning or closure days."""
    if not computable(deadline):
        raise _fail(f"{deadline.kind}: no source states a period for it, so no date can be computed")
    closed = frozenset(closed_days)
    days = _Days(deadline, closed)
    day, moved = _last_day(deadline, start, days)
    while (why := days.closed_why(day)) is not None:
        moved.append(MovedDay(day, why))
        day += timedelta(days=1)
    saturday = not deadline.court_office and day.weekday() == SATURDAY
    return DueDate(
        deadline=deadline,
        start=start,
        due=day,
        period=period_text(deadline) or "",
        rule=rule_text(deadline),
        moved=tuple(moved),
        sources=deadline.sources + counting_sources(deadline) + days.sources(),
        closed_days=tuple(sorted(closed)),
        note=closed_day_note(deadline),
        file_by=working_day_before(day, closed) if saturday else None,
    )
