"""The districts the organisations are in, with how many organisations each has."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hkprobono.content.pages import PageView, Section
from hkprobono.model import Directory


def districts(directory: Directory, *, include_closed: bool = False) -> list[tuple[str, int]]:
    """(district, number of organisations) for every district an organisation gives, by name."""
    counts: Counter[str] = Counter()
    for org in directory.current(include_closed=include_closed):
        counts.update(dict.fromkeys(org.contact.districts, 1))
    return sorted(counts.items(), key=lambda item: item[0].casefold())


def without_district(directory: Directory, *, include_closed: bool = False) -> int:
    return sum(1 for o in directory.current(include_closed=include_closed) if not o.contact.districts)


def page(directory: Directory, *, include_closed: bool = False) -> PageView:
    counted = districts(directory, include_closed=include_closed)
    items = tuple(f"{name}: {n}" for name, n in counted)
    missing = without_district(directory, include_closed=include_closed)
    note = (
        f"{missing} organisations give no district. Use a name with --district, in any case: "
        'hkprobono search legal --district "wan chai".'
    )
    return PageView("Districts", (Section("Districts, with the number of organisations in each", (note,), items),))


def document(directory: Directory, *, include_closed: bool = False) -> dict[str, Any]:
    from hkprobono.content.records import document as versioned

    return versioned(
        districts=[
            {"name": name, "organisations": n} for name, n in districts(directory, include_closed=include_closed)
        ],
        without_district=without_district(directory, include_closed=include_closed),
    )
