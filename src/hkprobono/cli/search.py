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
    from hkprobono.content.search import Empty


def complete_district(ctx: typer.Context, incomplete: str) -> list[str]:
    directory = completion_directory(ctx)
    if directory is None:
        return []
    from hkprobono.content.directory import district_names

    low = incomplete.casefold()
    return [name for name in district_names(directory) if name.casefold().startswith(low)]


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
            help=(
                "Only organisations in this district or area, any case ('hkprobono districts' lists them), "
                "or region: Hong Kong Island, Kowloon, New Territories."
            ),
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

    Examples: hkprobono search appeal deadline; hkprobono search food --district Kowloon
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
    from hkprobono.content import search as content

    out.show(
        lambda: content.view(directory, text, found, explain=explain),
        data=lambda: content.record(text, found),
        rows=lambda: content.rows(found),
    )
    if not found.hits:
        if out.mode == "human":
            if explain and found.unmatched:
                out.notice(content.notes(found, explain=True)[-1].text)
            message, why = content.nothing(text, found)
            raise HkProBonoError(
                message, exit_code=EXIT_NOT_FOUND, hint=hint(why, found.held_back, len(found.emptied_by))
            )
        raise typer.Exit(EXIT_NOT_FOUND)


def hint(why: "Empty", held_back: int, filters: int = 1) -> str:
    """What to try when a search shows nothing, by why it shows nothing."""
    if why == "filtered":
        which = "that filter" if filters == 1 else "those filters"
        return f"drop or change {which}; 'hkprobono districts' and 'hkprobono list' show what there is"
    if why == "closed":
        return "add --include-closed to see " + ("it" if held_back == 1 else "them")
    return "try other words, or 'hkprobono list' to see every organisation"
