"""Find the publication entries of a page: where they are, not what they say.

The repaired page (see ``repair``) is cut into sections by its headings, in any syntax:
``# Heading``, underlined, ALL CAPS, ``**Heading**`` or a lone line such as ``Selected Work``
(HTML ``<h2>`` and LaTeX ``\\section`` arrive as ``#`` headings). Each heading is classed by its
words (``section_kind``): ``publications``, ``news``, ``skip`` (Education, Service, ...) or
``other``; a sub-heading with no class of its own (``### Topic: ...``) inherits its parent's.

Inside a section, list items and paragraphs become units, and each unit gets a shape that
tells the parser how to read it (``SHAPES`` in ``parser``):

- ``news``: an item of a news section;
- ``list``: several lines (title line, author line, venue line, description);
- ``reference``: one line holding a whole reference;
- ``block``: a plain-text title line followed, after a blank line, by a venue/year line;
- ``citation``: ``**Title**[3]``, a mention citing entry [3] of the page's list (any section).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .headings import NEWS, OTHER, PUBLICATIONS, SECTION_SKIP, SKIP, STRONG_PUB, fold_heading, heading_kind
from .models import Document, Entry, Source
from .names import link_texts, looks_like_authors, looks_like_name, looks_like_several_names
from .repair import Line
from .venues import find_venue, find_year

UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
BOLD_LINE = re.compile(r"^\s*\*\*([^*]+?)\*\*\s*:?\s*$")
# A reference label may carry a letter for its list: [3], [J3] (journal), [c6] (dblp's conference).
ITEM = re.compile(r"^\s*(?:[-*+•●▪◦‣·]|\d{1,3}[.)]|\(\d{1,3}\))\s+|^\s*(?=\[[A-Za-z]{0,2}\d{1,3}\])")
LABEL = re.compile(r"^\s*\[([A-Za-z]{0,2}\d{1,3})\]\s*")
CITATION = re.compile(r"^\s*\*\*([^*]{10,}?)\*\*\s*[.:]?\s*\[(\d{1,3})\]")
SENTENCE_END = re.compile(r"[.!?:;]\s*$")
HEADING_MAX_WORDS = 8
NON_LETTERS = re.compile(r"[^A-Za-z]")
LOWER_ASCII = re.compile(r"[a-z]")
DIGIT = re.compile(r"\d")
HEADING_MARKUP = re.compile(r"[*_`#]+")
HEADING_PUNCTUATION = re.compile(r"[^\w\s&/,:()'+-]")
EMPHASIS = re.compile(r"[*_]")
NAME_MARKS = re.compile(r"[*†‡]+")
INITIAL_AND_NAME = re.compile(r"^[A-Z]\. ?\w+")
# Guards that keep the cost of a page linear: a logical line this long is no entry (minified
# script, a whole text on one line) and is read as a blank line; a paragraph of more lines than
# this is a list written without blank lines or item marks, and each of its lines is read alone.
MAX_LINE_CHARS = 10_000
MAX_UNIT_LINES = 100


@dataclass
class Section:
    title: str
    level: int
    kind: str
    lines: list[Line] = field(default_factory=list)
    line: int = 0  # the heading's line number
    names_entry: bool = False  # a sub-heading without words of its own kind: it may be a paper's title


def _is_item(text: str) -> bool:
    return bool(ITEM.match(text))


def _md_heading(text: str) -> tuple[str, int] | None:
    """(title, level) of ``## Title ##`` (up to three spaces before the marks); no regex, so
    no backtracking on a long line of ``#``s."""
    indent = len(text) - len(text.lstrip())
    if indent > 3 or text[indent:indent + 1] != "#":
        return None
    marks = len(text) - indent - len(text[indent:].lstrip("#"))
    level = min(marks, 6)
    title = text[indent + level:].strip().rstrip("#").rstrip()
    return (title, level) if title else None


