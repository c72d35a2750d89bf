"""safewrite.py: files are only ever written whole, where they were meant to go: regular files
only, never over an existing file without --force, all or nothing for several files, and no
temporary file, card or half-written data file left by Ctrl-C or TERM at any moment of a write.

Before (issue 26): 10 of 10 signals while `export vcard --all -o DIR/` named its cards left one
card, and 3 of 10 while it staged them left a `.tmp` file. A driver slows one step (a marker
file says it has started) so that the signal lands exactly there."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA_DIR, Invoke
from hkprobono import safewrite
from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import bundled_path, load


@pytest.fixture
def no_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    """A refused target must be refused before any rename or link is tried."""
    monkeypatch.setenv("HKPROBONO_CACHE", "0")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"tried to write {args}")

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(os, "link", refuse)


def test_dev_null_is_never_replaced_even_with_force_as_root(invoke: Invoke, no_replace: None) -> None:
    for force in ([], ["--force"]):
        result = invoke("export", "html", "-o", "/dev/null", *force)
        assert result.exit_code == 2, result.output
        assert "not a regular file" in result.stderr or "already exists" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_devices_fifos_folders_and_links_to_them_are_refused(tmp_path: Path, no_replace: None) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    targets = [fifo, tmp_path]
    link = tmp_path / "link"
    link.symlink_to("/dev/null")
    targets.append(link)
    if os.geteuid() == 0:  # as root: a device node of our own, never the real /dev/null
        node = tmp_path / "null"
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        targets.append(node)
    for target in targets:
        with pytest.raises(HkProBonoError):
            safewrite.write_text(target, "x", force=True)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink()


def test_a_link_to_a_regular_file_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.html"
    real.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    with pytest.raises(HkProBonoError, match="already exists"):
        safewrite.write_text(link, "new")
    safewrite.write_text(link, "new", force=True)
    assert link.is_symlink() and real.read_text() == "new"


def test_the_no_overwrite_check_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file created while the export was being written is kept, not overwritten."""
    target = tmp_path / "out.json"
    stage = safewrite._stage

    def racing(where: Path, content: bytes, mode: int, staged: list[Path], *args: Any, **kwargs: Any) -> Path:
        tmp = stage(where, content, mode, staged, *args, **kwargs)
        target.write_text("someone else's")
        return tmp

    monkeypatch.setattr(safewrite, "_stage", racing)
    with pytest.raises(HkProBonoError, match="already exists"):
        safewrite.write_text(target, "ours")
    assert target.read_text() == "someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_without_hard_links_the_name_is_still_claimed_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    safewrite.write_text(tmp_path / "a.txt", "one")
    assert (tmp_path / "a.txt").read_text() == "one"
    with pytest.raises(HkProBonoError, match="already exists"):
        safewrite.write_text(tmp_path / "a.txt", "two")
    assert (tmp_path / "a.txt").read_text() == "one"


def _disk_fills_after(monkeypatch: pytest.MonkeyPatch, files: int) -> None:
    stage = safewrite._stage
    count = {"n": 0}

    def filling(where: Path, content: bytes, mode: int, staged: list[Path], *args: Any, **kwargs: Any) -> Path:
        count["n"] += 1
        if count["n"] > files:
            raise HkProBonoError(f"{where}: cannot be written (No space left on device)")
        return stage(where, content, mode, staged, *args, **kwargs)

    monkeypatch.setattr(safewrite, "_stage", filling)


