"""Matching rules: how two mentions are compared and when they are the same paper.

Each mention is reduced once to its ``Features`` (normalised title, identifiers, author keys,
part markers...). ``compare`` gathers the evidence for and against between two mentions,
``decide`` turns it into merged / kept apart with the rule that decided, and ``conflict`` names
the hard reasons two mentions can never share a record (the guard against chaining).
README, section "How matching decides", documents the same rules and thresholds.
"""
from __future__ import annotations

import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from .identifiers import arxiv_id_of_doi, bare_doi
from .models import Mention, Person

# Thresholds on the title similarity (0-100, the better of rapidfuzz ratio and token_sort_ratio
# on normalised titles). Different papers of one group score up to ~70; typos, spelling and
# punctuation variants of one title score >= 93.
CLEARLY_DIFFERENT = 60.0  # below: the titles name different papers, whatever else agrees
WITH_LABEL = 70.0  # same page and same reference label: titles need only agree this much
NEAR_IDENTICAL = 92.0  # titles alone decide (no evidence against)
SUPPORTED = 85.0  # titles decide with shared authors and a compatible year
SHORT_TITLE = 30  # normalised titles shorter than this need the stricter thresholds below
NEAR_IDENTICAL_SHORT = 96.0
SUPPORTED_SHORT = NEAR_IDENTICAL
DESPITE_ID_CLASH = 97.0  # different arXiv ids or DOIs: only a near-exact title overrides
YEARS_FAR = 3  # years this far apart are evidence against (a preprint then its venue is +-1)
AUTHORS_CLASH = 0.34  # share of the shorter author list found in the other, below: clash
AUTHORS_SUPPORT = 0.5  # at least this share: the author lists support the match

_LATEX_ACCENT = re.compile(r"\\[`'^\"~=.uvHcdbkrt]\s*\{?\s*([A-Za-z])\s*\}?")
_LATEX_FORMAT = re.compile(
    r"\\(?:emph|textbf|textit|texttt|textsc|textrm|textsf|mathrm|mathbf|mathit|mathcal|text|em|bf|it|"
    r"sc|rm|tt|url|href|protect)\b\s*")
_HTML_TAG = re.compile(r"<[^<>]{0,300}>")
# both start with the character they remove (look-behinds after it), so the engine skips ahead
_HYPHEN_BREAK = re.compile(r"-(?<=\w-)\s+(?=\w)")
_JOINERS = re.compile(r"['\u2019\u2010\u2011\u2012\u2013-](?<=\w.)(?=\w)")
_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_ROMAN = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"})
_PART_WORDS = frozenset({"part", "vol", "volume", "chapter", "phase", "book", "section", "stage"})
_MARKER_WORDS = _ROMAN | _PART_WORDS
_ARXIV_VERSION = re.compile(r"v\d+$")
_PREPRINT_VENUE = re.compile(r"arxiv|preprint|corr\b|openreview|submitted|under review", re.I)
_WORD_SUBS = {"&": " and ", "+": " plus "}
# words whose swap does not make another paper (articles, prepositions, conjunctions)
_FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "for", "and", "in", "on", "with", "via", "to", "by",
                             "from", "at", "as", "or", "its", "their", "towards", "toward", "using"})
STEM, ENDING = 4, 3  # one word with another ending: a shared start this long, endings this short
LONG_WORD = 6
TYPO_EDITS = 1  # two spellings this many edits apart (transposition one edit) are one word mistyped


_ASCII_FOLD = bytes((c + 32 if 65 <= c <= 90 else c) if chr(c).isalnum() and c < 128 else 32 for c in range(256))


