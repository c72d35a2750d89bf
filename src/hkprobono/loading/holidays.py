"""The bundled table of Hong Kong general holidays (data/holidays.toml) as typed objects.

Only a count reads it, once a run. It is checked as it loads: a table that breaks a rule below is
a broken installation (exit 2), never a table to count with. Parsing TOML costs a count about 16 M
instructions (importing tomllib, then the file), a twentieth of the start-up floor, so the checked
table is kept in the cache folder as marshal data under a key of the file's content (as the
directory is, loading/cache.py): an edited file, another version or a damaged cache file is parsed
and checked again, never believed."""

import datetime as dt
import functools
from pathlib import Path
from typing import Any

from hkprobono.errors import HkProBonoError
from hkprobono.loading import cache
from hkprobono.loading.tables import real_date
from hkprobono.model import Source
from hkprobono.record import NamedTuple

FILE_NAME = "holidays.toml"
SUNDAY = 6


class Holiday(NamedTuple):
    day: dt.date
    name: str  # as the year's list names it: "The day following Good Friday"


class HolidayYear(NamedTuple):
    """One year's general holidays other than Sundays, and the lists they were taken from."""

    year: int
    days: tuple[Holiday, ...]
    sources: tuple[Source, ...]

    def named(self) -> dict[dt.date, str]:
        return {h.day: h.name for h in self.days}


class HolidayTable(NamedTuple):
    years: tuple[HolidayYear, ...]  # every year from the first to the last, in order

    @property
    def first(self) -> int:
        return self.years[0].year

    @property
    def last(self) -> int:
        return self.years[-1].year

    def year(self, year: int) -> HolidayYear | None:
        if self.first <= year <= self.last:
            return self.years[year - self.first]
        return None


def bundled_path() -> Path:
    """Inside the installed package (the wheel puts it there), else at the top of the checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "data" / FILE_NAME, package.parent.parent / "data" / FILE_NAME):
        if candidate.is_file():
            return candidate
    raise HkProBonoError(f"the bundled holiday table ({FILE_NAME}) is missing from this installation")


@functools.cache
def bundled() -> HolidayTable:
    path = bundled_path()
    content = path.read_bytes()
    table = _cached(path, content)
    if table is None:
        table = parse(content, FILE_NAME)
        _store(path, content, table)
    return table


def _slot(path: Path) -> str:
    return f"{path} (holiday table)"  # its own cache file, beside the directory's


def _cached(path: Path, content: bytes) -> HolidayTable | None:
    """The table from the cache: read as every cache file is (no link followed, no FIFO waited on,
    its checksum checked), and built again from the file on any doubt."""
    stored = cache.load_value(_slot(path), content)
    if stored is None:
        return None
    try:
        return HolidayTable(
            tuple(
                HolidayYear(
                    int(year),
                    tuple(Holiday(dt.date.fromordinal(day), str(name)) for day, name in days),
                    tuple(Source(str(title), str(url), date, note=note) for title, url, date, note in sources),
                )
                for year, days, sources in stored
            )
        )
    except Exception:  # of another shape: parse the file again
        return None


def _store(path: Path, content: bytes, table: HolidayTable) -> None:
    """Written as every cache file is; a cache that cannot be written is not an error."""
    years = [
        (y.year, [(h.day.toordinal(), h.name) for h in y.days], [(s.title, s.url, s.date, s.note) for s in y.sources])
        for y in table.years
    ]
    cache.save_value(_slot(path), content, years)


def parse(content: bytes, name: str = FILE_NAME) -> HolidayTable:
    import tomllib  # reason 1: only a count reads this table

    try:
        data = tomllib.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise HkProBonoError(f"{name}: cannot be read as TOML ({exc})") from None
    rows = data.get("years")
    if not isinstance(rows, list) or not rows:
        raise HkProBonoError(f"{name}: no [[years]] tables")
    years = tuple(_year(row, f"{name}: years[{n}]") for n, row in enumerate(rows))
    numbers = [y.year for y in years]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        raise HkProBonoError(f"{name}: the years must follow each other with none left out, found {numbers}")
    return HolidayTable(years)


def _fail(where: str, what: str) -> HkProBonoError:
    return HkProBonoError(f"{where}: {what}")


def _year(row: Any, where: str) -> HolidayYear:
    if not isinstance(row, dict):
        raise _fail(where, "is not a table")
    year = row.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2100:
        raise _fail(where, "needs a year from 1900 to 2100")
    days = tuple(_day(item, year, f"{where}.days[{n}]") for n, item in enumerate(_list(row, "days", where)))
    if [d.day for d in days] != sorted({d.day for d in days}):
        raise _fail(where, "days must be in date order, each once")
    sources = tuple(_source(item, f"{where}.sources[{n}]") for n, item in enumerate(_list(row, "sources", where)))
    return HolidayYear(year, days, sources)


def _list(row: dict[str, Any], key: str, where: str) -> list[Any]:
    value = row.get(key)
    if not isinstance(value, list) or not value:
        raise _fail(where, f"needs a non-empty list `{key}`")
    return value


def _text(row: dict[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
    value = row.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or not value.isprintable():
        raise _fail(where, f"`{key}` must be one line of text")
    return value


def _day(item: Any, year: int, where: str) -> Holiday:
    if not isinstance(item, dict):
        raise _fail(where, "is not a table")
    day = item.get("date")
    # A TOML date (2026-12-25, no quotes) arrives as a date; a date-time or text is a mistake.
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime) or day.year != year:
        raise _fail(where, f"`date` must be a day of {year}, written like {year}-12-25")
    if day.weekday() == SUNDAY:
        raise _fail(where, f"{day} is a Sunday: every Sunday is a general holiday, so Sundays are not listed")
    return Holiday(day, _text(item, "name", where) or "")


def _source(item: Any, where: str) -> Source:
    if not isinstance(item, dict):
        raise _fail(where, "is not a table")
    title = _text(item, "title", where) or ""
    url = _text(item, "url", where) or ""
    if not url.startswith(("https://", "http://")):
        raise _fail(where, "`url` must be a web address")
    date = _text(item, "date", where, required=False)
    if date is not None and not real_date(date):
        raise _fail(where, "`date` must be YYYY, YYYY-MM or YYYY-MM-DD: the source's own date")
    return Source(title, url, date, note=_text(item, "note", where, required=False))
