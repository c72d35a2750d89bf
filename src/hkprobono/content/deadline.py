"""The deadline subject: what `usm deadlines` and `usm deadline KIND --from DATE` say, in every form.

A count is one result (`Count`: the computed `DueDate`, the day it was counted on, who can help).
Everything a reader sees of it is derived here and only here: the terminal and plain view
(`due_date`), the --json record (`record`) and the words of the calendar event (`event`, which
export/ics.py only lays out). Every date is worded by `long_date`.

Views carry typed rows: a renderer styles a row by its `tone`, never by its words, and a row that
points to a command carries a `Ref` (or an option name as one) that only the renderer spells, and
only where its reader can run a command. JSON and the calendar file never carry one."""

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from hkprobono.content.abbreviations import FirstUse
from hkprobono.content.jsondoc import as_dict, document
from hkprobono.content.sources import source_line
from hkprobono.content.words import NO_REACH, status_word, with_status
from hkprobono.errors import EXIT_USAGE, HkProBonoError
from hkprobono.model import Deadline, Directory, Ref, Source
from hkprobono.record import NamedTuple
from hkprobono.text import one_line

if TYPE_CHECKING:
    from hkprobono.usm.counting import DueDate

# How a row matters, the renderer's only clue for its style: the last day, the days left, a
# passed date and what to do about it, a warning, ordinary text, advice, a note in small print.
Tone = Literal["date", "left", "late", "warn", "plain", "advice", "quiet"]

NO_PERIOD = "No period that a source states: no date is computed."
MOVED_BY = "Moved by"
DECIDING_CATEGORY = "government"  # a body that decides claims is not listed as help
LABEL_MAX = 40  # a client reference, not a note: long text belongs in the caseworker's own records
REMINDER_DAYS = (7, 2, 0)  # days before the last day
REMINDER_HOUR = 9  # local time: a reminder at midnight is a reminder nobody sees


class Item(NamedTuple):
    text: str
    ref: Ref | None = None  # what it names, for a renderer that can spell a command after it


class Row(NamedTuple):
    """One labelled line of a deadline view. `label` "" is a line of its own. A row with a `ref` is
    the command itself: a renderer that cannot spell one leaves the whole row out."""

    label: str
    text: str = ""
    tone: Tone = "plain"
    items: tuple[Item, ...] = ()
    ref: Ref | None = None


class DeadlineEntry(NamedTuple):
    kind: str
    heading: str
    rows: tuple[Row, ...]


class DeadlinesView(NamedTuple):
    items: tuple[DeadlineEntry, ...]
    notes: tuple[Row, ...]

    @property
    def kind(self) -> str:
        return "deadlines"


class DueDateView(NamedTuple):
    """Groups of rows, a blank line between them. The first group is what a reader must see first:
    the last day and the days left, and when it has passed, what to do now and who can help."""

    groups: tuple[tuple[Row, ...], ...]

    @property
    def kind(self) -> str:
        return "due_date"


class Count(NamedTuple):
    """`usm deadline`'s one result: every view, the JSON and the calendar file come from it."""

    result: "DueDate"
    today: dt.date
    helpers: tuple[Item, ...]  # "Name (status): phone", naming the organisation

    @property
    def days_left(self) -> int:
        return (self.result.due - self.today).days

    @property
    def passed(self) -> bool:
        return self.days_left < 0


class Reminder(NamedTuple):
    days_before: int
    text: str


class CalendarEvent(NamedTuple):
    """What the calendar file says; `key` identifies the event for a stable UID, or is None for a
    new event per file."""

    day: dt.date
    summary: str
    description: str
    reminders: tuple[Reminder, ...]
    hour: int
    key: str | None


def long_date(day: dt.date) -> str:
    """ "Friday 4 December 2026": the one way the deadline views and the calendar file word a date."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_title(deadline: Deadline) -> str:
    """The deadline's title without what it concerns: "notice of appeal" for "Notice of appeal to the
    Torture Claims Appeal Board", so that a calendar on a shared phone says nothing more."""
    title = one_line(deadline.title)
    for cut in (" to the ", " ("):
        title = title.split(cut, 1)[0]
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


