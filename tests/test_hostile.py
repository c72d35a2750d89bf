"""Issue 18: hostile data never drives the terminal, never becomes a live link or a formula, and
never gets past loading; files are only ever written whole, where they were meant to go.

tests/data/hostile.toml holds the hostile text. Loading refuses it, naming every field; the
`unchecked` fixture (conftest) switches validation off so that every view is shown it anyway."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA_DIR, Invoke
from hkprobono import safewrite
from hkprobono.errors import HkProBonoError
from hkprobono.text import UNSAFE_CODES, first_unsafe, neutralise

HOSTILE = str(DATA_DIR / "hostile.toml")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # Rich's own colours: the only escape sequence allowed


def raw_controls(text: str, *, rich: bool = False) -> list[str]:
    """Every control or invisible character in `text` (Rich's colour codes aside)."""
    if rich:
        text = SGR.sub("", text)
    return [f"U+{ord(ch):04X}" for ch in text if ord(ch) in UNSAFE_CODES]


# -- loading refuses it ------------------------------------------------------------------------
HOSTILE_FIELDS = {
    ("[meta]", "meta.title"),
    ("[meta]", "meta.compiled_note"),
    ("[meta]", "meta.disclaimer"),
    ("category 'legal'", "categories[0].label"),
    ("category 'legal'", "categories[0].description"),
    ("organisation 'alpha-legal'", "name"),
    ("organisation 'alpha-legal'", "chinese_name"),
    ("organisation 'alpha-legal'", "summary"),
    ("organisation 'alpha-legal'", "keywords[2]"),
    ("organisation 'alpha-legal'", "contact.locations[0].address"),
    ("organisation 'alpha-legal'", "contact.locations[0].name"),
    ("organisation 'alpha-legal'", "contact.phones[0].number"),
    ("organisation 'alpha-legal'", "contact.phones[0].description"),
    ("organisation 'alpha-legal'", "contact.email"),
    ("organisation 'alpha-legal'", "contact.website"),
    ("organisation 'alpha-legal'", "contact.other_websites[0]"),
    ("organisation 'alpha-legal'", "contact.other_websites[1]"),
    ("organisation 'alpha-legal'", "contact.social[0].network"),
    ("organisation 'alpha-legal'", "contact.social[0].url"),
    ("organisation 'alpha-legal'", "contact.locations[0].hours"),
    ("organisation 'alpha-legal'", "sources[0].title"),
    ("organisation 'beta-food'", "contact.website"),
    ("[about]", "about.intro"),
    ("[about]", "about.resources[0].url"),
    ("[usm]", "usm.overview[0]"),
    ("USM step 1", "usm.steps[0].summary"),
    ("USM step 1", "usm.steps[0].what_to_do"),
    ("USM step 1", "usm.steps[0].deadline"),
    ("[synonyms]", "synonyms.lawyer\x1b[8m"),
}


def test_hostile_file_is_refused_with_file_entry_and_field(invoke: Invoke) -> None:
    result = invoke("--data", HOSTILE, "list")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {HOSTILE}: [meta], field 'meta.title': contains U+001B")
    _, hint = result.stderr.splitlines()  # the first problem, then where to find the others
    assert hint == f"see 'hkprobono data check {HOSTILE}'" and not raw_controls(result.stderr)


def test_data_check_names_every_hostile_field_without_crashing(invoke: Invoke) -> None:
    result = invoke("data", "check", HOSTILE, "--json")
    assert result.exit_code == 2, result.output
    assert not raw_controls(result.stdout)
    problems = json.loads(result.stdout)["problems"]
    found = {(p["entry"], p["field"]) for p in problems if p["severity"] == "error"}
    assert found >= HOSTILE_FIELDS, HOSTILE_FIELDS - found
    human = invoke("data", "check", HOSTILE)
    assert human.exit_code == 2 and "Traceback" not in human.output and not raw_controls(human.output)
    assert "contains U+202E (right-to-left override)" in human.stdout


def test_the_gamma_entry_is_hostile_but_valid() -> None:
    """Markup, HTML and formulas are data, not errors: only controls and bad links are refused."""
    from hkprobono.loading.source import problems_in, read

    _, problems = problems_in(read(HOSTILE))
    assert not [p for p in problems if "gamma" in p.entry or ("beta" in p.entry and p.field != "contact.website")]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=c#d", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("--new-window", False),
        ("https://[oops", False),
        ("https://example.org:99999/", False),
        ("https://user@evil.example", False),
        ("https://localhost", False),
        ("https:/example.org", False),
        ("https://exa mple.org", False),
        ("https://example.org/\x1b]0;x\x07", False),
    ],
)
def test_url_grammar_never_raises(url: str, ok: bool) -> None:
    from hkprobono.loading.tables import url_problem

    assert (url_problem(url) is None) == ok


