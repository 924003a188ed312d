"""Write records as BibTeX (placeholder)."""
from __future__ import annotations

from typing import IO

from .models import Record


def write_bibtex(records: list[Record], fp: IO[str], *, ascii_only: bool = False) -> None:
    for r in records:
        fp.write(f"@misc{{{r.key},\n  title = {{{r.title}}},\n")
        if r.year:
            fp.write(f"  year = {{{r.year}}},\n")
        fp.write("}\n\n")
