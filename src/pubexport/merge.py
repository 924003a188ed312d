"""Merge mentions of the same paper into one Record (placeholder: equal normalised titles)."""
from __future__ import annotations

import re
from dataclasses import fields

from .models import Mention, Record, Work
from .report import Report


def _norm(title: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", title.lower()).split())


def merge(mentions: list[Mention], report: Report | None = None) -> list[Record]:
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(_norm(m.title), []).append(m)
    records = []
    for group in groups.values():
        first = group[0]
        record = Record(**{f.name: getattr(first, f.name) for f in fields(Work)})
        record.sources = [m.source for m in group]
        record.owners = sorted({m.owner for m in group if m.owner})
        record.mentions = group
        records.append(record)
    return records
