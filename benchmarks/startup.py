"""Print the median start-up time of `pubexport --help` beside that of `python -c pass`.

`--help` must import only click and the data model, never the stages (habanero, httpx,
bibtexparser, rapidfuzz, ftfy); the script also checks that and says which leaked in.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15
HEAVY = ("habanero", "httpx2", "httpx", "bibtexparser", "rapidfuzz", "ftfy")


def median_seconds(argv: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def heavy_imports_of_help() -> list[str]:
    code = ("import contextlib, io, sys\nfrom pubexport.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n        main(['--help'])\n    except SystemExit:\n        pass\n"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return [m for m in out.strip().split(",") if m]


def main() -> int:
    bare = median_seconds([sys.executable, "-c", "pass"])
    helped = median_seconds([sys.executable, "-m", "pubexport", "--help"])
    print(f"python -c pass:        {bare * 1000:7.1f} ms (median of {RUNS})")
    print(f"pubexport --help:      {helped * 1000:7.1f} ms (median of {RUNS})")
    print(f"pubexport's own cost:  {(helped - bare) * 1000:7.1f} ms")
    leaked = heavy_imports_of_help()
    print("heavy modules imported by --help: " + (", ".join(leaked) if leaked else "none"))
    return 1 if leaked else 0


if __name__ == "__main__":
    sys.exit(main())
