"""Abbreviations spelled out at their first use in each view (issue 24): the reader, the table
against the glossary, and every view of the guide as a person reads it."""

from __future__ import annotations

import html
import re

import pytest

from conftest import Invoke
from hkprobono.content.abbreviations import ABBREVIATIONS, BY_SHORT, SHORT_NAMES, USE_RE, FirstUse, quoted
from hkprobono.model import Directory

# -- the reader -----------------------------------------------------------------------------------


def test_the_first_use_is_spelled_out_and_later_ones_stay_short() -> None:
    read = FirstUse()
    assert read("Write to ImmD. ImmD replies.") == "Write to the Immigration Department (ImmD). ImmD replies."
    assert read("Then ImmD decides.") == "Then ImmD decides."  # the same view, a later text


def test_each_view_starts_afresh() -> None:
    assert FirstUse()("ImmD decides.") == FirstUse()("ImmD decides.") == "The Immigration Department (ImmD) decides."


def test_a_sentence_start_a_determiner_and_a_possessive() -> None:
    read = FirstUse()
    assert read("Ask. UNHCR refers it.") == "Ask. The United Nations High Commissioner for Refugees (UNHCR) refers it."
    assert read("An NCF copy.") == "A Non-refoulement Claim Form (NCF) copy."
    assert read("It sent a ImmD letter.") == "It sent an Immigration Department (ImmD) letter."
    assert read("The TCAB's decision.") == "The Torture Claims Appeal Board's (TCAB's) decision."
    assert read("Their JR was rejected.") == "Their judicial review (JR) was rejected."  # no "the" before a common noun


def test_a_text_that_spells_it_out_itself_is_left_alone() -> None:
    read = FirstUse()
    text = "You write to the Immigration Department (ImmD). ImmD replies."
    assert read(text) == text


def test_quoted_words_and_longer_words_are_not_touched() -> None:
    read = FirstUse()
    text = 'Some documents write "NRCPO" or "TCAB/NRCPO". UNHCRs and ISS-HKs are not words here.'
    assert read(text) == text
    assert read("NRCPO is one.") == "The Non-refoulement Claims Petition Office (NRCPO) is one."
    assert quoted('He said "') and quoted("He said “") and not quoted('He said "x" and ')


def test_the_longest_abbreviation_wins() -> None:
    assert FirstUse()("UNHCR and the UN.") == (
        "The United Nations High Commissioner for Refugees (UNHCR) and the United Nations (UN)."
    )


def test_a_short_name_gets_its_full_name_unless_already_read() -> None:
    assert FirstUse()("The Board decides; the Board's notice.") == (
        "The Torture Claims Appeal Board decides; the Board's notice."
    )
    read = FirstUse()
    read("Appeal to the Torture Claims Appeal Board (TCAB).")
    assert read("The Board decides.") == "The Board decides."
    read = FirstUse()
    read("TCAB hears it.")  # spelled out there, so the Board is known
    assert read("The Board decides.") == "The Board decides."


def test_a_glossary_entry_defines_its_own_term() -> None:
    read = FirstUse()
    read.defined("ImmD")
    read.defined("Recognizance")  # not an abbreviation: nothing to do
    assert read("ImmD decides.") == "ImmD decides."


# -- the table and the data -----------------------------------------------------------------------

# Capitals that are not abbreviations the guide uses, and why they stay as they are.
NOT_IN_THE_TABLE = {
    "HK": "in HK$, the currency",
    "VIIC": "a Part of the Immigration Ordinance, in Roman numerals",
    "COVID": "its own glossary entry; COVID-19 is better known than its long form",
    "HCAL": "a case-number code, part of a reference",
    "CACV": "a case-number code, part of a reference",
    "HKCFI": "a neutral-citation code, part of a reference",
    "HKCA": "a neutral-citation code, part of a reference",
    "UKHL": "a neutral-citation code, part of a reference",
}
CAPITALS_RE = re.compile(r"(?<![\w-])[A-Za-z]*[A-Z][A-Za-z]*[A-Z0-9](?:-[A-Z]+)?(?![\w-])")


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold())) - {"of", "the"}


def test_every_abbreviation_is_a_glossary_term_that_means_the_same(directory: Directory) -> None:
    assert directory.guide is not None
    meanings = {t.term: t.meaning for t in directory.guide.glossary}
    for entry in ABBREVIATIONS:
        assert entry.short in meanings, f"{entry.short} is not in the glossary"
        assert _words(entry.full) <= _words(meanings[entry.short]), (entry, meanings[entry.short])
    assert len(BY_SHORT) == len(ABBREVIATIONS)


