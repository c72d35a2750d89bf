"""`data confirm`: record that a maintainer checked some details with the organisation itself.

The entry is added to the organisation's [[organisations.confirmations]] and the file is written
back in its canonical form (as `data fmt` writes it). Every input is checked before anything is
written: on any error the file is left byte for byte as it was. Nothing here prints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import RawFile, check_of, parse
from hkprobono.loading.validate import ORG_FIELDS, build, real_date
from hkprobono.maintain.edit import edit
from hkprobono.maintain.fmt import canonical_text
from hkprobono.model import CONFIRM_METHODS, Confirmation, Organisation, Ref
from hkprobono.text import foreign_digits

# What can be confirmed: any field of an organisation except its identity and our own records.
NOT_CONFIRMABLE = frozenset({"slug", "confirmations", "acknowledged", "contact", "in_source_document"})
CONFIRMABLE = ORG_FIELDS - NOT_CONFIRMABLE
ALIASES = {"phone": "phones", "e-mail": "email", "mail": "email", "opening_hours": "hours"}
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
            hint = f"; did you mean '{ALIASES[name]}'?" if name in ALIASES else ""
            raise HkProBonoError(f"'{name}' is not a field that can be confirmed{hint}")
        if name not in names:
            names.append(name)
    if not names:
        raise HkProBonoError("no field to confirm: name at least one, e.g. phones,address")
    return tuple(names)


def _has(org: Organisation, field: str) -> bool:
    owner: object = org.contact if field in org.contact._fields else org
    return bool(getattr(owner, field, None))


def confirmation(
    org: Organisation, fields: str, method: str, by: str, date: str | None, note: str | None, on: dt.date
) -> Confirmation:
    """Check every input against the organisation and today; raise HkProBonoError on the first problem."""
    names = parse_fields(fields)
    missing = [name for name in names if not _has(org, name)]
    if missing:
        raise HkProBonoError(
            f"{org.slug} has no {', '.join(missing)} in the data to confirm; add the detail (with its source) first"
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

    def change(raw: RawFile) -> tuple[str, Confirmation]:
        data = parse(raw)
        directory, problems = build(data, raw.name)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise HkProBonoError(f"{raw.name}: has errors ({errors[0]}); fix them first", see=check_of(raw))
        org = directory.by_slug(slug)
        if org is None:
            raise HkProBonoError(f"no organisation has the slug '{slug}' in {raw.name}", see=Ref("org", ""))
        check = confirmation(org, fields, method, by, date, note, on)
        # The slug as loading reads it: a slug written with spaces around it is the same organisation.
        table = next(t for t in data["organisations"] if str(t.get("slug", "")).strip() == slug)
        table.setdefault("confirmations", []).append(_entry(check))
        text = canonical_text(data)
        # The new entry must load as written, and break nothing else.
        _, after = build(parse(RawFile(raw.name, text.encode("utf-8"))), raw.name)
        broken = [p for p in after if p.severity == "error"]
        if broken:
            raise HkProBonoError(f"{raw.name}: the confirmation would not load ({broken[0]}); nothing was changed")
        return text, check

    return edit(path, change, "confirmed")
