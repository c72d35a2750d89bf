"""The lookups: show, list, districts, about, open. Each parses, calls the core, hands the result on."""

from pathlib import Path
from typing import Annotated

import typer

from hkprobono.cli.card import show_card, show_qr
from hkprobono.cli.options import (
    CategoryOpt,
    FirstOpt,
    JsonOpt,
    PlainOpt,
    check_category,
    complete_slug,
    conflict,
    file_name,
    handle_errors,
    presenter,
    resolve,
    state,
)
from hkprobono.errors import EXIT_NOT_FOUND, HkProBonoError
from hkprobono.freshness import today
from hkprobono.text import one_line

# show and open: a name of several words needs no quotes ("show refugee union").
NamesArg = Annotated[
    list[str],
    typer.Argument(
        metavar="SLUG", help="A slug, a unique slug prefix, or a name (quotes optional).", autocompletion=complete_slug
    ),
]


@handle_errors
def show(
    ctx: typer.Context,
    name: NamesArg,
    first: FirstOpt = False,
    qr: Annotated[bool, typer.Option("--qr", help="Draw the contact card as a QR code for a phone camera.")] = False,
    qr_png: Annotated[
        Path | None,
        typer.Option("--qr-png", metavar="FILE", callback=file_name, help="Save the card's QR code as a PNG image."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing --qr-png file.")] = False,
    share: Annotated[
        bool,
        typer.Option("--share", help="A short plain text (at most 500 characters) to paste into WhatsApp or an SMS."),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show one organisation's full contact card.

    Every detail the sources give, what they do not give, the sources with their dates, and a
    warning to call first when they are old.

    Examples: hkprobono show justice-centre; hkprobono show "refugee union" --json
    """
    conflict(("--qr", qr or qr_png is not None), ("--json", as_json))
    conflict(("--share", share), ("--json", as_json))
    conflict(("--share", share), ("--qr", qr or qr_png is not None))
    org = resolve(ctx, " ".join(name), first=first)
    if share:
        from hkprobono.content.share import share_text

        presenter(ctx).document(share_text(org, today()) + "\n")
    elif qr or qr_png:
        show_qr(ctx, org, qr_png, force)
    else:
        show_card(ctx, org, as_json=as_json)


@handle_errors
def list_(
    ctx: typer.Context,
    category: CategoryOpt = None,
    include_closed: Annotated[bool, typer.Option("--include-closed", help="Also list closed organisations.")] = False,
    plain: PlainOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List every organisation, grouped by category.

    Examples: hkprobono list; hkprobono list --category food
    """
    out = presenter(ctx, as_json=as_json, plain=plain)
    directory = state(ctx).directory()
    category_id = check_category(directory, category)
    orgs = list(directory.current(include_closed=include_closed, category=category_id))
    from hkprobono.content import directory as content

    out.show(
        lambda: content.listing(directory, orgs, category_id),
        data=lambda: content.listing_record(directory, orgs),
        rows=lambda: content.listing_rows(orgs),
        page=True,
    )


@handle_errors
def districts(
    ctx: typer.Context,
    include_closed: Annotated[bool, typer.Option("--include-closed", help="Also count closed organisations.")] = False,
    plain: PlainOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List the districts, with how many organisations each has.

    Examples: hkprobono districts; hkprobono districts --json
    """
    from hkprobono.content import directory as content

    out = presenter(ctx, as_json=as_json, plain=plain)
    found = content.districts(state(ctx).directory(), include_closed=include_closed)
    out.show(
        found,
        data=lambda: content.districts_record(found),
        rows=lambda: content.districts_rows(found),
    )


@handle_errors
def about(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The legal context, resources and statistics.

    The legal context for refugees in Hong Kong, the source document's resources, sourced
    statistics, and what the data is and is not.

    Examples: hkprobono about; hkprobono about --json
    """
    from hkprobono.content import about as content
    from hkprobono.content import origin

    catalog = state(ctx).catalog()
    directory, where = catalog.directory, (catalog.origin, catalog.directory.meta.compiled, catalog.source)
    presenter(ctx, as_json=as_json).show(
        lambda: content.about(directory, today(), origin.describe(*where)),
        data=lambda: content.record(directory, origin.record(*where)),
        page=True,
    )


@handle_errors
def open_(ctx: typer.Context, name: NamesArg, first: FirstOpt = False) -> None:
    """Open an organisation's website in the browser.

    When standard output is not a terminal, or there is no browser, print the address instead.

    Examples: hkprobono open refugee-union; hkprobono open "justice centre"
    """
    import sys

    org = resolve(ctx, " ".join(name), first=first)
    url = org.contact.website
    if not url:
        raise HkProBonoError(f"no website for '{org.slug}' in the sources", exit_code=EXIT_NOT_FOUND)
    if not url.lower().startswith(("https://", "http://")):
        raise HkProBonoError(f"the website of '{org.slug}' is not an http(s) address; it was not opened")
    out = presenter(ctx)
    if sys.stdout.isatty():
        import webbrowser

        try:
            if webbrowser.open(url):
                out.notice(f"opened {url}")
                return
        except webbrowser.Error:
            pass

    out.document(one_line(url) + "\n")
