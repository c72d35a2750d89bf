"""One edit of a directory file at a time: every command that writes the file (`data confirm`,
`data fmt`) goes through `edit`, which takes the file's exclusive lock, reads the file again under
it, applies the change and writes the result atomically before letting the next run in. Two
maintainers confirming at once both land, one after the other; nothing here prints."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from hkprobono import safewrite
from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import RawFile, bundled_path, read

T = TypeVar("T")


def edit(path: Path | None, change: Callable[[RawFile], tuple[str | None, T]], doing: str) -> tuple[RawFile, T]:
    """Run `change` on the file as it is under the lock; write the text it returns (None: leave
    the file as it is). Returns the file as read and what `change` returned beside the text."""
    first = read(path)
    target = _target(first)
    with safewrite.exclusive(target, shown=first.name):
        raw = read(path)  # what the last run to hold the lock wrote, not what we saw before
        if _target(raw) != target:
            raise HkProBonoError(f"{raw.name}: changed while it was being {doing}; nothing was changed, run it again")
        text, result = change(raw)
        if text is not None:
            replace(raw, text, doing)
    return raw, result


def _target(raw: RawFile) -> Path:
    return (raw.path if raw.path is not None else bundled_path()).resolve()


def replace(raw: RawFile, text: str, doing: str) -> None:
    """Write `text` over the file `raw` was read from, keeping its mode and owner; refuse (changing
    nothing) when the file is read-only, has other hard links, or changed since it was read (an
    editor that takes no lock)."""
    target = _target(raw)
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
    safewrite.write_bytes(
        target, text.encode("utf-8"), force=True, mode=info.st_mode & 0o7777, owner=(info.st_uid, info.st_gid)
    )
