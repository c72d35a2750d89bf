"""`hkprobono export`: vCards, QR codes, JSON, HSDS and a printable HTML page."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hkprobono.cli.card import show_qr
from hkprobono.cli.options import (
    check_category,
    complete_category,
    complete_slug,
    file_name,
    group,
    handle_errors,
    output_name,
    presenter,
    resolve,
    state,
)
from hkprobono.errors import HkProBonoError
from hkprobono.freshness import today
from hkprobono.safewrite import write_many, write_text

if TYPE_CHECKING:
    from hkprobono.model import Organisation

app = group(
    (
        "Export contacts and the directory: vcard, json, hsds, html.\n\n"
        "Examples: hkprobono export vcard justice-centre; hkprobono export html -o directory.html"
    ),
    no_args_is_help=True,
)
OutputOpt = Annotated[
    str | None,  # a string, so that -o '' is told from -o . (a Path makes both ".")
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file instead of standard output.", callback=output_name
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]


def emit(ctx: typer.Context, text: str, output: str | Path | None, force: bool) -> None:
    """Standard output by default; a file only through safewrite (atomic, no overwrite)."""
    out = presenter(ctx)
    if output is None:
        out.document(text)
        return

    out.notice(f"wrote {write_text(Path(output), text, force=force)}")


def select(ctx: typer.Context, slugs: list[str], category: str | None, everything: bool) -> "list[Organisation]":
    if everything and category:
        raise typer.BadParameter("--all and --category cannot be used together: choose one", param_hint="--category")
    if not (slugs or category or everything):
        raise HkProBonoError("name one or more organisations, or use --category or --all")
    directory = state(ctx).directory()
    category_id = check_category(directory, category)
    chosen = [resolve(ctx, slug) for slug in slugs]
    if category_id or everything:
        chosen += directory.current(category=category_id)
    return list({o.slug: o for o in chosen}.values())


@app.command()
@handle_errors
def vcard(
    ctx: typer.Context,
    slugs: Annotated[
        list[str] | None,
        typer.Argument(metavar="[SLUG]...", help="Organisations by slug or name.", autocompletion=complete_slug),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            "-c",
            metavar="CATEGORY",
            help="Every current organisation in this category.",
            autocompletion=complete_category,
        ),
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="Every current organisation.")] = False,
    output: Annotated[
        str | None,  # a string, not a Path: a Path drops the trailing "/" that asks for a folder
        typer.Option(
            "--output",
            "-o",
            metavar="FILE|DIR/",
            help="FILE.vcf for one file with every card; DIR/ for one file per organisation (created if missing).",
            callback=output_name,
        ),
    ] = None,
    qr: Annotated[bool, typer.Option("--qr", help="Draw the card as a QR code (one organisation).")] = False,
    qr_png: Annotated[
        Path | None,
        typer.Option(
            "--qr-png",
            metavar="FILE",
            callback=file_name,
            help="Save the card's QR code as a PNG image (one organisation).",
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """vCard 3.0 contacts for a phone or address book.

    Examples: hkprobono export vcard justice-centre -o justice-centre.vcf; hkprobono export vcard --all -o cards/
    """
    from hkprobono.export import vcard as vcards

    directory = state(ctx).directory()
    orgs = select(ctx, slugs or [], category, everything)
    if qr or qr_png:
        if len(orgs) != 1:
            raise HkProBonoError(f"a QR code holds one organisation, not {len(orgs)}")
        show_qr(ctx, orgs[0], qr_png, force)
        return
    on = today()
    target = Path(output) if output is not None else None
    if output is not None and target is not None and (output.endswith(("/", "\\")) or target.is_dir()):
        # One file per organisation: classic Outlook reads only the first card of a file.
        files = {f"{o.slug}.vcf": vcards.card(directory, o, on).encode("utf-8") for o in orgs}
        out = presenter(ctx)
        for path in write_many(target, files, force=force):
            out.notice(f"wrote {path}")
        return
    emit(ctx, vcards.cards(directory, orgs, on), target, force)


@app.command("json")
@handle_errors
def json_(ctx: typer.Context, output: OutputOpt = None, force: ForceOpt = False) -> None:
    """The whole directory as one documented JSON document.

    Examples: hkprobono export json; hkprobono export json -o directory.json
    """
    from hkprobono.content.handout import directory_json
    from hkprobono.render.jsonout import dumps

    emit(ctx, dumps(directory_json(state(ctx).directory())) + "\n", output, force)


@app.command()
@handle_errors
def hsds(
    ctx: typer.Context,
    output: OutputOpt = None,
    force: ForceOpt = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Only HSDS properties: leave out hkprobono_sources (for validators that forbid extras)."
        ),
    ] = False,
    include_closed: Annotated[
        bool, typer.Option("--include-closed", help="Also export closed organisations (their services as defunct).")
    ] = False,
) -> None:
    """The directory as Open Referral HSDS 3.0 JSON.

    An array of organization objects, valid against the official schema.

    Examples: hkprobono export hsds; hkprobono export hsds --strict -o hsds.json
    """
    from hkprobono.export import hsds as hsds_export
    from hkprobono.render.jsonout import dumps

    records = hsds_export.export(state(ctx).directory(), include_closed=include_closed, strict=strict)
    emit(ctx, dumps(records) + "\n", output, force)


@app.command()
@handle_errors
def html(
    ctx: typer.Context,
    slugs: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SLUG]...", help="A referral sheet of these organisations only.", autocompletion=complete_slug
        ),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            "-c",
            metavar="CATEGORY",
            help="A referral sheet of this category's current organisations.",
            autocompletion=complete_category,
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """One HTML page to read on a phone or print on A4.

    Self-contained: the whole directory, or a referral sheet of the organisations named or of one
    category.

    Examples: hkprobono export html -o directory.html; hkprobono export html --category food -o food.html
    """
    from hkprobono.content.handout import directory_page
    from hkprobono.export import html as html_export

    directory = state(ctx).directory()
    if slugs or category:
        chosen = select(ctx, slugs or [], category, False)
        only = check_category(directory, category) if category and not slugs else None
        page = directory_page(directory, today(), chosen, only)
    else:
        page = directory_page(directory, today())
    emit(ctx, html_export.page(page), output, force)
