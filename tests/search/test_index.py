"""search/index.py: regions cover their districts, a note never places an organisation, and a
stored state of another shape is rebuilt."""

from __future__ import annotations

from hkprobono.model import Directory
from hkprobono.search.engine import Index
from hkprobono.search.index import REGIONS, filters_of, in_place


def test_regions_cover_their_districts(index: Index, directory: Directory) -> None:
    assert sum(len(d) for d in REGIONS.values()) == 18
    kowloon = {r.org.slug for r in index.search("claim", district="Kowloon")}
    assert "immigration-department" in kowloon
    assert "iss-hk" in {r.org.slug for r in index.search("food", district="kowloon")}
    assert "iss-hk" in {r.org.slug for r in index.search("food", district="New Territories")}
    island = {r.org.slug for r in index.search("legal", district="Hong Kong Island")}
    assert {"duty-lawyer-service", "justice-centre"} <= island
    ru = directory.by_slug("refugee-union")
    assert ru is not None and in_place(filters_of(ru), "HK Island") and not in_place(filters_of(ru), "Kowloon")


def test_a_note_does_not_place_an_organisation(directory: Directory) -> None:
    svdp = directory.by_slug("st-vincent-de-paul")  # its route: a family met it in Yuen Long
    ygn = directory.by_slug("youth-global-network")  # no place is known for its sewing class
    iss = directory.by_slug("iss-hk")  # a centre named "Prince Edward centre", district unknown
    assert svdp is not None and ygn is not None and iss is not None
    assert not in_place(filters_of(svdp), "Yuen Long") and not in_place(filters_of(ygn), "Yuen Long")
    assert in_place(filters_of(iss), "Prince Edward")  # a location's name places it


def test_a_state_of_another_shape_is_rebuilt_even_under_the_same_version(directory: Directory) -> None:
    from hkprobono.search.index import build, valid

    state = build(directory)
    assert valid(state)
    shorter = (*state[:7], state[7][:-1], state[8])
    assert not valid(shorter)
    assert Index(directory, shorter).find("food").hits  # type: ignore[arg-type]
