"""Citation keys (placeholder: first word of the title + year + position)."""
from __future__ import annotations

import re

from .models import Record


def assign_keys(records: list[Record]) -> None:
    for i, record in enumerate(records):
        word = re.sub(r"[^a-z]", "", record.title.lower().split()[0]) if record.title else "untitled"
        record.key = f"{word}{record.year or ''}_{i}"
