"""Is a parsed entry a publication? A score from evidence, with weights fitted on labelled pages.

Each candidate (a parsed mention and the entry it came from) is described by ``features``: what
its fields hold (a title-like title, an author list and its length, the owner among the authors,
year, a known venue, DOI/arXiv/links), where it stands (section kind, shape, position) and how it
compares with its siblings in the same section (the same shape and markup, a similar length), and
the evidence its section asks for (``section_evidence``). A linear-chain CRF (python-crfsuite) over
each section's run of candidates weighs them, so a unit is also judged by its neighbours: a run of
reference-like units is a publication list whatever its heading says, or when there is none.
``training/build_finder.py`` fits it (the model ships as ``data/finder.crfsuite``); a candidate
whose marginal probability of being a paper is 0.5 or more is kept, and so is one its section's
evidence accepts unless that probability is under 0.1 (see ``VETO``).
"""
from __future__ import annotations

import math
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median

import pycrfsuite

from .finder import is_venue_line, opens_with_abstract_label, reads_as_prose
from .headings import NEWS, OTHER, PUBLICATIONS, SKIP, folded, word_list
from .models import Entry, Mention
from .modelfiles import model_file
from .names import looks_like_authors, looks_like_name
from .venues import find_venue

MODEL_FILE = "finder.crfsuite"
# A candidate the model calls a paper (0.5 or more) is kept; one its section's evidence accepts is
# kept unless the model is sure it is none (under 0.1). Cross-validated by page on the corpus, this
# beat both the model alone (0.829 against 0.802 per-page F1) and the section rule alone (0.826).
THRESHOLD = 0.5
VETO = 0.1

# Words of things that are no papers, in the entry or its heading (folded, as headings are).
TALK_WORDS = word_list("talk talks invited keynote poster presentation presentations presented seminar colloquium "
                       "lecture tutorial panel charla palestra ponencia vortrag expose",
                       anywhere="発表 講演 ポスター セミナー 报告")
# Words with which a news item announces a paper (and an item about a talk or a visit has none).
PAPER_WORDS = word_list("paper papers accepted published preprint preprints arxiv article articles appear manuscript "
                        "artigo articulo aceito aceptado angenommen veroffentlicht", anywhere="論文 论文 录用 採択")
EVENT_WORDS = word_list("hold held serve served serving workshop workshops meetup hiring",
                        beginnings="organis organiz coorganis coorganiz host attend visit defend chair join")
PATENT_WORDS = word_list("patent patents patente", anywhere="特許 专利")
SOFTWARE_WORDS = word_list("software package library toolbox github code dataset repository")
AWARD_WORDS = word_list("award prize fellowship scholarship grant honour honor premio preis", anywhere="受賞 获奖")
THESIS_WORDS = word_list("thesis dissertation tese tesis these dissertacao doktorarbeit habilitation")
SUPERVISION_WORDS = word_list("", beginnings="supervised advisor orientad betreut cosupervis")
MARKUP_MARKS = (("bold", "**"), ("link", "]("), ("italic", "_"), ("star", "*"), ("quote", "\""),
                ("curly", "“"), ("bracket", "["), ("paren_year", "(19"), ("paren_year2", "(20"))
# What a unit's neighbours show it (a CRF's usual window): a bare title whose next unit is an author
# list, a venue line after an author list, a stray line between references.
NEIGHBOUR_FEATURES = ("has_authors", "has_year", "has_venue", "title_is_names", "title_short", "section_evidence",
                      "text_prose", "has_url", "same_markup", "text_abstract")
YEARISH = re.compile(r"(?:19|20)\d\d")
# Shapes of lines that are no titles, whatever their section: a sentence cut before its object
# (``This list was last updated on``, ``Check out our workshop on``), an organisation's name (an
# affiliation, an employer), a lower-case label (``peer-reviewed article``), a sentence in the first
# or second person (``I study ...``, ``You can find ...``; not ``You Only Look Once``, a title in
# Title Case), a code repository's link.
FUNCTION_WORDS = frozenset("a an and at by for from in of on or the to with via de da do das dos del em et "
                           "la le les y und der die das von zu".split())
ORGANISATION = re.compile(r"\b(?:universit(?:y|ies|é|e|at|ät|à|ad|ade)|institut[eo]?|labs?|laborator(?:y|ies)|"
                          r"department|school|college|cent(?:er|re)|inc|ltd|llc|gmbh|corporation|company|"
                          r"academy|faculty|facultad|hospital|foundation)\b", re.I)
