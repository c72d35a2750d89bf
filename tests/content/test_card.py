"""The card's order, decided once here for every layout: the status and what to check first come
before the contact details, and those before the long sections and the sources."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from conftest import org as make_org
from hkprobono.content import card, words
from hkprobono.content import card as cards
from hkprobono.content import directory as lists
from hkprobono.freshness import advice, today
from hkprobono.loading.source import load
from hkprobono.model import Confirmation, Contact, Directory, Location, Phone, Social
from hkprobono.render.plain import PlainRenderer

# What the reader must know before acting on the card.
FIRST = ("status", "check_first", "checked")
CONTACT = ("address", "places", "postal_address", "district", "phone", "fax", "email", "website", "other_websites",
           "social", "hours", "access", "languages", "missing")  # fmt: skip
LONG = ("serves", "services", "information", "reached_through", "memberships", "members", "about")


def keys(view: card.CardView) -> list[str]:
    return [row.key for row in view.rows]


@pytest.fixture(scope="module")
def views(directory: Directory) -> dict[str, card.CardView]:
    return {org.slug: card.card(directory, org, today()) for org in directory.organisations}


def test_the_status_comes_first_then_what_to_check(views: dict[str, card.CardView]) -> None:
    for slug, view in views.items():
        found = keys(view)
        head = [key for key in found if key in FIRST]
        assert found[: len(head)] == head, slug  # nothing comes between them
        assert head[0] == "status", slug
        assert head == sorted(head, key=FIRST.index), slug


def test_the_long_sections_come_after_the_contact_details(views: dict[str, card.CardView]) -> None:
    for slug, view in views.items():
        found = keys(view)
        last_contact = max(i for i, key in enumerate(found) if key in CONTACT)
        assert all(found.index(key) > last_contact for key in found if key in LONG), slug


@pytest.mark.parametrize("slug", ["justice-centre", "vision-first", "soco", "amnesty-hk"])
def test_unconfirmed_and_closed_cards_lead_with_their_status(views: dict[str, card.CardView], slug: str) -> None:
    view = views[slug]
    status = view.rows[0]
    assert status.key == "status" and status.warn
    assert status.value.startswith("CLOSED" if view.closed else "UNCONFIRMED")
    found = keys(view)
    later = [found.index(key) for key in LONG if key in found]
    if view.advice:
        assert found.index("check_first") == 1 and all(found.index("check_first") < i for i in later)


def test_the_advice_is_the_check_first_row(directory: Directory, views: dict[str, card.CardView]) -> None:
    on = today()
    for org in directory.organisations:
        view = views[org.slug]
        assert view.advice == advice(org, on), org.slug
        rows = [row for row in view.rows if row.key == "check_first"]
        assert len(rows) == (1 if view.advice else 0), org.slug
        assert all(row.label == "Check first" and row.warn for row in rows)
    assert views["justice-centre"].advice == (
        "Address and phone from an undated source: call to confirm before you visit or refer."
    )


def test_what_was_checked_follows_the_advice(directory: Directory) -> None:
    org = directory.by_slug("justice-centre")
    assert org is not None
    checked = org._replace(confirmations=(Confirmation(("email",), "phone", "A. Lee", "2026-11-20", None),))
    found = keys(card.card(directory, checked, today()))
    assert found[:3] == ["status", "check_first", "checked"]


@pytest.mark.parametrize("field", [f for f in Location._fields if f != "id"])
def test_every_location_field_is_shown_on_the_card(field: str) -> None:
    directory = load(None)
    sentinel = "Zebra-7Q" if field != "district" else "Islands"
    org = directory.organisations[0]._replace(contact=Contact(locations=(Location("x", **{field: sentinel}),)))
    view = cards.card(directory, org, today())
    assert any(sentinel in row.value or any(sentinel in i for i in row.items) for row in view.rows), field


ON = dt.date(2026, 11, 25)


def test_card_confirmed_row_and_advice_come_from_one_rule(directory: object) -> None:
    checked = make_org(phones=(Phone("+852 2345 6789"),))._replace(
        confirmations=(Confirmation(("phones",), "phone", "A", "2026-11-01", None),)
    )
    view = cards.card(load(None), checked, ON)
    assert view.advice is None
    assert ("Details checked", "phone confirmed by phone on 2026-11-01") in [(r.label, r.value) for r in view.rows]


SENTINEL = "Zebra-7Q"


def sample(field: str) -> object:
    if field == "phones":
        return (Phone("+852 2345 6789", description=SENTINEL),)
    if field == "locations":
        return (Location("main", address=SENTINEL),)
    if field == "social":
        return (Social(SENTINEL),)
    default = Contact._field_defaults[field]
    return (SENTINEL,) if isinstance(default, tuple) else SENTINEL


def plain_card(directory: Directory, contact: Contact) -> str:
    org = directory.organisations[0]._replace(contact=contact)
    out = io.StringIO()
    PlainRenderer(out).card(card.card(directory, org, today()))
    return out.getvalue()


@pytest.mark.parametrize("field", Contact._fields)
def test_every_contact_field_is_shown_or_listed_as_hidden(directory: Directory, field: str) -> None:
    if field in card.HIDDEN_CONTACT_FIELDS:
        return
    text = plain_card(directory, Contact(**{field: sample(field)}))  # type: ignore[arg-type]
    assert SENTINEL in text, f"Contact.{field} is neither shown on the card nor in HIDDEN_CONTACT_FIELDS"


def test_hidden_fields_are_real_fields() -> None:
    assert set(card.HIDDEN_CONTACT_FIELDS) <= set(Contact._fields)


def test_status_words_are_the_same_in_every_one_line_view(directory: Directory) -> None:
    org = next(o for o in directory.organisations if o.status == "unconfirmed")
    word = words.STATUS_WORDS["unconfirmed"]
    assert lists.member(org).status == word
    assert lists.choices([org]) == [f"{org.name} ({word}) [{org.slug}]"]
    listing = lists.listing(directory, [org])
    assert all(m.status == word for g in listing.groups for m in g.members)


def test_exports_choose_card_rows_by_key_not_by_label(directory: Directory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relabel every row (as a translation would): the vCard NOTE and the HTML page keep the same rows."""
    from hkprobono.export import html, vcard

    org = directory.by_slug("justice-centre")
    assert org is not None
    on = today()
    plain_note = vcard.note(directory, org, on)
    view = card.card(directory, org, on)
    relabelled = view._replace(rows=tuple(r._replace(label=f"L-{r.key}") for r in view.rows))
    monkeypatch.setattr(vcard, "card_view", lambda *args: relabelled)
    note = vcard.note(directory, org, on)
    assert "L-summary: " in note and "L-phone" not in note  # a phone has its own vCard field
    for row in view.rows:
        note = note.replace(f"\nL-{row.key}: ", f"\n{row.label}: ")
    assert note == plain_note  # the same rows, in the same order, with the same values
    page = html._card(relabelled)
    assert '<dt class="screen">L-about</dt>' in page and '<dt class="screen">L-district</dt>' in page
    assert "L-summary" not in page and "L-categories" not in page


def test_card_rows_name_no_data_field(directory: Directory) -> None:
    """A confirmation names the details checked in words, not as the data file's fields."""
    from hkprobono.model import Confirmation

    org = directory.organisations[0]._replace(
        confirmations=(Confirmation(("phones", "email", "hours"), "phone", "A", "2026-11-01"),)
    )
    checked = next(r for r in card.card(directory, org, today()).rows if r.key == "checked")
    assert checked.value == "phone, e-mail, opening hours confirmed by phone on 2026-11-01"
