"""content/deadline.py and export/ics.py: one count, and every form a reader sees of it.

The date and the days left lead at every width; the terminal, plain text, JSON and the calendar
file word the same count the same way; commands appear only where a renderer can spell them; the
calendar file is read back by two parsers we did not write (vobject, icalendar)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar
import pytest
import vobject
from rich.console import Console

from hkprobono.cli.spelling import spell
from hkprobono.content import deadline as views
from hkprobono.export.ics import deadline_ics
from hkprobono.model import Directory, Ref
from hkprobono.render.plain import PlainRenderer
from hkprobono.render.terminal import RichRenderer
from hkprobono.usm import counting
from hkprobono.usm.guide import guide_of

TODAY = date(2026, 12, 3)
STAMP = datetime(2026, 12, 3, 1, 2, 3, tzinfo=UTC)


def _count(directory: Directory, kind: str, start: date, today: date = TODAY) -> views.Count:
    found = counting.find(guide_of(directory).deadlines, kind)
    return views.count(counting.compute(found, start), today, directory)


def _rich(view: views.DueDateView, width: int) -> list[str]:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system=None, highlight=False)
    RichRenderer(console, spell=spell).due_date(view)
    return out.getvalue().splitlines()


def _plain(view: views.DueDateView | views.DeadlinesView, *, commands: bool = True) -> str:
    out = io.StringIO()
    renderer = PlainRenderer(out, spell=spell) if commands else PlainRenderer(out)
    getattr(renderer, view.kind)(view)
    return out.getvalue()


@pytest.mark.parametrize("width", [40, 50, 60, 80, 120])
@pytest.mark.parametrize(
    ("start", "left"),
    [(date(2026, 11, 27), "8 days left"), (date(2026, 11, 1), "Passed 17 days ago"), (date(2026, 11, 19), "Today")],
)
def test_the_last_day_and_the_days_left_are_in_the_first_three_lines(
    directory: Directory, width: int, start: date, left: str
) -> None:
    view = views.due_date(_count(directory, "appeal", start), TODAY)
    for lines in (_rich(view, width), _plain(view).splitlines()):
        head = " ".join(lines[:3])
        assert lines[0].startswith("Last day: ") and left in head, (width, lines[:3])


def test_a_passed_date_leads_with_filing_late_and_who_can_help(directory: Directory) -> None:
    view = views.due_date(_count(directory, "appeal", date(2026, 11, 1)), TODAY)
    first = view.groups[0]
    assert [row.tone for row in first[:3]] == ["date", "late", "late"]
    assert first[2].label == "Filing late" and "merits of the appeal" in first[2].text
    assert first[3].label == "Who can help" and [i.ref for i in first[3].items] == [
        Ref("org", "duty-lawyer-service"),
        Ref("org", "justice-centre"),
    ]
    lines = _rich(view, 80)
    assert lines.index(next(line for line in lines if line.startswith("Who can help"))) < 12
    assert not any(line.startswith("Clock starts") for line in lines[:12])


def test_commands_appear_only_where_a_renderer_can_spell_them(directory: Directory) -> None:
    count = _count(directory, "jr", date(2026, 11, 27))
    view = views.due_date(count, TODAY)
    spelled = _plain(view)
    assert "--closed-day DATE" in spelled and "(hkprobono show justice-centre)" in spelled
    unspelled = _plain(view, commands=False)  # a library caller, a test: no command line at hand
    assert "hkprobono" not in unspelled and "--closed-day" not in unspelled and "count again" not in unspelled
    assert "Justice Centre Hong Kong (unconfirmed)" in unspelled  # the organisation, still with its status
    listing = views.listing(guide_of(directory).deadlines, TODAY)
    assert "hkprobono usm deadline appeal --from DATE" in _plain(listing)
    assert "hkprobono" not in _plain(listing, commands=False)
    record = views.record(count)
    assert "hkprobono show" not in repr(record) and "--closed-day" not in repr(record)


def test_json_carries_today_and_the_days_left(directory: Directory) -> None:
    record = views.record(_count(directory, "appeal", date(2026, 11, 1)))
    assert (record["today"], record["days_left"], record["due"]) == ("2026-12-03", -17, "2026-11-16")
    assert record["due_weekday"] == "Monday" and record["file_by"] is None
    keys = list(record)
    assert keys.index("today") == keys.index("due_weekday") + 1  # beside the date it counts to


def test_short_title_names_the_act_only(directory: Directory) -> None:
    found = {d.kind: views.short_title(d) for d in guide_of(directory).deadlines}
    assert found["appeal"] == "notice of appeal"
    assert found["jr"] == "application for leave to apply for judicial review"
    assert all("orture" not in title for title in found.values())


def _read_back(raw: bytes) -> tuple[Any, icalendar.cal.Component]:
    """The event as vobject reads it, and as icalendar's own parser does."""
    event = vobject.readOne(raw.decode("utf-8")).vevent
    (other,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    return event, other


def test_the_calendar_file_is_neutral_worded_as_the_view_and_reminds_at_nine(directory: Directory) -> None:
    count = _count(directory, "appeal", date(2026, 11, 27))
    event, other = _read_back(deadline_ics(views.event(count), stamp=STAMP))
    assert event.dtstart.value == date(2026, 12, 11) and other.decoded("dtstart") == date(2026, 12, 11)
    assert event.summary.value == str(other["summary"]) == "Deadline: notice of appeal"
    # 09:00 local on the day a week before, two days before and on the day (an all-day event starts at midnight).
    triggers = sorted(alarm.trigger.value for alarm in event.contents["valarm"])
    assert triggers == [timedelta(days=-7, hours=9), timedelta(days=-2, hours=9), timedelta(hours=9)]
    assert sorted(a.decoded("trigger") for a in other.walk("VALARM")) == triggers
    texts = [alarm.description.value for alarm in event.contents["valarm"]]
    assert texts == [
        "Deadline in 7 days: notice of appeal.",
        "Deadline in 2 days: notice of appeal.",
        "Deadline today: notice of appeal.",
    ]
    assert not any("orture" in text for text in (event.summary.value, *texts))
    description = event.description.value
    assert description.startswith("Last day: Friday 11 December 2026\n")
    assert "14 days from Friday 27 November 2026" in description and "Friday 04" not in description
    assert counting.CAVEAT.split(": ")[0] in description and "s.71(1)(b)" in description
    assert "(2025-05-16) https://www.info.gov.hk/" in description and "years old" not in description
    assert "hkprobono" not in description and "days left" not in description


def test_reminders_already_past_are_left_out(directory: Directory) -> None:
    count = _count(directory, "appeal", date(2026, 11, 27), today=date(2026, 12, 10))
    assert [r.days_before for r in views.event(count).reminders] == [0]
    count = _count(directory, "appeal", date(2026, 11, 27), today=date(2026, 12, 4))
    assert [r.days_before for r in views.event(count).reminders] == [7, 2, 0]


def test_a_labelled_event_keeps_its_uid_and_an_unlabelled_one_never_repeats(directory: Directory) -> None:
    count = _count(directory, "appeal", date(2026, 11, 27))
    first = views.event(count, "Client 12")
    assert first.summary == "Deadline: notice of appeal (Client 12)"
    assert first.reminders[0].text == "Deadline in 7 days: notice of appeal (Client 12)."
    uid = _read_back(deadline_ics(first, stamp=STAMP))[0].uid.value
    assert uid == _read_back(deadline_ics(first, stamp=STAMP + timedelta(days=1)))[0].uid.value
    assert "Client" not in uid  # the reference is not readable from the event's identity
    warning_day = [date(2026, 12, 11)]
    recount = views.count(counting.compute(count.result.deadline, date(2026, 11, 27), warning_day), TODAY, directory)
    # A Saturday now: the date stands, and the working day before skips the warning day given.
    assert (recount.result.due, recount.result.file_by) == (date(2026, 12, 12), date(2026, 12, 10))
    assert _read_back(deadline_ics(views.event(recount, "Client 12")))[0].uid.value == uid
    assert _read_back(deadline_ics(views.event(count, "Client 13")))[0].uid.value != uid
    unlabelled = views.event(count)
    assert unlabelled.key is None
    assert _read_back(deadline_ics(unlabelled))[0].uid.value != _read_back(deadline_ics(unlabelled))[0].uid.value
    fixed = deadline_ics(first, stamp=STAMP)
    assert fixed == deadline_ics(first, stamp=STAMP)  # everything else is stable


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("  Client   12 ", "Client 12"),
        ("A\x1b[31mB", "A\\x1b[31mB"),
        ("line\nbreak", "line break"),
        ("王小明", "王小明"),
    ],
)
def test_a_label_is_one_line_of_plain_text(text: str, label: str) -> None:
    """Neutralised as all text is on its way out: a control character shows, and never acts."""
    assert views.clean_label(text) == label
