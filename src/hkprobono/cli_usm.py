"""`hkprobono usm`: the Unified Screening Mechanism, step by step."""

# No `from __future__ import annotations`: see cli.py.

from typing import Annotated

import typer

from hkprobono.cli_support import JsonOpt, handle_errors, output, state

app = typer.Typer(
    help=(
        "The Unified Screening Mechanism (USM): overview, steps, one step, glossary.\n\nExample: hkprobono usm steps"
    ),
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode=None,
)


@app.callback()
def usm(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """What the USM is, who runs it, and where to start. Same as 'hkprobono usm overview'.

    Example: hkprobono usm
    """
    if ctx.invoked_subcommand is None:
        overview(ctx, as_json=as_json)


@app.command()
@handle_errors
def overview(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """What the USM is, since when, who runs it, the grounds, and where to start.

    Example: hkprobono usm overview
    """
    from hkprobono.freshness import today
    from hkprobono.guide import guide_of
    from hkprobono.render import views

    guide = guide_of(state(ctx).directory())
    if as_json:
        from hkprobono import serialize
        from hkprobono.render import json_out

        json_out.emit(serialize.overview(guide))
        return
    with output(ctx) as out:
        out.page(views.overview(guide, today()))


@app.command()
@handle_errors
def steps(
    ctx: typer.Context,
    plain: Annotated[bool, typer.Option("--plain", help="One tab-separated step per line, for scripts.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """The steps from first claim to after a final decision, with deadlines and who helps.

    Example: hkprobono usm steps
    """
    from hkprobono.freshness import today
    from hkprobono.guide import guide_of
    from hkprobono.render import views

    directory = state(ctx).directory()
    guide = guide_of(directory)
    if as_json:
        from hkprobono import serialize
        from hkprobono.render import json_out

        json_out.emit([serialize.step(s) for s in guide.steps])
        return
    if plain:
        import sys

        from hkprobono.render import tsv

        tsv.steps(sys.stdout, guide.steps)
        return
    on = today()
    with output(ctx, page=True) as out:
        out.steps([views.step(directory, s, on) for s in guide.steps], intro=(directory.meta.disclaimer,))


@app.command()
@handle_errors
def step(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(help="The step number, as 'hkprobono usm steps' shows it.")],
    as_json: JsonOpt = False,
) -> None:
    """One step in full, with its sources and their dates.

    Example: hkprobono usm step 8
    """
    from hkprobono.freshness import today
    from hkprobono.guide import find_step, guide_of
    from hkprobono.render import views

    directory = state(ctx).directory()
    found = find_step(guide_of(directory), number)
    if as_json:
        from hkprobono import serialize
        from hkprobono.render import json_out

        json_out.emit(serialize.step(found))
        return
    with output(ctx) as out:
        out.step(views.step(directory, found, today()))


@app.command()
@handle_errors
def glossary(
    ctx: typer.Context,
    term: Annotated[str | None, typer.Argument(help="One term to look up; typos are forgiven.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Every abbreviation the tool uses, or one term.

    Example: hkprobono usm glossary TCAB
    """
    from hkprobono.freshness import today
    from hkprobono.guide import find_term, guide_of
    from hkprobono.render import views

    guide = guide_of(state(ctx).directory())
    terms = [find_term(guide, term)] if term is not None else list(guide.glossary)
    if as_json:
        from hkprobono import serialize
        from hkprobono.render import json_out

        json_out.emit([serialize.term(t) for t in terms])
        return
    on = today()
    with output(ctx, page=term is None) as out:
        out.terms([views.term(t, on) for t in terms])
