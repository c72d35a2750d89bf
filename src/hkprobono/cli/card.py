"""Showing one organisation, shared by the commands that end in a card: `show`, `search --first`,
`show --qr` and `export vcard --qr`. Not a command module, so command modules never import each other."""

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from hkprobono.cli.options import presenter, state
from hkprobono.errors import EXIT_NOT_FOUND, HkProBonoError
from hkprobono.freshness import today

if TYPE_CHECKING:
    from hkprobono.model import Organisation


def show_card(ctx: typer.Context, org: "Organisation", *, as_json: bool = False) -> None:
    from hkprobono.content import card as content

    directory = state(ctx).directory()
    presenter(ctx, as_json=as_json).show(
        lambda: content.card(directory, org, today()), data=lambda: content.record(org), page=True
    )


def show_qr(ctx: typer.Context, org: "Organisation", qr_png: Path | None, force: bool) -> None:
    """Shared by `show --qr` and `export vcard --qr`: the compact card as a QR code."""
    from hkprobono.export import qr, vcard

    qr.check_reachable(org)
    payload = vcard.card(state(ctx).directory(), org, today(), compact=True)
    out = presenter(ctx)
    if qr_png is not None:
        from hkprobono.safewrite import write_bytes  # only a file to write needs it (as the cache does)

        out.notice(f"wrote {write_bytes(qr_png, qr.png(payload), force=force)}")
        return
    from hkprobono.render.present import wants_rich
    from hkprobono.render.width import columns

    room = columns()
    width = qr.narrowest(payload)
    if width > room:
        raise HkProBonoError(
            qr.TOO_WIDE.format(width=width, columns=room),
            exit_code=EXIT_NOT_FOUND,
            hint="widen the terminal, or save it as an image with --qr-png FILE",
        )
    # Explicit black on white where colour is allowed; plain blocks (dark modules) otherwise.
    colour = wants_rich(out.color)
    out.document(qr.terminal(payload, room, colour=colour), terminal=True)
