"""The USM guide as the tool gives it: the overview, the steps, one step, the glossary.

For each of `usm overview`, `usm steps`, `usm step N` and `usm glossary`, what a person reads (the
view), the `--json` document and the `--plain` rows come from the same guide, here. Renderers lay
the views out; nothing here knows about terminals, HTML or colour, nor spells a command: a step or
term names what it points to as a `Ref`.

Each view reads its text through one `FirstUse` (content/abbreviations.py), so that an abbreviation
is spelled out where that view first uses it; the JSON is the data as it is. A step's or a term's
`law` (the statutes it rests on) is a line of its own, after the text."""

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from hkprobono.content.abbreviations import FirstUse
from hkprobono.content.jsondoc import as_dict, document
from hkprobono.content.pages import PageView, Section
from hkprobono.content.sources import source_line
from hkprobono.content.words import status_word, with_status
from hkprobono.model import Directory, Guide, Ref, Step, Term
from hkprobono.record import NamedTuple

OVERVIEW_TITLE = "The Unified Screening Mechanism (USM)"
DECIDING_CATEGORY = "government"  # the bodies that decide claims, kept apart from those that help
# Column order is a contract (README): add new columns only at the end.
STEP_COLUMNS = ("number", "stage", "title", "deadline", "helped_by")


class Helper(NamedTuple):
    slug: str
    name: str  # with its status, when not active
    reachable: bool  # has a phone or an e-mail


# What a line of a step is: renderers style and place it by this, never by its label.
LineKind = Literal["summary", "what_to_do", "deadline", "deadline_note", "law"]


class StepLine(NamedTuple):
    kind: LineKind
    label: str
    text: str
    see: tuple[Ref, ...] = ()  # what the reader can look at next, after the text


class StepView(NamedTuple):
    number: int
    title: str
    stage: str
    lines: tuple[StepLine, ...]
    helped_by: tuple[Helper, ...]
    decided_by: tuple[Helper, ...]
    sources: tuple[str, ...]

    @property
    def kind(self) -> str:
        return "step"

    @property
    def helper_names(self) -> tuple[str, ...]:
        return tuple(f"{h.name} [{h.slug}]" for h in self.helped_by)

    @property
    def decider_names(self) -> tuple[str, ...]:
        return tuple(f"{h.name} [{h.slug}]" for h in self.decided_by)


class StepsView(NamedTuple):
    steps: tuple[StepView, ...]
    intro: tuple[str, ...]

    @property
    def kind(self) -> str:
        return "steps"


class TermView(NamedTuple):
    term: str
    meaning: str
    explanation: str | None
    sources: tuple[str, ...] = ()
    see: tuple[Ref, ...] = ()  # after the explanation
    law: str | None = None  # on a line of its own, after the explanation


class TermsView(NamedTuple):
    terms: tuple[TermView, ...]

    @property
    def kind(self) -> str:
        return "terms"


# -- usm overview ---------------------------------------------------------------------------------
def overview_view(guide: Guide, on: dt.date) -> PageView:
    """The overview, then where it sends the reader: the organisations to start with, and the steps."""
    reader = FirstUse()
    title = reader(OVERVIEW_TITLE)
    return PageView(
        title,
        (
            Section(title, tuple(reader(p) for p in guide.overview), see=(*guide.overview_see, Ref("step", ""))),
            Section("Sources", (), tuple(source_line(s, on) for s in guide.sources)),
        ),
    )


def overview_json(guide: Guide) -> dict[str, Any]:
    """`usm --json`: the [usm] fields of the overview, as the data file names them."""
    return document(
        overview=list(guide.overview), sources=as_dict(guide.sources), overview_see=as_dict(guide.overview_see)
    )


# -- usm steps, usm step N ------------------------------------------------------------------------
def _helper(directory: Directory, slug: str) -> tuple[Helper, bool]:
    """The helper named by a step, and whether it is a body that decides claims."""
    org = directory.by_slug(slug)
    if org is None:
        return Helper(slug, slug, False), False
    return Helper(
        slug, with_status(org.name, status_word(org)), org.contact.reachable
    ), DECIDING_CATEGORY in org.categories


def _lines(s: Step) -> Iterator[StepLine]:
    yield StepLine("summary", "What happens", s.summary)
    yield StepLine("what_to_do", "What to do", s.what_to_do, s.see)
    if s.deadline:
        yield StepLine("deadline", "Deadline", s.deadline)
    if s.deadline_note:
        yield StepLine("deadline_note", "Deadline note", s.deadline_note)
    if s.law:
        yield StepLine("law", "Law", s.law)


def step_view(directory: Directory, s: Step, on: dt.date, reader: FirstUse | None = None) -> StepView:
    """One step; `reader` when it is read after other text of the same view (all the steps, a page)."""
    reader = reader or FirstUse()
    named = [_helper(directory, slug) for slug in s.helped_by]
    # Reachable helpers first; the order of the data otherwise.
    helpers = sorted((h for h, decides in named if not decides), key=lambda h: not h.reachable)
    title = reader(s.title)
    return StepView(
        number=s.number,
        title=title,
        stage=s.stage,
        lines=tuple(line._replace(text=reader(line.text)) for line in _lines(s)),
        helped_by=tuple(helpers),
        decided_by=tuple(h for h, decides in named if decides),
        sources=tuple(source_line(src, on) for src in s.sources),
    )


def steps_view(directory: Directory, guide: Guide, on: dt.date) -> StepsView:
    reader = FirstUse()
    intro = (reader(directory.meta.disclaimer),)
    return StepsView(tuple(step_view(directory, s, on, reader) for s in guide.steps), intro)


def step_json(s: Step) -> dict[str, Any]:
    """`usm step N --json`: the step as the data file has it."""
    return document(step=as_dict(s))


def steps_json(items: Iterable[Step]) -> dict[str, Any]:
    return document(steps=[as_dict(s) for s in items])


def steps_rows(items: Iterable[Step]) -> Iterator[tuple[object, ...]]:
    """`usm steps --plain`: STEP_COLUMNS, one step a row."""
    for s in items:
        yield s.number, s.stage, s.title, s.deadline or "", ",".join(s.helped_by)


# -- usm glossary ---------------------------------------------------------------------------------
def term_view(t: Term, on: dt.date, reader: FirstUse | None = None) -> TermView:
    """One term: the term and its meaning spell out the abbreviation it is, for the rest of the view."""
    reader = reader or FirstUse()
    reader.defined(t.term)
    meaning = reader(t.meaning)
    explanation = reader(t.explanation) if t.explanation else None
    return TermView(t.term, meaning, explanation, tuple(source_line(s, on) for s in t.sources), t.see, t.law)


def terms_view(found: Iterable[Term], on: dt.date) -> TermsView:
    reader = FirstUse()
    return TermsView(tuple(term_view(t, on, reader) for t in found))


def terms_json(items: Iterable[Term]) -> dict[str, Any]:
    return document(terms=[as_dict(t) for t in items])
