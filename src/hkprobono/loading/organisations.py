"""One organisation from its TOML table: its contact details and locations, the sources and
confirmations that support them, the details recorded as gone, and the acknowledged warnings.

Everything is checked as it is read; what a source must support is `data check`'s job
(maintain/support.py), so a file a maintainer is still editing keeps loading."""

from __future__ import annotations

from hkprobono.freshness import DETAILS
from hkprobono.loading import sections
from hkprobono.loading.tables import SLUG_RE, Table, many
from hkprobono.model import (
    ACK_WARNINGS,
    CONFIRM_METHODS,
    DISTRICTS,
    PHONE_TYPES,
    SOURCE_FIELDS,
    STATUSES,
    Acknowledgement,
    Confirmation,
    Contact,
    Location,
    Organisation,
    Phone,
    Retired,
    Social,
    Source,
)

KNOWN_FIELDS = frozenset(SOURCE_FIELDS)
MIN_REASON = 20  # an acknowledgement's reason must say something, not "ok"
# The details `data unset` can record as gone, by the field name a retired entry keeps.
RETIRABLE = ("phones", "email", "website", "other_websites", "address", "district", "hours", "languages",
             "application_process", "postal_address", "social")  # fmt: skip


def _phone(t: Table) -> Phone | None:
    number = t.phone("number")
    kind = t.text("type") or "voice"
    if kind not in PHONE_TYPES:
        t.problem("type", f"'{kind}' is not one of: {', '.join(PHONE_TYPES)}")
    description = t.text("description", prose=True)
    t.finish()
    return Phone(number=number, type=kind, description=description) if number else None


def _social(t: Table) -> Social | None:
    network = t.text("network", required=True)
    url = t.url("url")
    t.finish()
    return Social(network=network, url=url) if network else None


def _location(t: Table) -> Location | None:
    ident = t.text("id", required=True)
    if ident is not None and not SLUG_RE.match(ident):
        t.problem("id", f"'{ident}' must be lower-case letters, digits and single hyphens")
    district = t.text("district")
    if district is not None and district not in DISTRICTS:
        t.problem("district", f"'{district}' is not one of Hong Kong's 18 districts ({', '.join(DISTRICTS)})")
    location = Location(
        id=ident or "",
        name=t.text("name"),
        address=t.text("address", prose=True),
        district=district,
        hours=t.text("hours", prose=True),
        transportation=t.text("transportation", prose=True),
        description=t.text("description", prose=True),
    )
    t.finish()
    if not any(location[1:]):
        t.problem("", "a location needs a name, an address, a district or hours")
    return location if ident else None


def _contact(t: Table) -> Contact:
    locations = many(t, "locations", _location)
    seen: set[str] = set()
    for i, location in enumerate(locations):
        if location.id in seen:
            t.problem(f"locations[{i}].id", f"duplicate location id '{location.id}'")
        seen.add(location.id)
    contact = Contact(
        phones=many(t, "phones", _phone),
        email=t.email("email"),
        email_note=t.text("email_note", prose=True),
        website=t.url("website"),
        other_websites=t.urls("other_websites"),
        social=many(t, "social", _social),
        postal_address=t.text("postal_address", prose=True),
        locations=locations,
        application_process=t.text("application_process", prose=True),
        languages=t.texts("languages"),
        languages_note=t.text("languages_note", prose=True),
        missing_note=t.text("missing_note", prose=True),
    )
    if contact.email_note and not contact.email:
        t.problem("email_note", "describes an e-mail address, but there is none (say what is missing in missing_note)")
    t.finish()
    return contact


def _fields(t: Table, *, required: bool) -> tuple[str, ...]:
    fields = t.texts("fields")
    if required and not fields:
        t.problem("fields", "must name at least one field")
    for name in fields:
        if name not in KNOWN_FIELDS:
            t.problem("fields", f"'{name}' is not a field of an organisation")
    return fields


def _source(t: Table) -> Source | None:
    location = t.text("location")
    source = sections.source(t, KNOWN_FIELDS, finish=False)
    t.finish()
    return source._replace(location=location) if source else None


