"""Parse one entry into a Mention (placeholder: the quoted title and a four-digit year)."""
from __future__ import annotations

import re

from .models import Entry, Mention

QUOTED = re.compile(r'"([^"]{10,})"')
YEAR = re.compile(r"\b(19|20)\d\d\b")


def parse_entry(entry: Entry) -> list[Mention]:
    title = QUOTED.search(entry.text).group(1).strip().rstrip(".")
    year = YEAR.search(entry.text)
    return [Mention(title=title, year=int(year.group(0)) if year else None, source=entry.source)]
