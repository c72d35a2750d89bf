"""cli/spelling.py: the CLI turns references into commands ("see 'hkprobono show iss-hk'"); no
module outside cli/ spells a command or a flag."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, TESTS, Invoke
from hkprobono.cli.spelling import spell
from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import load
from hkprobono.model import Directory, Ref


def test_a_terminal_spells_the_references(invoke: Invoke) -> None:
    out = invoke("usm", "glossary", "ISS-HK").stdout
    assert "Delivers humanitarian assistance to non-refoulement claimants. See 'hkprobono show iss-hk'." in out
    out = invoke("usm").stdout
    assert "See 'hkprobono show justice-centre', 'hkprobono show duty-lawyer-service' and 'hkprobono usm steps'." in out


def test_every_list_has_a_command(directory: Directory) -> None:
    assert spell(Ref("org", "")) == "hkprobono list"
    assert spell(Ref("deadline", "")) == "hkprobono usm deadlines"
    assert spell(Ref("check", "")) == "hkprobono data check"
    assert spell(Ref("check", "my file.toml")) == "hkprobono data check 'my file.toml'"


def test_error_hints_name_a_reference_the_cli_spells(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("usm", "step", "99")
    assert result.stderr.splitlines()[1] == "steps are numbered 1 to 14: see 'hkprobono usm steps'"
    with pytest.raises(HkProBonoError) as raised:
        load(TESTS / "data" / "broken" / "many_problems.toml")
    assert raised.value.see is not None and Ref(*raised.value.see).kind == "check"
    assert "hkprobono" not in raised.value.message


SRC = ROOT / "src" / "hkprobono"
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
