"""Words a claimant can read (issue 24): the guide's text at Flesch-Kincaid grade 8 or below.

Measured with textstat 0.7.3 (pinned in pyproject.toml: it works offline), over the text as
`usm steps --json` and `usm glossary --json` give it: the steps' claimant-facing text (what happens,
what to do, the deadline and its note) all together, and the glossary's definitions (meaning and
explanation) all together. Each text is a line of its own in every view, so each is counted as at
least one sentence. The "Law:" line is a reference, not prose, and is not measured.

The grade falls with shorter sentences and shorter words; cutting sentences into fragments would
lower it too, so the words per sentence must stay those of real sentences."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import textstat

from conftest import Invoke

GRADE = 8.0
# Real sentences, not fragments: plain-language guides aim at about 15 to 20 words a sentence.
MIN_WORDS_PER_SENTENCE = 9.0


def as_sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def steps_text(invoke: Invoke) -> str:
    steps = json.loads(invoke("usm", "steps", "--json").stdout)["steps"]
    fields = ("summary", "what_to_do", "deadline", "deadline_note")
    return " ".join(as_sentence(step[f]) for step in steps for f in fields if step[f])


def glossary_text(invoke: Invoke) -> str:
    terms = json.loads(invoke("usm", "glossary", "--json").stdout)["terms"]
    return " ".join(as_sentence(term[f]) for term in terms for f in ("meaning", "explanation") if term[f])


@pytest.mark.parametrize("text", [steps_text, glossary_text], ids=["steps", "glossary"])
def test_the_guide_reads_at_grade_8_or_below(invoke: Invoke, text: Callable[[Invoke], str]) -> None:
    words = text(invoke)
    grade = textstat.flesch_kincaid_grade(words)
    assert grade <= GRADE, f"Flesch-Kincaid grade {grade}; plain words and shorter sentences bring it down"


@pytest.mark.parametrize("text", [steps_text, glossary_text], ids=["steps", "glossary"])
def test_the_grade_comes_from_sentences_not_fragments(invoke: Invoke, text: Callable[[Invoke], str]) -> None:
    words = text(invoke)
    per_sentence = textstat.lexicon_count(words) / textstat.sentence_count(words)
    assert per_sentence >= MIN_WORDS_PER_SENTENCE, per_sentence


def test_textstat_grades_as_the_test_expects() -> None:
    """The measure itself: long words in long sentences grade high, short ones low."""
    hard = (
        "Notwithstanding the aforementioned considerations, the applicant's representations concerning "
        "the admissibility of supplementary documentation were comprehensively disregarded by the tribunal."
    )
    easy = "You have 14 days to appeal. Ask a lawyer for help. Keep a copy of the letter."
    assert textstat.flesch_kincaid_grade(hard) > 15 > GRADE > textstat.flesch_kincaid_grade(easy)
