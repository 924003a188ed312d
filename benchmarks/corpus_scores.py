#!/usr/bin/env python3
"""Score pubexport on the real-page corpus (../shared/corpus), per page, per family and overall.

Runs pubexport in-process (read -> merge -> CSL-JSON) on each page alone and scores it with
../shared/eval/score.py's own functions: per page P, R, F1 and field accuracy, worst first; totals
per family (the file-name prefix: cv_, ht_, fx_, jk_, lab_) and overall; then the whole folder read
at once (every distinct paper exactly once: duplicates and fusions).

Anything fitted on data is scored cross-validated by page: with ``--folds K`` (default 5 when a
model builder exists, see ``training/__init__.py``) the pages are dealt into K folds; for each fold
every model is built into a temporary directory without that fold's pages, ``PUBEXPORT_MODEL_DIR``
points there, and the fold's pages are read. The whole-folder run merges the mentions each page gave
under its own fold's models. The in-sample figure (models fitted on every page) is printed beside
it, labelled as such: it is no estimate of unseen pages. ``--folds 0`` scores the shipped models.
Exits 0 with a message when ../shared is absent.
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import io
import json
import logging
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
FAMILIES = ("cv", "ht", "fx", "jk", "lab")
FIELDS_OF_SCORE = ("year", "venue", "authors", "arxiv", "doi")


def load_score():
    """score.py as a module (it is a script beside the corpus, not a package)."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def builders() -> list:
    sys.path.insert(0, str(ROOT))
    try:
        from training import BUILDERS
    except ImportError:
        return []
    return [importlib.import_module(f"training.{name}") for name in BUILDERS]


def folds_of(pages: list[str], k: int) -> list[list[str]]:
    """Pages dealt round-robin in name order, so each fold holds pages of every family."""
    return [pages[i::k] for i in range(k)]


def page_mentions(path: Path) -> list:
    import pubexport

    return pubexport.read([path], workers=1)


def records_as_csl(mentions: list) -> list[dict]:
    import pubexport

    out = io.StringIO()
    pubexport.write_csljson(pubexport.merge(list(mentions)), out)
    return json.loads(out.getvalue())


@dataclass
class PageScore:
    name: str
    tally: object
    mentions: list = field(default_factory=list)

    def fields(self) -> tuple[int, int]:
        return (sum(ok for ok, _ in self.tally.fields.values()), sum(n for _, n in self.tally.fields.values()))


def read_pages(score, gold: dict, pages: list[str]) -> list[PageScore]:
    scored = []
    for name in pages:
        mentions = page_mentions(CORPUS / "profiles" / name)
        tally = score.Tally()
        score.score_profile(name, gold[name], records_as_csl(mentions), tally, False)
        scored.append(PageScore(name, tally, mentions))
    return scored


def run(score, gold: dict, k: int, models: list) -> list[PageScore]:
    """Every page scored: under the models built without its fold when k > 1, under models
    fitted on everything when k == 1, under the shipped models when k == 0."""
    pages = sorted(gold)
    if k == 0 or not models:
        return read_pages(score, gold, pages)
    scored: list[PageScore] = []
    previous = os.environ.get("PUBEXPORT_MODEL_DIR")
    try:
        for held_out in (folds_of(pages, k) if k > 1 else [pages]):
            with tempfile.TemporaryDirectory() as tmp:
                exclude = set(held_out) if k > 1 else set()
                os.environ["PUBEXPORT_MODEL_DIR"] = tmp  # each builder sees the models built before it
                for module in models:
                    module.build(Path(tmp), exclude)
                scored += read_pages(score, gold, held_out)
    finally:
        if previous is None:
            os.environ.pop("PUBEXPORT_MODEL_DIR", None)
        else:
            os.environ["PUBEXPORT_MODEL_DIR"] = previous
    return scored


def total(score, pages: list[PageScore]):
    tally = score.Tally()
    for page in pages:
        for attr in ("tp", "fp", "fn", "dup"):
            setattr(tally, attr, getattr(tally, attr) + getattr(page.tally, attr))
        for name, (ok, n) in page.tally.fields.items():
            tally.fields[name][0] += ok
            tally.fields[name][1] += n
    return tally


def figures(tally) -> str:
    p, r, f = tally.prf()
    ok = sum(v[0] for v in tally.fields.values())
    n = sum(v[1] for v in tally.fields.values())
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} fields={ok / n if n else 0:.3f}"


def whole_folder(score, gold: dict, pages: list[PageScore]) -> str:
    clusters = json.loads((CORPUS / "clusters.json").read_text(encoding="utf-8"))
    distinct = score.distinct_papers(gold, clusters)
    recs = records_as_csl([m for page in pages for m in page.mentions])
    whole = score.Tally()
    score.score_profile("all", distinct, recs, whole, False)
    p, r, f = whole.prf()
    return (f"records={len(recs)} distinct_gold={sum(1 for d in distinct if not d.get('optional'))} "
            f"tp={whole.tp} fp={whole.fp} fn={whole.fn} dup={whole.dup} P={p:.3f} R={r:.3f} F1={f:.3f}")


def report(score, gold: dict, pages: list[PageScore], label: str, per_page: bool) -> None:
    print(f"== {label}")
    if per_page:
        print(f"  {'page':45s} {'P':>6s} {'R':>6s} {'F1':>6s} {'fields':>7s}  tp/fp/fn/dup")
        for page in sorted(pages, key=lambda s: (s.tally.prf()[2], s.name)):
            p, r, f = page.tally.prf()
            ok, n = page.fields()
            t = page.tally
            print(f"  {page.name:45s} {p:6.3f} {r:6.3f} {f:6.3f} {ok / n if n else 0:7.3f}  "
                  f"{t.tp}/{t.fp}/{t.fn}/{t.dup}")
    for family in FAMILIES:
        members = [s for s in pages if s.name.startswith(family + "_")]
        if members:
            print(f"  family {family:4s} ({len(members):2d} pages) {figures(total(score, members))}")
    overall = total(score, pages)
    print(f"  overall per-page: tp={overall.tp} fp={overall.fp} fn={overall.fn} dup={overall.dup} "
          f"{figures(overall)}")
    for name, (ok, n) in overall.fields.items():
        if n:
            print(f"    field {name:8s} {ok}/{n} = {ok / n:.3f}")
    print(f"  whole folder: {whole_folder(score, gold, pages)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=None,
                    help="cross-validation folds by page (default 5 when a model builder exists; 0: shipped models)")
    ap.add_argument("--no-in-sample", action="store_true", help="skip the in-sample figure")
    args = ap.parse_args()
    if not (CORPUS / "gold.json").is_file() or not (SHARED / "eval" / "score.py").is_file():
        print("corpus scores: ../shared/corpus or ../shared/eval/score.py not found; skipped")
        return 0
    logging.getLogger("pubexport").setLevel(logging.ERROR)
    score = load_score()
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
    models = builders()
    k = args.folds if args.folds is not None else (5 if models else 0)
    if k and not models:
        print("corpus scores: no model builder in training/; scoring the package as it is")
        k = 0
    if k > 1:
        report(score, gold, run(score, gold, k, models), f"cross-validated, {k} folds by page "
               f"(models: {', '.join(m.__name__.split('.')[-1] for m in models)})", per_page=True)
        if not args.no_in_sample:
            report(score, gold, run(score, gold, 1, models),
                   "IN-SAMPLE (models fitted on every page; not an estimate for unseen pages)", per_page=False)
    else:
        report(score, gold, run(score, gold, k, models),
               "in-sample (models fitted on every page)" if k == 1 else "shipped models", per_page=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
