"""Issue 26, paths: the cache is never opened through a link or waited on as a FIFO; a data path
that is not valid UTF-8 works everywhere; `-o` names what is wrong with the path it is given; a
rewrite as root keeps the file's owner.

Before: a symlink planted in the cache folder made a run overwrite the link's target; a FIFO there
hung the run; a `--data` path with a byte that is not UTF-8 was a traceback in every command that
opens the directory and in shell completion; `-o ''` wrote 27 cards into the current folder; a
link to a folder was "not a regular file (a device, FIFO or socket)"."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import DATA_DIR, Invoke
from hkprobono import safewrite
from hkprobono.errors import HkProBonoError
from hkprobono.loading import cache


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("HKPROBONO_CACHE", raising=False)
    return home / "hkprobono"


SMALL = DATA_DIR / "minimal.toml"  # small, so that building its cache costs the fast tier nothing


def _slot(folder: Path) -> Path:
    """The cache file of SMALL."""
    return folder / cache._name(str(SMALL.resolve()))


# -- the cache ----------------------------------------------------------------------------------------
def test_a_link_planted_in_the_cache_folder_is_never_written_through(
    invoke: Invoke, cache_home: Path, tmp_path: Path
) -> None:
    cache_home.mkdir(parents=True, mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    _slot(cache_home).symlink_to(victim)
    result = invoke("--data", str(SMALL), "show", "beta-food")
    assert result.exit_code == 0 and "Beta Food Bank" in result.stdout
    assert victim.read_text() == "precious" and stat.S_IMODE(victim.stat().st_mode) != 0o600
    assert result.stderr == f"Note: the cache file {_slot(cache_home)} is a link; it was ignored\n"
    # The link itself was replaced by a real cache file, read by the next run without a word.
    assert _slot(cache_home).is_file() and not _slot(cache_home).is_symlink()
    again = invoke("--data", str(SMALL), "show", "beta-food")
    assert again.exit_code == 0 and not again.stderr


@pytest.mark.parametrize("kind", ["fifo", "folder", "dangling"])
def test_a_cache_file_that_is_not_a_regular_file_is_ignored_at_once(
    cache_home: Path, tmp_path: Path, kind: str
) -> None:
    cache_home.mkdir(parents=True, mode=0o700)
    slot = _slot(cache_home)
    if kind == "fifo":
        os.mkfifo(slot)
    elif kind == "folder":
        slot.mkdir()
    else:
        slot.symlink_to(tmp_path / "nowhere")
    notices: list[str] = []
    found: list[object] = []
    # A thread, so that a hang fails the test instead of stopping the suite.
    worker = threading.Thread(target=lambda: found.append(cache.load(str(SMALL.resolve()), b"x", notices)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "reading the cache waited on a special file"
    assert found == [None]
    assert len(notices) == 1 and "it was ignored" in notices[0], notices


@pytest.mark.slow
def test_a_fifo_in_place_of_the_cache_file_never_hangs_a_run(tmp_path: Path) -> None:
    folder = tmp_path / "c" / "hkprobono"
    folder.mkdir(parents=True, mode=0o700)
    os.mkfifo(_slot(folder))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c")}
    command = [sys.executable, "-m", "hkprobono", "--data", str(SMALL), "show", "beta-food"]
    result = subprocess.run(command, env=env, capture_output=True, timeout=30, check=False)
    assert result.returncode == 0 and b"Beta Food Bank" in result.stdout
    assert result.stderr.decode() == f"Note: the cache file {_slot(folder)} is a FIFO; it was ignored\n"
    assert _slot(folder).is_file()  # replaced by a rename, never opened for writing


def test_a_cache_folder_that_is_a_link_or_another_users_is_not_used(
    invoke: Invoke, cache_home: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache_home.parent.mkdir(parents=True)
    cache_home.symlink_to(elsewhere)
    result = invoke("--data", str(SMALL), "show", "beta-food")
    assert result.exit_code == 0 and "Beta Food Bank" in result.stdout
    assert "is not a folder (it is a link)" in result.stderr and "no cache in this run" in result.stderr
    assert not list(elsewhere.iterdir())
    if os.geteuid() == 0:  # only root can give a folder to another user
        cache_home.unlink()
        cache_home.mkdir(mode=0o700)
        os.chown(cache_home, 12345, 12345)
        result = invoke("--data", str(SMALL), "show", "beta-food")
        assert result.exit_code == 0 and "belongs to another user" in result.stderr
        assert not list(cache_home.iterdir())


def test_an_own_cache_folder_open_to_the_group_is_closed_again(invoke: Invoke, cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    cache_home.chmod(0o775)  # as an older version made it under umask 002
    result = invoke("--data", str(SMALL), "show", "beta-food")
    assert result.exit_code == 0 and not result.stderr
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    assert [stat.S_IMODE(p.stat().st_mode) for p in cache_home.iterdir()] == [0o600]


# -- a data path that is not UTF-8 ------------------------------------------------------------------------
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


# -- -o ------------------------------------------------------------------------------------------------------
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


def test_output_through_a_link_to_a_folder_says_so(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    result = invoke("export", "json", "-o", str(tmp_path / "link"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'link'}: is a link to a folder; give a file name\n"
    assert not list((tmp_path / "real").iterdir())


def test_each_special_target_is_named_for_what_it_is(tmp_path: Path) -> None:
    import socket

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    sock = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    link = tmp_path / "to-fifo"
    link.symlink_to(fifo)
    try:
        for path, what in (
            (fifo, "is a FIFO"),
            (sock, "is a socket"),
            (Path("/dev/null"), "is a device"),
            (link, "is a link to a FIFO"),
        ):
            with pytest.raises(HkProBonoError) as caught:
                safewrite.write_text(path, "x", force=True)
            assert caught.value.message == f"{path}: {what}, not a regular file; nothing was written"
    finally:
        server.close()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can change owners")
@pytest.mark.parametrize(
    "command",
    [["data", "fmt"], ["data", "confirm", "plain-food", "--fields", "summary", "--method", "visit", "--by", "A"]],
)
def test_a_rewrite_as_root_keeps_the_files_owner(invoke: Invoke, tmp_path: Path, command: list[str]) -> None:
    data = tmp_path / "d.toml"
    shutil.copy(DATA_DIR / "full.toml", data)
    os.chown(data, 12345, 23456)
    data.chmod(0o640)
    result = invoke(*command, str(data))
    assert result.exit_code == 0, result.output
    info = data.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (12345, 23456, 0o640)
