"""`hkprobono handout` (issue 24, point 3): a client's handout in one command. The text to paste,
exactly; the page through safewrite; the same errors as `show` and `usm deadline`; nothing about the
client left anywhere; and, in headless Chromium, one printed A4 page and the first referral's phone on
a phone's first screen."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import DATA_DIR, Invoke, golden
from hkprobono.content import referral
from hkprobono.content.jsondoc import VERSION_KEY
from hkprobono.loading.source import load
from hkprobono.text import UNSAFE_CODES

TODAY = {"HKPROBONO_TODAY": "2026-12-03"}
DONE_WHEN = ["justice-centre", "refugee-union", "--appeal-from", "2026-11-27"]


def test_the_text_to_paste(invoke: Invoke) -> None:
    for form in ([], ["--text"]):  # the text is the default, and --text says so
        result = invoke("handout", *DONE_WHEN, "--label", "Client 12", *form, env=TODAY)
        assert result.exit_code == 0, result.output
        golden("handout.txt", result.stdout)
        assert result.stderr == ""


def test_a_passed_date_leads_with_the_late_filing_rule_as_usm_deadline_does(invoke: Invoke) -> None:
    result = invoke("handout", "iss-hk", "--appeal-from", "2026-11-01", env=TODAY)
    assert result.exit_code == 0, result.output
    golden("handout_late.txt", result.stdout)
    counted = invoke("--color", "never", "--no-pager", "usm", "deadline", "appeal", "--from", "2026-11-01", env=TODAY)
    first = [" ".join(line.split()) for line in counted.stdout.splitlines()[:3]]
    assert result.stdout.splitlines()[:3] == first  # the same words, in the same order


@pytest.mark.parametrize(
    ("args", "usm"),
    [
        (["--appeal-from", "2026-12-04"], ["appeal", "--from", "2026-12-04"]),
        (["--jr-from", "2026-02-30"], ["jr", "--from", "2026-02-30"]),
        (["--appeal-from", "\uff12\uff10\uff12\uff16-01-01"], ["appeal", "--from", "\uff12\uff10\uff12\uff16-01-01"]),
    ],
)
def test_a_bad_or_future_date_is_the_usage_error_usm_deadline_gives(
    invoke: Invoke, tmp_path: Path, args: list[str], usm: list[str]
) -> None:
    out = tmp_path / "client.html"
    result = invoke("handout", "justice-centre", *args, "-o", str(out), env=TODAY)
    expected = invoke("usm", "deadline", *usm, env=TODAY)
    assert result.exit_code == expected.exit_code == 2
    assert result.stderr == expected.stderr and result.stdout == ""
    assert not out.exists()


@pytest.mark.parametrize("name", ["justce-centre", "nosuch", "refugee"])
def test_an_unknown_or_ambiguous_name_gets_what_show_says(invoke: Invoke, name: str) -> None:
    result = invoke("handout", "refugee-union", name, env=TODAY)
    shown = invoke("show", name, env=TODAY)
    assert result.exit_code == shown.exit_code
    assert result.stderr == shown.stderr
    if shown.exit_code == 0:  # a slip that nearly names one organisation takes it, as show does
        org = load().by_slug("justice-centre")
        assert org is not None and f"2. {org.name}" in result.stdout


def test_refusals_say_why(invoke: Invoke) -> None:
    closed = invoke("handout", "refugee-union", "amnesty-hk", env=TODAY)
    assert closed.exit_code == 2 and closed.stdout == ""
    assert closed.stderr == (
        "Error: 'amnesty-hk' is closed: a handout lists only organisations a client can go to\n"
        "leave it out: see 'hkprobono show amnesty-hk'\n"
    )
    many = invoke("handout", "refugee-union", "iss-hk", "unhcr", "rainlily", env=TODAY)
    assert many.exit_code == 2 and "at most 3 organisations, on one printed page; 4 were named" in many.stderr
    long_label = invoke("handout", "refugee-union", "--label", "x" * 41, env=TODAY)
    assert long_label.exit_code == 2 and "the client label is longer than 40 characters" in long_label.stderr


def test_a_name_given_twice_is_listed_once_and_said(invoke: Invoke) -> None:
    result = invoke("handout", "refugee-union", "Refugee Union", "iss-hk", "refugee-union", env=TODAY)
    assert result.exit_code == 0, result.output
    assert result.stderr == "named more than once, listed once: refugee-union\n"
    assert [line for line in result.stdout.splitlines() if re.match(r"\d\. ", line)] == [
        "1. Refugee Union 難民聯會",
        "2. International Social Service Hong Kong Branch",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["--appeal-from", "2026-11-27", "--jr-from", "2026-11-27"],
        ["--text", "-o", "x.html"],
        ["--json", "--text"],
        ["--json", "-o", "x.html"],
    ],
)
def test_options_that_contradict_each_other_are_a_usage_error(invoke: Invoke, args: list[str]) -> None:
    result = invoke("handout", "refugee-union", *args, env=TODAY)
    assert result.exit_code == 2 and "cannot be used together" in result.stderr
    assert not Path("x.html").exists()


def test_the_page_is_written_through_safewrite(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "client.html"
    result = invoke("handout", *DONE_WHEN, "-o", str(out), env=TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == f"wrote {out}\n"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Last day: Friday 11 December 2026" in page
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~current_umask())
    again = invoke("handout", "refugee-union", "-o", str(out), env=TODAY)
    assert again.exit_code == 2 and "already exists" in again.stderr and "--force" in again.stderr
    assert out.read_text(encoding="utf-8") == page
    forced = invoke("handout", "refugee-union", "-o", str(out), "--force", env=TODAY)
    assert forced.exit_code == 0 and "Last day" not in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["client.html"]  # no temporary file left


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_json(invoke: Invoke) -> None:
    result = invoke("handout", *DONE_WHEN, "--label", "Client 12", "--json", env=TODAY)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [VERSION_KEY, "today", "label", "deadline", "referrals"]
    counted = json.loads(invoke("usm", "deadline", "appeal", "--from", "2026-11-27", "--json", env=TODAY).stdout)
    assert data["deadline"] == {k: v for k, v in counted.items() if k != VERSION_KEY}
    assert data["deadline"]["days_left"] == 8 and data["label"] == "Client 12"
    shown = json.loads(invoke("show", "justice-centre", "--json").stdout)["organisation"]
    assert data["referrals"][0] == {
        "organisation": shown,
        "qr": {"opens": "website", "content": shown["contact"]["website"]},
    }


def test_hostile_data_and_a_hostile_label_reach_no_output_raw(invoke: Invoke, unchecked: None, tmp_path: Path) -> None:
    page = tmp_path / "client.html"
    args = ["--data", str(DATA_DIR / "hostile.toml"), "handout", "alpha-legal", "gamma-formula", "--label", "x\x1b[2Jy"]
    for form in ([], ["--json"], ["-o", str(page)]):
        result = invoke(*args, *form, env=TODAY)
        assert result.exit_code == 0, result.output
        for text in (result.stdout, result.stderr):
            assert not [ch for ch in text if ord(ch) in UNSAFE_CODES and ch != "\n"], form
    html = page.read_text(encoding="utf-8")
    assert not [ch for ch in html if ord(ch) in UNSAFE_CODES and ch != "\n"]
    assert "For: x\\x1b[2Jy" in html


# -- nothing about the client is kept --------------------------------------------------------------------
MARK = "Client QZ-4471"


def files_under(*roots: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for root in roots for p in root.rglob("*") if p.is_file()}


def test_nothing_about_the_client_is_kept(invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every place a run could write (the cache, the home folder, the update channel's folder, the
    temporary folder, the working folder) holds nothing of the client afterwards: only the page asked
    for, in the file asked for."""
    home, cache, state, temp, work = (tmp_path / name for name in ("home", "cache", "state", "temp", "work"))
    for folder in (home, cache, state, temp, work):
        folder.mkdir()
    env = {**TODAY, "HOME": str(home), "XDG_CACHE_HOME": str(cache), "HKPROBONO_HOME": str(state), "TMPDIR": str(temp)}
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.chdir(work)
    # A name, not a slug, so that the search index is built and cached too.
    args = ["handout", "refugee union", "justice-centre", "--appeal-from", "2026-11-27", "--label", MARK]
    for form in ([], ["--json"], ["-o", "client.html"]):
        result = invoke(*args, *form, env=env)
        assert result.exit_code == 0, result.output
        assert MARK in (result.stdout if form != ["-o", "client.html"] else (work / "client.html").read_text())
    found = files_under(home, cache, state, temp, work)
    assert any(p.is_relative_to(cache) for p in found), "the run cached the directory where this test looks"
    assert sorted(p.relative_to(work).as_posix() for p in found if p.is_relative_to(work)) == ["client.html"]
    assert not any(p.is_relative_to(temp) for p in found)
    for marker in (MARK.encode(), b"2026-11-27", b"Friday 27 November 2026"):
        holding = [p for p, data in found.items() if marker in data]
        assert holding == [work / "client.html"] or (marker == b"2026-11-27" and not holding), (marker, holding)


