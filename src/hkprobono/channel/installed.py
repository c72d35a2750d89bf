"""Installing a verified update in the user's folder: every file or none, then one rename of
channel.txt switches the data in use; and the lock that keeps two updates from running at once.

The folder's layout is loading/installed.py's (which reads it at every start-up)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from hkprobono.channel.targets import Target
from hkprobono.errors import EXIT_BUSY, EXIT_INSTALL, HkProBonoError
from hkprobono.loading.installed import RECORD, UPDATES, Record, digest, home
from hkprobono.safewrite import write_bytes

LOCK = "update.lock"
UNCHANGED = "the data in use is unchanged"


def staging_folder(parent: Path, prefix: str, failure: str) -> Path:
    """A new private folder in `parent` to build files in before one rename puts them in place."""
    try:
        return Path(tempfile.mkdtemp(dir=parent, prefix=prefix))
    except OSError as exc:
        raise HkProBonoError(f"{failure} ({exc.strerror or exc}); {UNCHANGED}", exit_code=EXIT_INSTALL) from None


def folder() -> Path:
    found = home()
    if found is None:
        raise HkProBonoError("there is no home folder to keep updates in; set HKPROBONO_HOME to a folder")
    return found


def _mkdir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HkProBonoError(f"{path}: cannot be created ({exc.strerror or exc})", exit_code=EXIT_INSTALL) from None


@contextmanager
def lock(base: Path) -> Iterator[None]:
    """Hold the update lock, or fail at once: the TUF client's metadata folder and channel.txt
    must have one writer at a time. The lock goes with the process, so a crash never leaves it."""
    _mkdir(base)
    try:
        fd = os.open(base / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise HkProBonoError(
            f"{base / LOCK}: cannot be opened ({exc.strerror or exc})", exit_code=EXIT_INSTALL
        ) from None
    try:
        try:
            _take(fd)
        except OSError:
            raise HkProBonoError(
                f"another update of the data is running; try again when it has finished; {UNCHANGED}",
                exit_code=EXIT_BUSY,
            ) from None
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


def _take(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def save(base: Path, record: Record) -> None:
    """channel.txt, replaced in one rename."""
    try:
        write_bytes(base / RECORD, record.text().encode("utf-8"), force=True)
    except HkProBonoError as exc:
        raise HkProBonoError(
            f"the update could not be recorded: {exc.message}; {UNCHANGED}", exit_code=EXIT_INSTALL
        ) from None


def install(base: Path, files: Sequence[Target], record: Record) -> Record:
    """Write `files` into a new folder under updates/, then switch channel.txt to it. Until that
    rename the previous data stays in use; on any failure nothing of this update is left."""
    updates = base / UPDATES
    _mkdir(updates)
    directory = files[0].content
    name = f"{record.version}-{digest(directory)[:16]}"
    staging = staging_folder(updates, ".incoming-", "the update could not be installed")
    try:
        for target in files:
            write_bytes(staging / target.name, target.content)
        final = updates / name
        if final.exists():  # a damaged copy of this same version, which is not in use
            shutil.rmtree(final)
        os.rename(staging, final)
    except (HkProBonoError, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        reason = exc.message if isinstance(exc, HkProBonoError) else (exc.strerror or str(exc))
        raise HkProBonoError(
            f"the update could not be installed: {reason}; {UNCHANGED}", exit_code=EXIT_INSTALL
        ) from None
    previous = record.folder
    installed = record._replace(folder=name, digest=digest(directory))
    try:
        save(base, installed)
    except HkProBonoError:
        shutil.rmtree(updates / name, ignore_errors=True)
        raise
    _prune(updates, keep={name, previous})
    return installed


def _prune(updates: Path, keep: set[str]) -> None:
    """Older updates go; the one just replaced stays, for a command that started before the switch."""
    for entry in updates.iterdir():
        if entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)
