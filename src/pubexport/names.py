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
LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")  # ``[Rafael Ortiz](https://...)``
# al-folio collapses a long list to "A. One, B. Two, and 3 more authors": the rest are others too.
# An ellipsis between names (``A, ..., B``) stands for authors left out: others as well.
ET_AL = re.compile(r",?\s*\bet\.?\s*al\b\.?|,?\s*\band (?:many )?others\b"
                   r"|,?\s*\b(?:and\s+)?(?:\d+|many)\s+(?:more\s+|other\s+)?authors?\b"
                   r"|(?<![^\s,])(?:\.\.\.|…)(?=[\s,]|$)", re.I)
# (The look-ahead names the characters a separator starts with, so that the regex engine skips
# ahead to them instead of trying every alternative at every position.)
SEPARATOR = re.compile(r"(?=[\s,;])(?:\s*;\s*|\s*,\s*(?:and|&)\s+|\s+(?:and|&)\s+|\s*,\s*)", re.I)
ET_AL_HINT = re.compile(r"et\.?\s*al")
PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "bin",
             "ibn", "al", "ten", "ter", "zu", "y"}
# Capital letters of the Latin, Greek and Cyrillic scripts, as a regex class: an initial may carry
# an accent (``Á.``, ``Ø.``, ``Ž.``) as well as be ASCII.
UPPER = "[" + "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper()) + "]"
# "B.", "J.-P.", "Th.", "P. K.", "AB", and without dots "P-Y", "M. E", "A"
INITIAL = rf"(?:{UPPER}[a-z]?\.|{UPPER})"
INITIALS = re.compile(rf"^{INITIAL}(?:[\s.-]*{INITIAL}){{0,2}}\.?$")
# "L.Tozzi", "A.D'Enza": an initial glued to the family name
GLUED_INITIAL = re.compile(rf"(?<![^\W\d_])({UPPER})\.(?=\**{UPPER}[^\W\d_]*[a-z'’])")
# A date or a status beside the names (``Kieran Healy. 2006.``, ``Forthcoming. A. Lee and B. Wu``,
# ``Bashan A, Yonath A. (2014)``): CVs write the year where the list starts or ends; it is no name.
DATE = r"(?:\(?(?:19|20)\d\d[a-z]?\+?\)?|forthcoming|in press|to appear|accepted|submitted|under review)"
LEADING_DATE = re.compile(rf"^\s*{DATE}(?:\s*[.,:;–—-]\s*|\s+)", re.I)
TRAILING_DATE = re.compile(rf"(?:\s|(?<=[.,;:]))\s*{DATE}\s*[.,:;]?\s*$", re.I)
# "with A and B" / "joint work with A": the co-authors of the page's owner
WITH = re.compile(r"^\s*\(?\s*(?:joint(?:ly)?\s+(?:work\s+)?)?with\s+(?=\S)", re.I)
AND_SEPARATOR = re.compile(r"\s*,?\s*\b(?:and|&)\s+|\s*&\s*", re.I)
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
NAME_TOKEN = re.compile(r"^(?:[A-Z]\.?|[^\W\d_](?:[^\W\d_]|['’.-])*)$")
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
    hinted = ("others" in lower or " author" in lower or "et" in lower and bool(ET_AL_HINT.search(lower))
              or "..." in text or "…" in text)
    return hinted and bool(ET_AL.search(text))


@lru_cache(maxsize=16384)
def link_texts(text: str) -> str:
    """Links reduced to their texts: co-authors often link to their homepages."""
    return LINK.sub(r"\1", text) if "](" in text else text


@lru_cache(maxsize=16384)
def clean_author_text(text: str) -> str:
    """Drop links to the people's pages, emphasis and contribution markers; keep the names
    (cached: an author list is tested as names, then as several names, then split)."""
    text = link_texts(text)
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
    text = _strip_end(without_dates(clean_author_text(text)))
    if not text:
        return (), False
    others = _has_et_al(text)
    if others:
        text = ET_AL.sub("", text)
    text = _strip_end(text)
    people = _people_by_semicolon(text)
    if people is not None:
        names = [_name_parts(p) for p in people]
    else:
        names = _read_names(_pieces(text))
    return tuple(name for name in names if name[0]), others


def without_dates(text: str) -> str:
    """The names without a date or status glued to the list's start or end, and with glued
    initials spaced (``L.Tozzi`` -> ``L. Tozzi``)."""
    if "." in text:
        text = GLUED_INITIAL.sub(r"\1. ", text)
    if ("ed" in text or "ing" in text or "appear" in text or "press" in text
            or any(map(str.isdigit, text))):
        text = TRAILING_DATE.sub("", LEADING_DATE.sub("", text, count=1))
    return text


def _pieces(text: str) -> list[str]:
    return [piece for piece in map(_trim_piece, SEPARATOR.split(text)) if piece]


def _trim_piece(piece: str) -> str:
    """A piece without separators around it, nor a closing period unless it ends an initial."""
    piece = piece.strip(" ,;:")
    words = piece.rsplit(None, 1)
    if piece.endswith(".") and not INITIALS.match(words[-1]):
        piece = piece.rstrip(" .")
    return piece.strip(" ,;:")


