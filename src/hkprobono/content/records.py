"""Plain dictionaries for --json and the JSON export, with stable, documented keys.

Every --json document is an object that starts with `hkprobono_json_version`; the README documents
each shape, and the CHANGELOG every change of one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hkprobono.model import Deadline, Directory, Guide, Organisation, Step, Term

if TYPE_CHECKING:  # search loads rapidfuzz, which only searches need
    from hkprobono.search.engine import Result
    from hkprobono.usm.counting import DueDate

JSON_VERSION = 3  # 3: schema 2 of the data file (locations, HSDS phone and application_process names)
VERSION_KEY = "hkprobono_json_version"


def document(**parts: Any) -> dict[str, Any]:
    return {VERSION_KEY: JSON_VERSION, **parts}


def as_dict(obj: Any) -> Any:
    """A NamedTuple (and everything in it) as plain JSON-ready values, keeping field names."""
    if isinstance(obj, tuple) and hasattr(obj, "_asdict"):
        return {key: as_dict(value) for key, value in obj._asdict().items()}
    if isinstance(obj, (tuple, list)):
        return [as_dict(item) for item in obj]
    if isinstance(obj, dict):
        return {key: as_dict(value) for key, value in obj.items()}
    return obj


def organisation(org: Organisation) -> dict[str, Any]:
    """The organisation with the same field names as the data file; absent values are null or []."""
    data: dict[str, Any] = as_dict(org)
    return data


def result(res: Result) -> dict[str, Any]:
    best = res.best
    return {
        "kind": "org",
        "slug": res.org.slug,
        "name": res.org.name,
        "score": res.score,
        "status": res.org.status,
        "categories": list(res.org.categories),
        "summary": res.org.summary,
        "phones": [p.number for p in res.org.contact.voice_phones],
        "matched": {"field": best.field, "text": best.text, "term": best.term, "score": best.score},
        "matches": [as_dict(m) for m in res.matches],
    }


def shown(org: Organisation) -> dict[str, Any]:
    return document(organisation=organisation(org))


def listing(directory: Directory, orgs: list[Organisation]) -> dict[str, Any]:
    return document(
        categories=[
            {"id": c.id, "label": c.label, "organisations": [o.slug for o in orgs if c.id in o.categories]}
            for c in directory.categories
        ],
        organisations=[organisation(o) for o in orgs],
    )


def overview(guide: Guide) -> dict[str, Any]:
    return document(overview=list(guide.overview), sources=as_dict(guide.sources))


def steps(items: tuple[Step, ...] | list[Step]) -> dict[str, Any]:
    return document(steps=[as_dict(s) for s in items])


def step(s: Step) -> dict[str, Any]:
    return document(step=as_dict(s))


def terms(items: list[Term]) -> dict[str, Any]:
    return document(terms=[as_dict(t) for t in items])


def directory(d: Directory) -> dict[str, Any]:
    """The whole directory as one document (`hkprobono export json`)."""
    return document(
        meta=as_dict(d.meta),
        categories=[as_dict(c) for c in d.categories],
        organisations=[organisation(o) for o in d.organisations],
        about=as_dict(d.about),
        usm=as_dict(d.guide) if d.guide else None,
        synonyms={k: list(v) for k, v in d.synonyms.items()},
    )


def deadlines(items: tuple[Deadline, ...]) -> dict[str, Any]:
    """`hkprobono usm deadlines --json`: each deadline as the data file has it, plus `computable`."""
    from hkprobono.usm.counting import CAVEAT, FIRST_YEAR, LAST_YEAR, computable

    return document(
        deadlines=[{**as_dict(d), "computable": computable(d)} for d in items],
        holiday_years=[FIRST_YEAR, LAST_YEAR],
        caveat=CAVEAT,
    )


def due_date(result: DueDate) -> dict[str, Any]:
    """`hkprobono usm deadline KIND --from DATE --json`."""
    import calendar

    deadline = result.deadline
    return document(
        kind=deadline.kind,
        title=deadline.title,
        **{"from": result.start.isoformat()},
        due=result.due.isoformat(),
        due_weekday=calendar.day_name[result.due.weekday()],
        period=result.period,
        starts=deadline.starts,
        rule=result.rule,
        moved=[{"date": m.day.isoformat(), "why": m.why} for m in result.moved],
        closed_days=[day.isoformat() for day in result.closed_days],
        if_missed=deadline.if_missed,
        sources=[as_dict(s) for s in result.sources],
        caveat=result.caveat,
        note=result.note,
    )
