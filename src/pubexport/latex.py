"""Text <-> LaTeX for BibTeX fields: escaping, case protection, and decoding on input.

Text from pages is data, never TeX code: every character LaTeX, BibTeX or pandoc would read as
markup is written as an inert escape, and the braces we write always balance as BibTeX counts them
(BibTeX counts ``\\{`` as a brace too).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters LaTeX reads as markup. Braces are handled apart (see ``escape``). ``^`` also matters
# because TeX and pandoc read ``^^5c`` as a backslash.
_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BALANCED_BRACES = {"{": r"\{", "}": r"\}"}
# A lone brace cannot be written as \{ (BibTeX would count it); these commands hold no brace.
_LONE_BRACES = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
_TABLE_BALANCED = str.maketrans({**_SPECIALS, **_BALANCED_BRACES})
_TABLE_LONE = str.maketrans({**_SPECIALS, **_LONE_BRACES})
_NEEDS_ESCAPE_RE = re.compile(r"[\\{}&%$#_~^]")

# Control and format characters (zero-width spaces, BOMs, bidi marks) are invisible and make
# pdflatex stop; whitespace of any kind becomes one space.
_INVISIBLE_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACE_RE = re.compile(r"\s+")


_UNCLEAN_RE = re.compile(_INVISIBLE_RE.pattern + r"|[^\S ]|  ")


def clean(text: str) -> str:
    """NFC, no invisible characters, single spaces: what every written field starts from."""
    if not text:
        return ""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _UNCLEAN_RE.search(text):
        text = _SPACE_RE.sub(" ", _INVISIBLE_RE.sub("", text))
    return text.strip()


def _braces_balance(text: str) -> bool:
    if "{" not in text and "}" not in text:
        return True
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def escape(text: str, *, ascii_only: bool = False, balanced: bool | None = None) -> str:
    """Escape cleaned text for a BibTeX field so that LaTeX prints it exactly and runs nothing.

    Braces become ``\\{ \\}`` when they pair up in the whole field (``balanced``, computed from
    ``text`` unless given), else brace-free commands, so the field's braces always balance.
    """
    if not _NEEDS_ESCAPE_RE.search(text) and (not ascii_only or text.isascii()):
        return text
    if balanced is None:
        balanced = _braces_balance(text)
    escaped = text.translate(_TABLE_BALANCED if balanced else _TABLE_LONE)
    if ascii_only and not escaped.isascii():
        escaped = "".join(c if c.isascii() else _latex_for(c) for c in _CLUSTER_RE.findall(escaped))
    return escaped


# A character and the combining marks on it: a letter Unicode has no single character for (q with
# tilde, Yoruba o with dot below and grave) stays decomposed after NFC, and --ascii writes it as
# accent commands on the letter ({\\`{\\d{o}}}) rather than leave a bare mark LaTeX cannot read.
_MARKS = "\u0300-\u036f"
_CLUSTER_RE = re.compile(f"[^{_MARKS}][{_MARKS}]*|[{_MARKS}]+", re.DOTALL)


# Combining marks LaTeX has an accent command for; a letter with any of them is written as nested
# accents on the plain letter ({\\^{\\d{a}}} for ặ), which LaTeX, BibTeX, biber and Zotero all read.
_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=", "\u0306": "u",
    "\u0307": ".", "\u0308": '"', "\u030a": "r", "\u030b": "H", "\u030c": "v", "\u0323": "d",
    "\u0327": "c", "\u0328": "k", "\u0331": "b",
}


@lru_cache(maxsize=4096)
def _latex_for(cluster: str) -> str:
    """A LaTeX escape for one non-ASCII character, or one letter with combining marks, in BibTeX's
    special-character form ({\\'e}); what no escape reads back as exactly stays as it is."""
    decomposed = unicodedata.normalize("NFD", cluster)
    base, marks = decomposed[0], decomposed[1:]
    letter = base if base.isascii() else _BASE_LETTERS.get(base, "")
    if letter.isascii() and base.isalpha() and marks and all(m in _ACCENTS for m in marks):
        for mark in marks:
            command = _ACCENTS[mark]
            letter = f"\\{command}{{{letter}}}" if command.isalpha() or len(letter) > 1 else f"\\{command}{letter}"
        written = "{" + letter + "}"
        if to_text(written) == unicodedata.normalize("NFC", cluster):
            return written
    if len(cluster) > 1:  # a mark on something no accent command takes: each character alone
        return "".join(_latex_for(c) for c in cluster)
    escaped = _encoder().unicode_to_latex(cluster)
    # an approximation (Ŧ as T-macron) would change the text: such a character stays as it is
    return escaped if to_text(escaped) == cluster else cluster


@lru_cache(maxsize=1)
def _encoder():
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    # Characters without a LaTeX name (CJK, emoji) stay as they are: folding them would lose them.
    return UnicodeToLatexEncoder(non_ascii_only=True, replacement_latex_protection="braces-all",
                                 unknown_char_policy="keep", unknown_char_warning=False)


# --- case protection --------------------------------------------------------------------------

_WORD_RE = re.compile(r"\S+")
_CORE_RE = re.compile(r"[^\W_](?:\S*[^\W_])?[\u0300-\u036f]*")  # first to last letter or digit, and its marks
_PART_SPLIT_RE = re.compile(r"([-/])")
_MINOR_WORDS = frozenset(
    "a an the and or but nor for of on in at to by with from into onto over via vs versus as per "
    "up out off than that this these those its is are be".split())


def _needs_protection(part: str) -> bool:
    """Acronyms and mixed-case names (CVPR, StyleT2I, GNNs, iPhone, 3D): a capital after the first
    letter or digit, which a sentence-case style would otherwise lower."""
    rest = part[1:]
    return rest != rest.lower()


_PUNCTUATION = "\"'()[]{}<>.,:;!?*+-/\\|`~^&%$#_=@"


def _is_sentence_case(tokens: list[str]) -> bool:
    """True when the title is written in sentence case, so a capital inside it marks a name."""
    words = [t.strip(_PUNCTUATION) for t in tokens[1:]]
    content = [w for w in words if len(w) >= 4 and w[0].isalpha() and w.lower() not in _MINOR_WORDS]
    if not content:
        return False
    lower = sum(1 for w in content if w[0].islower())
    return lower * 3 >= len(content)


def protect_title(text: str, *, ascii_only: bool = False) -> str:
    """Escape a title and brace the words whose capitals must survive a BibTeX style's lower-casing.

    Braces go around single words (or parts of hyphenated words), never around the whole title, so
    styles can still set sentence case. In a sentence-case title a capitalised word after the first
    is a proper name and is protected too.
    """
    if _NEEDS_ESCAPE_RE.search(text) or (ascii_only and not text.isascii()):
        braces = "balanced" if _braces_balance(text) else "lone"
    else:
        braces = ""  # nothing to escape
    tokens = _WORD_RE.findall(text)
    sentence_case = _is_sentence_case(tokens)
    out = []
    after_colon = True  # BibTeX keeps the first letter of a title and of each part after a colon
    for token in tokens:
        written, ends_part = _protect_token(token, sentence_case and not after_colon, braces, ascii_only)
        out.append(written)
        if ends_part is not None:
            after_colon = ends_part
    return " ".join(out)


@lru_cache(maxsize=65536)
def _protect_token(token: str, protect_names: bool, braces: str, ascii_only: bool) -> tuple[str, bool | None]:
    """One word of a title, escaped and protected; and whether it ends a part of the title (a colon
    after it), or None when it holds no letter or digit. Cached: title words repeat."""
    def esc(value: str) -> str:
        return escape(value, ascii_only=ascii_only, balanced=braces == "balanced") if braces else value

    core_match = _CORE_RE.search(token)
    if core_match is None:
        return esc(token), None
    core = core_match.group()
    pieces = [esc(token[:core_match.start()])]
    for part in _PART_SPLIT_RE.split(core) if ("-" in core or "/" in core) else (core,):
        # a part holding a brace is never wrapped: its escape could pair with our brace
        protect = part[:1].isalnum() and "{" not in part and "}" not in part and (
            _needs_protection(part) or (protect_names and part[0].isupper() and len(part) > 1))
        pieces.append("{" + esc(part) + "}" if protect else esc(part))
    trail = token[core_match.end():]
    pieces.append(esc(trail))
    return "".join(pieces), trail.endswith((":", "?", "!", "."))


# --- verbatim fields --------------------------------------------------------------------------

_VERBATIM_UNSAFE_RE = re.compile(r"[{}\\\s]")


def verbatim(value: str) -> str:
    """A url or doi as written, except the few characters that would break the entry (braces,
    backslash, whitespace), which are percent-encoded as a URL would carry them."""
    return _VERBATIM_UNSAFE_RE.sub(lambda m: "%{:02X}".format(ord(m.group())), value.strip())


# --- reading ----------------------------------------------------------------------------------

_NEEDS_DECODING_RE = re.compile(r"[\\{}$~]")
_PERCENT_RE = re.compile(r"%([0-9A-Fa-f]{2})")


def unverbatim(value: str) -> str:
    """Undo ``verbatim`` for the characters it encodes (other percent escapes stay)."""
    def back(m: re.Match) -> str:
        char = chr(int(m.group(1), 16))
        return char if _VERBATIM_UNSAFE_RE.fullmatch(char) and not char.isspace() else m.group()

    return _PERCENT_RE.sub(back, value.strip())


def to_text(value: str) -> str:
    """Decode a BibTeX field value (LaTeX) to plain Unicode text; case-protecting braces go."""
    if not _NEEDS_DECODING_RE.search(value):
        return clean(value)
    if "\\" not in value and "$" not in value:
        return clean(value.replace("{", "").replace("}", "").replace("~", " "))
    decoded = _decode_common(value)
    if decoded is None:
        decoded = _decoder().latex_to_text(value)
    return clean(decoded.replace("\xa0", " "))


# --- the fast decoder -------------------------------------------------------------------------
# pylatexenc reads any LaTeX but costs about a millisecond per field. The forms below are all our
# escaper writes and nearly all other tools export ({\"u}, \'{e}, \ss{}, \&, {Caps}); they are
# decoded here exactly as pylatexenc decodes them (tests/test_latex.py pins that), and a value
# holding anything else (another macro, math, a comment, \\) goes to pylatexenc whole.

_ACCENT_MARKS = {command: mark for mark, command in _ACCENTS.items()}
# Macros without argument that stand for one character (pylatexenc's reading of each).
_LETTER_MACROS = {
    "ss": "ß", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "ae": "æ", "AE": "Æ",
    "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "dj": "đ", "DJ": "Đ", "dh": "ð", "DH": "Ð", "th": "þ",
    "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
    "textbackslash": "\\", "textbraceleft": "{", "textbraceright": "}", "textasciicircum": "^",
    "textasciitilde": "~", "textendash": "–", "textemdash": "—", "textquoteleft": "‘",
    "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”", "textellipsis": "…",
    "texteuro": "€", "textsterling": "£", "textcopyright": "©", "textregistered": "®",
    "textdegree": "°", "texttimes": "×", "textdiv": "÷", "textmu": "µ", "textsection": "§",
    "textparagraph": "¶", "textquestiondown": "¿", "textexclamdown": "¡", "guillemotleft": "«",
    "guillemotright": "»", "textbullet": "•", "texttrademark": "™", "textdagger": "†",
    "textdaggerdbl": "‡", "textcent": "¢", "textcurrency": "¤", "textyen": "¥", "textbrokenbar": "¦",
    "textasciidieresis": "¨", "textordfeminine": "ª", "textlnot": "¬", "textasciimacron": "¯",
    "texttwosuperior": "²", "textthreesuperior": "³", "textasciiacute": "´", "textonesuperior": "¹",
    "textordmasculine": "º", "textonequarter": "¼", "textonehalf": "½", "textthreequarters": "¾",
    "IJ": "Ĳ", "ij": "ĳ", "textflorin": "ƒ",
}
# Letters that are macros themselves (ı, ø), for a combining mark on them: {\\'{\\o}}.
_BASE_LETTERS = {letter: "\\" + macro for macro, letter in _LETTER_MACROS.items()
                 if len(letter) == 1 and letter.isalpha() and len(macro) <= 2}
_SYMBOL_ACCENT = r"\\[`'^\"~=.]"
_LETTER_ACCENT = r"\\[uvHcdbkr](?=\{)"
_ACCENT_BASE = r"(?:[A-Za-z]|\\i(?!\w)(?:\{\}|[ \t]*(?!\s)))"
_BRACED_BASE = r"\{(?:[A-Za-z]|\\i)\}"
_ONE_ACCENT = rf"(?:{_SYMBOL_ACCENT}(?:{_ACCENT_BASE}|{_BRACED_BASE})|{_LETTER_ACCENT}{_BRACED_BASE})"
_LATEX_TOKEN_RE = re.compile(
    rf"(?P<accent>(?:{_SYMBOL_ACCENT}|{_LETTER_ACCENT})\{{{_ONE_ACCENT}\}}|{_ONE_ACCENT})"  # \^{\d{a}}, \'e
    r"|\\(?P<special>[&%$#_{}])"  # \&
    r"|\\(?P<macro>[A-Za-z]+)(?!\w)(?:\{\}|[ \t]*(?!\s))"  # \ss{}, \textbackslash{}: a control word eats spaces
    r"|(?P<brace>[{}])|(?P<tilde>~)"
    r"|(?P<other>[\\$%&])")  # another command, math, a comment, an alignment: pylatexenc's


def _decode_accent(written: str) -> str:
    """'\\^{\\d{a}}' -> 'a' + dot below + circumflex (clean composes it); innermost accent first."""
    written = written.replace("{", "").replace("}", "").rstrip(" \t")
    base, written = ("i", written[:-2]) if written.endswith("\\i") else (written[-1], written[:-1])
    return base + "".join(_ACCENT_MARKS[c] for c in reversed(written.split("\\")[1:]))


def _decode_common(value: str) -> str | None:
    """``value`` decoded when it holds only the common forms (see above), else None."""
    out, pos, depth = [], 0, 0
    for m in _LATEX_TOKEN_RE.finditer(value):
        out.append(value[pos:m.start()])
        pos = m.end()
        kind = m.lastgroup
        if kind == "accent":
            out.append(_decode_accent(m.group()))
        elif kind == "special":
            out.append(m.group("special"))
        elif kind == "macro":
            letter = _LETTER_MACROS.get(m.group("macro"))
            if letter is None:
                return None
            out.append(letter)
        elif kind == "brace":
            depth += 1 if m.group() == "{" else -1
            if depth < 0:
                return None
        elif kind == "tilde":
            out.append(" ")
        else:
            return None
    if depth:
        return None
    out.append(value[pos:])
    return "".join(out)


@lru_cache(maxsize=1)
def _decoder():
    from pylatexenc.latex2text import (LatexNodes2Text, MacroTextSpec, SpecialsTextSpec,
                                       get_default_latex_context_db)

    # No ligatures (-- ``): text without markup reads back exactly as written, as on the fast path.
    db = get_default_latex_context_db().filter_context(exclude_categories=["nonascii-specials"])
    db.add_context_category("pubexport-escapes", prepend=True, macros=[
        MacroTextSpec("textbraceleft", "{"),
        MacroTextSpec("textbraceright", "}"),
        MacroTextSpec("textasciicircum", "^"),
        MacroTextSpec("textasciitilde", "~"),
        MacroTextSpec("textbackslash", "\\"),
    ], specials=[SpecialsTextSpec("~", " ")])
    return LatexNodes2Text(latex_context=db, math_mode="verbatim", strict_latex_spaces=True)
