"""The hkprobono command line: each command parses options, calls the core, hands the result on."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from hkprobono import __version__
from hkprobono.cli_support import (
    EXIT_CODES_HELP,
    check_category,
    complete_category,
    complete_slug,
    handle_errors,
    out,
    state,
)
from hkprobono.errors import EXIT_NOT_FOUND, HkProBonoError

app = typer.Typer(
    name="hkprobono",
    help=(
        "Offline directory of pro bono and support organisations for refugees and asylum seekers "
        f"in Hong Kong, with a plain-language guide to the USM.\n\n{EXIT_CODES_HELP}"
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON with stable keys (see README).")]
CategoryOpt = Annotated[
    Optional[str],  # noqa: UP045 - typer<0.29 needs Optional here on Python 3.11
    typer.Option("--category", "-c", help="Only this category (e.g. legal, food).", autocompletion=complete_category),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hkprobono {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--data", envvar="HKPROBONO_DATA", help="Use this directory file instead of the bundled one."),
    ] = None,
    color: Annotated[
        str, typer.Option("--color", help="Colour and layout: auto, always or never.", case_sensitive=False)
    ] = "auto",
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Example: hkprobono search legal"""
    if color not in ("auto", "always", "never"):
        raise typer.BadParameter("must be auto, always or never", param_hint="--color")
    st = state(ctx)
    st.data = data
    st.color = color


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
    as_json: JsonOpt = False,
) -> None:
    """Find organisations by need, name, place or abbreviation; typos are forgiven.

    Example: hkprobono search legal aid
    """
    from hkprobono.search import Index

    directory = state(ctx).directory()
    check_category(directory, category)
    text = " ".join(query)
    found = Index(directory).search(
        text,
        category=category,
        district=district,
        language=language,
        include_closed=include_closed,
        limit=limit,
    )
    if as_json:
        from hkprobono import serialize
        from hkprobono.render import json_out

        json_out.emit([serialize.result(r) for r in found])
    elif found:
        from hkprobono.render import views

        out(ctx).results(views.results(directory, found, explain=explain), query=text)
    if not found:
        if not as_json:
            from hkprobono.render import error

            error(f"nothing matched '{text}'", "try other words, or 'hkprobono list' to see every organisation")
        raise typer.Exit(EXIT_NOT_FOUND)


@app.command()
@handle_errors
def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A slug, a unique slug prefix, or a name.", autocompletion=complete_slug)],
    first: Annotated[
        bool, typer.Option("--first", help="Take the best match instead of failing when several match.")
    ] = False,
    qr: Annotated[bool, typer.Option("--qr", help="Draw the contact card as a QR code for a phone camera.")] = False,
    qr_png: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--qr-png", help="Save the contact card's QR code as a PNG image."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing --qr-png file.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show one organisation's full contact card, with its sources and their dates.

    Example: hkprobono show justice-centre
    """
    from hkprobono.lookup import resolve

    directory = state(ctx).directory()
    org = resolve(directory, name, first=first)
    if qr or qr_png:
        from hkprobono.cli_export import show_qr

        show_qr(directory, org, qr_png, force)
        return
    if as_json:
        from hkprobono import serialize
        from hkprobono.render import json_out

        json_out.emit(serialize.organisation(org))
        return
    from hkprobono.freshness import today
    from hkprobono.render import views

    out(ctx).card(views.card(directory, org, today()))


@app.command("list")
@handle_errors
def list_(
    ctx: typer.Context,
    category: CategoryOpt = None,
    include_closed: Annotated[bool, typer.Option("--include-closed", help="Also list closed organisations.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List every organisation, grouped by category.

    Example: hkprobono list --category food
    """
    from hkprobono.search import matches_filters

    directory = state(ctx).directory()
    check_category(directory, category)
    orgs = [o for o in directory.current(include_closed=include_closed) if matches_filters(o, category=category)]
    if as_json:
        from hkprobono import serialize
        from hkprobono.render import json_out

        json_out.emit(serialize.listing(directory, orgs))
        return
    from hkprobono.render import views

    out(ctx).groups(views.groups(directory, orgs, category), total=len(orgs))


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

    out(ctx).page(views.about(directory, today()))


def main() -> None:
    try:
        app()
    except HkProBonoError as exc:  # pragma: no cover - commands handle their own; this is a backstop
        from hkprobono.render import error

        error(exc.message, exc.hint)
        raise SystemExit(exc.exit_code) from None


def _register() -> None:
    from hkprobono import cli_data, cli_export, cli_usm

    app.add_typer(cli_usm.app, name="usm")
    app.add_typer(cli_export.app, name="export")
    app.add_typer(cli_data.app, name="data")


_register()
