"""Markdown through a CommonMark parser (markdown-it-py, with tables and definition lists) into
the block tree.

markdown-it renders the page to HTML, and the HTML reader (``reading.html``) reads that: raw
HTML blocks and inline tags then nest with the markdown around them as a browser would nest
them (an unclosed ``<div>`` of one HTML block holds the markdown paragraphs below it up to the
``</div>`` of a later block). Every block element is given its source line from markdown-it's
token maps, every inline tag its line counted from its paragraph's.

A soft line break ends a line (pages write title, authors and venue on lines of their own),
except inside an open inline element: ``**a title wrapped\\nover two lines**`` is one title.
"""
from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin

from ..repair import fix_mojibake
from .blocks import Block
from .html import LINE_ATTRIBUTE, mark_lines, read_marked
from .sitegen import blank_settings, drop_liquid

# An inline HTML tag that opens an element (``<a href=..>``, ``<b>``) or closes one (``</a>``).
INLINE_OPEN = re.compile(r"^<([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^>]*)?>$", re.S)
INLINE_CLOSE = re.compile(r"^</([a-zA-Z][a-zA-Z0-9-]*)\s*>$")
VOID_TAGS = frozenset({"br", "img", "hr", "input", "wbr", "meta", "link", "source", "area", "col", "embed"})
HTML_START = re.compile(r"\s*<(?:[a-zA-Z]|/[a-zA-Z]|!--)")


def read(text: str) -> Block:
    """The page's block tree."""
    text = "\n".join(fix_mojibake(line) if not line.isascii() else line for line in text.split("\n"))
    text = drop_liquid(blank_settings(text))
    return read_marked(to_marked_html(text), line_breaks=True)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table").use(deflist_plugin)
    md.add_render_rule("softbreak", _softbreak)
    md.add_render_rule("html_block", _html_block)
    md.add_render_rule("html_inline", _html_inline)
    md.add_render_rule("code_block", _code_block)
    md.add_render_rule("fence", _fence)
    md.normalizeLink = normalize_link
    return md


# An http(s) address that markdown-it's link normalisation gives back as it is: a lower-case
# host of valid labels, then only characters it leaves unencoded (no ``%``, which it re-checks);
# under 200 characters, as a host over 255 would be dropped.
PLAIN_LINK = re.compile(r"https?://[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*(?:[/?#][A-Za-z0-9;/?:&=+$,_.!~*'()#-]*)?")


def normalize_link(url: str) -> str:
    """markdown-it's ``normalizeLink`` (parse, punycode, format and percent-encode the address),
    skipped for an address it would return unchanged: a tenth of reading a markdown page."""
    if PLAIN_LINK.fullmatch(url) and len(url) < 200:
        return url
    return normalizeLink(url)


# A page longer than this is parsed in pieces cut at blank lines: markdown-it's tokens of a whole
# 16 MB page would take gigabytes; a blank line ends every block but a loose list or a fence.
CHUNK_CHARS = 1_000_000


def to_marked_html(text: str) -> str:
    """The page as HTML whose every block element carries its source line (``mark_lines``)."""
    parts: list[str] = []
    first_line = 1
    for chunk in _chunks(text):
        parts.append(_chunk_html(chunk, first_line))
        first_line += chunk.count("\n")
    return "".join(parts)


def _chunks(text: str) -> list[str]:
    """The text cut after blank lines into pieces of about ``CHUNK_CHARS``; each piece but the
    last ends with a newline, so that the pieces' newlines add up to the page's lines."""
    chunks: list[str] = []
    start = 0
    while len(text) - start > CHUNK_CHARS:
        cut = text.find("\n\n", start + CHUNK_CHARS)
        if cut < 0:
            break
        chunks.append(text[start:cut + 1])
        start = cut + 1
    chunks.append(text[start:])
    return chunks


def _chunk_html(text: str, first_line: int) -> str:
    md = _parser()
    tokens = md.parse(text)
    offset = first_line - 1
    for index, token in enumerate(tokens):
        if token.map is not None:
            token.map = [token.map[0] + offset, token.map[1] + offset]
        if token.map is not None and token.nesting >= 0 and token.type not in ("html_block", "inline"):
            token.attrSet(LINE_ATTRIBUTE, str(token.map[0] + 1))
            if token.type == "paragraph_open" and token.hidden and index and tokens[index - 1].nesting == 1:
                # a tight item's paragraph is not written out: its line goes to the item (the
                # definition-list plugin maps a second definition from its term's line)
                tokens[index - 1].attrSet(LINE_ATTRIBUTE, str(token.map[0] + 1))
        if token.type == "inline" and token.children:
            _count_inline_lines(token)
    return md.renderer.render(tokens, md.options, {})


def _count_inline_lines(token: Token) -> None:
    """Each inline child's source line, and whether a soft break inside it is a space (an element
    opened before it is still open) or a line break."""
    line = (token.map[0] + 1) if token.map else 1
    open_elements: list[str] = []
    for child in token.children or []:
        child.meta["line"] = line
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            child.meta["space"] = bool(open_elements)
            line += 1
        elif kind.endswith("_open"):
            open_elements.append(kind[:-5])
        elif kind.endswith("_close"):
            if open_elements:
                open_elements.pop()
        elif kind == "html_inline":
            content = child.content
            line += content.count("\n")
            opened = INLINE_OPEN.match(content)
            closed = INLINE_CLOSE.match(content)
            if opened and opened.group(1).lower() not in VOID_TAGS and not content.endswith("/>"):
                open_elements.append(opened.group(1).lower())
            elif closed and closed.group(1).lower() in open_elements:
                while open_elements and open_elements.pop() != closed.group(1).lower():
                    pass


# -- render rules (markdown-it's signature: tokens, index, options, env) -----------------------

def _softbreak(self, tokens, index, options, env) -> str:
    return "\n" if tokens[index].meta.get("space") else "<br>\n"


def _html_inline(self, tokens, index, options, env) -> str:
    token = tokens[index]
    return mark_lines(token.content, token.meta.get("line", 1))


def _html_block(self, tokens, index, options, env) -> str:
    token = tokens[index]
    return mark_lines(token.content, token.map[0] + 1 if token.map else 1)


def _code_block(self, tokens, index, options, env) -> str:
    """Indented HTML is HTML: kramdown, which Jekyll pages are written for, reads a block of HTML
    up to its closing tag, blank and indented lines included, where CommonMark sees code."""
    token = tokens[index]
    if HTML_START.match(token.content):
        return _html_block(self, tokens, index, options, env)
    return self.code_block(tokens, index, options, env)


def _fence(self, tokens, index, options, env) -> str:
    """Franklin's ``~~~`` fences hold raw HTML; a fence of HTML with no language is read as HTML."""
    token = tokens[index]
    if token.markup.startswith("~") and not token.info.strip() and HTML_START.match(token.content):
        return mark_lines(token.content, token.map[0] + 2 if token.map else 1)
    return self.fence(tokens, index, options, env)