def fold(text: str) -> str:
    """Lower case, accents removed, every run of non-letters a single space."""
    if text.isascii():  # the common case, through a byte table rather than a regex
        return " ".join(text.encode("ascii").translate(_ASCII_FOLD).decode("ascii").split())
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def normalise_title(title: str) -> str:
    """The title as words only: case, punctuation, accents, markup, LaTeX and hyphenation folded.

    Hyphens inside words are dropped ("Multi-Modal" -> "multimodal") so that a word broken
    across a line ("Regres- sion") or written with and without its hyphen compares equal.
    """
    if "\\" in title:
        title = _LATEX_FORMAT.sub("", _LATEX_ACCENT.sub(r"\1", title))
    if "<" in title:
        title = _HTML_TAG.sub(" ", title)
    if "-" in title:
        title = _HYPHEN_BREAK.sub("", title)
    if "-" in title or "'" in title or not title.isascii():
        title = _JOINERS.sub("", title)
    for symbol, word in _WORD_SUBS.items():
        if symbol in title:
            title = title.replace(symbol, word)
    return fold(title)


def part_markers(norm: str) -> frozenset:
    """Numbers and part markers of a normalised title (Part II, v2, 3D, GPT-4...)."""
    words = norm.split()
    if _MARKER_WORDS.isdisjoint(words) and "".join(words).isalpha():
        return _NO_MARKERS  # the common case: no digit, roman numeral or part word
    markers = set(_DIGITS.findall(norm))
    present = set(words)
    markers |= present & _ROMAN
    if present & _PART_WORDS:
        for before, word in zip(words, words[1:]):
            if word in ("i", "v", "x") and before in _PART_WORDS:
                markers.add(word)
    return frozenset(markers) if markers else _NO_MARKERS


_NO_MARKERS = frozenset()


def person_keys(person: Person) -> tuple[str, ...]:
    """Keys under which one author is recognised: family name + first initial, and the same with
    given and family swapped (pages disagree on the order of East Asian names). A tuple: one per
    distinct name of a million-mention folder, where a frozenset costs four times the memory."""
    return _name_keys(person.family, person.given, person.literal)


def _name_keys(family: str, given: str, literal: str) -> tuple[str, ...]:
    if literal:
        if literal.lower() in ("others", "et al.", "et al"):
            return ()
        words = fold(literal).split()
        family, given = (words[-1], " ".join(words[:-1])) if words else ("", "")
    family_last, family_initial = _family_part(family)
    if not family_last:
        return ()
    initial, given_last = _given_part(given)
    if given_last:
        return f"{family_last}|{initial}", f"{given_last}|{family_initial}"
    return (f"{family_last}|{initial}",)


@lru_cache(maxsize=1 << 14)
def _family_part(family: str) -> tuple[str, str]:
    """(last word, initial) of a folded family name; family names recur across many people."""
    folded = fold(family)
    return (folded.rsplit(" ", 1)[-1], folded[:1]) if folded else ("", "")


@lru_cache(maxsize=1 << 12)
def _given_part(given: str) -> tuple[str, str]:
    """(initial, last word when the first is written out, else "") of a folded given name."""
    folded = fold(given)
    return folded[:1], folded.rsplit(" ", 1)[-1] if len(folded.split(" ", 1)[0]) > 1 else ""


_NO_KEYS = ()
_NO_AUTHORS = ((), _NO_KEYS)


def is_published(mention: Mention) -> bool:
    """True when the mention names a venue other than an arXiv listing or a preprint."""
    venue = f"{mention.venue} {mention.venue_acronym}".strip()
    if not venue:
        return False
    low = venue.lower()
    if "arxiv" in low or "preprint" in low:
        return False
    return not ("corr" in low or "review" in low or "submitted" in low) or not _PREPRINT_VENUE.search(venue)


@dataclass(slots=True)
class Features:
    """What matching needs of one mention, computed once."""

    title: str  # normalised, words separated by single spaces
    compact: str  # the normalised title without spaces: the key of exact title groups
    acronym: str  # the normalised part before a colon ("nuta" for "NUTA: Non-uniform..."), or ""
    markers: frozenset
    arxiv: str
    doi: str
    year: int | None
    authors: tuple  # one tuple of keys per named author (``person_keys``)
    author_keys: tuple  # every key of ``authors`` once, sorted (a tuple: a third of a frozenset's memory)
    venue: str  # folded acronym of a published venue, or ""
    published: bool  # names a venue other than an arXiv listing
    label: tuple | None  # (file, label) when the mention carries a reference label
    loose: bool
    page: str  # the file the mention was read from
    section: str  # the heading its entry stands under on that page
    news: bool  # its entry stands in a news section
    line: int  # the line its entry starts on
    papers: tuple  # links to one paper's file (…/paper.pdf), lower case, no scheme
    named_links: tuple  # when the title opens with a name before a colon: its links, as ``link_key``


