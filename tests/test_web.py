"""Pages straight from the web: every test starts its own site on 127.0.0.1 (tests/web_server.py)
and reads it through ``pubexport.read`` or the command line, never the internet."""
from __future__ import annotations

import json
import logging
import socket
import tracemalloc
from pathlib import Path

import httpx2
import pytest
from click.testing import CliRunner
from web_server import Reply, WebServer

import pubexport
from pubexport.cli import main
from pubexport.web import WebSettings, read_url_list
from pubexport.web.content import decode_page, kind_for, meta_charset
from pubexport.web.fetch import failure_reason

PAGES = Path(__file__).parent / "fixtures" / "pages"

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Lena Müller</title></head><body>
<h1>Lena Müller</h1>
<h2>Publications</h2>
<ul>
<li>L. Müller and R. Okafor. "Sparse Attention for Glacier Flow Forecasting." In NeurIPS, 2021.</li>
<li>L. Müller, M. Duarte. "Counting Icebergs from Orbit with Weak Labels." In CVPR, 2023.</li>
</ul></body></html>
"""
TITLES = ["Sparse Attention for Glacier Flow Forecasting", "Counting Icebergs from Orbit with Weak Labels"]

BIB = b"""@inproceedings{okafor2022tides,
  title = {Tidal Signals in Seismic Noise},
  author = {Okafor, Rita and M{\\"u}ller, Lena},
  booktitle = {Proceedings of the AGU Fall Meeting},
  year = {2022}
}
"""
CSL = json.dumps([{"id": "x", "type": "article-journal", "title": "Moraine Dating with Cosmogenic Nuclides",
                   "author": [{"family": "Duarte", "given": "Marta"}], "issued": {"date-parts": [[2020]]},
                   "container-title": "Quaternary Science Reviews"}]).encode()


@pytest.fixture(autouse=True)
def warnings_reach_caplog():
    """Command-line runs (here and in other test files) give the logger their own handler."""
    log = logging.getLogger("pubexport")
    saved = log.handlers[:], log.propagate, log.level
    log.handlers[:], log.propagate = [], True
    log.setLevel(logging.WARNING)
    yield
    log.handlers[:], log.propagate = saved[0], saved[1]
    log.setLevel(saved[2])


def settings(tmp_path, **options) -> WebSettings:
    options.setdefault("delay", 0.0)
    options.setdefault("backoff", 0.01)
    options.setdefault("cache_dir", tmp_path / "cache")
    return WebSettings(**options)


def read(urls, tmp_path, **options):
    max_file_size = options.pop("max_file_size", 16 * 2**20)
    return pubexport.read(urls, web=settings(tmp_path, **options), max_file_size=max_file_size)


def warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def html(text: str = PAGE) -> Reply:
    return Reply(body=text.encode("utf-8"))


# --- pages in each format, read as the same file would be --------------------------------------

ORG = ("* Publications\n- Rui Dias and *Lena Vogt*. [[https://doi.org/10.1234/abcd][Sand Clocks Revisited]]. "
       "/Journal of Slow Time/, 2017.\n").encode()

FORMATS = [  # (fixture or bytes, file name, URL path, Content-Type)
    ("list.html", "page.html", "/people/sam", "text/html; charset=utf-8"),
    ("wowchemy.html", "page.html", "/publication/", "application/xhtml+xml"),
    ("numbered.md", "page.md", "/mira/publications", "text/markdown; charset=utf-8"),
    ("numbered.md", "page.md", "/mira/README.md", "text/plain"),
    ("blocks.txt", "page.txt", "/cv", "text/plain; charset=utf-8"),
    ("cv.tex", "cv.tex", "/files/cv.tex", "application/octet-stream"),
    ("cv.tex", "cv.tex", "/files/cv", "application/x-tex"),
    (BIB, "refs.bib", "/refs.bib", "text/plain"),
    (BIB, "refs.bib", "/bibliography", "text/plain"),  # no suffix: the text shows BibTeX
    (CSL, "refs.json", "/api/works", "application/vnd.citationstyles.csl+json"),
    (CSL, "refs.json", "/works.json", "application/json"),
    ("cv.tex", "cv.tex", "/cv.tex", "text/x-tex"),
    (ORG, "page.org", "/cv.org", "application/vnd.lotus-organizer"),  # mimetypes' idea of .org
]


@pytest.mark.parametrize("content,name,path,content_type", FORMATS)
def test_a_page_reads_as_the_same_saved_file(tmp_path, content, name, path, content_type):
    body = content if isinstance(content, bytes) else (PAGES / content).read_bytes()
    saved = tmp_path / name
    saved.write_bytes(body)
    from_file = pubexport.read([str(saved)])
    assert from_file
    with WebServer({path: Reply(body=body, content_type=content_type)}) as site:
        from_web = read([site.url + path], tmp_path)
    assert [(m.title, m.authors, m.year, m.venue, m.owner, m.source.line) for m in from_web] == \
           [(m.title, m.authors, m.year, m.venue, m.owner, m.source.line) for m in from_file]
    assert {m.source.path for m in from_web} == {site.url + path}


def test_gzip_answer_is_read():
    with WebServer({"/p": Reply(body=PAGE.encode(), gzip=True)}) as site:
        mentions = pubexport.read([site.url + "/p"], web=WebSettings(delay=0, use_cache=False))
    assert [m.title for m in mentions] == TITLES
    assert "gzip" in site.hits[-1].headers["accept-encoding"]
    assert "deflate" in site.hits[-1].headers["accept-encoding"]


def test_kind_follows_content_type_then_suffix_then_text():
    assert kind_for("http://h/a", "text/html", b"<html><body>") == "html"
    assert kind_for("http://h/refs.bib", "text/html", b"@article{a, title={T}}") == "bibtex"  # no tags
    assert kind_for("http://h/x.md", "text/plain", b"# Me") == "markdown"
    assert kind_for("http://h/x", "application/octet-stream", b"@article{a,\n") == "bibtex"
    assert kind_for("http://h/x", "", b"  <!doctype html><p>") == "html"
    assert kind_for("http://h/x", "text/plain", b"\\documentclass{article}") == "latex"
    assert kind_for("http://h/x", "text/plain", b"[{\"title\": \"T\"}]") == "csljson"
    assert kind_for("http://h/x", "text/plain", b"Publications\n1. A paper") == "text"


# --- not pages: the same warnings as files ----------------------------------------------------------

def test_pdf_and_images_are_skipped_with_the_file_warnings(tmp_path, caplog):
    routes = {"/cv.pdf": Reply(body=b"%PDF-1.7\n...", content_type="application/pdf"),
              "/cv": Reply(body=b"%PDF-1.4\n" + b"x" * 9000, content_type="application/octet-stream"),
              "/me.png": Reply(body=b"\x89PNG\r\n\x1a\n....", content_type="image/png"),
              "/tool": Reply(body=b"\x00\x01" * 100, content_type="application/x-shockwave-flash"),
              "/page": html()}
    with WebServer(routes) as site:
        mentions = read([site.url + p for p in routes], tmp_path)
    assert [m.title for m in mentions] == TITLES
    found = warnings(caplog)
    assert f"{site.url}/cv.pdf: a PDF; PDFs are not read: convert it to text first " \
           "(e.g. `pdftotext -layout`) and give that file instead; skipped" in found
    assert any(w.startswith(f"{site.url}/cv: a PDF; PDFs are not read") for w in found)
    assert f"{site.url}/me.png: an image, not text; skipped" in found
    assert f"{site.url}/tool: not a page (Content-Type application/x-shockwave-flash); skipped" in found


# --- redirects ---------------------------------------------------------------------------------------

def test_301_and_302_chains_are_followed_and_the_given_url_is_the_provenance(tmp_path):
    routes = {"/~lena": Reply(301, headers={"Location": "/people/lena/"}),
              "/people/lena/": Reply(302, headers={"Location": "../lena-mueller"}),
              "/people/lena-mueller": html()}
    with WebServer(routes) as site:
        mentions = read([site.url + "/~lena"], tmp_path)
    assert [m.title for m in mentions] == TITLES
    assert [str(m.source) for m in mentions] == [f"{site.url}/~lena:6", f"{site.url}/~lena:7"]
    assert site.paths() == ["/robots.txt", "/~lena", "/people/lena/", "/people/lena-mueller"]


def test_a_redirect_loop_is_a_warning_and_the_rest_is_read(tmp_path, caplog):
    routes = {"/a": Reply(301, headers={"Location": "/b"}), "/b": Reply(302, headers={"Location": "/a"}),
              "/page": html()}
    with WebServer(routes) as site:
        mentions = read([site.url + "/a", site.url + "/page"], tmp_path)
    assert [m.title for m in mentions] == TITLES
    assert f"{site.url}/a: redirect loop ({site.url}/a → {site.url}/b → {site.url}/a); skipped" in warnings(caplog)


def test_more_than_five_redirects_are_not_followed(tmp_path, caplog):
    routes = {f"/r{i}": Reply(302, headers={"Location": f"/r{i + 1}"}) for i in range(6)}
    routes["/r6"] = html()
    routes["/r1x"] = Reply(302, headers={"Location": "/r2"})
    with WebServer(routes) as site:
        assert read([site.url + "/r0"], tmp_path) == []
        assert [m.title for m in read([site.url + "/r1x"], tmp_path)] == TITLES  # five are fine
    assert any(w.startswith(f"{site.url}/r0: more than 5 redirects") for w in warnings(caplog))


def test_a_redirect_to_another_host_asks_that_hosts_robots_txt(tmp_path, caplog):
    with WebServer({"/page": html(), "/robots.txt": Reply(body=b"User-agent: *\nDisallow: /private\n",
                                                             content_type="text/plain")}) as target:
        routes = {"/moved": Reply(301, headers={"Location": target.url + "/page"}),
                  "/hidden": Reply(301, headers={"Location": target.url + "/private/page"})}
        with WebServer(routes) as site:
            mentions = read([site.url + "/moved", site.url + "/hidden"], tmp_path)
    assert [m.title for m in mentions] == TITLES
    assert target.paths() == ["/robots.txt", "/page"]
    assert f"{site.url}/hidden: robots.txt forbids fetching it; skipped" in warnings(caplog)


# --- failures ------------------------------------------------------------------------------------------

def test_404_is_a_warning_with_the_status_and_the_run_goes_on(tmp_path, caplog):
    with WebServer({"/page": html()}) as site:
        mentions = read([site.url + "/gone", site.url + "/page"], tmp_path)
    assert [m.title for m in mentions] == TITLES
    assert f"{site.url}/gone: HTTP 404 Not Found; skipped" in warnings(caplog)


def test_500_then_success_is_retried_and_read(tmp_path, caplog):
    with WebServer({"/page": [Reply(500, b"oops"), Reply(503, b"busy", headers={"Retry-After": "0"}),
                              html()]}) as site:
        mentions = read([site.url + "/page"], tmp_path)
    assert [m.title for m in mentions] == TITLES
    assert site.statuses("/page") == [500, 503, 200]
    assert warnings(caplog) == []


def test_a_server_error_that_persists_is_skipped_after_three_tries(tmp_path, caplog):
    with WebServer({"/page": Reply(500, b"oops")}) as site:
        assert read([site.url + "/page"], tmp_path) == []
    assert site.statuses("/page") == [500, 500, 500]
    assert warnings(caplog) == [f"{site.url}/page: HTTP 500 Internal Server Error; skipped"]


def test_a_stalled_answer_times_out_and_the_rest_is_read(tmp_path, caplog):
    with WebServer({"/slow": Reply(body=PAGE.encode(), stall=3.0), "/page": html()}) as site:
        mentions = read([site.url + "/slow", site.url + "/page"], tmp_path, timeout=0.3)
    assert [m.title for m in mentions] == TITLES
    assert f"{site.url}/slow: no answer for 0.3 s (read timeout); skipped" in warnings(caplog)


def test_connection_refused_is_a_warning(tmp_path, caplog):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    assert read([f"http://127.0.0.1:{port}/page"], tmp_path) == []
    assert warnings(caplog) == [f"http://127.0.0.1:{port}/page: connection refused; skipped"]


def test_dns_failure_is_named():
    err = httpx2.ConnectError("[Errno -2] Name or service not known")
    err.__cause__ = socket.gaierror(-2, "Name or service not known")
    assert failure_reason(err, WebSettings()) == "DNS lookup failed (Name or service not known)"


def test_urls_that_cannot_be_fetched_are_named(tmp_path, caplog):
    assert read(["ftp://files.example.org/cv.txt", "https://", "http://host:port/x"], tmp_path) == []
    assert warnings(caplog) == [
        "ftp://files.example.org/cv.txt: ftp: URLs are not read (only http and https); skipped",
        "https://: no host name in the URL; skipped",
        "http://host:port/x: not a valid URL (Port could not be cast to integer value as 'port'); skipped"]


# --- size --------------------------------------------------------------------------------------------

def test_a_50_mb_answer_announced_is_refused_before_its_body(tmp_path, caplog):
    with WebServer({"/dump": Reply(size=50 * 2**20, announce=True), "/page": html()}) as site:
        mentions = read([site.url + "/dump", site.url + "/page"], tmp_path)
    assert [m.title for m in mentions] == TITLES
    assert f"{site.url}/dump: 50.0 MB is over the size limit of 16 MB (--max-file-size); skipped" in warnings(caplog)


def test_a_50_mb_answer_of_unknown_length_is_streamed_and_dropped_at_the_limit(tmp_path, caplog):
    with WebServer({"/dump": Reply(size=50 * 2**20, announce=False)}) as site:
        tracemalloc.start()
        try:
            assert read([site.url + "/dump"], tmp_path, max_file_size=2**20) == []
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 8 * 2**20  # the answer is 50 MB; only up to the 1 MB limit was ever held
    assert warnings(caplog) == [f"{site.url}/dump: over the size limit of 1 MB (--max-file-size); skipped"]


def test_a_gzip_answer_is_limited_by_its_decompressed_size(tmp_path, caplog):
    with WebServer({"/bomb": Reply(body=b"<p>entry</p>\n" * 200_000, gzip=True)}) as site:
        assert read([site.url + "/bomb"], tmp_path, max_file_size=2**20) == []
    assert warnings(caplog) == [f"{site.url}/bomb: over the size limit of 1 MB (--max-file-size); skipped"]


# --- charsets ----------------------------------------------------------------------------------------

def test_a_utf8_page_labelled_latin1_is_read_as_utf8(tmp_path):
    with WebServer({"/p": Reply(body=PAGE.encode("utf-8"), content_type="text/html; charset=ISO-8859-1")}) as site:
        mentions = read([site.url + "/p"], tmp_path)
    assert [m.authors[0].family for m in mentions] == ["Müller", "Müller"]


def test_a_cp1252_page_labelled_utf8_falls_back_to_meta_then_detection(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252")
    detected = PAGE.replace('<meta charset="utf-8">', "").encode("cp1252")
    with WebServer({"/meta": Reply(body=page, content_type="text/html; charset=utf-8"),
                    "/bare": Reply(body=detected, content_type="text/html; charset=utf-8")}) as site:
        mentions = read([site.url + "/meta", site.url + "/bare"], tmp_path)
    assert [m.authors[0].family for m in mentions] == ["Müller"] * 4


def test_a_declared_charset_the_bytes_agree_with_is_used():
    text = "Публикации\n1. И. Петров. «Сейсмика ледников». 2019."
    assert decode_page("http://h/x", text.encode("cp1251"), "text/plain; charset=windows-1251", "text") == text
    text = text.replace("«", '"').replace("»", '"')
    body = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head>{text}'
    assert decode_page("http://h/x", body.encode("koi8-r"), "text/html", "html").endswith(text)
    assert meta_charset(b'<?xml version="1.0" encoding="ISO-8859-2"?><html>') == "ISO-8859-2"
    assert meta_charset(b"<html><head></head><body><meta charset='koi8-r'>") is None  # after the head


# --- robots.txt --------------------------------------------------------------------------------------

def test_robots_txt_forbidding_a_path_skips_it_and_is_read_once(tmp_path, caplog):
    robots = b"User-agent: *\nAllow: /\n\nUser-agent: pubexport\nDisallow: /members/private/\n"
    routes = {"/robots.txt": Reply(body=robots, content_type="text/plain"),
              "/members/private/lena": html(), "/members/lena": html()}
    with WebServer(routes) as site:
        mentions = read([site.url + "/members/private/lena", site.url + "/members/lena"], tmp_path)
    assert [m.title for m in mentions] == TITLES
    assert site.paths() == ["/robots.txt", "/members/lena"]
    assert warnings(caplog) == [f"{site.url}/members/private/lena: robots.txt forbids fetching it; skipped"]


def test_robots_txt_answering_5xx_closes_the_site_and_4xx_opens_it(tmp_path, caplog):
    with WebServer({"/robots.txt": Reply(503, b"down"), "/page": html()}) as closed, \
            WebServer({"/robots.txt": Reply(403, b"no"), "/page": html()}) as open_:
        mentions = read([closed.url + "/page", open_.url + "/page"], tmp_path)
    assert [m.source.path for m in mentions] == [open_.url + "/page"] * 2
    assert "/page" not in closed.paths()
    assert warnings(caplog) == [f"{closed.url}/page: robots.txt answered HTTP 503 Service Unavailable: "
                                "the site is closed to robots for now; skipped"]


def test_robots_txt_crawl_delay_is_honoured(tmp_path):
    robots = b"User-agent: *\nCrawl-delay: 1\n"  # whole seconds: what urllib.robotparser reads
    with WebServer({"/robots.txt": Reply(body=robots, content_type="text/plain"),
                    "/a": html(), "/b": html()}) as site:
        read([site.url + "/a", site.url + "/b"], tmp_path)
    assert [h.path for h in site.hits] == ["/robots.txt", "/a", "/b"]
    assert site.hits[2].arrival - site.hits[1].arrival >= 1


# --- politeness ---------------------------------------------------------------------------------------

def test_requests_to_one_host_are_one_at_a_time_with_the_delay_between(tmp_path):
    with WebServer({"/a": html(), "/b": html(), "/c": Reply(404)}) as site:
        read([site.url + "/a", site.url + "/b", site.url + "/c"], tmp_path, delay=0.2)
    # a request arrives before its answer ends, so arrivals are at least the delay apart
    for before, after in zip(site.hits, site.hits[1:]):
        assert after.arrival - before.arrival >= 0.2


def test_hosts_take_turns_so_one_hosts_delay_does_not_hold_the_others(tmp_path):
    with WebServer({"/a1": html(), "/a2": html()}) as a, WebServer({"/b1": html()}) as b:
        mentions = read([a.url + "/a1", a.url + "/a2", b.url + "/b1"], tmp_path, delay=0.3)
    assert [m.source.path for m in mentions][::2] == [a.url + "/a1", a.url + "/a2", b.url + "/b1"]  # given order
    b_page = next(h for h in b.hits if h.path == "/b1")
    a2_page = next(h for h in a.hits if h.path == "/a2")
    assert b_page.arrival < a2_page.arrival  # b was asked while a's delay ran


def test_user_agent_names_the_tool_and_the_mailto(tmp_path):
    with WebServer({"/p": html()}) as site:
        read([site.url + "/p"], tmp_path, mailto="me@uni.edu")
    assert {h.headers["user-agent"] for h in site.hits} == {
        f"pubexport/{pubexport.__version__} (publication lists from profile pages; mailto:me@uni.edu)"}


# --- cache ------------------------------------------------------------------------------------------

def test_etag_revalidation_second_run_sends_only_conditional_requests_and_gets_304s(tmp_path):
    routes = {"/robots.txt": Reply(body=b"User-agent: *\nDisallow:\n", content_type="text/plain", etag='"r1"'),
              "/p": Reply(body=PAGE.encode(), etag='"v7"'),
              "/q": Reply(body=PAGE.replace("2021", "2020").encode(), last_modified="Mon, 02 Mar 2026 10:00:00 GMT")}
    with WebServer(routes) as site:
        first = read([site.url + "/p", site.url + "/q"], tmp_path)
        assert site.statuses() == [200, 200, 200]
        del site.hits[:]
        second = read([site.url + "/p", site.url + "/q"], tmp_path)
    assert site.statuses() == [304, 304, 304]
    assert site.hits[1].headers["if-none-match"] == '"v7"'
    assert site.hits[2].headers["if-modified-since"] == "Mon, 02 Mar 2026 10:00:00 GMT"
    assert [(m.title, m.year) for m in second] == [(m.title, m.year) for m in first]


def test_offline_reads_the_cache_and_sends_nothing(tmp_path, caplog):
    routes = {"/old": Reply(301, headers={"Location": "/p"}), "/p": html()}
    with WebServer(routes) as site:
        online = read([site.url + "/old"], tmp_path)
        base = site.url
    offline = read([base + "/old", base + "/never"], tmp_path, offline=True)
    assert [(m.title, str(m.source)) for m in offline] == [(m.title, str(m.source)) for m in online]
    assert warnings(caplog) == [f"{base}/never: not in the cache (--offline); skipped"]


def test_a_failing_site_falls_back_to_the_cached_copy_with_a_warning(tmp_path, caplog):
    with WebServer({"/p": [html(), Reply(500)]}) as site:
        read([site.url + "/p"], tmp_path)
        mentions = read([site.url + "/p"], tmp_path)
    assert [m.title for m in mentions] == TITLES
    [warning] = warnings(caplog)
    assert warning.startswith(f"{site.url}/p: HTTP 500 Internal Server Error; using the copy cached on ")


def test_no_cache_neither_reads_nor_writes_it(tmp_path):
    with WebServer({"/p": Reply(body=PAGE.encode(), etag='"v1"'), "/no-store": Reply(
            body=PAGE.encode(), etag='"v2"', headers={"Cache-Control": "no-store"})}) as site:
        read([site.url + "/p"], tmp_path, use_cache=False)
        assert not (tmp_path / "cache").exists()
        read([site.url + "/no-store"], tmp_path)
        read([site.url + "/no-store"], tmp_path)
    assert site.statuses("/no-store") == [200, 200]  # never kept, so never revalidated


# --- URL lists and the command line ----------------------------------------------------------------

def test_url_list_skips_comments_and_blank_lines_and_warns_about_the_rest(tmp_path, caplog):
    listing = tmp_path / "urls.txt"
    listing.write_text("# lab members\nhttps://a.example.edu/~lena/  # Lena\n\n  https://b.example.org/p#pubs\n"
                       "lena.html\n", encoding="utf-8")
    assert read_url_list(listing) == ["https://a.example.edu/~lena/", "https://b.example.org/p#pubs"]
    assert warnings(caplog) == [f"{listing}:5: not a URL (lena.html); skipped"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_reads_urls_from_a_list_and_the_command_line_with_files(tmp_path):
    (tmp_path / "page.md").write_bytes((PAGES / "numbered.md").read_bytes())
    with WebServer({"/lena": html(), "/refs.bib": Reply(body=BIB, content_type="text/plain")}) as site:
        listing = tmp_path / "urls.txt"
        listing.write_text(f"# members\n{site.url}/lena\n{site.url}/lena#again\n", encoding="utf-8")
        out = tmp_path / "refs.json"
        result = run(tmp_path / "page.md", site.url + "/refs.bib", "--urls", listing, "-o", out,
                     "--cache-dir", tmp_path / "cache", "--delay", "0")
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text(encoding="utf-8"))
    sources = sorted(s for item in items for s in item["custom"]["sources"])
    assert f"{site.url}/lena:6" in sources and f"{site.url}/refs.bib:1" in sources
    assert any(s.startswith(str(tmp_path / "page.md")) for s in sources)
    assert "3 files read" in result.stderr
    assert list((tmp_path / "cache" / "web").rglob("*.page"))


def test_cli_pageowner_comes_from_the_fetched_page(tmp_path):
    with WebServer({"/mira": Reply(body=(PAGES / "numbered.md").read_bytes(), content_type="text/markdown")}) as site:
        result = run(site.url + "/mira", "--no-cache", "--delay", "0")
    assert result.exit_code == 0, result.output
    assert "pageowner = {Mira Okonkwo}" in result.stdout


def test_cli_exits_1_when_no_page_could_be_read(tmp_path):
    with WebServer({}) as site:
        result = run(site.url + "/a", site.url + "/b", "--cache-dir", tmp_path, "--delay", "0")
    assert result.exit_code == 1
    assert f"{site.url}/a: HTTP 404 Not Found; skipped" in result.stderr
    assert "no publications found in 2 file(s) (2 skipped)" in result.stderr


def test_cli_verbose_prints_each_url_with_status_and_bytes(tmp_path):
    with WebServer({"/old": Reply(301, headers={"Location": "/p"}), "/p": html()}) as site:
        result = run(site.url + "/old", "--cache-dir", tmp_path, "--delay", "0", "-v")
        again = run(site.url + "/old", "--cache-dir", tmp_path, "--delay", "0", "-v", "--offline")
    size = len(PAGE.encode())
    assert f"pubexport: info: {site.url}/robots.txt: 404 Not Found" in result.stderr
    assert f"pubexport: info: {site.url}/old: 301 Moved Permanently → /p" in result.stderr
    assert f"pubexport: info: {site.url}/p: 200 OK, {size} bytes" in result.stderr
    assert f"pubexport: {site.url}/old: 2 mentions" in result.stderr
    assert f"pubexport: info: {site.url}/p: from the cache (offline), {size} bytes" in again.stderr


def test_cli_offline_with_no_cache_and_no_input_are_usage_errors(tmp_path):
    assert run("https://example.org/", "--offline", "--no-cache").exit_code == 2
    result = run()
    assert result.exit_code == 2
    assert "give at least one PATH or URL, or --urls FILE" in result.output


def test_cli_draws_a_progress_bar_for_pages_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr("pubexport.cli._stderr_is_terminal", lambda: True)
    with WebServer({"/p": html()}) as site:
        result = run(site.url + "/p", "--no-cache", "--delay", "0", "-o", tmp_path / "refs.bib")
    assert "reading" in result.stderr


def test_reading_files_does_not_import_the_http_client():
    import subprocess
    import sys

    code = ("import sys, pubexport\npubexport.read([])\nfrom pubexport.cli import main\n"
            "print('httpx2' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_site_asking_to_wait_long_is_not_asked_again(tmp_path, caplog):
    with WebServer({"/p": [Reply(429, b"slow down", headers={"Retry-After": "3600"}), html()]}) as site:
        assert read([site.url + "/p"], tmp_path) == []
    assert site.statuses("/p") == [429]
    assert warnings(caplog) == [f"{site.url}/p: HTTP 429 Too Many Requests; skipped"]


def test_cli_reads_a_url_list_from_stdin_and_the_report_names_the_urls(tmp_path):
    twice = PAGE.replace("</ul>", '<li>L. Müller and R. Okafor. "Sparse Attention for Glacier Flow '
                                  'Forecasting." In NeurIPS, 2021.</li></ul>')
    with WebServer({"/lena": html(twice)}) as site:
        result = CliRunner().invoke(main, ["--urls", "-", "--no-cache", "--delay", "0",
                                           "--report", str(tmp_path / "merges.jsonl"), "-o", str(tmp_path / "r.bib")],
                                    input=f"# one page\n{site.url}/lena\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (tmp_path / "merges.jsonl").read_text(encoding="utf-8").splitlines()]
    merged = [r for r in rows if r["outcome"] == "merged"]
    assert merged and f"{site.url}/lena:6" in merged[0]["left"] + merged[0]["right"]


def test_an_unreachable_site_is_read_through_its_cached_redirects(tmp_path, caplog):
    with WebServer({"/~lena": Reply(301, headers={"Location": "/lena"}), "/lena": html()}) as site:
        read([site.url + "/~lena"], tmp_path)
        base = site.url
    mentions = read([base + "/~lena"], tmp_path)
    assert [m.title for m in mentions] == TITLES
    assert all("connection refused; using the copy cached on" in w for w in warnings(caplog))
