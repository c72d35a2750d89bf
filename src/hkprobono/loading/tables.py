"""Typed reads from parsed TOML tables that record a Problem for every wrong or missing value."""

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from hkprobono.record import NamedTuple
from hkprobono.text import first_unsafe

T = TypeVar("T")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# [0-9], not \d: \d also matches full-width and other non-ASCII digits.
FULL_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
DATE_RE = re.compile(r"^[0-9]{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?$")
YEARS = range(1900, 2101)


def real_date(text: str, *, full: bool = False) -> bool:
    """A date of the form YYYY, YYYY-MM or YYYY-MM-DD (only the last with `full`) that is on the
    calendar ("2023-02-31" is not) and in a sane range of years."""
    if not (FULL_DATE_RE if full else DATE_RE).match(text):
        return False
    import datetime as dt

    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return parts[0] in YEARS


class Problem(NamedTuple):
    """One thing wrong with a data file: where it is, and what is wrong."""

    entry: str
    field: str
    message: str
    severity: str = "error"  # "error", "warning", or "acknowledged" (a warning accepted in the data)
    kind: str = "schema"  # what sort of problem, for grouping a report

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.entry, f"field '{self.field}'" if self.field else "") if part)
        return f"{where}: {self.message}" if where else self.message


class Table:
    """Typed reads from one TOML table, recording a Problem for each wrong or missing value."""

    def __init__(self, raw: object, entry: str, prefix: str, problems: list[Problem]) -> None:
        self.entry = entry
        self.prefix = prefix
        self.problems = problems
        if isinstance(raw, dict):
            self.raw: dict[str, Any] = raw
        else:
            self.raw = {}
            self.problem("", f"expected a table, found {_type_name(raw)}")
        self.seen: set[str] = set()

    def _path(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix and key else (self.prefix or key)

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.entry, self._path(key), message))

    def _get(self, key: str, required: bool) -> Any:
        self.seen.add(key)
        if key not in self.raw:
            if required:
                self.problem(key, "is required but missing")
            return None
        return self.raw[key]

    def text(self, key: str, *, required: bool = False, prose: bool = False) -> str | None:
        """Text without control or invisible formatting characters; `prose` may hold line breaks."""
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(key, f"expected text, found {_type_name(value)}")
            return None
        if not value.strip():
            if required:
                self.problem(key, "must not be empty")
            return None
        self.check_chars(key, value, prose=prose)
        return value.strip()

    def choice(self, key: str, allowed: tuple[str, ...], *, required: bool = False) -> str | None:
        """Text that must be one of `allowed`; another value is recorded as a problem and still
        returned, as it was written, so the entry keeps its other values."""
        value = self.text(key, required=required)
        if value is not None and value not in allowed:
            self.problem(key, f"'{value}' is not one of: {', '.join(allowed)}")
        return value

    def day(self, key: str) -> str | None:
        """A required YYYY-MM-DD date. A date that is not on the calendar is recorded as a problem
        and still returned, as it was written, so the entry keeps its other values."""
        value = self.text(key, required=True)
        if value is not None and not real_date(value, full=True):
            self.problem(key, f"'{value}' is not a date of the form YYYY-MM-DD")
        return value

    def slug(self, key: str, what: str) -> str | None:
        """A required identifier in the slug grammar; names this table's entry after it ("deadline 'jr'")."""
        value = self.text(key, required=True)
        if value is not None:
            self.entry = f"{what} '{value}'"
            if not SLUG_RE.match(value):
                self.problem(key, f"'{value}' must be lower-case letters, digits and single hyphens")
        return value

    def texts(self, key: str, *, prose: bool = False) -> tuple[str, ...]:
        value = self._get(key, False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, f"expected a list of text, found {_type_name(value)}")
            return ()
        for i, item in enumerate(value):
            self.check_chars(f"{key}[{i}]", item, prose=prose)
        return tuple(v.strip() for v in value if v.strip())

    def check_chars(self, key: str, value: str, *, prose: bool = False) -> bool:
        """Record a problem for a control or invisible formatting character (ESC, a bidi override,
        a zero-width space...): data text is shown as it is written, so it may hold none."""
        bad = first_unsafe(value.strip(), "\n" if prose else "")
        if bad is not None:
            self.problem(key, f"contains {describe_char(bad)}; remove it")
        return bad is None

    def url(self, key: str, *, required: bool = False) -> str | None:
        """An http(s) web address; anything else is a problem and is left out."""
        return self._checked(key, url_problem, required)

    def urls(self, key: str) -> tuple[str, ...]:
        """A list of web addresses; each one that is not http(s) is a problem and is left out."""
        kept = []
        for i, url in enumerate(self.texts(key)):
            if first_unsafe(url) is not None:
                continue  # texts() has reported it
            message = url_problem(url)
            if message is None:
                kept.append(url)
            else:
                self.problem(f"{key}[{i}]", message)
        return tuple(kept)

    def email(self, key: str) -> str | None:
        return self._checked(key, email_problem, False)

    def phone(self, key: str) -> str | None:
        """A valid Hong Kong number written in +852 form; anything else is a problem and is left out."""
        return self._checked(key, phone_problem, True)

    def _checked(self, key: str, check: Callable[[str], str | None], required: bool) -> str | None:
        value = self.text(key, required=required)
        if value is None or first_unsafe(value) is not None:
            return None
        message = check(value)
        if message is not None:
            self.problem(key, message)
            return None
        return value

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(key, f"expected true or false, found {_type_name(value)}")
            return False
        return value

    def integer(self, key: str, *, required: bool = False) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, f"expected a whole number, found {_type_name(value)}")
            return None
        return value

    def tables(self, key: str) -> Iterator[tuple[int, object]]:
        value = self._get(key, False)
        if value is None:
            return iter(())
        if not isinstance(value, list):
            self.problem(key, f"expected a list of tables, found {_type_name(value)}")
            return iter(())
        return enumerate(value)

    def sub(self, key: str, index: int | None = None, raw: object = None) -> "Table":
        path = key if index is None else f"{key}[{index}]"
        if raw is None:
            self.seen.add(key)
            raw = self.raw.get(key, {})
        return Table(raw, self.entry, self._path(path), self.problems)

    def finish(self) -> None:
        for key in sorted(set(self.raw) - self.seen):
            self.problem(key, "is not a known field (a typo?)")


