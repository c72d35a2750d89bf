"""An on-disk cache of a validated directory and its search index, so large files load fast (and,
through `load_value`/`save_value`, of the parsed holiday table).

One cache file per data file (named by a hash of its path). Its key covers the file's content, this
version of hkprobono and the model's layout (every class and field name), so a changed model never
reads an old entry; so records are stored by position, and a record of another length is refused.
The payload carries a checksum (CRC-32) that is checked before anything is decoded: a stale,
truncated, damaged or foreign cache file is ignored and rebuilt, never believed. Only validated data
is ever written. HKPROBONO_CACHE=0 turns the cache off; a run with no safe place for it (no usable
home or cache folder, a folder another user could write in) goes on without it, and says why. Cache
files are read without following a link or waiting on a FIFO, and written by a rename, never through
whatever had their name."""

from __future__ import annotations

import marshal
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from hkprobono import __version__, model
from hkprobono.errors import HkProBonoError
from hkprobono.model import Directory, Organisation

FORMAT = 7  # 7: records by position, CRC-32 checksum (6: synonyms stored as they are)
MAX_BYTES = 256 * 1024 * 1024  # a larger "cache file" is not ours

# The cache is marshal data, never pickle: a tampered cache file cannot run code, only fail to load.
# Every NamedTuple of the model, found rather than listed: a class added later is cached too, and
# its fields are part of LAYOUT, so a cache written before it existed is never read.
_TYPES: dict[str, Any] = {
    name: cls
    for name, cls in sorted(vars(model).items())
    if isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields") and cls.__module__ == model.__name__
}
LAYOUT = ";".join(f"{name}({','.join(cls._fields)})" for name, cls in sorted(_TYPES.items()))


class Unsafe(Exception):
    """Why there is no safe place for the cache in this run: the run goes on without one, and the
    CLI says why in one line (HKPROBONO_CACHE=0 turns the cache, and so the notice, off)."""


