"""A client's handout, the core directly (content/referral.py, laid out by export/html.py): the
deadline in the deadline view's own words first, the referrals in the order given, nothing a client
cannot use, and QR codes that decode to what their captions say (issue 24, point 3)."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from pathlib import Path

import html5lib
import pytest
import zxingcpp
from PIL import Image

from conftest import DATA_DIR, ROOT
from hkprobono.content import deadline as views
from hkprobono.content import referral
from hkprobono.content.card import organisation
from hkprobono.content.jsondoc import VERSION_KEY
from hkprobono.content.share import SHARE_LIMIT, share_text, units
from hkprobono.content.words import NO_REACH_LINE
from hkprobono.errors import EXIT_USAGE, HkProBonoError
from hkprobono.export import html as export_html
from hkprobono.loading.source import load
from hkprobono.model import Directory, Organisation
from hkprobono.text import UNSAFE_CODES

TODAY = dt.date(2026, 12, 3)
SRC = ROOT / "src" / "hkprobono"
# A command, a flag, or the words of the data's bookkeeping: none belongs on a client's handout.
COMMANDS = re.compile(r"hkprobono (show|search|list|usm|export|about|open|data|districts|handout)\b|(^|\s)--?[a-z]")
JARGON = re.compile(r"not found in the sources|\[for:|application_process|voice_phones|chinese_name|status_note|score")


def org_of(directory: Directory, slug: str) -> Organisation:
    org = directory.by_slug(slug)
    assert org is not None
    return org


def made(directory: Directory, slugs: list[str], kind: str | None = None, start: str = "") -> referral.Handout:
    counted = referral.count_for(directory, kind, start, TODAY) if kind else None
    return referral.handout([org_of(directory, s) for s in slugs], counted, None, TODAY)


def page_text(page: str) -> str:
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    return "".join(tree.find("body").itertext())


def codes_in(page: str) -> list[str]:
    """Every QR code on the page, read back by zxing-cpp from its inline PNG, in page order."""
    found = []
    for data in re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page):
        read = zxingcpp.read_barcodes(Image.open(io.BytesIO(base64.b64decode(data))), try_invert=False)
        assert len(read) == 1
        found.append(str(read[0].text))
    return found


# -- the deadline first, in the deadline view's words ---------------------------------------------------
@pytest.mark.parametrize(("kind", "start"), [("appeal", "2026-11-27"), ("appeal", "2026-11-01"), ("jr", "2026-08-01")])
def test_the_deadline_comes_first_in_the_words_of_usm_deadline(directory: Directory, kind: str, start: str) -> None:
    h = made(directory, ["justice-centre"], kind, start)
    assert h.deadline is not None
    first = views.due_date(h.deadline, TODAY).groups[0]
    page = referral.page(directory, h)
    assert page.deadline[: len(first)] == first  # the same rows, not a second wording
    assert page.deadline[0].tone == "date" and page.deadline[0].text.startswith("Last day: ")
    if h.deadline.passed:
        # Passed: the late-filing rule and who can help at once, as `usm deadline` leads with them.
        assert [r.label for r in page.deadline[2:4]] == ["Filing late", "Who can help"]
        assert page.deadline[2] == first[2]
    else:
        assert page.deadline[-1].text == "File as early as possible; never rely on the last day."
    # The days that moved the last day, only when some did; never a pointer to an option.
    moved = [r for r in page.deadline if r.label == views.MOVED_BY]
    assert len(moved) == (1 if h.deadline.result.moved else 0) and not any(r.ref for r in page.deadline)
    text = referral.text(h)
    assert text.startswith(f"Last day: {views.long_date(h.deadline.result.due)}\n")
    assert views.left_text(h.deadline.days_left, TODAY) in text.splitlines()[1]


def test_a_decision_date_after_today_is_refused_as_usm_deadline_refuses_it(directory: Directory) -> None:
    with pytest.raises(HkProBonoError) as raised:
        referral.count_for(directory, "appeal", "2026-12-04", TODAY)
    assert raised.value.exit_code == EXIT_USAGE and "is after today (2026-12-03)" in raised.value.message


# -- the referrals: in order, each once, never a closed one, at most three ---------------------------
def test_referrals_keep_the_order_given_and_each_appears_once(directory: Directory) -> None:
    orgs = [org_of(directory, s) for s in ("refugee-union", "justice-centre", "refugee-union", "iss-hk")]
    h = referral.handout(orgs, None, None, TODAY)
    assert [o.slug for o in h.organisations] == ["refugee-union", "justice-centre", "iss-hk"]
    assert h.repeated == ("refugee-union",)
    page = referral.page(directory, h)
    assert [(r.number, r.slug) for r in page.referrals] == [(1, "refugee-union"), (2, "justice-centre"), (3, "iss-hk")]


def test_a_closed_organisation_is_refused_and_more_than_three_too(directory: Directory) -> None:
    with pytest.raises(HkProBonoError) as closed:
        referral.handout([org_of(directory, "amnesty-hk")], None, None, TODAY)
    assert closed.value.exit_code == EXIT_USAGE and closed.value.see == ("org", "amnesty-hk")
    four = [org_of(directory, s) for s in ("refugee-union", "justice-centre", "iss-hk", "unhcr")]
    with pytest.raises(HkProBonoError) as many:
        referral.handout(four, None, None, TODAY)
    assert many.value.exit_code == EXIT_USAGE and "at most 3" in many.value.message


def test_each_referral_says_what_a_client_can_use_and_nothing_else(directory: Directory) -> None:
    for org in directory.current():
        item = referral.referral(org, 1)
        c = org.contact
        assert item.name == org.name and item.chinese_name == org.chinese_name
        assert item.status == ("unconfirmed" if org.status == "unconfirmed" else "")
        assert bool(item.status_line) == (org.status == "unconfirmed")
        said = " ".join(f"{line.label} {line.text} {line.note}" for line in item.lines)
        assert not any(fax.number in said for fax in c.faxes), org.slug  # no fax, ever
        assert not JARGON.search(said) and not COMMANDS.search(said), (org.slug, said)
        phones = [line for line in item.lines if line.label == "Phone"]
        assert [p.text for p in phones] == [p.number for p in c.voice_phones]
        assert all(p.href == "tel:" + re.sub(r"[^\d+]", "", p.text) for p in phones)
        assert (NO_REACH_LINE in [line.text for line in item.lines]) == (not c.reachable), org.slug
        if c.email:
            assert any(line.href == f"mailto:{c.email}" for line in item.lines)
        if c.application_process:
            assert any(line.text == c.application_process for line in item.lines)
        for loc in c.locations:
            if loc.address:
                assert any(loc.address in line.text for line in item.lines), org.slug
            if loc.hours:
                assert any(loc.hours in line.text for line in item.lines), org.slug


def test_the_qr_code_opens_the_website_else_the_phone_else_the_e_mail(directory: Directory) -> None:
    jc = org_of(directory, "justice-centre")
    assert referral.code(jc) == referral.Code(
        "website", "https://www.justicecentre.org.hk", "Scan to open the website", "https://www.justicecentre.org.hk"
    )
    no_web = jc._replace(contact=jc.contact._replace(website=None))
    assert referral.code(no_web) == referral.Code("phone", "tel:+85231097359", "Scan to call", "+852 3109 7359")
    ru = org_of(directory, "refugee-union")
    mail_only = ru._replace(contact=ru.contact._replace(website=None, phones=()))
    assert referral.code(mail_only) == referral.Code(
        "email", "mailto:info@refugeeunion.org", "Scan to write an e-mail to", "info@refugeeunion.org"
    )
    assert referral.code(mail_only._replace(contact=mail_only.contact._replace(email=None))) is None
    # A web address that is not http(s) opens nothing: the phone is next.
    odd = jc._replace(contact=jc.contact._replace(website="javascript:alert(1)"))
    assert referral.code(odd) is not None and referral.code(odd).opens == "phone"  # type: ignore[union-attr]


def test_every_qr_code_on_the_page_decodes_to_what_its_caption_says(directory: Directory) -> None:
    jc, ru = org_of(directory, "justice-centre"), org_of(directory, "refugee-union")
    phone_only = jc._replace(slug="phone-only", contact=jc.contact._replace(website=None))
    mail_only = ru._replace(slug="mail-only", contact=ru.contact._replace(website=None, phones=()))
    h = referral.handout([jc, phone_only, mail_only], None, None, TODAY)
    page = export_html.handout_page(referral.page(directory, h))
    assert codes_in(page) == ["https://www.justicecentre.org.hk", "tel:+85231097359", "mailto:info@refugeeunion.org"]
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", page)
    assert [re.sub(r"<[^>]+>", "", c) for c in captions] == [
        "Scan to open the website https://www.justicecentre.org.hk",
        "Scan to call +852 3109 7359",
        "Scan to write an e-mail to info@refugeeunion.org",
    ]


# -- the page --------------------------------------------------------------------------------------------
def test_the_page_leads_with_the_date_and_holds_the_referrals_and_the_check(directory: Directory) -> None:
    h = made(directory, ["justice-centre", "refugee-union"], "appeal", "2026-11-27")
    html = export_html.handout_page(referral.page(directory, h))
    text = page_text(html)
    assert text.lstrip().startswith("Last day: Friday 11 December 2026")
    assert text.index("8 days left") < text.index("Justice Centre Hong Kong") < text.index("Refugee Union")
    assert text.index("+852 3109 7359") < text.index("Check before you go")
    assert "Justice Centre Hong Kong (unconfirmed): address and phone from an undated source." in text
    assert '<a class="tel" href="tel:+85231097359">+852 3109 7359</a>' in html
    assert '<a href="mailto:info@refugeeunion.org">info@refugeeunion.org</a>' in html
    assert "+852 3422 3019" not in html  # Justice Centre's fax
    assert not COMMANDS.search(text) and not JARGON.search(text)
    assert "<script" not in html and not re.search(r'(src|href)="(?!data:image/png|tel:|mailto:|https?:|#)', html)
    assert "@page { size: A4" in html


def test_a_page_without_a_deadline_starts_with_where_to_get_help(directory: Directory) -> None:
    h = made(directory, ["iss-hk"])
    html = export_html.handout_page(referral.page(directory, h))
    assert page_text(html).lstrip().startswith("Where to get help")
    assert "No phone or e-mail found." in page_text(html)
    assert "check with the lawyer" not in html  # no deadline, no legal note


# -- the text to paste -------------------------------------------------------------------------------------
def test_the_text_is_each_organisations_share_text_numbered(directory: Directory) -> None:
    h = made(directory, ["refugee-union", "iss-hk"], "appeal", "2026-11-27")
    text = referral.text(h)
    for n, org in enumerate(h.organisations, 1):
        assert f"\n\n{n}. {share_text(org, TODAY)}\n" in text
    assert text.endswith("\n\nGeneral information, not legal advice: check with the lawyer.\n")


@pytest.mark.parametrize("path", [None, DATA_DIR / "full.toml"])
def test_the_text_carries_no_fax_no_command_and_no_advice_to_call_nobody(path: Path | None) -> None:
    directory = load(path)
    orgs = directory.current()
    for start in range(0, len(orgs), 3):
        h = referral.handout(orgs[start : start + 3], None, None, TODAY)
        text = referral.text(h)
        assert "Fax" not in text and not COMMANDS.search(text) and not JARGON.search(text)
        for org in h.organisations:
            block = share_text(org, TODAY)
            assert units(block) <= SHARE_LIMIT
            confirm = "Call to confirm" in block or "Write to confirm" in block
            assert confirm == org.contact.reachable and ("No phone or e-mail found." in block) != confirm


# -- the JSON ------------------------------------------------------------------------------------------------
def test_the_json_holds_the_count_and_the_organisations_as_their_own_commands_do(directory: Directory) -> None:
    h = made(directory, ["justice-centre", "iss-hk"], "appeal", "2026-11-27")
    h = h._replace(label="Client 12")
    data = referral.record(h)
    assert list(data) == [VERSION_KEY, "today", "label", "deadline", "referrals"]
    assert data["today"] == "2026-12-03" and data["label"] == "Client 12"
    assert h.deadline is not None
    assert data["deadline"] == {k: v for k, v in views.record(h.deadline).items() if k != VERSION_KEY}
    assert [r["organisation"] for r in data["referrals"]] == [organisation(o) for o in h.organisations]
    assert [r["qr"] for r in data["referrals"]] == [
        {"opens": "website", "content": "https://www.justicecentre.org.hk"},
        {"opens": "website", "content": "https://www.isshk.org"},
    ]
    assert referral.record(made(directory, ["iss-hk"]))["deadline"] is None


# -- hostile data --------------------------------------------------------------------------------------------
def test_hostile_data_is_neutralised_in_every_form(unchecked: None) -> None:
    directory = load(DATA_DIR / "hostile.toml")
    h = referral.handout(list(directory.current()), None, "Client \x1b[31m", TODAY)
    html = export_html.handout_page(referral.page(directory, h))
    for form in (html, referral.text(h)):
        assert not [ch for ch in form if ord(ch) in UNSAFE_CODES and ch != "\n"]
    tree = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False).parse(html)
    assert all(a.get("href", "").startswith(("https://", "http://", "tel:", "mailto:", "#")) for a in tree.iter("a"))
    assert not tree.findall(".//script") and not tree.findall(".//b") and "?q=&lt;b&gt;&amp;x=" in html
    # A web address or an e-mail holding control characters is never put in a code.
    assert all(c.isprintable() and " " not in c for c in codes_in(html))


def test_no_command_or_flag_is_spelled_in_the_handouts_modules() -> None:
    import ast

    for module in ("content/referral.py", "content/share.py", "export/html.py"):
        tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert not re.search(r"hkprobono [a-z]|(^|[\s'\"(])--[a-z]", node.value), (module, node.lineno)
