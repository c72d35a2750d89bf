"""`data update`: verify the channel's signed metadata and files with TUF's client
(tuf.ngclient.Updater: signatures and thresholds, expiry, versions, lengths and hashes, root
rotation), check each file as loading does, and install them; with `check_only`, only say
whether there is something new. Every failure leaves the data in use as it was."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from hkprobono.channel import installed, targets
from hkprobono.channel.fetch import DEFAULT_TIMEOUT, Fetcher
from hkprobono.errors import EXIT_DOWNLOAD, EXIT_INSTALL, EXIT_REFUSED, HkProBonoError
from hkprobono.loading.installed import DIRECTORY, UPDATES, Record, choose, read_record
from hkprobono.loading.source import MAX_BYTES, bundled_path
from hkprobono.record import NamedTuple

if TYPE_CHECKING:
    from tuf.api.metadata import TargetFile
    from tuf.ngclient import Updater

METADATA = "metadata"
UNCHANGED = installed.UNCHANGED


class Outcome(NamedTuple):
    state: str  # "installed", "current" (nothing new) or "available" (with check_only)
    url: str
    version: int  # the channel's signed version of its files
    compiled: str  # the [meta] compiled date of the channel's directory file
    files: tuple[str, ...]
    in_use: bool = True  # False when the bundled file is newer and stays in use


_SET_UP = ("channel", "")  # the command that sets a channel up, spelled by the CLI


def channel_url(url: str) -> str:
    """The channel's base address, ending in '/': metadata/ and targets/ are below it."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HkProBonoError(f"'{url}': an update channel's address starts with https:// (or http://) and a host")
    return url.strip() if url.strip().endswith("/") else url.strip() + "/"


def update(
    url: str | None = None,
    root: Path | None = None,
    *,
    check_only: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    now: dt.datetime | None = None,
) -> Outcome:
    base = installed.folder()
    with installed.lock(base):
        record = read_record(base)
        if url is None and root is not None:
            raise HkProBonoError("a root file sets up a channel: give the channel's address too", see=_SET_UP)
        if url is not None and (root is not None or record is not None):
            address = channel_url(url)
        elif record is not None:
            address = record.url
        else:
            raise HkProBonoError(
                "no update channel is set up",
                hint="the first time, give the channel's address and the root file its publisher handed out",
                see=_SET_UP,
            )
        bootstrap = _root_file(root) if root is not None else None
        workdir = Path(tempfile.mkdtemp(dir=base, prefix=".metadata-")) if root is not None else base / METADATA
        try:
            outcome = _run(base, address, workdir, bootstrap, record, check_only, timeout, now)
        finally:
            if root is not None and workdir.exists():
                shutil.rmtree(workdir, ignore_errors=True)
        return outcome


def _root_file(path: Path) -> bytes:
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise HkProBonoError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(content) > 512_000:
        raise HkProBonoError(f"{path}: is too large to be a channel's root file")
    return content


def _updater(base: Path, address: str, workdir: Path, bootstrap: bytes | None, timeout: float) -> Updater:
    from tuf.api import exceptions
    from tuf.ngclient import Updater, UpdaterConfig

    config = UpdaterConfig(app_user_agent="hkprobono")
    try:
        return Updater(
            str(workdir),
            address + "metadata/",
            None,
            address + "targets/",
            Fetcher(timeout),
            config,
            bootstrap=bootstrap,
        )
    except (exceptions.RepositoryError, ValueError) as exc:
        if bootstrap is None:
            raise HkProBonoError(
                f"the channel's trusted metadata in {workdir} is damaged ({exc})",
                hint="set the channel up again",
                see=_SET_UP,
            ) from None
        raise HkProBonoError(f"the root file is not the root metadata of an update channel ({exc})") from None
    except OSError as exc:
        if bootstrap is None:
            raise HkProBonoError(
                f"the channel's trusted metadata in {workdir} is missing", hint="set the channel up again", see=_SET_UP
            ) from None
        raise HkProBonoError(
            f"{base}: cannot be written ({exc.strerror or exc}); {UNCHANGED}", exit_code=EXIT_INSTALL
        ) from None


def _run(
    base: Path,
    address: str,
    workdir: Path,
    bootstrap: bytes | None,
    record: Record | None,
    check_only: bool,
    timeout: float,
    now: dt.datetime | None,
) -> Outcome:
    updater = _updater(base, address, workdir, bootstrap, timeout)
    with _failures(address):
        updater.refresh()
        infos = {name: updater.get_targetinfo(name) for name in targets.NAMES}
    offered = {name: info for name, info in infos.items() if info is not None}
    if DIRECTORY not in offered:
        raise HkProBonoError(
            f"the update was refused: the channel carries no {DIRECTORY}; {UNCHANGED}", exit_code=EXIT_REFUSED
        )
    for name, info in offered.items():
        if info.length > MAX_BYTES:
            raise HkProBonoError(
                f"the update was refused: {name} would be {info.length} bytes, more than a data file may be; "
                f"{UNCHANGED}",
                exit_code=EXIT_REFUSED,
            )
    version = _version(workdir)
    custom = offered[DIRECTORY].custom
    compiled = str(custom.get("compiled", "")) if isinstance(custom, dict) else ""
    when = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    have = record if record is not None else Record(url=address)
    current = bool(have.folder) and all(
        updater.find_cached_target(info, str(base / UPDATES / have.folder / name)) for name, info in offered.items()
    )
    names = tuple(offered)
    if current or check_only:
        if bootstrap is not None and not check_only:
            _adopt(workdir, base / METADATA)
        if bootstrap is None or not check_only:  # a check of a channel being set up keeps nothing
            installed.save(base, have._replace(url=address, checked=when, version=version if current else have.version))
        if current:
            return Outcome("current", address, version, have.compiled, names)
        return Outcome("available", address, version, compiled, names)
    files = _download(base, updater, offered, address)
    if bootstrap is not None:
        _adopt(workdir, base / METADATA)
    new = have._replace(url=address, checked=when, version=version, compiled=files[0].compiled or "", installed=when)
    installed.install(base, files, new)
    in_use = choose(bundled_path()).origin.kind == "update"
    return Outcome("installed", address, version, files[0].compiled or "", names, in_use)


