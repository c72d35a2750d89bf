"""maintain/stale.py, `data stale`: the call list, in order, and as a spreadsheet opens it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import Invoke
from hkprobono.loading.source import load
from hkprobono.maintain import confirm as confirm_core
from hkprobono.maintain import stale as maintenance

ON = dt.date(2026, 11, 25)


def test_stale_is_a_call_list_unreachable_guide_helpers_first_then_old_details(invoke: Invoke) -> None:
    result = invoke("data", "stale", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["details"]
    keys = {"slug", "name", "field", "date", "basis", "guide", "check", "route", "location"}
    assert rows and all(set(r) == keys for r in rows)
    kinds = [
        "reach" if r["field"] == "contact" and r["guide"] else "old" if r["field"] != "contact" else "rest"
        for r in rows
    ]
    assert kinds == sorted(kinds, key=["reach", "old", "rest"].index)  # the order of the call list
    old = [r for r in rows if r["field"] != "contact"]
    guide = [r["guide"] for r in old]
    assert guide == sorted(guide, reverse=True)  # the guide's helpers before any other organisation
    for part in (True, False):
        dates = [r["date"] or "" for r in old if r["guide"] is part and r["basis"] == "source"]
        assert dates == sorted(dates)  # undated ("") first, then oldest
    assert all(r["check"] and r["route"] for r in rows)  # what to check, and the number or route to try
    iss = next(r for r in rows if r["slug"] == "iss-hk")
    assert (
        iss["guide"]
        and iss["check"] == "a phone number or an e-mail address"
        and iss["route"] == "https://www.isshk.org"
    )
    unhcr = next(r for r in rows if r["slug"] == "unhcr")
    assert unhcr["route"] == "+852 2780 9271"  # the number to call
    plain = invoke("data", "stale").stdout
    assert plain.splitlines()[-1].endswith("contact details to re-check (undated or over a year old)")


def test_stale_puts_confirmed_details_after_unconfirmed_ones(data_file: Path) -> None:
    confirm_core.record(data_file, "old-centre", "email", "email", "A", date="2024-01-02", on=ON)
    rows = [r for r in maintenance.stale(load(data_file), ON).rows if r.slug == "old-centre"]
    assert [(r.field, r.date, r.basis) for r in rows] == [
        ("address", None, "source"),
        ("phones", None, "source"),
        ("email", "2024-01-02", "confirmed by email"),
    ]


def test_the_call_list_opens_in_a_spreadsheet(invoke: Invoke) -> None:
    from hkprobono.maintain.stale import STALE_COLUMNS

    lines = invoke("data", "stale", "--plain").stdout.splitlines()
    rows = [line.split("\t") for line in lines]
    assert rows and all(len(row) == len(STALE_COLUMNS) for row in rows)
    first = dict(zip(STALE_COLUMNS, rows[0], strict=True))
    assert first["guide"] == "yes" and first["check"] == "a phone number or an e-mail address"
    assert any(row[3].lstrip("'").startswith("+852") for row in rows)  # a number to try (formula-safe)
    assert invoke("data", "stale", "--plain", "--json").exit_code == 2
