"""Habits of a good command-line tool: documented commands, completion, --plain, pager, colour, open."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from conftest import Invoke
from hkprobono.cli.app import app
from hkprobono.render import pager, tsv

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
    assert lines and all(len(line.split("\t")) == len(tsv.RESULT_COLUMNS) for line in lines)
    assert lines[0].split("\t")[0] in {"bvf", "iss-hk", "refugee-union"}
    rows = [line.split("\t") for line in invoke("list", "--plain").stdout.splitlines()]
    assert rows[0][:3] == ["justice-centre", "Justice Centre Hong Kong", "unconfirmed"]
    assert all(len(r) == len(tsv.ORGANISATION_COLUMNS) for r in rows)
    steps = [line.split("\t") for line in invoke("usm", "steps", "--plain").stdout.splitlines()]
    assert all(len(s) == len(tsv.STEP_COLUMNS) for s in steps)
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
    assert invoke("show", "refugee", input="7\n").exit_code == 2
