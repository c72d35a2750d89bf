"""`hkprobono handout`: a client's handout in one command, the deadline first, then where to get help."""

from pathlib import Path
from typing import Annotated

import typer

from hkprobono.cli.options import (
    FirstOpt,
    JsonOpt,
    complete_slug,
    conflict,
    handle_errors,
    output_name,
    presenter,
    resolve,
    state,
)
from hkprobono.freshness import today


@handle_errors
def handout(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="SLUG...",
            help="One to three organisations, in the order the client should try them: slugs, or names in quotes.",
            autocompletion=complete_slug,
        ),
    ],
    appeal_from: Annotated[
        str | None,
        typer.Option(
            "--appeal-from",
            metavar="DATE",
            help="Put the last day to appeal to the Board first: the date of the decision rejecting the claim, "
            "as YYYY-MM-DD.",
        ),
    ] = None,
    jr_from: Annotated[
        str | None,
        typer.Option(
            "--jr-from",
            metavar="DATE",
            help="Put the last day to apply for leave for judicial review first: the date the grounds for the "
            "application first arose (ask the lawyer which date that is), as YYYY-MM-DD.",
        ),
    ] = None,
    label: Annotated[
        str | None,
        typer.Option(
            "--label",
            metavar="TEXT",
            help="A short client reference of your choosing, shown at the top (up to 40 characters); kept "
            "nowhere else.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.html",
            help="Write the page to print or send (one A4 page) to this file.",
            callback=output_name,
        ),
    ] = None,
    as_text: Annotated[
        bool, typer.Option("--text", help="Print a short text to paste into WhatsApp or an SMS (the default).")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing -o file.")] = False,
    first: FirstOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """A client's handout: their deadline first, then where to get help.

    With --appeal-from or --jr-from, the last day and the days left come first, counted and worded
    as by 'hkprobono usm deadline appeal --from DATE' (when the date has passed, the rule for filing
    late and who can help).
    Then each organisation in the order given: its status, phones and e-mail, address, hours, how to
    get help, and on the page a QR code for each. At most three organisations, so that the page
    prints on one A4 sheet; a closed organisation is refused. Nothing about the client is kept.

    Without -o the text is printed, to paste into a message.

    Examples: hkprobono handout justice-centre refugee-union --appeal-from 2026-11-27 -o client.html;
    hkprobono handout refugee-union --text --label "Client 12"
    """
    from hkprobono.content import referral as content

    conflict(("--appeal-from", appeal_from is not None), ("--jr-from", jr_from is not None))
    conflict(("--text", as_text), ("-o", output is not None))
    conflict(("--text", as_text), ("--json", as_json))
    conflict(("-o", output is not None), ("--json", as_json))
    on = today()
    directory = state(ctx).directory()
    counted = None
    for option, start in (("appeal-from", appeal_from), ("jr-from", jr_from)):
        if start is not None:
            counted = content.count_for(directory, content.KINDS[option], start, on)
    found = content.handout([resolve(ctx, name, first=first) for name in names], counted, label, on)
    out = presenter(ctx, as_json=as_json)
    if found.repeated:
        out.notice(f"named more than once, listed once: {', '.join(found.repeated)}")
    if output is not None:
        from hkprobono.export.html import handout_page
        from hkprobono.safewrite import write_text

        out.notice(f"wrote {write_text(Path(output), handout_page(content.page(directory, found)), force=force)}")
    elif as_json:
        out.show(None, data=lambda: content.record(found))
    else:
        out.document(content.text(found))
