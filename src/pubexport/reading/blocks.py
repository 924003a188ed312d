"""One block tree for every page format, and its rendering into the finder's lines.

Each reader (``reading.html``, ``reading.markdown``, ``reading.latex``, ...) turns its format, through
that format's own parser, into the same tree of ``Block``s holding inline ``Span``s. Nothing
after the readers knows which format a page was written in.

Block kinds:

- ``page``: the root;
- ``heading`` (``level`` 1-6);
- ``paragraph``: inline content only (``spans``);
- ``list`` of ``item``s (``ordered``; an item's ``label`` is its number or ``[J3]`` mark);
- ``table`` of ``row``s of ``cell``s;
- ``deflist`` of ``term`` and ``definition`` blocks (pandoc, rst, org);
- ``group``: a container (an HTML ``div``, a LaTeX macro's arguments, a quote) of other blocks;
- ``rule``: a thematic break (``<hr>``, ``---``).

A block holds either spans (its inline content) or children, or both (an item's own text and a
nested list). Every block and span keeps the 1-based line of the source it came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..repair import Line

PAGE, HEADING, PARAGRAPH = "page", "heading", "paragraph"
LIST, ITEM = "list", "item"
TABLE, ROW, CELL = "table", "row", "cell"
DEFLIST, TERM, DEFINITION = "deflist", "term", "definition"
GROUP, RULE = "group", "rule"


@dataclass(slots=True)
class Span:
    """A run of inline text with its marks; ``br`` is a hard line break (its text is empty)."""

    text: str
    line: int = 0
    bold: bool = False  # also underline: pages mark their owner's name with either
    italic: bool = False
    href: str = ""
    code: bool = False
    br: bool = False


@dataclass(slots=True)
class Block:
    kind: str
    line: int = 0
    spans: list[Span] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    level: int = 0  # heading level
    ordered: bool = False  # list
    label: str = ""  # item number or reference label

    def text(self) -> str:
        """The plain text of the block and all it holds, one space between parts."""
        parts = [s.text for s in self.spans if s.text]
        parts += [child.text() for child in self.children]
        return " ".join(" ".join(p.split()) for p in parts if p.strip())

    def walk(self):
        """This block and every block below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


# -- rendering into the finder's lines ------------------------------------------------------

# A group of at most this many one-line leaves reads as one entry's lines (a paper written as
# ``<div>`` title, ``<div>`` authors, ``<div>`` venue), not as that many paragraphs.
RECORD_MAX_LEAVES = 8

# A leaf that states a year among at least this many words reads as a whole entry, not as one
# field of one: a paper written field by field states its year once (its venue line or badge),
# so two such leaves are two entries (references as paragraphs of one ``<div>`` or page).
WHOLE_ENTRY_MIN_WORDS = 8
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def render_lines(root: Block) -> list[Line]:
    """The tree as the light markdown lines the finder reads: ``# heading``, ``- item`` (its
    continuation lines follow it), paragraphs split by blank lines, ``**bold**``, ``*italic*``,
    ``[text](url)``; each line keeps the source line it came from."""
    out: list[Line] = []
    _render_block(root, out)
    while out and not out[-1].text:
        out.pop()
    return out


def _blank(out: list[Line], line: int) -> None:
    if out and out[-1].text:
        out.append(Line(line, ""))


def _render_block(block: Block, out: list[Line]) -> None:
    kind = block.kind
    if kind == HEADING:
        text = inline_markdown(block.spans).replace("\n", " ").strip()
        if text:
            _blank(out, block.line)
            out.append(Line(block.line, "#" * max(1, min(block.level, 6)) + " " + text))
            out.append(Line(block.line, ""))
        return
    if kind == RULE:
        _blank(out, block.line)
        return
    if kind == DEFLIST:
        for entry in _deflist_entries(block):
            _render_block(entry, out)
        return
    if kind in (ITEM, ROW) or (kind == GROUP and _is_record(block)):
        lines = _label_joined(_entry_lines(block))
        if lines:
            _blank(out, block.line)
            number, text = lines[0]
            out.append(Line(number, "- " + text))
            out.extend(Line(n, t) for n, t in lines[1:])
            out.append(Line(number, ""))
        for child in block.children:
            if child.kind in (LIST, TABLE, DEFLIST) and kind == ITEM and _nested_entries(child):
                _render_block(child, out)
        return
    if kind == PARAGRAPH:
        _blank(out, block.line)
        for number, text in _inline_lines(block.spans, block.line):
            out.append(Line(number, text))
        _blank(out, block.line)
        return
    for child in block.children:  # page, list, table, group, cell, term, definition
        _render_block(child, out)


