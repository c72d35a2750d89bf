"""Typed reads from parsed TOML tables that record a Problem for every wrong or missing value."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple, TypeVar

T = TypeVar("T")


class Problem(NamedTuple):
    """One thing wrong with a data file: where it is, and what is wrong."""

    entry: str
    field: str
    message: str
    severity: str = "error"  # "error" or "warning"
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

    def text(self, key: str, *, required: bool = False) -> str | None:
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
        return value.strip()

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key, False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, f"expected a list of text, found {_type_name(value)}")
            return ()
        return tuple(v.strip() for v in value if v.strip())

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

    def sub(self, key: str, index: int | None = None, raw: object = None) -> Table:
        path = key if index is None else f"{key}[{index}]"
        if raw is None:
            self.seen.add(key)
            raw = self.raw.get(key, {})
        return Table(raw, self.entry, self._path(path), self.problems)

    def finish(self) -> None:
        for key in sorted(set(self.raw) - self.seen):
            self.problem(key, "is not a known field (a typo?)")


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
