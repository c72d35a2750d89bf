"""Rendering: the colour decision, and that data text can never become markup or escape codes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA_DIR, HOSTILE, SGR, Invoke, raw_controls, read_terminal
from hkprobono.content import card, search
from hkprobono.freshness import today
from hkprobono.loading.source import load
from hkprobono.render.jsonout import dumps
from hkprobono.render.present import wants_rich
from hkprobono.render.terminal import RichRenderer
from hkprobono.search.engine import Index
from hkprobono.text import neutralise


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_wants_rich_follows_the_conventions(monkeypatch: pytest.MonkeyPatch) -> None:
    assert wants_rich("auto", FakeTTY())
    assert not wants_rich("auto", io.StringIO())
    assert wants_rich("always", io.StringIO())
    assert not wants_rich("never", FakeTTY())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_rich("auto", FakeTTY())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not wants_rich("auto", FakeTTY())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert wants_rich("auto", io.StringIO())


def test_rich_output_never_interprets_data_as_markup(
    rich_console: tuple[RichRenderer, io.StringIO], unchecked: None
) -> None:
    renderer, buffer = rich_console
    directory = load(DATA_DIR / "hostile.toml")
    org = directory.by_slug("alpha-legal")
    assert org is not None
    renderer.card(card.card(directory, org, today()))
    view = search.view(directory, "[red]alpha", Index(directory).find("alpha", kind="org"))
    assert view is not None
    renderer.results(view)
    text = buffer.getvalue()
    assert "[bold red]Legal[/bold red]" in text
    assert "[link=https://evil.example]" in text.replace("\n", "") or "[link=https://evil.exam" in text
    for raw in ("\x1b[31mAid", "\x9b", "\u202e", "\x07", "\x1b]8;;https://evil"):
        assert raw not in text


def test_json_escapes_c1_and_bidi_controls() -> None:
    text = dumps({"x": "a\x9b2J\u202eb\x1b"})
    assert "\\u009b" in text and "\\u202e" in text and "\\u001b" in text
    assert "\x9b" not in text and "\u202e" not in text


def _escaped_by_definition(text: str) -> str:
    """What neutralise must do, spelled out character by character (its fast path uses a regex)."""
    # Format characters (Cf) that show as a mark of their own stay: Arabic number signs and the like.
    visible = {*range(0x600, 0x606), 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD, *range(0x13430, 0x13439)}
    # The whole tag block goes, its unassigned code points too: a later Unicode may assign them as
    # format characters, and they never belong in a directory's text.
    tags = range(0xE0000, 0xE0080)
    out = []
    for ch in text:
        kind = unicodedata.category(ch)
        invisible = (kind == "Cf" and ord(ch) not in visible) or ord(ch) in tags
        if (kind == "Cc" and ch not in "\n\t") or kind in ("Zl", "Zp") or invisible:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


@given(st.text(alphabet=st.characters(), max_size=60) | st.sampled_from(["\x1b[31mred", "a\u202eb", "\x9b2J", "x\ny"]))
def test_neutralise_escapes_exactly_the_controls(text: str) -> None:
    shown = neutralise(text)
    assert shown == _escaped_by_definition(text)
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in shown)


@pytest.mark.slow
def test_neutralise_agrees_with_its_definition_on_every_code_point() -> None:
    wrong = [hex(c) for c in range(0x110000) if neutralise(chr(c)) != _escaped_by_definition(chr(c))]
    assert not wrong


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
    output = read_terminal(main, process)
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
