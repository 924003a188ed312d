"""Read plain text into the block tree by its layout.

Blank lines end paragraphs. A line underlined with ``===``/``---``, or a short line in capitals
whose words name a kind of section (``PUBLICATIONS``), is a heading; other short lone lines stay
paragraphs for the finder to judge with the lines around them. A line
starting with a bullet or a number (``-``, ``•``, ``3.``, ``(3)``, ``[3]``) starts an item; the
lines after it, up to a blank line or the next item, are its continuation. Inside a paragraph or
an item, a hard-wrapped line is joined to the line before it when it continues it (see
``continues``); other lines stay lines of their own (a title line, an author line, a venue line).
"""
from __future__ import annotations

import re

from ..headings import heading_kind
from .blocks import HEADING, ITEM, LIST, PAGE, PARAGRAPH, Block, Span

UNDERLINE = re.compile(r"^\s*(=+|-+|~+|\*+)\s*$")
ITEM_MARK = re.compile(r"^(\s*)([-*+•●▪◦‣·–]|\d{1,3}[.)]|\(\d{1,3}\)|\[[A-Za-z]{0,2}\d{1,3}\])\s+(?=\S)")
HEADING_MAX_WORDS = 8
SENTENCE_END = re.compile(r"[.!?;,]\s*$")
# A line ending in one of these is cut short: the next line carries on its phrase.
OPEN_ENDING = re.compile(r"(?:[,;:&/(\[“‘-]|\b(?:and|or|of|the|a|an|in|on|for|to|with|by|from|at|via|vs\.?))\s*$",
                         re.I)
CONTINUING_START = re.compile(r"^\s*(?:[a-z(]|[,;:)\]”’]|and\b|&)")
# A line at least this share of the page's wrap width was wrapped by the writer's editor.
WRAPPED_SHARE = 0.8


def read(text: str) -> Block:
    """The plain-text page as a block tree."""
    lines = text.split("\n")
    width = wrap_width(lines)
    root = Block(PAGE, 1)
    listing: Block | None = None
    current: Block | None = None  # the paragraph or item being gathered
    i = 0
    while i < len(lines):
        raw = lines[i].rstrip()
        number = i + 1
        i += 1
        if not raw.strip():
            current = None
            continue
        nxt = lines[i].rstrip() if i < len(lines) else ""
        if current is None or current.kind == HEADING:
            heading = _heading(raw, nxt)
            if heading:
                level, used = heading
                root.children.append(Block(HEADING, number, level=level, spans=[Span(raw.strip(), number)]))
                listing = current = None
                i += used - 1
                continue
        mark = ITEM_MARK.match(raw)
        if mark:
            if listing is None:
                listing = Block(LIST, number, ordered=mark.group(2)[0].isdigit())
                root.children.append(listing)
            label = mark.group(2).strip("()[].")
            current = Block(ITEM, number, label=label if mark.group(2)[0].isalnum() or mark.group(2)[0] in "([" else "")
            listing.children.append(current)
            # a reference label ([J2]) stays in the text, where the finder reads it
            _add_line(current, raw[mark.start(2) if mark.group(2)[0] == "[" else mark.end():], number, width)
            continue
        if current is None:
            current = Block(PARAGRAPH, number)
            if listing is not None and raw[:1].isspace():
                listing.children[-1].children.append(current)  # an indented paragraph of the item above
            else:
                listing = None
                root.children.append(current)
        _add_line(current, raw, number, width)
    return root


def wrap_width(lines: list[str]) -> int:
    """The column the page's text is wrapped at: the length most long lines reach (0 when the
    page is not hard-wrapped, so no line counts as wrapped by its length)."""
    lengths = sorted(len(line.rstrip()) for line in lines if len(line.strip()) > 20)
    if len(lengths) < 5:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if n >= WRAPPED_SHARE * width)
    return width if width <= 120 and near >= 0.3 * len(lengths) else 0


def continues(previous: str, line: str, width: int) -> bool:
    """Whether ``line`` carries on the phrase of ``previous`` (a hard wrap), not a new line."""
    before, after = previous.rstrip(), line.strip()
    if not before or not after:
        return False
    if before.count("(") > before.count(")") or before.count("[") > before.count("]"):
        return True  # an open bracket
    if before.count('"') % 2 or before.count("“") > before.count("”"):
        return True  # an open quote
    if OPEN_ENDING.search(before) or CONTINUING_START.match(after):
        return True
    return bool(width) and len(before) >= WRAPPED_SHARE * width and not SENTENCE_END.search(before)


def _add_line(block: Block, text: str, number: int, width: int) -> None:
    """Add one source line to a paragraph or item: joined to the last line, or after a break."""
    text = " ".join(text.split())
    if block.spans:
        last = _last_line(block.spans)
        if continues(last, text, width):
            joint = "" if last.endswith("-") and text[:1].islower() else " "
            block.spans.append(Span(joint + text, number))
            return
        block.spans.append(Span("", number, br=True))
    block.spans.append(Span(text, number))


def _last_line(spans: list[Span]) -> str:
    parts: list[str] = []
    for span in reversed(spans):
        if span.br:
            break
        parts.append(span.text)
    return "".join(reversed(parts))


def _heading(raw: str, nxt: str) -> tuple[int, int] | None:
    """(level, lines used) when the line is a heading: underlined, or in capitals naming a kind
    of section. Other lone short lines are left to the finder, which sees the lines around them
    (a paper title alone on its line has its venue line below it)."""
    stripped = raw.strip()
    words = stripped.split()
    if len(words) > HEADING_MAX_WORDS or ITEM_MARK.match(raw) or len(stripped) > 80:
        return None
    underline = UNDERLINE.match(nxt)
    if underline and len(nxt.strip()) >= max(3, len(stripped) // 2):
        return (1 if nxt.strip()[0] == "=" else 2), 2
    letters = [c for c in stripped if c.isalpha()]
    if (len(letters) >= 3 and all(c.isupper() for c in letters) and not any(c.isdigit() for c in stripped)
            and not SENTENCE_END.search(stripped) and heading_kind(stripped) is not None):
        return 1, 1
    return None


# -- markup inside a .txt file --------------------------------------------------------------

LATEX_MARKS = re.compile(r"\\(?:documentclass|begin\{|item\b|section\*?\{|textbf\{|emph\{|href\{)")
HTML_PAGE = re.compile(r"^\s*(?:<!doctype html|<html)", re.I)
MARKDOWN_MARKS = re.compile(r"^#{1,6}\s+\S|\]\([^)\s]+\)|\*\*\S[^*\n]*\*\*|<https?://|^\s*\|.*\|\s*$"
                            r"|</?(?:p|div|br|a|span|li|ul|ol|table|b|strong|em|h[1-6])\b[^>]*>", re.M | re.I)
MIN_MARKS = 2
SNIFFED_CHARS = 200_000


def markup_kind(text: str) -> str:
    """The markup a page saved as plain text is written in: ``latex``, ``html``, ``markdown``
    (markdown's marks or inline HTML tags), or ``text`` when it shows none."""
    head = text[:SNIFFED_CHARS]
    if HTML_PAGE.match(head):
        return "html"
    if LATEX_MARKS.search(head):
        return "latex"
    marks = 0
    for _ in MARKDOWN_MARKS.finditer(head):
        marks += 1
        if marks >= MIN_MARKS:
            return "markdown"
    return "text"
