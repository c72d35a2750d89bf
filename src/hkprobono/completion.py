"""Shell completion answered without loading Typer, whose import alone is most of a completion's time.

The shells call `hkprobono` with `_HKPROBONO_COMPLETE=complete_<shell>` on every Tab. This module
answers those calls from `completion_spec` (the command tree, generated from the Typer app and kept
in step with it by tests/test_completion.py) by the rules Click and Typer use: which command the
words name, which option or argument the word being typed belongs to, and each shell's format.
Anything else (`source_<shell>`, an unknown shell) returns None and goes to Typer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from hkprobono.completion_spec import COMMANDS

KINDS = ("slug", "category")  # the values the directory supplies; "file" echoes the word, as Click does
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")

# A node of COMMANDS: {"group": bool, "commands": ((name, short help), ...) for visible subcommands,
# "hidden_commands": (name, ...), "options": (Option, ...), "arguments": (Argument, ...)}.
# Option: (opts, secondary_opts, takes_value, listed, multiple, help, kind).
# Argument: (name, nargs, kind). `listed` is False for hidden options and Click's own non-Typer ones.


class Item(NamedTuple):
    value: str
    help: str | None = None


class _Parsed(NamedTuple):
    given: frozenset[str]  # options and arguments given on the command line, by first name
    values: dict[str, str]  # the last value given to each option that takes one
    rest: list[str]  # what is left for a subcommand


class _Stop(Exception):
    """Click stops parsing at a usage error and keeps what it had; so do we."""


def answer(environ: Mapping[str, str]) -> tuple[str, int] | None:
    """What to print and the exit code for a completion request, or None to leave it to Typer."""
    instruction = environ.get("_HKPROBONO_COMPLETE", "")
    action, _, shell = instruction.partition("_")
    if action != "complete" or shell not in SHELLS:
        return None
    args, incomplete = _words(shell, environ)
    items = complete(args, incomplete)
    if shell == "bash":
        lines = [item.value for item in items]
    elif shell == "zsh":
        lines = [f"_arguments '*: :(({chr(10).join(_zsh(item) for item in items)}))'" if items else "_files"]
    elif shell == "fish":
        if environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
            return "", 0 if items else 1  # 1 lets fish offer file names instead
        get_args = environ.get("_TYPER_COMPLETE_FISH_ACTION") == "get-args"
        lines = [_fish(item) for item in items] if get_args else []
    else:
        lines = [f"{item.value}:::{item.help or ' '}" for item in items]
    return "\n".join(lines) + "\n", 0


def _words(shell: str, environ: Mapping[str, str]) -> tuple[list[str], str]:
    if shell == "bash":
        words = _split(environ.get("COMP_WORDS", ""))
        given = environ.get("COMP_CWORD", "")
        cword = int(given) if given.isdigit() else len(words)  # never a traceback on a bad shell variable
        return words[1:cword], words[cword] if cword < len(words) else ""
    typed = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = _split(typed)
    if shell in ("powershell", "pwsh"):
        incomplete = environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
        return (words[1:-1] if incomplete else words[1:]), incomplete
    args = words[1:]
    if args and not typed.endswith(" "):
        return args[:-1], args[-1]
    return args, ""


def _split(text: str) -> list[str]:
    import shlex

    lex = shlex.shlex(text, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    out: list[str] = []
    try:
        out.extend(lex)
    except ValueError:  # an unclosed quote: the partial word is still a word
        out.append(lex.token)
    return out


def _zsh(item: Item) -> str:
    def escape(text: str) -> str:
        return text.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")

    return f'"{escape(item.value)}":"{escape(item.help)}"' if item.help else f'"{escape(item.value)}"'


def _fish(item: Item) -> str:
    # Typer's re.sub(r"\s", " ", help), without compiling a regex on every Tab.
    return f"{item.value}\t{''.join(' ' if ch.isspace() else ch for ch in item.help)}" if item.help else item.value


def complete(args: Sequence[str], incomplete: str) -> list[Item]:
    """What the word being typed can become, given the words before it."""
    node, parsed, data = _resolve(list(args))
    args = list(args)
    if incomplete == "=":
        incomplete = ""
    elif "=" in incomplete and incomplete.startswith("-"):
        name, _, incomplete = incomplete.partition("=")
        args.append(name)
    if "--" not in args and incomplete.startswith("-"):
        return _node_items(node, parsed, incomplete)
    last = args[-1] if args else ""
    if last.startswith("-"):
        for opts, _secondary, takes_value, _listed, _multiple, _help, kind in node["options"]:
            if takes_value and last in opts:
                return _values(kind, incomplete, data)
    for name, nargs, kind in node["arguments"]:
        if nargs == -1 or name not in parsed.given:
            return _values(kind, incomplete, data)
    return _node_items(node, parsed, incomplete)


def _resolve(args: list[str]) -> tuple[dict[str, Any], _Parsed, str | None]:
    """The command the words name, how its own words parse, and the root's --data value."""
    path: tuple[str, ...] = ()
    node = COMMANDS[path]
    parsed = _parse(node, args)
    data = parsed.values.get("--data")
    while node["group"] and parsed.rest:
        name = parsed.rest[0]
        names = {n for n, _ in node["commands"]} | set(node["hidden_commands"])
        if name not in names:
            break
        path += (name,)
        node = COMMANDS[path]
        parsed = _parse(node, parsed.rest[1:])
    return node, parsed, data