def _heading(lines: list[Line], i: int) -> tuple[str, int, int] | None:
    """(title, level, lines used) when line i starts a heading."""
    text = lines[i].text
    stripped = text.strip()
    if not stripped:
        return None
    if stripped[0] == "#":
        found = _md_heading(text)
        if found:
            return found[0], found[1], 1
    elif len(stripped) > 120:
        return None  # too long for a heading
    words = stripped.split()
    if len(words) > HEADING_MAX_WORDS or _is_item(text):
        return None
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    if UNDERLINE.match(nxt) and len(nxt.strip()) >= 3:
        return stripped, 1 if "=" in nxt else 2, 2
    if "**" in stripped:
        bold = BOLD_LINE.match(text)  # (a bold link's words are its text: ``papers/`` in its address is none)
        if bold and heading_kind(link_texts(bold.group(1))) and not _names_venue(bold.group(1)):
            return bold.group(1), 4, 1
    elif not LOWER_ASCII.search(stripped):
        letters = NON_LETTERS.sub("", stripped)
        if (len(letters) >= 3 and letters.isupper() and not DIGIT.search(stripped)
                and (heading_kind(stripped) or not (_venue_follows(lines, i) or find_venue(stripped)))):
            return stripped, 1, 1  # (a title in capitals has its venue line below it; a lone venue
            # acronym is an entry's badge, as al-folio prints it)
    if (len(words) <= 4 and not nxt.strip() and (i == 0 or not lines[i - 1].text.strip())
            and "](" not in stripped and "**" not in stripped and not SENTENCE_END.search(stripped)
            and heading_kind(stripped) and not _names_venue(stripped) and not _venue_follows(lines, i)):
        return stripped, 1, 1
    return None


def _venue_follows(lines: list[Line], i: int) -> bool:
    """The next non-blank line within three after line i is a venue line."""
    return is_venue_line(next((line.text for line in lines[i + 1:i + 4] if line.text.strip()), ""))


def _names_venue(text: str) -> bool:
    """A venue line naming a known venue (``arXiv preprint arXiv:1304.4920, 2013``): its words may
    be heading words (preprint), but it is the venue of the entry above, not a heading."""
    return bool(find_venue(text)) and is_venue_line(text)


def split_sections(lines: list[Line], page_title: str = "") -> list[Section]:
    """The page cut at its headings; the text before the first one stands under the page's own
    title (a site generator's ``title: Publications``), which is no parent of the headings."""
    sections = [Section(_plain_heading(page_title), 0, heading_kind(page_title) or OTHER if page_title else OTHER)]
    stack: list[Section] = []
    i = 0
    while i < len(lines):
        found = _heading(lines, i)
        if not found:
            sections[-1].lines.append(lines[i])
            i += 1
            continue
        title, level, used = found
        while stack and stack[-1].level >= level:
            stack.pop()
        kind = heading_kind(title)
        parent = stack[-1] if stack else None
        if parent and parent.kind in (PUBLICATIONS, NEWS) and kind in (None, SKIP, OTHER):
            # a topic sub-heading stays in its publications section
            kind = SKIP if SECTION_SKIP.search(fold_heading(title)) else parent.kind
        elif parent and parent.kind == SKIP and (kind in (None, OTHER) or (
                kind == PUBLICATIONS and not STRONG_PUB.search(fold_heading(title)))):
            kind = SKIP  # "Conference Posters" under Presentations: a kind of talk, no paper
        section = Section(_plain_heading(title), level, kind or OTHER, line=lines[i].number)
        section.names_entry = _may_name_entry(section, title)
        sections.append(section)
        stack.append(section)
        i += used
    sections = [s for s in sections if s.lines]
    _continue_entry_headings(sections)
    return sections


def _may_name_entry(section: Section, heading: str) -> bool:
    """A sub-heading in a publications section that does not name a kind of publication itself
    may be a paper's title: its words may be heading words (``Teaching Robots ...``, ``... no
    Ensino``) and still have left it in the section."""
    return section.level >= 3 and section.kind == PUBLICATIONS and heading_kind(heading) != PUBLICATIONS


def _continue_entry_headings(sections: list[Section]) -> None:
    """Headings that each title one entry are one list, whatever their levels: one that titles an
    entry right after another such heading, at its level or above it (a page that writes some of
    its entries a level higher), stays in that heading's section kind instead of leaving it."""
    before = None
    for section in sections:
        titles_entry = section.level >= 3 and heading_kind(section.title) != PUBLICATIONS and _heads_one_entry(
            section, _units(section.lines))
        if titles_entry and before is not None and before.level >= section.level:
            section.kind = before.kind
            section.names_entry = _may_name_entry(section, section.title)
        before = section if titles_entry else None


