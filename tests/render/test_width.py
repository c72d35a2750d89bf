"""render/width.py: COLUMNS outside 20-1000 is clamped. Before (issue 26): COLUMNS=0 printed
nothing; COLUMNS=1000000000 ran out of memory."""

from __future__ import annotations

import re

import pytest

from conftest import UTF8, run_hkprobono


@pytest.mark.parametrize(
    ("value", "width"),
    [("0", 80), ("-5", 80), ("abc", 80), ("1", 20), ("19", 20), ("20", 20), ("1000", 1000), ("1001", 1000),
     ("1000000000", 1000), ("99999999999999999999999", 1000)],
)  # fmt: skip
def test_the_width_is_clamped(monkeypatch: pytest.MonkeyPatch, value: str, width: int) -> None:
    from hkprobono.render.width import columns

    monkeypatch.setenv("COLUMNS", value)
    assert columns() == width  # 80: shutil's answer when COLUMNS says nothing and there is no terminal


def _limited() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB: COLUMNS=10**9 once needed 3.7 GB


@pytest.mark.slow
@pytest.mark.parametrize("value", ["0", "1", "-3", "abc", "1001", "100000", "1000000000"])
@pytest.mark.parametrize("args", [["show", "refugee-union"], ["usm", "steps"]])
def test_any_columns_prints_a_bounded_view(value: str, args: list[str]) -> None:
    env = {**UTF8, "COLUMNS": value}
    result = run_hkprobono(["--color", "always", *args], env, preexec_fn=_limited)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    text = result.stdout.decode()
    assert len(text) > 500  # COLUMNS=0 once printed nothing
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert max(len(line) for line in plain.splitlines()) <= 1000 + 200  # a word longer than a line stays whole
    assert len(text) < 400_000  # COLUMNS=100000 once wrote 3 MB for one card