# -- in headless Chromium: one A4 page, and the phone on a phone's first screen ------------------------------------
def chromium(page: Path, *flags: str) -> None:
    browser = shutil.which("chromium")
    if browser is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium): the handout's layout is untested")
    profile = Path(tempfile.mkdtemp(dir=page.parent))
    common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"]
    command = [browser, *common, "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    subprocess.run(
        [*command, f"--user-data-dir={profile}", *flags, page.as_uri()], capture_output=True, timeout=120, check=False
    )


def longest_three() -> list[str]:
    """The three current organisations whose referrals say the most: the page's worst case."""
    size = {o.slug: sum(len(f"{line.label}{line.text}{line.note}") for line in referral.referral(o, 1).lines)
            for o in load().current()}  # fmt: skip
    return sorted(size, key=lambda slug: -size[slug])[:3]


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        [*DONE_WHEN],
        [*longest_three(), "--appeal-from", "2026-11-01", "--label", "x" * 40],
        [*longest_three(), "--jr-from", "2026-08-01", "--label", "x" * 40],
    ],
    ids=["done-when", "longest-appeal-passed", "longest-jr-passed"],
)
def test_three_referrals_print_on_one_a4_page_that_leads_with_the_date(
    invoke: Invoke, tmp_path: Path, args: list[str]
) -> None:
    pypdf = pytest.importorskip("pypdf", reason="pypdf counts the pages: pip install -e '.[test]'")
    html, pdf = tmp_path / "client.html", tmp_path / "client.pdf"
    assert invoke("handout", *args, "-o", str(html), env=TODAY).exit_code == 0
    chromium(html, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert pdf.exists(), "chromium printed nothing"
    pages = pypdf.PdfReader(pdf).pages
    assert len(pages) == 1
    box = pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)  # A4
    lines = [line for line in pages[0].extract_text().splitlines() if line.strip()]
    first = lines[1] if args[-2] == "--label" else lines[0]
    assert first.startswith("Last day: "), lines[:3]
    assert "Check before you go." in " ".join(lines)


