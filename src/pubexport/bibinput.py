"""Read existing bibliographies (.bib, CSL-JSON) as mentions, so they merge with profile pages.

The reading mirrors the writers (``bibtex``, ``csljson``): our own output read back gives the same
fields. Entries that cannot be read are skipped with a warning naming the file and line.
"""
from __future__ import annotations

import json
import logging
import re
from functools import lru_cache

from .citation import ARXIV_ID_RE, arxiv_url, is_arxiv_venue
from .gcpause import paused_gc
from .identifiers import bare_doi
from .latex import clean, to_text, unverbatim
from .models import (ARTICLE_JOURNAL, BOOK, CHAPTER, OTHERS, PAPER_CONFERENCE, PATENT, PREPRINT, REPORT, THESIS,
                     UNKNOWN, Document, Mention, Person, Source)

log = logging.getLogger("pubexport")


def mentions_from_bibliography(doc: Document) -> list[Mention]:
    with paused_gc():
        return _from_csljson(doc) if doc.kind == "csljson" else _from_bibtex(doc)


# --- BibTeX -----------------------------------------------------------------------------------

BIBTEX_TYPES = {
    "inproceedings": PAPER_CONFERENCE, "conference": PAPER_CONFERENCE,
    "article": ARTICLE_JOURNAL,
    "patent": PATENT,
    "techreport": REPORT, "report": REPORT,
    "phdthesis": THESIS, "mastersthesis": THESIS, "thesis": THESIS,
    "book": BOOK, "booklet": BOOK,
    "incollection": CHAPTER, "inbook": CHAPTER,
}
# What the BibTeX writer puts in howpublished for a @misc that has no venue.
_MISC_KINDS = {"technical report": REPORT, "thesis": THESIS, "patent": PATENT}
_ACRONYM_RE = re.compile(r"^(?P<venue>.*\S)\s+\((?P<acronym>[^()]{2,24})\)$")
_PAGE_RANGE_RE = re.compile(r"\s*-{1,3}\s*")
_LIST_SPLIT_RE = re.compile(r"\s*[,;]\s*")
_BARE_ARXIV_RE = re.compile(r"^((?:0[7-9]|1[0-4])\d\d\.\d{4}|(?:1[5-9]|[2-9]\d)\d\d\.\d{5})(?:v\d+)?$")


_STRING_BLOCK_RE = re.compile(r"@string", re.IGNORECASE)


def _from_bibtex(doc: Document) -> list[Mention]:
    import bibtexparser
    from bibtexparser.middlewares import ResolveStringReferencesMiddleware
    from bibtexparser.model import DuplicateBlockKeyBlock

    # bibtexparser's splitter alone; @string references are resolved only when the file defines
    # some, and enclosing braces or quotes are removed field by field (``_unenclosed``).
    resolve = [ResolveStringReferencesMiddleware()] if _STRING_BLOCK_RE.search(doc.text) else []
    library = bibtexparser.parse_string(doc.text, parse_stack=resolve)
    entries = list(library.entries)
    for block in library.failed_blocks:
        if isinstance(block, DuplicateBlockKeyBlock) and block.ignore_error_block is not None:
            entries.append(block.ignore_error_block)  # a repeated key is still a paper to read
        else:
            log.warning("%s:%d: unreadable BibTeX entry skipped", doc.path, (block.start_line or 0) + 1)
    entries.sort(key=lambda e: e.start_line or 0)
    mentions = []
    for entry in entries:
        source = Source(doc.path, (entry.start_line or 0) + 1)
        mention = _mention_from_entry(entry, source)
        if mention is None:
            log.warning("%s: BibTeX entry %s has no title; skipped", source, entry.key)
        else:
            mentions.append(mention)
    return mentions


_BRACE_RE = re.compile(r"(?<!\\)[{}]")
_BRACE_OR_QUOTE_RE = re.compile(r'(?<!\\)[{}"]')


def _unenclosed(value: str) -> str:
    """A field value without the braces or quotes enclosing all of it, as bibtexparser's
    RemoveEnclosingMiddleware reads it (a brace after a backslash does not count)."""
    if value[:1] == "{" and value[-1:] == "}" and len(value) >= 2:  # the usual case, stripped already
        inner = value[1:-1]
        if "{" not in inner and "}" not in inner:
            return value if inner.endswith("\\") else inner
    value = value.strip()
    if len(value) < 2:
        return value
    first, last = value[0], value[-1]
    if first == "{" and last == "}":
        inner = value[1:-1]
        if "{" not in inner and "}" not in inner:
            return value if inner.endswith("\\") else inner
        depth, end = 0, len(value) - 1
        for match in _BRACE_RE.finditer(value):
            depth += 1 if match.group() == "{" else -1
            if depth < 0 or (depth == 0 and match.start() != end):
                return value
        return inner if depth == 0 else value
    if first == '"' and last == '"':
        end = len(value) - 1
        if value.find('"', 1, end) < 0:
            return value[1:-1]
        depth = 0
        for match in _BRACE_OR_QUOTE_RE.finditer(value):
            char = match.group()
            if match.start() in (0, end):
                continue
            if char == "{":
                depth += 1
            elif char == "}":
                depth = max(depth - 1, 0)
            elif depth == 0:
                return value
        return value[1:-1]
    return value


