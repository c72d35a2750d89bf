"""The wheel carries the data: built, installed in a fresh venv, run from an unrelated directory."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds and installs a wheel, or runs the linters
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("hkprobono-*.whl")
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [
            str(bin_dir / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return bin_dir


def test_installed_wheel_searches_from_any_directory(installed_wheel: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"HKPROBONO_DATA", "PYTHONPATH"}}

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        return result

    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env["HKPROBONO_TODAY"] = "2026-11-26"
    cold = run(str(installed_wheel / "hkprobono"), "search", "legal").stdout  # read from inside the installed package
    assert "justice-centre" in cold
    assert run(str(installed_wheel / "hkprobono"), "search", "legal").stdout == cold  # from the cache
    shown = run(str(installed_wheel / "python"), "-m", "hkprobono", "show", "justice-centre", "--json")
    assert '"slug": "justice-centre"' in shown.stdout
    # The holiday table is bundled too, and a count needs no holiday package at run time.
    counted = run(str(installed_wheel / "hkprobono"), "usm", "deadline", "appeal", "--from", "2026-11-20")
    assert counted.stdout.startswith("Last day: Friday 4 December 2026\n")
    spec = run(str(installed_wheel / "python"), "-c", "import importlib.util as u; print(u.find_spec('holidays'))")
    assert spec.stdout.strip() == "None"
    env.update({"_HKPROBONO_COMPLETE": "complete_bash", "COMP_WORDS": "hkprobono show jus", "COMP_CWORD": "2"})
    assert run(str(installed_wheel / "hkprobono")).stdout == "justice-centre\n"


def test_installed_wheel_checks_its_data_against_the_shipped_schema(installed_wheel: Path, tmp_path: Path) -> None:
    """The JSON Schema travels inside the package and jsonschema is installed with it."""
    env = {k: v for k, v in os.environ.items() if k not in {"HKPROBONO_DATA", "PYTHONPATH"}}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    result = subprocess.run(
        [str(installed_wheel / "hkprobono"), "data", "check", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert '"errors": 0' in result.stdout and '"reach"' in result.stdout
