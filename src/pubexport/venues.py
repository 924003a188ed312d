"""Venues: the table of known venues and the reading of venue strings.

``parse_venue("CVPR 2022 (Oral)")`` gives venue CVPR (full name from the table, since the page
gives only the acronym), year 2022 and the note "Oral"; a venue the page names in words is kept
as written, with the table's acronym and kind. To teach pubexport a venue, add one line to
``VENUES``: the acronym, its full name, its kind, and any other spellings people write for it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from .models import ARTICLE_JOURNAL, PAPER_CONFERENCE, PATENT, PREPRINT, REPORT, THESIS, UNKNOWN

CONFERENCE, JOURNAL, WORKSHOP, PREPRINT_SERVER = "conference", "journal", "workshop", "preprint"

# acronym: (full name, kind, other spellings). Spellings are matched case-insensitively on whole
# words; acronyms of 4+ letters too, shorter ones only in capitals.
VENUES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "CVPR": ("IEEE/CVF Conference on Computer Vision and Pattern Recognition", CONFERENCE,
             ("Computer Vision and Pattern Recognition",)),
    "ICCV": ("IEEE/CVF International Conference on Computer Vision", CONFERENCE,
             ("International Conference on Computer Vision",)),
    "ECCV": ("European Conference on Computer Vision", CONFERENCE, ("European Conference on Computer Vision",)),
    "WACV": ("IEEE/CVF Winter Conference on Applications of Computer Vision", CONFERENCE,
             ("Winter Conference on Applications of Computer Vision",)),
    "BMVC": ("British Machine Vision Conference", CONFERENCE, ("British Machine Vision Conference",)),
    "ACCV": ("Asian Conference on Computer Vision", CONFERENCE, ()),
    "3DV": ("International Conference on 3D Vision", CONFERENCE, ()),
    "NeurIPS": ("Advances in Neural Information Processing Systems", CONFERENCE,
                ("NIPS", "Neural Information Processing Systems")),
    "ICML": ("International Conference on Machine Learning", CONFERENCE,
             ("International Conference on Machine Learning",)),
    "ICLR": ("International Conference on Learning Representations", CONFERENCE,
             ("International Conference on Learning Representations",)),
    "AAAI": ("AAAI Conference on Artificial Intelligence", CONFERENCE, ()),
    "IJCAI": ("International Joint Conference on Artificial Intelligence", CONFERENCE,
              ("International Joint Conference on Artificial Intelligence",)),
    "AISTATS": ("International Conference on Artificial Intelligence and Statistics", CONFERENCE, ()),
    "UAI": ("Conference on Uncertainty in Artificial Intelligence", CONFERENCE, ()),
    "COLT": ("Conference on Learning Theory", CONFERENCE, ()),
    "KDD": ("ACM SIGKDD Conference on Knowledge Discovery and Data Mining", CONFERENCE, ("SIGKDD",)),
    "ICDM": ("IEEE International Conference on Data Mining", CONFERENCE, ()),
    "ICDMW": ("IEEE International Conference on Data Mining Workshops", WORKSHOP, ()),
    "SIGMOD": ("ACM SIGMOD International Conference on Management of Data", CONFERENCE, ()),
    "PVLDB": ("Proceedings of the VLDB Endowment", JOURNAL, ("Proc. VLDB Endow.", "VLDB")),
    "ICDE": ("IEEE International Conference on Data Engineering", CONFERENCE, ()),
    "WWW": ("The Web Conference", CONFERENCE, ()),
    "SIGIR": ("International ACM SIGIR Conference on Research and Development in Information Retrieval",
              CONFERENCE, ()),
    "WSDM": ("ACM International Conference on Web Search and Data Mining", CONFERENCE, ()),
    "CIKM": ("ACM International Conference on Information and Knowledge Management", CONFERENCE, ()),
    "ACL": ("Annual Meeting of the Association for Computational Linguistics", CONFERENCE, ()),
    "EMNLP": ("Conference on Empirical Methods in Natural Language Processing", CONFERENCE,
              ("Empirical Methods in Natural Language Processing",)),
    "NAACL": ("Annual Conference of the North American Chapter of the Association for Computational Linguistics",
              CONFERENCE, ()),
    "COLING": ("International Conference on Computational Linguistics", CONFERENCE, ()),
    "INTERSPEECH": ("Interspeech", CONFERENCE, ()),
    "ICASSP": ("IEEE International Conference on Acoustics, Speech and Signal Processing", CONFERENCE,
               ("Acoustics, Speech and Signal Processing",)),
    "ICME": ("IEEE International Conference on Multimedia and Expo", CONFERENCE, ()),
    "ICIP": ("IEEE International Conference on Image Processing", CONFERENCE, ()),
    "ICPR": ("International Conference on Pattern Recognition", CONFERENCE,
             ("International Conference on Pattern Recognition",)),
    "ACM MM": ("ACM International Conference on Multimedia", CONFERENCE, ("ACM Multimedia", "ACMMM", "ACM-MM")),
    "MICCAI": ("International Conference on Medical Image Computing and Computer-Assisted Intervention",
               CONFERENCE, ()),
    "ICRA": ("IEEE International Conference on Robotics and Automation", CONFERENCE, ()),
    "IROS": ("IEEE/RSJ International Conference on Intelligent Robots and Systems", CONFERENCE, ()),
    "RSS": ("Robotics: Science and Systems", CONFERENCE, ()),
    "CoRL": ("Conference on Robot Learning", CONFERENCE, ()),
    "SIGGRAPH": ("ACM SIGGRAPH", CONFERENCE, ()),
    "SIGGRAPH Asia": ("ACM SIGGRAPH Asia", CONFERENCE, ()),
    "CHI": ("ACM CHI Conference on Human Factors in Computing Systems", CONFERENCE, ()),
    "USENIX Security": ("USENIX Security Symposium", CONFERENCE, ()),
    "CCS": ("ACM Conference on Computer and Communications Security", CONFERENCE, ()),
    "S&P": ("IEEE Symposium on Security and Privacy", CONFERENCE, ("IEEE S&P", "Oakland")),
    "FAccT": ("ACM Conference on Fairness, Accountability, and Transparency", CONFERENCE, ()),
    "TPAMI": ("IEEE Transactions on Pattern Analysis and Machine Intelligence", JOURNAL,
              ("PAMI", "T-PAMI", "Pattern Analysis and Machine Intelligence")),
    "TIP": ("IEEE Transactions on Image Processing", JOURNAL, ("Transactions on Image Processing",)),
    "TMM": ("IEEE Transactions on Multimedia", JOURNAL, ("T-MM", "Transactions on Multimedia")),
    "TIFS": ("IEEE Transactions on Information Forensics and Security", JOURNAL,
             ("Information Forensics and Security",)),
    "TCSVT": ("IEEE Transactions on Circuits and Systems for Video Technology", JOURNAL, ()),
    "TNNLS": ("IEEE Transactions on Neural Networks and Learning Systems", JOURNAL, ()),
    "TCYB": ("IEEE Transactions on Cybernetics", JOURNAL, ()),
    "TKDE": ("IEEE Transactions on Knowledge and Data Engineering", JOURNAL, ()),
    "TOG": ("ACM Transactions on Graphics", JOURNAL, ()),
    "TVCG": ("IEEE Transactions on Visualization and Computer Graphics", JOURNAL, ()),
    "IJCV": ("International Journal of Computer Vision", JOURNAL, ("International Journal of Computer Vision",)),
    "JMLR": ("Journal of Machine Learning Research", JOURNAL, ("Journal of Machine Learning Research",)),
    "TMLR": ("Transactions on Machine Learning Research", JOURNAL, ()),
    "PR": ("Pattern Recognition", JOURNAL, ()),
    "arXiv": ("arXiv", PREPRINT_SERVER, ("arXiv preprint", "CoRR")),
}

TYPE_OF_KIND = {CONFERENCE: PAPER_CONFERENCE, WORKSHOP: PAPER_CONFERENCE, JOURNAL: ARTICLE_JOURNAL,
                PREPRINT_SERVER: PREPRINT, "patent": PATENT, "report": REPORT, "thesis": THESIS}

# Where a paper stands before it is published: a note, and kept in the venue text as the page
# writes it there (``Submitted to Automatica``, ``Human Factors (Under Review)``).
STATUS = (r"\bunder (?:review|submission)\b|\bsubmitted\b|\bin (?:press|submission|preparation|review)\b"
          r"|\bto appear\b|\bforthcoming\b|\bno prelo\b|\bem prepara[cç][aã]o\b")
STATUS_NOTE = re.compile(STATUS, re.I)
# Notes a page writes next to a venue; matched case-insensitively, kept as written. Those that
# are no status (``Oral``, ``Best Paper``) leave the venue text.
PRESENTATION = (r"\b(?:long |short )?(?:oral|spotlight|poster|highlight|demo)(?: presentation| paper)?\b"
                r"|\bequal contribution\b|\bco-?first authors?\b|\bbest (?:student )?paper(?: award)?"
                r"(?: (?:nominee|finalist|honou?rable mention))?\b")
PRESENTATION_NOTE = re.compile(PRESENTATION, re.I)
NOTE = re.compile(f"{PRESENTATION}|{STATUS}", re.I)
# Every note above holds one of these words (case-folded): text without any has no note.
NOTE_WORDS = ("oral", "spotlight", "poster", "highlight", "demo", "under", "submitted", "press", "appear",
              "equal", "first", "best", "submission", "preparation", "review", "forthcoming", "prelo", "prepara")
# (The look-behind sits after a first character, so that the regex engine can skip ahead to
# candidate characters instead of trying every position.)
# (Not the yymm of an arXiv id: ``arXiv:2007.65761`` is no year 2007.)
YEAR = re.compile(r"((?:1(?<![\d./-]1)9[5-9]|2(?<![\d./-]2)0[0-4])\d)(?!\d|\.\d{4})")
SHORT_YEAR = re.compile(r"['’‘](\d\d)\b")
NOTE_ONLY_LEFTOVER = re.compile(r"^[\W_]*$")
ALTERNATIVES = re.compile(r"\s+/\s+|\s*;\s*")
PREPRINT_WORDS = re.compile(r"\barxiv\b|\bpreprint\b", re.I)
EMPTIED_BRACKETS = re.compile(r"\(\s*[\W_]*\s*\)")
DETAILS = re.compile(r"\b(?:vol(?:ume)?\.?|no\.?|pp\.?|pages?)\s*[\d–-]+.*$", re.I)
# Publication details, read into volume, issue and pages: ``6(4):7012–7019``, ``36(5), 1401–1412``
# (APA), ``36:1401-1412``, ``vol. 36, no. 5, pp. 1401-1412``.
PAGE_RANGE = r"(\d+(?:\s*[–—-]{1,2}\s*\d+)?)(?!\d)"
VOLUME_ISSUE = re.compile(r"(?:\b(?i:vol(?:ume)?|v)\.?\s*)?\b(\d{1,4})\s?\((\d{1,4}(?:[–-]\d{1,4})?)\)"
                          r"(?:\s*[:,]\s*(?:pp?\.\s*)?" + PAGE_RANGE + ")?")
VOLUME_PAGES = re.compile(r"\b(\d{1,4}):\s?" + PAGE_RANGE)
# Volume, perhaps issue, then a page range between commas, with no bracket or colon (APA without
# an issue, Copernicus, physics): ``Atmos. Chem. Phys., 18, 15783-15810``, ``ACS Environ. AU, 3, 3,
# 153-163``, ``Phys. Rev. Lett. 120, 1-5``.
VOLUME_COMMA_PAGES = re.compile(r"(?:,|(?<=\.)\s)\s*(\d{1,4}),\s*(?:(\d{1,4}),\s*)?(?:pp?\.\s*)?(\d+\s*[–—-]{1,2}\s*\d+)(?!\d)"
                                r"(?=\s*(?:[.,;]|$))")
# Vol. 3, v. 15, Volume No. 3, Vol. 1-4
VOLUME_WORD = re.compile(r"\b(?:vol(?:ume)?\.?|v\.)\s*(?:no\.\s*)?(\d+(?:\s*[–-]\s*\d+)?)\b", re.I)
# After the volume, an article number closes the details (``Automatica, vol. 155, 111165``,
# ``PLoS One, 11(10), e0164975``): it is what the reference has for pages.
ARTICLE_NUMBER = re.compile(r"[,;:]\s*(e?\d{4,}|[A-Z]\d{5,})(?=\s*(?:[.,;]\s*(?:19|20)\d\d)?\s*[.,;]?\s*$)")
ISSUE_WORD = re.compile(r"\b(?:no|nr|issue|num(?:ber)?)\.?\s*(\d+)\b", re.I)
PAGES_WORD = re.compile(r"\b(?:pp?\.|pages?)\s*" + PAGE_RANGE, re.I)
# Every detail above has a digit before "(" or ":", or one of these words.
DETAIL_HINT = re.compile(r"\d\s?[(:]|\d,\s*\d|\b(?:vol|no|nr|issue|num|pp?\.|page|v\.)", re.I)
PAGE_DASH = re.compile(r"\s*[–—-]{1,2}\s*")
EMPTIED_LIST = re.compile(r"\s*[,;](?:\s*[,;])+")
# A report number follows the report words: ``Technical Report TR-2022-07``, ``Tech. Rep. No. 12``.
REPORT_NUMBER = re.compile(r"\btech(?:nical|\.)?\s*rep(?:ort|\.)?\s*(?:no\.|number|#)?\s*([\w./-]*\d[\w./-]*)", re.I)
TWO_LATIN_LETTERS = re.compile(r"[A-Za-z]{2}")
DIGIT = re.compile(r"\d")


# (An apostrophe joins letters, ``Xu'an``, not a short year: ``ICCV'21`` is ICCV.)
TOKEN = re.compile(r"[^\W_]+(?:[&-][^\W_]+|['’][^\W\d_]+)*|&")


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _build_index() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...], bool, str]]]:
    """Every spelling by its first word (lower case), longest first: a venue is found in one
    pass over the words of a string, without one giant regex."""
    index: dict[str, list] = {}
    for acronym, (full, _kind, others) in VENUES.items():
        for spelling in (acronym, full, *others):
            words = tuple(_tokens(spelling))
            case_sensitive = len(spelling) < 4 and spelling.isupper()
            index.setdefault(words[0].lower(), []).append(
                (tuple(w.lower() for w in words), words, case_sensitive, acronym))
    for candidates in index.values():
        candidates.sort(key=lambda c: -len(c[0]))
    return index


VENUE_INDEX = _build_index()


@lru_cache(maxsize=16384)
def find_venue(text: str) -> str:
    """The acronym of the first known venue named in text (longest spelling wins), or "";
    cached, since a title or a venue line is asked about by several readers and features."""
    words = _tokens(text)
    lowered = [w.lower() for w in words]
    for i, word in enumerate(lowered):
        for spelling_lower, spelling, case_sensitive, acronym in VENUE_INDEX.get(word, ()):
            n = len(spelling_lower)
            if tuple(lowered[i:i + n]) == spelling_lower and (not case_sensitive or tuple(words[i:i + n]) == spelling):
                return acronym
    return ""


# The kind words of venue names, in the languages of the finder's headings (English, German,
# Spanish, Portuguese, French, Italian): ``Revista``, ``Memorias del Simposio``, ``Anais do Congresso``.
JOURNAL_WORDS = re.compile(r"\b(?:journal|transactions|trans\.|letters|magazine|review|annals|bulletin|revista"
                           r"|zeitschrift|rivista|revue|cadernos)", re.I)
CONFERENCE_WORDS = re.compile(r"\b(?:conference|symposium|proceedings|congress|meeting|colloquium|simposio|simpósio"
                              r"|congreso|congresso|congrès|encuentro|encontro|jornadas|memorias|anais|actas|atti"
                              r"|conferencia|conferência|tagung|konferenz|colloque)\b", re.I)
WORKSHOP_WORDS = re.compile(r"\bworkshops?\b", re.I)
REPORT_WORDS = re.compile(r"\b(?:tech(?:nical|\.)? (?:report\b|rep\.)|white ?paper\b|model card\b)", re.I)
THESIS_WORDS = re.compile(r"\b(?:ph\.?\s?d\.?|master'?s?|doctoral|bachelor'?s?)\s+(?:thesis|dissertation)\b", re.I)
PATENT_WORDS = re.compile(r"\bpatent\b", re.I)
# Words that lead into a venue without naming it (``In``, ``En:``, ``accepted at``), not before a
# status (``In submission``).
FILLER = re.compile(r"^(?:(?:in|en|at|on)(?!\s+(?:press|submission|preparation|review)\b)|accepted (?:to|by|at)"
                    r"|published in|appears? in)\s*:?\s+", re.I)


@dataclass
class VenueInfo:
    venue: str = ""  # as the page writes it; the table's full name for a badge
    acronym: str = ""
    type: str = UNKNOWN  # CSL type
    year: int | None = None
    notes: list[str] = field(default_factory=list)
    volume: str = ""
    issue: str = ""
    pages: str = ""
    number: str = ""  # a report's number
    publisher: str = ""  # a report's institution

    @property
    def found(self) -> bool:
        return bool(self.venue or self.year)


def full_name(acronym: str) -> str:
    return VENUES[acronym][0] if acronym in VENUES else acronym


def find_year(text: str) -> int | None:
    match = YEAR.search(text)
    return int(match.group(1)) if match else None


@lru_cache(maxsize=16384)
def _has_note(text: str) -> bool:
    """Whether text may hold a note (``NOTE_WORDS``); cached, since reading a venue asks it of the
    same text three times (notes, name, status)."""
    folded = text.casefold()
    return any(word in folded for word in NOTE_WORDS)


def find_notes(text: str) -> list[str]:
    if not _has_note(text):
        return []
    return [" ".join(m.group(0).split()) for m in NOTE.finditer(text)]


def parse_venue(text: str) -> VenueInfo:
    """A fresh ``VenueInfo`` for a venue string (see ``_parse_venue``); venue strings repeat a lot."""
    venue, acronym, type_, year, notes, details = _parse_venue(text)
    return VenueInfo(venue, acronym, type_, year, list(notes), *details)


@lru_cache(maxsize=16384)
def _parse_venue(text: str) -> tuple[str, str, str, int | None, tuple[str, ...], tuple[str, ...]]:
    """Read a venue string such as ``CVPR 2022 (Oral)`` or ``In *Proc. ICML*, 2020``.

    Alternatives written with `` / `` (``ICLR 2026 Poster / arXiv 2025``) keep the first
    published venue. A string that is only a presentation note (``(Oral)``) gives no venue; a
    status alone (``In submission``) is the venue as written, and a note.
    """
    text = " ".join(text.replace("*", " ").split())
    parts = ([p for p in ALTERNATIVES.split(text) if p.strip()] or [text]) if "/" in text or ";" in text else [text]
    infos = [_parse_one(p) for p in parts]
    published = [i for i in infos if i.venue and i.type != PREPRINT]
    best = published[0] if published else next((i for i in infos if i.venue), infos[0])
    if best.year is None:
        best.year = next((i.year for i in infos if i.year), None)
    details = (best.volume, best.issue, best.pages, best.number, best.publisher)
    return best.venue, best.acronym, best.type, best.year, tuple(n for i in infos for n in i.notes), details


def _parse_one(text: str) -> VenueInfo:
    if "[" in text:
        text = LINK_RESIDUE.sub(" ", text)  # ``Phys. Rev. B 7, 1 [[arXiv:2206.14730]]`` is no arXiv listing
    if "10." in text:
        text = DOI_TEXT.sub(" ", text)  # nor is ``ECML PKDD 2024, doi: 10.48550/arXiv.2406.07805``
    info = VenueInfo(notes=find_notes(text))
    folded = text.casefold()
    if ("report" in folded or "rep." in folded) and REPORT_WORDS.search(text) and not find_venue(text):
        return _read_report(text, info)
    if DIGIT.search(text) and DETAIL_HINT.search(text):
        text = _read_details(text, info)
    years = [int(m.group(1)) for m in YEAR.finditer(text)]
    if not years:
        short = SHORT_YEAR.search(text)
        if short:
            years = [2000 + int(short.group(1)) if int(short.group(1)) < 50 else 1900 + int(short.group(1))]
    info.year = years[0] if years else None
    workshop = "workshop" in text.casefold() and WORKSHOP_WORDS.search(text)
    acronym = find_venue(text)
    name = _clean_name(text)
    if acronym and not workshop:
        full, kind, _ = VENUES[acronym]
        info.acronym, info.type = acronym, TYPE_OF_KIND[kind]
        info.venue = name if kind != PREPRINT_SERVER and not _only_badge(name, acronym) else full
        return info
    if not name:
        return info
    info.venue = name
    info.type = UNKNOWN if is_status(name) else kind_type(name)
    return info


# Words a badge wears besides the venue's acronym (``Proc. IEEE CVPR``): a page writing only these
# names the venue by its acronym, and the table's full name says it better.
BADGE_WORDS = frozenset("proc proceedings of the in ieee acm cvf ieee/cvf usenix springer conf".split())
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)?", re.I)


@lru_cache(maxsize=None)
def _short_spellings(acronym: str) -> tuple[tuple[str, ...], ...]:
    """The venue's spellings that are badges, not names: the acronym and spellings of 1-2 words,
    longest first (once per venue of the table)."""
    spellings = [tuple(w.lower() for w in _tokens(s)) for s in (acronym, *VENUES[acronym][2]) if len(_tokens(s)) <= 2]
    return tuple(sorted(spellings, key=len, reverse=True))


def _only_badge(name: str, acronym: str) -> bool:
    """Whether the page's venue text says nothing but the acronym (``CVPR``, ``Proc. ICML``,
    ``IEEE TPAMI``), as opposed to a name of its own (``Findings of EMNLP``, ``Proceedings of the
    AAAI Conference on Artificial Intelligence``)."""
    words = [w.lower() for w in _tokens(name)]
    for spelling in _short_spellings(acronym):
        n = len(spelling)
        i = 0
        while i + n <= len(words):
            if tuple(words[i:i + n]) == spelling:
                del words[i:i + n]
            else:
                i += 1
    return all(w in BADGE_WORDS or ORDINAL.fullmatch(w) for w in words)


# A detail's word just before a number (``Vol. 237, pp. 1-9``, ``no. 4, 681-710``): that number is not
# the volume of ``VOLUME_COMMA_PAGES`` but what the word says.
DETAIL_WORD_BEFORE = re.compile(r"\b(?:vol(?:ume)?|v|no|nr|num|pp?)\.?\s*$", re.I)


def _not_a_volume(text: str, match: re.Match) -> bool:
    """``X, 2019, 1-9``: a year; ``Vol. 237, pp. 1-9``: a number a detail's word names."""
    return bool(YEAR.fullmatch(match.group(1)) or DETAIL_WORD_BEFORE.search(text, 0, match.start()))