@pytest.mark.parametrize(
    ("number", "ok"),
    [("+852 2345 6789", True), ("+852 9123 4567", True), ("+852 1234", False), ("23456789", False),
     ("+44 20 7946 0958", False), ("+852 2345 6789 ext. 5", False), ("not a number", False)],
)  # fmt: skip
def test_phone_grammar(number: str, ok: bool) -> None:
    from hkprobono.loading.tables import phone_problem

    assert (phone_problem(number) is None) == ok


def test_dates_are_real_and_in_range() -> None:
    from hkprobono.loading.validate import real_date

    assert real_date("2024-02-29", full=True) and real_date("2024-02") and real_date("2024")
    for bad in (
        "2023-02-31",
        "0000",
        "0000-01-01",
        "2023-13",
        "9999",
        "2023-1-1",
        "\uff12\uff10\uff12\uff13",
    ):  # the last: full-width digits
        assert not real_date(bad) and not real_date(bad, full=True), bad


# -- every view escapes it anyway --------------------------------------------------------------
VIEWS = [
    ["show", "alpha-legal"],
    ["show", "alpha-legal", "--json"],
    ["search", "alpha"],
    ["search", "alpha", "--explain"],
    ["search", "alpha", "--plain"],
    ["search", "alpha", "--json"],
    ["list"],
    ["list", "--plain"],
    ["list", "--json"],
    ["about"],
    ["about", "--json"],
    ["usm", "steps"],
    ["usm", "steps", "--plain"],
    ["usm", "step", "1"],
    ["usm", "glossary"],
    ["usm", "glossary", "--json"],
    ["export", "vcard", "--all"],
    ["export", "json"],
    ["export", "hsds"],
    ["export", "html"],
    ["open", "alpha-legal"],
    ["data", "check", HOSTILE],
    ["data", "check", HOSTILE, "--json"],
    ["search", "\x1b]0;pwned\x07\u202e\u061c\u200b"],  # an error that repeats the query
    ["show", "\x9b2J\u2066x"],
]


@pytest.mark.parametrize("args", VIEWS, ids=lambda a: " ".join(a)[:40])
@pytest.mark.parametrize("color", ["never", "always"])
def test_every_view_escapes_hostile_text(invoke: Invoke, unchecked: None, args: list[str], color: str) -> None:
    result = invoke("--data", HOSTILE, "--color", color, *args)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    assert not raw_controls(result.stdout, rich=color == "always"), args
    assert not raw_controls(result.stderr), args


def test_notices_errors_and_the_chooser_escape_hostile_text(
    invoke: Invoke, unchecked: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("hkprobono.cli.options.interactive", lambda: True)
    chooser = invoke("--data", HOSTILE, "show", "example", input="2\n")
    assert chooser.exit_code == 0, chooser.output
    assert "Alpha [bold red]Legal[/bold red] \\x1b[31mAid" in chooser.stderr
    assert not raw_controls(chooser.output)
    wrong = invoke("--data", HOSTILE, "show", "example", input="\x1b]0;x\x07\n" * 3)
    assert wrong.exit_code == 2 and not raw_controls(wrong.output)
    out = tmp_path / "\x1b[31mpage.html"
    notice = invoke("--data", HOSTILE, "export", "html", "-o", str(out))
    assert notice.exit_code == 0 and "wrote" in notice.stderr and not raw_controls(notice.stderr)


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


def test_open_refuses_anything_but_http(invoke: Invoke, unchecked: None) -> None:
    result = invoke("--data", HOSTILE, "open", "beta-food")
    assert result.exit_code == 2 and "not an http(s) address" in result.stderr
    assert "--new-window" not in result.stdout


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


def test_neutralise_covers_the_issue_characters() -> None:
    issue = "\x1b \x07 \x7f \x85 \x9b \x9c \x9d \u061c \u200b \u200c \u200d \u200e \u200f \u202a \u202e"
    issue += " \u2060 \u2066 \u2069"
    for ch in [*issue.split(" "), "\ufeff", "\U000e0041"]:
        shown = neutralise(f"a{ch}b")
        assert ch not in shown and shown.startswith("a\\") and shown.endswith("b"), repr(ch)
        assert first_unsafe(f"a{ch}b") == ch
    assert neutralise("a\nb\tc 法律") == "a\nb\tc 法律"
    assert first_unsafe("a\nb", "\n") is None and first_unsafe("a\nb") == "\n"


def test_json_escapes_every_unsafe_character_and_round_trips() -> None:
    from hkprobono.render.jsonout import dumps

    text = "".join(chr(c) for c in sorted(UNSAFE_CODES))
    out = dumps({"k": text})
    assert not raw_controls(out) and out.isascii()
    assert json.loads(out) == {"k": text}


# -- files ---------------------------------------------------------------------------------------
@pytest.fixture
def no_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    """A refused target must be refused before any rename or link is tried."""
    monkeypatch.setenv("HKPROBONO_CACHE", "0")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"tried to write {args}")

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(os, "link", refuse)


