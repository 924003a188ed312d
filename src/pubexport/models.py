"""The plain data model passed between the stages of the pipeline.

Every stage takes and returns these dataclasses and nothing else, so a stage can be
tested, replaced or run alone:

    Document --finder--> Entry --parser--> Mention --merge--> Record --write--> file
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Entry types are CSL types (https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types);
# the BibTeX writer maps them to entry types.
PAPER_CONFERENCE = "paper-conference"
ARTICLE_JOURNAL = "article-journal"
PREPRINT = "article"  # CSL 1.0.2 has no "preprint": arXiv listings are "article" with publisher arXiv
PATENT = "patent"
REPORT = "report"
THESIS = "thesis"
BOOK = "book"
CHAPTER = "chapter"
UNKNOWN = ""


@dataclass(frozen=True, slots=True)
class Source:
    """Where a mention was read: the file and the 1-based line its entry starts on."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{printable_path(self.path)}:{self.line}"


def printable_path(path: str) -> str:
    """A file name as text every writer can encode: the bytes of a name that is not valid UTF-8
    (kept by Python as surrogate escapes, U+DC80-U+DCFF) are written as ``\\xe9``, so the name
    stays recognisable and exact instead of stopping the UTF-8 writers."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = path.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate no undecodable byte stands for
            return path.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return path


@dataclass(slots=True)
class Person:
    """One author. ``literal`` holds a name that cannot be split (an organisation, or
    ``"others"`` for a list cut short with *et al.*)."""

    family: str = ""
    given: str = ""
    literal: str = ""

    @property
    def is_others(self) -> bool:
        return self.literal.lower() in ("others", "et al.", "et al")

    def display(self) -> str:
        if self.literal:
            return self.literal
        return f"{self.given} {self.family}".strip()


OTHERS = Person(literal="others")


@dataclass(slots=True)
class Document:
    """One input file, decoded to text (before repair)."""

    path: str
    text: str
    kind: str = "text"  # text | markdown | html | latex | bibtex | csljson


@dataclass(slots=True)
class Entry:
    """One publication entry located by the finder: its raw lines and where it came from.

    ``section`` is the heading the entry stands under; ``shape`` names the entry shape the
    finder recognised (news, list, reference, block, html, latex), which guides the parser.
    """

    text: str
    source: Source
    section: str = ""
    section_kind: str = ""  # publications | news | other | skip: what the section is for
    shape: str = ""
    label: str = ""  # the entry's own reference label, e.g. "1" for "[1]"
    owner: str = ""  # the page owner's name when the page marks it


@dataclass(slots=True)
class Work:
    """The bibliographic fields shared by a mention and a merged record."""

    title: str = ""
    authors: list[Person] = field(default_factory=list)
    year: int | None = None
    venue: str = ""  # full name of the journal, conference or publisher series
    venue_acronym: str = ""  # e.g. "CVPR"
    type: str = UNKNOWN  # a CSL type, see the constants above
    doi: str = ""
    arxiv: str = ""  # bare id, e.g. "2104.00969" (no version)
    arxiv_class: str = ""  # e.g. "cs.CV"
    urls: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Oral, Spotlight, under review, equal contribution
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    number: str = ""  # patent or report number


@dataclass(slots=True)
class Mention(Work):
    """One sighting of a paper on one page.

    ``loose`` marks a mention that does not give the paper's title in its own words (a news
    item describing it, a bare link text): it only counts when it can join a titled mention.
    """

    source: Source = field(default_factory=lambda: Source("", 0))
    owner: str = ""
    loose: bool = False
    label: str = ""  # reference label on its page ("1" for "[1]"), to join cross-references
    section: str = ""  # the heading its entry stands under: two entries of one list are two papers
    news: bool = False  # its entry stands in a news section, which may announce one paper several times


@dataclass(slots=True)
class Record(Work):
    """One paper after merging: the best fields of all its mentions, and where each came from.

    A record does not hold its mentions (``sources`` says where they are): once merged, the
    mentions can be let go, which at a million of them is most of the memory."""

    key: str = ""  # citation key, set by the writer stage
    sources: list[Source] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)


class SharedValues:
    """The people and values already held, by what they are equal to (see ``share_equal_values``)."""

    __slots__ = ("people", "values")

    def __init__(self):
        self.people: dict[tuple, Person] = {}
        self.values: dict = {}


def share_equal_values(mentions: list[Mention], shared: SharedValues | None = None) -> list[Mention]:
    """Make the equal people, strings and years of mentions one object each (in place).

    The page owner is an author of nearly every entry, and a file path, a venue or a co-author
    recurs on many: held once, a page's mentions take far less memory (and a worker process's
    results stay shared when sent back, pickle keeping shared objects shared). ``shared`` holds
    the values of earlier calls: the reading keeps one for all pages, as a group's pages share
    co-authors and venues (people were a quarter of the mentions' memory; shared across pages, the
    mentions of 100k take a fifth less). Safe because no stage changes a Person or a mention's
    author list in place once extraction is done."""
    if shared is None:
        shared = SharedValues()
    people = shared.people
    share = shared.values.setdefault
    for m in mentions:
        if m.authors:
            m.authors = [people.setdefault((p.family, p.given, p.literal), p) for p in m.authors]
        path = share(m.source.path, m.source.path)
        if path is not m.source.path:
            m.source = Source(path, m.source.line)
        if m.year:
            m.year = share(m.year, m.year)
        m.venue, m.venue_acronym, m.owner = share(m.venue, m.venue), share(m.venue_acronym, m.venue_acronym), share(m.owner, m.owner)
        m.type, m.section, m.publisher = share(m.type, m.type), share(m.section, m.section), share(m.publisher, m.publisher)
    return mentions
