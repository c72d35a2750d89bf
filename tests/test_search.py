"""The search core, tested without the CLI."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hkprobono.model import Directory
from hkprobono.search.engine import Index


@pytest.fixture(scope="module")
def index(directory: Directory) -> Index:
    return Index(directory)


def top(index: Index, query: str, n: int = 3, **kw: object) -> list[str]:
    return [r.org.slug for r in index.search(query, **kw)[:n]]  # type: ignore[arg-type]


def test_typo_finds_justice_centre(index: Index) -> None:
    assert top(index, "justise centre", 1) == ["justice-centre"]


def test_exact_name_ranks_first(index: Index) -> None:
    assert top(index, "Refugee Union", 1) == ["refugee-union"]
    assert index.search("Refugee Union")[0].score == 100


def test_former_names_and_abbreviations(index: Index) -> None:
    assert top(index, "Hong Kong Refugee Advice Centre", 1) == ["justice-centre"]
    assert top(index, "Vine Community Services", 1) == ["branches-of-hope"]
    assert top(index, "ISS", 1) == ["iss-hk"]
    assert top(index, "DLS", 1) == ["duty-lawyer-service"]
    assert top(index, "SOHK", 1) == ["unhcr"]


def test_nonsense_finds_nothing(index: Index) -> None:
    assert index.search("xyzzy") == []
    assert index.search("qwerty asdf") == []


def test_one_letter_finds_nothing(index: Index) -> None:
    assert index.search("a") == []
    assert index.search("") == []


def test_closed_are_left_out_unless_asked_or_named(index: Index) -> None:
    assert "hong-kong-unison" not in top(index, "cantonese classes", 10)  # a keyword, not its name
    assert top(index, "cantonese classes", 1, include_closed=True) == ["hong-kong-unison"]
    # Searched by its own name, a closed organisation comes first (and is marked closed).
    assert top(index, "hong kong unison", 1) == ["hong-kong-unison"]
    assert top(index, "amnesty", 1) == ["amnesty-hk"]


def test_category_filter(index: Index) -> None:
    results = index.search("refugees", category="food")
    assert results and all("food" in r.org.categories for r in results)


def test_district_filter(index: Index) -> None:
    results = index.search("food", district="Sheung Wan")
    assert [r.org.slug for r in results] == ["refugee-union"]


def test_ranking_is_sorted_and_stable(index: Index) -> None:
    results = index.search("legal")
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert [r.org.slug for r in results] == [r.org.slug for r in index.search("legal")]


def test_explain_records_the_field_that_matched(index: Index) -> None:
    result = index.search("Chungking Mansions")[0]
    assert result.org.slug == "christian-action"
    assert result.best.field in {"address", "keywords", "area"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_scores_stay_between_threshold_and_100(index: Index, query: str) -> None:
    for result in index.search(query, include_closed=True):
        assert 55 <= result.score <= 100


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["justice-centre", "refugee-union", "branches-of-hope", "iss-hk", "unhcr"]))
def test_an_organisations_own_name_finds_it_first(index: Index, slug: str) -> None:
    org = index.directory.by_slug(slug)
    assert org is not None
    assert top(index, org.name, 1) == [slug]


def test_a_name_that_matches_nothing_suggests_the_nearest_slugs(directory: Directory) -> None:
    import pytest

    from hkprobono.errors import HkProBonoError
    from hkprobono.search.resolve import pick

    with pytest.raises(HkProBonoError) as failure:
        pick(Index(directory), "refugee-unoin", [])
    assert failure.value.hint is not None and "did you mean: refugee-union" in failure.value.hint


def test_one_slip_in_five_letters_is_forgiven_but_not_in_the_first_letter(directory: Directory) -> None:
    index = Index(directory)
    assert "refugee-union" in [r.org.slug for r in index.search("foood")]  # exactly 0.8 similar
    assert index.corpus.word_matches("deported").get("reported") is None


def test_an_english_ending_still_finds_the_synonym() -> None:
    from hkprobono.search.query import synonym_key

    synonyms: dict[str, tuple[str, ...]] = {"deport": ("removal",)}
    assert synonym_key("deported", synonyms) == "deport" and synonym_key("deports", synonyms) == "deport"
    assert synonym_key("ed", synonyms) is None and synonym_key("unrelated", synonyms) is None
