"""Safe file writes: regular files only, through a temporary file and a rename, never over an
existing file without `force`, with the permissions the user's umask gives; and the exclusive
lock that serialises the runs that edit one file."""

from __future__ import annotations

import os
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hkprobono.errors import EXIT_BUSY, HkProBonoError

FORCE_HINT = "to overwrite it"  # with FORCE: "to overwrite it: add --force" (cli/options.py)
FORCE = ("option", "force")


def _umask_mode() -> int:
    # The only portable way to read the umask is to set it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def _deferred() -> Iterator[None]:
    """Ctrl-C and TERM wait until the block is done: a temporary file or a name is then always on
    the list of what to remove, never created and lost between two steps. The blocks are a
    single system call or two, so a signal waits microseconds."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None:  # Windows: no signal masks
        yield
        return
    old = block(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, old)  # a pending signal is handled here, with the lists up to date


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def check_target(path: Path, *, force: bool) -> None:
    """Refuse what must never be replaced: a folder, a device, a FIFO or a socket, even with force."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise HkProBonoError(f"{path}: cannot be checked ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise HkProBonoError(f"{path}: is a folder; give a file name")
    link = stat.S_ISLNK(info.st_mode)
    if link:
        # A link is followed only to a regular file, as `data fmt` writes through it.
        try:
            info = path.stat()
        except OSError:
            raise HkProBonoError(f"{path}: is a broken link") from None
        if stat.S_ISDIR(info.st_mode):
            raise HkProBonoError(f"{path}: is a link to a folder; give a file name")
    if not stat.S_ISREG(info.st_mode):
        what = f"a link to {_kind(info.st_mode)}" if link else _kind(info.st_mode)
        raise HkProBonoError(f"{path}: is {what}, not a regular file; nothing was written")
    if not force:
        raise HkProBonoError(f"{path}: already exists", hint=FORCE_HINT, see=FORCE)


Owner = tuple[int, int]


