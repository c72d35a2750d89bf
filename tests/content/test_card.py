"""The card's order, decided once here for every layout: the status and what to check first come
before the contact details, and those before the long sections and the sources."""

from __future__ import annotations

import pytest

from hkprobono.content import card
from hkprobono.freshness import advice, today
from hkprobono.model import Confirmation, Directory

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
