"""`hkprobono data`: tools for the people who maintain the directory file."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hkprobono.cli.options import (
    EXIT_CODES_HELP,
    JsonOpt,
    PlainOpt,
    complete_slug,
    handle_errors,
    presenter,
    state,
)
from hkprobono.errors import EXIT_NOT_FOUND, EXIT_USAGE
from hkprobono.freshness import today
from hkprobono.loading.source import load, read

if TYPE_CHECKING:
    from hkprobono.loading.source import RawFile

app = typer.Typer(
    help=(
        "Check, format and maintain a directory file.\n\n"
        "Record what you learn from a source or a call with 'data set', 'data unset' and 'data new'.\n\n"
        "Examples: hkprobono data check; hkprobono data stale; hkprobono data set iss-hk hours "
        f"'Mon-Fri 9:00-17:00' --confirmed-by 'A. Lee' --method phone\n\n{EXIT_CODES_HELP}"
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
    upgrade: Annotated[
        bool, typer.Option("--upgrade", help="Rewrite a file of the old layout (schema 1) in the current one.")
    ] = False,
) -> None:
    """Rewrite a directory file in its canonical form.

    The data stays identical; comments are not kept. With --upgrade, a file of schema 1 is
    rewritten in schema 2, and each change a maintainer should review is listed.

    Examples: hkprobono data fmt data/directory.toml; hkprobono data fmt --check; hkprobono data fmt --upgrade old.toml
    """
    from hkprobono.maintain import fmt as formatter

    out = presenter(ctx)
    if upgrade:
        if check_only:
            raise typer.BadParameter("--upgrade and --check cannot be used together", param_hint="--check")
        name, notes = formatter.upgrade(_target(ctx, path))
        for note in notes:
            out.notice(f"{name}: review: {note}")
        out.notice(f"{name}: upgraded to the current layout; run 'hkprobono data check' on it")
        return
    name, changed = formatter.rewrite(_target(ctx, path), check_only=check_only)
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

    Examples: hkprobono data confirm iss-hk --fields phones,address --method phone --by "A. Lee";
    hkprobono data confirm unhcr --fields hours --method website --by "A. Lee" --date 2026-11-20
    """
    from hkprobono.maintain.confirm import record

    raw, check = record(_target(ctx, path), slug, fields, method, by, date=date, note=note, on=today())
    presenter(ctx).notice(
        f"{raw.name}: recorded: {', '.join(check.fields)} of {slug} confirmed by {check.method} on {check.date}"
    )


@app.command()
@handle_errors
def stale(ctx: typer.Context, path: PathArg = None, as_json: JsonOpt = False, plain: PlainOpt = False) -> None:
    """The call list: what to check first, and how.

    Each row gives what to check, the number or route to try, and the date of the source.

    First the organisations the USM guide relies on that have no phone or e-mail; then contact
    details that are undated or over a year old, never-confirmed before confirmed, the guide's
    helpers first; then the other organisations with no phone or e-mail. --plain gives
    tab-separated rows to open in a spreadsheet and share out.

    Examples: hkprobono data stale; hkprobono data stale --plain > calls.tsv; hkprobono data stale --json
    """
    from hkprobono.maintain import stale as maintenance

    view = maintenance.stale(load(_target(ctx, path)), today())
    presenter(ctx, as_json=as_json, plain=plain).show(
        view, data=lambda: maintenance.stale_record(view), rows=lambda: maintenance.stale_rows(view)
    )


SlugArg = Annotated[
    str,
    typer.Argument(
        metavar="SLUG", help="The organisation's slug, as 'hkprobono list' shows it.", autocompletion=complete_slug
    ),
]
FieldArg = Annotated[
    str,
    typer.Argument(
        metavar="FIELD",
        help="phone, email, hours, address, district, languages, application_process (how to get help), website, "
        "postal_address or status.",
    ),
]
LocationOpt = Annotated[
    str | None,
    typer.Option("--location", metavar="ID", help="Which location an address, district or hours belongs to."),
]
SourceOpt = Annotated[str | None, typer.Option("--source", metavar="URL", help="The public page that gives it.")]
SourceTitleOpt = Annotated[
    str | None, typer.Option("--source-title", metavar="TEXT", help="The page's title (default: its address).")
]
SourceDateOpt = Annotated[
    str | None, typer.Option("--source-date", metavar="DATE", help="The page's own date: YYYY, YYYY-MM or YYYY-MM-DD.")
]
ByOpt = Annotated[
    str | None, typer.Option("--confirmed-by", metavar="NAME", help="Who learnt it from the organisation (your name).")
]
MethodOpt = Annotated[
    str | None,
    typer.Option("--method", metavar="METHOD", help="phone, email, visit or website.", autocompletion=complete_method),
]
DateOpt = Annotated[
    str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="The day you learnt it (default: today).")
]
NoteOpt = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="What was said or seen, in a few words.")]


def _done(ctx: typer.Context, raw: "RawFile", said: str, notes: "tuple[str, ...]" = ()) -> None:
    out = presenter(ctx)
    out.notice(f"{raw.name}: {said}")
    for note in notes:
        out.notice(f"{raw.name}: {note}")


