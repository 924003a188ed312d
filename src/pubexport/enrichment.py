"""Complete merged records from Crossref: look each record up once, accept a Crossref work only
on agreeing evidence, and fill what the pages left out without overwriting what they gave.

A wrong DOI is worse than none, so every candidate must clear the thresholds below and show no
contradiction; Crossref's relevance score is never used (it is not comparable across queries).
See README, "How enrichment decides".
"""
from __future__ import annotations

import html
import logging
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .identifiers import arxiv_id_of_doi, bare_doi
from .match import fold
from .models import (ARTICLE_JOURNAL, BOOK, CHAPTER, PAPER_CONFERENCE, PATENT, PREPRINT, REPORT, THESIS,
                     UNKNOWN, Person, Record)
from .report import Report

log = logging.getLogger("pubexport")

# Thresholds (similarities are 0..1, rapidfuzz ratios on normalised text)
TITLE_MIN = 0.90  # below this the candidate is another paper, whatever else agrees
TITLE_STRONG = 0.95  # enough when only one of year / first author can confirm
SHORT_TITLE_WORDS = 4  # titles this short prove little: they need TITLE_SHORT, year and author
TITLE_SHORT = 0.97
YEAR_TOLERANCE = 1  # conference vs. journal issue dates, online-first vs. print
FAMILY_MIN = 0.88  # spelling variants of one family name (Müller / Mueller)
DOI_TITLE_MIN = 0.75  # a DOI the page gives is trusted unless its work's title is this far off
VENUE_SAME = 0.80  # token-set similarity at which two venue or publisher names are the same one
ROWS = 5  # candidates asked for per bibliographic query
WORKERS = 8  # threads waiting on the client's gate; the gate decides how many requests run

# Crossref work types -> CSL types; types missing here (peer-review, component, grant, journal,
# journal-issue, proceedings, book-series, ...) are never a paper and never accepted.
CROSSREF_TYPES = {
    "proceedings-article": PAPER_CONFERENCE,
    "journal-article": ARTICLE_JOURNAL,
    "posted-content": PREPRINT,
    "report": REPORT,
    "report-component": REPORT,
    "book-chapter": CHAPTER,
    "book-section": CHAPTER,
    "book-part": CHAPTER,
    "book": BOOK,
    "monograph": BOOK,
    "edited-book": BOOK,
    "reference-book": BOOK,
    "dissertation": THESIS,
    "dataset": "dataset",
    "standard": "standard",
}
PAPER_TYPES = {PAPER_CONFERENCE, ARTICLE_JOURNAL, PREPRINT, REPORT, CHAPTER, BOOK, THESIS}
# Which Crossref types (as CSL) may be the paper a record of this type describes. Conference papers
# appear as book chapters (LNCS); a preprint or an untyped record may have been published as anything.
COMPATIBLE = {
    PAPER_CONFERENCE: {PAPER_CONFERENCE, CHAPTER},
    ARTICLE_JOURNAL: {ARTICLE_JOURNAL},
    CHAPTER: {CHAPTER, PAPER_CONFERENCE},
    REPORT: {REPORT, PREPRINT},
    PREPRINT: PAPER_TYPES,
    UNKNOWN: PAPER_TYPES,
}
# Conference papers printed in journals (PVLDB, PACM) are accepted only when the venue agrees too:
# otherwise a journal version with the same title and authors would pass for the conference paper.
CROSS_TYPES = {PAPER_CONFERENCE: {ARTICLE_JOURNAL}, ARTICLE_JOURNAL: {PAPER_CONFERENCE}}
# Words every venue name shares; two venues agree only on the words that are left.
VENUE_FILLER = frozenset("proceedings proc of the on in and for ieee acm cvf international conference "
                         "journal transactions annual workshop workshops symposium".split())
# DOI prefixes registered with DataCite, not Crossref: asking /works for them is a sure 404.
NON_CROSSREF_PREFIXES = ("10.48550/", "10.5281/", "10.6084/", "10.5061/", "10.13140/")


