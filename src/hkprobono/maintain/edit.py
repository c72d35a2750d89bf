"""The one way a command changes the data file: read it under a lock, change the parsed data,
check that the result loads, write it back in canonical form atomically.

`data set`, `unset`, `new`, `confirm` and `fmt` all go through `transaction`, so two people
recording calls in the same file at once are served one after the other and neither loses an
edit; on any error the file is left byte for byte as it was. The lock is an exclusive `flock` on
the file itself (advisory, Unix; where `fcntl` is missing there is no lock, and the check that
the file did not change while a command ran still holds). Nothing here prints."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import RawFile, bundled_path, parse, read
from hkprobono.loading.tables import Problem
from hkprobono.safewrite import write_text

T = TypeVar("T")
LOCK_WAIT = 10.0  # seconds; documented in the README
LOCK_POLL = 0.05


@contextlib.contextmanager
def locked(path: Path | None) -> Iterator[RawFile]:
    """The file, read once this process holds the exclusive lock on it. A file replaced while
    waiting (another run wrote it) is locked again under its new identity before it is read."""
    try:
        import fcntl
    except ImportError:  # no flock on this platform: the changed-meanwhile check still guards
        yield read(path)
        return
    target = (read(path).path or bundled_path()).resolve()
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fd = os.open(target, os.O_RDONLY)
        except OSError as exc:
            raise HkProBonoError(f"{target}: cannot be opened ({exc.strerror or exc}); nothing was changed") from None
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise HkProBonoError(
                            f"{target}: another hkprobono command is changing it and has not finished within "
                            f"{LOCK_WAIT:g} seconds; nothing was changed, run it again"
                        ) from None
                    time.sleep(LOCK_POLL)
            try:
                same = os.fstat(fd).st_ino == os.stat(target).st_ino
            except OSError:
                same = False
            if same:
                yield read(path)
                return
        finally:
            os.close(fd)  # closing releases the lock


def canonical_text(data: dict[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps(data, indent=4)


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


def errors_in(data: dict[str, Any], name: str) -> list[Problem]:
    from hkprobono.loading.validate import build

    _, problems = build(data, name)
    return [p for p in problems if p.severity == "error"]


def transaction(
    path: Path | None, change: Callable[[dict[str, Any]], T], *, doing: str, require_clean: bool = True
) -> tuple[RawFile, T]:
    """Lock and read the file, refuse one with errors (unless `require_clean` is off, for `fmt`),
    apply `change` to the parsed data, and write it back canonically unless the change adds an
    error. `change` raises HkProBonoError to refuse; nothing is written then."""
    with locked(path) as raw:
        if raw.origin is not None and raw.origin.kind == "update":
            raise HkProBonoError(
                f"{raw.name}: is a signed update in use, which an edit would break; nothing was changed",
                hint="name the file to change (e.g. data/directory.toml), then publish it",
            )
        data = parse(raw)
        before = [str(p) for p in errors_in(data, raw.name)]
        if before and require_clean:
            raise HkProBonoError(f"{raw.name}: has errors ({before[0]}); run 'hkprobono data check' and fix them first")
        result = change(data)
        text = canonical_text(data)
        after = [p for p in errors_in(parse(RawFile(raw.name, text.encode("utf-8"))), raw.name) if str(p) not in before]
        if after:
            more = f" and {len(after) - 1} more" if len(after) > 1 else ""
            raise HkProBonoError(f"{raw.name}: the change would not load ({after[0]}{more}); nothing was changed")
        if text.encode("utf-8") != raw.content:
            replace(raw, text, doing)
    return raw, result
