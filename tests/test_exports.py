"""Exports, each parsed back by an independent library: vobject, jsonschema, zxing-cpp, html5lib."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import html5lib
import jsonschema
import pytest
import vobject
import zxingcpp
from PIL import Image

from conftest import DATA_DIR, TODAY, Invoke
from hkprobono.content.handout import directory_page
from hkprobono.export import hsds as export_hsds
from hkprobono.export import html as export_html
from hkprobono.export import vcard as export_vcard
from hkprobono.freshness import today
from hkprobono.loading.source import load
from hkprobono.model import Directory, Organisation

SCHEMA = json.loads((Path(__file__).parent / "hsds" / "organization.json").read_text(encoding="utf-8"))
FULL = DATA_DIR / "full.toml"


def parse_cards(text: str) -> list[Any]:
    return list(vobject.readComponents(text))


def assert_wire_format(text: str) -> None:
    assert text.endswith("\r\n")
    body = text.encode("utf-8")
    for line in body.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line
        assert b"\n" not in line and b"\r" not in line
        line.decode("utf-8")  # no character split across a fold


def assert_round_trip(directory: Directory, org: Organisation, card: Any) -> None:
    c = org.contact
    assert card.fn.value == org.name
    assert card.org.value == [org.name]
    assert card.n.value.family == "" and card.n.value.given == ""
    assert card.x_abshowas.value == "COMPANY"
    tels = [(t.value, tuple(t.params["TYPE"])) for t in card.contents.get("tel", [])]
    expected_types = {"voice": ("WORK", "VOICE"), "cell": ("WORK", "CELL", "VOICE"), "fax": ("WORK", "FAX")}
    main = export_vcard.main_phone(org)
    assert tels == [
        (p.number, expected_types[p.type] + (("PREF",) if i == main else ())) for i, p in enumerate(c.phones)
    ]
    assert sum("PREF" in types for _, types in tels) == (1 if c.voice_phones else 0)
    addresses = [a.value for a in card.contents.get("adr", [])]
    streets = [a.street for a in addresses]
    assert streets == [x for x in (*c.addresses, c.postal_address) if x]
    assert all(a.country == "Hong Kong" for a in addresses)
    urls = [u.value for u in card.contents.get("url", [])]
    assert urls == [u for u in (c.website, *c.other_websites, *(s.url for s in c.social)) if u]
    assert all("TYPE" not in u.params for u in card.contents.get("url", []))  # RFC 2426 defines no URL types
    assert card.categories.value == [directory.category_label(x) for x in org.categories]
    assert card.uid.value == export_vcard.uid(org.slug)
    if c.email:
        assert card.email.value == c.email
    note = card.note.value
    assert org.summary in note and org.sources[0].url in note


def test_every_bundled_card_round_trips(directory: Directory) -> None:
    text = export_vcard.cards(directory, list(directory.current()), today())
    assert_wire_format(text)
    cards = parse_cards(text)
    assert len(cards) == len(directory.current())
    for org, card in zip(directory.current(), cards, strict=True):
        assert_round_trip(directory, org, card)


def test_awkward_text_round_trips() -> None:
    directory = load(FULL)
    org = directory.by_slug("tricky-centre")
    assert org is not None
    text = export_vcard.card(directory, org, today())
    assert_wire_format(text)
    (card,) = parse_cards(text)
    assert_round_trip(directory, org, card)
    assert card.fn.value == "Centre; for, Refugees \\ 基督教勵行會 難民服務中心"
    assert "\n" in card.adr.value.street and "; Block A" in card.adr.value.street
    assert "Help with law, food; and more\\nstill one line." in card.note.value


def test_long_chinese_lines_fold_by_octets() -> None:
    folded = export_vcard.fold_line("NOTE:" + "難民服務中心" * 30 + "\r\n")
    assert_wire_format(folded)
    assert folded.replace("\r\n ", "") == "NOTE:" + "難民服務中心" * 30 + "\r\n"


def test_ids_never_change_between_releases() -> None:
    """Address books and HSDS consumers update a record by its id: changing the namespace or the
    recipe would duplicate every contact. These literals are the ids of the first release."""
    assert export_vcard.uid("justice-centre") == "urn:uuid:cb3a30b2-2d1d-5139-8efe-e817170f9f5b"
    assert export_vcard.uid("iss-hk") == "urn:uuid:08aafdb7-fc5c-54ff-92ac-345161291d4e"
    assert export_hsds._id("justice-centre") == "c30b5e3f-f1f2-5fa6-9690-7d1607e42842"
    assert export_hsds._id("justice-centre", "service", "0") == "47a55185-5064-5fde-9387-2210e7295629"


def test_export_vcard_to_stdout_file_and_directory(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("export", "vcard", "justice-centre", "iss-hk")
    assert result.exit_code == 0, result.output
    assert len(parse_cards(result.stdout)) == 2
    one = tmp_path / "all.vcf"
    result = invoke("export", "vcard", "--all", "-o", str(one))
    assert result.exit_code == 0, result.output
    assert len(parse_cards(one.read_text(encoding="utf-8"))) > 10
    out = tmp_path / "cards"
    out.mkdir()
    result = invoke("export", "vcard", "--category", "food", "-o", f"{out}/")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["bvf.vcf", "iss-hk.vcf", "refugee-union.vcf", "run-hong-kong.vcf", "st-vincent-de-paul.vcf"]
    for path in out.iterdir():
        assert len(parse_cards(path.read_text(encoding="utf-8"))) == 1


def test_export_vcard_needs_a_selection(invoke: Invoke) -> None:
    result = invoke("export", "vcard")
    assert result.exit_code == 2
    assert "--all" in result.stderr


def test_files_are_never_overwritten_without_force(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "x.vcf"
    target.write_text("keep me", encoding="utf-8")
    result = invoke("export", "vcard", "iss-hk", "-o", str(target))
    assert result.exit_code == 2 and "already exists" in result.stderr and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    result = invoke("export", "vcard", "iss-hk", "-o", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert "International Social Service" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.vcf"]  # no temporary file left behind


def test_missing_or_unwritable_directory_is_one_clear_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("export", "html", "-o", str(tmp_path / "nope" / "page.html"))
    assert result.exit_code == 2
    assert "no such folder" in result.stderr and "Traceback" not in result.output
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = invoke("export", "html", "-o", str(locked / "page.html"))
        # root can write anywhere; anyone else gets the error
        assert result.exit_code in (0, 2)
        assert "Traceback" not in result.output
    finally:
        locked.chmod(0o700)


def decode_png(data: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))
    assert len(results) == 1
    return str(results[0].text)


@pytest.mark.parametrize("command", [["show", "refugee-union"], ["export", "vcard", "refugee-union"]])
def test_qr_png_payload_is_the_vcard(invoke: Invoke, tmp_path: Path, directory: Directory, command: list[str]) -> None:
    png = tmp_path / "ru.png"
    result = invoke(*command, "--qr-png", str(png))
    assert result.exit_code == 0, result.output
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    org = directory.by_slug("refugee-union")
    assert org is not None
    payload = decode_png(data)
    assert payload == export_vcard.card(directory, org, today(), compact=True)
    (card,) = parse_cards(payload)
    assert card.tel.value == "+852 9828 7176"


def test_qr_in_terminal_draws_blocks_only(invoke: Invoke) -> None:
    result = invoke("show", "refugee-union", "--qr", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert set(result.stdout) <= set("█▀▄ \n")
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_qr_needs_exactly_one_organisation(invoke: Invoke) -> None:
    result = invoke("export", "vcard", "--category", "food", "--qr")
    assert result.exit_code == 2 and "one organisation" in result.stderr


def validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    return cls(SCHEMA, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.slow  # the official schema is 3.5 MB of JSON Schema
@pytest.mark.parametrize("path", [None, FULL])
def test_hsds_export_validates_against_the_official_schema(path: Path | None) -> None:
    directory = load(path)
    records = export_hsds.export(directory, include_closed=True)
    assert len(records) == len(directory.organisations)
    check = validator()
    for record in records:
        errors = sorted(check.iter_errors(record), key=str)
        assert not errors, [e.message for e in errors]


def test_hsds_full_fixture_carries_everything() -> None:
    directory = load(FULL)
    (record,) = [r for r in export_hsds.export(directory) if export_hsds.slug_of(r) == "tricky-centre"]
    assert {p["type"] for p in record["phones"]} == {"voice", "cell", "fax"}
    assert {loc["location_type"] for loc in record["locations"]} == {"physical", "postal"}
    (place,) = [loc for loc in record["locations"] if loc["location_type"] == "physical"]
    assert place["schedules"][0]["description"].startswith("Mon\u2013Fri")  # hours belong to a location
    assert place["addresses"][0]["region"] == "Yau Tsim Mong" and place["transportation"].startswith("near")
    service = record["services"][0]
    assert service["application_process"] == "Walk in; bring your papers."
    assert {lang.get("name") for lang in service["languages"]} >= {"English", "French", "Cantonese"}
    assert "assured_date" not in service  # nobody confirmed these details
    assert record["hkprobono_sources"][0]["date"] == "2026-06-01"


def _ids(value: Any, into: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Every object with an "id" in an HSDS export, by id."""
    if isinstance(value, dict):
        if "id" in value:
            into.setdefault(value["id"], []).append(value)
        for item in value.values():
            _ids(item, into)
    elif isinstance(value, list):
        for item in value:
            _ids(item, into)
    return into


