"""`hkprobono export` at the command line: selections, files and folders, --force, the JSON and
HSDS documents, and control characters neutralised in every export."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DATA_DIR, Invoke, parse_cards
from hkprobono.loading.source import load


def test_export_vcard_to_stdout_file_and_directory(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("export", "vcard", "justice-centre", "iss-hk")
    assert result.exit_code == 0, result.output
    assert len(parse_cards(result.stdout)) == 2
    one = tmp_path / "all.vcf"
    result = invoke("export", "vcard", "--all", "-o", str(one))
    assert result.exit_code == 0, result.output
    assert len(parse_cards(one.read_text(encoding="utf-8"))) > 10
    out = tmp_path / "cards"
    out.mkdir()
    result = invoke("export", "vcard", "--category", "food", "-o", f"{out}/")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["bvf.vcf", "iss-hk.vcf", "refugee-union.vcf", "run-hong-kong.vcf", "st-vincent-de-paul.vcf"]
    for path in out.iterdir():
        assert len(parse_cards(path.read_text(encoding="utf-8"))) == 1


def test_export_vcard_needs_a_selection(invoke: Invoke) -> None:
    result = invoke("export", "vcard")
    assert result.exit_code == 2
    assert "--all" in result.stderr


def test_files_are_never_overwritten_without_force(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "x.vcf"
    target.write_text("keep me", encoding="utf-8")
    result = invoke("export", "vcard", "iss-hk", "-o", str(target))
    assert result.exit_code == 2 and "already exists" in result.stderr and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    result = invoke("export", "vcard", "iss-hk", "-o", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert "International Social Service" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.vcf"]  # no temporary file left behind


def test_missing_or_unwritable_directory_is_one_clear_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("export", "html", "-o", str(tmp_path / "nope" / "page.html"))
    assert result.exit_code == 2
    assert "no such folder" in result.stderr and "Traceback" not in result.output
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = invoke("export", "html", "-o", str(locked / "page.html"))
        # root can write anywhere; anyone else gets the error
        assert result.exit_code in (0, 2)
        assert "Traceback" not in result.output
    finally:
        locked.chmod(0o700)


def test_qr_needs_exactly_one_organisation(invoke: Invoke) -> None:
    result = invoke("export", "vcard", "--category", "food", "--qr")
    assert result.exit_code == 2 and "one organisation" in result.stderr


def test_export_hsds_and_json_commands(invoke: Invoke) -> None:
    result = invoke("export", "hsds")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)
    result = invoke("export", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {
        "hkprobono_json_version",
        "meta",
        "categories",
        "organisations",
        "about",
        "usm",
        "synonyms",
    }
    assert data["hkprobono_json_version"] == 3
    assert data["meta"]["compiled"]
    assert len(data["usm"]["steps"]) == 14


def test_exports_neutralise_control_characters(invoke: Invoke, unchecked: None) -> None:
    for args in (["export", "vcard", "--all"], ["export", "json"], ["export", "hsds"]):
        result = invoke("--data", str(DATA_DIR / "hostile.toml"), *args)
        assert result.exit_code == 0, result.output
        for raw in ("\x1b", "\x9b", "\u202e", "\x07"):
            assert raw not in result.stdout, (args, raw)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_every_output_file_gets_the_users_umask(invoke: Invoke, tmp_path: Path, umask_022: None) -> None:
    runs = {
        "one.vcf": ["export", "vcard", "refugee-union", "-o"],
        "all.json": ["export", "json", "-o"],
        "hsds.json": ["export", "hsds", "-o"],
        "page.html": ["export", "html", "-o"],
        "sheet.html": ["export", "html", "--category", "food", "-o"],
        "qr.png": ["show", "refugee-union", "--qr-png"],
        "qr2.png": ["export", "vcard", "refugee-union", "--qr-png"],
        "appeal.ics": ["usm", "deadline", "appeal", "--from", "2026-11-20", "--ics"],  # a date still ahead
    }
    for name, args in runs.items():
        result = invoke(*args, str(tmp_path / name))
        assert result.exit_code == 0, (name, result.output)
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644, name
    folder = tmp_path / "new" / "cards"
    result = invoke("export", "vcard", "--category", "food", "-o", f"{folder}/")
    assert result.exit_code == 0, result.output
    made = sorted(folder.iterdir())
    assert [p.name for p in made] == sorted(f"{o.slug}.vcf" for o in load().current(category="food"))
    assert all(p.stat().st_mode & 0o777 == 0o644 for p in made)
