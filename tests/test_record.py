"""record.NamedTuple behaves as typing.NamedTuple: the same classes from the same bodies, the same
answers to the same calls, the same refusals."""

from __future__ import annotations

import copy
import keyword
import pickle
import re
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hkprobono import record
from hkprobono.model import Contact, Directory, Organisation

names = st.one_of(
    st.sampled_from(["cls", "self"]),  # names a __new__ might take for itself
    st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(lambda n: not keyword.iskeyword(n)),
)


def made(base: Any, name: str, ns: dict[str, Any]) -> type:
    return types.new_class(name, (base,), {}, lambda body: body.update({"__module__": __name__, **ns}))


def pair(fields: list[str], defaults: dict[str, Any]) -> tuple[Any, Any]:
    """The same class body made by typing.NamedTuple and by record.NamedTuple."""
    ns = {"__annotations__": dict.fromkeys(fields, int), **defaults}
    return made(typing.NamedTuple, "Point", ns), made(record.NamedTuple, "Point", ns)


def outcome(call: Any) -> Any:
    """What a call gives, comparable across the two classes: its values, repr and dict, or its error."""
    try:
        value = call()
    except (TypeError, ValueError) as exc:
        return type(exc)
    return (tuple(value), repr(value), value._asdict())


@st.composite
def bodies(draw: st.DrawFn) -> tuple[list[str], dict[str, Any]]:
    fields = draw(st.lists(names, min_size=0, max_size=6, unique=True))
    first_default = draw(st.integers(0, len(fields)))
    return fields, {f: i for i, f in enumerate(fields) if i >= first_default}


@given(bodies(), st.lists(st.integers(), max_size=8), st.dictionaries(names, st.integers(), max_size=4))
def test_construction_answers_as_typing_does(
    body: tuple[list[str], dict[str, Any]], args: list[int], kwargs: dict[str, int]
) -> None:
    fields, defaults = body
    theirs, ours = pair(fields, defaults)
    assert ours._fields == theirs._fields
    assert ours._field_defaults == theirs._field_defaults
    assert ours.__doc__ == theirs.__doc__
    assert ours.__match_args__ == theirs.__match_args__
    assert outcome(lambda: ours(*args, **kwargs)) == outcome(lambda: theirs(*args, **kwargs))
    assert outcome(lambda: ours._make(args)) == outcome(lambda: theirs._make(args))


@given(bodies(), st.dictionaries(names, st.integers(), max_size=4))
def test_replace_answers_as_typing_does(body: tuple[list[str], dict[str, Any]], changes: dict[str, int]) -> None:
    fields, _ = body
    theirs, ours = pair(fields, {})
    values = list(range(len(fields)))
    assert outcome(lambda: ours(*values)._replace(**changes)) == outcome(lambda: theirs(*values)._replace(**changes))


def test_a_record_class_keeps_its_methods_docstring_and_place() -> None:
    class Point(record.NamedTuple):
        """A point."""

        x: int
        y: int = 0

        @property
        def norm(self) -> int:
            return abs(self.x) + abs(self.y)

        def moved(self, by: int) -> Point:
            return self._replace(x=self.x + by)

    p = Point(3, y=-4)
    assert (p.norm, p.moved(1), Point.__doc__, Point.__module__, Point.__qualname__) == (
        7,
        Point(4, -4),
        "A point.",
        __name__,
        "test_a_record_class_keeps_its_methods_docstring_and_place.<locals>.Point",
    )
    assert Point.x.__doc__ == "Alias for field number 0"
    assert isinstance(p, tuple) and p == (3, -4) and hash(p) == hash((3, -4))
    match p:
        case Point(a, b):
            assert (a, b) == (3, -4)


def test_model_records_survive_pickle_and_copy(directory: Directory) -> None:
    org = directory.organisations[0]
    for again in (pickle.loads(pickle.dumps(org)), copy.deepcopy(org), copy.copy(org)):
        assert again == org and type(again) is Organisation and type(again.contact) is Contact


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"__annotations__": {"a": int, "b": int}, "a": 1}, TypeError),  # a default before a field without one
        ({"__annotations__": {"a": int}, "_replace": None}, AttributeError),
        ({"__annotations__": {"a": int}, "__new__": None}, AttributeError),
        ({"__annotations__": {"_a": int}}, ValueError),
    ],
)
def test_the_bodies_typing_refuses_are_refused(body: dict[str, Any], error: type[Exception]) -> None:
    for base in (typing.NamedTuple, record.NamedTuple):
        with pytest.raises(error):
            made(base, "Bad", body)


def test_every_record_class_of_the_package_is_made_by_record() -> None:
    """typing.NamedTuple costs start-up time that record.NamedTuple does not: no module uses it."""
    package = Path(record.__file__).parent
    for path in package.rglob("*.py"):
        if path.name != "record.py":
            assert not re.search(r"^from typing import [^\n]*\bNamedTuple\b", path.read_text(), re.M), path
