"""`hkprobono data`: tools for the people who maintain the directory file."""

from pathlib import Path
from typing import Annotated

import typer

from hkprobono.cli.options import (
    EXIT_CODES_HELP,
    JsonOpt,
    PathArg,
    PlainOpt,
    complete_method,
    complete_slug,
    group,
    handle_errors,
    presenter,
)
from hkprobono.cli.options import (
    data_target as _target,
)
from hkprobono.errors import EXIT_NOT_FOUND, EXIT_USAGE
from hkprobono.freshness import today
from hkprobono.loading.source import load, read

app = group(
    (
        "Check, maintain, publish and update directory files.\n\n"
        "Record what you learn from a source or a call with 'data set', 'data unset' and 'data new'.\n\n"
        "Examples: hkprobono data check; hkprobono data stale; hkprobono data set unhcr hours "
        "'Monday to Friday, 9:00 to 17:00' --confirmed-by 'A. Lee' --method phone; hkprobono data update\n\n"
        f"{EXIT_CODES_HELP} 'data update': 4 refused, 5 unreachable, 6 not written, 7 busy."
    ),
    no_args_is_help=True,
)


def complete_fields(incomplete: str) -> list[str]:
    """The last of the comma-separated fields: "phones,ad" completes to "phones,address"."""
    from hkprobono.maintain.confirm import CONFIRMABLE

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [prefix + f for f in sorted(CONFIRMABLE) if f.startswith(last) and f not in done.split(",")]


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

    raw = read(_target(ctx, path))
    report = run_check(raw, today())
    from hkprobono.content import origin
    from hkprobono.maintain import report as views

    # Which data is in use is said when it is what was checked (no FILE named).
    where = (raw.origin, raw.origin.compiled or "unknown", raw.name) if raw.origin and path is None else None
    in_use = origin.describe(*where) if where else ""
    presenter(ctx, as_json=as_json).show(
        views.report(report, in_use), data=lambda: views.check_report(report, origin.record(*where) if where else None)
    )
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
def stale(ctx: typer.Context, path: PathArg = None, as_json: JsonOpt = False, plain: PlainOpt = False) -> None:
    """The call list: what to check first, and how.

    Each row gives what to check, the number or route to try, and the date of the source.

    First the organisations the USM guide relies on that have no phone or e-mail; then contact
    details that are undated or over a year old, never-confirmed before confirmed, the guide's
    helpers first; then the other organisations with no phone or e-mail. --plain gives
    tab-separated rows to open in a spreadsheet and share out.

    Examples: hkprobono data stale; hkprobono data stale --plain; hkprobono data stale --json
    """
    from hkprobono.maintain import stale as maintenance

    view = maintenance.stale(load(_target(ctx, path)), today())
    presenter(ctx, as_json=as_json, plain=plain).show(
        view, data=lambda: maintenance.stale_record(view), rows=lambda: maintenance.stale_rows(view)
    )


keys_app = group(
    (
        "Create and rotate the signing keys of an update channel.\n\n"
        "Examples: hkprobono data keys init ~/channel-keys; hkprobono data keys rotate ~/channel-keys timestamp"
    ),
    no_args_is_help=True,
)
app.add_typer(keys_app, name="keys")
KeyDirArg = Annotated[Path, typer.Argument(metavar="KEYDIR", help="The folder of the channel's keys.")]
RootDaysOpt = Annotated[
    int, typer.Option("--root-days", metavar="DAYS", help="Days until the root metadata expires (default 365).")
]


@keys_app.command("init")
@handle_errors
def keys_init(ctx: typer.Context, keydir: KeyDirArg, root_days: RootDaysOpt = 365) -> None:
    """Create the signing keys and the first root metadata of a new update channel.

    KEYDIR must be new or empty and outside any git work tree; it is made readable by you alone
    (folder 0700, files 0600). Hand KEYDIR/root.json to your users; keep the rest private, the
    root key offline.

    Examples: hkprobono data keys init /media/usb/channel-keys; hkprobono data keys init ~/keys --root-days 730
    """
    from hkprobono.channel import keys

    made = keys.init(keydir, root_days=root_days)
    presenter(ctx).notice(
        f"{made.folder}: keys for {', '.join(made.roles)} and root metadata version {made.version} "
        f"(expires {made.expires:%Y-%m-%d}); hand {made.folder / 'root.json'} to your users"
    )


