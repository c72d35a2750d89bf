"""What a maintainer learns reaches the directory: `data set`, `unset` and `new`, each detail
sourced or confirmed, absence stored as absence, the schema written down, and the call list."""

from __future__ import annotations

import hashlib
import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA_DIR, TODAY, Invoke
from hkprobono.content import card as cards
from hkprobono.content.directory import districts
from hkprobono.freshness import today
from hkprobono.loading.source import bundled_path, load
from hkprobono.maintain.schema import schema
from hkprobono.maintain.support import ABSENCE_RE
from hkprobono.model import (
    DISTRICTS,
    SOURCE_FIELDS,
    Confirmation,
    Contact,
    Location,
    Organisation,
    Phone,
    Retired,
    Source,
)
from hkprobono.search.index import filters_of, in_place

BUNDLED = bundled_path()
CALL = ["--confirmed-by", "A. Lee", "--method", "phone", "--date", "2026-11-20"]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the bundled file: no test ever records anything in the bundled file itself."""
    path = tmp_path / "directory.toml"
    shutil.copy(BUNDLED, path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def figures(invoke: Invoke, path: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(invoke("--data", str(path), "about", "--json").stdout)["figures"]
    return result


def rewrite(path: Path, change: Any) -> None:
    import tomli_w

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change({o["slug"]: o for o in data["organisations"]})
    path.write_text(tomli_w.dumps(data, indent=4), encoding="utf-8")


# -- the phone call, as a new maintainer records it --------------------------------------------------
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


# -- data set --------------------------------------------------------------------------------------------
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


def test_confirm_suggests_a_field(invoke: Invoke, copy: Path) -> None:
    result = invoke("data", "confirm", "unhcr", "--fields", "hurs", "--method", "phone", "--by", "A", str(copy))
    assert result.exit_code == 2 and "did you mean 'hours'?" in result.stderr


# -- the write path -----------------------------------------------------------------------------------
def test_a_write_waits_for_the_lock_and_gives_up_saying_why(
    invoke: Invoke, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("fcntl")
    from hkprobono import safewrite
    from hkprobono.errors import EXIT_BUSY

    monkeypatch.setattr(safewrite, "LOCK_SECONDS", 0.2)
    before = copy.read_bytes()
    with safewrite.exclusive(copy, shown=str(copy)):  # another run is editing the file
        result = invoke("data", "set", "soco", "hours", "Mon-Fri", str(copy), *CALL)
    assert result.exit_code == EXIT_BUSY and "another run is changing this file" in result.stderr
    assert copy.read_bytes() == before
    assert invoke("data", "set", "soco", "hours", "Mon-Fri", str(copy), *CALL).exit_code == 0  # free again


@pytest.mark.slow
def test_writers_started_together_lose_no_edit(copy: Path) -> None:
    """Six volunteers record six numbers in one file at the same moment: all six are in it."""
    import subprocess
    import sys

    numbers = [f"+852 2345 {6780 + i}" for i in range(6)]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "hkprobono", "data", "set", "bvf", "phone", number, str(copy), *CALL],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for number in numbers
    ]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
    org = load(copy).by_slug("bvf")
    assert org is not None and sorted(p.number for p in org.contact.phones) == numbers


# -- schema 1 -> 2 --------------------------------------------------------------------------------------
def test_an_old_file_is_refused_with_a_message_and_upgraded_by_fmt(invoke: Invoke, tmp_path: Path) -> None:
    old = tmp_path / "old.toml"
    shutil.copy(DATA_DIR / "schema1.toml", old)
    refused = invoke("--data", str(old), "list")
    assert refused.exit_code == 2
    assert "reads schema 2, not 1: an older layout, which the upgrade of data fmt rewrites" in refused.stderr
    assert f"see 'hkprobono data fmt --upgrade {old}'" in refused.stderr
    checked = invoke("data", "check", str(old))
    assert checked.exit_code == 2 and checked.stdout.count("error:") == 1  # one clear message, not hundreds
    upgraded = invoke("data", "fmt", "--upgrade", str(old))
    assert upgraded.exit_code == 0, upgraded.output
    assert "review: organisation 'two-offices': area 'Wan Chai; Mong Kok' dropped" in upgraded.stderr
    directory = load(old)
    two = directory.by_slug("two-offices")
    assert two is not None
    assert [(p.type, p.description) for p in two.contact.phones] == [("voice", "Office"), ("cell", None)]
    assert two.contact.application_process == "By appointment."
    assert [(loc.id, loc.district, loc.description) for loc in two.contact.locations] == [
        ("wan-chai", "Wan Chai", "Ring the bell."),
        ("yau-tsim-mong", "Yau Tsim Mong", None),
    ]
    assert two.sources[0].fields == ("address", "district", "phones", "hours", "application_process")
    none = directory.by_slug("no-email")
    assert none is not None and none.contact.missing_note == "Not found in the sources." and not none.contact.email_note
    assert invoke("data", "check", str(old)).exit_code == 0
    again = invoke("data", "fmt", "--upgrade", str(old))
    assert again.exit_code == 1 and "is already schema 2" in again.stderr


# -- the schema, written down --------------------------------------------------------------------------
def test_the_bundled_file_matches_its_json_schema() -> None:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema())
    data = tomllib.loads(BUNDLED.read_text(encoding="utf-8"))
    assert [e.message for e in Draft202012Validator(schema()).iter_errors(data)] == []


def test_the_schema_and_the_model_name_the_same_fields() -> None:
    defs = schema()["$defs"]

    def keys(name: str) -> set[str]:
        return set(defs[name]["properties"])

    assert keys("organisation") == set(Organisation._fields)
    assert keys("contact") == set(Contact._fields)
    assert keys("location") == set(Location._fields)
    assert keys("phone") == set(Phone._fields)
    assert keys("organisation_source") == set(Source._fields)
    assert keys("confirmation") == set(Confirmation._fields)
    assert keys("retired") == set(Retired._fields)
    assert defs["organisation_source"]["properties"]["fields"]["items"]["enum"] == list(SOURCE_FIELDS)
    assert defs["location"]["properties"]["district"]["enum"] == list(DISTRICTS)
    assert schema()["properties"]["schema_version"]["const"] == 2


def test_a_problem_the_schema_and_the_code_both_see_is_reported_once(invoke: Invoke, copy: Path) -> None:
    rewrite(copy, lambda orgs: orgs["unhcr"]["contact"]["phones"][0].update(type="mobile"))
    data = json.loads(invoke("data", "check", str(copy), "--json").stdout)
    named = [p for p in data["problems"] if p["field"] == "contact.phones[0].type"]
    assert len(named) == 1 and "'mobile' is not one of: voice, cell, fax" in named[0]["message"]


def test_the_schema_catches_what_the_loader_lets_pass(invoke: Invoke, copy: Path) -> None:
    rewrite(copy, lambda orgs: orgs["unhcr"].update(chinese_name=" "))  # loading reads it as absent
    assert invoke("--data", str(copy), "show", "unhcr").exit_code == 0
    data = json.loads(invoke("data", "check", str(copy), "--json").stdout)
    (found,) = [p for p in data["problems"] if p["severity"] == "error"]
    assert (found["entry"], found["field"]) == ("organisation 'unhcr'", "chinese_name")
    assert found["message"].startswith("does not match the schema")


# -- absence is absence ----------------------------------------------------------------------------------
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


@pytest.mark.parametrize("field", [f for f in Location._fields if f != "id"])
def test_every_location_field_is_shown_on_the_card(field: str) -> None:
    directory = load(None)
    sentinel = "Zebra-7Q" if field != "district" else "Islands"
    org = directory.organisations[0]._replace(contact=Contact(locations=(Location("x", **{field: sentinel}),)))
    view = cards.card(directory, org, today())
    assert any(sentinel in row.value or any(sentinel in i for i in row.items) for row in view.rows), field


def test_districts_the_filter_and_the_card_name_the_same_places() -> None:
    directory = load(None)
    counted = dict(districts(directory).counts)
    for org in directory.current():
        for district in org.contact.districts:
            assert district in counted and in_place(filters_of(org), district), (org.slug, district)
        rows = {r.label: r.value for r in cards.card(directory, org, today()).rows}
        assert rows.get("District", "") == ", ".join(org.contact.districts), org.slug
    # Yuen Long was matched by note text, though no organisation has a place there.
    assert "Yuen Long" not in counted
    assert not [o.slug for o in directory.current() if in_place(filters_of(o), "Yuen Long")]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"member_of": ["no-such-network"]}, "field 'member_of': no organisation has the slug 'no-such-network'"),
        ({"reached_through": ["soco"]}, "field 'reached_through': names the organisation itself"),
    ],
)
def test_references_between_organisations_are_slugs_checked_at_load(
    invoke: Invoke, copy: Path, change: dict[str, list[str]], message: str
) -> None:
    rewrite(copy, lambda orgs: orgs["soco"].update(change))
    result = invoke("--data", str(copy), "list")
    assert result.exit_code == 2 and message in result.stderr


# -- honest summaries -------------------------------------------------------------------------------------
def test_check_gives_the_reach_and_lists_every_organisation_without_a_phone_or_e_mail(invoke: Invoke) -> None:
    data = json.loads(invoke("data", "check", "--json").stdout)
    reach = data["reach"]
    about = json.loads(invoke("about", "--json").stdout)["figures"]
    assert reach == about
    unreachable = [p for p in data["problems"] if p["kind"] == "reach"]
    assert len(unreachable) == reach["current"] - reach["reachable"]
    assert all("searched:" in p["message"] for p in unreachable)  # each with what was searched, and when
    text = invoke("data", "check").stdout
    assert f"No phone or e-mail (each with what was searched, and when) ({len(unreachable)})" in text
    assert any(line.startswith("directory.toml (bundled): Reach: ") for line in text.splitlines()[-3:])


def test_no_data_or_output_text_tells_how_the_data_was_researched(invoke: Invoke) -> None:
    import re

    internal = re.compile(r"\bissue \d+|\bsession\b|\baudit\b|docs/research|\bthis edit\b", re.IGNORECASE)
    data = BUNDLED.read_text(encoding="utf-8")
    organisations = data[data.index("[[organisations]]") : data.index("[synonyms]")]
    assert not internal.findall(organisations.replace("information session", "").replace("Ariana issue 4", ""))
    for args in (["data", "check"], ["data", "stale"], ["about"]):
        assert not internal.findall(invoke(*args).stdout.replace("information session", "")), args


# -- the call list ---------------------------------------------------------------------------------------
def test_the_call_list_opens_in_a_spreadsheet(invoke: Invoke) -> None:
    from hkprobono.maintain.stale import STALE_COLUMNS

    lines = invoke("data", "stale", "--plain").stdout.splitlines()
    rows = [line.split("\t") for line in lines]
    assert rows and all(len(row) == len(STALE_COLUMNS) for row in rows)
    first = dict(zip(STALE_COLUMNS, rows[0], strict=True))
    assert first["guide"] == "yes" and first["check"] == "a phone number or an e-mail address"
    assert any(row[3].lstrip("'").startswith("+852") for row in rows)  # a number to try (formula-safe)
    assert invoke("data", "stale", "--plain", "--json").exit_code == 2
