"""`hkprobono search`: one search over the organisations, the USM steps and the glossary terms."""

from typing import TYPE_CHECKING, Annotated

import typer

from hkprobono.cli.options import (
    CategoryOpt,
    JsonOpt,
    PlainOpt,
    check_category,
    completion_directory,
    conflict,
    handle_errors,
    presenter,
    state,
    typed,
)
from hkprobono.content.words import KIND_LABELS
from hkprobono.errors import EXIT_NOT_FOUND, HkProBonoError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hkprobono.content.cards import ResultsView


def complete_district(ctx: typer.Context, incomplete: str) -> list[str]:

    directory = completion_directory(ctx)
    if directory is None:
        return []
    from hkprobono.content.districts import districts as counted

    low = incomplete.casefold()
    return [name for name, _ in counted(directory, include_closed=True) if name.casefold().startswith(low)]


KindOpt = Annotated[
    str | None,
    typer.Option(
        "--kind",
        metavar="KIND",
        help="Only organisations (org), USM steps (step) or glossary terms (term).",
        autocompletion=lambda: list(KIND_LABELS),
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
    text = typed(" ".join(query).strip(), "the search")
    district = typed(district, "--district") if district is not None else None
    language = typed(language, "--language") if language is not None else None
    if not text:
        raise typer.BadParameter("give at least one word to search for", param_hint="QUERY")
    for other in (("--json", as_json), ("--plain", plain)):
        conflict(("--first", first), other)
        conflict(("--explain", explain), other)
    if kind is not None and kind.casefold() not in KIND_LABELS:
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
        from hkprobono.cli.card import show_card  # --first shows a card, as `show` does

        show_card(ctx, best.org)
        return
    from hkprobono.content import results

    notes = results.notes(found, explain=explain)

    def view() -> "ResultsView | None":
        from hkprobono.content import cards

        return cards.results(directory, found.hits, text, explain=explain, notes=notes) if found.hits else None

    def rows() -> "Iterator[tuple[object, ...]]":
        from hkprobono.render import tsv  # only --plain needs the column contract

        return tsv.results(found.hits)

    out.show(view, data=lambda: results.search_document(text, found), rows=rows)
    if not found.hits:
        if out.mode == "human":
            if explain and found.unmatched:
                out.notice(notes[-1])
            message, hint = results.nothing(text, found)
            raise HkProBonoError(message, exit_code=EXIT_NOT_FOUND, hint=hint)
        raise typer.Exit(EXIT_NOT_FOUND)
