"""The library API the CLI wraps: read -> merge -> write, usable without the command line."""
from __future__ import annotations

import io
import json
from pathlib import Path

import bibtexparser

import pubexport

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
