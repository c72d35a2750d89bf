"""Issue 26, concurrency: nothing is lost when two people edit at once.

Every command that writes the data file (`data confirm`, `data fmt`) takes the file's exclusive
lock, reads the file again under it, writes atomically and lets the next run in. Before, six
`data confirm` runs started together all said "recorded" and one confirmation was in the file.
The slow tests start real processes at the same instant; the fast ones hold the lock in-process."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import CALL, DATA_DIR, Invoke
from hkprobono import errors, safewrite
from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import bundled_path, load
from hkprobono.maintain import confirm

ON = dt.date(2026, 11, 26)
# Each writer imports everything first, then waits for the same go-file: they reach the data file
# within a millisecond of one another, as the six shell jobs did.
DRIVER = """
import os, sys, time
import hkprobono.cli.app, hkprobono.cli.data, hkprobono.maintain.confirm, hkprobono.maintain.fmt
from hkprobono.entry import main
go = sys.argv[1]
while not os.path.exists(go):
    time.sleep(0.002)
sys.argv = ["hkprobono", *sys.argv[2:]]
main()
"""


def _together(tmp_path: Path, commands: list[list[str]]) -> list[tuple[int, str]]:
    go = tmp_path / "go"
    env = {**os.environ, "HKPROBONO_CACHE": "0"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(go), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for args in commands
    ]
    time.sleep(1.0)  # every writer has imported and is waiting
    go.touch()
    done = []
    for process in processes:
        _, err = process.communicate(timeout=120)
        done.append((process.returncode, err.decode("utf-8", "replace")))
    return done


def _confirmed_by(path: Path, slug: str) -> list[str]:
    org = load(path).by_slug(slug)
    assert org is not None
    return [c.by for c in org.confirmations]


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    path = tmp_path / "directory.toml"
    path.write_bytes(bundled_path().read_bytes())
    return path


@pytest.mark.slow
def test_confirmations_started_together_all_land(tmp_path: Path, shared: Path) -> None:
    writers = 12  # the issue lost five of six
    before = _confirmed_by(shared, "refugee-union")
    commands = [
        ["data", "confirm", "refugee-union", "--fields", "phones", "--method", "phone", "--by", f"P{i}", str(shared)]
        for i in range(writers)
    ]
    done = _together(tmp_path, commands)
    assert all(code == 0 for code, _ in done), done
    assert all("recorded" in err and "Traceback" not in err for _, err in done), done
    after = _confirmed_by(shared, "refugee-union")
    assert sorted(after[len(before) :]) == sorted(f"P{i}" for i in range(writers))  # every one, once


@pytest.mark.slow
def test_confirm_and_fmt_together_keep_every_confirmation(tmp_path: Path) -> None:
    data = tmp_path / "d.toml"
    data.write_bytes((DATA_DIR / "full.toml").read_bytes())  # not canonical: fmt has work to do
    slug = load(data).organisations[0].slug
    commands: list[list[str]] = []
    for i in range(6):
        commands.append(
            ["data", "confirm", slug, "--fields", "phones", "--method", "phone", "--by", f"W{i}", str(data)]
        )
        if i % 2:
            commands.append(["data", "fmt", str(data)])
    done = _together(tmp_path, commands)
    assert all(code == 0 for code, _ in done), done
    assert sorted(by for by in _confirmed_by(data, slug) if by.startswith("W")) == [f"W{i}" for i in range(6)]
    check = subprocess.run(
        [sys.executable, "-m", "hkprobono", "data", "fmt", "--check", str(data)], capture_output=True, check=False
    )
    assert check.returncode == 0, check.stderr  # and the file ends canonical


@pytest.mark.slow
def test_writers_leave_no_temporary_file(tmp_path: Path, shared: Path) -> None:
    commands = [
        ["data", "confirm", "unhcr", "--fields", "hours", "--method", "website", "--by", f"T{i}", str(shared)]
        for i in range(4)
    ]
    assert all(code == 0 for code, _ in _together(tmp_path, commands))
    assert sorted(p.name for p in shared.parent.iterdir()) == [".directory.toml.lock", "directory.toml", "go"]


# -- the lock, in one process -------------------------------------------------------------------------
def test_a_run_that_cannot_get_the_lock_writes_nothing_and_says_so(
    invoke: Invoke, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safewrite, "LOCK_SECONDS", 0.3)
    before = shared.read_bytes()
    with safewrite.exclusive(shared.resolve(), shown="someone else"):
        started = time.monotonic()
        result = invoke(
            "data", "confirm", "refugee-union", "--fields", "phones", "--method", "phone", "--by", "A", str(shared)
        )
        waited = time.monotonic() - started
        fmt = invoke("data", "fmt", str(shared))
    assert result.exit_code == fmt.exit_code == 7 == errors.EXIT_BUSY
    assert re.fullmatch(
        rf"Error: {re.escape(str(shared))}: another run is changing this file \(waited 0\.3 s\); nothing was changed\n"
        "try again when it has finished\n",
        result.stderr,
    )
    assert waited >= 0.3
    assert shared.read_bytes() == before


def test_an_edit_waits_and_then_reads_what_the_other_run_wrote(shared: Path) -> None:
    """The second run's first read is stale; it must read the file again under the lock."""
    errors: list[BaseException] = []

    def second() -> None:
        try:
            confirm.record(shared, "refugee-union", "phones", "phone", "second", on=ON)
        except BaseException as exc:  # reported below
            errors.append(exc)

    with safewrite.exclusive(shared.resolve(), shown="first"):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)  # the second run has read the file and waits for the lock
        assert thread.is_alive()
        # What the first run writes while it holds the lock.
        text = shared.read_text(encoding="utf-8")
        shared.write_text(text.replace("food to families", "food to families, edited by the first run"), "utf-8")
    thread.join(timeout=60)
    assert not errors, errors
    org = load(shared).by_slug("refugee-union")
    assert org is not None
    assert org.summary.endswith("edited by the first run.")  # kept
    assert [c.by for c in org.confirmations][-1] == "second"  # and added


