"""The JSON of the guide's pages, the deadlines and the whole-directory export, with stable,
documented keys. Search, the card, the list and the districts keep theirs in their own subject
modules (content/search.py, card.py, directory.py); the frame is content/jsondoc.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hkprobono.content.jsondoc import as_dict, document
from hkprobono.model import Deadline, Directory, Guide, Step, Term

if TYPE_CHECKING:
    from hkprobono.usm.counting import DueDate


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
    from hkprobono.content.card import organisation  # the card's JSON; only this export needs it here

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
