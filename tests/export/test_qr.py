"""export/qr.py: a QR code's payload, read back by zxing-cpp, is the compact vCard."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from conftest import Invoke, parse_cards
from hkprobono.export import vcard as export_vcard
from hkprobono.freshness import today
from hkprobono.model import Directory


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
