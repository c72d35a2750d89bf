"""`data confirm`: record that a maintainer checked some details with the organisation itself.

The entry is added to the organisation's [[organisations.confirmations]] and the file is written
back in its canonical form (as `data fmt` writes it), through the one locked write path
(edit.transaction). Every input is checked before anything is written: on any error the file is
left byte for byte as it was. Nothing here prints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import RawFile
from hkprobono.loading.tables import real_date
from hkprobono.maintain.details import slug_of, suggest
from hkprobono.maintain.edit import transaction
from hkprobono.model import CONFIRM_METHODS, LOCATION_FIELDS, SOURCE_FIELDS, Confirmation
from hkprobono.text import foreign_digits

# What can be confirmed: the details a source can support.
CONFIRMABLE = frozenset(SOURCE_FIELDS)
ALIASES = {"phone": "phones", "e-mail": "email", "mail": "email", "opening_hours": "hours",
           "access": "application_process", "districts": "district"}  # fmt: skip
# Documented in the README: what one confirmation may hold, so a slip of the clipboard cannot put
# a page of text into the data file.
MAX_BY = 100
MAX_NOTE = 500
MAX_FIELDS = 300


def parse_fields(text: str) -> tuple[str, ...]:
    """ "phones,address" -> ("phones", "address"), each a known field, in the order given, once."""
    if len(text) > MAX_FIELDS:
        raise HkProBonoError(f"the list of fields is {len(text):,} characters long; name at most the fields there are")
    names: list[str] = []
    for part in text.split(","):
        name = part.strip()
        if not name:
            continue
        if name not in CONFIRMABLE:
            hint = f"did you mean '{ALIASES[name]}'?" if name in ALIASES else suggest(name, CONFIRMABLE)
            raise HkProBonoError(f"'{name}' is not a field that can be confirmed" + (f"; {hint}" if hint else ""))
        if name not in names:
            names.append(name)
    if not names:
        raise HkProBonoError("no field to confirm: name at least one, e.g. phones,address")
    return tuple(names)


def _has(org: dict[str, Any], field: str) -> bool:
    contact = org.get("contact", {})
    if field in LOCATION_FIELDS:
        return any(loc.get(field) for loc in contact.get("locations", []))
    return bool(contact.get(field) if field in contact else org.get(field))


def confirmation(
    org: dict[str, Any], fields: str, method: str, by: str, date: str | None, note: str | None, on: dt.date
) -> Confirmation:
    """Check every input against the organisation and today; raise HkProBonoError on the first problem."""
    names = parse_fields(fields)
    missing = [name for name in names if not _has(org, name)]
    if missing:
        raise HkProBonoError(
            f"{org['slug']} has no {', '.join(missing)} in the data to confirm; record a new detail, with what "
            "supports it, as a new value instead"
        )
    if method not in CONFIRM_METHODS:
        raise HkProBonoError(f"'{method}' is not a method; use one of: {', '.join(CONFIRM_METHODS)}")
    who = by.strip()
    if not who:
        raise HkProBonoError("who made the check is not named: give your name")
    if len(who) > MAX_BY:
        raise HkProBonoError(f"the name of who checked is {len(who):,} characters long; at most {MAX_BY} are kept")
    if note is not None and len(note.strip()) > MAX_NOTE:
        raise HkProBonoError(
            f"the note is {len(note.strip()):,} characters long; at most {MAX_NOTE} are kept",
            hint="say what was said or seen in a few words",
        )
    day = date if date is not None else on.isoformat()
    if not real_date(day, full=True):
        why = foreign_digits(day)
        raise HkProBonoError(f"'{day}' is not a date of the form YYYY-MM-DD" + (f": {why}" if why else ""))
    if day > on.isoformat():
        raise HkProBonoError(f"'{day}' is in the future; give the day the check was made")
    text = note.strip() if note else None
    return Confirmation(fields=names, method=method, by=who, date=day, note=text or None)


def _entry(check: Confirmation) -> dict[str, Any]:
    entry: dict[str, Any] = {"fields": list(check.fields), "method": check.method, "by": check.by, "date": check.date}
    if check.note:
        entry["note"] = check.note
    return entry


def record(path: Path | None, slug: str, fields: str, method: str, by: str, *, date: str | None = None,
           note: str | None = None, on: dt.date) -> tuple[RawFile, Confirmation]:  # fmt: skip
    """Add a confirmation to the organisation `slug` in the file and write it back canonically,
    under the file's edit lock (maintain.edit), so a confirmation recorded at the same time by
    another run is kept too."""

    def change(data: dict[str, Any]) -> Confirmation:
        orgs = [o for o in data.get("organisations", []) if isinstance(o, dict)]
        # The slug as loading reads it: a slug written with spaces around it is the same organisation.
        found = slug_of([str(o.get("slug", "")).strip() for o in orgs], slug, str(path or "the directory file"))
        table = next(o for o in orgs if str(o.get("slug", "")).strip() == found)
        check = confirmation(table, fields, method, by, date, note, on)
        table.setdefault("confirmations", []).append(_entry(check))
        return check

    return transaction(path, change, doing="confirmed")
