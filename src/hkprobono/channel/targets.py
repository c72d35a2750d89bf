"""What a channel carries: the directory file and, when there is one beside it, the
general-holiday table. Each is checked before it is published and again after it is downloaded,
with the checks that loading makes, so an invalid file is never published nor installed."""

from __future__ import annotations

from pathlib import Path

from hkprobono.errors import HkProBonoError
from hkprobono.loading.installed import DIRECTORY
from hkprobono.loading.source import RawFile, load_raw, parse, read
from hkprobono.record import NamedTuple

HOLIDAYS = "holidays.toml"
NAMES = (DIRECTORY, HOLIDAYS)  # the directory file first: it is the one every channel must carry


class Target(NamedTuple):
    name: str  # the name in the channel (whatever the file is called on the publisher's disk)
    content: bytes
    compiled: str | None  # the directory file's [meta] compiled date; None for the others


def check(name: str, raw: RawFile) -> Target:
    """Validate one file as loading would; raise HkProBonoError naming the file otherwise."""
    if name == DIRECTORY:
        return Target(name, raw.content, load_raw(raw).meta.compiled)
    if name not in NAMES:
        raise HkProBonoError(f"{raw.name}: is not a file an update channel carries")
    # The holiday table's loader lives with the deadline counting; until it is wired here, the
    # table is checked as what every data file must be: UTF-8 TOML of bounded size and depth.
    parse(raw)
    return Target(name, raw.content, None)


def collect(raw: RawFile) -> tuple[Target, ...]:
    """The files to publish: the directory file given, and the holiday table beside it if any."""
    found = [check(DIRECTORY, raw)]
    beside = raw.path.parent / HOLIDAYS if raw.path is not None else None
    if beside is not None and beside.is_file():
        found.append(check(HOLIDAYS, read(beside)))
    return tuple(found)


def downloaded(name: str, path: Path) -> Target:
    """A file just downloaded and verified by its signature, checked before it is installed."""
    raw = read(path)
    return check(name, RawFile(f"the update's {name}", raw.content, raw.path))
