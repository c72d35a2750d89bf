"""search/query.py: an English ending still finds its synonym."""

from __future__ import annotations


def test_an_english_ending_still_finds_the_synonym() -> None:
    from hkprobono.search.query import synonym_key

    synonyms: dict[str, tuple[str, ...]] = {"deport": ("removal",)}
    assert synonym_key("deported", synonyms) == "deport" and synonym_key("deports", synonyms) == "deport"
    assert synonym_key("ed", synonyms) is None and synonym_key("unrelated", synonyms) is None
