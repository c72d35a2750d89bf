"""Open a directory for the commands: from the cache when it is fresh, else load, validate and cache it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from hkprobono.loading import cache
from hkprobono.loading.installed import Origin
from hkprobono.loading.source import read
from hkprobono.model import Directory
from hkprobono.render.present import write_err
from hkprobono.text import one_line

if TYPE_CHECKING:
    from hkprobono.search.engine import Index
    from hkprobono.search.index import IndexState

Notify = Callable[[list[str]], None]


def say(notices: list[str]) -> None:
    """Why the cache was not used (an unsafe folder, a link or FIFO in its place): one line each, once."""
    for notice in dict.fromkeys(notices):
        write_err(f"Note: {one_line(notice)}")


def quiet(notices: list[str]) -> None:
    """Shell completion: nothing may be printed into the shell."""


class Catalog:
    """A loaded directory and its search index, which is only built (with rapidfuzz) when used."""

    def __init__(
        self,
        directory: Directory,
        state: IndexState,
        saved_as: tuple[str, bytes] | None = None,
        origin: Origin = Origin("bundled"),
        source: str = "",
        notify: Notify = say,
    ) -> None:
        self.directory = directory
        self.origin = origin  # where the data in use came from, for `about` and the update reminder
        self.source = source
        self._state = state
        self._saved_as = saved_as  # (cache slot, file content) when the state came from the cache
        self._index: Index | None = None
        self._notify = notify

    @property
    def index(self) -> Index:
        if self._index is None:
            from hkprobono.search.engine import Index
            from hkprobono.search.index import build, valid

            if not valid(self._state):
                # A cache from before a change to the index's shape: rebuild it once and keep it.
                self._state = build(self.directory)
                if self._saved_as is not None:
                    notices: list[str] = []
                    cache.save(*self._saved_as, self.directory, self._state, notices)
                    self._notify(notices)
            self._index = Index(self.directory, self._state)
        return self._index


def open_catalog(path: Path | str | None = None, notify: Notify = say) -> Catalog:
    raw = read(path)
    origin = raw.origin or Origin("file")
    # The absolute path is the cache slot, so two files never share an entry.
    name = str(raw.path) if raw.path else raw.name
    notices: list[str] = []
    cached = cache.load(name, raw.content, notices)
    if cached is not None:
        notify(notices)
        return Catalog(*cached, saved_as=(name, raw.content), origin=origin, source=raw.name, notify=notify)
    from hkprobono.loading.source import load_raw
    from hkprobono.search.index import build

    directory = load_raw(raw)
    state = build(directory)
    cache.save(name, raw.content, directory, state, notices)
    notify(notices)
    return Catalog(directory, state, origin=origin, source=raw.name, notify=notify)
