"""Speed of the bibliography stages at scale: keys, write BibTeX (UTF-8 and --ascii), write CSL-JSON,
read .bib (our UTF-8 output, our --ascii output, and a foreign export in the accent-macro style of
Google Scholar and Zotero), read CSL-JSON.

Every stage runs in a fresh child process on the same fictional records, built deterministically
from a seed; the figures are the child's CPU seconds for the stage alone (time.process_time) and its
peak memory (ru_maxrss, which includes building the records or reading the file). The input files
are written by another child: Linux keeps a process' peak memory across exec, so the parent stays
small.

    python benchmarks/bibio_speed.py [--records 100000] [--seed 0] [--stages keys,write-bib,...]

Targets at 100k records: read .bib <= 8 s.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pubexport.models import (ARTICLE_JOURNAL, BOOK, CHAPTER, OTHERS, PAPER_CONFERENCE, PATENT, PREPRINT, REPORT,
                              THESIS, UNKNOWN, Document, Person, Record, Source)

FAMILIES = ["Li", "Zhang", "Müller", "García Márquez", "van der Berg", "O'Neil", "Đặng", "Øster", "Kowalski",
            "Tanaka", "Nielsen", "Patel", "de la Fontaine", "Šimić", "Ivanova", "Smith", "Lee", "Wang", "Çelik",
            "Nguyễn", "Björk", "Dubois", "Rossi", "Kim", "李"]
GIVENS = ["Zhiheng", "Jörg", "Jan", "Siobhán", "Thị Ngọc", "Åse", "Martin Renqiang", "José", "Zoë", "Kenji",
          "Priya", "Søren", "Jean-Pierre", "Olga", "Chen", "Ana", "明", "Łukasz", "François", "Ngọc Anh"]
WORDS = ("learning robust sparse graph neural attention models for efficient image video language segmentation "
         "detection reasoning retrieval adaptive scalable self-supervised transformers representations of "
         "benchmark dataset analysis towards understanding generalization with the and in on diffusion").split()
SPECIAL_WORDS = ["CVPR", "GNNs", "3D", "StyleT2I", "iPhone", "Text-to-Image", "Gaussian", "Zürich", "LLaMA",
                 "BERT", "R&D", "100%", "x_1", "Schrödinger", "naïve", "$O(n)$", "{Curly}", "C#"]
VENUES = [("IEEE/CVF Conference on Computer Vision and Pattern Recognition", "CVPR", PAPER_CONFERENCE),
          ("International Conference on Machine Learning", "ICML", PAPER_CONFERENCE),
          ("Advances in Neural Information Processing Systems", "NeurIPS", PAPER_CONFERENCE),
          ("European Conference on Computer Vision", "ECCV", PAPER_CONFERENCE),
          ("IEEE Transactions on Pattern Analysis and Machine Intelligence", "TPAMI", ARTICLE_JOURNAL),
          ("Journal of Machine Learning Research", "JMLR", ARTICLE_JOURNAL),
          ("Revue d'Intelligence Artificielle", "", ARTICLE_JOURNAL),
          ("", "", PREPRINT), ("arXiv", "", PREPRINT),
          ("Workshop on Things & Stuff", "", UNKNOWN), ("Handbook of Learning", "", CHAPTER),
          ("", "", REPORT), ("", "", THESIS), ("", "", BOOK), ("US Patent Office", "", PATENT)]
PUBLISHERS = ["Example Labs", "Université de Montréal", "Springer", "MIT Press", ""]
NOTES = ["Oral", "Spotlight", "under review", "equal contribution", "Best Paper Award"]


def fictional_records(n: int, seed: int = 0) -> list[Record]:
    """``n`` records of every type, with non-ASCII names, acronyms and LaTeX specials in titles."""
    rng = random.Random(seed)
    records = []
    for i in range(n):
        venue, acronym, kind = rng.choice(VENUES)
        words = [rng.choice(WORDS) for _ in range(rng.randint(4, 12))]
        for _ in range(rng.choice((0, 0, 1, 2))):
            words.insert(rng.randrange(len(words) + 1), rng.choice(SPECIAL_WORDS))
        title = " ".join(words).capitalize() + (f": part {i}" if rng.random() < 0.3 else f" {i}")
        authors = [Person(rng.choice(FAMILIES), rng.choice(GIVENS)) for _ in range(rng.randint(1, 6))]
        if rng.random() < 0.05:
            authors.append(Person(literal="Amazon AGI"))
        if rng.random() < 0.1:
            authors.append(OTHERS)
        arxiv = f"{rng.randint(18, 25)}{rng.randint(1, 12):02d}.{rng.randint(0, 99999):05d}" \
            if kind == PREPRINT or rng.random() < 0.3 else ""
        records.append(Record(
            title=title, authors=authors, year=rng.randint(2000, 2025) if rng.random() < 0.97 else None,
            venue=venue, venue_acronym=acronym, type=kind, arxiv=arxiv, arxiv_class="cs.CV" if arxiv else "",
            doi=f"10.{rng.randint(1000, 9999)}/x.{i}" if rng.random() < 0.5 else "",
            urls=[f"https://example.org/p/{i}?a=1&b={{2}}"] if rng.random() < 0.6 else [],
            notes=rng.sample(NOTES, rng.choice((0, 0, 0, 1, 2))),
            volume=str(rng.randint(1, 40)) if kind == ARTICLE_JOURNAL else "",
            issue=str(rng.randint(1, 12)) if kind == ARTICLE_JOURNAL else "",
            pages=f"{(p := rng.randint(1, 9000))}-{p + rng.randint(5, 15)}" if rng.random() < 0.6 else "",
            publisher=rng.choice(PUBLISHERS) if kind in (REPORT, THESIS, BOOK, CHAPTER) else "",
            number=f"US {rng.randint(1000000, 9999999)} B2" if kind == PATENT else "",
            sources=[Source(f"profiles/p{i % 997}.md", i % 500 + 1)], owners=[f"Owner {i % 997}"]))
    return records


def foreign_bib(n: int, seed: int = 0) -> str:
    """A .bib as other tools export it: accent macros ({\\"u}, \\'{e}), \\&, --, ~, {Caps}."""
    rng = random.Random(seed)
    families = ['M{\\"u}ller', "Garc\\'{\\i}a M\\'arquez", "van der Berg", "O'Neil", "{\\O}ster", "\\v{S}imi\\'c",
                "Stra{\\ss}e", "Smith", "Lee", "Wang", "{\\c{C}}elik", "Bj{\\\"o}rk"]
    givens = ["J{\\\"o}rg", "Jan", "Siobh{\\'a}n", "{\\AA}se", "Jos\\'e", "Zo{\\\"e}", "S{\\o}ren", "Fran\\c{c}ois",
              "{\\L}ukasz", "Anna"]
    venues = ["Proceedings of the {IEEE} Conference on Computer Vision and Pattern Recognition",
              "Advances in Neural Information Processing Systems", "Journal of Things \\& Stuff"]
    entries = []
    for i in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(4, 12))]
        words.insert(rng.randrange(len(words) + 1), rng.choice(["{CVPR}", "{GNN}s", "Schr{\\\"o}dinger",
                                                                  "na{\\\"\\i}ve", "R\\&D", "100\\%", "{3D}"]))
        authors = " and ".join(f"{rng.choice(families)}, {rng.choice(givens)}" for _ in range(rng.randint(1, 6)))
        entries.append(f"@inproceedings{{f{i},\n  title={{{' '.join(words).capitalize()}}},\n"
                       f"  author={{{authors}}},\n  booktitle={{{rng.choice(venues)}}},\n"
                       f"  pages={{{i}--{i + 9}}},\n  year={{{rng.randint(2000, 2025)}}},\n"
                       f"  note={{Oral~presentation}}\n}}\n")
    return "\n".join(entries)


