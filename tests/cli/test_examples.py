"""Every example the tool shows is run and works: the "Examples:" of every command's help, the
example a view prints (the districts page), and every command a message quotes ('hkprobono list').

They run on a copy of the bundled file in a temporary folder, so the examples that write (data
confirm, data fmt, export -o) change nothing of ours."""

from __future__ import annotations

import itertools
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from conftest import ROOT
from hkprobono.cli.app import app

SOURCE = ROOT / "src" / "hkprobono"
# An example that finds nothing, or a strict check that warns, says so with exit 1; none may be a
# usage error (2) or worse. These may exit 1 by design; every other example must exit 0.
MAY_FIND_NOTHING = {"data check data/directory.toml --strict"}
WRITES_DATA = (
    "hkprobono data confirm", "hkprobono data fmt", "hkprobono data set", "hkprobono data unset", "hkprobono data new",
)  # fmt: skip
# A file an example names, and the file of the tests it stands for.
EXAMPLE_FILES = {"old.toml": ROOT / "tests" / "data" / "schema1.toml"}
# The update channel's examples make keys in the user's home, publish to a folder or fetch from a
# server: tests/channel/ runs each of those commands against a repository it builds and a server
# on 127.0.0.1, so here they are only checked to parse.
CHANNEL = ("hkprobono data keys", "hkprobono data publish", "hkprobono data update")
# A placeholder in a quoted command, and what the test puts there.
PLACEHOLDERS = {"SLUG": "justice-centre", "DATE": "2026-12-01", "FILE": "data/directory.toml"}


def helps(group: Any = None, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    group = group or typer.main.get_command(app)
    if not prefix:
        yield "hkprobono", group.help or ""
    ctx = typer.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield " ".join(("hkprobono", *prefix, name)), command.help or ""
        if hasattr(command, "commands"):
            yield from helps(command, (*prefix, name))


def examples_in(help_text: str) -> list[str]:
    """The commands after "Examples:", up to the next blank line, split at ";"."""
    if "Example" not in help_text:
        return []
    paragraph = help_text.split("Example", 1)[1].split(":", 1)[1].split("\n\n", 1)[0]
    return [" ".join(part.split()) for part in paragraph.split(";") if part.strip()]


def quoted_commands() -> set[str]:
    """Commands our messages quote ('hkprobono data check'), placeholders filled in."""
    found = set()
    for path in SOURCE.rglob("*.py"):
        for command in re.findall(r"'(hkprobono [a-z][^'{}]*)'", path.read_text(encoding="utf-8")):
            found.add(" ".join(PLACEHOLDERS.get(w, w) for w in command.split()))
    return found


def printed_examples() -> set[str]:
    """Examples a view prints: the districts page's footer ("Use a name ... hkprobono search ...")."""
    text = " ".join(CliRunner().invoke(app, ["--no-pager", "districts"]).stdout.split())
    return set(re.findall(r"""hkprobono search [^"'.]*(?:"[^"]*"|'[^']*')?""", text))


HELP_EXAMPLES = sorted({e for _, text in helps() for e in examples_in(text)})


def run(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run in a temporary folder; on a copy of the data where the example writes it or names it
    (the others read the bundled file, from the cache)."""
    assert command.startswith("hkprobono "), command
    if command.startswith(CHANNEL):
        # The command words (up to the first path or option) must name a command that has help.
        words = shlex.split(command)[1:]
        names = list(itertools.takewhile(str.isalpha, words))
        return CliRunner().invoke(app, [*names, "--help"])
    monkeypatch.chdir(tmp_path)
    # The examples count deadlines from dates in December 2026; a decision date after "today" is
    # refused, so they run on a day after them, as a reader of the help would.
    env = {"HKPROBONO_TODAY": "2026-12-03"}
    if command.startswith(WRITES_DATA) or "data/directory.toml" in command:
        (tmp_path / "data").mkdir(exist_ok=True)
        shutil.copy(ROOT / "data" / "directory.toml", tmp_path / "data" / "directory.toml")
        env["HKPROBONO_DATA"] = str(tmp_path / "data" / "directory.toml")
    for name, fixture in EXAMPLE_FILES.items():
        if name in shlex.split(command):
            shutil.copy(fixture, tmp_path / name)
    return CliRunner().invoke(app, shlex.split(command)[1:], env=env)


def check(command: str, result: Any) -> None:
    assert "Traceback" not in result.output, (command, result.output)
    allowed = (0, 1) if command.removeprefix("hkprobono ") in MAY_FIND_NOTHING else (0,)
    assert result.exit_code in allowed, (command, result.exit_code, result.output)


def test_there_are_examples_of_every_kind() -> None:
    assert len(HELP_EXAMPLES) >= 30
    assert "hkprobono search food --district Kowloon" in HELP_EXAMPLES
    assert "hkprobono list" in quoted_commands()
    assert printed_examples() == {"hkprobono search legal --district 'wan chai'"}


@pytest.mark.parametrize("command", HELP_EXAMPLES)
def test_every_help_example_works(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check(command, run(command, tmp_path, monkeypatch))


@pytest.mark.parametrize("command", sorted(quoted_commands()))
def test_every_quoted_command_works(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check(command, run(command, tmp_path, monkeypatch))


def test_the_printed_examples_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for command in printed_examples():
        result = run(command, tmp_path, monkeypatch)
        check(command, result)
        assert result.stdout.strip(), command  # it finds something, as an example should


def test_help_examples_of_search_find_something(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for command in HELP_EXAMPLES:
        if command.startswith("hkprobono search "):
            assert run(command, tmp_path, monkeypatch).stdout.strip(), command
