"""`data fmt`: one canonical text form for a directory file, written by tomli-w."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hkprobono.loading.source import RawFile, parse, read
from hkprobono.maintain.edit import edit


def canonical(raw: RawFile) -> str:
    """The canonical text of the file's data. Same data in, same text out; comments are not kept."""
    return canonical_text(parse(raw))


def canonical_text(data: dict[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps(data, indent=4)


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
