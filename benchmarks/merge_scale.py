"""Merge at scale (issue 4): time, peak memory and pairwise precision/recall at 1k, 10k, 100k mentions.

Two measurements per size, each in a fresh child process (peak memory is the highest resident
memory of the child and its reading workers together, sampled every 20 ms; beside it the bound
of its ru_maxrss plus one largest-worker peak per core, as if all peaked at once; cpu is the
child's own):
  ideal  the generator's mentions handed straight to merge (an ideal extractor): merge time and
         merge quality alone;
  e2e    the synthetic profile folder through the whole pipeline: read, parse, merge, write BibTeX.
         Precision/recall are over the extracted mentions that map to a truth entry (file:line);
         extraction recall (truth entries extracted) is printed beside them. The CPU time of each
         stage is printed (reading: this process and its reading workers together), and then the
         reading stage's speed per page format: mentions per CPU second of one process reading
         every --format-sample-th file of that format (load and extract, as a worker does).

The ideal child's peak includes the generator (its world while it runs, then the mentions it
gave): its high-water mark before merging is printed beside the merge time.

Times are wall clock, with the process's CPU time beside them (steadier on a shared machine).
Pairwise precision: of the mention pairs put in one record, the share that are one paper;
recall: of the pairs that are one paper, the share put in one record.

    python benchmarks/merge_scale.py [--sizes 1000,10000,100000] [--mode ideal,e2e] [--seed 0] [--repeat 1]
                                     [--format-sample 10]

--repeat N runs each measurement N times and keeps the fastest (the machine is shared: one run
can be slowed by others' work).

Split rate: the share of papers given more than one record; twins merged: of the look-alike twin
pairs (synthetic.py), those put in one record.

Targets: at 100k, P >= 0.995 and R >= 0.99, split rate <= 0.01, twins merged <= 0.02; merge <= 5 s;
e2e <= 30 s and <= 1 GiB; 10k -> 100k time <= 12x.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import TWIN_SUFFIX  # noqa: E402  (beside this file)


def pairwise(groups: list[list[str]]) -> dict:
    """Pairwise precision and recall of record groups (each a list of truth paper ids)."""
    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    predicted = sum(pairs(len(g)) for g in groups)
    correct = sum(pairs(c) for g in groups for c in Counter(g).values())
    truth = sum(pairs(c) for c in Counter(p for g in groups for p in g).values())
    records_per_paper = Counter(p for g in groups for p in set(g))
    twins = [p for p in records_per_paper if p.endswith(TWIN_SUFFIX) and p[:-len(TWIN_SUFFIX)] in records_per_paper]
    together = {(p, p + TWIN_SUFFIX) for g in groups for p in set(g) if p + TWIN_SUFFIX in g}
    split = sum(1 for n in records_per_paper.values() if n > 1)
    return {
        "precision": correct / predicted if predicted else 1.0,
        "recall": correct / truth if truth else 1.0,
        "split_papers": split,
        "split_rate": split / len(records_per_paper) if records_per_paper else 0.0,
        "fused_records": sum(1 for g in groups if len(set(g)) > 1),
        "papers": len(records_per_paper),
        "twin_pairs": len(twins),
        "twins_merged": len(together),
        "twin_merge_rate": len(together) / len(twins) if twins else 0.0,
    }


def child_ideal(size: int, seed: int) -> dict:
    from synthetic import ideal_mentions

    from pubexport import pipeline

    mentions, papers = ideal_mentions(size, seed)
    input_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the generator's peak, its mentions held
    start, cpu = time.perf_counter(), time.process_time()
    records = pipeline.merge(mentions)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    # the truth looked up by the identity of each mention's source (records list their mentions'
    # sources; the generator gives each mention a line of its own) and only once merged: the
    # benchmark's own data stays out of the merge's peak (a dict keyed by (file, line) was 1/20
    # of the peak at 1M)
    paper_of = {id(m.source): p for m, p in zip(mentions, papers)}
    del papers
    groups = [[paper_of[id(s)] for s in r.sources] for r in records]
    del paper_of
    return {"mentions": len(mentions), "records": len(records), "merge_s": elapsed, "merge_cpu_s": cpu,
            "input_mib": input_mib, **pairwise(groups)}


class TreePeak:
    """The highest resident memory of process ``pid`` and its worker processes together, sampled
    every 20 ms from /proc by this process (a thread in the measured one would change how it
    starts its workers): the workers read while it holds the mentions so far, and have ended
    before the merge, so the sum of each one's own peak overstates the run's."""

    def __init__(self, pid: int):
        self.pid, self.peak = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._stop.wait(0.02):
            total = sum(_resident_pages(pid) for pid in _process_tree(self.pid))
            self.peak = max(self.peak, total * page)


def _process_tree(pid: int) -> list[int]:
    pids, k = [pid], 0
    while k < len(pids):
        try:
            with open(f"/proc/{pids[k]}/task/{pids[k]}/children", encoding="ascii") as fp:
                pids.extend(int(child) for child in fp.read().split())
        except OSError:
            pass
        k += 1
    return pids


def _resident_pages(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fp:
            return int(fp.read().split()[1])
    except OSError:  # ended meanwhile
        return 0


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child_e2e(folder: str) -> dict:
    from pubexport import pipeline

    start, cpu, workers_cpu = time.perf_counter(), time.process_time(), children_cpu()
    mentions = pipeline.read([Path(folder) / "profiles"])
    read_s, read_cpu = time.perf_counter() - start, time.process_time() - cpu
    workers_cpu = children_cpu() - workers_cpu  # the reading workers have ended with the read
    records = pipeline.merge(mentions)
    merge_s, merge_cpu = time.perf_counter() - start - read_s, time.process_time() - cpu - read_cpu
    mentions_found = len(mentions)
    del mentions  # as the command line does: records do not hold their mentions
    with open(Path(folder) / "out.bib", "w", encoding="utf-8") as fp:
        pipeline.write_bibtex(records, fp)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    truth = json.loads((Path(folder) / "truth.json").read_text(encoding="utf-8"))
    by_file: dict[str, dict[int, str]] = {}
    for key, paper in truth.items():
        path, line = key.rsplit(":", 1)
        by_file.setdefault(str(Path(path).resolve()), {})[int(line)] = paper

    def paper_of(source):
        lines = by_file.get(str(Path(source.path).resolve()), {})
        for line in (source.line, source.line - 1, source.line + 1, source.line - 2):
            if line in lines:
                return f"{source.path}:{line}", lines[line]
        return None, None

    groups, found, unmatched = [], set(), 0
    for r in records:
        group = []
        for source in r.sources:
            where, paper = paper_of(source)
            if paper is None:
                unmatched += 1
            else:
                found.add(where)
                group.append(paper)
        groups.append(group)
    return {"mentions": mentions_found, "records": len(records), "read_s": read_s, "merge_s": merge_s,
            "total_s": total, "total_cpu_s": cpu + workers_cpu, "read_cpu_s": read_cpu + workers_cpu,
            "read_main_cpu_s": read_cpu, "merge_cpu_s": merge_cpu, "write_cpu_s": cpu - read_cpu - merge_cpu,
            "extraction_recall": len(found) / len(truth) if truth else 1.0,
            "unmatched_mentions": unmatched, **pairwise(groups)}


def child_formats(folder: str, sample: int) -> dict:
    """Mentions per CPU second of reading each page format, in this one process: every
    ``sample``-th file of the format loaded and extracted as a reading worker does."""
    from pubexport import pipeline
    from pubexport.acceptance import load_model
    from pubexport.fields.model import available

    load_model(), available()  # the models are loaded once per worker, not per file
    files = sorted(p for p in (Path(folder) / "profiles").rglob("*") if p.is_file())
    by_format: dict[str, dict] = {}
    for suffix in sorted({p.suffix for p in files}):
        chosen = [p for p in files if p.suffix == suffix][::sample]
        pipeline.read(chosen[:1], workers=1)  # imports the format's reader, as a worker has by then
        cpu = time.process_time()
        found = len(pipeline.read(chosen, workers=1))
        cpu = time.process_time() - cpu
        by_format[suffix.lstrip(".")] = {"files": len(chosen), "mentions": found, "cpu_s": cpu,
                                         "mentions_per_s": found / cpu if cpu else 0.0}
    return by_format


def run_child(args: list[str], size: int = 0) -> dict:
    proc = subprocess.Popen([sys.executable, __file__, "--child", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    with TreePeak(proc.pid) as tree:
        out, err = proc.communicate(timeout=3600 * max(1, size // 100000))  # a loaded machine: minutes per 100k
    if proc.returncode:
        raise SystemExit(f"child failed: {err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_mib"] = max(tree.peak / 2**20, result["own_peak_mib"])
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--mode", default="ideal,e2e")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest is kept")
    ap.add_argument("--format-sample", type=int, default=10,
                    help="e2e: time the reading of every Nth file of each format (0: not at all)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, value = args.child[0], args.child[1]
        if kind == "formats":
            print(json.dumps(child_formats(value, args.format_sample)))
            return 0
        result = child_ideal(int(value), args.seed) if kind == "ideal" else child_e2e(value)
        result["own_peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # the bound: reading uses one worker process per core, each counted at the largest
        # worker's peak, as if all peaked together with this process
        workers = (os.cpu_count() or 1) if resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss else 0
        result["peak_bound_mib"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                    + workers * resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        print(json.dumps(result))
        return 0

    from synthetic import generate

    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, dict[int, dict]] = {}
    for mode in args.mode.split(","):
        for size in sizes:
            if mode == "ideal":
                r = min((run_child(["ideal", str(size), "--seed", str(args.seed)], size) for _ in range(args.repeat)),
                        key=lambda run: run["merge_cpu_s"])
                line = (f"merge only: {r['mentions']:>7} mentions  merge {r['merge_s']:6.2f} s "
                        f"(cpu {r['merge_cpu_s']:.2f}; generator's peak before merging {r['input_mib']:.0f} MiB)")
            else:
                with tempfile.TemporaryDirectory() as tmp:
                    generate(Path(tmp), size, args.seed)
                    r = min((run_child(["e2e", tmp, "--seed", str(args.seed)], size) for _ in range(args.repeat)),
                            key=lambda run: run["total_s"])
                    formats = run_child(["formats", tmp, "--format-sample", str(args.format_sample)]) \
                        if args.format_sample > 0 else {}
                line = (f"end to end: {r['mentions']:>7} mentions  total {r['total_s']:6.2f} s (cpu "
                        f"{r['total_cpu_s']:.2f}: read {r['read_cpu_s']:.2f} of which main process "
                        f"{r['read_main_cpu_s']:.2f}, merge {r['merge_cpu_s']:.2f}, write {r['write_cpu_s']:.2f}; "
                        f"wall read {r['read_s']:.2f}, merge {r['merge_s']:.2f})  extraction recall "
                        f"{r['extraction_recall']:.3f}  unmatched {r['unmatched_mentions']}")
                line += "".join(f"\n  reading {name:>5}: {f['mentions_per_s']:7.0f} mentions/s of one CPU "
                                f"({f['mentions']} mentions of {f['files']} files in {f['cpu_s']:.2f} s)"
                                for name, f in formats.items())
            results.setdefault(mode, {})[size] = r
            first, _, rest = line.partition("\n")
            print(f"{first}  peak {r['peak_mib']:6.0f} MiB (bound {r['peak_bound_mib']:.0f})  records {r['records']}  P {r['precision']:.4f}  "
                  f"R {r['recall']:.4f}  split papers {r['split_papers']} ({r['split_rate']:.4f})  "
                  f"fused records {r['fused_records']}  twins merged {r['twins_merged']}/{r['twin_pairs']} "
                  f"({r['twin_merge_rate']:.4f})" + (f"\n{rest}" if rest else ""), flush=True)
    failures = []
    for mode, by_size in results.items():
        key = "merge_s" if mode == "ideal" else "total_s"
        if 10000 in by_size and 100000 in by_size:
            growth = by_size[100000][key] / max(by_size[10000][key], 1e-9)
            print(f"{mode}: 10k -> 100k time grows {growth:.1f}x")
            if growth > 12 and mode == "e2e":  # the target is end to end; merge alone is shown
                failures.append(f"{mode} growth {growth:.1f}x > 12x")
        big = by_size.get(100000)
        if big:
            if big["precision"] < 0.995 or big["recall"] < 0.99:
                failures.append(f"{mode} P/R at 100k {big['precision']:.4f}/{big['recall']:.4f}")
            if big["split_rate"] > 0.01 or big["twin_merge_rate"] > 0.02:
                failures.append(f"{mode} at 100k: split rate {big['split_rate']:.4f}, twins merged "
                                f"{big['twin_merge_rate']:.4f}")
            if mode == "e2e" and (big["total_s"] > 30 or big["peak_mib"] > 1024):
                failures.append(f"e2e at 100k {big['total_s']:.1f} s, {big['peak_mib']:.0f} MiB")
    for failure in failures:
        print(f"merge scale: target missed: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
