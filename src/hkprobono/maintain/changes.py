"""`data set`, `data unset` and `data new`: one change to the data file, with what supports it.

Each builds a change to the parsed file and hands it to `edit.transaction`, which locks, checks
and writes; every input is checked before anything is written. A value that replaces another
keeps the old one in the organisation's `retired` list (with the source it came from, when no
other detail needs that source), so the history stays visible to maintainers and never on a card.
Nothing here prints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import RawFile
from hkprobono.loading.tables import SLUG_RE, real_date, url_problem
from hkprobono.maintain import details
from hkprobono.maintain.edit import transaction
from hkprobono.model import CONFIRM_METHODS
from hkprobono.record import NamedTuple

NEW_SOURCE_FIELDS = ["name", "summary", "categories", "status"]
MAIN = "main"  # the id of the first location, when a place detail is set on an organisation with none


class Support(NamedTuple):
    """What backs a change: a public source, or a maintainer's own check with the organisation."""

    url: str | None = None
    title: str | None = None
    date: str | None = None  # the source's date, or the day of the check
    by: str | None = None
    method: str | None = None
    note: str | None = None


def _day(text: str, on: dt.date, what: str, *, full: bool) -> str:
    if not real_date(text, full=full):
        form = "YYYY-MM-DD" if full else "YYYY, YYYY-MM or YYYY-MM-DD"
        raise HkProBonoError(f"{what} '{text}' is not a date of the form {form}")
    if text > on.isoformat()[: len(text)]:
        raise HkProBonoError(f"{what} '{text}' is in the future")
    return text


def support(
    *,
    source: str | None,
    title: str | None,
    source_date: str | None,
    by: str | None,
    method: str | None,
    date: str | None,
    note: str | None,
    on: dt.date,
) -> Support:
    """Exactly one of a public page (its address, title and date) or a maintainer's own check with
    the organisation (who, how, and the day). The command line says which of its options is which."""
    if (source is None) == (by is None):
        raise HkProBonoError("say what supports the detail: a public page, or your own check with the organisation")
    said = details.text(note, "the note") if note else None
    if source is not None:
        if method or date:
            raise HkProBonoError("how and when you checked go with your own check, not with a public page")
        problem = url_problem(source.strip())
        if problem:
            raise HkProBonoError(f"the source's address: {problem}")
        when = _day(source_date.strip(), on, "the source's date", full=False) if source_date else None
        named = details.text(title, "the source's title") if title else None
        return Support(url=source.strip(), title=named, date=when, note=said)
    if title or source_date:
        raise HkProBonoError("a title and a date go with a public page, not with your own check")
    if method not in CONFIRM_METHODS:
        raise HkProBonoError(f"how you checked must be one of: {', '.join(CONFIRM_METHODS)}")
    who = details.text(by or "", "who made the check")
    day = _day(date.strip(), on, "the day of the check", full=True) if date else on.isoformat()
    return Support(by=who, method=method, date=day, note=said)


def _org(data: dict[str, Any], slug: str, name: str) -> dict[str, Any]:
    orgs = [o for o in data.get("organisations", []) if isinstance(o, dict)]
    slug = details.slug_of([str(o.get("slug")) for o in orgs], slug.strip(), name)
    return next(o for o in orgs if o.get("slug") == slug)


def _location(contact: dict[str, Any], wanted: str | None, *, create: bool) -> dict[str, Any]:
    places: list[dict[str, Any]] = contact.setdefault("locations", [])
    ids = [str(p.get("id")) for p in places]
    if wanted is None:
        if len(places) == 1:
            return places[0]
        if places:
            raise HkProBonoError(f"it has {len(places)} locations ({', '.join(ids)}): say which one")
        if not create:
            raise HkProBonoError("it has no location")
        wanted = MAIN
    if wanted in ids:
        return places[ids.index(wanted)]
    if not create:
        hint = details.suggest(wanted, ids)
        raise HkProBonoError(f"it has no location '{wanted}'", hint=hint or f"its locations: {', '.join(ids)}")
    if not SLUG_RE.match(wanted):
        raise HkProBonoError(f"a location id, '{wanted}', must be lower-case letters, digits and single hyphens")
    place: dict[str, Any] = {"id": wanted}
    places.append(place)
    return place


def _digits(number: object) -> str:
    return "".join(ch for ch in str(number) if ch.isdigit())


def _backed(org: dict[str, Any], field: str, location: str | None, only: bool) -> list[dict[str, Any]]:
    """The sources and confirmations that back `field` (at `location`): those a new value
    replaces. A source for every location backs this one only when it is the only location."""
    places = (location, None) if only else (location,)
    found = []
    for key in ("sources", "confirmations"):
        for entry in org.get(key, []):
            if field in entry.get("fields", []) and entry.get("location") in places:
                found.append(entry)
    return found