def _read_details(text: str, info: VenueInfo) -> str:
    """Volume, issue and pages into ``info``; returns the text without them (so that pages such
    as ``2001-2010`` are not read as a year)."""
    found = min((m for pattern in (VOLUME_ISSUE, VOLUME_PAGES, VOLUME_COMMA_PAGES) for m in pattern.finditer(text)
                 if not (m.re is VOLUME_ISSUE and YEAR.fullmatch(m.group(2))  # 12 (2019) is a year
                         or m.re is VOLUME_COMMA_PAGES and _not_a_volume(text, m))),
                key=lambda m: m.start(), default=None)
    spans = []
    if found:
        info.volume = found.group(1)
        span = found.span()
        if found.re is VOLUME_ISSUE:
            info.issue, pages = found.group(2), found.group(3)
            if pages and YEAR.fullmatch(pages):  # ``12(3), 2019``: the year follows, no pages
                pages, span = "", (found.start(), found.end(2) + 1)
        elif found.re is VOLUME_COMMA_PAGES:
            info.issue, pages = found.group(2) or "", found.group(3)
        else:
            pages = found.group(2)
        info.pages = PAGE_DASH.sub("-", pages) if pages else ""
        spans.append(span)
    for pattern, name in ((VOLUME_WORD, "volume"), (ISSUE_WORD, "issue"), (PAGES_WORD, "pages")):
        if getattr(info, name):
            continue
        match = next((m for m in pattern.finditer(text)
                      if not any(m.start() < end and start < m.end() for start, end in spans)), None)
        if match:  # (not inside a detail read already: ``Volume No. 3`` holds no issue)
            setattr(info, name, PAGE_DASH.sub("-", match.group(1)))
            spans.append(match.span())
    if not spans:
        return text
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    text = EMPTIED_LIST.sub(",", text)
    article = ARTICLE_NUMBER.search(text) if info.volume and not info.pages else None
    if article and not YEAR.fullmatch(article.group(1)):
        info.pages = article.group(1)
        text = text[:article.start()] + text[article.end():]  # (a closing year stays to be read)
    return text


