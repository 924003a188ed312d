"""From a web answer (its bytes and Content-Type) to the Document a file would have given.

The document kind comes from the Content-Type where it names one, else from the URL's file
suffix, else from what the text looks like (servers send .md, .bib and .tex files as text/plain
or application/octet-stream). The charset comes from the header, then the page's own ``<meta>``,
then the detection files get (``sources.decode``); a declared charset the bytes contradict
is not believed (a UTF-8 page labelled ISO-8859-1 is the common case).
"""
from __future__ import annotations

import codecs
import email.message
import logging
import re
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from ..models import Document
from ..sources import KIND_BY_SUFFIX, SNIFF_BYTES, decode

log = logging.getLogger("pubexport")

KIND_BY_MIME = {
    "text/html": "html", "application/xhtml+xml": "html",
    "text/markdown": "markdown", "text/x-markdown": "markdown",
    "text/x-tex": "latex", "application/x-tex": "latex", "text/x-latex": "latex", "application/x-latex": "latex",
    "text/x-bibtex": "bibtex", "application/x-bibtex": "bibtex",
    "application/vnd.citationstyles.csl+json": "csljson", "application/json": "csljson",
    "text/org": "org", "text/x-org": "org", "text/x-rst": "rst", "text/prs.fallenstein.rst": "rst",
}
# Types that say nothing about the format: the URL's suffix and the text decide.
GENERIC_MIMES = {"", "text/plain", "application/octet-stream", "binary/octet-stream", "application/x-unknown"}
# Types that are never a page, named as the file warnings name them.
BINARY_MIME_PREFIXES = (
    ("application/pdf", "a PDF"), ("image/", "an image"), ("audio/", "an audio file"),
    ("video/", "a video file"), ("font/", "a font"), ("application/zip", "a ZIP archive"),
    ("application/gzip", "a gzip archive"), ("application/vnd.openxmlformats", "an office document"),
    ("application/msword", "an old Office document"),
)

_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(rb"<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|!--|!doctype)", re.IGNORECASE)
_BIBTEX_ENTRY = re.compile(rb"^\s*@[a-zA-Z]+\s*[{(]", re.MULTILINE)
_LATEX = re.compile(rb"\\(?:documentclass|begin\{document\}|section\*?\{|cvitem|cventry)")
_MARKDOWN = re.compile(rb"^(?:#{1,6} \S|\s*[-*] .*\]\(https?://)", re.MULTILINE)
_SINGLE_BYTE_LABELS = {"ascii", "latin-1", "iso8859-1"}  # what WHATWG reads as windows-1252


def mime_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def non_text_kind(content_type: str) -> str | None:
    """What a Content-Type that is never a page calls the answer ('a PDF'), or None."""
    mime = mime_type(content_type)
    for prefix, what in BINARY_MIME_PREFIXES:
        if mime.startswith(prefix):
            return what
    return None


def readable_mime(content_type: str, url: str) -> bool:
    """Whether an answer of this type can be a page at all: text of some kind, or any type for a
    URL whose suffix names a page kind (servers' type maps call .org files Lotus Organizer)."""
    mime = mime_type(content_type)
    return (mime in KIND_BY_MIME or mime in GENERIC_MIMES or mime.startswith("text/")
            or mime.endswith(("+xml", "+json", "/xml", "/json")) or _url_suffix(url) in KIND_BY_SUFFIX)


def _url_suffix(url: str) -> str:
    return PurePosixPath(unquote(urlsplit(url).path)).suffix.lower()


def kind_for(url: str, content_type: str, head: bytes) -> str:
    """The document kind: the Content-Type's when it names one (an HTML type only when the text
    has tags), else the URL suffix's, else what the text looks like."""
    mime = mime_type(content_type)
    kind = KIND_BY_MIME.get(mime)
    if kind == "html" and not _HTML_TAG.search(head):
        kind = None  # a .bib or .md file sent as text/html by a server's default
    if kind:
        return kind
    suffix = _url_suffix(url)
    if suffix in KIND_BY_SUFFIX:
        return KIND_BY_SUFFIX[suffix]
    return sniff_kind(head)