def _people_by_semicolon(text: str) -> list[str] | None:
    """``Pesce, A; Gianni, G. M and Lupari, M``: semicolons between people, a comma inside each
    (ABNT, many CVs); None when the list is not written so."""
    if ";" not in text:
        return None
    parts = [p.strip(" ,;:") for p in text.split(";")]
    people = [q.strip(" ,;:") for p in parts for q in AND_SEPARATOR.split(p) if q.strip(" ,;:.")]
    if not people or not all(p.count(",") <= 1 for p in people) or not any("," in p for p in people):
        return None
    return [_trim_piece(p) for p in people]


def _read_names(pieces: list[str]) -> list[tuple[str, str]]:
    """Each piece a name, or two pieces one inverted name (``Sigaud, O.``): paired by evidence,
    see ``_family_then_given``."""
    names: list[tuple[str, str]] = []
    i = 0
    inverted = False
    while i < len(pieces):
        if i + 1 < len(pieces) and _family_then_given(pieces[i], pieces[i + 1], opening=i == 0 or inverted):
            names.append((pieces[i], pieces[i + 1]))
            inverted = True
            i += 2
            continue
        names.append(_name_parts(pieces[i]))
        inverted = False
        i += 1
    return names


@lru_cache(maxsize=16384)
def _is_capitals(text: str) -> bool:
    """``NASCIMENTO JUNIOR``: a family name in capitals, as ABNT writes it (not initials)."""
    words = WORD.findall(text)
    return bool(words) and all(w.isupper() for w in words) and any(len(w) > 2 for w in words)


def _family_then_given(family: str, given: str, *, opening: bool) -> bool:
    """Whether two pieces of a list are one name written ``Family, Given``: initials after a family
    without any (``Sigaud, O.``, ``Pesce, A``, ``Oudeyer, P-Y.``), a given name after a family in
    capitals (``GOMES, Emerson F.``), or one-word family and given names where an inverted name
    may stand: first in the list (Chicago and MLA invert the first author only: ``Rothenberg,
    Daniel, and Chien Wang``) or after another inverted name."""
    family_words = family.split()
    if not 1 <= len(family_words) <= 3 or any(INITIALS.match(w) for w in family_words):
        return False
    if not looks_like_name(family):
        return False
    if INITIALS.match(given):
        return True
    given_words = given.split()
    if not 1 <= len(given_words) <= 3 or not looks_like_name(given) or _is_capitals(given):
        return False
    if _is_capitals(family):
        return True
    return (opening and len(family_words) == 1 and not INITIALS.match(given_words[0])
            and all(INITIALS.match(w) for w in given_words[1:]))


def coauthors(text: str) -> str | None:
    """The names of a ``with A, B and C`` line (the page's owner is implicit), or None."""
    match = WITH.match(text)
    if not match:
        return None
    rest = text[match.end():].rstrip(" )")
    return rest if looks_like_authors(rest) else None


def _strip_end(text: str) -> str:
    """Trim separators and a closing period, but not the period of a final initial (``Lund, P.``)."""
    text = text.strip(" ,;:")
    if text.endswith(".") and not FINAL_INITIAL.search(text):
        text = text[:-1]
    return text.strip(" ,;:")


def _pair_inverted(pieces: list[str]) -> list[Person] | None:
    """``["Smith", "J.", "Wu", "C. D."]`` -> Smith J. and Wu C. D.; None when not that form."""
    if len(pieces) < 2 or len(pieces) % 2 or not all(INITIALS.match(p) for p in pieces[1::2]):
        return None
    if any(INITIALS.match(p) for p in pieces[0::2]):
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
    given_from = _trailing_initials(tokens)
    if given_from:  # ``Krupkin M``, ``Zhang C. E.``: family first, initials after (Vancouver)
        return " ".join(tokens[:given_from]), " ".join(tokens[given_from:])
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1].lower() in PARTICLES:
        start -= 1
    return " ".join(tokens[start:]), " ".join(tokens[:start])


def _trailing_initials(tokens: list[str]) -> int:
    """Where the initials after a written-out family name start (``Diskin Posner Y`` -> 2), or 0."""
    start = len(tokens)
    while start > 0 and INITIALS.match(tokens[start - 1]):
        start -= 1
    if start == len(tokens) or start == 0:
        return 0
    return start if all(len(t) > 1 and t[0].isupper() and not INITIALS.match(t) for t in tokens[:start]) else 0


@lru_cache(maxsize=32768)
def looks_like_name(text: str) -> bool:
    """A person's name: 1-5 capitalised words or initials, no words that names do not have."""
    text = clean_author_text(text).strip(" .,;")
    tokens = text.replace(",", " ").split()
    if not 1 <= len(tokens) <= 5 or _has_non_name_word(text):
        return False
    # a capitalised particle alone is a family name (``Du``, ``Le``)
    capitals = [t for t in tokens if t.lower() not in PARTICLES] or [t for t in tokens[:1] if len(tokens) == 1]
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
