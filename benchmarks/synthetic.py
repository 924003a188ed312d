"""Synthetic profile folders with known truth, for the merge benchmark (issue 4).

Papers are shared by 1-6 page owners of one lab and mentioned with realistic variation: case,
punctuation and hyphens, typos, "&"/"and", spelling, acronym-only link texts, preprint vs venue,
initials vs full names, et al. Hard negatives are mixed in: sibling papers of a lab with
overlapping titles, Part I / Part II and v2 sequels, pages that reuse another paper's arXiv
link by mistake, and look-alike twins (2% of papers): a second paper by the same authors at the
same venue whose title swaps one word (Image/Video, Static/Dynamic, 2D/3D...), listed as a
separate entry on the same pages and written with the same choices. Pages come in every shape the extractor reads (markdown list, news bullets,
reference list, quoted titles with a projects section, plain-text blocks, HTML, LaTeX, .bib).

    python benchmarks/synthetic.py OUT_DIR --mentions 10000 [--seed 0]

writes OUT_DIR/profiles/* and OUT_DIR/truth.json ({"file:line": paper id}).
``mention_specs`` gives the same mentions as ``Mention`` objects (an ideal extractor).
"""
from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from pubexport.models import ARTICLE_JOURNAL, OTHERS, PAPER_CONFERENCE, PREPRINT, Mention, Person, Source

COMMON = ("learning", "network", "networks", "deep", "neural", "via", "with", "for", "and", "of", "the",
          "towards", "efficient", "robust", "video", "image", "representation", "self-supervised",
          "multi-modal", "transformer", "graph", "model", "models", "detection", "segmentation",
          "recognition", "generation", "understanding", "adaptive", "unsupervised", "contrastive",
          "attention", "temporal", "spatial", "visual", "language", "scalable", "optimization")
ACCENTED = ("débruitage", "égalité", "señal", "über", "façade", "naïve", "crème", "zürich")
GIVEN = ("Ada", "Bo", "Chen", "Dana", "Eitan", "Fatima", "Gao", "Hiro", "Ines", "Jun", "Karim", "Lena",
         "Maria", "Noor", "Omar", "Priya", "Qing", "Rui", "Sam", "Tomás", "Uma", "Vítor", "Wei", "Xin",
         "Yara", "Zoë", "Ángel", "Björn", "Chloé", "Dmitri", "Elif", "Jia-Bin", "Kai", "Lucía", "Mei")
VENUES = (("Conference on Computer Vision and Pattern Recognition", "CVPR", PAPER_CONFERENCE),
          ("International Conference on Computer Vision", "ICCV", PAPER_CONFERENCE),
          ("European Conference on Computer Vision", "ECCV", PAPER_CONFERENCE),
          ("Advances in Neural Information Processing Systems", "NeurIPS", PAPER_CONFERENCE),
          ("International Conference on Learning Representations", "ICLR", PAPER_CONFERENCE),
          ("International Conference on Machine Learning", "ICML", PAPER_CONFERENCE),
          ("AAAI Conference on Artificial Intelligence", "AAAI", PAPER_CONFERENCE),
          ("Winter Conference on Applications of Computer Vision", "WACV", PAPER_CONFERENCE),
          ("IEEE Transactions on Pattern Analysis and Machine Intelligence", "TPAMI", ARTICLE_JOURNAL),
          ("International Journal of Computer Vision", "IJCV", ARTICLE_JOURNAL),
          ("IEEE Transactions on Multimedia", "TMM", ARTICLE_JOURNAL),
          ("ACM International Conference on Multimedia", "ACM MM", PAPER_CONFERENCE))
# look-alike twins: one word swapped, same authors, venue and pages (issue 14)
TWIN_WORDS = (("Image", "Video"), ("Static", "Dynamic"), ("Single-View", "Multi-View"), ("2D", "3D"),
              ("Supervised", "Unsupervised"))
TWIN_SHARE = 0.02
TWIN_SUFFIX = "-twin"  # a twin's paper id is its sibling's id with this suffix
SHAPES = ("markdown", "news", "reference", "quoted", "block", "html", "latex", "bib")


@dataclass
class Paper:
    id: str
    title: str
    acronym: str  # the word before the colon, when the title has one
    authors: list[tuple[str, str]]  # (given, family)
    year: int
    venue: tuple[str, str, str]
    arxiv: str
    doi: str
    owners: list[str] = field(default_factory=list)


