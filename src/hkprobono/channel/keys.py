"""The channel's signing keys and its root metadata, in a folder only their owner can read.

One Ed25519 key for each TUF role: root (which keys may sign what; keep it offline), targets
(what the files are), snapshot (which targets metadata is current) and timestamp (that nothing is
stale). KEYDIR holds each role's private key as ROLE.pem (PKCS#8), every version of the root
metadata as N.root.json, and root.json, the newest, which the publisher hands to users."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from hkprobono.errors import HkProBonoError
from hkprobono.record import NamedTuple

if TYPE_CHECKING:
    from securesystemslib.signer import Signer
    from tuf.api.metadata import Metadata, Root

ROLES = ("root", "targets", "snapshot", "timestamp")
ROOT_DAYS = 365
ROOT_FILE = "root.json"
_VERSIONED = re.compile(r"^([1-9][0-9]*)\.root\.json$")


class KeysMade(NamedTuple):
    folder: Path
    version: int  # the root metadata's version
    expires: dt.datetime
    roles: tuple[str, ...]  # the roles that got a new key


def pretty(md: Metadata[Root]) -> bytes:
    from tuf.api.serialization.json import JSONSerializer

    return md.to_bytes(JSONSerializer(compact=False))


def refuse_git(folder: Path) -> None:
    """Private keys never go inside a git work tree: one `git add -A` would publish them."""
    here = folder.absolute()
    for parent in (here, *here.parents):
        if (parent / ".git").exists():
            raise HkProBonoError(
                f"{folder}: is inside the git work tree at {parent}; private keys would be one commit away "
                "from being published",
                hint="choose a folder outside any repository, e.g. on an encrypted USB stick",
            )


def _write_private(path: Path, content: bytes) -> None:
    """A new file only its owner can read (0600), never over an existing one."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise HkProBonoError(f"{path}: already exists; keys are never overwritten") from None
    except OSError as exc:
        raise HkProBonoError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    try:
        if hasattr(os, "fchmod"):  # 0600 whatever the umask (Windows has no such modes)
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise HkProBonoError(f"{path}: cannot be written ({exc.strerror or exc})") from None


def _replace_private(path: Path, content: bytes) -> None:
    staged = path.with_name(f".{path.name}.new")
    staged.unlink(missing_ok=True)
    _write_private(staged, content)
    os.replace(staged, path)


def _save_root(folder: Path, md: Metadata[Root], *, replace: bool) -> None:
    data = pretty(md)
    _write_private(folder / f"{md.signed.version}.root.json", data)
    (_replace_private if replace else _write_private)(folder / ROOT_FILE, data)


def init(folder: Path, *, root_days: int = ROOT_DAYS, now: dt.datetime | None = None) -> KeysMade:
    """New keys for every role and the first root metadata, in a new owner-only folder."""
    refuse_git(folder)
    now = now or dt.datetime.now(dt.UTC)
    expires = day_after(now, root_days)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise HkProBonoError(f"{folder}: already exists and is not an empty folder; keys are never overwritten")
    from securesystemslib.signer import CryptoSigner
    from tuf.api.metadata import Metadata, Root

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)  # whatever the umask
    except OSError as exc:
        raise HkProBonoError(f"{folder}: cannot be created ({exc.strerror or exc})") from None
    root = Root(expires=expires, consistent_snapshot=True)
    signers = {role: CryptoSigner.generate_ed25519() for role in ROLES}
    for role, signer in signers.items():
        root.add_key(signer.public_key, role)
    md = Metadata(root)
    md.sign(signers["root"])
    for role, signer in signers.items():
        _write_private(folder / f"{role}.pem", signer.private_bytes)
    _save_root(folder, md, replace=False)
    return KeysMade(folder, 1, root.expires, ROLES)


def rotate(
    folder: Path, roles: tuple[str, ...] = (), *, root_days: int = ROOT_DAYS, now: dt.datetime | None = None
) -> KeysMade:
    """A new root version, signed by the current root key (and the new one when root itself is
    rotated), with new keys for `roles` and a new expiry; with no roles it only renews root."""
    refuse_git(folder)
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise HkProBonoError(f"unknown role '{unknown[0]}'", hint=f"roles: {', '.join(ROLES)}")
    from securesystemslib.signer import CryptoSigner

    md = current_root(folder)
    old_root = signer(folder, "root", md.signed)
    root = md.signed
    expires = day_after(now or dt.datetime.now(dt.UTC), root_days)
    fresh = {role: CryptoSigner.generate_ed25519() for role in dict.fromkeys(roles)}
    for role, new in fresh.items():
        for keyid in list(root.roles[role].keyids):
            root.revoke_key(keyid, role)
        root.add_key(new.public_key, role)
    root.version += 1
    root.expires = expires
    md.signatures.clear()
    md.sign(old_root, append=True)
    if "root" in fresh:
        md.sign(fresh["root"], append=True)
    for role, new in fresh.items():  # staged first: a failure here leaves the old keys working
        _write_private(folder / f".{role}.pem.new", new.private_bytes)
    _save_root(folder, md, replace=True)
    for role in fresh:
        os.replace(folder / f".{role}.pem.new", folder / f"{role}.pem")
    return KeysMade(folder, root.version, root.expires, tuple(fresh))


def day_after(now: dt.datetime, days: int) -> dt.datetime:
    if days < 1:
        raise HkProBonoError("an expiry must be at least 1 day away")
    return now.replace(microsecond=0) + dt.timedelta(days=days)


def history(folder: Path) -> dict[int, bytes]:
    """Every version of the root metadata kept in `folder`, by version."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise HkProBonoError(f"{folder}: cannot be read ({exc.strerror or exc})") from None
    found = {}
    for name in names:
        matched = _VERSIONED.match(name)
        if matched:
            found[int(matched.group(1))] = (folder / name).read_bytes()
    if not found:
        raise HkProBonoError(f"{folder}: holds no root metadata", hint="create keys first", see=("keys", ""))
    return found


def current_root(folder: Path) -> Metadata[Root]:
    from tuf.api.metadata import Metadata, Root

    versions = history(folder)
    newest = max(versions)
    try:
        md = Metadata[Root].from_bytes(versions[newest])
    except Exception as exc:
        raise HkProBonoError(f"{folder}/{newest}.root.json: is not root metadata ({exc})") from None
    if not isinstance(md.signed, Root):
        raise HkProBonoError(f"{folder}/{newest}.root.json: is not root metadata")
    return md


def signer(folder: Path, role: str, root: Root) -> Signer:
    """ROLE.pem, checked to be the key `root` names for `role`."""
    from securesystemslib.signer import CryptoSigner

    path = folder / f"{role}.pem"
    keyids = root.roles[role].keyids
    try:
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        private = load_pem_private_key(path.read_bytes(), None)
        for keyid in keyids:
            try:
                return CryptoSigner(private, root.get_key(keyid))  # type: ignore[arg-type]
            except Exception:
                continue
    except FileNotFoundError:
        raise HkProBonoError(f"{path}: no such file; the {role} key is needed here") from None
    except (OSError, ValueError, TypeError) as exc:
        raise HkProBonoError(f"{path}: is not a private key file ({exc})") from None
    raise HkProBonoError(f"{path}: is not the {role} key that this channel's root metadata names")
