"""A search (`search`): what each hit says, the lines under the results, the "nothing matched"
message, and its JSON (--json) and rows (--plain), decided here once.

The engine (search/engine.py) finds and ranks organisations, USM steps and glossary terms; this
module alone turns what it found into words. A person reads no bare score: the score is for
--explain, --json and --plain."""

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from hkprobono.content.jsondoc import as_dict, document
from hkprobono.content.words import ANY_CARD, KIND_LABELS, field_word, status_word, with_status
from hkprobono.model import Directory, Ref
from hkprobono.record import NamedTuple

if TYPE_CHECKING:
    from typing import Literal

    from hkprobono.content.abbreviations import FirstUse
    from hkprobono.search.engine import Answer, Found, Hit, Result  # rapidfuzz: only searches need it

    # What a step's or term's key fact is: a deadline is shown as one.
    FactRole = Literal["deadline", "deadline_note", "summary", "meaning"]
    # Why a search shows nothing: each reason has its own advice (cli/search.py words it).
    Empty = Literal["filtered", "closed", "unmatched"]
    OrgKind = Literal["org"]
    GuideKind = Literal["step", "term"]
else:  # at run time only words: each Literal costs start-up time (see RowKey in card.py)
    FactRole = Empty = OrgKind = GuideKind = str

# --plain column order is a contract (README): add new columns only at the end. A step's first
# column is `step:N`, a term's `term:TERM`.
# How a filter that left nothing is said: "nothing is left in the category 'food'".
FILTER_WORDS = {"kind": "of the kind", "category": "in the category", "district": "in the district",
                "language": "in the language"}  # fmt: skip
COLUMNS = ("slug", "name", "score", "categories", "phone", "matched_field", "matched_text", "status", "kind")


class OrgRow(NamedTuple):
    """An organisation among the results."""

    slug: str
    name: str
    status: str  # "" when active, else a STATUS_WORDS word
    categories: str  # their labels, comma-separated
    phone: str
    found_in: str  # the part of the entry the words were found in, in plain words ("opening hours")
    found: str  # the text they were found in
    label: str = KIND_LABELS["org"]
    explain: tuple[str, ...] = ()  # with --explain: the score, and where each word was found
    kind: OrgKind = "org"


class GuideRow(NamedTuple):
    """A step or glossary term of the USM guide among the results, with its key fact."""

    kind: GuideKind
    label: str  # "USM step" or "Glossary term"
    title: str
    fact: str  # the deadline, or the term's meaning
    role: FactRole
    helpers: tuple[str, ...]  # "Name [slug]" of the organisations that help with the step
    more: Ref  # where all of it is
    explain: tuple[str, ...] = ()


class Note(NamedTuple):
    """A line under the results. The option it points to, where a reader can add one, the renderer
    spells after it with its purpose: "To see it, add --include-closed."."""

    text: str
    see: Ref | None = None
    purpose: str = ""


class ResultsView(NamedTuple):
    rows: tuple[OrgRow | GuideRow, ...]
    query: str
    notes: tuple[Note, ...] = ()  # a closed organisation held back; query words that matched nothing
    more: Ref = ANY_CARD  # where an organisation's full card is


# A pattern, not a compiled one: compiling costs half a millisecond, which only a step without a
# deadline, shown to a person, needs (re caches it on first use).
SENTENCE_END = r"(?<=[.!?])\s+(?=[A-Z\"])"


def lead(text: str, sentences: int = 2) -> str:
    """The first sentences of a summary: a step's key fact when it has no deadline."""
    return " ".join(re.split(SENTENCE_END, text)[:sentences])


def helpers(directory: Directory, slugs: tuple[str, ...]) -> tuple[str, ...]:
    found = []
    for slug in slugs:
        org = directory.by_slug(slug)
        if org is not None:
            found.append(f"{with_status(org.name, status_word(org))} [{slug}]")
    return tuple(found)


def _explain(hit: "Hit") -> tuple[str, ...]:
    """--explain: the score, then where each query word was found and how well it matched."""
    found = (f"'{m.term}' matched {field_word(m.field)}: {m.text} (score {m.score:g})" for m in hit.matches)
    return (f"score {hit.score:g} of 100", *found)


def _org_row(directory: Directory, res: "Result", explain: tuple[str, ...]) -> OrgRow:
    best = res.best
    return OrgRow(
        slug=res.org.slug,
        name=res.org.name,
        status=status_word(res.org),
        categories=", ".join(directory.category_label(c) for c in res.org.categories),
        phone=res.org.contact.first_phone,
        found_in=field_word(best.field),
        found=best.text,
        explain=explain,
    )


