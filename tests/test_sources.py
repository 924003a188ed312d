"""Finding and decoding input files: encodings, binary files, size limit, links, unreadable files."""
from __future__ import annotations

import codecs
import logging
import os
from pathlib import Path

import pytest

from pubexport.sources import InputError, binary_kind, decode, discover, load

CHINESE = "# 发表论文\n- 张伟, 李娜, 王芳. “基于深度学习的图像分割方法研究.” 计算机学报, 2021.\n- 欧阳娜娜 与 陈晓明. 图神经网络综述. 软件学报, 2019.\n"
WESTERN = "# Publications\n- José Müller, François Lefèvre and Conceição Araújo. “Größe matters” — In ICML, 2019.\n"
LATIN1 = "- Søren Kierkegård and Zoë Ångström. \"Façade design for øresund bridges.\" 2018.\n"


@pytest.mark.parametrize("text, encoding", [
    (WESTERN, "utf-8"),
    (WESTERN, "utf-8-sig"),
    (CHINESE, "utf-8-sig"),
    (WESTERN, "utf-16"),  # with BOM, little-endian here
    (CHINESE, "utf-16"),
    (WESTERN, "utf-16-be"),  # no BOM: told apart by the NUL in every other byte
    (WESTERN, "utf-16-le"),
    (CHINESE, "utf-32"),
    (CHINESE, "gb18030"),
    (WESTERN, "cp1252"),
    (LATIN1, "latin-1"),
])
def test_each_encoding_decodes_to_the_original_text(text, encoding):
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize("word", ["Müller", "Zoë", "Conceição", "Größe", "Ångström"])
def test_short_western_names_in_cp1252_are_not_taken_for_chinese(word):
    assert decode(f"- {word}, 2020\n".encode("cp1252")) == f"- {word}, 2020\n"


def test_bytes_undefined_in_cp1252_fall_back_to_latin1():
    data = "Søren Kierkegård\x81\n".encode("latin-1")
    assert decode(data) == "Søren Kierkegård\x81\n"


def test_crlf_and_cr_line_endings_read_like_lf():
    assert decode(b"one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"
    assert decode("a\r\nb".encode("utf-16")) == "a\nb"


def test_unicode_line_separators_become_lf_so_line_numbers_agree():
    assert decode("a\u2028b\x0cc".encode("utf-8")) == "a\nb\nc"


def test_a_few_nul_bytes_are_removed_with_a_warning_naming_the_line(caplog):
    data = b"line one\nline two\x00 has a NUL\n" + b"text " * 100
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        assert decode(data, name="p.txt").startswith("line one\nline two has a NUL\n")
    assert "p.txt:2: 1 NUL bytes removed" in caplog.text


def test_invalid_utf16_is_replaced_with_a_warning(caplog):
    data = codecs.BOM_UTF16_LE + "ok\nbad ".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        assert decode(data, name="p.txt") == "ok\nbad \ufffd"
    assert "p.txt:2:" in caplog.text


@pytest.mark.parametrize("head, what", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (b"GIF89a\x01\x00", "GIF"),
    (b"PK\x03\x04\x14\x00", "ZIP"),
    (b"\x1f\x8b\x08\x00", "gzip"),
    (b"%PDF-1.7\n", "PDF"),
    (b"\x7fELF\x02\x01", "executable"),
    (bytes(range(256)) * 4, "binary data"),
    (b"\x00\x01\x02\x03" * 100, "binary data"),
])
def test_binary_files_are_recognised_by_their_first_bytes(head, what):
    assert what in binary_kind(head)


@pytest.mark.parametrize("text", [WESTERN, CHINESE, "x" * 100_000, ""])
def test_text_is_not_taken_for_binary(text):
    for encoding in ("utf-8", "utf-16", "utf-16-le"):
        assert binary_kind(text.encode(encoding)[:8192]) is None


