"""Read reStructuredText into the block tree through docutils' doctree.

Sections become headings (by depth), bullet and enumerated lists lists, definition and field
lists definition lists, tables rows; ``**strong**``, ``*emphasis*`` and ```text <url>`_``
references keep their marks. Directives docutils does not know (Sphinx's) leave only their
content or nothing; ``.. rst-class::`` is docutils' own. Nothing is read from other files or
passed through raw: file insertion and ``raw`` are disabled, and reports are silenced. A page
docutils cannot read, or one too large for it, is read as plain text (``reading.text``).
"""
from __future__ import annotations

import io
import logging

from .blocks import (CELL, DEFINITION, DEFLIST, GROUP, HEADING, ITEM, LIST, PAGE, PARAGRAPH, ROW, RULE, TABLE, TERM,
                     Block, Span)

log = logging.getLogger("pubexport")

# docutils reads some 200k characters a second: a larger page is read as plain text.
MAX_PARSED_CHARS = 300_000
SETTINGS = {
    "file_insertion_enabled": False,  # no .. include:: of local files
    "raw_enabled": False,  # no .. raw:: pass-through
    "report_level": 5,  # no system messages in the tree
    "halt_level": 5,  # never stop on an error
    "warning_stream": io.StringIO(),
    "doctitle_xform": False,  # the page title stays a section heading
    "sectsubtitle_xform": False,
    "_disable_config": True,  # no docutils.conf from the working folder
    "input_encoding": "unicode",
    "syntax_highlight": "none",
}
SKIPPED = {"comment", "system_message", "target", "substitution_definition", "image", "figure", "raw",
           "literal_block", "doctest_block", "pending", "footnote", "citation", "problematic_todo", "meta"}
SKIPPED_INLINE = {"target", "image", "footnote_reference", "citation_reference", "system_message", "raw"}


def read(text: str) -> Block:
    """The rst page as a block tree; docutils' failures fall back to the plain-text reader."""
    from . import text as plain

    if len(text) > MAX_PARSED_CHARS:
        log.warning("reStructuredText page of %d characters is too large for docutils; read as plain text",
                    len(text))
        return plain.read(text)
    try:
        from docutils.core import publish_doctree

        settings = dict(SETTINGS, warning_stream=io.StringIO())
        tree = publish_doctree(text, settings_overrides=settings)
    except Exception as err:  # docutils raises many kinds on odd input; the page is still read
        log.warning("reStructuredText not understood (%s: %s); read as plain text", type(err).__name__, err)
        return plain.read(text)
    root = Block(PAGE, 1)
    for child in tree.children:
        _block(child, root, 1, 1)
    return root


def _line(node, fallback: int) -> int:
    """The node's source line; docutils leaves it unset on many nodes, so its first child's."""
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.children[0] if getattr(node, "children", None) else None
    return fallback


def _block(node, parent: Block, depth: int, line: int) -> None:
    name = node.tagname
    line = _line(node, line)
    if name in SKIPPED:
        return
    if name == "section":
        for child in node.children:
            if child.tagname == "title":
                title_line = max(1, child.line - 1) if child.line else line  # docutils counts the underline
                heading = Block(HEADING, title_line, level=min(depth, 6), spans=_spans(child, title_line))
                if heading.spans:
                    parent.children.append(heading)
            else:
                _block(child, parent, depth + 1, line)
        return
    if name in ("paragraph", "rubric", "title", "subtitle"):
        spans = _spans(node, line)
        if spans:
            kind = PARAGRAPH if name == "paragraph" else HEADING
            parent.children.append(Block(kind, line, spans=spans, level=min(depth + 1, 6)))
        return
    if name == "line_block":
        spans: list[Span] = []
        for child in node.traverse(lambda n: n.tagname == "line"):
            if spans:
                spans.append(Span("", _line(child, line), br=True))
            spans += _spans(child, _line(child, line))
        if spans:
            parent.children.append(Block(PARAGRAPH, line, spans=spans))
        return
    if name in ("bullet_list", "enumerated_list"):
        listing = Block(LIST, line, ordered=name == "enumerated_list")
        for number, item in enumerate(node.children, start=1):
            listing.children.append(_item(item, depth, line, str(number) if listing.ordered else ""))
        parent.children.append(listing)
        return
    if name in ("definition_list", "field_list", "option_list"):
        for entry in node.children:
            deflist = Block(DEFLIST, _line(entry, line))
            for part in entry.children:
                kind = TERM if part.tagname in ("term", "field_name", "option_group") else DEFINITION
                block = Block(kind, _line(part, line))
                if kind == TERM:
                    block.spans = _spans(part, block.line)
                else:
                    for child in part.children:
                        _block(child, block, depth, block.line)
                deflist.children.append(block)
            parent.children.append(deflist)
        return
    if name == "table":
        table = Block(TABLE, line)
        for row in node.traverse(lambda n: n.tagname == "row"):
            block = Block(ROW, _line(row, line))
            for entry in row.children:
                cell = Block(CELL, _line(entry, block.line))
                for child in entry.children:
                    _block(child, cell, depth, cell.line)
                block.children.append(_flat_cell(cell))
            table.children.append(block)
        parent.children.append(table)
        return
    if name == "transition":
        parent.children.append(Block(RULE, line))
        return
    # containers: block quotes, admonitions, topics, compound paragraphs, unknown directives' bodies
    group = Block(GROUP, line)
    for child in getattr(node, "children", []):
        if child.tagname == "#text":
            continue
        _block(child, group, depth, line)
    parent.children += group.children


def _item(node, depth: int, line: int, label: str) -> Block:
    """A list item: its first paragraph is its own text, the rest its lines or nested lists."""
    item = Block(ITEM, _line(node, line), label=label)
    for child in node.children:
        if child.tagname == "paragraph" and not item.spans and not item.children:
            item.spans = _spans(child, _line(child, item.line))
        else:
            _block(child, item, depth, item.line)
    return item


def _flat_cell(cell: Block) -> Block:
    """A cell of one paragraph holds its spans itself."""
    if len(cell.children) == 1 and cell.children[0].kind == PARAGRAPH:
        return Block(CELL, cell.line, spans=cell.children[0].spans)
    return cell


def _spans(node, line: int, bold: bool = False, italic: bool = False, href: str = "", code: bool = False
           ) -> list[Span]:
    out: list[Span] = []
    for child in node.children:
        name = child.tagname
        if name == "#text":
            text = child.astext()
            if text:
                out.append(Span(text.replace("\n", " "), line, bold=bold, italic=italic, href=href, code=code))
        elif name in SKIPPED_INLINE:
            continue
        elif name == "strong":
            out += _spans(child, line, True, italic, href, code)
        elif name in ("emphasis", "title_reference"):
            out += _spans(child, line, bold, True, href, code)
        elif name == "reference":
            out += _spans(child, line, bold, italic, child.get("refuri", "") or href, code)
        elif name == "literal":
            out += _spans(child, line, bold, italic, href, True)
        else:
            out += _spans(child, line, bold, italic, href, code)
    return out
