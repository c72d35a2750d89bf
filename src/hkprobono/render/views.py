"""What each view shows, as plain data: the Rich and plain renderers only lay it out."""

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from hkprobono.freshness import advice, age_text
from hkprobono.model import Directory, Guide, Organisation, Source, Step, Term

if TYPE_CHECKING:
    from hkprobono.search import Result

NOT_FOUND = "not found in the sources"
STATUS_TEXT = {
    "active": "operating, according to the sources below",
    "unconfirmed": "NOT CONFIRMED",
    "closed": "CLOSED",
}


class Row(NamedTuple):
    label: str
    value: str = ""
    items: tuple[str, ...] = ()  # shown as a bulleted list under the label
    missing: bool = False  # the value is our "not found" note, not data
    warn: bool = False


class CardView(NamedTuple):
    title: str
    slug: str
    subtitle: str | None
    rows: tuple[Row, ...]
    sources: tuple[str, ...]
    advice: str | None
    closed: bool = False


class ResultView(NamedTuple):
    slug: str
    name: str
    categories: str
    matched: str
    field: str
    phone: str
    score: float
    explain: tuple[str, ...] = ()


class Group(NamedTuple):
    label: str
    members: tuple[tuple[str, str, str], ...]  # slug, name, phone


class Section(NamedTuple):
    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


class PageView(NamedTuple):
    title: str
    sections: tuple[Section, ...] = ()


def source_line(source: Source, on: dt.date) -> str:
    line = f"{source.title} ({age_text(source, on)}) {source.url}"
    if source.fields:
        line += f"  [for: {', '.join(source.fields)}]"
    if source.note:
        line += f"  {source.note}"
    return line


def phone_text(number: str, note: str | None) -> str:
    return f"{number} ({note})" if note else number


def _value(label: str, value: str | None, note: str | None = None) -> Row:
    if value and note:
        return Row(label, f"{value}. {note}")
    if value:
        return Row(label, value)
    if note:
        return Row(label, note, missing=True)
    return Row(label, NOT_FOUND, missing=True)


def card(directory: Directory, org: Organisation, on: dt.date) -> CardView:
    c = org.contact
    status = STATUS_TEXT.get(org.status, org.status)
    rows: list[Row] = [
        Row(
            "Status",
            f"{status}: {org.status_note}" if org.status_note else status,
            warn=org.status != "active",
        )
    ]
    if org.alternate_names:
        rows.append(Row("Also known as", ", ".join(org.alternate_names)))
    if org.former_names:
        rows.append(Row("Formerly", ", ".join(org.former_names)))
    rows.append(Row("Categories", ", ".join(directory.category_label(x) for x in org.categories)))
    rows.append(Row("Summary", org.summary))
    rows.append(_value("Address", c.address, c.address_note))
    if c.postal_address:
        rows.append(Row("Postal address", c.postal_address))
    if c.districts:
        rows.append(Row("District", ", ".join(c.districts)))
    voices = [phone_text(p.number, p.note) for p in c.voice_phones]
    rows.append(
        Row("Phone", items=tuple(voices)) if len(voices) > 1 else _value("Phone", voices[0] if voices else None)
    )
    for fax in c.faxes:
        rows.append(Row("Fax", phone_text(fax.number, fax.note)))
    rows.append(_value("Email", c.email, c.email_note))
    rows.append(_value("Website", c.website))
    if c.other_websites:
        rows.append(Row("Other websites", ", ".join(c.other_websites)))
    if c.social:
        linked = [f"{s.network}: {s.url}" for s in c.social if s.url]
        bare = [s.network for s in c.social if not s.url]
        text = ", ".join(linked)
        if bare:
            text += ("; " if text else "") + ", ".join(bare) + " (the sources give no address)"
        rows.append(Row("Social media", text))
    rows.append(_value("Hours", c.hours))
    langs = ", ".join(c.languages)
    rows.append(_value("Languages", langs or None, c.languages_note))
    if org.serves:
        rows.append(Row("Serves", ", ".join(org.serves)))
    if org.services:
        rows.append(Row("Services", items=org.services))
    if org.information_topics:
        rows.append(Row("Information on", items=org.information_topics))
    if org.memberships:
        rows.append(Row("Member of", ", ".join(org.memberships)))
    if org.description:
        rows.append(Row("About", org.description))
    return CardView(
        title=org.name,
        slug=org.slug,
        subtitle=org.chinese_name,
        rows=tuple(rows),
        sources=tuple(source_line(s, on) for s in org.sources),
        advice=advice(org, on),
        closed=org.is_closed,
    )


