"""Which directory file is in use: the bundled one, or the newest verified update that
`hkprobono data update` installed. Read at every start-up, so it costs one small file and no
network, no JSON and no TUF: the channel package writes what this reads.

The user's folder (HKPROBONO_HOME, else the user data folder platformdirs names) holds
`channel.txt` (the channel and the update in use, key=value lines), `updates/` (one folder per
installed update) and `metadata/` (the channel's verified signed metadata)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from hkprobono.record import NamedTuple

HOME_VAR = "HKPROBONO_HOME"
APP = "hkprobono"
RECORD = "channel.txt"
UPDATES = "updates"
DIRECTORY = "directory.toml"
# A channel unchecked for this long, with data in use older than STALE_DAYS, earns a reminder
# (documented in docs/updates.md).
STALE_DAYS = 30
CHECK_DAYS = 7


class Record(NamedTuple):
    """What channel.txt says: the channel, when it was last checked, and the update installed."""

    url: str = ""
    checked: str = ""  # ISO time (UTC) of the last successful check; "" before the first
    folder: str = ""  # the installed update's folder under updates/; "" when none is installed
    version: int = 0  # the signed version of the installed update
    compiled: str = ""  # the installed directory file's [meta] compiled date
    digest: str = ""  # BLAKE2b of the installed directory file, to notice a damaged copy
    installed: str = ""  # ISO time (UTC) it was installed

    def text(self) -> str:
        lines = [f"{field}={value}" for field, value in zip(self._fields, self, strict=True)]
        return "# Written by the data update command of hkprobono; do not edit.\n" + "\n".join(lines) + "\n"


class Origin(NamedTuple):
    """Where the data in use came from. `kind`: "bundled", "update" or "file" (--data)."""

    kind: str
    compiled: str | None = None  # the [meta] compiled date of the file in use
    record: Record | None = None  # the update channel, when one is set up
    note: str = ""  # why an installed update is not in use: "bundled-newer" or "damaged"


class Choice(NamedTuple):
    path: Path
    origin: Origin
    content: bytes | None = None  # already read (an update, checked against its digest)


def home() -> Path | None:
    """The user's hkprobono folder, as platformdirs names it. Linux and macOS follow platformdirs'
    rule here without importing it (about 6 ms at every start-up; tests/loading/test_installed.py
    checks the two agree); anywhere else, and for an unusual HOME, platformdirs is asked."""
    given = os.environ.get(HOME_VAR)
    if given:
        return Path(given)
    base = {"linux": ".local/share", "darwin": "Library/Application Support"}.get(sys.platform)
    xdg, user = os.environ.get("XDG_DATA_HOME", ""), os.environ.get("HOME", "")
    if base is not None and os.path.isabs(xdg):
        return Path(xdg) / APP
    if base is not None and os.path.isabs(user):
        return Path(user) / base / APP
    try:
        import platformdirs

        return Path(platformdirs.user_data_dir(APP, appauthor=False))
    except Exception:  # no home folder at all: no updates, never a failed start-up
        return None


def read_record(folder: Path | None = None) -> Record | None:
    """channel.txt, or None when no channel is set up (or the file is unreadable)."""
    folder = folder or home()
    if folder is None:
        return None
    try:
        text = (folder / RECORD).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key in Record._fields:
            values[key] = value.strip()
    try:
        record = Record(**{**values, "version": int(values.get("version") or 0)})  # type: ignore[arg-type]
    except ValueError:
        return None
    return record if record.url else None


def stamp(content: bytes) -> str | None:
    """The [meta] compiled date a directory file carries, read without parsing TOML (the table
    is near the top of a file in canonical form); None when it is not found that way. Plain byte
    operations: a regular expression would be compiled at every start-up."""
    in_meta = False
    for line in content[:16384].splitlines():
        text = line.strip()
        if text.startswith(b"["):
            if in_meta:
                return None
            in_meta = text == b"[meta]"
            continue
        key, sep, value = text.partition(b"=")
        if in_meta and sep and key.strip() == b"compiled":
            date = value.strip().strip(b'"')
            ok = len(date) == 10 and date[4:5] == date[7:8] == b"-" and date.replace(b"-", b"").isdigit()
            return date.decode() if ok else None
    return None


def digest(content: bytes) -> str:
    try:
        from _blake2 import blake2b  # hashlib loads OpenSSL, milliseconds at every start-up
    except ImportError:  # pragma: no cover - CPython always has it
        from hashlib import blake2b
    return str(blake2b(content, digest_size=32).hexdigest())


def choose(bundled: Path) -> Choice:
    """The newest verified update in preference to the bundled file; a bundled file whose
    [meta] compiled date is later than the update's wins (a newer release of hkprobono)."""
    folder = home()
    record = read_record(folder)
    try:
        with bundled.open("rb") as handle:
            bundled_date = stamp(handle.read(16384))
    except OSError:
        bundled_date = None
    if folder is None or record is None or not record.folder:
        return Choice(bundled, Origin("bundled", bundled_date, record))
    if bundled_date and record.compiled and bundled_date > record.compiled:
        return Choice(bundled, Origin("bundled", bundled_date, record, "bundled-newer"))
    path = folder / UPDATES / record.folder / DIRECTORY
    try:
        content = path.read_bytes()
    except OSError:
        content = b""
    if digest(content) != record.digest:
        return Choice(bundled, Origin("bundled", bundled_date, record, "damaged"))
    return Choice(path, Origin("update", record.compiled, record), content)


def update_file(name: str) -> Path | None:
    """Another file the update in use carries (the general-holiday table), for its loader."""
    folder, record = home(), read_record()
    if folder is None or record is None or not record.folder:
        return None
    path = folder / UPDATES / record.folder / name
    return path if path.is_file() else None


def due(origin: Origin, on: dt.date) -> bool:
    """Whether to suggest an update: a channel is set up, the data in use is older than
    STALE_DAYS and the channel has not been checked for CHECK_DAYS."""
    record = origin.record
    if record is None or origin.kind == "file" or not origin.compiled:
        return False
    try:
        old = (on - dt.date.fromisoformat(origin.compiled)).days > STALE_DAYS
        checked = dt.datetime.fromisoformat(record.checked).date() if record.checked else None
    except ValueError:
        return False
    return old and (checked is None or (on - checked).days >= CHECK_DAYS)
