"""`data fmt`: one canonical text form for a directory file, written by tomli-w."""

from __future__ import annotations

import os
from pathlib import Path

from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import RawFile, bundled_path, parse, read


def canonical(raw: RawFile) -> str:
    """The canonical text of the file's data. Same data in, same text out; comments are not kept."""
    import tomli_w

    return tomli_w.dumps(parse(raw), indent=4)


def rewrite(path: Path | None, *, check_only: bool = False) -> tuple[str, bool]:
    """Rewrite the file in place when it is not canonical: (its name, whether it was or would be
    changed). The file keeps its mode, and a symlink keeps pointing at it; a file that changed
    while this ran is left alone."""
    raw = read(path)
    text = canonical(raw)
    if raw.content.decode("utf-8") == text:
        return raw.name, False
    if check_only:
        return raw.name, True
    target = (path if path is not None else bundled_path()).resolve()
    info = target.stat()
    if not os.access(target, os.W_OK):
        raise HkProBonoError(f"{raw.name}: is read-only; nothing was changed")
    if info.st_nlink > 1:
        raise HkProBonoError(f"{raw.name}: has other hard links, which a rewrite would break; nothing was changed")
    if target.read_bytes() != raw.content:
        raise HkProBonoError(f"{raw.name}: changed while it was being formatted; nothing was changed, run it again")
    from hkprobono.safewrite import write_text

    write_text(target, text, force=True, mode=info.st_mode & 0o7777)
    return raw.name, True
