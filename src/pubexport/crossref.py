"""A polite, cached, retrying wrapper around habanero, the Crossref client.

habanero builds the requests (routes, field queries, ``select``, the User-Agent with the mailto)
but sends each one with a fresh connection, hides the response headers and never retries. This
module routes habanero's GETs through one pooled HTTP client per ``CrossrefClient``, where a
``Gate`` keeps to the rate and concurrency limits each response advertises
(``x-rate-limit-limit`` / ``x-rate-limit-interval`` / ``x-concurrency-limit``), 429s pause
every request for ``Retry-After``, timeouts (a few seconds to connect and between bytes: a stalled
answer is cut and asked again rather than waited out), 5xx and unreadable answers are retried with
backoff a bounded number of times, each retry admitted by the gate like any request, and every definite answer is kept in a disk cache keyed by the request.

Imported only when enrichment is on, so the command line starts without habanero.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import random
import re
import tempfile
import threading
import time
from collections import deque
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx2
from habanero import Crossref, RequestError

from .retryafter import retry_after
from . import __version__

log = logging.getLogger("pubexport")

DEFAULT_BASE_URL = "https://api.crossref.org"

# Until a response says otherwise, keep to the stricter limits Crossref gives the public pool.
INITIAL_RATE = 5
INITIAL_INTERVAL = 1.0
INITIAL_CONCURRENCY = 1
# A healthy answer starts within a second or two, even for bibliographic queries; one that has not is
# stalled, and asking again (within the limits) beats waiting for it.
CONNECT_TIMEOUT = 3.0
READ_TIMEOUT = 5.0
# Added to each rate window so that requests sent just inside it cannot arrive just inside it
# at the server after uneven network delays.
WINDOW_SLACK = 0.05

# The fields enrichment reads; queries ask only for these, and the cache keeps only these.
FIELDS = ["DOI", "title", "subtitle", "author", "issued", "published", "published-print",
          "published-online", "created", "type", "container-title", "short-container-title", "event",
          "volume", "issue", "page", "publisher", "score"]


class LookupFailed(Exception):
    """A request that got no usable answer after every allowed attempt."""


class _NotFound(Exception):
    """404: Crossref has no such resource (a definite, cacheable answer)."""


class _Retryable(Exception):
    """A timeout, connection failure, 5xx or unreadable body: worth another attempt."""


class _Throttled(_Retryable):
    """429: wait ``retry_after`` seconds (None when the server did not say) before any request."""

    def __init__(self, retry_after: float | None):
        super().__init__("HTTP 429 Too Many Requests")
        self.retry_after = retry_after


class _Refused(Exception):
    """Another 4xx or 3xx: asking again will not help."""


class Gate:
    """Admits requests within the advertised rate (``rate`` starts per ``interval`` seconds) and
    concurrency, learning both from each response; ``pause`` holds every request back."""

    def __init__(self, rate: int = INITIAL_RATE, interval: float = INITIAL_INTERVAL,
                 concurrency: int = INITIAL_CONCURRENCY):
        self.rate = rate
        self.interval = interval
        self.concurrency = concurrency
        self._starts: deque[float] = deque()
        self._in_flight = 0
        self._paused_until = 0.0
        self._cond = threading.Condition()

    def acquire(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                window = self.interval + WINDOW_SLACK
                while self._starts and self._starts[0] <= now - window:
                    self._starts.popleft()
                if now < self._paused_until:
                    self._cond.wait(self._paused_until - now)
                elif self._in_flight >= self.concurrency:
                    self._cond.wait()
                elif len(self._starts) >= self.rate:
                    self._cond.wait(self._starts[0] + window - now)
                else:
                    self._starts.append(now)
                    self._in_flight += 1
                    return

    def release(self, headers=None) -> None:
        with self._cond:
            self._in_flight -= 1
            if headers is not None:
                self._learn(headers)
            self._cond.notify_all()

    def pause(self, seconds: float) -> None:
        with self._cond:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)
            self._cond.notify_all()

    def _learn(self, headers) -> None:
        rate = _positive_int(headers.get("x-rate-limit-limit"))
        interval = _seconds(headers.get("x-rate-limit-interval"))
        concurrency = _positive_int(headers.get("x-concurrency-limit"))
        if rate and interval:
            self.rate, self.interval = rate, interval
        if concurrency:
            self.concurrency = concurrency


def _positive_int(value: str | None) -> int | None:
    try:
        number = int(str(value).strip())
    except ValueError:
        return None
    return number if number > 0 else None


_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*")


def _seconds(value: str | None) -> float | None:
    """'1s', '500ms', '1m' or a bare number of seconds."""
    match = _DURATION.fullmatch(value or "")
    if not match:
        return None
    number = float(match.group(1)) * {"ms": 0.001, "s": 1.0, "m": 60.0, None: 1.0}[match.group(2)]
    return number if number > 0 else None



class DiskCache:
    """One JSON file per request, named by the SHA-256 of the request; written atomically so
    that concurrent lookups and interrupted runs never leave a torn entry."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self._broken = False

    def _path(self, key: str) -> Path:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.json"

    def get(self, key: str) -> dict | None:
        try:
            with open(self._path(key), encoding="utf-8") as fp:
                entry = json.load(fp)
        except (OSError, ValueError):
            return None
        return entry if isinstance(entry, dict) and entry.get("request") == key else None

    def put(self, key: str, status: int, message) -> None:
        if self._broken:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fp:
                json.dump({"request": key, "status": status, "message": message}, fp, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError as err:
            self._broken = True
            log.warning("crossref cache %s is not writable (%s); going on without caching",
                        self.folder, err.strerror or err)


_routing = threading.local()


class _RoutedHttpx:
    """Stands in for the ``httpx2`` module inside habanero: a GET made while a CrossrefClient is
    working on this thread goes through that client; everything else is the real module."""

    def __getattr__(self, name):
        return getattr(httpx2, name)

    def get(self, url, **kwargs):
        client = getattr(_routing, "client", None)
        if client is None:
            return httpx2.get(url, **kwargs)
        return client._send(url, **kwargs)


def _route_habanero() -> None:
    for name in ("habanero.request", "habanero.request_class"):
        module = importlib.import_module(name)
        if not isinstance(module.httpx2, _RoutedHttpx):
            module.httpx2 = _RoutedHttpx()


def _compact(work: dict) -> dict:
    return {k: v for k, v in work.items() if k in FIELDS}


class CrossrefClient:
    """Thread-safe: call ``work`` and ``search`` from as many threads as you like; the gate
    decides how many requests actually run at once."""

    def __init__(self, base_url: str | None = None, *, mailto: str | None = None,
                 cache_dir: str | os.PathLike | None = None, timeout: float = READ_TIMEOUT,
                 connect_timeout: float = CONNECT_TIMEOUT,
                 max_attempts: int = 4, backoff: float = 0.5, max_retry_after: float = 120.0):
        _route_habanero()
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self.mailto = mailto or None
        self.cache = DiskCache(cache_dir) if cache_dir else None
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.gate = Gate()
        self.requests = 0  # HTTP requests actually sent
        self.retries = 0
        self.cache_hits = 0
        self._stopped = ""  # why no more requests are sent (a Retry-After beyond max_retry_after)
        self._lock = threading.Lock()
        self.timeout = httpx2.Timeout(timeout, connect=min(connect_timeout, timeout))
        self._crossref = Crossref(base_url=self.base_url, mailto=self.mailto, timeout=timeout,
                                  ua_string=f"pubexport/{__version__}")
        self._http = httpx2.Client(follow_redirects=True,
                                   limits=httpx2.Limits(max_connections=16, max_keepalive_connections=16))

    def close(self) -> None:
        self._http.close()

    def work(self, doi: str) -> dict | None:
        """The work registered under ``doi``, or None when Crossref does not know the DOI."""
        quoted = quote(doi, safe="/")
        key = f"GET {self.base_url}/works/{quoted}"
        return self._fetch(key, lambda: self._crossref.works(ids=quoted), lambda body: _compact(body["message"]))

    def search(self, bibliographic: str, rows: int) -> list[dict]:
        """The first ``rows`` works Crossref finds for a citation-like query, best scored first."""
        params = {"query.bibliographic": bibliographic, "rows": str(rows), "select": ",".join(FIELDS)}
        key = f"GET {self.base_url}/works?{urlencode(sorted(params.items()))}"
        return self._fetch(
            key,
            lambda: self._crossref.works(query_bibliographic=bibliographic, limit=rows, select=FIELDS),
            lambda body: [_compact(item) for item in body["message"]["items"]]) or []

    def _fetch(self, key: str, call, extract):
        if self.cache is not None:
            entry = self.cache.get(key)
            if entry is not None:
                with self._lock:
                    self.cache_hits += 1
                return entry["message"]
        last = ""
        for attempt in range(1, self.max_attempts + 1):
            if self._stopped:
                raise LookupFailed(self._stopped)
            if attempt > 1:
                with self._lock:
                    self.retries += 1
            _routing.client = self
            try:
                message = extract(call())
            except _NotFound:
                message, status = None, 404
            except _Throttled as err:
                last = str(err)
                wait = err.retry_after if err.retry_after is not None else self._backoff(attempt)
                if wait > self.max_retry_after:
                    self._stopped = f"Crossref asked to wait {wait:.0f} s (Retry-After); stopped asking"
                    raise LookupFailed(self._stopped) from err
                self.gate.pause(wait)
                continue
            except _Retryable as err:
                last = str(err)
                time.sleep(self._backoff(attempt))
                continue
            except _Refused as err:
                raise LookupFailed(str(err)) from err
            except (RequestError, ValueError, KeyError, TypeError, IndexError) as err:
                # habanero could not read the body, or it is not shaped like a Crossref answer
                last = f"unreadable answer ({type(err).__name__})"
                time.sleep(self._backoff(attempt))
                continue
            else:
                status = 200
            finally:
                _routing.client = None
            if self.cache is not None:
                self.cache.put(key, status, message)
            return message
        raise LookupFailed(f"gave up after {self.max_attempts} attempts: {last}")

    def _backoff(self, attempt: int) -> float:
        return self.backoff * 2 ** (attempt - 1) * random.uniform(0.5, 1.0)

    def _send(self, url, *, params=None, headers=None, timeout=None):
        """Send one GET for habanero, within the gate, with our timeouts (habanero knows only one
        number for all phases); only a 200 goes back to habanero."""
        params = dict(params or {})
        if self.mailto:
            params["mailto"] = self.mailto  # habanero puts it only in the User-Agent
        self.gate.acquire()
        response = None
        try:
            with self._lock:
                self.requests += 1
            response = self._http.get(url, params=params, headers=headers, timeout=self.timeout)
        except httpx2.TimeoutException as err:
            raise _Retryable(f"timeout ({type(err).__name__})") from err
        except httpx2.UnsupportedProtocol as err:
            raise _Refused(f"cannot send to {url}: {err}") from err
        except httpx2.TransportError as err:
            raise _Retryable(f"connection failed ({type(err).__name__}: {err})") from err
        except (httpx2.HTTPError, httpx2.InvalidURL) as err:
            raise _Refused(f"cannot send to {url}: {err}") from err
        finally:
            self.gate.release(response.headers if response is not None else None)
        status = response.status_code
        if status == 200:
            return response
        if status == 404:
            raise _NotFound()
        if status == 429:
            raise _Throttled(retry_after(response.headers.get("retry-after")))
        if status >= 500:
            raise _Retryable(f"HTTP {status}")
        raise _Refused(f"HTTP {status} for {url}")
