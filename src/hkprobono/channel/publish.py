"""`data publish`: put a checked directory file (and the holiday table) into a TUF repository of
static files that any web host can serve.

REPODIR/metadata holds N.root.json (every root version, copied from KEYDIR), N.targets.json,
N.snapshot.json and timestamp.json; REPODIR/targets holds each file under its SHA-256
(consistent snapshots), so a publish never changes a file a client may be downloading: the new
timestamp.json, written last and renamed into place, switches the channel to the new version."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hkprobono.channel import keys
from hkprobono.channel.targets import collect
from hkprobono.errors import HkProBonoError
from hkprobono.loading.installed import DIRECTORY
from hkprobono.loading.source import RawFile
from hkprobono.record import NamedTuple
from hkprobono.safewrite import write_bytes

if TYPE_CHECKING:
    from tuf.api.metadata import Metadata

METADATA = "metadata"
TARGETS = "targets"


class Expiry(NamedTuple):
    """Days until each role's metadata expires (documented in docs/updates.md). The timestamp is
    the shortest: a channel must publish again within it, or clients refuse it as stale."""

    targets: int = 90
    snapshot: int = 30
    timestamp: int = 14


class Published(NamedTuple):
    repo: Path
    version: int  # the targets version: what users see as the update's version
    files: tuple[str, ...]
    compiled: str
    expires: dt.datetime  # the timestamp's expiry: publish again before it
    root_expires: dt.datetime


class Previous(NamedTuple):
    targets: int = 0
    snapshot: int = 0
    timestamp: int = 0
    compiled: str = ""


def publish(
    repo: Path, keydir: Path, raw: RawFile, *, expiry: Expiry = Expiry(), now: dt.datetime | None = None
) -> Published:
    found = collect(raw)  # first: an invalid file stops everything before a byte is written
    compiled = found[0].compiled or ""
    root = keys.current_root(keydir).signed
    signers = {role: keys.signer(keydir, role, root) for role in ("targets", "snapshot", "timestamp")}
    meta_dir, files_dir = repo / METADATA, repo / TARGETS
    before = previous(meta_dir)
    if before.compiled and compiled < before.compiled:
        raise HkProBonoError(
            f"{raw.name}: was compiled {compiled}, before the file already published ({before.compiled}); "
            "users would keep the newer one",
            hint="update [meta] compiled in the file",
        )
    now = now or dt.datetime.now(dt.UTC)
    from tuf.api.metadata import Metadata, MetaFile, Snapshot, TargetFile, Targets, Timestamp

    for folder in (repo, meta_dir, files_dir):
        _mkdir(folder)
    _copy_roots(keydir, meta_dir)
    infos = {}
    for target in found:
        info = TargetFile.from_data(target.name, target.content, ["sha256"])
        if target.compiled:
            info.unrecognized_fields["custom"] = {"compiled": target.compiled}
        _put(files_dir / f"{info.hashes['sha256']}.{target.name}", target.content)
        infos[target.name] = info
    targets = Metadata(Targets(version=before.targets + 1, expires=keys.day_after(now, expiry.targets), targets=infos))
    targets_bytes = _sign(targets, signers["targets"])
    _put(meta_dir / f"{targets.signed.version}.targets.json", targets_bytes)
    snapshot_meta = {"targets.json": MetaFile.from_data(targets.signed.version, targets_bytes, ["sha256"])}
    snapshot = Metadata(
        Snapshot(version=before.snapshot + 1, expires=keys.day_after(now, expiry.snapshot), meta=snapshot_meta)
    )
    snapshot_bytes = _sign(snapshot, signers["snapshot"])
    _put(meta_dir / f"{snapshot.signed.version}.snapshot.json", snapshot_bytes)
    timestamp = Metadata(
        Timestamp(
            version=before.timestamp + 1,
            expires=keys.day_after(now, expiry.timestamp),
            snapshot_meta=MetaFile.from_data(snapshot.signed.version, snapshot_bytes, ["sha256"]),
        )
    )
    write_bytes(meta_dir / "timestamp.json", _sign(timestamp, signers["timestamp"]), force=True)
    return Published(repo, targets.signed.version, tuple(infos), compiled, timestamp.signed.expires, root.expires)


def _sign(md: Metadata[Any], signer: Any) -> bytes:
    from tuf.api.serialization.json import JSONSerializer

    md.sign(signer)
    return md.to_bytes(JSONSerializer(compact=False))


def _mkdir(folder: Path) -> None:
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise HkProBonoError(f"{folder}: cannot be created ({exc.strerror or exc})") from None


def _put(path: Path, content: bytes) -> None:
    """A new file of the channel; a file named by its hash that is already there is the same."""
    if path.is_file() and path.read_bytes() == content:
        return
    write_bytes(path, content)


def _copy_roots(keydir: Path, meta_dir: Path) -> None:
    """Every root version the keys folder has, so a client can follow rotations one by one."""
    versions = keys.history(keydir)
    for version, content in versions.items():
        path = meta_dir / f"{version}.root.json"
        if path.is_file() and path.read_bytes() != content:
            raise HkProBonoError(f"{path}: differs from {keydir}/{version}.root.json: this channel has other keys")
        _put(path, content)
    newer = [p.name for p in meta_dir.glob("*.root.json") if int(p.name.split(".")[0]) > max(versions)]
    if newer:
        raise HkProBonoError(f"{meta_dir}: has root metadata newer than {keydir} ({newer[0]}): use the newest keys")


def previous(meta_dir: Path) -> Previous:
    """The versions published so far (all 0 for a new channel), read back from REPODIR."""
    stamp = meta_dir / "timestamp.json"
    if not stamp.exists():
        return Previous()
    from tuf.api.metadata import Metadata, Snapshot, Targets, Timestamp

    try:
        timestamp = Metadata[Timestamp].from_bytes(stamp.read_bytes()).signed
        snap_version = timestamp.snapshot_meta.version
        snapshot = Metadata[Snapshot].from_bytes((meta_dir / f"{snap_version}.snapshot.json").read_bytes()).signed
        targets_version = snapshot.meta["targets.json"].version
        targets = Metadata[Targets].from_bytes((meta_dir / f"{targets_version}.targets.json").read_bytes()).signed
    except Exception as exc:  # a half-copied or edited REPODIR: starting again at 1 would lock users out
        raise HkProBonoError(f"{meta_dir}: the published metadata cannot be read back ({exc})") from None
    info = targets.targets.get(DIRECTORY)
    custom = info.custom if info is not None else None
    compiled = str(custom.get("compiled", "")) if isinstance(custom, dict) else ""
    return Previous(targets.version, snapshot.version, timestamp.version, compiled)
