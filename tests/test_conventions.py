"""Habits of a good command-line tool: documented commands, completion, --plain, pager, colour, open."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from conftest import Invoke
from hkprobono.cli.app import app
from hkprobono.content import directory, guide, search
from hkprobono.render import pager

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group: Any = None, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    group = group or typer.main.get_command(app)
    ctx = typer.Context(group)
    for name in sorted(group.list_commands(ctx)):
        command = group.get_command(ctx, name)
        path = (*prefix, name)
        yield path, command
        if hasattr(command, "commands"):
            yield from commands(command, path)


ALL = list(commands())


def test_there_are_commands() -> None:
    names = {" ".join(p) for p, _ in ALL}
    expected = {"search", "show", "list", "about", "open", "usm", "usm steps", "usm step", "usm glossary"}
    assert expected | {"usm overview", "export vcard", "export json", "export hsds", "export html"} <= names
    assert {"data check", "data fmt"} <= names


@pytest.mark.parametrize(("path", "command"), ALL, ids=[" ".join(p) for p, _ in ALL])
def test_every_command_has_help_with_an_example(path: tuple[str, ...], command: Any) -> None:
    assert command.help, path
    examples = command.help.split("Example", 1)[-1]
    assert "Example" in command.help and examples.count("hkprobono ") >= 2, path


@pytest.mark.parametrize(("path", "command"), ALL, ids=[" ".join(p) for p, _ in ALL])
def test_every_option_and_argument_has_help(path: tuple[str, ...], command: Any) -> None:
    for param in command.params:
        assert getattr(param, "help", None), (path, param.name)


@pytest.mark.parametrize(("path", "command"), ALL, ids=[" ".join(p) for p, _ in ALL])
def test_readme_documents_every_command(path: tuple[str, ...], command: Any) -> None:
    assert f"hkprobono {' '.join(path)}" in README or f"`{' '.join(path)}" in README, path


def test_root_help_has_exit_codes(invoke: Invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0, result.output
    assert "Exit codes: 0 success; 1 nothing found" in result.stdout
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def complete(env: dict[str, str]) -> str:
    exe = Path(sys.executable).parent / "hkprobono"
    full = {**os.environ, "_HKPROBONO_COMPLETE": "", **env}
    return subprocess.run([str(exe)], env=full, capture_output=True, text=True, check=True).stdout


@pytest.mark.slow
def test_bash_completion_of_slugs() -> None:
    out = complete({"_HKPROBONO_COMPLETE": "complete_bash", "COMP_WORDS": "hkprobono show jus", "COMP_CWORD": "2"})
    assert out.split() == ["justice-centre"]


@pytest.mark.slow
def test_zsh_completion_of_categories() -> None:
    out = complete({"_HKPROBONO_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "hkprobono list --category fo"})
    assert '"food"' in out


@pytest.mark.slow
def test_fish_completion_of_commands() -> None:
    env = {"_HKPROBONO_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    out = complete({**env, "_TYPER_COMPLETE_ARGS": "hkprobono usm "})
    names = {line.split("\t")[0] for line in out.splitlines()}
    assert names == {"overview", "steps", "step", "glossary", "deadlines", "deadline"}


def test_plain_output_is_tab_separated_slug_first(invoke: Invoke) -> None:
    lines = invoke("search", "food", "--plain").stdout.splitlines()
    assert lines and all(len(line.split("\t")) == len(search.COLUMNS) for line in lines)
    assert lines[0].split("\t")[0] in {"bvf", "iss-hk", "refugee-union"}
    rows = [line.split("\t") for line in invoke("list", "--plain").stdout.splitlines()]
    assert rows[0][:3] == ["justice-centre", "Justice Centre Hong Kong", "unconfirmed"]
    assert all(len(r) == len(directory.ORGANISATION_COLUMNS) for r in rows)
    steps = [line.split("\t") for line in invoke("usm", "steps", "--plain").stdout.splitlines()]
    assert all(len(s) == len(guide.STEP_COLUMNS) for s in steps)
    assert steps[7][:2] == ["8", "procedure"] and steps[7][3].startswith("14 days")


def test_plain_nothing_found_prints_nothing(invoke: Invoke) -> None:
    result = invoke("search", "xyzzy", "--plain")
    assert result.exit_code == 1 and result.stdout == ""


def test_search_first_shows_the_best_card(invoke: Invoke) -> None:
    result = invoke("search", "justise", "--first")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Justice Centre Hong Kong  [justice-centre]")


def test_show_never_prompts_without_a_terminal(invoke: Invoke) -> None:
    result = invoke("show", "refugee", input="1\n")
    assert result.exit_code == 2 and "Which one" not in result.output


def test_open_prints_the_url_when_not_a_terminal(invoke: Invoke) -> None:
    result = invoke("open", "refugee-union")
    assert result.exit_code == 0, result.output
    assert result.stdout == "https://refugeeunion.org\n"
    result = invoke("open", "catholic-pastoral-group")
    assert result.exit_code == 1 and "no website" in result.stderr


def test_color_never_always_and_invalid(invoke: Invoke) -> None:
    always = invoke("--color", "always", "show", "iss-hk").stdout
    assert "\x1b[" in always and "╭─" in always
    never = invoke("--color", "never", "show", "iss-hk").stdout
    assert "\x1b[" not in never
    assert invoke("--color", "sometimes", "list").exit_code == 2


def test_no_color_and_force_color(invoke: Invoke) -> None:
    assert "\x1b[" in invoke("show", "iss-hk", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in invoke("show", "iss-hk", env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).stdout


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


def test_project_hygiene_files_exist() -> None:
    for name in ("CHANGELOG.md", "CONTRIBUTING.md", ".pre-commit-config.yaml", "Makefile"):
        assert (ROOT / name).is_file(), name
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_show_asks_which_one_on_a_terminal(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hkprobono.cli.options.interactive", lambda: True)
    result = invoke("show", "refugee", input="2\n")
    assert result.exit_code == 0, result.output
    assert "Which one (1-4)" in result.output
    listed = [line.split("[")[1].rstrip("]") for line in result.stderr.splitlines() if line[:2] in ("1.", "2.")]
    assert f"  [{listed[1]}]\n" in result.stdout
    assert invoke("show", "refugee", input="7\n7\n7\n").exit_code == 2


# -- help: whole summaries, conventional placeholders, examples -----------------------------------
GROUPS = [[], ["usm"], ["export"], ["data"]]


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: " ".join(g) or "hkprobono")
@pytest.mark.parametrize("columns", ["80", "60"])
def test_group_help_gives_whole_one_line_summaries(invoke: Invoke, group: list[str], columns: str) -> None:
    out = invoke(*group, "--help", env={"COLUMNS": columns}).stdout
    listed = out.split("Commands:\n", 1)[1].splitlines()
    assert "..." not in out.replace("QUERY...", "").replace("COMMAND [ARGS]...", "")
    if columns == "80":
        assert all(line.startswith("  ") and not line.startswith("   ") for line in listed), listed
        assert all(line.rstrip().endswith(".") for line in listed), listed


HELP_PAGES = [[], *[list(p) for p, _ in ALL]]
# Click and Typer internals: <str>, <int range>, {query}..., INTEGER, FILENAME.
PLACEHOLDER_JUNK = re.compile(r"<[a-z ]+>|\{[^}]*\}|\b(INTEGER|FILENAME|BOOLEAN)\b")


@pytest.mark.parametrize("path", HELP_PAGES, ids=lambda p: " ".join(p) or "hkprobono")
def test_help_uses_conventional_placeholders(invoke: Invoke, path: list[str]) -> None:
    result = invoke(*path, "--help")
    assert result.exit_code == 0, result.output
    assert not PLACEHOLDER_JUNK.search(result.stdout), PLACEHOLDER_JUNK.search(result.stdout)
    if path and path != ["usm"]:  # only the root command installs completion
        assert "--install-completion" not in result.stdout


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (["search"], ["Usage: hkprobono search [OPTIONS] QUERY...", "-c, --category CATEGORY", "--kind KIND"]),
        (["show"], ["Usage: hkprobono show [OPTIONS] SLUG"]),
        (["list"], ["--category CATEGORY"]),
        ([], ["--color [auto|always|never]", "--data FILE"]),
        (["usm", "step"], ["Usage: hkprobono usm step [OPTIONS] NUMBER"]),
        (["usm", "glossary"], ["Usage: hkprobono usm glossary [OPTIONS] [TERM]"]),
        (["usm", "deadline"], ["Usage: hkprobono usm deadline [OPTIONS] KIND", "--from DATE"]),
        (["data", "confirm"], ["SLUG [FILE]", "--method METHOD", "--by NAME", "--note TEXT"]),
    ],
)
def test_help_metavars(invoke: Invoke, path: list[str], expected: list[str]) -> None:
    out = invoke(*path, "--help").stdout
    for text in expected:
        assert text in out, (path, text)


# -- completion: every option with a known set of values --------------------------------------------
def bash_complete(line: str) -> list[str]:
    words = line.split(" ")
    env = {"_HKPROBONO_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    return complete(env).splitlines()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("hkprobono --color ", ["auto", "always", "never"]),
        ("hkprobono list --color n", ["never"]),
        ("hkprobono list --category fo", ["food"]),
        ("hkprobono search food --district Wan", ["Wan Chai"]),  # Typer matches case-sensitively
        ("hkprobono search food --district Yau", ["Yau Tsim Mong"]),
        ("hkprobono search x --kind ", ["org", "step", "term"]),
        ("hkprobono usm step 1", ["1", "10", "11", "12", "13", "14"]),
        ("hkprobono usm glossary TC", ["TCAB"]),
        ("hkprobono usm deadline ", ["appeal", "jr"]),
        ("hkprobono export vcard --category fo", ["food"]),
        ("hkprobono data confirm iss", ["iss-hk"]),
        ("hkprobono data confirm iss-hk --method ph", ["phone"]),
        ("hkprobono data confirm iss-hk --fields phones,addr", ["phones,address"]),
    ],
)
def test_bash_completion_of_known_values(line: str, expected: list[str]) -> None:
    got = bash_complete(line)
    if "--fields" in line:
        assert set(expected) <= set(got) and all(g.startswith("phones,addr") for g in got), got
    else:
        assert got == expected, line


# -- pager: colour only to a pager that shows it; `show` is paged ------------------------------------
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


# -- global options after the command ---------------------------------------------------------------
def test_no_pager_after_the_command(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    assert paged_output(monkeypatch, invoke, "list", "--no-pager") is None
    assert paged_output(monkeypatch, invoke, "list") is not None


def test_global_options_after_the_command(invoke: Invoke) -> None:
    result = invoke("search", "legal", "--color", "never", env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0 and "\x1b[" not in result.stdout
    result = invoke("search", "legal", "--color=always")
    assert "\x1b[" in result.stdout
    full = str(Path(__file__).parent / "data" / "full.toml")
    result = invoke("show", "plain-food", "--data", full)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Plain Food")
    assert invoke("show", "plain-food").exit_code == 2  # not in the bundled file: --data was used
    assert invoke("usm", "steps", "--data", full, "--no-pager").exit_code in (0, 2)


# -- conflicting options: exit 2, naming both ---------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["list", "--json", "--plain"], ["--json", "--plain"]),
        (["search", "legal", "--json", "--plain"], ["--json", "--plain"]),
        (["search", "legal", "--first", "--json"], ["--first", "--json"]),
        (["search", "legal", "--first", "--plain"], ["--first", "--plain"]),
        (["search", "legal", "--explain", "--json"], ["--explain", "--json"]),
        (["search", "legal", "--explain", "--plain"], ["--explain", "--plain"]),
        (["show", "iss-hk", "--qr", "--json"], ["--qr", "--json"]),
        (["export", "vcard", "--all", "--category", "food"], ["--all", "--category"]),
        (["usm", "--json", "steps"], ["--json", "usm steps --json"]),
        (["search", "legal", "--kind", "step", "--category", "legal"], ["--kind step", "--category"]),
        (["search", "food", "--kind", "term", "--district", "Wan Chai"], ["--kind term", "--district"]),
    ],
    ids=lambda v: (
        " ".join(v) if isinstance(v, list) and v and v[0] in ("list", "search", "show", "export", "usm") else ""
    ),
)
def test_conflicting_options_exit_2_naming_both(invoke: Invoke, args: list[str], names: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    for name in names:
        assert name in result.stderr, (args, result.stderr)


def test_an_empty_search_is_a_usage_error(invoke: Invoke) -> None:
    for query in ([""], ["  "], ["", ""]):
        result = invoke("search", *query)
        assert result.exit_code == 2 and "give at least one word" in result.stderr


# -- pipes and prompts --------------------------------------------------------------------------------
@pytest.mark.slow
def test_a_reader_that_stops_early_gets_0_or_141_never_1() -> None:
    """`list | head -1`: 141 when the reader left before everything was written, 0 when the pipe had
    already taken it all (which one depends on timing, as for any program); never 1, "nothing found"."""
    exe = Path(sys.executable).parent / "hkprobono"
    for args in (["list"], ["export", "json"]):
        shell = f"{exe} {' '.join(args)} | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}"
        result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, check=True)
        assert result.stdout.strip() in ("0", "141"), (args, result.stdout)
        assert result.stderr == ""


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


# -- data check: errors first, warnings grouped by kind, the summary on the same stream -----------------
@pytest.mark.parametrize("color", ["never", "always"])
def test_data_check_orders_its_report(invoke: Invoke, color: str) -> None:
    broken = Path(__file__).parent / "data" / "broken" / "many_problems.toml"
    result = invoke("--color", color, "data", "check", str(broken))
    assert result.exit_code == 2
    assert result.stderr == ""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.stdout.splitlines()]
    errors = [n for n, line in enumerate(lines) if "error" in line.split(":", 2)[-2:][0] or line.startswith("error")]
    warnings = [n for n, line in enumerate(lines) if re.search(r"\(\d+\)$", line)]
    assert errors and warnings and max(errors) < min(warnings)
    kinds = [re.sub(r".*warnings: ", "", lines[n]) for n in warnings]
    assert len(kinds) == len(set(kinds))  # each kind once, its warnings under it
    assert lines[-1].endswith("9 errors, 2 warnings")


def test_data_check_exit_codes(invoke: Invoke) -> None:
    full = str(Path(__file__).parent / "data" / "full.toml")
    assert invoke("data", "check").exit_code == 0
    assert invoke("data", "check", full).exit_code == 0
    assert invoke("data", "check", full, "--strict").exit_code == 1
    clean = invoke("data", "check")
    assert clean.stderr == "" and clean.stdout.splitlines()[-1].endswith("acknowledged")


@pytest.mark.parametrize("color", ["never", "always"])
def test_about_has_one_statistics_section(invoke: Invoke, color: str) -> None:
    out = re.sub(r"\x1b\[[0-9;]*m", "", invoke("--color", color, "about").stdout)
    headings = [line for line in out.splitlines() if re.fullmatch(r"(── )?Statistics( ─+)?", line.strip())]
    assert len(headings) == 1, headings
