"""Issue 26, environment and locale: nothing rewritten by a locale, no width or home that breaks a run.

Exports (vCard, ICS, JSON, HSDS, HTML, TSV, the share text) are UTF-8 bytes whatever the locale;
text for a terminal that cannot show a character is escaped visibly and a note says so once; a
Chinese query works under LC_ALL=C; COLUMNS outside 20-1000 is clamped; an empty HOME never puts
the cache in /.cache; a pager that resets -R (`less -+R`) gets plain text.

Before: `PYTHONIOENCODING=ascii export vcard refugee-union` wrote `NICKNAME:\\u96e3...` and exited
0; LC_ALL=C made `search 難民` exit 1; COLUMNS=0 printed nothing; COLUMNS=1000000000 ran out of
memory; `less -+R` showed raw colour codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Invoke
from hkprobono.loading import cache
from hkprobono.render import pager

UTF8 = {"LC_ALL": "C.UTF-8"}
LOCALES = {
    "ascii-io": {"PYTHONIOENCODING": "ascii"},
    "c-locale": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}
DOCUMENTS = [
    ["export", "vcard", "refugee-union"],
    ["export", "json"],
    ["export", "hsds"],
    ["export", "html", "refugee-union"],
    ["show", "refugee-union", "--share"],
    ["list", "--plain"],
    ["search", "難民", "--json"],
]


def _run(
    args: list[str], extra: dict[str, str], preexec_fn: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONIOENCODING")}
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-m", "hkprobono", *args],
        env=env,
        capture_output=True,
        check=False,
        timeout=60,
        preexec_fn=preexec_fn,
    )


@pytest.mark.slow
@pytest.mark.parametrize("args", DOCUMENTS, ids=" ".join)
def test_documents_are_the_same_utf8_bytes_in_any_locale(args: list[str]) -> None:
    expected = _run(args, UTF8)
    assert expected.returncode == 0, expected.stderr
    expected.stdout.decode("utf-8")
    for locale, env in LOCALES.items():
        got = _run(args, env)
        assert got.returncode == 0, (locale, got.stderr)
        assert got.stdout == expected.stdout, locale
        assert not got.stderr, locale  # nothing was escaped, so there is nothing to say


# Each calendar file has its own UID and time stamp (a re-import must not merge two of them).
STAMPED = re.compile(rb"^(UID|DTSTAMP):.*$", re.M)


@pytest.mark.slow
def test_a_calendar_file_is_the_same_in_any_locale(tmp_path: Path) -> None:
    files = []
    for name, env in (("utf8", UTF8), *LOCALES.items()):
        target = tmp_path / f"{name}.ics"
        result = _run(["usm", "deadline", "appeal", "--from", "2026-11-20", "--ics", str(target)], env)
        assert result.returncode == 0, result.stderr
        files.append(STAMPED.sub(b"", target.read_bytes()))
    assert len(set(files)) == 1 and b"Notice of appeal" in files[0]


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["ascii-io", "c-locale"])
def test_terminal_text_is_escaped_visibly_and_said_once(locale: str) -> None:
    result = _run(["show", "refugee-union"], LOCALES[locale])
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == b"Refugee Union  \\u96e3\\u6c11\\u806f\\u6703  [refugee-union]"
    result.stdout.decode("ascii")
    notes = result.stderr.decode().splitlines()
    assert notes == [
        "Note: some characters cannot be shown in this terminal's character set (ascii) and are written as "
        "\\u escapes; a UTF-8 locale (such as LANG=C.UTF-8) shows them"
    ]
    plain = _run(["show", "unhcr"], LOCALES[locale])  # all ASCII: nothing to say
    assert plain.returncode == 0 and not plain.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "found"),
    [
        (["search", "難民", "--plain"], "refugee-union"),
        (["search", "法律援助", "--plain"], "legal"),
        (["show", "難民聯會", "--json"], '"slug": "refugee-union"'),
        (["usm", "glossary", "免遣返聲請", "--json"], '"term"'),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else v,
)
def test_chinese_arguments_work_under_the_c_locale(args: list[str], found: str) -> None:
    expected = _run(args, UTF8)
    got = _run(args, LOCALES["c-locale"])
    assert (got.returncode, got.stdout) == (expected.returncode, expected.stdout), got.stderr
    if expected.returncode == 0:
        assert found in got.stdout.decode("utf-8")


# -- COLUMNS ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "width"),
    [("0", 80), ("-5", 80), ("abc", 80), ("1", 20), ("19", 20), ("20", 20), ("1000", 1000), ("1001", 1000),
     ("1000000000", 1000), ("99999999999999999999999", 1000)],
)  # fmt: skip
def test_the_width_is_clamped(monkeypatch: pytest.MonkeyPatch, value: str, width: int) -> None:
    from hkprobono.render.width import columns

    monkeypatch.setenv("COLUMNS", value)
    assert columns() == width  # 80: shutil's answer when COLUMNS says nothing and there is no terminal


def _limited() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB: COLUMNS=10**9 once needed 3.7 GB


@pytest.mark.slow
@pytest.mark.parametrize("value", ["0", "1", "-3", "abc", "1001", "100000", "1000000000"])
@pytest.mark.parametrize("args", [["show", "refugee-union"], ["usm", "steps"]])
def test_any_columns_prints_a_bounded_view(value: str, args: list[str]) -> None:
    env = {**UTF8, "COLUMNS": value}
    result = _run(["--color", "always", *args], env, preexec_fn=_limited)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    text = result.stdout.decode()
    assert len(text) > 500  # COLUMNS=0 once printed nothing
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert max(len(line) for line in plain.splitlines()) <= 1000 + 200  # a word longer than a line stays whole
    assert len(text) < 400_000  # COLUMNS=100000 once wrote 3 MB for one card


# -- HOME and XDG_CACHE_HOME ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("home", "xdg", "why"),
    [
        ("", None, "HOME is '', not a home folder"),
        ("/", None, "HOME is '/', not a home folder"),
        ("relative/home", None, "HOME is 'relative/home', not a home folder"),
        ("", "relative/cache", "HOME is '', not a home folder"),  # a relative XDG path is ignored, as the spec says
        ("", "", "HOME is '', not a home folder"),
    ],
)
def test_no_usable_home_means_no_cache_and_a_note(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: str, xdg: str | None, why: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    with pytest.raises(cache.Unsafe, match=re.escape(why)):
        cache.cache_folder()
    result = invoke("--data", str(Path(__file__).parent / "data" / "minimal.toml"), "list")
    assert result.exit_code == 0 and "Alpha Legal Aid" in result.stdout
    assert result.stderr == (
        f"Note: no cache in this run: {why}; set XDG_CACHE_HOME to a folder of your own, or HKPROBONO_CACHE=0\n"
    )
    assert not list(tmp_path.iterdir())  # nothing written under the current folder either
    monkeypatch.setenv("HKPROBONO_CACHE", "0")
    quiet = invoke("--data", str(Path(__file__).parent / "data" / "minimal.toml"), "list")
    assert quiet.exit_code == 0 and not quiet.stderr


def test_an_absolute_xdg_cache_home_wins_and_home_is_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    monkeypatch.setenv("HOME", "")
    assert cache.cache_folder() == Path("/somewhere/cache/hkprobono")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "/home/a")
    assert cache.cache_folder() == Path("/home/a/.cache/hkprobono")


# -- the pager ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("command", "less", "colour"),
    [
        ("less -+R", None, False),  # the issue: -+R resets our R
        ("less -+R", "R", False),
        ("less -+r", "-FRX", False),
        ("less -R -+R", None, False),
        ("less -+R -R", None, True),  # the last word wins
        ("less", "-F -+R", False),
        ("less", "-PR", False),  # a prompt containing R is not -R
        ("less", "-Pprompt$R", True),  # in LESS a value ends at $
        ("less", "-P prompt R", False),
        ("less -PR", "X", False),
        ("less --RAW-CONTROL-CHARS", "X", True),
        ("less --raw-control", "X", True),
        ("less", "--RAW-CONTROL-CHARS", True),
        ("less +R", "X", False),  # an initial command, not an option
        ("less -r", "X", True),
    ],
)
def test_less_options_are_read_as_less_reads_them(
    monkeypatch: pytest.MonkeyPatch, command: str, less: str | None, colour: bool
) -> None:
    monkeypatch.setenv("PAGER", command)
    if less is None:
        monkeypatch.delenv("LESS", raising=False)
    else:
        monkeypatch.setenv("LESS", less)
    assert pager.shows_colour() is colour


@pytest.mark.slow
@pytest.mark.parametrize(("flags", "colour"), [("-+R", False), ("-R", True)])
def test_a_pager_that_resets_r_gets_no_colour_codes(tmp_path: Path, flags: str, colour: bool) -> None:
    """A real terminal, and a `less` that records what it is given."""
    import pty

    fake = tmp_path / "bin" / "less"
    fake.parent.mkdir()
    seen = tmp_path / "seen"
    fake.write_text(f"#!/bin/sh\ncat > {seen}\n")
    fake.chmod(0o755)
    main, child = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "40", "PAGER": f"{fake} {flags}"}
    env.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    env.pop("LESS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "hkprobono", "show", "justice-centre"], stdin=child, stdout=child, stderr=child, env=env
    )
    os.close(child)
    try:
        assert process.wait(timeout=60) == 0
    finally:
        os.close(main)
    shown = seen.read_text(encoding="utf-8")
    assert "Justice Centre Hong Kong" in shown
    assert ("\x1b[" in shown) is colour
