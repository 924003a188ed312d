"""Read LaTeX into the block tree through pylatexenc's walker.

Only the ``document`` body is read (the whole text when it has none). Sectioning commands (and
``\\marginpar``, which CVs use for margin headings) become headings; ``itemize``/``enumerate``/
``description`` and any environment holding ``\\item``s (``thebibliography`` with ``\\bibitem``) become
lists; ``tabular`` rows become table rows. The page's own ``\\newcommand``/``\\def`` macros are
expanded, so a CV macro whose body is a heading or starts a hanging paragraph (``\\ind``) reads as
one. A macro the page does not define followed by several brace groups (moderncv's
``\\cventry{2019}{Title}{Venue}...``) is one entry, each argument a field line. Inline text goes
through pylatexenc's ``latex2text`` (accents, dashes, quotes); ``\\textbf``/``\\emph``/``\\href`` keep
their marks. Broken input (unbalanced braces, runaway nesting) is read best effort, never raised.
"""
from __future__ import annotations

import bisect
import logging
import re
import sys
from dataclasses import dataclass, replace
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import (LatexCharsNode, LatexCommentNode, LatexEnvironmentNode, LatexGroupNode,
                                    LatexMacroNode, LatexMathNode, LatexSpecialsNode, LatexToken, LatexWalker,
                                    get_default_latex_context_db)
from pylatexenc.macrospec import EnvironmentSpec, MacroSpec

from ..headings import heading_kind
from .blocks import (CELL, GROUP, HEADING, ITEM, LIST, PAGE, PARAGRAPH, ROW, TABLE, Block, Span)

log = logging.getLogger("pubexport")

HEADING_LEVELS = {"part": 1, "chapter": 1, "section": 1, "marginpar": 1, "subsection": 2,
                  "subsubsection": 3, "paragraph": 4, "subparagraph": 5, "cvsection": 1, "cvsubsection": 2}
LIST_ENVIRONMENTS = {"itemize", "enumerate", "description", "thebibliography", "compactitem", "compactenum",
                     "inparaenum", "cvitems", "etaremune", "revnumerate"}
TABLE_ENVIRONMENTS = {"tabular", "tabular*", "tabularx", "tabulary", "longtable", "tabu", "supertabular", "xtabular"}
SKIPPED_ENVIRONMENTS = {"comment", "figure", "figure*", "tikzpicture", "verbatim", "lstlisting", "minted",
                        "filecontents", "filecontents*"}
BOLD_MACROS = {"textbf", "underline", "uline", "ul"}
ITALIC_MACROS = {"emph", "textit", "textsl"}
TEXT_MACROS = {"textsf", "texttt", "textrm", "textsc", "textup", "textmd", "textnormal", "mbox", "hbox", "text",
               "oldstylenums", "textls", "textlf", "textsw", "sout", "xout", "hl", "textcolor", "colorbox",
               "fbox", "emph*", "small", "cite"}
BOLD_SWITCHES = {"bf", "bfseries", "textbf"}
ITALIC_SWITCHES = {"it", "itshape", "em", "sl", "slshape"}
LINE_BREAKS = {"\\", "newline", "linebreak", "tabularnewline", "cr"}
PARAGRAPH_BREAKS = {"par", "bigskip", "medskip", "smallskip", "hangindent", "vskip", "vspace", "newpage",
                    "clearpage", "pagebreak"}
DEFINITIONS = {"newcommand", "renewcommand", "providecommand", "newcommand*", "renewcommand*",
               "DeclareRobustCommand", "newenvironment", "renewenvironment"}
# TeX assignments whose value follows as text (``\hangindent=1 true cm``): the value is dropped.
ASSIGNMENTS = {"hangindent", "hangafter", "parindent", "parskip", "leftskip", "rightskip", "baselineskip",
               "vskip", "hskip", "kern", "itemsep", "tolerance", "emergencystretch", "hsize", "vsize",
               "topsep", "parsep", "labelwidth", "leftmargin", "itemindent", "penalty", "relax"}
DIMENSION = re.compile(r"\s*=?\s*(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)\s*(?:true\s*)?"
                       r"(?:pt|cm|mm|in|em|ex|bp|sp|pc|dd|cc|mu)?(?:\s*plus\s*[-+]?[\d.]+\s*\w*)?"
                       r"(?:\s*minus\s*[-+]?[\d.]+\s*\w*)?)?")
