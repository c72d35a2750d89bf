"""One edit of a directory file at a time: every command that writes the file (`data set`, `unset`,
`new`, `confirm`, `fmt`) goes through `edit`, which takes the file's exclusive lock, reads the file
again under it, applies the change and writes the result atomically before letting the next run
in. Two maintainers recording calls at once both land, one after the other. `transaction` is the
one place a change to the parsed data is made: read under the lock, change, check that the result
loads, write canonically; on any error the file is left byte for byte as it was. Nothing here
prints."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from hkprobono import safewrite
from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import RawFile, bundled_path, check_of, parse, read
from hkprobono.loading.tables import Problem

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


def canonical_text(data: dict[str, Any]) -> str:
    """The canonical text of parsed data (`data fmt`'s form): tomli-w, four-space indents."""
    import tomli_w

    return tomli_w.dumps(data, indent=4)


def errors_in(data: dict[str, Any], name: str) -> list[Problem]:
    from hkprobono.loading.validate import build

    _, problems = build(data, name)
    return [p for p in problems if p.severity == "error"]


def transaction(
    path: Path | None, change: Callable[[dict[str, Any]], T], *, doing: str, require_clean: bool = True
) -> tuple[RawFile, T]:
    """Under the file's lock (`edit`): refuse a file with errors (unless `require_clean` is off, for
    `fmt --upgrade`), apply `change` to the parsed data, and write it back canonically unless the
    change adds an error. `change` raises HkProBonoError to refuse; nothing is written then."""

    def apply(raw: RawFile) -> tuple[str | None, T]:
        if raw.origin is not None and raw.origin.kind == "update":
            raise HkProBonoError(
                f"{raw.name}: is a signed update in use, which an edit would break; nothing was changed",
                hint="name the file to change (e.g. data/directory.toml), then publish it",
            )
        data = parse(raw)
        before = [str(p) for p in errors_in(data, raw.name)]
        if before and require_clean:
            raise HkProBonoError(f"{raw.name}: has errors ({before[0]}); fix them first", see=check_of(raw))
        result = change(data)
        text = canonical_text(data)
        after = [p for p in errors_in(parse(RawFile(raw.name, text.encode("utf-8"))), raw.name) if str(p) not in before]
        if after:
            more = f" and {len(after) - 1} more" if len(after) > 1 else ""
            raise HkProBonoError(f"{raw.name}: the change would not load ({after[0]}{more}); nothing was changed")
        return (text if text.encode("utf-8") != raw.content else None), result

    return edit(path, apply, doing)
