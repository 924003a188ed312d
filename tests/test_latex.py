"""The fast LaTeX decoder reads the common forms exactly as pylatexenc does, hands everything else
to pylatexenc, and is the exact inverse of our escaper."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pubexport.latex import _LETTER_MACROS, _decode_common, _decoder, clean, escape, protect_title, to_text


def pylatexenc(value: str) -> str:
    """What to_text gave before the fast decoder: pylatexenc for every value with a backslash."""
    return clean(_decoder().latex_to_text(value).replace("\xa0", " "))


COMMON_FORMS = [
    r"\'e", r"\'{e}", r"{\'e}", r"{\'{e}}", r"\'\i", r"\'{\i}", r"\'\i n", r"\'\i{}", r'\"{\i}', r'{\"\i}',
    r"\^{\d{a}}", r"{\^{\d{a}}}", r"\'{\'e}", r"\v{\'e}", r"\c{\c{c}}", r"\v{S}", r"\c{c}", r"\k{a}", r"\r{a}",
    r"\H{o}", r"\b{b}", r"\u{a}", r"\=a", r"\.z", r"\.I", r"\~n", r"\^o", r"\`a", r"\'E", r"\'ex", r"\'e{}x",
    r"\ss", r"\ss{}", r"{\ss}", r"\ss b", r"a\ss  b", r"\ss	b", r"\o", r"{\o}ster", r"\o ster", r"\o{x}",
    r"\L{}ukasz", r"{\L}ukasz", r"\DJ", r"\dj{}", r"\i", r"\i{}", r"\ae{}x", r"\o\o", r"\ss\ss",
    r"\&", r"\%", r"\_", r"\$", r"\#", r"\{", r"\}", r"x\{y\}", r"\& b", r"\&\%",
    r"\textbackslash{}", r"\textbackslash x", r"\textbackslash", r"{\textbackslash}", r"\textbackslash{x}",
    r"\textbackslash{}\textbackslash{}", r"\textbraceleft{}", r"\textbraceright{}", r"\textasciitilde{}",
    r"\textasciicircum{}", r"\textendash{}", r"{\textquoteright}",
    r"a--b \'e", r"a---b \'e", r"a~b \'e", r"``q'' \'e", r"{Caps} \'e", r"{}\'e", r"a # b \'e", r"a ^ b \'e",
    r"a _ b \'e", "a\nb \\'e\n\nc", "a\xa0b \\'e", r"M{\"u}ller, J{\"o}rg", r"Garc\'{\i}a M\'arquez",
    r"{\DJ}{\u{\d{a}}}ng", r"Proceedings of the {IEEE} Conference \& More",
] + [f"\\{name}{{}}" for name in _LETTER_MACROS] + [f"{{\\{name}}}x" for name in _LETTER_MACROS]

FALLBACK_FORMS = [
    r"\c c", r"\" a", r"a & b \'e", r"100% x \'e", r"\'{}", r"\^{}", r"\'{ab}", r"\t{oo}", r"a\\b", r"\emph{x}",
    r"\'ı", r"\^{ạ}", r"\'", "a\\", r"\'1", r"\'{{e}}", r"\'\o", r"\S", r"$x_1$ \'e", "\\ss\nb", "\\'\\i \n",
    r"\url{a_b}", r"\Huge{x}", r"}{\'e", r"{\'e",
]


@pytest.mark.parametrize("value", COMMON_FORMS)
def test_common_forms_are_decoded_without_pylatexenc_and_as_it_decodes_them(value):
    decoded = _decode_common(value)
    assert decoded is not None
    assert clean(decoded.replace("\xa0", " ")) == pylatexenc(value)


@pytest.mark.parametrize("value", FALLBACK_FORMS)
def test_other_latex_is_left_to_pylatexenc(value):
    assert _decode_common(value) is None
    assert to_text(value) == pylatexenc(value)


def test_decoded_examples():
    assert to_text(r"M{\"u}ller and Garc\'{\i}a and {\DJ}{\^{\d{a}}}ng and Stra\ss{}e") == \
        "Müller and García and Đậng and Straße"
    assert to_text(r"{GNN}s for R\&D: 100\% of \textbackslash{}input") == r"GNNs for R&D: 100% of \input"


# Pieces of LaTeX as other tools and our escaper write it, in any order: whatever the fast decoder
# accepts, it reads as pylatexenc does.
PIECES = st.sampled_from([
    "a", "Z", "é", " ", "  ", "\n", "\t", "{", "}", "~", "-", "--", "'", "``", ",", ".", ":", "1", "#", "^", "_",
    "\\'", '\\"', "\\^", "\\`", "\\~", "\\=", "\\.", "\\c", "\\v", "\\u", "\\d", "\\r", "\\H", "\\k", "\\b",
    "\\i", "\\ss", "\\o", "\\L", "\\DJ", "\\textbackslash", "\\textendash", "{}", "\\&", "\\%", "\\_", "\\$",
    "\\#", "\\{", "\\}", "\\emph", "$", "%", "&", "\\\\", "\xa0",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_any_mix_of_common_pieces_decodes_as_pylatexenc_does(value):
    decoded = _decode_common(value)
    if decoded is not None:
        assert clean(decoded.replace("\xa0", " ")) == pylatexenc(value)


# Latin letters and signs; ± (written as math) and the soft hyphen (\-) are pylatexenc's to read.
LATIN = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x17F, blacklist_categories=("Cs", "Cc"),
                              blacklist_characters="±\xad"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(LATIN, st.booleans())
def test_our_escapes_of_latin_text_are_read_back_by_the_fast_decoder(text, ascii_only):
    text = clean(text)
    for written in (escape(text, ascii_only=ascii_only), protect_title(text, ascii_only=ascii_only)):
        if "\\" in written:
            assert _decode_common(written) is not None, written
        assert to_text(written) == text


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60), st.booleans())
def test_any_text_escaped_then_decoded_is_the_text(text, ascii_only):
    text = clean(text)
    assert to_text(escape(text, ascii_only=ascii_only)) == text
    assert to_text(protect_title(text, ascii_only=ascii_only)) == text