@dataclass
class EnrichStats:
    """What ``enrich`` did: records matched, left without a confident match, and failed lookups,
    plus the traffic it took (HTTP requests sent, of which retries, and answers read from cache)."""

    matched: int = 0
    unmatched: int = 0
    failed: int = 0
    requests: int = 0
    retries: int = 0
    cached: int = 0


@dataclass(frozen=True)
class Lookup:
    """One request's worth of question: a DOI, or a bibliographic query string."""

    kind: str  # "doi" | "query"
    value: str


@dataclass
class Verdict:
    """How one Crossref work compares with one record."""

    work: dict
    title: float
    year: str  # agrees | unknown | contradicts
    author: str  # first | listed | unknown | contradicts
    ctype: str  # the work's type as CSL ("" when not a paper)
    type_ok: bool
    exact_type: bool
    reasons: list[str] = field(default_factory=list)
    accepted: bool = False

    @property
    def doi(self) -> str:
        return self.work.get("DOI", "")

    def scores(self) -> dict:
        return {"title": round(self.title, 3), "year": self.year, "first_author": self.author,
                "type": self.work.get("type", ""), "crossref_score": self.work.get("score")}


def enrich(records: list[Record], *, mailto: str | None = None, base_url: str | None = None,
           cache_dir: str | os.PathLike | None = None, use_cache: bool = True,
           report: Report | None = None, progress: bool = False,
           timeout: float | None = None, max_attempts: int = 4, backoff: float = 0.5) -> EnrichStats:
    """Complete ``records`` in place from Crossref; a record whose lookup fails is left untouched.

    One lookup per distinct question (records asking the same thing share it), run concurrently
    within the limits Crossref advertises. ``timeout`` (the read timeout, default
    ``crossref.READ_TIMEOUT``), ``max_attempts`` and ``backoff`` tune the retries of each request.
    """
    from .crossref import CrossrefClient

    report = report if report is not None else Report(enabled=False)
    if use_cache and cache_dir is None:
        import platformdirs

        cache_dir = os.path.join(platformdirs.user_cache_dir("pubexport"), "crossref")
    plans = [_plan(record) for record in records]
    lookups = list(dict.fromkeys(p for p in plans if isinstance(p, Lookup)))
    stats, answers = EnrichStats(), {}
    if lookups:
        timeouts = {"timeout": timeout} if timeout is not None else {}
        client = CrossrefClient(base_url, mailto=mailto, cache_dir=cache_dir if use_cache else None,
                                max_attempts=max_attempts, backoff=backoff, **timeouts)
        try:
            answers = _run(client, lookups, progress)
        finally:
            client.close()
        stats.requests, stats.retries, stats.cached = client.requests, client.retries, client.cache_hits
    for record, plan in zip(records, plans):
        left = _describe(record)
        if not isinstance(plan, Lookup):
            stats.unmatched += 1
            report.add("enrich", "no confident match", plan, left)
            continue
        answer = answers[plan]
        if isinstance(answer, Exception):
            stats.failed += 1
            report.add("enrich", "failed", f"lookup failed, record left as it was: {answer}", left,
                       plan.value)
            continue
        if _decide(record, plan, answer, report, left):
            stats.matched += 1
        else:
            stats.unmatched += 1
    failures = [a for a in answers.values() if isinstance(a, Exception)]
    if failures:
        log.warning("crossref: %d lookup(s) failed and their records were left as they were (first: %s)",
                    len(failures), failures[0])
    return stats


def _run(client, lookups: list[Lookup], progress: bool) -> dict:
    """Answer every lookup on a thread pool; an answer is the Crossref data or the exception."""
    from .crossref import LookupFailed

    def ask(lookup: Lookup):
        if lookup.kind == "doi":
            return client.work(lookup.value)
        return client.search(lookup.value, ROWS)

    bar = None
    if progress and lookups:
        from tqdm import tqdm

        bar = tqdm(total=len(lookups), file=sys.stderr, unit="lookup", desc="crossref", leave=False)
    answers: dict = {}
    pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="crossref")
    try:
        futures = {pool.submit(ask, lookup): lookup for lookup in lookups}
        for future in as_completed(futures):
            try:
                answers[futures[future]] = future.result()
            except LookupFailed as err:
                answers[futures[future]] = err
            except Exception as err:  # noqa: BLE001  an answer nobody foresaw fails its lookup, not the run
                answers[futures[future]] = LookupFailed(f"unexpected {type(err).__name__}: {err}")
            if bar is not None:
                bar.update()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if bar is not None:
            bar.close()
    return answers


