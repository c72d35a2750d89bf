"""Attacks on the update channel and faults on the way, each against a real HTTP server on
127.0.0.1: every one ends with a one-line error, its documented exit code, and the data that
was in use still in use (version 1 of the channel, "Alpha One")."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import Result

from channel_kit import Channel, channel, serve, silent_server
from conftest import TESTS, Invoke
from hkprobono.channel import installed as installing
from hkprobono.errors import EXIT_BUSY, EXIT_DOWNLOAD, EXIT_INSTALL, EXIT_REFUSED
from hkprobono.loading import installed
from hkprobono.loading.source import load


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke) -> Iterator[Channel]:
    """A channel whose version 1 is installed and in use."""
    monkeypatch.setenv("HKPROBONO_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HKPROBONO_UPDATE_TIMEOUT", "2")
    with channel(tmp_path) as made:
        result = invoke("data", "update", "--url", made.url, "--root", str(made.keys / "root.json"))
        assert result.exit_code == 0, result.output
        yield made


def still_version_1(result: Result, code: int, *words: str) -> None:
    """The attack failed as it should: one line, the documented code, the old data in use."""
    assert result.exit_code == code, result.output
    message = result.stderr.strip()
    print(f"exit {result.exit_code}: {message}")  # what the user sees, in `pytest -rP`
    assert "\n" not in message and message.startswith("Error: "), message
    assert message.endswith("the data in use is unchanged"), message
    assert "Traceback" not in result.output
    for word in words:
        assert word in message, (word, message)
    org = load().by_slug("alpha-legal")
    assert org is not None and org.name == "Alpha One"
    record = installed.read_record()
    assert record is not None and record.version == 1


def metadata(made: Channel, name: str) -> Path:
    return made.repo / "metadata" / name


def target(made: Channel) -> Path:
    (path,) = [p for p in (made.repo / "targets").iterdir() if b"Alpha Two" in p.read_bytes()]
    return path


def test_a_target_altered_after_signing_is_refused(invoke: Invoke, served: Channel) -> None:
    served.publish("Alpha Two")
    path = target(served)
    path.write_bytes(path.read_bytes().replace(b"Alpha Two", b"Alpha Evi"))  # same length, other bytes
    still_version_1(invoke("data", "update"), EXIT_REFUSED, "directory.toml differs from what was signed")


def test_metadata_signed_by_a_wrong_key_is_refused(invoke: Invoke, served: Channel, tmp_path: Path) -> None:
    """Someone who controls the server but not the keys publishes a complete channel of their own."""
    from hkprobono.channel import keys
    from hkprobono.channel.publish import publish
    from hkprobono.loading.source import read

    keys.init(tmp_path / "evil-keys")
    evil = tmp_path / "evil"
    for _ in range(3):  # versions above the real ones, so only the signatures can stop it
        publish(evil, tmp_path / "evil-keys", read(served.source / "directory.toml"))
    for name in ("timestamp.json", "3.snapshot.json", "3.targets.json"):
        shutil.copy(evil / "metadata" / name, metadata(served, name))
    for path in (evil / "targets").iterdir():
        shutil.copy(path, served.repo / "targets" / path.name)
    still_version_1(invoke("data", "update"), EXIT_REFUSED, "not signed by the channel's keys")


def test_an_expired_timestamp_is_refused(invoke: Invoke, served: Channel) -> None:
    """A freeze: metadata whose signatures ran out, served as if it were current."""
    served.publish("Alpha Two", now=dt.datetime.now(dt.UTC) - dt.timedelta(days=15))  # 14-day timestamp
    still_version_1(invoke("data", "update"), EXIT_REFUSED, "timestamp.json is expired", "out of date")


def test_an_older_version_served_again_is_refused(invoke: Invoke, served: Channel, tmp_path: Path) -> None:
    """A rollback: version 1's timestamp, validly signed, served after the user saw version 2."""
    old = metadata(served, "timestamp.json").read_bytes()
    served.publish("Alpha Two")
    assert invoke("data", "update").exit_code == 0
    metadata(served, "timestamp.json").write_bytes(old)
    result = invoke("data", "update")
    assert result.exit_code == EXIT_REFUSED and "older copy of the channel" in result.stderr
    assert load().by_slug("alpha-legal").name == "Alpha Two"  # type: ignore[union-attr]


