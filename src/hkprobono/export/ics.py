"""An RFC 5545 calendar event for a computed deadline, built with the maintained `icalendar` library.

Returns bytes only: the export writer does the safe write, so a failed build never leaves half a file.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hkprobono.text import one_line
from hkprobono.usm.counting import DueDate

# Reminders before the all-day event: a week, two days, and 09:00 on the day itself
# (a trigger on an all-day event is relative to its midnight start).
REMINDERS: tuple[tuple[timedelta, str], ...] = (
    (timedelta(days=-7), "in 7 days"),
    (timedelta(days=-2), "in 2 days"),
    (timedelta(hours=9), "today"),
)


def description(deadline: DueDate) -> str:
    lines = [
        f"Last day: {deadline.due:%A %d %B %Y} ({deadline.period} from {deadline.start:%d %B %Y}).",
        "",
        deadline.caveat,
        "",
        f"What starts the clock: {one_line(deadline.deadline.starts)}",
        "",
        f"How it was counted: {deadline.rule}",
        "",
        f"If it is missed: {one_line(deadline.deadline.if_missed)}",
    ]
    if deadline.moved:
        lines += ["", "Days that moved the deadline:"]
        lines += [f"- {m.day:%a %d %b %Y}: {m.why}" for m in deadline.moved]
    lines += ["", deadline.note, "", "Sources:"]
    lines += [f"- {one_line(s.title)} ({s.date or 'undated'}): {one_line(s.url)}" for s in deadline.sources]
    return "\n".join(lines)


def new_uid() -> str:
    # A new UID for every file: two clients' appeals from the same day are two events, and a
    # calendar must never replace one person's deadline with another's (RFC 5545: globally unique).
    import uuid

    return f"{uuid.uuid4()}@hkprobono"


def deadline_ics(deadline: DueDate, *, stamp: datetime | None = None, uid: str | None = None) -> bytes:
    """One VCALENDAR with an all-day VEVENT on the due date and its VALARMs."""
    from icalendar import Alarm, Calendar, Event  # deferred: only --ics needs it

    cal = Calendar()
    cal.add("prodid", "-//hkprobono//USM deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    event = Event()
    event.add("uid", uid or new_uid())
    event.add("dtstamp", stamp or datetime.now(UTC))
    event.add("dtstart", deadline.due)
    event.add("dtend", deadline.due + timedelta(days=1))
    event.add("summary", f"Last day: {one_line(deadline.title)}")
    event.add("description", description(deadline))
    event.add("transp", "TRANSPARENT")
    for trigger, when in REMINDERS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", trigger)
        alarm.add("description", f"Last day {when}: {one_line(deadline.title)}. File as early as possible.")
        event.add_component(alarm)
    cal.add_component(event)
    ical: bytes = cal.to_ical()
    return ical
