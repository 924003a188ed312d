"""Reading an HTTP Retry-After header, shared by the Crossref client and the page fetcher."""
from __future__ import annotations

import email.utils
import time


def retry_after(value: str | None) -> float | None:
    """Retry-After as delta seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    try:
        return max(0.0, float(value.strip()))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