def _version(workdir: Path) -> int:
    from tuf.api.metadata import Metadata, Targets

    # The TUF client wrote targets.json after verifying it; its version is the update's.
    return Metadata[Targets].from_bytes((workdir / "targets.json").read_bytes()).signed.version


def _download(base: Path, updater: Updater, offered: dict[str, TargetFile], address: str) -> tuple[targets.Target, ...]:
    staging = installed.staging_folder(base, ".download-", f"{base}: cannot be written")
    try:
        found = []
        for name, info in offered.items():
            with _failures(address, name):
                path = updater.download_target(info, str(staging / name))
            try:
                found.append(targets.downloaded(name, Path(path)))
            except HkProBonoError as exc:
                raise HkProBonoError(
                    f"the update was refused: it is signed, but {exc.message}; {UNCHANGED}", exit_code=EXIT_REFUSED
                ) from None
        return tuple(found)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _adopt(workdir: Path, metadata: Path) -> None:
    """The metadata of a channel just set up replaces the old channel's."""
    old = metadata.with_name(f".{metadata.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    try:
        if metadata.exists():
            metadata.rename(old)
        workdir.rename(metadata)
    except OSError as exc:
        raise HkProBonoError(
            f"{metadata}: cannot be written ({exc.strerror or exc}); {UNCHANGED}", exit_code=EXIT_INSTALL
        ) from None
    shutil.rmtree(old, ignore_errors=True)


class _failures:
    """TUF's and the network's exceptions as one-line errors with the documented exit codes."""

    def __init__(self, address: str, what: str = "") -> None:
        self.address = address
        self.what = what  # the file being downloaded, when it is one of the channel's files

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if exc is None or isinstance(exc, HkProBonoError) or not isinstance(exc, Exception):
            return
        raise _explain(exc, self.address, self.what) from None


def _explain(exc: Exception, address: str, what: str = "") -> HkProBonoError:
    from tuf.api import exceptions as tuf
    from tuf.api.serialization import DeserializationError

    said = " ".join(str(exc).split()) or type(exc).__name__
    refused = "the update was refused: "
    if isinstance(exc, tuf.ExpiredMetadataError):
        why = (
            f"{refused}the channel's signatures are out of date: an old copy is being served, or it was not "
            f"published again in time ({said})"
        )
    elif isinstance(exc, tuf.BadVersionNumberError):
        why = f"{refused}an older copy of the channel is being served ({said})"
    elif isinstance(exc, tuf.UnsignedMetadataError):
        why = f"{refused}it is not signed by the channel's keys ({said})"
    elif isinstance(exc, tuf.LengthOrHashMismatchError):
        subject = what or "the channel's metadata"
        why = f"{refused}{subject} differs from what was signed (altered, cut short or mixed with another version)"
    elif isinstance(exc, tuf.DownloadLengthMismatchError):
        subject = what or "a metadata file"
        why = f"{refused}{subject} is longer than signed ({said})"
    elif isinstance(exc, DeserializationError):
        why = f"{refused}the channel's metadata cannot be read: cut short or damaged ({said})"
    elif isinstance(exc, tuf.RepositoryError):
        why = f"{refused}{said}"
    elif isinstance(exc, tuf.SlowRetrievalError):
        return HkProBonoError(
            f"the update channel at {address} did not answer in time ({said}); {UNCHANGED}", exit_code=EXIT_DOWNLOAD
        )
    elif isinstance(exc, tuf.DownloadHTTPError):
        return HkProBonoError(f"the update channel at {address}: {said}; {UNCHANGED}", exit_code=EXIT_DOWNLOAD)
    elif isinstance(exc, tuf.DownloadError):
        detail = said
        return HkProBonoError(
            f"the update channel at {address} could not be reached: {detail}; {UNCHANGED}", exit_code=EXIT_DOWNLOAD
        )
    elif isinstance(exc, OSError):
        return HkProBonoError(
            f"the channel's metadata cannot be written ({exc.strerror or exc}); {UNCHANGED}", exit_code=EXIT_INSTALL
        )
    else:
        return HkProBonoError(f"the update failed: {said}; {UNCHANGED}", exit_code=EXIT_REFUSED)
    return HkProBonoError(f"{why}; {UNCHANGED}", exit_code=EXIT_REFUSED)
