"""The whole directory to hand over: what its page says (`export html`, or a referral sheet of chosen
organisations) and its one JSON document (`export json`).

The page stands alone, on a phone and on paper: where the data points the reader to an
organisation or a step on the same page, the view gives the link (its text and the anchor it goes
to); a pointer to anything the page does not hold gives nothing. Anchors are decided here, once,
and never collide: an organisation's is its slug, every other one holds an underscore, which a slug
cannot."""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from hkprobono.content.abbreviations import FirstUse
from hkprobono.content.card import CardView, card, organisation
from hkprobono.content.directory import Member, member
from hkprobono.content.guide import StepView, step_view
from hkprobono.content.jsondoc import as_dict, document
from hkprobono.content.words import status_word, with_status
from hkprobono.model import Directory, Organisation, Ref, Step
from hkprobono.record import NamedTuple

GUIDE_ANCHOR = "usm_guide"
GUIDE_HEADING = "The Unified Screening Mechanism (USM), step by step"
GUIDE_CONTENTS = "The USM, step by step"


class Link(NamedTuple):
    text: str
    anchor: str  # an id on the same page


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
    overview_see: tuple[Ref, ...]
    steps: tuple[StepView, ...]
    links: dict[Ref, Link]  # every reference this page can follow, to its place on the page


def category_anchor(category_id: str) -> str:
    return f"category_{category_id}"


def step_anchor(number: int | str) -> str:
    return f"usm_step_{number}"


def _links(orgs: Iterable[Organisation], steps: Sequence[Step]) -> dict[Ref, Link]:
    links = {Ref("org", o.slug): Link(with_status(o.name, status_word(o)), o.slug) for o in orgs}
    links.update({Ref("step", str(s.number)): Link(f"step {s.number}", step_anchor(s.number)) for s in steps})
    if steps:
        links[Ref("step", "")] = Link("the steps", GUIDE_ANCHOR)
    return links


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
        return card(directory, o, on)

    if category is not None:
        label = directory.category_label(category)
        sections.append(CategorySection(label, category_anchor(category), tuple(full(o) for o in orgs), ()))
    else:
        for cat in directory.categories:
            first = tuple(full(o) for o in orgs if o.categories[0] == cat.id)
            also = tuple(member(o) for o in orgs if cat.id in o.categories[1:])
            if first or also:
                sections.append(CategorySection(cat.label, category_anchor(cat.id), first, also))
    meta = directory.meta
    guide = directory.guide if chosen is None else None
    steps = guide.steps if guide else ()
    made = f"Data compiled {meta.compiled}; page made {on.isoformat()}. {meta.compiled_note}"
    # The guide's part of the page is read as one view, from its heading on: facts, overview, steps.
    reader = FirstUse()
    reader(GUIDE_HEADING)
    facts = tuple(reader(fact.text) for fact in directory.about.facts) if chosen is None else ()
    overview = tuple(reader(p) for p in guide.overview) if guide else ()
    return DirectoryPage(
        title=meta.title if chosen is None else f"Referral sheet: {meta.title}",
        made=made,
        notices=(meta.confirm_notice, meta.disclaimer),
        facts=facts,
        sections=tuple(sections),
        overview=overview,
        overview_see=guide.overview_see if guide else (),
        steps=tuple(step_view(directory, s, on, reader) for s in steps),
        links=_links(orgs, steps),
    )


def directory_json(d: Directory) -> dict[str, Any]:
    """The whole directory as one document (`hkprobono export json`)."""
    return document(
        meta=as_dict(d.meta),
        categories=[as_dict(c) for c in d.categories],
        organisations=[organisation(o) for o in d.organisations],
        about=as_dict(d.about),
        usm=as_dict(d.guide) if d.guide else None,
        synonyms={k: list(v) for k, v in d.synonyms.items()},
    )
