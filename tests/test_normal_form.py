"""Text typed in decomposed form (a letter followed by a combining accent) is read as NFC, so the
stages compare, merge and write one character; --ascii writes every accent, combining marks on
letters Unicode has no single character for included, as a LaTeX command."""
from __future__ import annotations

from pubexport import pipeline
from pubexport.latex import escape, protect_title, to_text
from pubexport.sources import decode

DECOMPOSED = "Lic\u0301ina"  # c + COMBINING ACUTE ACCENT
COMPOSED = "Li\u0107ina"


def test_input_is_read_in_nfc():
    assert decode(f"- Ana {DECOMPOSED}\r\n".encode("utf-8")) == f"- Ana {COMPOSED}\n"
    assert decode(f"- Ana {DECOMPOSED}".encode("utf-16")) == f"- Ana {COMPOSED}"


def test_decomposed_and_composed_pages_merge_into_one_record_written_composed(tmp_path):
    entry = '- Ana {} and Bo Chen. "Counting Fictional Lighthouses from Space." In CVPR, 2022.\n'
    (tmp_path / "a.md").write_text("# Publications\n" + entry.format(DECOMPOSED), encoding="utf-8")
    (tmp_path / "b.md").write_text("# Publications\n" + entry.format(COMPOSED), encoding="utf-8")
    records = pipeline.merge(pipeline.read([str(tmp_path)]))
    assert [(r.authors[0].family, len(r.sources)) for r in records] == [(COMPOSED, 2)]


def test_ascii_writes_combining_marks_on_letters_as_accent_commands():
    assert escape("q\u0303uux", ascii_only=True) == r"{\~q}uux"  # no precomposed q with tilde
    # Yoruba o with dot below and grave, e with dot below and acute: nested accents, innermost first
    assert escape("Ad\u00e9b\u00e1y\u1ecd\u0300 F\u1ecdl\u00e1k\u1eb9\u0301", ascii_only=True) == \
        r"Ad{\'e}b{\'a}y{\`{\d{o}}} F{\d{o}}l{\'a}k{\'{\d{e}}}"
    assert escape("\u00f8\u0301", ascii_only=True) == r"{\'{\o}}"  # an accent on a letter macro
    assert protect_title("Names like Q\u0303uispe", ascii_only=True) == r"Names like {{\~Q}uispe}"  # a name in a sentence-case title


def test_ascii_keeps_a_mark_no_accent_command_reads_back_as_it_is():
    for text in ("x\u0305", "\u0301 alone", "a\u0361b"):  # overline, no base letter, a double tie
        written = escape(text, ascii_only=True)
        assert to_text(written) == text
        assert [c for c in written if not c.isascii()] == [c for c in text if not c.isascii()]
