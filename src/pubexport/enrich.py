"""Enrich records through Crossref (placeholder: does nothing yet)."""
from __future__ import annotations

from dataclasses import dataclass

from .models import Record


@dataclass
class EnrichStats:
    matched: int = 0
    unmatched: int = 0
    failed: int = 0


def enrich(records: list[Record], **options) -> EnrichStats:
    return EnrichStats(unmatched=len(records))