PERSON_WORDS = re.compile(r"^(?:i|we|you|my|our|check|see|click|please|here)\b", re.I)
FIRST_PERSON = re.compile(r"\b(?:I|my|we|our|me)\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")  # a contact line's address
CODE_HOSTS = re.compile(r"\b(?:github\.com|gitlab\.com|bitbucket\.org|pypi\.org|cran\.r-project\.org|"
                        r"github\.mit\.edu|zenodo\.org)/", re.I)
PROFILE_HOSTS = re.compile(r"\b(?:scholar\.google|orcid\.org|dblp\.|researchgate\.net|linkedin\.com|twitter\.com|"
                           r"x\.com|semanticscholar\.org/author|researchmap\.jp|academia\.edu/?$|mailto:)", re.I)
AWARD_TITLE = re.compile(r"^(?:winner|finalist|recipient|awarded|honou?rable mention|"
                         r"best (?:paper|student paper|poster) award)\b", re.I)
TITLE_LETTERS = re.compile(r"[^\W\d_]+")
LINK = re.compile(r"\[[^\[\]]*\]\([^()\s]*\)")
ITEM_MARK = re.compile(r"^\s*(?:[-*+•]\s+)?")


@dataclass
class Candidate:
    """A parsed mention, the entry it came from, and its evidence (filled by ``describe``)."""

    mention: Mention
    entry: Entry
    features: dict[str, float] = field(default_factory=dict)


def markup_signature(text: str) -> tuple[bool, ...]:
    """Which markup marks an entry uses: siblings of one list share them."""
    return tuple(mark in text for _, mark in MARKUP_MARKS)


def _words(text: str) -> int:
    return len(text.split())


def _reference_like(mention: Mention) -> bool:
    return bool(mention.title and mention.authors and (mention.year or mention.venue))


def _owner_named(mention: Mention, owner: str) -> bool:
    if not owner or not mention.authors:
        return False
    parts = _owner_parts(owner)
    return any(any(part in person.display().lower() for part in parts) for person in mention.authors)


@lru_cache(maxsize=64)
def _owner_parts(owner: str) -> tuple[str, ...]:
    """The words of the owner's name that name them in an author list (one owner per page)."""
    return tuple(part.lower() for part in owner.replace(",", " ").split() if len(part) > 2)


def sequences(candidates: list[Candidate]) -> list[list[Candidate]]:
    """The candidates cut into runs of one section each, in page order: the model's sequences."""
    runs: list[list[Candidate]] = []
    for c in candidates:
        key = (c.entry.section, c.entry.section_kind)
        if runs and (runs[-1][0].entry.section, runs[-1][0].entry.section_kind) == key:
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def describe(candidates: list[Candidate]) -> None:
    """Fill every candidate's features, comparing it with its siblings (same section)."""
    page_has_pub = any(c.entry.section_kind == PUBLICATIONS for c in candidates)
    for siblings in sequences(candidates):
        n = len(siblings)
        signatures = [markup_signature(s.entry.text) for s in siblings]
        common_signature = Counter(signatures).most_common(1)[0][0]
        common_shape = Counter(s.entry.shape for s in siblings).most_common(1)[0][0]
        typical_length = median(len(s.entry.text) for s in siblings) or 1
        section = _section_features(siblings[0].entry.section)
        for index, c in enumerate(siblings):
            features = _own_features(c, section)
            features["same_markup"] = float(signatures[index] == common_signature)
            features["same_shape"] = float(c.entry.shape == common_shape)
            features["length_ratio"] = min(abs(math.log((len(c.entry.text) or 1) / typical_length)), 3.0) / 3.0
            features["first_in_section"] = float(index == 0)
            features["position"] = index / max(n - 1, 1)
            features["page_has_pub_section"] = float(page_has_pub)
            c.features = features
        for index, c in enumerate(siblings):
            for offset, side in ((-1, "prev"), (1, "next")):
                j = index + offset
                if 0 <= j < n:
                    other = siblings[j].features
                    for name in NEIGHBOUR_FEATURES:
                        if other.get(name):
                            c.features[f"{side}:{name}"] = other[name]
                else:
                    c.features[f"{side}:none"] = 1.0


