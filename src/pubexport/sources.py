"""Stage 1: find the input files and decode each into a Document."""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .models import Document

log = logging.getLogger("pubexport")

KIND_BY_SUFFIX = {
    ".md": "markdown", ".markdown": "markdown", ".rmd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".tex": "latex", ".ltx": "latex",
    ".bib": "bibtex", ".bibtex": "bibtex",
    ".json": "csljson", ".csljson": "csljson",
}


class InputError(Exception):
    """An input path that cannot be used at all (missing, not a file or folder)."""


def discover(paths: Iterable[str | os.PathLike], *, exclude: Iterable[str | os.PathLike] = ()) -> Iterator[Path]:
    """Yield the files named by ``paths``, walking folders recursively in a stable order.

    Hidden files and folders are skipped; ``exclude`` names files never to read (the output).
    """
    excluded = {_identity(Path(p)) for p in exclude}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            yield from _walk(path, excluded)
        elif _identity(path) not in excluded:
            yield path


def _walk(folder: Path, excluded: set) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if _identity(path) not in excluded:
                yield path


def _identity(path: Path):
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def kind_of(path: Path) -> str:
    return KIND_BY_SUFFIX.get(path.suffix.lower(), "text")


def decode(data: bytes) -> str:
    """Decode bytes whose encoding nobody told us: BOMs first, then UTF-8, then cp1252."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def load(path: Path, *, max_file_size: int | None = None) -> Document | None:
    """Read one file; on failure warn and return None so the rest of the run goes on."""
    try:
        data = path.read_bytes()
    except OSError as err:
        log.warning("%s: cannot read (%s); skipped", path, err.strerror or err)
        return None
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    return Document(path=str(path), text=text, kind=kind_of(path))
