"""`hkprobono data check` at the command line: its exit codes, with and without --strict."""

from __future__ import annotations

import json

from conftest import DATA_DIR, TESTS, Invoke


def test_data_check_exit_codes(invoke: Invoke) -> None:
    full = str(TESTS / "data" / "full.toml")
    assert invoke("data", "check").exit_code == 0
    assert invoke("data", "check", full).exit_code == 0
    assert invoke("data", "check", full, "--strict").exit_code == 1
    clean = invoke("data", "check")
    assert clean.stderr == "" and clean.stdout.splitlines()[-1].endswith("acknowledged")


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
