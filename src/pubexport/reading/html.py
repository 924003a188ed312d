"""HTML through a real HTML5 parser (selectolax's Lexbor backend) into the block tree.

The parser builds the tree a browser would (unclosed ``<p>`` and ``<li>``, misnested tags, implied
``<tbody>``); this module reads it as a reader would see it: what a browser does not show
(scripts, styles, navigation, page header and footer, forms, comments, hidden elements such as
al-folio's ``abstract hidden`` and ``bibtex hidden`` blocks) is dropped; whitespace collapses as
a browser collapses it; entities are decoded by the parser.

Lexbor does not tell where in the source a node came from, so before parsing every start tag
gets its source line as an attribute (``data-pubexport-line=N``, see ``mark_lines``); the walk
reads it back, and counts the newlines of the text after a tag for the text's own line.
"""
from __future__ import annotations

import html
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..repair import fix_mojibake
from .sitegen import blank_settings, drop_liquid
from .blocks import (CELL, DEFINITION, DEFLIST, GROUP, HEADING, ITEM, LIST, PAGE, PARAGRAPH, ROW, RULE, TABLE,
                     TERM, Block, Span)

log = logging.getLogger("pubexport")

LINE_ATTRIBUTE = "data-pubexport-line"

# Elements whose content a reader never sees.
DROPPED = frozenset({
    "script", "style", "noscript", "template", "nav", "svg", "iframe", "form", "button", "select", "textarea",
    "input", "object", "embed", "canvas", "audio", "video", "map", "head", "title", "meta", "link", "base",
    "dialog", "math", "footer",
})
# Classes that hide an element until a script shows it (Bootstrap, al-folio) or keep it from sight.
HIDDEN_CLASSES = frozenset({"hidden", "d-none", "sr-only", "visually-hidden", "screen-reader-text", "hide"})
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BOLD = frozenset({"b", "strong", "u"})
ITALIC = frozenset({"i", "em", "cite", "var", "dfn"})
CODE = frozenset({"code", "tt", "kbd", "samp"})
GROUPS = frozenset({
    "div", "section", "article", "main", "aside", "blockquote", "figure", "figcaption", "center", "address",
    "details", "summary", "fieldset", "body", "html", "header", "footer", "hgroup", "search", "legend",
})
TRANSPARENT = frozenset({"thead", "tbody", "tfoot", "colgroup", "col"})
LISTS = frozenset({"ul", "ol", "menu", "dir"})
# Elements read as their own block (the rest are inline, as a browser lays out unknown tags).
BLOCK_TAGS = (GROUPS | TRANSPARENT | LISTS | frozenset(HEADINGS)
              | {"p", "li", "table", "tr", "td", "th", "caption", "dl", "dt", "dd", "hr", "pre"})

WHITESPACE = re.compile(r"[ \t\n\r\f]+")
# A tree this deep is broken markup (thousands of unclosed tags): below it the text is read flat.
MAX_DEPTH = 200


def read(text: str) -> Block:
    """The page's block tree."""
    text = "\n".join(fix_mojibake(line) if not line.isascii() else line for line in text.split("\n"))
    return read_fragment(drop_liquid(blank_settings(text)))


def read_fragment(text: str, first_line: int = 1) -> Block:
    """The block tree of HTML whose first line is line ``first_line`` of the page (the tags
    already marked, see ``mark_lines``, keep their own lines)."""
    return read_marked(mark_lines(text, first_line), first_line)


def read_marked(marked: str, first_line: int = 1, *, line_breaks: bool = False) -> Block:
    """The block tree of HTML whose tags carry their source lines (``mark_lines``); the text
    after a tag is on its line plus the newlines before it. With ``line_breaks``, a newline in
    text outside any inline element ends a line (HTML written inside a markdown page, whose
    author wrote its lines as lines)."""
    unclosed = _unclosed_tags(marked)
    if unclosed > MAX_UNCLOSED:
        log.warning("HTML with %d unclosed elements: read as text, without its structure", unclosed)
        return _text_only(marked, first_line)
    root = LexborHTMLParser(marked).root
    page = Block(PAGE, first_line)
    if root is None:
        return page
    _Walker(first_line, line_breaks).block_children(root, page, 0)
    return page


