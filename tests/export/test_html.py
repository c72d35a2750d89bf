"""export/html.py: the whole directory and referral sheets as one page that stands alone, with the
status on every line, data text escaped, live links only where safe; read back by html5lib, and
printed by headless Chromium within its page budget."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import html5lib
import pytest
import vobject

from conftest import CLOSED, DATA_DIR, HOSTILE, UNCONFIRMED, Invoke, org_of, raw_controls
from hkprobono.content import card, words
from hkprobono.content import directory as lists
from hkprobono.content.handout import directory_page
from hkprobono.content.share import share_text
from hkprobono.export import hsds as export_hsds
from hkprobono.export import html as export_html
from hkprobono.export import vcard as export_vcard
from hkprobono.freshness import today
from hkprobono.model import Directory

COMMANDS = re.compile(r"hkprobono (show|search|list|usm|export|about|open|data|districts)\b|--[a-z]")


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


# 4. QR codes ------------------------------------------------------------------------------------------


# 5. vCard 3.0 -----------------------------------------------------------------------------------------


# 6. HSDS 3.0 ------------------------------------------------------------------------------------------


# 7. Files ----------------------------------------------------------------------------------------------


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


def test_html_has_live_links_only_for_http_tel_and_mailto(invoke: Invoke, unchecked: None, tmp_path: Path) -> None:
    import html5lib

    out = tmp_path / "page.html"
    assert invoke("--data", HOSTILE, "export", "html", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    tree = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False).parse(page)
    hrefs = [a.get("href", "") for a in tree.iter("a")]
    assert hrefs
    for href in hrefs:
        assert href.startswith(("https://", "http://", "tel:", "mailto:", "#")), href
    assert "javascript:" in page  # shown as text, so a reader sees what the data says
    assert not raw_controls(page)
