"""An on-disk cache of a loaded directory and its search index, so big files load fast.

One cache file per directory file (named by a hash of its path), holding a key made of the file's
content hash, the path and this version of hkprobono. A stale, corrupt or foreign cache file is
ignored and rebuilt; writes are atomic. HKPROBONO_CACHE=0 turns the cache off.

The bundled directory has one cache file per installed copy of the package. It also records where
`importlib.resources` found the data file, so a warm start reads that file (and checks its content
hash) without importing `importlib.resources` and what it brings (`zipfile`, `tempfile`): about
8 ms at every start, a third of what hkprobono adds to Python's and Typer's own start-up."""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from hkprobono import __version__, model
from hkprobono.model import Directory, Organisation

FORMAT = 3


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


def _path(slot: str) -> Path:
    hasher = _hasher()
    hasher.update(slot.encode())
    return directory() / f"{hasher.hexdigest()[:32]}.cache"


def bundled_slot() -> str:
    """The cache slot of the bundled directory: one per installed copy and version of the package."""
    import hkprobono

    return f"bundled:{hkprobono.__file__}:{__version__}"


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


def load(name: str, content: bytes, slot: str | None = None) -> tuple[Directory, Any] | None:
    """The cached directory and index state for exactly this file and content, or None."""
    stored = _stored(slot or name)
    if stored is None or stored["source"] != name or stored["key"] != key(name, content):
        return None
    return _decode(stored)


def load_bundled() -> tuple[Directory, Any] | None:
    """The cached bundled directory, if the file `importlib.resources` found last time is still
    there with the same content; None sends the caller to `importlib.resources`."""
    stored = _stored(bundled_slot())
    if stored is None or not isinstance(stored["source"], str):
        return None
    try:
        content = Path(stored["source"]).read_bytes()
    except OSError:
        return None
    if stored["key"] != key(stored["source"], content):
        return None
    return _decode(stored)


def _stored(slot: str) -> dict[str, Any] | None:
    if not enabled():
        return None
    try:
        stored = marshal.loads(_path(slot).read_bytes())
        if isinstance(stored, dict) and stored.get("format") == FORMAT and "source" in stored and "key" in stored:
            return stored
    except Exception:
        pass
    return None


def _decode(stored: dict[str, Any]) -> tuple[Directory, Any] | None:
    try:
        fields = decode(stored["directory"])
        directory_ = Directory(**fields, organisations=LazyOrganisations(stored["organisations"]))
        return directory_, stored["index"]
    except Exception:
        return None


def save(name: str, content: bytes, directory_: Directory, index_state: Any, slot: str | None = None) -> None:
    """Write atomically; a cache that cannot be written is not an error."""
    if not enabled():
        return
    fields = {f: getattr(directory_, f) for f in directory_._fields if f != "organisations"}
    stored = {
        "format": FORMAT,
        "source": name,
        "key": key(name, content),
        "directory": encode(fields),
        "organisations": [marshal.dumps(encode(o)) for o in directory_.organisations],
        "index": index_state,
    }
    from hkprobono.errors import HkProBonoError
    from hkprobono.files import write_bytes

    target = _path(slot or name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(target, marshal.dumps(stored), force=True)
    except (OSError, HkProBonoError):
        pass