SETTINGS = re.compile(r"^\s*[A-Za-z][\w-]*\s*=")
PARAMETERS = re.compile(r"^(?:#\d)*")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
NEWLINE = re.compile("\n")
ARGUMENT_MARK = re.compile(r"#(\d)")
COMMENT_TEXT = re.compile(r"(?<!\\)%[^\n]*")
# The URL of ``\href{...}`` or ``\url{...}``, where hyperref reads ``%`` as a character
# (``sici=0094-3061%28200303%29``), not as a comment.
URL_ARGUMENT = re.compile(r"(\\(?:href|url)\s*\{)([^{}\n]*%[^{}\n]*)(?=\})")
UNESCAPED_PERCENT = re.compile(r"(?<!\\)%")


def _escape_percent(match: re.Match) -> str:
    return match.group(1) + UNESCAPED_PERCENT.sub(r"\\%", match.group(2))


MAX_EXPANSION_DEPTH = 8
# pylatexenc walks some 100k characters a second: a larger page is read as plain paragraphs.
MAX_WALKED_CHARS = 500_000
EXPANSION_BUDGET = 4  # expanded text may grow to this many times the page (plus 1 MB)


@dataclass(frozen=True, slots=True)
class Marks:
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass(slots=True)
class Definition:
    """A macro the page defines: its number of arguments, optional first argument's default, body."""

    arguments: int
    default: str | None
    body: str


def read(text: str, first_line: int = 1) -> Block:
    """The LaTeX page as a block tree; never raises on broken LaTeX. ``first_line`` is the line
    the text starts on in its file (LaTeX inside another format: org-mode's export blocks)."""
    definitions = _definitions(text)
    body, body_line = _document_body(text)
    first_line += body_line - 1
    if "%" in body:
        body = URL_ARGUMENT.sub(_escape_percent, body)
        # a comment's text is no content: the walker need not read it character by character
        body = COMMENT_TEXT.sub("%", body)
    root = Block(PAGE, 1)
    if len(body) > MAX_WALKED_CHARS:
        log.warning("LaTeX page of %d characters is too large for the LaTeX walker; read as plain text",
                    len(body))
        return _plain_paragraphs(body, first_line)
    reader = _Reader(body, definitions, first_line)
    try:
        reader.flow(reader.parse(body), root)
    except (RecursionError, ValueError, TypeError, IndexError, AttributeError) as err:
        log.warning("LaTeX not understood (%s); read paragraph by paragraph", type(err).__name__)
        root = _read_by_paragraph(body, definitions, first_line)
    promote_emphasised_headings(root)
    return root


EMPHASIS_HEADING_MAX_WORDS = 8


def promote_emphasised_headings(root: Block) -> None:
    """A short paragraph of its own, wholly bold or italic, whose words name a kind of section
    (``\\noindent\\emph{Journal articles}``), is a sub-heading of the heading above it: CVs title
    their publication kinds so. (An emphasised line naming nothing, an employer in bold, stays.)"""
    level = 0
    for block in root.children:
        if block.kind == HEADING:
            level = block.level
        elif block.kind == PARAGRAPH and _emphasised_title(block.spans):
            block.kind, block.level = HEADING, min(level + 1, 6)
            block.spans = [Span(" ".join(s.text.split()), s.line) for s in block.spans if s.text.strip()]


def _emphasised_title(spans: list[Span]) -> bool:
    words = [s for s in spans if s.text.strip()]
    text = " ".join(" ".join(s.text for s in words).split())
    return (bool(words) and not any(s.br or s.href for s in spans)
            and (all(s.bold for s in words) or all(s.italic for s in words))
            and 0 < len(text.split()) <= EMPHASIS_HEADING_MAX_WORDS and not text.endswith((".", ",", ";"))
            and not any(char.isdigit() for char in text) and heading_kind(text) is not None)


def _read_by_paragraph(text: str, definitions: dict[str, Definition], line: int) -> Block:
    """Best effort for LaTeX the walker cannot take whole: each blank-line paragraph alone, and a
    paragraph that still fails as plain text without its commands."""
    root = Block(PAGE, 1)
    for chunk in PARAGRAPH_BREAK.split(text):
        reader = _Reader(chunk, definitions, first_line=line)
        holder = Block(PAGE, line)
        try:
            reader.flow(reader.parse(chunk), holder)
            root.children += holder.children
        except (RecursionError, ValueError, TypeError, IndexError, AttributeError):
            root.children += _plain_paragraphs(chunk, line).children
        line += chunk.count("\n") + 2
    return root


COMMAND_OR_COMMENT = re.compile(r"\\[A-Za-z]+\*?|~|(?<!\\)%[^\n]*")
GROUPING = re.compile(r"[{}$^_#&]")


