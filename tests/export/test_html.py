"""Issue 16, what a caseworker hands over: status on every line, the HTML page and referral sheets,
the share text, QR codes, vCards, HSDS, and files. Each export is read back by code that is not
ours: vobject and the `vcard` validator, zxing-cpp, html5lib, jsonschema, headless Chromium."""

from __future__ import annotations

import copy
import io
import json
import os
import re
import shutil
import subprocess
import unicodedata
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import html5lib
import jsonschema
import pytest
import vobject
import zxingcpp
from PIL import Image, ImageDraw

from conftest import DATA_DIR, ROOT, TESTS, Invoke
from hkprobono.content import card, words
from hkprobono.content import directory as lists
from hkprobono.content.handout import directory_page
from hkprobono.content.share import SHARE_LIMIT, share_text
from hkprobono.export import hsds as export_hsds
from hkprobono.export import html as export_html
from hkprobono.export import qr as export_qr
from hkprobono.export import vcard as export_vcard
from hkprobono.freshness import today
from hkprobono.loading.source import load
from hkprobono.model import Directory, Organisation

SCHEMA = json.loads((TESTS / "hsds" / "organization.json").read_text(encoding="utf-8"))
UNCONFIRMED = "justice-centre"
CLOSED = "amnesty-hk"
ESCAPES = ("\x1b", "\x9b", "\x07")
COMMANDS = re.compile(r"hkprobono (show|search|list|usm|export|about|open|data|districts)\b|--[a-z]")


def org_of(directory: Directory, slug: str) -> Organisation:
    org = directory.by_slug(slug)
    assert org is not None
    return org


def html_text(page: str) -> str:
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    return "".join(tree.itertext())


# 1. Status on every line, in the same words -------------------------------------------------------


def test_status_words_are_the_same_everywhere(invoke: Invoke, directory: Directory) -> None:
    org, closed = org_of(directory, UNCONFIRMED), org_of(directory, CLOSED)
    word, shut = words.STATUS_WORDS["unconfirmed"], words.STATUS_WORDS["closed"]
    marked, marked_closed = f"{org.name} ({word})", f"{closed.name} ({shut})"
    listing = invoke("list", "--include-closed")
    assert marked in listing.stdout and marked_closed in listing.stdout
    assert marked in invoke("search", "justice").stdout
    assert marked_closed in invoke("search", "amnesty", "--include-closed").stdout
    assert lists.choices([org, closed]) == [f"{marked} [{org.slug}]", f"{marked_closed} [{closed.slug}]"]
    rows = {
        line.split("\t")[0]: line.split("\t")
        for line in invoke("list", "--plain", "--include-closed").stdout.splitlines()
    }
    assert rows[org.slug][2] == word and rows[closed.slug][2] == shut
    assert f"{org.name}</span>" not in export_html.page(directory_page(directory, today()))
    page = html_text(export_html.page(directory_page(directory, today())))
    assert f"{org.name} ({word})" in page
    note = export_vcard.note(directory, org, today())
    assert note.startswith(f"Status: {word}.")
    active = org_of(directory, "refugee-union")
    assert "Status" not in export_vcard.note(directory, active, today())  # only when not active
    (qr_card,) = vobject.readComponents(export_vcard.card(directory, org, today(), compact=True))
    assert qr_card.note.value.startswith(f"Status: {word}.")
    assert share_text(org, today()).splitlines()[0] == marked
    assert share_text(closed, today()).splitlines()[0] == marked_closed
    hsds = {export_hsds.slug_of(r): r for r in export_hsds.export(directory)}
    assert hsds[org.slug]["services"][0]["alert"].startswith(f"Status: {word}.")


# 2. The HTML page and referral sheets ---------------------------------------------------------------


def test_html_page_stands_alone_with_a_section_per_category(directory: Directory) -> None:
    page = export_html.page(directory_page(directory, today()))
    text = html_text(page)
    assert not COMMANDS.search(text), COMMANDS.search(text)
    assert "Justice Centre Hong Kong (unconfirmed)" in text
    for category in directory.categories:
        if directory.current(category=category.id):
            assert f'<li><a href="#category_{category.id}">' in page, category.id
            assert f'<h2 id="category_{category.id}">' in page, category.id
    for org in directory.current():
        assert page.count(f'id="{org.slug}"') == 1  # one full card; links elsewhere
        for phone in org.contact.voice_phones:
            assert f'href="{card.tel(phone.number)}"' in page
        if org.contact.email:
            assert f'href="mailto:{org.contact.email}"' in page
    assert '<details class="sources"><summary>Sources</summary>' in page
    assert "<details open" not in page


