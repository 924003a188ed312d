"""A polite fetcher of profile pages: robots.txt, one request at a time per host with a delay,
redirects followed by hand (so that each hop is checked, paced and cached and loops are seen),
answers streamed under the size limit, 5xx and 429 retried a few times, and every answer kept
in the page cache with its ETag / Last-Modified for the next run's revalidation.

Sends with httpx2, the HTTP client habanero already brings (and the Crossref client uses).
"""
from __future__ import annotations

import logging
import os
import socket
import ssl
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx2

from ..retryafter import retry_after
from ..sources import SNIFF_BYTES, binary_kind
from .cache import CachedPage, PageCache
from .content import mime_type, non_text_kind, readable_mime
from .settings import WebSettings

log = logging.getLogger("pubexport")

ROBOTS_AGENT = "pubexport"  # the name robots.txt rules address this tool by
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: crawlers parse at least 500 KiB
MAX_CRAWL_DELAY = 30.0  # a robots.txt Crawl-delay is honoured up to this many seconds
MAX_RETRY_WAIT = 60.0  # a site asking to wait longer (Retry-After) is not asked again this run
REDIRECTS = (301, 302, 303, 307, 308)
RETRIED = (429, 500, 502, 503, 504)


class FetchFailed(Exception):
    """No usable answer; ``reason`` says why in a user's words, ``status`` is the HTTP status
    when the server gave one, ``unreachable`` is set when no answer came at all."""

    def __init__(self, reason: str, status: int | None = None, *, unreachable: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.unreachable = unreachable


class NotText(Exception):
    """The answer is a PDF, an image, an archive...: ``what`` names it as the file warnings do."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class TooLarge(Exception):
    """The answer is over the size limit; ``size`` is its announced length, if any."""

    def __init__(self, size: int | None):
        super().__init__(size)
        self.size = size


@dataclass
class _Answer:
    """One HTTP answer as the cache would keep it, and what the cache must not keep."""

    page: CachedPage
    retry_after: str = ""
    storable: bool = True  # false for Cache-Control: no-store


def origin_of(url: str) -> str:
    """scheme://host[:port], the unit of politeness (and of robots.txt)."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class HostPacer:
    """When each host may next be asked: ``delay`` seconds after its last answer ended."""

    def __init__(self):
        self._ready: dict[str, float] = {}

    def ready_at(self, origin: str) -> float:
        return self._ready.get(origin, 0.0)

    def wait(self, origin: str) -> None:
        pause = self._ready.get(origin, 0.0) - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def done(self, origin: str, delay: float) -> None:
        self._ready[origin] = max(self._ready.get(origin, 0.0), time.monotonic() + delay)


class Fetcher:
    """Fetches one URL at a time (see the module docstring); close() when done."""

    def __init__(self, settings: WebSettings, max_size: int | None):
        self.settings = settings
        self.max_size = max_size
        self.pacer = HostPacer()
        self.cache = PageCache(_cache_folder(settings)) if settings.use_cache else None
        self._robots: dict[str, RobotFileParser | FetchFailed] = {}
        self._delays: dict[str, float] = {}
        self._client: httpx2.Client | None = None

    @property
    def client(self) -> httpx2.Client:
        if self._client is None:
            s = self.settings
            self._client = httpx2.Client(
                follow_redirects=False, headers={"User-Agent": s.user_agent()},
                timeout=httpx2.Timeout(s.timeout, connect=s.connect_timeout))
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    # --- one URL, redirects followed -------------------------------------------------------------
    def fetch(self, url: str, *, check_robots: bool = True, max_size: int | None = None) -> CachedPage:
        """The page at ``url`` after redirects; raises FetchFailed, NotText or TooLarge."""
        max_size = self.max_size if max_size is None else max_size
        chain = [urldefrag(url).url]
        while True:
            answer = self._get(chain[-1], check_robots, max_size)
            if not answer.location:
                return answer
            target = urldefrag(urljoin(chain[-1], answer.location)).url
            if target in chain:
                raise FetchFailed("redirect loop (" + " → ".join(chain[chain.index(target):] + [target]) + ")")
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchFailed(f"redirected to {target}, which is not an http(s) URL")
            if len(chain) > self.settings.max_redirects:
                raise FetchFailed(f"more than {self.settings.max_redirects} redirects ({chain[0]} → … → {target})")
            chain.append(target)

    # --- one request, with the cache, robots.txt, pacing and retries ------------------------------
    def _get(self, url: str, check_robots: bool, max_size: int | None) -> CachedPage:
        cached = self.cache.get(url) if self.cache else None
        if self.settings.offline:
            if cached is None:
                raise FetchFailed("not in the cache (--offline)")
            log.info("%s: from the cache (offline), %s", url, _described(cached))
            return cached
        if check_robots:
            try:
                self._check_robots(url)
            except FetchFailed as err:
                if err.unreachable and cached is not None:  # the site is down, not closed to us
                    return self._stale(url, cached, err.reason)
                raise
        origin = origin_of(url)
        for attempt in range(1, self.settings.attempts + 1):
            self.pacer.wait(origin)
            try:
                answer = self._request(url, cached, max_size)
            except (httpx2.HTTPError, OSError) as err:
                reason = failure_reason(err, self.settings)
                if cached is not None:
                    return self._stale(url, cached, reason)
                raise FetchFailed(reason, unreachable=True) from None
            finally:
                self.pacer.done(origin, self._delays.get(origin, self.settings.delay))
            page = answer.page
            if page.status == 304 and cached is not None:
                log.info("%s: 304 Not Modified; %d bytes from the cache", url, len(cached.body))
                return self._revalidated(cached, page)
            if page.status in REDIRECTS and page.location:
                log.info("%s: %d %s → %s", url, page.status, _phrase(page.status), page.location)
                self._store(answer)
                return page
            if 200 <= page.status < 300:
                log.info("%s: %d %s, %d bytes", url, page.status, _phrase(page.status), len(page.body))
                page.status, page.location = 200, ""
                self._store(answer)
                return page
            log.info("%s: %d %s", url, page.status, _phrase(page.status))
            if page.status in RETRIED and attempt < self.settings.attempts:
                wait = retry_after(answer.retry_after)
                if wait is None:
                    wait = self.settings.backoff * 2 ** (attempt - 1)
                if wait <= MAX_RETRY_WAIT:
                    self.pacer.done(origin, wait)
                    continue
            break
        reason = f"HTTP {page.status} {_phrase(page.status)}".rstrip()
        if page.status >= 500 and cached is not None:
            return self._stale(url, cached, reason)
        raise FetchFailed(reason, page.status)

    def _request(self, url: str, cached: CachedPage | None, max_size: int | None) -> _Answer:
        """Send one GET (conditional when a copy is cached) and stream its body; answers other
        than 2xx come back without one."""
        headers = {}
        if cached is not None and cached.status == 200:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        with self.client.stream("GET", url, headers=headers) as response:
            h = response.headers
            page = CachedPage(url, response.status_code, content_type=h.get("content-type", ""),
                              location=h.get("location", ""), etag=h.get("etag", ""),
                              last_modified=h.get("last-modified", ""), confirmed=_now())
            answer = _Answer(page, retry_after=h.get("retry-after", ""),
                             storable="no-store" not in h.get("cache-control", "").lower())
            if 200 <= page.status < 300:
                page.body = self._read_body(response, max_size)
        return answer

    def _read_body(self, response: httpx2.Response, max_size: int | None) -> bytes:
        content_type = response.headers.get("content-type", "")
        what = non_text_kind(content_type)
        if what:
            raise NotText(what)
        if not readable_mime(content_type, str(response.url)):
            raise FetchFailed(f"not a page (Content-Type {mime_type(content_type)})")
        length = _int(response.headers.get("content-length"))
        encoded = response.headers.get("content-encoding", "identity").lower() not in ("", "identity")
        if max_size is not None and length is not None and not encoded and length > max_size:
            raise TooLarge(length)
        deadline = time.monotonic() + 4 * self.settings.timeout
        body = bytearray()
        sniffed = False
        for chunk in response.iter_bytes():
            body += chunk
            if max_size is not None and len(body) > max_size:
                raise TooLarge(None)
            if not sniffed and len(body) >= SNIFF_BYTES:
                sniffed = True
                _refuse_binary(bytes(body[:SNIFF_BYTES]))
            if time.monotonic() > deadline:
                raise FetchFailed(f"too slow: {len(body)} bytes in {4 * self.settings.timeout:g} s")
        if not sniffed:
            _refuse_binary(bytes(body))
        return bytes(body)

    def _store(self, answer: _Answer | CachedPage) -> None:
        if isinstance(answer, CachedPage):
            answer = _Answer(answer)
        if self.cache is not None and answer.storable:
            self.cache.put(answer.page)

    def _revalidated(self, cached: CachedPage, answer: CachedPage) -> CachedPage:
        """A 304: the cached copy is current; new validators, if sent, replace the old."""
        changed = (answer.etag and answer.etag != cached.etag) or \
                  (answer.last_modified and answer.last_modified != cached.last_modified)
        if changed:
            cached.etag = answer.etag or cached.etag
            cached.last_modified = answer.last_modified or cached.last_modified
            cached.confirmed = answer.confirmed
            self._store(cached)
        return cached

    def _stale(self, url: str, cached: CachedPage, reason: str) -> CachedPage:
        log.warning("%s: %s; using the copy cached on %s", url, reason, cached.confirmed[:10] or "an earlier run")
        return cached

    # --- robots.txt ----------------------------------------------------------------------------------
    def _check_robots(self, url: str) -> None:
        origin = origin_of(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, FetchFailed):
            raise FetchFailed(rules.reason, rules.status, unreachable=rules.unreachable)
        if not rules.can_fetch(ROBOTS_AGENT, url):
            raise FetchFailed("robots.txt forbids fetching it")

    def _load_robots(self, origin: str) -> RobotFileParser | FetchFailed:
        """The site's rules (RFC 9309): none when robots.txt is 4xx or unreadable, the whole site
        closed when it answers 5xx; a host that cannot be reached gives its reason for every page."""
        rules = RobotFileParser(origin + "/robots.txt")
        try:
            answer = self.fetch(origin + "/robots.txt", check_robots=False, max_size=ROBOTS_MAX_BYTES)
        except FetchFailed as err:
            if err.unreachable:
                return err
            if err.status is not None and err.status >= 500:
                return FetchFailed(f"robots.txt answered {err.reason}: the site is closed to robots for now")
            rules.allow_all = True
            return rules
        except (NotText, TooLarge):
            rules.allow_all = True
            return rules
        rules.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        crawl_delay = rules.crawl_delay(ROBOTS_AGENT)
        if crawl_delay and float(crawl_delay) > self.settings.delay:
            self._delays[origin] = min(float(crawl_delay), MAX_CRAWL_DELAY)
            log.info("%s: robots.txt asks for %s s between requests", origin, crawl_delay)
        return rules


def _cache_folder(settings: WebSettings) -> str:
    if settings.cache_dir is not None:
        return os.fspath(settings.cache_dir)
    import platformdirs

    return os.path.join(platformdirs.user_cache_dir("pubexport"), "web")


def _refuse_binary(head: bytes) -> None:
    what = binary_kind(head)
    if what:
        raise NotText(what)


def failure_reason(err: BaseException, settings: WebSettings) -> str:
    """Why a request failed, in a user's words (DNS, refused, timeout, TLS, a broken answer)."""
    if isinstance(err, httpx2.ConnectTimeout):
        return f"no connection within {settings.connect_timeout:g} s (connect timeout)"
    if isinstance(err, (httpx2.ReadTimeout, httpx2.WriteTimeout, httpx2.PoolTimeout)):
        return f"no answer for {settings.timeout:g} s (read timeout)"
    cause: BaseException | None = err
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return f"DNS lookup failed ({cause.strerror or cause})"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ssl.SSLError):
            return f"TLS error ({cause})"
        cause = cause.__cause__ or cause.__context__
    if isinstance(err, httpx2.DecodingError):
        return "the answer's compression is broken"
    if isinstance(err, httpx2.UnsupportedProtocol):
        return "not an http(s) URL"
    if isinstance(err, httpx2.InvalidURL) or isinstance(err, httpx2.LocalProtocolError):
        return f"not a valid URL ({err})"
    if isinstance(err, (httpx2.RemoteProtocolError, httpx2.ReadError)):
        return f"the connection broke off ({err or type(err).__name__})"
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


def _described(page: CachedPage) -> str:
    return f"{page.status} → {page.location}" if page.location else f"{len(page.body)} bytes"


def _phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""



def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
