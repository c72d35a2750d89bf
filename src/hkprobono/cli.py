"""The hkprobono command line: each command parses options, calls the core, hands the result on.

No `from __future__ import annotations` in the cli modules: Typer evaluates every string
annotation of every command at start-up, which tripled the time it takes to build the commands."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hkprobono import __version__
from hkprobono.cli_support import (
    EXIT_CODES_HELP,
    JsonOpt,
    check_category,
    complete_category,
    complete_slug,
    handle_errors,
    interactive,
    output,
    state,
)
from hkprobono.errors import EXIT_NOT_FOUND, HkProBonoError

if TYPE_CHECKING:
    from hkprobono.model import Directory, Organisation

app = typer.Typer(
    name="hkprobono",
    help=(
        "Offline directory of pro bono and support organisations for refugees and asylum seekers "
        f"in Hong Kong, with a plain-language guide to the USM.\n\nExample: hkprobono search legal\n\n{EXIT_CODES_HELP}"
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PlainOpt = Annotated[bool, typer.Option("--plain", help="One tab-separated record per line, slug first, for scripts.")]
FirstOpt = Annotated[bool, typer.Option("--first", help="Take the best match without asking.")]
CategoryOpt = Annotated[
    str | None,
    typer.Option("--category", "-c", help="Only this category (e.g. legal, food).", autocompletion=complete_category),
]
NameArg = Annotated[str, typer.Argument(help="A slug, a unique slug prefix, or a name.", autocompletion=complete_slug)]


def _version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # completion parses the words too; it must not print this
        typer.echo(f"hkprobono {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option("--data", envvar="HKPROBONO_DATA", help="Use this directory file instead of the bundled one."),
    ] = None,
    color: Annotated[
        str, typer.Option("--color", help="auto (terminal, NO_COLOR, FORCE_COLOR, TERM=dumb), always or never.")
    ] = "auto",
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Never send long output through a pager.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Example: hkprobono search legal"""
    from hkprobono.render import COLOR_CHOICES

    if color not in COLOR_CHOICES:
        raise typer.BadParameter("must be auto, always or never", param_hint="--color")
    st = state(ctx)
    st.data, st.color, st.pager = data, color, not no_pager


@app.command()
@handle_errors
def search(
    ctx: typer.Context,
    query: Annotated[list[str], typer.Argument(help="What the person needs, or a name, place or abbreviation.")],
    category: CategoryOpt = None,
    district: Annotated[str | None, typer.Option(help="Only organisations in this district or area.")] = None,
    language: Annotated[str | None, typer.Option(help="Only organisations that mention this language.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many results.")] = 10,
    include_closed: Annotated[bool, typer.Option("--include-closed", help="Also show closed organisations.")] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show which field matched each word, and the score.")
    ] = False,
    first: Annotated[bool, typer.Option("--first", help="Show the best match's full card instead of a list.")] = False,
    plain: PlainOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Find organisations by need, name, place or abbreviation; typos are forgiven.

    Example: hkprobono search legal aid
    """
    st = state(ctx)
    directory = st.directory()
    check_category(directory, category)
    text = " ".join(query)
    found = st.index().search(
        text, category=category, district=district, language=language, include_closed=include_closed, limit=limit
    )
    if first:
        found = found[:1]
    if as_json:
        from hkprobono import serialize
        from hkprobono.render import json_out

        json_out.emit([serialize.result(r) for r in found])
    elif plain:
        import sys

        from hkprobono.render import tsv

        tsv.results(sys.stdout, found)
    elif first and found:
        _card(ctx, directory, found[0].org)
    elif found:
        from hkprobono.render import views

        with output(ctx) as out:
            out.results(views.results(directory, found, explain=explain), query=text)
    if not found:
        if not (as_json or plain):
            from hkprobono.render import error

            error(f"nothing matched '{text}'", "try other words, or 'hkprobono list' to see every organisation")
        raise typer.Exit(EXIT_NOT_FOUND)


def _card(ctx: typer.Context, directory: "Directory", org: "Organisation") -> None:
    from hkprobono.freshness import today
    from hkprobono.render import views

    with output(ctx) as out:
        out.card(views.card(directory, org, today()))


def _choose(ctx: typer.Context, name: str, first: bool) -> "Organisation":
    """One organisation; on a terminal an ambiguous name asks which, elsewhere it is an error."""
    from hkprobono.lookup import candidates, exact, pick

    org = exact(state(ctx).directory(), name)
    if org is not None:
        return org
    index = state(ctx).index()
    found = candidates(index, name)
    if len(found) > 1 and not first and interactive():
        for number, org in enumerate(found[:9], 1):
            typer.echo(f"{number}. {org.name} [{org.slug}]", err=True)
        shown = min(len(found), 9)
        choice: int = typer.prompt(f"Which one (1-{shown})", type=int, err=True)
        if not 1 <= choice <= shown:
            raise HkProBonoError(f"{choice} is not between 1 and {shown}")
        return found[choice - 1]
    return pick(index, name, found, first=first)


@app.command()
@handle_errors
def show(
    ctx: typer.Context,
    name: NameArg,
    first: FirstOpt = False,
    qr: Annotated[bool, typer.Option("--qr", help="Draw the contact card as a QR code for a phone camera.")] = False,
    qr_png: Annotated[Path | None, typer.Option("--qr-png", help="Save the card's QR code as a PNG image.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing --qr-png file.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show one organisation's full contact card, with its sources and their dates.

    Example: hkprobono show justice-centre
    """
    directory = state(ctx).directory()
    org = _choose(ctx, name, first)
    if qr or qr_png:
        from hkprobono.cli_export import show_qr

        show_qr(directory, org, qr_png, force)
    elif as_json:
        from hkprobono import serialize
        from hkprobono.render import json_out

        json_out.emit(serialize.organisation(org))
    else:
        _card(ctx, directory, org)