# The HTML5 tree builder's work grows with the square of the nesting depth: a page of more
# unclosed elements than this (broken or hostile markup) is read as text instead.
MAX_UNCLOSED = 5000
START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")
END_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9]*)")
# Elements that are void or closed by the next of their kind: never nested by being left open.
SELF_CLOSING = frozenset({
    "br", "img", "hr", "input", "meta", "link", "wbr", "area", "base", "col", "embed", "source", "track",
    "param", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "rp", "rt", "colgroup", "caption", "html", "head", "body",
})
ANY_TAG = re.compile(r"<[^<>]*>")


def _unclosed_tags(text: str) -> int:
    if text.count("<") < MAX_UNCLOSED:
        return 0
    opened = Counter(m.group(1).lower() for m in START_TAG.finditer(text))
    closed = Counter(m.group(1).lower() for m in END_TAG.finditer(text))
    return sum(count - closed[name] for name, count in opened.items()
               if name not in SELF_CLOSING and count > closed[name])


def _text_only(text: str, first_line: int) -> Block:
    """The page's text lines, tags and entities gone: a best-effort reading of broken HTML."""
    page = Block(PAGE, first_line)
    for number, line in enumerate(ANY_TAG.sub(" ", text).split("\n"), start=first_line):
        plain = " ".join(html.unescape(line).split())
        if plain:
            page.children.append(Block(PARAGRAPH, number, spans=[Span(plain, number)]))
    return page


# -- source lines ---------------------------------------------------------------------------

TAG_START = re.compile(r"<(?:(!--)|([a-zA-Z][^\s/>]*))")
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "plaintext", "noembed", "noframes"})
EXISTING_MARK = LINE_ATTRIBUTE + "="


def mark_lines(text: str, first_line: int = 1) -> str:
    """Every start tag gets ``data-pubexport-line=N``: its line in the source. Comments and the
    content of scripts and styles are stepped over as the parser will read them; a tag that
    already carries a mark (HTML a markdown page has passed through) keeps its own."""
    lower = text.lower()
    parts: list[str] = []
    position = 0  # copied up to here
    counted = 0  # newlines counted up to here
    line = first_line
    search = 0
    while True:
        match = TAG_START.search(text, search)
        if match is None:
            break
        start = match.start()
        if match.group(1):  # a comment: up to its end, or to the end of the page as the parser reads it
            end = text.find("-->", match.end())
            search = len(text) if end < 0 else end + 3
            continue
        name = match.group(2).lower()
        name_end = match.end()
        if not text.startswith(EXISTING_MARK, name_end + 1):
            line += text.count("\n", counted, start)
            counted = start
            parts.append(text[position:name_end])
            parts.append(f" {LINE_ATTRIBUTE}={line} ")
            position = name_end
        search = name_end
        if name in RAW_TEXT:
            close = lower.find("</" + name, name_end)
            search = len(text) if close < 0 else close
    parts.append(text[position:])
    return "".join(parts)


# -- the walk -------------------------------------------------------------------------------

# Elements that open a block of one kind (headings, lists, <pre> and groups are read apart).
BLOCK_OF_TAG = {"li": ITEM, "table": TABLE, "tr": ROW, "td": CELL, "th": CELL, "dl": DEFLIST, "dt": TERM,
                "dd": DEFINITION, "p": PARAGRAPH, "caption": PARAGRAPH}


@dataclass(frozen=True, slots=True)
class _Marks:
    bold: bool = False
    italic: bool = False
    href: str = ""
    code: bool = False
    pre: bool = False
    inline: bool = False  # inside an inline element


NO_MARKS = _Marks()
PRE_MARKS = _Marks(pre=True)


@dataclass
class _Inline:
    """The inline content gathered since the last block: the spans of the next paragraph."""

    spans: list[Span] = field(default_factory=list)


# The doi field of a BibTeX entry (``doi = {10.18653/v1/2021.eacl-main.272},``).
BIBTEX_DOI = re.compile(r"@\w+\s*\{[^@]*?\bdoi\s*=\s*[{\"]\s*(10\.\d{4,9}/[^\s{}\"]+)\s*[}\"]", re.I)
DOI_LINK = "https://doi.org/"