def sniff_kind(head: bytes) -> str:
    """The kind a text's first bytes show: HTML, CSL-JSON, BibTeX, LaTeX, markdown, else text."""
    head = head.removeprefix(codecs.BOM_UTF8)
    if _HTML_START.match(head):
        return "html"
    if head.lstrip().startswith((b"[", b"{")):
        return "csljson"
    if _BIBTEX_ENTRY.search(head):
        return "bibtex"
    if _LATEX.search(head):
        return "latex"
    if _MARKDOWN.search(head):
        return "markdown"
    return "text"


def to_document(url: str, body: bytes, content_type: str, *, final_url: str | None = None) -> Document:
    """The page as a Document named by its URL, decoded as described above; ``final_url``
    (where redirects ended) gives the file suffix."""
    kind = kind_for(final_url or url, content_type, body[:SNIFF_BYTES])
    return Document(path=url, text=decode_page(url, body, content_type, kind), kind=kind)


def decode_page(url: str, body: bytes, content_type: str, kind: str) -> str:
    declared = (("the Content-Type header", _charset_param(content_type)),
                ("the page's <meta>", meta_charset(body[:SNIFF_BYTES]) if kind == "html" else None))
    for origin, label in declared:
        encoding = _checked_encoding(url, body, label, origin)
        if encoding:
            return decode(body, name=url, encoding=encoding)
    return decode(body, name=url)


def _charset_param(content_type: str) -> str | None:
    if "charset" not in content_type.lower():
        return None
    message = email.message.Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return charset.strip() if isinstance(charset, str) else None


def _checked_encoding(url: str, body: bytes, label: str | None, origin: str) -> str | None:
    """The encoding ``label`` names if the bytes agree with it; None to look further."""
    if not label:
        return None
    try:
        encoding = codecs.lookup(label).name
    except LookupError:
        log.info("%s: unknown charset %r in %s; ignored", url, label, origin)
        return None
    if encoding.startswith(("utf-16", "utf-32")):
        return encoding
    if encoding == "utf-8":
        if _is_utf8(body):
            return encoding
        log.info("%s: %s says UTF-8 but the bytes are not; detecting the encoding", url, origin)
        return None
    if not body.isascii() and _is_utf8(body):
        log.info("%s: %s says %s but the page is UTF-8; read as UTF-8", url, origin, label)
        return "utf-8"
    if encoding in _SINGLE_BYTE_LABELS:
        encoding = "cp1252"
    try:
        body.decode(encoding)
    except UnicodeDecodeError:
        if encoding == "cp1252":
            return "latin-1"
        log.info("%s: %s says %s but the bytes are not; detecting the encoding", url, origin, label)
        return None
    return encoding


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _MetaCharset(HTMLParser):
    """Finds the charset a page declares in ``<meta charset>``, ``<meta http-equiv>`` or an XML
    declaration, reading only up to the end of its head."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.charset: str | None = None
        self.done = False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "body":
            self.done = True
        if tag != "meta":
            return
        values = {name.lower(): value or "" for name, value in attrs}
        if values.get("charset"):
            self.charset, self.done = values["charset"].strip(), True
        elif values.get("http-equiv", "").lower() == "content-type":
            self.charset = _charset_param(values.get("content", ""))
            self.done = self.charset is not None

    def handle_endtag(self, tag):
        if tag == "head":
            self.done = True

    def handle_pi(self, data):
        match = re.search(r"""encoding\s*=\s*["']([^"']+)""", data)
        if match and not self.done:
            self.charset, self.done = match.group(1), True


def meta_charset(head: bytes) -> str | None:
    """The charset the page's head declares, or None."""
    parser = _MetaCharset()
    try:
        parser.feed(head.decode("latin-1"))
    except Exception:  # noqa: BLE001 - html.parser gives up on some broken markup; then there is none
        return parser.charset
    return parser.charset
