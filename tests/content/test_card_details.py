"""content/card.py: every location field reaches the card, and its confirmed row and advice come
from one rule."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import org
from hkprobono.content import card as cards
from hkprobono.freshness import today
from hkprobono.loading.source import load
from hkprobono.model import Confirmation, Contact, Location, Phone


@pytest.mark.parametrize("field", [f for f in Location._fields if f != "id"])
def test_every_location_field_is_shown_on_the_card(field: str) -> None:
    directory = load(None)
    sentinel = "Zebra-7Q" if field != "district" else "Islands"
    org = directory.organisations[0]._replace(contact=Contact(locations=(Location("x", **{field: sentinel}),)))
    view = cards.card(directory, org, today())
    assert any(sentinel in row.value or any(sentinel in i for i in row.items) for row in view.rows), field


ON = dt.date(2026, 11, 25)


def test_card_confirmed_row_and_advice_come_from_one_rule(directory: object) -> None:
    checked = org(phones=(Phone("+852 2345 6789"),))._replace(
        confirmations=(Confirmation(("phones",), "phone", "A", "2026-11-01", None),)
    )
    view = cards.card(load(None), checked, ON)
    assert view.advice is None
    assert ("Details checked", "phone confirmed by phone on 2026-11-01") in [(r.label, r.value) for r in view.rows]
