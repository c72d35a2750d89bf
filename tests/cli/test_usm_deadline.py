"""`hkprobono usm deadlines` and `hkprobono usm deadline KIND --from DATE` end to end.

Today is pinned to 2026-11-26 (conftest), so a start before about 12 November 2026 gives a passed date."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
import vobject

from conftest import Invoke
from hkprobono.content.jsondoc import VERSION_KEY
from hkprobono.usm.counting import CAVEAT


def test_deadlines_lists_every_deadline_with_start_period_and_sources(invoke: Invoke) -> None:
    result = invoke("usm", "deadlines")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for kind in ("[appeal]", "[jr]", "[claim-form]", "[oral-hearing-notice]"):
        assert kind in out
    assert "14 days" in out and "3 months" in out and "promptly" in out and "s.37ZT" in out
    assert "hkprobono usm deadline appeal --from DATE" in out
    assert "General information, not legal advice: check with the lawyer." in out
    assert "2024 to 2027" in out
    assert "--closed-day DATE" in out and "hkprobono usm step 8" in out
    assert "package" not in out and "Half-day" not in out and "Christmas Eve" not in out


def test_deadlines_json(invoke: Invoke) -> None:
    result = invoke("usm", "deadlines", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert next(iter(data)) == VERSION_KEY
    assert data["caveat"] == CAVEAT and data["holiday_years"] == [2024, 2027]
    by_kind = {d["kind"]: d for d in data["deadlines"]}
    keys = {"kind", "title", "starts", "if_missed", "period", "unit", "court_office", "step", "sources", "computable"}
    assert all(keys <= set(d) for d in data["deadlines"])
    assert by_kind["appeal"]["computable"] and not by_kind["claim-form"]["computable"]
    assert by_kind["claim-form"]["period"] is None and by_kind["claim-form"]["unit"] is None


def test_deadline_shows_the_last_day_and_the_days_left_first(invoke: Invoke) -> None:
    result = invoke("usm", "deadline", "appeal", "--from", "2026-11-20")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Last day: Friday 4 December 2026", "8 days left; today is Thursday 26 November 2026."]
    assert "If missed:" in result.stdout and "Filing late" not in result.stdout
    assert "Cap. 1 s.71(1)(b)" in result.stdout and "https://" in result.stdout
    assert "File as early as possible; never rely on the last day." in result.stdout
    assert "General information, not legal advice: check with the lawyer." in result.stdout
    assert "Who can help:" in result.stdout and "(hkprobono show duty-lawyer-service)" in result.stdout


def test_a_passed_date_says_so_with_the_late_rule_and_who_can_help_before_anything_else(invoke: Invoke) -> None:
    result = invoke("usm", "deadline", "appeal", "--from", "2024-12-11")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "Last day: Friday 27 December 2024",
        "Passed 699 days ago; today is Thursday 26 November 2026.",
    ]
    assert lines[2].startswith("Filing late:") and "s.37ZT" in lines[2] and "merits of the appeal" in lines[2]
    assert lines[3] == "Who can help:" and "Duty Lawyer Service" in lines[4] and "+852" in lines[4]
    assert "Justice Centre Hong Kong (unconfirmed)" in result.stdout  # a status is never dropped
    assert "Torture Claims Appeal Board /" not in result.stdout  # the Board decides; it is not listed as help
    assert "Wednesday 25 December 2024: general holiday: Christmas Day" in result.stdout
    assert "If missed:" not in result.stdout and "File as early as possible" not in result.stdout


@pytest.mark.parametrize(
    ("start", "left"),
    [
        ("2026-11-12", "Today, Thursday 26 November 2026, is the last day."),
        ("2026-11-11", "Passed 1 day ago; today is Thursday 26 November 2026."),
        ("2026-11-13", "1 day left; today is Thursday 26 November 2026."),
    ],
)
def test_days_left_at_the_edges(invoke: Invoke, start: str, left: str) -> None:
    result = invoke("usm", "deadline", "appeal", "--from", start)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == left


def test_a_decision_date_in_the_future_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("usm", "deadline", "appeal", "--from", "2026-11-27")
    assert result.exit_code == 2 and result.stdout == ""
    assert "2026-11-27 is after today (2026-11-26)" in result.stderr
    assert invoke("usm", "deadline", "appeal", "--from", "2026-11-26").exit_code == 0  # today itself is fine


def test_a_saturday_last_day_advises_the_working_day_before_and_keeps_the_date(invoke: Invoke) -> None:
    result = invoke("usm", "deadline", "appeal", "--from", "2025-12-12")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Last day: Saturday 27 December 2025\n")
    assert "File by:        Wednesday 24 December 2025, the working day before." in result.stdout
    data = json.loads(invoke("usm", "deadline", "appeal", "--from", "2025-12-12", "--json").stdout)
    assert (data["due"], data["file_by"]) == ("2025-12-27", "2025-12-24")
    jr = json.loads(invoke("usm", "deadline", "jr", "--from", "2025-03-14", "--json").stdout)
    assert jr["file_by"] is None and "File by" not in invoke("usm", "deadline", "jr", "--from", "2025-03-14").stdout


def test_closed_day_is_described_as_the_law_states_it_per_kind(invoke: Invoke) -> None:
    appeal = invoke("usm", "deadline", "appeal", "--from", "2026-11-20").stdout
    assert "If a gale or black rainstorm warning was in force on the last day, count again" in appeal
    assert appeal.rstrip().endswith("--closed-day DATE")
    jr = invoke("usm", "deadline", "jr", "--from", "2026-11-20").stdout
    assert "If the court office was closed on the last day, count again with that day added: --closed-day DATE" in jr
    assert "Half-day" not in jr and "Christmas Eve" not in jr
    helptext = " ".join(invoke("usm", "deadline", "--help").stdout.split())
    assert "For appeal: a day a gale or black rainstorm warning was in force" in helptext
    assert "For jr: a day the court office was closed" in helptext


@pytest.mark.parametrize(
    ("kind", "start", "due", "moved"),
    [
        ("appeal", "2025-03-02", "2025-03-17", ["2025-03-16"]),  # last day a Sunday
        ("appeal", "2025-12-12", "2025-12-27", ["2025-12-26"]),  # a plain Saturday does not move it
        ("appeal", "2026-02-03", "2026-02-20", ["2026-02-17", "2026-02-18", "2026-02-19"]),  # Lunar New Year
        ("appeal", "2024-02-15", "2024-02-29", []),  # leap day
        ("jr", "2025-08-31", "2025-12-01", ["2025-11-30"]),  # no 31 November; 30th a Sunday
        ("jr", "2024-11-30", "2025-02-28", []),  # February has no 30th
        ("jr", "2026-01-03", "2026-04-08", ["2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06", "2026-04-07"]),
    ],
)
def test_deadline_json_keys_and_dates(invoke: Invoke, kind: str, start: str, due: str, moved: list[str]) -> None:
    result = invoke("usm", "deadline", kind, "--from", start, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert next(iter(data)) == VERSION_KEY
    assert {"kind", "from", "due", "today", "days_left", "file_by", "period", "rule", "moved", "sources"} <= set(data)
    assert (data["kind"], data["from"], data["due"]) == (kind, start, due)
    assert data["today"] == "2026-11-26"
    assert data["days_left"] == (date.fromisoformat(due) - date(2026, 11, 26)).days  # negative: passed
    assert [m["date"] for m in data["moved"]] == moved and all(m["why"] for m in data["moved"])
    assert data["caveat"] == CAVEAT
    assert all(s["url"].startswith("http") for s in data["sources"])


def test_closed_day_moves_the_date(invoke: Invoke) -> None:
    result = invoke("usm", "deadline", "appeal", "--from", "2024-06-03", "--closed-day", "2024-06-17", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["due"] == "2024-06-18" and data["closed_days"] == ["2024-06-17"]
    assert "warning day you gave" in data["moved"][0]["why"]
    assert not any("hkprobono" in str(value) or "--closed-day" in str(value) for value in data.values())


def test_ics_is_written_and_parses_back(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "appeal.ics"
    result = invoke("usm", "deadline", "appeal", "--from", "2026-11-20", "--ics", str(target))
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.stderr
    assert result.stdout.startswith("Last day: Friday 4 December 2026\n8 days left")
    event = vobject.readOne(target.read_text(encoding="utf-8")).vevent
    assert event.dtstart.value == date(2026, 12, 4)
    assert event.summary.value == "Deadline: notice of appeal"
    assert len(event.contents["valarm"]) == 3
    text = event.description.value
    assert "Friday 4 December 2026" in text and "s.37ZS(1)" in text and "https://" in text
    assert "hkprobono" not in text and "--closed-day" not in text and "days left" not in text
    # Never over an existing file without --force; with it, replaced.
    again = invoke("usm", "deadline", "jr", "--from", "2026-11-20", "--ics", str(target))
    assert again.exit_code == 2 and "--force" in again.stderr
    assert vobject.readOne(target.read_text(encoding="utf-8")).vevent.dtstart.value == date(2026, 12, 4)
    forced = invoke("usm", "deadline", "jr", "--from", "2026-11-20", "--ics", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    jr = vobject.readOne(target.read_text(encoding="utf-8")).vevent
    assert jr.dtstart.value == date(2027, 2, 22)
    assert jr.summary.value == "Deadline: application for leave to apply for judicial review"


def test_ics_for_a_passed_date_is_refused_with_the_late_rule(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "late.ics"
    result = invoke("usm", "deadline", "appeal", "--from", "2026-11-01", "--ics", str(target))
    assert result.exit_code == 2 and result.stdout == "" and not target.exists()
    assert "the last day, Monday 16 November 2026, passed 10 days ago, so no calendar file was written" in result.stderr
    assert "Filing late: A late notice of appeal" in result.stderr and "s.37ZT" in result.stderr
    assert "Who can help: Duty Lawyer Service" in result.stderr and "+852" in result.stderr


def test_a_label_names_one_clients_event_and_a_recount_replaces_it(invoke: Invoke, tmp_path: Path) -> None:
    def uid_and_summary(*extra: str) -> tuple[str, str, date]:
        target = tmp_path / "client.ics"
        args = ("usm", "deadline", "appeal", "--from", "2026-11-20", "--ics", str(target), "--force", *extra)
        result = invoke(*args)
        assert result.exit_code == 0, result.output
        event = vobject.readOne(target.read_text(encoding="utf-8")).vevent
        return event.uid.value, event.summary.value, event.dtstart.value

    first = uid_and_summary("--label", "Client 12")
    assert first[1] == "Deadline: notice of appeal (Client 12)"
    assert uid_and_summary("--label", "Client 12")[0] == first[0]
    recount = uid_and_summary("--label", "Client 12", "--closed-day", "2026-12-04")
    assert recount[0] == first[0] and recount[2] == date(2026, 12, 5)  # the same event, moved
    assert uid_and_summary("--label", "Client 13")[0] != first[0]
    assert uid_and_summary()[0] != uid_and_summary()[0]  # no label: never replaces anyone's event


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--label", "Client 12"], "--label names the calendar event: give --ics FILE too"),
        (["--label", "x" * 41, "--ics", "out.ics"], "the client label is longer than 40 characters"),
        (["--label", " \t ", "--ics", "out.ics"], "the client label is empty"),
    ],
)
def test_bad_labels_are_usage_errors(invoke: Invoke, tmp_path: Path, args: list[str], message: str) -> None:
    args = [str(tmp_path / a) if a == "out.ics" else a for a in args]
    result = invoke("usm", "deadline", "appeal", "--from", "2026-11-20", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["appeal", "--from", "2025-02-30"], "not a real date"),
        (["appeal", "--from", "yesterday"], "not a date of the form YYYY-MM-DD"),
        (["appeal", "--from", "2026-W50-5"], "not a date of the form YYYY-MM-DD"),
        (["appeal", "--from", "20261211"], "not a date of the form YYYY-MM-DD"),
        (["petition", "--from", "2025-02-03"], "unknown deadline kind"),
        (["appeal", "--from", "2023-06-01"], "no checked holiday list for 2023"),
        (
            ["appeal", "--from", "2023-12-01"],
            "the count reaches 2023-12-15, and there is no checked holiday list for 2023",
        ),
        (["appeal", "--from", "2026-12-01"], "2026-12-01 is after today (2026-11-26)"),
        (["claim-form", "--from", "2025-02-03"], "no source states a period"),
        (["appeal", "--from", "2025-02-03", "--closed-day", "2025-02-29"], "not a real date"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(invoke: Invoke, tmp_path: Path, args: list[str], message: str) -> None:
    target = tmp_path / "out.ics"
    result = invoke("usm", "deadline", *args, "--ics", str(target))
    assert result.exit_code == 2
    assert message in result.stderr and result.stdout == ""
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_missing_from_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("usm", "deadline", "appeal")
    assert result.exit_code == 2 and "--from" in result.output


def test_help_has_examples_and_metavars(invoke: Invoke) -> None:
    out = invoke("usm", "deadline", "--help").stdout
    assert "Examples: hkprobono usm deadline appeal --from 2026-12-01;" in out
    for metavar in ("KIND", "--from DATE", "--ics FILE", "--closed-day DATE", "--label TEXT"):
        assert metavar in out
    assert "hkprobono usm deadlines --json" in invoke("usm", "deadlines", "--help").stdout


def test_a_count_past_the_table_names_the_year_it_lacks(invoke: Invoke) -> None:
    result = invoke("usm", "deadline", "jr", "--from", "2027-11-30", env={"HKPROBONO_TODAY": "2027-12-01"})
    assert result.exit_code == 2 and "the count reaches 2028-02-29, and there is no checked holiday list for 2028" in (
        result.stderr
    )
    assert "2024-2027 only" in result.stderr


@pytest.mark.slow
def test_a_count_reads_its_own_holiday_table_and_once_cached_no_toml() -> None:
    from conftest import modules_after

    args = ["--no-pager", "usm", "deadline", "appeal", "--from", "2026-11-20"]
    env = {**os.environ, "HKPROBONO_TODAY": "2026-11-26"}
    first = modules_after(args, env)  # fills the caches: the directory's and the holiday table's
    assert "hkprobono.loading.holidays" in first and "holidays" not in {m.split(".")[0] for m in first}
    loaded = modules_after(args, env)
    assert not {m.split(".")[0] for m in loaded} & {"holidays", "tomllib", "icalendar", "rich"}


@pytest.mark.parametrize("args", [["usm", "deadline", "appeal", "--from", "2026-11-27", "--ics", "-"],
                                  ["show", "justice-centre", "--qr-png", "-"],
                                  ["export", "vcard", "justice-centre", "--qr-png", ""]])  # fmt: skip
def test_a_file_option_never_writes_a_file_called_dash(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """'-' is not standard output for a file written beside the output: a usage error, no file."""
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == 2 and "is not a file name" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_judicial_review_says_promptly_with_the_date(invoke: Invoke) -> None:
    """Order 53 r.4(1): promptly, and in any event within three months; the date alone would read as
    three months to spare. The handout says it too, in the same words."""
    first = invoke("usm", "deadline", "jr", "--from", "2026-11-01").stdout.splitlines()[:3]
    assert first[2].startswith("Apply promptly:")
    handout = invoke("handout", "refugee-union", "--jr-from", "2026-11-01", "--text").stdout.splitlines()
    assert handout[2] == first[2]
    assert invoke("usm", "deadline", "jr", "--from", "2026-11-01", "--json").stdout.count('"urgency": "Apply') == 1
    assert "Apply promptly" not in invoke("usm", "deadline", "appeal", "--from", "2026-11-20").stdout
