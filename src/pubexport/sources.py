"""Stage 1: find the input files and decode each into a Document.

Users point the tool at whatever folder they have, so this stage expects the worst: images and
archives, PDFs, files in legacy encodings, stray NUL bytes, huge dumps, symlink loops, files that
vanish or cannot be opened. Each such file is skipped with a warning naming it (logger
``pubexport``) and the run goes on; only a path given on the command line that cannot be used at
all raises ``InputError``.
"""
from __future__ import annotations

import codecs
import errno
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from .models import Document

log = logging.getLogger("pubexport")

KIND_BY_SUFFIX = {
    ".md": "markdown", ".markdown": "markdown", ".rmd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".qmd": "markdown", ".mdx": "markdown",
    ".tex": "latex", ".ltx": "latex",
    ".org": "org", ".rst": "rst", ".rest": "rst", ".jemdoc": "jemdoc",
    ".bib": "bibtex", ".bibtex": "bibtex",
    ".json": "csljson", ".csljson": "csljson",
}

SNIFF_BYTES = 8192  # how much of a file decides whether it is text and how it is encoded

# Signatures of the binary files found in real folders; the first match names the file in the warning.
MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"), (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"), (b"BZh", "a bzip2 archive"), (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x7fELF", "an executable"), (b"\xcf\xfa\xed\xfe", "an executable"), (b"\xfe\xed\xfa\xcf", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00\x00\x01\x00", "an icon"), (b"wOFF", "a font"), (b"wOF2", "a font"),
    (b"OggS", "an audio or video file"), (b"ID3", "an MP3 file"), (b"fLaC", "an audio file"),
    (b"\x1aE\xdf\xa3", "a video file"),
)

BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 control bytes that do not occur in text (everything below 0x20 except \t \n \v \f \r and ESC).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# Punctuation that cp1252 text has between ASCII letters: quotes, dashes, ellipsis, bullets, signs.
# (C1 controls count too: latin-1 text may carry one where cp1252 has a letter.)
_LATIN_PUNCTUATION = set("‘’‚“”„–—…•€£§©®°·«»\xa0")
# The other line breaks str.splitlines() knows (CR and CRLF go first), so that line numbers agree
# whichever way a stage splits the text.
_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class InputError(Exception):
    """An input path that cannot be used at all (missing, a broken link, not a file or folder)."""


def discover(paths: Iterable[str | os.PathLike], *, exclude: Iterable[str | os.PathLike] = ()) -> Iterator[Path]:
    """Yield the files named by ``paths``, walking folders recursively in a stable order.

    Hidden files and folders are skipped, and so are the files named in ``exclude`` (the output).
    Links are followed, but a folder is walked once only, which ends symlink loops; broken links,
    loops and special files (FIFOs, sockets, devices) met in a folder are skipped with a warning.
    A file reached twice (through a link) is yielded once.
    """
    excluded = {key for key in map(_file_key, exclude) if key is not None}
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        info = _stat_named(path)
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, info, excluded, seen_files, seen_dirs)
        elif _new_file(info, excluded, seen_files):
            yield path


def _stat_named(path: Path) -> os.stat_result:
    """Stat a path given by the user, turning every way it can be unusable into an InputError."""
    try:
        return path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{path}: broken symbolic link") from None
        raise InputError(f"{path}: no such file or folder") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise InputError(f"{path}: symbolic link loop") from None
        raise InputError(f"{path}: cannot open ({err.strerror or err})") from None


def _walk(top: Path, top_info: os.stat_result, excluded: set, seen_files: set, seen_dirs: set) -> Iterator[Path]:
    """Depth-first walk: a folder's files in name order, then its sub-folders in name order."""
    stack = [(top, top_info)]
    while stack:
        folder, info = stack.pop()
        if (info.st_dev, info.st_ino) in seen_dirs:
            log.warning("%s: links to a folder that is already read (a symbolic link loop?); skipped", folder)
            continue
        seen_dirs.add((info.st_dev, info.st_ino))
        try:
            with os.scandir(folder) as it:
                names = sorted(e.name for e in it if not e.name.startswith("."))
        except OSError as err:
            log.warning("%s: cannot list folder (%s); skipped", folder, err.strerror or err)
            continue
        subfolders = []
        for name in names:
            path = folder / name
            try:
                entry_info = path.stat()
            except OSError as err:
                _warn_unstattable(path, err)
                continue
            if stat.S_ISDIR(entry_info.st_mode):
                subfolders.append((path, entry_info))
            elif not stat.S_ISREG(entry_info.st_mode):
                log.warning("%s: not a regular file (a FIFO, socket or device); skipped", path)
            elif _new_file(entry_info, excluded, seen_files):
                yield path
        stack.extend(reversed(subfolders))


def _warn_unstattable(path: Path, err: OSError) -> None:
    if err.errno == errno.ELOOP:
        log.warning("%s: symbolic link loop; skipped", path)
    elif isinstance(err, FileNotFoundError) and path.is_symlink():
        log.warning("%s: broken symbolic link (to %s); skipped", path, os.readlink(path))
    else:
        log.warning("%s: cannot open (%s); skipped", path, err.strerror or err)


def _new_file(info: os.stat_result, excluded: set, seen_files: set) -> bool:
    key = (info.st_dev, info.st_ino)
    if key in excluded or key in seen_files:
        return False
    seen_files.add(key)
    return True


def _file_key(path: str | os.PathLike) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def kind_of(path: Path) -> str:
    return KIND_BY_SUFFIX.get(path.suffix.lower(), "text")


