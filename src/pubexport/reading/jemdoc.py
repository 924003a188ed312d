"""Read jemdoc markup into the block tree by its block syntax.

``= Heading`` (``==`` a sub-heading), ``- item`` (``--`` nested), ``. ordered item``,
``: {term} definition``, paragraphs; a text line continues the item above it until a blank line
(jemdoc items wrap without indentation). Inline: ``[url text]`` links, ``*bold*``, ``/italic/``,
``+monospace+``, ``{{raw html}}`` (its text kept, its tags dropped), backslash escapes (``\\#``).
``#`` lines are comments (``# jemdoc: menu{...}`` included); ``~~~`` boxes keep their text, code
boxes (``{}{python}``) are dropped.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .blocks import Block
from .lightmarkup import BLANK_TOKEN, HEADING_TOKEN, ITEM_TOKEN, TEXT_TOKEN, Token, build, inline_reader

HEADING = re.compile(r"^(=+)\s+(.*?)\s*$")
ITEM = re.compile(r"^(-+|\.+)\s+(.*)$")
DEFINITION = re.compile(r"^:\s*\{([^}]*)\}\s*(.*)$")
BOX = re.compile(r"^~~~\s*$")
CODE_BOX = re.compile(r"^\{[^}]*\}\{[^}]*\}")
BOX_TITLE = re.compile(r"^\{([^}]*)\}\s*$")
COMMENT = re.compile(r"^#")
RAW_HTML = re.compile(r"\{\{(.{0,5000}?)\}\}")
ESCAPE = re.compile(r"\\([#*/+\[\]{}~=\-.:\\\"])")

LINK = re.compile(r"\[((?:https?|ftp|mailto):[^\s\]]+|[^\s\[\]\"]+\.[A-Za-z]{2,5}(?:#[^\s\]]*)?)(?:\s+([^\[\]]{0,2000}))?\]")
_read_marks = inline_reader(LINK, lambda m: (m.group(1), (m.group(2) or "").strip()),
                            {"*": "bold", "/": "italic", "+": "code"}, escape=ESCAPE)


def read_inline(text: str, line: int):
    return _read_marks(RAW_HTML.sub(lambda m: _html_text(m.group(1)), text), line)


def read(text: str) -> Block:
    """The jemdoc page as a block tree."""
    return build(list(_tokens(text.split("\n"))), read_inline, lazy=True)


def _tokens(lines: list[str]):
    in_box = code_box = False
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if BOX.match(stripped):
            in_box, code_box = not in_box, False
            yield Token(BLANK_TOKEN, number)
            continue
        if in_box and (code_box or CODE_BOX.match(stripped)):
            code_box = True
            continue
        if in_box and BOX_TITLE.match(stripped):
            stripped = BOX_TITLE.match(stripped).group(1)
            if not stripped:
                continue
        if not stripped:
            yield Token(BLANK_TOKEN, number)
        elif COMMENT.match(stripped):
            continue
        elif heading := HEADING.match(stripped):
            yield Token(HEADING_TOKEN, number, text=heading.group(2), level=min(len(heading.group(1)), 6))
        elif item := ITEM.match(stripped):
            marker = item.group(1)
            yield Token(ITEM_TOKEN, number, text=item.group(2), indent=len(marker) - 1,
                        ordered=marker[0] == ".")
        elif definition := DEFINITION.match(stripped):
            yield Token(ITEM_TOKEN, number, text=f"{definition.group(1)}: {definition.group(2)}")
        else:
            yield Token(TEXT_TOKEN, number, text=stripped)


class _TextOfHtml(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _html_text(fragment: str) -> str:
    """The text of a raw HTML fragment, its tags dropped."""
    parser = _TextOfHtml()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)
