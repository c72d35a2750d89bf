"""loading/organisations.py: references between organisations are slugs, checked at load."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Invoke, rewrite


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"member_of": ["no-such-network"]}, "field 'member_of': no organisation has the slug 'no-such-network'"),
        ({"reached_through": ["soco"]}, "field 'reached_through': names the organisation itself"),
    ],
)
def test_references_between_organisations_are_slugs_checked_at_load(
    invoke: Invoke, copy: Path, change: dict[str, list[str]], message: str
) -> None:
    rewrite(copy, lambda orgs: orgs["soco"].update(change))
    result = invoke("--data", str(copy), "list")
    assert result.exit_code == 2 and message in result.stderr
