"""`hkprobono data`: tools for the people who maintain the directory file."""

from pathlib import Path
from typing import Annotated

import typer

from hkprobono.cli.options import EXIT_CODES_HELP, handle_errors, presenter, state
from hkprobono.errors import EXIT_NOT_FOUND, EXIT_USAGE

app = typer.Typer(
    help=(
        f"Check and format a directory file.\n\nExamples: hkprobono data check; hkprobono data fmt\n\n{EXIT_CODES_HELP}"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
PathArg = Annotated[
    Path | None,
    typer.Argument(metavar="[FILE]", help="The directory file (default: --data, $HKPROBONO_DATA, or the bundled one)."),
]


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
    """Report every problem in a directory file, each with its entry and field.

    Errors (exit 2): schema, duplicate slugs, unknown categories, invalid Hong Kong phone numbers,
    bad e-mail or web addresses, organisations without sources, unknown slugs, an active
    organisation whose source reports a closure. Warnings: contact details whose source is over
    a year old or undated; organisations with no phone, e-mail or website. Errors come first,
    then warnings grouped by kind, then the summary, all on standard output.

    Examples: hkprobono data check; hkprobono data check data/directory.toml --strict
    """
    from hkprobono.content import pages, records
    from hkprobono.freshness import today
    from hkprobono.loading.check import check as run_check
    from hkprobono.loading.source import read

    report = run_check(read(_target(ctx, path)), today())
    presenter(ctx, as_json=as_json).show(pages.report(report), data=lambda: records.check_report(report))
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
    """Rewrite a directory file in its one canonical form (the data stays identical).

    Examples: hkprobono data fmt data/directory.toml; hkprobono data fmt --check
    """
    from hkprobono.loading.fmt import rewrite

    out = presenter(ctx)
    name, changed = rewrite(_target(ctx, path), check_only=check_only)
    if not changed:
        out.notice(f"{name}: already canonical")
    elif check_only:
        out.notice(f"{name}: not canonical; 'hkprobono data fmt' rewrites it")
        raise typer.Exit(EXIT_NOT_FOUND)
    else:
        out.notice(f"{name}: rewritten")
