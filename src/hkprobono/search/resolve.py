"""Resolve what a user typed after `show` or `open` to exactly one organisation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hkprobono.errors import HkProBonoError
from hkprobono.text import fold, one_line

if TYPE_CHECKING:
    from hkprobono.model import Directory, Organisation
    from hkprobono.search.engine import Index

CLEAR_LEAD = 15.0
LISTED = 10  # candidates named in an ambiguity error
SLUG_CUTOFF = 85.0


def _unique(indexes: list[int]) -> list[int]:
    return list(dict.fromkeys(indexes))


def exact(directory: Directory, query: str) -> Organisation | None:
    """The organisation whose slug the query is. A slug always names its own organisation, so
    `show SLUG` needs no search index (nor rapidfuzz) at all."""
    return directory.by_slug(fold(query).strip())


def candidates(index: Index, query: str) -> list[Organisation]:
    """Every organisation the query names: by slug or name, then by prefix, then by search.

    Works on the index's prepared names, so only the organisations returned are ever built."""
    q = fold(query).strip()
    if not q:
        return []
    found = _unique([index.name_orgs[j] for j, name in enumerate(index.names) if name == q])
    if not found:
        found = _unique([index.name_orgs[j] for j, name in enumerate(index.names) if name.startswith(q)])
    if found:
        return [index.orgs[i] for i in found]
    results = index.search(query, include_closed=True)
    # A clear winner ("justise centre") is what was meant; close scores stay ambiguous. So is
    # the best match when it is the one slug a slug-like query nearly is ("refugee-uion").
    if len(results) > 1 and results[0].score - results[1].score >= CLEAR_LEAD:
        return [results[0].org]
    if results and _near_slugs(index, q) == [results[0].org.slug]:
        return [results[0].org]
    return [r.org for r in results]


def pick(index: Index, query: str, found: list[Organisation], *, first: bool = False) -> Organisation:
    """The one organisation among `found`, the best with `first`, else an error that says why."""
    if len(found) == 1 or (found and first):
        return found[0]
    shown = one_line(query)
    if found:
        # The count said is the count listed: every slug, or the best LISTED and how many more.
        listed = ", ".join(o.slug for o in found[:LISTED])
        more = f" and {len(found) - LISTED} more" if len(found) > LISTED else ""
        raise HkProBonoError(
            f"'{shown}' matches {len(found)} organisations: {listed}{more}",
            hint=_near_hint(index, query) + "name one slug, or take the best match",
            see=("option", "first"),
        )
    raise HkProBonoError(f"no organisation called '{shown}'", hint=_did_you_mean(index, query), see=("org", ""))


def _near_slugs(index: Index, q: str) -> list[str]:
    """Slugs one or two slips away from a slug-like query (one word, no spaces)."""
    if " " in q or len(q) < 4:
        return []
    from rapidfuzz import fuzz, process

    near = process.extract(q, index.slugs, scorer=fuzz.ratio, score_cutoff=SLUG_CUTOFF, limit=3)
    return [slug for slug, _, _ in near]


def _near_hint(index: Index, query: str) -> str:
    near = _near_slugs(index, fold(query).strip())
    return f"did you mean {' or '.join(near)}? " if near else ""


def _did_you_mean(index: Index, query: str) -> str:
    from rapidfuzz import fuzz, process

    near = process.extract(fold(query), index.names, scorer=fuzz.WRatio, limit=10, score_cutoff=70)
    slugs = _near_slugs(index, fold(query).strip())
    slugs = list(dict.fromkeys([*slugs, *(index.slugs[index.name_orgs[pos]] for _, _, pos in near)]))
    if slugs:
        return "did you mean: " + ", ".join(slugs[:3]) + "? Every slug"
    return "every organisation and its slug"
