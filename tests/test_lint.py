"""Linters, type checking and the project's hygiene files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def _tool(name: str) -> list[str]:
    exe = Path(sys.executable).parent / name
    if exe.exists():
        return [str(exe)]
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return [found]


@pytest.mark.slow  # runs the linters
@pytest.mark.parametrize(
    "args",
    [["ruff", "check", "src", "tests", "bench"], ["ruff", "format", "--check", "src", "tests", "bench"], ["mypy"]],
)
def test_lint(args: list[str]) -> None:
    result = subprocess.run([*_tool(args[0]), *args[1:]], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_project_hygiene_files_exist() -> None:
    for name in ("CHANGELOG.md", "CONTRIBUTING.md", ".pre-commit-config.yaml", "Makefile"):
        assert (ROOT / name).is_file(), name
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
