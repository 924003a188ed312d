"""The clients that read our output take it without a warning but the true ones: BibTeX (plain, which
names the required fields a record lacks and prints @patent as @misc), biber (biblatex),
pandoc --citeproc (from .bib and from CSL-JSON).

Runs on fictional records covering every entry type and the sharp edges (LaTeX injection, non-ASCII
names, et al.), and on the CLI's output for the seed pages (../shared/seeds). Each test skips when
its tool is absent (`.ci/install-tools` installs LaTeX, BibTeX and biber; pandoc comes with the
pypandoc-binary test extra) or when the seeds are absent.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pubexport.cli import main
from pubexport.pipeline import write_bibtex, write_csljson

from output_records import sample_records

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
TIMEOUT = 180

needs_latex = pytest.mark.skipif(not (shutil.which("pdflatex") and shutil.which("bibtex")),
                                 reason="pdflatex/bibtex not installed (.ci/install-tools)")
needs_biber = pytest.mark.skipif(not (shutil.which("pdflatex") and shutil.which("biber")
                                      and shutil.which("kpsewhich")),
                                 reason="pdflatex/biber not installed (.ci/install-tools)")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def _pandoc() -> str | None:
    try:
        import pypandoc
        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


# --- the bibliographies under test ------------------------------------------------------------

@pytest.fixture(scope="module")
def fictional(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fictional")
    records = sample_records()
    paths = {"bib": folder / "refs.bib", "ascii": folder / "ascii.bib", "json": folder / "refs.json"}
    with open(paths["bib"], "w", encoding="utf-8") as fp:
        write_bibtex(records, fp)
    with open(paths["ascii"], "w", encoding="utf-8") as fp:
        write_bibtex(records, fp, ascii_only=True)
    with open(paths["json"], "w", encoding="utf-8") as fp:
        write_csljson(records, fp)
    return paths


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, Path]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    folder = tmp_path_factory.mktemp("seeds")
    paths = {"bib": folder / "refs.bib", "json": folder / "refs.json"}
    for path in paths.values():
        result = CliRunner().invoke(main, [str(SEEDS), "-o", str(path), "--quiet"])
        assert result.exit_code == 0, result.output
    return paths


def _keys(bib: Path) -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),", bib.read_text(encoding="utf-8"), re.MULTILINE)


# --- LaTeX ------------------------------------------------------------------------------------

# A modern document: T1 fonts (for letters like Đ), and the url package for biblatex's links.
PREAMBLE = (r"\usepackage[T1]{fontenc}", r"\usepackage{url}")


def _unicode_declarations(*texts: str) -> str:
    """Give the characters pdflatex has no glyph for (CJK, emoji) a stand-in, only when the kernel
    does not define them: fonts for other scripts are the user's document's business, not the
    bibliography's. Reads the .bib and the .bbl (biber writes letters the .bib had as escapes)."""
    chars = sorted({c for text in texts for c in text if ord(c) > 127})
    lines = [r"\makeatletter"]
    lines += [rf"\@ifundefined{{u8:\detokenize{{{c}}}}}{{\DeclareUnicodeCharacter{{{ord(c):04X}}}{{?}}}}{{}}"
              for c in chars]
    lines.append(r"\makeatother")
    return "\n".join(lines)


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=TIMEOUT)


def _latex(cwd: Path, body: list[str]) -> None:
    """Write doc.tex (preamble, Unicode stand-ins for what the .bib and .bbl hold, ``body``) and run
    pdflatex on it."""
    bbl = cwd / "doc.bbl"
    texts = [(cwd / "refs.bib").read_text(encoding="utf-8"), bbl.read_text(errors="replace") if bbl.exists() else ""]
    (cwd / "doc.tex").write_text("\n".join([r"\documentclass{article}", *PREAMBLE, _unicode_declarations(*texts),
                                            *body, ""]), encoding="utf-8")
    proc = _run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd)
    assert proc.returncode == 0, (cwd / "doc.log").read_text(errors="replace")[-3000:]


def _latex_warnings(cwd: Path) -> list[str]:
    log = (cwd / "doc.log").read_text(errors="replace")
    return [line for line in log.splitlines() if re.search(r"Warning|^!", line) and "infwarerr" not in line]