def _plain_paragraphs(text: str, line: int) -> Block:
    """The text's blank-line paragraphs with commands, braces and comments taken out: what is
    left of LaTeX that cannot be walked."""
    root = Block(PAGE, line)
    for chunk in PARAGRAPH_BREAK.split(text):
        plain = " ".join(GROUPING.sub("", COMMAND_OR_COMMENT.sub(" ", chunk)).split())
        if plain:
            root.children.append(Block(PARAGRAPH, line, spans=[Span(plain, line)]))
        line += chunk.count("\n") + 2
    return root


# -- definitions ----------------------------------------------------------------------------

NEWCOMMAND = re.compile(r"\\(?:re)?(?:newcommand|providecommand|DeclareRobustCommand)\*?\s*"
                        r"(?:\{\s*\\([A-Za-z@]+)\s*\}|\\([A-Za-z@]+))\s*(?:\[(\d)\])?\s*(?:\[([^\]]*)\])?\s*\{")
DEF = re.compile(r"\\[gex]?def\s*\\([A-Za-z@]+)\s*((?:#\d)*)\s*\{")


def _definitions(text: str) -> dict[str, Definition]:
    """The page's own macros (``\\newcommand``, ``\\def``): name -> definition; the last one wins."""
    found: dict[str, Definition] = {}
    for match in NEWCOMMAND.finditer(text):
        body = _braced(text, match.end() - 1)
        if body is not None:
            found[match.group(1) or match.group(2)] = Definition(int(match.group(3) or 0), match.group(4), body)
    for match in DEF.finditer(text):
        body = _braced(text, match.end() - 1)
        if body is not None:
            found[match.group(1)] = Definition(match.group(2).count("#"), None, body)
    return found


def _braced(text: str, start: int, limit: int = 20_000) -> str | None:
    """The text inside the brace group opening at ``start``; None when it does not close soon."""
    depth = 0
    end = min(len(text), start + limit)
    i = start
    while i < end:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "%":
            newline = text.find("\n", i)
            i = end if newline < 0 else newline + 1
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
        i += 1
    return None


LIGATURES = {"---": "\u2014", "--": "\u2013", "``": "\u201c", "\'\'": "\u201d", "~": "\u00a0", "!`": "\u00a1",
             "?`": "\u00bf"}
LIGATURE = re.compile("|".join(re.escape(k) for k in LIGATURES))


def _ligatures(text: str) -> str:
    """TeX's typographic ligatures (dashes, quotes, the tie) as the characters they print."""
    return LIGATURE.sub(lambda m: LIGATURES[m.group()], text) if any(c in text for c in "-`'~!?") else text


@lru_cache(maxsize=1)
def _text_converter() -> LatexNodes2Text:
    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


BEGIN_DOCUMENT = re.compile(r"^[^%\n]*?\\begin\s*\{document\}", re.M)
END_DOCUMENT = re.compile(r"^[^%\n]*?\\end\s*\{document\}", re.M)


def _document_body(text: str) -> tuple[str, int]:
    """The text between ``\\begin{document}`` and ``\\end{document}`` (the whole text when it has
    none: a fragment), and the line it starts on."""
    begin = BEGIN_DOCUMENT.search(text)
    if begin is None:
        return text, 1
    end = END_DOCUMENT.search(text, begin.end())
    return text[begin.end():end.start() if end else len(text)], text.count("\n", 0, begin.end()) + 1


# -- the walk -------------------------------------------------------------------------------

