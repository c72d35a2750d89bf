"""The directory file against its JSON Schema (directory.schema.json, draft 2020-12), for `data check`.

The schema is the written-down layout of the file; the code (loading/) checks the same layout and
what no schema can express. jsonschema is imported here only, so it costs nothing on a lookup
(about 0.15-0.35 s when `data check` runs)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from hkprobono.loading.tables import Problem

SCHEMA_PATH = Path(__file__).with_name("directory.schema.json")


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def _where(data: dict[str, Any], path: Sequence[object]) -> tuple[str, str]:
    """(entry, field) as the loader names them: "organisation 'x'", "contact.phones[0].type"."""
    parts = list(path)
    entry, start = "", 0
    if len(parts) >= 2 and parts[0] == "organisations" and isinstance(parts[1], int):
        orgs = data.get("organisations")
        org = orgs[parts[1]] if isinstance(orgs, list) and parts[1] < len(orgs) else None
        slug = org.get("slug") if isinstance(org, dict) else None
        entry = f"organisation '{slug}'" if isinstance(slug, str) else f"organisations[{parts[1]}]"
        start = 2
    field = ""
    for part in parts[start:]:
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
    return entry, field


def problems(data: dict[str, Any]) -> Iterator[Problem]:
    """Every place the parsed file breaks the schema, named as the loader names it."""
    from jsonschema import Draft202012Validator

    for error in Draft202012Validator(schema()).iter_errors(data):
        path = list(error.absolute_path)
        if error.validator == "additionalProperties":
            extra = set(error.instance) - set(error.schema.get("properties", {}))
            for key in sorted(extra):
                yield Problem(*_where(data, [*path, key]), "is not a field of the schema (a typo?)")
            continue
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else ""
            yield Problem(*_where(data, [*path, missing]), "is required by the schema but missing")
            continue
        yield Problem(*_where(data, path), f"does not match the schema: {error.message}")
