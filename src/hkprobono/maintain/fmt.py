"""`data fmt`: one canonical text form for a directory file, written by tomli-w."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import RawFile, bundled_path, parse, read
from hkprobono.safewrite import write_text


def canonical(raw: RawFile) -> str:
    """The canonical text of the file's data. Same data in, same text out; comments are not kept."""
    return canonical_text(parse(raw))


def canonical_text(data: dict[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps(data, indent=4)


def rewrite(path: Path | None, *, check_only: bool = False) -> tuple[str, bool]:
    """Rewrite the file in place when it is not canonical: (its name, whether it was or would be
    changed). The file keeps its mode, and a symlink keeps pointing at it; a file that changed
    while this ran is left alone."""
    if check_only:
        raw = read(path)
        return raw.name, raw.content.decode("utf-8") != canonical(raw)
    from hkprobono.maintain.edit import transaction

    raw, _ = transaction(path, lambda data: None, doing="formatted", require_clean=False)
    return raw.name, raw.content.decode("utf-8") != canonical(raw)


def upgrade(path: Path | None) -> tuple[str, list[str]]:
    """Rewrite a schema 1 file in schema 2 (maintain/upgrade.py): its name, and what to review."""
    from hkprobono.maintain.edit import transaction
    from hkprobono.maintain.upgrade import upgrade as migrate

    raw, notes = transaction(path, migrate, doing="upgraded", require_clean=False)
    return raw.name, notes


def replace(raw: RawFile, text: str, doing: str) -> None:
    """Write `text` over the file `raw` was read from, keeping its mode; refuse (changing nothing)
    when the file is read-only, has other hard links, or changed since it was read."""
    target = (raw.path if raw.path is not None else bundled_path()).resolve()
    try:
        info = target.stat()
    except OSError as exc:
        raise HkProBonoError(f"{raw.name}: cannot be checked ({exc.strerror or exc}); nothing was changed") from None
    if not os.access(target, os.W_OK) or not info.st_mode & 0o222:  # root may write anything: ask the mode too
        raise HkProBonoError(f"{raw.name}: is read-only; nothing was changed")
    if info.st_nlink > 1:
        raise HkProBonoError(f"{raw.name}: has other hard links, which a rewrite would break; nothing was changed")
    if target.read_bytes() != raw.content:
        raise HkProBonoError(f"{raw.name}: changed while it was being {doing}; nothing was changed, run it again")

    write_text(target, text, force=True, mode=info.st_mode & 0o7777)
