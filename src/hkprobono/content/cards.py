"""What an organisation's card, a search result and a list row say: decided here once.

The terminal, plain-text and HTML renderers, and the vCard NOTE, only lay these out. Every field
of `Contact` is either shown on the card or named in HIDDEN_CONTACT_FIELDS (a test holds this)."""

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple, cast

from hkprobono.content.results import AnswerView, answer_view
from hkprobono.content.words import field_words, status_word, with_status
from hkprobono.freshness import advice, age_text
from hkprobono.model import Directory, Location, Organisation, Source

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hkprobono.search.engine import Answer, Result

NOT_FOUND = "not found in the sources"
STATUS_TEXT = {
    "active": "operating, according to the sources below",
    "unconfirmed": "UNCONFIRMED",
    "closed": "CLOSED",
}
# Contact fields the card does not show as rows of their own, and why.
HIDDEN_CONTACT_FIELDS = {
    "email_note": "shown after the e-mail",
    "languages_note": "shown after the languages",
}


class Row(NamedTuple):
    label: str
    value: str = ""
    items: tuple[str, ...] = ()  # shown as a bulleted list under the label
    missing: bool = False  # the value is our "not found" note, not data
    warn: bool = False
    links: tuple[str, ...] = ()  # one address per item (or one for the value): tel:, mailto:, https:


class CardView(NamedTuple):
    title: str
    slug: str
    subtitle: str | None
    status: str  # "" when active, else a STATUS_WORDS word
    summary: str
    rows: tuple[Row, ...]
    sources: tuple[str, ...]
    advice: str | None

    @property
    def kind(self) -> str:
        return "card"

    @property
    def closed(self) -> bool:
        return self.status == "closed"


class ResultView(NamedTuple):
    slug: str
    name: str
    status: str
    categories: str
    matched: str
    field: str
    phone: str
    score: float
    explain: tuple[str, ...] = ()
    kind: str = "org"


class ResultsView(NamedTuple):
    rows: tuple[ResultView | AnswerView, ...]
    query: str
    notes: tuple[str, ...] = ()  # a closed organisation held back; query words that matched nothing

    @property
    def kind(self) -> str:
        return "results"


class Member(NamedTuple):
    slug: str
    name: str
    status: str
    phone: str


class Group(NamedTuple):
    label: str
    members: tuple[Member, ...]


class ListingView(NamedTuple):
    groups: tuple[Group, ...]
    total: int

    @property
    def kind(self) -> str:
        return "listing"


def source_line(source: Source, on: dt.date) -> str:
    line = f"{source.title} ({age_text(source, on)}) {source.url}"
    if source.fields:
        line += f"  [for: {field_words(source.fields)}]"
    if source.note:
        line += f"  {source.note}"
    return line


def phone_text(number: str, note: str | None) -> str:
    return f"{number} ({note})" if note else number


def tel(number: str) -> str:
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


def _value(label: str, value: str | None, note: str | None = None, link: str | None = None) -> Row:
    links = (link,) if link and value else ()
    if value and note:
        return Row(label, f"{value}. {note}", links=links)
    if value:
        return Row(label, value, links=links)
    if note:
        return Row(label, note, missing=True)
    return Row(label, NOT_FOUND, missing=True)


def _then(text: str, more: str) -> str:
    return f"{text.rstrip('.')}. {more}"


def _place(loc: Location, *, among: bool = False) -> str:
    """A location in one line: its address, how to get there and what it is."""
    text = loc.address or (f"address {NOT_FOUND}" if among else NOT_FOUND)
    if loc.transportation:
        text += f" ({loc.transportation})"
    return _then(text, loc.description) if loc.description else text


def _places(locations: tuple[Location, ...]) -> list[Row]:
    """One location: Address and District rows; several: one Places row, an item each, with its
    district and hours, so the card, the HTML page and --district name the same places."""
    if len(locations) <= 1:
        loc = locations[0] if locations else Location("")
        rows = [Row("Address", _place(loc), missing=not (loc.address or loc.description or loc.name))]
        if loc.name:
            rows[0] = rows[0]._replace(value=f"{loc.name}: {_place(loc, among=not loc.address)}")
        return rows + ([Row("District", loc.district)] if loc.district else [])
    items = []
    for loc in locations:
        head = ", ".join(part for part in (loc.name, loc.district) if part)
        item = f"{head}: {_place(loc, among=True)}" if head else _place(loc, among=True)
        items.append(_then(item, f"Hours: {loc.hours}") if loc.hours else item)
    districts = tuple(dict.fromkeys(loc.district for loc in locations if loc.district))
    return [Row("Places", items=tuple(items))] + ([Row("District", ", ".join(districts))] if districts else [])


def _hours(locations: tuple[Location, ...]) -> Row | None:
    timed = [loc for loc in locations if loc.hours]
    if len(locations) > 1 and timed:
        return None  # each place gives its own hours
    return _value("Hours", timed[0].hours if timed else None)


