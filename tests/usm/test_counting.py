"""usm/counting.py, deadline counting: every expected date below was worked out by hand from the
gazetted lists; the property tests check the count against the `holidays` package."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FULL_WIDTH, Invoke
from hkprobono.errors import HkProBonoError
from hkprobono.model import Deadline, Directory, Source
from hkprobono.usm import counting as deadlines
from hkprobono.usm.counting import compute, find, parse_date

SOURCE = Source("test source", "https://example.org", "2026-11-26")
APPEAL = Deadline("appeal", "Notice of appeal", "the decision", "late in special circumstances", (SOURCE,), 14, "days")
JR = Deadline("jr", "Leave for judicial review", "the grounds", "extension", (SOURCE,), 3, "months", court_office=True)
SHORT = Deadline("short", "Five days", "an event", "missed", (SOURCE,), 5, "days")
NOT_COMPUTABLE = Deadline("claim-form", "Claim form", "a written requirement", "ask for more time", (SOURCE,))


def test_a_count_cites_the_holiday_lists_it_used() -> None:
    used = compute(APPEAL, date(2026, 12, 20)).sources  # the last day is in 2027
    titles = [s.title for s in used]
    assert any("2027" in t for t in titles) and not any("2026" in t and "General holidays" in t for t in titles)
    jr = compute(JR, date(2026, 11, 6))  # moved over Lunar New Year 2027
    assert any("2027" in s.title for s in jr.sources)


# (from, due, days that moved it) for the 14-day notice of appeal (Cap. 1 s.71(1)(a)-(b)).
APPEAL_CASES = [
    ("2024-06-03", "2024-06-17", []),
    ("2024-02-15", "2024-02-29", []),  # leap day, a Thursday
    ("2025-03-02", "2025-03-17", ["2025-03-16"]),  # last day a Sunday
    ("2024-12-11", "2024-12-27", ["2024-12-25", "2024-12-26"]),  # Christmas
    ("2025-12-12", "2025-12-27", ["2025-12-26"]),  # a plain Saturday is not a public holiday
    ("2026-12-11", "2026-12-28", ["2026-12-25", "2026-12-26", "2026-12-27"]),
    ("2025-04-04", "2025-04-22", ["2025-04-18", "2025-04-19", "2025-04-20", "2025-04-21"]),  # Easter
    ("2026-03-23", "2026-04-08", ["2026-04-06", "2026-04-07"]),  # Ching Ming on Easter Monday
    ("2027-03-12", "2027-03-30", ["2027-03-26", "2027-03-27", "2027-03-28", "2027-03-29"]),
    ("2024-01-29", "2024-02-14", ["2024-02-12", "2024-02-13"]),  # Lunar New Year
    ("2025-01-15", "2025-02-01", ["2025-01-29", "2025-01-30", "2025-01-31"]),
    ("2026-02-03", "2026-02-20", ["2026-02-17", "2026-02-18", "2026-02-19"]),
    ("2027-01-25", "2027-02-10", ["2027-02-08", "2027-02-09"]),
    ("2025-09-17", "2025-10-02", ["2025-10-01"]),  # National Day
]

# Leave for judicial review, 3 calendar months at a court office (s.71(1A): Saturdays closed too).
JR_CASES = [
    ("2024-02-29", "2024-05-29", []),  # leap day start
    ("2024-11-30", "2025-02-28", []),  # 30 Nov + 3 months: February has no 30th
    ("2024-11-29", "2025-02-28", []),
    ("2025-08-31", "2025-12-01", ["2025-11-30"]),  # 31 Aug + 3 months = 30 Nov, a Sunday
    ("2024-08-31", "2024-12-02", ["2024-11-30", "2024-12-01"]),  # 30 Nov 2024 a Saturday
    ("2026-11-30", "2027-03-01", ["2027-02-28"]),
    ("2025-03-14", "2025-06-16", ["2025-06-14", "2025-06-15"]),  # Saturday closure
    ("2024-09-25", "2024-12-27", ["2024-12-25", "2024-12-26"]),  # Christmas
    ("2026-09-26", "2026-12-28", ["2026-12-26", "2026-12-27"]),
    ("2025-12-29", "2026-03-30", ["2026-03-29"]),  # last day a Sunday
    ("2026-01-03", "2026-04-08", ["2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06", "2026-04-07"]),
    ("2026-12-26", "2027-03-30", ["2027-03-26", "2027-03-27", "2027-03-28", "2027-03-29"]),
    ("2024-10-29", "2025-02-03", ["2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02"]),
    ("2026-11-06", "2027-02-10", ["2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09"]),
]


def _check(rule: Deadline, start: str, due: str, moved: list[str]) -> None:
    result = compute(rule, date.fromisoformat(start))
    assert result.due == date.fromisoformat(due)
    assert [m.day.isoformat() for m in result.moved] == moved
    assert all(m.why for m in result.moved)
    assert result.caveat == deadlines.CAVEAT


@pytest.mark.parametrize(("start", "due", "moved"), APPEAL_CASES)
def test_a_notice_of_appeal_is_due_on_the_day_worked_out_by_hand(start: str, due: str, moved: list[str]) -> None:
    _check(APPEAL, start, due, moved)


@pytest.mark.parametrize(("start", "due", "moved"), JR_CASES)
def test_leave_for_judicial_review_is_due_on_the_day_worked_out_by_hand(start: str, due: str, moved: list[str]) -> None:
    _check(JR, start, due, moved)


def test_reasons_name_the_holiday() -> None:
    result = compute(APPEAL, date(2024, 12, 11))
    assert result.moved[0].why == "general holiday: Christmas Day"
    assert "Saturday" in compute(JR, date(2025, 3, 14)).moved[0].why
    assert "Sunday" in compute(APPEAL, date(2025, 3, 2)).moved[0].why


def test_closed_days_move_the_date_and_are_listed() -> None:
    result = compute(APPEAL, date(2024, 6, 3), closed_days=[date(2024, 6, 17)])
    assert result.due == date(2024, 6, 18)
    # For the appeal, such a day is a warning day (s.71(1)(b)); at a court office, a closed office.
    assert [(m.day, m.why) for m in result.moved] == [
        (date(2024, 6, 17), "a warning day you gave (a gale or black rainstorm warning was in force)")
    ]
    jr = compute(JR, date(2024, 3, 14), closed_days=[date(2024, 6, 14)])
    assert jr.moved[0].why == "a day you gave on which the court office was closed" and jr.due == date(2024, 6, 17)
    # A closed day before the last day changes nothing for a period longer than 6 days.
    assert compute(APPEAL, date(2024, 6, 3), closed_days=[date(2024, 6, 10)]).due == date(2024, 6, 17)
    # Closed days chain with holidays: 1 Dec 2025 closed after Sunday 30 Nov.
    assert compute(JR, date(2025, 8, 31), closed_days=[date(2025, 12, 1)]).due == date(2025, 12, 2)


def test_short_period_leaves_out_holidays_s71_1_d() -> None:
    # Friday 20 Dec 2024 + 5 days, not counting Sun 22, Wed 25 and Thu 26 Dec: 21, 23, 24, 27, 28.
    result = compute(SHORT, date(2024, 12, 20))
    assert result.due == date(2024, 12, 28)
    assert [m.day.day for m in result.moved] == [22, 25, 26]
    assert "s.71(1)(d)" in result.rule


def test_rule_text_states_the_counting_rules() -> None:
    assert "s.71(1)(b)" in compute(APPEAL, date(2024, 6, 3)).rule
    jr = compute(JR, date(2024, 6, 3))
    assert "s.71(1A)" in jr.rule and "Saturdays" in jr.rule and "Dodds v Walker" in jr.rule
    assert any("five-day" in s.title or "Saturdays" in s.title for s in jr.sources)
    assert jr.period == "3 months"


@pytest.mark.parametrize(
    ("rule", "start", "lacking"),
    [
        (APPEAL, date(2023, 12, 1), 2023),  # the last day falls in 2023
        (APPEAL, date(2023, 6, 1), 2023),
        (SHORT, date(2023, 12, 20), 2023),  # s.71(1)(d) looks at every day of the period
        (APPEAL, date(2028, 1, 2), 2028),
        (APPEAL, date(2027, 12, 20), 2028),
        (JR, date(2027, 11, 30), 2028),
    ],
)
def test_outside_the_checked_years_is_an_error_naming_the_year_it_lacks(
    rule: Deadline, start: date, lacking: int
) -> None:
    with pytest.raises(HkProBonoError) as caught:
        compute(rule, start)
    assert caught.value.exit_code == 2
    assert f"no checked holiday list for {lacking}" in caught.value.message
    assert "2024-2027" in (caught.value.hint or "")


def test_a_start_in_an_unlisted_year_counts_when_the_count_stays_in_listed_years() -> None:
    # The day of the event is not counted (s.71(1)(a)): 31 December 2023 + 14 days needs only 2024's list.
    result = compute(APPEAL, date(2023, 12, 31))
    assert result.due == date(2024, 1, 15)  # 14 January 2024 is a Sunday
    assert [s.title for s in result.sources if "2023" in s.title] == []


@pytest.mark.parametrize("text", ["2025-02-30", "2025-13-01", "yesterday", "", "2024-02-29x"])
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(HkProBonoError) as caught:
        parse_date(text)
    assert caught.value.exit_code == 2


def test_unknown_kind_and_not_computable_are_errors() -> None:
    with pytest.raises(HkProBonoError) as caught:
        find([APPEAL, JR], "petition")
    assert caught.value.exit_code == 2 and "appeal" in (caught.value.hint or "")
    with pytest.raises(HkProBonoError) as caught:
        compute(NOT_COMPUTABLE, date(2025, 1, 2))
    assert caught.value.exit_code == 2


def test_bundled_deadlines_compute_only_where_a_source_states_a_period(directory: Directory) -> None:
    guide = directory.guide
    assert guide is not None
    kinds = {d.kind: d for d in guide.deadlines}
    assert {"appeal", "jr", "claim-form", "oral-hearing-notice"} <= set(kinds)
    assert (kinds["appeal"].period, kinds["appeal"].unit, kinds["appeal"].court_office) == (14, "days", False)
    assert (kinds["jr"].period, kinds["jr"].unit, kinds["jr"].court_office) == (3, "months", True)
    assert {k for k, d in kinds.items() if deadlines.computable(d)} == {"appeal", "jr"}
    assert "promptly" in kinds["jr"].starts
    assert "s.37ZT" in kinds["appeal"].if_missed
    for d in guide.deadlines:
        assert d.sources and all(s.url.startswith("http") and s.date for s in d.sources), d.kind
    assert find(guide.deadlines, "APPEAL ") is kinds["appeal"]


def _closed(day: date, court_office: bool, extra: set[date]) -> bool:
    found = holidays.country_holidays("HK", years=day.year, categories=("optional",))
    return day in found or day.weekday() == 6 or day in extra or (court_office and day.weekday() == 5)


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 9, 15)),
    use_jr=st.booleans(),
    extra=st.sets(st.integers(min_value=0, max_value=120), max_size=4),
)
def test_due_is_never_a_closed_day_nor_early(start: date, use_jr: bool, extra: set[int]) -> None:
    rule = JR if use_jr else APPEAL
    closed = {start + timedelta(days=n) for n in extra}
    result = compute(rule, start, closed_days=closed)
    assert not _closed(result.due, rule.court_office, closed)
    earliest = start + timedelta(days=14) if not use_jr else deadlines.add_months(start, 3)
    assert result.due >= earliest
    assert all(m.day < result.due and _closed(m.day, rule.court_office, closed) for m in result.moved)


def test_a_plain_saturday_last_day_keeps_its_date_with_the_working_day_before() -> None:
    result = compute(APPEAL, date(2025, 12, 12))  # 26 Dec a holiday, so Saturday 27 Dec 2025
    assert result.due == date(2025, 12, 27)
    assert result.file_by == date(2025, 12, 24)  # Christmas Day and the day after are holidays
    assert compute(APPEAL, date(2026, 11, 28)).file_by == date(2026, 12, 11)
    assert compute(APPEAL, date(2026, 11, 27)).file_by is None  # a Friday
    assert all(compute(JR, date(2025, 3, d)).file_by is None for d in range(1, 29))  # never at a court office


def test_add_months_ends_on_the_corresponding_date_or_the_months_last_day() -> None:
    import calendar

    for start in (date(2024, 1, 1) + timedelta(days=n) for n in range(0, 366 * 4, 1)):
        for months in (1, 3, 12):
            end = deadlines.add_months(start, months)
            last = calendar.monthrange(end.year, end.month)[1]
            assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
            assert end.day == min(start.day, last)


def _oracle_closed(day: date, court_office: bool, extra: set[date]) -> bool:
    """A closed day by the `holidays` package, not by our table: the property tests check one against the other."""
    found = holidays.country_holidays("HK", years=day.year, categories=("optional",))
    return day in found or day.weekday() == 6 or day in extra or (court_office and day.weekday() == 5)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 9, 15)),
    use_jr=st.booleans(),
    extra=st.sets(st.integers(min_value=0, max_value=120), max_size=4),
)
def test_a_count_never_lands_on_a_closed_day_nor_before_the_plain_calendar_count(
    start: date, use_jr: bool, extra: set[int]
) -> None:
    rule = JR if use_jr else APPEAL
    closed = {start + timedelta(days=n) for n in extra}
    result = compute(rule, start, closed_days=closed)
    # Never a Sunday or a general holiday (nor, at a court office, a Saturday), nor a day given as closed.
    assert not _oracle_closed(result.due, rule.court_office, closed)
    plain = start + timedelta(days=14) if not use_jr else deadlines.add_months(start, 3)
    assert result.due >= plain
    # Every day between the plain count and the last day was closed, and is listed with its reason.
    between = [plain + timedelta(days=n) for n in range((result.due - plain).days)]
    assert [m.day for m in result.moved] == between
    assert all(_oracle_closed(day, rule.court_office, closed) for day in between)
    if result.file_by is not None:  # a Saturday last day: the working day before it, the date unchanged
        assert result.due.weekday() == 5 and not rule.court_office
        assert result.file_by < result.due and not _oracle_closed(result.file_by, True, closed)
        gap = [result.file_by + timedelta(days=n) for n in range(1, (result.due - result.file_by).days)]
        assert all(_oracle_closed(day, True, closed) for day in gap)


def test_full_width_digits_in_a_deadline_date_are_named(invoke: Invoke) -> None:
    result = invoke("usm", "deadline", "appeal", "--from", FULL_WIDTH)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"Error: not a date of the form YYYY-MM-DD: '{FULL_WIDTH}': it has full-width digits: type the digits 0-9"
    )
