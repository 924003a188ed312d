"""Field accuracy of the field model against the rule parser, cross-validated by page.

The corpus pages are cut into k folds; for each fold a model is fitted on everything else
(``build_fields.build`` with the fold excluded) and both parsers read the fold's entries that
match a gold record. Prints accuracy per field and per page family, for the rules, the model,
and the combination ``parser.parse_entry`` uses.

    python training/crossval_fields.py [--folds 5] [--cache /tmp/fields-folds]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections import defaultdict
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_fields  # noqa: E402

from pubexport import parser  # noqa: E402
from pubexport.fields import model  # noqa: E402
from pubexport.modelfiles import MODEL_DIR_VARIABLE  # noqa: E402
from pubexport.models import Mention  # noqa: E402

FIELDS = ("title", "authors", "venue", "year", "arxiv", "doi")


def load_score(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_csl(mention: Mention) -> dict:
    record = {"title": mention.title, "container-title": mention.venue,
              "container-title-short": mention.venue_acronym, "DOI": mention.doi,
              "author": [{"given": a.given, "family": a.family, "literal": a.literal} for a in mention.authors]}
    if mention.year:
        record["issued"] = {"date-parts": [[mention.year]]}
    if mention.arxiv:
        record["URL"] = f"https://arxiv.org/abs/{mention.arxiv}"
    return record


def field_results(score, gold: dict, mentions: list[Mention]) -> dict[str, bool]:
    """Which of the gold record's fields the best-titled mention of the entry gets right."""
    records = [as_csl(m) for m in mentions]
    rec = max(records, key=lambda r: score.title_score(gold, r), default={})
    out = {"title": bool(rec) and score.title_score(gold, rec) >= 90}
    if gold.get("authors"):
        out["authors"] = score.authors_ok(gold["authors"], rec)
    if gold.get("venue"):
        out["venue"] = score.venue_ok(gold["venue"], rec)
    if gold.get("year"):
        out["year"] = score.record_year(rec) == gold["year"]
    if gold.get("arxiv"):
        out["arxiv"] = gold["arxiv"] in score.record_arxiv_ids(rec)
    if gold.get("doi"):
        out["doi"] = score.record_doi(rec) == gold["doi"].lower()
    return out


def readers():
    return {"rules": lambda e: parser.SHAPES.get(e.shape, parser.parse_reference)(e),
            "model": parser.parse_labelled,
            "combined": parser.parse_entry}


def main(argv: list[str] | None = None) -> int:
    args_parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args_parser.add_argument("--shared", type=Path, default=build_fields.SHARED)
    args_parser.add_argument("--folds", type=int, default=5)
    args_parser.add_argument("--cache", type=Path, default=Path("/tmp/pubexport-field-folds"))
    args_parser.add_argument("--refit", action="store_true", help="fit the fold models again")
    args = args_parser.parse_args(argv)
    score = load_score(args.shared)
    gold = json.loads((args.shared / "corpus" / "gold.json").read_text(encoding="utf-8"))
    pages = sorted(gold)
    # tally[reader][family][field] = [right, total]
    tally: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(lambda: [0, 0])))
    for fold in range(args.folds):
        held_out = set(pages[fold::args.folds])
        fold_dir = args.cache / f"fold{fold}"
        if args.refit or not (fold_dir / model.MODEL_FILE).is_file():
            build_fields.build(fold_dir, held_out, args.shared)
        os.environ[MODEL_DIR_VARIABLE] = str(fold_dir)
        for name in sorted(held_out):
            family = name.split("_")[0]
            for entry in build_fields.page_entries(args.shared / "corpus" / "profiles" / name):
                record = build_fields.best_record(entry.text, gold[name])
                if record is None:
                    continue
                for reader_name, read in readers().items():
                    try:
                        mentions = read(entry)
                    except Exception:  # a reader failing on an entry scores it wrong, as extract skips it
                        mentions = []
                    for field, ok in field_results(score, record, mentions).items():
                        for key in (family, "all"):
                            tally[reader_name][key][field][0] += int(ok)
                            tally[reader_name][key][field][1] += 1
    families = sorted({k for r in tally.values() for k in r})
    for family in families:
        print(f"== {family}")
        for reader_name in tally:
            cells = tally[reader_name][family]
            right = sum(cells[f][0] for f in FIELDS if f != "title")
            total = sum(cells[f][1] for f in FIELDS if f != "title")
            row = "  ".join(f"{f} {cells[f][0] / cells[f][1]:.2f}" if cells[f][1] else f"{f}  -  " for f in FIELDS)
            print(f"  {reader_name:9s} {row}  fields {right / max(total, 1):.3f} (n={cells['title'][1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