def _split_acronym(venue: str) -> tuple[str, str]:
    """'Conference on X (CVPR)' -> ('Conference on X', 'CVPR')."""
    match = _ACRONYM_RE.match(venue)
    if match and any(c.isupper() for c in match["acronym"]):
        return match["venue"], match["acronym"]
    return venue, ""


_YEAR_RE = re.compile(r"\d{4}")
_VERSION_RE = re.compile(r"v\d+$")
# Fields whose values repeat from entry to entry (venues, publishers, arXiv fields): decoded once.
_REPEATED_FIELDS = frozenset("howpublished journal journaltitle shortjournal booktitle eventtitle publisher "
                             "institution school eprinttype archiveprefix primaryclass eprintclass".split())
_repeated_text = lru_cache(maxsize=16384)(to_text)


def _mention_from_entry(entry, source: Source) -> Mention | None:
    raw = {}
    for f in entry.fields:
        if isinstance(f.value, str):
            raw[f.key.lower()] = _unenclosed(f.value)

    def text(name: str) -> str:
        value = raw.get(name)
        if not value:
            return ""
        return _repeated_text(value) if name in _REPEATED_FIELDS else to_text(value)

    title = text("title")
    if not title:
        return None
    entry_type = entry.entry_type.lower()
    kind = BIBTEX_TYPES.get(entry_type, UNKNOWN)
    howpublished = text("howpublished")
    journal = text("journal") or text("journaltitle")
    note = text("note")
    eprint_type = (text("eprinttype") or text("archiveprefix")).lower()
    arxiv = text("eprint") if eprint_type == "arxiv" or (not eprint_type and "eprint" in raw) else ""
    if not arxiv:
        for candidate in (howpublished, journal, note, text("url")):
            found = ARXIV_ID_RE.search(candidate)
            if found:
                arxiv = found.group(1)
                break

    m = Mention(title=title, source=source, type=kind)
    m.authors = _people(raw.get("author", ""))
    year = _YEAR_RE.search(text("year") or text("date"))
    m.year = int(year.group()) if year else None
    m.volume = text("volume")
    m.pages = _PAGE_RANGE_RE.sub("-", text("pages"))
    m.publisher = text("publisher") or text("institution") or text("school")
    m.doi = bare_doi(unverbatim(raw.get("doi", "")))
    m.urls = [unverbatim(raw["url"])] if raw.get("url", "").strip() else []
    m.arxiv = _VERSION_RE.sub("", arxiv)
    m.arxiv_class = text("primaryclass") or text("eprintclass")
    m.urls = _without_arxiv_page(m.urls, m.arxiv)
    addendum = text("addendum")
    m.notes = [n for n in _LIST_SPLIT_RE.split(addendum) if n] if addendum else []
    if note:
        m.notes.append(note)

    if kind == ARTICLE_JOURNAL:
        m.venue, m.venue_acronym, m.issue = journal, text("shortjournal"), text("number")
        if is_arxiv_venue(journal):
            m.type, m.venue = PREPRINT, ""
    elif kind in (PAPER_CONFERENCE, CHAPTER):
        m.venue, m.venue_acronym = _split_acronym(text("booktitle") or text("eventtitle"))
    elif kind == UNKNOWN:
        m.type, venue = _misc_kind(howpublished, m.arxiv, eprint_type)
        m.venue, m.venue_acronym = _split_acronym(venue)
    if m.type in (PATENT, REPORT, UNKNOWN, PREPRINT):
        m.number = text("number")
    if m.type == PATENT and m.number and m.venue.endswith(m.number):
        m.venue = m.venue[: -len(m.number)].strip()
        m.venue = "" if m.venue.lower() == "patent" else m.venue
    return m


def _without_arxiv_page(urls: list[str], arxiv: str) -> list[str]:
    """The writers link a record without links to its arXiv page; that lone link is the id again."""
    return [] if arxiv and urls == [arxiv_url(arxiv)] else urls