def _plan(record: Record) -> Lookup | str:
    """The question to ask Crossref about ``record``, or why there is none."""
    doi = bare_doi(record.doi)
    if doi and not doi.lower().startswith(NON_CROSSREF_PREFIXES):
        return Lookup("doi", doi)
    if record.type == PATENT:
        return "patents are not registered with Crossref; not looked up"
    if not record.title.strip():
        return "no title and no Crossref DOI to look up"
    parts = [record.title.strip()]
    first = _first_author(record)
    if first is not None:
        parts.append(first.family or first.literal)
    if record.year:
        parts.append(str(record.year))
    return Lookup("query", " ".join(parts))


def _describe(record: Record) -> str:
    return f"{record.title} — {record.sources[0]}" if record.sources else record.title


def _decide(record: Record, plan: Lookup, answer, report: Report, left: str) -> bool:
    """Judge the candidates, fill the record from the accepted one, and report why."""
    if plan.kind == "doi":
        if answer is None:
            report.add("enrich", "no confident match",
                       "Crossref does not know this DOI (registered elsewhere or mistyped)", left, plan.value)
            return False
        verdicts = [_judge(record, answer, given_doi=True)]
    else:
        verdicts = [_judge(record, work, given_doi=False) for work in answer]
    accepted = sorted((v for v in verdicts if v.accepted), key=_rank, reverse=True)
    if not accepted:
        if not verdicts:
            report.add("enrich", "no confident match", "Crossref returned no candidates", left)
            return False
        best = max(verdicts, key=lambda v: v.title)
        report.add("enrich", "no confident match", "; ".join(best.reasons) or "not enough agreeing evidence",
                   left, _candidate(best), candidates=len(verdicts), **best.scores())
        return False
    chosen = accepted[0]
    if len(accepted) > 1 and _rank(accepted[1])[:3] == _rank(chosen)[:3] \
            and chosen.title - accepted[1].title < 0.02 and accepted[1].doi.lower() != chosen.doi.lower():
        report.add("enrich", "no confident match",
                   f"two candidates agree equally well ({chosen.doi}, {accepted[1].doi})", left,
                   _candidate(chosen), candidates=len(verdicts), **chosen.scores())
        return False
    filled = _fill(record, chosen, report, left)
    how = "the page's DOI" if plan.kind == "doi" else "bibliographic query"
    report.add("enrich", "matched", f"{how}; " + "; ".join(chosen.reasons), left, _candidate(chosen),
               filled=filled, **chosen.scores())
    return True


def _rank(v: Verdict) -> tuple:
    return (v.exact_type, v.year == "agrees", v.author == "first", v.title)


def _candidate(v: Verdict) -> str:
    return f"{v.doi} {_first(v.work.get('title'))}".strip()


