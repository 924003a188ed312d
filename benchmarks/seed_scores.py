"""Score the CLI on the seed pages with ../shared/eval/score.py and fail below the targets.

Targets (issue 3): per-profile precision and recall >= 0.97, zero duplicates, field accuracy
>= 0.95 for year, venue, authors and arXiv id; (issue 4) zero duplicates on the whole folder.
Prints score.py's figures; exits 1 when a target is missed, 0 when the seeds are absent.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MIN_PR = 0.97
MIN_FIELD = 0.95
FIELDS = ("year", "venue", "authors", "arxiv")


def main() -> int:
    score = SHARED / "eval" / "score.py"
    if not (SHARED / "seeds").is_dir() or not score.is_file():
        print("seed scores: ../shared/seeds not found; skipped")
        return 0
    cmd = f"{sys.executable} -m pubexport {{input}} -o {{output}} --format csljson --quiet"
    proc = subprocess.run([sys.executable, str(score), "--gold", str(SHARED / "eval" / "seeds-gold.json"),
                           "--profiles", str(SHARED / "seeds"), "--cmd", cmd, "-v"],
                          capture_output=True, text=True)
    print(proc.stdout, end="")
    if proc.returncode:
        print(proc.stderr, end="", file=sys.stderr)
    failures = []
    per = re.search(r"per-profile: .*dup=(\d+)\s+P=([\d.]+) R=([\d.]+)", proc.stdout)
    whole = re.search(r"whole-folder: .*dup=(\d+)", proc.stdout)
    if not per or not whole:
        failures.append("score.py printed no figures")
    else:
        dup, p, r = int(per.group(1)), float(per.group(2)), float(per.group(3))
        if p < MIN_PR or r < MIN_PR:
            failures.append(f"per-profile P={p:.3f} R={r:.3f} below {MIN_PR}")
        if dup or int(whole.group(1)):
            failures.append(f"duplicates: per-profile {dup}, whole folder {whole.group(1)}")
    for name in FIELDS:
        m = re.search(rf"field {name}\s+\d+/\d+ = ([\d.]+)", proc.stdout)
        if m and float(m.group(1)) < MIN_FIELD:
            failures.append(f"field {name} {m.group(1)} below {MIN_FIELD}")
    for failure in failures:
        print(f"seed scores: FAIL: {failure}")
    if not failures:
        print("seed scores: all targets met")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