def _misc_kind(howpublished: str, arxiv: str, eprint_type: str) -> tuple[str, str]:
    """The type and venue of a @misc entry, read from what it says in howpublished."""
    lowered = howpublished.lower()
    if is_arxiv_venue(howpublished) or (arxiv and not howpublished):
        return PREPRINT, "" if arxiv else "arXiv"
    if lowered in _MISC_KINDS:
        return _MISC_KINDS[lowered], ""
    if lowered.startswith("patent") or " patent" in lowered:
        return PATENT, howpublished
    return UNKNOWN, howpublished


def _people(value: str) -> list[Person]:
    """BibTeX names ('von Last, First and {Org} and others') as Persons."""
    value = value.strip()
    if not value:
        return []
    if "{" in value or "}" in value or "\\" in value:
        from bibtexparser.middlewares.names import split_multiple_persons_names

        names = split_multiple_persons_names(value)
    else:
        names = _AND_SPLIT_RE.split(value.strip(" \r\n\t"))  # as bibtexparser splits a list without braces
    people = []
    for name in names:
        family, given, literal = _name_parts(name)
        if literal is OTHERS:
            people.append(OTHERS)
        elif literal is not None:
            people.append(Person(literal=literal))
        else:
            people.append(Person(family=family, given=given) if family else Person(literal=given))
    return people


_AND_SPLIT_RE = re.compile(r"[ \t\r\n]+[aA][nN][dD][ \t\r\n]+")
_NAME_WORD_SPLIT_RE = re.compile(r"[ ~\r\n\t]+")


@lru_cache(maxsize=65536)
def _name_parts(name: str) -> tuple[str, str, str | Person | None]:
    """(family, given, literal) of one BibTeX name; literal is OTHERS for 'others'. Cached: a
    bibliography names the same people again and again."""
    if name.strip().lower() == "others":
        return "", "", OTHERS
    if name.startswith("{") and name.endswith("}") and _one_group(name):
        return "", "", to_text(name)
    if name.count(",") == 1 and "{" not in name and "}" not in name and "\\" not in name:
        # 'von Last, First' without braces: bibtexparser's words, split as it splits them
        last, first = (" ".join(w for w in _NAME_WORD_SPLIT_RE.split(part) if w) for part in name.split(","))
        if first:  # with nothing after the comma, the name is read as 'First von Last'
            return to_text(last), to_text(first), None
    from bibtexparser.middlewares.names import parse_single_name_into_parts

    try:
        parts = parse_single_name_into_parts(name, strict=False)
    except ValueError:
        return "", "", to_text(name)
    return to_text(" ".join(parts.von + parts.last)), to_text(" ".join(parts.first + parts.jr)), None


def _one_group(name: str) -> bool:
    """True when the first brace of ``name`` closes at its last character: '{Amazon AGI}'."""
    depth = 0
    for i, char in enumerate(name):
        depth += char == "{"
        depth -= char == "}"
        if depth == 0:
            return i == len(name) - 1
    return False


# --- CSL-JSON ---------------------------------------------------------------------------------

CSL_TYPES = {
    PAPER_CONFERENCE: PAPER_CONFERENCE, ARTICLE_JOURNAL: ARTICLE_JOURNAL, "article": PREPRINT,
    PATENT: PATENT, REPORT: REPORT, THESIS: THESIS, BOOK: BOOK, CHAPTER: CHAPTER,
    # Crossref's names, for files saved from its API
    "proceedings-article": PAPER_CONFERENCE, "journal-article": ARTICLE_JOURNAL, "posted-content": PREPRINT,
    "book-chapter": CHAPTER, "dissertation": THESIS, "monograph": BOOK,
}


def json_item_spans(text: str) -> tuple[list[tuple[object, int, int]], int] | None:
    """The items of a JSON array (or one object), each with the span of its text, and where the
    array (or object) ends; None when the text is no JSON array or object."""
    decoder = json.JSONDecoder()
    pos = len(text) - len(text.lstrip())
    try:
        if text.startswith("{", pos):
            item, end = decoder.raw_decode(text, pos)
            return [(item, pos, end)], end
        if not text.startswith("[", pos):
            return None
        items, pos = [], pos + 1
        while True:
            while pos < len(text) and text[pos] in " \t\r\n,":
                pos += 1
            if pos >= len(text):
                return None
            if text[pos] == "]":
                return items, pos + 1
            item, end = decoder.raw_decode(text, pos)
            items.append((item, pos, end))
            pos = end
    except ValueError:
        return None


def _items_with_lines(text: str) -> list[tuple[object, int]] | None:
    """The items of a JSON array (or one object) with the line each starts on; None if not JSON."""
    found = json_item_spans(text)
    if found is None:
        return None
    items, line, last = [], 1, 0
    for item, start, _ in found[0]:
        line += text.count("\n", last, start)
        last = start
        items.append((item, line))
    return items


