"""Turn a parsed directory file into typed objects, collecting every problem on the way."""

from __future__ import annotations

import re
from typing import Any

from hkprobono.freshness import DETAILS
from hkprobono.loading import refs, sections
from hkprobono.loading.tables import DATE_RE, SLUG_RE, Problem, Table, many, real_date
from hkprobono.model import (
    ACK_WARNINGS,
    CONFIRM_METHODS,
    PHONE_KINDS,
    STATUSES,
    Acknowledgement,
    Confirmation,
    Contact,
    Directory,
    Guide,
    Meta,
    Organisation,
    Phone,
    Social,
)

__all__ = ["DATE_RE", "SCHEMA_VERSION", "SLUG_RE", "build", "real_date"]  # DATE_RE and real_date: the grammar
SCHEMA_VERSION = 1


def _phone(t: Table) -> Phone | None:
    number = t.phone("number")
    kind = t.text("kind") or "voice"
    if kind not in PHONE_KINDS:
        t.problem("kind", f"'{kind}' is not one of: {', '.join(PHONE_KINDS)}")
    note = t.text("note", prose=True)
    t.finish()
    return Phone(number=number, kind=kind, note=note) if number else None


def _social(t: Table) -> Social | None:
    network = t.text("network", required=True)
    url = t.url("url")
    t.finish()
    return Social(network=network, url=url) if network else None


def _contact(t: Table) -> Contact:
    contact = Contact(
        address=t.text("address", prose=True),
        postal_address=t.text("postal_address", prose=True),
        address_note=t.text("address_note", prose=True),
        area=t.text("area"),
        districts=t.texts("districts"),
        phones=many(t, "phones", _phone),
        email=t.email("email"),
        email_note=t.text("email_note", prose=True),
        website=t.url("website"),
        other_websites=t.urls("other_websites"),
        social=many(t, "social", _social),
        hours=t.text("hours", prose=True),
        access=t.text("access", prose=True),
        languages=t.texts("languages"),
        languages_note=t.text("languages_note", prose=True),
    )
    t.finish()
    return contact


def _confirmation(t: Table) -> Confirmation | None:
    fields = t.texts("fields")
    if not fields:
        t.problem("fields", "must name at least one confirmed field")
    for name in fields:
        if name not in ORG_FIELDS:
            t.problem("fields", f"'{name}' is not a field of an organisation")
    method = t.text("method", required=True)
    if method is not None and method not in CONFIRM_METHODS:
        t.problem("method", f"'{method}' is not one of: {', '.join(CONFIRM_METHODS)}")
    by = t.text("by", required=True)
    date = t.day("date")
    note = t.text("note", prose=True)
    t.finish()
    if not (fields and method and by and date):
        return None
    return Confirmation(fields=fields, method=method, by=by, date=date, note=note)


MIN_REASON = 20  # an acknowledgement's reason must say something, not "ok"


def _acknowledgement(t: Table) -> Acknowledgement | None:
    warning = t.text("warning", required=True)
    if warning is not None and warning not in ACK_WARNINGS:
        t.problem("warning", f"'{warning}' is not one of: {', '.join(ACK_WARNINGS)}")
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


ORG_FIELDS = frozenset(
    {
        "slug", "name", "chinese_name", "alternate_names", "former_names", "status", "status_note",
        "categories", "summary", "description", "services", "information_topics", "serves",
        "memberships", "keywords", "contact", "in_source_document", "confirmations", "acknowledged",
        *Contact._fields,
    }
)  # fmt: skip


def _organisation(t: Table, categories: frozenset[str]) -> Organisation | None:
    slug = t.slug("slug", "organisation")
    name = t.text("name", required=True)
    status = t.text("status", required=True)
    if status is not None and status not in STATUSES:
        t.problem("status", f"'{status}' is not one of: {', '.join(STATUSES)}")
    cats = t.texts("categories")
    if "categories" in t.raw and not cats:
        t.problem("categories", "must name at least one category")
    elif "categories" not in t.raw:
        t.problem("categories", "is required but missing")
    for cat in cats:
        if cat not in categories:
            t.problem("categories", f"unknown category '{cat}' (known: {', '.join(sorted(categories))})")
    summary = t.text("summary", required=True, prose=True)
    sources = many(t, "sources", lambda s: sections.source(s, ORG_FIELDS))
    org = Organisation(
        slug=slug or "",
        name=name or "",
        status=status or "active",
        categories=cats,
        summary=summary or "",
        sources=sources,
        description=t.text("description", prose=True),
        chinese_name=t.text("chinese_name"),
        alternate_names=t.texts("alternate_names"),
        former_names=t.texts("former_names"),
        status_note=t.text("status_note", prose=True),
        services=t.texts("services"),
        information_topics=t.texts("information_topics"),
        serves=t.texts("serves"),
        memberships=t.texts("memberships"),
        keywords=t.texts("keywords"),
        in_source_document=t.flag("in_source_document"),
        contact=_contact(t.sub("contact")),
        confirmations=many(t, "confirmations", _confirmation),
        acknowledged=many(t, "acknowledged", _acknowledgement),
    )
    t.finish()
    # Keep a flawed entry (its problems are recorded) so one mistake does not cascade into others.
    return org if slug else None


