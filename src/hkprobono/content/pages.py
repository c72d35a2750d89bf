"""What the guide's pages, the about page, the data-check report and the whole-directory page say.

Renderers lay these out; nothing here knows about terminals, HTML or colour."""

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from hkprobono.content.cards import CardView, Member, card, member, source_line, with_status
from hkprobono.model import Directory, Guide, Step, Term

if TYPE_CHECKING:
    from hkprobono.loading.check import Report


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


class ReportView(NamedTuple):
    file: str
    errors: tuple[str, ...]
    warnings: tuple[tuple[str, tuple[str, ...]], ...]  # (kind of warning, its lines)
    summary: str
    acknowledged: tuple[str, ...] = ()  # warnings accepted in the data, with who, when and why

    @property
    def kind(self) -> str:
        return "report"


class CategorySection(NamedTuple):
    label: str
    anchor: str
    cards: tuple[CardView, ...]  # organisations whose first category this is: their full card
    also: tuple[Member, ...]  # organisations listed here too, with their card in another section


class DirectoryPage(NamedTuple):
    """The whole directory as one page (`export html`)."""

    title: str
    made: str
    notices: tuple[str, ...]
    facts: tuple[str, ...]
    sections: tuple[CategorySection, ...]
    overview: tuple[str, ...]
    steps: tuple[StepView, ...]


def about(directory: Directory, on: dt.date) -> PageView:
    a = directory.about
    sections = [Section(directory.meta.title, (a.intro,))]
    for fact in a.facts:
        sections.append(Section(fact.topic or "", (fact.text,), tuple(source_line(s, on) for s in fact.sources)))
    sections.append(
        Section("Resources in the source document", tuple(f"{r.title}: {r.description}" for r in a.resources))
    )
    if a.statistics:
        paragraphs = tuple(stat.text for stat in a.statistics)
        cited = tuple(source_line(s, on) for stat in a.statistics for s in stat.sources)
        sections.append(Section("Statistics", paragraphs, cited))
    from hkprobono.content.maintenance import figures

    sections.append(Section("Reach of this directory", (figures(directory).text,)))
    meta = directory.meta
    sections.append(
        Section(
            "About this data",
            (f"Compiled {meta.compiled}. {meta.compiled_note}", meta.confirm_notice, meta.disclaimer),
        )
    )
    return PageView(directory.meta.title, tuple(sections))


def _helper(directory: Directory, slug: str) -> Helper:
    org = directory.by_slug(slug)
    if org is None:
        return Helper(slug, slug, False)
    reachable = bool(org.contact.voice_phones or org.contact.email)
    return Helper(slug, with_status(org.name, member(org).status), reachable)


DECIDING_CATEGORY = "government"  # the bodies that decide claims, kept apart from those that help


def step(directory: Directory, s: Step, on: dt.date) -> StepView:
    everyone = [_helper(directory, slug) for slug in s.helped_by]
    deciding = {o.slug for o in directory.organisations if DECIDING_CATEGORY in o.categories}
    # Reachable helpers first; the order of the data otherwise.
    helpers = sorted((h for h in everyone if h.slug not in deciding), key=lambda h: not h.reachable)
    return StepView(
        number=s.number,
        title=s.title,
        stage=s.stage,
        summary=s.summary,
        what_to_do=s.what_to_do,
        deadline=s.deadline,
        deadline_note=s.deadline_note,
        helped_by=tuple(helpers),
        decided_by=tuple(h for h in everyone if h.slug in deciding),
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


def directory_page(directory: Directory, on: dt.date) -> DirectoryPage:
    orgs = directory.current()
    sections = []
    for category in directory.categories:
        first = tuple(card(directory, o, on) for o in orgs if o.categories[0] == category.id)
        also = tuple(member(o) for o in orgs if category.id in o.categories[1:])
        if first or also:
            sections.append(CategorySection(category.label, f"category-{category.id}", first, also))
    meta = directory.meta
    guide = directory.guide
    return DirectoryPage(
        title=meta.title,
        made=f"Data compiled {meta.compiled}; page made {on.isoformat()}. {meta.compiled_note}",
        notices=(meta.confirm_notice, meta.disclaimer),
        facts=tuple(fact.text for fact in directory.about.facts),
        sections=tuple(sections),
        overview=guide.overview if guide else (),
        steps=tuple(step(directory, s, on) for s in guide.steps) if guide else (),
    )


WARNING_KINDS = {
    "age": "Contact details from old or undated sources",
    "reach": "Organisations with no way to reach them",
    "stale-ack": "Acknowledgements that no longer match a warning",
}
ACKNOWLEDGED = "Acknowledged in the data (reviewed; not counted as warnings)"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def report(rep: "Report") -> ReportView:
    """`data check`: errors first, then warnings grouped by kind, then the summary."""
    groups: dict[str, list[str]] = {}
    for problem in rep.warnings:
        groups.setdefault(WARNING_KINDS.get(problem.kind, problem.kind), []).append(str(problem))
    summary = f"{_count(len(rep.errors), 'error')}, {_count(len(rep.warnings), 'warning')}"
    if rep.acknowledged:
        summary += f", {len(rep.acknowledged)} acknowledged"
    return ReportView(
        rep.file,
        tuple(str(p) for p in rep.errors),
        tuple((kind, tuple(lines)) for kind, lines in groups.items()),
        summary,
        tuple(str(p) for p in rep.acknowledged),
    )