def _read_report(text: str, info: VenueInfo) -> VenueInfo:
    """``Technical Report TR-2022-07, Haptics Lab, 2022``: a report with its number and
    institution (publisher), and no venue. The institution is what the other comma-separated
    parts name, or the words before the report words (``Haptics Lab Technical Report 12``)."""
    info.type = REPORT
    info.year = find_year(text)
    number = REPORT_NUMBER.search(text)
    if number and not YEAR.fullmatch(number.group(1)):
        info.number = number.group(1).rstrip(".")
    others, before = [], ""
    for part in text.split(","):
        report = REPORT_WORDS.search(part)
        if report:
            before = part[:report.start()]
        else:
            others.append(part)
    institution = [name for name in map(_clean_name, others) if name] or [_clean_name(before)]
    info.publisher = ", ".join(name for name in institution if name)
    return info


@lru_cache(maxsize=16384)
def kind_type(name: str) -> str:
    """The CSL type a venue name implies by its words (journal, conference, report, ...)."""
    if PATENT_WORDS.search(name):
        return PATENT
    if REPORT_WORDS.search(name):
        return REPORT
    if THESIS_WORDS.search(name):
        return THESIS
    if WORKSHOP_WORDS.search(name) or CONFERENCE_WORDS.search(name):
        return PAPER_CONFERENCE
    if PREPRINT_WORDS.search(name):
        return PREPRINT
    if JOURNAL_WORDS.search(name):
        return ARTICLE_JOURNAL
    return UNKNOWN