def section_evidence(m: Mention, e: Entry) -> bool:
    """The evidence a section asks for before its units count as papers, as one feature: anything
    with a title (not a line that reads as no title, ``_no_title_shapes``) and some evidence in a
    publications section; a venue in news, unless the item tells of an event (a talk, a workshop
    held, a visit) without a word of a paper; elsewhere authors and a year, or a venue with a
    link that may lead to the paper; nothing in a skip section; a citation needs its label."""
    if e.shape == "citation":
        return bool(m.label)
    venue_or_year = bool(m.venue or m.year)
    no_title = _no_title_shapes(m.title)
    if no_title and not (e.section_kind == PUBLICATIONS and _whole_reference(m) and no_title == ["title_cut_short"]):
        return False
    if e.section_kind == PUBLICATIONS:
        return bool(m.authors or venue_or_year or _paper_links(m.urls) or m.number)
    if e.section_kind == NEWS:
        return bool(m.venue) and not _tells_of_an_event(e.text)
    if e.section_kind == SKIP:
        return False
    # elsewhere a venue-like phrase alone is weak (a team's name in a list of collaborators): with
    # the authors it needs a year or a link that may lead to the paper
    return bool(m.authors and (m.year or m.venue and _paper_links(m.urls))) or bool(
        m.venue and m.year and e.shape == "news")


def _paper_links(urls: list[str]) -> list[str]:
    """The links that may lead to a paper: not to a profile (Google Scholar, ORCID, a mail address)."""
    return [url for url in urls if not PROFILE_HOSTS.search(url)]


def _tells_of_an_event(text: str) -> bool:
    words = folded(text)
    return (TALK_WORDS.found_in(words) or EVENT_WORDS.found_in(words)) and not PAPER_WORDS.found_in(words)


def _section_features(heading: str) -> dict[str, float]:
    """What a section's heading says, the same for all its candidates."""
    section = folded(heading)
    return {
        "section_talk": float(TALK_WORDS.found_in(section)),
        "section_patent": float(PATENT_WORDS.found_in(section)),
        "section_software": float(SOFTWARE_WORDS.found_in(section)),
        "section_none": float(not heading),
    }


def _own_features(c: Candidate, section: dict[str, float]) -> dict[str, float]:
    m, e = c.mention, c.entry
    title_words = _words(m.title)
    authors = [a for a in m.authors if not a.is_others]
    text = folded(e.text)
    kind = e.section_kind or OTHER
    evidence = {
        "has_year": bool(m.year), "has_venue": bool(m.venue), "has_acronym": bool(m.venue_acronym),
        "has_authors": bool(authors), "has_doi": bool(m.doi), "has_arxiv": bool(m.arxiv),
        "has_url": bool(m.urls), "has_number": bool(m.number), "has_label": bool(m.label or e.label),
    }
    f = {name: float(value) for name, value in evidence.items()}
    f.update({
        "section_evidence": float(section_evidence(m, e)),
        "has_title": float(bool(m.title)),
        "title_words_log": min(math.log1p(title_words) / math.log(41), 1.0),
        "title_short": float(title_words < 3),
        "title_long": float(title_words > 30),
        "title_is_names": float(bool(m.title) and looks_like_authors(m.title)),
        "title_prose": float(reads_as_prose(m.title, min_words=12)),
        "title_yearish": float(bool(YEARISH.fullmatch(m.title.strip()))),
        **_title_shape(m.title),
        "text_first_person": float(bool(FIRST_PERSON.search(_outside_title(e.text, m.title)))),
        "title_first_person": float(_sentence_in_first_person(m.title)),
        "text_email": float("@" in e.text and bool(EMAIL.search(e.text))),
        "text_abstract": float(opens_with_abstract_label(e.text)),
        "news_paper_words": float(e.shape == "news" and PAPER_WORDS.found_in(text)),
        "code_link": float(any(CODE_HOSTS.search(url) for url in m.urls)),
        "profile_links": float(bool(m.urls) and not _paper_links(m.urls)),
        "link_only": float("\n" not in e.text and "](" in e.text
                           and not LINK.sub("", ITEM_MARK.sub("", e.text, count=1)).strip(" .,;|[]()*")),
        "authors_1": float(len(authors) == 1),
        "authors_2_5": float(2 <= len(authors) <= 5),
        "authors_6plus": float(len(authors) > 5),
        "owner_named": float(_owner_named(m, e.owner)),
        "loose": float(m.loose),
        "text_prose": float(reads_as_prose(e.text, min_words=20)),
        "text_len_log": min(math.log1p(len(e.text)) / math.log(2000), 1.0),
        "text_lines": min(e.text.count("\n") + 1, 8) / 8,
        "talk_words": float(TALK_WORDS.found_in(text)),
        "patent_words": float(PATENT_WORDS.found_in(text)),
        "software_words": float(SOFTWARE_WORDS.found_in(text)),
        "award_words": float(AWARD_WORDS.found_in(text)),
        "thesis_words": float(THESIS_WORDS.found_in(text)),
        "supervision_words": float(SUPERVISION_WORDS.found_in(text)),
        **section,
    })
    for name in (PUBLICATIONS, NEWS, OTHER, SKIP):
        f[f"kind_{name}"] = float(kind == name)
    for shape in ("list", "reference", "block", "citation", "news"):
        f[f"shape_{shape}"] = float(e.shape == shape)
    for name in ("has_year", "has_venue", "has_authors", "has_url", "has_label"):
        f[f"{kind}*{name}"] = f[name]
    f[f"{kind}*authors_and_date"] = float(bool(authors) and bool(m.year or m.venue))
    f[f"{e.shape}*has_label"] = f["has_label"]
    return f


