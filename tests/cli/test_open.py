"""`hkprobono open`: the web address, printed when no browser can be opened; http(s) only."""

from __future__ import annotations

from conftest import HOSTILE, Invoke


def test_open_prints_the_url_when_not_a_terminal(invoke: Invoke) -> None:
    result = invoke("open", "refugee-union")
    assert result.exit_code == 0, result.output
    assert result.stdout == "https://refugeeunion.org\n"
    result = invoke("open", "catholic-pastoral-group")
    assert result.exit_code == 1 and "no website" in result.stderr


def test_open_refuses_anything_but_http(invoke: Invoke, unchecked: None) -> None:
    result = invoke("--data", HOSTILE, "open", "beta-food")
    assert result.exit_code == 2 and "not an http(s) address" in result.stderr
    assert "--new-window" not in result.stdout
