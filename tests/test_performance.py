"""What keeps lookups fast, as sys.modules shows it: lazy imports, no TOML parsed on a cached run,
only the command that runs is built (timings live in bench/; the cache in tests/loading/test_cache.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, modules_after
from hkprobono.loading.source import load


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


def test_generated_directory_is_valid(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import write  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    directory = load(write(tmp_path / "g.toml", 50))
    assert len(directory.organisations) == 50


@pytest.mark.slow
def test_a_cached_search_never_reads_the_word_list() -> None:
    code = (
        "import sys, io\n"
        "from hkprobono.cli.app import main\n"
        "for args in (['list'], ['search', 'lawer', 'concert']):\n"
        "    sys.argv = ['hkprobono', *args]\n"
        "    out = sys.stdout; sys.stdout = io.StringIO()\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "    sys.stdout = out\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # fills the cache
    loaded = set(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    )
    assert not {"spellchecker", "gzip", "json"} & loaded