class _Reader:
    """Walks the node list into blocks: paragraphs gather inline spans until a blank line, a
    heading, a list or a table ends them."""

    def __init__(self, text: str, definitions: dict[str, Definition], first_line: int = 1):
        self.text = text
        self.definitions = definitions
        self.first_line = first_line
        self.newlines = [m.start() for m in NEWLINE.finditer(text)]
        self.context = _context(tuple(sorted((name, d.arguments, d.default is not None)
                                             for name, d in definitions.items())))
        self.budget = EXPANSION_BUDGET * len(text) + 1_000_000
        self.depth = 0
        self.expansion_line = 0  # the line of the macro being expanded (expanded text has none)

    def parse(self, text: str) -> list:
        walker = _RunWalker(text, latex_context=self.context, tolerant_parsing=True)
        return walker.get_latex_nodes()[0]

    def line(self, node) -> int:
        if self.expansion_line:
            return self.expansion_line
        pos = getattr(node, "pos", None) or 0
        return self.first_line + bisect.bisect_right(self.newlines, pos - 1)

    # block level ----------------------------------------------------------------------------

    def flow(self, nodes: list, container: Block, marks: Marks = Marks()) -> None:
        """Read ``nodes`` as block content appended to ``container``."""
        state = _Flow(_Sink(container), marks)
        self._flow_nodes(nodes, state)
        state.sink.end_paragraph()

    def _flow_nodes(self, nodes: list, state: _Flow) -> None:
        i = 0
        while i < len(nodes):
            node = nodes[i]
            i += 1
            if node is None or isinstance(node, LatexCommentNode):
                continue
            if isinstance(node, LatexCharsNode):
                self._chars(node, state)
            elif isinstance(node, LatexMacroNode):
                i = self._macro(node, nodes, i, state)
            elif isinstance(node, LatexEnvironmentNode):
                self._environment(node, state)
            elif isinstance(node, LatexGroupNode):
                if not state.sink.skip_options:
                    self._flow_nodes(node.nodelist, state.inner())
            elif isinstance(node, LatexSpecialsNode):
                if node.specials_chars == "&" and state.sink.table is not None:
                    state.sink.table.end_cell()
                else:
                    state.add(self._node_text(node), self.line(node))
            elif isinstance(node, LatexMathNode):
                state.add(self._node_text(node), self.line(node))

    def _chars(self, node: LatexCharsNode, state: _Flow) -> None:
        text = node.chars
        if state.sink.skip_options:
            end = text.find("]")
            if end < 0 and not PARAGRAPH_BREAK.search(text):
                return
            state.sink.skip_options = False
            text = text[end + 1:] if end >= 0 else ""
        if state.sink.skip_dimension:
            text = DIMENSION.sub("", text, count=1)
            state.sink.skip_dimension = False
        parts = PARAGRAPH_BREAK.split(text)
        line = self.line(node)
        for number, part in enumerate(parts):
            if number:
                state.sink.paragraph_break()
            if part:
                lead = part[:len(part) - len(part.lstrip())]
                state.add(_ligatures(part), line + lead.count("\n"))
            line += part.count("\n") + (2 if number < len(parts) - 1 else 0)

    def _macro(self, node: LatexMacroNode, nodes: list, i: int, state: _Flow) -> int:
        """Read one macro; returns the index of the next node to read (a macro the page does not
        define may take the brace groups after it)."""
        name = node.macroname
        line = self.line(node)
        args = _arguments(node)
        if name in ("def", "gdef", "edef", "xdef"):
            return _skip_def(nodes, i)
        if name in DEFINITIONS:
            return i
        definition = self.definitions.get(name)
        if definition is not None:
            self._expand(node, definition, state)
            return i
        if name in HEADING_LEVELS and args:
            state.sink.end_paragraph()
            heading = Block(HEADING, line, level=HEADING_LEVELS[name])
            self._inline(args[-1], heading, state.marks)
            if heading.spans:
                state.sink.container.children.append(heading)
            return i
        if name in ("item", "bibitem"):
            state.sink.start_item(line, _argument_text(args[0]) if args and args[0] is not None else "")
            return i
        if name in LINE_BREAKS:
            if state.sink.table is not None:
                state.sink.table.end_row()
            else:
                state.sink.line_break(line)
            return i
        if name in PARAGRAPH_BREAKS:
            state.sink.paragraph_break()
        if name in ASSIGNMENTS:
            state.sink.skip_dimension = True
            return i
        if name in BOLD_SWITCHES and not args:
            state.marks = replace(state.marks, bold=True)
            return i
        if name in ITALIC_SWITCHES and not args:
            state.marks = replace(state.marks, italic=True)
            return i
        if name in BOLD_MACROS | ITALIC_MACROS | TEXT_MACROS and args:
            marks = state.marks
            if name in BOLD_MACROS:
                marks = replace(marks, bold=True)
            elif name in ITALIC_MACROS:
                marks = replace(marks, italic=True)
            self._flow_nodes(_argument_nodes(args[-1]), state.inner(marks))
            return i
        if name == "href" and len(args) >= 2 or name == "href" and i + 1 < len(nodes):
            if len(args) < 2:  # \href unknown to the walker: its two groups follow it
                groups, i = _following_groups(nodes, i, 2)
                args = groups
            if len(args) >= 2:
                url = _argument_text(args[-2]).strip()
                self._flow_nodes(_argument_nodes(args[-1]), state.inner(replace(state.marks, href=url)))
                return i
        if name == "url" and args:
            url = _argument_text(args[0]).strip()
            state.add(url, line, replace(state.marks, href=url))
            return i
        if node.nodeargd is None or not args:
            if i < len(nodes) and isinstance(nodes[i], LatexCharsNode) and nodes[i].chars.startswith("["):
                state.sink.skip_options = True  # an unknown macro's [options] are settings
            groups, after = _following_groups(nodes, i, 9)
            if len(groups) >= 2 and not state.sink.in_inline:
                self._entry_macro(groups, line, state)
                return after
            if len(groups) == 1 and SETTINGS.match(_argument_verbatim(groups[0])):
                return after  # \addfontfeature{Numbers=OldStyle}
        text = self._node_text(node)
        if text.strip():
            state.add(text, line)
        return i

    def _entry_macro(self, groups: list, line: int, state: _Flow) -> None:
        """``\\cventry{2019}{Title}{Venue}{}{}{}``: one entry, each non-empty argument a line."""
        state.sink.end_paragraph()
        entry = Block(GROUP, line)
        for group in groups:
            field = Block(PARAGRAPH, line)
            self._inline(group, field, state.marks)
            if field.spans and "".join(s.text for s in field.spans).strip():
                entry.children.append(field)
        if len(entry.children) == 1:
            entry = entry.children[0]
        if entry.children or entry.spans:
            state.sink.add_block(entry)

    def _expand(self, node: LatexMacroNode, definition: Definition, state: _Flow) -> None:
        """Read the macro's body with its arguments put in, as TeX would."""
        args = _arguments(node)
        if definition.arguments and not args:
            args = []
        values = [_argument_verbatim(a) for a in args]
        if definition.default is not None and values and args[0] is None:
            values[0] = definition.default
        body = ARGUMENT_MARK.sub(lambda m: values[int(m.group(1)) - 1]
                                 if 0 < int(m.group(1)) <= len(values) else "", definition.body)
        self.budget -= len(body)
        if self.depth >= MAX_EXPANSION_DEPTH or self.budget < 0:
            for value in values:  # too deep: the arguments' text, unexpanded
                state.add(" " + value, self.line(node))
            return
        outer_line = self.expansion_line
        self.expansion_line = self.line(node)
        self.depth += 1
        try:
            self._flow_nodes(self.parse(body), state)
        finally:
            self.depth -= 1
            self.expansion_line = outer_line

    def _environment(self, node: LatexEnvironmentNode, state: _Flow) -> None:
        name = node.environmentname
        if name in SKIPPED_ENVIRONMENTS:
            return
        line = self.line(node)
        if name in TABLE_ENVIRONMENTS:
            state.sink.end_paragraph()
            sink = _Sink(Block(GROUP, line))
            sink.table = _Table(line)
            self._flow_nodes(node.nodelist, _Flow(sink, state.marks))
            sink.table.end_row()
            block = sink.table.block()
            if block.children:
                state.sink.add_block(block)
            return
        if name in LIST_ENVIRONMENTS or _holds_items(node.nodelist):
            state.sink.end_paragraph()
            listing = Block(LIST, line, ordered=name in ("enumerate", "thebibliography", "etaremune"))
            sink = _Sink(listing)
            self._flow_nodes(node.nodelist, _Flow(sink, state.marks))
            sink.end_paragraph()
            if listing.children:
                state.sink.add_block(listing)
            return
        state.sink.end_paragraph(keep_item=True)
        self._flow_nodes(node.nodelist, state)
        state.sink.end_paragraph(keep_item=True)

    # inline level ---------------------------------------------------------------------------

    def _inline(self, argument, block: Block, marks: Marks) -> None:
        """The argument's inline spans into ``block.spans`` (line breaks become spaces)."""
        holder = Block(GROUP, block.line)
        sink = _Sink(holder)
        sink.in_inline = True
        self._flow_nodes(_argument_nodes(argument), _Flow(sink, marks))
        sink.end_paragraph()
        for child in holder.walk():
            for span in child.spans:
                block.spans.append(Span(" ", span.line) if span.br else span)

    def _node_text(self, node) -> str:
        try:
            return _text_converter().node_to_text(node)
        except (RecursionError, ValueError, TypeError, IndexError, AttributeError, KeyError):
            return node.latex_verbatim() if isinstance(node, LatexCharsNode) else ""