@app.command("list")
@handle_errors
def list_(
    ctx: typer.Context,
    category: CategoryOpt = None,
    include_closed: Annotated[bool, typer.Option("--include-closed", help="Also list closed organisations.")] = False,
    plain: PlainOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List every organisation, grouped by category.

    Example: hkprobono list --category food
    """
    directory = state(ctx).directory()
    check_category(directory, category)
    orgs = list(directory.current(include_closed=include_closed, category=category))
    if as_json:
        from hkprobono import serialize
        from hkprobono.render import json_out

        json_out.emit(serialize.listing(directory, orgs))
    elif plain:
        import sys

        from hkprobono.render import tsv

        tsv.organisations(sys.stdout, orgs)
    else:
        from hkprobono.render import views

        with output(ctx, page=True) as out:
            out.groups(views.groups(directory, orgs, category), total=len(orgs))


@app.command()
@handle_errors
def about(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The legal context for refugees in Hong Kong, and the source document's resource links.

    Example: hkprobono about
    """
    directory = state(ctx).directory()
    if as_json:
        from hkprobono import serialize
        from hkprobono.render import json_out

        json_out.emit(serialize.about(directory))
        return
    from hkprobono.freshness import today
    from hkprobono.render import views

    with output(ctx, page=True) as out:
        out.page(views.about(directory, today()))


@app.command("open")
@handle_errors
def open_(ctx: typer.Context, name: NameArg, first: FirstOpt = False) -> None:
    """Open the organisation's website in the browser (or print its address when there is none).

    Example: hkprobono open refugee-union
    """
    import sys

    org = _choose(ctx, name, first)
    url = org.contact.website
    if not url:
        raise HkProBonoError(f"no website for '{org.slug}' in the sources", exit_code=EXIT_NOT_FOUND)
    if sys.stdout.isatty():
        import webbrowser

        try:
            if webbrowser.open(url):
                typer.echo(f"opened {url}", err=True)
                return
        except webbrowser.Error:
            pass
    typer.echo(url)


# Each command group's module, imported only by a run that needs the group.
GROUPS = {"usm": "hkprobono.cli_usm", "export": "hkprobono.cli_export", "data": "hkprobono.cli_data"}
VALUE_OPTIONS = ("--data", "--color")


def _only_command(args: list[str]) -> str | None:
    """The one top-level command or group this run needs, or None for "all of them" (help,
    completion of the first word, typos that deserve a suggestion).

    Typer builds a Click command for every registered command at start-up, which costs more than
    running a search; `hkprobono search ...` needs one."""
    words = iter(args)
    for word in words:
        if word in VALUE_OPTIONS:
            next(words, None)
        elif word == "--version":
            return "--version"  # answered before any command is looked at
        elif not word.startswith("-"):
            return word if word in GROUPS or word in TOP_COMMANDS else None
    return None


def with_groups(only: str | None = None) -> typer.Typer:
    """The app with its command groups registered: all of them, or only the one named."""
    import importlib

    present = {g.name for g in app.registered_groups}
    for name, module in GROUPS.items():
        if (only is None or only == name) and name not in present:
            app.add_typer(importlib.import_module(module).app, name=name)
    return app


def _prepare(needed: str | None) -> None:
    if needed is None:
        with_groups()
        return
    app.registered_commands = [c for c in app.registered_commands if _name(c) == needed]
    if needed in GROUPS:
        with_groups(needed)


def _name(command: typer.models.CommandInfo) -> str:
    return command.name or (command.callback.__name__ if command.callback else "")


def main() -> None:
    import os
    import sys

    # Completion requests were answered in entry.py; those that reach here (`source_bash`) need all.
    _prepare(None if os.environ.get("_HKPROBONO_COMPLETE") else _only_command(sys.argv[1:]))
    try:
        app()
    except HkProBonoError as exc:  # pragma: no cover - commands handle their own; this is a backstop
        from hkprobono.render import error

        error(exc.message, exc.hint)
        raise SystemExit(exc.exit_code) from None


TOP_COMMANDS = frozenset(_name(c) for c in app.registered_commands)
