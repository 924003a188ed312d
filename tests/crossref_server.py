"""A local stand-in for api.crossref.org, for tests and benchmarks: a real HTTP server on
127.0.0.1 that answers /works/{doi} and /works?query.bibliographic=... with bodies built from the
responses recorded from api.crossref.org in tests/data/crossref (see tests/data/SOURCES.md), advertises rate-limit headers, injects
faults on demand, and measures what the client did (requests, concurrency, rate).
"""
from __future__ import annotations

import copy
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from rapidfuzz import fuzz

RECORDINGS = Path(__file__).resolve().parent / "data" / "crossref"
PROCEEDINGS_TEMPLATE = "works__test_works_with_many_ids__3.json"  # IEEE proceedings-article
JOURNAL_TEMPLATE = "works__test_works_with_one_id__0.json"  # PLOS ONE journal-article
LIST_TEMPLATE = "works__test_works_query__0.json"  # a /works?query= work-list
NOT_FOUND_BODY = "works__test_works_bad_id_warn__0.txt"  # the plain-text 404
SCHEDULING_LAG = 0.04


def _load(name: str):
    text = (RECORDINGS / name).read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".json") else text


def recorded_work(name: str = PROCEEDINGS_TEMPLATE) -> dict:
    """A recorded work message as Crossref sent it (the IEEE one has ``issued: [[null]]``)."""
    return copy.deepcopy(_load(name)["message"])


def make_work(doi: str, title: str, authors: list[tuple[str, str]], year: int, *,
              type: str = "proceedings-article", container: str | None = None, page: str | None = None,
              volume: str | None = None, issue: str | None = None, publisher: str | None = None,
              subtitle: str = "") -> dict:
    """A Crossref work message with the recorded structure and these bibliographic fields."""
    template = JOURNAL_TEMPLATE if type == "journal-article" else PROCEEDINGS_TEMPLATE
    work = copy.deepcopy(_load(template)["message"])
    work.update({
        "DOI": doi, "URL": f"https://doi.org/{doi}", "prefix": doi.split("/")[0], "type": type,
        "title": [title], "subtitle": [subtitle] if subtitle else [],
        "author": [{"given": g, "family": f, "sequence": "first" if i == 0 else "additional",
                    "affiliation": []} for i, (g, f) in enumerate(authors)],
        "issued": {"date-parts": [[year, 6, 1]]}, "published": {"date-parts": [[year, 6, 1]]},
        "published-print": {"date-parts": [[year, 6, 1]]},
    })
    work.pop("published-online", None)
    for key, value in (("container-title", container), ("page", page), ("volume", volume),
                       ("issue", issue), ("publisher", publisher)):
        if value is None:
            continue
        work[key] = [value] if key == "container-title" else value
    if type == "posted-content":
        work["container-title"] = []
        for key in ("page", "volume", "issue"):
            work.pop(key, None)
    return work


@dataclass
class Hit:
    """One request as the server saw it."""

    arrival: float
    path: str
    params: dict
    user_agent: str
    status: int = 0