PHONE = (390, 844)
MARKER = (255, 0, 255)


def screenshot(page: Path, png: Path) -> object:
    from PIL import Image

    chromium(page, f"--window-size={PHONE[0]},{PHONE[1]}", f"--screenshot={png}")
    assert png.exists(), "chromium made no screenshot"
    image = Image.open(png).convert("RGB")
    assert image.size == PHONE
    return image


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "target"),
    [
        (DONE_WHEN, "#justice-centre a.tel"),
        (["refugee-union", "justice-centre"], "#refugee-union a.tel"),
        # Passed: the rule for filing late comes first, as in `usm deadline`, and with it the phones
        # of who can help (the first list; the days that moved the date follow), on the first screen then.
        (["refugee-union", "--appeal-from", "2026-11-01"], ".deadline ul:first-of-type"),
    ],
    ids=["with-a-deadline", "without", "passed-who-can-help"],
)
def test_the_first_phone_is_on_a_phones_first_screen(
    invoke: Invoke, tmp_path: Path, args: list[str], target: str
) -> None:
    """The page at 390x844, as it is, and again with the first referral's phone link (or, for a
    passed date, the phones of who can help) painted in a colour found nowhere else (a background
    changes no layout): the painted box must be whole on the first screen, and the two screenshots
    the same everywhere else."""
    import zxingcpp
    from PIL import ImageChops

    html = tmp_path / "client.html"
    assert invoke("handout", *args, "-o", str(html), env=TODAY).exit_code == 0
    page = html.read_text(encoding="utf-8")
    marked = tmp_path / "marked.html"
    paint = f"{target} {{ background: rgb{MARKER}; color: rgb{MARKER}; }}"
    marked.write_text(page.replace("</style>", f"{paint}</style>", 1), encoding="utf-8")
    plain, painted = screenshot(html, tmp_path / "plain.png"), screenshot(marked, tmp_path / "marked.png")
    pixels = [(x, y) for y in range(PHONE[1]) for x in range(PHONE[0]) if painted.getpixel((x, y)) == MARKER]  # type: ignore[attr-defined]
    assert len(pixels) > 1000, "the first referral's phone is not on the first screen"
    xs, ys = [x for x, _ in pixels], [y for _, y in pixels]
    left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
    assert bottom < PHONE[1] - 1 and right < PHONE[0] - 1, "the phone number is cut at the screen's edge"
    assert len(pixels) == (right - left + 1) * (bottom - top + 1), "the painted link is not one whole box"
    # Nothing else moved: the screenshots differ only there (and in the link's anti-aliased edge pixels).
    changed = ImageChops.difference(plain, painted).getbbox()  # type: ignore[arg-type]
    assert changed is not None
    assert left - 1 <= changed[0] <= left and top - 1 <= changed[1] <= top
    assert right + 1 <= changed[2] <= right + 2 and bottom + 1 <= changed[3] <= bottom + 2
    if target.startswith("#justice-centre"):  # its QR code is on the first screen too, and reads back
        found = zxingcpp.read_barcodes(plain)
        assert [r.text for r in found] == ["https://www.justicecentre.org.hk"]


