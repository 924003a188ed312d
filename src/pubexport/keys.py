"""Citation keys: readable and stable (li2022stylet2i).

A key is the ASCII-folded family name of the first author, the year and the first significant
word of the title. Records that would share a key are told apart by suffixes a, b, ... given in
an order that depends only on the records' content, so keys do not change with the order of the
input files or between runs.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .gcpause import paused_gc
from .models import Record

# Words skipped when picking the title word: articles, prepositions, conjunctions, auxiliaries.
STOPWORDS = frozenset("""
a an the and or but nor for of on in at to by with from into onto over under via vs versus as per
about above across after against along among around before behind below beneath beside between
beyond during except inside near off out outside since than through toward towards until upon
within without is are was were be been being do does did can could should would will may might
must shall not no this that these those it its we our you your their how what when where which
who why whose let lets
""".split())

# Letters NFKD does not take apart.
_FOLD = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i", "ŋ": "ng", "Ŋ": "NG",
})
_NON_KEY_RE = re.compile(r"[^a-z0-9]+")
_WORD_RE = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: 'Müller-Łukasz' -> 'mullerlukasz'."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return _NON_KEY_RE.sub("", text.encode("ascii", "ignore").decode("ascii").lower())


def _author_part(record: Record) -> str:
    for person in record.authors:
        if person.is_others:
            continue
        if person.family:
            # particles in lower case are left out: 'van der Berg' -> 'berg', 'García Márquez' -> 'garciamarquez'
            words = person.family.split()
            while len(words) > 1 and words[0][:1].islower():
                words.pop(0)
            return fold("".join(words))
        words = (person.literal or person.given).split()
        return fold(words[0]) if words else ""
    return ""


def _title_part(title: str) -> str:
    for word in _WORD_RE.findall(title):
        folded = fold(word)
        if folded and folded not in STOPWORDS:
            return folded
    return ""


def base_key(record: Record) -> str:
    """The key before clashes are resolved."""
    author = _author_part(record) or "anon"
    year = str(record.year) if record.year else ""
    return f"{author}{year}{_title_part(record.title)}"


def _content_order(record: Record) -> tuple:
    """A sort key made of the record's content only (never its position in the input)."""
    return (
        record.title.casefold(), record.year or 0,
        tuple((p.family, p.given, p.literal) for p in record.authors),
        record.venue, record.venue_acronym, record.type, record.doi.lower(), record.arxiv,
        record.volume, record.issue, record.pages, record.number, tuple(record.urls),
        tuple(sorted((s.path, s.line) for s in record.sources)),
    )


def _suffix(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, ..."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def assign_keys(records: list[Record], reserved: Iterable[str] = ()) -> None:
    """Give every record a unique key (in place), the same whatever the order of ``records``.

    No record gets one of the ``reserved`` keys (those an existing bibliography already uses),
    compared ignoring case as BibTeX and biber do; a base key that is reserved, or that the
    reserved keys already tell apart with suffixes (``li2023a``), gets the next free suffix.
    The cyclic collector is paused meanwhile, as in merging: the keys make no cycles, and each
    collection walked every record again (two thirds of the time at 100k records).
    """
    with paused_gc():
        _assign_keys(records, reserved)


def _assign_keys(records: list[Record], reserved: Iterable[str]) -> None:
    groups: dict[str, list[Record]] = {}
    for record in records:
        groups.setdefault(base_key(record), []).append(record)
    taken = {key.casefold() for key in reserved}
    alone = {base for base, group in groups.items()
             if len(group) == 1 and base not in taken and base + _suffix(0) not in taken}
    taken |= alone
    for base in sorted(groups):
        group = groups[base]
        if base in alone:
            group[0].key = base
            continue
        n = 0
        for record in sorted(group, key=_content_order):
            while base + _suffix(n) in taken:
                n += 1
            record.key = base + _suffix(n)
            taken.add(record.key)
            n += 1
