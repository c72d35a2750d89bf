"""`data fmt`: one canonical text form for a directory file, written by tomli-w."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hkprobono.loading.source import RawFile, parse, read
from hkprobono.maintain.edit import canonical_text, transaction

__all__ = ["canonical", "canonical_text", "rewrite", "upgrade"]


def canonical(raw: RawFile) -> str:
    """The canonical text of the file's data. Same data in, same text out; comments are not kept."""
    return canonical_text(parse(raw))


def rewrite(path: Path | None, *, check_only: bool = False) -> tuple[str, bool]:
    """Rewrite the file in place when it is not canonical: (its name, whether it was or would be
    changed). The file keeps its mode, and a symlink keeps pointing at it; a file that changed
    while this ran is left alone."""
    if check_only:
        raw = read(path)
        return raw.name, raw.content.decode("utf-8") != canonical(raw)
    raw, _ = transaction(path, lambda data: None, doing="formatted", require_clean=False)
    return raw.name, raw.content.decode("utf-8") != canonical(raw)


def upgrade(path: Path | None) -> tuple[str, list[str]]:
    """Rewrite a schema 1 file in schema 2 (maintain/upgrade.py): its name, and what to review."""
    from hkprobono.errors import HkProBonoError
    from hkprobono.maintain.upgrade import upgrade as migrate

    name = read(path).name

    def named(data: dict[str, Any]) -> list[str]:
        try:
            return migrate(data)
        except HkProBonoError as exc:
            raise HkProBonoError(f"{name}: {exc.message}", exit_code=exc.exit_code) from None

    raw, notes = transaction(path, named, doing="upgraded", require_clean=False)
    return raw.name, notes
