"""Write records as CSL-JSON (placeholder)."""
from __future__ import annotations

import json
from typing import IO

from .models import Record


def to_csl(record: Record) -> dict:
    item = {"id": record.key, "type": record.type or "article", "title": record.title}
    if record.year:
        item["issued"] = {"date-parts": [[record.year]]}
    return item


def write_csljson(records: list[Record], fp: IO[str]) -> None:
    json.dump([to_csl(r) for r in records], fp, ensure_ascii=False, indent=2)
    fp.write("\n")
