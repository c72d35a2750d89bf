"""export/hsds.py: the HSDS export validates against the official schema (tests/hsds/), carries
every detail, and gives each object one id."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import DATA_DIR, TESTS
from hkprobono.export import hsds as export_hsds
from hkprobono.loading.source import load

SCHEMA = json.loads((TESTS / "hsds" / "organization.json").read_text(encoding="utf-8"))
FULL = DATA_DIR / "full.toml"


def validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    return cls(SCHEMA, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.slow  # the official schema is 3.5 MB of JSON Schema
@pytest.mark.parametrize("path", [None, FULL])
def test_hsds_export_validates_against_the_official_schema(path: Path | None) -> None:
    directory = load(path)
    records = export_hsds.export(directory, include_closed=True)
    assert len(records) == len(directory.organisations)
    check = validator()
    for record in records:
        errors = sorted(check.iter_errors(record), key=str)
        assert not errors, [e.message for e in errors]


def test_hsds_full_fixture_carries_everything() -> None:
    directory = load(FULL)
    (record,) = [r for r in export_hsds.export(directory) if export_hsds.slug_of(r) == "tricky-centre"]
    assert {p["type"] for p in record["phones"]} == {"voice", "cell", "fax"}
    assert {loc["location_type"] for loc in record["locations"]} == {"physical", "postal"}
    (place,) = [loc for loc in record["locations"] if loc["location_type"] == "physical"]
    assert place["schedules"][0]["description"].startswith("Mon\u2013Fri")  # hours belong to a location
    assert place["addresses"][0]["region"] == "Yau Tsim Mong" and place["transportation"].startswith("near")
    service = record["services"][0]
    assert service["application_process"] == "Walk in; bring your papers."
    assert {lang.get("name") for lang in service["languages"]} >= {"English", "French", "Cantonese"}
    assert "assured_date" not in service  # nobody confirmed these details
    assert record["hkprobono_sources"][0]["date"] == "2026-06-01"


def _ids(value: Any, into: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Every object with an "id" in an HSDS export, by id."""
    if isinstance(value, dict):
        if "id" in value:
            into.setdefault(value["id"], []).append(value)
        for item in value.values():
            _ids(item, into)
    elif isinstance(value, list):
        for item in value:
            _ids(item, into)
    return into


@pytest.mark.parametrize("path", [None, FULL])
def test_hsds_ids_are_unique(path: Path | None) -> None:
    """Issue 26: one id, one object. A language or category listed twice (in any case) is exported
    once; only a taxonomy term is shared, the same object wherever a service names it."""
    directory = load(path)
    org = directory.organisations[0]
    contact = org.contact._replace(languages=("English", "english ", "Cantonese", "English", "Urdu"))
    doubled = org._replace(contact=contact, categories=(*org.categories, *org.categories))
    directory = directory._replace(organisations=(doubled, *directory.organisations[1:]))
    records = export_hsds.export(directory, include_closed=True)
    for key, objects in _ids(records, {}).items():
        if len(objects) > 1:
            assert all(o == objects[0] and "taxonomy" in o for o in objects), (key, objects)
    languages = [lang.get("name") for lang in records[0]["services"][0]["languages"] if "name" in lang]
    assert languages == ["English", "Cantonese", "Urdu"]
