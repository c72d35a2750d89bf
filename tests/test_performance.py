"""What keeps lookups fast: the cache, lazy imports, lazy organisations (timings live in bench/)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA_DIR
from hkprobono import cache
from hkprobono.cli import _only_command
from hkprobono.loader import load
from hkprobono.searchindex import build
from hkprobono.store import open_catalog

ROOT = Path(__file__).resolve().parent.parent


def modules_after(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    code = (
        "import sys, io\n"
        f"sys.argv = ['hkprobono', *{args!r}]\n"
        "from hkprobono.cli import main\n"
        "out = sys.stdout; sys.stdout = io.StringIO()\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stdout = out\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return set(result.stdout.split())


def roots(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_search_json_does_not_import_rich_or_exporters() -> None:
    modules = modules_after(["search", "legal", "--json"])
    loaded = roots(modules)
    assert "rich" not in loaded
    assert not modules & {"hkprobono.cli_usm", "hkprobono.cli_export", "hkprobono.cli_data"}  # other groups
    usm = modules_after(["usm", "steps"])
    assert "hkprobono.cli_usm" in usm and "hkprobono.cli_export" not in usm
    assert not loaded & {"vobject", "segno", "phonenumbers", "tomli_w", "jsonschema", "pickle"}


def test_piped_output_does_not_import_rich() -> None:
    for args in (["search", "legal"], ["show", "justice-centre"], ["list"], ["usm", "steps"]):
        assert "rich" not in roots(modules_after(args)), args


def test_cached_runs_do_not_parse_toml() -> None:
    modules_after(["list"])  # fills the cache
    loaded = modules_after(["search", "legal", "--json"])
    assert "tomllib" not in loaded and "hkprobono.validate" not in loaded


def test_warm_runs_find_the_bundled_file_without_importlib_resources(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("HKPROBONO_DATA", None)
    assert "importlib.resources" in modules_after(["list"], env)  # a cold start fills the cache
    for args in (["search", "legal", "--json"], ["show", "justice-centre"], ["usm", "steps"]):
        assert "importlib.resources" not in modules_after(args, env), args


def test_bundled_cache_is_used_only_while_the_remembered_file_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("HKPROBONO_DATA", raising=False)
    bundled = open_catalog().directory  # through importlib.resources; fills the bundled slot
    warm = cache.load_bundled()
    assert warm is not None and tuple(warm[0].organisations) == tuple(bundled.organisations)

    # A file that stands in for the bundled one, so the test can change it.
    data = tmp_path / "directory.toml"
    data.write_bytes((DATA_DIR / "minimal.toml").read_bytes())
    loaded = load(data)
    cache.save(str(data), data.read_bytes(), loaded, build(loaded), cache.bundled_slot())
    assert cache.load_bundled() is not None
    data.write_text(data.read_text(encoding="utf-8").replace("Alpha Legal Aid", "Alpha Renamed"), encoding="utf-8")
    assert cache.load_bundled() is None
    data.unlink()
    assert cache.load_bundled() is None
    # And the real bundled file, through importlib.resources, is what the CLI gets back.
    assert open_catalog().directory.slugs == bundled.slugs


def test_list_usm_and_show_by_slug_do_not_load_rapidfuzz() -> None:
    modules_after(["list"])
    for args in (["list"], ["usm", "steps"], ["about"], ["show", "justice-centre"], ["show", "JUSTICE-centre "]):
        assert "rapidfuzz" not in roots(modules_after(args)), args
    for args in (["list", "--json"], ["list", "--plain"], ["usm", "steps", "--plain"], ["show", "bvf", "--json"]):
        assert "rapidfuzz" not in roots(modules_after(args)), args
    assert "rapidfuzz" in roots(modules_after(["show", "justice centre"]))  # a name needs the index


def test_version_builds_no_command_group() -> None:
    assert _only_command(["--version"]) == "--version"
    assert _only_command(["search", "legal"]) == "search"
    assert _only_command(["--data", "usm", "search", "x"]) == "search"  # a value is not a command
    assert _only_command(["usm", "steps"]) == "usm"
    assert _only_command(["serch"]) is None  # unknown: keep all, so the typo can be suggested
    assert _only_command([]) is None


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


def test_generated_directory_is_valid(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import write
    finally:
        sys.path.pop(0)
    directory = load(write(tmp_path / "g.toml", 50))
    assert len(directory.organisations) == 50