def test_dev_null_is_never_replaced_even_with_force_as_root(invoke: Invoke, no_replace: None) -> None:
    for force in ([], ["--force"]):
        result = invoke("export", "html", "-o", "/dev/null", *force)
        assert result.exit_code == 2, result.output
        assert "not a regular file" in result.stderr or "already exists" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_devices_fifos_folders_and_links_to_them_are_refused(tmp_path: Path, no_replace: None) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    targets = [fifo, tmp_path]
    link = tmp_path / "link"
    link.symlink_to("/dev/null")
    targets.append(link)
    if os.geteuid() == 0:  # as root: a device node of our own, never the real /dev/null
        node = tmp_path / "null"
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        targets.append(node)
    for target in targets:
        with pytest.raises(HkProBonoError):
            safewrite.write_text(target, "x", force=True)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink()


def test_a_link_to_a_regular_file_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.html"
    real.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    with pytest.raises(HkProBonoError, match="already exists"):
        safewrite.write_text(link, "new")
    safewrite.write_text(link, "new", force=True)
    assert link.is_symlink() and real.read_text() == "new"


def test_the_no_overwrite_check_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file created while the export was being written is kept, not overwritten."""
    target = tmp_path / "out.json"
    stage = safewrite._stage

    def racing(where: Path, content: bytes, mode: int, staged: list[Path], *args: Any, **kwargs: Any) -> Path:
        tmp = stage(where, content, mode, staged, *args, **kwargs)
        target.write_text("someone else's")
        return tmp

    monkeypatch.setattr(safewrite, "_stage", racing)
    with pytest.raises(HkProBonoError, match="already exists"):
        safewrite.write_text(target, "ours")
    assert target.read_text() == "someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_without_hard_links_the_name_is_still_claimed_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    safewrite.write_text(tmp_path / "a.txt", "one")
    assert (tmp_path / "a.txt").read_text() == "one"
    with pytest.raises(HkProBonoError, match="already exists"):
        safewrite.write_text(tmp_path / "a.txt", "two")
    assert (tmp_path / "a.txt").read_text() == "one"


def _disk_fills_after(monkeypatch: pytest.MonkeyPatch, files: int) -> None:
    stage = safewrite._stage
    count = {"n": 0}

    def filling(where: Path, content: bytes, mode: int, staged: list[Path], *args: Any, **kwargs: Any) -> Path:
        count["n"] += 1
        if count["n"] > files:
            raise HkProBonoError(f"{where}: cannot be written (No space left on device)")
        return stage(where, content, mode, staged, *args, **kwargs)

    monkeypatch.setattr(safewrite, "_stage", filling)


@pytest.mark.parametrize("force", [False, True])
def test_a_multi_file_export_is_all_or_nothing(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    out = tmp_path / "cards"
    out.mkdir()
    (out / "bvf.vcf").write_text("old card")
    _disk_fills_after(monkeypatch, 5)
    result = invoke("export", "vcard", "--all", "-o", f"{out}/", *(["--force"] if force else []))
    assert result.exit_code == 2
    if force:
        assert "No space left on device" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["bvf.vcf"]  # no new card, no temporary file
    assert (out / "bvf.vcf").read_text() == "old card"


def test_temporary_files_are_removed_on_ctrl_c(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        safewrite.write_text(tmp_path / "a.html", "x" * 100_000)
    with pytest.raises(KeyboardInterrupt):
        safewrite.write_many(tmp_path / "cards", {"a.vcf": b"a", "b.vcf": b"b"})
    assert [p.name for p in tmp_path.rglob("*")] == ["cards"]


DRIVER = """
import os, sys, time
target = sys.argv[1]
def slow(fd):
    open(target + ".writing", "w").close()
    time.sleep(30)
