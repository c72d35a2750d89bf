"""maintain/report.py: errors first, then warnings grouped by kind, then the summary."""

from __future__ import annotations

import re

import pytest

from conftest import TESTS, Invoke


@pytest.mark.parametrize("color", ["never", "always"])
def test_data_check_orders_its_report(invoke: Invoke, color: str) -> None:
    broken = TESTS / "data" / "broken" / "many_problems.toml"
    result = invoke("--color", color, "data", "check", str(broken))
    assert result.exit_code == 2
    assert result.stderr == ""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.stdout.splitlines()]
    errors = [n for n, line in enumerate(lines) if "error" in line.split(":", 2)[-2:][0] or line.startswith("error")]
    warnings = [n for n, line in enumerate(lines) if re.search(r"\(\d+\)$", line)]
    assert errors and warnings and max(errors) < min(warnings)
    kinds = [re.sub(r".*warnings: ", "", lines[n]) for n in warnings]
    assert len(kinds) == len(set(kinds))  # each kind once, its warnings under it
    assert lines[-1].endswith("9 errors, 2 warnings")
