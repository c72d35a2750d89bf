"""`hkprobono usm`: the Unified Screening Mechanism, step by step."""

from typing import Annotated

import typer

from hkprobono.cli.options import JsonOpt, PlainOpt, handle_errors, presenter, state

app = typer.Typer(
    help=(
        "The Unified Screening Mechanism (USM): overview, steps, one step, glossary.\n\n"
        "Examples: hkprobono usm steps; hkprobono usm step 8"
    ),
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def usm(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """What the USM is, who runs it, and where to start. Same as 'hkprobono usm overview'.

    Examples: hkprobono usm; hkprobono usm --json
    """
    if ctx.invoked_subcommand is None:
        overview(ctx, as_json=as_json)
    elif as_json:
        raise typer.BadParameter(f"put --json after the command: hkprobono usm {ctx.invoked_subcommand} --json")


@app.command()
@handle_errors
def overview(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """What the USM is, since when, who runs it, the grounds, and where to start.

    Examples: hkprobono usm overview; hkprobono usm overview --json
    """
    from hkprobono.content import pages, records
    from hkprobono.freshness import today
    from hkprobono.guide import guide_of

    guide = guide_of(state(ctx).directory())
    presenter(ctx, as_json=as_json).show(pages.overview(guide, today()), data=lambda: records.overview(guide))


@app.command()
@handle_errors
def steps(ctx: typer.Context, plain: PlainOpt = False, as_json: JsonOpt = False) -> None:
    """The steps from first claim to after a final decision, with deadlines and who helps.

    Examples: hkprobono usm steps; hkprobono usm steps --plain
    """
    from hkprobono.content import pages, records
    from hkprobono.freshness import today
    from hkprobono.guide import guide_of
    from hkprobono.render import tsv

    out = presenter(ctx, as_json=as_json, plain=plain)
    directory = state(ctx).directory()
    guide = guide_of(directory)
    out.show(
        pages.steps(directory, guide, today()),
        data=lambda: records.steps(guide.steps),
        rows=lambda: tsv.steps(guide.steps),
        page=True,
    )


def _complete_step(ctx: typer.Context, incomplete: str) -> list[str]:
    from hkprobono.cli.options import completion_directory

    directory = completion_directory(ctx)
    numbers = [str(s.number) for s in directory.guide.steps] if directory and directory.guide else []
    return [n for n in numbers if n.startswith(incomplete)]


@app.command()
@handle_errors
def step(
    ctx: typer.Context,
    number: Annotated[
        int,
        typer.Argument(
            metavar="NUMBER", help="The step number, as 'hkprobono usm steps' shows it.", autocompletion=_complete_step
        ),
    ],
    as_json: JsonOpt = False,
) -> None:
    """One step in full, with its sources and their dates.

    Examples: hkprobono usm step 8; hkprobono usm step 9 --json
    """
    from hkprobono.content import pages, records
    from hkprobono.freshness import today
    from hkprobono.guide import find_step, guide_of

    directory = state(ctx).directory()
    found = find_step(guide_of(directory), number)
    presenter(ctx, as_json=as_json).show(pages.step(directory, found, today()), data=lambda: records.step(found))


def _complete_term(ctx: typer.Context, incomplete: str) -> list[str]:
    from hkprobono.cli.options import completion_directory

    directory = completion_directory(ctx)
    terms = [t.term for t in directory.guide.glossary] if directory and directory.guide else []
    return [t for t in terms if t.casefold().startswith(incomplete.casefold())]


@app.command()
@handle_errors
def glossary(
    ctx: typer.Context,
    term: Annotated[
        str | None,
        typer.Argument(metavar="TERM", help="One term to look up; typos are forgiven.", autocompletion=_complete_term),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Every term and abbreviation the tool uses, or one of them.

    Examples: hkprobono usm glossary; hkprobono usm glossary TCAB
    """
    from hkprobono.content import pages, records
    from hkprobono.freshness import today
    from hkprobono.guide import find_term, guide_of

    guide = guide_of(state(ctx).directory())
    found = [find_term(guide, term)] if term is not None else list(guide.glossary)
    presenter(ctx, as_json=as_json).show(
        pages.terms(found, today()), data=lambda: records.terms(found), page=term is None
    )