@lru_cache(maxsize=16384)
def _title_shape(title: str) -> dict[str, float]:
    """What a title's own words say it is, when it is no title at all (see ``FUNCTION_WORDS``)."""
    words = TITLE_LETTERS.findall(title)
    if not words:
        return {}
    return {
        "title_cut_short": float(words[-1].lower() in FUNCTION_WORDS
                                 and not title.rstrip().endswith((")", "\"", "”"))),
        "title_organisation": float(len(words) <= 8 and ":" not in title and bool(ORGANISATION.search(title))),
        "title_label": float(len(words) <= 3 and all(w.islower() for w in words)),
        "title_person": float(bool(PERSON_WORDS.match(title.strip(" *[\"“")))
                              and sum(w[0].isupper() for w in words) < len(words) / 2),
        "title_is_venue": float(bool(find_venue(title)) and is_venue_line(title)),
        "title_one_name": float(2 <= len(words) <= 3 and looks_like_name(title)),
        "title_award": float(bool(AWARD_TITLE.match(title.strip(" *_[\"“")))),
    }


NO_TITLE_SHAPES = ("title_cut_short", "title_organisation", "title_label", "title_is_venue", "title_award",
                   "title_person")


def _no_title_shapes(title: str) -> list[str]:
    """The shapes by which a parsed "title" reads as no title (``NO_TITLE_SHAPES``): a sentence cut
    before its object, an organisation, a lower-case label, a venue line, an award (``Winner, ...
    Prize``), a sentence in the first or second person; what it is when the unit holds no paper
    (page furniture, affiliations, badges, an award line under a book, a research narrative)."""
    shape = _title_shape(title)
    return [name for name in NO_TITLE_SHAPES if shape.get(name)]


def _whole_reference(m: Mention) -> bool:
    """Authors, a venue and a year: under a publications heading such a unit is a paper even when
    its title ends on a function word (``... Networks via``), the one no-title shape a real title
    can take."""
    return bool(m.authors and m.venue and m.year)


def _sentence_in_first_person(title: str) -> bool:
    """A sentence-case "title" with the page owner in it (``... can be found on my Google Scholar
    page``): a line of the page speaking, not a paper's title."""
    words = TITLE_LETTERS.findall(title)
    return len(words) >= 6 and bool(FIRST_PERSON.search(title)) and sum(w[0].isupper() for w in words) < len(words) / 3


def _outside_title(text: str, title: str) -> str:
    return text.replace(title, " ") if title else text


class ModelMissing(RuntimeError):
    pass


@dataclass
class Model:
    """The fitted CRF: over each section's run of candidates, so a unit is judged with its
    neighbours (a run of references, a stray line among them)."""

    tagger: pycrfsuite.Tagger

    def probabilities(self, run: list[Candidate]) -> list[float]:
        self.tagger.set([{name: value for name, value in c.features.items() if value} for c in run])
        return [self.tagger.marginal(POSITIVE, i) for i in range(len(run))]


POSITIVE = "1"
NEGATIVE = "0"


def load_model() -> Model:
    path = model_file(MODEL_FILE)
    try:
        status = os.stat(path)
    except OSError:
        return _load_model(path, 0)
    return _load_model(path, status.st_mtime_ns if stat.S_ISREG(status.st_mode) else 0)


@lru_cache(maxsize=8)
def _load_model(path: str, mtime: int) -> Model:
    if not mtime:
        raise ModelMissing(f"the finder's model ({path}) is missing: reinstall pubexport, or build it "
                           "with `python training/build_finder.py`")
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return Model(tagger)


def decide(candidates: list[Candidate], model: Model) -> list[bool]:
    """For each candidate (in page order), whether the model calls it a publication."""
    keep: list[bool] = []
    for run in sequences(candidates):
        keep += [p >= THRESHOLD or (bool(c.features.get("section_evidence")) and p >= VETO)
                 for c, p in zip(run, model.probabilities(run))]
    return keep
