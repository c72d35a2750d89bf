"""export/qr.py: a QR code's payload, read back by zxing-cpp, is the compact vCard."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from conftest import CLOSED, UNCONFIRMED, Invoke, org_of, parse_cards
from hkprobono.export import qr as export_qr
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


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def blocks_image(text: str) -> Image.Image:
    """Draw terminal half blocks as a terminal would: ink where a block is, paper elsewhere."""
    lines = [ANSI.sub("", line) for line in text.splitlines()]
    scale = 6
    image = Image.new("L", (max(len(line) for line in lines) * scale, len(lines) * 2 * scale), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        for col, ch in enumerate(line):
            upper, lower = ch in "█▀", ch in "█▄"
            for half, dark in ((0, upper), (1, lower)):
                if dark:
                    top = (row * 2 + half) * scale
                    draw.rectangle([col * scale, top, col * scale + scale - 1, top + scale - 1], fill=0)
    return image


def decode(image: Image.Image) -> str:
    # No inverted reading: the code must be dark on light as drawn.
    found = zxingcpp.read_barcodes(image, try_invert=False)
    assert len(found) == 1
    return str(found[0].text)


@pytest.mark.parametrize("colour", [["--color", "always"], ["--color", "never"]])
def test_terminal_qr_is_dark_on_light_and_decodes(invoke: Invoke, directory: Directory, colour: list[str]) -> None:
    result = invoke(*colour, "show", "refugee-union", "--qr", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    payload = export_vcard.card(directory, org_of(directory, "refugee-union"), today(), compact=True)
    assert decode(blocks_image(result.stdout)) == payload
    lines = result.stdout.splitlines()
    assert all(len(ANSI.sub("", line)) <= 80 for line in lines)
    if colour[1] == "always":
        # Every line sets black on white itself and resets at its end: no theme decides.
        assert all(line.startswith(export_qr.DARK_ON_LIGHT) and line.endswith(export_qr.RESET) for line in lines)
    else:
        assert "\x1b" not in result.stdout
    # The quiet zone: a light border round the code.
    plain = [ANSI.sub("", line) for line in lines]
    assert plain[0].strip() == "" and plain[-1].strip() == ""
    assert all(line[:2] == "  " and line[-2:] == "  " for line in plain)


def test_terminal_qr_never_wider_than_the_terminal(invoke: Invoke) -> None:
    result = invoke("show", "duty-lawyer-service", "--qr", env={"COLUMNS": "80"})
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "columns wide and the terminal has 80" in result.stderr and "--qr-png" in result.stderr
    assert invoke("show", "duty-lawyer-service", "--qr", env={"COLUMNS": "120"}).exit_code == 0


def test_qr_png_is_bytes_written_by_the_cli_through_safewrite(
    invoke: Invoke, directory: Directory, tmp_path: Path
) -> None:
    """The exporter returns the image like every other exporter; the command writes it, refusing
    to overwrite without --force."""
    payload = export_vcard.card(directory, org_of(directory, "refugee-union"), today(), compact=True)
    image = export_qr.png(payload)
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    assert decode(Image.open(io.BytesIO(image))) == payload
    png = tmp_path / "qr.png"
    png.write_bytes(b"keep me")
    refused = invoke("show", "refugee-union", "--qr-png", str(png))
    assert refused.exit_code != 0 and "--force" in refused.stderr and png.read_bytes() == b"keep me"
    assert invoke("show", "refugee-union", "--qr-png", str(png), "--force").exit_code == 0
    assert png.read_bytes() == image


@pytest.mark.parametrize("slug", ["refugee-concern-network", CLOSED])
def test_qr_refused_when_there_is_nothing_to_reach(invoke: Invoke, tmp_path: Path, slug: str) -> None:
    for args in (["--qr"], ["--qr-png", str(tmp_path / "x.png")]):
        result = invoke("show", slug, *args)
        assert result.exit_code == 1, result.output
        assert "no QR code" in result.stderr or "only its name" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_qr_png_is_dark_on_light(invoke: Invoke, directory: Directory, tmp_path: Path) -> None:
    png = tmp_path / "jc.png"
    assert invoke("show", "justice-centre", "--qr-png", str(png)).exit_code == 0
    payload = decode(Image.open(io.BytesIO(png.read_bytes())))
    assert payload == export_vcard.card(directory, org_of(directory, UNCONFIRMED), today(), compact=True)
    image = Image.open(png).convert("L")
    assert image.getpixel((0, 0)) == 255  # light quiet zone
