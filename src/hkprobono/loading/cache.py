"""An on-disk cache of a validated directory and its search index, so large files load fast.

One cache file per directory file (named by a hash of its path). Its key covers the file's content,
this version of hkprobono and the model's layout (every class and field name), so a changed model
never reads an old entry. Objects are stored by field name, and the payload carries a checksum
that is checked before anything is decoded: a stale, truncated, edited or foreign cache file is
ignored and rebuilt, never believed. Only validated data is ever written. HKPROBONO_CACHE=0 turns
the cache off; so does a machine with no usable home or cache folder."""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from hkprobono import __version__, model
from hkprobono.errors import HkProBonoError
from hkprobono.model import Directory, Organisation

FORMAT = 6  # 6: synonyms stored as they are (5: the index state holds the USM guide too)
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


def folder() -> Path | None:
    """Where cache files go, or None when there is nowhere to put them (no HOME, no passwd entry)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError, OSError):
            return None
    return Path(base) / "hkprobono"


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
    return _digest(str(FORMAT).encode(), __version__.encode(), LAYOUT.encode(), name.encode(), content)


def _path(name: str) -> Path | None:
    base = folder()
    return base / f"{_digest(name.encode())[:32]}.cache" if base else None


def encode(obj: Any) -> Any:
    """NamedTuples as (class name, {field: value}); plain tuples as ("", items)."""
    if isinstance(obj, tuple):
        if hasattr(obj, "_fields"):
            return (type(obj).__name__, {f: encode(getattr(obj, f)) for f in obj._fields})
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
        if name:
            return _TYPES[name](**{k: decode(v) if type(v) in _CONTAINERS else v for k, v in items.items()})
        return tuple([decode(v) if type(v) in _CONTAINERS else v for v in items])
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


def load(name: str, content: bytes) -> tuple[Directory, Any] | None:
    """The cached directory and index state for exactly this file and content, or None."""
    path = _path(name) if enabled() else None
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            blob = handle.read(MAX_BYTES + 1)
        outer = marshal.loads(blob)
        if not (isinstance(outer, dict) and outer.get("format") == FORMAT and outer.get("key") == key(name, content)):
            return None
        payload = outer["payload"]
        if not isinstance(payload, bytes) or outer.get("checksum") != _digest(payload):
            return None
        stored = marshal.loads(payload)
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


def save(name: str, content: bytes, directory: Directory, index_state: Any) -> None:
    """Write atomically; a cache that cannot be written is not an error."""
    path = _path(name) if enabled() else None
    if path is None:
        return
    fields = {f: getattr(directory, f) for f in directory._fields if f not in ("organisations", "synonyms")}
    payload = marshal.dumps(
        {
            "directory": encode(fields),
            "synonyms": directory.synonyms,
            "organisations": [marshal.dumps(encode(o)) for o in directory.organisations],
            "index": index_state,
        }
    )
    outer = {"format": FORMAT, "key": key(name, content), "checksum": _digest(payload), "payload": payload}

    # Only a run that writes the cache needs safewrite (and the tempfile module it loads).
    from hkprobono.safewrite import write_bytes

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, marshal.dumps(outer), force=True, private=True)
    except (OSError, HkProBonoError):
        pass