def _plain_heading(title: str) -> str:
    title = HEADING_MARKUP.sub("", title)
    return " ".join(HEADING_PUNCTUATION.sub(" ", title).split())


# -- units ----------------------------------------------------------------------------------

def _units(lines: list[Line]) -> list[tuple[list[Line], bool]]:
    """List items and paragraphs: (logical lines, is a list item)."""
    units: list[tuple[list[Line], bool]] = []
    current: list[Line] = []
    is_item = False
    for line in lines:
        if not line.text.strip() or len(line.text) > MAX_LINE_CHARS:
            if current:
                units.append((current, is_item))
            current, is_item = [], False
        elif _is_item(line.text) and not _open_link(current) and not (current and _is_link_row(line.text)):
            if current:
                units.append((current, is_item))
            current, is_item = [line], True
        else:
            current.append(line)
    if current:
        units.append((current, is_item))
    out = []
    for unit, item in units:
        unit = _join_broken_links(unit)
        if len(unit) > MAX_UNIT_LINES:
            out += [([line], False) for line in unit]
        else:
            out.append((unit, item))
    return out


def _is_link_row(text: str) -> bool:
    """A line of generic links opened by a separator that reads as a bullet (``· [DOI](..) · [PDF](..)``,
    the cited-by counter before the first dot empty): the links of the entry above, no item."""
    if "](" not in text:
        return False
    from .parser import link_row  # (the parser reads the finder's shapes)

    return link_row(text) is not None


def _open_link(lines: list[Line]) -> bool:
    return bool(lines) and lines[-1].text.count("[") > lines[-1].text.count("]")


def _join_broken_links(lines: list[Line]) -> list[Line]:
    """A link text broken across lines (``[Title with\\nmore](url)``) becomes one line."""
    out: list[Line] = []
    for line in lines:
        if out and _open_link(out) and "](" in line.text:
            out[-1] = Line(out[-1].number, out[-1].text.rstrip() + " " + line.text.strip())
        else:
            out.append(line)
    return out


@lru_cache(maxsize=16384)
def is_venue_line(text: str) -> bool:
    """A short line naming a venue and/or year and nothing else (``IEEE TIFS, 2021``)."""
    plain = EMPHASIS.sub("", text).strip()
    if not plain or len(plain.split()) > 14 or plain.endswith("."):
        return False
    return bool(find_year(plain) or find_venue(plain)) and not looks_like_authors(plain)


def _is_title_line(text: str) -> bool:
    """A lone line that may be a title; capitalised words without a second name or an initial
    count (``Neural Radiance Fields``), since the unit before is checked for a title first."""
    plain = text.strip()
    words = plain.split()
    return (2 <= len(words) <= 40 and not plain.endswith(".") and not is_venue_line(plain)
            and not looks_like_several_names(plain) and not _is_item(plain))


def _single_line(unit: tuple[list[Line], bool]) -> str | None:
    """The text of a one-line paragraph that is no list item, else None."""
    lines, is_item = unit
    return lines[0].text if len(lines) == 1 and not is_item else None


def _block_of_three(units: list[tuple[list[Line], bool]], i: int) -> bool:
    """Three one-line paragraphs: a title, an author list, a venue/year line."""
    if i + 2 >= len(units):
        return False
    title, authors, venue = (_single_line(u) for u in units[i:i + 3])
    return (title is not None and authors is not None and venue is not None and is_venue_line(venue)
            and _is_author_line(authors) and _is_title_line(title) and not looks_like_authors(title))


def _title_over_authors(units: list[tuple[list[Line], bool]], i: int) -> bool:
    """A one-line title paragraph over a paragraph of the entry's author line and venue line."""
    if i + 1 >= len(units):
        return False
    title, (rest, rest_is_item) = _single_line(units[i]), units[i + 1]
    return (title is not None and not rest_is_item and len(rest) == 2 and _is_author_line(rest[0].text)
            and is_venue_line(link_texts(rest[1].text)) and _is_title_line(title))  # (the authors follow: a
    # title that reads like one name, ``Graph-based Neural Summarization``, is the title)