def _judge(record: Record, work: dict, *, given_doi: bool) -> Verdict:
    """Compare one Crossref work with a record and decide whether it is the same paper."""
    title = _title_similarity(record.title, work, partial=given_doi)
    year, year_note = _year_agreement(record.year, work)
    author, author_note = _author_agreement(record, work)
    ctype = CROSSREF_TYPES.get(work.get("type", ""), "")
    allowed = COMPATIBLE.get(record.type, {record.type})
    type_ok = bool(ctype) and (ctype in allowed or (ctype in CROSS_TYPES.get(record.type, ())
                                                    and _venue_agrees(record, work)))
    v = Verdict(work, title, year, author, ctype, type_ok, ctype == record.type)
    v.reasons = [f"title {title:.2f}", year_note, author_note]
    if not record.title.strip():
        v.reasons[0] = "no title on the page"
    if given_doi:
        # The page named this DOI: believe it unless the work is plainly another paper.
        if record.title.strip() and title < DOI_TITLE_MIN:
            v.reasons.insert(0, f"the page's DOI belongs to another work (title {title:.2f} < {DOI_TITLE_MIN})")
        elif not record.title.strip() and author == "contradicts":
            v.reasons.insert(0, "the page's DOI belongs to a work by other authors")
        else:
            v.accepted = True
        return v
    if not type_ok:
        v.reasons.insert(0, f"type {work.get('type') or 'none'} cannot be a {record.type or 'paper'}")
        return v
    if year == "contradicts" or author == "contradicts":
        v.reasons.insert(0, "contradiction: " + (year_note if year == "contradicts" else author_note))
        return v
    support = (year == "agrees") + (author in ("first", "listed"))
    words = len(_norm(record.title).split())
    if title < TITLE_MIN:
        v.reasons.insert(0, f"title similarity {title:.2f} < {TITLE_MIN}")
    elif words < SHORT_TITLE_WORDS and (support < 2 or title < TITLE_SHORT):
        v.reasons.insert(0, f"short title ({words} words) needs title >= {TITLE_SHORT}, year and first author")
    elif support == 0:
        v.reasons.insert(0, "only the title agrees (no year or first author to confirm)")
    elif support == 1 and title < TITLE_STRONG:
        v.reasons.insert(0, f"one confirmation needs title >= {TITLE_STRONG}")
    else:
        v.accepted = True
    return v


# --- evidence -------------------------------------------------------------------------------

_TAG = re.compile(r"<[^<>]*>")


def _norm(text: str) -> str:
    """Lower-case words as the merge stage folds them, once Crossref's markup and entities are gone."""
    return fold(_TAG.sub(" ", html.unescape(text or "")))


def _first(values) -> str:
    if isinstance(values, list):
        return next((str(v) for v in values if v), "")
    return str(values or "")


def _clean(text: str) -> str:
    """Crossref text without markup (titles and container titles may carry <i>, <sub>, MathML)."""
    return " ".join(_TAG.sub("", html.unescape(text or "")).split())


def _title_similarity(title: str, work: dict, *, partial: bool = False) -> float:
    """Similarity of the page's title to the work's title, or to title and subtitle together.
    ``partial`` also lets a shortened title match its full form (used only for a DOI the page gave)."""
    page = _norm(title)
    main = _norm(_first(work.get("title")))
    variants = [v for v in (main, f"{main} {_norm(_first(work.get('subtitle')))}".strip()) if v]
    if not page or not variants:
        return 0.0
    scorers = (fuzz.ratio, fuzz.partial_ratio) if partial else (fuzz.ratio,)
    return max(scorer(page, v) for v in variants for scorer in scorers) / 100


def _venue_words(text: str) -> str:
    return " ".join(w for w in _norm(text).split() if w not in VENUE_FILLER and not w.isdigit())


def _venue_agrees(record: Record, work: dict) -> bool:
    """The record's venue (name or acronym) and the work's container or event share their
    distinctive words."""
    ours = [w for w in (_venue_words(record.venue), _venue_words(record.venue_acronym)) if w]
    event = work.get("event") or {}
    names = [*(work.get("container-title") or []), *(work.get("short-container-title") or []),
             event.get("name", ""), event.get("acronym", "")]
    theirs = [w for w in (_venue_words(n) for n in names) if w]
    return any(fuzz.token_set_ratio(a, b) / 100 >= VENUE_SAME for a in ours for b in theirs)


# Publication dates, best first. Some records (old IEEE proceedings) have ``issued: [[null]]`` and no
# other; then only ``created``, when the DOI was registered, dates the work.
PUBLICATION_DATES = ("issued", "published", "published-print", "published-online")


def _year_of(work: dict, key: str) -> int | None:
    parts = (work.get(key) or {}).get("date-parts") or []
    year = parts[0][0] if parts and parts[0] else None
    return year if isinstance(year, int) else None