# --- stages, each run in its own child process ---------------------------------------------------

def _written(kind: str, n: int, seed: int) -> str:
    from pubexport.pipeline import write_bibtex, write_csljson

    buf = io.StringIO()
    records = fictional_records(n, seed)
    if kind == "json":
        write_csljson(records, buf)
    else:
        write_bibtex(records, buf, ascii_only=kind == "ascii")
    return buf.getvalue()


def prepare(stages: list[str], n: int, seed: int, data: Path) -> None:
    """Write the input file of each read stage."""
    inputs = {"read-bib": lambda: _written("bib", n, seed), "read-bib-ascii": lambda: _written("ascii", n, seed),
              "read-bib-foreign": lambda: foreign_bib(n, seed), "read-json": lambda: _written("json", n, seed)}
    for name in stages:
        if name in inputs:
            (data / name).write_text(inputs[name](), encoding="utf-8")


def stage(name: str, n: int, seed: int, data: Path) -> dict:
    from pubexport.bibinput import mentions_from_bibliography
    from pubexport.keys import assign_keys
    from pubexport.pipeline import write_bibtex, write_csljson

    if name.startswith("read"):
        kind = "csljson" if name == "read-json" else "bibtex"
        text = (data / name).read_text(encoding="utf-8")
        start = time.process_time()
        count = len(mentions_from_bibliography(Document(name, text, kind)))
    else:
        records = fictional_records(n, seed)
        sink = io.StringIO()
        start = time.process_time()
        if name == "keys":
            assign_keys(records)
        elif name == "write-json":
            write_csljson(records, sink)
        else:
            write_bibtex(records, sink, ascii_only=name == "write-bib-ascii")
        count = len(records)
    cpu = time.process_time() - start
    return {"stage": name, "count": count, "cpu_s": round(cpu, 2),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


STAGES = ("keys", "write-bib", "write-bib-ascii", "write-json", "read-bib", "read-bib-ascii", "read-bib-foreign",
          "read-json")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--stages", default=",".join(STAGES))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    stages = args.stages.split(",")
    if args.child == "prepare":
        prepare(stages, args.records, args.seed, args.data)
        return
    if args.child:
        print(json.dumps(stage(args.child, args.records, args.seed, args.data)))
        return

    def child(name: str, data: Path) -> str:
        return subprocess.run([sys.executable, __file__, "--child", name, "--records", str(args.records),
                               "--seed", str(args.seed), "--data", str(data), "--stages", args.stages],
                              check=True, capture_output=True, text=True).stdout

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        child("prepare", data)
        print(f"{args.records} records, seed {args.seed}")
        print(f"{'stage':<18}{'count':>8}{'CPU s':>9}{'peak MB':>9}")
        for name in stages:
            r = json.loads(child(name, data).strip().splitlines()[-1])
            print(f"{r['stage']:<18}{r['count']:>8}{r['cpu_s']:>9.2f}{r['peak_mb']:>9}", flush=True)


if __name__ == "__main__":
    main()