WITH_LINE = re.compile(r"^\s*with\s+(?=\S)")
PREVIOUS_TITLE = re.compile(r"^\s*\(?\s*(?:previous(?:ly)?|formerly|earlier|originally)(?: title(?:d)?| appeared)?"
                            r"\s*[:,]?\s*[\"“]", re.I)


def _is_author_line(text: str) -> bool:
    """An author list, or the co-authors after ``with`` (``with A and B``: the owner is implicit)."""
    return looks_like_authors(link_texts(WITH_LINE.sub("", text, count=1)).rstrip(" ."))


def _continues_entry(unit: tuple[list[Line], bool]) -> bool:
    """A lone line that belongs to the entry above: its co-authors (``with A and B``) or the
    paper's former title (``(Previous title: "...")``)."""
    text = _single_line(unit)
    if text is None:
        return False
    return bool(PREVIOUS_TITLE.match(text)) or (bool(WITH_LINE.match(text)) and _is_author_line(text))


PROSE_MARKUP = re.compile(r"\*\*|\]\(|[\"“”_]|\*\w")
PROSE_WORD = re.compile(r"[^\W\d_]+")
PROSE_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
PROSE_LOWER_SHARE = 0.7
LONG_PROSE_WORDS = 40


def reads_as_prose(text: str, *, min_words: int = LONG_PROSE_WORDS) -> bool:
    """A paragraph of sentences, not a reference: at least ``min_words`` words, mostly lower case,
    ending a sentence, with no title markup (bold, italics, quotes, links) and no author list
    before its first period (an abstract, or a page's introduction naming the venues it lists)."""
    if len(text) < 2 * min_words or not text.rstrip().endswith((".", "!", "?")) or PROSE_MARKUP.search(text):
        return False  # (each word takes a letter and a space at least)
    plain = " ".join(text.split())
    words = PROSE_WORD.findall(plain)
    if len(words) < min_words or sum(w[0].islower() for w in words) < PROSE_LOWER_SHARE * len(words):
        return False
    head = PROSE_SENTENCE_END.split(plain, maxsplit=1)[0]
    return not looks_like_authors(head.partition(":")[0])


# A paragraph opening with its label (``**Abstract**:``, ``Resumo:``) is the abstract of a paper.
ABSTRACT_LABEL = re.compile(r"^\W{0,6}(?:abstract|summary|resumo|resumen|r[ée]sum[ée]|zusammenfassung|kurzfassung|"
                            r"riassunto|sommario|samenvatting|概要|摘要|要旨)\W{0,6}[:：]", re.I)


def opens_with_abstract_label(text: str) -> bool:
    return bool(ABSTRACT_LABEL.match(text))


def _shape_units(units: list[tuple[list[Line], bool]], kind: str) -> list[tuple[list[Line], str]]:
    shaped: list[tuple[list[Line], str]] = []
    i = 0
    while i < len(units):
        lines, is_item = units[i]
        first = lines[0].text
        if "**" in first and CITATION.match(ITEM.sub("", first, count=1)):
            shaped.append((lines, "citation"))
        elif kind == SKIP:
            pass
        elif kind == NEWS:
            shaped.append((lines, "news"))
        elif shaped and shaped[-1][1] in ("list", "reference", "block") and _continues_entry(units[i]):
            shaped[-1] = (shaped[-1][0] + lines, "list")
        elif reads_as_prose(" ".join(line.text for line in lines)):
            pass  # an abstract or an introduction, whatever venues it names
        elif _block_of_three(units, i):
            shaped.append((lines + units[i + 1][0] + units[i + 2][0], "list"))  # title, authors, venue
            i += 2
        elif _title_over_authors(units, i):
            shaped.append((lines + units[i + 1][0], "list"))  # title; authors and venue
            i += 1
        elif (_single_line(units[i]) is not None and i + 1 < len(units)
              and is_venue_line(_single_line(units[i + 1]) or "") and _is_title_line(first)):
            shaped.append((lines + units[i + 1][0], "block"))
            i += 1
        elif len(lines) > 1:
            shaped.append((lines, "list"))
        else:
            shaped.append((lines, "reference"))
        i += 1
    return shaped


