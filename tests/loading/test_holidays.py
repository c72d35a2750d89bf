"""loading/holidays.py, the general-holiday table a deadline count reads: every year agrees with the
gazetted list and with the `holidays` package, a list we did not write, and names its sources;
a broken table is refused naming the entry."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import holidays
import pytest

from hkprobono.errors import HkProBonoError
from hkprobono.loading import holidays as table
from hkprobono.usm import counting as deadlines

# General holidays other than Sundays, as gazetted or officially announced (sources in
# docs/research/2026-11/deadlines-notes.md: 2010 and 2014 gazette lists, 2024 fedee/gov.hk, 2025 gov.hk via
# holiday-times, 2026 info.gov.hk 16 May 2025, 2027 government announcement as reported).
GAZETTED: dict[int, list[str]] = {
    2010: [
        "01-01",
        "02-13",
        "02-15",
        "02-16",
        "04-02",
        "04-03",
        "04-05",
        "04-06",
        "05-01",
        "05-21",
        "06-16",
        "07-01",
        "09-23",
        "10-01",
        "10-16",
        "12-25",
        "12-27",
    ],
    2014: [
        "01-01",
        "01-31",
        "02-01",
        "02-03",
        "04-05",
        "04-18",
        "04-19",
        "04-21",
        "05-01",
        "05-06",
        "06-02",
        "07-01",
        "09-09",
        "10-01",
        "10-02",
        "12-25",
        "12-26",
    ],
    2024: [
        "01-01",
        "02-10",
        "02-12",
        "02-13",
        "03-29",
        "03-30",
        "04-01",
        "04-04",
        "05-01",
        "05-15",
        "06-10",
        "07-01",
        "09-18",
        "10-01",
        "10-11",
        "12-25",
        "12-26",
    ],
    2025: [
        "01-01",
        "01-29",
        "01-30",
        "01-31",
        "04-04",
        "04-18",
        "04-19",
        "04-21",
        "05-01",
        "05-05",
        "05-31",
        "07-01",
        "10-01",
        "10-07",
        "10-29",
        "12-25",
        "12-26",
    ],
    2026: [
        "01-01",
        "02-17",
        "02-18",
        "02-19",
        "04-03",
        "04-04",
        "04-06",
        "04-07",
        "05-01",
        "05-25",
        "06-19",
        "07-01",
        "09-26",
        "10-01",
        "10-19",
        "12-25",
        "12-26",
    ],
    # 7 February 2027 (second day of Lunar New Year) is a Sunday, so the fourth day replaces it.
    2027: [
        "01-01",
        "02-06",
        "02-08",
        "02-09",
        "03-26",
        "03-27",
        "03-29",
        "04-05",
        "05-01",
        "05-13",
        "06-09",
        "07-01",
        "09-16",
        "10-01",
        "10-08",
        "12-25",
        "12-27",
    ],
}


@pytest.mark.parametrize("year", sorted(GAZETTED))
def test_library_general_holidays_match_the_gazette(year: int) -> None:
    found = holidays.country_holidays("HK", years=year, categories=("optional",))
    assert sorted(d.strftime("%m-%d") for d in found) == GAZETTED[year]


TABLE = table.bundled()


def test_the_table_covers_the_years_the_count_uses() -> None:
    assert (TABLE.first, TABLE.last) == deadlines.covered_years() == (2024, 2027)
    assert [y.year for y in TABLE.years] == list(range(2024, 2028))


@pytest.mark.parametrize("year", range(2024, 2028))
def test_the_table_matches_the_gazetted_list(year: int) -> None:
    found = TABLE.year(year)
    assert found is not None
    assert [h.day.strftime("%m-%d") for h in found.days] == GAZETTED[year]


@pytest.mark.parametrize("year", range(2024, 2028))
def test_the_table_agrees_with_the_holidays_package_day_by_day_and_by_name(year: int) -> None:
    found = TABLE.year(year)
    assert found is not None
    library = holidays.country_holidays("HK", years=year, categories=("optional",), language="en_HK")
    assert {h.day: h.name for h in found.days} == {day: str(name) for day, name in library.items()}


def test_every_year_names_its_sources_and_2026_is_the_governments_list() -> None:
    for year in TABLE.years:
        assert year.sources, year.year
        for source in year.sources:
            assert source.url.startswith(("https://", "http://")) and source.title
            assert "package" not in source.title and "holidays" not in source.url.split("/")[2]
        # A source that is not the government's own list says what it is.
        assert all(s.note for s in year.sources if "gov.hk" not in s.url and "newdu" not in s.url), year.year
    (official,) = TABLE.years[2026 - TABLE.first].sources
    assert official.url == "https://www.info.gov.hk/gia/general/202505/16/P2025051300354.htm"
    assert official.date == "2025-05-16" and official.note is None


BROKEN = {
    "a Sunday listed": ("2026-04-05", "is a Sunday"),
    "another year's day": ("2025-12-25", "must be a day of 2026"),
    "a date-time": ("2026-12-25T10:00:00", "must be a day of 2026"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_table_is_refused_naming_the_entry(case: str) -> None:
    day, message = BROKEN[case]
    text = f"""
