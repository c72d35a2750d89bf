"""`hkprobono data`: tools for the people who maintain the directory file."""

from pathlib import Path
from typing import Annotated

import typer

from hkprobono.cli.options import EXIT_CODES_HELP, JsonOpt, complete_slug, handle_errors, presenter, state
from hkprobono.errors import EXIT_NOT_FOUND, EXIT_USAGE
from hkprobono.freshness import today
from hkprobono.loading.source import load, read

app = typer.Typer(
    help=(
        "Check, format and maintain a directory file.\n\n"
        f"Examples: hkprobono data check; hkprobono data fmt; hkprobono data stale\n\n{EXIT_CODES_HELP}"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
PathArg = Annotated[
    Path | None,
    typer.Argument(metavar="[FILE]", help="The directory file (default: --data, $HKPROBONO_DATA, or the bundled one)."),
]


def complete_method(incomplete: str) -> list[str]:
    from hkprobono.model import CONFIRM_METHODS

    return [m for m in CONFIRM_METHODS if m.startswith(incomplete)]


def complete_fields(incomplete: str) -> list[str]:
    """The last of the comma-separated fields: "phones,ad" completes to "phones,address"."""
    from hkprobono.maintain.confirm import CONFIRMABLE

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [prefix + f for f in sorted(CONFIRMABLE) if f.startswith(last) and f not in done.split(",")]


def _target(ctx: typer.Context, path: Path | None) -> Path | None:
    return path if path is not None else state(ctx).data


@app.command()
@handle_errors
def check(
    ctx: typer.Context,
    path: PathArg = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when there are warnings but no errors.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Report every problem in a directory file.

    Each problem names its entry and field.

    Errors (exit 2): schema, duplicate slugs, unknown categories, invalid Hong Kong phone numbers,
    bad e-mail or web addresses, organisations without sources, unknown slugs, an active
    organisation whose source reports a closure. Warnings: contact details (address, phone,
    e-mail, hours) whose newest source or confirmation is over a year old or undated;
    organisations with no phone or e-mail. A warning acknowledged in the data with a reason is
    listed as acknowledged and not counted. Errors come first, then warnings grouped by kind,
    then the acknowledged ones, then the summary, all on standard output.

    Examples: hkprobono data check; hkprobono data check data/directory.toml --strict
    """
    from hkprobono.maintain.check import check as run_check

    report = run_check(read(_target(ctx, path)), today())
    from hkprobono.maintain import report as views

    presenter(ctx, as_json=as_json).show(views.report(report), data=lambda: views.check_report(report))
    if report.errors:
        raise typer.Exit(EXIT_USAGE)
    if strict and report.warnings:
        raise typer.Exit(EXIT_NOT_FOUND)


@app.command()
@handle_errors
def fmt(
    ctx: typer.Context,
    path: PathArg = None,
    check_only: Annotated[bool, typer.Option("--check", help="Change nothing; exit 1 if not canonical.")] = False,
) -> None:
    """Rewrite a directory file in its canonical form.

    The data stays identical; comments are not kept.

    Examples: hkprobono data fmt data/directory.toml; hkprobono data fmt --check
    """
    from hkprobono.maintain.fmt import rewrite

    out = presenter(ctx)
    name, changed = rewrite(_target(ctx, path), check_only=check_only)
    if not changed:
        out.notice(f"{name}: already canonical")
    elif check_only:
        out.notice(f"{name}: not canonical; 'hkprobono data fmt' rewrites it")
        raise typer.Exit(EXIT_NOT_FOUND)
    else:
        out.notice(f"{name}: rewritten")


@app.command()
@handle_errors
def confirm(
    ctx: typer.Context,
    slug: Annotated[
        str,
        typer.Argument(
            metavar="SLUG", help="The organisation's slug, as 'hkprobono list' shows it.", autocompletion=complete_slug
        ),
    ],
    fields: Annotated[
        str,
        typer.Option(
            "--fields",
            metavar="FIELD,...",
            help="The details you checked, comma-separated: phones, email, address, hours...",
            autocompletion=complete_fields,
        ),
    ],
    method: Annotated[
        str,
        typer.Option(
            "--method",
            metavar="METHOD",
            help="How you checked: phone, email, visit or website.",
            autocompletion=complete_method,
        ),
    ],
    by: Annotated[str, typer.Option("--by", metavar="NAME", help="Who checked (your name).")],
    date: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="The day of the check (default: today).")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="What was said or seen, in a few words.")
    ] = None,
    path: PathArg = None,
) -> None:
    """Record that you checked details with the organisation.

    The confirmation is added to the data file, which is written back in canonical form (as
    'data fmt' writes it). The card then shows it, and the confirmed details count as recent
    from its date. On any bad input the file is left untouched (exit 2).

    Examples: hkprobono data confirm refugee-union --fields phones,address --method phone --by "A. Lee";
    hkprobono data confirm unhcr --fields hours --method website --by "A. Lee" --date 2026-11-20
    """
    from hkprobono.maintain.confirm import record

    raw, check = record(_target(ctx, path), slug, fields, method, by, date=date, note=note, on=today())
    presenter(ctx).notice(
        f"{raw.name}: recorded: {', '.join(check.fields)} of {slug} confirmed by {check.method} on {check.date}"
    )


@app.command()
@handle_errors
def stale(ctx: typer.Context, path: PathArg = None, as_json: JsonOpt = False) -> None:
    """List the contact details to re-check first.

    Old or undated and never confirmed: those of the organisations the USM guide relies on first,
    then the rest.

    Examples: hkprobono data stale; hkprobono data stale --json
    """
    from hkprobono.maintain import stale as maintenance

    view = maintenance.stale(load(_target(ctx, path)), today())
    presenter(ctx, as_json=as_json).show(view, data=lambda: maintenance.stale_record(view))
