"""The finder's "is this a publication" decision, cross-validated by page, in seconds.

Every labelled page is read once (``build_finder.labelled_pages``: fixtures and seeds counted
``CANONICAL_COPIES`` times, the corpus once); the corpus pages are dealt round-robin in name
order into k folds, as ``benchmarks/corpus_scores.py`` deals them; for each fold the finder's CRF
is fitted on everything else and decides the fold's candidates. Prints candidate-level
precision, recall and F1 (a candidate is right when its parsed title matches a gold title of its
page, as the model is trained) for the decision ``acceptance.decide`` makes at several VETO
values. The field model stays the shipped one, so this measures the finder alone; the whole
pipeline's figure is ``corpus_scores.py --folds 5``.

    python training/crossval_finder.py [--folds 5] [--errors]
"""
from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_finder  # noqa: E402

VETOES = (0.02, 0.05, 0.1, 0.2, 0.3, 0.5)


@dataclass
class Run:
    """One section's candidates of one page: the model's input, the labels, what is printed."""

    page: str
    features: list[dict[str, float]]
    labels: list[str]
    evidence: list[bool]
    loose: list[bool]
    titles: list[str]


def read_pages() -> tuple[list[tuple[str, int, list[Run]]], list[str]]:
    """(page name, copies, its runs) for every labelled page, and the corpus page names."""
    from pubexport.acceptance import NEGATIVE, POSITIVE, sequences
    from pubexport.extract import candidates
    from pubexport.sources import load

    pages, corpus = [], []
    for path, golds, copies in build_finder.labelled_pages(set()):
        doc = load(path)
        if doc is None or doc.kind in ("bibtex", "csljson"):
            continue
        runs = []
        for run in sequences(candidates(doc)):
            runs.append(Run(path.name, [{k: v for k, v in c.features.items() if v} for c in run],
                            [POSITIVE if build_finder.is_gold_title(c.mention.title, golds) else NEGATIVE
                             for c in run],
                            [bool(c.features.get("section_evidence")) for c in run],
                            [c.mention.loose for c in run], [c.mention.title for c in run]))
        pages.append((path.name, copies, runs))
        if copies == 1:
            corpus.append(path.name)
    return pages, sorted(corpus)


def main() -> None:
    import pycrfsuite

    from pubexport.acceptance import POSITIVE, THRESHOLD, VETO

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--errors", action="store_true", help="print each wrong call (at the shipped VETO)")
    args = ap.parse_args()
    logging.getLogger("pubexport").setLevel(logging.ERROR)
    pages, corpus = read_pages()
    counts = {veto: [0, 0, 0] for veto in VETOES}  # tp, fp, fn
    for fold in range(args.folds):
        held = set(corpus[fold::args.folds])
        train = [(run.features, run.labels) for name, copies, runs in pages if name not in held
                 for run in runs for _ in range(copies)]
        with tempfile.TemporaryDirectory() as tmp:
            model = Path(tmp) / build_finder.OUTPUT
            build_finder.fit(train, model)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(model))
            for run in (run for name, _, runs in pages if name in held for run in runs):
                tagger.set(run.features)
                for i, label in enumerate(run.labels):
                    if run.loose[i]:
                        continue  # kept or dropped by its section, not by the model
                    p, paper = tagger.marginal(POSITIVE, i), label == POSITIVE
                    for veto in VETOES:
                        keep = p >= THRESHOLD or (run.evidence[i] and p >= veto)
                        if keep or paper:
                            counts[veto][0 if keep and paper else 1 if keep else 2] += 1
                    if args.errors and (p >= THRESHOLD or (run.evidence[i] and p >= VETO)) != paper:
                        print(f"  {'missed' if paper else 'kept  '} p={p:.2f} {run.page}: {run.titles[i][:80]}")
    for veto in VETOES:
        tp, fp, fn = counts[veto]
        precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        shipped = " (shipped)" if veto == VETO else ""
        print(f"VETO {veto:<4}: tp={tp} fp={fp} fn={fn} P={precision:.3f} R={recall:.3f} F1={f1:.3f}{shipped}")


if __name__ == "__main__":
    main()
