"""Search says nothing rather than something wrong (issue 25): real words keep their meaning,
filler words are dropped, deciding fields decide, names are matched whole, closed organisations
are found by name, regions cover their districts, the glossary forgives as search does, and a
mistyped command gets "did you mean"."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Invoke
from hkprobono.errors import HkProBonoError
from hkprobono.model import Directory
from hkprobono.search.engine import Index, Result
from hkprobono.search.glossary import find_term
from hkprobono.search.index import REGIONS, filters_of, in_place
from hkprobono.search.words import WordSet, american, bases, english, pack


@pytest.fixture(scope="module")
def index(directory: Directory) -> Index:
    return Index(directory)


def keys(index: Index, query: str, n: int = 10, **kw: object) -> list[str]:
    hits = index.find(query, **kw).hits[:n]  # type: ignore[arg-type]
    return [h.org.slug if isinstance(h, Result) else h.key for h in hits]


# -- words ----------------------------------------------------------------------------------------


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


# -- matching -------------------------------------------------------------------------------------


def test_a_real_word_is_never_turned_into_another(index: Index) -> None:
    for word, other in (("concert", "concern"), ("form", "for"), ("form", "from"), ("car", "care"),
                        ("cant", "can"), ("password", "pass"), ("formula", "form"), ("membership", "members"),
                        ("fill", "file"), ("work", "workshops"), ("work", "workers")):  # fmt: skip
        assert other not in index.corpus.word_matches(word) and other not in index.guide.word_matches(word), word


def test_a_word_finds_its_inflections_and_its_other_spelling(index: Index) -> None:
    assert "families" in index.corpus.word_matches("family")
    assert "centre" in index.corpus.word_matches("center")
    assert "counselling" in index.corpus.word_matches("counseling")
    assert "claims" in index.guide.word_matches("claim")


def test_a_slip_that_is_no_word_is_still_forgiven(index: Index) -> None:
    assert "lawyer" in index.corpus.word_matches("lawer")
    assert "immigration" in index.corpus.word_matches("immigr")  # the start of a word
    assert keys(index, "lawer", 3) and keys(index, "refugee unoin", 1) == ["refugee-union"]


def test_one_loose_word_alone_does_not_carry_a_longer_query(index: Index) -> None:
    assert keys(index, "lawer") != []
    assert keys(index, "lawer tickets") == []  # "lawer" only found by a slip; "tickets" by nothing
    assert keys(index, "lawyer tickets") != []  # an exact word still does


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["concert", "password", "membership", "formula", "careful", "councillor", "supplier"]))
def test_out_of_scope_words_find_nothing_alone_or_together(index: Index, word: str) -> None:
    assert index.find(word).hits == []
    assert index.find(f"{word} tickets").hits == []


# -- filler words ---------------------------------------------------------------------------------


def test_filler_words_are_dropped_but_kept_in_a_synonym(index: Index) -> None:
    assert [t.text for t in index.terms("I have no money for food")] == ["no money", "food"]
    assert [t.text for t in index.terms("pls i want my lawyer not later")] == ["lawyer", "later"]
    assert [t.text for t in index.terms("very stress, can't sleep")] == ["stress", "cant sleep"]
    assert [t.text for t in index.terms("i want go back my country")] == ["back my country"]
    assert [t.text for t in index.terms("help")] == ["help"]  # filler alone is still a query
    assert [t.text for t in index.terms("請問哪裡有食物")] == ["食物"]  # Chinese filler, cut out of the run
    assert [t.text for t in index.terms("我想再次聲請")] == ["再次声请"]


def test_no_is_not_the_step_called_no_work(index: Index) -> None:
    found = keys(index, "I have no money for food")
    assert found[0] == "iss-hk" and "step:11" in found and "step:13" not in found


# -- fields ---------------------------------------------------------------------------------------


def test_notes_and_prose_never_carry_a_result_alone(index: Index) -> None:
    work = keys(index, "can I work")
    assert work[0] == "step:13"
    # address note, "crochet workshops", "Training for lawyers", "(past work)"
    assert not {"st-vincent-de-paul", "grassroots-future", "unhcr", "soco"} & set(work)
    assert "refugee-concern-network" not in keys(index, "amnesty")  # named only in its description
    assert "vision-first" not in keys(index, "food")  # food only in its history


def test_a_keyword_that_names_another_organisation_is_a_mention(index: Index) -> None:
    assert keys(index, "mercyhk") == ["mercyhk"]  # not the Catholic group that lists it
    assert "catholic-pastoral-group" in keys(index, "catholic")


def test_legal_opens_with_the_organisations_that_give_legal_help(index: Index) -> None:
    first = keys(index, "legal", 5)
    assert first[0] == "step:4"
    assert set(first[1:]) == {"duty-lawyer-service", "legal-aid-department", "dignity-institute", "justice-centre"}
    assert not [k for k in keys(index, "legal") if k.startswith("term:")]


def test_a_word_of_a_longer_name_is_not_the_name(index: Index) -> None:
    assert "mercyhk" not in keys(index, "doctor", 3)  # "Doctor Jesus Centre"
    assert "run-hong-kong" not in keys(index, "doctor free", 3)  # "Free to Run"
    assert keys(index, "dignity", 1) == ["dignity-institute"]  # but one word still finds its name


# -- names and places -----------------------------------------------------------------------------


def test_a_closed_organisation_searched_by_name_comes_first(index: Index) -> None:
    found = index.find("hong kong unison")
    assert [h.org.slug for h in found.hits if isinstance(h, Result)] == ["hong-kong-unison"]
    assert found.hits[0].org.is_closed and found.held_back == 0  # type: ignore[union-attr]


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


# -- glossary -------------------------------------------------------------------------------------


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


# -- commands -------------------------------------------------------------------------------------


def test_a_mistyped_command_gets_did_you_mean(invoke: Invoke) -> None:
    result = invoke("serch", "food")
    assert result.exit_code == 2 and "Did you mean 'search'?" in result.output
    assert "Did you mean 'list'?" in invoke("lst").output
    assert "Did you mean" not in invoke("zzzzzz").output


@pytest.mark.slow
def test_a_cached_search_never_reads_the_word_list() -> None:
    code = (
        "import sys, io\n"
        "from hkprobono.cli.app import main\n"
        "for args in (['list'], ['search', 'lawer', 'concert']):\n"
        "    sys.argv = ['hkprobono', *args]\n"
        "    out = sys.stdout; sys.stdout = io.StringIO()\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "    sys.stdout = out\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # fills the cache
    loaded = set(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    )
    assert not {"spellchecker", "gzip", "json"} & loaded


def test_a_state_of_another_shape_is_rebuilt_even_under_the_same_version(directory: Directory) -> None:
    from hkprobono.search.index import build, valid

    state = build(directory)
    assert valid(state)
    shorter = (*state[:7], state[7][:-1], state[8])
    assert not valid(shorter)
    assert Index(directory, shorter).find("food").hits  # type: ignore[arg-type]