class FeatureCache:
    """Readings shared by many mentions of one merge (titles, author names, venues, links,
    labels), each made once and held once: a million mentions' features are mostly references."""

    __slots__ = ("titles", "names", "venues", "author_lists", "links", "labels", "ids")

    def __init__(self):
        self.titles: dict[str, tuple] = {}
        self.names: dict[tuple, tuple] = {}
        self.venues: dict[tuple, tuple] = {}  # (venue, acronym) -> (published, folded venue)
        # one author list's keys -> (the same tuple, their union): a paper's mentions share both
        self.author_lists: dict[tuple, tuple] = {}
        self.links: dict[tuple, tuple] = {}  # (urls, whether named) -> (paper links, named links)
        self.labels: dict[tuple, tuple] = {}  # (file, label) -> the same, one tuple per page's label
        self.ids: dict[tuple, tuple] = {}  # (arXiv id, DOI) as written -> as compared


def features(mention: Mention, cache: FeatureCache | None = None) -> Features:
    """The features of one mention; ``cache`` keeps title, name and venue readings across calls."""
    if cache is None:
        cache = FeatureCache()
    raw = mention.title
    known = cache.titles.get(raw)
    if known is None:
        known = cache.titles[raw] = _title_features(raw)
    title, compact, acronym, markers = known
    names = cache.names
    authors = []
    for p in mention.authors:
        person = (p.family, p.given, p.literal)
        keys = names.get(person)
        if keys is None:
            keys = names[person] = _name_keys(*person) if is_plausible_name(p) else ()
        if keys:
            authors.append(keys)
    author_list = _NO_AUTHORS
    if authors:
        known_list = cache.author_lists.get(authors_key := tuple(authors))
        if known_list is None:
            known_list = cache.author_lists[authors_key] = (authors_key, tuple(sorted(set().union(*authors))))
        author_list = known_list
    arxiv = doi = ""
    if mention.arxiv or mention.doi:
        known_ids = cache.ids.get(written_ids := (mention.arxiv, mention.doi))
        if known_ids is None:
            known_ids = cache.ids[written_ids] = compared_ids(*written_ids)
        arxiv, doi = known_ids
    written = (mention.venue, mention.venue_acronym)
    known_venue = cache.venues.get(written)
    if known_venue is None:
        published = is_published(mention)
        known_venue = cache.venues[written] = (
            published, fold(mention.venue_acronym or mention.venue) if published else "")
    published, venue = known_venue
    label = None
    if mention.label:
        written_label = (mention.source.path, mention.label)
        label = cache.labels.setdefault(written_label, written_label)
    papers = named = _NO_KEYS
    if mention.urls:
        known_links = cache.links.get(links_key := (*mention.urls, bool(acronym)))
        if known_links is None:
            known_links = cache.links[links_key] = (
                paper_links(mention.urls), _distinct(map(link_key, mention.urls)) if acronym else _NO_KEYS)
        papers, named = known_links
    return Features(title, compact, acronym, markers, arxiv, doi, mention.year, *author_list, venue, published,
                    label, mention.loose or not title, mention.source.path, mention.section, mention.news,
                    mention.source.line,
                    papers, named)


def compared_ids(arxiv: str, doi: str) -> tuple[str, str]:
    """(arXiv id, DOI) as compared: lower case, no version, an arXiv DOI read as its arXiv id."""
    doi = bare_doi(doi).lower() if doi else ""
    arxiv = arxiv.strip().lower() if arxiv else ""
    if doi.startswith("10.48550/"):
        from_doi = arxiv_id_of_doi(doi)
        if from_doi:
            arxiv, doi = arxiv or from_doi, ""
    if arxiv and ("v" in arxiv or ":" in arxiv):
        arxiv = _ARXIV_VERSION.sub("", arxiv.removeprefix("arxiv:"))
    return arxiv, doi