def _deflist_entries(block: Block) -> list[Block]:
    """Each term with the definitions under it is one entry (``2022`` / ``: Title, venue``)."""
    entries: list[Block] = []
    for child in block.children:
        if child.kind == TERM or not entries:
            entries.append(Block(ITEM, child.line))
        entries[-1].children.append(child)
    return entries


def _is_record(block: Block) -> bool:
    """A group of a few leaves with no further structure: one entry written field by field."""
    leaves = block.children
    return (not block.spans and 1 < len(leaves) <= RECORD_MAX_LEAVES
            and all(c.kind in (PARAGRAPH, GROUP) and not c.children and c.spans for c in leaves)
            and sum(map(_reads_as_whole_entry, leaves)) < 2)


def _reads_as_whole_entry(leaf: Block) -> bool:
    text = leaf.text()
    return len(text.split()) >= WHOLE_ENTRY_MIN_WORDS and bool(YEAR.search(text))


NESTED_ENTRY_MIN_WORDS = 12


def _nested_entries(block: Block) -> bool:
    """A list nested in an item holds entries of its own when all its items are long (a topic
    item over its papers), not when some are an entry's short field lines (its venue line
    beside a long author list or description), nor when one is a list of names (the authors
    of the title above, however many)."""
    items = [c for c in block.children if c.kind in (ITEM, ROW)]
    if not items:
        return False
    texts = [i.text() for i in items]
    return min(len(t.split()) for t in texts) > NESTED_ENTRY_MIN_WORDS and not any(map(_reads_as_names, texts))


NAME_LIST_WORDS = frozenset({"and", "&", "et", "al", "al."})


def _reads_as_names(text: str) -> bool:
    """Capitalised words in comma-separated runs (``Ann Lee, Bo Wu, and Cy Diallo``): an author
    line; a paper of its own has a title's lower-case words, or a venue's."""
    words = text.replace(",", " ").split()
    return "," in text and all(w[0].isupper() or w in NAME_LIST_WORDS for w in words)


def _entry_lines(block: Block) -> list[tuple[int, str]]:
    """The lines of one entry: its own text, then each leaf below it on its own line (cells of a
    row joined by `` | ``), nested lists of entries left out (they are rendered on their own)."""
    lines = _inline_lines(block.spans, block.line) if block.spans else []
    if block.kind == ROW:
        cells = [_entry_lines(c) for c in block.children]
        if all(len(c) <= 1 for c in cells):
            texts = [c[0][1] for c in cells if c]
            dated = _dated_entry(texts)
            if dated:
                return [(block.line, dated)]
            return [(block.line, " | ".join(texts))] if texts else []
        return [line for cell in cells for line in cell]
    for child in _side_label_last(block.children):
        if child.kind in (LIST, TABLE, DEFLIST) and block.kind == ITEM and _nested_entries(child):
            continue
        if child.kind in (PARAGRAPH, HEADING, TERM, DEFINITION, CELL) and not child.children:
            lines += _inline_lines(child.spans, child.line)
        else:
            lines += _entry_lines(child)
    return lines


# -- side labels: an entry's number or badge written in a column of its own -------------------

# A reference label alone on its line (``[1]``, ``12.``, ``(3)``): pandoc's ``csl-left-margin``.
REFERENCE_LABEL = re.compile(r"^(?:\[[A-Za-z]{0,2}\d{1,3}\]|\(?\d{1,3}[.)])$")
SIDE_LABEL_MAX_WORDS = 3
# A record beside a side label has its title, authors and venue lines at least: a short leaf
# before two lines is that record's own title (``div.paper_title`` over ``div.paper_rest``).
SIDE_LABEL_MIN_RECORD_LINES = 3


