"""export/html.py: the page, read back by html5lib, holds every contact, runs no script, escapes
data text and links only to http(s), tel: and mailto:."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import html5lib

from conftest import DATA_DIR, HOSTILE, Invoke, raw_controls
from hkprobono.content.handout import directory_page
from hkprobono.export import html as export_html
from hkprobono.freshness import today
from hkprobono.model import Directory


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