def paper_links(urls: list[str]) -> tuple:
    """The links that name one paper's own file (a path ending in .pdf): the same such link on
    two entries of a page is one paper, unlike a shared code or project link."""
    return _distinct(u.split("://", 1)[-1].lower() for u in urls if u.lower().split("?", 1)[0].endswith(".pdf"))


def _distinct(values) -> tuple:
    """The values once each, in their order: a mention's few links, compared with ``overlaps``."""
    return tuple(dict.fromkeys(values)) or _NO_KEYS


def overlaps(a: tuple, b: tuple) -> bool:
    """True when two short tuples (links, author keys) share a value."""
    for value in a:
        if value in b:
            return True
    return False


def link_key(url: str) -> str:
    """A link as compared: lower case, without scheme, ``www.`` or a trailing slash."""
    key = url.split("://", 1)[-1].lower().rstrip("/")
    return key[4:] if key.startswith("www.") else key


def is_plausible_name(person: Person) -> bool:
    """False for an "author" no person is called: a name with digits, such as a venue badge
    ("WWW 2020", "KDD 2023 Tutorial") an extractor took for the author list. Such a list says
    nothing about who wrote the paper, so it can neither support nor veto a match."""
    return _DIGIT.search(person.literal or person.family + person.given) is None


def _title_features(raw: str) -> tuple:
    """(normalised title, without spaces, normalised part before a colon, part markers)."""
    title = normalise_title(raw) if raw else ""
    acronym = normalise_title(raw.split(":", 1)[0]) if ":" in raw else ""
    return title, title.replace(" ", ""), acronym if acronym != title else "", part_markers(title)


def title_similarity(a: str, b: str) -> float:
    if a == b:
        return 100.0
    if a.replace(" ", "") == b.replace(" ", ""):
        return 100.0
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def swapped_words(a: str, b: str) -> tuple[str, str] | None:
    """The content words two normalised titles swap ("image" for "video"), or None when every
    difference is a typo, a hyphen or space variant, or a function word.

    A title that differs from another in one content word is a different paper (Static /
    Dynamic, Supervised / Unsupervised) unless other evidence joins them.
    """
    if a == b:
        return None
    left, right = a.split(), b.split()
    only_left, only_right = _unshared(left, right), _unshared(right, left)
    if not only_left or not only_right or "".join(only_left) == "".join(only_right):
        return None
    unmatched_right = list(only_right)
    swapped_left = []
    for word in only_left:
        close = next((w for w in unmatched_right if same_word(word, w)), None)
        if close is None:
            swapped_left.append(word)
        else:
            unmatched_right.remove(close)
    content_left = [w for w in swapped_left if w not in _FUNCTION_WORDS]
    content_right = [w for w in unmatched_right if w not in _FUNCTION_WORDS]
    if content_left and content_right:
        return " ".join(content_left), " ".join(content_right)
    return None


def _unshared(words: list[str], other: list[str]) -> list[str]:
    """The words the other title lacks, repeats counted: ``video generation video`` lacks a
    ``video`` of ``video generation image``, a swap, and one mistyped ``transormer`` of
    ``transformer transformer`` is a typo of the second."""
    rest = list(other)
    out = []
    for word in words:
        if word in rest:
            rest.remove(word)
        else:
            out.append(word)
    return out


def same_word(a: str, b: str) -> bool:
    """True when two spellings are one word: a typo apart, or the same stem with another ending
    ("discover" / "discovering"); a different prefix ("supervised" / "unsupervised") is not."""
    edits = OSA.distance(a, b, score_cutoff=TYPO_EDITS + 2)
    if edits <= TYPO_EDITS or (edits == TYPO_EDITS + 1 and a[0] == b[0] and max(len(a), len(b)) >= LONG_WORD):
        # one typo, or two in a long word past its first letter: two pages each mistyping it, one
        # dropping a letter and one doubling another (``robst`` / ``robusst``), so the shorter may be short
        return True
    stem = len(os.path.commonprefix((a, b)))
    return stem >= STEM and stem >= min(len(a), len(b)) - ENDING