def _contact_rows(org: Organisation) -> list[Row]:
    c = org.contact
    rows = _places(c.locations)
    if c.postal_address:
        rows.append(Row("Postal address", c.postal_address))
    voices = c.voice_phones
    texts = tuple(phone_text(p.number, p.description) for p in voices)
    if len(voices) > 1:
        rows.append(Row("Phone", items=texts, links=tuple(tel(p.number) for p in voices)))
    else:
        rows.append(_value("Phone", texts[0] if texts else None, link=tel(voices[0].number) if voices else None))
    rows += [Row("Fax", phone_text(fax.number, fax.description)) for fax in c.faxes]
    rows.append(_value("Email", c.email, c.email_note, link=f"mailto:{c.email}" if c.email else None))
    rows.append(_value("Website", c.website, link=c.website))
    if c.other_websites:
        rows.append(Row("Other websites", items=c.other_websites, links=c.other_websites))
    if c.social:
        linked = [f"{s.network}: {s.url}" for s in c.social if s.url]
        bare = [s.network for s in c.social if not s.url]
        text = ", ".join(linked)
        if bare:
            text += ("; " if text else "") + ", ".join(bare) + " (the sources give no address)"
        rows.append(Row("Social media", text))
    hours = _hours(c.locations)
    rows += [hours] if hours else []
    if c.application_process:
        rows.append(Row("How to get help", c.application_process))
    rows.append(_value("Languages", ", ".join(c.languages) or None, c.languages_note))
    if c.missing_note:
        rows.append(Row("Missing details", c.missing_note))
    return rows


def _names(directory: Directory, slugs: tuple[str, ...]) -> str:
    found = (directory.by_slug(slug) for slug in slugs)
    return ", ".join(org.name for org in found if org is not None)


def card(directory: Directory, org: Organisation, on: dt.date) -> CardView:
    status = STATUS_TEXT.get(org.status, org.status)
    rows: list[Row] = [
        Row("Status", f"{status}: {org.status_note}" if org.status_note else status, warn=org.status != "active")
    ]
    if org.alternate_names:
        rows.append(Row("Also known as", ", ".join(org.alternate_names)))
    if org.former_names:
        rows.append(Row("Formerly", ", ".join(org.former_names)))
    rows.append(Row("Categories", ", ".join(directory.category_label(x) for x in org.categories)))
    rows.append(Row("Summary", org.summary))
    rows += _contact_rows(org)
    if org.serves:
        rows.append(Row("Serves", ", ".join(org.serves)))
    if org.services:
        rows.append(Row("Services", items=org.services))
    if org.information_topics:
        rows.append(Row("Information on", items=org.information_topics))
    if org.reached_through:
        rows.append(Row("Reached through", _names(directory, org.reached_through)))
    networks = [*org.memberships, *([_names(directory, org.member_of)] if org.member_of else [])]
    if networks:
        rows.append(Row("Member of", ", ".join(networks)))
    members = tuple(o.slug for o in directory.organisations if org.slug in o.member_of)
    if members:
        rows.append(Row("Members", _names(directory, members)))
    if org.description:
        rows.append(Row("About", org.description))
    for check in org.confirmations:
        done = f"{field_words(check.fields)} confirmed by {check.method} on {check.date}"
        rows.append(Row("Details checked", done + (f" ({check.note})" if check.note else "")))
    return CardView(
        title=org.name,
        slug=org.slug,
        subtitle=org.chinese_name,
        status=status_word(org),
        summary=org.summary,
        rows=tuple(rows),
        sources=tuple(source_line(s, on) for s in org.sources),
        advice=advice(org, on),
    )


def _org_row(directory: Directory, res: "Result", why: tuple[str, ...]) -> ResultView:
    best = res.best
    return ResultView(
        slug=res.org.slug,
        name=res.org.name,
        status=status_word(res.org),
        categories=", ".join(directory.category_label(c) for c in res.org.categories),
        matched=best.text,
        field=best.field,
        phone=res.org.contact.first_phone,
        score=res.score,
        explain=why,
    )


def results(
    directory: Directory,
    found: "Sequence[Result | Answer]",
    query: str,
    *,
    explain: bool = False,
    notes: tuple[str, ...] = (),
) -> ResultsView:
    rows: list[ResultView | AnswerView] = []
    for res in found:
        why = tuple(f"'{m.term}' matched {m.field}: {m.text} (score {m.score})" for m in res.matches) if explain else ()
        if res.kind == "org":
            rows.append(_org_row(directory, cast("Result", res), why))
        else:
            rows.append(answer_view(directory, cast("Answer", res), why))
    return ResultsView(tuple(rows), query, notes)


def member(org: Organisation) -> Member:
    return Member(org.slug, org.name, status_word(org), org.contact.first_phone)


def listing(directory: Directory, orgs: list[Organisation], only: str | None = None) -> ListingView:
    """Every category with its members (an organisation appears under each of its categories)."""
    groups = []
    for category in directory.categories:
        if only and category.id != only:
            continue
        members = tuple(member(o) for o in orgs if category.id in o.categories)
        if members:
            groups.append(Group(category.label, members))
    return ListingView(tuple(groups), len(orgs))


def choices(orgs: list[Organisation]) -> list[str]:
    """The lines of the chooser that an ambiguous name brings up."""
    return [f"{with_status(o.name, status_word(o))} [{o.slug}]" for o in orgs]
