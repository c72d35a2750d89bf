"""cli/app.py, the root command: every command documented with help and an example, conventional
placeholders, whole one-line summaries, global options before or after the command, --color,
a mistyped command's "did you mean", and no input that makes any command trace back or exit
with anything but 0, 1 or 2."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import DATA_DIR, ROOT, TESTS, Invoke
from hkprobono import __version__
from hkprobono.cli.app import app

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


def test_color_never_always_and_invalid(invoke: Invoke) -> None:
    always = invoke("--color", "always", "show", "iss-hk").stdout
    assert "\x1b[" in always and "╭─" in always
    never = invoke("--color", "never", "show", "iss-hk").stdout
    assert "\x1b[" not in never
    assert invoke("--color", "sometimes", "list").exit_code == 2


def test_no_color_and_force_color(invoke: Invoke) -> None:
    assert "\x1b[" in invoke("show", "iss-hk", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in invoke("show", "iss-hk", env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).stdout


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


def test_global_options_after_the_command(invoke: Invoke) -> None:
    result = invoke("search", "legal", "--color", "never", env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0 and "\x1b[" not in result.stdout
    result = invoke("search", "legal", "--color=always")
    assert "\x1b[" in result.stdout
    full = str(TESTS / "data" / "full.toml")
    result = invoke("show", "plain-food", "--data", full)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Plain Food")
    assert invoke("show", "plain-food").exit_code == 2  # not in the bundled file: --data was used
    assert invoke("usm", "steps", "--data", full, "--no-pager").exit_code in (0, 2)


def test_a_mistyped_command_gets_did_you_mean(invoke: Invoke) -> None:
    result = invoke("serch", "food")
    assert result.exit_code == 2 and "Did you mean 'search'?" in result.output
    assert "Did you mean 'list'?" in invoke("lst").output
    assert "Did you mean" not in invoke("zzzzzz").output


def test_main_runs_twice_in_one_process(capsys: pytest.CaptureFixture[str]) -> None:
    from hkprobono.cli.app import main

    for args, expected in ((["show", "bvf", "--json"], '"slug": "bvf"'), (["usm", "step", "8"], "Step 8.")):
        with pytest.raises(SystemExit) as stop:
            main(args)
        assert stop.value.code == 0
        assert expected in capsys.readouterr().out


runner = CliRunner()
# Any Unicode, control characters included (NUL cannot reach argv on a real system).
TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_characters="\x00"), max_size=80),
    st.sampled_from(["", " ", "-", "--", "[bold]x[/bold]", "\x1b[31m", "法律", "../../etc/passwd", "-h"]),
    st.text(alphabet="ab ", min_size=2000, max_size=5000),
)
COMMANDS = [
    lambda s: ["search", s],
    lambda s: ["search", "legal", "--category", s],
    lambda s: ["search", "legal", "--limit", s],
    lambda s: ["search", "food", "--district", s, "--json"],
    lambda s: ["show", s],
    lambda s: ["show", s, "--json"],
    lambda s: ["list", "--category", s],
    lambda s: ["usm", "step", s],
    lambda s: ["usm", "glossary", s],
    lambda s: ["--color", s, "list"],
    lambda s: ["export", "vcard", s],
]


def assert_clean(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert "Traceback" not in result.output


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(COMMANDS))), TEXT)
def test_any_argument_is_handled(index: int, value: str) -> None:
    assert_clean(COMMANDS[index](value))


@settings(max_examples=30, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_any_words_as_a_search(words: list[str]) -> None:
    assert_clean(["search", *words])


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"hkprobono {__version__}\n"


def test_no_arguments_shows_help(invoke: Invoke) -> None:
    result = invoke()
    assert "search" in result.output and "Usage" in result.output


def test_data_option_and_env_var(invoke: Invoke) -> None:
    path = str(DATA_DIR / "minimal.toml")
    assert "alpha-legal" in invoke("--data", path, "list").stdout
    assert "alpha-legal" in invoke("list", env={"HKPROBONO_DATA": path}).stdout


def test_version_fast_path_matches_the_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from hkprobono import entry

    monkeypatch.setattr("sys.argv", ["hkprobono", "--version"])
    entry.main()
    assert capsys.readouterr().out == f"hkprobono {__version__}\n"


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_encoding_without_chinese_or_dashes_is_not_a_crash(encoding: str) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": encoding}
    for args in (["show", "branches-of-hope"], ["search", "法律"], ["show", "refugee-union", "--qr"]):
        result = subprocess.run([sys.executable, "-m", "hkprobono", *args], capture_output=True, env=env, check=False)
        assert result.returncode == 0, (args, result.stderr)
        assert b"Traceback" not in result.stderr
    card = subprocess.run([sys.executable, "-m", "hkprobono", "show", "refugee-union"], capture_output=True, env=env)
    assert b"+852 9828 7176" in card.stdout
