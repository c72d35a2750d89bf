"""maintain/schema.py: the directory file's JSON Schema, written down, agrees with the model."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from conftest import BUNDLED, Invoke, rewrite
from hkprobono.maintain.schema import schema
from hkprobono.model import (
    DISTRICTS,
    SOURCE_FIELDS,
    Confirmation,
    Contact,
    Location,
    Organisation,
    Phone,
    Retired,
    Source,
)


def test_the_bundled_file_matches_its_json_schema() -> None:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema())
    data = tomllib.loads(BUNDLED.read_text(encoding="utf-8"))
    assert [e.message for e in Draft202012Validator(schema()).iter_errors(data)] == []


def test_the_schema_and_the_model_name_the_same_fields() -> None:
    defs = schema()["$defs"]

    def keys(name: str) -> set[str]:
        return set(defs[name]["properties"])

    assert keys("organisation") == set(Organisation._fields)
    assert keys("contact") == set(Contact._fields)
    assert keys("location") == set(Location._fields)
    assert keys("phone") == set(Phone._fields)
    assert keys("organisation_source") == set(Source._fields)
    assert keys("confirmation") == set(Confirmation._fields)
    assert keys("retired") == set(Retired._fields)
    assert defs["organisation_source"]["properties"]["fields"]["items"]["enum"] == list(SOURCE_FIELDS)
    assert defs["location"]["properties"]["district"]["enum"] == list(DISTRICTS)
    assert schema()["properties"]["schema_version"]["const"] == 2


def test_a_problem_the_schema_and_the_code_both_see_is_reported_once(invoke: Invoke, copy: Path) -> None:
    rewrite(copy, lambda orgs: orgs["unhcr"]["contact"]["phones"][0].update(type="mobile"))
    data = json.loads(invoke("data", "check", str(copy), "--json").stdout)
    named = [p for p in data["problems"] if p["field"] == "contact.phones[0].type"]
    assert len(named) == 1 and "'mobile' is not one of: voice, cell, fax" in named[0]["message"]


def test_the_schema_catches_what_the_loader_lets_pass(invoke: Invoke, copy: Path) -> None:
    rewrite(copy, lambda orgs: orgs["unhcr"].update(chinese_name=" "))  # loading reads it as absent
    assert invoke("--data", str(copy), "show", "unhcr").exit_code == 0
    data = json.loads(invoke("data", "check", str(copy), "--json").stdout)
    (found,) = [p for p in data["problems"] if p["severity"] == "error"]
    assert (found["entry"], found["field"]) == ("organisation 'unhcr'", "chinese_name")
    assert found["message"].startswith("does not match the schema")
