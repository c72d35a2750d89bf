"""An RFC 5545 calendar file for a computed deadline, built with the maintained `icalendar` library.

It only lays out `content.deadline.CalendarEvent`: every word, the reminders and what identifies
the event are decided there. Returns bytes only: the export writer does the safe write, so a failed
build never leaves half a file.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hkprobono.content.deadline import CalendarEvent

PRODID = "-//hkprobono//USM deadlines//EN"
DOMAIN = "hkprobono"


def uid(event: CalendarEvent) -> str:
    """The same UID for the same key, so that a calendar replaces the event it already holds;
    without a key a new one for every file, so that two clients' deadlines never replace each other
    (RFC 5545: globally unique)."""
    import uuid

    if event.key is None:
        return f"{uuid.uuid4()}@{DOMAIN}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, f'https://{DOMAIN}/deadline/{event.key}')}@{DOMAIN}"


def deadline_ics(event: CalendarEvent, *, stamp: datetime | None = None, uid_text: str | None = None) -> bytes:
    """One VCALENDAR with an all-day VEVENT on the last day and a VALARM per reminder."""
    from icalendar import Alarm, Calendar, Event  # deferred: only --ics needs it

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    vevent = Event()
    vevent.add("uid", uid_text or uid(event))
    vevent.add("dtstamp", stamp or datetime.now(UTC))
    vevent.add("dtstart", event.day)
    vevent.add("dtend", event.day + timedelta(days=1))
    vevent.add("summary", event.summary)
    vevent.add("description", event.description)
    vevent.add("transp", "TRANSPARENT")
    for reminder in event.reminders:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        # An all-day event starts at local midnight, so this is `hour` o'clock local time on that day.
        alarm.add("trigger", timedelta(days=-reminder.days_before, hours=event.hour))
        alarm.add("description", reminder.text)
        vevent.add_component(alarm)
    cal.add_component(vevent)
    ical: bytes = cal.to_ical()
    return ical
