"""The directory as Open Referral HSDS 3.0 JSON: one organization object per organisation.

The exchange form is HSDS 3.0's canonical JSON (docs/hsds/serialization.md): an array of
`organization` objects, each with its related objects embedded (phones, locations with their
addresses and schedules, services with their languages, service_at_locations and category attributes),
valid against the official compiled `organization.json` schema. Closed organisations are left out,
as in the other exports, unless asked for (then with status "defunct"). Only the sources have no
HSDS field; they travel in the extra property `hkprobono_sources`, which `strict` leaves out so a
validator that forbids additional properties accepts every record. The slug is an
`organization_identifiers` entry, which HSDS has."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from hkprobono.content.words import STATUS_WORDS
from hkprobono.model import Category, Directory, Location, Organisation, Phone

HSDS_NAMESPACE = uuid.UUID("0b8f6a3e-2c4d-5e6f-8a9b-1c2d3e4f5a6b")
SERVICE_STATUS = {"active": "active", "unconfirmed": "active", "closed": "defunct"}
TAXONOMY = "hkprobono categories"
IDENTIFIER_TYPE = "hkprobono slug"
# ISO 639-1 where the language has a two-letter code, else ISO 639-3 (both allowed by HSDS 3.0).
# A language name not listed here is exported with its name and no code: never a guessed code.
LANGUAGE_CODES = {
    "amharic": "am", "arabic": "ar", "bengali": "bn", "bangla": "bn", "burmese": "my",
    "cantonese": "yue", "chinese": "zh", "english": "en", "farsi": "fa", "persian": "fa",
    "french": "fr", "hindi": "hi", "indonesian": "id", "mandarin": "cmn", "putonghua": "cmn",
    "nepali": "ne", "punjabi": "pa", "portuguese": "pt", "russian": "ru", "sinhala": "si",
    "somali": "so", "spanish": "es", "swahili": "sw", "tagalog": "tl", "filipino": "fil",
    "tamil": "ta", "thai": "th", "tigrinya": "ti", "turkish": "tr", "urdu": "ur",
    "vietnamese": "vi", "yoruba": "yo", "igbo": "ig", "hausa": "ha", "lingala": "ln",
    "kinyarwanda": "rw", "pashto": "ps", "dari": "prs", "kurdish": "ku", "german": "de",
    "japanese": "ja", "korean": "ko", "malay": "ms", "sindhi": "sd", "oromo": "om",
}  # fmt: skip


def _id(*parts: str) -> str:
    """Stable UUIDs, so a re-export updates records instead of duplicating them."""
    return str(uuid.uuid5(HSDS_NAMESPACE, "/".join(parts)))


def _once(items: Iterable[str]) -> list[str]:
    """Each item once (the first spelling kept, compared without case or outer spaces): a language
    or category listed twice is one, and gets one id, as HSDS ids must be unique."""
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.strip().casefold(), item)
    return list(seen.values())


def _phone(org: Organisation, phone: Phone, index: int, owner: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": _id(org.slug, "phone", str(index), *owner.values()),
        **owner,
        "number": phone.number,
        "type": phone.type,  # the data file uses HSDS's phone types
    }
    if phone.description:
        record["description"] = phone.description
    return record


def organization(directory: Directory, org: Organisation, *, strict: bool = False) -> dict[str, Any]:
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
    locations: list[dict[str, Any]] = []
    entries = [(loc.id, "physical", loc) for loc in c.locations]
    entries += [("postal", "postal", Location("postal", address=c.postal_address))] if c.postal_address else []
    for key, kind, loc in entries:
        location_id = _id(org.slug, "location", key)
        location: dict[str, Any] = {
            "id": location_id,
            "location_type": kind,
            "organization_id": org_id,
            "name": loc.name or org.name,
        }
        extra = (("description", loc.description), ("transportation", loc.transportation))
        location.update({name: text for name, text in extra if text})
        if loc.address:
            location["addresses"] = [
                {
                    "id": _id(org.slug, "address", key),
                    "location_id": location_id,
                    "address_1": loc.address,
                    "city": "Hong Kong",
                    "region": loc.district or "",
                    # Hong Kong has no provinces or postcodes; HSDS requires the keys.
                    "state_province": "",
                    "postal_code": "",
                    "country": "HK",
                    "address_type": kind,
                }
            ]
        if loc.hours:
            location["schedules"] = [
                {"id": _id(org.slug, "schedule", key), "location_id": location_id, "description": loc.hours}
            ]
        locations.append(location)
    record["locations"] = locations
    record["organization_identifiers"] = [
        {
            "id": _id(org.slug, "identifier"),
            "organization_id": org_id,
            "identifier_scheme": "hkprobono",
            "identifier_type": IDENTIFIER_TYPE,
            "identifier": org.slug,
        }
    ]
    # Services are delivered at the organisation's physical places, not at a postal address.
    places = [loc["id"] for loc in locations if loc["location_type"] == "physical"]
    # With no services listed, one service named after the organisation, described by its summary.
    named = [(name, name) for name in org.services] or [(org.name, org.summary)]
    record["services"] = [
        _service(directory, org, org_id, name, text, i, places) for i, (name, text) in enumerate(named)
    ]
    if not strict:
        # Provenance has no HSDS field (metadata records edits, not sources); HSDS allows extra properties.
        record["hkprobono_sources"] = [
            {"title": s.title, "url": s.url, "date": s.date, "fields": list(s.fields)} for s in org.sources
        ]
    return record


def slug_of(record: dict[str, Any]) -> str:
    """The hkprobono slug of an exported organization record."""
    ids = record.get("organization_identifiers", [])
    return next(str(i["identifier"]) for i in ids if i.get("identifier_type") == IDENTIFIER_TYPE)


def _term(org: Organisation, category: Category, service_id: str) -> dict[str, Any]:
    term_id = _id("taxonomy", category.id)
    return {
        "id": _id(org.slug, "attribute", service_id, category.id),
        "link_id": service_id,
        "link_type": "service_category",
        "link_entity": "service",
        "taxonomy_term_id": term_id,
        "taxonomy_term": {
            "id": term_id,
            "code": category.id,
            "name": category.label,
            "description": category.description or category.label,
            "taxonomy": TAXONOMY,
            "language": "en",
        },
    }


def _service(
    directory: Directory,
    org: Organisation,
    org_id: str,
    name: str,
    description: str,
    index: int,
    places: list[str],
) -> dict[str, Any]:
    c = org.contact
    service_id = _id(org.slug, "service", str(index))
    service: dict[str, Any] = {
        "id": service_id,
        "organization_id": org_id,
        "name": name,
        "description": description,
        "status": SERVICE_STATUS[org.status],
    }
    if c.website:
        service["url"] = c.website
    if c.email:
        service["email"] = c.email
    if org.serves:
        service["eligibility_description"] = "; ".join(org.serves)
    # Never assured_date: nobody has confirmed these details with the organisation.
    word = STATUS_WORDS.get(org.status)
    # The status in the words of every other view, then why, then the call-first notice.
    alert = f"Status: {word}." + (f" {org.status_note}" if org.status_note else "") if word else ""
    service["alert"] = f"{alert} {directory.meta.confirm_notice}".strip()
    if c.application_process:
        service["application_process"] = c.application_process
    languages = []
    for lang in _once(c.languages):
        entry = {"id": _id(org.slug, "language", str(index), lang), "service_id": service_id, "name": lang}
        code = LANGUAGE_CODES.get(lang.strip().casefold())
        if code:
            entry["code"] = code
        languages.append(entry)
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
    if places:
        service["service_at_locations"] = [
            {
                "id": _id(org.slug, "service-at-location", str(index), place),
                "service_id": service_id,
                "location_id": place,
            }
            for place in places
        ]
    categories = {category.id: category for category in directory.categories}
    service["attributes"] = [_term(org, categories[x], service_id) for x in _once(org.categories) if x in categories]
    return service


def export(directory: Directory, *, include_closed: bool = False, strict: bool = False) -> list[dict[str, Any]]:
    """Current organisations (closed ones too with `include_closed`, as "defunct" services)."""
    return [organization(directory, o, strict=strict) for o in directory.current(include_closed=include_closed)]
