"""Downloads for the update channel: the TUF client's fetcher, with a bounded wait.

tuf's own fetcher waits up to 30 s for each byte and retries three times, so a server that does
not answer holds `data update` for two minutes, and one that sends a byte every 29 s holds it for
days. This one waits `timeout` seconds for the connection and between bytes, never retries a
read, and gives every file at most DEADLINE_FACTOR x `timeout` in all."""

from __future__ import annotations

import time
from collections.abc import Iterator

import urllib3
from tuf.api import exceptions
from tuf.ngclient.fetcher import FetcherInterface

from hkprobono import __version__

DEFAULT_TIMEOUT = 20.0  # seconds; `data update --timeout` or HKPROBONO_UPDATE_TIMEOUT change it
DEADLINE_FACTOR = 5
CHUNK = 64 * 1024


class Fetcher(FetcherInterface):
    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self._pools: dict[str | None, urllib3.PoolManager] = {}

    def _pool(self, scheme: str, host: str) -> urllib3.PoolManager:
        from urllib.request import getproxies, proxy_bypass

        proxy = None if proxy_bypass(host) else getproxies().get(scheme)
        if proxy not in self._pools:
            headers = {"User-Agent": f"hkprobono/{__version__}"}
            retries = urllib3.Retry(total=3, connect=2, read=0, status=0, redirect=3, backoff_factor=0.2)
            timeout = urllib3.Timeout(connect=self.timeout, read=self.timeout)
            self._pools[proxy] = (
                urllib3.ProxyManager(proxy, headers=headers, retries=retries, timeout=timeout)
                if proxy
                else urllib3.PoolManager(headers=headers, retries=retries, timeout=timeout)
            )
        return self._pools[proxy]

    def _fetch(self, url: str) -> Iterator[bytes]:
        started = time.monotonic()
        parts = urllib3.util.parse_url(url)
        try:
            response = self._pool(parts.scheme or "http", parts.host or "").request("GET", url, preload_content=False)
        except urllib3.exceptions.MaxRetryError as exc:
            reason = exc.reason
            # A refused connection is a NewConnectionError, which urllib3 also counts as a timeout.
            if isinstance(reason, urllib3.exceptions.TimeoutError) and not isinstance(
                reason, urllib3.exceptions.NewConnectionError
            ):
                raise exceptions.SlowRetrievalError(f"no answer within {self.timeout:g} s") from exc
            said = str(reason or exc).rsplit(": ", 1)[-1]
            raise exceptions.DownloadError(f"no connection ({said})") from exc
        except urllib3.exceptions.TimeoutError as exc:
            raise exceptions.SlowRetrievalError(f"no answer within {self.timeout:g} s") from exc
        if response.status >= 400:
            response.release_conn()
            raise exceptions.DownloadHTTPError(f"the server answered HTTP {response.status}", response.status)
        return self._chunks(response, started)

    def _chunks(self, response: urllib3.BaseHTTPResponse, started: float) -> Iterator[bytes]:
        deadline = started + DEADLINE_FACTOR * self.timeout
        try:
            # read1 returns whatever has arrived, so a trickle is measured against the deadline too.
            while chunk := response.read1(CHUNK):
                if time.monotonic() > deadline:
                    raise exceptions.SlowRetrievalError(f"not sent within {DEADLINE_FACTOR * self.timeout:g} s")
                yield chunk
        except (urllib3.exceptions.TimeoutError, urllib3.exceptions.MaxRetryError) as exc:
            raise exceptions.SlowRetrievalError(f"the server stopped sending for {self.timeout:g} s") from exc
        except urllib3.exceptions.HTTPError as exc:  # the connection closed early: the file is incomplete
            raise exceptions.DownloadError("the download was cut short") from exc
        finally:
            response.release_conn()
