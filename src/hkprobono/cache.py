"""An on-disk cache of a loaded directory and its search index, so big files load fast.

One cache file per directory file (named by a hash of its path), holding a key made of the file's
content hash, the path and this version of hkprobono. A stale, corrupt or foreign cache file is
ignored and rebuilt; writes are atomic. HKPROBONO_CACHE=0 turns the cache off."""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from hkprobono import __version__, model
from hkprobono.model import Directory, Organisation

FORMAT = 2


def directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hkprobono"


def enabled() -> bool:
    return os.environ.get("HKPROBONO_CACHE", "1") not in ("0", "false", "no", "off")


def _hasher() -> Any:
    # hashlib loads OpenSSL (milliseconds at every start-up); the built-in BLAKE2 is the same hash.
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - CPython always has it
        from hashlib import blake2b
    return blake2b(digest_size=32)


def key(name: str, content: bytes) -> str:
    digest = _hasher()
    for part in (f"{FORMAT}", __version__, name):
        digest.update(part.encode() + b"\0")
    digest.update(content)
    return str(digest.hexdigest())


def _path(name: str) -> Path:
    hasher = _hasher()
    hasher.update(name.encode())
    return directory() / f"{hasher.hexdigest()[:32]}.cache"


# The cache is marshal data, never pickle: a tampered cache file cannot run code, only fail to load.
# NamedTuples are stored as (class name, fields); plain tuples as ("", items).
_TYPES: dict[str, Any] = {
    cls.__name__: cls
    for cls in (model.Source, model.Phone, model.Social, model.Contact, model.Organisation, model.Category,
                model.Fact, model.Resource, model.About, model.Step, model.Term, model.Guide, model.Meta)
}  # fmt: skip


def encode(obj: Any) -> Any:
    if isinstance(obj, tuple):
        return (type(obj).__name__ if hasattr(obj, "_fields") else "", tuple(encode(item) for item in obj))
    if isinstance(obj, dict):
        return {k: encode(v) for k, v in obj.items()}
    return obj


def decode(obj: Any) -> Any:
    if isinstance(obj, tuple):
        name, items = obj
        values = tuple(decode(item) for item in items)
        return _TYPES[name](*values) if name else values
    if isinstance(obj, dict):
        return {k: decode(v) for k, v in obj.items()}
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
            self._built[index] = org
        return org

    def __iter__(self) -> Iterator[Organisation]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]


def load(name: str, content: bytes) -> tuple[Directory, Any] | None:
    """The cached directory and index state for exactly this file and content, or None."""
    if not enabled():
        return None
    try:
        stored = marshal.loads(_path(name).read_bytes())
        if stored["format"] != FORMAT or stored["key"] != key(name, content):
            return None
        fields = decode(stored["directory"])
        directory_ = Directory(**fields, organisations=LazyOrganisations(stored["organisations"]))
        return directory_, stored["index"]
    except Exception:
        return None


def save(name: str, content: bytes, directory_: Directory, index_state: Any) -> None:
    """Write atomically; a cache that cannot be written is not an error."""
    if not enabled():
        return
    fields = {f: getattr(directory_, f) for f in directory_._fields if f != "organisations"}
    stored = {
        "format": FORMAT,
        "key": key(name, content),
        "directory": encode(fields),
        "organisations": [marshal.dumps(encode(o)) for o in directory_.organisations],
        "index": index_state,
    }
    from hkprobono.errors import HkProBonoError
    from hkprobono.files import write_bytes

    target = _path(name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, marshal.dumps(stored), force=True)
    except (OSError, HkProBonoError):
        pass