def test_the_lock_file_is_beside_the_target_of_a_link(invoke: Invoke, shared: Path) -> None:
    link = shared.parent / "link" / "d.toml"
    link.parent.mkdir()
    link.symlink_to(shared)
    result = invoke("data", "confirm", "unhcr", "--fields", "hours", "--method", "website", "--by", "A", str(link))
    assert result.exit_code == 0, result.output
    assert (shared.parent / ".directory.toml.lock").is_file() and not list(link.parent.glob(".*.lock"))


@pytest.mark.parametrize("planted", ["symlink", "fifo", "folder"])
def test_a_planted_lock_file_is_never_followed_nor_waited_on(
    invoke: Invoke, shared: Path, tmp_path: Path, planted: str
) -> None:
    lock = safewrite.lock_path(shared)
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    if planted == "symlink":
        lock.symlink_to(victim)
    elif planted == "fifo":
        os.mkfifo(lock)
    else:
        lock.mkdir()
    before = shared.read_bytes()
    result = invoke("data", "fmt", str(shared))
    assert result.exit_code == 2 and "cannot be locked for editing" in result.stderr, result.output
    assert "nothing was changed" in result.stderr
    assert victim.read_text() == "keep me" and shared.read_bytes() == before


def test_the_lock_is_released_when_the_edit_fails(shared: Path) -> None:
    with pytest.raises(HkProBonoError, match="not a field"):
        confirm.record(shared, "refugee-union", "nonsense", "phone", "A", on=ON)
    with safewrite.exclusive(shared.resolve(), shown="x", timeout=0):
        pass  # free at once


def test_a_write_waits_for_the_lock_and_gives_up_saying_why(
    invoke: Invoke, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("fcntl")
    from hkprobono import safewrite
    from hkprobono.errors import EXIT_BUSY

    monkeypatch.setattr(safewrite, "LOCK_SECONDS", 0.2)
    before = copy.read_bytes()
    with safewrite.exclusive(copy, shown=str(copy)):  # another run is editing the file
        result = invoke("data", "set", "soco", "hours", "Mon-Fri", str(copy), *CALL)
    assert result.exit_code == EXIT_BUSY and "another run is changing this file" in result.stderr
    assert copy.read_bytes() == before
    assert invoke("data", "set", "soco", "hours", "Mon-Fri", str(copy), *CALL).exit_code == 0  # free again


@pytest.mark.slow
def test_writers_started_together_lose_no_edit(copy: Path) -> None:
    """Six volunteers record six numbers in one file at the same moment: all six are in it."""
    import subprocess
    import sys

    numbers = [f"+852 2345 {6780 + i}" for i in range(6)]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "hkprobono", "data", "set", "bvf", "phone", number, str(copy), *CALL],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for number in numbers
    ]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
    org = load(copy).by_slug("bvf")
    assert org is not None and sorted(p.number for p in org.contact.phones) == numbers
