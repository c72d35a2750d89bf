"""A vCard as a QR code: drawn in the terminal, or as PNG bytes (segno).

Dark on light whatever the terminal's theme. segno's own terminal output cannot choose colours
(it draws the light modules as blocks, so a code on a light-background terminal comes out
inverted), so the half blocks are drawn here:

- with colour allowed (a terminal, no NO_COLOR): every line sets black on white explicitly, with
  the 256-colour palette's #000000 and #ffffff (indices 16 and 231, from the colour cube that
  themes do not remap, unlike the 16 base colours), and resets at its end;
- without colour (piped, NO_COLOR, or colour turned off): a block character is a dark module and
  a space a light one, as on paper or a light-background terminal. On a dark-background terminal
  that shows the code inverted; save it as an image there, or allow colour.

The quiet zone is the four modules the QR standard asks for, or two when four do not fit.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from hkprobono.errors import EXIT_NOT_FOUND, HkProBonoError
from hkprobono.model import Organisation, Ref

BORDER = 4  # the standard quiet zone
MIN_BORDER = 2  # still read by phone cameras; used when a terminal is too narrow for four
DARK_ON_LIGHT = "\x1b[38;5;16;48;5;231m"
RESET = "\x1b[0m"
# Each character is two modules, the upper and the lower: (upper dark, lower dark) -> character.
HALF_BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


TOO_WIDE = "the QR code is {width} columns wide and the terminal has {columns}"


@functools.lru_cache(maxsize=2)  # `narrowest`, then `terminal`, for the same card
def _make(payload: str, error: str) -> Any:
    import segno

    try:
        return segno.make(payload, error=error, micro=False, boost_error=False)
    except segno.DataOverflowError:
        raise HkProBonoError("the card is too long to fit in a QR code") from None


def check_reachable(org: Organisation) -> None:
    """Refuse a code that would hold only a name: a closed organisation, or one with nothing to
    call, write to or visit in the sources."""
    if org.is_closed:
        raise HkProBonoError(f"'{org.slug}' is closed: no QR code is made for it", exit_code=EXIT_NOT_FOUND)
    c = org.contact
    if not (c.voice_phones or c.email or c.website or c.addresses):
        raise HkProBonoError(
            f"'{org.slug}' has no phone, e-mail, website or address in the sources: a QR code would hold only its name",
            exit_code=EXIT_NOT_FOUND,
            see=Ref("org", org.slug),
        )


def blocks(matrix: list[list[bool]], *, colour: bool) -> str:
    """Rows of modules (True = dark) as half blocks: dark modules are drawn, light ones are not."""
    if len(matrix) % 2:
        matrix = [*matrix, [False] * len(matrix[0])]
    lines = []
    for upper, lower in zip(matrix[0::2], matrix[1::2], strict=True):
        line = "".join(HALF_BLOCKS[pair] for pair in zip(upper, lower, strict=True))
        lines.append(f"{DARK_ON_LIGHT}{line}{RESET}" if colour else line)
    return "\n".join(lines) + "\n"


def narrowest(payload: str) -> int:
    """How many columns the terminal code needs at the least (with the smaller quiet zone)."""
    return int(_make(payload, "l").symbol_size(border=MIN_BORDER)[0])


def terminal(payload: str, columns: int, *, colour: bool = False) -> str:
    """The QR code in Unicode half blocks with its quiet zone; an error when it would not fit
    (check `narrowest` first to say what to do instead)."""
    # Low error correction keeps the code narrow enough for an 80-column terminal; a screen is clean.
    code = _make(payload, "l")
    for border in (BORDER, MIN_BORDER):
        width = code.symbol_size(border=border)[0]
        if width <= columns:
            matrix = [[bool(m) for m in row] for row in code.matrix_iter(border=border)]
            return blocks(matrix, colour=colour)
    raise HkProBonoError(
        TOO_WIDE.format(width=width, columns=columns), exit_code=EXIT_NOT_FOUND, hint="widen the terminal"
    )


def png(payload: str) -> bytes:
    """The QR code as a PNG image, black on white, to be written by the caller."""
    buffer = io.BytesIO()
    # Medium error correction: a printed code survives creases and a camera at an angle.
    _make(payload, "m").save(buffer, kind="png", scale=8, border=BORDER, dark="#000", light="#fff")
    return buffer.getvalue()