def _duplicates(values: list[tuple[str, str]], what: str, problems: list[Problem], field: str) -> None:
    seen: set[str] = set()
    for entry, value in values:
        if value in seen:
            problems.append(Problem(entry, field, f"duplicate {what} '{value}'"))
        seen.add(value)


# A step that sends the reader to a deadline ("'hkprobono usm deadline appeal --from DATE' counts the days").
DEADLINE_MENTION_RE = re.compile(r"usm deadline ([a-z0-9]+(?:-[a-z0-9]+)*)")


def _guide_links(guide: Guide, slugs: set[str], problems: list[Problem]) -> None:
    """The guide's parts must agree: steps numbered 1 to N once each, one deadline per kind, every
    step a deadline names and every deadline a step names must exist, every helper an organisation."""
    _duplicates([(f"USM step {s.number}", str(s.number)) for s in guide.steps], "step number", problems, "number")
    _duplicates([(f"glossary term '{g.term}'", g.term.casefold()) for g in guide.glossary], "term", problems, "term")
    _duplicates([(f"deadline '{d.kind}'", d.kind) for d in guide.deadlines], "deadline kind", problems, "kind")
    count = len(guide.steps)
    numbers = {s.number for s in guide.steps}
    kinds = {d.kind for d in guide.deadlines}
    for step in guide.steps:
        where = f"USM step {step.number}"
        if not 1 <= step.number <= count:
            problems.append(
                Problem(where, "number", f"{step.number} is not between 1 and {count}, the number of steps")
            )
        for slug in step.helped_by:
            if slug not in slugs:
                problems.append(Problem(where, "helped_by", f"no organisation has the slug '{slug}'"))
        for field in ("summary", "what_to_do", "deadline", "deadline_note"):
            for kind in DEADLINE_MENTION_RE.findall(getattr(step, field) or ""):
                if kind not in kinds:
                    problems.append(
                        Problem(where, field, f"refers to the deadline '{kind}', which the guide does not have")
                    )
    for deadline in guide.deadlines:
        if deadline.step is not None and deadline.step not in numbers:
            problems.append(
                Problem(f"deadline '{deadline.kind}'", "step", f"no USM step has the number {deadline.step}")
            )


def build(raw: dict[str, Any], source_name: str = "directory.toml") -> tuple[Directory, list[Problem]]:
    """Build a Directory from a parsed TOML document. Never raises: problems are returned."""
    problems: list[Problem] = []
    top = Table(raw, "", "", problems)
    version = top.integer("schema_version", required=True)
    if version is not None and version != SCHEMA_VERSION:
        top.problem("schema_version", f"this version of hkprobono reads schema {SCHEMA_VERSION}, not {version}")

    meta_t = top.sub("meta")
    meta_t.entry = "[meta]"
    meta = Meta(
        title=meta_t.text("title", required=True) or "",
        compiled=meta_t.day("compiled") or "",
        compiled_note=meta_t.text("compiled_note", prose=True) or "",
        confirm_notice=meta_t.text("confirm_notice", required=True, prose=True) or "",
        disclaimer=meta_t.text("disclaimer", required=True, prose=True) or "",
    )
    meta_t.finish()

    categories = many(top, "categories", sections.category)
    _duplicates([(f"category '{c.id}'", c.id) for c in categories], "category id", problems, "id")
    known = frozenset(c.id for c in categories)

    orgs: list[Organisation] = []
    for index, item in top.tables("organisations"):
        org_t = top.sub("organisations", index, item)
        org_t.entry = f"organisations[{index}]"
        org_t.prefix = ""
        org = _organisation(org_t, known)
        if org is not None:
            orgs.append(org)
    if "organisations" not in top.raw:
        problems.append(Problem("", "organisations", "is required but missing"))
    _duplicates([(f"organisation '{o.slug}'", o.slug) for o in orgs], "slug", problems, "slug")

    about_t = top.sub("about")
    about_t.entry, about_t.prefix = "[about]", "about"
    about = sections.about_section(about_t)

    guide = None
    if "usm" in top.raw:
        guide_t = top.sub("usm")
        guide_t.entry, guide_t.prefix = "[usm]", "usm"
        guide = sections.guide(guide_t)
        _guide_links(guide, {o.slug for o in orgs}, problems)

    synonyms: dict[str, tuple[str, ...]] = {}
    if "synonyms" in top.raw:
        syn_t = top.sub("synonyms")
        syn_t.entry, syn_t.prefix = "[synonyms]", "synonyms"
        synonyms = sections.synonyms(syn_t)
    top.finish()

    directory = Directory(
        meta=meta,
        categories=categories,
        organisations=tuple(orgs),
        about=about,
        guide=guide,
        synonyms=synonyms,
        source_name=source_name,
        slugs=tuple(o.slug for o in orgs),
    )
    problems += refs.missing(directory)
    return directory, problems