def test_every_abbreviation_in_the_guide_is_in_the_table(directory: Directory) -> None:
    """A maintainer who writes a new abbreviation into the guide adds it to the table (and the glossary)."""
    guide = directory.guide
    assert guide is not None
    texts = [*guide.overview]
    texts += [t for s in guide.steps for t in (s.title, s.summary, s.what_to_do, s.deadline, s.deadline_note) if t]
    texts += [t for g in guide.glossary for t in (g.meaning, g.explanation) if t]
    texts += [t for d in guide.deadlines for t in (d.title, d.starts, d.if_missed, d.note) if t]
    found = {word for text in texts for word in CAPITALS_RE.findall(text)}
    assert found - set(BY_SHORT) - set(NOT_IN_THE_TABLE) == set()


# -- every view, as a person reads it ----------------------------------------------------------------

URL_RE = re.compile(r"https?://")


def _first_uses_spelled_out(text: str) -> list[str]:
    """What is wrong in one view's text: an abbreviation first used unexplained, or a short name
    used before its full name. Lines holding a source (a web address) are titles, not guide text;
    a glossary line "TERM: meaning" defines TERM."""
    text = "\n".join(line for line in text.splitlines() if not URL_RE.search(line))
    wrong, seen = [], set()
    for match in USE_RE.finditer(text):
        before = text[: match.start()]
        if match.group("name"):
            name = next(s for s in SHORT_NAMES if s.short.casefold() == match.group("name").casefold())
            if name.full not in before and name.full not in seen:
                wrong.append(f"'{match.group(0)}' before '{name.full}': ...{before[-60:]}")
            seen.add(name.full)
            continue
        short = match.group("abbr")
        if short in seen or quoted(before):
            continue
        seen.add(short)
        full = BY_SHORT[short].full.casefold()
        line_start = before.rsplit("\n", 1)[-1] == "" and text[match.end() : match.end() + 1] == ":"
        if not (line_start or before.casefold().endswith((f"{full} (", f"{full}'s ("))):
            wrong.append(f"{short} not spelled out: ...{before[-60:]}{match.group(0)}")
    return wrong


VIEWS = [
    ["usm"],
    ["usm", "steps"],
    *(["usm", "step", str(n)] for n in range(1, 15)),
    ["usm", "glossary"],
    *(["usm", "glossary", term] for term in ("TCAB", "CIDTP", "NCPO", "SOHK", "Substantiated", "Removal order")),
    ["usm", "deadlines"],
    ["usm", "deadline", "appeal", "--from", "2026-11-20"],
    ["usm", "deadline", "appeal", "--from", "2026-10-01"],  # passed: the late-filing rule comes first
    ["usm", "deadline", "jr", "--from", "2026-11-20"],
    # Search results from the guide (organisation names are titles, so only steps and terms here).
    ["search", "appeal", "--kind", "step"],
    ["search", "decision", "--kind", "step"],
    ["search", "appeal", "--kind", "term"],
]


@pytest.mark.parametrize("args", VIEWS, ids=[" ".join(v) for v in VIEWS])
def test_each_view_spells_out_each_abbreviation_at_its_first_use(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert _first_uses_spelled_out(result.stdout) == []


def test_the_checker_catches_an_unexplained_abbreviation() -> None:
    assert _first_uses_spelled_out("Step 8\nImmD decides.")
    assert _first_uses_spelled_out("The Board decides.")
    assert not _first_uses_spelled_out("ImmD: Immigration Department\nImmD decides.")
    assert not _first_uses_spelled_out("The Immigration Department's (ImmD's) letter. ImmD.")


def test_the_html_guide_spells_out_each_abbreviation_at_its_first_use(invoke: Invoke, tmp_path: object) -> None:
    from pathlib import Path

    out = Path(str(tmp_path)) / "page.html"
    assert invoke("export", "html", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    guide = page[page.index('id="usm_guide"') :]  # the guide's part of the page, read from its heading
    guide = re.sub(r'<details class="sources">.*?</details>', "", guide, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", guide))
    assert "Law:" in text
    assert _first_uses_spelled_out(text) == []


def test_json_is_the_data_as_it_is(invoke: Invoke, directory: Directory) -> None:
    """Spelling out is for people reading a view; --json gives the data file's own words."""
    assert directory.guide is not None
    step = next(s for s in directory.guide.steps if s.number == 9)
    assert "ImmD may remove you" in step.summary
    import json

    data = json.loads(invoke("usm", "step", "9", "--json").stdout)["step"]
    assert data["summary"] == step.summary
    assert "the Immigration Department (ImmD) may remove you" in invoke("usm", "step", "9").stdout
