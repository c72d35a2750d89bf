"""What a search says beyond organisations: a USM step or glossary term found, with its key fact,
and the lines that explain what is not there (a closed organisation held back, an emptying filter,
query words that matched nothing)."""

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from hkprobono.content.words import KIND_LABELS, status_word, with_status
from hkprobono.model import Directory

if TYPE_CHECKING:
    from hkprobono.search.engine import Answer, Found


class AnswerView(NamedTuple):
    """A step or glossary term of the USM guide among search results, with its key fact."""

    kind: str  # "step" or "term"
    label: str  # "USM step" or "Glossary term"
    ref: str  # "usm step 8", "glossary JR": shown where an organisation shows its slug
    title: str
    fact: str  # the deadline, or the term's meaning
    detail: str  # what to do, or the term's explanation
    helpers: tuple[str, ...]  # "Name [slug]" of the organisations that help with the step
    more: str  # the command that shows all of it
    score: float
    explain: tuple[str, ...] = ()


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")


def lead(text: str, sentences: int = 2) -> str:
    """The first sentences of a summary: a step's key fact when it has no deadline."""
    return " ".join(SENTENCE_END.split(text)[:sentences])


def helpers(directory: Directory, slugs: tuple[str, ...]) -> tuple[str, ...]:
    found = []
    for slug in slugs:
        org = directory.by_slug(slug)
        if org is not None:
            found.append(f"{with_status(org.name, status_word(org))} [{slug}]")
    return tuple(found)


def answer_view(directory: Directory, answer: "Answer", explain: tuple[str, ...] = ()) -> AnswerView:
    if answer.step is not None:
        s = answer.step
        if s.deadline:
            fact = f"DEADLINE: {s.deadline}"
        elif s.deadline_note:
            fact = f"Deadline: {s.deadline_note}"
        else:
            fact = lead(s.summary)
        return AnswerView(
            kind="step",
            label=KIND_LABELS["step"],
            ref=f"usm step {s.number}",
            title=f"Step {s.number}. {s.title}",
            fact=fact,
            detail=s.what_to_do,
            helpers=helpers(directory, s.helped_by),
            more=f"hkprobono usm step {s.number}",
            score=answer.score,
            explain=explain,
        )
    t = answer.term
    assert t is not None  # an answer is a step or a term
    return AnswerView(
        kind="term",
        label=KIND_LABELS["term"],
        ref=f"glossary {t.term}",
        title=t.term,
        fact=t.meaning,
        detail=t.explanation or "",
        helpers=(),
        more=f'hkprobono usm glossary "{t.term}"' if " " in t.term else f"hkprobono usm glossary {t.term}",
        score=answer.score,
        explain=explain,
    )


def answer_record(answer: "Answer") -> dict[str, Any]:
    """A step or term in `search --json`: `kind`, its own fields as `usm step --json` and
    `usm glossary --json` name them, and the match keys an organisation result has."""
    from hkprobono.content.records import as_dict

    best = answer.best
    own = as_dict(answer.step) if answer.step is not None else as_dict(answer.term)
    own.pop("sources", None)
    return {
        "kind": answer.kind,
        **own,
        "score": answer.score,
        "matched": {"field": best.field, "text": best.text, "term": best.term, "score": best.score},
        "matches": [as_dict(m) for m in answer.matches],
    }


def notes(found: "Found", *, explain: bool) -> tuple[str, ...]:
    """The lines under the results: closed organisations held back, words that matched nothing."""
    lines = []
    if found.held_back:
        one = found.held_back == 1
        lines.append(
            f"{found.held_back} closed organisation{'' if one else 's'} also matched and "
            f"{'is' if one else 'are'} not shown: add --include-closed to see {'it' if one else 'them'}."
        )
    if explain and found.unmatched:
        lines.append("Matched nothing: " + ", ".join(f"'{w}'" for w in found.unmatched))
    return tuple(lines)


def nothing(query: str, found: "Found") -> tuple[str, str]:
    """The error and hint when a search shows nothing: say which filter emptied it, if one did."""
    if found.emptied_by:
        filters = " and ".join(found.emptied_by)
        return (
            f"'{query}' matched, but nothing is left with {filters}",
            "drop or change that filter; 'hkprobono districts' and 'hkprobono list' show what there is",
        )
    if found.held_back:
        one = found.held_back == 1
        return (
            f"nothing matched '{query}' but {found.held_back} closed organisation{'' if one else 's'}",
            "add --include-closed to see " + ("it" if one else "them"),
        )
    return f"nothing matched '{query}'", "try other words, or 'hkprobono list' to see every organisation"


def search_document(query: str, found: "Found") -> dict[str, Any]:
    """`search --json`: organisation results keep their keys (content.records.result); steps and
    terms carry their own `kind`. `held_back_closed` counts closed organisations left out;
    `unmatched` lists the query words that matched nothing."""
    from hkprobono.content.records import document, result
    from hkprobono.search.engine import Result  # only searches get here: rapidfuzz is loaded

    return document(
        query=query,
        results=[result(h) if isinstance(h, Result) else answer_record(h) for h in found.hits],
        held_back_closed=found.held_back,
        unmatched=list(found.unmatched),
    )
