"""channel/publish.py, `data publish`: only valid, newer files, signed by the channel's own keys,
with the documented expiry."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from channel_kit import directory_file
from conftest import DATA_DIR, Invoke
from hkprobono.channel.publish import previous


def test_an_invalid_file_is_never_published(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("data", "keys", "init", str(tmp_path / "keys")).exit_code == 0
    broken = tmp_path / "directory.toml"
    broken.write_text((DATA_DIR / "minimal.toml").read_text().replace("+852", "+44"), encoding="utf-8")
    result = invoke("data", "publish", str(tmp_path / "repo"), "--keys", str(tmp_path / "keys"), str(broken))
    assert result.exit_code == 2, result.output
    assert "phone" in result.stderr and not (tmp_path / "repo").exists()


def test_each_publish_raises_the_versions_with_the_documented_expiry(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("data", "keys", "init", str(tmp_path / "keys")).exit_code == 0
    source = directory_file(tmp_path / "src", "Alpha One")
    repo, keydir = tmp_path / "repo", str(tmp_path / "keys")
    assert invoke("data", "publish", str(repo), "--keys", keydir, str(source)).exit_code == 0
    assert previous(repo / "metadata") == (1, 1, 1, "2026-12-01")
    result = invoke("data", "publish", str(repo), "--keys", keydir, str(source), "--timestamp-days", "3")
    assert result.exit_code == 0, result.output
    assert "published version 2" in result.stderr
    assert previous(repo / "metadata") == (2, 2, 2, "2026-12-01")
    now = dt.datetime.now(dt.UTC)

    def days(name: str) -> int:
        signed = json.loads((repo / "metadata" / name).read_text(encoding="utf-8"))["signed"]
        return (dt.datetime.fromisoformat(signed["expires"].replace("Z", "+00:00")) - now).days

    assert (days("timestamp.json"), days("2.snapshot.json"), days("2.targets.json")) == (2, 29, 89)
    assert sorted(p.name for p in (repo / "metadata").iterdir()) == [
        "1.root.json", "1.snapshot.json", "1.targets.json", "2.snapshot.json", "2.targets.json", "timestamp.json"
    ]  # fmt: skip
    # The same file twice is one target file, named by its hash (consistent snapshots).
    assert len(list((repo / "targets").iterdir())) == 1
    # Publishing needs no root key: it can stay offline.
    (tmp_path / "keys" / "root.pem").unlink()
    assert invoke("data", "publish", str(repo), "--keys", keydir, str(source)).exit_code == 0
    assert previous(repo / "metadata").targets == 3


def test_a_file_older_than_the_one_published_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("data", "keys", "init", str(tmp_path / "keys")).exit_code == 0
    repo, keydir = str(tmp_path / "repo"), str(tmp_path / "keys")
    assert invoke("data", "publish", repo, "--keys", keydir, str(directory_file(tmp_path / "a", "A"))).exit_code == 0
    older = directory_file(tmp_path / "b", "B", compiled="2026-11-30")
    result = invoke("data", "publish", repo, "--keys", keydir, str(older))
    assert result.exit_code == 2 and "before the file already published" in result.stderr


def test_a_key_that_is_not_the_channels_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    for name in ("keys", "other"):
        assert invoke("data", "keys", "init", str(tmp_path / name)).exit_code == 0
    (tmp_path / "keys" / "targets.pem").write_bytes((tmp_path / "other" / "targets.pem").read_bytes())
    source = directory_file(tmp_path / "src", "Alpha One")
    result = invoke("data", "publish", str(tmp_path / "repo"), "--keys", str(tmp_path / "keys"), str(source))
    assert result.exit_code == 2 and "is not the targets key" in result.stderr
