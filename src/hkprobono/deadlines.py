"""USM deadlines: the last day for an act, counted only as the sources state the rules.

Pure domain code: no printing. Rules come in as data (`rule_from_dict`), so a period or a
wording is changed in the data file, never here. Bad input raises HkProBonoError (exit 2).
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal, cast

import holidays

from hkprobono.errors import EXIT_USAGE, HkProBonoError

Unit = Literal["days", "months"]

# Years whose general holidays from the `holidays` package were checked, day by day, against
# the gazetted or officially announced lists (tests/test_deadlines.py holds those lists).
# A date outside them is refused: guessing a holiday list could move a deadline wrongly.
FIRST_YEAR = 2024
LAST_YEAR = 2027

CAVEAT = (
    "General information, not legal advice: check with the lawyer. "
    "File as early as possible; never rely on the last day."
)
WARNING_DAYS_NOTE = (
    "Gale and black rainstorm warning days cannot be known in advance. If a warning is in force on "
    "the last day (for any part of it, Cap. 1 s.71(2)), add that day as a closed day and count again."
)


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    date: str = ""


@dataclass(frozen=True)
class DeadlineRule:
    kind: str
    title: str
    period: int | None
    unit: Unit | None
    starts: str
    if_missed: str
    court_office: bool
    computable: bool
    step: int
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class MovedDay:
    day: date
    why: str


@dataclass(frozen=True)
class Deadline:
    kind: str
    title: str
    start: date
    due: date
    period: str
    rule: str
    moved: tuple[MovedDay, ...]
    sources: tuple[Source, ...]
    caveat: str = CAVEAT
    note: str = WARNING_DAYS_NOTE


# --- Sourced counting rules: "key | date | title" then the address read from. The lead may move
# them into data/directory.toml; kept as text so each source stays on two reviewable lines.
_SOURCE_TABLE = """
s71 | 2017-02-15 | Interpretation and General Clauses Ordinance (Cap. 1) s.71, version of 15/02/2017 (copy)
https://www.scribd.com/document/695440940/s-71-IGCO
s3 | 2024-10-27 | Cap. 1 s.3: "public holiday" is any general holiday under Cap. 149 (legal dictionary)
http://dl.newdu.com/e5297.html
month | 1989 | Cap. 1 s.3: "month" means calendar month (1989 edition)
https://hkintexts.histsyn.com/series/histsyn-historical-laws-engine/items/1964_INTERPRETATION_AND_GENERAL_CLAUSES_ORDINANCE?p=12
dodds | 1981-06-18 | Dodds v Walker [1981] UKHL: the corresponding date rule (English authority)
https://vlex.co.uk/vid/dodds-v-walker-793845349
halsbury |  | Halsbury's Laws, 3rd ed., vol. 37: a month from a longer month's end ends at the next month's end
http://www.duhaime.org/LegalDictionary/C/CalendarMonth.aspx
five_day | 2016-12-28 | news.gov.hk: court offices generally closed on Saturdays from 3 January 2017
http://www.news.gov.hk/en/categories/law_order/html/2016/12/20161228_150334.shtml
five_day_bill | 2016-02-26 | Judiciary (Five-day Week) Bill gazetted: Saturdays left out in counting time
http://www.info.gov.hk/gia/general/201602/26/P201602260336.htm
holidays | 2025-05-16 | holidays package, category "optional" (Cap. 149 general holidays); 2026 list, checked
https://www.info.gov.hk/gia/general/202505/16/P2025051300354.htm
"""
_LINES = _SOURCE_TABLE.strip().splitlines()
_SRC = {
    head.split(" | ")[0]: Source(head.split(" | ")[2], url, head.split(" | ")[1].strip())
    for head, url in zip(_LINES[::2], _LINES[1::2], strict=True)
}


def _fail(message: str, hint: str | None = None) -> HkProBonoError:
    return HkProBonoError(message, exit_code=EXIT_USAGE, hint=hint)


def rule_from_dict(raw: Mapping[str, Any]) -> DeadlineRule:
    """Build a rule from one [[usm.deadlines]] table; refuse anything half-specified."""
    kind = raw.get("kind")
    if not isinstance(kind, str) or not kind:
        raise _fail("a deadline has no kind")
    computable = bool(raw.get("computable", False))
    period, unit = raw.get("period"), raw.get("unit")
    if computable and (
        not isinstance(period, int) or isinstance(period, bool) or period < 1 or unit not in ("days", "months")
    ):
        raise _fail(f"deadline {kind!r}: a computable deadline needs a positive whole period and unit days or months")
    sources = tuple(Source(str(s["title"]), str(s["url"]), str(s.get("date", ""))) for s in raw.get("sources", ()))
    if not sources:
        raise _fail(f"deadline {kind!r} has no source")
    return DeadlineRule(
        kind=kind,
        title=str(raw.get("title", kind)),
        period=period if isinstance(period, int) else None,
        unit=cast(Unit, unit) if unit in ("days", "months") else None,
        starts=str(raw.get("starts", "")),
        if_missed=str(raw.get("if_missed", "")),
        court_office=bool(raw.get("court_office", False)),
        computable=computable,
        step=int(raw.get("step", 0)),
        sources=sources,
    )


def find_rule(rules: Iterable[DeadlineRule], kind: str) -> DeadlineRule:
    rules = tuple(rules)
    for rule in rules:
        if rule.kind == kind:
            return rule
    kinds = ", ".join(r.kind for r in rules if r.computable)
    raise _fail(f"unknown deadline kind {kind!r}", hint=f"kinds with a date to compute: {kinds}")


def parse_date(text: str) -> date:
    """Read YYYY-MM-DD; an impossible date (2025-02-30) is the caller's error, never rounded."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise _fail(f"not a real date: {text!r}", hint="write it as YYYY-MM-DD, e.g. 2025-03-14") from None