class _Sink:
    """Where the walk writes: the container, the paragraph being gathered, the current item or
    table. Shared by a group and the groups inside it."""

    def __init__(self, container: Block):
        self.container = container
        self.spans: list[Span] = []
        self.item: Block | None = None
        self.in_inline = False
        self.table: _Table | None = None
        self.skip_dimension = False
        self.skip_options = False

    def add(self, text: str, line: int, marks: Marks) -> None:
        if not text:
            return
        span = Span(text.replace("\xa0", " "), line, bold=marks.bold, italic=marks.italic, href=marks.href)
        (self.table.cell if self.table is not None else self.spans).append(span)

    def line_break(self, line: int) -> None:
        if self.spans:
            self.spans.append(Span("", line, br=True))

    def paragraph_break(self) -> None:
        if self.table is None:
            self.end_paragraph(keep_item=True)

    def start_item(self, line: int, label: str) -> None:
        self.end_paragraph()
        self.item = Block(ITEM, line, label=" ".join(label.split()))
        self.container.children.append(self.item)

    def add_block(self, block: Block) -> None:
        self.end_paragraph(keep_item=True)
        (self.item or self.container).children.append(block)

    def end_paragraph(self, keep_item: bool = False) -> None:
        spans = _trimmed(self.spans)
        self.spans = []
        if spans:
            if self.item is not None and not self.item.spans and not self.item.children:
                self.item.spans = spans
            else:
                (self.item or self.container).children.append(Block(PARAGRAPH, spans[0].line, spans=spans))
        if not keep_item:
            self.item = None


