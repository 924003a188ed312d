"""Features of each token for the field model: its shape, its markup, where it stands, and the
lexicons (name particles and initials, the venue table, the words references are built of)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..names import PARTICLES
from ..venues import VENUES
from .tokens import Token

YEAR = re.compile(r"^(?:19|20)\d\d[a-z]?\.?$")
INITIAL = re.compile(r"^[^\W\d_]\.$|^[^\W\d_]\.-?[^\W\d_]\.$|^[A-Z]{1,2}$|^[A-Z](?:[.-][A-Z])+\.?$")
# ``L.Tozzi``: an initial glued to the family name
GLUED_INITIAL = re.compile(r"^[A-Z]\.(?:-?[A-Z]\.)?[A-Z][a-z]")
PAGE_RANGE = re.compile(r"^\d+[-–—]\d+\.?$")
ARXIV_ID = re.compile(r"^\d{4}\.\d{4,5}(?:v\d+)?\.?$")
DOI_TEXT = re.compile(r"^10\.\d{4,9}/")
MONTHS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
                   "august september october november december".split())
# words of reference syntax, each its own feature
KNOWN_WORDS = frozenset(
    "in proc proc. proceedings of the on and & with et al al. vol vol. volume no no. pp pp. p. pages page "
    "arxiv preprint doi journal conference workshop symposium transactions trans. letters international "
    "annual ieee acm springer elsevier press university accepted submitted under review to appear oral "
    "spotlight poster best paper award pdf code slides video project bibtex abs html editors eds eds. ed. "
    "chapter book thesis report technical tech. abstract".split())


@lru_cache(maxsize=1)
def venue_words() -> frozenset[str]:
    words: set[str] = set()
    for acronym, (full, _kind, others) in VENUES.items():
        words.add(acronym.lower())
        for name in (full, *others):
            words.update(w.lower() for w in re.findall(r"\w+", name) if len(w) > 3)
    return frozenset(words)


@lru_cache(maxsize=1)
def venue_acronyms() -> frozenset[str]:
    return frozenset(a.lower() for a in VENUES)


def shape(word: str) -> str:
    """``Xxxx``, ``X.``, ``dddd``: the word's letter classes, runs squeezed."""
    out = []
    for char in word:
        kind = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:8]


def token_features(token: Token) -> tuple[str, ...]:
    return _token_views(*_token_key(token))[0]


def _token_key(token: Token) -> tuple[str, bool, bool, str, bool]:
    href = token.href.lower() if token.link else ""
    href_kind = ("href_arxiv" if "arxiv" in href else "href_doi" if "doi" in href
                 else "href_pdf" if href.endswith(".pdf") else "href") if token.link else ""
    return token.text, token.bold, token.italic, href_kind, token.quoted


@lru_cache(maxsize=1 << 14)  # (five views a token: as many strings as the two caches of 2**16 before)
def _token_views(word: str, bold: bool, italic: bool, href_kind: str, quoted: bool) -> tuple[tuple[str, ...], ...]:
    """A token's own features, then as its neighbours see them from ``NEIGHBOUR_OFFSETS`` away;
    cached, since entries repeat their words and marks."""
    own = _token_features(word, bold, italic, href_kind, quoted)
    return (own, *(_neighbour_features(offset, own) for offset in NEIGHBOUR_OFFSETS))


def _token_features(word: str, bold: bool, italic: bool, href_kind: str, quoted: bool) -> tuple[str, ...]:
    """A token's own features."""
    lower = word.lower()
    features = [f"w={lower}" if len(lower) < 20 else "w=LONG", f"shape={shape(word)}",
                f"len={min(len(word), 8)}"]
    if YEAR.match(word):
        features.append("year")
    if INITIAL.match(word):
        features.append("initial")
    elif GLUED_INITIAL.match(word):
        features.append("glued_initial")
    if lower in PARTICLES:
        features.append("particle")
    if lower.rstrip(".") in MONTHS:
        features.append("month")
    if PAGE_RANGE.match(word):
        features.append("pagerange")
    if ARXIV_ID.match(word):
        features.append("arxivid")
    if DOI_TEXT.match(word):
        features.append("doi")
    if word.startswith(("http", "www.")):
        features.append("url")
    if word.isdigit():
        features.append("number")
    if lower in KNOWN_WORDS:
        features.append("known")
    stem = lower.rstrip(".")
    if stem in venue_acronyms():
        features.append("venue_acronym")
    elif stem in venue_words():
        features.append("venue_word")
    if word.endswith(".") and len(word) > 2:
        features.append("ends_dot")
    if bold:
        features.append("bold")
    if italic:
        features.append("italic")
    if href_kind:
        features += ["link", href_kind]
    if quoted:
        features.append("quoted")
    return tuple(features)


def _neighbour_features(offset: int, own: tuple[str, ...]) -> tuple[str, ...]:
    """A neighbour's features as seen from ``offset`` tokens away (its length left out)."""
    return tuple(f"{offset}:{f}" for f in own if not f.startswith("len="))


# (offset, index of the neighbour's view in ``_token_views``, the marks at the entry's edges and
# across a line break); and the place features, made once
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)
NEIGHBOURS = tuple((offset, view + 1, f"{offset}:edge", f"{offset}:newline")
                   for view, offset in enumerate(NEIGHBOUR_OFFSETS))
POSITION = tuple(f"pos={i}" for i in range(7))
RELATIVE = tuple(f"rel={i}" for i in range(10))
LINE_IN_ENTRY = tuple(tuple(f"line={line}/{lines}" for lines in range(6)) for line in range(5))
POSITION_IN_LINE = tuple(f"lpos={i}" for i in range(5))


def entry_features(tokens: list[Token]) -> list[list[str]]:
    """Features of every token of one entry, with its neighbours' and its place in line and entry."""
    views = [_token_views(*_token_key(t)) for t in tokens]
    line_of = [t.line for t in tokens]
    count = len(tokens)
    lines = min(max(line_of, default=0) + 1, 5)
    line_lengths: dict[int, int] = {}
    for line in line_of:
        line_lengths[line] = line_lengths.get(line, 0) + 1
    out = []
    index_in_line = 0
    for i, line in enumerate(line_of):
        if i and line_of[i - 1] != line:
            index_in_line = 0
        features = ["bias", *views[i][0], POSITION[min(i, 6)], RELATIVE[10 * i // count],
                    LINE_IN_ENTRY[min(line, 4)][lines], POSITION_IN_LINE[min(index_in_line, 4)]]
        if index_in_line == line_lengths[line] - 1:
            features.append("line_end")
        for offset, view, edge, newline in NEIGHBOURS:
            j = i + offset
            if 0 <= j < count:
                features += views[j][view]
                if line_of[j] != line:
                    features.append(newline)
            else:
                features.append(edge)
        out.append(features)
        index_in_line += 1
    return out
