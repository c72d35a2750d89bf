"""The layer contract, read from the source with ast: who may import and print what.

- typer only under cli/; rich only under render/;
- the layers stand in one total order (LAYERS), and a module imports only from its own layer or
  those below it, function-level and type-only imports included;
- no import cycles between modules; command modules in cli/ never import each other;
- printing (print, sys.stdout/stderr writes) only in render/ and the console entry point;
- package __init__ files stay empty, so lazy imports keep working; no module over 400 lines."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "hkprobono"
MODULES = sorted(PACKAGE.rglob("*.py"))
PRINTING = {"render", "entry.py"}
# Lowest first. The small domain modules at the root, then each package above what it uses;
# channel (signed data updates: keys, publish, update, install) uses loading and safewrite only.
LAYERS = (
    "__init__.py", "errors.py", "record.py", "text.py", "model.py", "freshness.py", "safewrite.py",
    "loading", "usm", "search", "content", "maintain", "channel", "export", "render", "cli", "entry.py",
    "__main__.py",
)  # fmt: skip
# cli/ modules that every command shares; the rest are command modules, one per command group.
CLI_SHARED = {"app.py", "options.py", "catalog.py", "card.py", "spelling.py"}


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


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = ["hkprobono", *rel.parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def own_imports(path: Path) -> set[str]:
    """The hkprobono modules `path` imports, by module name (a `from pkg import mod` names the module)."""
    known = {module_name(p) for p in MODULES}
    found = set()
    for name in imports(parsed(path)):
        if name in known:
            found.add(name)
        elif name.rpartition(".")[0] in known and name.startswith("hkprobono."):
            found.add(name.rpartition(".")[0])
    return found - {module_name(path)}


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__.py"
    return parts[1] if len(parts) > 2 or parts[1] in LAYERS else parts[1] + ".py"


def test_the_package_has_its_layers_as_folders() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert {"cli", "loading", "usm", "search", "content", "maintain", "render", "export"} <= folders
    listed = set(LAYERS)
    present = {layer(p) for p in MODULES}
    assert present <= listed, f"place {sorted(present - listed)} in LAYERS"
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
    rank = LAYERS.index(where)
    upward = sorted(m for m in own_imports(path) if LAYERS.index(layer_of(m)) > rank)
    assert not upward, f"{where} imports from a layer above it: {upward}"
    if where == "cli" and path.name not in CLI_SHARED:
        others = sorted(
            m for m in own_imports(path) if m.startswith("hkprobono.cli.") and m.split(".")[2] + ".py" not in CLI_SHARED
        )
        assert not others, f"a command module imports another: {others}"
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


def test_no_import_cycles() -> None:
    graph = {module_name(p): own_imports(p) for p in MODULES}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, set())):
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_only_cli_spells_a_reference_as_a_command() -> None:
    from hkprobono.cli.spelling import spell
    from hkprobono.model import Ref
    from hkprobono.render.spell import no_command

    assert spell(Ref("org", "iss-hk")) == "hkprobono show iss-hk"
    assert spell(Ref("step", "8")) == "hkprobono usm step 8"
    assert spell(Ref("term", "non-refoulement claim")) == "hkprobono usm glossary 'non-refoulement claim'"
    assert spell(Ref("deadline", "appeal")) == "hkprobono usm deadline appeal --from DATE"
    assert spell(Ref("district", "wan chai")) == "hkprobono search legal --district 'wan chai'"
    assert no_command(Ref("org", "iss-hk")) == ""


# A flag ("--first") or a command ("hkprobono list") in a string the core builds; docstrings may
# name them, for the developer.
SPELLED = re.compile(
    r"(?<![\w-])--[a-z][a-z-]+|\bhkprobono (?:show|search|list|usm|data|export|about|open|districts|handout)\b"
)


def spelled_commands(path: Path) -> list[str]:
    tree = parsed(path)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value[:60]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and SPELLED.search(node.value)
    ]


def test_commands_and_options_are_spelled_only_in_cli() -> None:
    """The core names what to look at as a `Ref`, and an option to add as Ref("option", name);
    cli/spelling.py spells them. (entry.py reads sys.argv before the CLI exists.)"""
    core = [p for p in MODULES if layer(p) not in ("cli", "entry.py", "__main__.py")]
    assert [hit for p in core for hit in spelled_commands(p)] == []
