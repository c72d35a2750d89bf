"""Shell completion: the fast path (hkprobono.completion) answers every request exactly as Typer does.

`completion_spec.py` is generated from the Typer app by this file: after changing a command or an
option, run `UPDATE_GOLDEN=1 pytest tests/test_completion.py` and commit the result."""

from __future__ import annotations

import functools
import itertools
import os
import pprint
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st
from typer._completion_classes import BashComplete, completion_init
from typer.core import TyperArgument, TyperGroup, TyperOption
from typer.testing import CliRunner
from typer.utils import get_params_from_function

from conftest import DATA_DIR
from hkprobono import completion
from hkprobono.cli import with_groups
from hkprobono.completion_spec import COMMANDS

app = with_groups()  # every command group, as the help and the docs see them
ROOT = Path(__file__).resolve().parent.parent
HELP = "Show this message and exit."
SPEC_FILE = ROOT / "src" / "hkprobono" / "completion_spec.py"
HEADER = '''"""The command tree for shell completion (hkprobono.completion), generated from the Typer app.

Do not edit: `UPDATE_GOLDEN=1 pytest tests/test_completion.py` writes it, and that test fails
while it is out of step with the commands."""

from typing import Any

COMMANDS: dict[tuple[str, ...], dict[str, Any]] = '''


def _kinds(info_app: typer.Typer) -> Iterator[tuple[tuple[str, ...], dict[str, str]]]:
    """Each command path's parameters that have an `autocompletion`, mapped to the kind of value."""

    def kinds(callback: Any) -> dict[str, str]:
        found = {}
        for name, meta in get_params_from_function(callback).items():
            func = getattr(meta.default, "autocompletion", None)
            if func is not None:
                kind = func.__name__.removeprefix("complete_")
                assert kind in completion.KINDS, f"{func.__name__}: teach hkprobono.completion.values this kind"
                found[name] = kind
        return found

    def walk(typer_app: typer.Typer, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], dict[str, str]]]:
        if typer_app.registered_callback and typer_app.registered_callback.callback:
            yield path, kinds(typer_app.registered_callback.callback)
        for command in typer_app.registered_commands:
            assert command.callback is not None
            yield (*path, command.name or command.callback.__name__), kinds(command.callback)
        for group in typer_app.registered_groups:
            assert group.name and group.typer_instance
            yield from walk(group.typer_instance, (*path, group.name))

    yield from walk(info_app, ())


def spec_of(typer_app: typer.Typer) -> dict[tuple[str, ...], dict[str, Any]]:
    kinds = dict(_kinds(typer_app))
    spec: dict[tuple[str, ...], dict[str, Any]] = {}

    def walk(command: Any, path: tuple[str, ...], parent: Any) -> None:
        ctx = command.make_context(path[-1] if path else "hkprobono", [], parent=parent, resilient_parsing=True)
        options, arguments = [], []
        for param in command.get_params(ctx):
            kind = kinds.get(path, {}).get(param.name or "")
            if kind is None:  # Click's own completion of the type: nothing, or the word itself (paths)
                probe = param.type.shell_complete(ctx, param, "probe")
                assert [item.value for item in probe] in ([], ["probe"]), param.name
                kind = "file" if probe else None
            if isinstance(param, TyperArgument):
                arguments.append((param.name, param.nargs, kind))
            else:  # an option: Typer's, or Click's own --help
                takes_value = not (param.is_flag or param.count)
                assert param.nargs == 1 or not takes_value, f"{param.name}: completion assumes one value"
                listed = isinstance(param, TyperOption) and not param.hidden  # Click lists only these
                opts = sorted(param.opts, key=len) if param.help == HELP else param.opts  # a set's order, in Click
                row = (tuple(opts), tuple(param.secondary_opts), takes_value, listed, param.multiple)
                options.append((*row, param.help, kind))
        assert len(arguments) <= 1, f"{path}: completion handles one argument per command"
        group = isinstance(command, TyperGroup)
        subcommands = getattr(command, "commands", {})
        spec[path] = {
            "group": group,
            "commands": tuple((n, c.get_short_help_str()) for n, c in subcommands.items() if not c.hidden),
            "hidden_commands": tuple(n for n, c in subcommands.items() if c.hidden),
            "options": tuple(options),
            "arguments": tuple(arguments),
        }
        for name, sub in subcommands.items():
            walk(sub, (*path, name), ctx)

    walk(typer.main.get_command(typer_app), (), None)
    return spec