@pytest.mark.parametrize(
    ("args", "expected"),
    [(["--category", "food"], "food"), (["refugee-union", "rainlily"], None)],
)
def test_referral_sheet_holds_the_chosen_only(
    invoke: Invoke, directory: Directory, tmp_path: Path, args: list[str], expected: str | None
) -> None:
    out = tmp_path / "sheet.html"
    result = invoke("export", "html", *args, "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    text = html_text(page)
    chosen = directory.current(category=expected) if expected else [org_of(directory, s) for s in args]
    shown = set(re.findall(r'<section class="org" id="([^"]+)"', page))
    assert shown == {o.slug for o in chosen}
    assert directory.meta.disclaimer in text and "Confirm by phone" in text
    assert "step by step" not in text  # the USM guide belongs to the whole directory
    assert not COMMANDS.search(text)


def _text_points(page: Any) -> list[tuple[float, float]]:
    """Where each piece of text on a PDF page starts, in points from the lower left corner."""
    points: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            points.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return points


def _pdf_fill(path: Path) -> list[float]:
    """For each page, how much of its height the text fills, averaged over its two columns."""
    import pypdf

    fills = []
    for page in pypdf.PdfReader(path).pages:
        points = _text_points(page)
        width = float(page.mediabox.width)
        top, bottom = max(y for _, y in points), 30.0  # the lower page margin
        columns = [[y for x, y in points if (x < width / 2) == left] for left in (True, False)]
        fills.append(sum((top - min(c)) / (top - bottom) if c else 0.0 for c in columns) / 2)
    return fills


def chromium_pdf(html: Path, pdf: Path) -> None:
    browser = shutil.which("chromium")
    if browser is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium): the print budget is untested")
    profile = html.parent / "profile"
    profile.mkdir()
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
    ]
    subprocess.run([browser, *flags, html.as_uri()], capture_output=True, timeout=120, check=False)
    assert pdf.exists() and pdf.stat().st_size > 0, "chromium printed nothing"


@pytest.mark.slow
def test_whole_directory_prints_in_twelve_a4_pages_none_half_empty(tmp_path: Path, directory: Directory) -> None:
    pytest.importorskip("pypdf", reason="pypdf counts the pages: pip install -e '.[test]'")
    html, pdf = tmp_path / "directory.html", tmp_path / "directory.pdf"
    html.write_text(export_html.page(directory_page(directory, today())), encoding="utf-8")
    chromium_pdf(html, pdf)
    fills = _pdf_fill(pdf)
    assert len(fills) <= 12, f"{len(fills)} pages"
    assert all(f >= 0.5 for f in fills), [round(f, 2) for f in fills]
    import pypdf

    # One organisation on one page: each card's name and its last line are on the same page.
    def flat(text: str) -> str:  # ligatures (ﬁ) and line breaks as the PDF has them
        return "".join(unicodedata.normalize("NFKC", text).split())

    texts = [flat(p.extract_text()) for p in pypdf.PdfReader(pdf).pages]
    for org in directory.current():
        where = [i for i, t in enumerate(texts) if flat(org.name) in t]
        assert where, org.slug
        assert any(flat(org.summary)[-20:] in texts[i] for i in where), org.slug


# 3. show --share -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [None, DATA_DIR / "full.toml"])
def test_share_text_is_short_and_says_what_matters(path: Path | None) -> None:
    directory = load(path)
    for org in directory.organisations:
        text = share_text(org, today())
        assert len(text) <= SHARE_LIMIT, (org.slug, len(text))
        assert org.name in text
        for phone in org.contact.voice_phones[:1]:
            assert phone.number in text
        if not org.is_closed:  # the last line dates the details, each by its own sources
            assert re.search(r"(from \d{4}|undated|confirmed on \d{4})", text.splitlines()[-1]), (org.slug, text)
        assert not re.search(r"\d+ (years|months|days) old", text)


def test_share_text_of_an_organisation_with_everything(directory: Directory) -> None:
    org = org_of(directory, "refugee-union")
    text = share_text(org, today())
    assert text.splitlines()[0] == "Refugee Union 難民聯會"
    assert "+852 9828 7176" in text and "Sheung Wan" in text
    # Dated by the source of each detail, not by the organisation's newest source (2023).
    assert text.splitlines()[-1].startswith(
        "Address and phone from an undated source; e-mail from 2019-03-04; opening hours from 2022."
    )


def test_share_text_without_a_phone_or_e_mail_gives_the_route_and_no_borrowed_date(directory: Directory) -> None:
    text = share_text(org_of(directory, "iss-hk"), today())
    assert "How to get help:" in text
    # Its website's source is undated; with neither a phone nor an e-mail, no advice to call (issue 24).
    assert text.splitlines()[-1] == "Details from undated sources. No phone or e-mail found."


def test_show_share_prints_plain_text_even_on_a_colour_terminal(invoke: Invoke, unchecked: None) -> None:
    result = invoke("--color", "always", "show", "justice-centre", "--share")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Justice Centre Hong Kong (unconfirmed)\n")
    assert not any(e in result.stdout for e in ESCAPES)
    hostile = load(DATA_DIR / "hostile.toml")
    for org in hostile.organisations:
        text = share_text(org, today())
        assert not any(e in text for e in (*ESCAPES, "\u202e")) and len(text) <= SHARE_LIMIT


