"""The layer contract, read from the source with ast: who may import and print what.

- typer only under cli/; rich only under render/;
- loading, search, content, export and the domain modules never import cli or render;
- printing (print, sys.stdout/stderr writes) only in render/ and the console entry point;
- package __init__ files stay empty, so lazy imports keep working; no module over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "hkprobono"
MODULES = sorted(PACKAGE.rglob("*.py"))
PRINTING = {"render", "entry.py"}


def layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.name


def imports(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def prints(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if (isinstance(func, ast.Name) and func.id == "print") or (
                isinstance(func, ast.Attribute)
                and func.attr == "write"
                and isinstance(func.value, ast.Attribute)
                and func.value.attr in ("stdout", "stderr")
            ):
                lines.append(node.lineno)
    return lines


def parsed(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_the_package_has_its_layers_as_folders() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert {"cli", "loading", "search", "content", "render", "export"} <= folders
    assert not (PACKAGE / "data").exists(), "the bundled data lives at the top, not behind a symlink"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layer_contract(path: Path) -> None:
    tree = parsed(path)
    names = imports(tree)
    where = layer(path)
    if where != "cli":
        assert not any(n == "typer" or n.startswith("typer.") for n in names), "typer outside cli/"
    if where != "render":
        assert not any(n == "rich" or n.startswith("rich.") for n in names), "rich outside render/"
    if where not in ("cli", "render", "entry.py"):
        forbidden = [n for n in names if n.startswith(("hkprobono.cli", "hkprobono.render"))]
        assert not forbidden, f"core module imports {forbidden}"
    if where not in PRINTING:
        assert not prints(tree), f"prints at lines {prints(tree)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_are_small_and_inits_empty(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= 400, "split it by job"
    if path.name == "__init__.py" and path.parent != PACKAGE:
        assert not text.strip(), "package __init__ files stay empty"


def test_only_the_console_entry_point_handles_the_version_before_typer() -> None:
    tree = parsed(PACKAGE / "entry.py")
    assert "typer" not in {n.split(".")[0] for n in imports(tree)}
