"""`hkprobono show`: the chooser an ambiguous name brings up, on a terminal and off it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import Invoke


def test_show_never_prompts_without_a_terminal(invoke: Invoke) -> None:
    result = invoke("show", "refugee", input="1\n")
    assert result.exit_code == 2 and "Which one" not in result.output


def test_show_asks_which_one_on_a_terminal(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hkprobono.cli.options.interactive", lambda: True)
    result = invoke("show", "refugee", input="2\n")
    assert result.exit_code == 0, result.output
    assert "Which one (1-4)" in result.output
    listed = [line.split("[")[1].rstrip("]") for line in result.stderr.splitlines() if line[:2] in ("1.", "2.")]
    assert f"  [{listed[1]}]\n" in result.stdout
    assert invoke("show", "refugee", input="7\n7\n7\n").exit_code == 2


def _chooser_in_a_terminal(keys: bytes) -> tuple[int, str]:
    """`show refugee` on a pseudo-terminal: wait for the chooser, type `keys`, return the exit code."""
    import pty
    import select

    exe = str(Path(sys.executable).parent / "hkprobono")
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80", "LINES": "40", "PAGER": "cat"}
    env.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty, so ^C becomes SIGINT
        os.execve(exe, [exe, "show", "refugee"], env)
    output = b""
    sent = False
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if not sent and b"Which one" in output:
            os.write(fd, keys)
            sent = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", errors="replace")


@pytest.mark.slow
@pytest.mark.parametrize("keys", [b"\x03", b"\x04"], ids=["ctrl-c", "ctrl-d"])
def test_ctrl_c_or_ctrl_d_at_the_chooser_exits_130(keys: bytes) -> None:
    code, output = _chooser_in_a_terminal(keys)
    assert code == 130, output
    assert "Aborted" not in output and "Traceback" not in output
    assert "cancelled" in output