def cache_folder() -> Path:
    """Where cache files go, by the XDG rules: $XDG_CACHE_HOME/hkprobono when it is an absolute
    path (a relative one is ignored, as the specification says), else $HOME/.cache/hkprobono,
    where HOME must be an absolute path too: an empty HOME never makes it /.cache."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(base):
        return Path(base) / "hkprobono"
    home = os.environ.get("HOME")
    if home is None:
        try:
            import pwd

            home = pwd.getpwuid(os.getuid()).pw_dir
        except (ImportError, KeyError, OSError):
            raise Unsafe("no home folder (HOME is not set, and the user has no passwd entry)") from None
    if not os.path.isabs(home) or home == "/":
        raise Unsafe(f"HOME is {home!r}, not a home folder")
    return Path(home) / ".cache" / "hkprobono"


def off(why: Unsafe) -> str:
    return f"no cache in this run: {why}; set XDG_CACHE_HOME to a folder of your own, or HKPROBONO_CACHE=0"


def _checked_folder(*, create: bool) -> Path | None:
    """The cache folder, if it is a real folder of this user's that nobody else may write in (so
    nobody else can plant a link or a FIFO there); None when it does not exist and `create` is
    false."""
    where = cache_folder()
    if create:
        try:
            where.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise Unsafe(f"{where} cannot be created ({exc.strerror or exc})") from None
    try:
        info = where.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Unsafe(f"{where} cannot be checked ({exc.strerror or exc})") from None
    if not stat.S_ISDIR(info.st_mode):
        raise Unsafe(f"{where} is not a folder" + (" (it is a link)" if stat.S_ISLNK(info.st_mode) else ""))
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        raise Unsafe(f"{where} belongs to another user")
    if info.st_mode & 0o022:  # ours, made under a umask of 002 by an older version: keep it to the user
        try:
            os.chmod(where, 0o700)
        except OSError:
            raise Unsafe(f"{where} can be written by other users") from None
    return where


def enabled() -> bool:
    return os.environ.get("HKPROBONO_CACHE", "1") not in ("0", "false", "no", "off")


def _digest(*parts: bytes) -> str:
    # hashlib loads OpenSSL (milliseconds at every start-up); the built-in BLAKE2 is the same hash.
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - CPython always has it
        from hashlib import blake2b
    hasher = blake2b(digest_size=32)
    for part in parts:
        hasher.update(part + b"\0")
    return str(hasher.hexdigest())


def key(name: str, content: bytes) -> str:
    return _digest(
        str(FORMAT).encode(), __version__.encode(), LAYOUT.encode(), name.encode("utf-8", "surrogateescape"), content
    )


def _name(name: str) -> str:
    # A path that is not valid UTF-8 reaches us with surrogates standing for its bytes: hash those bytes.
    return f"{_digest(name.encode('utf-8', 'surrogateescape'))[:32]}.cache"


def _checksum(payload: bytes) -> int:
    # Damage, not forgery, is what it finds (whoever can write the cache can recompute any unkeyed
    # hash): CRC-32 finds it at a tenth of BLAKE2's cost over the half-megabyte payload, every run.
    import zlib

    return zlib.crc32(payload)


def encode(obj: Any) -> Any:
    """NamedTuples as (class name, values in field order); plain tuples as ("", items)."""
    if isinstance(obj, tuple):
        if hasattr(obj, "_fields"):
            return (type(obj).__name__, tuple(encode(item) for item in obj))
        return ("", tuple(encode(item) for item in obj))
    if isinstance(obj, dict):
        return {k: encode(v) for k, v in obj.items()}
    return obj


_CONTAINERS = frozenset({tuple, dict})


def decode(obj: Any) -> Any:
    # Leaves (text, numbers, None) are most of a directory: they are passed through without a call.
    kind = type(obj)
    if kind is tuple:
        name, items = obj
        values = [decode(v) if type(v) in _CONTAINERS else v for v in items]
        # _make refuses a count of values other than the fields': a model changed under an unchanged
        # key fails to load, and its values are never shifted into other fields.
        return _TYPES[name]._make(values) if name else tuple(values)
    if kind is dict:
        return {k: decode(v) if type(v) in _CONTAINERS else v for k, v in obj.items()}
    return obj


class LazyOrganisations(Sequence[Organisation]):
    """Organisations kept as encoded bytes until first used: a search over 10,000 builds ten."""

    def __init__(self, blobs: list[bytes]) -> None:
        self._blobs = blobs
        self._built: dict[int, Organisation] = {}

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, index: int) -> Organisation: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Organisation]: ...
    def __getitem__(self, index: int | slice) -> Organisation | Sequence[Organisation]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        org = self._built.get(index)
        if org is None:
            org = decode(marshal.loads(self._blobs[index]))
            if not isinstance(org, Organisation):
                raise TypeError("not an organisation")
            self._built[index] = org
        return org

    def __iter__(self) -> Iterator[Organisation]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]


def _read(where: Path, name: str, notices: list[str]) -> bytes | None:
    """The cache file's bytes, opened without following a link and without waiting on a FIFO; a
    file that is not a regular file is ignored with a notice (the next save replaces it)."""
    path = where / name
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if path.is_symlink():
            notices.append(f"the cache file {path} is a link; it was ignored")
        else:
            notices.append(f"the cache file {path} cannot be read ({exc.strerror or exc}); it was ignored")
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
            notices.append(f"the cache file {path} is {what}; it was ignored")
            return None
        if info.st_size > MAX_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(MAX_BYTES + 1)
    finally:
        os.close(fd)


def load_value(name: str, content: bytes, notices: list[str] | None = None) -> Any | None:
    """The value cached for exactly this name and content, checked against its checksum, or None.
    Why the cache could not be used, when that is worth saying, is added to `notices`."""
    if not enabled():
        return None
    said = notices if notices is not None else []
    try:
        where = _checked_folder(create=False)
    except Unsafe as exc:
        said.append(off(exc))
        return None
    if where is None:
        return None
    blob = _read(where, _name(name), said)
    if blob is None:
        return None
    try:
        outer = marshal.loads(blob)
        if not (isinstance(outer, dict) and outer.get("format") == FORMAT and outer.get("key") == key(name, content)):
            return None
        payload = outer["payload"]
        if not isinstance(payload, bytes) or outer.get("checksum") != _checksum(payload):
            return None
        return marshal.loads(payload)
    except Exception:  # any damage at all means "rebuild", never a traceback or wrong output
        return None


def save_value(name: str, content: bytes, value: Any, notices: list[str] | None = None) -> None:
    """Write a marshal-able value atomically into the user's own cache folder, keyed by name and
    content; a cache that cannot be written is not an error, only a notice."""
    if not enabled():
        return
    said = notices if notices is not None else []
    payload = marshal.dumps(value)
    outer = {"format": FORMAT, "key": key(name, content), "checksum": _checksum(payload), "payload": payload}

    # Only a run that writes the cache needs safewrite (and the tempfile module it loads).
    from hkprobono.safewrite import put_private

    try:
        where = _checked_folder(create=True)
        if where is not None:
            put_private(where, _name(name), marshal.dumps(outer))
    except Unsafe as exc:
        said.append(off(exc))
    except (OSError, HkProBonoError) as exc:
        said.append(f"the cache could not be saved ({exc})")


def load(name: str, content: bytes, notices: list[str] | None = None) -> tuple[Directory, Any] | None:
    """The cached directory and index state for exactly this file and content, or None."""
    stored = load_value(name, content, notices)
    if stored is None:
        return None
    try:
        fields = decode(stored["directory"])
        # Plain text to tuples of text: marshal keeps them as they are, with nothing to decode.
        synonyms = stored["synonyms"]
        if not all(isinstance(k, str) and isinstance(v, tuple) for k, v in synonyms.items()):
            return None
        organisations = LazyOrganisations(list(stored["organisations"]))
        if not all(isinstance(b, bytes) for b in organisations._blobs):
            return None
        directory = Directory(**fields, synonyms=synonyms, organisations=organisations)
        if len(directory.slugs) != len(organisations):
            return None
        return directory, stored["index"]
    except Exception:  # any damage at all means "rebuild", never a traceback or wrong output
        return None


def save(name: str, content: bytes, directory: Directory, index_state: Any, notices: list[str] | None = None) -> None:
    """The directory and index state, cached for this file and content."""
    if not enabled():
        return
    fields = {f: getattr(directory, f) for f in directory._fields if f not in ("organisations", "synonyms")}
    value = {
        "directory": encode(fields),
        "synonyms": directory.synonyms,
        "organisations": [marshal.dumps(encode(o)) for o in directory.organisations],
        "index": index_state,
    }
    save_value(name, content, value, notices)