@pytest.mark.parametrize("other", [["--json"], ["--qr"], ["--qr-png", "x.png"]])
def test_share_conflicts_with_json_and_qr(invoke: Invoke, other: list[str]) -> None:
    result = invoke("show", "justice-centre", "--share", *other)
    assert result.exit_code == 2 and "cannot be used together" in result.stderr


# 4. QR codes ------------------------------------------------------------------------------------------

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


# 5. vCard 3.0 -----------------------------------------------------------------------------------------


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


# 6. HSDS 3.0 ------------------------------------------------------------------------------------------


def closed_schema(schema: Any) -> Any:
    """The official schema with additionalProperties false on every object: no extras allowed."""
    schema = copy.deepcopy(schema)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def records_of(path: Path | None, **kwargs: bool) -> Iterator[dict[str, Any]]:
    directory = load(path)
    yield from export_hsds.export(directory, **kwargs)


@pytest.mark.parametrize("path", [None, DATA_DIR / "full.toml"])
def test_hsds_strict_passes_a_validator_that_forbids_extras(path: Path | None) -> None:
    schema = closed_schema(SCHEMA)
    check = jsonschema.Draft202012Validator(schema)
    for record in records_of(path, strict=True, include_closed=True):
        errors = [e.message for e in check.iter_errors(record)]
        assert not errors, (export_hsds.slug_of(record), errors[:3])
    loose = next(records_of(path))
    assert "hkprobono_sources" in loose and any(check.iter_errors(loose))  # the extras are the difference


def test_hsds_links_services_categories_descriptions_and_languages(directory: Directory) -> None:
    for record in export_hsds.export(directory):
        org = org_of(directory, export_hsds.slug_of(record))
        physical = {loc["id"] for loc in record["locations"] if loc["location_type"] == "physical"}
        descriptions = [s["description"] for s in record["services"]]
        if org.services:
            assert descriptions == list(org.services)
        for service in record["services"]:
            assert {link["location_id"] for link in service.get("service_at_locations", [])} == physical
            assert all(link["service_id"] == service["id"] for link in service.get("service_at_locations", []))
            terms = [a["taxonomy_term"] for a in service["attributes"]]
            assert [t["code"] for t in terms] == list(org.categories)
            assert all(t["name"] == directory.category_label(t["code"]) for t in terms)
            assert all(a["taxonomy_term_id"] == a["taxonomy_term"]["id"] for a in service["attributes"])
    full = export_hsds.export(load(DATA_DIR / "full.toml"))
    (tricky,) = [r for r in full if export_hsds.slug_of(r) == "tricky-centre"]
    codes = {lang.get("name"): lang.get("code") for lang in tricky["services"][0]["languages"]}
    assert codes["English"] == "en" and codes["Cantonese"] == "yue" and codes["French"] == "fr"


def test_hsds_treats_closed_organisations_as_the_other_exports(invoke: Invoke, directory: Directory) -> None:
    slugs = {export_hsds.slug_of(r) for r in json.loads(invoke("export", "hsds").stdout)}
    assert slugs == {o.slug for o in directory.current()}
    everything = json.loads(invoke("export", "hsds", "--include-closed", "--strict").stdout)
    closed = [r for r in everything if export_hsds.slug_of(r) == CLOSED]
    assert closed and all(s["status"] == "defunct" for s in closed[0]["services"])
    assert all("hkprobono_sources" not in r for r in everything)


def test_readme_names_the_hsds_exchange_form() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "canonical JSON" in readme and "--strict" in readme


# 7. Files ----------------------------------------------------------------------------------------------


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_every_output_file_gets_the_users_umask(invoke: Invoke, tmp_path: Path, umask_022: None) -> None:
    runs = {
        "one.vcf": ["export", "vcard", "refugee-union", "-o"],
        "all.json": ["export", "json", "-o"],
        "hsds.json": ["export", "hsds", "-o"],
        "page.html": ["export", "html", "-o"],
        "sheet.html": ["export", "html", "--category", "food", "-o"],
        "qr.png": ["show", "refugee-union", "--qr-png"],
        "qr2.png": ["export", "vcard", "refugee-union", "--qr-png"],
        "appeal.ics": ["usm", "deadline", "appeal", "--from", "2026-11-20", "--ics"],  # a date still ahead
    }
    for name, args in runs.items():
        result = invoke(*args, str(tmp_path / name))
        assert result.exit_code == 0, (name, result.output)
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644, name
    folder = tmp_path / "new" / "cards"
    result = invoke("export", "vcard", "--category", "food", "-o", f"{folder}/")
    assert result.exit_code == 0, result.output
    made = sorted(folder.iterdir())
    assert [p.name for p in made] == sorted(f"{o.slug}.vcf" for o in load().current(category="food"))
    assert all(p.stat().st_mode & 0o777 == 0o644 for p in made)
