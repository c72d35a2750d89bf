"""maintain/support.py: every detail is supported by a source or a confirmation, and no value says
what was not found."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import Invoke, rewrite
from hkprobono.loading.source import load
from hkprobono.maintain.support import ABSENCE_RE


def test_a_detail_added_by_hand_without_a_source_fails_the_check(invoke: Invoke, copy: Path) -> None:
    def by_hand(orgs: dict[str, Any]) -> None:
        orgs["christian-action"]["contact"]["phones"] = [{"number": "+852 2345 6789"}]
        orgs["branches-of-hope"]["contact"]["locations"][0]["hours"] = "Mon-Fri 9:00-17:00"

    rewrite(copy, by_hand)
    result = invoke("data", "check", str(copy), "--json")
    assert result.exit_code == 2
    found = {(p["entry"], p["field"]) for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"}
    assert ("organisation 'christian-action'", "contact.phones") in found
    assert ("organisation 'branches-of-hope'", "contact.locations[0].hours") in found


def test_a_source_without_fields_no_longer_counts_for_every_field(invoke: Invoke, copy: Path) -> None:
    rewrite(copy, lambda orgs: orgs["refugee-union"]["sources"][0].pop("fields"))
    text = invoke("data", "check", str(copy)).stdout
    assert "organisation 'refugee-union', field 'sources[0].fields': must name the details" in text


def test_every_bundled_detail_is_supported() -> None:
    """The bundled file passes: no detail without a source or a confirmation."""
    from hkprobono.maintain.support import unsupported

    assert not [p for org in load(None).organisations for p in unsupported(org)]


def test_no_bundled_value_says_what_was_not_found() -> None:
    for org in load(None).organisations:
        c = org.contact
        values = [c.email_note, c.application_process, c.languages_note, *org.services]
        values += [p.description for p in c.phones]
        values += [v for loc in c.locations for v in (loc.name, loc.address, loc.hours, loc.description)]
        assert not [v for v in values if v and ABSENCE_RE.search(v)], org.slug


def test_a_value_that_says_what_was_not_found_is_a_warning(invoke: Invoke, copy: Path) -> None:
    rewrite(copy, lambda orgs: orgs["unhcr"]["contact"].update(application_process="No intake line was found."))
    data = json.loads(invoke("data", "check", str(copy), "--json").stdout)
    (found,) = [p for p in data["problems"] if p["kind"] == "absence"]
    assert (found["entry"], found["field"]) == ("organisation 'unhcr'", "contact.application_process")
