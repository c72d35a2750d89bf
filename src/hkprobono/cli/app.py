"""The hkprobono command line: the root command, its global options, and a lazy command table.

Commands are imported and built only when a run needs them, with Click's documented lazy-group
pattern: `hkprobono search` builds one command, `--help` builds them all."""

import importlib
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperGroup

from hkprobono import __version__
from hkprobono.cli.options import EXIT_CODES_HELP, HELP_CONTEXT, state

# name: (module, attribute). An attribute is a Typer app (a group) or a command function.
COMMANDS: dict[str, tuple[str, str]] = {
    "search": ("hkprobono.cli.search", "search"),
    "show": ("hkprobono.cli.lookup", "show"),
    "list": ("hkprobono.cli.lookup", "list_"),
    "about": ("hkprobono.cli.lookup", "about"),
    "open": ("hkprobono.cli.lookup", "open_"),
    "districts": ("hkprobono.cli.lookup", "districts"),
    "handout": ("hkprobono.cli.handout", "handout"),
    "usm": ("hkprobono.cli.usm", "app"),
    "export": ("hkprobono.cli.export", "app"),
    "data": ("hkprobono.cli.data", "app"),
}
# More command modules whose commands join a group, so no command module grows past one job.
PARTS: dict[str, tuple[str, ...]] = {"data": ("hkprobono.cli.record",)}
# Global options a user may also give after the command ("hkprobono list --no-pager").
GLOBAL_VALUE_OPTIONS = ("--data", "--color")
GLOBAL_FLAGS = ("--no-pager",)
CONTEXT = HELP_CONTEXT
# Typer gives every command it builds these; they belong to the root command only.
ROOT_ONLY = ("install_completion", "show_completion")


class Argument(TyperArgument):
    """An argument shown in usage as its metavar (QUERY..., SLUG), or [METAVAR] when optional,
    never in Typer's braces ({QUERY...})."""

    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
        if self.metavar is None:
            return super().make_metavar(ctx, usage=usage)
        if usage and not self.required and not self.metavar.startswith("["):
            return f"[{self.metavar}]"
        return self.metavar


def summary(help_text: str) -> str:
    """A command's one-line summary: the first sentence of its help, whole (Click would cut it at
    the width left, with "...")."""
    first = " ".join(help_text.split("\n\n", 1)[0].split())
    end = first.find(". ")
    return first[: end + 1] if end != -1 else first


def tidy(command: Any, *, root: bool = False) -> Any:
    """Conventional help for a built command and its subcommands: whole summaries, plain metavars,
    the completion options on the root command only."""
    if command.help and not command.short_help:
        command.short_help = summary(command.help)
    if not root:
        command.params = [p for p in command.params if p.name not in ROOT_ONLY]
    for param in command.params:
        if type(param) is TyperArgument:
            param.__class__ = Argument
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)
    return command


def build(name: str) -> Any:
    module, attribute = COMMANDS[name]
    target = getattr(importlib.import_module(module), attribute)
    if isinstance(target, typer.Typer):
        group = typer.main.get_command(target)
        for part in PARTS.get(name, ()):
            extra = typer.main.get_command(importlib.import_module(part).app)
            for command in getattr(extra, "commands", {}).values():
                group.add_command(command)  # type: ignore[attr-defined]
        return tidy(group)
    single = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
    single.command(name, context_settings=CONTEXT)(target)
    return tidy(typer.main.get_command(single))


def hoist(args: list[str]) -> list[str]:
    """Move global options found after the command to the front, where Click looks for them."""
    front: list[str] = []
    rest: list[str] = []
    words = iter(args)
    for word in words:
        if word == "--":
            rest += [word, *words]
            break
        option = word.split("=", 1)[0]
        if option in GLOBAL_VALUE_OPTIONS:
            front.append(word)
            if "=" not in word:
                value = next(words, None)
                if value is not None:
                    front.append(value)
        elif word in GLOBAL_FLAGS:
            front.append(word)
        else:
            rest.append(word)
    return front + rest


class LazyGroup(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return build(cmd_name) if cmd_name in COMMANDS else None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """A mistyped command ("serch") gets Typer's "Did you mean 'search'?", as the groups under
        it do. Typer picks the names from the group's table, which a lazy group fills only as it
        builds commands: fill it on that path alone, the only one that needs every name."""
        if args and args[0] not in COMMANDS and not args[0].startswith("-"):
            self.commands.update({name: build(name) for name in COMMANDS})
        return super().resolve_command(ctx, args)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        parsed: list[str] = super().parse_args(ctx, hoist(args))
        return parsed


app = typer.Typer(
    name="hkprobono",
    cls=LazyGroup,
    help=(
        "Offline directory of pro bono and support organisations for refugees and asylum seekers "
        "in Hong Kong, with a plain-language guide to the USM.\n\n"
        "Examples: hkprobono search legal; hkprobono show justice-centre; hkprobono usm steps\n\n"
        f"{EXIT_CODES_HELP}"
    ),
    context_settings=CONTEXT,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # completion parses the words too; it must not print this
        typer.echo(f"hkprobono {__version__}")
        raise typer.Exit()


def _complete_color(incomplete: str) -> list[str]:
    from hkprobono.render.present import COLOR_CHOICES

    return [c for c in COLOR_CHOICES if c.startswith(incomplete)]


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            metavar="FILE",
            envvar="HKPROBONO_DATA",
            help="Use this directory file instead of the bundled one.",
        ),
    ] = None,
    color: Annotated[
        str,
        typer.Option(
            "--color",
            metavar="[auto|always|never]",
            help="auto (terminal, NO_COLOR, FORCE_COLOR, TERM=dumb), always or never.",
            autocompletion=_complete_color,
        ),
    ] = "auto",
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Never send long output through a pager.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Examples: hkprobono search legal; hkprobono usm steps"""
    from hkprobono.render.present import COLOR_CHOICES

    if color not in COLOR_CHOICES:
        raise typer.BadParameter("must be auto, always or never", param_hint="--color")
    st = state(ctx)
    st.data, st.color, st.pager = data, color, not no_pager


def main(args: list[str] | None = None) -> None:
    """The console entry point. Typer's standalone mode turns usage errors into exit 2 and Ctrl-C
    into 130; the commands turn their own errors into their codes. Runs any number of times in one
    process: nothing global is changed."""
    typer.main.get_command(app).main(args=args, prog_name="hkprobono")
