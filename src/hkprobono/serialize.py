"""Plain dictionaries for --json and the JSON export, with stable, documented keys."""

from __future__ import annotations

import dataclasses
from typing import Any

from hkprobono.model import Directory, Organisation, Step, Term
from hkprobono.search import Result

JSON_VERSION = 1


def organisation(org: Organisation) -> dict[str, Any]:
    """The organisation with the same field names as the data file; absent values are null or []."""
    return dataclasses.asdict(org)


def result(res: Result) -> dict[str, Any]:
    best = res.best
    return {
        "slug": res.org.slug,
        "name": res.org.name,
        "score": res.score,
        "status": res.org.status,
        "categories": list(res.org.categories),
        "summary": res.org.summary,
        "phones": [p.number for p in res.org.contact.voice_phones],
        "matched": {"field": best.field, "text": best.text, "term": best.term, "score": best.score},
        "matches": [dataclasses.asdict(m) for m in res.matches],
    }


def listing(directory: Directory, orgs: list[Organisation]) -> dict[str, Any]:
    return {
        "categories": [
            {
                "id": c.id,
                "label": c.label,
                "organisations": [o.slug for o in orgs if c.id in o.categories],
            }
            for c in directory.categories
        ],
        "organisations": [organisation(o) for o in orgs],
    }


def about(directory: Directory) -> dict[str, Any]:
    return {"meta": dataclasses.asdict(directory.meta), **dataclasses.asdict(directory.about)}


def step(s: Step) -> dict[str, Any]:
    return dataclasses.asdict(s)


def term(t: Term) -> dict[str, Any]:
    return dataclasses.asdict(t)


def directory(d: Directory) -> dict[str, Any]:
    """The whole directory as one document (`hkprobono export json`)."""
    return {
        "hkprobono_json_version": JSON_VERSION,
        "meta": dataclasses.asdict(d.meta),
        "categories": [dataclasses.asdict(c) for c in d.categories],
        "organisations": [organisation(o) for o in d.organisations],
        "about": dataclasses.asdict(d.about),
        "usm": dataclasses.asdict(d.guide) if d.guide else None,
        "synonyms": {k: list(v) for k, v in d.synonyms.items()},
    }
