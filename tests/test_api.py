"""The library API the CLI wraps: read -> merge -> write, usable without the command line."""
from __future__ import annotations

import io
import json
from pathlib import Path

import bibtexparser
import pytest
from click.testing import CliRunner

import pubexport
from pubexport.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"


def test_read_merge_write_on_the_examples():
    mentions = pubexport.read([EXAMPLES])
    records = pubexport.merge(mentions)
    assert len(records) < len(mentions)  # co-authored papers appear on several pages
    shared = next(r for r in records if r.title.startswith("Self-Supervised Depth Completion"))
    assert {Path(s.path).name for s in shared.sources} == {"maria-okafor.md", "jun-tanaka.html", "lena-fischer.txt"}
    assert shared.arxiv == "2403.01234"
    assert shared.year == 2024

    bib, csl = io.StringIO(), io.StringIO()
    pubexport.write_bibtex(records, bib)
    pubexport.write_csljson(records, csl)
    library = bibtexparser.parse_string(bib.getvalue())
    items = json.loads(csl.getvalue())
    assert len(library.entries) == len(items) == len(records)
    assert sorted(e.key for e in library.entries) == sorted(i["id"] for i in items)


def test_public_functions_stay_functions_after_their_stages_are_imported():
    pubexport.merge(pubexport.read([EXAMPLES / "lena-fischer.txt"]))
    pubexport.enrich([], use_cache=False)  # nothing to look up: imports the stage, asks nothing
    for name in ("read", "merge", "enrich", "write_bibtex", "write_csljson"):
        assert callable(getattr(pubexport, name)), name


def test_examples_outputs_are_what_the_tool_writes_now(monkeypatch):
    """examples/refs.bib and refs.json are regenerated whenever the tool's output changes:
    `pubexport examples/profiles -o examples/refs.bib` (and `-o examples/refs.json`) from the repo root."""
    monkeypatch.chdir(EXAMPLES.parent.parent)
    records = pubexport.merge(pubexport.read(["examples/profiles"]))
    bib, csl = io.StringIO(), io.StringIO()
    pubexport.write_bibtex(records, bib)
    pubexport.write_csljson(records, csl)
    assert (EXAMPLES.parent / "refs.bib").read_text(encoding="utf-8") == bib.getvalue()
    assert json.loads((EXAMPLES.parent / "refs.json").read_text(encoding="utf-8")) == json.loads(csl.getvalue())


SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def test_seed_pages_give_the_same_records_in_both_formats_each_titled_and_traced_to_a_seed(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    for name in ("refs.bib", "refs.json"):
        result = CliRunner().invoke(main, [str(SEEDS), "-o", str(tmp_path / name), "--quiet"])
        assert result.exit_code == 0, result.output
    entries = bibtexparser.parse_string((tmp_path / "refs.bib").read_text(encoding="utf-8")).entries
    items = json.loads((tmp_path / "refs.json").read_text(encoding="utf-8"))
    seed_names = {p.name for p in SEEDS.iterdir()}
    assert len(entries) == len(items) > 0
    for item in items:
        assert item["title"].strip()
        assert item["custom"]["sources"]
        assert all(Path(s.rsplit(":", 1)[0]).name in seed_names for s in item["custom"]["sources"])
