"""One organisation's card (`show`): what it says, decided here once, and its JSON (`show --json`).

The terminal and plain renderers, the HTML page and the vCard NOTE only lay the card out, and
choose rows by their `key`, never by their words. The order of the rows is decided here: what the
reader must know before acting (the status, what to check first, what has been checked) comes
first, so that it is on the first screen at any width; the long sections (services, information,
about) and then the sources come last. Every field of `Contact` is either shown on the
card or named in HIDDEN_CONTACT_FIELDS (a test holds this).

No `from __future__ import annotations`: NamedTuples on the start-up path (see model.py)."""

import datetime as dt
from typing import TYPE_CHECKING, Any

from hkprobono.content.jsondoc import as_dict, document
from hkprobono.content.sources import source_line
from hkprobono.content.words import field_words, status_word
from hkprobono.freshness import advice
from hkprobono.model import Directory, Location, Organisation
from hkprobono.record import NamedTuple

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

# What a row of the card is, whatever its label says: renderers and exports choose by this, and
# mypy holds every use to these words. At run time it is only `str`: building this Literal cost
# 0.76 M instructions (a fifth of a millisecond) at every start-up.
if TYPE_CHECKING:
    from typing import Literal

    RowKey = Literal[
        "status", "check_first", "also_known_as", "formerly", "categories", "summary", "address", "places",
        "postal_address", "district", "phone", "fax", "email", "website", "other_websites", "social", "hours", "access",
        "languages", "missing", "serves", "services", "information", "reached_through", "memberships",
        "members", "about", "checked",
    ]  # fmt: skip
else:
    RowKey = str


class Row(NamedTuple):
    key: RowKey
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

    @property
    def closed(self) -> bool:
        return self.status == "closed"

    @property
    def advice(self) -> str | None:
        """What to check before acting on the card (the "check_first" row); None when every shown
        detail is recent."""
        return next((row.value for row in self.rows if row.key == "check_first"), None)


def phone_text(number: str, note: str | None) -> str:
    return f"{number} ({note})" if note else number


def tel(number: str) -> str:
    """A tel: link of the number's ASCII digits and plus sign alone: nothing else a phone could dial."""
    return "tel:" + "".join(ch for ch in number if ch in "+0123456789")


def _value(key: RowKey, label: str, value: str | None, note: str | None = None, link: str | None = None) -> Row:
    links = (link,) if link and value else ()
    if value and note:
        return Row(key, label, f"{value}. {note}", links=links)
    if value:
        return Row(key, label, value, links=links)
    if note:
        return Row(key, label, note, missing=True)
    return Row(key, label, NOT_FOUND, missing=True)


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
        row = Row("address", "Address", _place(loc), missing=not (loc.address or loc.description or loc.name))
        if loc.name:
            row = row._replace(value=f"{loc.name}: {_place(loc, among=not loc.address)}")
        return [row] + ([Row("district", "District", loc.district)] if loc.district else [])
    items = []
    for loc in locations:
        head = ", ".join(part for part in (loc.name, loc.district) if part)
        item = f"{head}: {_place(loc, among=True)}" if head else _place(loc, among=True)
        items.append(_then(item, f"Hours: {loc.hours}") if loc.hours else item)
    districts = tuple(dict.fromkeys(loc.district for loc in locations if loc.district))
    rows = [Row("places", "Places", items=tuple(items))]
    return rows + ([Row("district", "District", ", ".join(districts))] if districts else [])


def _hours(locations: tuple[Location, ...]) -> Row | None:
    timed = [loc for loc in locations if loc.hours]
    if len(locations) > 1 and timed:
        return None  # each place gives its own hours
    return _value("hours", "Hours", timed[0].hours if timed else None)


