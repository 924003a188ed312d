"""Read org-mode into the block tree by its block syntax.

Headlines (``* Work``, ``** Papers``; TODO keywords, priorities and tags dropped), plain lists
(``-``, ``+``, ``1.``, ``1)``; ``term :: definition``), paragraphs, tables (``| a | b |``),
``[[url][text]]`` links, ``*bold*``, ``/italic/``, ``_underline_`` (read as bold, as pages mark
their owner), ``=verbatim=``/``~code~``. A ``#+begin_export latex`` block is handed to the LaTeX
reader; ``#+`` keywords, comments, drawers (``:PROPERTIES:`` ... ``:END:``) and source or example
blocks are no content.
"""
from __future__ import annotations

import re

from . import latex
from .blocks import Block
from .lightmarkup import (BLANK_TOKEN, BLOCK_TOKEN, HEADING_TOKEN, ITEM_TOKEN, ROW_TOKEN, TEXT_TOKEN, Token, build,
                          inline_reader)

HEADLINE = re.compile(r"^(\*+)\s+(?:(?:TODO|DONE|NEXT|WAITING|CANCELL?ED)\s+)?(?:\[#[A-Z]\]\s+)?(.*?)"
                      r"(?:\s+:[\w@#%:]+:)?\s*$")
ITEM = re.compile(r"^(\s*)([-+]|\d{1,3}[.)]|(?<=\s)\*)\s+(?:\[[ xX-]\]\s+)?(.*)$")
DESCRIPTION = re.compile(r"^(.*?)\s+::\s+(.*)$")
BLOCK_BEGIN = re.compile(r"^\s*#\+begin_(\w+)\s*(\S*)", re.I)
BLOCK_END = re.compile(r"^\s*#\+end_(\w+)", re.I)
KEYWORD_OR_COMMENT = re.compile(r"^\s*(?:#\+\w*:?|#(?:\s|$))")
DRAWER_BEGIN = re.compile(r"^\s*:[\w-]+:\s*$")
DRAWER_END = re.compile(r"^\s*:END:\s*$", re.I)
TABLE_RULE = re.compile(r"^\s*\|[-+|\s]*$")
ROW = re.compile(r"^\s*\|")
# text kept from blocks other than LaTeX exports; their other content is code or layout
TEXT_BLOCKS = {"quote", "verse", "center"}

LINK = re.compile(r"\[\[([^\[\]]{1,2000})\](?:\[([^\[\]]{1,2000})\])?\]")
read_inline = inline_reader(LINK, lambda m: (m.group(1), m.group(2) or ""),
                            {"*": "bold", "_": "bold", "/": "italic", "=": "code", "~": "code"})


def read(text: str) -> Block:
    """The org page as a block tree."""
    return build(list(_tokens(text.split("\n"))), read_inline)


def _tokens(lines: list[str]):
    i = 0
    while i < len(lines):
        raw = lines[i]
        number = i + 1
        i += 1
        begin = BLOCK_BEGIN.match(raw)
        if begin:
            end = _block_end(lines, i, begin.group(1))
            name, backend = begin.group(1).lower(), begin.group(2).lower()
            if name == "export" and backend == "latex":
                yield Token(BLOCK_TOKEN, number, block=latex.read("\n".join(lines[i:end]), first_line=number + 1))
            elif name in TEXT_BLOCKS:
                yield Token(BLANK_TOKEN, number)
                for offset, inner in enumerate(lines[i:end]):
                    yield _line_token(inner, i + offset + 1)
                yield Token(BLANK_TOKEN, end + 1)
            i = end + 1
            continue
        if DRAWER_BEGIN.match(raw) and not DRAWER_END.match(raw):
            end = next((j for j in range(i, min(len(lines), i + 500)) if DRAWER_END.match(lines[j])), None)
            if end is not None:
                i = end + 1
                continue
        if KEYWORD_OR_COMMENT.match(raw):
            continue
        yield _line_token(raw, number)


def _block_end(lines: list[str], start: int, name: str) -> int:
    """The index of the block's ``#+end_`` line (the end of the page when it has none)."""
    for j in range(start, len(lines)):
        end = BLOCK_END.match(lines[j])
        if end and end.group(1).lower() == name.lower():
            return j
    return len(lines)


def _line_token(raw: str, number: int) -> Token:
    if not raw.strip():
        return Token(BLANK_TOKEN, number)
    headline = HEADLINE.match(raw)
    if headline:
        return Token(HEADING_TOKEN, number, text=headline.group(2), level=min(len(headline.group(1)), 6))
    if ROW.match(raw):
        if TABLE_RULE.match(raw):
            return Token(ROW_TOKEN, number, cells=[])  # a rule inside the table
        return Token(ROW_TOKEN, number, cells=raw.strip().strip("|").split("|"))
    item = ITEM.match(raw)
    if item:
        marker, body = item.group(2), item.group(3)
        description = DESCRIPTION.match(body) if marker in "-+*" else None
        if description:
            body = f"{description.group(1)}: {description.group(2)}"
        return Token(ITEM_TOKEN, number, text=body, indent=len(item.group(1)),
                     ordered=marker[0].isdigit(), label=marker.rstrip(".)") if marker[0].isdigit() else "")
    indent = len(raw) - len(raw.lstrip())
    return Token(TEXT_TOKEN, number, text=raw.rstrip().replace("\\\\", "").rstrip(), indent=indent)
