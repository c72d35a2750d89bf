"""What the guide's pages, the about page, the data-check report and the whole-directory page say.

Renderers lay these out; nothing here knows about terminals, HTML or colour."""

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, NamedTuple

from hkprobono.content.card import CardView, card
from hkprobono.content.directory import Member, member
from hkprobono.content.sources import source_line
from hkprobono.content.words import status_word, with_status
from hkprobono.model import Directory, Guide, Organisation, Step, Term

if TYPE_CHECKING:
    from collections.abc import Sequence


class Section(NamedTuple):
    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


class PageView(NamedTuple):
    title: str
    sections: tuple[Section, ...] = ()

    @property
    def kind(self) -> str:
        return "page"


class Helper(NamedTuple):
    slug: str
    name: str  # with its status, when not active
    reachable: bool  # has a phone or an e-mail


class StepView(NamedTuple):
    number: int
    title: str
    stage: str
    summary: str
    what_to_do: str
    deadline: str | None
    deadline_note: str | None
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


class TermsView(NamedTuple):
    terms: tuple[TermView, ...]

    @property
    def kind(self) -> str:
        return "terms"


class CategorySection(NamedTuple):
    label: str
    anchor: str
    cards: tuple[CardView, ...]  # organisations whose first category this is: their full card
    also: tuple[Member, ...]  # organisations listed here too, with their card in another section


class DirectoryPage(NamedTuple):
    """The whole directory as one page (`export html`), or a referral sheet of chosen organisations."""

    title: str
    made: str
    notices: tuple[str, ...]
    facts: tuple[str, ...]
    sections: tuple[CategorySection, ...]
    overview: tuple[str, ...]
    steps: tuple[StepView, ...]


DECIDING_CATEGORY = "government"  # the bodies that decide claims, kept apart from those that help


def _helper(directory: Directory, slug: str) -> tuple[Helper, bool]:
    """The helper named by a step, and whether it is a body that decides claims."""
    org = directory.by_slug(slug)
    if org is None:
        return Helper(slug, slug, False), False
    return Helper(
        slug, with_status(org.name, status_word(org)), org.contact.reachable
    ), DECIDING_CATEGORY in org.categories


def step(directory: Directory, s: Step, on: dt.date) -> StepView:
    named = [_helper(directory, slug) for slug in s.helped_by]
    # Reachable helpers first; the order of the data otherwise.
    helpers = sorted((h for h, decides in named if not decides), key=lambda h: not h.reachable)
    return StepView(
        number=s.number,
        title=s.title,
        stage=s.stage,
        summary=s.summary,
        what_to_do=s.what_to_do,
        deadline=s.deadline,
        deadline_note=s.deadline_note,
        helped_by=tuple(helpers),
        decided_by=tuple(h for h, decides in named if decides),
        sources=tuple(source_line(src, on) for src in s.sources),
    )


def steps(directory: Directory, guide: Guide, on: dt.date) -> StepsView:
    return StepsView(tuple(step(directory, s, on) for s in guide.steps), (directory.meta.disclaimer,))


def term(t: Term, on: dt.date) -> TermView:
    return TermView(t.term, t.meaning, t.explanation, tuple(source_line(s, on) for s in t.sources))


def terms(found: list[Term], on: dt.date) -> TermsView:
    return TermsView(tuple(term(t, on) for t in found))


def overview(guide: Guide, on: dt.date) -> PageView:
    return PageView(
        "The Unified Screening Mechanism (USM)",
        (
            Section("The Unified Screening Mechanism (USM)", guide.overview),
            Section("Sources", (), tuple(source_line(s, on) for s in guide.sources)),
        ),
    )


_SHOW = re.compile(r"(\()?hkprobono show ([a-z0-9][a-z0-9-]*)(\))?")
_COMMAND = re.compile(r"hkprobono [a-z]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def standalone(directory: Directory, text: str) -> str:
    """Data text for a page that stands alone, on paper too: "(hkprobono show justice-centre)"
    becomes "(see Justice Centre Hong Kong)", and a sentence that tells the reader to run any other
    command is left out. The data keeps its commands for the terminal."""

    def name(match: re.Match[str]) -> str:
        org = directory.by_slug(match.group(2))
        shown = with_status(org.name, status_word(org)) if org else match.group(2)
        if match.group(1) and match.group(3):
            return f"(see {shown})"
        return (match.group(1) or "") + shown + (match.group(3) or "")

    text = _SHOW.sub(name, text)
    if not _COMMAND.search(text):
        return text
    return " ".join(s for s in _SENTENCE.split(text) if not _COMMAND.search(s))


def _standalone_step(directory: Directory, view: StepView) -> StepView:
    fix = functools.partial(standalone, directory)
    return view._replace(
        summary=fix(view.summary),
        what_to_do=fix(view.what_to_do),
        deadline=fix(view.deadline) if view.deadline else None,
        deadline_note=fix(view.deadline_note) if view.deadline_note else None,
    )


def _standalone_card(directory: Directory, view: CardView) -> CardView:
    fix = functools.partial(standalone, directory)
    rows = tuple(r._replace(value=fix(r.value), items=tuple(fix(i) for i in r.items)) for r in view.rows)
    return view._replace(summary=fix(view.summary), rows=rows, advice=fix(view.advice) if view.advice else None)


def directory_page(
    directory: Directory,
    on: dt.date,
    chosen: "Sequence[Organisation] | None" = None,
    category: str | None = None,
) -> DirectoryPage:
    """The whole directory (current organisations, the facts and the USM steps), or with `chosen`
    a referral sheet: those organisations only, with the notices, under `category` when given."""
    orgs = tuple(chosen) if chosen is not None else directory.current()
    sections = []

    def full(o: Organisation) -> CardView:
        return _standalone_card(directory, card(directory, o, on))

    if category is not None:
        label = directory.category_label(category)
        sections.append(CategorySection(label, f"category-{category}", tuple(full(o) for o in orgs), ()))
    else:
        for cat in directory.categories:
            first = tuple(full(o) for o in orgs if o.categories[0] == cat.id)
            also = tuple(member(o) for o in orgs if cat.id in o.categories[1:])
            if first or also:
                sections.append(CategorySection(cat.label, f"category-{cat.id}", first, also))
    meta = directory.meta
    guide = directory.guide if chosen is None else None
    made = f"Data compiled {meta.compiled}; page made {on.isoformat()}. {meta.compiled_note}"
    return DirectoryPage(
        title=meta.title if chosen is None else f"Referral sheet: {meta.title}",
        made=made,
        notices=(meta.confirm_notice, meta.disclaimer),
        facts=tuple(standalone(directory, fact.text) for fact in directory.about.facts) if chosen is None else (),
        sections=tuple(sections),
        overview=tuple(standalone(directory, p) for p in guide.overview) if guide else (),
        steps=tuple(_standalone_step(directory, step(directory, s, on)) for s in guide.steps) if guide else (),
    )