def test_spec_is_generated_from_the_app() -> None:
    spec = spec_of(app)
    text = HEADER + pprint.pformat(spec, width=120, sort_dicts=False) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        SPEC_FILE.write_text(text, encoding="utf-8")
        subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(SPEC_FILE)], check=True)
    assert spec == COMMANDS, "completion_spec.py is out of date: UPDATE_GOLDEN=1 pytest tests/test_completion.py"


def test_help_texts_need_no_markup_rendering() -> None:
    # Typer passes zsh, fish and PowerShell help through Rich's markup renderer; ours has no markup,
    # so the fast path prints it as it is. This keeps it true.
    from typer._completion_classes import _sanitize_help_text

    helps = [h for node in COMMANDS.values() for _, h in node["commands"]]
    helps += [option[5] for node in COMMANDS.values() for option in node["options"] if option[5]]
    for text in helps:
        for variant in (text, completion._zsh(completion.Item("x", text)).split(":", 1)[1].strip('"')):
            assert _sanitize_help_text(variant) == variant


@functools.cache
def typer_completer() -> BashComplete:
    completion_init()
    return BashComplete(typer.main.get_command(app), {}, "hkprobono", "_HKPROBONO_COMPLETE")


def typer_items(args: list[str], incomplete: str) -> list[tuple[str, str | None]]:
    shell = typer_completer()  # the resolving is Click's and shared by every shell; only formats differ
    return [(item.value, item.help) for item in shell.get_completions(list(args), incomplete)]


def fast_items(args: list[str], incomplete: str) -> list[tuple[str, str | None]]:
    return [(item.value, item.help) for item in completion.complete(list(args), incomplete)]


def cases() -> Iterator[tuple[list[str], str]]:
    """Words before the cursor and the word being typed, over every command and option."""
    prefixes = ["", "-", "--", "--c", "-c", "=", "j", "fo", "s", "x", "--category=fo", "-cfo", "--json", "_"]
    leading = [[], ["--data", str(DATA_DIR / "minimal.toml")], ["--color", "never"], ["--bogus"], ["--no-pager"]]
    for path, node in COMMANDS.items():
        tails: list[list[str]] = [[]]
        for opts, _secondary, takes_value, *_ in node["options"]:
            tails.append([opts[0]])
            if takes_value:
                tails.append([opts[0], "fo"])
                tails.append([f"{opts[0]}=fo"])
                tails.append([opts[0], "--", "x"])
        for _name, _nargs, _kind in node["arguments"]:
            tails += [["justice-centre"], ["justice-centre", "--json"], ["a", "b"], ["--", "-x"]]
        for lead, tail, incomplete in itertools.product(leading, tails, prefixes):
            yield [*lead, *path, *tail], incomplete


def canonical(items: list[tuple[str, str | None]]) -> tuple[list[tuple[str, str | None]], list[str]]:
    # Click keeps the help option's names in a set, so "-h" and "--help" come in either order.
    return [i for i in items if i[1] != HELP], sorted(i[0] for i in items if i[1] == HELP)


def test_fast_path_completes_as_typer_does() -> None:
    checked = 0
    for args, incomplete in cases():
        assert canonical(fast_items(args, incomplete)) == canonical(typer_items(args, incomplete)), (args, incomplete)
        checked += 1
    assert checked > 1000


FISH = "_TYPER_COMPLETE_FISH_ACTION"


def _vocabulary() -> list[str]:
    words = {"--", "-", "=", "x", "legal", "justice-centre", "3", "-cfood", "--category=food", "--bogus", "-z"}
    for path, node in COMMANDS.items():
        words.update(path)
        for opts, secondary, *_ in node["options"]:
            words.update((*opts, *secondary))
    return sorted(words)