def test_binary_file_is_skipped_with_a_warning_naming_it(tmp_path, caplog):
    image = tmp_path / "photo.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(5000))
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        assert load(image) is None
    assert f"{image}: a JPEG image, not text; skipped" in caplog.text


def test_pdf_is_skipped_with_advice(tmp_path, caplog):
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        assert load(pdf) is None
    assert "cv.pdf: a PDF" in caplog.text and "pdftotext" in caplog.text


def test_file_over_the_size_limit_is_skipped_with_its_size(tmp_path, caplog):
    big = tmp_path / "dump.txt"
    big.write_bytes(b"word " * (3 * 2**20 // 5))
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        assert load(big, max_file_size=2 * 2**20) is None
        assert load(big, max_file_size=4 * 2**20) is not None
    assert "dump.txt: 3.0 MB is over the size limit of 2 MB (--max-file-size); skipped" in caplog.text


def test_very_long_line_is_read_whole(tmp_path):
    page = tmp_path / "one-line.html"
    line = "<li>" + "x" * 2_000_000 + "</li>"
    page.write_text(line, encoding="utf-8")
    doc = load(page)
    assert doc.text == line and doc.kind == "html"


def test_unreadable_file_is_skipped_with_a_warning(tmp_path, caplog, monkeypatch):
    page = tmp_path / "secret.md"
    page.write_text("hello", encoding="utf-8")
    real_open = open

    def deny(path, *args, **kwargs):  # chmod 000 does not stop root, who runs the tests
        if Path(path) == page:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        assert load(page) is None
    assert "secret.md: cannot read (Permission denied); skipped" in caplog.text


def test_file_that_vanished_after_listing_is_skipped(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        assert load(tmp_path / "gone.md") is None
    assert "gone.md: cannot read" in caplog.text


def test_walk_is_sorted_skips_hidden_and_excluded_files(tmp_path):
    for name in ["b.md", "a.md", ".hidden.md", ".git/config", "sub/c.md", "out.bib"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path], exclude=[tmp_path / "out.bib"])]
    assert found == ["a.md", "b.md", "sub/c.md"]


def test_symlink_loop_is_walked_once(tmp_path, caplog):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.md").write_text("x", encoding="utf-8")
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        found = list(discover([tmp_path]))
    assert found == [tmp_path / "sub" / "page.md"]
    assert "sub/up: links to a folder that is already read" in caplog.text


def test_link_to_a_file_is_read_once_and_broken_or_looping_links_warn(tmp_path, caplog):
    (tmp_path / "data").mkdir()
    real = tmp_path / "data" / "page.md"
    real.write_text("x", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "alias.md").symlink_to(real)
    (folder / "also.md").symlink_to(real)
    (folder / "broken.md").symlink_to(tmp_path / "nowhere")
    (folder / "self.md").symlink_to(folder / "self.md")
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        found = list(discover([folder]))
    assert found == [folder / "alias.md"]
    assert "broken.md: broken symbolic link" in caplog.text
    assert "self.md: symbolic link loop" in caplog.text


def test_fifo_in_a_folder_is_skipped_not_waited_on(tmp_path, caplog):
    os.mkfifo(tmp_path / "pipe.md")
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        assert list(discover([tmp_path])) == []
    assert "pipe.md: not a regular file" in caplog.text


def test_folder_named_like_a_file_is_walked(tmp_path):
    (tmp_path / "page.md").mkdir()
    (tmp_path / "page.md" / "inner.md").write_text("x", encoding="utf-8")
    assert list(discover([tmp_path])) == [tmp_path / "page.md" / "inner.md"]


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "no such file or folder"),
    (lambda p: p.symlink_to(p.parent / "nowhere"), "broken symbolic link"),
    (lambda p: p.symlink_to(p), "symbolic link loop"),
])
def test_unusable_path_on_the_command_line_is_an_input_error(tmp_path, make, message):
    path = tmp_path / "named"
    make(path)
    with pytest.raises(InputError, match=message):
        list(discover([path]))
