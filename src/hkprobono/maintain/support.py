"""Two rules `data check` holds every organisation to, beyond what loading needs:

- every contact or service detail is supported by a source (a source names the details it
  supports in `fields`) or by a maintainer's confirmation, so no detail is shown without saying
  where it comes from;
- absence is absence: a detail nobody found is left out, and a value field never says what was
  not found (that is the one `missing_note`, where worth telling)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hkprobono.freshness import backing
from hkprobono.loading.tables import Problem
from hkprobono.model import LOCATION_SUPPORTED_BY, SUPPORTED_BY, Organisation

SERVICE_FIELDS = ("services", "information_topics")
# "were not found", "no phone was found", "not given in the sources", "the only route found"...
ABSENCE_RE = re.compile(
    r"\bnot (?:be )?found\b|\b(?:no|only)\b[^.;]{0,80}?\bfound\b"
    r"|\bnot (?:stated |given |listed )?in the sources\b",
    re.IGNORECASE,
)


def _entry(org: Organisation) -> str:
    return f"organisation '{org.slug}'"


def _unsupported(org: Organisation, field: str, names: tuple[str, ...], where: str = "") -> Problem:
    said = " or ".join(f"'{n}'" for n in names)
    return Problem(
        _entry(org),
        field,
        f"no source or confirmation supports it{where}: name {said} in the fields of the source it comes "
        "from, or record the detail again with its source or your own check ('data set')",
        kind="support",
    )


def unsupported(org: Organisation) -> Iterator[Problem]:
    """An error for each contact or service detail that no source and no confirmation supports,
    and for each source that does not say which details it supports."""
    for i, source in enumerate(org.sources):
        if not source.fields:
            yield Problem(_entry(org), f"sources[{i}].fields", "must name the details this source supports")
    for key, names in SUPPORTED_BY.items():
        owner: object = org if key in SERVICE_FIELDS else org.contact
        if getattr(owner, key) and not backing(org, key):
            yield _unsupported(org, key if key in SERVICE_FIELDS else f"contact.{key}", names)
    for i, location in enumerate(org.contact.locations):
        for key, names in LOCATION_SUPPORTED_BY.items():
            if getattr(location, key) and not backing(org, key, location.id):
                where = f" at location '{location.id}'"
                yield _unsupported(org, f"contact.locations[{i}].{key}", names, where)


def _values(org: Organisation) -> Iterator[tuple[str, str]]:
    c = org.contact
    for key in ("email_note", "website", "postal_address", "application_process", "languages_note"):
        text = getattr(c, key)
        if text:
            yield f"contact.{key}", text
    for i, phone in enumerate(c.phones):
        if phone.description:
            yield f"contact.phones[{i}].description", phone.description
    for i, location in enumerate(c.locations):
        for key in ("name", "address", "hours", "transportation", "description"):
            text = getattr(location, key)
            if text:
                yield f"contact.locations[{i}].{key}", text
    for key in SERVICE_FIELDS:
        for i, text in enumerate(getattr(org, key)):
            yield f"{key}[{i}]", text


def absence_wording(org: Organisation) -> Iterator[Problem]:
    """A warning for each value that says what was not found instead of giving a value."""
    for field, text in _values(org):
        found = ABSENCE_RE.search(text)
        if found:
            yield Problem(
                _entry(org),
                field,
                f"says what was not found ('{found.group(0)}'): leave the detail out, and say why in "
                "contact.missing_note if it is worth telling",
                severity="warning",
                kind="absence",
            )
