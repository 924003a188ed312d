"""The ``pubexport`` command: a thin click layer over the library in ``pubexport.pipeline``.

Only click is imported at start-up; each stage is imported when the run reaches it.
"""
from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import click

from . import __version__

EXIT_OK = 0
EXIT_NO_PUBLICATIONS = 1
EXIT_USAGE = 2  # click's own code for usage errors; also bad input paths
EXIT_OUTPUT = 3  # the output could not be written, or an internal error stopped the run
EXIT_INTERRUPTED = 130

FORMAT_BY_SUFFIX = {".bib": "bibtex", ".bibtex": "bibtex", ".json": "csljson", ".csljson": "csljson"}

EPILOG = """\b
Examples:
  pubexport profiles/ -o refs.bib                  BibTeX
  pubexport profiles/ -o refs.json                 CSL-JSON
  pubexport profiles/ old.bib -o refs.bib          merge an existing bibliography in
  pubexport profiles/ -o refs.bib --crossref --mailto me@uni.edu
  pubexport profiles/ -o refs.bib --report merges.jsonl
  pubexport https://example.edu/~ana/ -o refs.bib --mailto me@uni.edu
  pubexport --urls members.txt -o refs.bib         one URL a line
  pubexport profiles/ -o refs.bib --dry-run        re-run: what would change in refs.bib

\b
Exit codes: 0 ok; 1 no publications found (or nothing read); 2 usage or input error;
3 output not written; 130 interrupted.
"""

PROGRESS_MIN_FILES = 200  # fewer files read in a blink: a bar would only flicker


class _StderrHandler(logging.Handler):
    """Print the library's warnings as 'pubexport: warning: ...' lines on stderr.

    While a progress bar is drawn, the bar's line is cleared first so a warning stands on its own.
    """

    bar_shown = False

    def emit(self, record: logging.LogRecord) -> None:
        level = "warning" if record.levelno >= logging.WARNING else "info"
        clear = "\r\x1b[K" if self.bar_shown else ""
        click.echo(f"{clear}pubexport: {level}: {record.getMessage()}", err=True)


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _format_for(output: str, chosen: str | None) -> str | None:
    """The format to write: ``--format``, else the output's extension; None when the extension
    names no format we write (refs.txt, .ris, .xml, none), which must not silently become BibTeX."""
    if chosen:
        return chosen
    return FORMAT_BY_SUFFIX.get(Path(output).suffix.lower()) if output != "-" else "bibtex"


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, metavar="[PATH|URL]...", type=click.Path(path_type=str))
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE|-",
              help="Where to write; the format follows the extension (.bib, .json).")
@click.option("-f", "--format", "fmt", type=click.Choice(["bibtex", "csljson"]),
              help="Output format; overrides the extension of --output.")
@click.option("--ascii", "ascii_only", is_flag=True, help="BibTeX: write non-ASCII letters as LaTeX escapes.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=str),
              help="Write every merge and enrichment decision here (.csv for CSV, else JSON lines).")
@click.option("--allow-empty", is_flag=True, help="Write an empty bibliography (exit 0) when nothing is found.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=16, show_default=True, metavar="MB",
              help="Skip input files larger than this many megabytes.")
@click.option("--crossref", is_flag=True, help="Enrich records through Crossref (needs the network).")
@click.option("--mailto", envvar="PUBEXPORT_MAILTO", metavar="EMAIL",
              help="Your e-mail, for Crossref's polite pool and in the User-Agent sent to sites "
                   "[env PUBEXPORT_MAILTO].")
@click.option("--crossref-url", envvar="PUBEXPORT_CROSSREF_URL", metavar="URL",
              help="Crossref API base URL [env PUBEXPORT_CROSSREF_URL].")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=str),
              help="Where Crossref answers are cached, and fetched pages in its web/ "
                   "[default: the user cache folder].")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the caches (Crossref, pages).")
@click.option("--urls", "url_lists", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=str),
              help="Read the URLs listed in FILE (- for stdin), one a line (# comments).")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True, metavar="SECONDS",
              help="Wait between two requests to one web site.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, metavar="SECONDS",
              help="Give up on a web site silent for this long.")
@click.option("--offline", is_flag=True, help="Read URLs from the page cache only; send nothing.")
@click.option("--refresh", is_flag=True,
              help="Re-run: take the pages' values over values edited in the existing output (keys stay).")