# Dates and identifiers that IEEE-style references put among the venue words.
# A DOI, or whatever a ``doi:`` label gives (``doi:110.5194/acp-17-10855-2017``, mistyped).
DOI_TEXT = re.compile(r"\bdoi:\s*\S+|(?:\bdoi\s*)?\b10\.\d{4,9}/\S+", re.I)
MONTH_NAMES = (r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|(?:January|February|March|April|May|June|July"
               r"|August|September|October|November|December)")
TRAILING_DATE = re.compile(rf"(?:(?<=[\s,.;:(\[])|^)[(\[]?\s*(?:{MONTH_NAMES}\s*)?(?:\d{{1,2}},?\s+)?"
                           r"(?:(?:19|20)\d\d[a-z]?|['’‘]\d\d)[\s,.;:)\]]*$|['’‘]\d\d[\s,.;:)\]]*$")
TRAILING_MONTH = re.compile(rf"(?:(?<=[\s,.;:(])|^)(?:{MONTH_NAMES})[\s,.;:)]*$")
# A link the page's markup left behind (``[[pdf]](/assets/x.pdf)``, ``[PubMed``) and what follows it.
LINK_RESIDUE = re.compile(r"\[\[.*$|\[(?:pdf|doi|abstract|paper|code|pubmed|bib|bibtex|link|slides|video|arxiv"
                          r"|html)\b.*$", re.I)
MONTH_HINT = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")


def has_month(text: str) -> bool:
    return bool(MONTH_HINT.search(text))


# A short capitalised word closing a name in which an abbreviated word (``Chem.``) comes before.
ABBREVIATED_END = re.compile(r"\b[A-Z][a-z]{0,5}$")
ABBREVIATED_WORD = re.compile(r"\b[A-Z][a-z]{1,5}\.\s")


def _clean_name(text: str) -> str:
    """The venue name as the page writes it, once presentation notes (``Oral``), volume/page
    details, identifiers, link residue, the trailing date and a leading ``In`` are gone. A year
    inside the name stays (``Proceedings of the 2023 Conference on ...``, ``LREC 2020 Workshop``),
    and so does a status (``Submitted to ...``, ``In submission``), which is a note as well."""
    name = PRESENTATION_NOTE.sub(" ", text) if _has_note(text) else text
    has_digit = DIGIT.search(name)
    if has_digit or "-" in name or "–" in name:
        name = DETAILS.sub(" ", name)
    if "(" in name:
        name = EMPTIED_BRACKETS.sub(" ", name)  # brackets emptied by the removals
    name = _strip_trailing_date(name)
    if name.count("(") > name.count(")"):
        name = name.rstrip(" ,.;:") + ")"  # ``(CLPsych 2024)`` lost its year and its bracket
    name = _strip_edges(FILLER.sub("", _strip_edges(" ".join(name.split()))))
    if NOTE_ONLY_LEFTOVER.match(name) or not TWO_LATIN_LETTERS.search(name):
        return ""
    if ABBREVIATED_END.search(name) and ABBREVIATED_WORD.search(name) and name + "." in text:
        name += "."  # an abbreviated name keeps its last abbreviation's period: ``Atmos. Chem. Phys.``
    return name.strip("()[] ") if is_status(name) else name  # (under review)


def is_status(venue: str) -> bool:
    """Whether a venue text only says where the paper stands (``In submission``, ``Submitted``)."""
    return _has_note(venue) and bool(NOTE_ONLY_LEFTOVER.match(STATUS_NOTE.sub(" ", venue)))


def _strip_trailing_date(name: str) -> str:
    """Without the date that closes it (``, 2020``, ``(2019)``, ``Sept. 2023``, ``'21``)."""
    while True:
        cut = TRAILING_DATE.sub("", name) if DIGIT.search(name) else name
        if has_month(cut):
            cut = TRAILING_MONTH.sub("", cut)
        if cut == name:
            return name
        name = cut


def _strip_edges(name: str) -> str:
    """Without the punctuation at its ends; a closing bracket stays when it closes one inside
    (``IEEE Transactions on Signal Processing (T-SP)``)."""
    while True:
        cut = name.strip(" ,.;:-–[]")
        if cut.endswith("(") or cut.endswith(")") and cut.count("(") < cut.count(")"):
            cut = cut[:-1]
        if cut.startswith(")") or cut.startswith("(") and cut.count("(") > cut.count(")"):
            cut = cut[1:]
        if cut == name:
            return name
        name = cut