@dataclass
class Spec:
    """One mention as written on a page: the paper it is, and how the page words it."""

    paper: str
    title: str
    authors: list[Person]
    year: int
    venue: str
    acronym: str
    type: str
    arxiv: str
    url: str
    label: str = ""
    note: str = ""
    news: bool = False  # written as a news item (title, venue tag, link; no authors)


class World:
    """Labs, page owners and papers, drawn from one seeded random generator."""

    def __init__(self, mentions: int, seed: int = 0):
        self.rng = random.Random(seed)
        self.words = self._vocabulary(max(2000, mentions // 4))
        self.families = sorted({self._word(2, 3).capitalize() for _ in range(max(600, mentions // 20))})
        self.papers: list[Paper] = []
        self.pages: dict[str, list[Spec]] = {}
        self.shape: dict[str, str] = {}
        self._arxiv = set()
        self._make(mentions)

    def _word(self, low: int, high: int) -> str:
        syllables = [self.rng.choice("bcdfghklmnprstvz") + self.rng.choice("aeiou") + self.rng.choice(["", "n", "r", "s"])
                     for _ in range(self.rng.randint(low, high))]
        return "".join(syllables)

    def _vocabulary(self, size: int) -> list[str]:
        words = {self._word(2, 4) for _ in range(size)}
        return sorted(words)

    def _title(self) -> tuple[str, str]:
        rng = self.rng
        n = rng.randint(4, 10)
        words = [rng.choice(COMMON) if rng.random() < 0.45 else rng.choice(self.words) for _ in range(n)]
        if rng.random() < 0.02:
            words.append(rng.choice(ACCENTED))
        text = " ".join(w if w in ("via", "with", "for", "and", "of", "the") else w.capitalize() for w in words)
        text = text[0].upper() + text[1:]
        acronym = ""
        if rng.random() < 0.25:
            acronym = "".join(w[0] for w in words if w not in ("via", "with", "for", "and", "of", "the"))[:6].upper()
            acronym += rng.choice(["", "Net", "-2", "X", "Former"]) if acronym else ""
            acronym = acronym if len(acronym) >= 3 and not any(c.isdigit() for c in acronym) else ""
            if acronym:
                text = f"{acronym}: {text}"
        return text, acronym

    def _new_arxiv(self, year: int) -> str:
        while True:
            value = f"{year % 100:02d}{self.rng.randint(1, 12):02d}.{self.rng.randint(0, 99999):05d}"
            if value not in self._arxiv:
                self._arxiv.add(value)
                return value

    def _make(self, target: int) -> None:
        rng = self.rng
        count, lab_id = 0, 0
        while count < target:
            lab_id += 1
            members = [(rng.choice(GIVEN), rng.choice(self.families)) for _ in range(rng.randint(3, 9))]
            members = list(dict.fromkeys(members))
            for given, family in members:
                page = f"lab{lab_id:04d}/{family.lower()}-{given.lower()}"
                self.pages.setdefault(page, [])
                self.shape[page] = rng.choice(SHAPES)
            lab_titles: list[str] = []
            for _ in range(rng.randint(10, 40)):
                paper = self._paper(lab_id, members, lab_titles)
                twin = self._twin(paper) if rng.random() < TWIN_SHARE else None
                count += self._mention(paper, members, twin)
                if count >= target:
                    break

    def _paper(self, lab_id: int, members, lab_titles: list[str]) -> Paper:
        rng = self.rng
        title, acronym = self._title()
        if lab_titles and rng.random() < 0.12:  # a sibling paper: 60% of its words from another title
            base = rng.choice(lab_titles).split()
            changed = set(rng.sample(range(len(base)), k=max(2, round(len(base) * 0.4))))
            keep = [rng.choice(self.words).capitalize() if i in changed else w for i, w in enumerate(base)]
            title, acronym = " ".join(keep), ""
        elif lab_titles and rng.random() < 0.03:  # a sequel: Part II / v2 of an earlier title
            base = rng.choice(lab_titles)
            title, acronym = (f"{base}, Part II" if rng.random() < 0.5 else f"{base} v2"), ""
        lab_titles.append(title)
        k = min(len(members), rng.choice((1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6)))
        owners = rng.sample(members, k)
        extra = [(rng.choice(GIVEN), rng.choice(self.families)) for _ in range(rng.randint(0, 4))]
        authors = owners + extra
        rng.shuffle(authors)
        year = rng.randint(2012, 2025)
        arxiv = self._new_arxiv(year - rng.randint(0, 1)) if rng.random() < 0.6 else ""
        doi = f"10.{rng.randint(1000, 9999)}/{self._word(2, 3)}.{year}.{rng.randint(1, 99999)}" if rng.random() < 0.3 else ""
        paper = Paper(f"P{len(self.papers):06d}", title, acronym, authors, year, rng.choice(VENUES), arxiv, doi,
                      [f"lab{lab_id:04d}/{f.lower()}-{g.lower()}" for g, f in owners])
        self.papers.append(paper)
        return paper

    def _twin(self, paper: Paper) -> Paper:
        """A look-alike of ``paper``: one word swapped for its pair (put into both titles when the
        paper has none of the pair words), its own arXiv id and DOI when the paper has them."""
        rng = self.rng
        first, second = rng.choice(TWIN_WORDS)
        words = paper.title.split(" ")
        spots = [i for i, w in enumerate(words) if w.lower() not in ("via", "with", "for", "and", "of", "the")
                 and not w.endswith(":")]
        i = rng.choice(spots) if spots else len(words) - 1
        words[i] = first
        paper.title = " ".join(words)
        words[i] = second
        twin = Paper(paper.id + TWIN_SUFFIX, " ".join(words), "", paper.authors, paper.year, paper.venue,
                     self._new_arxiv(paper.year) if paper.arxiv else "",
                     paper.doi + "x" if paper.doi else "", paper.owners)
        self.papers.append(twin)
        return twin

    def _mention(self, paper: Paper, members, twin: Paper | None = None) -> int:
        rng = self.rng
        written = 0
        for page in paper.owners:
            news = self.shape[page] == "news"
            copies = 2 if news and rng.random() < 0.5 else 1  # news and list on one page
            for copy in range(copies):
                choices = rng.getstate()
                acronym_only = bool(copy == 1 and paper.arxiv and paper.acronym and rng.random() < 0.3)
                spec = self._spec(paper, page, acronym_only)
                spec.news = news and (copy == 1 or rng.random() < 0.3)
                self.pages[page].append(spec)
                written += 1
                if twin is not None and copy == 0:  # the twin: the same choices, its own entry
                    after = rng.getstate()
                    rng.setstate(choices)
                    twin_spec = self._spec(twin, page, False)
                    twin_spec.news = spec.news
                    self.pages[page].append(twin_spec)
                    written += 1
                    rng.setstate(after)
        return written

    def _spec(self, paper: Paper, page: str, acronym_only: bool) -> Spec:
        rng = self.rng
        title = paper.acronym if acronym_only else self._vary(paper.title)
        full = rng.random() < 0.6
        authors = []
        for given, family in paper.authors:
            shown = given if full else ". ".join(p[0] for p in given.split("-")) + "."
            authors.append(Person(family=family, given=shown))
        if len(authors) > 4 and rng.random() < 0.2:
            authors = authors[:3] + [OTHERS]
        venue, acronym, kind = paper.venue
        year, arxiv = paper.year, paper.arxiv
        if arxiv and rng.random() < 0.25:
            venue, acronym, kind = f"arXiv preprint arXiv:{arxiv}", "", PREPRINT
            year = 2000 + int(arxiv[:2])
        link = arxiv
        if arxiv and rng.random() < 0.01:  # the page reuses another paper's link by mistake
            others = [p for p in self.papers[-30:] if p.arxiv and p.id != paper.id]
            link = rng.choice(others).arxiv if others else arxiv
        url = f"https://arxiv.org/abs/{link}" if link else (f"https://doi.org/{paper.doi}" if paper.doi
                                                           else f"https://example.org/{paper.id.lower()}.pdf")
        note = rng.choice(["", "", "", "", "Oral", "Spotlight"])
        return Spec(paper.id, title, [] if acronym_only else authors, year, venue, acronym, kind, link, url,
                    note=note)

    def _vary(self, title: str) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.12:
            title = title.lower()
        elif r < 0.17:
            title = title[0] + title[1:].lower()
        elif r < 0.19:
            title = title.upper()
        if rng.random() < 0.1:
            title = title.replace("-", " ")
        if rng.random() < 0.05:
            title = title.replace(":", "")
        if rng.random() < 0.06:
            title = title.replace(" and ", " & ").replace("Towards", "Toward").replace("ization", "isation")
        if rng.random() < 0.12:
            title = self._typo(title)
        return title

    def _typo(self, title: str) -> str:
        rng = self.rng
        words = title.split(" ")
        spots = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
        if not spots:
            return title
        i = rng.choice(spots)
        w, k = words[i], rng.randint(1, len(words[i]) - 2)
        words[i] = rng.choice([w[:k] + w[k + 1:], w[:k] + w[k + 1] + w[k] + w[k + 2:], w[:k] + w[k] + w[k:]])
        return " ".join(words)


# ---- rendering pages --------------------------------------------------------------------------

def _names(authors: list[Person], owner: str, bold: str = "**{}**") -> str:
    out = []
    for p in authors:
        if p.is_others:
            out.append("et al.")
            continue
        name = p.display()
        out.append(bold.format(name) if owner and p.family.lower() in owner else name)
    if len(out) > 1 and out[-1] != "et al.":
        return ", ".join(out[:-1]) + ", and " + out[-1]
    return ", ".join(out)


def _venue_text(s: Spec, rng: random.Random) -> str:
    if s.type == PREPRINT or not s.acronym:
        return s.venue
    return rng.choice([s.venue, s.acronym, f"{s.venue} ({s.acronym})"])


def render(page: str, shape: str, specs: list[Spec], rng: random.Random) -> tuple[str, list[tuple[int, Spec]]]:
    """The page text and, for each entry written, (line the entry starts on, its spec, whether
    the entry shows the authors)."""
    owner = page.split("/")[-1]
    family = owner.split("-")[0]
    lines: list[str] = []
    truth: list[tuple[int, Spec, bool]] = []

    def emit(text: str, spec: Spec, with_authors: bool = True) -> None:
        truth.append((len(lines) + 1, spec, with_authors))
        lines.extend(text.split("\n"))

    if shape in ("markdown", "news"):
        lines += ["---", f'title: "{owner}"', "---", "", "# About Me", "I work on widgets.", ""]
        listed = specs
        if shape == "news":
            lines += ["# News"]
            news = [s for s in specs if s.news]
            listed = [s for s in specs if not s.news]
            for s in news:
                tag = f"{s.acronym or 'arXiv'} {s.year}" + (f" ({s.note})" if s.note else "")
                if not s.authors:  # an acronym link text
                    emit(f"* [**{s.year}**] **{tag}** paper accepted: [{s.title}]({s.url}).", s, False)
                else:
                    emit(f'* [**{s.year}**] **{tag}** publication: "{s.title}". [Paper]({s.url})', s, False)
            lines.append("")
        lines += ["# Publications", ""]
        for s in listed:
            emit(f"1. [{s.title}]({s.url})  \\| [[Code](https://github.com/x/{s.paper.lower()})]\n"
                 f"{_names(s.authors, family)}  \n**{s.acronym or s.venue} {s.year}**", s)
            lines.append("")
    elif shape in ("reference", "quoted"):
        lines += [f"# {owner}", "", "## PUBLICATIONS", ""]
        numbered = [s for s in specs if s.authors]
        for n, s in enumerate(numbered, start=1):
            s.label = str(n)
            if shape == "reference":
                emit(f"- [{n}] {_names(s.authors, family)}. {s.title}. In *{_venue_text(s, rng)}*, {s.year}."
                     + (f" ({s.note})" if s.note else ""), s)
            else:
                venue = s.venue + (f" ({s.acronym})" if s.acronym else "")
                emit(f'- [{n}] {_names(s.authors, family)}. "{s.title}." {venue}. {s.year}.'
                     + (f" ({s.note.lower()})" if s.note else ""), s)
        if shape == "quoted":
            lines += ["", "## PROJECTS", ""]
            for s in numbered[: max(1, len(numbered) // 3)]:
                emit(f"- **{s.title}.**<sup>[{s.label}]</sup>: We study widgets at scale.", s, False)
    elif shape == "block":
        lines += [owner.upper(), "", "Selected Work", ""]
        for s in specs:
            if not s.authors:
                continue
            emit(s.title, s, False)
            lines += ["", f"{_venue_text(s, rng)}, {s.year}", "", "A short description of the work.", ""]
    elif shape == "html":
        lines += ["<html><body>", f"<h1>{owner}</h1>", "<h2>Publications</h2>", "<ul>"]
        for s in specs:
            if not s.authors:
                continue
            emit(f'  <li><a href="{s.url}">{s.title}</a><br>{_names(s.authors, family, "<b>{}</b>")}<br>'
                 f"<i>{_venue_text(s, rng)}</i>, {s.year}</li>", s)
        lines += ["</ul>", "</body></html>"]
    elif shape == "latex":
        lines += ["\\documentclass{article}", "\\begin{document}", "\\section{Publications}", "\\begin{enumerate}"]
        for s in specs:
            if not s.authors:
                continue
            emit(f"  \\item {_names(s.authors, family, chr(92) + 'textbf{{{}}}')}. "
                 f"\\href{{{s.url}}}{{{s.title}}}. \\emph{{{_venue_text(s, rng)}}}, {s.year}.", s)
        lines += ["\\end{enumerate}", "\\end{document}"]
    else:  # bib
        for n, s in enumerate(specs):
            if not s.authors:
                continue
            kind = {PREPRINT: "misc", ARTICLE_JOURNAL: "article"}.get(s.type, "inproceedings")
            where = {"article": "journal", "inproceedings": "booktitle", "misc": "howpublished"}[kind]
            names = " and ".join("others" if p.is_others else f"{p.family}, {p.given}" for p in s.authors)
            body = [f"@{kind}{{{family}{s.year}{n},", f"  author = {{{names}}},", f"  title = {{{s.title}}},",
                    f"  {where} = {{{_venue_text(s, rng)}}},", f"  year = {{{s.year}}},"]
            if s.arxiv:
                body += [f"  eprint = {{{s.arxiv}}},", "  archiveprefix = {arXiv},"]
            emit("\n".join(body + ["}"]), s)
            lines.append("")
    return "\n".join(lines) + "\n", truth


SUFFIX = {"markdown": ".md", "news": ".md", "reference": ".md", "quoted": ".md", "block": ".txt",
          "html": ".html", "latex": ".tex", "bib": ".bib"}


def pages(mentions: int, seed: int = 0):
    """Yield (relative path, page text, [(line, spec)]) for every page of the world."""
    world = World(mentions, seed)
    rng = random.Random(seed + 1)
    for page, specs in world.pages.items():
        if specs:
            shape = world.shape[page]
            text, where = render(page, shape, specs, rng)
            yield page + SUFFIX[shape], text, where


def generate(out: Path, mentions: int, seed: int = 0) -> dict[str, str]:
    """Write the profile pages under out/profiles and out/truth.json; returns the truth."""
    truth: dict[str, str] = {}
    for name, text, where in pages(mentions, seed):
        path = out / "profiles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        for line, spec, _ in where:
            truth[f"{path}:{line}"] = spec.paper
    (out / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return truth


def ideal_mentions(mentions: int, seed: int = 0) -> tuple[list[Mention], list[str]]:
    """The mentions of the pages ``generate`` writes, as a perfect extractor would give them,
    with the paper id of each: measures the merge alone, whatever the extractor misses."""
    out, papers = [], []
    for name, _, where in pages(mentions, seed):
        owner = name.split("/")[-1].rsplit(".", 1)[0]
        for line, s, with_authors in where:
            out.append(Mention(title=s.title, authors=s.authors if with_authors else [], year=s.year,
                               venue=s.venue, venue_acronym=s.acronym, type=s.type, arxiv=s.arxiv, urls=[s.url],
                               notes=[s.note] if s.note else [], source=Source(name, line), owner=owner,
                               label=s.label, loose=s.news))
            papers.append(s.paper)
    return out, papers


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--mentions", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    truth = generate(args.out, args.mentions, args.seed)
    print(f"{len(truth)} mentions of {len(set(truth.values()))} papers in {args.out / 'profiles'}")


if __name__ == "__main__":
    main()
