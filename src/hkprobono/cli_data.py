"""`hkprobono data`: tools for the people who maintain the directory file."""

# No `from __future__ import annotations`: see cli.py.

from pathlib import Path
from typing import Annotated

import typer

from hkprobono.cli_support import EXIT_CODES_HELP, handle_errors
from hkprobono.errors import EXIT_NOT_FOUND, EXIT_USAGE

app = typer.Typer(
    help=f"Check and format a directory file.\n\nExample: hkprobono data check\n\n{EXIT_CODES_HELP}",
    no_args_is_help=True,
    rich_markup_mode=None,
)
PathArg = Annotated[
    Path | None,
    typer.Argument(help="The directory file (default: --data, $HKPROBONO_DATA, or the bundled one)."),
]


def _target(ctx: typer.Context, path: Path | None) -> Path | None:
    from hkprobono.cli_support import state

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
    organisation whose source reports a closure. Warnings: contact details whose newest source is
    over a year old or undated; organisations with no phone, e-mail or website.

    Example: hkprobono data check data/directory.toml --strict
    """
    from hkprobono.check import check as run_check
    from hkprobono.freshness import today
    from hkprobono.loader import read

    report = run_check(read(_target(ctx, path)), today())
    if as_json:
        from hkprobono import serialize
        from hkprobono.render import json_out

        json_out.emit(serialize.check_report(report))
    else:
        from hkprobono.text import one_line

        for problem in report.problems:
            typer.echo(f"{report.file}: {problem.severity}: {one_line(str(problem))}")
        summary = f"{report.file}: {_count(len(report.errors), 'error')}, {_count(len(report.warnings), 'warning')}"
        typer.echo(summary, err=bool(report.problems))
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

    Example: hkprobono data fmt data/directory.toml --check
    """
    from hkprobono.datafmt import canonical
    from hkprobono.files import write_text
    from hkprobono.loader import bundled_path, read

    target = _target(ctx, path)
    raw = read(target)
    text = canonical(raw)
    if raw.content.decode("utf-8") == text:
        typer.echo(f"{raw.name}: already canonical", err=True)
        return
    if check_only:
        typer.echo(f"{raw.name}: not canonical; run 'hkprobono data fmt' to rewrite it", err=True)
        raise typer.Exit(EXIT_NOT_FOUND)
    write_text(target if target is not None else bundled_path(), text, force=True)
    typer.echo(f"{raw.name}: rewritten", err=True)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
