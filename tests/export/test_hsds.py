"""export/hsds.py: the HSDS export validates against the official schema (tests/hsds/), carries
every detail, and gives each object one id."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import CLOSED, DATA_DIR, ROOT, TESTS, Invoke, org_of
from hkprobono.export import hsds as export_hsds
from hkprobono.loading.source import load
from hkprobono.model import Directory

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


SCHEMA = json.loads((TESTS / "hsds" / "organization.json").read_text(encoding="utf-8"))


def closed_schema(schema: Any) -> Any:
    """The official schema with additionalProperties false on every object: no extras allowed."""
    schema = copy.deepcopy(schema)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def records_of(path: Path | None, **kwargs: bool) -> Iterator[dict[str, Any]]:
    directory = load(path)
    yield from export_hsds.export(directory, **kwargs)


@pytest.mark.parametrize("path", [None, DATA_DIR / "full.toml"])
def test_hsds_strict_passes_a_validator_that_forbids_extras(path: Path | None) -> None:
    schema = closed_schema(SCHEMA)
    check = jsonschema.Draft202012Validator(schema)
    for record in records_of(path, strict=True, include_closed=True):
        errors = [e.message for e in check.iter_errors(record)]
        assert not errors, (export_hsds.slug_of(record), errors[:3])
    loose = next(records_of(path))
    assert "hkprobono_sources" in loose and any(check.iter_errors(loose))  # the extras are the difference


def test_hsds_links_services_categories_descriptions_and_languages(directory: Directory) -> None:
    for record in export_hsds.export(directory):
        org = org_of(directory, export_hsds.slug_of(record))
        physical = {loc["id"] for loc in record["locations"] if loc["location_type"] == "physical"}
        descriptions = [s["description"] for s in record["services"]]
        if org.services:
            assert descriptions == list(org.services)
        for service in record["services"]:
            assert {link["location_id"] for link in service.get("service_at_locations", [])} == physical
            assert all(link["service_id"] == service["id"] for link in service.get("service_at_locations", []))
            terms = [a["taxonomy_term"] for a in service["attributes"]]
            assert [t["code"] for t in terms] == list(org.categories)
            assert all(t["name"] == directory.category_label(t["code"]) for t in terms)
            assert all(a["taxonomy_term_id"] == a["taxonomy_term"]["id"] for a in service["attributes"])
    full = export_hsds.export(load(DATA_DIR / "full.toml"))
    (tricky,) = [r for r in full if export_hsds.slug_of(r) == "tricky-centre"]
    codes = {lang.get("name"): lang.get("code") for lang in tricky["services"][0]["languages"]}
    assert codes["English"] == "en" and codes["Cantonese"] == "yue" and codes["French"] == "fr"


def test_hsds_treats_closed_organisations_as_the_other_exports(invoke: Invoke, directory: Directory) -> None:
    slugs = {export_hsds.slug_of(r) for r in json.loads(invoke("export", "hsds").stdout)}
    assert slugs == {o.slug for o in directory.current()}
    everything = json.loads(invoke("export", "hsds", "--include-closed", "--strict").stdout)
    closed = [r for r in everything if export_hsds.slug_of(r) == CLOSED]
    assert closed and all(s["status"] == "defunct" for s in closed[0]["services"])
    assert all("hkprobono_sources" not in r for r in everything)


def test_readme_names_the_hsds_exchange_form() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "canonical JSON" in readme and "--strict" in readme