@dataclass(slots=True)
class _Flow:
    """A sink with the marks in force: a font switch (``{\\bf ...}``) ends with its group."""

    sink: _Sink
    marks: Marks

    def inner(self, marks: Marks | None = None) -> _Flow:
        return _Flow(self.sink, self.marks if marks is None else marks)

    def add(self, text: str, line: int, marks: Marks | None = None) -> None:
        self.sink.add(text, line, marks or self.marks)


def _trimmed(spans: list[Span]) -> list[Span]:
    """Spans without leading/trailing blanks and breaks; empty when only whitespace is left."""
    while spans and (spans[0].br or not spans[0].text.strip()):
        spans = spans[1:]
    while spans and (spans[-1].br or not spans[-1].text.strip()):
        spans = spans[:-1]
    return spans


class _Table:
    """Rows of cells gathered from ``&`` and ``\\\\``; a row whose first cell is empty continues
    the row above (a CV's year column spans the lines of its entry)."""

    def __init__(self, line: int):
        self.line = line
        self.rows: list[tuple[int, list[list[Span]]]] = []
        self.row: list[list[Span]] = []
        self.cell: list[Span] = []

    def end_cell(self) -> None:
        self.row.append(_trimmed(self.cell))
        self.cell = []

    def end_row(self) -> None:
        self.end_cell()
        if any(self.row):
            self.rows.append((next(cell[0].line for cell in self.row if cell), self.row))
        self.row = []

    def block(self) -> Block:
        table = Block(TABLE, self.line)
        for line, cells in self.rows:
            if table.children and not cells[0] and len(cells) > 1:
                previous = table.children[-1]
                _continue_row(previous, [c for c in cells[1:] if c], line)
                continue
            row = Block(ROW, line)
            for cell in cells:
                if cell:
                    row.children.append(Block(CELL, cell[0].line, spans=cell))
            if row.children:
                table.children.append(row)
        return table


def _continue_row(row: Block, cells: list[list[Span]], line: int) -> None:
    """Put a continuation row's cells under the last cell of the row above, one line each."""
    last = row.children[-1]
    if last.spans:
        last.children.append(Block(PARAGRAPH, last.line, spans=last.spans))
        last.spans = []
    for cell in cells:
        last.children.append(Block(PARAGRAPH, line, spans=cell))


# -- the walker -----------------------------------------------------------------------------

