"""loading/cache.py: the on-disk cache gives the same directory as a fresh load, is rebuilt when
stale, damaged or of another model, is never opened through a link or waited on as a FIFO,
and without a usable home there is no cache and a note.

Before (issue 26): a symlink planted in the cache folder made a run overwrite the link's
target; a FIFO there hung the run; an empty HOME put the cache in /.cache."""

from __future__ import annotations

import collections
import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import DATA_DIR, ROOT, SMALL, TESTS, Invoke
from hkprobono import model
from hkprobono.cli.catalog import open_catalog
from hkprobono.loading import cache
from hkprobono.loading.source import load


def test_cache_round_trip_gives_the_same_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = open_catalog(DATA_DIR / "full.toml")
    files = list((tmp_path / "hkprobono").glob("*.cache"))
    assert len(files) == 1
    second = open_catalog(DATA_DIR / "full.toml")
    assert isinstance(second.directory.organisations, cache.LazyOrganisations)
    fresh = load(DATA_DIR / "full.toml")
    assert tuple(second.directory.organisations) == tuple(fresh.organisations)
    for field in ("meta", "categories", "about", "guide", "synonyms", "slugs"):
        assert getattr(second.directory, field) == getattr(fresh, field), field
    query = "legal"
    assert [r.org.slug for r in second.index.search(query)] == [r.org.slug for r in first.index.search(query)]


def test_stale_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = tmp_path / "d.toml"
    data.write_text((DATA_DIR / "minimal.toml").read_text(encoding="utf-8"), encoding="utf-8")
    assert open_catalog(data).directory.by_slug("alpha-legal") is not None
    data.write_text(data.read_text(encoding="utf-8").replace("Alpha Legal Aid", "Alpha Renamed"), encoding="utf-8")
    org = open_catalog(data).directory.by_slug("alpha-legal")
    assert org is not None and org.name == "Alpha Renamed"


def test_corrupt_cache_is_ignored_and_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    open_catalog(DATA_DIR / "minimal.toml")
    (path,) = (tmp_path / "hkprobono").glob("*.cache")
    path.write_bytes(b"not marshal data at all")
    assert open_catalog(DATA_DIR / "minimal.toml").directory.by_slug("beta-food") is not None
    assert path.read_bytes() != b"not marshal data at all"  # rewritten


def test_different_files_never_share_a_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    for path in (a, b):
        path.write_bytes((DATA_DIR / "minimal.toml").read_bytes())
    open_catalog(a)
    open_catalog(b)
    assert len(list((tmp_path / "cache" / "hkprobono").glob("*.cache"))) == 2


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HKPROBONO_CACHE", "0")
    open_catalog(DATA_DIR / "minimal.toml")
    assert not (tmp_path / "hkprobono").exists()


def test_unwritable_cache_directory_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the directory should be
    assert open_catalog(DATA_DIR / "minimal.toml").directory.by_slug("alpha-legal") is not None


def test_a_search_builds_only_the_organisations_it_returns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import write  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = write(tmp_path / "big.toml", 300)
    open_catalog(data)
    catalog = open_catalog(data)
    orgs = catalog.directory.organisations
    assert isinstance(orgs, cache.LazyOrganisations)
    results = catalog.index.search("legal aid", limit=10)
    assert len(results) == 10
    assert len(orgs._built) <= 10


