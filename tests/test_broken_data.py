"""The broken-data corpus (tests/data/broken/, expectations in expected.toml): one clear message
naming file, entry and field, the documented exit code, and never a traceback."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from conftest import DATA_DIR, Invoke

BROKEN = DATA_DIR / "broken"
EXPECTED = tomllib.loads((BROKEN / "expected.toml").read_text(encoding="utf-8"))


def test_every_corpus_file_has_an_expectation() -> None:
    assert {p.name for p in BROKEN.glob("*.toml")} - {"expected.toml"} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loading(invoke: Invoke, name: str) -> None:
    path, case = BROKEN / name, EXPECTED[name]
    result = invoke("--data", str(path), "list")
    assert result.exit_code == case["load"], result.output
    assert "Traceback" not in result.output
    if case["load"] == 2:
        assert result.stderr.startswith(f"Error: {path}: ")
        assert case["message"] in result.stderr


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_checking(invoke: Invoke, name: str) -> None:
    case = EXPECTED[name]
    result = invoke("data", "check", str(BROKEN / name))
    assert result.exit_code == case["check"], result.output
    assert case["message"] in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["list"], ["data", "check"]])
def test_missing_file_and_directory(invoke: Invoke, tmp_path: Path, command: list[str]) -> None:
    def run(path: Path) -> tuple[int, str]:
        args = ["--data", str(path), *command] if command == ["list"] else [*command, str(path)]
        result = invoke(*args)
        return result.exit_code, result.output

    code, output = run(tmp_path / "nope.toml")
    assert code == 2 and "no such file" in output
    code, output = run(tmp_path)
    assert code == 2 and "is a folder" in output
