"""The command line: formats, summaries and exit codes, driven through click's CliRunner."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pubexport.cli import main

PAGE = '''# Publications
- A. Author and B. Author. "Learning to Parse Profile Pages Reliably." In CVPR, 2022.
'''


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_json_output_follows_extension(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.md").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "refs.json"
    result = run(str(tmp_path / "in"), "-o", str(out))
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [i["title"] for i in items] == ["Learning to Parse Profile Pages Reliably"]


def test_missing_path_is_usage_error(tmp_path):
    result = run(str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_empty_folder_is_usage_error(tmp_path):
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert "no input files" in result.output


def test_no_publications_exits_1_and_writes_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.md").write_text("# About\nI like cats.\n", encoding="utf-8")
    out = tmp_path / "refs.bib"
    result = run(str(tmp_path / "in"), "-o", str(out))
    assert result.exit_code == 1
    assert not out.exists()


def test_output_naming_an_input_is_refused(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    result = run(str(page), "-o", str(page))
    assert result.exit_code == 2
    assert page.read_text(encoding="utf-8") == PAGE