def _retire(org: dict[str, Any], field: str, old: str, reason: str, on: dt.date, **extra: str | None) -> None:
    entry = {"field": field, "value": old, "reason": reason, "date": on.isoformat()}
    entry.update({k: v for k, v in extra.items() if v})
    org.setdefault("retired", []).append(entry)


def _replaced(org: dict[str, Any], field: str, location: str | None, old: str, on: dt.date) -> None:
    """The old value goes to `retired`; the sources that gave it no longer claim the field."""
    only = len(org.get("contact", {}).get("locations", [])) <= 1
    gone = []
    for entry in _backed(org, field, location, only):
        entry["fields"] = [f for f in entry["fields"] if f != field]
        if not entry["fields"]:
            gone.append(entry)
            if "url" in entry:
                org["sources"].remove(entry)
            else:
                org["confirmations"].remove(entry)
    came = "; ".join(e["url"] if "url" in e else f"confirmed by {e['method']} on {e['date']}" for e in gone)
    reason = "Replaced by a newer value" + (f"; it came from {came}" if came else "") + "."
    _retire(org, field, old, reason, on, location=location)


def _record(org: dict[str, Any], field: str, location: str | None, backing: Support) -> None:
    """Add `field` to a matching source or confirmation, or add a new one."""
    if backing.url is not None:
        key = "sources"
        same: dict[str, str | None] = {"url": backing.url}
        new: dict[str, Any] = {"title": backing.title or _title(backing.url), "url": backing.url}
        if backing.date:
            new["date"] = backing.date
    else:
        key = "confirmations"
        same = {"method": backing.method, "by": backing.by, "date": backing.date}
        new = {"method": backing.method, "by": backing.by, "date": backing.date}
    entries: list[dict[str, Any]] = org.setdefault(key, [])
    match = next(
        (e for e in entries if all(e.get(k) == v for k, v in same.items()) and e.get("location") == location), None
    )
    if match is not None and key == "sources" and backing.date and match.get("date", backing.date) != backing.date:
        raise HkProBonoError(f"{backing.url} is already cited with the date {match['date']}, not {backing.date}")
    if match is None:
        match = {**new, "fields": []}
        if location:
            match["location"] = location
        entries.append(match)
    if backing.date and key == "sources":
        match.setdefault("date", backing.date)
    if field not in match["fields"]:
        match["fields"].append(field)
    if backing.note:
        match["note"] = f"{match['note']} {backing.note}" if match.get("note") else backing.note


def _title(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or url}{parts.path if parts.path not in ('', '/') else ''}"


class Change(NamedTuple):
    """What a command did, for its one-line notice."""

    slug: str
    field: str
    value: str
    location: str | None = None
    notes: tuple[str, ...] = ()


def _reachable_now(org: dict[str, Any]) -> tuple[str, ...]:
    """A note that no phone or e-mail was found is out of date once there is one: it is removed."""
    contact = org.get("contact", {})
    voices = [p for p in contact.get("phones", []) if p.get("type", "voice") != "fax"]
    acks = org.get("acknowledged", [])
    kept = [a for a in acks if not (a.get("warning") == "reach" and (voices or contact.get("email")))]
    if len(kept) == len(acks):
        return ()
    org["acknowledged"] = kept
    if not kept:
        del org["acknowledged"]
    return ("its note that no phone or e-mail could be found is removed",)


def _describe(name: str, org: dict[str, Any], target: dict[str, Any], description: str) -> None:
    text = details.text(description, "the description")
    if name == "phone" or (details.DETAILS[name].place):
        target["description"] = text
    elif name == "email":
        org["contact"]["email_note"] = text
    elif name == "status":
        org["status_note"] = text
    else:
        raise HkProBonoError("a description goes with a phone, an e-mail, a place detail or the status")


def set_detail(
    path: Path | None,
    slug: str,
    field: str,
    given: str,
    backing: Support,
    *,
    location: str | None = None,
    description: str | None = None,
    phone_type: str | None = None,
    on: dt.date,
) -> tuple[RawFile, Change]:
    """Add or change one detail of an organisation, with the source or check that supports it."""
    name, what = details.detail(field)
    value = details.value(name, given)
    if phone_type is not None and name != "phone":
        raise HkProBonoError("a phone's type goes with a phone number")

    def change(data: dict[str, Any]) -> Change:
        org = _org(data, slug, str(path or "the directory file"))
        contact = org.setdefault("contact", {})
        place: str | None = None
        old: object = None
        target: dict[str, Any] = contact
        if what.place:
            target = _location(contact, location, create=True)
            place = str(target["id"])
            old, target[what.key] = target.get(what.key), value
        elif name == "phone":
            phones: list[dict[str, Any]] = contact.setdefault("phones", [])
            target = next((p for p in phones if _digits(p.get("number")) == _digits(value)), {})
            if not target:
                target = {"number": value}
                phones.append(target)
            target["number"] = value
            if phone_type is not None or "type" not in target:
                target["type"] = details.phone_type(phone_type)
        elif name == "status":
            old, org["status"] = org.get("status"), value
        else:
            old, contact[what.key] = contact.get(what.key), value
        if location is not None and not what.place:
            raise HkProBonoError(f"a location goes with a place detail (address, district or hours), not {name}")
        if description is not None:
            _describe(name, org, target, description)
        if old and old != value and name != "status":
            shown = ", ".join(old) if isinstance(old, list) else str(old)
            _replaced(org, what.support, place, shown, on)
        _record(org, what.support, place, backing)
        shown = ", ".join(value) if isinstance(value, list) else value
        return Change(str(org["slug"]), name, shown, place, _reachable_now(org))

    return transaction(path, change, doing="changed")


