"""Search quality against a fixed query set (tests/search_queries.toml). Run with -s to see the report.

An expected answer is an organisation's slug, a USM step (`step:8`) or a glossary term (`term:JR`);
a query hits when one of them is among the first three results of the one search (`Index.find`).
Every query must hit; a query with no expected answer (nonsense, or out of scope) must find
nothing, and the command says so with exit 1."""

from __future__ import annotations

import tomllib

import pytest

from conftest import ROOT, TESTS, Invoke
from hkprobono.model import Directory
from hkprobono.search.engine import Hit, Index, Result

QUERIES = tomllib.loads((TESTS / "search_queries.toml").read_text(encoding="utf-8"))["query"]
TARGET = 1.0
# Every query quoted in issue 25, which the set must hold.
ISSUE_25 = (
    "car insurance quote", "concert tickets", "wifi password", "gym membership", "I have no money for food",
    "baby formula and nappies", "how do I fill in the claim form", "very stress cant sleep",
    "i from bangladesh need food for family", "i want go back my country", "making a second claim after rejection",
    "someone to talk to, I feel depressed", "can I work", "doctor free", "hong kong unison",
)  # fmt: skip


@pytest.fixture(scope="module")
def index(directory: Directory) -> Index:
    return Index(directory)


def key(hit: Hit) -> str:
    return hit.org.slug if isinstance(hit, Result) else hit.key


def test_query_set_is_large_and_covers_every_kind() -> None:
    assert len(QUERIES) >= 200
    counted = [q["kind"] for q in QUERIES]
    assert counted.count("out of scope") >= 30
    assert counted.count("claimant") + counted.count("chinese claimant") >= 30
    assert {q["q"] for q in QUERIES} >= set(ISSUE_25)
    assert sum(1 for q in QUERIES if any(e.startswith(("step:", "term:")) for e in q["expect"])) >= 10
    kinds = {q["kind"] for q in QUERIES}
    for kind in ("name", "typo", "former name", "abbreviation", "need", "chinese need", "place", "nonsense",
                 "question", "chinese question", "simplified", "chinese name", "station", "out of scope", "claimant",
                 "chinese claimant"):  # fmt: skip
        assert kind in kinds


def test_expected_slugs_exist(directory: Directory) -> None:
    assert directory.guide is not None
    slugs = {o.slug for o in directory.organisations}
    slugs |= {f"step:{s.number}" for s in directory.guide.steps} | {f"term:{t.term}" for t in directory.guide.glossary}
    for query in QUERIES:
        assert set(query["expect"]) <= slugs, query["q"]


def test_hit_rate_in_top_3(index: Index) -> None:
    scored = [q for q in QUERIES if q["expect"]]
    misses = []
    for query in scored:
        top = [key(h) for h in index.find(query["q"]).hits[:3]]
        if not set(top) & set(query["expect"]):
            misses.append(f"  {query['kind']:<13} {query['q']!r}: got {top}, expected one of {query['expect']}")
    rate = 1 - len(misses) / len(scored)
    print(f"\nsearch evaluation: {len(scored) - len(misses)}/{len(scored)} queries hit in the top 3 ({rate:.1%})")
    print("\n".join(misses) if misses else "  no misses")
    assert rate >= TARGET, "\n".join(misses)


def test_nonsense_and_out_of_scope_return_nothing(index: Index) -> None:
    for query in QUERIES:
        if not query["expect"]:
            assert index.find(query["q"]).hits == [], query["q"]


def test_out_of_scope_queries_exit_1(invoke: Invoke) -> None:
    for query in QUERIES:
        if query["kind"] == "out of scope":
            result = invoke("search", query["q"])
            assert result.exit_code == 1 and "nothing matched" in result.stderr, query["q"]


def test_docs_say_how_many_queries_of_each_kind() -> None:
    readme = " ".join((ROOT / "docs" / "search.md").read_text(encoding="utf-8").split())
    kinds = [q["kind"] for q in QUERIES]
    scored = sum(1 for q in QUERIES if q["expect"])
    assert f"a fixed set of {len(QUERIES)} queries" in readme
    assert f"{scored} must find a right answer" in readme and f"{len(QUERIES) - scored} must find nothing" in readme
    assert f"{kinds.count('out of scope')} out of scope" in readme
    assert f"{kinds.count('nonsense')} of nonsense" in readme
    assert f"{kinds.count('claimant')} needs as a claimant would type them" in readme
    assert f"All {len(QUERIES)} pass" in readme