@dataclass
class CrossrefServer:
    """Serve ``works`` by DOI; answer a bibliographic query with ``searches[substring]`` (the
    works in that order, scores descending) for the first substring found in the query, else with
    the registered works whose titles resemble the query. ``faults`` is a list of
    ``(substring, kind)``: the first request whose URL contains the substring gets the fault,
    once. Kinds: "429" or "429:SECONDS" (Retry-After), "500", "503", "timeout" (nothing for
    ``stall`` seconds, then the right answer, which only a client that waited reads; not counted as
    in flight, since the client has given up on it), "badjson".
    ``latency`` delays every answer, so that concurrency shows.
    """

    works: list[dict] = field(default_factory=list)
    searches: dict[str, list[dict]] = field(default_factory=dict)
    rate: int = 1000
    interval: str = "1s"
    concurrency: int = 8
    pool: str = "polite"
    latency: float = 0.0
    faults: list[tuple[str, str]] = field(default_factory=list)
    stall: float = 2.0
    hits: list[Hit] = field(default_factory=list)
    max_in_flight: int = 0

    def __post_init__(self):
        self._by_doi = {w["DOI"].lower(): w for w in self.works}
        self._lock = threading.Lock()
        self._in_flight = 0
        self._httpd: ThreadingHTTPServer | None = None

    # --- lifecycle -----------------------------------------------------------------------------
    def __enter__(self) -> CrossrefServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            wbufsize = 1 << 16  # headers and body leave in one write (no delayed-ACK stall)

            def do_GET(self):  # noqa: N802 (http.server's name)
                server._handle(self)

            def log_message(self, *args):
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    # --- measurements --------------------------------------------------------------------------
    @property
    def requests(self) -> int:
        return len(self.hits)

    def max_in_window(self, seconds: float) -> int:
        """The most requests that arrived within any span of ``seconds``. Arrival is when a
        handler thread ran, which on a busy machine can lag the send by tens of milliseconds:
        tests measure spans SCHEDULING_LAG shorter than the interval they check."""
        times = sorted(h.arrival for h in self.hits)
        best, start = 0, 0
        for end, t in enumerate(times):
            while t - times[start] >= seconds:
                start += 1
            best = max(best, end - start + 1)
        return best

    # --- answering -----------------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        hit = Hit(time.monotonic(), unquote(parts.path), params, handler.headers.get("User-Agent", ""))
        with self._lock:
            self.hits.append(hit)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            fault = next((f for f in self.faults if f[0] in handler.path), None)
            if fault:
                self.faults.remove(fault)
        try:
            if fault and fault[1] == "timeout":
                self._leave()
                time.sleep(self.stall)
                self._send(handler, hit, *self._answer(hit), leave=False)
                return
            time.sleep(self.latency)
            if fault:
                kind, _, arg = fault[1].partition(":")
                if kind == "429":
                    self._send(handler, hit, 429, b'{"status":"error"}', "application/json",
                               {"Retry-After": arg or "1"})
                elif kind == "badjson":
                    self._send(handler, hit, 200, b'{"status": "ok", "message": {', "application/json")
                else:
                    self._send(handler, hit, int(kind), b"<html>Server error</html>", "text/html")
                return
            status, body, ctype = self._answer(hit)
            self._send(handler, hit, status, body, ctype)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _answer(self, hit: Hit) -> tuple[int, bytes, str]:
        path = hit.path.rstrip("/")
        if path.startswith("/works/"):
            work = self._by_doi.get(path[len("/works/"):].lower())
            if work is None:
                return 404, _load(NOT_FOUND_BODY).encode(), "text/plain"
            body = {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": work}
            return 200, json.dumps(body).encode(), "application/json"
        if path == "/works":
            query = hit.params.get("query.bibliographic", "")
            rows = int(hit.params.get("rows", "20"))
            items = [copy.deepcopy(w) for w in self._search(query)[:rows]]
            for i, item in enumerate(items):
                item["score"] = round(90.0 - 7.5 * i, 3)
            if "select" in hit.params:
                keep = set(hit.params["select"].split(","))
                items = [{k: v for k, v in item.items() if k in keep} for item in items]
            body = _load(LIST_TEMPLATE)
            body["message"].update({"items": items, "total-results": len(items), "items-per-page": rows,
                                    "query": {"start-index": 0, "search-terms": query}})
            return 200, json.dumps(body).encode(), "application/json"
        return 404, b"Resource not found.", "text/plain"

    def _search(self, query: str) -> list[dict]:
        for needle, works in self.searches.items():
            if needle.lower() in query.lower():
                return works
        scored = [(fuzz.token_set_ratio(query.lower(), w["title"][0].lower()), w) for w in self.works]
        return [w for s, w in sorted(scored, key=lambda sw: -sw[0]) if s >= 60]

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _send(self, handler, hit: Hit, status: int, body: bytes, ctype: str, extra=None, leave=True) -> None:
        hit.status = status
        if leave:
            self._leave()  # before the answer goes out: the client cannot start its next one earlier
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("x-api-pool", self.pool)
        handler.send_header("x-rate-limit-limit", str(self.rate))
        handler.send_header("x-rate-limit-interval", self.interval)
        handler.send_header("x-concurrency-limit", str(self.concurrency))
        for key, value in (extra or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(body)
        handler.wfile.flush()