# The fields plain.bst requires of each entry type it defines (btxbst.doc); @patent is biblatex's.
PLAIN_REQUIRED = {"article": ["author", "title", "journal", "year"],
                  "inproceedings": ["author", "title", "booktitle", "year"],
                  "incollection": ["author", "title", "booktitle", "publisher", "year"],
                  "book": ["author and editor", "title", "publisher", "year"],
                  "techreport": ["author", "title", "institution", "year"],
                  "phdthesis": ["author", "title", "school", "year"],
                  "mastersthesis": ["author", "title", "school", "year"], "misc": []}


def expected_plain_warnings(bib: Path) -> list[str]:
    """The warnings that are true information: an entry keeps its real type whatever it lacks (a
    changed type is lost on import), so plain says which required field is empty, and that it
    prints biblatex's @patent as @misc. Nothing else may be warned about."""
    import bibtexparser

    warnings = []
    for entry in bibtexparser.parse_string(bib.read_text(encoding="utf-8")).entries:
        if entry.entry_type not in PLAIN_REQUIRED:
            warnings.append(f'Warning--entry type for "{entry.key}" isn\'t style-file defined')
            continue
        for name in PLAIN_REQUIRED[entry.entry_type]:
            if not any(entry.get(part) for part in name.split(" and ")):
                warnings.append(f"Warning--empty {name} in {entry.key}")
    return sorted(warnings)


BIBTEX_BODY = [r"\begin{document}", r"\nocite{*}", r"\bibliographystyle{plain}", r"\bibliography{refs}",
               r"\end{document}"]
BIBER_BODY = [r"\usepackage[backend=biber]{biblatex}", r"\addbibresource{refs.bib}", r"\begin{document}",
              r"\nocite{*}", r"\printbibliography", r"\end{document}"]


def compile_with_bibtex(bib: Path, workdir: Path) -> tuple[list[str], str]:
    """Compile a \\nocite{*} document with the plain style; returns (warnings, bbl text)."""
    workdir.mkdir()
    shutil.copy(bib, workdir / "refs.bib")
    _latex(workdir, BIBTEX_BODY)
    proc = _run(["bibtex", "doc"], workdir)
    blg = (workdir / "doc.blg").read_text(errors="replace")
    warnings = [line for line in blg.splitlines() if "Warning" in line or "error" in line.lower()]
    if proc.returncode:
        warnings.append(f"bibtex exited {proc.returncode}")
    _latex(workdir, BIBTEX_BODY)
    _latex(workdir, BIBTEX_BODY)
    return warnings + _latex_warnings(workdir), (workdir / "doc.bbl").read_text(errors="replace")


def compile_with_biber(bib: Path, workdir: Path) -> tuple[list[str], str]:
    """Compile a \\nocite{*} document with biblatex and biber; returns (warnings, bbl text)."""
    workdir.mkdir()
    shutil.copy(bib, workdir / "refs.bib")
    _latex(workdir, BIBER_BODY)
    proc = _run(["biber", "doc"], workdir)
    blg = (workdir / "doc.blg").read_text(errors="replace")
    warnings = [line for line in blg.splitlines() if re.search(r"> (WARN|ERROR) - ", line)]
    if proc.returncode:
        warnings.append(f"biber exited {proc.returncode}: {proc.stdout[-1000:]}")
    _latex(workdir, BIBER_BODY)
    _latex(workdir, BIBER_BODY)
    return warnings + _latex_warnings(workdir), (workdir / "doc.bbl").read_text(errors="replace")


@needs_latex
@pytest.mark.parametrize("variant", ["bib", "ascii"])
def test_bibtex_plain_compiles_fictional_records_warning_only_of_empty_fields(fictional, tmp_path, variant):
    warnings, bbl = compile_with_bibtex(fictional[variant], tmp_path / "build")
    assert sorted(warnings) == expected_plain_warnings(fictional[variant])
    assert len(warnings) == 3  # the patent, the paper without authors, the paper without a year
    assert bbl.count(r"\bibitem") == len(_keys(fictional[variant]))


@needs_latex
def test_injected_latex_is_printed_not_run(fictional, tmp_path):
    warnings, bbl = compile_with_bibtex(fictional["bib"], tmp_path / "build")
    assert sorted(warnings) == expected_plain_warnings(fictional["bib"])
    # the title's \input and \write18 reach LaTeX only as escaped text
    assert r"\textbackslash{}input\{/etc/passwd\}" in bbl
    assert r"\textbackslash{}write18" in bbl
    assert not re.search(r"(?<!textbackslash\{\})\\(input|write18)", bbl)


