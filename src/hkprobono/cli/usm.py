"""`hkprobono usm`: the Unified Screening Mechanism, step by step."""

from pathlib import Path
from typing import Annotated

import typer

from hkprobono.cli.options import (
    JsonOpt,
    PlainOpt,
    completion_directory,
    file_name,
    group,
    handle_errors,
    presenter,
    state,
    typed,
)
from hkprobono.content import guide as content
from hkprobono.errors import EXIT_USAGE, HkProBonoError
from hkprobono.freshness import today
from hkprobono.search.glossary import find_term
from hkprobono.usm.guide import find_step, guide_of

app = group(
    (
        "The Unified Screening Mechanism (USM), step by step.\n\n"
        "Its overview, its steps, one step in full, the glossary and the deadlines.\n\n"
        "Examples: hkprobono usm steps; hkprobono usm step 8; hkprobono usm deadline appeal --from 2026-12-01"
    ),
    no_args_is_help=False,
    invoke_without_command=True,
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
    """What the USM is, who runs it, and where to start.

    Since when it runs, who runs it, the grounds it covers, and the first step.

    Examples: hkprobono usm overview; hkprobono usm overview --json
    """

    guide = guide_of(state(ctx).directory())
    presenter(ctx, as_json=as_json).show(
        lambda: content.overview_view(guide, today()), data=lambda: content.overview_json(guide)
    )


@app.command()
@handle_errors
def steps(ctx: typer.Context, plain: PlainOpt = False, as_json: JsonOpt = False) -> None:
    """The steps from first claim to after a final decision.

    Each with what happens, what to do, its deadline, and the organisations that help.

    Examples: hkprobono usm steps; hkprobono usm steps --plain
    """
    out = presenter(ctx, as_json=as_json, plain=plain)
    directory = state(ctx).directory()
    guide = guide_of(directory)
    out.show(
        lambda: content.steps_view(directory, guide, today()),
        data=lambda: content.steps_json(guide.steps),
        rows=lambda: content.steps_rows(guide.steps),
        page=True,
    )


def _complete_step(ctx: typer.Context, incomplete: str) -> list[str]:

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

    directory = state(ctx).directory()
    found = find_step(guide_of(directory), number)
    presenter(ctx, as_json=as_json).show(
        lambda: content.step_view(directory, found, today()), data=lambda: content.step_json(found)
    )


def _complete_term(ctx: typer.Context, incomplete: str) -> list[str]:

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

    st = state(ctx)
    guide = guide_of(st.directory())
    found = [find_term(guide, typed(term, "the term"), st.index)] if term is not None else list(guide.glossary)
    presenter(ctx, as_json=as_json).show(
        lambda: content.terms_view(found, today()), data=lambda: content.terms_json(found), page=term is None
    )


@app.command()
@handle_errors
def deadlines(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Every deadline in the procedure, with its sources.

    What starts the clock, the period, and what happens if it is missed.

    Examples: hkprobono usm deadlines; hkprobono usm deadlines --json
    """
    from hkprobono.content import deadline as views

    found = guide_of(state(ctx).directory()).deadlines
    presenter(ctx, as_json=as_json).show(
        lambda: views.listing(found, today()), data=lambda: views.listing_record(found), page=True
    )


def _complete_kind(ctx: typer.Context, incomplete: str) -> list[str]:
    from hkprobono.usm.counting import computable

    directory = completion_directory(ctx)
    kinds = [d.kind for d in directory.guide.deadlines if computable(d)] if directory and directory.guide else []
    return [k for k in kinds if k.startswith(incomplete)]


@app.command()
@handle_errors
def deadline(
    ctx: typer.Context,
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            help="Which deadline: appeal (14 days) or jr (3 months); 'hkprobono usm deadlines' lists them.",
            autocompletion=_complete_kind,
        ),
    ],
    start: Annotated[
        str,
        typer.Option(
            "--from",
            metavar="DATE",
            help="The day of the event that starts the clock (e.g. the date of the decision), as YYYY-MM-DD.",
        ),
    ],
    as_json: JsonOpt = False,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics",
            metavar="FILE",
            callback=file_name,
            help="Also write the last day as a calendar event with reminders (not for a date that has passed).",
        ),
    ] = None,
    label: Annotated[
        str | None,
        typer.Option(
            "--label",
            metavar="TEXT",
            help="With --ics: a short client reference for the event's title; counting the same deadline "
            "again with the same label and --from date replaces the event.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing --ics file.")] = False,
    closed_day: Annotated[
        list[str] | None,
        typer.Option(
            "--closed-day",
            metavar="DATE",
            help="Repeatable. For appeal: a day a gale or black rainstorm warning was in force (with general "
            "holidays, the only days that move its last day, Cap. 1 s.71(1)(b)). For jr: a day the court office "
            "was closed (s.71(1A)).",
        ),
    ] = None,
) -> None:
    """The last day for a deadline and the days left.

    Every day that moved it and why, the counting rule and its sources. When the date has passed:
    the rule for filing late and who can help, first.

    General information, not legal advice: check with the lawyer, and file as early as possible.

    Examples: hkprobono usm deadline appeal --from 2026-12-01; hkprobono usm deadline jr --from 2026-11-30 --ics jr.ics
    --label "Client 12"
    """
    from hkprobono.content import deadline as views
    from hkprobono.usm import counting as core

    out = presenter(ctx, as_json=as_json)
    if label is not None and ics is None:
        raise typer.BadParameter("--label names the calendar event: give --ics FILE too", param_hint="--label")
    tag = views.clean_label(label) if label is not None else None
    directory = state(ctx).directory()
    found = core.find(guide_of(directory).deadlines, kind)
    if not core.computable(found):
        raise HkProBonoError(
            f"{found.kind}: no source states a period for it, so no date can be computed",
            exit_code=EXIT_USAGE,
            hint="'hkprobono usm deadlines' shows what the sources say about it",
        )
    on = today()
    start_day = core.parse_date(start)
    core.check_started(start_day, on)
    closed = [core.parse_date(day) for day in closed_day or ()]
    counted = views.count(core.compute(found, start_day, closed), on, directory)
    if ics is not None:
        if counted.passed:
            raise views.late_message(counted)
        from hkprobono.export.ics import deadline_ics
        from hkprobono.safewrite import write_bytes

        out.notice(f"wrote {write_bytes(ics, deadline_ics(views.event(counted, tag)), force=force)}")
    out.show(lambda: views.due_date(counted, on), data=lambda: views.record(counted), page=True)