def _hidden_bibtex_doi(node: LexborNode) -> str:
    """The DOI of a hidden BibTeX entry (al-folio's and Hugo's ``Bib`` block), or ""."""
    text = node.text(deep=True)
    found = BIBTEX_DOI.search(text) if "doi" in text.lower() and "@" in text else None
    return found.group(1) if found else ""


def _hidden(attributes: dict) -> bool:
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    style = attributes.get("style")
    if style and HIDDEN_STYLE.search(style):
        return True
    classes = attributes.get("class")
    return bool(classes) and not HIDDEN_CLASSES.isdisjoint(classes.split())


class _Walker:
    """Walks the parsed tree in document order, keeping the current source line."""

    def __init__(self, first_line: int, line_breaks: bool = False):
        self.line = first_line
        self.line_breaks = line_breaks
        self.signatures: dict[int, tuple[str, str]] = {}  # id of a block in the tree -> its tag and class

    # lines

    def _enter(self, node: LexborNode) -> int:
        return self._enter_marked(node.attributes)

    def _enter_marked(self, attributes: dict) -> int:
        mark = attributes.get(LINE_ATTRIBUTE)
        if mark and mark.isdigit():
            self.line = int(mark)
        return self.line

    def _skip(self, node: LexborNode) -> None:
        """A dropped subtree still moves the line on: the last mark in it, then its text's newlines."""
        for inner in node.traverse(include_text=True):
            if inner.is_text_node or inner.is_comment_node:
                value = inner.text_content if inner.is_text_node else inner.comment_content
                self.line += (value or "").count("\n")
            elif inner.is_element_node:
                self._enter(inner)

    @staticmethod
    def _dropped(node: LexborNode, tag: str, attributes: dict) -> bool:
        if tag in DROPPED:
            return True
        if tag == "header" and node.css_first("nav") is not None:
            return True  # the site's banner and menu; a header without a menu heads the content
        return _hidden(attributes)

    # blocks

    def block_children(self, node: LexborNode, block: Block, depth: int) -> None:
        """The content of ``node`` into ``block``: inline runs become its spans (before its first
        child block) or anonymous paragraphs; block elements become child blocks."""
        inline = _Inline()
        child = node.child
        while child is not None:
            self._node(child, block, inline, NO_MARKS, depth)
            child = child.next
        self._flush(block, inline)

    def _flush(self, block: Block, inline: _Inline) -> None:
        spans = _trim(inline.spans)
        inline.spans = []
        if not spans:
            return
        if block.kind in (PARAGRAPH, HEADING, ITEM, CELL, TERM, DEFINITION) and not block.children:
            block.spans.extend(spans)
        else:
            line = next((s.line for s in spans if s.text.strip()), spans[0].line)
            block.children.append(Block(PARAGRAPH, line, spans=spans))

    def _node(self, node: LexborNode, block: Block, inline: _Inline, marks: _Marks, depth: int) -> None:
        tag = node.tag  # ``-text`` and ``-comment`` for those nodes (no element's name starts so)
        if tag == "-text":
            self._text(node.text_content or "", inline, marks)
            return
        if tag == "-comment":
            self.line += (node.comment_content or "").count("\n")
            return
        if not node.is_element_node:
            return
        tag = tag.lower() if tag else ""
        attributes = node.attributes
        if self._dropped(node, tag, attributes):
            line = self._enter_marked(attributes)
            doi = _hidden_bibtex_doi(node) if tag not in DROPPED else ""
            self._skip(node)
            if doi:  # the entry's own citation behind a ``Bib`` button: read as the link to its DOI
                inline.spans += [Span(" ", line), Span("DOI", line, href=DOI_LINK + doi), Span(" ", line)]
            return
        line = self._enter_marked(attributes)
        if depth >= MAX_DEPTH:
            self._flat(node, inline, marks)
            return
        if tag in BLOCK_TAGS:
            self._flush(block, inline)
            self._block(node, tag, attributes, block, line, depth + 1)
            return
        if tag == "br":
            inline.spans.append(Span("", line, br=True))
            return
        if tag == "img":
            alt = attributes.get("alt") or ""
            if marks.href and alt.strip():  # an icon link (``[PDF]`` as a picture) reads as its alt text
                self._text(f" {alt.strip()} ", inline, marks)
            return
        if tag == "span" and attributes.get("class") and _after_element(node):
            _separate(inline)
        bold, italic = tag in BOLD, tag in ITALIC
        inner = _Marks(marks.bold or bold, marks.italic or italic,
                       (attributes.get("href") or "").strip() if tag == "a" else marks.href,
                       marks.code or tag in CODE, marks.pre or tag == "pre", inline=True)
        child = node.child
        while child is not None:
            self._node(child, block, inline, inner, depth + 1)
            child = child.next
        if bold or italic:
            # where the element ends, its marks end: ``<b>Title</b><b>Name</b>`` stays two runs
            inline.spans.append(Span("", self.line))

    def _block(self, node: LexborNode, tag: str, attributes: dict, parent: Block, line: int, depth: int) -> None:
        if tag in TRANSPARENT:
            self.block_children(node, parent, depth)  # ``<tbody>`` rows belong to their table
            return
        if tag == "hr":
            parent.children.append(Block(RULE, line))
            return
        if tag in HEADINGS:
            block = Block(HEADING, line, level=HEADINGS[tag])
        elif tag in LISTS:
            block = Block(LIST, line, ordered=tag == "ol")
        elif tag in BLOCK_OF_TAG:
            block = Block(BLOCK_OF_TAG[tag], line)
        elif tag == "pre":
            block = Block(PARAGRAPH, line)
            self._pre(node, block)
            self._add(parent, block)
            return
        else:
            block = Block(GROUP, line)
        self.block_children(node, block, depth)
        if tag == "li":
            block.label = _item_label(attributes)
        if block.kind in (GROUP, CELL):
            block.children = self._records(block.children)
        self._add(parent, block, (tag, attributes.get("class") or ""))

    def _flat(self, node: LexborNode, inline: _Inline, marks: _Marks) -> None:
        """A subtree below ``MAX_DEPTH`` (thousands of unclosed tags) read without recursion: its
        text, a line break at each block or ``<br>``, scripts and styles left out."""
        for inner in node.traverse(include_text=True):
            if inner.is_text_node:
                parent = inner.parent
                if parent is None or (parent.tag or "").lower() not in DROPPED:
                    self._text(inner.text_content or "", inline, marks)
            elif inner.is_element_node:
                self._enter(inner)
                if (inner.tag or "").lower() in BLOCK_TAGS | {"br"} and inline.spans and not inline.spans[-1].br:
                    inline.spans.append(Span("", self.line, br=True))

    def _pre(self, node: LexborNode, block: Block) -> None:
        """Preformatted text keeps its lines: each newline is a line break."""
        inline = _Inline()
        child = node.child
        while child is not None:
            self._node(child, block, inline, PRE_MARKS, MAX_DEPTH - 1)
            child = child.next
        block.spans.extend(_trim(inline.spans))

    def _records(self, children: list[Block]) -> list[Block]:
        """Sibling blocks in a repeating pattern of two to four (``div.paper_title``,
        ``div.paper_rest``, ``div.paper_title``, ...): each repetition is one entry's group."""
        signatures = [self.signatures.get(id(child)) for child in children]
        out: list[Block] = []
        i = 0
        while i < len(children):
            period, repeats = _repetition(signatures, i)
            if repeats < 2:
                out.append(children[i])
                i += 1
                continue
            for start in range(i, i + period * repeats, period):
                members = children[start:start + period]
                out.append(Block(GROUP, members[0].line, children=members))
            i += period * repeats
        return out

    def _add(self, parent: Block, block: Block, signature: tuple[str, str] | None = None) -> None:
        """Empty blocks go; a group of one block is that block (a ``<div>`` around one paragraph);
        a heading holding blocks (an unclosed ``<h4>`` around a whole list) is a group: its own
        text a heading, then those blocks, as a browser lays them out."""
        if block.kind == HEADING and block.children:
            heading = Block(HEADING, block.line, spans=block.spans, level=block.level) if block.spans else None
            block = Block(GROUP, block.line, children=([heading] if heading else []) + block.children)
        if block.kind == GROUP:
            if not block.children and not block.spans:
                return
            if len(block.children) == 1 and not block.spans:
                only = block.children[0]
                only.line = only.line or block.line
                parent.children.append(only)
                if signature:
                    self.signatures[id(only)] = signature
                return
        elif block.kind in (PARAGRAPH, HEADING, TERM, DEFINITION, CELL) and not block.children:
            if not any(s.text.strip() for s in block.spans) and block.kind != CELL:
                return
        elif block.kind in (LIST, TABLE, DEFLIST, ROW) and not block.children:
            return
        elif block.kind == ITEM and not block.children and not any(s.text.strip() for s in block.spans):
            return
        parent.children.append(block)
        if signature:
            self.signatures[id(block)] = signature

    # text

    def _text(self, value: str, inline: _Inline, marks: _Marks) -> None:
        if "\n" not in value:
            if marks.pre:
                if value:
                    inline.spans.append(self._span(WHITESPACE.sub(" ", value), self.line, marks))
            else:
                self._collapsed(value, self.line, inline, marks)
            return
        if marks.pre or (self.line_breaks and not marks.inline):
            for number, part in enumerate(value.split("\n")):
                if number:
                    self.line += 1
                    inline.spans.append(Span("", self.line, br=True))
                if part:
                    self._text(part, inline, marks)
            return
        lead = len(value) - len(value.lstrip(" \t\n\r\f"))
        line = self.line + value.count("\n", 0, lead)
        self.line += value.count("\n")
        self._collapsed(value, line, inline, marks)

    def _collapsed(self, value: str, line: int, inline: _Inline, marks: _Marks) -> None:
        """Text outside ``<pre>`` as a browser shows it: each run of whitespace one space, none
        after a space or at the start of a line."""
        collapsed = WHITESPACE.sub(" ", value)
        if not collapsed:
            return
        spans = inline.spans
        if collapsed == " " and (not spans or spans[-1].br or spans[-1].text.endswith(" ")):
            return
        if collapsed[0] == " " and spans and spans[-1].text.endswith(" "):
            collapsed = collapsed[1:]
        spans.append(self._span(collapsed, line, marks))

    @staticmethod
    def _span(text: str, line: int, marks: _Marks) -> Span:
        return Span(text, line, marks.bold, marks.italic, marks.href, marks.code)