@app.command("set")
@handle_errors
def set_(
    ctx: typer.Context,
    slug: SlugArg,
    field: FieldArg,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The new value (languages: comma-separated).")],
    path: PathArg = None,
    source: SourceOpt = None,
    source_title: SourceTitleOpt = None,
    source_date: SourceDateOpt = None,
    confirmed_by: ByOpt = None,
    method: MethodOpt = None,
    date: DateOpt = None,
    note: NoteOpt = None,
    location: LocationOpt = None,
    description: Annotated[
        str | None,
        typer.Option(
            "--description",
            metavar="TEXT",
            help="What the detail is: a phone's use, what an e-mail is for, a place's description, why the status.",
        ),
    ] = None,
    phone_type: Annotated[
        str | None, typer.Option("--type", metavar="TYPE", help="A phone's type: voice, cell or fax (default voice).")
    ] = None,
) -> None:
    """Add or change one detail, with what supports it.

    Give either a public source (--source URL, with --source-title and the page's own
    --source-date) or your own check with the organisation (--confirmed-by NAME --method
    phone|email|visit|website, dated today unless --date says otherwise). The value is checked (a
    Hong Kong phone number in +852 form, an e-mail or web address, one of the 18 districts); a
    value it replaces is kept in the organisation's history. On any error the file is left as it
    was (exit 2).

    Examples: hkprobono data set iss-hk phone "+852 2345 6789" --confirmed-by "A. Lee" --method phone;
    hkprobono data set iss-hk hours "Mon-Fri 9:00-17:00" --location kwun-tong --confirmed-by "A. Lee" --method phone;
    hkprobono data set unhcr email hk@example.org --source https://example.org/contact --source-date 2026-10
    """
    from hkprobono.maintain.changes import set_detail, support

    backing = support(source=source, title=source_title, source_date=source_date, by=confirmed_by, method=method,
                      date=date, note=note, on=today())  # fmt: skip
    raw, done = set_detail(_target(ctx, path), slug, field, value, backing, location=location,
                           description=description, phone_type=phone_type, on=today())  # fmt: skip
    where = f" (location '{done.location}')" if done.location else ""
    how = f"confirmed by {backing.method} on {backing.date}" if backing.by else f"from {backing.url}"
    _done(ctx, raw, f"recorded: {done.field} of {done.slug}{where} is {done.value}, {how}", done.notes)


@app.command()
@handle_errors
def unset(
    ctx: typer.Context,
    slug: SlugArg,
    field: FieldArg,
    reason: Annotated[
        str, typer.Option("--reason", metavar="TEXT", help="Why it is gone: 'the number no longer works'.")
    ],
    path: PathArg = None,
    value: Annotated[
        str | None,
        typer.Option("--value", metavar="TEXT", help="Which one, for a phone or a language among several."),
    ] = None,
    location: LocationOpt = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who found it gone (your name).")] = None,
) -> None:
    """Record that a detail is gone (a number that no longer works).

    It leaves the card and joins the organisation's history of retired details, with the reason,
    the day and who found it, which 'data check' lists for the maintainers.

    Examples: hkprobono data unset soco phone --reason "the number is no longer in service" --by "A. Lee";
    hkprobono data unset legal-aid-department hours --location mong-kok --reason "the office has moved"
    """
    from hkprobono.maintain.changes import unset_detail

    raw, done = unset_detail(_target(ctx, path), slug, field, value, reason, location=location, by=by, on=today())
    _done(ctx, raw, f"recorded as gone: {done.field} {done.value} of {done.slug}")


@app.command()
@handle_errors
def new(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(metavar="SLUG", help="A new slug: lower-case letters, digits, hyphens.")],
    name: Annotated[str, typer.Option("--name", metavar="NAME", help="The organisation's name.")],
    category: Annotated[str, typer.Option("--category", metavar="CATEGORY", help="A category id, e.g. legal.")],
    summary: Annotated[str, typer.Option("--summary", metavar="TEXT", help="What it does, in one sentence.")],
    source: Annotated[str, typer.Option("--source", metavar="URL", help="The public page it comes from.")],
    path: PathArg = None,
    source_title: SourceTitleOpt = None,
    source_date: SourceDateOpt = None,
    status: Annotated[
        str, typer.Option("--status", metavar="STATUS", help="active (default), unconfirmed or closed.")
    ] = "active",
) -> None:
    """Start an organisation with what every entry needs.

    Then add its details one by one with 'data set'. On any error the file is left as it was.

    Examples: hkprobono data new new-centre --name "New Centre" --category food --summary "Free meals."
    --source https://example.org/about; hkprobono data new new-centre --name "New Centre" --category food
    --summary "Free meals." --source https://example.org/about --source-date 2026-10 my-copy.toml
    """
    from hkprobono.maintain.changes import new_organisation, support

    backing = support(source=source, title=source_title, source_date=source_date, by=None, method=None, date=None,
                      note=None, on=today())  # fmt: skip
    raw, done = new_organisation(_target(ctx, path), slug, name=name, category=category, summary=summary,
                                 backing=backing, status=status, on=today())  # fmt: skip
    _done(ctx, raw, f"recorded: new organisation {done.slug} ({done.value}); add its details with 'data set'")
