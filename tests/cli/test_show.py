"""`hkprobono show`: on a terminal without colour (NO_COLOR, --color never, TERM=dumb) the card wraps
to the terminal's width as the Rich card does, and at 40 columns says the status and what to check
first on its first screen; piped, the card is exactly as it was, whatever COLUMNS says. And the
chooser an ambiguous name brings up, on a terminal and off it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA_DIR, ESCAPES, GOLDEN_DIR, Invoke, read_terminal
from hkprobono.content.share import SHARE_LIMIT, share_text
from hkprobono.freshness import today
from hkprobono.loading.source import load
from hkprobono.render import present
from hkprobono.render.layout import NUMBER
from hkprobono.text import display_width

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SCREEN = 15  # the first screen of a small phone's terminal


def fits(text: str, width: int) -> bool:
    """Every line within the width, but for one word (a web address) or phone number alone on it."""
    for line in text.splitlines():
        token = line.strip(" ")
        if display_width(line) > width and " " in token and not re.fullmatch(NUMBER, token):
            return False
    return True


def first_screen(text: str) -> str:
    return "\n".join(text.splitlines()[:SCREEN])


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard output taken for a terminal, as the presenter asks it (CliRunner's never is one)."""
    monkeypatch.setattr(present, "on_terminal", lambda stream=None: True)


@pytest.mark.parametrize(
    ("args", "env"),
    [
        ([], {"NO_COLOR": "1"}),
        (["--color", "never"], {}),
        ([], {"TERM": "dumb"}),
    ],
    ids=["NO_COLOR", "--color never", "TERM=dumb"],
)
@pytest.mark.parametrize("width", [40, 80])
def test_plain_text_on_a_terminal_wraps_to_its_width(
    invoke: Invoke, terminal: None, args: list[str], env: dict[str, str], width: int
) -> None:
    result = invoke(*args, "--no-pager", "show", "justice-centre", env={**env, "COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b[" not in out and fits(out, width)
    assert "+852 3109 7359" in out  # a phone number is never split
    assert "https://www.justicecentre.org.hk/i-want-to-know-how-you-can-help-me/" in out  # nor an address
    piped = (GOLDEN_DIR / "show_justice_centre.txt").read_text(encoding="utf-8")
    assert [w for w in out.split() if set(w) != {"="}] == [w for w in piped.split() if set(w) != {"="}]
    screen = first_screen(out)
    assert "UNCONFIRMED" in screen and "Check first:" in screen
    assert "Address and phone from an undated" in screen


def test_at_40_columns_the_label_goes_above_its_value(invoke: Invoke, terminal: None) -> None:
    out = invoke("--no-pager", "show", "justice-centre", env={"NO_COLOR": "1", "COLUMNS": "40"}).stdout
    assert out.splitlines()[3:7] == [
        "Status:",
        "  UNCONFIRMED: No source says it has",
        "  closed, but the newest sign of",
        "  activity found is from November 2023",
    ]


@pytest.mark.parametrize("slug", ["justice-centre", "soco", "amnesty-hk"])
def test_the_rich_card_at_40_columns_leads_with_status_and_advice(invoke: Invoke, slug: str) -> None:
    out = ANSI.sub("", invoke("--color", "always", "--no-pager", "show", slug, env={"COLUMNS": "40"}).stdout)
    screen = first_screen(out)
    assert "Status" in screen and ("UNCONFIRMED" in screen or "CLOSED" in screen)
    if slug != "amnesty-hk":  # a closed organisation has no contact details to check
        assert "Check first" in screen


@pytest.mark.parametrize("width", ["40", "80", "0"])
def test_piped_output_is_never_wrapped(invoke: Invoke, width: str) -> None:
    for env in ({"NO_COLOR": "1"}, {}):
        out = invoke("show", "justice-centre", env={**env, "COLUMNS": width}).stdout
        assert out == (GOLDEN_DIR / "show_justice_centre.txt").read_text(encoding="utf-8")


# -- a real terminal --------------------------------------------------------------------------------
def _in_a_terminal(args: list[str], columns: int, env: dict[str, str]) -> str:
    """Run in a pseudo-terminal of `columns` columns: its width comes from the terminal, not COLUMNS."""
    import fcntl
    import pty
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    full = {**os.environ, "TERM": "xterm-256color", "PAGER": "cat", **env}
    for name in ("COLUMNS", "LINES", "_TYPER_FORCE_DISABLE_TERMINAL"):
        full.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "hkprobono", *args], stdin=child, stdout=child, stderr=child, env=full, close_fds=True
    )
    os.close(child)
    output = read_terminal(main, process)
    assert process.wait(timeout=30) == 0
    return output.decode("utf-8").replace("\r\n", "\n")


