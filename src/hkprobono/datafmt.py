"""`data fmt`: one canonical text form for a directory file, written by tomli-w."""

from __future__ import annotations

from hkprobono.loader import RawFile, parse


def canonical(raw: RawFile) -> str:
    """The canonical text of the file's data. Same data in, same text out; comments are not kept."""
    import tomli_w

    return tomli_w.dumps(parse(raw), indent=4)
