"""Author names: split an author list and read each name as written (initials stay initials).

``split_authors("A. Smith, B. Jones, and C. Wu et al.")`` gives three people and ``others``.
Markers that pages put on names (``*``, ``†``, ``(Equal Contribution)``, bold, underline) go.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .models import OTHERS, Person

MARKERS = re.compile(r"\(\s*\**\s*(?:equal contribution|co-?first authors?|corresponding authors?)[^)]*\)"
                     r"|[*†‡§¶#✉✝⁎∗]+|</?u>|\^\{?[\d,*†‡]+\}?|\d(?<=[a-z]\d)(?:,\d)*\b", re.I)
# Every marker above starts with one of these characters: text without any has no marker.
MARKER_HINT = re.compile(r"[(*†‡§¶#✉✝⁎∗<^\d]")
# al-folio collapses a long list to "A. One, B. Two, and 3 more authors": the rest are others too.
ET_AL = re.compile(r",?\s*\bet\.?\s*al\b\.?|,?\s*\band others\b|,?\s*\b(?:and\s+)?\d+\s+more\s+authors?\b", re.I)
# (The look-ahead names the characters a separator starts with, so that the regex engine skips
# ahead to them instead of trying every alternative at every position.)
SEPARATOR = re.compile(r"(?=[\s,;])(?:\s*;\s*|\s*,\s*(?:and|&)\s+|\s+(?:and|&)\s+|\s*,\s*)", re.I)
ET_AL_HINT = re.compile(r"et\.?\s*al")
PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "bin",
             "ibn", "al", "ten", "ter", "zu", "y"}
# Capital letters of the Latin, Greek and Cyrillic scripts, as a regex class: an initial may carry
# an accent (``Á.``, ``Ø.``, ``Ž.``) as well as be ASCII.
UPPER = "[" + "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper()) + "]"
# "B.", "J.-P.", "Th.", "P. K.", "AB"
INITIALS = re.compile(rf"^(?:(?:{UPPER}|{UPPER}[a-z])\.\s?-?){{1,3}}$|^{UPPER}{{1,3}}$")
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.?|[^\W\d_][\w'’.-]*)$")
# Words that titles, venues and affiliations have and names do not: any case, then lower case only.
NOT_NAME_WORDS = frozenset(
    "university institute conference journal proceedings transactions workshop preprint arxiv ieee acm "
    "springer learning network networks model models using paper code project toward towards via with "
    "from for the this our part".split())
NOT_NAME_LOWER = frozenset("of on in is are we a an to by at".split())
WORD = re.compile(r"[^\W\d_]+")
FINAL_INITIAL = re.compile(rf"(?:^|[\s,.]){UPPER}\.$")


def _has_non_name_word(text: str) -> bool:
    for word in WORD.findall(text):
        lower = word.lower()
        if lower in NOT_NAME_WORDS or (lower in NOT_NAME_LOWER and (word == lower or len(word) > 1)):
            return True
    return False


def _has_et_al(text: str) -> bool:
    lower = text.lower()
    hinted = "others" in lower or "more author" in lower or "et" in lower and bool(ET_AL_HINT.search(lower))
    return hinted and bool(ET_AL.search(text))


@lru_cache(maxsize=16384)
def clean_author_text(text: str) -> str:
    """Drop emphasis and contribution markers, keep the names."""
    if MARKER_HINT.search(text):
        text = MARKERS.sub(" ", text)
    return " ".join(text.split())


def split_authors(text: str) -> list[Person]:
    """Split an author list written with commas, ``and`` or ``&``; ``et al.`` becomes ``others``.

    APA-style lists (``Smith, J., & Wu, C.``) are recognised by their family-comma-initials pairs.
    """
    names, others = _author_names(text)
    people = [Person(family=family, given=given) for family, given in names]
    if others:
        people.append(OTHERS)
    return people


@lru_cache(maxsize=16384)
def _author_names(text: str) -> tuple[tuple[tuple[str, str], ...], bool]:
    """((family, given), ...) of an author list and whether it ends with et al.; cached, since
    co-authors list the same paper the same way on their pages."""
    text = _strip_end(clean_author_text(text))
    if not text:
        return (), False
    others = _has_et_al(text)
    if others:
        text = ET_AL.sub("", text)
    text = _strip_end(text)
    pieces = []
    for piece in SEPARATOR.split(text):
        trimmed = piece.strip(" ,;:")
        piece = trimmed if INITIALS.match(trimmed) else piece.strip(" .,;:")
        if piece:
            pieces.append(piece)
    pairs = _pair_inverted(pieces)
    names = [(p.family, p.given) for p in pairs] if pairs else [_name_parts(p) for p in pieces]
    return tuple(name for name in names if name[0]), others


def _strip_end(text: str) -> str:
    """Trim separators and a closing period, but not the period of a final initial (``Lund, P.``)."""
    text = text.strip(" ,;:")
    if text.endswith(".") and not FINAL_INITIAL.search(text):
        text = text[:-1]
    return text.strip(" ,;:")


def _pair_inverted(pieces: list[str]) -> list[Person] | None:
    """``["Smith", "J.", "Wu", "C. D."]`` -> Smith J. and Wu C. D.; None when not that form."""
    if len(pieces) < 2 or len(pieces) % 2 or not all(INITIALS.match(p.replace(" ", "")) for p in pieces[1::2]):
        return None
    if any(INITIALS.match(p.replace(" ", "")) for p in pieces[0::2]):
        return None
    return [Person(family=family, given=given) for family, given in zip(pieces[0::2], pieces[1::2])]


def parse_name(name: str) -> Person:
    """Read one name as written: ``Ross K Maddox``, ``B. Zhang``, ``Zhang, B.``, ``Ludwig van Beethoven``."""
    family, given = _name_parts(name)
    return Person(family=family, given=given)


@lru_cache(maxsize=32768)
def _name_parts(name: str) -> tuple[str, str]:
    """(family, given) of a name; cached, since the same names recur on every page."""
    name = clean_author_text(name).strip(" ,;")
    if not name:
        return "", ""
    if "," in name:
        family, _, given = name.partition(",")
        return family.strip(), given.strip()
    tokens = name.split()
    if len(tokens) > 1 and tokens[-1].lower() in SUFFIXES:
        tokens = tokens[:-1]
    if len(tokens) == 1:
        return tokens[0], ""
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1].lower() in PARTICLES:
        start -= 1
    return " ".join(tokens[start:]), " ".join(tokens[:start])


@lru_cache(maxsize=32768)
def looks_like_name(text: str) -> bool:
    """A person's name: 1-5 capitalised words or initials, no words that names do not have."""
    text = clean_author_text(text).strip(" .,;")
    tokens = text.replace(",", " ").split()
    if not 1 <= len(tokens) <= 5 or _has_non_name_word(text):
        return False
    capitals = [t for t in tokens if t.lower() not in PARTICLES]
    return bool(capitals) and all(NAME_TOKEN.match(t) and (t[0].isupper() or not t[0].isascii())
                                  for t in capitals)


