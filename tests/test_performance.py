"""What keeps lookups fast: the cache, lazy imports, lazy organisations (timings live in bench/)."""

from __future__ import annotations

import collections
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA_DIR
from hkprobono import model
from hkprobono.cli.catalog import open_catalog
from hkprobono.loading import cache
from hkprobono.loading.source import load

ROOT = Path(__file__).resolve().parent.parent


def modules_after(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    code = (
        "import sys, io\n"
        f"sys.argv = ['hkprobono', *{args!r}]\n"
        "from hkprobono.cli.app import main\n"
        "out = sys.stdout; sys.stdout = io.StringIO()\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stdout = out\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return set(result.stdout.split())


def roots(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.slow
def test_search_json_does_not_import_rich_or_exporters() -> None:
    modules_after(["list"])  # fills the cache: a cold run validates, and validation loads phonenumbers
    modules = modules_after(["search", "legal", "--json"])
    loaded = roots(modules)
    assert "rich" not in loaded
    assert not modules & {"hkprobono.cli.usm", "hkprobono.cli.export", "hkprobono.cli.data"}  # other groups
    usm = modules_after(["usm", "steps"])
    assert "hkprobono.cli.usm" in usm and "hkprobono.cli.export" not in usm
    assert not loaded & {"vobject", "segno", "phonenumbers", "tomli_w", "jsonschema", "pickle"}


@pytest.mark.slow
def test_piped_output_does_not_import_rich() -> None:
    for args in (["search", "legal"], ["show", "justice-centre"], ["list"], ["usm", "steps"]):
        assert "rich" not in roots(modules_after(args)), args


@pytest.mark.slow
def test_json_and_plain_build_no_human_view() -> None:
    """--json and --plain derive from the command's result: no renderer, no view, no Rich."""
    modules_after(["list"])  # fills the cache
    for command in (["search", "legal"], ["show", "justice-centre"], ["list"], ["districts"]):
        for mode in ("--json",) if command[0] == "show" else ("--json", "--plain"):
            loaded = modules_after([*command, mode])
            assert "rich" not in roots(loaded), (command, mode)
            assert not loaded & {"hkprobono.render.protocol", "hkprobono.render.plain"}, (command, mode)


@pytest.mark.slow
def test_cached_runs_do_not_parse_toml() -> None:
    modules_after(["list"])  # fills the cache
    loaded = modules_after(["search", "legal", "--json"])
    assert "tomllib" not in loaded and "hkprobono.loading.validate" not in loaded


@pytest.mark.slow
def test_list_usm_and_show_by_slug_do_not_load_rapidfuzz() -> None:
    modules_after(["list"])
    for args in (["list"], ["usm", "steps"], ["about"], ["show", "justice-centre"], ["show", "JUSTICE-centre "]):
        assert "rapidfuzz" not in roots(modules_after(args)), args
    for args in (["list", "--json"], ["list", "--plain"], ["usm", "steps", "--plain"], ["show", "bvf", "--json"]):
        assert "rapidfuzz" not in roots(modules_after(args)), args
    assert "rapidfuzz" in roots(modules_after(["show", "justice centre"]))  # a name needs the index


@pytest.mark.slow
def test_a_run_builds_only_the_command_it_needs() -> None:
    modules = modules_after(["search", "legal", "--json"])
    assert "hkprobono.cli.search" in modules
    assert not modules & {"hkprobono.cli.lookup", "hkprobono.cli.usm", "hkprobono.cli.export", "hkprobono.cli.data"}
    assert not modules_after(["usm", "steps"]) & {"hkprobono.cli.lookup", "hkprobono.cli.search"}


def test_main_runs_twice_in_one_process(capsys: pytest.CaptureFixture[str]) -> None:
    from hkprobono.cli.app import main

    for args, expected in ((["show", "bvf", "--json"], '"slug": "bvf"'), (["usm", "step", "8"], "Step 8.")):
        with pytest.raises(SystemExit) as stop:
            main(args)
        assert stop.value.code == 0
        assert expected in capsys.readouterr().out


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
