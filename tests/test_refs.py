"""References instead of commands (issue 21): the data names what a text points to by slug or id, loading
checks that it exists, and only the CLI spells it: a command on a terminal, a link in HTML, nothing on paper."""

from __future__ import annotations

import copy
import io
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import Invoke
from hkprobono.cli.spelling import spell
from hkprobono.content import guide as views
from hkprobono.content.handout import directory_json
from hkprobono.errors import HkProBonoError
from hkprobono.freshness import today
from hkprobono.loading import refs
from hkprobono.loading.source import load
from hkprobono.loading.validate import build
from hkprobono.maintain.check import check
from hkprobono.model import Directory, Ref
from hkprobono.render.plain import PlainRenderer
from hkprobono.render.spell import see_also, see_words
from hkprobono.render.terminal import RichRenderer

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "directory.toml"
COMMAND = re.compile(r"hkprobono (show|search|list|usm|export|about|open|data|districts)\b")


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return tomllib.loads(BUNDLED.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("iss-hk", Ref("org", "iss-hk")),
        ("step:8", Ref("step", "8")),
        ("term:TCAB", Ref("term", "TCAB")),
        ("term:Leave (for judicial review)", Ref("term", "Leave (for judicial review)")),
        ("deadline:appeal", Ref("deadline", "appeal")),
        ("ISS-HK", None),  # not a slug
        ("org:iss-hk", None),  # an organisation is named by its slug alone
        ("step:", None),
        ("deadline: appeal", None),
        ("hkprobono show iss-hk", None),
    ],
)
def test_a_reference_is_a_slug_or_kind_and_key(text: str, ref: Ref | None) -> None:
    assert refs.parse(text) == ref


@pytest.mark.parametrize(
    ("where", "bad", "message"),
    [
        ("step", "no-such-org", "no organisation has the slug 'no-such-org'"),
        ("step", "step:99", "the USM guide has no step '99'"),
        ("term", "term:no such term", "the glossary has no term 'no such term'"),
        ("term", "deadline:appeel", "no deadline has the kind 'appeel'"),
        ("overview", "hkprobono show iss-hk", "is not a reference"),
    ],
)
def test_a_reference_to_nothing_is_a_load_error(raw: dict[str, Any], where: str, bad: str, message: str) -> None:
    data = copy.deepcopy(raw)
    usm = data["usm"]
    target = {"step": usm["steps"][0], "term": usm["glossary"][0], "overview": usm}[where]
    target["overview_see" if where == "overview" else "see"] = [bad]
    _, problems = build(data)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert len(errors) == 1 and message in errors[0], errors
    assert "see" in errors[0]  # it names the field


