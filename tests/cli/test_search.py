"""`hkprobono search` at the command line."""

from __future__ import annotations

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
