"""cli/options.py, what every command shares: the length limit on typed text (refused before any
matching starts), conflicting options, -o names, shell completion of known values, and output
lost at the last flush.

Before (issue 26): a 3,000-character Chinese query took 6.6 s and a 40,000-character one was
killed after 60 s; `-o ''` wrote 27 cards into the current folder. No test here times anything
(bench/ measures): a limit is checked by making matching impossible past it."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Invoke

MAX_TYPED = 200  # docs/safety.md, "Limits"


def test_the_documented_limit_is_the_one_in_force() -> None:
    from hkprobono.cli.options import MAX_TYPED as in_force

    assert in_force == MAX_TYPED


def _cjk(n: int) -> str:
    rng = random.Random(n)
    return "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(n))


CASES: dict[str, Callable[[int], str]] = {
    "cjk": _cjk,
    "letters": lambda n: " ".join("abcdefghij"[i % 10] for i in range(n // 2 + 1))[:n],
    "word": lambda n: "legal" * (n // 5) + "x" * (n % 5),
    "mixed": lambda n: ("難民 legal aid 法律 appeal " * n)[:n],
    "marks": lambda n: ("e" + "\u0301" * 9) * (n // 10),
}
TYPED: list[Callable[[str], list[str]]] = [
    lambda q: ["search", q],
    lambda q: ["search", q, "--json"],
    lambda q: ["search", "legal", "--district", q],
    lambda q: ["search", "legal", "--language", q],
    lambda q: ["search", "legal", "--category", q],
    lambda q: ["list", "--category", q],
    lambda q: ["show", q],
    lambda q: ["open", q],
    lambda q: ["export", "vcard", q],
    lambda q: ["export", "html", q],
    lambda q: ["usm", "glossary", q],
]


@pytest.fixture
def no_matching(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any matching at all fails the test: the length check must come first."""
    import hkprobono.cli.usm as usm_cli  # first: it binds find_term when imported
    from hkprobono.search import engine, resolve

    def matched(*args: object, **kwargs: object) -> None:
        raise AssertionError("matching started")

    for owner, name in ((engine.Index, "find"), (engine.Index, "search"), (resolve, "candidates"), (resolve, "exact")):
        monkeypatch.setattr(owner, name, matched)
    monkeypatch.setattr(usm_cli, "find_term", matched)


@pytest.mark.parametrize("length", [MAX_TYPED + 1, 3_000, 40_000])
@pytest.mark.parametrize("command", range(len(TYPED)))
def test_typed_text_past_the_limit_is_refused_before_matching(
    invoke: Invoke, no_matching: None, command: int, length: int
) -> None:
    text = ("難民法律legal" * length)[:length]  # no spaces: nothing is trimmed
    result = invoke(*TYPED[command](text))
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: ") and f"is {length:,} characters long; at most {MAX_TYPED} can be" in lines[0]
    assert len(result.stderr) < 300  # the refusal does not echo 40,000 characters back


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", [0, 6, 10])
def test_typed_text_at_the_limit_is_looked_up(invoke: Invoke, case: str, command: int) -> None:
    text = CASES[case](MAX_TYPED)
    assert len(text) <= MAX_TYPED
    result = invoke(*TYPED[command](text))
    assert result.exit_code in (0, 1, 2), result.output
    assert "characters long" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=MAX_TYPED - 20, max_size=MAX_TYPED))
def test_any_text_of_the_longest_allowed_length_is_searched(text: str) -> None:
    from typer.testing import CliRunner

    from hkprobono.cli.app import app

    result = CliRunner().invoke(app, ["search", "--json", "--", text])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("length", [MAX_TYPED, 3_000, 40_000])
def test_no_query_of_any_length_hangs_a_real_run(case: str, length: int) -> None:
    """Not a timing: the timeout only catches a hang (the issue's 40,000 characters ran > 60 s)."""
    query = CASES[case](length)
    result = subprocess.run(
        [sys.executable, "-m", "hkprobono", "search", "--", query],
        capture_output=True,
        timeout=30,
        check=False,
        env={**os.environ, "HKPROBONO_CACHE": "1"},
    )
    assert result.returncode == (2 if len(query) > MAX_TYPED else result.returncode), result.stderr
    assert result.returncode in (0, 1, 2) and b"Traceback" not in result.stderr


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


@pytest.mark.parametrize(
    "command", [["export", "vcard", "--all"], ["export", "json"], ["export", "hsds"], ["export", "html"]]
)
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "give a file name (an empty name would write into the current folder)"),
        ("-", "'-' is not a file name; leave out -o to write to standard output"),
    ],
)
def test_an_empty_or_dash_output_is_a_usage_error(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], value: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(*command, "-o", value)
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert not list(tmp_path.iterdir())  # before: 27 cards in the current folder, or a file named "-"


def test_output_lost_at_the_final_flush_is_an_error(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """A short output that only fails when flushed (a full disk) is exit 3, not a quiet exit 0."""
    import errno

    from hkprobono.cli import options

    def full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(options, "_flush_stdout", full)
    result = invoke("show", "justice-centre", "--json")
    assert result.exit_code == 3
    assert result.stderr == "Error: the output could not be written (No space left on device)\n"


def test_a_broken_pipe_is_quiet_and_141(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from hkprobono.cli import options

    def gone() -> None:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(options, "_flush_stdout", gone)
    result = invoke("list")
    assert result.exit_code == 141 and result.stderr == ""
