"""Writing export files: never overwrite without --force, always atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hkprobono.errors import HkProBonoError


def write_bytes(path: Path, content: bytes, *, force: bool = False) -> Path:
    """Write through a temporary file in the same directory, then rename over the target."""
    if path.is_dir():
        raise HkProBonoError(f"{path}: is a directory; give a file name")
    if path.exists() and not force:
        raise HkProBonoError(f"{path}: already exists", hint="add --force to overwrite it")
    parent = path.parent
    if not parent.is_dir():
        raise HkProBonoError(f"{parent}: no such directory")
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise HkProBonoError(f"{parent}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise HkProBonoError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    return path


def write_text(path: Path, text: str, *, force: bool = False) -> Path:
    return write_bytes(path, text.encode("utf-8"), force=force)


def write_many(directory: Path, files: dict[str, str], *, force: bool = False) -> list[Path]:
    """One file per name inside `directory`; checks every target before writing any."""
    if not directory.is_dir():
        raise HkProBonoError(f"{directory}: no such directory")
    targets = {name: directory / name for name in files}
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing and not force:
        raise HkProBonoError(f"{existing[0]}: already exists", hint="add --force to overwrite")
    return [write_text(targets[name], text, force=force) for name, text in files.items()]
