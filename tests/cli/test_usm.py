"""The USM guide: data integrity and the four commands."""

from __future__ import annotations

import json

import pytest

from conftest import Invoke
from hkprobono.model import Directory


def test_every_helper_slug_exists_and_every_step_has_a_source(directory: Directory) -> None:
    assert directory.guide is not None
    slugs = {o.slug for o in directory.organisations}
    for step in directory.guide.steps:
        assert step.sources, step.number
        assert set(step.helped_by) <= slugs, step.number


def test_deadlines_shown_as_fact_have_a_source_that_states_them(directory: Directory) -> None:
    assert directory.guide is not None
    deadlines = {s.number: s.deadline for s in directory.guide.steps if s.deadline}
    assert set(deadlines) == {8, 9}
    assert "14 days" in (deadlines[8] or "") and "3 months" in (deadlines[9] or "")
    ncf = next(s for s in directory.guide.steps if s.number == 3)
    assert ncf.deadline is None and "not confirmed" in (ncf.deadline_note or "")


def test_glossary_has_every_abbreviation(directory: Directory) -> None:
    assert directory.guide is not None
    terms = {t.term.casefold() for t in directory.guide.glossary}
    wanted = "USM NCF TCAB NCPO PFLA DLS ISS-HK SWD RSD SOHK COI CAT BOR2 BOR3 CIDTP recognizance non-refoulement"
    assert {w.casefold() for w in wanted.split()} <= terms


@pytest.mark.parametrize("args", [["usm"], ["usm", "overview"]])
def test_overview(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert "3 March 2014" in result.stdout and "Immigration Department" in result.stdout
    assert "not legal advice" in result.stdout


@pytest.mark.parametrize("args", [["usm", "--json"], ["usm", "overview", "--json"]])
def test_overview_json_keys(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"hkprobono_json_version", "overview", "sources", "overview_see"}  # the README's contract
    assert data["overview_see"] == [
        {"kind": "org", "key": "justice-centre"},
        {"kind": "org", "key": "duty-lawyer-service"},
    ]
    assert any("3 March 2014" in paragraph for paragraph in data["overview"])
    assert data["sources"] and all({"title", "url", "date"} <= set(s) for s in data["sources"])


def test_steps_json_keys(invoke: Invoke) -> None:
    result = invoke("usm", "steps", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["steps"]
    assert [d["number"] for d in data] == list(range(1, 15))
    for item in data:
        assert {"number", "title", "summary", "what_to_do", "deadline", "helped_by", "sources"} <= set(item)


def test_one_step_with_sources(invoke: Invoke) -> None:
    result = invoke("usm", "step", "8")
    assert result.exit_code == 0, result.output
    assert "DEADLINE: 14 days" in result.stdout
    assert "https://hk-lawyer.org/content/b-v-torture-claims-appeal-board" in result.stdout
    data = json.loads(invoke("usm", "step", "8", "--json").stdout)["step"]
    assert data["deadline"].startswith("14 days")


def test_unknown_step_exit_2(invoke: Invoke) -> None:
    result = invoke("usm", "step", "99")
    assert result.exit_code == 2
    assert "there is no step 99" in result.stderr


def test_glossary_all_one_fuzzy_and_unknown(invoke: Invoke) -> None:
    assert "TCAB: Torture Claims Appeal Board" in invoke("usm", "glossary").stdout
    assert invoke("usm", "glossary", "tcba").stdout.startswith("TCAB: Torture Claims Appeal Board")
    assert invoke("usm", "glossary", "going out pass").stdout.startswith("Recognizance:")
    data = json.loads(invoke("usm", "glossary", "dls", "--json").stdout)["terms"]
    assert data[0]["meaning"] == "Duty Lawyer Service"
    result = invoke("usm", "glossary", "nonsenseword")
    assert result.exit_code == 2
    assert "is not in the glossary" in result.stderr