def _work_years(work: dict) -> list[int]:
    """The years the work says it was published in (none when every date is null)."""
    return [y for y in (_year_of(work, key) for key in PUBLICATION_DATES) if y is not None]


def _year_agreement(year: int | None, work: dict) -> tuple[str, str]:
    years = _work_years(work)
    if year and not years:
        return _registered_year_agreement(year, _year_of(work, "created"))
    if not year or not years:
        return "unknown", "year unknown"
    gap = min(abs(y - year) for y in years)
    if gap <= YEAR_TOLERANCE:
        return "agrees", f"year {year} agrees" if gap == 0 else f"year {year} within 1 of {years[0]}"
    return "contradicts", f"year {year} vs. {years[0]}"


def _registered_year_agreement(year: int, created: int | None) -> tuple[str, str]:
    """A work dated only by its registration: a DOI is registered around publication, or years
    later when a back catalogue is deposited, but not long before."""
    if created is None:
        return "unknown", "year unknown"
    if abs(created - year) <= YEAR_TOLERANCE:
        return "agrees", f"year {year} agrees with its registration ({created})"
    if year < created:
        return "unknown", f"no publication date; registered {created}, after {year}"
    return "contradicts", f"year {year} vs. registered {created}"


def _name_tokens(text: str) -> list[str]:
    return _norm(text).split()


def _same_name(a: list[str], b: list[str]) -> bool:
    """Two family names are the same when equal, spelling variants, or one is part of the other
    (compound names: 'García Márquez' / 'Márquez')."""
    if not a or not b:
        return False
    ja, jb = " ".join(a), " ".join(b)
    if ja == jb or set(a) <= set(b) or set(b) <= set(a):
        return True
    return min(len(ja), len(jb)) >= 4 and fuzz.ratio(ja, jb) / 100 >= FAMILY_MIN


def _first_author(record: Record) -> Person | None:
    return next((p for p in record.authors if not p.is_others and (p.family or p.literal)), None)


def _person_family(p: Person) -> list[str]:
    if p.family:
        return _name_tokens(p.family)
    tokens = _name_tokens(p.literal)
    return tokens[-1:]


def _crossref_people(work: dict) -> list[Person]:
    people = []
    for a in work.get("author") or []:
        if a.get("family"):
            people.append(Person(family=_clean(a["family"]), given=_clean(a.get("given", ""))))
        elif a.get("name"):
            people.append(Person(literal=_clean(a["name"])))
    return people


def _author_agreement(record: Record, work: dict) -> tuple[str, str]:
    first = _first_author(record)
    people = _crossref_people(work)
    if first is None or not people:
        return "unknown", "first author unknown"
    family = _person_family(first)
    given = _name_tokens(first.given)
    for i, p in enumerate(people):
        theirs = _person_family(p)
        swapped = given and _same_name(given, theirs) and _same_name(family, _name_tokens(p.given))
        if _same_name(family, theirs) or swapped:
            if i == 0:
                return "first", f"first author {first.display()} agrees"
            return "listed", f"first author {first.display()} is author {i + 1} there"
    return "contradicts", f"first author {first.display()} is not among its authors"


# --- filling --------------------------------------------------------------------------------

_ARXIVISH = re.compile(r"\barxiv\b", re.IGNORECASE)
_DASHES = re.compile(r"\s*[-\u2010-\u2015]+\s*")


def _is_preprint(record: Record) -> bool:
    return record.type == PREPRINT or bool(_ARXIVISH.search(record.venue) or _ARXIVISH.search(record.publisher))