@click.option("--prune", is_flag=True, help="Re-run: drop the existing entries no page lists any more.")
@click.option("--dry-run", is_flag=True, help="Print what would change in the output; write nothing.")
@click.option("--no-backup", is_flag=True, help="Re-run: keep no copy of the replaced output (FILE~).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print each file read and every warning.")
@click.version_option(__version__, prog_name="pubexport")
def main(paths, output, fmt, ascii_only, report_path, allow_empty, max_file_size, crossref, mailto,
         crossref_url, cache_dir, no_cache, url_lists, delay, timeout, offline, refresh, prune, dry_run,
         no_backup, quiet, verbose):
    """Turn profile pages (markdown, HTML, text, LaTeX, .bib, CSL-JSON) into one
    de-duplicated bibliography in BibTeX or CSL-JSON.

    PATH... are files, folders or http(s) URLs; folders are read recursively, hidden files
    skipped; URLs are fetched politely and cached.
    """
    handler = _setup_logging(quiet, verbose)
    fmt = _format_for(output, fmt)
    if fmt is None:
        suffix = Path(output).suffix
        click.echo(f"pubexport: error: {output}: {f'{suffix} names no output format' if suffix else 'no extension'}"
                   "; BibTeX is .bib or .bibtex, CSL-JSON .json or .csljson, or give --format bibtex|csljson",
                   err=True)
        sys.exit(EXIT_USAGE)
    written: list[str] = []
    if not paths and not url_lists:
        raise click.UsageError("give at least one PATH or URL, or --urls FILE")
    if offline and no_cache:
        raise click.UsageError("--offline reads the page cache, which --no-cache turns off")
    web = _web_settings(url_lists, delay, timeout, offline, mailto, cache_dir, no_cache)
    paths = list(paths) + [url for path in url_lists for url in _urls_in(path)]
    rerun = _Rerun(refresh, prune, dry_run, not no_backup)
    try:
        code = _run(paths, output, fmt, ascii_only, report_path, allow_empty, max_file_size * 1024 * 1024,
                    crossref, mailto, crossref_url, cache_dir, no_cache, quiet, verbose, handler, written,
                    web, rerun)
    except KeyboardInterrupt:
        done = f"{', '.join(written)} complete, nothing else" if written else "nothing"
        click.echo(f"\npubexport: interrupted; {done} written", err=True)
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        # `pubexport dir | head`: the reader has all it wants; end quietly, with no second error at exit
        _detach_stdout()
        code = EXIT_OK
    except Exception as err:  # noqa: BLE001 - a bug must end in a message and a code, not a traceback
        if verbose:
            traceback.print_exc()
        click.echo(f"pubexport: error: internal error ({type(err).__name__}: {err}); "
                   f"{'only ' + ', '.join(written) if written else 'nothing'} written - please report this "
                   "(-v prints the details)", err=True)
        code = EXIT_OUTPUT
    sys.exit(code)


def _web_settings(url_lists, delay, timeout, offline, mailto, cache_dir, no_cache):
    from .web import WebSettings

    return WebSettings(delay=delay, timeout=timeout, connect_timeout=min(timeout, 10.0), offline=offline,
                       mailto=mailto, use_cache=not no_cache,
                       cache_dir=os.path.join(cache_dir, "web") if cache_dir else None)


def _urls_in(path: str) -> list[str]:
    from .web import read_url_list

    try:
        return read_url_list(path)
    except OSError as err:
        raise click.BadParameter(f"{path}: cannot read ({err.strerror or err})", param_hint="--urls") from None


def _setup_logging(quiet: bool, verbose: bool) -> _StderrHandler:
    log = logging.getLogger("pubexport")
    handler = _StderrHandler()
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)
    return handler


def _run(paths, output, fmt, ascii_only, report_path, allow_empty, max_file_size, crossref, mailto,
         crossref_url, cache_dir, no_cache, quiet, verbose, handler, written, web, rerun) -> int:
    from . import pipeline
    from .report import Report
    from .sources import InputError
    from .web import is_url

    def fail(message: str, code: int) -> int:
        click.echo(f"pubexport: error: {message}", err=True)
        return code

    targets = [t for t in (output, report_path) if t and t != "-"]
    if report_path and output != "-" and _same_path(Path(report_path), Path(output)):
        return fail(f"{report_path}: the report and the output are the same file", EXIT_USAGE)
    for target in targets:
        problem = _unusable_target(Path(target), paths)
        if problem:
            return fail(f"{target}: {problem}", EXIT_USAGE)

    files_seen = files_skipped = 0
    show_progress = _stderr_is_terminal() and not quiet and not verbose

    with contextlib.ExitStack() as bar_stack:
        bar = None

        def on_start(total: int) -> None:
            nonlocal bar
            if show_progress and (total > PROGRESS_MIN_FILES or any(map(is_url, paths))):  # pages are slow
                bar = bar_stack.enter_context(click.progressbar(length=total, label="reading", file=sys.stderr))
                handler.bar_shown = True

        def on_file(path: str, found: int | None) -> None:
            nonlocal files_seen, files_skipped
            files_seen += 1
            files_skipped += found is None
            if verbose:
                click.echo(f"pubexport: {path}: {'skipped' if found is None else f'{found} mentions'}", err=True)
            if bar is not None:
                bar.update(1)

        try:
            mentions = pipeline.read(paths, exclude=targets + _backups(output), max_file_size=max_file_size,
                                     on_start=on_start, on_file=on_file, web=web)
        except InputError as err:
            return fail(str(err), EXIT_USAGE)
    handler.bar_shown = False
    if files_seen == 0:
        return fail("no input files found in " + (", ".join(paths) or "the --urls files"), EXIT_USAGE)
    skipped = f" ({files_skipped} skipped)" if files_skipped else ""
    report = Report(enabled=bool(report_path))
    records = pipeline.merge(mentions, report=report)
    mentions_found = len(mentions)
    del mentions  # records do not hold their mentions: enriching and writing run without them
    if not records and not allow_empty:
        return fail(f"no publications found in {files_seen} file(s){skipped}; nothing written "
                    "(--allow-empty writes an empty bibliography)", EXIT_NO_PUBLICATIONS)

    enrich_summary = ""
    if crossref:
        stats = pipeline.enrich(records, mailto=mailto, base_url=crossref_url, cache_dir=cache_dir,
                                use_cache=not no_cache, report=report,
                                progress=_stderr_is_terminal() and not quiet)
        enrich_summary = (f"; crossref: {stats.matched} matched, {stats.unmatched} no confident match, "
                          f"{stats.failed} failed")

    if output != "-" and os.path.exists(output):
        code, change_summary = _update(records, output, fmt, ascii_only, rerun, report, written)
    elif rerun.dry_run:
        code, change_summary = EXIT_OK, f"dry run, nothing written; added {len(records)}, updated 0, " \
                                        "kept 0 no longer listed"
    else:
        code, change_summary = _write(records, output, fmt, ascii_only, written), ""
    if code:
        return code
    if report_path:
        code = _write_report(report, report_path, written)
        if code:
            return code
    if not quiet:
        click.echo(f"pubexport: {files_seen} files read{skipped}, {mentions_found} mentions found, "
                   f"{len(records)} records written, {mentions_found - len(records)} mentions merged"
                   f"{enrich_summary}", err=True)
        if change_summary:
            click.echo(f"pubexport: {output}: {change_summary}", err=True)
    return EXIT_OK