def _guide_row(directory: Directory, answer: "Answer", explain: tuple[str, ...], reader: "FirstUse") -> GuideRow:
    """A step or term as the results show it, its abbreviations spelled out where the results first
    use them (`reader` has read the rows above)."""
    if answer.step is not None:
        s = answer.step
        role: FactRole
        if s.deadline:
            fact, role = f"DEADLINE: {s.deadline}", "deadline"
        elif s.deadline_note:
            fact, role = f"Deadline: {s.deadline_note}", "deadline_note"
        else:
            fact, role = lead(s.summary), "summary"
        title = reader(f"Step {s.number}. {s.title}")  # read in the order the row is shown
        return GuideRow(
            kind="step",
            label=KIND_LABELS["step"],
            title=title,
            fact=reader(fact),
            role=role,
            helpers=helpers(directory, s.helped_by),
            more=Ref("step", str(s.number)),
            explain=explain,
        )
    t = answer.term
    assert t is not None  # an answer is a step or a term
    reader.defined(t.term)  # the row is the term and what it stands for
    return GuideRow(
        kind="term",
        label=KIND_LABELS["term"],
        title=t.term,
        fact=reader(t.meaning),
        role="meaning",
        helpers=(),
        more=Ref("term", t.term),
        explain=explain,
    )


def notes(found: "Found", *, explain: bool) -> tuple[Note, ...]:
    """The lines under the results: closed organisations held back, words that matched nothing."""
    lines = []
    if found.held_back:
        one = found.held_back == 1
        lines.append(
            Note(
                f"{found.held_back} closed organisation{'' if one else 's'} also matched and "
                f"{'is' if one else 'are'} not shown.",
                Ref("option", "include-closed"),
                f"to see {'it' if one else 'them'}",
            )
        )
    if explain and found.unmatched:
        lines.append(Note("Matched nothing: " + ", ".join(f"'{w}'" for w in found.unmatched)))
    return tuple(lines)


def view(directory: Directory, query: str, found: "Found", *, explain: bool = False) -> ResultsView | None:
    """What a person reads; None when nothing was found (`nothing` says why)."""
    if not found.hits:
        return None
    from hkprobono.search.engine import Result  # a search ran: rapidfuzz is loaded

    rows: list[OrgRow | GuideRow] = []
    reader: FirstUse | None = None
    for hit in found.hits:
        why = _explain(hit) if explain else ()
        if isinstance(hit, Result):
            rows.append(_org_row(directory, hit, why))
            continue
        if reader is None:  # only results from the guide hold its abbreviations
            from hkprobono.content import abbreviations

            reader = abbreviations.FirstUse()
        rows.append(_guide_row(directory, hit, why, reader))
    return ResultsView(tuple(rows), query, notes(found, explain=explain))


def nothing(query: str, found: "Found") -> tuple[str, Empty]:
    """The error when a search shows nothing, and why: which filter emptied it, if one did."""
    if found.emptied_by:
        filters = " and ".join(f"{FILTER_WORDS[option]} '{value}'" for option, value in found.emptied_by)
        return f"'{query}' matched, but nothing is left {filters}{' together' if found.together else ''}", "filtered"
    if found.held_back:
        one = found.held_back == 1
        return f"nothing matched '{query}' but {found.held_back} closed organisation{'' if one else 's'}", "closed"
    return f"nothing matched '{query}'", "unmatched"


def _matched(hit: "Hit") -> dict[str, Any]:
    best = hit.best
    return {
        "matched": {"field": best.field, "text": best.text, "term": best.term, "score": best.score},
        "matches": [as_dict(m) for m in hit.matches],
    }


def _org_record(res: "Result") -> dict[str, Any]:
    org = res.org
    return {
        "kind": "org",
        "slug": org.slug,
        "name": org.name,
        "score": res.score,
        "status": org.status,
        "categories": list(org.categories),
        "summary": org.summary,
        "phones": [p.number for p in org.contact.voice_phones],
        **_matched(res),
    }


def _guide_record(answer: "Answer") -> dict[str, Any]:
    """A step or term: `kind`, its own fields as `usm step --json` and `usm glossary --json` name
    them (but `sources`), and the match keys an organisation result has."""
    own = as_dict(answer.step) if answer.step is not None else as_dict(answer.term)
    own.pop("sources", None)
    return {"kind": answer.kind, **own, "score": answer.score, **_matched(answer)}


def record(query: str, found: "Found") -> dict[str, Any]:
    """`search --json`: `query`, `results` (organisation results keep their keys; steps and terms
    carry their own `kind`), `held_back_closed` (closed organisations left out) and `unmatched`
    (the query words that matched nothing)."""
    from hkprobono.search.engine import Result  # a search ran: rapidfuzz is loaded

    return document(
        query=query,
        results=[_org_record(h) if isinstance(h, Result) else _guide_record(h) for h in found.hits],
        held_back_closed=found.held_back,
        unmatched=list(found.unmatched),
    )


def rows(found: "Found") -> Iterator[tuple[object, ...]]:
    """`search --plain`: COLUMNS, a step's or term's first column its key (`step:8`, `term:JR`)."""
    from hkprobono.search.engine import Result  # a search ran: rapidfuzz is loaded

    for hit in found.hits:
        best = hit.best
        if isinstance(hit, Result):
            o = hit.org
            yield (o.slug, o.name, f"{hit.score:g}", ",".join(o.categories), o.contact.first_phone, best.field,
                   best.text, status_word(o), "org")  # fmt: skip
        else:
            title = f"Step {hit.step.number}. {hit.step.title}" if hit.step else (hit.term.term if hit.term else "")
            yield (hit.key, title, f"{hit.score:g}", "", "", best.field, best.text, "", hit.kind)