def results(directory: Directory, found: "list[Result]", *, explain: bool = False) -> list[ResultView]:
    views = []
    for res in found:
        best = res.best
        views.append(
            ResultView(
                slug=res.org.slug,
                name=res.org.name + (" (closed)" if res.org.is_closed else ""),
                categories=", ".join(directory.category_label(c) for c in res.org.categories),
                matched=best.text,
                field=best.field,
                phone=res.org.contact.first_phone,
                score=res.score,
                explain=tuple(f"'{m.term}' matched {m.field}: {m.text} (score {m.score})" for m in res.matches)
                if explain
                else (),
            )
        )
    return views


def groups(directory: Directory, orgs: list[Organisation], only: str | None = None) -> list[Group]:
    out = []
    for category in directory.categories:
        if only and category.id != only:
            continue
        members = tuple((o.slug, o.name, o.contact.first_phone) for o in orgs if category.id in o.categories)
        if members:
            out.append(Group(category.label, members))
    return out


def about(directory: Directory, on: dt.date) -> PageView:
    a = directory.about
    sections = [Section(directory.meta.title, (a.intro,))]
    for fact in a.facts:
        sections.append(Section(fact.topic or "", (fact.text,), tuple(source_line(s, on) for s in fact.sources)))
    sections.append(
        Section("Resources in the source document", tuple(f"{r.title}: {r.description}" for r in a.resources))
    )
    for stat in a.statistics:
        sections.append(Section("Statistics", (stat.text,), tuple(source_line(s, on) for s in stat.sources)))
    sections.append(
        Section(
            "About this data",
            (
                f"Compiled {directory.meta.compiled}. {directory.meta.compiled_note}",
                directory.meta.confirm_notice,
                directory.meta.disclaimer,
            ),
        )
    )
    return PageView(directory.meta.title, tuple(sections))


class StepView(NamedTuple):
    number: int
    title: str
    stage: str
    summary: str
    what_to_do: str
    deadline: str | None
    deadline_note: str | None
    helped_by: tuple[str, ...]
    sources: tuple[str, ...]


class TermView(NamedTuple):
    term: str
    meaning: str
    explanation: str | None
    sources: tuple[str, ...] = ()


def step(directory: Directory, s: Step, on: dt.date) -> StepView:
    helpers = []
    for slug in s.helped_by:
        org = directory.by_slug(slug)
        helpers.append(f"{slug} ({org.name})" if org else slug)
    return StepView(
        number=s.number,
        title=s.title,
        stage=s.stage,
        summary=s.summary,
        what_to_do=s.what_to_do,
        deadline=s.deadline,
        deadline_note=s.deadline_note,
        helped_by=tuple(helpers),
        sources=tuple(source_line(src, on) for src in s.sources),
    )


def term(t: Term, on: dt.date) -> TermView:
    return TermView(t.term, t.meaning, t.explanation, tuple(source_line(s, on) for s in t.sources))


def overview(guide: Guide, on: dt.date) -> PageView:
    return PageView(
        "The Unified Screening Mechanism (USM)",
        (
            Section("The Unified Screening Mechanism (USM)", guide.overview),
            Section("Sources", (), tuple(source_line(s, on) for s in guide.sources)),
        ),
    )
