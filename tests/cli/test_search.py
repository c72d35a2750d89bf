"""`hkprobono search` at the command line."""

from __future__ import annotations

import json

from conftest import Invoke


def test_plain_nothing_found_prints_nothing(invoke: Invoke) -> None:
    result = invoke("search", "xyzzy", "--plain")
    assert result.exit_code == 1 and result.stdout == ""


def test_search_first_shows_the_best_card(invoke: Invoke) -> None:
    result = invoke("search", "justise", "--first")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Justice Centre Hong Kong  [justice-centre]")


def test_an_empty_search_is_a_usage_error(invoke: Invoke) -> None:
    for query in ([""], ["  "], ["", ""]):
        result = invoke("search", *query)
        assert result.exit_code == 2 and "give at least one word" in result.stderr


def test_search_shows_slug_name_categories_match_and_phone(invoke: Invoke) -> None:
    result = invoke("search", "justise", "centre")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[:3]
    assert first[0].startswith("1. Justice Centre Hong Kong (unconfirmed) [justice-centre]")
    assert "Legal, Counselling, Advocacy | +852 3109 7359" in first[1]
    assert first[2].startswith("   found in name:")


def test_search_json_keys(invoke: Invoke) -> None:
    result = invoke("search", "legal", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["hkprobono_json_version"] == 3 and document["query"] == "legal"
    assert {d["kind"] for d in document["results"]} <= {"org", "step", "term"}
    data = [d for d in document["results"] if d["kind"] == "org"]  # organisation keys are unchanged
    assert isinstance(data, list) and data
    for item in data:
        assert {
            "slug",
            "name",
            "score",
            "status",
            "categories",
            "summary",
            "phones",
            "matched",
            "matches",
        } <= set(item)
        assert 0 <= item["score"] <= 100
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)


def test_search_no_match_exit_1_with_hint_on_stderr(invoke: Invoke) -> None:
    result = invoke("search", "xyzzy")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "hkprobono list" in result.stderr


def test_search_no_match_json_is_empty_array(invoke: Invoke) -> None:
    result = invoke("search", "xyzzy", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["results"] == []


def test_search_limit_and_category(invoke: Invoke) -> None:
    result = invoke("search", "refugees", "--category", "food", "--limit", "2", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["results"]
    assert len(data) == 2 and all("food" in d["categories"] for d in data)


def test_unknown_category_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("search", "legal", "--category", "nope")
    assert result.exit_code == 2
    assert "unknown category 'nope'" in result.stderr


def test_search_explain(invoke: Invoke) -> None:
    result = invoke("search", "legal", "appeal", "--explain")
    assert result.exit_code == 0, result.output
    assert "'appeal' matched" in result.stdout


def test_search_district_and_language_filters(invoke: Invoke) -> None:
    data = json.loads(invoke("search", "food", "--district", "sheung wan", "--json").stdout)["results"]
    assert [d["slug"] for d in data] == ["refugee-union"]
    data = json.loads(invoke("search", "legal", "--language", "french", "--json").stdout)["results"]
    assert [d["slug"] for d in data] == ["justice-centre"]


def test_cli_shows_kinds_and_the_json_carries_them(invoke: Invoke) -> None:
    result = invoke("search", "appeal", "deadline")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1. Step 8.") and "Screening step | DEADLINE: 14 days" in lines[1]
    assert "Organisation |" in result.stdout
    document = json.loads(invoke("search", "appeal", "deadline", "--json").stdout)
    kinds = [r["kind"] for r in document["results"]]
    assert kinds[0] == "step" and "org" in kinds
    assert document["results"][0]["number"] == 8 and document["results"][0]["deadline"]
    plain = invoke("search", "appeal", "deadline", "--plain").stdout.splitlines()
    assert plain[0].startswith("step:8\t") and plain[0].endswith("\tstep")


def test_cli_kind_and_closed_line(invoke: Invoke) -> None:
    result = invoke("search", "appeal", "--kind", "term", "--json")
    assert {r["kind"] for r in json.loads(result.stdout)["results"]} == {"term"}
    assert invoke("search", "appeal", "--kind", "nope").exit_code == 2
    result = invoke("search", "cantonese", "classes", "--include-closed")
    assert "hong-kong-unison" in result.stdout
    held = invoke("search", "cantonese", "classes")
    lines = [line for line in (held.stdout + held.stderr).splitlines() if "--include-closed" in line]
    assert len(lines) == 1


def test_cli_says_which_filter_emptied_and_explains_unmatched(invoke: Invoke) -> None:
    result = invoke("search", "legal", "-c", "food")
    assert result.exit_code == 1 and "nothing matched" not in result.stderr
    assert "'legal' matched, but nothing is left in the category 'food'" in result.stderr
    together = invoke("search", "help", "--district", "Wan Chai", "-c", "food")
    assert together.exit_code == 1
    assert "nothing is left in the category 'food' and in the district 'Wan Chai' together" in together.stderr
    result = invoke("search", "xyzzy", "--explain")
    assert result.exit_code == 1 and "Matched nothing: 'xyzzy'" in result.stderr
    result = invoke("search", "food", "xyzzy", "--explain")
    assert "Matched nothing: 'xyzzy'" in result.stdout
    assert invoke("search", "legal", "--category", "Social Assistance").exit_code in (0, 1)
