"""Search quality against a fixed query set (tests/search_queries.toml). Run with -s to see the report."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from hkprobono.model import Directory
from hkprobono.search.engine import Index

QUERIES = tomllib.loads((Path(__file__).parent / "search_queries.toml").read_text(encoding="utf-8"))["query"]
TARGET = 0.95


@pytest.fixture(scope="module")
def index(directory: Directory) -> Index:
    return Index(directory)


def test_query_set_is_large_and_covers_every_kind() -> None:
    assert len(QUERIES) >= 40
    kinds = {q["kind"] for q in QUERIES}
    for kind in ("name", "typo", "former name", "abbreviation", "need", "chinese need", "place", "nonsense"):
        assert kind in kinds


def test_expected_slugs_exist(directory: Directory) -> None:
    slugs = {o.slug for o in directory.organisations}
    for query in QUERIES:
        assert set(query["expect"]) <= slugs, query["q"]


def test_hit_rate_in_top_3(index: Index) -> None:
    scored = [q for q in QUERIES if q["expect"]]
    misses = []
    for query in scored:
        top = [r.org.slug for r in index.search(query["q"])[:3]]
        if not set(top) & set(query["expect"]):
            misses.append(f"  {query['kind']:<13} {query['q']!r}: got {top}, expected one of {query['expect']}")
    rate = 1 - len(misses) / len(scored)
    print(f"\nsearch evaluation: {len(scored) - len(misses)}/{len(scored)} queries hit in the top 3 ({rate:.1%})")
    print("\n".join(misses) if misses else "  no misses")
    assert rate >= TARGET, "\n".join(misses)


def test_nonsense_returns_nothing(index: Index) -> None:
    for query in QUERIES:
        if not query["expect"]:
            assert index.search(query["q"]) == [], query["q"]