@pytest.mark.slow
def test_nothing_is_wider_than_a_phones_screen(invoke: Invoke, tmp_path: Path) -> None:
    """The longest referrals (the longest web address among them) at 390 px: a script added for the
    test paints a square green when the page is no wider than the screen, red when it scrolls sideways."""
    html = tmp_path / "client.html"
    args = [*longest_three(), "--appeal-from", "2026-11-01", "--label", "x" * 40]
    assert invoke("handout", *args, "-o", str(html), env=TODAY).exit_code == 0
    # Measured again on every resize: headless Chromium lays the page out wider first, then resizes
    # the window to the size asked for before it takes the screenshot.
    probe = (
        "<script>const d = document.createElement('div'); document.body.append(d); function paint() { "
        "const fits = document.documentElement.scrollWidth <= innerWidth && innerWidth === 390; "
        "d.style.cssText = 'position:fixed;left:0;top:0;width:20px;height:20px;background:' + "
        "(fits ? '#00ff00' : '#ff0000'); } paint(); addEventListener('resize', paint);</script>"
    )
    html.write_text(html.read_text(encoding="utf-8").replace("</body>", f"{probe}</body>"), encoding="utf-8")
    image = screenshot(html, tmp_path / "probe.png")
    assert image.getpixel((10, 10)) == (0, 255, 0)  # type: ignore[attr-defined]
