"""loading/refs.py: the data names what it refers to by slug or kind and key, never as a command,
and a reference to nothing is a load error."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from conftest import BUNDLED, COMMAND
from hkprobono.loading import refs
from hkprobono.loading.validate import build
from hkprobono.model import Directory, Ref


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("iss-hk", Ref("org", "iss-hk")),
        ("step:8", Ref("step", "8")),
        ("term:TCAB", Ref("term", "TCAB")),
        ("term:Leave (for judicial review)", Ref("term", "Leave (for judicial review)")),
        ("deadline:appeal", Ref("deadline", "appeal")),
        ("ISS-HK", None),  # not a slug
        ("org:iss-hk", None),  # an organisation is named by its slug alone
        ("step:", None),
        ("deadline: appeal", None),
        ("hkprobono show iss-hk", None),
    ],
)
def test_a_reference_is_a_slug_or_kind_and_key(text: str, ref: Ref | None) -> None:
    assert refs.parse(text) == ref


@pytest.mark.parametrize(
    ("where", "bad", "message"),
    [
        ("step", "no-such-org", "no organisation has the slug 'no-such-org'"),
        ("step", "step:99", "the USM guide has no step '99'"),
        ("term", "term:no such term", "the glossary has no term 'no such term'"),
        ("term", "deadline:appeel", "no deadline has the kind 'appeel'"),
        ("overview", "hkprobono show iss-hk", "is not a reference"),
    ],
)
def test_a_reference_to_nothing_is_a_load_error(raw: dict[str, Any], where: str, bad: str, message: str) -> None:
    data = copy.deepcopy(raw)
    usm = data["usm"]
    target = {"step": usm["steps"][0], "term": usm["glossary"][0], "overview": usm}[where]
    target["overview_see" if where == "overview" else "see"] = [bad]
    _, problems = build(data)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert len(errors) == 1 and message in errors[0], errors
    assert "see" in errors[0]  # it names the field


def test_a_term_is_found_in_any_case(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["usm"]["steps"][0]["see"] = ["term:tcab", "step:8", "deadline:jr"]
    directory, problems = build(data)
    assert problems == []
    assert directory.guide is not None and directory.guide.steps[0].see[0] == Ref("term", "tcab")


def test_the_bundled_data_spells_no_command_and_every_reference_exists(directory: Directory) -> None:
    """Every text that named a command before names its target in `see` instead."""
    text = BUNDLED.read_text(encoding="utf-8")
    assert not COMMAND.search(text), COMMAND.search(text)
    guide = directory.guide
    assert guide is not None
    pointed = [*guide.overview_see, *(r for s in guide.steps for r in s.see)]
    pointed += [r for t in guide.glossary for r in t.see]
    assert {r.kind for r in pointed} == {"org", "deadline", "term"} and len(pointed) == 17
    assert not list(refs.missing(directory))