# -- owner ----------------------------------------------------------------------------------

MARKED_NAME = re.compile(r"\*\*\s*(?:<u>)?([^*<>]{3,60}?)(?:</u>)?\s*\*\*")


def find_owner(texts: list[str]) -> str:
    """The name a page marks (bold or underlined) in the author lists of at least two entries."""
    counts: Counter[str] = Counter()
    for text in texts:
        if "**" not in text:
            continue
        seen = set()
        for match in MARKED_NAME.finditer(text):
            name = NAME_MARKS.sub("", match.group(1)).strip(" ,.;")
            if looks_like_name(name) and len(name.split()) >= 2 or INITIAL_AND_NAME.match(name):
                seen.add(name)
        counts.update(seen)
    if not counts:
        return ""
    name, count = counts.most_common(1)[0]
    return name if count >= 2 else ""


TITLED_KINDS = ("markdown", "html", "text")  # the pages a site generator may give a title in their settings
HEADING_ATTRIBUTES = re.compile(r"\s*\{[#.][^{}]*\}\s*$")


# A link to a place on the page itself (``[Back to top](#top)``) is navigation, no entry's text.
ANCHOR_LINK = re.compile(r"\[[^\[\]]*\]\(#[^()\s]*\)")
CLOSING_YEAR = re.compile(r"\s*\((?:19|20)\d\d\)\W*$")


def _heads_one_entry(section: Section, units: list[tuple[list[Line], bool]]) -> bool:
    """The section holds one entry (a link back up the page aside), opening with its author list
    (closed by its year or not: ``**Lee, A. (2021)**``), and its heading is no year or venue: the
    heading is its title."""
    worded = [u for u in units if any(ch.isalpha() for line in u[0] for ch in ANCHOR_LINK.sub("", line.text))]
    if len(worded) != 1 or worded[0] is not units[0] or is_venue_line(section.title) or len(section.title.split()) < 2:
        return False  # (a rule, ``---``, may follow the entry)
    first = EMPHASIS.sub("", ITEM.sub("", units[0][0][0].text, count=1)).strip()
    return looks_like_authors(CLOSING_YEAR.sub("", link_texts(first)))


def _titled_by_heading(section: Section, units: list[tuple[list[Line], bool]]) -> list[tuple[list[Line], bool]]:
    """A sub-heading over one entry that opens with its author list (``#### Title`` / ``**A, B**`` /
    ``*Venue, 2023*``, Quarto's and Hugo's paper-per-heading pages) is that entry's title: it becomes
    the entry's first line. A year or venue heading (``### 2023``, ``### ICML 2021``) is no title."""
    if not _heads_one_entry(section, units):
        return units
    lines, is_item = units[0]
    title = HEADING_ATTRIBUTES.sub("", section.title)
    return [([Line(section.line, f"**{title}**")] + lines, is_item)] + units[1:]


def find_entries(doc: Document) -> list[Entry]:
    """Every unit of the page that may hold a publication, with its section, shape and line."""
    from .reading import page_lines
    from .reading.sitegen import page_title

    lines = page_lines(doc)
    entries: list[Entry] = []
    for section in split_sections(lines, page_title(doc.text) if doc.kind in TITLED_KINDS else ""):
        units = _units(section.lines)
        if section.names_entry:
            units = _titled_by_heading(section, units)
        for unit, shape in _shape_units(units, section.kind):
            text = "\n".join(line.text for line in unit)
            first = unit[0].text
            label = LABEL.match(ITEM.sub("", first, count=1)) if "[" in first else None
            entries.append(Entry(text=text, source=Source(doc.path, unit[0].number), section=section.title,
                                 section_kind=section.kind, shape=shape, label=label.group(1) if label else ""))
    owner = find_owner([e.text for e in entries if e.section_kind == PUBLICATIONS])
    for entry in entries:
        entry.owner = owner
    return entries
