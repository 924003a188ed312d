"""Tokens of an entry's light markdown: words and punctuation, each with the markup it sits in.

The markup marks (``**``, ``*``/``_``, ``[text](url)``) are read and dropped; what remains is the
entry's plain text, and every token knows its span there, so that field values found in the plain
text (training) and labels decoded on tokens (parsing) meet on the same offsets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

LINK = re.compile(r"\[([^\[\]]*)\]\(\s*([^()\s]+(?:\([^()\s]*\)[^()\s]*)*)\s*\)")
BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"]+")
# a word (with inner hyphens, apostrophes, dots: ``J.-P.``, ``O'Neil``, ``10.1145/3.4``), or one mark
WORD = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"]+|\w+(?:[-'’./:]\w+)*\.?|[^\w\s]")
QUOTES_OPEN = "\"“„«「『《"
QUOTES_CLOSE = "\"”»」』》"


@dataclass
class Token:
    text: str
    start: int  # span in the plain text
    end: int
    line: int  # index of the entry's line
    bold: bool = False
    italic: bool = False
    link: bool = False
    href: str = ""
    quoted: bool = False


@dataclass
class _Run:
    """A stretch of plain text with one markup."""

    text: str
    bold: bool
    italic: bool
    href: str | None


def _runs(line: str) -> list[_Run]:
    """The line cut at markup marks; links first, then emphasis toggled by ``**`` and ``*``/``_``."""
    runs: list[_Run] = []
    bold = italic = False
    pos = 0
    pieces: list[tuple[str, str | None]] = []
    for match in LINK.finditer(line):
        pieces.append((line[pos:match.start()], None))
        pieces.append((match.group(1), match.group(2)))
        pos = match.end()
    pieces.append((line[pos:], None))
    for piece, href in pieces:
        if "*" not in piece and "_" not in piece:  # no emphasis mark: the piece is one run
            if piece or href is not None:
                runs.append(_Run(piece, bold, italic, href))
            continue
        buffer = []
        i = 0
        while i < len(piece):
            if piece.startswith("**", i) or piece.startswith("__", i):
                if buffer:
                    runs.append(_Run("".join(buffer), bold, italic, href))
                    buffer = []
                bold = not bold
                i += 2
                continue
            char = piece[i]
            if char in "*_" and _emphasis_mark(piece, i):
                if buffer:
                    runs.append(_Run("".join(buffer), bold, italic, href))
                    buffer = []
                italic = not italic
                i += 1
                continue
            buffer.append(char)
            i += 1
        if buffer or href is not None:
            runs.append(_Run("".join(buffer), bold, italic, href))
    return runs


def _emphasis_mark(text: str, i: int) -> bool:
    """A single ``*`` or ``_`` opening or closing emphasis, not one inside a word (``snake_case``)."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "_" and before.isalnum() and after.isalnum():
        return False
    return not (before.isalnum() and after.isalnum()) and not (before.isspace() and after.isspace())


def tokenise(text: str) -> tuple[list[Token], str]:
    """(tokens, plain text) of an entry; one line of the entry is one line of the plain text."""
    tokens: list[Token] = []
    plain_parts: list[str] = []
    offset = 0
    for line_index, line in enumerate(text.split("\n")):
        if line_index:
            plain_parts.append("\n")
            offset += 1
        quoted = False
        for run in _runs(line):
            if run.href is not None and not run.text.strip():
                run.text = run.href  # an empty link text: the address is what there is
            for match in WORD.finditer(run.text):
                word = match.group(0)
                if word[0] in QUOTES_OPEN and not quoted:
                    quoted = True
                    continue_quote = False
                elif word[0] in QUOTES_CLOSE and quoted:
                    quoted = False
                    continue_quote = True
                else:
                    continue_quote = quoted
                tokens.append(Token(word, offset + match.start(), offset + match.end(), line_index,
                                    bold=run.bold, italic=run.italic, link=run.href is not None,
                                    href=run.href or "", quoted=continue_quote))
            plain_parts.append(run.text)
            offset += len(run.text)
    return tokens, "".join(plain_parts)