@pytest.mark.parametrize("path", [None, FULL])
def test_hsds_ids_are_unique(path: Path | None) -> None:
    """Issue 26: one id, one object. A language or category listed twice (in any case) is exported
    once; only a taxonomy term is shared, the same object wherever a service names it."""
    directory = load(path)
    org = directory.organisations[0]
    contact = org.contact._replace(languages=("English", "english ", "Cantonese", "English", "Urdu"))
    doubled = org._replace(contact=contact, categories=(*org.categories, *org.categories))
    directory = directory._replace(organisations=(doubled, *directory.organisations[1:]))
    records = export_hsds.export(directory, include_closed=True)
    for key, objects in _ids(records, {}).items():
        if len(objects) > 1:
            assert all(o == objects[0] and "taxonomy" in o for o in objects), (key, objects)
    languages = [lang.get("name") for lang in records[0]["services"][0]["languages"] if "name" in lang]
    assert languages == ["English", "Cantonese", "Urdu"]


def test_export_hsds_and_json_commands(invoke: Invoke) -> None:
    result = invoke("export", "hsds")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)
    result = invoke("export", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {
        "hkprobono_json_version",
        "meta",
        "categories",
        "organisations",
        "about",
        "usm",
        "synonyms",
    }
    assert data["hkprobono_json_version"] == 3
    assert data["meta"]["compiled"]
    assert len(data["usm"]["steps"]) == 14


def parse_html(text: str) -> Any:
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


def test_html_page_parses_and_holds_every_contact(directory: Directory) -> None:
    page = export_html.page(directory_page(directory, today()))
    tree = parse_html(page)
    text = "".join(tree.itertext())
    for org in directory.current():
        assert org.name in text, org.slug
        for phone in org.contact.phones:
            assert phone.number in text, (org.slug, phone.number)
    assert "14 days to file the notice of appeal" in text
    assert directory.meta.compiled in text and "Confirm by phone" in text
    assert tree.find(".//script") is None
    assert "@media print" in page and "@page" in page and 'name="viewport"' in page
    assert "http" not in "".join(el.get("src", "") for el in tree.iter())  # no external assets


def test_html_escapes_data_text(invoke: Invoke, tmp_path: Path, unchecked: None) -> None:
    out = tmp_path / "page.html"
    result = invoke("--data", str(DATA_DIR / "hostile.toml"), "export", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    tree = parse_html(page)
    assert tree.find(".//script") is None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x1b" not in page and "\x9b" not in page and "\u202e" not in page


def test_exports_neutralise_control_characters(invoke: Invoke, unchecked: None) -> None:
    for args in (["export", "vcard", "--all"], ["export", "json"], ["export", "hsds"]):
        result = invoke("--data", str(DATA_DIR / "hostile.toml"), *args)
        assert result.exit_code == 0, result.output
        for raw in ("\x1b", "\x9b", "\u202e", "\x07"):
            assert raw not in result.stdout, (args, raw)


def test_today_is_pinned_for_tests() -> None:
    assert today().isoformat() == TODAY