def is_acronym_of(a: Features, b: Features) -> bool:
    """True when one title is only the acronym that opens the other ("NUTA" / "NUTA: Non-...",
    or the same without its colon)."""
    if a.compact == b.compact:  # equal titles (the common case), never one the other's acronym
        return False
    return _opens(a, b) or _opens(b, a)


def _opens(short: Features, full: Features) -> bool:
    if short.acronym or not short.title:
        return False
    if full.acronym:
        return short.title == full.acronym
    return " " not in short.title and full.title.startswith(short.title + " ")


def author_overlap(a: Features, b: Features) -> float | None:
    """Share of the shorter author list found in the other; None when a side lists nobody."""
    if not a.authors or not b.authors:
        return None
    if a.author_keys is b.author_keys:  # one author list, as most mentions of a paper give it
        return 1.0
    short, other = (a, b) if len(a.authors) <= len(b.authors) else (b, a)
    everyone = other.author_keys
    found = 0
    for keys in short.authors:
        for key in keys:
            if key in everyone:
                found += 1
                break
    return found / len(short.authors)


def authors_clash(a: Features, b: Features, overlap: float | None) -> bool:
    """Clearly different author lists: nobody in common, or under a third of the shorter list
    when both list two or more people."""
    if overlap is None:
        return False
    return overlap == 0.0 or (overlap < AUTHORS_CLASH and min(len(a.authors), len(b.authors)) >= 2)


