"""What `usm deadlines` and `usm deadline KIND --from DATE` say.

Renderers lay these out; the counting itself is in hkprobono.usm.counting."""

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from hkprobono.content.sources import source_line
from hkprobono.model import Deadline

# For the terminal only: a calendar file or JSON never tells its reader to run a command.
COUNT_AGAIN = "To count again with such a day: add --closed-day DATE (as often as needed)."

if TYPE_CHECKING:
    from hkprobono.usm.counting import DueDate

NO_PERIOD = "No period that a source states: no date is computed."


class DeadlineItem(NamedTuple):
    kind: str
    title: str
    period: str  # "14 days", or NO_PERIOD
    starts: str
    if_missed: str
    note: str | None
    step: int | None
    command: str | None  # how to count it, when a date can be computed
    sources: tuple[str, ...]


class DeadlinesView(NamedTuple):
    items: tuple[DeadlineItem, ...]
    notes: tuple[str, ...]

    @property
    def kind(self) -> str:
        return "deadlines"


class DueDateView(NamedTuple):
    headline: str  # the due date and its weekday, first
    title: str
    counted: str
    moved: tuple[str, ...]  # each day that moved the date, and why
    starts: str
    rule: str
    if_missed: str
    sources: tuple[str, ...]
    advice: tuple[str, ...]

    @property
    def kind(self) -> str:
        return "due_date"


def long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def item(deadline: Deadline, on: dt.date) -> DeadlineItem:
    from hkprobono.usm.counting import computable, period_text

    command = f"hkprobono usm deadline {deadline.kind} --from DATE" if computable(deadline) else None
    return DeadlineItem(
        kind=deadline.kind,
        title=deadline.title,
        period=period_text(deadline) or NO_PERIOD,
        starts=deadline.starts,
        if_missed=deadline.if_missed,
        note=deadline.note,
        step=deadline.step,
        command=command,
        sources=tuple(source_line(s, on) for s in deadline.sources),
    )


def listing(found: tuple[Deadline, ...], on: dt.date) -> DeadlinesView:
    from hkprobono.usm.counting import CAVEAT, FIRST_YEAR, LAST_YEAR, WARNING_DAYS_NOTE

    notes = (
        CAVEAT,
        f"Dates are counted for {FIRST_YEAR} to {LAST_YEAR} only: the years whose Hong Kong general holidays "
        "were checked, 2026 against the government's own list and the others against published lists.",
        WARNING_DAYS_NOTE,
        COUNT_AGAIN,
    )
    return DeadlinesView(tuple(item(d, on) for d in found), notes)


def due_date(result: "DueDate", on: dt.date) -> DueDateView:
    from hkprobono.usm.counting import ADVICE, NOT_ADVICE

    deadline = result.deadline
    return DueDateView(
        headline=f"Last day: {long_date(result.due)}",
        title=deadline.title,
        counted=f"{result.period} from {long_date(result.start)} (that day itself is not counted)",
        moved=tuple(f"{m.day:%a} {m.day.day} {m.day:%b %Y}: {m.why}" for m in result.moved),
        starts=deadline.starts,
        rule=result.rule,
        if_missed=deadline.if_missed,
        sources=tuple(source_line(s, on) for s in result.sources),
        advice=(ADVICE, NOT_ADVICE, result.note, COUNT_AGAIN),
    )
