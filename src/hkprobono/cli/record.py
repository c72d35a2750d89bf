"""`hkprobono data set`, `data unset` and `data new`: what a maintainer learns from a source or a
call, recorded one detail at a time (maintain/changes.py does the work). Part of the `data`
group (cli/app.py adds these commands to it)."""

from typing import TYPE_CHECKING, Annotated

import typer

from hkprobono.cli.options import PathArg, complete_method, complete_slug, data_target, group, handle_errors, presenter
from hkprobono.errors import HkProBonoError
from hkprobono.freshness import today

if TYPE_CHECKING:
    from hkprobono.loading.source import RawFile

app = group()


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


def _check_options(field: str, given: dict[str, str | None]) -> None:
    """Which options go together, said with their names (the core says it in words)."""
    from hkprobono.maintain.details import detail
    from hkprobono.model import CONFIRM_METHODS

    def has(*names: str) -> bool:
        return any(given.get(n) is not None for n in names)

    if has("--source") == has("--confirmed-by"):
        raise HkProBonoError(
            "say what supports the detail: either --source URL or --confirmed-by NAME --method M "
            "(phone, email, visit or website)"
        )
    if has("--confirmed-by") and not has("--method"):
        raise HkProBonoError(f"--confirmed-by needs --method: {', '.join(CONFIRM_METHODS)} (how you checked)")
    if has("--method") and given["--method"] not in CONFIRM_METHODS:
        raise HkProBonoError(f"--method must be one of: {', '.join(CONFIRM_METHODS)} (how you checked)")
    if has("--source") and has("--method", "--date"):
        raise HkProBonoError("--method and --date go with --confirmed-by; a page's own date is --source-date")
    if has("--confirmed-by") and has("--source-title", "--source-date"):
        raise HkProBonoError("--source-title and --source-date go with --source")
    name, what = detail(field)
    if has("--location") and not what.place:
        raise HkProBonoError(f"--location goes with a place detail (address, district or hours), not {name}")
    if has("--type") and name != "phone":
        raise HkProBonoError("--type goes with a phone number")
    if has("--description") and not (what.place or name in ("phone", "email", "status")):
        raise HkProBonoError("--description goes with a phone, an e-mail, a place detail or the status")


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

    _check_options(field, {"--source": source, "--source-title": source_title, "--source-date": source_date,
                           "--confirmed-by": confirmed_by, "--method": method, "--date": date, "--location": location,
                           "--description": description, "--type": phone_type})  # fmt: skip
    backing = support(source=source, title=source_title, source_date=source_date, by=confirmed_by, method=method,
                      date=date, note=note, on=today())  # fmt: skip
    raw, done = set_detail(data_target(ctx, path), slug, field, value, backing, location=location,
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

    raw, done = unset_detail(data_target(ctx, path), slug, field, value, reason, location=location, by=by, on=today())
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
    --summary "Free meals." --source https://example.org/about --source-title "New Centre, About us"
    --source-date 2026-10
    """
    from hkprobono.maintain.changes import new_organisation, support

    backing = support(source=source, title=source_title, source_date=source_date, by=None, method=None, date=None,
                      note=None, on=today())  # fmt: skip
    raw, done = new_organisation(data_target(ctx, path), slug, name=name, category=category, summary=summary,
                                 backing=backing, status=status, on=today())  # fmt: skip
    _done(ctx, raw, f"recorded: new organisation {done.slug} ({done.value}); add its details with 'data set'")