class _RunWalker(LatexWalker):
    """pylatexenc's walker, reading a run of ordinary characters as one token where it gathers
    characters into a text node anyway. The stock walker takes one token per character (some
    300,000 a LaTeX CV), each tested against every special: most of a page's reading time.

    Only the node reader's own loop (``get_latex_nodes``' ``do_read``) gets runs: it concatenates
    consecutive character tokens with the spaces before them, so one run of the same characters
    makes the same text node. Every other caller (a macro's argument: ``\\textbf x`` takes one
    character; a star or an option looked for) still gets one character. A run stops before
    whitespace that is followed by anything but an ordinary character, so that the space before
    a macro or a brace is that token's, as it is character by character."""

    def get_token(self, pos, include_brace_chars=None, environments=True, keep_inline_math=None,
                  parsing_state=None, **kwargs):
        brace = BRACE.match(self.s, pos)
        if brace and "\n\n" not in brace.group(1):
            # a brace after spaces (no blank line) is that brace whatever the state: the stock
            # walker tests spaces, escapes and comments first, which it passes
            return LatexToken(tok="brace_open" if brace.group(2) == "{" else "brace_close", arg=brace.group(2),
                              pos=brace.start(2), len=1, pre_space=brace.group(1))
        macro = _macro_token(self.s, pos, environments)
        if macro is not None:
            return macro
        in_text = parsing_state is not None and sys._getframe(1).f_code.co_name == "do_read"
        if in_text and not kwargs:
            # spaces (no blank line) then an ordinary character: a character token with those
            # spaces before it, read without the stock walker's tests, which it would pass
            starting, _ = _ordinary_runs(parsing_state.latex_context, tuple(include_brace_chars or ()))
            run = starting.match(self.s, pos)
            if run and "\n\n" not in run.group(1):
                return LatexToken(tok="char", arg=run.group(2), pos=run.start(2), len=run.end() - run.start(2),
                                  pre_space=run.group(1))
        token = super().get_token(pos, include_brace_chars=include_brace_chars, environments=environments,
                                  keep_inline_math=keep_inline_math, parsing_state=parsing_state, **kwargs)
        if token.tok != "char" or token.len != 1 or not in_text:
            return token
        _, continuing = _ordinary_runs(parsing_state.latex_context, tuple(include_brace_chars or ()))
        end = continuing.match(self.s, token.pos + 1).end()
        if end == token.pos + 1:
            return token
        return LatexToken(tok="char", arg=self.s[token.pos:end], pos=token.pos, len=end - token.pos,
                          pre_space=token.pre_space)

    def get_latex_expression(self, pos, strict_braces=None, parsing_state=None):
        """A brace after spaces (no blank line) is read as its group, as the stock walker does
        once it has tokenised it (``strict_braces`` only matters to a walker that is not
        tolerant)."""
        brace = BRACE.match(self.s, pos)
        if parsing_state is not None and brace and brace.group(2) == "{" and "\n\n" not in brace.group(1):
            return self.get_latex_braced_group(brace.start(2), parsing_state=parsing_state)
        return super().get_latex_expression(pos, strict_braces=strict_braces, parsing_state=parsing_state)

    def get_latex_maybe_optional_arg(self, pos, parsing_state=None):
        """No optional argument unless a bracket follows (spaces between, no blank line): what
        the stock walker finds after reading the whole token that follows."""
        space = SPACES.match(self.s, pos)
        if not self.s.startswith("[", space.end()) or "\n\n" in space.group():
            return None
        return super().get_latex_maybe_optional_arg(pos, parsing_state=parsing_state)

    def get_latex_braced_group(self, pos, brace_type="{", parsing_state=None):
        """A group of plain characters read at once: the one text node (none when it is empty)
        that the stock walker gathers from its tokens one by one. Most groups of a page are so
        (``\\emph{Venue}``, an ``\\href``'s URL)."""
        if parsing_state is not None and brace_type in CLOSING_BRACES:
            plain = _plain_group(parsing_state.latex_context, brace_type).match(self.s, pos)
            if plain:
                text = plain.group(1)
                nodes = [self.make_node(LatexCharsNode, parsing_state=parsing_state, chars=text, pos=pos + 1,
                                        len=len(text))] if text else []
                return self._mknodeposlen(LatexGroupNode, nodelist=nodes, parsing_state=parsing_state,
                                          delimiters=(brace_type, CLOSING_BRACES[brace_type]), pos=pos,
                                          len=plain.end() - pos)
        return super().get_latex_braced_group(pos, brace_type=brace_type, parsing_state=parsing_state)


# Spaces, then a curly brace: always a brace token.
BRACE = re.compile(r"(\s*)([{}])")
CLOSING_BRACES = {"{": "}", "[": "]"}
SPACES = re.compile(r"\s*")
# Spaces, then a macro of ASCII letters, then the spaces it swallows.
MACRO_TOKEN = re.compile(r"(\s*)\\([A-Za-z]+)(\s*)")


def _macro_token(text: str, pos: int, environments: bool) -> LatexToken | None:
    """The macro token at ``pos`` as the stock walker reads it (the spaces after a macro of
    letters are its own, up to a blank line); None where it would read something else or a
    longer name (a letter beyond ASCII), and for ``\\begin``/``\\end`` read as environments."""
    macro = MACRO_TOKEN.match(text, pos)
    if (macro is None or "\n\n" in macro.group(1) or text[macro.end(2):macro.end(2) + 1].isalpha()
            or environments and macro.group(2) in ("begin", "end")):
        return None
    after = macro.group(3)
    if "\n\n" in after:
        after = after[:after.index("\n\n")]
    start = macro.end(1)  # the backslash
    return LatexToken(tok="macro", arg=macro.group(2), pos=start, len=macro.end(2) - start + len(after),
                      pre_space=macro.group(1), post_space=after)


@lru_cache(maxsize=16)
def _ordinary_runs(context, brace_chars: tuple) -> tuple[re.Pattern, re.Pattern]:
    """Characters that are each a plain character token in ``context`` (not an escape, comment,
    brace, math shift or the first character of a special), with inner whitespace: a run from
    the spaces before its first one (the spaces and the run as groups), and the rest of a run
    after its first character."""
    ordinary = "[^\\s" + _stops(context, brace_chars) + "]"
    return re.compile(f"(\\s*)({ordinary}(?:\\s*{ordinary})*)"), re.compile(f"(?:\\s*{ordinary})*")