def test_a_changed_model_never_reads_an_old_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new field in Contact (as a developer adds one) must not shift the values of the others."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    data = DATA_DIR / "full.toml"
    before = open_catalog(data).directory
    old_key = cache.key(str(data.resolve()), data.read_bytes())
    first = model.Contact._fields[0]
    fields = (first, "extra", *model.Contact._fields[1:])
    changed = collections.namedtuple("Contact", fields, defaults=[None] * len(fields))  # type: ignore[misc]
    monkeypatch.setitem(cache._TYPES, "Contact", changed)
    monkeypatch.setattr(cache, "LAYOUT", cache.LAYOUT.replace(f"Contact({first},", f"Contact({first},extra,"))
    assert cache.key(str(data.resolve()), data.read_bytes()) != old_key
    assert cache.load(str(data.resolve()), data.read_bytes()) is None  # rebuilt, not misread
    # And a record encoded before the change is refused even if the key were not checked: its values
    # are never shifted into the wrong fields.
    encoded = cache.encode(before.organisations[0].contact)
    with pytest.raises(TypeError, match="Expected"):
        cache.decode(encoded)


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_damaged_cache_files_are_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    data = DATA_DIR / "full.toml"
    fresh = open_catalog(data).directory
    (path,) = (tmp_path / "hkprobono").glob("*.cache")
    blob = bytearray(path.read_bytes())
    if damage == "truncate":
        blob = blob[: len(blob) // 2]
    elif damage == "flip":
        blob[len(blob) * 3 // 4] ^= 0x01  # inside the payload: the checksum no longer matches
    elif damage == "garbage":
        blob = bytearray(b"\x00" * 64)
    else:
        blob = bytearray()
    path.write_bytes(bytes(blob))
    assert tuple(open_catalog(data).directory.organisations) == tuple(fresh.organisations)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("HKPROBONO_CACHE", raising=False)
    return home / "hkprobono"


def _slot(folder: Path) -> Path:
    """The cache file of SMALL."""
    return folder / cache._name(str(SMALL.resolve()))


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


@pytest.mark.parametrize(
    ("home", "xdg", "why"),
    [
        ("", None, "HOME is '', not a home folder"),
        ("/", None, "HOME is '/', not a home folder"),
        ("relative/home", None, "HOME is 'relative/home', not a home folder"),
        ("", "relative/cache", "HOME is '', not a home folder"),  # a relative XDG path is ignored, as the spec says
        ("", "", "HOME is '', not a home folder"),
    ],
)
def test_no_usable_home_means_no_cache_and_a_note(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: str, xdg: str | None, why: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    with pytest.raises(cache.Unsafe, match=re.escape(why)):
        cache.cache_folder()
    result = invoke("--data", str(TESTS / "data" / "minimal.toml"), "list")
    assert result.exit_code == 0 and "Alpha Legal Aid" in result.stdout
    assert result.stderr == (
        f"Note: no cache in this run: {why}; set XDG_CACHE_HOME to a folder of your own, or HKPROBONO_CACHE=0\n"
    )
    assert not list(tmp_path.iterdir())  # nothing written under the current folder either
    monkeypatch.setenv("HKPROBONO_CACHE", "0")
    quiet = invoke("--data", str(TESTS / "data" / "minimal.toml"), "list")
    assert quiet.exit_code == 0 and not quiet.stderr


def test_an_absolute_xdg_cache_home_wins_and_home_is_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    monkeypatch.setenv("HOME", "")
    assert cache.cache_folder() == Path("/somewhere/cache/hkprobono")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "/home/a")
    assert cache.cache_folder() == Path("/home/a/.cache/hkprobono")


@pytest.mark.slow
def test_no_home_turns_the_cache_off(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
    result = subprocess.run(
        [sys.executable, "-m", "hkprobono", "show", "justice-centre"], capture_output=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert b"Justice Centre" in result.stdout and not result.stderr


def test_no_passwd_entry_turns_the_cache_off(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd

    def unknown(uid: int) -> object:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", unknown)
    from hkprobono.loading import cache

    with pytest.raises(cache.Unsafe, match="no home folder"):
        cache.cache_folder()
    result = invoke("show", "justice-centre")
    assert result.exit_code == 0 and "Justice Centre" in result.stdout
    assert result.stderr == (
        "Note: no cache in this run: no home folder (HOME is not set, and the user has no passwd entry); "
        "set XDG_CACHE_HOME to a folder of your own, or HKPROBONO_CACHE=0\n"
    )


@pytest.mark.slow  # hypothesis over many cache files
def test_cache_fuzz_never_changes_output_or_traces_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Random byte edits of a real cache file: a rebuild or the right answer, never a traceback
    and never output that differs from a fresh load."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from hkprobono.cli.catalog import open_catalog
    from hkprobono.content.handout import directory_json
    from hkprobono.loading.source import load

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    data = DATA_DIR / "full.toml"
    fresh = load(data)
    expected = json.dumps(directory_json(fresh), sort_keys=True)
    open_catalog(data)
    (path,) = (tmp_path / "hkprobono").glob("*.cache")
    original = path.read_bytes()
    edit = st.tuples(st.integers(0, len(original) - 1), st.integers(0, 255))

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(edit, min_size=1, max_size=4), st.one_of(st.none(), st.integers(0, len(original))))
    def check(edits: list[tuple[int, int]], cut: int | None) -> None:
        blob = bytearray(original)
        for where, value in edits:
            blob[where] = value
        path.write_bytes(bytes(blob[:cut] if cut is not None else blob))
        catalog = open_catalog(data)
        assert json.dumps(directory_json(catalog.directory), sort_keys=True) == expected
        assert [r.org.slug for r in catalog.index.search("legal")] == [
            r.org.slug for r in open_catalog(data).index.search("legal")
        ]

    check()
