"""A full enriched run over the seed pages (or examples/ when the seeds are absent) against a
local Crossref stand-in that advertises Crossref's polite-pool limits (10 requests per 1 s, 3 at
once) and answers each request after a realistic delay.

The stand-in knows a published version of every record whose venue is not NeurIPS, ICLR or arXiv
(those usually have no Crossref DOI), and a near-miss (same title, other authors, years later)
of every other one (patents are never looked up). Prints records, requests, matches, wrong DOIs, wall time and the floor the
rate limit sets; then a second run with the cache, which must make no request. Exits 1 when a
DOI is wrong, a second run makes requests, or the run is much slower than the rate allows.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from crossref_server import CrossrefServer, make_work  # noqa: E402

from pubexport import pipeline  # noqa: E402

RATE, INTERVAL, CONCURRENCY, LATENCY = 10, 1.0, 3, 0.25
NOT_IN_CROSSREF = ("neural information processing", "neurips", "learning representations", "iclr", "arxiv")


def registry(records) -> tuple[list[dict], list[str]]:
    """Crossref works for the records, and the DOI each record should end with."""
    works, expected = [], []
    for i, r in enumerate(records):
        people = [(p.given, p.family) if p.family else ("", p.literal) for p in r.authors if not p.is_others]
        year = r.year or 2020
        venue = f"{r.venue} {r.venue_acronym}".lower()
        if not r.title or r.doi or r.type == "patent":
            expected.append(r.doi)
        elif r.type == "article" or any(v in venue for v in NOT_IN_CROSSREF):
            works.append(make_work(f"10.5555/near-miss.{i}", r.title, [("Other", "Person")], year + 3,
                                   type="journal-article", container="Another Journal"))
            expected.append("")
        else:
            doi = f"10.5555/bench.{i}"
            works.append(make_work(doi, r.title, people or [("Some", "Author")], year,
                                   container=r.venue or "Proceedings", page=f"{i + 1}-{i + 10}", publisher="IEEE"))
            expected.append(doi)
    return works, expected


def enriched_run(paths, server, cache_dir):
    records = pipeline.merge(pipeline.read(paths))
    start = time.perf_counter()
    stats = pipeline.enrich(records, base_url=server.url, cache_dir=cache_dir, mailto="bench@example.org")
    return records, stats, time.perf_counter() - start


def main() -> int:
    seeds = ROOT.parent / "shared" / "seeds"
    paths = [str(seeds if seeds.is_dir() else ROOT / "examples")]
    records = pipeline.merge(pipeline.read(paths))
    works, expected = registry(records)
    failures = []
    with tempfile.TemporaryDirectory() as cache, \
            CrossrefServer(works=works, rate=RATE, interval=f"{INTERVAL:g}s", concurrency=CONCURRENCY,
                           latency=LATENCY) as server:
        records, stats, wall = enriched_run(paths, server, cache)
        first_requests = server.requests
        floor = (max(first_requests, 1) - 1) // RATE * INTERVAL
        wrong = sum(1 for r, doi in zip(records, expected) if r.doi != doi and (r.doi or doi) and r.doi)
        missed = sum(1 for r, doi in zip(records, expected) if doi and r.doi != doi)
        print(f"input: {paths[0]}")
        print(f"records: {len(records)}; lookups answered: {stats.matched + stats.unmatched + stats.failed}")
        print(f"requests: {first_requests} (retries {stats.retries}); max in flight {server.max_in_flight}/"
              f"{CONCURRENCY}; max per {INTERVAL:g} s {server.max_in_window(INTERVAL)}/{RATE}")
        print(f"matched {stats.matched}, no confident match {stats.unmatched}, failed {stats.failed}; "
              f"expected matches {sum(1 for d in expected if d)}; missed {missed}; wrong DOIs {wrong}")
        print(f"wall time {wall:.2f} s; rate-limit floor {floor:.2f} s "
              f"({first_requests} requests at {RATE}/{INTERVAL:g} s, {LATENCY:g} s latency, {CONCURRENCY} at once)")
        _, again, wall2 = enriched_run(paths, server, cache)
        second_requests = server.requests - first_requests
        print(f"second run with cache: {second_requests} requests, {again.cached} cached answers, {wall2:.2f} s")
        if wrong:
            failures.append(f"{wrong} wrong DOIs")
        if second_requests:
            failures.append("the second run made requests")
        if wall > floor * 1.25 + 2 * LATENCY + 1.5:
            failures.append(f"{wall:.1f} s is well above the {floor:.1f} s the rate limit allows")
        if server.max_in_flight > CONCURRENCY or server.max_in_window(INTERVAL) > RATE:
            failures.append("the advertised limits were exceeded")
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