# A page typed in decomposed form (letter + combining accent), with letters Unicode has no single
# character for (Yoruba o with dot below and grave): read as NFC, written by --ascii as accent commands.
DECOMPOSED_PAGE = ("# Publications\n"
                   "- Ana Lic\u0301ina and Fo\u0323la\u0301ke\u0323\u0301 Ade\u0301ba\u0301yo\u0323\u0300. "
                   "\"Tone Marks in Yoruba Names Read by Machines.\" In ACL, 2021.\n")


@needs_latex
def test_bibtex_plain_compiles_decomposed_accents_written_with_ascii(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.md").write_text(DECOMPOSED_PAGE, encoding="utf-8")
    bib = tmp_path / "refs.bib"
    result = CliRunner().invoke(main, [str(tmp_path / "in"), "-o", str(bib), "--ascii", "--quiet"])
    assert result.exit_code == 0, result.output
    assert bib.read_text(encoding="utf-8").isascii()
    warnings, bbl = compile_with_bibtex(bib, tmp_path / "build")
    assert warnings == []
    assert r"Li{\'c}ina" in bbl and r"Ad{\'e}b{\'a}y{\`{\d{o}}}" in bbl


@needs_biber
@pytest.mark.parametrize("variant", ["bib", "ascii"])
def test_biber_compiles_fictional_records_without_warning(fictional, tmp_path, variant):
    warnings, bbl = compile_with_biber(fictional[variant], tmp_path / "build")
    assert warnings == []
    assert bbl.count(r"\entry{") == len(_keys(fictional[variant]))


@needs_seeds
@needs_latex
def test_bibtex_plain_compiles_seed_output_warning_only_of_empty_fields(seeds, tmp_path):
    warnings, bbl = compile_with_bibtex(seeds["bib"], tmp_path / "build")
    assert sorted(warnings) == expected_plain_warnings(seeds["bib"])
    assert bbl.count(r"\bibitem") == len(_keys(seeds["bib"])) > 0


@needs_seeds
@needs_biber
def test_biber_compiles_seed_output_without_warning(seeds, tmp_path):
    warnings, bbl = compile_with_biber(seeds["bib"], tmp_path / "build")
    assert warnings == []
    assert bbl.count(r"\entry{") == len(_keys(seeds["bib"])) > 0


# --- pandoc -----------------------------------------------------------------------------------

def render_with_pandoc(bibliography: Path, keys: list[str], workdir: Path) -> tuple[str, str]:
    """Render a document citing every key; returns (stderr, html)."""
    pandoc = _pandoc()
    workdir.mkdir()
    doc = workdir / "doc.md"
    doc.write_text("Cited: " + "; ".join(f"[@{k}]" for k in keys) + ".\n", encoding="utf-8")
    proc = subprocess.run([pandoc, str(doc), "--citeproc", "--bibliography", str(bibliography), "-t", "html"],
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr, proc.stdout


needs_pandoc = pytest.mark.skipif(_pandoc() is None, reason="pandoc not available (pip install pypandoc-binary)")


@needs_pandoc
@pytest.mark.parametrize("variant", ["bib", "ascii", "json"])
def test_pandoc_renders_every_fictional_entry_without_warning(fictional, tmp_path, variant):
    keys = _keys(fictional["bib"])
    stderr, html = render_with_pandoc(fictional[variant], keys, tmp_path / "build")
    assert stderr == ""
    assert all(f'id="ref-{k}"' in html for k in keys)


@needs_seeds
@needs_pandoc
@pytest.mark.parametrize("variant", ["bib", "json"])
def test_pandoc_renders_every_seed_entry_without_warning(seeds, tmp_path, variant):
    keys = _keys(seeds["bib"])
    stderr, html = render_with_pandoc(seeds[variant], keys, tmp_path / "build")
    assert stderr == ""
    assert keys and all(f'id="ref-{k}"' in html for k in keys)


@needs_latex
def test_compile_check_reports_what_bibtex_warns_about(tmp_path):
    bib = tmp_path / "bad.bib"
    bib.write_text("@inproceedings{x, author = {Doe, Jane}, title = {T}, year = {2020}}\n", encoding="utf-8")
    warnings, _ = compile_with_bibtex(bib, tmp_path / "build")
    assert any("empty booktitle" in w for w in warnings)


@needs_biber
def test_compile_check_reports_what_biber_warns_about(tmp_path):
    bib = tmp_path / "bad.bib"
    bib.write_text("@misc{x, author = {Doe, Jane}, title = {T}, date = {2020-99-99}}\n", encoding="utf-8")
    warnings, _ = compile_with_biber(bib, tmp_path / "build")
    assert any("Invalid format" in w for w in warnings)