# --- who can help ----------------------------------------------------------------------------------
def helpers(directory: Directory, deadline: Deadline) -> tuple[Item, ...]:
    """The organisations the guide names at this deadline's step, but the bodies that decide: each
    with its status, and its phone, else its e-mail, else a plain "no phone or e-mail found"."""
    step = next((s for s in directory.guide.steps if s.number == deadline.step), None) if directory.guide else None
    found = []
    for slug in step.helped_by if step else ():
        org = directory.by_slug(slug)
        if org is None or DECIDING_CATEGORY in org.categories or org.is_closed:
            continue
        reach = org.contact.first_phone or org.contact.email or NO_REACH
        found.append(Item(f"{with_status(org.name, status_word(org))}: {reach}", Ref("org", slug)))
    return tuple(found)


def count(result: "DueDate", today: dt.date, directory: Directory) -> Count:
    return Count(result, today, helpers(directory, result.deadline))


# --- usm deadline: the view --------------------------------------------------------------------------
def left_text(days_left: int, today: dt.date) -> str:
    if days_left == 0:
        return f"Today, {long_date(today)}, is the last day."
    if days_left > 0:
        return f"{days_left} day{'s' if days_left > 1 else ''} left; today is {long_date(today)}."
    ago = -days_left
    return f"Passed {ago} day{'s' if ago > 1 else ''} ago; today is {long_date(today)}."


def _closed_day_hint(deadline: Deadline) -> str:
    """When to count again with a day added, as the rule for this kind of act states it."""
    if deadline.court_office:
        return "If the court office was closed on the last day, count again with that day added:"
    return "If a gale or black rainstorm warning was in force on the last day, count again with that day added:"


def _saturday(result: "DueDate") -> Row | None:
    """For an act not done at a court office, a Saturday last day stands; file on the day before."""
    if result.deadline.court_office or result.due.weekday() != 5:  # 5: Saturday
        return None
    by = f"{long_date(result.file_by)}, the working day before" if result.file_by else "the working day before"
    return Row(
        "File by",
        f"{by}. {long_date(result.due)} is the last day: a Saturday that is not a general holiday does not move "
        "it (Cap. 1 s.71(1)(b)), but no source found says whether a filing can be made on a Saturday.",
        "warn",
    )


def _source_text(source: Source, on: dt.date | None) -> str:
    """With its age on `on`; with its date alone for a file kept after today (a calendar)."""
    if on is not None:
        return source_line(source, on)
    return " ".join(filter(None, (f"{source.title} ({source.date or 'undated'}) {source.url}", source.note)))


def _rows(found: Count, on: dt.date | None) -> tuple[tuple[Row, ...], ...]:
    from hkprobono.usm.counting import ADVICE, NOT_ADVICE

    result, deadline = found.result, found.result.deadline
    first = [
        Row("", f"Last day: {long_date(result.due)}", "date"),
        Row("", left_text(found.days_left, found.today), "late" if found.passed else "left"),
    ]
    if deadline.urgency and not found.passed:  # "apply promptly": part of the rule, said with the date
        first.append(Row("", deadline.urgency, "warn"))
    late = Row("Filing late" if found.passed else "If missed", deadline.if_missed, "late" if found.passed else "warn")
    help_row = Row("Who can help", items=found.helpers) if found.helpers else None
    if found.passed:
        first += [late, *([help_row] if help_row else [])]
    counted = Row(
        "", f"{deadline.title}: {result.period} from {long_date(result.start)} (that day itself is not counted)"
    )
    moved = (
        Row(MOVED_BY, items=tuple(Item(f"{long_date(m.day)}: {m.why}") for m in result.moved))
        if result.moved
        else Row(MOVED_BY, "no day")
    )
    what = [counted, moved, *filter(None, [_saturday(result)])]
    if not found.passed:
        what.append(Row("", ADVICE, "advice"))
    details = [Row("Clock starts", deadline.starts), Row("How counted", result.rule)]
    if not found.passed:
        details += [late, *([help_row] if help_row else [])]
    details.append(Row("Sources", items=tuple(Item(_source_text(s, on)) for s in result.sources)))
    closing = (
        Row("", NOT_ADVICE, "advice"),
        Row("", result.note, "quiet"),
        Row("", _closed_day_hint(deadline), "quiet", ref=Ref("option", "closed-day")),
    )
    return _spelled((tuple(first), tuple(what), tuple(details), closing))


