"""The cache of fetched pages: one file per URL, so that a second run asks each site only
"has it changed?" (ETag / Last-Modified) and ``--offline`` runs need no network at all.

Each file holds one JSON line (status, validators, Content-Type, redirect target, when it was
last confirmed) and then the body's bytes; it is written to a temporary file and renamed, so an
interrupted run never leaves a torn entry.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

log = logging.getLogger("pubexport")


@dataclass
class CachedPage:
    """What a URL answered the last time: a page (status 200) or a redirect to ``location``."""

    url: str
    status: int
    content_type: str = ""
    location: str = ""
    etag: str = ""
    last_modified: str = ""
    confirmed: str = ""  # when the site last said this is current (ISO 8601, UTC)
    body: bytes = field(default=b"", repr=False)


class PageCache:
    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self._broken = False

    def _path(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.page"

    def get(self, url: str) -> CachedPage | None:
        try:
            with open(self._path(url), "rb") as fp:
                meta = json.loads(fp.readline())
                body = fp.read()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url:
            return None
        try:
            return CachedPage(**meta, body=body)
        except TypeError:  # written by another version
            return None

    def put(self, page: CachedPage) -> None:
        if self._broken:
            return
        path = self._path(page.url)
        meta = {k: v for k, v in asdict(page).items() if k != "body"}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fp:
                    fp.write(json.dumps(meta, ensure_ascii=True).encode("ascii") + b"\n")
                    fp.write(page.body)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError as err:
            self._broken = True
            log.warning("page cache %s is not writable (%s); going on without caching",
                        self.folder, err.strerror or err)