def _unusable_target(target: Path, paths) -> str | None:
    """Why the output (or report) cannot go to ``target``, or None if it can.

    An input named on the command line is never overwritten, nor a page inside an input folder;
    an earlier bibliography there may be replaced (it is then not read as input).
    """
    from .sources import kind_of

    if target.is_dir():
        return "is a folder; give a file name"
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        return f"folder {parent} does not exist"
    if not target.exists():
        return None
    for raw in paths:
        path = Path(raw)
        if _same_path(target, path):
            return "is also an input; refusing to overwrite it"
        if path.is_dir() and _inside(target, path) and kind_of(target) not in ("bibtex", "csljson"):
            return f"is a page inside the input folder {raw}; refusing to overwrite it"
    return None


def _write(records, output: str, fmt: str, ascii_only: bool, written: list[str]) -> int:
    from . import pipeline
    from .output import atomic_write

    def write(fp) -> None:
        if fmt == "csljson":
            pipeline.write_csljson(records, fp)
        else:
            pipeline.write_bibtex(records, fp, ascii_only=ascii_only)

    if output == "-":
        write(sys.stdout)
        sys.stdout.flush()
        return EXIT_OK
    try:
        with atomic_write(output) as fp:
            write(fp)
    except OSError as err:
        click.echo(f"pubexport: error: cannot write {output}: {err.strerror or err}; "
                   "an existing file there is unchanged", err=True)
        return EXIT_OUTPUT
    written.append(output)
    return EXIT_OK


@dataclass
class _Rerun:
    """What the re-run options ask of an output that exists already."""

    refresh: bool
    prune: bool
    dry_run: bool
    backup: bool


def _backups(output: str) -> list[str]:
    """The backup a re-run keeps beside the output: never read as input."""
    return [output + "~"] if output != "-" else []


def _update(records, output: str, fmt: str, ascii_only: bool, rerun: _Rerun, report, written: list[str]):
    """Re-run into the existing output (see ``rerun``): (exit code, the summary of what changed)."""
    from .rerun import BibliographyError, update

    try:
        result = update(records, output, fmt=fmt, refresh=rerun.refresh, prune=rerun.prune,
                        ascii_only=ascii_only, dry_run=rerun.dry_run, backup=rerun.backup, report=report)
    except BibliographyError as err:
        click.echo(f"pubexport: error: {output}: the existing file {err}; it is left as it is and nothing "
                   "is written (move it away to start afresh)", err=True)
        return EXIT_USAGE, ""
    except OSError as err:
        click.echo(f"pubexport: error: cannot write {output}: {err.strerror or err}; "
                   "an existing file there is unchanged", err=True)
        return EXIT_OUTPUT, ""
    if result.written:
        written.append(output)
    summary = result.summary()
    return EXIT_OK, f"dry run, nothing written; {summary}" if rerun.dry_run else summary


def _write_report(report, report_path: str, written: list[str]) -> int:
    from .output import atomic_write

    try:
        with atomic_write(report_path) as fp:
            report.write(fp, "csv" if report_path.lower().endswith(".csv") else "jsonl")
    except OSError as err:
        click.echo(f"pubexport: error: cannot write report {report_path}: {err.strerror or err}", err=True)
        return EXIT_OUTPUT
    written.append(report_path)
    return EXIT_OK


def _detach_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _same_path(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))
