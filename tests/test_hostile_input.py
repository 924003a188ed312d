"""Property tests: whatever a profile holds, the CLI ends with a documented code, never a traceback,
and whatever it writes is valid: BibTeX that bibtexparser re-reads whole, CSL-JSON that the
CSL schema accepts, with as many entries in one as items in the other.

The three properties run 2,100 examples in all (each example runs the CLI twice: .bib and .json).
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import bibtexparser
import jsonschema
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pubexport.cli import EXIT_NO_PUBLICATIONS, EXIT_OK, main

SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)
SUFFIXES = [".md", ".txt", ".html", ".tex", ".org", ".rst", ".jemdoc", ".bib", ".json"]


def examples(count: int) -> settings:
    return settings(max_examples=count, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    print_blob=True)


def run_both_formats(name: str, data: bytes) -> None:
    """Write ``data`` as a profile called ``name``, export it to .bib and .json, check both."""
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "profiles"
        folder.mkdir()
        (folder / name).write_bytes(data)
        outcomes = {}
        for suffix in (".bib", ".json"):
            out = Path(tmp) / f"refs{suffix}"
            result = runner.invoke(main, [str(folder), "-o", str(out)])
            assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
            assert "Traceback" not in result.output
            assert "internal error" not in result.stderr, result.stderr
            assert result.exit_code in (EXIT_OK, EXIT_NO_PUBLICATIONS), result.output
            assert out.exists() == (result.exit_code == EXIT_OK)
            outcomes[suffix] = out.read_text(encoding="utf-8") if out.exists() else None
    assert (outcomes[".bib"] is None) == (outcomes[".json"] is None)
    event("publications written" if outcomes[".json"] is not None else "no publications (exit 1)")
    if outcomes[".json"] is not None:
        items = json.loads(outcomes[".json"])
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(items)]
        assert not errors, errors
        library = bibtexparser.parse_string(outcomes[".bib"])
        assert not library.failed_blocks, [b.error for b in library.failed_blocks]
        assert len(library.entries) == len(items)


@examples(700)
@given(text=st.text(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_text_as_a_profile(text, suffix):
    run_both_formats("page" + suffix, text.encode("utf-8"))


@examples(600)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_as_a_profile(data, suffix):
    run_both_formats("page" + suffix, data)


# Entries in the shapes the readers look for, with arbitrary text in every field, so that the
# writers see hostile titles and names (braces, backslashes, %, quotes, any script, controls).
FIELD = st.text(max_size=60)
NAME = st.text(min_size=1, max_size=20)
YEAR = st.integers(min_value=1900, max_value=2030)


@st.composite
def list_page(draw) -> tuple[str, str]:
    lines = ["# Publications"]
    for _ in range(draw(st.integers(1, 6))):
        authors = ", ".join(draw(st.lists(NAME, min_size=1, max_size=4)))
        title = draw(st.text(min_size=10, max_size=80))
        lines.append(f'- {authors}. "{title}." In {draw(FIELD)}, {draw(YEAR)}.')
    return draw(st.sampled_from([".md", ".txt"])), "\n".join(lines) + "\n"


@st.composite
def bibtex_file(draw) -> tuple[str, str]:
    entries = []
    for i in range(draw(st.integers(1, 4))):
        fields = {"title": draw(FIELD), "author": " and ".join(draw(st.lists(NAME, min_size=1, max_size=3))),
                  "journal": draw(FIELD), "year": str(draw(YEAR))}
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
        entries.append(f"@{draw(st.sampled_from(['article', 'inproceedings', 'misc']))}{{key{i},\n{body}\n}}\n")
    return ".bib", "\n".join(entries)


@st.composite
def csljson_file(draw) -> tuple[str, str]:
    items = [{"id": f"item{i}", "type": draw(st.sampled_from(["article-journal", "paper-conference", "book"])),
              "title": draw(FIELD), "container-title": draw(FIELD),
              "author": [{"family": draw(NAME), "given": draw(FIELD)} for _ in range(draw(st.integers(0, 3)))],
              "issued": {"date-parts": [[draw(YEAR)]]}}
             for i in range(draw(st.integers(1, 4)))]
    return ".json", json.dumps(items, ensure_ascii=draw(st.booleans()))


@examples(800)
@given(page=st.one_of(list_page(), bibtex_file(), csljson_file()))
def test_publication_entries_with_arbitrary_fields(page):
    suffix, text = page
    run_both_formats("page" + suffix, text.encode("utf-8"))