def load(path: Path, *, max_file_size: int | None = None) -> Document | None:
    """Read and decode one file; when it is not usable text, warn and return None."""
    try:
        with open(path, "rb") as fp:
            head = fp.read(SNIFF_BYTES)
            what = binary_kind(head)
            if what:
                warn_binary(path, what)
                return None
            size = os.fstat(fp.fileno()).st_size
            if max_file_size is not None and size > max_file_size:
                warn_too_large(path, size, max_file_size)
                return None
            rest = fp.read() if max_file_size is None else fp.read(max_file_size + 1 - len(head))
    except OSError as err:
        log.warning("%s: cannot read (%s); skipped", path, err.strerror or err)
        return None
    data = head + rest if rest else head
    del head, rest
    if max_file_size is not None and len(data) > max_file_size:  # a FIFO or a file that grew
        warn_too_large(path, len(data), max_file_size)
        return None
    text = decode(data, name=str(path))
    del data
    return Document(path=str(path), text=text, kind=kind_of(path))


def warn_binary(path: Path | str, what: str) -> None:
    if what == "a PDF":
        log.warning("%s: a PDF; PDFs are not read: convert it to text first "
                    "(e.g. `pdftotext -layout`) and give that file instead; skipped", path)
    else:
        log.warning("%s: %s, not text; skipped", path, what)


def warn_too_large(path: Path | str, size: int, limit: int) -> None:
    log.warning("%s: %.1f MB is over the size limit of %s MB (--max-file-size); skipped",
                path, size / 2**20, f"{limit / 2**20:g}")


def binary_kind(head: bytes) -> str | None:
    """Name the kind of binary file whose first bytes are ``head``, or None if it may be text."""
    for magic, what in MAGIC:
        if head.startswith(magic):
            return what
    if head[4:8] == b"ftyp":
        return "an audio or video file"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "an image, audio or video file"
    if head and not (_bom_encoding(head) or _utf16_by_nul_pattern(head)) and (
            len(head) - len(head.translate(None, _CONTROL_BYTES)) > len(head) / 20):
        return "binary data (many NUL or control bytes)"
    return None


def decode(data: bytes, *, name: str = "<bytes>", encoding: str | None = None) -> str:
    """Decode bytes whose encoding nobody told us (check ``binary_kind`` first).

    Order: a byte-order mark (UTF-8, UTF-16, UTF-32) -> UTF-16 without a mark when every other
    byte is NUL -> strict UTF-8 -> GB18030 when the non-ASCII bytes read as Chinese -> cp1252 ->
    latin-1. Every line break (CRLF, CR, ...) becomes LF and stray NULs are removed. ``name`` is
    used in warnings. ``encoding``, when the bytes came with one that was checked (a web page's
    charset), is used after a byte-order mark; bytes it cannot decode become U+FFFD.
    """
    encoding = _bom_encoding(data) or encoding or _utf16_by_nul_pattern(data[:SNIFF_BYTES])
    if encoding is not None:
        text = _decode_unicode(data, encoding, name)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data)
            log.info("%s: not UTF-8; read as %s", name, encoding)
    return _normalise(text, name)


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _utf16_by_nul_pattern(sample: bytes) -> str | None:
    """UTF-16 without a BOM: text in Latin script has a NUL in every other byte."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 and odd_nuls < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    text = sample[:len(sample) // 2 * 2].decode(encoding, errors="replace")
    controls = sum(1 for c in text if c < " " and c not in "\t\n\r\x0b\x0c\x1b")
    return encoding if controls <= len(text) / 20 else None  # a NUL pattern in binary data


def _decode_unicode(data: bytes, encoding: str, name: str) -> str:
    """Decode UTF-8/16/32; damaged sequences become U+FFFD with a warning giving the line."""
    text = data.decode(encoding, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\ufffd" in text:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            line = text.count("\n", 0, text.index("\ufffd")) + 1
            log.warning("%s:%d: bytes that are not valid %s replaced by U+FFFD", name, line, encoding)
    return text


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Bytes that are not UTF-8: GB18030 if they read as Chinese, else cp1252, else latin-1."""
    try:
        western = data.decode("cp1252")
        western_encoding = "cp1252"
    except UnicodeDecodeError:  # 0x81 0x8D 0x8F 0x90 0x9D are undefined in cp1252
        western, western_encoding = data.decode("latin-1"), "latin-1"
    if not _reads_as_latin(western):
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    return western, western_encoding


def _reads_as_latin(text: str) -> bool:
    """Whether the non-ASCII characters look like accented letters inside European words.

    In Western text they stand alone or in pairs within words ("José", "Conceição") or are
    typographic punctuation; Chinese text read as cp1252 gives long runs of symbols and letters.
    """
    plausible = total = 0
    for run in _NON_ASCII_RUN.finditer(text):
        chars = run.group()
        total += len(chars)
        if len(chars) <= 3 and all(c.isalpha() or c in _LATIN_PUNCTUATION or "\x80" <= c <= "\x9f"
                                   for c in chars):
            plausible += len(chars)
    return plausible * 2 >= total


def _normalise(text: str, name: str) -> str:
    """LF line breaks, no NULs, and NFC: a letter typed as letter + combining accent (c + U+0301)
    becomes the one character (ć) every later stage compares, folds and writes."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _LINE_BREAKS.search(text):
        text = _LINE_BREAKS.sub("\n", text)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        log.warning("%s:%d: %d NUL bytes removed", name, line, text.count("\x00"))
        text = text.replace("\x00", "")
    return text
