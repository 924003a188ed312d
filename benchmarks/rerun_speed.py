"""Speed of a re-run into an existing bibliography: read the file, match and reconcile, at scale.

The existing file is our own output of fictional records (``bibio_speed.fictional_records``) and
the re-run gives the same records again, so every entry is matched and the result must be the
same text ("no changes"); the figures are CPU seconds per step and the peak memory.

    python benchmarks/rerun_speed.py [--records 10000] [--format bibtex|csljson]
"""
from __future__ import annotations

import argparse
import io
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bibio_speed import fictional_records  # noqa: E402

from pubexport.pipeline import write_bibtex, write_csljson  # noqa: E402
from pubexport.rerun import parse_existing, reconcile  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--format", choices=["bibtex", "csljson"], default="bibtex")
    args = parser.parse_args()
    out = io.StringIO()
    (write_bibtex if args.format == "bibtex" else write_csljson)(fictional_records(args.records), out)
    text = out.getvalue()
    records = fictional_records(args.records)
    start = time.process_time()
    existing = parse_existing(text, args.format, "refs")
    read = time.process_time()
    result = reconcile(records, existing)
    done = time.process_time()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    same = result.text == text
    print(f"{args.records} records, {args.format}: read {read - start:.1f} s, match and reconcile "
          f"{done - read:.1f} s, peak {peak:.0f} MB; {result.summary()}; "
          f"{'same text' if same else 'TEXT CHANGED'}")
    return 0 if same and not result.changed else 1


if __name__ == "__main__":
    sys.exit(main())
