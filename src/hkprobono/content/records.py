"""The JSON of the deadlines, with stable, documented keys; every other subject keeps its JSON in
its own module, and the frame is content/jsondoc.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hkprobono.content.jsondoc import as_dict, document
from hkprobono.model import Deadline

if TYPE_CHECKING:
    from hkprobono.usm.counting import DueDate


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
