"""Token labels from known field values: where a record's title, authors, venue and year stand
in an entry's plain text. This is how training labels are made, from records rendered in many
styles and from gold records projected onto the real entries the finder finds."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from ..venues import NOTE
from .features import ARXIV_ID, DOI_TEXT, GLUED_INITIAL, INITIAL, PAGE_RANGE, YEAR
from .tokens import Token

LABELS = ("title", "author", "venue", "year", "volume", "issue", "pages", "doi", "arxiv", "url", "note",
          "publisher", "other")
TITLE_MIN_SCORE = 88
VENUE_MIN_SCORE = 90
ACRONYM = re.compile(r"\(([A-Z][\w&-]*[A-Z][\w&-]*)\)|\b([A-Z]{2,}[a-z]*[A-Z]*)\b")
GENERIC = frozenset("pdf code slides video project bibtex bib abs html paper website poster data arxiv doi "
                    "link talk demo supp".split())


def fold(text: str) -> str:
    """Lower case without accents, one character for one: offsets stay those of the text.
    ASCII text is its own lower case (the parser folds every entry it weighs the model on)."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in base if not unicodedata.combining(c)) or char
    return base[0].lower() if len(base[0].lower()) == 1 else char


def find_span(value: str, plain_folded: str, min_score: int) -> tuple[int, int] | None:
    value = fold(value).strip()
    if len(value) < 2:
        return None
    exact = plain_folded.find(value)
    if exact >= 0:
        return exact, exact + len(value)
    if len(value) < 8:
        return None
    found = fuzz.partial_ratio_alignment(value, plain_folded)
    if found is None or found.score < min_score or found.dest_end - found.dest_start < 0.8 * len(value):
        return None
    return found.dest_start, found.dest_end


def _covered(token: Token, span: tuple[int, int]) -> bool:
    middle = (token.start + token.end) / 2
    return span[0] <= middle < span[1]


def label_tokens(tokens: list[Token], plain: str, record: dict) -> list[str] | None:
    """Labels of the tokens for one record (keys title, authors, venue, year, volume, issue, pages,
    publisher as in the gold files), or None when its title is not found in the text."""
    folded = fold(plain)
    labels = ["other"] * len(tokens)
    title_span = find_span(record.get("title") or "", folded, TITLE_MIN_SCORE)
    if title_span is None:
        return None
    for i, token in enumerate(tokens):
        if _covered(token, title_span):
            labels[i] = "title"
    _label_authors(tokens, labels, record.get("authors") or [])
    _label_venue(tokens, folded, labels, record.get("venue") or "")
    for key in ("publisher", "volume", "issue", "pages"):
        value = str(record.get(key) or "")
        span = find_span(value, folded, VENUE_MIN_SCORE) if value else None
        if span:
            for i, token in enumerate(tokens):
                if labels[i] in ("other", "venue") and _covered(token, span):
                    labels[i] = key
    year = str(record.get("year") or "")
    for i, token in enumerate(tokens):
        if labels[i] not in ("other", "venue"):
            continue
        word = token.text
        if year and YEAR.match(word) and word[:4] == year:
            labels[i] = "year"
        elif ARXIV_ID.match(word) or word.lower().startswith("arxiv:"):
            labels[i] = "arxiv"
        elif DOI_TEXT.match(word) or "doi.org/" in word:
            labels[i] = "doi"
        elif word.startswith(("http", "www.")) or token.link and word.lower() in GENERIC:
            labels[i] = "url"
        elif PAGE_RANGE.match(word) and labels[i] == "other":
            labels[i] = "pages"
    for match in NOTE.finditer(plain):
        for i, token in enumerate(tokens):
            if labels[i] == "other" and _covered(token, (match.start(), match.end())):
                labels[i] = "note"
    return labels


def _label_authors(tokens: list[Token], labels: list[str], authors: list) -> None:
    """The author list: from the first to the last family name found outside the title, with
    the initials and given names that trail the last one (``Last, F.``)."""
    families = set()
    for author in authors:
        name = author if isinstance(author, str) else " ".join(
            str(author.get(k, "")) for k in ("given", "family", "literal"))
        if "," in name:  # ``Last, F.``
            name = name.partition(",")[0]
        words = [fold(w) for w in re.findall(r"[^\W\d_][\w'’-]*", name)]
        if words:
            families.add(words[-1])
            if not isinstance(author, str) and author.get("family"):
                families.update(fold(w) for w in re.findall(r"[^\W\d_][\w'’-]*", author["family"]))
    if not families:
        return
    hits = [i for i, t in enumerate(tokens) if labels[i] == "other" and _family_of(t.text) in families]
    if not hits or len({_family_of(tokens[i].text) for i in hits}) < max(1, len(families) // 2):
        return
    first, last = hits[0], hits[-1]
    while first > 0 and labels[first - 1] == "other" and (
            INITIAL.match(tokens[first - 1].text) or tokens[first - 1].text[:1].isupper()
            and tokens[first - 1].line == tokens[first].line and not tokens[first - 1].text.isupper()
            and len(tokens[first - 1].text) > 1 and first - 1 >= 0 and _given_before(tokens, first - 1)):
        first -= 1
    while last + 1 < len(tokens) and labels[last + 1] == "other" and tokens[last + 1].line == tokens[last].line and (
            INITIAL.match(tokens[last + 1].text) or tokens[last + 1].text == ","
            and last + 2 < len(tokens) and INITIAL.match(tokens[last + 2].text)):
        last += 1
    for i in range(first, last + 1):
        if labels[i] == "other":
            labels[i] = "author"


def _family_of(word: str) -> str:
    """The folded word a family name is compared with (``L.Tozzi``: ``tozzi``)."""
    if GLUED_INITIAL.match(word):
        word = word.rsplit(".", 1)[-1] if not word.endswith(".") else word
    return fold(word).rstrip(".,")


def _given_before(tokens: list[Token], i: int) -> bool:
    """A capitalised word right before the first family name is its given name when it opens
    the line or follows a separator (``with`` opening a co-author clause is one)."""
    return (i == 0 or tokens[i - 1].line != tokens[i].line or tokens[i - 1].text[-1] in ",;:.)]"
            or tokens[i - 1].text.lower() == "with" or INITIAL.match(tokens[i - 1].text) is not None)


def _label_venue(tokens: list[Token], folded: str, labels: list[str], venue: str) -> None:
    if not venue:
        return
    spans = []
    span = find_span(venue, folded, VENUE_MIN_SCORE)
    if span:
        spans.append(span)
    else:
        for match in ACRONYM.finditer(venue):
            acronym = fold(match.group(1) or match.group(2))
            for found in re.finditer(r"(?<!\w)" + re.escape(acronym) + r"(?!\w)", folded):
                spans.append((found.start(), found.end()))
    for span in spans:
        for i, token in enumerate(tokens):
            if labels[i] == "other" and _covered(token, span):
                labels[i] = "venue"