def unset_detail(
    path: Path | None,
    slug: str,
    field: str,
    given: str | None,
    reason: str,
    *,
    location: str | None = None,
    by: str | None = None,
    on: dt.date,
) -> tuple[RawFile, Change]:
    """Record that a detail is gone: it leaves the card and joins the organisation's `retired` list."""
    name, what = details.detail(field)
    why = details.text(reason, "the reason")
    who = details.text(by, "who found it gone") if by else None
    if name == "status":
        raise HkProBonoError("a status cannot be unset; set another one (e.g. 'data set SLUG status closed')")
    if location is not None and not what.place:
        raise HkProBonoError(f"a location goes with a place detail (address, district or hours), not {name}")

    def change(data: dict[str, Any]) -> Change:
        org = _org(data, slug, str(path or "the directory file"))
        contact: dict[str, Any] = org.get("contact", {})
        place: str | None = None
        if what.place:
            target = _location(contact, location, create=False)
            place = str(target["id"])
            old = target.pop(what.key, None)
            if len(target) == 1:  # only its id is left: the location is gone (its id stays in `retired`)
                contact["locations"].remove(target)
        elif what.many:
            items = contact.get(what.key, [])
            keys = [_digits(p.get("number")) if name == "phone" else str(p).casefold() for p in items]
            wanted = None if given is None else (_digits(given) if name == "phone" else given.strip().casefold())
            if wanted is None and len(items) > 1 and name == "phone":
                numbers = ", ".join(str(p.get("number")) for p in items)
                raise HkProBonoError(f"{org['slug']} has {len(items)} phones ({numbers}): say which one")
            chosen = list(range(len(items))) if wanted is None else [i for i, k in enumerate(keys) if k == wanted]
            if not chosen:
                raise HkProBonoError(f"{org['slug']} has no {name} '{given}'")
            old = ", ".join(str(items[i]["number"] if name == "phone" else items[i]) for i in chosen)
            contact[what.key] = [item for i, item in enumerate(items) if i not in chosen]
        else:
            old = contact.pop(what.key, None)
            if name == "email":
                contact.pop("email_note", None)
        if not old:
            raise HkProBonoError(f"{org['slug']} has no {name} in the data")
        for key in [k for k, v in contact.items() if v in ([], {}, None)]:
            del contact[key]
        if not contact:
            org.pop("contact", None)
        _retire(org, what.support, str(old), why, on, by=who, location=place)
        return Change(str(org["slug"]), name, str(old), place)

    return transaction(path, change, doing="changed")


def new_organisation(
    path: Path | None,
    slug: str,
    *,
    name: str,
    category: str,
    summary: str,
    backing: Support,
    status: str = "active",
    on: dt.date,
) -> tuple[RawFile, Change]:
    """Start an organisation with what the schema needs: slug, name, status, a category, a summary
    and the source they come from."""
    wanted = slug.strip()
    if not SLUG_RE.match(wanted):
        raise HkProBonoError(f"'{slug}' must be lower-case letters, digits and single hyphens")
    if backing.url is None:
        raise HkProBonoError("a new organisation needs the address of the public page it comes from")
    entry: dict[str, Any] = {
        "slug": wanted,
        "name": details.text(name, "the name"),
        "status": str(details.value("status", status)),
        "categories": [],
        "summary": details.text(summary, "the summary"),
    }

    def change(data: dict[str, Any]) -> Change:
        orgs: list[dict[str, Any]] = data.setdefault("organisations", [])
        if any(o.get("slug") == wanted for o in orgs if isinstance(o, dict)):
            raise HkProBonoError(f"an organisation with the slug '{wanted}' already exists")
        known = [str(c.get("id")) for c in data.get("categories", []) if isinstance(c, dict)]
        chosen = category.strip().casefold()
        if chosen not in known:
            hint = details.suggest(chosen, known)
            raise HkProBonoError(f"unknown category '{category}'", hint=hint or f"known categories: {', '.join(known)}")
        entry["categories"] = [chosen]
        orgs.append(entry)
        for field in NEW_SOURCE_FIELDS:
            _record(entry, field, None, backing)
        return Change(wanted, "organisation", entry["name"])

    return transaction(path, change, doing="changed")
