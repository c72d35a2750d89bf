"""Every command through CliRunner: output, JSON keys, errors and exit codes."""

from __future__ import annotations

import json

import pytest

from conftest import DATA_DIR, Invoke
from hkprobono import __version__


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"hkprobono {__version__}\n"


def test_no_arguments_shows_help(invoke: Invoke) -> None:
    result = invoke()
    assert "search" in result.output and "Usage" in result.output


def test_search_shows_slug_name_categories_match_and_phone(invoke: Invoke) -> None:
    result = invoke("search", "justise", "centre")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[:3]
    assert first[0].startswith("1. Justice Centre Hong Kong (unconfirmed) [justice-centre]")
    assert "Legal, Counselling, Advocacy | +852 3109 7359" in first[1]
    assert first[2].startswith("   found in name:")


def test_search_json_keys(invoke: Invoke) -> None:
    result = invoke("search", "legal", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["hkprobono_json_version"] == 3 and document["query"] == "legal"
    assert {d["kind"] for d in document["results"]} <= {"org", "step", "term"}
    data = [d for d in document["results"] if d["kind"] == "org"]  # organisation keys are unchanged
    assert isinstance(data, list) and data
    for item in data:
        assert {
            "slug",
            "name",
            "score",
            "status",
            "categories",
            "summary",
            "phones",
            "matched",
            "matches",
        } <= set(item)
        assert 0 <= item["score"] <= 100
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)


def test_search_no_match_exit_1_with_hint_on_stderr(invoke: Invoke) -> None:
    result = invoke("search", "xyzzy")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "hkprobono list" in result.stderr


