"""`hkprobono about`: one statistics section, and the reach figures."""

from __future__ import annotations

import json
import re

import pytest

from conftest import Invoke
from hkprobono.loading.source import load


@pytest.mark.parametrize("color", ["never", "always"])
def test_about_has_one_statistics_section(invoke: Invoke, color: str) -> None:
    out = re.sub(r"\x1b\[[0-9;]*m", "", invoke("--color", color, "about").stdout)
    headings = [line for line in out.splitlines() if re.fullmatch(r"(── )?Statistics( ─+)?", line.strip())]
    assert len(headings) == 1, headings


def test_about_gives_the_reach_figures(invoke: Invoke) -> None:
    figures = json.loads(invoke("about", "--json").stdout)["figures"]
    directory = load(None)
    current = directory.current()
    reachable = [o for o in current if o.contact.voice_phones or o.contact.email]
    assert figures["current"] == len(current) >= 25
    assert figures["reachable"] == len(reachable)
    assert figures["reachable_percent"] == len(reachable) * 100 // len(current)
    text = invoke("about").stdout
    assert f"{len(current)} current organisations; {len(reachable)} of them" in text
    assert "organisations the USM guide names as helpers" in text


def test_about_shows_legal_context_and_resources(invoke: Invoke) -> None:
    result = invoke("about")
    assert result.exit_code == 0, result.output
    assert "not a party to the 1951 Refugee Convention" in result.stdout
    assert "Numbers and origins of refugees hosted by Hong Kong" in result.stdout
    data = json.loads(invoke("about", "--json").stdout)
    assert {
        "hkprobono_json_version",
        "meta",
        "intro",
        "facts",
        "resources",
        "statistics",
        "figures",
        "data_in_use",
    } == set(data)
