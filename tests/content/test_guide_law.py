"""Statute references on a "Law:" line of their own (issue 24): kept in the data (`law`, on a step or
a term), out of the sentences, and laid out by every view and the JSON."""

from __future__ import annotations

import copy
import io
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import BUNDLED, Invoke
from hkprobono.content import guide as views
from hkprobono.freshness import today
from hkprobono.loading.validate import build
from hkprobono.model import Directory
from hkprobono.render.terminal import RichRenderer

# A section, a chapter, an order of court rules, a Part: what belongs on the Law line.
CITATION_RE = re.compile(r"\bs\.\s?\d+[A-Z]*|\bCap\.?\s*\d+|\bOrder \d+|\bPart [IVXL]+[A-Z]*\b")

# Every reference the sentences held before they were rewritten (issue 24), now on the Law line.
STEP_LAW = {
    2: ["Cap. 115", "s.37X(2)"],
    8: ["s.37ZS(1)", "s.37ZT", "Cap. 1", "s.71"],
    9: ["Order 53 rule 4(1)", "s.71(1A)"],
    10: ["s.37ZO"],
    12: ["s.36(1)"],
}
TERM_LAW = {
    "TCAB": ["s.37ZQ"],
    "CAT": ["Part VIIC"],
    "BOR2": ["Cap. 383", "s.8"],
    "BOR3": ["Cap. 383", "s.8"],
    "Recognizance": ["s.36(1)"],
    "Leave (for judicial review)": ["Order 53 rules 3(1) and 4(1)"],
    "General holiday": ["Cap. 149", "Cap. 1", "s.71"],
    # "Non-refoulement" names Article 33 of the Refugee Convention in a sentence: the Convention
    # has never been applied to Hong Kong, so it is no Law line there.
}


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return tomllib.loads(BUNDLED.read_text(encoding="utf-8"))


def test_the_references_are_kept_on_the_law_line(directory: Directory) -> None:
    guide = directory.guide
    assert guide is not None
    steps = {s.number: s for s in guide.steps}
    for number, cited in STEP_LAW.items():
        assert all(c in (steps[number].law or "") for c in cited), (number, steps[number].law)
    terms = {t.term: t for t in guide.glossary}
    for term, cited in TERM_LAW.items():
        assert all(c in (terms[term].law or "") for c in cited), (term, terms[term].law)


def test_no_sentence_of_a_step_or_a_term_cites_a_statute(directory: Directory) -> None:
    guide = directory.guide
    assert guide is not None
    texts = [t for s in guide.steps for t in (s.summary, s.what_to_do, s.deadline, s.deadline_note) if t]
    texts += [t for g in guide.glossary for t in (g.meaning, g.explanation) if t]
    assert [t for t in texts if CITATION_RE.search(t)] == []


def test_the_step_cites_the_counting_rule_with_its_source(directory: Directory) -> None:
    """The Law line names Cap. 1 s.71 only where the step's sources hold it."""
    guide = directory.guide
    assert guide is not None
    for step in guide.steps:
        if "s.71" in (step.law or ""):
            assert any("s.71" in source.title for source in step.sources), step.number


def test_law_is_one_line_of_text(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["usm"]["steps"][0]["law"] = 115
    data["usm"]["glossary"][0]["law"] = "Cap. 115\x1b[31m"
    _, problems = build(data)
    assert {(p.entry, p.field) for p in problems} == {
        ("USM step 1", "usm.steps[0].law"),
        ("glossary term 'USM'", "usm.glossary[0].law"),
    }, problems


def test_plain_views_lay_the_law_line_out(invoke: Invoke) -> None:
    step = invoke("usm", "step", "8").stdout.splitlines()
    law = next(i for i, line in enumerate(step) if line.startswith("   Law: "))
    assert step[law - 1].startswith("   Deadline note: ") and step[law + 1].startswith("   Who can help: ")
    assert "s.37ZS(1)" in step[law]
    glossary = invoke("usm", "glossary", "TCAB").stdout.splitlines()
    assert glossary[-1] == "    Law: Immigration Ordinance (Cap. 115) s.37ZQ"


def test_json_carries_law(invoke: Invoke) -> None:
    step = json.loads(invoke("usm", "step", "8", "--json").stdout)["step"]
    assert "s.37ZT" in step["law"]
    steps = json.loads(invoke("usm", "steps", "--json").stdout)["steps"]
    assert all("law" in s for s in steps) and steps[0]["law"] is None  # absent values are null
    terms = json.loads(invoke("usm", "glossary", "--json").stdout)["terms"]
    assert all("law" in t for t in terms)


def test_the_terminal_lays_the_law_line_out(
    directory: Directory, rich_console: tuple[RichRenderer, io.StringIO]
) -> None:
    renderer, buffer = rich_console
    guide = directory.guide
    assert guide is not None
    step = next(s for s in guide.steps if s.number == 9)
    renderer.step(views.step_view(directory, step, today()))
    shown = re.sub(r"\x1b\[[0-9;]*m", "", buffer.getvalue())
    assert re.search(r"^Law +Rules of the High Court \(Cap\. 4A\), Order 53 rule 4\(1\)", shown, re.M)
    buffer.truncate(0)
    buffer.seek(0)
    term = next(t for t in guide.glossary if t.term == "Recognizance")
    renderer.terms(views.terms_view([term], today()))
    assert "Law: Immigration Ordinance (Cap. 115) s.36(1)" in re.sub(r"\x1b\[[0-9;]*m", "", buffer.getvalue())


def test_the_html_page_lays_the_law_line_out(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    assert invoke("export", "html", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<p><strong>Law:</strong> Immigration Ordinance (Cap. 115) s.37ZS(1)" in page


@pytest.mark.parametrize(("query", "first"), [("37ZT", "step:8"), ("s.37ZS", "step:8"), ("Order 53", "step:9")])
def test_a_reference_finds_the_step_that_rests_on_it(invoke: Invoke, query: str, first: str) -> None:
    assert invoke("search", query, "--plain").stdout.split("\t", 1)[0] == first


def test_the_words_of_a_law_line_alone_find_no_term(invoke: Invoke) -> None:
    """ "refugee" is not the term Non-refoulement, whose Law line names the Refugee Convention."""
    result = invoke("usm", "glossary", "refugee")
    assert result.exit_code == 2 and "is not in the glossary" in result.output


def test_the_refugee_convention_is_never_given_as_hong_kong_law(directory: Directory) -> None:
    guide = directory.guide
    assert guide is not None
    term = next(t for t in guide.glossary if t.term == "Non-refoulement")
    assert term.law is None and "never been applied to Hong Kong" in (term.explanation or "")
