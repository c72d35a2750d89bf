"""A vCard as a QR code: drawn in the terminal, or as PNG bytes (segno)."""

from __future__ import annotations

import io
from pathlib import Path

from hkprobono.errors import EXIT_NOT_FOUND, HkProBonoError

BORDER = 2


def _make(payload: str, error: str):  # type: ignore[no-untyped-def]
    import segno

    try:
        return segno.make(payload, error=error, micro=False, boost_error=False)
    except segno.DataOverflowError:
        raise HkProBonoError("the card is too long to fit in a QR code") from None


def terminal(payload: str, columns: int) -> str:
    """The QR code in Unicode half blocks with its quiet zone; an error when it would not fit."""
    # Low error correction keeps the code narrow enough for an 80-column terminal; a screen is clean.
    code = _make(payload, "l")
    width = code.symbol_size(border=BORDER)[0]
    if width > columns:
        raise HkProBonoError(
            f"the QR code is {width} columns wide and the terminal has {columns}",
            exit_code=EXIT_NOT_FOUND,
            hint="widen the terminal, or save it as an image with --qr-png FILE",
        )
    buffer = io.StringIO()
    code.terminal(out=buffer, compact=True, border=BORDER)
    return buffer.getvalue()


def png(payload: str, path: Path, *, force: bool = False) -> Path:
    from hkprobono.safewrite import write_bytes

    buffer = io.BytesIO()
    # Medium error correction: a printed code survives creases and a camera at an angle.
    _make(payload, "m").save(buffer, kind="png", scale=8, border=4)
    return write_bytes(path, buffer.getvalue(), force=force)