def test_a_term_is_found_in_any_case(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["usm"]["steps"][0]["see"] = ["term:tcab", "step:8", "deadline:jr"]
    directory, problems = build(data)
    assert problems == []
    assert directory.guide is not None and directory.guide.steps[0].see[0] == Ref("term", "tcab")


def test_the_bundled_data_spells_no_command_and_every_reference_exists(directory: Directory) -> None:
    """Every text that named a command before names its target in `see` instead."""
    text = BUNDLED.read_text(encoding="utf-8")
    assert not COMMAND.search(text), COMMAND.search(text)
    guide = directory.guide
    assert guide is not None
    pointed = [*guide.overview_see, *(r for s in guide.steps for r in s.see)]
    pointed += [r for t in guide.glossary for r in t.see]
    assert {r.kind for r in pointed} == {"org", "deadline", "term"} and len(pointed) == 17
    assert not list(refs.missing(directory))


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


def test_json_carries_references_not_commands(invoke: Invoke, directory: Directory) -> None:
    document = json.dumps(directory_json(directory))
    assert not COMMAND.search(document)
    term = json.loads(invoke("usm", "glossary", "ISS-HK", "--json").stdout)["terms"][0]
    assert term["explanation"] == "Delivers humanitarian assistance to non-refoulement claimants."
    assert term["see"] == [{"kind": "org", "key": "iss-hk"}]
    step = json.loads(invoke("usm", "step", "8", "--json").stdout)["step"]
    assert step["see"] == [{"kind": "deadline", "key": "appeal"}]
    for args in (["usm", "--json"], ["usm", "steps", "--json"], ["usm", "glossary", "--json"], ["about", "--json"]):
        assert not COMMAND.search(invoke(*args).stdout), args


def test_a_terminal_spells_the_references(invoke: Invoke) -> None:
    out = invoke("usm", "glossary", "ISS-HK").stdout
    assert "Delivers humanitarian assistance to non-refoulement claimants. See 'hkprobono show iss-hk'." in out
    out = invoke("usm").stdout
    assert "See 'hkprobono show justice-centre', 'hkprobono show duty-lawyer-service' and 'hkprobono usm steps'." in out


def test_rich_views_spell_the_references_in_full(directory: Directory) -> None:
    from rich.console import Console

    buffer = io.StringIO()
    renderer = RichRenderer(Console(file=buffer, width=80, force_terminal=True, highlight=False), spell=spell)
    guide = directory.guide
    assert guide is not None
    step = next(s for s in guide.steps if s.number == 9)
    renderer.step(views.step_view(directory, step, today()))
    renderer.terms(views.terms_view(guide.glossary, today()))
    text = re.sub(r"\s+", " ", re.sub(r"\x1b\[[0-9;]*m", "", buffer.getvalue()))
    assert "See 'hkprobono usm deadline jr --from DATE'." in text
    assert "See 'hkprobono show unhcr'." in text
    assert text.count("See '") == sum(1 for t in guide.glossary if t.see) + 1


@pytest.mark.parametrize("width", [30, 40, 60, 80, 120])
def test_a_terminal_never_breaks_a_command_across_lines(directory: Directory, width: int) -> None:
    from rich.console import Console

    buffer = io.StringIO()
    renderer = RichRenderer(Console(file=buffer, width=width, force_terminal=True, highlight=False), spell=spell)
    guide = directory.guide
    assert guide is not None
    renderer.steps(views.steps_view(directory, guide, today()))
    renderer.terms(views.terms_view(guide.glossary, today()))
    renderer.page(views.overview_view(guide, today()))
    lines = re.sub(r"\x1b\[[0-9;]*m", "", buffer.getvalue()).splitlines()
    refs_shown = [*guide.overview_see, Ref("step", ""), *(r for s in guide.steps for r in s.see)]
    for ref in [*refs_shown, *(r for t in guide.glossary for r in t.see)]:
        assert any(f"'{spell(ref)}'" in line for line in lines), (width, ref)


def test_without_a_command_line_references_read_as_nothing(directory: Directory) -> None:
    """A library caller (no spell hook) gets the text alone, never a dangling "See"."""
    out = io.StringIO()
    guide = directory.guide
    assert guide is not None
    PlainRenderer(out).terms(views.terms_view(guide.glossary, today()))
    PlainRenderer(out).page(views.overview_view(guide, today()))
    assert "See" not in out.getvalue() and "hkprobono" not in out.getvalue()


def test_see_also_lists_what_can_be_spelled() -> None:
    assert see_also([], spell) == ""
    assert see_also([Ref("org", "a")], spell) == "See 'hkprobono show a'."
    assert see_also([Ref("org", "a"), Ref("step", ""), Ref("term", "NCF")], spell) == (
        "See 'hkprobono show a', 'hkprobono usm steps' and 'hkprobono usm glossary NCF'."
    )
    assert see_also([Ref("nothing", "x")], spell) == ""
    assert see_words([Ref("org", "a"), Ref("org", "b"), Ref("org", "c")], spell) == [
        "See", "'hkprobono show a',", "'hkprobono show b'", "and", "'hkprobono show c'.",
    ]  # fmt: skip


def test_every_list_has_a_command(directory: Directory) -> None:
    assert spell(Ref("org", "")) == "hkprobono list"
    assert spell(Ref("deadline", "")) == "hkprobono usm deadlines"
    assert spell(Ref("check", "")) == "hkprobono data check"
    assert spell(Ref("check", "my file.toml")) == "hkprobono data check 'my file.toml'"


def test_error_hints_name_a_reference_the_cli_spells(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("usm", "step", "99")
    assert result.stderr.splitlines()[1] == "steps are numbered 1 to 14: see 'hkprobono usm steps'"
    with pytest.raises(HkProBonoError) as raised:
        load(Path(__file__).parent / "data" / "broken" / "many_problems.toml")
    assert raised.value.see is not None and Ref(*raised.value.see).kind == "check"
    assert "hkprobono" not in raised.value.message


SRC = Path(__file__).resolve().parent.parent / "src" / "hkprobono"
# The modules of this change (the guide's pages, about, the whole-directory exports, loading and the
# maintainer tools): none spells a command or a flag in a string it builds; only cli/ does.
SPELLING_FREE = [
    "content/guide.py", "content/handout.py", "content/pages.py", "content/about.py", "export/html.py",
    "export/hsds.py", "export/qr.py", *(f"loading/{p.name}" for p in (SRC / "loading").glob("*.py")),
    *(f"maintain/{p.name}" for p in (SRC / "maintain").glob("*.py")),
]  # fmt: skip
SPELLED = re.compile(r"hkprobono (show|search|list|usm|export|about|open|data|districts)\b|(^|[\s'\"(])--[a-z]")


@pytest.mark.parametrize("module", SPELLING_FREE)
def test_no_command_or_flag_is_spelled_outside_cli(module: str) -> None:
    import ast

    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    docstrings = set()  # what a module, class or function says about itself may name its command
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            assert not SPELLED.search(node.value), (module, node.lineno, node.value)