@pytest.mark.slow  # starts the program in a pseudo-terminal
@pytest.mark.parametrize("columns", [40, 80])
def test_no_color_in_a_real_terminal_wraps_and_leads_with_the_advice(columns: int) -> None:
    out = _in_a_terminal(["show", "justice-centre", "--no-pager"], columns, {"NO_COLOR": "1"})
    assert "\x1b[" not in out and fits(out, columns)
    assert "Check first:" in first_screen(out)
    if columns == 40:
        assert out.splitlines()[:4] == ["Justice Centre Hong Kong", "[justice-centre]", "=" * 24, "Status:"]
    else:
        assert out.splitlines()[2].startswith("Status:         UNCONFIRMED: No source says it has closed")


# -- the chooser --------------------------------------------------------------------------------
def test_show_never_prompts_without_a_terminal(invoke: Invoke) -> None:
    result = invoke("show", "refugee", input="1\n")
    assert result.exit_code == 2 and "Which one" not in result.output


def test_show_asks_which_one_on_a_terminal(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hkprobono.cli.options.interactive", lambda: True)
    result = invoke("show", "refugee", input="2\n")
    assert result.exit_code == 0, result.output
    assert "Which one (1-4)" in result.output
    listed = [line.split("[")[1].rstrip("]") for line in result.stderr.splitlines() if line[:2] in ("1.", "2.")]
    assert f"  [{listed[1]}]\n" in result.stdout
    assert invoke("show", "refugee", input="7\n7\n7\n").exit_code == 2


def _chooser_in_a_terminal(keys: bytes) -> tuple[int, str]:
    """`show refugee` on a pseudo-terminal: wait for the chooser, type `keys`, return the exit code."""
    import pty
    import select

    exe = str(Path(sys.executable).parent / "hkprobono")
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80", "LINES": "40", "PAGER": "cat"}
    env.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty, so ^C becomes SIGINT
        os.execve(exe, [exe, "show", "refugee"], env)
    output = b""
    sent = False
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if not sent and b"Which one" in output:
            os.write(fd, keys)
            sent = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", errors="replace")


@pytest.mark.slow
@pytest.mark.parametrize("keys", [b"\x03", b"\x04"], ids=["ctrl-c", "ctrl-d"])
def test_ctrl_c_or_ctrl_d_at_the_chooser_exits_130(keys: bytes) -> None:
    code, output = _chooser_in_a_terminal(keys)
    assert code == 130, output
    assert "Aborted" not in output and "Traceback" not in output
    assert "cancelled" in output


def test_show_prefix_and_json_uses_data_field_names(invoke: Invoke) -> None:
    result = invoke("show", "justice", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["organisation"]
    assert data["slug"] == "justice-centre"
    # The data file's (HSDS) names: a phone's type and description, the locations with their districts.
    assert data["contact"]["phones"][0] == {
        "number": "+852 3109 7359",
        "type": "voice",
        "description": data["contact"]["phones"][0]["description"],
    }
    assert data["contact"]["locations"][0]["district"] == "Central and Western"
    assert {"name", "alternate_names", "former_names", "status", "categories", "summary", "sources"} <= set(data)
    assert data["sources"][0]["url"].startswith("https://")


def test_show_by_name(invoke: Invoke) -> None:
    result = invoke("show", "Branches of Hope")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Branches of Hope  希望枝子  [branches-of-hope]")


def test_show_card_says_what_is_missing_and_advises_calling(invoke: Invoke) -> None:
    result = invoke("show", "branches-of-hope")
    assert "Phone:          not found in the sources" in result.stdout
    # the advice names each old detail by the date of its own source
    result = invoke("show", "refugee-union")
    advice = (
        "Check first:    Address and phone from an undated source; e-mail from 2019-03-04; opening hours from 2022: "
        "call to confirm"
    )
    assert advice in result.stdout


def test_show_unknown_suggests(invoke: Invoke) -> None:
    result = invoke("show", "justic-centr")
    assert result.exit_code == 0, result.output  # a clear winner is taken
    result = invoke("show", "zzzzzz")
    assert result.exit_code == 2
    assert "no organisation called 'zzzzzz'" in result.stderr


def test_show_ambiguous_exit_2_and_first(invoke: Invoke) -> None:
    result = invoke("show", "refugee")
    assert result.exit_code == 2
    # four: Grassroots Future is also known as "Refugee Week Hong Kong"
    assert "matches 4 organisations" in result.stderr and "--first" in result.stderr
    result = invoke("show", "refugee", "--first")
    assert result.exit_code == 0, result.output


def test_show_closed_organisation_says_closed(invoke: Invoke) -> None:
    result = invoke("show", "amnesty-hk")
    assert result.exit_code == 0, result.output
    assert "Status:         CLOSED: The local office closed on 31 October 2021" in result.stdout


def test_hostile_text_is_shown_literally(invoke: Invoke, unchecked: None) -> None:
    path = str(DATA_DIR / "hostile.toml")
    commands = (
        ["show", "alpha-legal"],
        ["search", "alpha"],
        ["search", "alpha", "--plain"],
        ["list"],
        ["list", "--plain"],
        ["show", "alpha-legal", "--json"],
        ["about"],
        ["usm", "steps"],
        ["usm", "steps", "--plain"],
        ["usm", "step", "1"],
        ["usm", "glossary"],
        ["usm", "glossary", "--json"],
    )
    for args in commands:
        result = invoke("--data", path, *args)
        assert result.exit_code == 0, result.output
        for raw in ("\x1b", "\x9b", "\u202e", "\x07"):
            assert raw not in result.stdout, (args, raw)
    assert "[bold red]Legal[/bold red]" in invoke("--data", path, "show", "alpha-legal").stdout
    assert "[blink]claim[/blink]" in invoke("--data", path, "usm", "steps").stdout
    for args in (["show", "alpha-legal"], ["usm", "steps"], ["usm", "glossary"], ["about"]):
        rich = invoke("--data", path, "--color", "always", *args).stdout
        assert "[blink]" in rich or "[bold red]" in rich or "[red]" in rich or "[bold]" in rich, args
        for raw in ("\x1b[2J", "\x9b", "\u202e", "\x07", "\x1b]0;"):
            assert raw not in rich, (args, raw)


def test_show_joins_words_and_takes_a_slug_slip(invoke: Invoke) -> None:
    assert "[refugee-union]" in invoke("show", "refugee", "union").stdout
    assert "[refugee-union]" in invoke("show", "refugee-uion").stdout


def test_an_ambiguous_name_lists_as_many_as_it_counts(invoke: Invoke) -> None:
    result = invoke("show", "refugee")
    assert result.exit_code == 2
    message = result.stderr.splitlines()[0]
    count = int(message.split(" matches ")[1].split()[0])
    listed = message.split(": ", 2)[-1]
    shown = len(listed.split(" and ")[0].split(", "))
    more = int(listed.split(" and ")[1].split()[0]) if " more" in listed else 0
    assert shown + more == count


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