def _stage(
    target: Path, content: bytes, mode: int, staged: list[Path], owner: Owner | None = None, *, sync: bool = True
) -> Path:
    """`content` in a new temporary file beside `target`, synced to disk, with its final mode (and
    owner, where one is given and may be kept). The file is on `staged` from the moment it exists,
    so the caller removes it whatever stops the run."""
    parent = target.parent
    if not parent.is_dir():
        raise HkProBonoError(f"{parent}: no such folder")
    try:
        with _deferred():  # a signal between creating the file and listing it would leave it behind
            fd, tmp_name = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
            tmp = Path(tmp_name)
            staged.append(tmp)
    except OSError as exc:
        raise HkProBonoError(f"{parent}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        if owner is not None:
            _keep_owner(tmp, owner)
        os.chmod(tmp, mode)  # after chown, which clears set-id bits
    except BaseException as exc:  # a full disk, Ctrl-C, TERM: no temporary file is left behind
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise HkProBonoError(f"{target}: cannot be written ({exc.strerror or exc})") from None
        raise
    return tmp


def _keep_owner(tmp: Path, owner: Owner) -> None:
    """Give the new file the old one's owner and group, as far as we may: root may give both (so a
    rewrite as root never hands a maintainer's file to root), others at most a group they are in."""
    uid, gid = owner
    info = tmp.stat()
    if (info.st_uid, info.st_gid) == (uid, gid):
        return
    for wanted in ((uid, gid), (-1, gid)):
        try:
            os.chown(tmp, *wanted)
            return
        except OSError:
            continue


def _commit(tmp: Path, target: Path, shown: Path, *, force: bool) -> None:
    """Give the staged file its name: over an old file only with `force`."""
    try:
        if force:
            os.replace(tmp, target)
            return
        # link() fails if the name exists: the no-overwrite check and the write are one step.
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise HkProBonoError(f"{shown}: already exists", hint=FORCE_HINT, see=FORCE) from None
        except OSError:  # a file system without hard links: claim the name exclusively, then fill it
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                raise HkProBonoError(f"{shown}: already exists", hint=FORCE_HINT, see=FORCE) from None
            os.replace(tmp, target)
    except OSError as exc:
        raise HkProBonoError(f"{shown}: cannot be written ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)


def _target(path: Path) -> Path:
    return path.resolve() if path.is_symlink() else path


def write_bytes(
    path: Path,
    content: bytes,
    *,
    force: bool = False,
    private: bool = False,
    mode: int | None = None,
    owner: Owner | None = None,
) -> Path:
    """Write `content` to `path` atomically. Without `force` an existing file is never replaced,
    even one created while this runs; `private` keeps the file to the user (0600), `mode` and
    `owner` keep given ones (as `data fmt` keeps the file's own). A link to a regular file is
    written through."""
    path = Path(path)
    check_target(path, force=force)
    target = _target(path)
    staged: list[Path] = []
    try:
        tmp = _stage(
            target, content, 0o600 if private else (mode if mode is not None else _umask_mode()), staged, owner
        )
        _commit(tmp, target, path, force=force)
    finally:
        for tmp in staged:
            tmp.unlink(missing_ok=True)
    return path


def write_text(path: Path, text: str, *, force: bool = False, mode: int | None = None) -> Path:
    return write_bytes(path, text.encode("utf-8"), force=force, mode=mode)


def write_many(folder: Path, files: dict[str, bytes], *, force: bool = False) -> list[Path]:
    """One file per name inside `folder` (created if missing), all or nothing: every target is
    checked first, then every file is written to a temporary file (where a full disk fails, and
    then nothing has changed), and only then are they given their names. Without `force` a failure
    or a signal (Ctrl-C, TERM) while naming removes the files this call had named; with `force` a
    failure while naming (rare: no data is written then) can leave some files replaced and the
    rest as they were."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise HkProBonoError(f"{folder}: is not a folder")
    for name in files:
        if Path(name).name != name or name in ("", ".", ".."):
            raise HkProBonoError(f"'{name}' is not a plain file name")
        check_target(folder / name, force=force)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HkProBonoError(f"{folder}: cannot be created ({exc.strerror or exc})") from None
    staged: list[Path] = []
    named: list[tuple[Path, Path, Path]] = []
    written: list[Path] = []
    mode = _umask_mode()
    try:
        for name, content in files.items():
            path = folder / name
            target = _target(path)
            named.append((_stage(target, content, mode, staged), target, path))
        for tmp, target, path in named:
            with _deferred():  # a signal between naming a file and listing it would leave it behind
                _commit(tmp, target, path, force=force)
                written.append(path)
    except BaseException:
        with _deferred():  # a second Ctrl-C must not stop the clean-up half way
            for tmp in staged:
                tmp.unlink(missing_ok=True)
            if not force:  # with --force an old file may have been replaced; removing it would lose it
                for done in written:
                    done.unlink(missing_ok=True)
        raise
    return written


def put_private(folder: Path, name: str, content: bytes) -> None:
    """Replace `folder/name` with `content`, readable by the user only: for a cache in a folder
    the caller has checked is the user's own. The rename replaces whatever has the name (a link,
    a FIFO) and never writes through it; no sync, as a torn cache file fails its checksum."""
    staged: list[Path] = []
    try:
        os.replace(_stage(folder / name, content, 0o600, staged, sync=False), folder / name)
    except OSError as exc:
        raise HkProBonoError(f"{folder / name}: cannot be written ({exc.strerror or exc})") from None
    finally:
        for tmp in staged:
            tmp.unlink(missing_ok=True)


# -- one editor at a time ---------------------------------------------------------------------------
LOCK_SECONDS = 20.0  # documented in the README: how long an edit waits for another to finish
_POLL = 0.05


def lock_path(target: Path) -> Path:
    """The lock file beside `target`: `.NAME.lock`, empty, left in place (removing it while another
    run waits on it would let a third run lock a new file and write at the same time)."""
    return target.with_name(f".{target.name}.lock")


@contextmanager
def exclusive(target: Path, *, shown: str, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock on `target` for the block; wait at most `timeout` seconds (default
    LOCK_SECONDS) for a run that holds it, then fail (EXIT_BUSY) having changed nothing. Every run
    that edits the file takes it, so their edits follow one another; a reader never needs it
    (writes are renames)."""
    timeout = LOCK_SECONDS if timeout is None else timeout
    fd = _open_lock(lock_path(target), shown)
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd, shown):
            if time.monotonic() >= deadline:
                raise HkProBonoError(
                    f"{shown}: another run is changing this file (waited {timeout:g} s); nothing was changed",
                    exit_code=EXIT_BUSY,
                    hint="try again when it has finished",
                )
            time.sleep(_POLL)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock, also when the block raised


def _open_lock(lock: Path, shown: str) -> int:
    # O_NOFOLLOW: a planted link is never followed (nor truncated: the file is opened, not written);
    # O_NONBLOCK: a FIFO in its place cannot hang the run.
    flags = os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        try:
            fd = os.open(lock, os.O_RDWR | flags, 0o666)  # the umask gives a group-shared folder its mode
        except PermissionError:  # another maintainer's lock file, readable to us: locking needs no more
            fd = os.open(lock, os.O_RDONLY | flags)
    except OSError as exc:
        import errno

        if exc.errno in (
            errno.EACCES,
            errno.EPERM,
            errno.EROFS,
        ):  # the rewrite's temporary file could not go there either
            raise HkProBonoError(
                f"{shown}: its folder cannot be written ({lock}: {exc.strerror}); nothing was changed"
            ) from None
        raise HkProBonoError(
            f"{shown}: cannot be locked for editing ({lock}: {exc.strerror or exc}); nothing was changed"
        ) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise HkProBonoError(
            f"{shown}: cannot be locked for editing ({lock} is not a regular file); nothing was changed"
        )
    return fd


if sys.platform == "win32":  # pragma: no cover - no flock on Windows; the C runtime locks a byte range

    def _try_lock(fd: int, shown: str) -> bool:
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:

    def _try_lock(fd: int, shown: str) -> bool:
        import errno
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):  # held; EACCES on some file systems
                return False
            raise HkProBonoError(
                f"{shown}: cannot be locked for editing ({exc.strerror or exc}); nothing was changed"
            ) from None
        return True
