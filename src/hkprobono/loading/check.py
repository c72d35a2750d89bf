"""`data check`: every problem in a directory file, beyond what loading needs, for its maintainers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import NamedTuple
from urllib.parse import urlsplit

from hkprobono.errors import HkProBonoError
from hkprobono.freshness import UNDATED, stale_since
from hkprobono.loading.source import RawFile, problems_in
from hkprobono.loading.tables import Problem
from hkprobono.model import Directory, Organisation

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
SLUG_MENTION_RE = re.compile(r"hkprobono show ([a-z0-9]+(?:-[a-z0-9]+)*)")
CLOSURE_RE = re.compile(r"\b(clos(e|ed|es|ing|ure)|dissol(ve|ved|ution)|shut(s|ting)? down|wound up)\b", re.I)


class Report(NamedTuple):
    file: str
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


def _error(org: Organisation, field: str, message: str) -> Problem:
    return Problem(f"organisation '{org.slug}'", field, message)


def _warning(org: Organisation, field: str, message: str, kind: str) -> Problem:
    return Problem(f"organisation '{org.slug}'", field, message, severity="warning", kind=kind)


def valid_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and "." in parts.netloc and " " not in url


def _phones(org: Organisation) -> Iterator[Problem]:
    import phonenumbers

    for i, phone in enumerate(org.contact.phones):
        field = f"contact.phones[{i}].number"
        try:
            parsed = phonenumbers.parse(phone.number, "HK")
        except phonenumbers.NumberParseException as exc:
            yield _error(org, field, f"'{phone.number}' is not a phone number ({exc})")
            continue
        if not phonenumbers.is_valid_number(parsed) or phonenumbers.region_code_for_number(parsed) != "HK":
            yield _error(org, field, f"'{phone.number}' is not a valid Hong Kong number")
        elif not phone.number.startswith("+852"):
            yield _error(org, field, f"'{phone.number}' must be written in +852 international form")


def _links(org: Organisation) -> Iterator[Problem]:
    c = org.contact
    if c.email and not EMAIL_RE.match(c.email):
        yield _error(org, "contact.email", f"'{c.email}' is not an e-mail address")
    for field, url in [("contact.website", c.website), *(("contact.other_websites", u) for u in c.other_websites)]:
        if url and not valid_url(url):
            yield _error(org, field, f"'{url}' is not a web address (http:// or https://)")
    for i, social in enumerate(c.social):
        if social.url and not valid_url(social.url):
            yield _error(org, f"contact.social[{i}].url", f"'{social.url}' is not a web address")
    for i, source in enumerate(org.sources):
        if not valid_url(source.url):
            yield _error(org, f"sources[{i}].url", f"'{source.url}' is not a web address")


def _closure(org: Organisation) -> Iterator[Problem]:
    if org.is_closed:
        return
    for i, source in enumerate(org.sources):
        if CLOSURE_RE.search(f"{source.title} {source.note or ''}"):
            yield _error(org, "status", f"is '{org.status}', but source {i + 1} ('{source.title}') reports a closure")


def _age(org: Organisation, on: dt.date) -> Iterator[Problem]:
    since = stale_since(org, on)
    if since == UNDATED:
        yield _warning(org, "sources", "no source for the contact details is dated", "age")
    elif since is not None:
        yield _warning(
            org, "sources", f"the newest source for the contact details is from {since}, over a year ago", "age"
        )


def _reachable(org: Organisation) -> Iterator[Problem]:
    c = org.contact
    if not org.is_closed and not (c.phones or c.email or c.website):
        yield _warning(org, "contact", "has no phone, e-mail or website at all", "reach")


def _mentions(directory: Directory) -> Iterator[Problem]:
    """'hkprobono show SLUG' written anywhere in the data must name a real organisation."""
    slugs = {o.slug for o in directory.organisations}

    def texts(obj: object, path: str) -> Iterator[tuple[str, str]]:
        if isinstance(obj, str):
            yield path, obj
        elif isinstance(obj, tuple) and hasattr(obj, "_fields"):
            for name in obj._fields:
                yield from texts(getattr(obj, name), f"{path}.{name}" if path else name)
        elif isinstance(obj, tuple):
            for i, item in enumerate(obj):
                yield from texts(item, f"{path}[{i}]")

    for field, text in texts(directory._replace(synonyms={}), ""):
        for slug in SLUG_MENTION_RE.findall(text):
            if slug not in slugs:
                yield Problem("", field, f"mentions 'hkprobono show {slug}', but no organisation has that slug")


def check(raw: RawFile, on: dt.date) -> Report:
    """Every problem: schema first, then contact syntax, sources, closures, age and reachability."""
    try:
        directory, problems = problems_in(raw)
    except HkProBonoError as exc:
        return Report(raw.name, (Problem("", "", exc.message.removeprefix(f"{raw.name}: ")),))
    found = list(problems)
    for org in directory.organisations:
        if not org.sources:
            found.append(_error(org, "sources", "every organisation needs at least one source"))
        found += [*_phones(org), *_links(org), *_closure(org), *_age(org, on), *_reachable(org)]
    found += list(_mentions(directory))
    return Report(raw.name, tuple(found))