@dataclass(slots=True)
class Evidence:
    """Everything known for and against one pair; its fields are the report's scores."""

    title: float
    acronym: bool
    same_id: str  # "arxiv", "doi" or ""
    id_clash: str  # "arxiv", "doi" or "": both sides give one and they differ
    same_label: bool
    year_gap: int | None
    authors: float | None
    authors_clash: bool
    venue: str  # "same", "different" or "" (unknown, or a preprint on one side)
    markers_clash: bool
    swapped: tuple[str, str] | None  # the content words one title swaps for the other's
    same_page: bool  # two separate entries of one page
    named_link: bool  # the same name before the colon ("Spider: ...") and a link both give

    def scores(self) -> dict:
        out = {"title": round(self.title, 1)}
        for name in ("same_id", "id_clash", "venue"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        if self.acronym:
            out["acronym"] = True
        if self.same_label:
            out["same_label"] = True
        if self.year_gap is not None:
            out["year_gap"] = self.year_gap
        if self.authors is not None:
            out["authors"] = round(self.authors, 2)
        if self.markers_clash:
            out["markers_clash"] = True
        if self.swapped:
            out["swapped"] = " / ".join(self.swapped)
        if self.same_page:
            out["same_page"] = True
        if self.named_link:
            out["named_link"] = True
        return out


def compare(a: Features, b: Features, title: float | None = None) -> Evidence:
    if title is None:
        title = title_similarity(a.title, b.title) if a.title and b.title else 0.0
    same_id = id_clash = ""
    if a.arxiv and b.arxiv:
        same_id, id_clash = ("arxiv", "") if a.arxiv == b.arxiv else ("", "arxiv")
    if a.doi and b.doi:
        if a.doi == b.doi:
            same_id = same_id or "doi"
        else:
            id_clash = id_clash or "doi"
    overlap = author_overlap(a, b)
    clash = authors_clash(a, b, overlap)
    venue = ""
    if a.venue and b.venue:
        venue = "same" if a.venue == b.venue else "different"
    differ = a.compact != b.compact
    acronym = is_acronym_of(a, b)
    return Evidence(title, acronym, same_id, id_clash, a.label is not None and a.label == b.label,
                    abs(a.year - b.year) if a.year and b.year else None, overlap, clash, venue,
                    a.markers != b.markers and title < 100.0 and not acronym,  # an acronym shows none
                    swapped_words(a.title, b.title) if differ and title >= SUPPORTED else None,
                    separate_entries(a, b), named_link(a, b))


def named_link(a: Features, b: Features) -> bool:
    """True when both titles open with the same name before a colon and both give one link (a
    project page, a repository): "Spider: Yale ... Challenge" linking the page of "Spider: A
    Large-Scale ... Dataset". Either alone is common to sibling papers; together they name one work."""
    return bool(a.named_links) and a.acronym == b.acronym and overlaps(a.named_links, b.named_links)


def separate_entries(a: Features, b: Features) -> bool:
    """True for two titled entries at different places of one page: a page lists a paper once,
    so two of its entries are two papers. Not so for entries under two headings in the same year
    (a paper and its talk, the bio's highlight of a listed paper; a thesis or a journal
    extension comes another year), an item of a news section (news announce a paper when it is
    out, again when accepted or awarded, each time in other words), a loose news item or a bare
    link text (or only the title's acronym), a citation of the entry's label (it shares the
    label), nor two entries linking one arXiv id, DOI or paper PDF under near-identical titles (a
    news item under no news heading)."""
    return (a.page == b.page and a.line != b.line and not (a.loose or b.loose or a.news or b.news)
            and (a.section == b.section or a.year is None or a.year != b.year)
            and not (a.label is not None and a.label == b.label))


def _short(a: Features, b: Features) -> bool:
    return min(len(a.title), len(b.title)) < SHORT_TITLE


def decide(a: Features, b: Features, ev: Evidence) -> tuple[bool, str, bool]:
    """(merged, rule, borderline): the first rule that applies decides.

    ``borderline`` marks a pair kept apart that a user may want to see in the report.
    """
    if ev.markers_clash:
        return False, "different numbers or part markers in the titles", ev.title >= SUPPORTED
    if ev.title < CLEARLY_DIFFERENT and not ev.acronym:
        if ev.same_id:
            return False, sys.intern(f"same {ev.same_id} id but the titles clearly differ (a reused link)"), True
        return False, "titles clearly differ", ev.same_label
    if (ev.same_page and a.compact != b.compact and not ev.acronym
            and not ((ev.same_id or overlaps(a.papers, b.papers)) and not ev.swapped
                     and ev.title >= NEAR_IDENTICAL)):
        return False, "two separate entries of one page", ev.title >= SUPPORTED
    if ev.authors_clash:
        if ev.same_id and not ev.id_clash and ev.title >= NEAR_IDENTICAL:
            return True, sys.intern(f"same {ev.same_id} id and near-identical titles outweigh the author lists"), False
        return False, "author lists clearly differ", True
    far = ev.year_gap is not None and ev.year_gap >= YEARS_FAR
    if ev.same_id and not ev.id_clash:
        if ev.acronym:
            return True, sys.intern(f"acronym title opens the full title, same {ev.same_id} id"), False
        if far and ev.title < NEAR_IDENTICAL:
            return False, sys.intern(f"same {ev.same_id} id but years far apart"), True
        return True, sys.intern(f"same {ev.same_id} id and titles agree"), False
    if ev.same_label and not far:
        if ev.acronym or ev.title >= WITH_LABEL:
            return True, "same page and reference label, titles agree", False
    if ev.acronym:
        return False, "acronym title without a shared identifier", True
    if ev.swapped:
        return False, "titles differ in a content word ({} / {})".format(*ev.swapped), ev.title >= SUPPORTED
    if ev.named_link and not far and not ev.id_clash:
        return True, "same name before the colon and a shared link", False
    if ev.id_clash:
        if ev.title >= DESPITE_ID_CLASH and not far:
            return True, sys.intern(f"near-exact titles despite different {ev.id_clash} ids"), False
        return False, sys.intern(f"different {ev.id_clash} ids"), ev.title >= SUPPORTED
    if far:
        return False, "years far apart", ev.title >= SUPPORTED
    short = _short(a, b)
    if ev.title >= (NEAR_IDENTICAL_SHORT if short else NEAR_IDENTICAL):
        return True, "near-identical titles", False
    if ev.title >= (SUPPORTED_SHORT if short else SUPPORTED):
        if (ev.authors is not None and ev.authors >= AUTHORS_SUPPORT
                and ev.year_gap is not None and ev.year_gap <= 1 and ev.venue != "different"):
            return True, "similar titles, shared authors and year", False
        return False, "similar titles without supporting authors and year", True
    return False, "titles differ", False


def conflict(a: Features, b: Features) -> str:
    """The hard reason two mentions cannot be one paper, or "" (used to stop chaining A~B~C).

    Loose mentions carry no title of their own, so only identifiers and years count for them.
    """
    if a.year and b.year and abs(a.year - b.year) >= YEARS_FAR and not (a.arxiv and a.arxiv == b.arxiv):
        return "years far apart"
    if a.loose or b.loose:
        return ""
    title = 100.0
    if a.compact != b.compact:  # equal titles cannot differ in title, markers, or despite ids
        title = title_similarity(a.title, b.title)
        if separate_entries(a, b) and not is_acronym_of(a, b) and not (
                (shares_id(a, b) or overlaps(a.papers, b.papers)) and title >= NEAR_IDENTICAL
                and not swapped_words(a.title, b.title)):
            return "two separate entries of one page"
        if title < 100.0 and a.markers != b.markers and not is_acronym_of(a, b):
            return "different numbers or part markers"
        if title < CLEARLY_DIFFERENT and not is_acronym_of(a, b):
            return "titles clearly differ"
        if title < DESPITE_ID_CLASH and ((a.arxiv and b.arxiv and a.arxiv != b.arxiv)
                                         or (a.doi and b.doi and a.doi != b.doi)):
            return DIFFERENT_IDS
        if (title >= SUPPORTED and not (shares_id(a, b) or a.label is not None and a.label == b.label)
                and swapped_words(a.title, b.title)):
            return "titles differ in a content word"
    if a.author_keys != b.author_keys and authors_clash(a, b, author_overlap(a, b)):
        if not (shares_id(a, b) and title >= NEAR_IDENTICAL):
            return "author lists clearly differ"
    return ""


def shares_id(a: Features, b: Features) -> bool:
    """True when both give the same arXiv id or the same DOI."""
    return bool((a.arxiv and a.arxiv == b.arxiv) or (a.doi and a.doi == b.doi))


DIFFERENT_IDS = "different identifiers"


def vouches(c: Features, a: Features, b: Features) -> bool:
    """True when c, already one paper with b, shows that a's and b's different identifiers are a
    page's wrong link rather than two papers: a is only the acronym opening b's title and carries
    c's identifier, or a's and b's titles would merge on their own and c gives a's title
    near-exactly."""
    if is_acronym_of(a, b):
        return bool((a.arxiv and a.arxiv == c.arxiv) or (a.doi and a.doi == c.doi))
    if not (a.title and b.title and c.title):
        return False
    alone = NEAR_IDENTICAL_SHORT if _short(a, b) else NEAR_IDENTICAL
    return (title_similarity(c.title, a.title) >= DESPITE_ID_CLASH
            and title_similarity(a.title, b.title) >= alone)


def loose_title_clashes(loose: str, titled: str) -> bool:
    """True when a loose mention's text reads as a title of its own (capitalised, three words or
    more) that clearly differs from the title of the mention it links: a news item naming
    another paper through a link the two share (a code repository, a project page) or through a
    wrong arXiv id. A description ("our new work on widgets is out") never clashes."""
    if not loose[:1].isupper() or len(loose.split()) < 3:
        return False
    a, b = normalise_title(loose), normalise_title(titled)
    return bool(a and b) and title_similarity(a, b) < CLEARLY_DIFFERENT


def describe(mention: Mention) -> str:
    """A mention as the report shows it: its title and where it was read."""
    return f"{mention.title or '(no title)'} — {mention.source}"