def _after_element(node: LexborNode) -> bool:
    """The node follows another element with no text between (``</strong><span class=..>``)."""
    before = node.prev
    return before is not None and before.is_element_node


def _separate(inline: _Inline) -> None:
    """A space after the run so far, unless it ends in one: a page's template writes its fields as
    classed spans back to back (``<span class="pub-authors">..Han.</span><span class="pub-meta">``),
    which its style sheet sets apart; read run together they would fuse two fields' words."""
    last = next((s for s in reversed(inline.spans) if s.text or s.br), None)
    if last is not None and not last.br and not last.text.endswith(" "):
        inline.spans.append(Span(" ", last.line))


def _trim(spans: list[Span]) -> list[Span]:
    """Leading and trailing blank spans and breaks go (a browser shows none)."""
    start, end = 0, len(spans)
    while start < end and (spans[start].br or not spans[start].text.strip()):
        start += 1
    while end > start and (spans[end - 1].br or not spans[end - 1].text.strip()):
        end -= 1
    return spans[start:end]


RECORD_PERIODS = (2, 3, 4)


def _repetition(signatures: list, start: int) -> tuple[int, int]:
    """(period, repeats) of the longest run of a pattern of distinct signatures, one of them with
    a class, repeating from ``start``; repeats 0 when there is none."""
    best = (0, 0)
    for period in RECORD_PERIODS:
        pattern = signatures[start:start + period]
        if (len(pattern) < period or None in pattern or len(set(pattern)) < period
                or not any(css for _, css in pattern)):
            continue
        repeats = 1
        while signatures[start + repeats * period:start + (repeats + 1) * period] == pattern:
            repeats += 1
        if repeats >= 2 and repeats * period > best[0] * best[1]:
            best = (period, repeats)
    return best


def _item_label(attributes: dict) -> str:
    value = attributes.get("value")
    return value.strip() if value and value.strip().isdigit() else ""
