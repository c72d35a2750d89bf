"""`hkprobono districts`: the districts and how many organisations each has."""

from __future__ import annotations

import json

from conftest import Invoke
from hkprobono.model import Directory


def test_districts_command(invoke: Invoke, directory: Directory) -> None:
    document = json.loads(invoke("districts", "--json").stdout)
    names = {d["name"]: d["organisations"] for d in document["districts"]}
    assert names["Wan Chai"] == sum(
        1 for o in directory.organisations if "Wan Chai" in o.contact.districts and not o.is_closed
    )
    assert "Wan Chai: " in invoke("districts").stdout
