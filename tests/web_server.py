"""A small web site for the fetching tests: a real HTTP server on 127.0.0.1 serving the replies
a test lays out per path (pages, redirects, errors, stalls, huge and gzipped answers, ETags),
recording every request it saw.
"""
from __future__ import annotations

import gzip
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHUNK = 64 * 1024


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that hung up on a stalled or huge answer is what the tests do on purpose."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@dataclass
class Reply:
    """One answer. ``etag`` / ``last_modified``: answer 304 to a request that sends it back
    (If-None-Match / If-Modified-Since). ``stall``: send the
    headers and the first bytes, then nothing for that many seconds. ``size``: a body of that
    many bytes made on the fly (never held), with a Content-Length only when ``announce``."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    etag: str = ""
    last_modified: str = ""
    stall: float = 0.0
    size: int = 0
    announce: bool = True
    gzip: bool = False


@dataclass
class Hit:
    path: str
    status: int
    headers: dict
    arrival: float
    ended: float = 0.0


class WebServer:
    """``routes`` maps a path to a reply, or to a list of replies given in turn (the last one
    repeats). Unknown paths get 404."""

    def __init__(self, routes: dict | None = None):
        self.routes: dict[str, Reply | list[Reply]] = dict(routes or {})
        self.hits: list[Hit] = []
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        self._httpd: _Server | None = None

    def __enter__(self) -> WebServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            wbufsize = 1 << 16

            def do_GET(self):  # noqa: N802 (http.server's name)
                server._handle(self)

            def log_message(self, *args):
                pass

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def paths(self) -> list[str]:
        return [h.path for h in self.hits]

    def statuses(self, path: str | None = None) -> list[int]:
        return [h.status for h in self.hits if path is None or h.path == path]

    def _reply_for(self, path: str) -> Reply:
        with self._lock:
            route = self.routes.get(path)
            if isinstance(route, list):
                turn = self._served.get(path, 0)
                self._served[path] = turn + 1
                return route[min(turn, len(route) - 1)]
            return route or Reply(404, b"<html><body>Not found</body></html>")

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        reply = self._reply_for(handler.path)
        hit = Hit(handler.path, reply.status, {k.lower(): v for k, v in handler.headers.items()}, time.monotonic())
        with self._lock:
            self.hits.append(hit)
        try:
            if (reply.etag and handler.headers.get("If-None-Match") == reply.etag) or \
                    (reply.last_modified and handler.headers.get("If-Modified-Since") == reply.last_modified):
                hit.status = 304
                handler.send_response(304)
                handler.send_header("Content-Length", "0")
                handler.end_headers()
            elif reply.size:
                self._send_large(handler, reply)
            else:
                self._send(handler, reply)
            handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            hit.ended = time.monotonic()

    @staticmethod
    def _start(handler, reply: Reply, length: int | None) -> None:
        handler.send_response(reply.status)
        handler.send_header("Content-Type", reply.content_type)
        if length is not None:
            handler.send_header("Content-Length", str(length))
        else:
            handler.send_header("Connection", "close")
            handler.close_connection = True
        if reply.etag:
            handler.send_header("ETag", reply.etag)
        if reply.last_modified:
            handler.send_header("Last-Modified", reply.last_modified)
        if reply.gzip:
            handler.send_header("Content-Encoding", "gzip")
        for key, value in reply.headers.items():
            handler.send_header(key, value)
        handler.end_headers()

    def _send(self, handler, reply: Reply) -> None:
        body = gzip.compress(reply.body) if reply.gzip else reply.body
        self._start(handler, reply, len(body))
        if reply.stall:
            handler.wfile.write(body[:16])
            handler.wfile.flush()
            time.sleep(reply.stall)
            handler.wfile.write(body[16:])
        else:
            handler.wfile.write(body)

    def _send_large(self, handler, reply: Reply) -> None:
        line = b"<p>A line of a very long page, repeated to make it large.</p>\n"
        chunk = (line * (CHUNK // len(line) + 1))[:CHUNK]
        self._start(handler, reply, reply.size if reply.announce else None)
        sent = 0
        while sent < reply.size:
            piece = chunk[:reply.size - sent]
            handler.wfile.write(piece)
            sent += len(piece)
