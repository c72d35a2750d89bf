"""The frame of every --json document: the version key first, and model objects as plain values.

Every --json document is an object that starts with `hkprobono_json_version`; docs/json.md documents
each shape, and the CHANGELOG every change of one. What goes inside is decided by each subject."""

from typing import Any

JSON_VERSION = 3  # 3: schema 2 of the data file (locations, HSDS phone and application_process names)
VERSION_KEY = "hkprobono_json_version"


def document(**parts: Any) -> dict[str, Any]:
    return {VERSION_KEY: JSON_VERSION, **parts}


def as_dict(obj: Any) -> Any:
    """A NamedTuple (and everything in it) as plain JSON-ready values, keeping field names."""
    if isinstance(obj, tuple) and hasattr(obj, "_asdict"):
        return {key: as_dict(value) for key, value in obj._asdict().items()}
    if isinstance(obj, (tuple, list)):
        return [as_dict(item) for item in obj]
    if isinstance(obj, dict):
        return {key: as_dict(value) for key, value in obj.items()}
    return obj
