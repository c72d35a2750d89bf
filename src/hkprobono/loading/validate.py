"""Turn a parsed directory file into typed objects, collecting every problem on the way."""

from __future__ import annotations

import re
from typing import Any

from hkprobono.loading import refs, sections
from hkprobono.loading.organisations import organisation
from hkprobono.loading.tables import DATE_RE, SLUG_RE, Problem, Table, many, real_date
from hkprobono.model import About, Directory, Guide, Meta, Organisation

__all__ = ["DATE_RE", "SCHEMA_VERSION", "SLUG_RE", "build", "real_date"]  # DATE_RE and real_date: the grammar
SCHEMA_VERSION = 2
UPGRADE_HINT = "an older layout, which the upgrade of data fmt rewrites in schema {new} (on a copy first, if you like)"


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
        older = version < SCHEMA_VERSION
        hint = f": {UPGRADE_HINT.format(new=SCHEMA_VERSION)}" if older else ""
        message = f"this version of hkprobono reads schema {SCHEMA_VERSION}, not {version}{hint}"
        problems.append(Problem("", "schema_version", message, kind="upgrade" if older else "schema"))
        return _empty(source_name), problems

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
        org = organisation(org_t, known)
        if org is not None:
            orgs.append(org)
    if "organisations" not in top.raw:
        problems.append(Problem("", "organisations", "is required but missing"))
    _duplicates([(f"organisation '{o.slug}'", o.slug) for o in orgs], "slug", problems, "slug")
    problems += _references(orgs)

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


def _references(orgs: list[Organisation]) -> list[Problem]:
    """Organisations name each other by slug (`member_of`, `reached_through`): each must exist."""
    slugs = {o.slug for o in orgs}
    found = []
    for org in orgs:
        for field in ("member_of", "reached_through"):
            for slug in getattr(org, field):
                if slug == org.slug:
                    found.append(Problem(f"organisation '{org.slug}'", field, "names the organisation itself"))
                elif slug not in slugs:
                    found.append(Problem(f"organisation '{org.slug}'", field, f"no organisation has the slug '{slug}'"))
    return found


def _empty(source_name: str) -> Directory:
    return Directory(Meta("", "", "", "", ""), (), (), About(""), None, {}, source_name)
