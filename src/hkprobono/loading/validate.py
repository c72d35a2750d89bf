"""Turn a parsed directory file into typed objects, collecting every problem on the way."""

from __future__ import annotations

import re
from typing import Any

from hkprobono.loading.tables import Problem, Table, many
from hkprobono.model import (
    CONFIRM_METHODS,
    PHONE_KINDS,
    STATUSES,
    About,
    Category,
    Confirmation,
    Contact,
    Deadline,
    Directory,
    Fact,
    Guide,
    Meta,
    Organisation,
    Phone,
    Resource,
    Social,
    Source,
    Step,
    Term,
)

SCHEMA_VERSION = 1
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_RE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
STAGES = ("procedure", "throughout")
YEARS = range(1900, 2101)


def real_date(text: str, *, full: bool = False) -> bool:
    """A date of the form YYYY, YYYY-MM or YYYY-MM-DD (only the last with `full`) that is on the
    calendar ("2023-02-31" is not) and in a sane range of years."""
    if not (FULL_DATE_RE if full else DATE_RE).match(text):
        return False
    import datetime as dt

    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return parts[0] in YEARS


def _source(t: Table, known_fields: frozenset[str] | None = None) -> Source | None:
    title = t.text("title", required=True)
    url = t.text("url", required=True)
    date = t.text("date")
    if date is not None and not real_date(date):
        t.problem("date", f"'{date}' is not a real date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        date = None
    fields = t.texts("fields")
    if known_fields is not None:
        for name in fields:
            if name not in known_fields:
                t.problem("fields", f"'{name}' is not a field of an organisation")
    note = t.text("note")
    t.finish()
    if title is None or url is None:
        return None
    return Source(title=title, url=url, date=date, fields=fields, note=note)


def _phone(t: Table) -> Phone | None:
    number = t.text("number", required=True)
    kind = t.text("kind") or "voice"
    if kind not in PHONE_KINDS:
        t.problem("kind", f"'{kind}' is not one of: {', '.join(PHONE_KINDS)}")
    note = t.text("note")
    t.finish()
    return Phone(number=number, kind=kind, note=note) if number else None


def _social(t: Table) -> Social | None:
    network = t.text("network", required=True)
    url = t.text("url")
    t.finish()
    return Social(network=network, url=url) if network else None


def _contact(t: Table) -> Contact:
    contact = Contact(
        address=t.text("address"),
        postal_address=t.text("postal_address"),
        address_note=t.text("address_note"),
        area=t.text("area"),
        districts=t.texts("districts"),
        phones=many(t, "phones", _phone),
        email=t.text("email"),
        email_note=t.text("email_note"),
        website=t.text("website"),
        other_websites=t.texts("other_websites"),
        social=many(t, "social", _social),
        hours=t.text("hours"),
        access=t.text("access"),
        languages=t.texts("languages"),
        languages_note=t.text("languages_note"),
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
    date = t.text("date", required=True)
    if date is not None and not real_date(date, full=True):
        t.problem("date", f"'{date}' is not a date of the form YYYY-MM-DD")
    note = t.text("note")
    t.finish()
    if not (fields and method and by and date):
        return None
    return Confirmation(fields=fields, method=method, by=by, date=date, note=note)


ORG_FIELDS = frozenset(
    {
        "slug", "name", "chinese_name", "alternate_names", "former_names", "status", "status_note",
        "categories", "summary", "description", "services", "information_topics", "serves",
        "memberships", "keywords", "contact", "in_source_document", "confirmations",
        *Contact._fields,
    }
)  # fmt: skip


def _organisation(t: Table, categories: frozenset[str]) -> Organisation | None:
    slug = t.text("slug", required=True)
    if slug is not None:
        t.entry = f"organisation '{slug}'"
        if not SLUG_RE.match(slug):
            t.problem("slug", f"'{slug}' must be lower-case letters, digits and single hyphens")
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
    summary = t.text("summary", required=True)
    sources = many(t, "sources", lambda s: _source(s, ORG_FIELDS))
    org = Organisation(
        slug=slug or "",
        name=name or "",
        status=status or "active",
        categories=cats,
        summary=summary or "",
        sources=sources,
        description=t.text("description"),
        chinese_name=t.text("chinese_name"),
        alternate_names=t.texts("alternate_names"),
        former_names=t.texts("former_names"),
        status_note=t.text("status_note"),
        services=t.texts("services"),
        information_topics=t.texts("information_topics"),
        serves=t.texts("serves"),
        memberships=t.texts("memberships"),
        keywords=t.texts("keywords"),
        in_source_document=t.flag("in_source_document"),
        contact=_contact(t.sub("contact")),
        confirmations=many(t, "confirmations", _confirmation),
    )
    t.finish()
    # Keep a flawed entry (its problems are recorded) so one mistake does not cascade into others.
    return org if slug else None


def _category(t: Table) -> Category | None:
    cid = t.text("id", required=True)
    if cid is not None:
        t.entry = f"category '{cid}'"
    label = t.text("label", required=True)
    description = t.text("description")
    t.finish()
    return Category(cid, label, description) if cid and label else None


def _fact(t: Table) -> Fact | None:
    text = t.text("text", required=True)
    fact = Fact(text=text or "", sources=many(t, "sources", _source), topic=t.text("topic"))
    t.finish()
    return fact if text else None


def _resource(t: Table) -> Resource | None:
    title = t.text("title", required=True)
    description = t.text("description", required=True)
    url = t.text("url")
    t.finish()
    return Resource(title, description, url) if title and description else None


def _about(t: Table) -> About:
    about = About(
        intro=t.text("intro", required=True) or "",
        facts=many(t, "facts", _fact),
        resources=many(t, "resources", _resource),
        statistics=many(t, "statistics", _fact),
    )
    t.finish()
    return about


def _step(t: Table) -> Step | None:
    number = t.integer("number", required=True)
    if number is not None:
        t.entry = f"USM step {number}"
    title = t.text("title", required=True)
    summary = t.text("summary", required=True)
    what_to_do = t.text("what_to_do", required=True)
    stage = t.text("stage") or "procedure"
    if stage not in STAGES:
        t.problem("stage", f"'{stage}' is not one of: {', '.join(STAGES)}")
    sources = many(t, "sources", _source)
    if not sources:
        t.problem("sources", "every step needs at least one source")
    step = Step(
        number=number or 0,
        title=title or "",
        summary=summary or "",
        what_to_do=what_to_do or "",
        sources=sources,
        stage=stage,
        deadline=t.text("deadline"),
        deadline_note=t.text("deadline_note"),
        helped_by=t.texts("helped_by"),
    )
    t.finish()
    return step if number and title and summary and what_to_do else None


def _term(t: Table) -> Term | None:
    term = t.text("term", required=True)
    if term is not None:
        t.entry = f"glossary term '{term}'"
    meaning = t.text("meaning", required=True)
    result = Term(term or "", meaning or "", t.text("explanation"), many(t, "sources", _source))
    t.finish()
    return result if term and meaning else None


UNITS = ("days", "months")


def _deadline(t: Table) -> Deadline | None:
    kind = t.text("kind", required=True)
    if kind is not None:
        t.entry = f"deadline '{kind}'"
        if not SLUG_RE.match(kind):
            t.problem("kind", f"'{kind}' must be lower-case letters, digits and single hyphens")
    title = t.text("title", required=True)
    starts = t.text("starts", required=True)
    if_missed = t.text("if_missed", required=True)
    period = t.integer("period")
    unit = t.text("unit")
    if (period is None) != (unit is None):
        t.problem("period", "period and unit go together: both or neither")
    if period is not None and not 0 < period <= 120:
        t.problem("period", f"{period} is not a period between 1 and 120")
    if unit is not None and unit not in UNITS:
        t.problem("unit", f"'{unit}' is not one of: {', '.join(UNITS)}")
    sources = many(t, "sources", _source)
    if not sources:
        t.problem("sources", "every deadline needs at least one source")
    deadline = Deadline(
        kind=kind or "",
        title=title or "",
        starts=starts or "",
        if_missed=if_missed or "",
        sources=sources,
        period=period,
        unit=unit,
        court_office=t.flag("court_office"),
        step=t.integer("step"),
        note=t.text("note"),
    )
    t.finish()
    return deadline if kind and title and starts and if_missed else None


def _guide(t: Table) -> Guide:
    guide = Guide(
        overview=t.texts("overview"),
        steps=many(t, "steps", _step),
        glossary=many(t, "glossary", _term),
        sources=many(t, "sources", _source),
        deadlines=many(t, "deadlines", _deadline),
    )
    t.finish()
    return guide


def _synonyms(t: Table) -> dict[str, tuple[str, ...]]:
    result: dict[str, tuple[str, ...]] = {}
    for word in list(t.raw):
        targets = t.texts(word)
        if targets:
            result[word.casefold()] = targets
    return result


def _duplicates(values: list[tuple[str, str]], what: str, problems: list[Problem], field: str) -> None:
    seen: set[str] = set()
    for entry, value in values:
        if value in seen:
            problems.append(Problem(entry, field, f"duplicate {what} '{value}'"))
        seen.add(value)


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
        compiled=meta_t.text("compiled", required=True) or "",
        compiled_note=meta_t.text("compiled_note") or "",
        confirm_notice=meta_t.text("confirm_notice", required=True) or "",
        disclaimer=meta_t.text("disclaimer", required=True) or "",
    )
    if meta.compiled and not real_date(meta.compiled, full=True):
        meta_t.problem("compiled", f"'{meta.compiled}' is not a date of the form YYYY-MM-DD")
    meta_t.finish()

    categories = many(top, "categories", _category)
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
    about = _about(about_t)

    guide = None
    if "usm" in top.raw:
        guide_t = top.sub("usm")
        guide_t.entry, guide_t.prefix = "[usm]", "usm"
        guide = _guide(guide_t)
        _duplicates([(f"USM step {s.number}", str(s.number)) for s in guide.steps], "step number", problems, "number")
        _duplicates(
            [(f"glossary term '{g.term}'", g.term.casefold()) for g in guide.glossary],
            "term",
            problems,
            "term",
        )
        slugs = {o.slug for o in orgs}
        for step in guide.steps:
            for slug in step.helped_by:
                if slug not in slugs:
                    problems.append(
                        Problem(f"USM step {step.number}", "helped_by", f"no organisation has the slug '{slug}'")
                    )

    synonyms: dict[str, tuple[str, ...]] = {}
    if "synonyms" in top.raw:
        syn_t = top.sub("synonyms")
        syn_t.entry, syn_t.prefix = "[synonyms]", "synonyms"
        synonyms = _synonyms(syn_t)
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
    return directory, problems
