"""The directory as Open Referral HSDS 3.0 JSON: one organization object per organisation."""

from __future__ import annotations

import uuid
from typing import Any

from hkprobono.model import Directory, Organisation, Phone

HSDS_NAMESPACE = uuid.UUID("0b8f6a3e-2c4d-5e6f-8a9b-1c2d3e4f5a6b")
SERVICE_STATUS = {"active": "active", "unconfirmed": "active", "closed": "defunct"}
PHONE_TYPE = {"voice": "voice", "mobile": "cell", "fax": "fax"}


def _id(*parts: str) -> str:
    """Stable UUIDs, so a re-export updates records instead of duplicating them."""
    return str(uuid.uuid5(HSDS_NAMESPACE, "/".join(parts)))


def _phone(org: Organisation, phone: Phone, index: int, owner: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": _id(org.slug, "phone", str(index), *owner.values()),
        **owner,
        "number": phone.number,
        "type": PHONE_TYPE[phone.kind],
    }
    if phone.note:
        record["description"] = phone.note
    return record


def organization(directory: Directory, org: Organisation) -> dict[str, Any]:
    c = org.contact
    org_id = _id(org.slug)
    record: dict[str, Any] = {
        "id": org_id,
        "name": org.name,
        "description": org.description or org.summary,
    }
    alternates = [n for n in (org.chinese_name, *org.alternate_names, *org.former_names) if n]
    if alternates:
        record["alternate_name"] = "; ".join(alternates)
    if c.email:
        record["email"] = c.email
    if c.website:
        record["website"] = c.website
    record["phones"] = [_phone(org, p, i, {"organization_id": org_id}) for i, p in enumerate(c.phones)]
    locations = []
    for kind, text in (("physical", c.address), ("postal", c.postal_address)):
        if not text:
            continue
        location_id = _id(org.slug, "location", kind)
        locations.append(
            {
                "id": location_id,
                "location_type": kind,
                "organization_id": org_id,
                "name": org.name,
                **({"description": c.address_note} if c.address_note else {}),
                "addresses": [
                    {
                        "id": _id(org.slug, "address", kind),
                        "location_id": location_id,
                        "address_1": text,
                        "city": c.area or "Hong Kong",
                        "region": ", ".join(c.districts),
                        # Hong Kong has no provinces or postcodes; HSDS requires the keys.
                        "state_province": "",
                        "postal_code": "",
                        "country": "HK",
                        "address_type": kind,
                    }
                ],
            }
        )
    record["locations"] = locations
    record["services"] = [
        _service(directory, org, org_id, name, i) for i, name in enumerate(org.services or (org.summary,))
    ]
    # Provenance has no HSDS field (metadata records edits, not sources); HSDS allows extra properties.
    record["hkprobono_slug"] = org.slug
    record["hkprobono_sources"] = [
        {"title": s.title, "url": s.url, "date": s.date, "fields": list(s.fields)} for s in org.sources
    ]
    return record


def _service(directory: Directory, org: Organisation, org_id: str, name: str, index: int) -> dict[str, Any]:
    c = org.contact
    service_id = _id(org.slug, "service", str(index))
    service: dict[str, Any] = {
        "id": service_id,
        "organization_id": org_id,
        "name": name,
        "description": org.summary,
        "status": SERVICE_STATUS[org.status],
    }
    if c.website:
        service["url"] = c.website
    if c.email:
        service["email"] = c.email
    if org.serves:
        service["eligibility_description"] = "; ".join(org.serves)
    # Never assured_date: nobody has confirmed these details with the organisation.
    alert = org.status_note if org.status != "active" else None
    service["alert"] = alert or directory.meta.confirm_notice
    if c.hours:
        service["schedules"] = [
            {"id": _id(org.slug, "schedule", str(index)), "service_id": service_id, "description": c.hours}
        ]
    languages = [
        {"id": _id(org.slug, "language", str(index), lang), "service_id": service_id, "name": lang}
        for lang in c.languages
    ]
    if c.languages_note:
        languages.append(
            {
                "id": _id(org.slug, "language-note", str(index)),
                "service_id": service_id,
                "note": c.languages_note,
            }
        )
    if languages:
        service["languages"] = languages
    return service


def export(directory: Directory, *, include_closed: bool = True) -> list[dict[str, Any]]:
    return [organization(directory, o) for o in directory.current(include_closed=include_closed)]
