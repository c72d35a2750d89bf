"""Pin everything that varies between machines: the date, colour, terminal width; and what tests
in every folder share: the paths of the test data, fixtures, and helpers used by several files.

The tests mirror the code: tests/<package>/test_<module>.py for a module, tests/cli/test_<command>.py
for a command; project-wide checks (layers, lint, wheel, README, golden files) sit here at the top.
A test finds a file through TESTS or ROOT below, never through its own path, so it may move."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from hkprobono.cli.app import app
from hkprobono.cli.spelling import spell
from hkprobono.loading.source import bundled_path, load
from hkprobono.model import Contact, Directory, Organisation, Source
from hkprobono.render.terminal import RichRenderer

if TYPE_CHECKING:
    from hkprobono.search.engine import Index

TODAY = "2026-11-26"
TESTS = Path(__file__).parent  # tests/
ROOT = TESTS.resolve().parent  # the source checkout
DATA_DIR = TESTS / "data"
GOLDEN_DIR = TESTS / "golden"
BROKEN = DATA_DIR / "broken"  # the broken-data corpus, its expectations in expected.toml
EXPECTED = tomllib.loads((BROKEN / "expected.toml").read_text(encoding="utf-8"))
SMALL = DATA_DIR / "minimal.toml"  # small, so that building its cache costs the fast tier nothing
MINIMAL = SMALL.read_text(encoding="utf-8")
HOSTILE = str(DATA_DIR / "hostile.toml")
BUNDLED = bundled_path()
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


# -- hostile text (tests/data/hostile.toml) ---------------------------------------------------------
SGR = re.compile(r"\x1b\[[0-9;]*m")  # Rich's own colours: the only escape sequence allowed


def raw_controls(text: str, *, rich: bool = False) -> list[str]:
    """Every control or invisible character in `text` (Rich's colour codes aside)."""
    from hkprobono.text import UNSAFE_CODES

    if rich:
        text = SGR.sub("", text)
    return [f"U+{ord(ch):04X}" for ch in text if ord(ch) in UNSAFE_CODES]


# -- a directory file to change ------------------------------------------------------------------------
CALL = ["--confirmed-by", "A. Lee", "--method", "phone", "--date", "2026-11-20"]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the bundled file: no test ever records anything in the bundled file itself."""
    path = tmp_path / "directory.toml"
    shutil.copy(BUNDLED, path)
    return path


def rewrite(path: Path, change: Any) -> None:
    import tomli_w

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change({o["slug"]: o for o in data["organisations"]})
    path.write_text(tomli_w.dumps(data, indent=4), encoding="utf-8")


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    """The bundled file, parsed but not validated."""
    return tomllib.loads(BUNDLED.read_text(encoding="utf-8"))


OLD_ORG = """
[[organisations]]
slug = "old-centre"
name = "Old Centre"
status = "active"
categories = ["legal"]
summary = "Old details."

[organisations.contact]
phones = [{ number = "+852 2345 6789" }]
email = "old@old.example"
locations = [{ id = "main", address = "1 Old Street" }]

[[organisations.sources]]
title = "Old listing"
url = "https://old.example/listing"
fields = ["address", "phones"]

[[organisations.sources]]
title = "Old newsletter"
url = "https://old.example/news"
date = "2019-05"
fields = ["email"]

[[organisations.sources]]
title = "Old status page"
url = "https://old.example/status"
date = "2026-10-01"
fields = ["status"]
"""


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """tests/data/full.toml and an organisation whose details come from old or undated sources."""
    path = tmp_path / "directory.toml"
    path.write_text((DATA_DIR / "full.toml").read_text(encoding="utf-8") + OLD_ORG, encoding="utf-8")
    return path


def org(**contact: object) -> Organisation:
    """An organisation whose phones have an undated source and whose e-mail one of 2019."""
    return Organisation(
        slug="x", name="X", status="active", categories=("legal",), summary="s",
        sources=(
            Source("a", "https://a.example", None, ("phones",)),
            Source("b", "https://b.example", "2019", ("email",)),
        ),
        contact=Contact(**contact),  # type: ignore[arg-type]
    )  # fmt: skip


FULL_WIDTH = "\uff12\uff10\uff12\uff15-\uff10\uff11-\uff10\uff12"  # 2025-01-02 from a CJK keyboard
# A command written out in text, which only cli/ may spell.
COMMAND = re.compile(r"hkprobono (show|search|list|usm|export|about|open|data|districts)\b")


# -- search ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def index(directory: Directory) -> Index:
    from hkprobono.search.engine import Index

    return Index(directory)


# -- exports --------------------------------------------------------------------------------------------
def parse_cards(text: str) -> list[Any]:
    import vobject

    return list(vobject.readComponents(text))


# -- real processes -------------------------------------------------------------------------------------
UTF8 = {"LC_ALL": "C.UTF-8"}


def run_hkprobono(
    args: list[str], extra: dict[str, str], preexec_fn: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`python -m hkprobono ARGS` in a real process, with no locale of ours but what EXTRA sets."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONIOENCODING")}
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-m", "hkprobono", *args],
        env=env,
        capture_output=True,
        check=False,
        timeout=60,
        preexec_fn=preexec_fn,
    )


def modules_after(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    """The modules a run of `hkprobono ARGS` imported, in a fresh process."""
    code = (
        "import sys, io\n"
        f"sys.argv = ['hkprobono', *{args!r}]\n"
        "from hkprobono.cli.app import main\n"
        "out = sys.stdout; sys.stdout = io.StringIO()\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stdout = out\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return set(result.stdout.split())


# -- organisations and text that several export and share tests look at ---------------------------------
UNCONFIRMED = "justice-centre"
CLOSED = "amnesty-hk"
ESCAPES = ("\x1b", "\x9b", "\x07")


def org_of(directory: Directory, slug: str) -> Organisation:
    org = directory.by_slug(slug)
    assert org is not None
    return org


def read_terminal(main: int, process: subprocess.Popen[bytes]) -> bytes:
    """All a program wrote to the pseudo-terminal whose controlling side is `main`, until it closes
    it; a program silent for 30 s is killed (a hang fails its test instead of stalling the run)."""
    import select

    output = b""
    while True:
        if not select.select([main], [], [], 30)[0]:
            process.kill()
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(main)
    return output
