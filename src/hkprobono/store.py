"""Open a directory for the CLI: from the cache when it is fresh, else load, validate and cache it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from hkprobono import cache
from hkprobono.loader import BUNDLED_NAME, ENV_VAR, read
from hkprobono.model import Directory

if TYPE_CHECKING:
    from hkprobono.search import Index
    from hkprobono.searchindex import IndexState


class Catalog:
    """A loaded directory and its search index, which is only built (with rapidfuzz) when used."""

    def __init__(self, directory: Directory, state: IndexState) -> None:
        self.directory = directory
        self._state = state
        self._index: Index | None = None

    @property
    def index(self) -> Index:
        if self._index is None:
            from hkprobono.search import Index

            self._index = Index(self.directory, self._state)
        return self._index


def open_catalog(path: Path | str | None = None) -> Catalog:
    if path is None and not os.environ.get(ENV_VAR):
        cached = cache.load_bundled()
        if cached is not None:
            return Catalog(*cached)
    raw = read(path)
    # Only a file on disk has a path to remember; a zipped install's name is stable, so it is its key.
    name = str(raw.path) if raw.path else raw.name
    slot = cache.bundled_slot() if raw.name == BUNDLED_NAME and raw.path else None
    cached = cache.load(name, raw.content, slot)
    if cached is not None:
        return Catalog(*cached)
    from hkprobono.loader import load_raw
    from hkprobono.searchindex import build

    directory = load_raw(raw)
    state = build(directory)
    cache.save(name, raw.content, directory, state, slot)
    return Catalog(directory, state)
