"""The content model: every field is shown or deliberately hidden; status reads the same everywhere."""

from __future__ import annotations

import io

import pytest

from hkprobono.content import cards, words
from hkprobono.freshness import today
from hkprobono.model import Contact, Directory, Location, Phone, Social
from hkprobono.render.plain import PlainRenderer

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
    PlainRenderer(out).card(cards.card(directory, org, today()))
    return out.getvalue()


@pytest.mark.parametrize("field", Contact._fields)
def test_every_contact_field_is_shown_or_listed_as_hidden(directory: Directory, field: str) -> None:
    if field in cards.HIDDEN_CONTACT_FIELDS:
        return
    text = plain_card(directory, Contact(**{field: sample(field)}))  # type: ignore[arg-type]
    assert SENTINEL in text, f"Contact.{field} is neither shown on the card nor in HIDDEN_CONTACT_FIELDS"


def test_hidden_fields_are_real_fields() -> None:
    assert set(cards.HIDDEN_CONTACT_FIELDS) <= set(Contact._fields)


def test_status_words_are_the_same_in_every_one_line_view(directory: Directory) -> None:
    org = next(o for o in directory.organisations if o.status == "unconfirmed")
    word = words.STATUS_WORDS["unconfirmed"]
    assert cards.member(org).status == word
    assert cards.choices([org]) == [f"{org.name} ({word}) [{org.slug}]"]
    listing = cards.listing(directory, [org])
    assert all(m.status == word for g in listing.groups for m in g.members)