def _from_csljson(doc: Document) -> list[Mention]:
    items = _items_with_lines(doc.text)
    if items is None:
        log.warning("%s: not valid JSON; skipped", doc.path)
        return []
    mentions = []
    for item, line in items:
        source = Source(doc.path, line)
        mention = _mention_from_item(item, source) if isinstance(item, dict) else None
        if mention is None:
            log.warning("%s: not a CSL-JSON item with a title; skipped", source)
        else:
            mentions.append(mention)
    return mentions


def _string(value) -> str:
    if isinstance(value, str):
        return clean(value) if value else ""
    if isinstance(value, list):  # Crossref gives titles as lists
        value = value[0] if value else ""
    return clean(str(value)) if isinstance(value, (str, int, float)) else ""


def _csl_year(item: dict) -> int | None:
    issued = item.get("issued")
    if isinstance(issued, dict):
        try:
            return int(issued["date-parts"][0][0])
        except (KeyError, IndexError, TypeError, ValueError):
            found = _YEAR_RE.search(_string(issued.get("raw") or issued.get("literal") or ""))
            return int(found.group()) if found else None
    found = _YEAR_RE.search(_string(issued or ""))
    return int(found.group()) if found else None


_NAME_KEYS = ("literal", "dropping-particle", "non-dropping-particle", "family", "given")


def _csl_person(name) -> Person | None:
    if not isinstance(name, dict):
        return None
    parts = tuple(name.get(key, "") for key in _NAME_KEYS)
    try:
        read = _csl_name_parts(parts)
    except TypeError:  # a part that is not a string (a list, a dict) cannot be a cache key
        read = _csl_name_parts.__wrapped__(parts)
    if read is None or read is OTHERS:
        return read
    family, given = read
    return Person(family=family, given=given) if family else Person(literal=given)


@lru_cache(maxsize=65536)
def _csl_name_parts(parts: tuple) -> tuple[str, str] | Person | None:
    """(family, given) of a CSL name, OTHERS for 'et al.', None for no name; cached because the
    same people write many papers. A literal name is returned as ('', literal)."""
    literal, dropping, non_dropping, family, given = map(_string, parts)
    if literal:
        return OTHERS if literal.lower() in ("others", "et al.", "et al") else ("", literal)
    family = " ".join(p for p in (dropping, non_dropping, family) if p)
    if not family and not given:
        return None
    return family, given


def _mention_from_item(item: dict, source: Source) -> Mention | None:
    title = _string(item.get("title", ""))
    if not title:
        return None
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
    kind = CSL_TYPES.get(_string(item.get("type", "")), UNKNOWN)
    m = Mention(title=title, source=source, type=kind, year=_csl_year(item))
    authors = item.get("author")
    m.authors = [p for p in map(_csl_person, authors) if p is not None] if isinstance(authors, list) else []
    container = _string(item.get("container-title", ""))
    m.venue = container or _string(item.get("event-title", "")) or _string(item.get("event", "")) \
        or _string(item.get("authority", ""))
    m.venue_acronym = _string(item.get("container-title-short", "")) or _string(item.get("journalAbbreviation", ""))
    if m.venue == m.venue_acronym:
        m.venue = ""  # only the acronym is known
    m.volume, m.issue = _string(item.get("volume", "")), _string(item.get("issue", ""))
    m.pages = _string(item.get("page", ""))
    m.publisher, m.number = _string(item.get("publisher", "")), _string(item.get("number", ""))
    m.doi = bare_doi(_string(item.get("DOI", "")))
    urls = custom.get("urls") if isinstance(custom.get("urls"), list) else []
    url = _string(item.get("URL", ""))
    m.urls = [u for u in dict.fromkeys([url, *(_string(u) for u in urls)]) if u]
    m.arxiv = _csl_arxiv(_string(custom.get("arxiv", "")), m.number if kind == PREPRINT else "", url)
    if m.arxiv and m.arxiv in m.number:
        m.number = ""
    m.arxiv_class = _string(custom.get("arxiv-class", ""))
    m.urls = _without_arxiv_page(m.urls, m.arxiv)
    if m.type == PREPRINT and m.publisher.lower() == "arxiv":
        m.publisher = ""
        m.venue = m.venue or ("" if m.arxiv else "arXiv")
    notes = custom.get("notes") if isinstance(custom.get("notes"), list) else None
    m.notes = [_string(n) for n in notes if _string(n)] if notes is not None else \
        [n for n in [_string(item.get("note", ""))] if n]
    return m


def _csl_arxiv(*candidates: str) -> str:
    """The arXiv id in custom.arxiv, a preprint's number ('arXiv:ID' or the bare id) or the URL."""
    for candidate in candidates:
        found = ARXIV_ID_RE.search(candidate) or _BARE_ARXIV_RE.match(candidate)
        if found:
            return found.group(1)
    return ""
