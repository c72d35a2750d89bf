"""search/glossary.py: a glossary term is found as search finds things, forgiving a slip, and
never an unrelated term."""

from __future__ import annotations

import pytest

from conftest import Invoke
from hkprobono.errors import HkProBonoError
from hkprobono.model import Directory
from hkprobono.search.engine import Index
from hkprobono.search.glossary import find_term


def test_glossary_forgives_as_search_does(directory: Directory, index: Index) -> None:
    assert directory.guide is not None
    guide = directory.guide
    assert find_term(guide, "refoulement", lambda: index).term == "Non-refoulement"  # not NCF
    assert find_term(guide, "refoulment", lambda: index).term == "Non-refoulement"
    assert find_term(guide, "tcba", lambda: index).term == "TCAB"
    assert find_term(guide, "judicial review", lambda: index).term == "JR"
    assert find_term(guide, "going out pass", lambda: index).term == "Recognizance"
    with pytest.raises(HkProBonoError) as failure:
        find_term(guide, "legal", lambda: index)  # in several meanings, the name of none
    assert failure.value.hint is not None and "PFLA" in failure.value.hint


def test_an_exact_term_needs_no_index(directory: Directory) -> None:
    assert directory.guide is not None

    def no_index() -> Index:
        raise AssertionError("built an index for an exact term")

    assert find_term(directory.guide, "ncf", no_index).term == "NCF"
    assert find_term(directory.guide, "Unified Screening Mechanism", no_index).term == "USM"


def test_glossary_never_returns_an_unrelated_term(directory: Directory, index: Index) -> None:
    assert directory.guide is not None
    vocabulary = sorted(w for w in index.guide.postings if w.isalpha() and len(w) > 3)[::7]
    for word in vocabulary:
        try:
            term = find_term(directory.guide, word, lambda: index)
        except HkProBonoError:
            continue
        own = {w for text in (term.term, term.meaning, term.explanation or "") for w in text.casefold().split()}
        matched = index.guide.word_matches(word)
        assert any(m in " ".join(own) for m in matched), (word, term.term)


def test_cli_glossary_takes_a_slip(invoke: Invoke) -> None:
    assert invoke("usm", "glossary", "refoulment").stdout.startswith("Non-refoulement:")
    assert invoke("usm", "glossary", "refoulement").stdout.startswith("Non-refoulement:")