@lru_cache(maxsize=16384)
def looks_like_authors(text: str) -> bool:
    """An author list: every piece between separators is a name (``et al.`` allowed)."""
    text = clean_author_text(text).strip(" .,;:")
    if not text or len(text) > 2000:
        return False
    if _has_et_al(text):
        text = ET_AL.sub("", text).strip(" .,;:")
    pieces = [p for p in SEPARATOR.split(text) if p.strip(" .")]
    if not pieces:
        return False
    if _pair_inverted([p.strip(" .") if not INITIALS.match(p) else p for p in pieces]):
        return True
    return all(looks_like_name(p) for p in pieces)


@lru_cache(maxsize=16384)
def looks_like_several_names(text: str) -> bool:
    """An author list with evidence beyond capitalised words: an initial, *et al.*, family-initials
    pairs, or several names of 2-4 words each. ``Neural Radiance Fields`` or ``Pose Tracking and
    Segmentation`` read as names too; alone on a line they may be titles."""
    if not looks_like_authors(text):
        return False
    text = clean_author_text(text).strip(" .,;:")
    if _has_et_al(text) or any("." in token or len(token) == 1 for token in text.split()):
        return True
    pieces = [p.strip(" .") for p in SEPARATOR.split(text) if p.strip(" .")]
    return len(pieces) > 1 and (bool(_pair_inverted(pieces)) or all(2 <= len(p.split()) <= 4 for p in pieces))
