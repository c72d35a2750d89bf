"""content/directory.py: the districts list, the filter and the card name the same places."""

from __future__ import annotations

from hkprobono.content import card as cards
from hkprobono.content.directory import districts
from hkprobono.freshness import today
from hkprobono.loading.source import load
from hkprobono.search.index import filters_of, in_place


def test_districts_the_filter_and_the_card_name_the_same_places() -> None:
    directory = load(None)
    counted = dict(districts(directory).counts)
    for org in directory.current():
        for district in org.contact.districts:
            assert district in counted and in_place(filters_of(org), district), (org.slug, district)
        rows = {r.label: r.value for r in cards.card(directory, org, today()).rows}
        assert rows.get("District", "") == ", ".join(org.contact.districts), org.slug
    # Yuen Long was matched by note text, though no organisation has a place there.
    assert "Yuen Long" not in counted
    assert not [o.slug for o in directory.current() if in_place(filters_of(o), "Yuen Long")]
