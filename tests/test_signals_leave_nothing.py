"""Issue 26, signals: Ctrl-C or TERM at any moment of a write leaves no card, no temporary file
and no half-written data file, as docs/safety.md promises.

Before: 10 of 10 signals while `export vcard --all -o DIR/` named its cards left one card, and 3
of 10 while it staged them left a `.tmp` file: a signal landing between creating a file and
listing it for the clean-up lost it. A driver slows one step (a marker file says it has started)
so that the signal lands exactly there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hkprobono.loading.source import bundled_path, load

pytestmark = pytest.mark.slow  # real processes and real signals

# STEP is patched to pause in the middle (after its real work when AFTER is set, else before):
# the test sends the signal while it pauses.
DRIVER = """
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
    command = [sys.executable, "-c", DRIVER, step, "after" if after else "before", str(marker), str(call), *args]
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
