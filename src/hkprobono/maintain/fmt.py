"""`data fmt`: one canonical text form for a directory file, written by tomli-w; and `--upgrade`,
which rewrites a file of the old layout (schema 1) in the current one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import RawFile, parse, read
from hkprobono.maintain.edit import canonical_text, edit, transaction

__all__ = ["canonical", "canonical_text", "rewrite", "upgrade"]


def canonical(raw: RawFile) -> str:
    """The canonical text of the file's data. Same data in, same text out; comments are not kept."""
    return canonical_text(parse(raw))


def rewrite(path: Path | None, *, check_only: bool = False) -> tuple[str, bool]:
    """Rewrite the file in place when it is not canonical: (its name, whether it was or would be
    changed). The file keeps its mode and owner, and a symlink keeps pointing at it; the rewrite
    waits for any other run editing the file (maintain.edit), and a file changed meanwhile by
    something that takes no lock is left alone."""
    if check_only:
        raw = read(path)
        return raw.name, raw.content.decode("utf-8") != canonical(raw)

    def change(raw: RawFile) -> tuple[str | None, bool]:
        text = canonical(raw)
        changed = raw.content.decode("utf-8") != text
        return (text if changed else None), changed

    raw, changed = edit(path, change, "formatted")
    return raw.name, changed


def upgrade(path: Path | None) -> tuple[str, list[str]]:
    """Rewrite a schema 1 file in schema 2 (maintain/upgrade.py): its name, and what to review."""
    from hkprobono.maintain.upgrade import upgrade as migrate

    name = read(path).name

    def named(data: dict[str, Any]) -> list[str]:
        try:
            return migrate(data)
        except HkProBonoError as exc:
            raise HkProBonoError(f"{name}: {exc.message}", exit_code=exc.exit_code) from None

    raw, notes = transaction(path, named, doing="upgraded", require_clean=False)
    return raw.name, notes
