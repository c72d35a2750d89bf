"""The details a maintainer sets and unsets by command, by the names people type, and what makes
a value acceptable. A slip in a name, a slug or a category gets a suggestion."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from hkprobono.errors import HkProBonoError
from hkprobono.loading.tables import email_problem, phone_problem, url_problem
from hkprobono.model import DISTRICTS, PHONE_TYPES, STATUSES, Ref
from hkprobono.record import NamedTuple
from hkprobono.text import first_unsafe


class Detail(NamedTuple):
    """A detail `data set` changes: `key` is its field in the data file, `support` the name a
    source or confirmation gives it in `fields`, `place` whether it belongs to a location."""

    key: str
    support: str
    place: bool = False
    many: bool = False  # a list: phones and languages add or remove one value


DETAILS = {
    "phone": Detail("phones", "phones", many=True),
    "email": Detail("email", "email"),
    "hours": Detail("hours", "hours", place=True),
    "address": Detail("address", "address", place=True),
    "district": Detail("district", "district", place=True),
    "languages": Detail("languages", "languages", many=True),
    "application_process": Detail("application_process", "application_process"),
    "website": Detail("website", "website"),
    "postal_address": Detail("postal_address", "postal_address"),
    "status": Detail("status", "status"),
}
ALIASES = {
    "phones": "phone", "telephone": "phone", "tel": "phone", "mobile": "phone", "e-mail": "email",
    "mail": "email", "opening_hours": "hours", "opening-hours": "hours", "districts": "district",
    "language": "languages", "access": "application_process", "how-to-get-help": "application_process",
    "how_to_get_help": "application_process", "application-process": "application_process", "url": "website",
    "web": "website", "postal-address": "postal_address",
}  # fmt: skip


def suggest(typed: str, known: Iterable[str] | dict[str, str]) -> str:
    """ "did you mean 'phone'?" for the nearest of `known` (a dict maps each candidate, in lower
    case, to what to show for it), or "" when nothing is near."""
    shown = known if isinstance(known, dict) else {k: k for k in known}
    near = difflib.get_close_matches(typed.casefold(), list(shown), n=5, cutoff=0.6)
    said = list(dict.fromkeys(shown[n] for n in near))[:3]
    return f"did you mean {' or '.join(repr(n) for n in said)}?" if said else ""


def detail(name: str) -> tuple[str, Detail]:
    """The detail a typed field name means (its name as `data set` takes it, and what it is)."""
    typed = name.strip().casefold()
    typed = ALIASES.get(typed, typed)
    if typed in DETAILS:
        return typed, DETAILS[typed]
    hint = suggest(typed, {**{d: d for d in DETAILS}, **ALIASES})
    raise HkProBonoError(
        f"'{name}' is not a detail that can be set", hint=hint or f"known details: {', '.join(DETAILS)}"
    )


def text(value: str, what: str) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise HkProBonoError(f"{what} must not be empty")
    bad = first_unsafe(cleaned, "\n")
    if bad is not None:
        raise HkProBonoError(f"{what} contains U+{ord(bad):04X}, a control or invisible character; remove it")
    return cleaned


def value(name: str, raw: str) -> str | list[str]:
    """The value in the form the data file keeps it, or an error saying what is wrong with it."""
    given = text(raw, f"the {name}")
    if name == "phone":
        problem = phone_problem(given)
    elif name == "email":
        problem = email_problem(given)
    elif name == "website":
        problem = url_problem(given)
    elif name == "district":
        match = next((d for d in DISTRICTS if d.casefold() == given.casefold()), None)
        if match is None:
            hint = suggest(given, {d.casefold(): d for d in DISTRICTS})
            raise HkProBonoError(f"'{given}' is not one of Hong Kong's 18 districts", hint=hint or ", ".join(DISTRICTS))
        return match
    elif name == "status":
        problem = None if given in STATUSES else f"'{given}' is not a status; use one of: {', '.join(STATUSES)}"
    elif name == "languages":
        names = [part.strip() for part in given.split(",") if part.strip()]
        return list(dict.fromkeys(names))
    else:
        problem = None
    if problem:
        raise HkProBonoError(problem)
    return given


def phone_type(kind: str | None) -> str:
    chosen = (kind or "voice").strip().casefold()
    chosen = {"mobile": "cell"}.get(chosen, chosen)
    if chosen not in PHONE_TYPES:
        raise HkProBonoError(f"'{kind}' is not a phone type; use one of: {', '.join(PHONE_TYPES)}")
    return chosen


def slug_of(slugs: list[str], typed: str, file: str) -> str:
    if typed in slugs:
        return typed
    hint = suggest(typed, slugs)
    raise HkProBonoError(f"no organisation has the slug '{typed}' in {file}", hint=hint or None, see=Ref("org", ""))
