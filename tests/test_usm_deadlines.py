"""`hkprobono usm deadlines` and `hkprobono usm deadline KIND --from DATE` end to end."""

from __future__ import annotations

import json
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


def test_deadline_shows_the_due_date_first_then_what_moved_it(invoke: Invoke) -> None:
    result = invoke("usm", "deadline", "appeal", "--from", "2024-12-11")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Last day: Friday 27 December 2024"
    assert "Wed 25 Dec 2024: general holiday: Christmas Day" in result.stdout
    assert "Cap. 1 s.71(1)(b)" in result.stdout and "https://" in result.stdout
    assert "File as early as possible; never rely on the last day." in result.stdout
    assert "General information, not legal advice: check with the lawyer." in result.stdout


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
    assert {"kind", "from", "due", "period", "rule", "moved", "sources", "caveat"} <= set(data)
    assert (data["kind"], data["from"], data["due"]) == (kind, start, due)
    assert [m["date"] for m in data["moved"]] == moved and all(m["why"] for m in data["moved"])
    assert data["caveat"] == CAVEAT
    assert all(s["url"].startswith("http") for s in data["sources"])


def test_closed_day_moves_the_date(invoke: Invoke) -> None:
    result = invoke("usm", "deadline", "appeal", "--from", "2024-06-03", "--closed-day", "2024-06-17", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["due"] == "2024-06-18" and data["closed_days"] == ["2024-06-17"]
    assert "closed day you gave" in data["moved"][0]["why"]


def test_ics_is_written_and_parses_back(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "appeal.ics"
    result = invoke("usm", "deadline", "appeal", "--from", "2024-12-11", "--ics", str(target))
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.stderr
    assert result.stdout.startswith("Last day: Friday 27 December 2024")
    event = vobject.readOne(target.read_text(encoding="utf-8")).vevent
    assert event.dtstart.value == date(2024, 12, 27)
    assert len(event.contents["valarm"]) == 3
    text = event.description.value
    assert CAVEAT in text and "Christmas Day" in text and "s.37ZS(1)" in text and "https://" in text
    # Never over an existing file without --force; with it, replaced.
    again = invoke("usm", "deadline", "jr", "--from", "2024-12-11", "--ics", str(target))
    assert again.exit_code == 2 and "--force" in again.stderr
    assert vobject.readOne(target.read_text(encoding="utf-8")).vevent.dtstart.value == date(2024, 12, 27)
    forced = invoke("usm", "deadline", "jr", "--from", "2024-12-11", "--ics", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert vobject.readOne(target.read_text(encoding="utf-8")).vevent.dtstart.value == date(2025, 3, 11)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["appeal", "--from", "2025-02-30"], "not a real date"),
        (["appeal", "--from", "yesterday"], "not a date of the form YYYY-MM-DD"),
        (["appeal", "--from", "2026-W50-5"], "not a date of the form YYYY-MM-DD"),
        (["appeal", "--from", "20261211"], "not a date of the form YYYY-MM-DD"),
        (["petition", "--from", "2025-02-03"], "unknown deadline kind"),
        (["appeal", "--from", "2023-06-01"], "no checked holiday list for 2023"),
        (["jr", "--from", "2027-11-30"], "no checked holiday list for 2028"),
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
    for metavar in ("KIND", "--from DATE", "--ics FILE", "--closed-day DATE"):
        assert metavar in out
    assert "hkprobono usm deadlines --json" in invoke("usm", "deadlines", "--help").stdout