def _parse(node: dict[str, Any], args: list[str]) -> _Parsed:
    """Click's option parser, in resilient mode, reduced to what completion needs."""
    long_opts: dict[str, tuple[str, bool]] = {}
    short_opts: dict[str, tuple[str, bool]] = {}
    for opts, secondary, takes_value, _listed, _multiple, _help, _kind in node["options"]:
        for opt in (*opts, *secondary):
            # Click's rule: one prefix character and one name character make a short option.
            table = short_opts if len(opt) == 2 else long_opts
            table[opt] = (opts[0], takes_value)
    given: set[str] = set()
    values: dict[str, str] = {}
    rargs, largs = list(args), []

    def take(first: str, takes_value: bool, explicit: str | None) -> None:
        if takes_value:
            if explicit is not None:
                rargs.insert(0, explicit)
            if not rargs:
                raise _Stop
            values[first] = rargs.pop(0)
        elif explicit is not None:
            raise _Stop
        given.add(first)

    try:
        while rargs:
            arg = rargs.pop(0)
            if arg == "--":
                break
            if arg.startswith("-") and len(arg) > 1:
                name, eq, value = arg.partition("=")
                if name in long_opts:
                    take(*long_opts[name], value if eq else None)
                elif arg[:2] == "--":
                    raise _Stop
                else:
                    for i, ch in enumerate(arg[1:], start=2):
                        if f"-{ch}" not in short_opts:
                            raise _Stop
                        first, takes_value = short_opts[f"-{ch}"]
                        if takes_value and i < len(arg):
                            take(first, True, arg[i:])
                            break
                        take(first, takes_value, None)
            elif node["group"]:
                rargs.insert(0, arg)
                break
            else:
                largs.append(arg)
    except _Stop:
        return _Parsed(frozenset(given), values, largs)
    positional = largs + rargs
    for name, nargs, _kind in node["arguments"]:  # at most one per command (the spec test checks)
        if nargs == -1 or positional:
            given.add(name)
    return _Parsed(frozenset(given), values, positional)


def _node_items(node: dict[str, Any], parsed: _Parsed, incomplete: str) -> list[Item]:
    items = [Item(name, help_) for name, help_ in node["commands"] if name.startswith(incomplete)]
    if incomplete and not incomplete[0].isalnum():
        for opts, secondary, _takes_value, listed, multiple, help_, _kind in node["options"]:
            if listed and (multiple or opts[0] not in parsed.given):
                items.extend(Item(name, help_) for name in (*opts, *secondary) if name.startswith(incomplete))
    return items


def _values(kind: str | None, incomplete: str, data: str | None) -> list[Item]:
    if kind == "file":
        return [Item(incomplete)]
    if kind in KINDS:
        return [Item(value) for value in values(kind, incomplete, data)]
    return []


def values(kind: str, incomplete: str, data: str | None = None) -> list[str]:
    """Slugs or category ids from the directory (--data, else $HKPROBONO_DATA, else the bundled one)
    that start with what has been typed; none when the directory cannot be opened."""
    from hkprobono.errors import HkProBonoError
    from hkprobono.store import open_catalog

    try:
        directory = open_catalog(data).directory
    except HkProBonoError:
        return []
    if kind == "slug":
        return [slug for slug in directory.slugs if slug.startswith(incomplete)]
    return [c.id for c in directory.categories if c.id.startswith(incomplete)]