def test_an_older_version_after_rollback_leaves_version_1(invoke: Invoke, served: Channel) -> None:
    served.publish("Alpha Two")
    fresh = metadata(served, "timestamp.json").read_bytes()
    served.publish("Alpha Three")
    assert invoke("data", "update", "--check").exit_code == 0  # saw version 3's timestamp
    metadata(served, "timestamp.json").write_bytes(fresh)
    still_version_1(invoke("data", "update"), EXIT_REFUSED, "older copy")


@pytest.mark.parametrize("mixed", ["snapshot", "targets"])
def test_a_mix_of_old_and_new_metadata_is_refused(invoke: Invoke, served: Channel, mixed: str) -> None:
    """Version 2's timestamp (or snapshot) with version 1's snapshot (or targets) under the new name."""
    served.publish("Alpha Two")
    metadata(served, f"2.{mixed}.json").write_bytes(metadata(served, f"1.{mixed}.json").read_bytes())
    still_version_1(invoke("data", "update"), EXIT_REFUSED, "differs from what was signed")


def test_a_signed_file_that_fails_the_checks_is_refused(
    invoke: Invoke, served: Channel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The channel's own keys cannot make a user install a file that loading would refuse."""
    from hkprobono.channel import publish
    from hkprobono.channel.targets import Target

    bad = (served.source / "directory.toml").read_bytes().replace(b"+852", b"+44")
    monkeypatch.setattr(publish, "collect", lambda raw: (Target("directory.toml", bad, "2026-12-02"),))
    served.publish("Alpha One")
    still_version_1(invoke("data", "update"), EXIT_REFUSED, "it is signed, but", "phone")


def test_a_truncated_download_is_refused(invoke: Invoke, served: Channel) -> None:
    served.publish("Alpha Two")
    path = target(served)
    path.write_bytes(path.read_bytes()[:-100])
    still_version_1(invoke("data", "update"), EXIT_REFUSED, "directory.toml differs")


def test_truncated_metadata_is_refused(invoke: Invoke, served: Channel) -> None:
    served.publish("Alpha Two")
    path = metadata(served, "timestamp.json")
    path.write_bytes(path.read_bytes()[:200])
    still_version_1(invoke("data", "update"), EXIT_REFUSED, "cannot be read: cut short or damaged")


def test_an_oversized_download_is_refused(invoke: Invoke, served: Channel) -> None:
    served.publish("Alpha Two")
    path = target(served)
    path.write_bytes(path.read_bytes() + b"\n# and much more\n" * 1000)
    still_version_1(invoke("data", "update"), EXIT_REFUSED, "directory.toml is longer than signed")


def test_oversized_metadata_is_refused(invoke: Invoke, served: Channel) -> None:
    served.publish("Alpha Two")
    path = metadata(served, "timestamp.json")
    path.write_bytes(path.read_bytes() + b" " * 20_000)  # over the 16 KiB a timestamp may be
    still_version_1(invoke("data", "update"), EXIT_REFUSED, "longer than signed")


def test_a_channel_that_is_not_there_fails_to_download(invoke: Invoke, served: Channel) -> None:
    served.publish("Alpha Two")
    metadata(served, "timestamp.json").unlink()
    still_version_1(invoke("data", "update"), EXIT_DOWNLOAD, "HTTP 404")


def test_a_server_that_is_gone_fails_at_once(invoke: Invoke, served: Channel) -> None:
    with silent_server() as url:
        pass  # closed: nothing listens there any more
    started = time.monotonic()
    still_version_1(invoke("data", "update", "--url", url), EXIT_DOWNLOAD, "could not be reached")
    assert time.monotonic() - started < 5


@pytest.mark.slow
def test_a_server_that_does_not_answer_times_out(invoke: Invoke, served: Channel) -> None:
    with silent_server() as url:
        started = time.monotonic()
        result = invoke("data", "update", "--url", url, "--timeout", "0.5")
        took = time.monotonic() - started
    still_version_1(result, EXIT_DOWNLOAD, "did not answer in time")
    assert took < 5, took


@pytest.mark.slow
def test_a_server_that_drips_is_cut_off(invoke: Invoke, served: Channel) -> None:
    """Bytes trickling in just under the timeout: the whole file still has a deadline."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    stop = threading.Event()

    def drip() -> None:
        sock.settimeout(10)
        try:
            conn, _ = sock.accept()
        except OSError:
            return
        with conn:
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
            for _ in range(100):  # bounded: at most 100 bytes over 10 s
                if stop.wait(0.1):
                    break
                try:
                    conn.sendall(b" ")
                except OSError:
                    break

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    try:
        started = time.monotonic()
        result = invoke("data", "update", "--url", f"http://127.0.0.1:{sock.getsockname()[1]}/", "--timeout", "0.3")
        took = time.monotonic() - started
    finally:
        stop.set()
        sock.close()
        thread.join(5)
    still_version_1(result, EXIT_DOWNLOAD, "did not answer in time")
    assert took < 5, took


def test_a_full_disk_leaves_the_data_in_use(invoke: Invoke, served: Channel, monkeypatch: pytest.MonkeyPatch) -> None:
    served.publish("Alpha Two")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patched:
        patched.setattr(os, "fsync", full)  # the installed file cannot reach the disk
        result = invoke("data", "update")
    still_version_1(result, EXIT_INSTALL, "could not be installed", "No space left on device")
    home = installed.home()
    assert home is not None
    assert [p.name for p in (home / "updates").iterdir()] == [installed.read_record().folder]  # type: ignore[union-attr]
    assert not [p for p in home.iterdir() if p.name.startswith(".")]  # no staging left behind
    assert invoke("data", "update").exit_code == 0  # with room again, the same update installs


def test_two_updates_at_once(invoke: Invoke, served: Channel) -> None:
    served.publish("Alpha Two")
    home = installed.home()
    assert home is not None
    with installing.lock(home):  # another update is running
        still_version_1(invoke("data", "update"), EXIT_BUSY, "another update of the data is running")
    assert invoke("data", "update").exit_code == 0


def test_the_old_timestamp_key_is_refused_after_rotation(invoke: Invoke, served: Channel, tmp_path: Path) -> None:
    """Key rotation: a new root, signed by the old, moves the timestamp role to a new key."""
    from securesystemslib.signer import CryptoSigner
    from tuf.api.metadata import Metadata, Timestamp
    from tuf.api.serialization.json import JSONSerializer

    from hkprobono.channel import keys

    old_key = (served.keys / "timestamp.pem").read_bytes()
    assert invoke("data", "keys", "rotate", str(served.keys), "timestamp").exit_code == 0
    served.publish("Alpha Two")
    assert invoke("data", "update").exit_code == 0
    served.publish("Alpha Three")
    stamp = Metadata[Timestamp].from_bytes(metadata(served, "timestamp.json").read_bytes())
    stamp.signed.version += 1
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    stamp.sign(CryptoSigner(load_pem_private_key(old_key, None)))
    metadata(served, "timestamp.json").write_bytes(stamp.to_bytes(JSONSerializer()))
    result = invoke("data", "update")
    assert result.exit_code == EXIT_REFUSED and "not signed by the channel's keys" in result.stderr
    assert load().by_slug("alpha-legal").name == "Alpha Two"  # type: ignore[union-attr]
    assert keys.current_root(served.keys).signed.version == 2


def test_a_second_server_is_stopped_by_its_fixture() -> None:
    with serve(TESTS) as url:
        assert url.startswith("http://127.0.0.1:")
    with pytest.raises(OSError):
        import urllib.request

        urllib.request.urlopen(url + "conftest.py", timeout=1)
