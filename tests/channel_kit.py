"""A real update channel for the tests: keys, a published repository, and an HTTP server on
127.0.0.1 (port 0) in a thread that stops by itself after LIFETIME seconds at most."""

from __future__ import annotations

import datetime as dt
import functools
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple

from conftest import DATA_DIR
from hkprobono.channel import keys
from hkprobono.channel.publish import Expiry, Published, publish
from hkprobono.loading.source import read

LIFETIME = 60.0  # seconds: a test that hangs cannot keep a server alive


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` as static files on 127.0.0.1, as any web host would; yield the address."""
    handler = functools.partial(Quiet, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    stop = threading.Timer(LIFETIME, httpd.shutdown)
    stop.daemon = True
    stop.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        stop.cancel()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@contextmanager
def silent_server() -> Iterator[str]:
    """A server that takes connections and never answers: a listening socket nobody reads."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    finally:
        sock.close()


def directory_file(folder: Path, name: str, compiled: str = "2026-12-01") -> Path:
    """The minimal fixture directory with its first organisation renamed and its own date; later
    than the bundled file's, so that an installed update is the data in use."""
    text = (DATA_DIR / "minimal.toml").read_text(encoding="utf-8")
    text = text.replace('compiled = "2026-01-01"', f'compiled = "{compiled}"').replace("Alpha Legal Aid", name)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "directory.toml"
    path.write_text(text, encoding="utf-8")
    return path


class Channel(NamedTuple):
    keys: Path
    repo: Path
    source: Path  # the publisher's folder of data files
    url: str

    def publish(
        self, name: str, compiled: str = "2026-12-01", *, now: dt.datetime | None = None, expiry: Expiry = Expiry()
    ) -> Published:
        return publish(self.repo, self.keys, read(directory_file(self.source, name, compiled)), expiry=expiry, now=now)


@contextmanager
def channel(base: Path) -> Iterator[Channel]:
    """Keys, version 1 of a channel (the organisation named "Alpha One"), served on 127.0.0.1."""
    keys.init(base / "keys")
    repo = base / "repo"
    repo.mkdir()
    with serve(repo) as url:
        made = Channel(base / "keys", repo, base / "source", url)
        made.publish("Alpha One")
        yield made
