"""maintain/check.py, `data check`: every problem reported with its entry and field, and
acknowledged warnings shown but not counted."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import BROKEN, EXPECTED, HOSTILE, Invoke, raw_controls
from hkprobono.freshness import today
from hkprobono.loading.source import read
from hkprobono.maintain.check import check


def test_every_problem_is_reported_with_entry_and_field(invoke: Invoke) -> None:
    result = invoke("data", "check", str(BROKEN / "many_problems.toml"), "--json")
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)
    assert set(data) == {
        "hkprobono_json_version", "file", "errors", "warnings", "acknowledged", "reach", "retired", "problems",
        "data_in_use",
    }  # fmt: skip
    assert data["data_in_use"] is None  # a file named on the command line is not the data in use
    found = {(p["entry"], p["field"]) for p in data["problems"] if p["severity"] == "error"}
    assert ("organisation 'bad-contacts'", "contact.phones[0].number") in found
    assert ("organisation 'bad-contacts'", "contact.phones[1].number") in found
    assert ("organisation 'bad-contacts'", "contact.email") in found
    assert ("organisation 'bad-contacts'", "contact.website") in found
    assert ("organisation 'bad-contacts'", "status") in found
    assert ("organisation 'no-sources'", "sources") in found
    assert ("", "meta.disclaimer") in found
    messages = " ".join(p["message"] for p in data["problems"])
    assert "'3109 7359' must be written in +852 international form" in messages
    assert "'+44 20 7946 0958' is not a valid Hong Kong number" in messages
    assert "reports a closure" in messages
    assert "spells a command ('hkprobono show no-such-slug')" in messages  # data names it in `see`


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_data_check_reports_a_broken_file_with_its_message_and_exit_code(invoke: Invoke, name: str) -> None:
    case = EXPECTED[name]
    result = invoke("data", "check", str(BROKEN / name))
    assert result.exit_code == case["check"], result.output
    assert case["message"] in result.stdout
    assert "Traceback" not in result.output


HOSTILE_FIELDS = {
    ("[meta]", "meta.title"),
    ("[meta]", "meta.compiled_note"),
    ("[meta]", "meta.disclaimer"),
    ("category 'legal'", "categories[0].label"),
    ("category 'legal'", "categories[0].description"),
    ("organisation 'alpha-legal'", "name"),
    ("organisation 'alpha-legal'", "chinese_name"),
    ("organisation 'alpha-legal'", "summary"),
    ("organisation 'alpha-legal'", "keywords[2]"),
    ("organisation 'alpha-legal'", "contact.locations[0].address"),
    ("organisation 'alpha-legal'", "contact.locations[0].name"),
    ("organisation 'alpha-legal'", "contact.phones[0].number"),
    ("organisation 'alpha-legal'", "contact.phones[0].description"),
    ("organisation 'alpha-legal'", "contact.email"),
    ("organisation 'alpha-legal'", "contact.website"),
    ("organisation 'alpha-legal'", "contact.other_websites[0]"),
    ("organisation 'alpha-legal'", "contact.other_websites[1]"),
    ("organisation 'alpha-legal'", "contact.social[0].network"),
    ("organisation 'alpha-legal'", "contact.social[0].url"),
    ("organisation 'alpha-legal'", "contact.locations[0].hours"),
    ("organisation 'alpha-legal'", "sources[0].title"),
    ("organisation 'beta-food'", "contact.website"),
    ("[about]", "about.intro"),
    ("[about]", "about.resources[0].url"),
    ("[usm]", "usm.overview[0]"),
    ("USM step 1", "usm.steps[0].summary"),
    ("USM step 1", "usm.steps[0].what_to_do"),
    ("USM step 1", "usm.steps[0].deadline"),
    ("[synonyms]", "synonyms.lawyer\x1b[8m"),
}


def test_data_check_names_every_hostile_field_without_crashing(invoke: Invoke) -> None:
    result = invoke("data", "check", HOSTILE, "--json")
    assert result.exit_code == 2, result.output
    assert not raw_controls(result.stdout)
    problems = json.loads(result.stdout)["problems"]
    found = {(p["entry"], p["field"]) for p in problems if p["severity"] == "error"}
    assert found >= HOSTILE_FIELDS, HOSTILE_FIELDS - found
    human = invoke("data", "check", HOSTILE)
    assert human.exit_code == 2 and "Traceback" not in human.output and not raw_controls(human.output)
    assert "contains U+202E (right-to-left override)" in human.stdout


def test_check_gives_the_reach_and_lists_every_organisation_without_a_phone_or_e_mail(invoke: Invoke) -> None:
    data = json.loads(invoke("data", "check", "--json").stdout)
    reach = data["reach"]
    about = json.loads(invoke("about", "--json").stdout)["figures"]
    assert reach == about
    unreachable = [p for p in data["problems"] if p["kind"] == "reach"]
    assert len(unreachable) == reach["current"] - reach["reachable"]
    assert all("searched:" in p["message"] for p in unreachable)  # each with what was searched, and when
    text = invoke("data", "check").stdout
    assert f"No phone or e-mail (each with what was searched, and when) ({len(unreachable)})" in text
    assert any(line.startswith("directory.toml (bundled): Reach: ") for line in text.splitlines()[-3:])


def test_data_check_rejects_a_command_written_in_text(tmp_path: Path, raw: dict[str, Any]) -> None:
    import tomli_w

    from hkprobono.loading.source import read

    data = copy.deepcopy(raw)
    data["usm"]["glossary"][0]["explanation"] = "See it (hkprobono show iss-hk)."
    path = tmp_path / "d.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    report = check(read(path), today())
    (error,) = report.errors
    assert error.field == "usm.glossary[0].explanation"
    assert "spells a command ('hkprobono show iss-hk')" in error.message


ON = dt.date(2026, 11, 25)


ACK = """
[[organisations.acknowledged]]
warning = "{warning}"
fields = [{fields}]
reason = "No newer source found in searches on 2026-11-20; only a call can confirm."
by = "A. Lee"
date = "{date}"
"""


def with_ack(
    path: Path, warning: str = "age", fields: str = '"address", "phones", "email"', date: str = "2026-11-20"
) -> None:
    path.write_text(
        path.read_text(encoding="utf-8") + ACK.format(warning=warning, fields=fields, date=date), encoding="utf-8"
    )


def test_an_acknowledged_warning_is_shown_and_not_counted(invoke: Invoke, data_file: Path) -> None:
    with_ack(data_file)
    report = check(read(data_file), ON)
    assert not report.errors
    assert [p.kind for p in report.acknowledged] == ["age"]
    assert "acknowledged by A. Lee on 2026-11-20: No newer source" in report.acknowledged[0].message
    result = invoke("data", "check", str(data_file))
    assert "Acknowledged in the data (reviewed; not counted as warnings) (1)" in result.stdout
    assert result.stdout.splitlines()[-1].endswith(", 1 acknowledged")
    data = json.loads(invoke("data", "check", str(data_file), "--json").stdout)
    assert data["acknowledged"] == 1


def test_an_acknowledgement_covers_only_the_details_it_names(data_file: Path) -> None:
    with_ack(data_file, fields='"phones"')
    report = check(read(data_file), ON)
    kinds = sorted(p.kind for p in report.warnings)
    assert "age" in kinds and "stale-ack" in kinds and not report.acknowledged


@pytest.mark.parametrize(
    ("warning", "fields", "date", "message"),
    [
        ("age", "", "2026-11-20", "must name the details it covers"),
        ("reach", '"phones"', "2026-11-20", "covers the organisation, not fields"),
        ("speed", "", "2026-11-20", "'speed' is not one of: age, reach"),
        ("age", '"phones"', "2026-12-01", "is in the future"),
        ("age", '"fax"', "2026-11-20", "'fax' is not one of"),
    ],
)
def test_acknowledgements_are_validated(data_file: Path, warning: str, fields: str, date: str, message: str) -> None:
    with_ack(data_file, warning, fields, date)
    assert any(message in str(p) for p in check(read(data_file), ON).errors)


def test_an_acknowledgement_needs_a_real_reason(data_file: Path) -> None:
    data_file.write_text(
        data_file.read_text(encoding="utf-8")
        + '\n[[organisations.acknowledged]]\nwarning = "reach"\nreason = "ok"\nby = "A"\ndate = "2026-11-20"\n',
        encoding="utf-8",
    )
    assert any("must explain why" in str(p) for p in check(read(data_file), ON).errors)
