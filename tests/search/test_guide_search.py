"""One search over organisations, USM steps and glossary terms (issue 15): answers first, kinds,
ranking ties, closed held back, filters that empty the results, Chinese scripts, show/open."""

from __future__ import annotations

from itertools import pairwise

import pytest

from hkprobono.loading import cache
from hkprobono.model import Directory
from hkprobono.search.engine import Answer, Index, Result
from hkprobono.search.hanzi import to_simplified
from hkprobono.search.index import build, valid


@pytest.fixture(scope="module")
def index(directory: Directory) -> Index:
    return Index(directory)


def keys(index: Index, query: str, n: int = 3, **kw: object) -> list[str]:
    hits = index.find(query, **kw).hits[:n]  # type: ignore[arg-type]
    return [h.org.slug if isinstance(h, Result) else h.key for h in hits]


def test_the_guide_answers_first_with_its_key_fact(index: Index) -> None:
    first = index.find("appeal deadline").hits[0]
    assert isinstance(first, Answer) and first.step is not None and first.step.number == 8
    assert first.step.deadline and "14 days" in first.step.deadline
    assert keys(index, "can I work", 1) == ["step:13"]
    assert keys(index, "recognizance", 2) == ["step:12", "term:Recognizance"]
    assert keys(index, "judicial review", 1) == ["step:9"]
    assert keys(index, "interpreter", 1) == ["step:5"]
    # ... then the organisations that help
    assert any(k in keys(index, "appeal deadline", 10) for k in ("duty-lawyer-service", "tcab"))


def test_kind_narrows(index: Index) -> None:
    assert all(k.startswith("step:") for k in keys(index, "appeal", 10, kind="step"))
    assert all(k.startswith("term:") for k in keys(index, "appeal", 10, kind="term"))
    assert all(":" not in k for k in keys(index, "appeal", 10, kind="org"))
    assert all(isinstance(r, Result) for r in index.search("recognizance"))


def test_ties_put_active_reachable_organisations_first(index: Index) -> None:
    results = index.search("food")
    for a, b in pairwise(results):
        if a.score == b.score:
            ra = (a.org.status != "active", not (a.org.contact.voice_phones or a.org.contact.email))
            rb = (b.org.status != "active", not (b.org.contact.voice_phones or b.org.contact.email))
            assert ra <= rb, (a.org.slug, b.org.slug)
    top = results[0].org
    assert top.status == "active" and (top.contact.voice_phones or top.contact.email)


def test_closed_are_held_back_and_counted(index: Index) -> None:
    found = index.find("cantonese classes")
    assert "hong-kong-unison" not in [h.org.slug for h in found.hits if isinstance(h, Result)]
    assert found.held_back == 1
    assert index.find("cantonese classes", include_closed=True).held_back == 0
    named = index.find("Hong Kong Unison")  # its own name: shown, so not held back
    assert [h.org.slug for h in named.hits if isinstance(h, Result)][:1] == ["hong-kong-unison"]
    assert named.held_back == 0


def test_place_names_are_phrases(index: Index) -> None:
    assert set(keys(index, "Wan Chai", 10)) == {"duty-lawyer-service", "branches-of-hope"}
    found = index.search("legal", district="wan chai")
    assert found and all("Wan Chai" in r.org.contact.districts for r in found)
    assert "refugee-union" not in [r.org.slug for r in index.search("refugees", district="WAN CHAI")]


def test_filters_that_empty_the_results_are_named(index: Index) -> None:
    assert index.find("legal", category="food").emptied_by == (("category", "food"),)
    assert index.find("food", district="Kowloon City").emptied_by == (("district", "Kowloon City"),)
    assert index.find("xyzzy", category="food").emptied_by == ()


def test_words_that_matched_nothing_are_listed(index: Index) -> None:
    assert index.find("food xyzzy").unmatched == ("xyzzy",)
    assert index.find("blorptastic").unmatched == ("blorptastic",)


def test_traditional_and_simplified_find_the_same(index: Index) -> None:
    assert to_simplified("難民聯會") == "难民联会"
    for trad, simp in (
        ("難民", "难民"),
        ("法律援助", "法律援助"),
        ("上訴期限", "上诉期限"),
        ("聯合國難民署", "联合国难民署"),
    ):
        assert keys(index, trad, 5) == keys(index, simp, 5) != []


def test_state_is_plain_data_and_a_stale_shape_is_rebuilt(directory: Directory) -> None:
    import marshal

    state = build(directory)
    assert valid(state) and marshal.loads(marshal.dumps(state)) == state
    old_shape = state[:6]
    assert not valid(old_shape)
    assert Index(directory, old_shape).find("food").hits  # type: ignore[arg-type]
    assert cache.FORMAT >= 4