def _spelled(groups: tuple[tuple[Row, ...], ...]) -> tuple[tuple[Row, ...], ...]:
    """The rows' own text as one view reads it: each abbreviation spelled out where first used.
    Listed items (organisations, days, sources) are names and stay as they are."""
    reader = FirstUse()
    return tuple(tuple(row._replace(text=reader(row.text)) for row in group) for group in groups)


def due_date(found: Count, on: dt.date) -> DueDateView:
    return DueDateView(_rows(found, on))


def brief(found: Count) -> tuple[Row, ...]:
    """What a client's handout says of the count, in the view's own rows: the first group (the last
    day, the days left, and when passed the late-filing rule and who can help), then what the act is
    and what to do (the Saturday advice, filing early), with the days that moved the last day when
    any did (else the date would seem miscounted). The rest of how it was counted stays with the view."""
    first, what, *_ = _rows(found, found.today)
    return (*first, *(row for row in what if row.label != MOVED_BY or found.result.moved))


def text_lines(rows: Iterable[Row]) -> list[str]:
    """Rows as plain text, a line each ("Label: text"), a row's items as "- item" lines under it."""
    lines: list[str] = []
    for row in rows:
        if row.items:
            lines.append(f"{row.label}:")
            lines += [f"- {one_line(item.text)}" for item in row.items]
        else:
            lines.append(f"{row.label}: {one_line(row.text)}" if row.label else one_line(row.text))
    return lines


def late_message(found: Count) -> HkProBonoError:
    """Why a calendar file is not written for a passed date, and what to do instead."""
    days = -found.days_left
    helped = "; ".join(h.text for h in found.helpers)
    return HkProBonoError(
        f"the last day, {long_date(found.result.due)}, passed {days} day{'s' if days > 1 else ''} ago, so no calendar "
        "file was written",
        exit_code=EXIT_USAGE,
        hint=f"Filing late: {one_line(FirstUse()(found.result.deadline.if_missed))}"
        + (f" Who can help: {helped}." if helped else ""),
    )


# --- usm deadline --json ---------------------------------------------------------------------------
def record(found: Count) -> dict[str, Any]:
    """`hkprobono usm deadline KIND --from DATE --json`."""
    result, deadline = found.result, found.result.deadline
    return document(
        kind=deadline.kind,
        title=deadline.title,
        **{"from": result.start.isoformat()},
        due=result.due.isoformat(),
        due_weekday=f"{result.due:%A}",
        today=found.today.isoformat(),
        days_left=found.days_left,
        period=result.period,
        starts=deadline.starts,
        rule=result.rule,
        moved=[{"date": m.day.isoformat(), "why": m.why} for m in result.moved],
        closed_days=[day.isoformat() for day in result.closed_days],
        file_by=result.file_by.isoformat() if result.file_by else None,
        urgency=deadline.urgency,
        if_missed=deadline.if_missed,
        sources=[as_dict(s) for s in result.sources],
        caveat=result.caveat,
        note=result.note,
    )


# --- usm deadline --ics: the words of the calendar event -------------------------------------------------
def clean_label(text: str, seen_by: str = "anyone who sees the calendar") -> str:
    """A caseworker's reference for one client, as one short line of plain text; `seen_by` says who
    will read it where it goes."""
    label = " ".join(one_line(text).split())
    if not label:
        raise HkProBonoError("the client label is empty", exit_code=EXIT_USAGE, hint="give a short client reference")
    if len(label) > LABEL_MAX:
        raise HkProBonoError(
            f"the client label is longer than {LABEL_MAX} characters",
            exit_code=EXIT_USAGE,
            hint=f"a short reference is enough, and {seen_by} can read it",
        )
    return label


