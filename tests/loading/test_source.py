"""loading/source.py, reading a directory file: the broken-data corpus (tests/data/broken/, each
file's expected message in expected.toml) is refused with one clear message naming file, entry
and field; special and huge files are refused at once; a byte-order mark is named; a path that
is not valid UTF-8 works in every command.

Before (issue 26): a byte-order mark was "not valid TOML at line 1"; a `--data` path with a
byte that is not UTF-8 was a traceback in every command that opens the directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BROKEN, EXPECTED, MINIMAL, SMALL, Invoke


def test_every_corpus_file_has_an_expectation() -> None:
    assert {p.name for p in BROKEN.glob("*.toml")} - {"expected.toml"} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_broken_file_is_refused_with_its_message_and_exit_code(invoke: Invoke, name: str) -> None:
    path, case = BROKEN / name, EXPECTED[name]
    result = invoke("--data", str(path), "list")
    assert result.exit_code == case["load"], result.output
    assert "Traceback" not in result.output
    if case["load"] == 2:
        assert result.stderr.startswith(f"Error: {path}: ")
        assert case["message"] in result.stderr


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


def test_special_and_huge_data_files_are_refused_at_once(invoke: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024 + 1)  # sparse: no disk used
    for path, message in ((Path("/dev/zero"), "not a regular file"), (fifo, "not a regular file"), (huge, "64 MiB")):
        for args in (["--data", str(path), "list"], ["data", "check", str(path)], ["data", "fmt", str(path)]):
            result = invoke(*args)
            assert result.exit_code == 2 and message in result.stderr, (args, result.output)


UTF16 = "is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8"


@pytest.mark.parametrize(
    ("content", "message", "hint"),
    [
        (
            b"\xef\xbb\xbf" + MINIMAL.encode(),
            "starts with a byte-order mark (U+FEFF), which TOML does not allow",
            'save the file as UTF-8 without a byte-order mark ("UTF-8", not "UTF-8 with BOM")',
        ),
        (
            b"\xff\xfe" + MINIMAL.encode("utf-16-le"),
            "is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8",
            None,
        ),
        (
            b"\xfe\xff" + MINIMAL.encode("utf-16-be"),
            "is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8",
            None,
        ),
    ],
    ids=["utf-8 bom", "utf-16-le", "utf-16-be"],
)
@pytest.mark.parametrize("command", [["list"], ["data", "check"], ["data", "fmt"]])
def test_a_byte_order_mark_is_named(
    invoke: Invoke, tmp_path: Path, content: bytes, message: str, hint: str | None, command: list[str]
) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(content)
    args = ["--data", str(path), *command] if command == ["list"] else [*command, str(path)]
    result = invoke(*args)
    assert result.exit_code == 2
    if command == ["data", "check"]:  # the report, on stdout
        assert result.stdout.splitlines()[0] == f"{path}: error: {message}"
    else:
        assert result.stderr.splitlines() == [f"Error: {path}: {message}", *([hint] if hint else [])]
    assert path.read_bytes() == content


NOT_UTF8 = os.fsdecode(b"caf\xe9-\xff.toml")  # Latin-1 bytes, as an old USB stick names files
SHOWN = "caf\\xe9-\\xff.toml"
OPENING = [
    ["list"],
    ["list", "--plain"],
    ["show", "alpha-legal"],
    ["show", "alpha-legal", "--json"],
    ["show", "alpha-legal", "--share"],
    ["search", "legal"],
    ["search", "legal", "--json"],
    ["districts"],
    ["about"],
    ["usm", "steps"],
    ["usm", "deadlines"],
    ["open", "alpha-legal"],
    ["export", "json"],
    ["export", "hsds"],
    ["export", "html"],
    ["export", "vcard", "alpha-legal"],
    ["data", "stale"],
]
NAMING = [["data", "check"], ["data", "check", "--json"]]


@pytest.fixture
def odd_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = Path(NOT_UTF8)
    path.write_bytes(SMALL.read_bytes())
    return path


@pytest.mark.parametrize("args", OPENING, ids=" ".join)
@pytest.mark.slow  # every command: the fast tier has test_confirm_and_fmt_write_such_a_file
def test_a_data_path_that_is_not_utf8_opens_in_every_command(invoke: Invoke, odd_name: Path, args: list[str]) -> None:
    result = invoke("--data", str(odd_name), *args)
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("args", NAMING, ids=" ".join)
def test_the_data_commands_name_such_a_file_with_escapes(invoke: Invoke, odd_name: Path, args: list[str]) -> None:
    result = invoke(*args, str(odd_name))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output
    result.output.encode("utf-8")  # no surrogate reaches any output
    if "--json" in args:
        import json

        assert json.loads(result.stdout)["file"] == SHOWN
    else:
        assert SHOWN in result.output  # the name, its bad bytes as \xNN


def test_confirm_and_fmt_write_such_a_file(invoke: Invoke, odd_name: Path) -> None:
    result = invoke("data", "fmt", str(odd_name))
    assert result.exit_code == 0 and result.stderr == f"{SHOWN}: rewritten\n"
    result = invoke(
        "data", "confirm", "alpha-legal", "--fields", "phones", "--method", "phone", "--by", "A", str(odd_name)
    )
    assert result.exit_code == 0 and result.stderr.startswith(f"{SHOWN}: recorded"), result.output
    missing = invoke("--data", "caf\udce9-missing.toml", "list")
    assert missing.exit_code == 2 and missing.stderr == "Error: caf\\xe9-missing.toml: no such file\n"


@pytest.mark.slow
def test_shell_completion_with_such_a_data_path(odd_name: Path) -> None:
    exe = Path(sys.executable).parent / "hkprobono"
    env = {
        **os.environ,
        "_HKPROBONO_COMPLETE": "complete_bash",
        "COMP_WORDS": f"hkprobono --data {odd_name.resolve()} show alp",
        "COMP_CWORD": "4",
    }
    result = subprocess.run([str(exe)], env=env, capture_output=True, check=False, timeout=60)
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    assert result.stdout.split() == [b"alpha-legal"]


@pytest.mark.slow
@pytest.mark.parametrize("args", [["list"], ["data", "check"], ["search", "legal", "--json"]], ids=" ".join)
def test_such_a_path_in_a_real_process(odd_name: Path, args: list[str]) -> None:
    data = os.fsencode(str(odd_name.resolve()))
    command = [os.fsencode(sys.executable), b"-m", b"hkprobono", b"--data", data, *(a.encode() for a in args)]
    result = subprocess.run(command, capture_output=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
