"""Ages of sources: rounded to the nearest unit, never off by more than half a unit, or the date alone."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hkprobono.freshness import DAYS_PER_MONTH, DAYS_PER_YEAR, age, age_text
from hkprobono.model import Source

ON = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2026-11-26", "today"),
        ("2026-11-25", "1 day old"),
        ("2026-10-01", "56 days old"),
        ("2026-09-27", "about 2 months old"),  # 60 days
        ("2026-05-26", "about 6 months old"),
        ("2025-02-01", "about 22 months old"),
        ("2024-11-27", "about 24 months old"),  # 729 days
        ("2024-11-26", "about 2 years old"),
        ("2023-11", "about 3 years old"),  # the issue: was "2 years old" on 2026-11-26
        ("2023-11-19", "about 3 years old"),
        ("2023-10-29", "about 3 years old"),
        ("2022-09", "about 4 years old"),
        ("2021-06-01", "about 5 years old"),  # 5.49 years
        ("2021-05-01", "about 6 years old"),  # 5.57 years
        ("2014-03-05", "about 13 years old"),  # 12.73 years
        ("2022", "about 4 years old"),  # counted from the middle of 2022
        ("2026-11", ""),  # this month: the date alone
        ("2026-10", ""),  # about six weeks: too coarse for days
        ("2026-08", "about 3 months old"),  # from 16 August
        ("2026", ""),  # this year
        ("2025", ""),  # a year alone gives no age in months
        ("2027-01-01", ""),  # after today
    ],
)
def test_age_table(date: str, expected: str) -> None:
    assert age(date, ON) == expected


def test_age_text_shows_the_date_with_or_without_an_age() -> None:
    assert age_text(Source(title="t", url="https://x.org", date="2023-11"), ON) == "2023-11, about 3 years old"
    assert age_text(Source(title="t", url="https://x.org", date="2026-11"), ON) == "2026-11"
    assert age_text(Source(title="t", url="https://x.org"), ON) == "undated"


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=ON))
def test_never_off_by_more_than_half_a_unit(day: dt.date) -> None:
    shown = age(day.isoformat(), ON)
    days = (ON - day).days
    if days < 60:
        expected = {0: "today", 1: "1 day old"}.get(days, f"{days} days old")
        assert shown == expected
        return
    number = int(shown.split()[1])
    unit = DAYS_PER_MONTH if "month" in shown else DAYS_PER_YEAR
    assert abs(number - days / unit) <= 0.5, (day, shown)
