"""Read a folder of pages twice, as files and as URLs from a local web server, and compare.

Serves FOLDER (default ../shared/corpus/profiles, else examples/) with the standard library's
http.server on 127.0.0.1, which sends each file with the Content-Type its suffix maps to (as
real servers do: .md text/markdown, .org Lotus Organizer, .jemdoc octet-stream) and no charset.
Prints how many pages give exactly the same mentions both ways, then the time and statuses of a
first run, a second run that revalidates the cache (only 304s) and an --offline run.

    python benchmarks/web_pages.py [FOLDER]
"""
from __future__ import annotations

import functools
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pubexport
from pubexport.web import WebSettings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "profiles"


class _Handler(SimpleHTTPRequestHandler):
    statuses: Counter = Counter()

    def log_request(self, code="-", size="-"):
        _Handler.statuses[int(code) if str(code).isdigit() else code] += 1

    def log_message(self, *args):
        pass


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS if CORPUS.is_dir() else ROOT / "examples"
    pages = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    urls = {page: base + quote(page.name) for page in pages}

    def key(mentions):
        return [(m.title, [a.display() for a in m.authors], m.year, m.venue, m.type, m.doi, m.arxiv,
                 m.owner, m.source.line) for m in mentions]

    with tempfile.TemporaryDirectory() as cache:
        settings = WebSettings(delay=0.0, cache_dir=cache)
        same, different = 0, []
        for page in pages:
            as_file = key(pubexport.read([str(page)]))
            as_url = key(pubexport.read([urls[page]], web=settings))
            if as_file == as_url:
                same += 1
            else:
                different.append(page.name)
        print(f"{len(pages)} pages from {folder}: {same} give the same mentions as files"
              + (f"; different: {', '.join(different)}" if different else ""))
        for label, run_settings in (("first run", WebSettings(delay=0.0, cache_dir=cache + "/fresh")),
                                    ("cached second run", WebSettings(delay=0.0, cache_dir=cache + "/fresh")),
                                    ("--offline run", WebSettings(delay=0.0, cache_dir=cache + "/fresh",
                                                                  offline=True))):
            _Handler.statuses.clear()
            start = time.perf_counter()
            mentions = pubexport.read(list(urls.values()), web=run_settings)
            elapsed = time.perf_counter() - start
            statuses = ", ".join(f"{n}× {s}" for s, n in sorted(_Handler.statuses.items())) or "no request"
            print(f"{label}: {len(mentions)} mentions in {elapsed:.2f} s; server saw {statuses}")
    httpd.shutdown()
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
