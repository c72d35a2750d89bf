"""freshness.py: how old a source is (rounded to the nearest unit, never off by more than half a
unit, or the date alone), how old each contact detail is, and when a card advises checking first."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TODAY, org
from hkprobono.freshness import DAYS_PER_MONTH, DAYS_PER_YEAR, advice, age, age_text, detail_ages, latest_day, today
from hkprobono.loading.source import load
from hkprobono.model import Confirmation, Phone, Source

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
def test_an_age_is_rounded_to_the_nearest_unit_or_left_out(date: str, expected: str) -> None:
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


ADVISED_ON = dt.date(2026, 11, 25)


def test_each_detail_ages_from_its_own_source_not_the_newest_one(data_file: Path) -> None:
    directory = load(data_file)
    old = directory.by_slug("old-centre")
    assert old is not None
    # the 2026 page supports only the status: it must not make the phone look recent
    assert advice(old, ADVISED_ON) == (
        "Address and phone from an undated source; e-mail from 2019-05: call to confirm before you visit or refer."
    )
    tricky = directory.by_slug("tricky-centre")
    assert tricky is not None and advice(tricky, ADVISED_ON) is None  # every shown detail is recent: no advice line


def test_advice_names_only_the_details_that_are_shown() -> None:
    assert (
        advice(org(email="a@b.example"), ADVISED_ON) == "E-mail from 2019: write to confirm before you visit or refer."
    )
    assert advice(org(phones=(Phone("+852 2345 6789"),)), ADVISED_ON) == (
        "Phone from an undated source: call to confirm before you visit or refer."
    )
    assert advice(org(website="https://x.example"), ADVISED_ON) is None
    assert advice(org(email="a@b.example")._replace(status="closed"), ADVISED_ON) is None


def test_a_confirmation_makes_a_detail_recent_from_its_date() -> None:
    checked = org(email="a@b.example", phones=(Phone("+852 2345 6789"),))._replace(
        confirmations=(Confirmation(("email",), "email", "A. Lee", "2026-10-02"),)
    )
    ages = {a.field: a for a in detail_ages(checked, ADVISED_ON)}
    assert ages["email"].date == "2026-10-02" and not ages["email"].stale and ages["email"].confirmed
    assert advice(checked, ADVISED_ON) == "Phone from an undated source: call to confirm before you visit or refer."
    later = dt.date(2028, 1, 1)
    assert "e-mail last confirmed on 2026-10-02" in (advice(checked, later) or "")


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1900, max_value=2100), st.integers(min_value=1, max_value=12))
def test_a_partial_date_means_its_last_day(year: int, month: int) -> None:
    assert latest_day(f"{year}-{month:02d}") == dt.date(year, month, calendar.monthrange(year, month)[1])
    assert latest_day(f"{year}") == dt.date(year, 12, 31)


def test_today_is_pinned_for_tests() -> None:
    assert today().isoformat() == TODAY
