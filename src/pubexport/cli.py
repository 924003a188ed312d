"""The ``pubexport`` command: a thin click layer over the library in ``pubexport.pipeline``.

Only click is imported at start-up; each stage is imported when the run reaches it.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from . import __version__

EXIT_OK = 0
EXIT_NO_PUBLICATIONS = 1
EXIT_USAGE = 2  # click's own code for usage errors; also bad input paths
EXIT_OUTPUT = 3  # the output could not be written
EXIT_INTERRUPTED = 130

FORMAT_BY_SUFFIX = {".bib": "bibtex", ".bibtex": "bibtex", ".json": "csljson", ".csljson": "csljson"}

EPILOG = """\b
Examples:
  pubexport profiles/ -o refs.bib                  BibTeX
  pubexport profiles/ -o refs.json                 CSL-JSON
  pubexport profiles/ old.bib -o refs.bib          merge an existing bibliography in
  pubexport profiles/ -o refs.bib --crossref --mailto me@uni.edu
  pubexport profiles/ -o refs.bib --report merges.jsonl

\b
Exit codes: 0 ok; 1 no publications found; 2 usage or input error;
3 output not written; 130 interrupted.
"""


class _StderrHandler(logging.Handler):
    """Print the library's warnings as 'pubexport: warning: ...' lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        level = "warning" if record.levelno >= logging.WARNING else "info"
        click.echo(f"pubexport: {level}: {record.getMessage()}", err=True)


def _format_for(output: str, chosen: str | None) -> str:
    if chosen:
        return chosen
    return FORMAT_BY_SUFFIX.get(Path(output).suffix.lower(), "bibtex") if output != "-" else "bibtex"


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE|-",
              help="Where to write; the format follows the extension (.bib, .json).")
@click.option("-f", "--format", "fmt", type=click.Choice(["bibtex", "csljson"]),
              help="Output format; overrides the extension of --output.")
@click.option("--ascii", "ascii_only", is_flag=True, help="BibTeX: write non-ASCII letters as LaTeX escapes.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=str),
              help="Write every merge and enrichment decision here (.csv for CSV, else JSON lines).")
@click.option("--allow-empty", is_flag=True, help="Write an empty bibliography (exit 0) when nothing is found.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=64, show_default=True, metavar="MB",
              help="Skip input files larger than this many megabytes.")
@click.option("--crossref", is_flag=True, help="Enrich records through Crossref (needs the network).")
@click.option("--mailto", envvar="PUBEXPORT_MAILTO", metavar="EMAIL",
              help="Your e-mail for Crossref's polite pool [env PUBEXPORT_MAILTO].")
@click.option("--crossref-url", envvar="PUBEXPORT_CROSSREF_URL", metavar="URL",
              help="Crossref API base URL [env PUBEXPORT_CROSSREF_URL].")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=str),
              help="Where Crossref answers are cached [default: the user cache folder].")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the Crossref cache.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print each file read and every warning.")
@click.version_option(__version__, prog_name="pubexport")
def main(paths, output, fmt, ascii_only, report_path, allow_empty, max_file_size, crossref, mailto,
         crossref_url, cache_dir, no_cache, quiet, verbose):
    """Turn profile pages (markdown, HTML, text, LaTeX, .bib, CSL-JSON) into one
    de-duplicated bibliography in BibTeX or CSL-JSON.

    PATH... are files or folders; folders are read recursively, hidden files skipped.
    """
    _setup_logging(quiet, verbose)
    fmt = _format_for(output, fmt)
    try:
        code = _run(paths, output, fmt, ascii_only, report_path, allow_empty, max_file_size * 1024 * 1024,
                    crossref, mailto, crossref_url, cache_dir, no_cache, quiet, verbose)
    except KeyboardInterrupt:
        click.echo("pubexport: interrupted; nothing written", err=True)
        code = EXIT_INTERRUPTED
    sys.exit(code)


