"""Find the publication entries of a page (placeholder: quoted titles on list lines)."""
from __future__ import annotations

import re

from .models import Document, Entry, Source

QUOTED = re.compile(r'"([^"]{10,})"')


def find_entries(doc: Document) -> list[Entry]:
    entries = []
    for number, line in enumerate(doc.text.split("\n"), start=1):
        if QUOTED.search(line):
            entries.append(Entry(text=line, source=Source(doc.path, number)))
    return entries
