"""entry.py, the console script: the standard streams and the locale.

A closed or full stdout (`>&-`, `>/dev/full`) gives one line on stderr and exit 3 for every
command, never a traceback or a quiet exit 0; a closed stdin or stderr is handled, and with
stderr closed no error text goes to stdout; a reader that leaves early gets 141. Documents are
the same UTF-8 bytes whatever the locale; text a terminal cannot show is escaped visibly and a
note says so once; a Chinese query works under LC_ALL=C.

Before (issue 26): `PYTHONIOENCODING=ascii export vcard refugee-union` wrote
`NICKNAME:\\u96e3...` and exited 0; LC_ALL=C made `search 難民` exit 1."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import UTF8, run_hkprobono
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


def _redirected(args: list[str], redirect: str) -> tuple[int, str, str]:
    # A shell does the redirection, as a user's would.
    command = " ".join(["exec", sys.executable, "-m", "hkprobono", *(f"'{a}'" for a in args), redirect])
    result = subprocess.run(["sh", "-c", command], capture_output=True, text=True, check=False)
    return result.returncode, result.stdout, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("redirect", [">&-", ">/dev/full"])
def test_a_closed_or_full_stdout_is_one_line_and_exit_3(redirect: str) -> None:
    cases = PRINTING + _every_help()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda args: _redirected(args, redirect), cases))
    for args, (code, _, stderr) in zip(cases, results, strict=True):
        assert code == 3, (args, code, stderr)
        assert stderr.startswith("Error: the output could not be written ("), (args, stderr)
        assert len(stderr.splitlines()) == 1 and "Traceback" not in stderr, (args, stderr)


@pytest.mark.slow
def test_a_closed_stdin_is_handled() -> None:
    for args in (["show", "refugee"], ["search", "legal"], ["data", "check"], ["list"]):
        code, _, output = _redirected(args, "<&-")
        assert "Traceback" not in output, (args, output)
        assert code in (0, 2), (args, code, output)


@pytest.mark.slow
def test_with_stderr_closed_errors_never_go_to_stdout() -> None:
    for args, expected in ((["show", "nosuch"], 2), (["list", "--bogus"], 2), (["--data", "/nonexistent", "list"], 2)):
        code, stdout, _ = _redirected(args, "2>&-")
        assert code == expected, (args, code)
        assert stdout == "", (args, stdout)
    code, stdout, _ = _redirected(["show", "justice-centre"], "2>&-")
    assert code == 0 and "Justice Centre" in stdout


@pytest.mark.slow
def test_everything_closed_still_ends_cleanly() -> None:
    result = subprocess.run(
        ["sh", "-c", f"exec {sys.executable} -m hkprobono list <&- >&- 2>&-"], capture_output=True, check=False
    )
    assert result.returncode == 3


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


@pytest.mark.slow
def test_a_reader_that_stops_early_gets_0_or_141_never_1() -> None:
    """`list | head -1`: 141 when the reader left before everything was written, 0 when the pipe had
    already taken it all (which one depends on timing, as for any program); never 1, "nothing found"."""
    exe = Path(sys.executable).parent / "hkprobono"
    for args in (["list"], ["export", "json"]):
        shell = f"{exe} {' '.join(args)} | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}"
        result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, check=True)
        assert result.stdout.strip() in ("0", "141"), (args, result.stdout)
        assert result.stderr == ""


LOCALES = {
    "ascii-io": {"PYTHONIOENCODING": "ascii"},
    "c-locale": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}
DOCUMENTS = [
    ["export", "vcard", "refugee-union"],
    ["export", "json"],
    ["export", "hsds"],
    ["export", "html", "refugee-union"],
    ["show", "refugee-union", "--share"],
    ["list", "--plain"],
    ["search", "難民", "--json"],
]


@pytest.mark.slow
@pytest.mark.parametrize("args", DOCUMENTS, ids=" ".join)
def test_documents_are_the_same_utf8_bytes_in_any_locale(args: list[str]) -> None:
    expected = run_hkprobono(args, UTF8)
    assert expected.returncode == 0, expected.stderr
    expected.stdout.decode("utf-8")
    for locale, env in LOCALES.items():
        got = run_hkprobono(args, env)
        assert got.returncode == 0, (locale, got.stderr)
        assert got.stdout == expected.stdout, locale
        assert not got.stderr, locale  # nothing was escaped, so there is nothing to say


# Each calendar file has its own UID and time stamp (a re-import must not merge two of them).
STAMPED = re.compile(rb"^(UID|DTSTAMP):.*$", re.M)


@pytest.mark.slow
def test_a_calendar_file_is_the_same_in_any_locale(tmp_path: Path) -> None:
    files = []
    for name, env in (("utf8", UTF8), *LOCALES.items()):
        target = tmp_path / f"{name}.ics"
        result = run_hkprobono(["usm", "deadline", "appeal", "--from", "2026-11-20", "--ics", str(target)], env)
        assert result.returncode == 0, result.stderr
        files.append(STAMPED.sub(b"", target.read_bytes()))
    assert len(set(files)) == 1 and b"Notice of appeal" in files[0]


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["ascii-io", "c-locale"])
def test_terminal_text_is_escaped_visibly_and_said_once(locale: str) -> None:
    result = run_hkprobono(["show", "refugee-union"], LOCALES[locale])
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == b"Refugee Union  \\u96e3\\u6c11\\u806f\\u6703  [refugee-union]"
    result.stdout.decode("ascii")
    notes = result.stderr.decode().splitlines()
    assert notes == [
        "Note: some characters cannot be shown in this terminal's character set (ascii) and are written as "
        "\\u escapes; a UTF-8 locale (such as LANG=C.UTF-8) shows them"
    ]
    plain = run_hkprobono(["show", "unhcr"], LOCALES[locale])  # all ASCII: nothing to say
    assert plain.returncode == 0 and not plain.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "found"),
    [
        (["search", "難民", "--plain"], "refugee-union"),
        (["search", "法律援助", "--plain"], "legal"),
        (["show", "難民聯會", "--json"], '"slug": "refugee-union"'),
        (["usm", "glossary", "免遣返聲請", "--json"], '"term"'),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else v,
)
def test_chinese_arguments_work_under_the_c_locale(args: list[str], found: str) -> None:
    expected = run_hkprobono(args, UTF8)
    got = run_hkprobono(args, LOCALES["c-locale"])
    assert (got.returncode, got.stdout) == (expected.returncode, expected.stdout), got.stderr
    if expected.returncode == 0:
        assert found in got.stdout.decode("utf-8")
