"""maintain/changes.py: what a maintainer learns reaches the directory: `data set`, `unset` and
`new`, each detail sourced or confirmed, absence stored as absence, bad input refused."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import BUNDLED, CALL, TODAY, Invoke
from hkprobono.content.directory import districts
from hkprobono.loading.source import load
from hkprobono.model import Retired, Source


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def figures(invoke: Invoke, path: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(invoke("--data", str(path), "about", "--json").stdout)["figures"]
    return result


def test_a_phone_call_reaches_the_card_one_command_per_detail(invoke: Invoke, copy: Path) -> None:
    bundled = digest(BUNDLED)
    before = figures(invoke, copy)
    assert not load(copy).by_slug("christian-action").contact.reachable  # type: ignore[union-attr]
    phone = invoke("data", "set", "christian-action", "phone", "+852 2345 6789", str(copy), *CALL)
    assert phone.exit_code == 0, phone.output
    assert "recorded: phone of christian-action is +852 2345 6789, confirmed by phone on 2026-11-20" in phone.stderr
    hours = invoke("data", "set", "christian-action", "hours", "Mon-Fri 10:00-17:00", str(copy), *CALL)
    assert hours.exit_code == 0, hours.output
    card = invoke("--data", str(copy), "show", "christian-action").stdout
    assert "Phone:          +852 2345 6789" in card and "Hours:          Mon-Fri 10:00-17:00" in card
    assert "Details checked: phone confirmed by phone on 2026-11-20" in card
    assert "Details checked: opening hours confirmed by phone on 2026-11-20" in card
    check = invoke("data", "check", str(copy))
    assert check.exit_code == 0, check.stdout
    after = figures(invoke, copy)
    assert after["reachable"] == before["reachable"] + 1
    assert after["helpers_reachable"] == before["helpers_reachable"] + 1  # the USM guide relies on it
    assert f"{after['reachable']} of them" in invoke("--data", str(copy), "about").stdout
    # Its note that no phone or e-mail was found is gone with the reason for it.
    org = load(copy).by_slug("christian-action")
    assert org is not None and not [a for a in org.acknowledged if a.warning == "reach"]
    assert digest(BUNDLED) == bundled


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["christian-acton", "phone", "+852 2345 6789", *CALL], "did you mean 'christian-action'?"),
        (["christian-action", "fone", "+852 2345 6789", *CALL], "did you mean 'phone'?"),
        (["christian-action", "phone", "2345 6789", *CALL], "must be written in +852 international form"),
        (["christian-action", "phone", "+852 1234", *CALL], "is not a valid Hong Kong number"),
        (["christian-action", "email", "not-an-email", *CALL], "is not an e-mail address"),
        (["christian-action", "website", "javascript:alert(1)", *CALL], "is not a web address"),
        (["christian-action", "district", "Yuen Lung", *CALL], "did you mean 'Yuen Long'"),
        (["christian-action", "status", "open", *CALL], "is not a status"),
        (["christian-action", "hours", "9-5"], "either --source URL or --confirmed-by"),
        (["christian-action", "hours", "9-5", "--source", "https://a.example", *CALL], "either --source URL"),
        (["christian-action", "hours", "9-5", "--confirmed-by", "A", "--method", "fax"], "--method must be one of"),
        (
            ["christian-action", "hours", "9-5", "--confirmed-by", "A", "--method", "phone", "--date", "2026-11-27"],
            "is in the future",
        ),
        (
            ["christian-action", "hours", "9-5", "--source", "https://a.example", "--source-date", "2027"],
            "in the future",
        ),
        (["christian-action", "hours", "9-5", "--source", "ftp://a.example"], "is not a web address"),
        (["christian-action", "email", "a@b.example", "--location", "x", *CALL], "--location goes with a place"),
        (["christian-action", "email", "a@b.example", "--type", "cell", *CALL], "--type goes with a phone"),
        (["iss-hk", "hours", "9-5", *CALL], "it has 3 locations (kwun-tong, prince-edward, tuen-mun)"),
        (["christian-action", "hours", "9-5", "--location", "Bad Id", *CALL], "must be lower-case letters"),
        (["christian-action", "website", "https://a.example", "--description", "x", *CALL], "--description goes"),
        (["christian-action", "hours", "a\u202eb", *CALL], "a control or invisible character"),
    ],
)
def test_bad_input_to_data_set_leaves_the_file_byte_identical(
    invoke: Invoke, copy: Path, args: list[str], message: str
) -> None:
    before = copy.read_bytes()
    result = invoke("data", "set", *args[:3], str(copy), *args[3:])
    assert result.exit_code == 2, result.output
    assert message in result.stderr.replace("\n", " ")
    assert copy.read_bytes() == before


def test_a_new_value_keeps_the_old_one_in_the_history(invoke: Invoke, copy: Path) -> None:
    source = "https://refugeeunion.org/page/5/"
    result = invoke("data", "set", "refugee-union", "email", "hello@refugeeunion.org", str(copy), "--source", source)
    assert result.exit_code == 0, result.output
    org = load(copy).by_slug("refugee-union")
    assert org is not None and org.contact.email == "hello@refugeeunion.org"
    page = next(s for s in org.sources if s.url == source)
    assert "email" in page.fields  # a page already cited gains the field
    assert not [s for s in org.sources if s.url != source and "email" in s.fields]  # the old ones no longer claim it
    (old,) = org.retired
    assert (old.field, old.value, old.date) == ("email", "info@refugeeunion.org", TODAY)
    assert "refugeeunion.org/february-roundup-refugee-union" in old.reason  # where the old value came from
    card = invoke("--data", str(copy), "show", "refugee-union").stdout
    assert "info@refugeeunion.org" not in card  # history is for the maintainers, never on the card
    assert invoke("data", "check", str(copy)).exit_code == 0


def test_a_new_source_is_cited_with_its_own_date(invoke: Invoke, copy: Path) -> None:
    result = invoke(
        "data", "set", "unhcr", "email", "hkgho@unhcr.example", str(copy),
        "--source", "https://unhcr.example/contact", "--source-title", "UNHCR Hong Kong, Contact us",
        "--source-date", "2026-10", "--description", "General enquiries",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    org = load(copy).by_slug("unhcr")
    assert org is not None and org.contact.email_note == "General enquiries"
    assert Source("UNHCR Hong Kong, Contact us", "https://unhcr.example/contact", "2026-10", ("email",)) in org.sources


def test_place_details_go_to_a_location(invoke: Invoke, copy: Path) -> None:
    ok = invoke("data", "set", "iss-hk", "hours", "Mon-Fri 9:00-17:00", str(copy), "--location", "tuen-mun", *CALL)
    assert ok.exit_code == 0, ok.output
    new = invoke("data", "set", "iss-hk", "district", "sham shui po", str(copy), "--location", "sham-shui-po", *CALL)
    assert new.exit_code == 0, new.output
    org = load(copy).by_slug("iss-hk")
    assert org is not None
    places = {loc.id: loc for loc in org.contact.locations}
    assert places["tuen-mun"].hours == "Mon-Fri 9:00-17:00" and places["sham-shui-po"].district == "Sham Shui Po"
    assert {c.location for c in org.confirmations} == {"tuen-mun", "sham-shui-po"}
    assert "Sham Shui Po" in dict(districts(load(copy)).counts)


def test_unset_records_that_a_detail_is_gone(invoke: Invoke, copy: Path) -> None:
    result = invoke(
        "data", "unset", "soco", "phone", str(copy), "--reason", "The number is no longer in service.", "--by", "A. Lee"
    )
    assert result.exit_code == 0, result.output
    org = load(copy).by_slug("soco")
    assert org is not None and not org.contact.phones
    assert org.retired == (Retired("phones", "+852 2713 9165", "The number is no longer in service.", TODAY, "A. Lee"),)
    assert "+852 2713 9165" not in invoke("--data", str(copy), "show", "soco").stdout
    check = invoke("data", "check", str(copy))
    assert "Details recorded as gone" in check.stdout and "+852 2713 9165" in check.stdout
    data = json.loads(invoke("data", "check", str(copy), "--json").stdout)
    assert data["retired"][0]["slug"] == "soco" and data["retired"][0]["value"] == "+852 2713 9165"


def test_unset_of_a_location_s_last_detail_removes_the_location(invoke: Invoke, copy: Path) -> None:
    for field in ("address", "district"):
        result = invoke("data", "unset", "soco", field, str(copy), "--reason", "The office has moved away.")
        assert result.exit_code == 0, result.output
    org = load(copy).by_slug("soco")
    assert org is not None and not org.contact.locations
    assert [r.location for r in org.retired] == ["ho-man-tin", "ho-man-tin"]  # the id is kept with the history


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["soco", "phone", "--reason", "gone"], None),
        (["soco", "email", "--reason", "gone"], "soco has no email in the data"),
        (["legal-aid-department", "phone", "--reason", "gone"], "has 4 phones"),
        (["soco", "status", "--reason", "gone"], "a status cannot be unset"),
        (["soco", "phone", "--reason", " "], "the reason must not be empty"),
        (["soco", "phone", "--reason", "gone", "--value", "+852 1111 2222"], "soco has no phone '+852 1111 2222'"),
    ],
)
def test_bad_input_to_data_unset_leaves_the_file_byte_identical(
    invoke: Invoke, copy: Path, args: list[str], message: str | None
) -> None:
    before = copy.read_bytes()
    result = invoke("data", "unset", *args[:2], str(copy), *args[2:])
    if message is None:  # a control case: it works, so the others fail for the reason they name
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert copy.read_bytes() == before


def test_new_starts_an_organisation_with_the_schema_minimum(invoke: Invoke, copy: Path) -> None:
    args = ["--name", "New Centre", "--category", "food", "--summary", "Free meals on Sundays."]
    result = invoke("data", "new", "new-centre", str(copy), *args, "--source", "https://new.example/about")
    assert result.exit_code == 0, result.output
    org = load(copy).by_slug("new-centre")
    assert org is not None and (org.name, org.status, org.categories) == ("New Centre", "active", ("food",))
    assert org.sources[0].fields == ("name", "summary", "categories", "status")
    check = json.loads(invoke("data", "check", str(copy), "--json").stdout)
    assert check["errors"] == 0
    before = copy.read_bytes()
    again = invoke("data", "new", "new-centre", str(copy), *args, "--source", "https://new.example/about")
    assert again.exit_code == 2 and "already exists" in again.stderr
    slip = invoke(
        "data", "new", "other", str(copy), *args[:2], "--category", "fod", *args[4:], "--source", "https://x.example"
    )
    assert slip.exit_code == 2 and "did you mean 'food'?" in slip.stderr
    assert copy.read_bytes() == before
