"""The README's examples are real output: every ```console block is run and compared.

A block holds commands (`$ hkprobono ...`) each followed by its output. A line `...` stands for
any number of lines left out (at the end: the rest is cut). Commands run through the app with the
date pinned (conftest) and no colour; `| cut -f...` is applied here. The maintainers' shell steps
must run as written after the Quickstart, without activating the virtual environment."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hkprobono.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^( *)```console\n(.*?)^\1```$", re.S | re.M)


def examples() -> list[tuple[str, list[str]]]:
    found = []
    for match in FENCE.finditer(README):
        indent = len(match.group(1))
        lines = [line[indent:] for line in match.group(2).splitlines()]
        command: str | None = None
        output: list[str] = []
        for line in lines:
            if line.startswith("$ "):
                if command is not None:
                    found.append((command, output))
                command, output = line[2:], []
            else:
                output.append(line)
        if command is not None:
            found.append((command, output))
    return found


EXAMPLES = examples()


def cut(text: str, fields: str) -> str:
    wanted = [int(f) - 1 for f in fields.split(",")]
    rows = [line.split("\t") for line in text.splitlines()]
    return "".join("\t".join(row[i] for i in wanted if i < len(row)) + "\n" for row in rows)


def run(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    line, _, pipe = command.partition(" | ")
    args = shlex.split(line)
    assert args[0] == "hkprobono", command
    # In a clone, as a reader would run it; an example that writes a file writes it elsewhere.
    monkeypatch.chdir(tmp_path if re.search(r" (-o|--output|--ics|--qr-png) ", f"{line} ") else ROOT)
    result = CliRunner().invoke(app, ["--color", "never", *args[1:]], env={"COLUMNS": "100"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    text = result.output
    if pipe:
        program = shlex.split(pipe)
        assert program[0] == "cut" and program[1].startswith("-f"), pipe
        text = cut(result.stdout, program[1][2:])
    return text


def matches(expected: list[str], actual: list[str]) -> bool:
    """`...` lines in `expected` stand for any run of lines (possibly none)."""
    pattern = "".join(".*" if line == "..." else re.escape(line + "\n") for line in expected)
    return re.fullmatch(pattern, "".join(line + "\n" for line in actual), re.S) is not None


def test_there_are_examples() -> None:
    commands = {c.split()[1] for c, _ in EXAMPLES}
    assert {"search", "show", "list", "about", "usm", "export", "data"} <= commands


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_is_real_output(
    command: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    while expected and not expected[-1]:
        expected = expected[:-1]  # the blank line between two commands of one block
    actual = run(command, tmp_path, monkeypatch).splitlines()
    assert matches(expected, actual), "\n".join(["README says:", *expected, "", "the tool says:", *actual[:40]])


def shell_steps(heading: str, text: str) -> list[str]:
    section = text.split(heading, 1)[1]
    section = re.split(r"^#{1,3} ", section, maxsplit=1, flags=re.M)[0]
    steps = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        steps += [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]
    return steps


@pytest.mark.parametrize(
    ("document", "heading"),
    [
        ("README.md", "## Maintaining the data"),
        ("README.md", "### Recording what you learn"),
        ("README.md", "### The call list"),
        ("CONTRIBUTING.md", ""),
    ],
)
def test_maintainers_steps_run_without_activating_the_venv(document: str, heading: str) -> None:
    text = (ROOT / document).read_text(encoding="utf-8")
    steps = shell_steps(heading, text) if heading else re.findall(r"`((?:\.venv/bin/)?hkprobono [^`]*)`", text)
    assert steps, (document, heading)
    for step in steps:
        program = shlex.split(step)[0]
        assert program.startswith(".venv/bin/") or program in ("python3", "make"), (document, step)


def test_maintainers_data_check_runs_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for step in shell_steps("## Maintaining the data", README):
        args = shlex.split(step)
        if args[0] == ".venv/bin/hkprobono":
            result = CliRunner().invoke(app, [*args[1:], *(["--check"] if "fmt" in args else [])])
            assert result.exit_code == 0, (step, result.output)
