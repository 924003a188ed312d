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


def pages(folder, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"page{i:04d}.md").write_text(
            f'# Publications\n- A. Author. "A Study of Profile Pages Number {i}." In CVPR, 2022.\n', encoding="utf-8")


def test_allow_empty_writes_an_empty_bibliography_and_exits_0(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.md").write_text("# About\nI like cats.\n", encoding="utf-8")
    out = tmp_path / "refs.json"
    result = run(str(tmp_path / "in"), "-o", str(out), "--allow-empty")
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8")) == []


def test_folder_of_binary_files_exits_1_with_a_warning_per_file(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "in" / "cv.pdf").write_bytes(b"%PDF-1.5\n")
    result = run(str(tmp_path / "in"), "-o", str(tmp_path / "refs.bib"))
    assert result.exit_code == 1
    assert f"pubexport: warning: {tmp_path / 'in' / 'photo.png'}: a PNG image, not text; skipped" in result.stderr
    assert "cv.pdf: a PDF" in result.stderr
    assert "no publications found in 2 file(s) (2 skipped)" in result.stderr
    assert not (tmp_path / "refs.bib").exists()


def test_file_over_max_file_size_is_skipped_and_the_rest_read(tmp_path):
    pages(tmp_path / "in", 1)
    (tmp_path / "in" / "dump.txt").write_bytes(b"filler text\n" * 200_000)
    out = tmp_path / "refs.json"
    result = run(str(tmp_path / "in"), "-o", str(out), "--max-file-size", "1")
    assert result.exit_code == 0, result.output
    assert "dump.txt: 2.3 MB is over the size limit of 1 MB (--max-file-size); skipped" in result.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 1


def test_output_inside_the_input_folder_is_not_read_back(tmp_path):
    pages(tmp_path / "in", 2)
    out = tmp_path / "in" / "refs.json"
    first = run(str(tmp_path / "in"), "-o", str(out))
    written = out.read_text(encoding="utf-8")
    second = run(str(tmp_path / "in"), "-o", str(out))
    assert first.exit_code == second.exit_code == 0
    assert "2 files read" in second.stderr
    assert out.read_text(encoding="utf-8") == written


def test_output_naming_a_page_inside_an_input_folder_is_refused(tmp_path):
    pages(tmp_path / "in", 1)
    page = tmp_path / "in" / "page0000.md"
    before = page.read_text(encoding="utf-8")
    result = run(str(tmp_path / "in"), "-o", str(page), "-f", "bibtex")
    assert result.exit_code == 2
    assert "refusing to overwrite it" in result.stderr
    assert page.read_text(encoding="utf-8") == before


def test_report_naming_the_output_is_refused(tmp_path):
    pages(tmp_path / "in", 1)
    out = str(tmp_path / "refs.bib")
    result = run(str(tmp_path / "in"), "-o", out, "--report", out)
    assert result.exit_code == 2
    assert not (tmp_path / "refs.bib").exists()


def test_output_in_a_missing_folder_is_a_usage_error(tmp_path):
    pages(tmp_path / "in", 1)
    result = run(str(tmp_path / "in"), "-o", str(tmp_path / "nope" / "refs.bib"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_failed_write_exits_3_and_keeps_the_old_output(tmp_path, monkeypatch):
    pages(tmp_path / "in", 1)
    out = tmp_path / "refs.bib"
    out.write_text("old\n", encoding="utf-8")

    def disk_full(records, fp, **options):
        fp.write("@misc{half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pubexport.bibtex.write_bibtex", disk_full)
    result = run(str(tmp_path / "in"), "-o", str(out))
    assert result.exit_code == 3
    assert "cannot write" in result.stderr and "No space left on device" in result.stderr
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "refs.bib"]


def test_interrupt_while_writing_exits_130_and_keeps_the_old_output(tmp_path, monkeypatch):
    pages(tmp_path / "in", 1)
    out = tmp_path / "refs.bib"
    out.write_text("old\n", encoding="utf-8")

    def interrupted(records, fp, **options):
        fp.write("@misc{half")
        raise KeyboardInterrupt

    monkeypatch.setattr("pubexport.bibtex.write_bibtex", interrupted)
    result = run(str(tmp_path / "in"), "-o", str(out))
    assert result.exit_code == 130
    assert "interrupted; nothing written" in result.stderr
    assert out.read_text(encoding="utf-8") == "old\n"


def test_internal_error_is_a_message_and_exit_3_not_a_traceback(tmp_path, monkeypatch):
    pages(tmp_path / "in", 1)

    def broken(mentions, report=None):
        raise ValueError("something inside broke")

    monkeypatch.setattr("pubexport.pipeline.merge", broken)
    result = run(str(tmp_path / "in"), "-o", str(tmp_path / "refs.bib"))
    assert result.exit_code == 3
    assert "internal error (ValueError: something inside broke)" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "refs.bib").exists()


def test_extractor_failure_on_one_file_skips_that_file_only(tmp_path, monkeypatch):
    import pubexport.extract

    pages(tmp_path / "in", 2)
    real = pubexport.extract.extract

    def fails_on_first(doc):
        if doc.path.endswith("page0000.md"):
            raise IndexError("odd page")
        return real(doc)

    monkeypatch.setattr(pubexport.extract, "extract", fails_on_first)
    out = tmp_path / "refs.json"
    result = run(str(tmp_path / "in"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "page0000.md: internal error while reading it (IndexError: odd page); skipped" in result.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 1


def test_progress_bar_only_for_many_files_on_a_terminal(tmp_path, monkeypatch):
    pages(tmp_path / "in", 201)
    args = (str(tmp_path / "in"), "-o", str(tmp_path / "refs.bib"))
    assert "reading" not in run(*args).stderr  # stderr is not a terminal here
    monkeypatch.setattr("pubexport.cli._stderr_is_terminal", lambda: True)
    assert "reading" in run(*args).stderr
    assert "reading" not in run(*args, "--quiet").stderr
    (tmp_path / "in" / "page0000.md").unlink()
    assert "reading" not in run(*args).stderr  # 200 files: too quick to need one


def test_help_does_not_import_the_heavy_stages():
    import subprocess
    import sys

    code = ("import sys\nfrom pubexport.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print([m for m in ('habanero', 'bibtexparser', 'rapidfuzz', 'ftfy') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Exit codes" in done.stdout
    assert done.stdout.strip().endswith("[]")


def test_closed_stdout_ends_quietly(tmp_path):
    import subprocess
    import sys

    pages(tmp_path / "in", 1)
    (tmp_path / "in" / "many.md").write_text("# Publications\n" + "".join(
        f'- B. Author. "Another Long Title About Profile Pages, Part {i}." In ICCV, 2021.\n'
        for i in range(5000)), encoding="utf-8")
    shell = f"{sys.executable} -m pubexport {tmp_path / 'in'} | head -c 10"
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {shell}"], capture_output=True, text=True)
    assert len(done.stdout) == 10
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr and "Error" not in done.stderr
    assert done.returncode == 0
