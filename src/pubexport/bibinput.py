"""Read existing bibliographies (.bib, CSL-JSON) as mentions (placeholder)."""
from __future__ import annotations

from .models import Document, Mention


def mentions_from_bibliography(doc: Document) -> list[Mention]:
    return []