def describe_char(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} ({name.lower() if name else 'a control character'})"


def url_problem(url: str) -> str | None:
    """Why `url` is not an http(s) address with a host name, or None. Never raises: urlsplit's
    ValueError (a stray '[', a bad port) is a problem like any other."""
    from urllib.parse import urlsplit

    wrong = f"'{url}' is not a web address (http:// or https://)"
    if any(ch.isspace() for ch in url) or first_unsafe(url) is not None:
        return wrong
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port
    except ValueError:
        return wrong
    if parts.scheme not in ("http", "https") or not host or "." not in host or "@" in parts.netloc:
        return wrong
    return None


EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^\+852[0-9 ()-]+$")


def email_problem(email: str) -> str | None:
    return None if EMAIL_RE.match(email) else f"'{email}' is not an e-mail address"


def phone_problem(number: str) -> str | None:
    """Why `number` is not a valid Hong Kong number in +852 form, or None. phonenumbers is only
    imported here, when a fresh file is validated: never on a cached run."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, "HK")
    except phonenumbers.NumberParseException:
        return f"'{number}' is not a phone number"
    if not phonenumbers.is_valid_number(parsed) or phonenumbers.region_code_for_number(parsed) != "HK":
        return f"'{number}' is not a valid Hong Kong number"
    if not PHONE_RE.match(number):
        return f"'{number}' must be written in +852 international form (digits and spaces only)"
    return None


def _type_name(value: object) -> str:
    names = {
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def many(table: Table, key: str, build: Callable[[Table], T | None]) -> tuple[T, ...]:
    items: list[T] = []
    for index, raw in table.tables(key):
        item = build(table.sub(key, index, raw))
        if item is not None:
            items.append(item)
    return tuple(items)
