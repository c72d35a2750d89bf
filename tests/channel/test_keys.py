"""channel/keys.py, `data keys init`: owner-only keys and the first root, never overwritten."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from conftest import Invoke
from hkprobono.channel import keys


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_keys_init_writes_owner_only_keys_and_the_first_root(invoke: Invoke, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        result = invoke("data", "keys", "init", str(tmp_path / "keys"))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "keys"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["1.root.json", "root.json", "root.pem", "snapshot.pem", "targets.pem", "timestamp.pem"]
    assert all(stat.S_IMODE((folder / n).stat().st_mode) == 0o600 for n in names)
    root = json.loads((folder / "root.json").read_text(encoding="utf-8"))["signed"]
    assert root["_type"] == "root" and root["version"] == 1 and root["consistent_snapshot"] is True
    assert {role: len(r["keyids"]) for role, r in root["roles"].items()} == dict.fromkeys(keys.ROLES, 1)
    assert len(set(root["keys"])) == 4  # one key per role, none shared
    expires = dt.datetime.fromisoformat(root["expires"].replace("Z", "+00:00"))
    assert 364 <= (expires - dt.datetime.now(dt.UTC)).days <= 365
    assert "hand" in result.stderr and "root.json" in result.stderr


def test_keys_init_refuses_a_git_work_tree(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "project" / ".git").mkdir(parents=True)
    target = tmp_path / "project" / "deep" / "keys"
    result = invoke("data", "keys", "init", str(target))
    assert result.exit_code == 2
    assert "git work tree" in result.stderr and not target.exists()
    (tmp_path / "worktree").mkdir()
    (tmp_path / "worktree" / ".git").write_text("gitdir: /elsewhere\n")  # a linked worktree's .git is a file
    assert invoke("data", "keys", "init", str(tmp_path / "worktree" / "keys")).exit_code == 2


def test_keys_are_never_overwritten(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("data", "keys", "init", str(tmp_path / "keys")).exit_code == 0
    before = (tmp_path / "keys" / "root.pem").read_bytes()
    result = invoke("data", "keys", "init", str(tmp_path / "keys"))
    assert result.exit_code == 2 and "never overwritten" in result.stderr
    assert (tmp_path / "keys" / "root.pem").read_bytes() == before