@settings(max_examples=400, deadline=None)
@given(
    args=st.lists(st.sampled_from(_vocabulary()) | st.text(max_size=4), max_size=6),
    incomplete=st.sampled_from(["", "-", "--", "--c", "j", "s", "="]) | st.text(max_size=4),
)
def test_fast_path_matches_typer_for_any_words(args: list[str], incomplete: str) -> None:
    assert canonical(fast_items(args, incomplete)) == canonical(typer_items(args, incomplete))


SHELL_REQUESTS = [
    ("bash", {"COMP_WORDS": "hkprobono show jus", "COMP_CWORD": "2"}),
    ("bash", {"COMP_WORDS": "hkprobono ", "COMP_CWORD": "1"}),
    ("bash", {"COMP_WORDS": "hkprobono usm step 3", "COMP_CWORD": "4"}),
    ("bash", {"COMP_WORDS": "hkprobono 'sh", "COMP_CWORD": "1"}),
    ("zsh", {"_TYPER_COMPLETE_ARGS": "hkprobono list --category fo"}),
    ("zsh", {"_TYPER_COMPLETE_ARGS": "hkprobono "}),
    ("zsh", {"_TYPER_COMPLETE_ARGS": "hkprobono search --j"}),
    ("zsh", {"_TYPER_COMPLETE_ARGS": "hkprobono search legal "}),
    ("fish", {"_TYPER_COMPLETE_ARGS": "hkprobono usm ", FISH: "get-args"}),
    ("fish", {"_TYPER_COMPLETE_ARGS": "hkprobono sh", FISH: "get-args"}),
    ("fish", {"_TYPER_COMPLETE_ARGS": "hkprobono search q ", FISH: "get-args"}),
    ("fish", {"_TYPER_COMPLETE_ARGS": "hkprobono show ", FISH: "is-args"}),
    ("fish", {"_TYPER_COMPLETE_ARGS": "hkprobono search q ", FISH: "is-args"}),
    ("powershell", {"_TYPER_COMPLETE_ARGS": "hkprobono export ", "_TYPER_COMPLETE_WORD_TO_COMPLETE": ""}),
    ("pwsh", {"_TYPER_COMPLETE_ARGS": "hkprobono show b", "_TYPER_COMPLETE_WORD_TO_COMPLETE": "b"}),
]


@pytest.mark.parametrize(("shell", "words"), SHELL_REQUESTS, ids=lambda v: v if isinstance(v, str) else str(v))
def test_each_shell_gets_typers_exact_output(
    shell: str, words: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("COMP_WORDS", "COMP_CWORD", "_TYPER_COMPLETE_ARGS", FISH, "_TYPER_COMPLETE_WORD_TO_COMPLETE"):
        monkeypatch.delenv(name, raising=False)
    env = {"_HKPROBONO_COMPLETE": f"complete_{shell}", **words}
    result = CliRunner().invoke(app, [], env=env, prog_name="hkprobono")
    assert completion.answer(env) == (result.stdout, result.exit_code)


def test_a_malformed_request_is_not_a_crash() -> None:
    for words in ({"COMP_WORDS": "hkprobono sh", "COMP_CWORD": "x"}, {"COMP_CWORD": "9"}, {}):
        answered = completion.answer({"_HKPROBONO_COMPLETE": "complete_bash", **words})
        assert answered is not None and answered[1] == 0
    assert completion.answer({"_HKPROBONO_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "hkprobono 'unclosed"})


def test_other_instructions_are_left_to_typer() -> None:
    assert completion.answer({"_HKPROBONO_COMPLETE": "source_bash"}) is None
    assert completion.answer({"_HKPROBONO_COMPLETE": "complete_tcsh"}) is None
    assert completion.answer({}) is None


def test_completion_honours_data_option() -> None:
    data = str(DATA_DIR / "minimal.toml")
    assert fast_items(["--data", data, "show"], "") == [("alpha-legal", None), ("beta-food", None)]
    assert fast_items(["--data", str(DATA_DIR / "missing.toml"), "show"], "") == []
