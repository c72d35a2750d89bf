"""Showing one organisation, shared by the commands that end in a card: `show`, `search --first`,
`show --qr` and `export vcard --qr`. Not a command module, so command modules never import each other."""

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from hkprobono.cli.options import presenter, state
from hkprobono.freshness import today

if TYPE_CHECKING:
    from hkprobono.model import Organisation


def show_card(ctx: typer.Context, org: "Organisation", *, as_json: bool = False) -> None:
    from hkprobono.content import cards, records

    directory = state(ctx).directory()
    presenter(ctx, as_json=as_json).show(
        lambda: cards.card(directory, org, today()), data=lambda: records.shown(org), page=True
    )


def show_qr(ctx: typer.Context, org: "Organisation", qr_png: Path | None, force: bool) -> None:
    """Shared by `show --qr` and `export vcard --qr`: the compact card as a QR code."""
    from hkprobono.export import qr, vcard

    qr.check_reachable(org)
    payload = vcard.card(state(ctx).directory(), org, today(), compact=True)
    out = presenter(ctx)
    if qr_png is not None:
        out.notice(f"wrote {qr.png(payload, qr_png, force=force)}")
    else:
        from hkprobono.render.present import wants_rich
        from hkprobono.render.width import columns

        # Explicit black on white where colour is allowed; plain blocks (dark modules) otherwise.
        colour = wants_rich(out.color)
        out.document(qr.terminal(payload, columns(), colour=colour), terminal=True)