def _confirmation(t: Table) -> Confirmation | None:
    fields = _fields(t, required=True)
    method = t.choice("method", CONFIRM_METHODS, required=True)
    by = t.text("by", required=True)
    date = t.day("date")
    note = t.text("note", prose=True)
    location = t.text("location")
    t.finish()
    if not (fields and method and by and date):
        return None
    return Confirmation(fields=fields, method=method, by=by, date=date, note=note, location=location)


def _retired(t: Table) -> Retired | None:
    field = t.choice("field", RETIRABLE, required=True)
    value = t.text("value", required=True, prose=True)
    reason = t.text("reason", required=True, prose=True)
    date = t.day("date")
    by = t.text("by")
    location = t.text("location")
    t.finish()
    if not (field and value and reason and date):
        return None
    return Retired(field=field, value=value, reason=reason, date=date, by=by, location=location)


def _acknowledgement(t: Table) -> Acknowledgement | None:
    warning = t.choice("warning", ACK_WARNINGS, required=True)
    fields = t.texts("fields")
    for name in fields:
        if name not in DETAILS:
            t.problem("fields", f"'{name}' is not one of: {', '.join(DETAILS)}")
    if warning == "age" and not fields:
        t.problem("fields", "an 'age' acknowledgement must name the details it covers")
    if warning == "reach" and fields:
        t.problem("fields", "a 'reach' acknowledgement covers the organisation, not fields")
    reason = t.text("reason", required=True, prose=True)
    if reason is not None and len(reason) < MIN_REASON:
        t.problem("reason", f"must explain why (at least {MIN_REASON} characters)")
    by = t.text("by", required=True)
    date = t.day("date")
    t.finish()
    if not (warning and reason and by and date):
        return None
    return Acknowledgement(warning=warning, reason=reason, by=by, date=date, fields=fields)


def _places(t: Table, org: Organisation) -> None:
    """A source, confirmation or retired entry that names a location names one the organisation
    has (or had: a retired entry keeps the id of a location that is gone)."""
    known = {loc.id for loc in org.contact.locations} | {r.location for r in org.retired if r.location}
    named = [("sources", i, s.location) for i, s in enumerate(org.sources)]
    named += [("confirmations", i, c.location) for i, c in enumerate(org.confirmations)]
    named += [("retired", i, r.location) for i, r in enumerate(org.retired)]
    for key, i, location in named:
        if location is not None and location not in known:
            t.problem(f"{key}[{i}].location", f"no location of this organisation has the id '{location}'")


def organisation(t: Table, categories: frozenset[str]) -> Organisation | None:
    slug = t.slug("slug", "organisation")
    name = t.text("name", required=True)
    status = t.choice("status", STATUSES, required=True)
    cats = t.texts("categories")
    if "categories" in t.raw and not cats:
        t.problem("categories", "must name at least one category")
    elif "categories" not in t.raw:
        t.problem("categories", "is required but missing")
    for cat in cats:
        if cat not in categories:
            t.problem("categories", f"unknown category '{cat}' (known: {', '.join(sorted(categories))})")
    summary = t.text("summary", required=True, prose=True)
    org = Organisation(
        slug=slug or "",
        name=name or "",
        status=status or "active",
        categories=cats,
        summary=summary or "",
        sources=many(t, "sources", _source),
        description=t.text("description", prose=True),
        chinese_name=t.text("chinese_name"),
        alternate_names=t.texts("alternate_names"),
        former_names=t.texts("former_names"),
        status_note=t.text("status_note", prose=True),
        services=t.texts("services"),
        information_topics=t.texts("information_topics"),
        serves=t.texts("serves"),
        memberships=t.texts("memberships"),
        member_of=t.texts("member_of"),
        reached_through=t.texts("reached_through"),
        keywords=t.texts("keywords"),
        in_source_document=t.flag("in_source_document"),
        contact=_contact(t.sub("contact")),
        confirmations=many(t, "confirmations", _confirmation),
        retired=many(t, "retired", _retired),
        acknowledged=many(t, "acknowledged", _acknowledgement),
    )
    _places(t, org)
    t.finish()
    # Keep a flawed entry (its problems are recorded) so one mistake does not cascade into others.
    return org if slug else None
