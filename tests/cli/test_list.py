"""`hkprobono list`: every organisation, grouped by category, closed ones left out."""

from __future__ import annotations

import json

from conftest import Invoke


def test_list_groups_by_category_and_leaves_out_closed(invoke: Invoke) -> None:
    result = invoke("list")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Legal:\n  justice-centre")
    assert "amnesty-hk" not in result.stdout
    assert "amnesty-hk" in invoke("list", "--include-closed").stdout


def test_list_json_and_category(invoke: Invoke) -> None:
    data = json.loads(invoke("list", "--category", "food", "--json").stdout)
    assert {"hkprobono_json_version", "categories", "organisations"} == set(data)
    assert all("food" in o["categories"] for o in data["organisations"])
