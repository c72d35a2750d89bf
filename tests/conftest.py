"""Pin everything that varies between machines: the date, colour, terminal width."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from hkprobono.cli.app import app
from hkprobono.cli.spelling import spell
from hkprobono.loading.source import load
from hkprobono.model import Directory
from hkprobono.render.terminal import RichRenderer

TODAY = "2026-11-26"
DATA_DIR = Path(__file__).parent / "data"
GOLDEN_DIR = Path(__file__).parent / "golden"
WIDTH = 100

# Rich and Typer switch to terminal output when CI-ish variables are set; tests must not.
for _var in ("FORCE_COLOR", "PY_COLORS", "GITHUB_ACTIONS", "NO_COLOR", "HKPROBONO_DATA", "TERM", "PAGER"):
    os.environ.pop(_var, None)
os.environ["HKPROBONO_TODAY"] = TODAY
os.environ["COLUMNS"] = str(WIDTH)
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
# Never touch the user's cache: each test session gets its own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="hkprobono-test-cache-")
# Nor an update the user installed: the bundled data is in use unless a test sets a channel up.
os.environ["HKPROBONO_HOME"] = tempfile.mkdtemp(prefix="hkprobono-test-home-")
os.environ.pop("HKPROBONO_UPDATE_TIMEOUT", None)


@pytest.fixture(scope="session")
def directory() -> Directory:
    return load()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


Invoke = Callable[..., Result]


@pytest.fixture
def invoke(runner: CliRunner) -> Invoke:
    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, input=input)

    return run


@pytest.fixture
def rich_console() -> Iterator[tuple[RichRenderer, io.StringIO]]:
    buffer = io.StringIO()
    console = Console(file=buffer, width=WIDTH, force_terminal=True, color_system="standard", highlight=False)
    yield RichRenderer(console, spell=spell), buffer  # as a run on a terminal spells commands


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it (review the diff before committing)."""
    path = GOLDEN_DIR / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path}; UPDATE_GOLDEN=1 rewrites it"


@pytest.fixture
def unchecked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation that misses everything (control characters, links, e-mails, phones) and no cache,
    so tests/data/hostile.toml loads and reaches every view: the renderers must hold on their own."""
    from hkprobono.loading import tables

    for name in ("first_unsafe", "url_problem", "email_problem", "phone_problem"):
        monkeypatch.setattr(tables, name, lambda *args: None)
    monkeypatch.setenv("HKPROBONO_CACHE", "0")
