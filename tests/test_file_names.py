"""File names the CLI meets: input names that are not valid UTF-8 reach every output escaped, and an
output name whose extension names no format is refused unless --format says what to write."""
from __future__ import annotations

import csv
import json
import os
import sys

import pytest
from click.testing import CliRunner

from pubexport.cli import EXIT_USAGE, main
from pubexport.models import Source, printable_path

PAGE = '''# Publications
- Ana Lima and Bo Chen. "Counting Fictional Lighthouses from Space." In CVPR, 2022.
'''

needs_byte_names = pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                                      reason="the file system takes only valid Unicode names")


def run(*args):
    return CliRunner().invoke(main, list(args))


def byte_named_pages(tmp_path) -> str:
    """A folder with the same paper on two pages named in latin-1 bytes (caf\\xe9.md, na\\xefve.md)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (b"caf\xe9.md", b"na\xefve.md"):
        with open(os.path.join(os.fsencode(folder), name), "w", encoding="utf-8") as fp:
            fp.write(PAGE)
    return str(folder)


def test_undecodable_bytes_of_a_name_print_as_hex_escapes():
    assert printable_path(os.fsdecode(b"in/caf\xe9.md")) == "in/caf\\xe9.md"
    assert str(Source(os.fsdecode(b"r\xe9sum\xe9.txt"), 4)) == "r\\xe9sum\\xe9.txt:4"
    assert printable_path("in/café.md") == "in/café.md"  # a valid name is left as it is


@needs_byte_names
def test_csljson_and_jsonl_report_carry_a_non_utf8_name_escaped(tmp_path):
    out, report = tmp_path / "refs.json", tmp_path / "report.jsonl"
    result = run(byte_named_pages(tmp_path), "-o", str(out), "--report", str(report))
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [sorted(os.path.basename(s) for s in i["custom"]["sources"]) for i in items] == \
        [["caf\\xe9.md:2", "na\\xefve.md:2"]]
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert rows and all("\\x" in row["left"] + row["right"] for row in rows)


@needs_byte_names
def test_bibtex_and_csv_report_are_written_for_a_non_utf8_name(tmp_path):
    out, report = tmp_path / "refs.bib", tmp_path / "report.csv"
    result = run(byte_named_pages(tmp_path), "-o", str(out), "--report", str(report))
    assert result.exit_code == 0, result.output
    assert "Counting Fictional Lighthouses" in out.read_text(encoding="utf-8")
    with open(report, encoding="utf-8", newline="") as fp:
        rows = list(csv.DictReader(fp))
    assert rows and all("\\x" in row["left"] + row["right"] for row in rows)


@pytest.mark.parametrize("name", ["refs.txt", "refs.ris", "refs.xml", "refs"])
def test_output_extension_naming_no_format_is_a_usage_error(tmp_path, name):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.md").write_text(PAGE, encoding="utf-8")
    result = run(str(tmp_path / "in"), "-o", str(tmp_path / name))
    assert result.exit_code == EXIT_USAGE
    assert all(word in result.stderr for word in (".bib", ".json", "--format"))
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("fmt, first", [("bibtex", "@inproceedings"), ("csljson", "[")])
def test_format_option_writes_any_output_name(tmp_path, fmt, first):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.md").write_text(PAGE, encoding="utf-8")
    result = run(str(tmp_path / "in"), "-o", str(tmp_path / "refs.txt"), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "refs.txt").read_text(encoding="utf-8").startswith(first)