os.fsync = slow
sys.argv = ["hkprobono", "export", "json", "-o", target]
from hkprobono.entry import main
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize(("signal_name", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_temporary_files_are_removed_on_a_signal(tmp_path: Path, signal_name: str, code: int) -> None:
    import signal

    out = tmp_path / "out" / "d.json"
    out.parent.mkdir()
    env = {**os.environ, "HKPROBONO_CACHE": "0"}
    process = subprocess.Popen([sys.executable, "-c", DRIVER, str(out)], stderr=subprocess.PIPE, env=env)
    marker = Path(f"{out}.writing")
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    assert marker.exists(), "the export never started writing"
    assert [p for p in out.parent.iterdir() if p.suffix == ".tmp"]  # caught in the middle of writing
    process.send_signal(getattr(signal, signal_name))
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == code, stderr
    assert b"Traceback" not in stderr
    assert [p.name for p in out.parent.iterdir()] == ["d.json.writing"]  # the test's marker only


# -- data fmt --------------------------------------------------------------------------------------
@pytest.fixture
def unformatted(tmp_path: Path) -> Path:
    target = tmp_path / "d.toml"
    target.write_bytes((DATA_DIR / "full.toml").read_bytes())
    return target


def test_fmt_writes_through_a_symlink_and_keeps_the_mode(invoke: Invoke, unformatted: Path) -> None:
    unformatted.chmod(0o640)
    link = unformatted.parent / "link.toml"
    link.symlink_to(unformatted)
    result = invoke("data", "fmt", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == unformatted
    assert stat.S_IMODE(unformatted.stat().st_mode) == 0o640
    assert unformatted.read_bytes() != (DATA_DIR / "full.toml").read_bytes()


def test_fmt_refuses_hard_links_and_read_only_files(invoke: Invoke, unformatted: Path) -> None:
    before = unformatted.read_bytes()
    other = unformatted.parent / "other.toml"
    os.link(unformatted, other)
    result = invoke("data", "fmt", str(unformatted))
    assert result.exit_code == 2 and "hard links" in result.stderr
    other.unlink()
    unformatted.chmod(0o444)  # refused as root too, who could write it
    result = invoke("data", "fmt", str(unformatted))
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert unformatted.read_bytes() == before


def test_fmt_keeps_an_edit_made_while_it_ran(
    invoke: Invoke, unformatted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tomli_w

    dumps = tomli_w.dumps

    def editing(*args: object, **kwargs: object) -> str:
        unformatted.write_text(unformatted.read_text() + "\n# an edit\n")
        return dumps(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tomli_w, "dumps", editing)
    result = invoke("data", "fmt", str(unformatted))
    assert result.exit_code == 2 and "changed while" in result.stderr
    assert unformatted.read_text().endswith("# an edit\n")


# -- --data on what is not a directory file --------------------------------------------------------
def test_special_and_huge_data_files_are_refused_at_once(invoke: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024 + 1)  # sparse: no disk used
    for path, message in ((Path("/dev/zero"), "not a regular file"), (fifo, "not a regular file"), (huge, "64 MiB")):
        for args in (["--data", str(path), "list"], ["data", "check", str(path)], ["data", "fmt", str(path)]):
            result = invoke(*args)
            assert result.exit_code == 2 and message in result.stderr, (args, result.output)


# -- the cache --------------------------------------------------------------------------------------
@pytest.mark.slow
def test_no_home_turns_the_cache_off(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
    result = subprocess.run(
        [sys.executable, "-m", "hkprobono", "show", "justice-centre"], capture_output=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert b"Justice Centre" in result.stdout and not result.stderr


def test_no_passwd_entry_turns_the_cache_off(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd

    def unknown(uid: int) -> object:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", unknown)
    from hkprobono.loading import cache

    with pytest.raises(cache.Unsafe, match="no home folder"):
        cache.cache_folder()
    result = invoke("show", "justice-centre")
    assert result.exit_code == 0 and "Justice Centre" in result.stdout
    assert result.stderr == (
        "Note: no cache in this run: no home folder (HOME is not set, and the user has no passwd entry); "
        "set XDG_CACHE_HOME to a folder of your own, or HKPROBONO_CACHE=0\n"
    )


@pytest.mark.slow  # hypothesis over many cache files
def test_cache_fuzz_never_changes_output_or_traces_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Random byte edits of a real cache file: a rebuild or the right answer, never a traceback
    and never output that differs from a fresh load."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from hkprobono.cli.catalog import open_catalog
    from hkprobono.content.handout import directory_json
    from hkprobono.loading.source import load

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    data = DATA_DIR / "full.toml"
    fresh = load(data)
    expected = json.dumps(directory_json(fresh), sort_keys=True)
    open_catalog(data)
    (path,) = (tmp_path / "hkprobono").glob("*.cache")
    original = path.read_bytes()
    edit = st.tuples(st.integers(0, len(original) - 1), st.integers(0, 255))

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(edit, min_size=1, max_size=4), st.one_of(st.none(), st.integers(0, len(original))))
    def check(edits: list[tuple[int, int]], cut: int | None) -> None:
        blob = bytearray(original)
        for where, value in edits:
            blob[where] = value
        path.write_bytes(bytes(blob[:cut] if cut is not None else blob))
        catalog = open_catalog(data)
        assert json.dumps(directory_json(catalog.directory), sort_keys=True) == expected
        assert [r.org.slug for r in catalog.index.search("legal")] == [
            r.org.slug for r in open_catalog(data).index.search("legal")
        ]

    check()


# -- a real terminal -------------------------------------------------------------------------------
PTY_DRIVER = """
import sys
from hkprobono.loading import tables
if sys.argv[1] == "unchecked":
    for name in ("first_unsafe", "url_problem", "email_problem", "phone_problem"):
        setattr(tables, name, lambda *args: None)
sys.argv = ["hkprobono", *sys.argv[2:]]
from hkprobono.entry import main
main()
"""


def _in_a_terminal(args: list[str], answer: bytes = b"", *, checked: bool = False) -> tuple[int, str]:
    import pty
    import select

    main, child = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "40", "HKPROBONO_CACHE": "0",
           "BROWSER": "true", "PAGER": "cat"}  # fmt: skip
    env.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    mode = "checked" if checked else "unchecked"
    process = subprocess.Popen(
        [sys.executable, "-c", PTY_DRIVER, mode, "--data", HOSTILE, *args],
        stdin=child, stdout=child, stderr=child, env=env, close_fds=True,
    )  # fmt: skip
    os.close(child)
    if answer:
        os.write(main, answer)
    output = b""
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(main)
    return process.wait(timeout=30), output.decode("utf-8", errors="replace")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "answer"),
    [
        (["search", "alpha"], b""),
        (["search", "alpha", "--explain"], b""),
        (["list"], b""),
        (["show", "alpha-legal"], b""),
        (["show", "alpha-legal", "--no-pager"], b""),
        (["open", "alpha-legal"], b""),
        (["show", "example"], b"1\n"),  # the chooser
        (["about"], b""),
        (["usm", "steps"], b""),
        (["usm", "glossary"], b""),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_no_raw_control_sequence_reaches_a_terminal(args: list[str], answer: bytes) -> None:
    code, output = _in_a_terminal(args, answer)
    assert code == 0, output
    assert "Traceback" not in output
    shown = SGR.sub("", output)
    assert "\x1b" not in shown, repr(shown[max(0, shown.find("\x1b") - 40) : shown.find("\x1b") + 40])
    assert not raw_controls(shown.replace("\r", "").replace("\x07", "\x07")), args
    assert "\x07" not in shown and "\ufffd" not in shown  # every field was escaped, none only replaced
    if args[0] == "show" and answer:
        assert "1. " in output and "Which one" in output


@pytest.mark.slow
def test_the_refusal_of_a_hostile_file_is_clean_in_a_terminal() -> None:
    code, output = _in_a_terminal(["list"], checked=True)
    assert code == 2 and "Error:" in output and "contains U+001B" in output
    assert "\x1b" not in SGR.sub("", output) and not raw_controls(output.replace("\r", ""))