def _description(view: DueDateView) -> str:
    """The view's words as plain text, but the days left (true only today) and the commands."""
    lines: list[str] = []
    for group in view.groups:
        rows = [r for r in group if r.ref is None and r.tone != "left"]
        if not rows:
            continue
        if lines:
            lines.append("")
        lines += text_lines(rows)
    return "\n".join(lines)


def event(found: Count, label: str | None = None) -> CalendarEvent:
    """A calendar event on the last day: a neutral title (the kind of act and the caseworker's
    label, nothing about the claim), reminders at REMINDER_HOUR on the days still ahead, and the
    whole view as its description. With a label it is the same event each time the same deadline is
    counted for it, so that importing a recount replaces it."""
    result = found.result
    what = short_title(result.deadline)
    tag = f" ({label})" if label else ""
    summary = f"Deadline: {what}{tag}"
    reminders = tuple(
        Reminder(days, f"{'Deadline today' if days == 0 else f'Deadline in {days} days'}: {what}{tag}.")
        for days in REMINDER_DAYS
        if result.due - dt.timedelta(days=days) >= found.today
    )
    key = f"{result.deadline.kind}|{label}|{result.start.isoformat()}" if label else None
    description = _description(DueDateView(_rows(found, None)))
    return CalendarEvent(result.due, summary, description, reminders, REMINDER_HOUR, key)


# --- usm deadlines ---------------------------------------------------------------------------------------
def entry(deadline: Deadline, on: dt.date) -> DeadlineEntry:
    from hkprobono.usm.counting import closed_day_note, computable, period_text

    can = computable(deadline)
    rows = [
        Row("Period", period_text(deadline) or NO_PERIOD, "date" if can else "warn"),
        Row("Clock starts", deadline.starts),
        Row("If missed", deadline.if_missed, "warn"),
    ]
    if deadline.note:
        rows.append(Row("Note", deadline.note))
    if can:
        rows.append(Row("Unknown days", closed_day_note(deadline), "quiet"))
    if deadline.step:
        rows.append(Row("Guide", ref=Ref("step", str(deadline.step))))
    if can:
        rows.append(Row("Count it", ref=Ref("deadline", deadline.kind)))
    rows.append(Row("Sources", items=tuple(Item(source_line(s, on)) for s in deadline.sources)))
    return DeadlineEntry(deadline.kind, f"{one_line(deadline.title)}  [{deadline.kind}]", tuple(rows))


def _spelled_entry(item: DeadlineEntry, reader: FirstUse) -> DeadlineEntry:
    heading = reader(item.heading)
    return item._replace(heading=heading, rows=tuple(row._replace(text=reader(row.text)) for row in item.rows))


def listing(found: tuple[Deadline, ...], on: dt.date) -> DeadlinesView:
    from hkprobono.usm.counting import CAVEAT, covered_years

    first, last = covered_years()
    notes = (
        Row("", CAVEAT, "advice"),
        Row(
            "",
            f"Dates are counted for {first} to {last} only: the years in this tool's table of Hong Kong general "
            "holidays, each year from a list that a source states; a count names the lists it used among its "
            "sources.",
        ),
        Row("", "To count with a warning or closure day added:", "quiet", ref=Ref("option", "closed-day")),
    )
    reader = FirstUse()
    return DeadlinesView(tuple(_spelled_entry(entry(d, on), reader) for d in found), notes)


def listing_record(items: tuple[Deadline, ...]) -> dict[str, Any]:
    """`hkprobono usm deadlines --json`: each deadline as the data file has it, plus `computable`."""
    from hkprobono.usm.counting import CAVEAT, computable, covered_years

    return document(
        deadlines=[{**as_dict(d), "computable": computable(d)} for d in items],
        holiday_years=list(covered_years()),
        caveat=CAVEAT,
    )