def _setup_logging(quiet: bool, verbose: bool) -> None:
    log = logging.getLogger("pubexport")
    log.handlers[:] = [_StderrHandler()]
    log.propagate = False
    log.setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)


def _run(paths, output, fmt, ascii_only, report_path, allow_empty, max_file_size, crossref, mailto,
         crossref_url, cache_dir, no_cache, quiet, verbose) -> int:
    from . import pipeline
    from .report import Report
    from .sources import InputError

    def fail(message: str, code: int) -> int:
        click.echo(f"pubexport: error: {message}", err=True)
        return code

    if output != "-":
        out = Path(output)
        if out.exists() and out.is_dir():
            return fail(f"{output}: is a folder; give a file name to -o", EXIT_USAGE)
        if any(_same_file(out, Path(p)) for p in paths):
            return fail(f"{output}: the output is also an input; refusing to overwrite it", EXIT_USAGE)
        if not (out.parent if str(out.parent) else Path(".")).is_dir():
            return fail(f"{output}: folder {out.parent} does not exist", EXIT_USAGE)

    files_read = 0

    def on_file(path: str, found: int) -> None:
        nonlocal files_read
        files_read += 1
        if verbose:
            click.echo(f"pubexport: {path}: {found} mentions", err=True)

    report = Report(enabled=bool(report_path))
    try:
        mentions = pipeline.read(paths, exclude=[output] if output != "-" else [],
                                 max_file_size=max_file_size, on_file=on_file)
    except InputError as err:
        return fail(str(err), EXIT_USAGE)
    if files_read == 0:
        return fail("no input files found in " + ", ".join(paths), EXIT_USAGE)
    records = pipeline.merge(mentions, report=report)
    if not records and not allow_empty:
        return fail(f"no publications found in {files_read} file(s); nothing written "
                    "(--allow-empty writes an empty bibliography)", EXIT_NO_PUBLICATIONS)

    enrich_summary = ""
    if crossref:
        stats = pipeline.enrich(records, mailto=mailto, base_url=crossref_url, cache_dir=cache_dir,
                                use_cache=not no_cache, report=report,
                                progress=sys.stderr.isatty() and not quiet)
        enrich_summary = (f"; crossref: {stats.matched} matched, {stats.unmatched} no confident match, "
                          f"{stats.failed} failed")

    code = _write(records, output, fmt, ascii_only)
    if code:
        return code
    if report_path:
        code = _write_report(report, report_path)
        if code:
            return code
    if not quiet:
        click.echo(f"pubexport: {files_read} files read, {len(mentions)} mentions found, "
                   f"{len(records)} records written, {len(mentions) - len(records)} mentions merged"
                   f"{enrich_summary}", err=True)
    return EXIT_OK


def _write(records, output: str, fmt: str, ascii_only: bool) -> int:
    from . import pipeline
    from .output import atomic_write

    def write(fp) -> None:
        if fmt == "csljson":
            pipeline.write_csljson(records, fp)
        else:
            pipeline.write_bibtex(records, fp, ascii_only=ascii_only)

    if output == "-":
        try:
            write(sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:
            # `pubexport dir | head`: the reader left; end quietly without a second error at exit
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    try:
        with atomic_write(output) as fp:
            write(fp)
    except OSError as err:
        click.echo(f"pubexport: error: cannot write {output}: {err.strerror or err}", err=True)
        return EXIT_OUTPUT
    return EXIT_OK


def _write_report(report, report_path: str) -> int:
    from .output import atomic_write

    try:
        with atomic_write(report_path) as fp:
            report.write(fp, "csv" if report_path.lower().endswith(".csv") else "jsonl")
    except OSError as err:
        click.echo(f"pubexport: error: cannot write report {report_path}: {err.strerror or err}", err=True)
        return EXIT_OUTPUT
    return EXIT_OK


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and b.is_file() and os.path.samefile(a, b)
    except OSError:
        return False
