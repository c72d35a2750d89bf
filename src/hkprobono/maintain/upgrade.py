"""`data fmt --upgrade`: rewrite a schema 1 directory file in schema 2.

What changes (docs/data-schema.md, "Schema 1 to 2"): phones take HSDS's `type` ("mobile" becomes
"cell") and `description`; `access` becomes HSDS's `application_process`; the address, hours and
districts of an organisation become its `locations`, one per district; a note that described a
missing address or e-mail becomes the organisation's `missing_note`; `area` is dropped
(the address and the district name the place); source and confirmation `fields` follow the new
names. Nothing is invented: a value moves, or it is dropped and the notes say so, so a maintainer
can review each one. Nothing here prints or writes."""

from __future__ import annotations

from typing import Any

from hkprobono.errors import HkProBonoError
from hkprobono.loading.tables import SLUG_RE

OLD_VERSION = 1
NEW_VERSION = 2
PHONE_TYPES = {"mobile": "cell"}
FIELD_NAMES = {
    "access": "application_process",
    "address_note": "address",
    "area": "district",
    "districts": "district",
    "email_note": "email",
    "languages_note": "languages",
}


def _renamed(fields: list[Any]) -> list[Any]:
    return list(dict.fromkeys(FIELD_NAMES.get(name, name) for name in fields))


def _join(*texts: object) -> str | None:
    parts = [str(t).strip() for t in texts if isinstance(t, str) and t.strip()]
    return " ".join(parts) or None


def _location_id(district: object, used: set[str]) -> str:
    base = "-".join(str(district).casefold().split()) if isinstance(district, str) else "main"
    ident = base if SLUG_RE.match(base) else "place"
    n = 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    used.add(ident)
    return ident


def _locations(contact: dict[str, Any], notes: list[str], slug: str) -> list[dict[str, Any]]:
    address, hours = contact.pop("address", None), contact.pop("hours", None)
    note, area = contact.pop("address_note", None), contact.pop("area", None)
    districts = contact.pop("districts", None) or []
    if area:
        notes.append(f"organisation '{slug}': area '{area}' dropped (the address and district name the place)")
    if not (address or hours or districts):
        if note:
            contact["missing_note"] = _join(contact.get("missing_note"), note)
            notes.append(f"organisation '{slug}': address_note moved to missing_note; check its wording")
        return []
    used: set[str] = set()
    first: dict[str, Any] = {"id": "main" if not districts else _location_id(districts[0], used)}
    used.add(first["id"])
    for key, value in (("address", address), ("district", districts[0] if districts else None), ("hours", hours)):
        if value:
            first[key] = value
    if note:
        if address:
            first["description"] = note
        else:
            contact["missing_note"] = _join(contact.get("missing_note"), note)
        notes.append(f"organisation '{slug}': address_note moved; check its wording")
    places = [first]
    for district in districts[1:]:
        places.append({"id": _location_id(district, used), "district": district})
    if len(places) > 1:
        notes.append(
            f"organisation '{slug}': one location per district ({', '.join(p['id'] for p in places)}); "
            "the address and hours went to the first: move them where they belong"
        )
    return places


def _contact(contact: dict[str, Any], notes: list[str], slug: str) -> None:
    for phone in contact.get("phones", []):
        if isinstance(phone, dict):
            if "kind" in phone:
                kind = phone.pop("kind")
                phone["type"] = PHONE_TYPES.get(kind, kind)
            if "note" in phone:
                phone["description"] = phone.pop("note")
    if "access" in contact:
        contact["application_process"] = contact.pop("access")
    if contact.get("email_note") and not contact.get("email"):
        contact["missing_note"] = _join(contact.get("missing_note"), contact.pop("email_note"))
        notes.append(f"organisation '{slug}': email_note without an e-mail moved to missing_note")
    locations = _locations(contact, notes, slug)
    if locations:
        contact["locations"] = locations


def upgrade(data: dict[str, Any]) -> list[str]:
    """Rewrite parsed schema 1 data as schema 2, in place; return what a maintainer should review."""
    version = data.get("schema_version")
    if version == NEW_VERSION:
        raise HkProBonoError(f"is already schema {NEW_VERSION}; nothing to upgrade", exit_code=1)
    if version != OLD_VERSION:
        raise HkProBonoError(f"is schema {version!r}; only schema {OLD_VERSION} can be upgraded")
    notes: list[str] = []
    for org in data.get("organisations", []):
        if not isinstance(org, dict):
            continue
        slug = str(org.get("slug", "?"))
        contact = org.get("contact")
        if isinstance(contact, dict):
            _contact(contact, notes, slug)
        for key in ("sources", "confirmations"):
            for entry in org.get(key, []):
                if isinstance(entry, dict) and isinstance(entry.get("fields"), list):
                    entry["fields"] = _renamed(entry["fields"])
    data["schema_version"] = NEW_VERSION
    return notes
