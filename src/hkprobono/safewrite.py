"""Safe file writes: regular files only, through a temporary file and a rename, never over an
existing file without `force`, with the permissions the user's umask gives."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from hkprobono.errors import HkProBonoError

FORCE_HINT = "add --force to overwrite it"


def _umask_mode() -> int:
    # The only portable way to read the umask is to set it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


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
    if stat.S_ISLNK(info.st_mode):
        # A link is followed only to a regular file, as `data fmt` writes through it.
        try:
            info = path.stat()
        except OSError:
            raise HkProBonoError(f"{path}: is a broken link") from None
    if not stat.S_ISREG(info.st_mode):
        raise HkProBonoError(f"{path}: is not a regular file (a device, FIFO or socket); nothing was written")
    if not force:
        raise HkProBonoError(f"{path}: already exists", hint=FORCE_HINT)


def _stage(target: Path, content: bytes, mode: int) -> Path:
    """`content` in a new temporary file beside `target`, synced to disk, with its final mode."""
    parent = target.parent
    if not parent.is_dir():
        raise HkProBonoError(f"{parent}: no such folder")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise HkProBonoError(f"{parent}: cannot write here ({exc.strerror or exc})") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException as exc:  # a full disk, Ctrl-C, TERM: no temporary file is left behind
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise HkProBonoError(f"{target}: cannot be written ({exc.strerror or exc})") from None
        raise
    return tmp


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
            raise HkProBonoError(f"{shown}: already exists", hint=FORCE_HINT) from None
        except OSError:  # a file system without hard links: claim the name exclusively, then fill it
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                raise HkProBonoError(f"{shown}: already exists", hint=FORCE_HINT) from None
            os.replace(tmp, target)
    except OSError as exc:
        raise HkProBonoError(f"{shown}: cannot be written ({exc.strerror or exc})") from None
    finally:
        tmp.unlink(missing_ok=True)


def _target(path: Path) -> Path:
    return path.resolve() if path.is_symlink() else path


def write_bytes(
    path: Path, content: bytes, *, force: bool = False, private: bool = False, mode: int | None = None
) -> Path:
    """Write `content` to `path` atomically. Without `force` an existing file is never replaced,
    even one created while this runs; `private` keeps the file to the user (0600), `mode` keeps a
    given one (as `data fmt` keeps the file's own). A link to a regular file is written through."""
    path = Path(path)
    check_target(path, force=force)
    target = _target(path)
    tmp = _stage(target, content, 0o600 if private else (mode if mode is not None else _umask_mode()))
    _commit(tmp, target, path, force=force)
    return path


def write_text(path: Path, text: str, *, force: bool = False, mode: int | None = None) -> Path:
    return write_bytes(path, text.encode("utf-8"), force=force, mode=mode)


def write_many(folder: Path, files: dict[str, bytes], *, force: bool = False) -> list[Path]:
    """One file per name inside `folder` (created if missing), all or nothing: every target is
    checked first, then every file is written to a temporary file (where a full disk fails, and
    then nothing has changed), and only then are they given their names. Without `force` a failure
    while naming removes the files this call had named; with `force` a failure while naming (rare:
    no data is written then) can leave some files replaced and the rest as they were."""
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
    staged: list[tuple[Path, Path, Path]] = []
    written: list[Path] = []
    mode = _umask_mode()
    try:
        for name, content in files.items():
            path = folder / name
            target = _target(path)
            staged.append((_stage(target, content, mode), target, path))
        for tmp, target, path in staged:
            _commit(tmp, target, path, force=force)
            written.append(path)
    except BaseException:
        for tmp, _, _ in staged:
            tmp.unlink(missing_ok=True)
        if not force:  # with --force an old file may have been replaced; removing it would lose it
            for done in written:
                done.unlink(missing_ok=True)
        raise
    return written
