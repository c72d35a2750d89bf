"""The lookups: search, show, list, about, open. Each parses, calls the core, hands the result on."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hkprobono.cli.options import (
    CategoryOpt,
    FirstOpt,
    JsonOpt,
    PlainOpt,
    check_category,
    complete_slug,
    completion_directory,
    handle_errors,
    presenter,
    resolve,
    state,
)
from hkprobono.errors import EXIT_NOT_FOUND, HkProBonoError
from hkprobono.freshness import today
from hkprobono.render import tsv
from hkprobono.text import one_line

if TYPE_CHECKING:
    from hkprobono.content.cards import ResultsView
    from hkprobono.model import Organisation


def conflict(first: tuple[str, bool], second: tuple[str, bool]) -> None:
    if first[1] and second[1]:
        raise typer.BadParameter(f"{first[0]} and {second[0]} cannot be used together", param_hint=second[0])


def complete_district(ctx: typer.Context, incomplete: str) -> list[str]:

    directory = completion_directory(ctx)
    if directory is None:
        return []
    from hkprobono.content.districts import districts as counted

    low = incomplete.casefold()
    return [name for name, _ in counted(directory, include_closed=True) if name.casefold().startswith(low)]


# show and open: a name of several words needs no quotes ("show refugee union").
NamesArg = Annotated[
    list[str],
    typer.Argument(
        metavar="SLUG", help="A slug, a unique slug prefix, or a name (quotes optional).", autocompletion=complete_slug
    ),
]
KindOpt = Annotated[
    str | None,
    typer.Option(
        "--kind",
        metavar="KIND",
        help="Only organisations (org), USM steps (step) or glossary terms (term).",
        autocompletion=lambda: ["org", "step", "term"],
    ),
]


@handle_errors
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str], typer.Argument(metavar="QUERY...", help="What the person needs, or a name, place or abbreviation.")
    ],
    category: CategoryOpt = None,
    district: Annotated[
        str | None,
        typer.Option(
            metavar="DISTRICT",
            help="Only organisations in this district or area, any case ('hkprobono districts' lists them).",
            autocompletion=complete_district,
        ),
    ] = None,
    language: Annotated[
        str | None, typer.Option(metavar="LANGUAGE", help="Only organisations that mention this language.")
    ] = None,
    kind: KindOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", metavar="N", min=1, help="At most this many results.")] = 10,
    include_closed: Annotated[bool, typer.Option("--include-closed", help="Also show closed organisations.")] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Show which field matched each word, the score, and the words that matched nothing."
        ),
    ] = False,
    first: Annotated[bool, typer.Option("--first", help="Show the best match's full card instead of a list.")] = False,
    plain: PlainOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Find organisations, USM steps and glossary terms.

    By need, question, name, place or abbreviation, in English or Chinese; typos are forgiven.
    When the USM guide answers the question (a deadline, work, recognizance, an appeal), that step
    or term comes first.

    Examples: hkprobono search appeal deadline; hkprobono search food --district "Sham Shui Po"
    """
    text = " ".join(query).strip()
    if not text:
        raise typer.BadParameter("give at least one word to search for", param_hint="QUERY")
    for other in (("--json", as_json), ("--plain", plain)):
        conflict(("--first", first), other)
        conflict(("--explain", explain), other)
    if kind is not None and kind.casefold() not in ("org", "step", "term"):
        raise typer.BadParameter(f"'{kind}' is not one of org, step, term", param_hint="--kind")
    kind = kind.casefold() if kind else None
    if kind in ("step", "term"):
        # The filters describe organisations; a step or a term has no category, district or language.
        for name, value in (("--category", category), ("--district", district), ("--language", language)):
            conflict((f"--kind {kind}", True), (name, value is not None))
    out = presenter(ctx, as_json=as_json, plain=plain)
    st = state(ctx)
    directory = st.directory()
    category_id = check_category(directory, category)
    found = st.index().find(
        text,
        kind="org" if first else kind,
        category=category_id,
        district=district,
        language=language,
        include_closed=include_closed,
        limit=limit,
    )
    best = found.hits[0] if found.hits else None
    if first and best is not None and best.kind == "org":
        from hkprobono.search.engine import Result

        assert isinstance(best, Result)  # --first asks for organisations only
        show_card(ctx, best.org)
        return
    from hkprobono.content import results

    notes = results.notes(found, explain=explain)

    def view() -> "ResultsView | None":
        from hkprobono.content import cards

        return cards.results(directory, found.hits, text, explain=explain, notes=notes) if found.hits else None

    out.show(view, data=lambda: results.search_document(text, found), rows=lambda: tsv.results(found.hits))
    if not found.hits:
        if out.mode == "human":
            if explain and found.unmatched:
                out.notice(notes[-1])
            message, hint = results.nothing(text, found)
            raise HkProBonoError(message, exit_code=EXIT_NOT_FOUND, hint=hint)
        raise typer.Exit(EXIT_NOT_FOUND)


def show_card(ctx: typer.Context, org: "Organisation", *, as_json: bool = False) -> None:
    from hkprobono.content import cards, records

    directory = state(ctx).directory()
    presenter(ctx, as_json=as_json).show(
        cards.card(directory, org, today()), data=lambda: records.shown(org), page=True
    )


@handle_errors
def show(
    ctx: typer.Context,
    name: NamesArg,
    first: FirstOpt = False,
    qr: Annotated[bool, typer.Option("--qr", help="Draw the contact card as a QR code for a phone camera.")] = False,
    qr_png: Annotated[
        Path | None, typer.Option("--qr-png", metavar="FILE", help="Save the card's QR code as a PNG image.")
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
        from hkprobono.cli.export import show_qr

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
    from hkprobono.content import cards, records

    out.show(
        cards.listing(directory, orgs, category_id),
        data=lambda: records.listing(directory, orgs),
        rows=lambda: tsv.organisations(orgs),
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
    from hkprobono.content import districts as content

    out = presenter(ctx, as_json=as_json, plain=plain)
    directory = state(ctx).directory()
    out.show(
        content.page(directory, include_closed=include_closed),
        data=lambda: content.document(directory, include_closed=include_closed),
        rows=lambda: content.districts(directory, include_closed=include_closed),
    )


@handle_errors
def about(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The legal context, resources and statistics.

    The legal context for refugees in Hong Kong, the source document's resources, sourced
    statistics, and what the data is and is not.

    Examples: hkprobono about; hkprobono about --json
    """
    from hkprobono.content import pages, records

    directory = state(ctx).directory()
    presenter(ctx, as_json=as_json).show(
        pages.about(directory, today()), data=lambda: records.about(directory), page=True
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
