"""loading/installed.py: which directory file is in use, read without parsing it, and where
updates live."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hkprobono.loading import installed
from hkprobono.loading.source import bundled_path, load


def test_the_bundled_files_date_is_read_without_parsing_it(directory: object) -> None:
    assert installed.stamp(bundled_path().read_bytes()) == load().meta.compiled


@pytest.mark.skipif(sys.platform not in ("linux", "darwin"), reason="the fast path covers Linux and macOS")
@pytest.mark.parametrize("xdg", [None, "/srv/xdg-data", "relative/path"])
def test_updates_live_where_platformdirs_puts_user_data(monkeypatch: pytest.MonkeyPatch, xdg: str | None) -> None:
    import platformdirs

    monkeypatch.delenv("HKPROBONO_HOME")
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert installed.home() == Path(platformdirs.user_data_dir("hkprobono", appauthor=False))
