"""`hkprobono export`: vCards, QR codes, JSON, HSDS and a printable HTML page."""

# No `from __future__ import annotations`: see cli.py.

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hkprobono.cli_support import check_category, complete_category, complete_slug, handle_errors, state
from hkprobono.errors import HkProBonoError

if TYPE_CHECKING:
    from hkprobono.model import Directory, Organisation

app = typer.Typer(
    help=(
        "Export contacts and the directory: vcard, json, hsds, html.\n\nExample: hkprobono export vcard justice-centre"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead of standard output."),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]


def emit(text: str, output: Path | None, force: bool) -> None:
    """Standard output by default; a file only through files.write_text (atomic, no overwrite)."""
    if output is None:
        typer.echo(text, nl=False)
        return
    from hkprobono.files import write_text

    written = write_text(output, text, force=force)
    typer.echo(f"wrote {written}", err=True)


def select(ctx: typer.Context, slugs: list[str], category: str | None, everything: bool) -> "list[Organisation]":
    from hkprobono.lookup import resolve

    st = state(ctx)
    directory = st.directory()
    check_category(directory, category)
    if not (slugs or category or everything):
        raise HkProBonoError("name one or more organisations, or use --category or --all")
    chosen = [resolve(st.index(), slug) for slug in slugs]
    if category or everything:
        chosen += directory.current(category=category)
    unique: dict[str, Organisation] = {o.slug: o for o in chosen}
    return list(unique.values())


def show_qr(directory: "Directory", org: "Organisation", qr_png: Path | None, force: bool) -> None:
    """Shared by `show --qr` and `export vcard --qr`: the compact card as a QR code."""
    from hkprobono import export_qr, export_vcard
    from hkprobono.freshness import today

    payload = export_vcard.card(directory, org, today(), compact=True)
    if qr_png is not None:
        written = export_qr.png(payload, qr_png, force=force)
        typer.echo(f"wrote {written}", err=True)
    else:
        typer.echo(export_qr.terminal(payload), nl=False)


@app.command()
@handle_errors
def vcard(
    ctx: typer.Context,
    slugs: Annotated[
        list[str] | None,
        typer.Argument(help="Organisations by slug or name.", autocompletion=complete_slug),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option("--category", "-c", help="Every organisation in this category.", autocompletion=complete_category),
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="Every current organisation.")] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="FILE.vcf for one file with every card; DIR/ for one file per organisation.",
        ),
    ] = None,
    qr: Annotated[bool, typer.Option("--qr", help="Draw the card as a QR code (one organisation).")] = False,
    qr_png: Annotated[
        Path | None,
        typer.Option("--qr-png", help="Save the card's QR code as a PNG image (one organisation)."),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """vCard 3.0 contacts for a phone or address book.

    Example: hkprobono export vcard justice-centre -o justice-centre.vcf
    """
    from hkprobono import export_vcard
    from hkprobono.freshness import today

    directory = state(ctx).directory()
    orgs = select(ctx, slugs or [], category, everything)
    if qr or qr_png:
        if len(orgs) != 1:
            raise HkProBonoError(f"a QR code holds one organisation, not {len(orgs)}")
        show_qr(directory, orgs[0], qr_png, force)
        return
    on = today()
    if output is not None and (str(output).endswith(("/", "\\")) or output.is_dir()):
        from hkprobono.files import write_many

        # One file per organisation: classic Outlook reads only the first card of a file.
        files = {f"{o.slug}.vcf": export_vcard.card(directory, o, on) for o in orgs}
        for path in write_many(output, files, force=force):
            typer.echo(f"wrote {path}", err=True)
        return
    emit(export_vcard.cards(directory, orgs, on), output, force)


@app.command("json")
@handle_errors
def json_(ctx: typer.Context, output: OutputOpt = None, force: ForceOpt = False) -> None:
    """The whole directory as one documented JSON document.

    Example: hkprobono export json -o directory.json
    """
    from hkprobono import serialize
    from hkprobono.render.json_out import dumps

    emit(dumps(serialize.directory(state(ctx).directory())) + "\n", output, force)


@app.command()
@handle_errors
def hsds(ctx: typer.Context, output: OutputOpt = None, force: ForceOpt = False) -> None:
    """The directory as Open Referral HSDS 3.0 JSON (an array of organization objects).

    Example: hkprobono export hsds -o hsds.json
    """
    from hkprobono import export_hsds
    from hkprobono.render.json_out import dumps

    emit(dumps(export_hsds.export(state(ctx).directory())) + "\n", output, force)


@app.command()
@handle_errors
def html(ctx: typer.Context, output: OutputOpt = None, force: ForceOpt = False) -> None:
    """One self-contained HTML page to read on a phone or print on A4.

    Example: hkprobono export html -o directory.html
    """
    from hkprobono import export_html
    from hkprobono.freshness import today

    emit(export_html.page(state(ctx).directory(), today()), output, force)
