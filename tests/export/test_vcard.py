"""export/vcard.py: vCards read back by vobject and a strict validator: every field round-trips,
lines fold by octets, ids never change, and a URL reads the same whether an importer undoes
vCard escapes or not. Before (issue 26): a website with `;` became `'\\;alert(1)\\;//` in the
card, another address for an importer that does not unescape."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path
from typing import Any

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA_DIR, parse_cards
from hkprobono.export import hsds as export_hsds
from hkprobono.export import vcard as export_vcard
from hkprobono.freshness import today
from hkprobono.loading.source import load
from hkprobono.model import Directory, Organisation

FULL = DATA_DIR / "full.toml"


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


ON = dt.date(2026, 11, 26)


URLS = [
    "https://example.org/';alert(1);//",
    "https://example.org/a,b;c=d?q=1,2",
    "https://example.org/path\\with\\backslashes",
    "https://example.org/plain",
]


def _with(directory: Directory, website: str) -> Organisation:
    org = directory.by_slug("refugee-union")
    assert org is not None
    return org._replace(contact=org.contact._replace(website=website, other_websites=(website + "/other",)))


@pytest.mark.parametrize("url", URLS)
def test_a_vcard_url_is_read_the_same_with_or_without_unescaping(directory: Directory, url: str) -> None:
    import vobject

    text = export_vcard.card(directory, _with(directory, url), ON)
    unfolded = text.replace("\r\n ", "")
    raw = [line[len("URL:") :] for line in unfolded.split("\r\n") if line.startswith("URL:")]
    assert raw and not any(ch in value for value in raw for ch in ";,\\")
    card = vobject.readOne(text)
    assert [u.value for u in card.contents["url"]] == raw  # a reader that unescapes gets the same
    assert raw[0] == export_vcard.uri(url)
    assert raw[0].replace("%3B", ";").replace("%2C", ",").replace("%5C", "\\") == url  # nothing else changed


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("abc/;,\\?=&'%"), max_size=30))
def test_any_url_path_survives_both_kinds_of_importer(path: str) -> None:
    url = "https://example.org/" + path
    written = export_vcard.uri(url)
    assert not any(ch in written for ch in ";,\\")
    import vobject

    card = vobject.vCard()
    card.add("fn").value = "x"
    card.add("url").value = written
    again = vobject.readOne(card.serialize())
    assert again.url.value == written


def test_vcard_urls_pass_the_strict_validator(directory: Directory, tmp_path: Path) -> None:
    validator = pytest.importorskip("vcard.vcard_validator")
    import warnings

    for n, url in enumerate(URLS):
        text = export_vcard.card(directory, _with(directory, url), ON)
        lowered = re.sub(r"(?m)^([A-Z-]+);TYPE=([A-Z,]+):", lambda m: f"{m[1]};TYPE={m[2].lower()}:", text)
        path = tmp_path / f"{n}.vcf"
        path.write_text(lowered.encode("utf-8").decode("latin-1"), encoding="utf-8", newline="")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert validator.validate_file(str(path), False) == "", url


def test_vcard_keeps_names_phone_notes_pref_and_dates(directory: Directory) -> None:
    for org in directory.current():
        text = export_vcard.card(directory, org, today())
        (card,) = vobject.readComponents(text)
        names = export_vcard.nicknames(org)
        if org.chinese_name:
            assert card.nickname.value.startswith(org.chinese_name)
            assert org.chinese_name in card.note.value
        if names:
            assert card.nickname.value == ", ".join(names)
        for phone in org.contact.phones:
            if phone.description:
                assert f"{phone.number}: {phone.description}" in card.note.value
        prefs = [t for t in card.contents.get("tel", []) if "PREF" in t.params["TYPE"]]
        if org.contact.voice_phones:
            assert len(prefs) == 1 and "FAX" not in prefs[0].params["TYPE"]
            assert prefs[0].value == org.contact.voice_phones[0].number or org.contact.phones[0].type == "cell"
        assert not re.search(r"\d+ (years|months|days) old", card.note.value)
        assert all("TYPE" not in u.params for u in card.contents.get("url", []))
        if org.contact.website:
            assert f"Website: {org.contact.website}" in card.note.value


def test_vcards_pass_an_independent_rfc_2426_validator(tmp_path: Path, directory: Directory) -> None:
    """The `vcard` package (engmark) validates RFC 2426 strictly, with two mismatches worked round
    here: it compares TYPE values case-sensitively with the RFC's lower-case spelling, though RFC
    2426's ABNF strings are case-insensitive (RFC 2234), so types are lower-cased for it; and it
    applies the RFC's byte grammar (NON-ASCII = %x80-FF) to decoded characters, so each UTF-8 byte
    is handed to it as one character (the text is read back as Latin-1), which is what the grammar
    means. Its warnings about short folded lines are expected: lines are folded by octets."""
    validator = pytest.importorskip("vcard.vcard_validator", reason="pip install -e '.[test]' brings `vcard`")
    for org in (*directory.current(), *load(DATA_DIR / "full.toml").current()):
        text = export_vcard.card(directory, org, today())
        lowered = re.sub(r"(?m)^([A-Z-]+);TYPE=([A-Z,]+):", lambda m: f"{m[1]};TYPE={m[2].lower()}:", text)
        path = tmp_path / f"{org.slug}.vcf"
        # U+0085 would end a line for str.splitlines(); another non-ASCII byte stands in for it.
        as_bytes = lowered.encode("utf-8").decode("latin-1").replace("\x85", "\xa0")
        path.write_text(as_bytes, encoding="utf-8", newline="")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert validator.validate_file(str(path), False) == "", org.slug
