"""Read a page through its format's own parser into one block tree (see ``blocks``).

``READERS`` maps a document kind to the module whose ``read(text) -> Block`` parses it. The
finder reads the tree through ``blocks.render_lines``.
"""
from __future__ import annotations

import importlib

from ..models import Document
from ..repair import Line
from .blocks import Block, render_lines

# kind -> reader module (in this package); a kind without a reader is read as plain text.
READERS: dict[str, str] = {"html": "html", "markdown": "markdown", "latex": "latex", "org": "org", "rst": "rst",
                          "text": "text", "jemdoc": "jemdoc"}


def read_blocks(doc: Document) -> Block:
    """The page's block tree. A page saved as plain text (or of a kind with no reader) that is
    written in a markup (markdown, HTML, LaTeX) is read as that markup."""
    kind = doc.kind if doc.kind in READERS else "text"
    if kind == "text":
        from .text import markup_kind

        kind = markup_kind(doc.text)
    name = READERS[kind]
    module = importlib.import_module(f".{name}", __name__)
    return module.read(_without_mojibake(doc.text))


def _without_mojibake(text: str) -> str:
    """The text with UTF-8-read-as-cp1252 undone line by line (line numbers kept), as ``repair``
    does for the pages it reads."""
    if text.isascii():
        return text
    from ..repair import fix_mojibake

    return "\n".join(fix_mojibake(line) for line in text.split("\n"))


def page_lines(doc: Document) -> list[Line]:
    """The page as the finder's lines, through its reader's block tree."""
    return render_lines(read_blocks(doc))
