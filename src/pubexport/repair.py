"""Repair page text before anything reads it, keeping every line's original number.

Mojibake (UTF-8 read as cp1252) is undone line by line with ftfy, and with a byte-level
fallback where ftfy gives up because some bytes were lost for good. HTML markup is rewritten into
one light markdown form the finder and parser read: ``**bold**``, ``*italic*``, ``[text](url)``,
``# heading``, ``- item``. YAML front matter is blanked, not deleted. (LaTeX, org-mode, rst, jemdoc
and plain text are read by their readers in ``reading``.)

HTML and markdown pages are read by their own parsers (``reading.html``, ``reading.markdown``);
this rewriting serves the kinds without a reader yet, whose lines may still hold inline HTML
(a plain-text export of a markdown page with ``<a href>`` and ``<sup>`` in it).

``repair`` returns ``Line``s: a tag such as ``<br>`` or ``<li>`` may split one original line
into several logical lines, each keeping the original line number for provenance.
"""
from __future__ import annotations

import html
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


# -- HTML -----------------------------------------------------------------------------------

HTML_HINT = re.compile(r"<[a-zA-Z/!]|&[#a-zA-Z]")
# The text inside one inline element: at most a few thousand characters, so that unclosed tags on a
# minified page of one huge line cost a bounded look-ahead each instead of a scan to the line's end.
INLINE = r"(.{0,4000}?)"
ANCHOR = re.compile(r"<a\s[^>]*?href\s*=\s*[\"']?([^\"' >]+)[\"']?[^>]*>" + INLINE + r"</a\s*>", re.I | re.S)
BOLD_TAG = re.compile(r"<(b|strong)(?:\s[^>]*)?>" + INLINE + r"</\1\s*>", re.I | re.S)
ITALIC_TAG = re.compile(r"<(i|em|cite)(?:\s[^>]*)?>" + INLINE + r"</\1\s*>", re.I | re.S)
HEADING_TAG = re.compile(r"<h([1-6])(?:\s[^>]*)?>" + INLINE + r"</h\1\s*>", re.I | re.S)
LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
BLOCK_TAG = re.compile(r"</?(?:p|div|tr|table|ul|ol|dl|section|article|header|footer|main|body|html)(?:\s[^>]*)?>"
                       r"|</li\s*>|</d[td]\s*>", re.I)
UNDERLINE_TAG = re.compile(r"(\*\*)?\s*<u(?:\s[^>]*)?>" + INLINE + r"</u\s*>\s*(\*\*)?", re.I | re.S)
ITEM_TAG = re.compile(r"<(?:li|dt|dd)(?:\s[^>]*)?>", re.I)
SUP_TAG = re.compile(r"<sup(?:\s[^>]*)?>" + INLINE + r"</sup\s*>", re.I | re.S)
ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")
AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200b\u3000]+")
SPLIT_MARK = "\x00"  # where one original line splits into logical lines
PARAGRAPH_MARK = "\x01"  # where it splits and a blank logical line separates the parts


def html_to_markdown(text: str) -> str:
    """Rewrite the HTML of one line (or a run of lines) into the light markdown form."""
    lower = text.lower()
    if "<!--" in text:
        text = _drop_comments(text)
    if "<http" in lower or "<mailto" in lower:
        text = AUTOLINK.sub(r"\1", text)
    if "<h" in lower:
        text = HEADING_TAG.sub(lambda m: f"{SPLIT_MARK}{'#' * int(m.group(1))} {m.group(2)}{SPLIT_MARK}", text)
    if "<a" in lower:
        text = ANCHOR.sub(lambda m: f"[{m.group(2).strip()}]({m.group(1)})", text)
    if "<b" in lower or "<strong" in lower:
        text = BOLD_TAG.sub(lambda m: f"**{m.group(2).strip()}**" if m.group(2).strip() else " ", text)
    if "<i" in lower or "<em" in lower or "<cite" in lower:
        text = ITALIC_TAG.sub(lambda m: f"*{m.group(2).strip()}*" if m.group(2).strip() else " ", text)
    if "<u" in lower:
        text = UNDERLINE_TAG.sub(lambda m: f"**{m.group(2).strip()}**", text)  # underline marks the owner like bold
    if "<sup" in lower:
        text = SUP_TAG.sub(r"\1", text)
    if "<li" in lower or "<d" in lower:
        text = ITEM_TAG.sub(f"{PARAGRAPH_MARK}- ", text)
    if "<br" in lower:
        text = LINE_BREAK_TAG.sub(SPLIT_MARK, text)
    if "<" in text:
        text = BLOCK_TAG.sub(PARAGRAPH_MARK, text)
        text = ANY_TAG.sub("", text)
    return html.unescape(text) if "&" in text else text


def _drop_comments(text: str) -> str:
    """``<!-- ... -->`` becomes a space; an unclosed comment stays (no scan past it again)."""
    parts: list[str] = []
    position = 0
    while True:
        start = text.find("<!--", position)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            break
        parts += [text[position:start], " "]
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


# -- markdown -------------------------------------------------------------------------------

MD_ESCAPE = re.compile(r"\\([\\`_{}\[\]()#+\-.!|~>])")
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)\s*$")


def _blank_front_matter(lines: list[str]) -> None:
    """YAML front matter (``---`` ... ``---`` at the top) is page settings, not content."""
    if not lines or lines[0].strip() != "---":
        return
    for end in range(1, min(len(lines), 200)):
        if FRONT_MATTER_END.match(lines[end]):
            for i in range(end + 1):
                lines[i] = ""
            return


def repair(text: str, kind: str = "text") -> list[Line]:
    """The page as logical lines of light markdown, each with its original line number."""
    raw = text.split("\n")
    _blank_front_matter(raw)
    out: list[Line] = []
    for number, line in enumerate(raw, start=1):
        if not line.isascii():
            line = fix_mojibake(line)
        if "<" in line or "&" in line:
            if HTML_HINT.search(line):
                line = html_to_markdown(line)
        if "\\" in line:
            line = MD_ESCAPE.sub(r"\1", line).replace("\\*", "*")
        if "![" in line:
            line = MD_IMAGE.sub(" ", line)
        if SPLIT_MARK not in line and PARAGRAPH_MARK not in line:
            if "  " in line or "\t" in line or not line.isascii():
                line = SPACES.sub(" ", line)
            out.append(Line(number, line.rstrip()))
            continue
        for paragraph_number, paragraph in enumerate(line.split(PARAGRAPH_MARK)):
            if paragraph_number and out and out[-1].text:
                out.append(Line(number, ""))
            for part in paragraph.split(SPLIT_MARK):
                part = SPACES.sub(" ", part).rstrip()
                if part.strip():
                    out.append(Line(number, part))
    return out
