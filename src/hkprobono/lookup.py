"""Resolve what a user typed after `show` to exactly one organisation."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from hkprobono.errors import HkProBonoError
from hkprobono.model import Directory, Organisation
from hkprobono.search import Index
from hkprobono.text import fold, one_line

CLEAR_LEAD = 15.0


def candidates(directory: Directory, query: str) -> list[Organisation]:
    """Every organisation the query names: by slug, by name, then by unique prefix, then by search."""
    q = fold(query).strip()
    if not q:
        return []
    orgs = directory.organisations
    exact = [o for o in orgs if o.slug == q or q in (fold(n) for n in o.all_names)]
    if exact:
        return exact
    prefixed = [o for o in orgs if o.slug.startswith(q) or any(fold(n).startswith(q) for n in o.all_names)]
    if prefixed:
        return prefixed
    found = Index(directory).search(query, include_closed=True)
    # A clear winner ("justise centre") is what was meant; close scores stay ambiguous.
    if len(found) > 1 and found[0].score - found[1].score >= CLEAR_LEAD:
        return [found[0].org]
    return [r.org for r in found]


def resolve(directory: Directory, query: str, *, first: bool = False) -> Organisation:
    """One organisation, or an HkProBonoError (exit 2) with 'did you mean' suggestions."""
    found = candidates(directory, query)
    if len(found) == 1 or (found and first):
        return found[0]
    shown = one_line(query)
    if found:
        listed = ", ".join(o.slug for o in found[:8])
        raise HkProBonoError(
            f"'{shown}' matches {len(found)} organisations: {listed}",
            hint="name one slug, or add --first to take the best match",
        )
    raise HkProBonoError(f"no organisation called '{shown}'", hint=_did_you_mean(directory, query))


def _did_you_mean(directory: Directory, query: str) -> str:
    choices = {o.slug: o.slug for o in directory.organisations}
    choices.update({fold(n): o.slug for o in directory.organisations for n in o.all_names})
    near = process.extract(fold(query), list(choices), scorer=fuzz.WRatio, limit=10, score_cutoff=70)
    slugs: list[str] = []
    for name, _, _ in near:
        if choices[name] not in slugs:
            slugs.append(choices[name])
    if slugs:
        return "did you mean: " + ", ".join(slugs[:3]) + "?  ('hkprobono list' shows every slug)"
    return "'hkprobono list' shows every organisation and its slug"
