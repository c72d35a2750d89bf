"""`data check`: every problem in a directory file, beyond what loading needs, for its maintainers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from hkprobono.content.about import Figures, figures
from hkprobono.errors import HkProBonoError
from hkprobono.freshness import describe, stale_details
from hkprobono.loading.source import RawFile, parse
from hkprobono.loading.tables import Problem
from hkprobono.maintain.support import absence_wording, unsupported
from hkprobono.model import Acknowledgement, Directory, Organisation, Retired
from hkprobono.record import NamedTuple

# A command written into data text ("hkprobono show iss-hk"): data names what it points to in `see`.
COMMAND_RE = re.compile(r"\bhkprobono\s+[a-z][a-z-]*(?:\s+[^\s.,;:)'\"]+)?")
CLOSURE_RE = re.compile(r"\b(clos(e|ed|es|ing|ure)|dissol(ve|ved|ution)|shut(s|ting)? down|wound up)\b", re.I)


class Report(NamedTuple):
    file: str
    problems: tuple[Problem, ...]
    reach: Figures | None = None  # None when the file could not be read as a directory
    retired: tuple[tuple[str, Retired], ...] = ()  # (slug, detail recorded as gone), for the maintainers

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def acknowledged(self) -> tuple[Problem, ...]:
        """Warnings a maintainer reviewed and accepted in the data: shown, not counted by --strict."""
        return tuple(p for p in self.problems if p.severity == "acknowledged" and p.kind != "reach")

    @property
    def unreachable(self) -> tuple[Problem, ...]:
        """Every current organisation with no phone or e-mail, acknowledged or not: always listed."""
        return tuple(p for p in self.problems if p.kind == "reach")


def _error(org: Organisation, field: str, message: str) -> Problem:
    return Problem(f"organisation '{org.slug}'", field, message)


def _warning(org: Organisation, field: str, message: str, kind: str) -> Problem:
    return Problem(f"organisation '{org.slug}'", field, message, severity="warning", kind=kind)


def _closure(org: Organisation) -> Iterator[Problem]:
    if org.is_closed:
        return
    for i, source in enumerate(org.sources):
        if CLOSURE_RE.search(f"{source.title} {source.note or ''}"):
            yield _error(org, "status", f"is '{org.status}', but source {i + 1} ('{source.title}') reports a closure")


def _acknowledged(problem: Problem, ack: Acknowledgement) -> Problem:
    note = f"{problem.message} (acknowledged by {ack.by} on {ack.date}: {ack.reason})"
    return problem._replace(message=note, severity="acknowledged")


def _age(org: Organisation, on: dt.date) -> Iterator[Problem]:
    """One warning per organisation naming its old contact details (the card's rule), unless an
    acknowledgement covers every one of them."""
    old = stale_details(org, on)
    if not old:
        return
    problem = _warning(org, "contact", f"{describe(old)}: confirm with the organisation ('data confirm')", "age")
    names = {age.field for age in old}
    ack = next((a for a in org.acknowledged if a.warning == "age" and names <= set(a.fields)), None)
    yield _acknowledged(problem, ack) if ack else problem


def _reachable(directory: Directory, org: Organisation) -> Iterator[Problem]:
    """No phone or e-mail: one entry on every run. An acknowledgement says what was searched and
    when, and keeps --strict from counting it; it never hides the organisation. No way in at all
    (no phone, e-mail, website, address, route or member in the directory) stays a warning."""
    c = org.contact
    if org.is_closed or c.reachable:
        return
    members = any(org.slug in o.member_of for o in directory.organisations)
    way_in = c.website or c.addresses or c.application_process or org.reached_through or members
    what = "has no phone or e-mail" if way_in else "has no phone, e-mail, website, address or route at all"
    problem = _warning(org, "contact", what, "reach")
    ack = next((a for a in org.acknowledged if a.warning == "reach"), None)
    if ack is None:
        yield problem._replace(message=f"{what}; no search for one is recorded")
        return
    searched = problem._replace(message=f"{what}; searched: {ack.reason} ({ack.by}, {ack.date})")
    yield searched if not way_in else searched._replace(severity="acknowledged")


def _acknowledgements(org: Organisation, found: list[Problem], on: dt.date) -> Iterator[Problem]:
    """An acknowledgement must be dated no later than today and still cover a warning."""
    used = {p.kind for p in found if p.kind == "reach" or p.severity == "acknowledged"}
    for i, ack in enumerate(org.acknowledged):
        field = f"acknowledged[{i}]"
        if ack.date > on.isoformat():
            yield _error(org, f"{field}.date", f"'{ack.date}' is in the future")
        elif ack.warning not in used:
            yield _warning(
                org,
                field,
                f"matches no current '{ack.warning}' warning (it is gone, or names other details): update or remove it",
                "stale-ack",
            )


FILE_NAMES = {"guide": "usm"}  # a part of the Directory whose table in the file has another name


def _commands(directory: Directory) -> Iterator[Problem]:
    """Data text never spells a command: it would reach paper and other programs as it is written.
    What a text points to goes in its `see` list, by slug or id (loading checks that it exists)."""

    def texts(obj: object, path: str) -> Iterator[tuple[str, str]]:
        if isinstance(obj, str):
            yield path, obj
        elif isinstance(obj, tuple) and hasattr(obj, "_fields"):
            for name in obj._fields:
                field = f"{path}.{name}" if path else FILE_NAMES.get(name, name)
                yield from texts(getattr(obj, name), field)
        elif isinstance(obj, tuple):
            for i, item in enumerate(obj):
                yield from texts(item, f"{path}[{i}]")

    for field, text in texts(directory._replace(synonyms={}), ""):
        found = COMMAND_RE.search(text)
        if found:
            yield Problem(
                "", field, f"spells a command ('{found.group()}'): name it in plain words, and its slug or id in `see`"
            )


def _schema(data: dict[str, Any], loaded: list[Problem]) -> list[Problem]:
    """The schema's findings that the loader has not already named (entry and field)."""
    from hkprobono.maintain.schema import problems

    named = {(p.entry, p.field) for p in loaded}
    return [p for p in problems(data) if (p.entry, p.field) not in named]


def check(raw: RawFile, on: dt.date) -> Report:
    """Every problem: schema first, then support, absence, closures, age and reachability."""
    from hkprobono.loading.validate import build

    try:
        data = parse(raw)
    except HkProBonoError as exc:
        return Report(raw.name, (Problem("", "", exc.message.removeprefix(f"{raw.name}: ")),))
    directory, problems = build(data, raw.name)
    if any(p.field == "schema_version" for p in problems):
        return Report(raw.name, tuple(problems))  # another layout: the rest would only repeat it
    found: list[Problem] = []
    for org in directory.organisations:
        if not org.sources:
            found.append(_error(org, "sources", "every organisation needs at least one source"))
        found += [*unsupported(org), *absence_wording(org)]
        found += [
            _error(org, f"retired[{i}].date", f"'{r.date}' is in the future")
            for i, r in enumerate(org.retired)
            if r.date > on.isoformat()
        ]
        own = [*_closure(org), *_age(org, on), *_reachable(directory, org)]
        found += own + list(_acknowledgements(org, own, on))
    found += list(_commands(directory))
    everything = problems + _schema(data, problems + found) + found
    retired = tuple((org.slug, r) for org in directory.organisations for r in org.retired)
    return Report(raw.name, tuple(everything), figures(directory), retired)