def _contact_rows(org: Organisation) -> list[Row]:
    c = org.contact
    rows = _places(c.locations)
    if c.postal_address:
        rows.append(Row("postal_address", "Postal address", c.postal_address))
    voices = c.voice_phones
    texts = tuple(phone_text(p.number, p.description) for p in voices)
    if len(voices) > 1:
        rows.append(Row("phone", "Phone", items=texts, links=tuple(tel(p.number) for p in voices)))
    else:
        first = voices[0].number if voices else None
        rows.append(_value("phone", "Phone", texts[0] if texts else None, link=tel(first) if first else None))
    rows += [Row("fax", "Fax", phone_text(fax.number, fax.description)) for fax in c.faxes]
    mailto = f"mailto:{c.email}" if c.email else None
    rows.append(_value("email", "Email", c.email, c.email_note, link=mailto))
    rows.append(_value("website", "Website", c.website, link=c.website))
    if c.other_websites:
        rows.append(Row("other_websites", "Other websites", items=c.other_websites, links=c.other_websites))
    if c.social:
        linked = [f"{s.network}: {s.url}" for s in c.social if s.url]
        bare = [s.network for s in c.social if not s.url]
        text = ", ".join(linked)
        if bare:
            text += ("; " if text else "") + ", ".join(bare) + " (the sources give no address)"
        rows.append(Row("social", "Social media", text))
    hours = _hours(c.locations)
    rows += [hours] if hours else []
    if c.application_process:
        rows.append(Row("access", "How to get help", c.application_process))
    rows.append(_value("languages", "Languages", ", ".join(c.languages) or None, c.languages_note))
    if c.missing_note:
        rows.append(Row("missing", "Missing details", c.missing_note))
    return rows


def _names(directory: Directory, slugs: tuple[str, ...]) -> str:
    found = (directory.by_slug(slug) for slug in slugs)
    return ", ".join(org.name for org in found if org is not None)


def _checked(org: Organisation) -> list[Row]:
    rows = []
    for check in org.confirmations:
        done = f"{field_words(check.fields)} confirmed by {check.method} on {check.date}"
        rows.append(Row("checked", "Details checked", done + (f" ({check.note})" if check.note else "")))
    return rows


def _long_rows(directory: Directory, org: Organisation) -> list[Row]:
    """What the organisation does and belongs to: the long part of the card, after its contact."""
    rows = []
    if org.serves:
        rows.append(Row("serves", "Serves", ", ".join(org.serves)))
    if org.services:
        rows.append(Row("services", "Services", items=org.services))
    if org.information_topics:
        rows.append(Row("information", "Information on", items=org.information_topics))
    if org.reached_through:
        rows.append(Row("reached_through", "Reached through", _names(directory, org.reached_through)))
    networks = [*org.memberships, *([_names(directory, org.member_of)] if org.member_of else [])]
    if networks:
        rows.append(Row("memberships", "Member of", ", ".join(networks)))
    members = tuple(o.slug for o in directory.organisations if org.slug in o.member_of)
    if members:
        rows.append(Row("members", "Members", _names(directory, members)))
    if org.description:
        rows.append(Row("about", "About", org.description))
    return rows


def card(directory: Directory, org: Organisation, on: dt.date) -> CardView:
    status = STATUS_TEXT.get(org.status, org.status)
    status_value = f"{status}: {org.status_note}" if org.status_note else status
    rows: list[Row] = [Row("status", "Status", status_value, warn=org.status != "active")]
    check_first = advice(org, on)
    if check_first:
        rows.append(Row("check_first", "Check first", check_first, warn=True))
    rows += _checked(org)
    if org.alternate_names:
        rows.append(Row("also_known_as", "Also known as", ", ".join(org.alternate_names)))
    if org.former_names:
        rows.append(Row("formerly", "Formerly", ", ".join(org.former_names)))
    rows.append(Row("categories", "Categories", ", ".join(directory.category_label(x) for x in org.categories)))
    rows.append(Row("summary", "Summary", org.summary))
    rows += _contact_rows(org)
    rows += _long_rows(directory, org)
    return CardView(
        title=org.name,
        slug=org.slug,
        subtitle=org.chinese_name,
        status=status_word(org),
        summary=org.summary,
        rows=tuple(rows),
        sources=tuple(source_line(s, on) for s in org.sources),
    )


def organisation(org: Organisation) -> dict[str, Any]:
    """The organisation with the same field names as the data file; absent values are null or []."""
    data: dict[str, Any] = as_dict(org)
    return data


def record(org: Organisation) -> dict[str, Any]:
    """`show --json`: {"organisation": ...}."""
    return document(organisation=organisation(org))
