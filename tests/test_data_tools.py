"""`data check` and `data fmt`: every problem reported, canonical form kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import DATA_DIR, Invoke
from hkprobono.loading.source import load

BROKEN = DATA_DIR / "broken"
BUNDLED = Path(__file__).resolve().parent.parent / "data" / "directory.toml"


def test_bundled_file_passes_check(invoke: Invoke) -> None:
    result = invoke("data", "check")
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_strict_fails_on_warnings_only(invoke: Invoke) -> None:
    result = invoke("data", "check", str(DATA_DIR / "full.toml"), "--strict")
    assert result.exit_code == 1, result.output
    assert "error:" not in result.stdout and "warnings: " in result.stdout
    assert result.stdout.splitlines()[-1].endswith("0 errors, " + result.stdout.splitlines()[-1].split(", ")[-1])


def test_clean_fixture_passes_strict(invoke: Invoke) -> None:
    result = invoke("data", "check", str(DATA_DIR / "full.toml"), "--strict", "--json")
    data = json.loads(result.stdout)
    # the plain fixture organisation has no dated source: one warning, so --strict gives 1
    assert result.exit_code == 1 and data["errors"] == 0 and data["warnings"] >= 1


def test_every_problem_is_reported_with_entry_and_field(invoke: Invoke) -> None:
    result = invoke("data", "check", str(BROKEN / "many_problems.toml"), "--json")
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)
    assert set(data) == {
        "hkprobono_json_version", "file", "errors", "warnings", "acknowledged", "reach", "retired", "problems",
        "data_in_use",
    }  # fmt: skip
    assert data["data_in_use"] is None  # a file named on the command line is not the data in use
    found = {(p["entry"], p["field"]) for p in data["problems"] if p["severity"] == "error"}
    assert ("organisation 'bad-contacts'", "contact.phones[0].number") in found
    assert ("organisation 'bad-contacts'", "contact.phones[1].number") in found
    assert ("organisation 'bad-contacts'", "contact.email") in found
    assert ("organisation 'bad-contacts'", "contact.website") in found
    assert ("organisation 'bad-contacts'", "status") in found
    assert ("organisation 'no-sources'", "sources") in found
    assert ("", "meta.disclaimer") in found
    messages = " ".join(p["message"] for p in data["problems"])
    assert "'3109 7359' must be written in +852 international form" in messages
    assert "'+44 20 7946 0958' is not a valid Hong Kong number" in messages
    assert "reports a closure" in messages
    assert "spells a command ('hkprobono show no-such-slug')" in messages  # data names it in `see`


def test_bundled_file_is_canonical(invoke: Invoke) -> None:
    result = invoke("data", "fmt", str(BUNDLED), "--check")
    assert result.exit_code == 0, result.output


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