@functools.cache
def _general_holidays(year: int) -> dict[date, str]:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _fail(
            f"no checked holiday list for {year}",
            hint=f"this tool knows Hong Kong general holidays for {FIRST_YEAR}-{LAST_YEAR} only",
        )
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


def _closed_why(day: date, rule: DeadlineRule, closed: frozenset[date]) -> str | None:
    why = _holiday_name(day)
    if why is None and rule.court_office and day.weekday() == calendar.SATURDAY:
        why = "Saturday: court offices are closed on Saturdays (five-day week)"
    if why is None and day in closed:
        why = "closed day you gave (e.g. a gale or black rainstorm warning day)"
    return why


def _add_months(start: date, months: int) -> date:
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    # Corresponding date rule; when that month has no such day, its last day.
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _last_day(rule: DeadlineRule, start: date, closed: frozenset[date]) -> tuple[date, list[MovedDay]]:
    period = cast(int, rule.period)
    if rule.unit == "months":
        return _add_months(start, period), []
    if period > 6:
        return start + timedelta(days=period), []
    if rule.court_office:
        # s.71(1A)(c) and RHC O.3 r.2(5) govern short periods at a court office; their exact
        # wording was not found, so no date is computed rather than a guessed one.
        raise _fail(f"{rule.kind}: no confirmed counting rule for a period of {period} days at a court office")
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


def _rule_text(rule: DeadlineRule) -> str:
    if rule.unit == "months":
        parts = [
            "A month is a calendar month (Cap. 1 s.3). The day of the event is not counted and the period "
            "ends on the same date that many months later; if that month has no such date (e.g. 31 August "
            "+ 3 months), on its last day (Dodds v Walker; Halsbury's Laws)."
        ]
    else:
        parts = ["The day of the event is not counted (Cap. 1 s.71(1)(a))."]
    if rule.unit == "days" and rule.period is not None and rule.period <= 6:
        parts.append("For 6 days or less, public holidays and warning days are not counted (Cap. 1 s.71(1)(d)).")
    if rule.court_office:
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


def compute(rule: DeadlineRule, start: date, closed_days: Iterable[date] = ()) -> Deadline:
    """The last day for `rule` when the clock starts on `start`; `closed_days` adds warning or closure days."""
    if not rule.computable or rule.period is None or rule.unit is None:
        raise _fail(
            f"{rule.kind}: no sourced statutory period, so no date can be computed",
            hint="hkprobono usm deadlines lists what the sources say",
        )
    _general_holidays(start.year)
    closed = frozenset(closed_days)
    day, moved = _last_day(rule, start, closed)
    while (why := _closed_why(day, rule, closed)) is not None:
        moved.append(MovedDay(day, why))
        day += timedelta(days=1)
    unit = rule.unit if rule.period != 1 else rule.unit.rstrip("s")
    keys = ["s71", "s3", "holidays"] + ["month", "dodds", "halsbury"] * (rule.unit == "months")
    keys += ["five_day", "five_day_bill"] * rule.court_office
    counting = tuple(_SRC[key] for key in keys)
    return Deadline(
        kind=rule.kind,
        title=rule.title,
        start=start,
        due=day,
        period=f"{rule.period} {unit}",
        rule=_rule_text(rule),
        moved=tuple(moved),
        sources=rule.sources + counting,
    )


def deadline_dict(deadline: Deadline) -> dict[str, Any]:
    """The documented JSON shape: kind, from, due, period, rule, moved, sources, caveat."""
    return {
        "kind": deadline.kind,
        "title": deadline.title,
        "from": deadline.start.isoformat(),
        "due": deadline.due.isoformat(),
        "due_weekday": calendar.day_name[deadline.due.weekday()],
        "period": deadline.period,
        "rule": deadline.rule,
        "moved": [{"date": m.day.isoformat(), "why": m.why} for m in deadline.moved],
        "sources": [{"title": s.title, "url": s.url, "date": s.date} for s in deadline.sources],
        "caveat": deadline.caveat,
        "note": deadline.note,
    }