@lru_cache(maxsize=16)
def _plain_group(context, opening: str) -> re.Pattern:
    """A group opened by ``opening`` holding only ordinary characters and whitespace (its text
    as the group), closed by its closing brace."""
    closing = CLOSING_BRACES[opening]
    return re.compile(re.escape(opening) + "([^" + _stops(context, ((opening, closing),)) + "]*)"
                      + re.escape(closing))


def _stops(context, brace_chars: tuple) -> str:
    """The characters that end a run of plain characters in ``context``, escaped for a class."""
    specials = {chars[0] for category in context.category_list for chars in context.d[category]["specials"]}
    stops = set("\\%{}$") | specials | {c for pair in brace_chars for c in pair}
    return "".join(re.escape(c) for c in sorted(stops))


# -- node helpers ---------------------------------------------------------------------------

@lru_cache(maxsize=64)
def _context(user_macros: tuple):
    """pylatexenc's default context with the page's macros and argument-taking link macros."""
    # The walker tries every "special" at every character; the typographic ones (``--``, ``~``)
    # are cheaper replaced in the text (``LIGATURES``), leaving it ``&`` only.
    db = get_default_latex_context_db().filter_context(exclude_categories=["nonascii-specials"])
    specs = [MacroSpec("href", "[{{"), MacroSpec("marginpar", "[{"), MacroSpec("bibitem", "[{"),
             MacroSpec("cvsection", "{"), MacroSpec("cvsubsection", "{"), MacroSpec("textcolor", "{{"),
             MacroSpec("uline", "{"), MacroSpec("colorbox", "{{")]
    for name, arguments, optional in user_macros:
        if arguments:
            specs.append(MacroSpec(name, ("[" if optional else "{") + "{" * (arguments - 1)))
        else:
            specs.append(MacroSpec(name, ""))
    environments = [EnvironmentSpec("minipage", "[[[{"), EnvironmentSpec("adjustwidth", "{{"),
                    EnvironmentSpec("multicols", "{"), EnvironmentSpec("tabularx", "{{"),
                    EnvironmentSpec("tabular*", "{[{"), EnvironmentSpec("longtable", "[{"),
                    EnvironmentSpec("wrapfigure", "[{[{"), EnvironmentSpec("thebibliography", "{"),
                    EnvironmentSpec("cvitems", ""), EnvironmentSpec("tabulary", "{{")]
    db.add_context_category("pubexport-page", prepend=True, macros=specs, environments=environments)
    return db


def _arguments(node: LatexMacroNode) -> list:
    args = node.nodeargd.argnlist if node.nodeargd is not None and node.nodeargd.argnlist else []
    return [a for a in args] if args else []


def _argument_nodes(argument) -> list:
    if argument is None:
        return []
    if isinstance(argument, LatexGroupNode):
        return argument.nodelist
    return [argument]


def _argument_verbatim(argument) -> str:
    if argument is None:
        return ""
    if isinstance(argument, LatexGroupNode):
        return "".join(n.latex_verbatim() for n in argument.nodelist if n is not None)
    return argument.latex_verbatim()


def _argument_text(argument) -> str:
    return _text_converter().nodelist_to_text(_argument_nodes(argument))


def _following_groups(nodes: list, i: int, most: int) -> tuple[list, int]:
    """The brace groups right after position i (only spaces or one newline between them)."""
    groups = []
    while i < len(nodes) and len(groups) < most:
        node = nodes[i]
        if isinstance(node, LatexGroupNode) and node.delimiters == ("{", "}"):
            groups.append(node)
            i += 1
        elif isinstance(node, LatexCharsNode) and not node.chars.strip() and node.chars.count("\n") <= 1:
            if i + 1 < len(nodes) and isinstance(nodes[i + 1], LatexGroupNode):
                i += 1
            else:
                break
        elif isinstance(node, LatexCommentNode):
            i += 1
        else:
            break
    return groups, i


def _skip_def(nodes: list, i: int) -> int:
    """After ``\\def``: its name, its parameter text and its body are no content."""
    if i < len(nodes) and isinstance(nodes[i], LatexMacroNode):
        i += 1
    while i < len(nodes) and isinstance(nodes[i], LatexCharsNode) and not PARAMETERS.sub("", nodes[i].chars).strip():
        i += 1
    if i < len(nodes) and isinstance(nodes[i], LatexGroupNode):
        i += 1
    return i


def _holds_items(nodes: list) -> bool:
    return any(isinstance(n, LatexMacroNode) and n.macroname in ("item", "bibitem") for n in nodes)
