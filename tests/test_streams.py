"""Issue 18: closed or full standard streams. A closed or full stdout (`>&-`, `>/dev/full`) gives
one line on stderr and exit 3 for every command, never a traceback or a quiet exit 0; a closed
stdin or stderr is handled, and with stderr closed no error text goes to stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import Invoke
from hkprobono.cli.app import COMMANDS, build

# Every command with arguments that make it print something on standard output.
PRINTING = [
    ["--version"],
    ["--help"],
    ["search", "legal"],
    ["search", "legal", "--json"],
    ["search", "legal", "--plain"],
    ["show", "justice-centre"],
    ["show", "justice-centre", "--json"],
    ["show", "refugee-union", "--qr"],
    ["list"],
    ["list", "--plain"],
    ["about"],
    ["open", "justice-centre"],
    ["usm"],
    ["usm", "steps"],
    ["usm", "step", "1"],
    ["usm", "glossary"],
    ["export", "vcard", "justice-centre"],
    ["export", "json"],
    ["export", "hsds"],
    ["export", "html"],
    ["data", "check"],
]


def _every_help() -> list[list[str]]:
    """`COMMAND --help` for every command and subcommand there is, so a new one is covered too."""
    found = []
    for name in COMMANDS:
        command = build(name)
        subcommands = getattr(command, "commands", {})
        if subcommands:
            found += [[name, sub, "--help"] for sub in subcommands]
        found.append([name, "--help"])
    return found


def _run(args: list[str], redirect: str) -> tuple[int, str, str]:
    # A shell does the redirection, as a user's would.
    command = " ".join(["exec", sys.executable, "-m", "hkprobono", *(f"'{a}'" for a in args), redirect])
    result = subprocess.run(["sh", "-c", command], capture_output=True, text=True, check=False)
    return result.returncode, result.stdout, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("redirect", [">&-", ">/dev/full"])
def test_a_closed_or_full_stdout_is_one_line_and_exit_3(redirect: str) -> None:
    cases = PRINTING + _every_help()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda args: _run(args, redirect), cases))
    for args, (code, _, stderr) in zip(cases, results, strict=True):
        assert code == 3, (args, code, stderr)
        assert stderr.startswith("Error: the output could not be written ("), (args, stderr)
        assert len(stderr.splitlines()) == 1 and "Traceback" not in stderr, (args, stderr)


@pytest.mark.slow
def test_a_closed_stdin_is_handled() -> None:
    for args in (["show", "refugee"], ["search", "legal"], ["data", "check"], ["list"]):
        code, _, output = _run(args, "<&-")
        assert "Traceback" not in output, (args, output)
        assert code in (0, 2), (args, code, output)


@pytest.mark.slow
def test_with_stderr_closed_errors_never_go_to_stdout() -> None:
    for args, expected in ((["show", "nosuch"], 2), (["list", "--bogus"], 2), (["--data", "/nonexistent", "list"], 2)):
        code, stdout, _ = _run(args, "2>&-")
        assert code == expected, (args, code)
        assert stdout == "", (args, stdout)
    code, stdout, _ = _run(["show", "justice-centre"], "2>&-")
    assert code == 0 and "Justice Centre" in stdout


@pytest.mark.slow
def test_everything_closed_still_ends_cleanly() -> None:
    result = subprocess.run(
        ["sh", "-c", f"exec {sys.executable} -m hkprobono list <&- >&- 2>&-"], capture_output=True, check=False
    )
    assert result.returncode == 3


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


@pytest.mark.slow
def test_a_reader_that_goes_away_is_141_without_a_traceback() -> None:
    # The JSON is larger than a pipe holds, so the reader leaves part-way: the run must say so
    # with 141, not end 0 having lost the rest (a large buffered write used to stop silently).
    result = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m hkprobono export json | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}"],
        capture_output=True, text=True, check=False, env={**os.environ, "HKPROBONO_CACHE": "0"},
    )  # fmt: skip
    assert "Traceback" not in result.stderr and result.stderr == ""
    assert result.stdout.strip() == "141"
