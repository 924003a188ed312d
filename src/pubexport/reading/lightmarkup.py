"""What the small readers of line-based markups (org-mode, jemdoc) share: building the block tree
from classified source lines, and reading inline emphasis and links.

A reader classifies each source line into a ``Token`` (a heading, a list item with its indent,
text, a blank line, a table row, or a block already read, such as an org LaTeX export);
``build`` nests them: items of the same indent form a list, a deeper item opens a list inside
the item above, and a text line continues the item above when it is indented under it (or, in
``lazy`` markups such as jemdoc, when no blank line came between).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .blocks import CELL, HEADING, ITEM, LIST, PAGE, PARAGRAPH, ROW, TABLE, Block, Span

HEADING_TOKEN, ITEM_TOKEN, TEXT_TOKEN, BLANK_TOKEN, ROW_TOKEN, BLOCK_TOKEN = (
    "heading", "item", "text", "blank", "row", "block")


@dataclass(slots=True)
class Token:
    kind: str
    line: int
    text: str = ""
    level: int = 0  # heading level
    indent: int = 0  # column of an item's marker or a text line's first character
    ordered: bool = False
    label: str = ""
    cells: list[str] = field(default_factory=list)  # a table row's cells
    block: Block | None = None  # a block read by another reader


Inline = Callable[[str, int], list[Span]]


def build(tokens: list[Token], inline: Inline, *, lazy: bool = False) -> Block:
    """The tokens as a block tree (see the module docstring)."""
    return _Builder(inline, lazy).run(tokens)


class _Builder:
    def __init__(self, inline: Inline, lazy: bool):
        self.inline = inline
        self.lazy = lazy
        self.root = Block(PAGE, 1)
        self.lists: list[tuple[int, Block, Block]] = []  # (marker indent, list, its current item)
        self.buffer: list[tuple[int, str]] = []
        self.after_blank = False

    def run(self, tokens: list[Token]) -> Block:
        for token in tokens:
            getattr(self, "_" + token.kind)(token)
        self._flush()
        return self.root

    def _target(self) -> Block:
        return self.lists[-1][2] if self.lists else self.root

    def _flush(self) -> None:
        if not self.buffer:
            return
        spans: list[Span] = []
        for number, text in self.buffer:
            if spans:
                spans.append(Span(" ", number))
            spans += self.inline(text, number)
        self.buffer = []
        target = self._target()
        if target.kind == ITEM and not target.spans and not target.children:
            target.spans = spans
        elif spans:
            target.children.append(Block(PARAGRAPH, self._first_line(spans), spans=spans))

    @staticmethod
    def _first_line(spans: list[Span]) -> int:
        return next((s.line for s in spans if s.line), 0)

    def _close_lists(self, indent: int = -1) -> None:
        """Close the lists whose marker is deeper than ``indent`` (all with -1)."""
        while self.lists and self.lists[-1][0] > indent:
            self.lists.pop()

    def _heading(self, token: Token) -> None:
        self._flush()
        self._close_lists()
        spans = self.inline(token.text, token.line)
        if spans:
            self.root.children.append(Block(HEADING, token.line, spans=spans, level=token.level))
        self.after_blank = False

    def _blank(self, token: Token) -> None:
        self._flush()
        self.after_blank = True

    def _item(self, token: Token) -> None:
        self._flush()
        self._close_lists(token.indent)
        item = Block(ITEM, token.line, label=token.label)
        if self.lists and self.lists[-1][0] == token.indent:
            _, listing, _ = self.lists.pop()
        else:
            listing = Block(LIST, token.line, ordered=token.ordered)
            self._target().children.append(listing)
        listing.children.append(item)
        self.lists.append((token.indent, listing, item))
        if token.text.strip():
            self.buffer.append((token.line, token.text))
        self.after_blank = False

    def _text(self, token: Token) -> None:
        lazy_continuation = self.lazy and not self.after_blank
        if self.lists and not lazy_continuation and token.indent <= self.lists[-1][0]:
            self._flush()
            self._close_lists(token.indent - 1)  # the lists this line is not indented under
        if self.after_blank:
            self._flush()
        self.buffer.append((token.line, token.text.strip()))
        self.after_blank = False

    def _row(self, token: Token) -> None:
        self._flush()
        self._close_lists()
        row = Block(ROW, token.line)
        for cell in token.cells:
            spans = self.inline(cell.strip(), token.line)
            if spans:
                row.children.append(Block(CELL, token.line, spans=spans))
        last = self.root.children[-1] if self.root.children else None
        if last is None or last.kind != TABLE or self.after_blank:
            last = Block(TABLE, token.line)
            self.root.children.append(last)
        if row.children:
            last.children.append(row)
        self.after_blank = False

    def _block(self, token: Token) -> None:
        self._flush()
        self._close_lists()
        if token.block is not None:
            self.root.children += token.block.children
        self.after_blank = True


# -- inline ---------------------------------------------------------------------------------

# An emphasis closes within this many characters, or it is no emphasis: the look-ahead from each
# opening mark stays bounded on a page of one huge line.
EMPHASIS_MAX_CHARS = 400
# A line longer than this (minified or generated text) is kept as plain text.
INLINE_MAX_CHARS = 20_000

def inline_reader(link: re.Pattern, link_parts: Callable[[re.Match], tuple[str, str]],
                  marks: dict[str, str], escape: re.Pattern | None = None) -> Inline:
    """A reader of one line's inline markup: ``link`` matches a link and ``link_parts`` gives its
    (url, text); ``marks`` maps an emphasis character to ``bold``/``italic``/``code``. Emphasis
    opens after a space or punctuation and closes before one, as org-mode and jemdoc write it."""
    chars = re.escape("".join(marks))
    emphasis = re.compile(rf"(?:(?<=^)|(?<=[\s\-('\"{{\[]))(?P<mark>[{chars}])(?![\s{chars}]).{{1,{EMPHASIS_MAX_CHARS}}}?(?<![\s\\])"
                          rf"(?P=mark)(?=$|[\s\-.,:;!?'\")}}\]])")
    combined = re.compile(f"(?P<link>{link.pattern})|(?P<emphasis>{emphasis.pattern})", link.flags)

    def read(text: str, line: int, bold: bool = False, italic: bool = False, href: str = "") -> list[Span]:
        if len(text) > INLINE_MAX_CHARS:
            return [Span(text, line)]  # no entry is this long (the finder skips it): not worth reading
        spans: list[Span] = []
        position = 0

        def plain(part: str) -> None:
            if part:
                if escape is not None:
                    part = escape.sub(r"\1", part)
                spans.append(Span(part, line, bold=bold, italic=italic, href=href))

        for match in combined.finditer(text):
            plain(text[position:match.start()])
            position = match.end()
            if match.group("link") is not None:
                url, label = link_parts(link.match(match.group("link")))
                spans += read(label or url, line, bold, italic, url)
                continue
            body = match.group(0)
            mark = marks[body[0]]
            inner = body[1:-1]
            if mark == "code":
                spans.append(Span(inner, line, bold=bold, italic=italic, href=href, code=True))
            else:
                spans += read(inner, line, bold or mark == "bold", italic or mark == "italic", href)
        plain(text[position:])
        return spans

    return read