def test_search_no_match_json_is_empty_array(invoke: Invoke) -> None:
    result = invoke("search", "xyzzy", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["results"] == []


def test_search_limit_and_category(invoke: Invoke) -> None:
    result = invoke("search", "refugees", "--category", "food", "--limit", "2", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["results"]
    assert len(data) == 2 and all("food" in d["categories"] for d in data)


def test_unknown_category_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("search", "legal", "--category", "nope")
    assert result.exit_code == 2
    assert "unknown category 'nope'" in result.stderr


def test_search_explain(invoke: Invoke) -> None:
    result = invoke("search", "legal", "appeal", "--explain")
    assert result.exit_code == 0, result.output
    assert "'appeal' matched" in result.stdout


def test_show_prefix_and_json_uses_data_field_names(invoke: Invoke) -> None:
    result = invoke("show", "justice", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["organisation"]
    assert data["slug"] == "justice-centre"
    # The data file's (HSDS) names: a phone's type and description, the locations with their districts.
    assert data["contact"]["phones"][0] == {
        "number": "+852 3109 7359",
        "type": "voice",
        "description": data["contact"]["phones"][0]["description"],
    }
    assert data["contact"]["locations"][0]["district"] == "Central and Western"
    assert {"name", "alternate_names", "former_names", "status", "categories", "summary", "sources"} <= set(data)
    assert data["sources"][0]["url"].startswith("https://")


def test_show_by_name(invoke: Invoke) -> None:
    result = invoke("show", "Branches of Hope")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Branches of Hope  希望枝子  [branches-of-hope]")


def test_show_card_says_what_is_missing_and_advises_calling(invoke: Invoke) -> None:
    result = invoke("show", "branches-of-hope")
    assert "Phone:          not found in the sources" in result.stdout
    # the advice names each old detail by the date of its own source
    result = invoke("show", "refugee-union")
    advice = (
        "Check first:    Address and phone from an undated source; e-mail from 2019-03-04; opening hours from 2022: "
        "call to confirm"
    )
    assert advice in result.stdout


def test_show_unknown_suggests(invoke: Invoke) -> None:
    result = invoke("show", "justic-centr")
    assert result.exit_code == 0, result.output  # a clear winner is taken
    result = invoke("show", "zzzzzz")
    assert result.exit_code == 2
    assert "no organisation called 'zzzzzz'" in result.stderr


def test_show_ambiguous_exit_2_and_first(invoke: Invoke) -> None:
    result = invoke("show", "refugee")
    assert result.exit_code == 2
    # four: Grassroots Future is also known as "Refugee Week Hong Kong"
    assert "matches 4 organisations" in result.stderr and "--first" in result.stderr
    result = invoke("show", "refugee", "--first")
    assert result.exit_code == 0, result.output


def test_show_closed_organisation_says_closed(invoke: Invoke) -> None:
    result = invoke("show", "amnesty-hk")
    assert result.exit_code == 0, result.output
    assert "Status:         CLOSED: The local office closed on 31 October 2021" in result.stdout


def test_list_groups_by_category_and_leaves_out_closed(invoke: Invoke) -> None:
    result = invoke("list")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Legal:\n  justice-centre")
    assert "amnesty-hk" not in result.stdout
    assert "amnesty-hk" in invoke("list", "--include-closed").stdout


def test_list_json_and_category(invoke: Invoke) -> None:
    data = json.loads(invoke("list", "--category", "food", "--json").stdout)
    assert {"hkprobono_json_version", "categories", "organisations"} == set(data)
    assert all("food" in o["categories"] for o in data["organisations"])


def test_about_shows_legal_context_and_resources(invoke: Invoke) -> None:
    result = invoke("about")
    assert result.exit_code == 0, result.output
    assert "not a party to the 1951 Refugee Convention" in result.stdout
    assert "Numbers and origins of refugees hosted by Hong Kong" in result.stdout
    data = json.loads(invoke("about", "--json").stdout)
    assert {
        "hkprobono_json_version",
        "meta",
        "intro",
        "facts",
        "resources",
        "statistics",
        "figures",
        "data_in_use",
    } == set(data)


def test_data_option_and_env_var(invoke: Invoke) -> None:
    path = str(DATA_DIR / "minimal.toml")
    assert "alpha-legal" in invoke("--data", path, "list").stdout
    assert "alpha-legal" in invoke("list", env={"HKPROBONO_DATA": path}).stdout


def test_hostile_text_is_shown_literally(invoke: Invoke, unchecked: None) -> None:
    path = str(DATA_DIR / "hostile.toml")
    commands = (
        ["show", "alpha-legal"],
        ["search", "alpha"],
        ["search", "alpha", "--plain"],
        ["list"],
        ["list", "--plain"],
        ["show", "alpha-legal", "--json"],
        ["about"],
        ["usm", "steps"],
        ["usm", "steps", "--plain"],
        ["usm", "step", "1"],
        ["usm", "glossary"],
        ["usm", "glossary", "--json"],
    )
    for args in commands:
        result = invoke("--data", path, *args)
        assert result.exit_code == 0, result.output
        for raw in ("\x1b", "\x9b", "\u202e", "\x07"):
            assert raw not in result.stdout, (args, raw)
    assert "[bold red]Legal[/bold red]" in invoke("--data", path, "show", "alpha-legal").stdout
    assert "[blink]claim[/blink]" in invoke("--data", path, "usm", "steps").stdout
    for args in (["show", "alpha-legal"], ["usm", "steps"], ["usm", "glossary"], ["about"]):
        rich = invoke("--data", path, "--color", "always", *args).stdout
        assert "[blink]" in rich or "[bold red]" in rich or "[red]" in rich or "[bold]" in rich, args
        for raw in ("\x1b[2J", "\x9b", "\u202e", "\x07", "\x1b]0;"):
            assert raw not in rich, (args, raw)


def test_search_district_and_language_filters(invoke: Invoke) -> None:
    data = json.loads(invoke("search", "food", "--district", "sheung wan", "--json").stdout)["results"]
    assert [d["slug"] for d in data] == ["refugee-union"]
    data = json.loads(invoke("search", "legal", "--language", "french", "--json").stdout)["results"]
    assert [d["slug"] for d in data] == ["justice-centre"]


def test_version_fast_path_matches_the_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from hkprobono import entry

    monkeypatch.setattr("sys.argv", ["hkprobono", "--version"])
    entry.main()
    assert capsys.readouterr().out == f"hkprobono {__version__}\n"


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_encoding_without_chinese_or_dashes_is_not_a_crash(encoding: str) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": encoding}
    for args in (["show", "branches-of-hope"], ["search", "法律"], ["show", "refugee-union", "--qr"]):
        result = subprocess.run([sys.executable, "-m", "hkprobono", *args], capture_output=True, env=env, check=False)
        assert result.returncode == 0, (args, result.stderr)
        assert b"Traceback" not in result.stderr
    card = subprocess.run([sys.executable, "-m", "hkprobono", "show", "refugee-union"], capture_output=True, env=env)
    assert b"+852 9828 7176" in card.stdout