@keys_app.command("rotate")
@handle_errors
def keys_rotate(
    ctx: typer.Context,
    keydir: KeyDirArg,
    roles: Annotated[
        list[str] | None,
        typer.Argument(metavar="[ROLE]...", help="Roles that get a new key: root, targets, snapshot, timestamp."),
    ] = None,
    root_days: RootDaysOpt = 365,
) -> None:
    """Replace keys, or renew the root metadata before it expires.

    Writes a new version of the root metadata, signed by the current root key (and the new one
    when root itself is replaced), naming a new key for each ROLE; with no ROLE it only moves the
    expiry. Run 'hkprobono data publish' afterwards: users follow the change on their next update.

    Examples: hkprobono data keys rotate ~/channel-keys timestamp; hkprobono data keys rotate ~/channel-keys
    """
    from hkprobono.channel import keys

    made = keys.rotate(keydir, tuple(roles or ()), root_days=root_days)
    changed = f"new keys for {', '.join(made.roles)}" if made.roles else "no new keys"
    presenter(ctx).notice(
        f"{made.folder}: root metadata version {made.version} (expires {made.expires:%Y-%m-%d}), {changed}; "
        "publish again to hand it to users"
    )


def _days(name: str, default: int, what: str) -> "typer.models.OptionInfo":
    option: typer.models.OptionInfo = typer.Option(
        name, metavar="DAYS", help=f"Days until the {what} expires (default {default})."
    )
    return option


@app.command()
@handle_errors
def publish(
    ctx: typer.Context,
    repodir: Annotated[Path, typer.Argument(metavar="REPODIR", help="The channel's folder, served as static files.")],
    keydir: Annotated[Path, typer.Option("--keys", metavar="KEYDIR", help="The folder of the channel's keys.")],
    path: PathArg = None,
    timestamp_days: Annotated[int, _days("--timestamp-days", 14, "timestamp (how fresh users know the data is)")] = 14,
    snapshot_days: Annotated[int, _days("--snapshot-days", 30, "snapshot")] = 30,
    targets_days: Annotated[int, _days("--targets-days", 90, "list of files")] = 90,
) -> None:
    """Publish a directory file to an update channel.

    The file is checked as loading checks it (an invalid file is never published), then added,
    with holidays.toml when one lies beside it, to the signed repository in REPODIR; every
    publish raises the version. Publish again before the timestamp expires (14 days by default),
    or users' updates stop with an error. Serve REPODIR with any web server.

    Examples: hkprobono data publish ~/channel --keys ~/channel-keys data/directory.toml;
    hkprobono data publish ~/channel --keys ~/channel-keys --timestamp-days 7
    """
    from hkprobono.channel.publish import Expiry
    from hkprobono.channel.publish import publish as run

    done = run(repodir, keydir, read(_target(ctx, path)), expiry=Expiry(targets_days, snapshot_days, timestamp_days))
    out = presenter(ctx)
    out.notice(
        f"{done.repo}: published version {done.version} ({', '.join(done.files)}; directory compiled {done.compiled}); "
        f"publish again before {done.expires:%Y-%m-%d %H:%M} UTC"
    )
    if (done.root_expires - done.expires).days < 30:
        out.notice(
            f"the root metadata expires on {done.root_expires:%Y-%m-%d}: renew it with 'hkprobono data keys rotate'"
        )


@app.command()
@handle_errors
def update(
    ctx: typer.Context,
    url: Annotated[
        str | None, typer.Option("--url", metavar="URL", help="The channel's address (the first time, or to move it).")
    ] = None,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root", metavar="ROOT.json", help="The root file the channel's publisher handed out (first time)."
        ),
    ] = None,
    check_only: Annotated[
        bool, typer.Option("--check", help="Only say whether an update exists (exit 1: none).")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            envvar="HKPROBONO_UPDATE_TIMEOUT",
            help="How long to wait for the channel to answer (default 20).",
        ),
    ] = 20.0,
) -> None:
    """Fetch, verify and install the newest data from an update channel.

    Everything is checked against the channel's signatures and the file is checked as loading
    checks it before it is installed; on any failure the data in use stays as it was. This is
    the only command that uses the network.

    Exit codes: 4 the update was refused (altered, wrongly signed, out of date, older, invalid);
    5 the channel could not be reached; 6 it could not be written here (a full disk); 7 another
    update is running. With --check: 0 an update exists, 1 none.

    Examples: hkprobono data update --url https://example.org/hkprobono/ --root root.json;
    hkprobono data update; hkprobono data update --check
    """
    from hkprobono.channel.update import update as run

    if timeout <= 0:
        raise typer.BadParameter("must be more than 0", param_hint="--timeout")
    done = run(url, root, check_only=check_only, timeout=timeout)
    out = presenter(ctx)
    if done.state == "current":
        out.notice(f"up to date: version {done.version} from {done.url} (directory compiled {done.compiled})")
        if check_only:
            raise typer.Exit(EXIT_NOT_FOUND)
    elif done.state == "available":
        out.notice(
            f"an update is available from {done.url}: version {done.version} (directory compiled {done.compiled})"
        )
    else:
        out.notice(
            f"installed version {done.version} from {done.url}: {', '.join(done.files)} "
            f"(directory compiled {done.compiled})"
        )
        if not done.in_use:
            out.notice("the data that came with hkprobono is newer, so it stays in use")
