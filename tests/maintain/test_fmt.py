"""maintain/fmt.py, `data fmt`: one canonical form, kept data, and safe rewrites (through a link,
the mode kept, hard links and read-only files refused, an edit made meanwhile kept)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from conftest import BROKEN, DATA_DIR, Invoke
from hkprobono.loading.source import load


def test_fmt_rewrites_keeps_data_and_is_idempotent(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "d.toml"
    shutil.copy(DATA_DIR / "full.toml", target)
    before = load(target)
    assert invoke("data", "fmt", str(target), "--check").exit_code == 1
    assert target.read_bytes() == (DATA_DIR / "full.toml").read_bytes()  # --check changes nothing
    result = invoke("data", "fmt", str(target))
    assert result.exit_code == 0, result.output
    assert load(target) == before
    once = target.read_text(encoding="utf-8")
    assert invoke("data", "fmt", str(target), "--check").exit_code == 0
    assert invoke("data", "fmt", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == once


def test_fmt_refuses_broken_toml(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "bad.toml"
    shutil.copy(BROKEN / "not_toml.toml", target)
    result = invoke("data", "fmt", str(target))
    assert result.exit_code == 2 and "is not valid TOML" in result.stderr
    assert target.read_bytes() == (BROKEN / "not_toml.toml").read_bytes()


@pytest.fixture
def unformatted(tmp_path: Path) -> Path:
    target = tmp_path / "d.toml"
    target.write_bytes((DATA_DIR / "full.toml").read_bytes())
    return target


def test_fmt_writes_through_a_symlink_and_keeps_the_mode(invoke: Invoke, unformatted: Path) -> None:
    unformatted.chmod(0o640)
    link = unformatted.parent / "link.toml"
    link.symlink_to(unformatted)
    result = invoke("data", "fmt", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == unformatted
    assert stat.S_IMODE(unformatted.stat().st_mode) == 0o640
    assert unformatted.read_bytes() != (DATA_DIR / "full.toml").read_bytes()


def test_fmt_refuses_hard_links_and_read_only_files(invoke: Invoke, unformatted: Path) -> None:
    before = unformatted.read_bytes()
    other = unformatted.parent / "other.toml"
    os.link(unformatted, other)
    result = invoke("data", "fmt", str(unformatted))
    assert result.exit_code == 2 and "hard links" in result.stderr
    other.unlink()
    unformatted.chmod(0o444)  # refused as root too, who could write it
    result = invoke("data", "fmt", str(unformatted))
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert unformatted.read_bytes() == before


def test_fmt_keeps_an_edit_made_while_it_ran(
    invoke: Invoke, unformatted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tomli_w

    dumps = tomli_w.dumps

    def editing(*args: object, **kwargs: object) -> str:
        unformatted.write_text(unformatted.read_text() + "\n# an edit\n")
        return dumps(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tomli_w, "dumps", editing)
    result = invoke("data", "fmt", str(unformatted))
    assert result.exit_code == 2 and "changed while" in result.stderr
    assert unformatted.read_text().endswith("# an edit\n")
