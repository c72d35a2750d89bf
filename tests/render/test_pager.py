"""render/pager.py: long output through a pager only at a terminal, and colour only to a pager
that shows it (less options read as less reads them; `less -+R` gets plain text)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Invoke
from hkprobono.render import pager


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_pager_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    captured = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"tee {captured}")
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    with pager.paged(True) as buffer:
        assert buffer is None  # not a terminal: no pager
    monkeypatch.setattr(sys, "stdout", TTY())
    with pager.paged(False) as buffer:
        assert buffer is None  # --no-pager
    with pager.paged(True) as buffer:
        assert buffer is not None
        buffer.write("long output\n")
    assert captured.read_text() == "long output\n"


def test_missing_pager_falls_back_to_printing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "no-such-pager-program")
    out = TTY()
    monkeypatch.setattr(sys, "stdout", out)
    pager.show("text\n")
    assert out.getvalue() == "text\n"


@pytest.mark.parametrize(
    ("pager_cmd", "less", "colour"),
    [
        ("less", None, True),  # LESS unset: we set FRX, as git does
        ("/usr/bin/less", None, True),
        ("less", "FX", False),  # the user's LESS has no R: raw escapes would show
        ("less", "-R", True),
        ("less -R", "X", True),
        ("more", None, False),
        ("most", None, False),
        ("", None, True),  # no PAGER: less
    ],
)
def test_pager_colour_rule(monkeypatch: pytest.MonkeyPatch, pager_cmd: str, less: str | None, colour: bool) -> None:
    monkeypatch.setenv("PAGER", pager_cmd)
    if less is None:
        monkeypatch.delenv("LESS", raising=False)
    else:
        monkeypatch.setenv("LESS", less)
    assert pager.shows_colour() is colour


def test_the_pager_gets_less_frx_when_less_is_unset(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen = tmp_path / "less.txt"
    monkeypatch.setenv("PAGER", f"sh -c 'echo \"$LESS\" > {seen}; cat >/dev/null'")
    monkeypatch.delenv("LESS", raising=False)
    pager.show("text\n")
    assert seen.read_text() == "FRX\n"
    monkeypatch.setenv("LESS", "S")
    pager.show("text\n")
    assert seen.read_text() == "S\n"  # never overrides the user's choice


def paged_output(monkeypatch: pytest.MonkeyPatch, invoke: Invoke, *args: str) -> str | None:
    """What reaches the pager when stdout is a terminal (None: nothing was paged)."""
    shown: list[str] = []
    monkeypatch.setattr(pager, "active", lambda enabled: enabled)
    monkeypatch.setattr(pager, "show", shown.append)
    result = invoke(*args, env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return shown[0] if shown else None


def test_colour_reaches_less_and_plain_text_reaches_more(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LESS", raising=False)
    monkeypatch.setenv("PAGER", "less")
    to_less = paged_output(monkeypatch, invoke, "list")
    assert to_less is not None and "\x1b[" in to_less
    monkeypatch.setenv("PAGER", "more")
    to_more = paged_output(monkeypatch, invoke, "list")
    assert to_more is not None and "\x1b[" not in to_more and to_more.startswith("Legal:\n")


def test_show_is_paged_and_no_pager_turns_it_off(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "more")
    shown = paged_output(monkeypatch, invoke, "show", "justice-centre")
    assert shown is not None and shown.startswith("Justice Centre Hong Kong")
    assert paged_output(monkeypatch, invoke, "show", "justice-centre", "--no-pager") is None


def test_no_pager_after_the_command(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    assert paged_output(monkeypatch, invoke, "list", "--no-pager") is None
    assert paged_output(monkeypatch, invoke, "list") is not None


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
