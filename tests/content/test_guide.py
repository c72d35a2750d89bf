"""content/guide.py: the guide's JSON carries references, never commands."""

from __future__ import annotations

import json

from conftest import COMMAND, Invoke
from hkprobono.content.handout import directory_json
from hkprobono.model import Directory


def test_json_carries_references_not_commands(invoke: Invoke, directory: Directory) -> None:
    document = json.dumps(directory_json(directory))
    assert not COMMAND.search(document)
    term = json.loads(invoke("usm", "glossary", "ISS-HK", "--json").stdout)["terms"][0]
    assert term["explanation"] == "Delivers humanitarian assistance to non-refoulement claimants."
    assert term["see"] == [{"kind": "org", "key": "iss-hk"}]
    step = json.loads(invoke("usm", "step", "8", "--json").stdout)["step"]
    assert step["see"] == [{"kind": "deadline", "key": "appeal"}]
    for args in (["usm", "--json"], ["usm", "steps", "--json"], ["usm", "glossary", "--json"], ["about", "--json"]):
        assert not COMMAND.search(invoke(*args).stdout), args