def _fill(record: Record, v: Verdict, report: Report, left: str) -> list[str]:
    """Add what the record lacks from the accepted work; report, never overwrite, disagreements.

    A preprint found published takes the published type, venue and DOI and keeps its arXiv id.
    """
    work, filled = v.work, []

    def conflict(name: str, page_value, crossref_value) -> None:
        report.add("enrich", "conflict", f"kept the page's {name}; Crossref has another", left,
                   f"{v.doi}: {crossref_value}", field=name, page=str(page_value))

    def text_field(name: str, crossref_value: str, same) -> None:
        if not crossref_value:
            return
        current = getattr(record, name)
        if not current:
            setattr(record, name, crossref_value)
            filled.append(name)
        elif not same(current, crossref_value):
            conflict(name, current, crossref_value)

    doi = v.doi
    arxiv_doi = arxiv_id_of_doi(record.doi)
    if not record.doi:
        record.doi = doi
        filled.append("doi")
    elif arxiv_doi and doi.lower() != bare_doi(record.doi).lower():
        record.arxiv = record.arxiv or arxiv_doi
        record.doi = doi
        filled.append("doi (published; the arXiv DOI kept as the eprint)")
    elif bare_doi(record.doi).lower() != doi.lower():
        conflict("doi", record.doi, doi)

    _fill_authors(record, _crossref_people(work), filled, conflict)

    years = _work_years(work)
    if years:
        if not record.year:
            record.year = years[0]
            filled.append("year")
        elif record.year not in years:
            conflict("year", record.year, years[0])

    container = _clean(_first(work.get("container-title")))
    publisher = _clean(work.get("publisher", ""))
    published_preprint = _is_preprint(record) and v.ctype not in (PREPRINT, "")
    if published_preprint:
        record.type = v.ctype
        filled.append("type (preprint found published)")
        if _ARXIVISH.search(record.venue) and container:
            record.venue = container
            filled.append("venue")
        if _ARXIVISH.search(record.publisher) and publisher:
            record.publisher = publisher
            filled.append("publisher")
    elif not record.type and v.ctype:
        record.type = v.ctype
        filled.append("type")

    same_name = lambda a, b: fuzz.token_set_ratio(_norm(a), _norm(b)) / 100 >= VENUE_SAME  # noqa: E731
    same_value = lambda a, b: _DASHES.sub("-", a.strip()).lower() == _DASHES.sub("-", b.strip()).lower()  # noqa: E731
    text_field("venue", container, same_name)
    text_field("volume", str(work.get("volume") or ""), same_value)
    text_field("issue", str(work.get("issue") or ""), same_value)
    text_field("pages", _DASHES.sub("-", str(work.get("page") or "")), same_value)
    text_field("publisher", publisher, same_name)
    acronym = (work.get("event") or {}).get("acronym", "")
    if acronym and not record.venue_acronym:
        record.venue_acronym = _clean(acronym)
        filled.append("venue_acronym")
    return filled


def _fill_authors(record: Record, theirs: list[Person], filled: list[str], conflict) -> None:
    """Full names from Crossref when its list is the page's list: same families in the same
    order, or longer where the page cut it short with *et al.*; otherwise keep the page's."""
    if not theirs:
        return
    if not record.authors:
        record.authors = theirs
        filled.append("authors")
        return
    ours = [p for p in record.authors if not p.is_others]
    cut_short = len(ours) < len(record.authors)
    aligned = (len(ours) == len(theirs) or (cut_short and len(theirs) > len(ours))) and all(
        _same_name(_person_family(a), _person_family(b)) for a, b in zip(ours, theirs))
    if not aligned:
        conflict("authors", "; ".join(p.display() for p in record.authors),
                 "; ".join(p.display() for p in theirs))
        return
    merged = [_fuller(a, b) for a, b in zip(ours, theirs)] + (theirs[len(ours):] if cut_short else [])
    if merged != record.authors:
        record.authors = merged
        filled.append("authors")


def _fuller(ours: Person, theirs: Person) -> Person:
    """The page's person, with Crossref's given name when the page has only initials of it (or
    none) and with Crossref's split when the page could not split the name."""
    if ours.literal and not theirs.literal:
        return theirs
    if ours.literal or theirs.literal:
        return ours
    mine, full = _name_tokens(ours.given), _name_tokens(theirs.given)
    initials_only = all(len(t) == 1 for t in mine)
    if not mine or (initials_only and len(mine) <= len(full) and len(theirs.given) > len(ours.given)
                    and all(m == f[0] for m, f in zip(mine, full))):
        return Person(family=ours.family, given=theirs.given)
    return ours