[[years]]
year = 2026
days = [{{ date = {day}, name = "x" }}]
[[years.sources]]
title = "t"
url = "https://example.org"
"""
    with pytest.raises(HkProBonoError) as caught:
        table.parse(text.encode())
    assert message in caught.value.message and "years[0].days[0]" in caught.value.message


def test_a_table_with_a_missing_year_or_source_is_refused() -> None:
    year = """
[[years]]
year = {year}
days = [{{ date = {year}-12-25, name = "Christmas Day" }}]
[[years.sources]]
title = "t"
url = "https://example.org"
"""
    with pytest.raises(HkProBonoError, match="none left out"):
        table.parse((year.format(year=2024) + year.format(year=2026)).encode())
    with pytest.raises(HkProBonoError, match="sources"):
        table.parse(b'[[years]]\nyear = 2026\ndays = [{ date = 2026-12-25, name = "Christmas Day" }]\n')
    with pytest.raises(HkProBonoError, match="source's own date"):
        table.parse((year.format(year=2026) + 'date = "26 May 2025"\n').encode())


def test_the_table_is_read_back_from_the_cache_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    table.bundled.cache_clear()
    try:
        first = table.bundled()  # parsed, then stored
        (stored,) = (tmp_path / "hkprobono").glob("*.cache")
        table.bundled.cache_clear()
        assert table.bundled() == first == TABLE  # from the cache
        stored.write_bytes(b"not marshal data")
        table.bundled.cache_clear()
        assert table.bundled() == TABLE  # damaged: parsed again
    finally:
        table.bundled.cache_clear()


@pytest.fixture
def cached_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The bundled table parsed once and cached in a fresh cache folder: the cache file's path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    table.bundled.cache_clear()
    try:
        table.bundled()
        (stored,) = (tmp_path / "hkprobono").glob("*.cache")
        table.bundled.cache_clear()
        yield stored
    finally:
        table.bundled.cache_clear()


@pytest.mark.parametrize("at", [0.5, 0.7, 0.9, 0.99])
def test_one_changed_bit_in_the_cached_table_is_never_believed(cached_table: Path, at: float) -> None:
    """A damaged day would move a deadline: the checksum catches it and the table is parsed again."""
    blob = bytearray(cached_table.read_bytes())
    blob[int(len(blob) * at)] ^= 0x01
    cached_table.write_bytes(bytes(blob))
    assert table.bundled() == TABLE


def test_a_link_or_fifo_in_place_of_the_cached_table_is_neither_followed_nor_waited_on(
    cached_table: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    cached_table.unlink()
    cached_table.symlink_to(victim)
    assert table.bundled() == TABLE and victim.read_text() == "mine"
    table.bundled.cache_clear()
    cached_table.unlink()
    os.mkfifo(cached_table)
    assert table.bundled() == TABLE  # returns at once: the FIFO is opened without waiting


def test_statutory_list_is_shorter_so_not_the_one_used() -> None:
    general = holidays.country_holidays("HK", years=2025, categories=("optional",))
    statutory = holidays.country_holidays("HK", years=2025, categories=("public",))
    assert date(2025, 4, 19) in general and date(2025, 4, 19) not in statutory  # day following Good Friday