@pytest.mark.parametrize("force", [False, True])
def test_a_multi_file_export_is_all_or_nothing(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    out = tmp_path / "cards"
    out.mkdir()
    (out / "bvf.vcf").write_text("old card")
    _disk_fills_after(monkeypatch, 5)
    result = invoke("export", "vcard", "--all", "-o", f"{out}/", *(["--force"] if force else []))
    assert result.exit_code == 2
    if force:
        assert "No space left on device" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["bvf.vcf"]  # no new card, no temporary file
    assert (out / "bvf.vcf").read_text() == "old card"


def test_temporary_files_are_removed_on_ctrl_c(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        safewrite.write_text(tmp_path / "a.html", "x" * 100_000)
    with pytest.raises(KeyboardInterrupt):
        safewrite.write_many(tmp_path / "cards", {"a.vcf": b"a", "b.vcf": b"b"})
    assert [p.name for p in tmp_path.rglob("*")] == ["cards"]


DRIVER = """
import os, sys, time
target = sys.argv[1]
def slow(fd):
    open(target + ".writing", "w").close()
    time.sleep(30)
os.fsync = slow
sys.argv = ["hkprobono", "export", "json", "-o", target]
from hkprobono.entry import main
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize(("signal_name", "code"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_temporary_files_are_removed_on_a_signal(tmp_path: Path, signal_name: str, code: int) -> None:
    import signal

    out = tmp_path / "out" / "d.json"
    out.parent.mkdir()
    env = {**os.environ, "HKPROBONO_CACHE": "0"}
    process = subprocess.Popen([sys.executable, "-c", DRIVER, str(out)], stderr=subprocess.PIPE, env=env)
    marker = Path(f"{out}.writing")
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    assert marker.exists(), "the export never started writing"
    assert [p for p in out.parent.iterdir() if p.suffix == ".tmp"]  # caught in the middle of writing
    process.send_signal(getattr(signal, signal_name))
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == code, stderr
    assert b"Traceback" not in stderr
    assert [p.name for p in out.parent.iterdir()] == ["d.json.writing"]  # the test's marker only


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


# STEP is patched to pause in the middle (after its real work when AFTER is set, else before):
# the test sends the signal while it pauses.
PAUSED_DRIVER = """
import os, sys, tempfile, time
step, after, marker, call = sys.argv[1], sys.argv[2] == "after", sys.argv[3], int(sys.argv[4])
owner = tempfile if step == "mkstemp" else os
real = getattr(owner, step)
calls = {"n": 0}

def paused(*args, **kwargs):
    calls["n"] += 1
    if calls["n"] == call and not after:
        open(marker, "w").close()
        time.sleep(0.8)
    result = real(*args, **kwargs)
    if calls["n"] == call and after:
        open(marker, "w").close()
        time.sleep(0.8)
    return result

setattr(owner, step, paused)
sys.argv = ["hkprobono", *sys.argv[5:]]
from hkprobono.entry import main
main()
"""
SIGNALS = [("SIGINT", 130), ("SIGTERM", 143)]


def _interrupt(tmp_path: Path, step: str, after: bool, call: int, args: list[str], signal_name: str) -> tuple[int, str]:
    marker = tmp_path / "marker"
    env = {**os.environ, "HKPROBONO_CACHE": "0"}
    command = [sys.executable, "-c", PAUSED_DRIVER, step, "after" if after else "before", str(marker), str(call), *args]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.01)
    assert marker.exists(), f"the run never reached {step}: {process.communicate()[1]!r}"
    process.send_signal(getattr(signal, signal_name))
    _, err = process.communicate(timeout=60)
    return process.returncode, err.decode("utf-8", "replace")


# (step, after it, which call): staging the third card, writing it, naming the first and the fifth
# card (before and after the name is made), as the runs did.
CARD_MOMENTS = [
    ("mkstemp", True, 3),
    ("fsync", False, 3),
    ("link", False, 1),
    ("link", True, 1),
    ("link", True, 5),
]


@pytest.mark.slow  # real processes and real signals
@pytest.mark.parametrize(("signal_name", "code"), SIGNALS)
@pytest.mark.parametrize(("step", "after", "call"), CARD_MOMENTS, ids=lambda v: str(v))
def test_a_signal_while_cards_are_written_leaves_the_folder_as_it_was(
    tmp_path: Path, step: str, after: bool, call: int, signal_name: str, code: int
) -> None:
    out = tmp_path / "cards"
    out.mkdir()
    (out / "keep.txt").write_text("the user's own file")
    status, err = _interrupt(tmp_path, step, after, call, ["export", "vcard", "--all", "-o", f"{out}/"], signal_name)
    assert status == code, err
    assert "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]  # no card, no .tmp file


@pytest.mark.slow  # real processes and real signals
@pytest.mark.parametrize(
    ("step", "after", "signal_name", "code"),
    [("mkstemp", True, "SIGINT", 130), ("fsync", False, "SIGTERM", 143), ("link", True, "SIGINT", 130)],
)
def test_a_signal_while_one_file_is_written_leaves_no_temporary_file(
    tmp_path: Path, step: str, after: bool, signal_name: str, code: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    status, err = _interrupt(tmp_path, step, after, 1, ["export", "json", "-o", str(out / "d.json")], signal_name)
    assert status == code, err
    left = sorted(p.name for p in out.iterdir())
    # Interrupted after the name was made, the file is whole; before, there is nothing.
    assert left == (["d.json"] if step == "link" else []), left
    if left:
        assert (out / "d.json").read_text(encoding="utf-8").endswith("}\n")


@pytest.mark.slow  # real processes and real signals
@pytest.mark.parametrize(
    ("step", "after", "signal_name", "code"),
    [
        ("mkstemp", True, "SIGTERM", 143),
        ("fsync", False, "SIGINT", 130),
        ("replace", False, "SIGTERM", 143),
        ("replace", True, "SIGINT", 130),
    ],
)
def test_a_signal_while_a_confirmation_is_written_leaves_the_data_whole(
    tmp_path: Path, step: str, after: bool, signal_name: str, code: int
) -> None:
    data = tmp_path / "data" / "directory.toml"
    data.parent.mkdir()
    data.write_bytes(bundled_path().read_bytes())
    before = data.read_bytes()
    args = ["data", "confirm", "refugee-union", "--fields", "phones", "--method", "phone", "--by", "S", str(data)]
    status, err = _interrupt(tmp_path, step, after, 1, args, signal_name)
    assert status == code, err
    assert sorted(p.name for p in data.parent.iterdir()) == [".directory.toml.lock", "directory.toml"]
    org = load(data).by_slug("refugee-union")  # whole: it loads
    assert org is not None
    if step == "replace" and after:
        assert [c.by for c in org.confirmations][-1:] == ["S"]
    else:
        assert data.read_bytes() == before
    # And the lock went with the process: the next run gets it at once.
    again = subprocess.run(
        [sys.executable, "-m", "hkprobono", *args[:-3], "--by", "T", str(data)], capture_output=True, check=False
    )
    assert again.returncode == 0, again.stderr
