"""A vCard as a QR code: drawn in the terminal, or saved as PNG (segno)."""

from __future__ import annotations

import io
from pathlib import Path

from hkprobono.errors import HkProBonoError


def _make(payload: str, error: str):  # type: ignore[no-untyped-def]
    import segno

    try:
        return segno.make(payload, error=error, micro=False, boost_error=False)
    except segno.DataOverflowError:
        raise HkProBonoError("the card is too long to fit in a QR code") from None


def terminal(payload: str) -> str:
    """The QR code in Unicode half blocks, dark on light, with its quiet zone."""
    buffer = io.StringIO()
    # Low error correction keeps the code narrow enough for an 80-column terminal; a screen is clean.
    _make(payload, "l").terminal(out=buffer, compact=True, border=2)
    return buffer.getvalue()


def png(payload: str, path: Path, *, force: bool = False) -> Path:
    from hkprobono.files import write_bytes

    buffer = io.BytesIO()
    # Medium error correction: a printed code survives creases and a camera at an angle.
    _make(payload, "m").save(buffer, kind="png", scale=8, border=4)
    return write_bytes(path, buffer.getvalue(), force=force)
