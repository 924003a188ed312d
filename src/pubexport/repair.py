"""Undo mojibake in page text, keeping every line's original number; and the finder's ``Line``.

Mojibake (UTF-8 read as cp1252) is undone line by line with ftfy, and with a byte-level
fallback where ftfy gives up because some bytes were lost for good. Every page gets this before
its reader (``reading``) parses it.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
from ftfy.badness import is_bad


class Line(NamedTuple):
    number: int  # 1-based line number in the original file
    text: str


# -- mojibake -------------------------------------------------------------------------------

# A run of characters that cp1252 mojibake of UTF-8 is made of, starting with a lead byte.
MOJIBAKE_RUN = re.compile("[\u00c2-\u00f4][\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                          "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
                          "\u20ac\u2122]+")


MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                           "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def fix_mojibake(line: str) -> str:
    """Undo UTF-8-read-as-cp1252 in one line; bytes lost for good are dropped, never an error."""
    if line.isascii() or not MOJIBAKE_HINT.search(line) or not is_bad(line):
        return line
    fixed = ftfy.fix_text(line, unescape_html=False, fix_line_breaks=False, uncurl_quotes=False)
    if is_bad(fixed):
        fixed = MOJIBAKE_RUN.sub(_decode_run, fixed)
    return fixed


def _decode_run(match: re.Match) -> str:
    run = match.group(0)
    try:
        data = run.encode("sloppy-windows-1252")
    except UnicodeEncodeError:
        return run
    decoded = data.decode("utf-8", errors="replace")
    good = sum(1 for c in decoded if c != "\ufffd")
    # keep the run unless decoding restored real characters
    return decoded.replace("\ufffd", "") if good and len(decoded) < len(run) else run