def _label_joined(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A label in its own column starts the entry's first line, as it would be read."""
    if len(lines) > 1 and REFERENCE_LABEL.match(lines[0][1]):
        return [(lines[0][0], f"{lines[0][1]} {lines[1][1]}")] + lines[2:]
    return lines


def _side_label_last(children: list[Block]) -> list[Block]:
    """A short leaf beside a record of three lines or more (al-folio's venue badge column beside
    the title, authors and venue) is read after that record, not as its first line, its title."""
    if len(children) != 2:
        return children
    label, record = children
    if (label.kind == PARAGRAPH and not label.children and len(label.text().split()) <= SIDE_LABEL_MAX_WORDS
            and not REFERENCE_LABEL.match(label.text()) and record.kind in (GROUP, PARAGRAPH)
            and len(_entry_lines(record) if record.children else _inline_lines(record.spans, record.line))
            >= SIDE_LABEL_MIN_RECORD_LINES):
        return [record, label]
    return children


DATE_CELL = re.compile(r"^\W*(?:\d{4}(?:\s*[-\u2013/]\s*(?:\d{2,4}|present|now))?|"
                       r"in prep\w*\.?|submitted|forthcoming|in press|to appear|under review)\W*$", re.I)
DATED_ENTRY_MIN_WORDS = 8


def _dated_entry(texts: list[str]) -> str:
    """A row of a date column and a long entry (a CV's ``2019 & reference \\\\``) as the entry
    with its date after it, as a reference carries it: ``reference (2019)``; else empty."""
    if len(texts) != 2:
        return ""
    first, second = texts
    if DATE_CELL.match(first) and len(second.split()) >= DATED_ENTRY_MIN_WORDS:
        return f"{second} ({first.strip()})"
    return ""


def _inline_lines(spans: list[Span], line: int) -> list[tuple[int, str]]:
    """Inline spans as markdown, one line per hard break; empty lines dropped."""
    out: list[tuple[int, str]] = []
    current: list[Span] = []
    for span in spans:
        if span.br:
            _flush(current, out, line)
            current = []
        else:
            current.append(span)
    _flush(current, out, line)
    return out


def _flush(spans: list[Span], out: list[tuple[int, str]], line: int) -> None:
    text = " ".join(inline_markdown(spans).split())
    if text:
        out.append((next((s.line for s in spans if s.line), line), text))


def inline_markdown(spans: list[Span]) -> str:
    """Spans as light markdown. Neighbouring spans with the same marks are written as one, so
    that a bold name split in two spans stays ``**Ann Lee**``; bold and italics hold the links
    inside them (``*[Title](url).*``), as pages nest them."""
    spans = [s for s in spans if not s.br]
    out: list[str] = []
    i, end = 0, len(spans)
    while i < end:  # one run of the same emphasis
        bold, italic = spans[i].bold, spans[i].italic
        parts: list[str] = []
        while i < end and spans[i].bold == bold and spans[i].italic == italic:  # one run of one link
            href = spans[i].href
            j = i + 1
            while j < end and spans[j].href == href and spans[j].bold == bold and spans[j].italic == italic:
                j += 1
            text = spans[i].text if j == i + 1 else "".join([s.text for s in spans[i:j]])
            parts.append(_wrapped(text, "[", f"]({href})") if href else text)
            i = j
        text = "".join(parts)
        marks = ("**" if bold else "") + ("*" if italic else "")
        out.append(_wrapped(text, marks, marks[::-1]) if marks else text)
    return "".join(out)


def _wrapped(text: str, before: str, after: str) -> str:
    """``text`` inside the marks, its leading and trailing spaces left outside; blank text as is."""
    core = text.strip()
    if not core:
        return text
    lead = text[:len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{before}{core}{after}{trail}"
