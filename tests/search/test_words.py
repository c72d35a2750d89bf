"""search/words.py: real words from slips, real inflections only, and two spellings as one word."""

from __future__ import annotations

import pytest

from hkprobono.search.words import WordSet, american, bases, english, pack


def test_the_word_list_knows_real_words_from_slips() -> None:
    real = WordSet(pack(english()))
    for word in ("concert", "concern", "form", "car", "care", "password", "cant", "formula", "membership"):
        assert word in real, word
    for slip in ("lawer", "justise", "foood", "christain", "refoulment", "unchr", "laywer"):
        assert slip not in real, slip
    assert "acton" not in real  # a name the list adds at its floor: a slip for "action" is forgiven
    assert 40_000 < len(english()) < 80_000


def test_inflections_are_real_endings_only() -> None:
    assert "family" in bases("families") and "run" in bases("running") and "use" in bases("used")
    assert "counsel" in bases("counselling") and "stop" in bases("stopped") and "apply" in bases("applied")
    for word in ("password", "membership", "formula", "thing", "news", "shed", "workers"):
        assert "pass" not in bases(word) and "member" not in bases(word) and "form" not in bases(word)
        assert "the" not in bases(word) and "new" not in bases(word) and "she" not in bases(word)
        assert "work" not in bases(word)


@pytest.mark.parametrize(
    ("british", "american_"),
    [("centre", "center"), ("labour", "labor"), ("organisation", "organization"), ("counselling", "counseling"),
     ("programme", "program"), ("licence", "license"), ("judgement", "judgment"), ("analyse", "analyze")],
)  # fmt: skip
def test_two_spellings_are_one_word(british: str, american_: str) -> None:
    assert american(british) == american(american_)


def test_different_words_stay_different() -> None:
    for a, b in (("filling", "filing"), ("four", "for"), ("concert", "concern"), ("tour", "tor")):
        assert american(a) != american(b)
