"""Re-runs into an existing output: keys never change, hand edits are kept and reported, and the
summary says what changed. Pages, people and papers here are fictional."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

import pubexport
from pubexport.cli import main
from pubexport.rerun import BibliographyError, parse_existing, reconcile
from pubexport.report import Report

# Three papers by one first author in one year whose keys share a base: li2023learning{a,b,...}.
GRAPHS = "- Wei Li, Ana Diaz. **Learning Graphs Fast.** NeurIPS 2023."
RANK = "- Wei Li, Bo Chen. **Learning to Rank Things Across Many Lists.** ICML 2023. doi:10.5555/rank.2023"
TIDES = "- Wei Li. **Tidal Models of Coastal Erosion.** Journal of Coastal Research, 2021."
ALPHA = "- Wei Li, Jun Park. **Learning Alpha Channels for Matting.** CVPR 2023."


def page(*entries: str) -> str:
    return "# Publications\n\n" + "\n".join(entries) + "\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def keys_of(path: Path) -> dict[str, str]:
    """title -> key of every entry of a .bib or CSL-JSON file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return {item["title"]: item.get("citation-key") or item["id"] for item in json.loads(text)}
    keys = {}
    for key, body in re.findall(r"@\w+\{([^,]+),(.*?)\n\}", text, re.S):
        keys[re.search(r"title = [{\"](.*?)[}\"],?\n", body).group(1).replace("{", "").replace("}", "")] = key
    return keys


@pytest.fixture
def site(tmp_path):
    """A folder with one page, and the path of the bibliography a first run wrote from it."""
    def make(*entries: str, out: str = "refs.bib") -> Path:
        (tmp_path / "pages").mkdir(exist_ok=True)
        (tmp_path / "pages" / "li.md").write_text(page(*entries), encoding="utf-8")
        target = tmp_path / out
        if not target.exists():
            result = run(tmp_path / "pages", "-o", target)
            assert result.exit_code == 0, result.output
        return target
    return make


def rerun(site_path: Path, *options: str):
    result = run(site_path.parent / "pages", "-o", site_path, *options)
    assert result.exit_code == 0, result.output
    return result


def test_unchanged_pages_leave_the_file_byte_identical_and_say_no_changes(site):
    for out in ("refs.bib", "refs.json"):
        path = site(GRAPHS, RANK, TIDES, out=out)
        before = path.read_bytes()
        result = rerun(path)
        assert path.read_bytes() == before
        assert f"{path}: no changes" in result.stderr
        assert not Path(str(path) + "~").exists()


def test_adding_a_paper_keeps_every_key_and_gives_the_new_one_an_unused_key(site):
    path = site(GRAPHS, RANK, TIDES)
    assert keys_of(path) == {"Learning Graphs Fast": "li2023learninga",
                             "Learning to Rank Things Across Many Lists": "li2023learningb",
                             "Tidal Models of Coastal Erosion": "li2021tidal"}
    site(ALPHA, GRAPHS, RANK, TIDES)  # a fresh run would now call it li2023learninga and shift the others
    result = rerun(path)
    assert keys_of(path) == {"Learning Graphs Fast": "li2023learninga",
                             "Learning to Rank Things Across Many Lists": "li2023learningb",
                             "Tidal Models of Coastal Erosion": "li2021tidal",
                             "Learning Alpha Channels for Matting": "li2023learningc"}
    assert f"{path}: added 1, updated 0, kept 0 no longer listed" in result.stderr


def test_removing_a_paper_keeps_its_entry_and_the_other_keys_until_prune(site):
    path = site(GRAPHS, RANK, TIDES)
    site(RANK, TIDES)  # a fresh run would now call the rank paper li2023learning
    result = rerun(path)
    assert keys_of(path)["Learning to Rank Things Across Many Lists"] == "li2023learningb"
    assert "Learning Graphs Fast" in keys_of(path)
    assert f"{path}: no changes; kept 1 no longer listed" in result.stderr
    result = rerun(path, "--prune")
    assert keys_of(path) == {"Learning to Rank Things Across Many Lists": "li2023learningb",
                             "Tidal Models of Coastal Erosion": "li2021tidal"}
    assert f"{path}: added 0, updated 0, pruned 1 no longer listed, kept 0 no longer listed" in result.stderr
    assert "@inproceedings{li2023learninga," in Path(str(path) + "~").read_text(encoding="utf-8")


def test_a_renamed_title_keeps_the_key_and_the_old_title_until_refresh(site):
    path = site(GRAPHS, RANK, TIDES)
    site(GRAPHS, RANK.replace("Many Lists", "Many Ranked Lists"), TIDES)
    result = rerun(path)
    assert keys_of(path)["Learning to Rank Things Across Many Lists"] == "li2023learningb"
    assert "kept 1 hand-edited value (title; --refresh takes the pages')" in result.stderr
    result = rerun(path, "--refresh")
    assert keys_of(path)["Learning to Rank Things Across Many Ranked Lists"] == "li2023learningb"
    assert f"{path}: added 0, updated 1 (title), kept 0 no longer listed" in result.stderr


def test_hand_edits_in_the_bib_are_kept_and_reported_and_refresh_keeps_fields_only_the_file_has(site, tmp_path):
    path = site(GRAPHS, RANK, TIDES)
    text = path.read_text(encoding="utf-8")
    text = text.replace("title = {Tidal Models of Coastal Erosion}",
                        "title = {Tidal Models of Coastal Erosion, Revised}")
    text = text.replace("  author = {Li, Wei and Diaz, Ana},\n", "  author = {Li, Wei and Diaz, Ana},\n"
                        "  note = {Best paper award},\n  doi = {10.5555/graphs},\n")
    path.write_text(text, encoding="utf-8")
    report = tmp_path / "decisions.jsonl"
    result = rerun(path, "--report", report)
    assert path.read_text(encoding="utf-8") == text
    assert f"{path}: no changes; kept 1 hand-edited value (title;" in result.stderr
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    [edit] = [r for r in rows if r["outcome"] == "hand edit kept"]
    assert edit["scores"] == {"field": "title", "kept": "Tidal Models of Coastal Erosion, Revised",
                              "pages": "Tidal Models of Coastal Erosion"}
    assert edit["left"].startswith("li2021tidal: Tidal Models of Coastal Erosion, Revised — ")
    assert edit["right"].startswith("Tidal Models of Coastal Erosion — ") and edit["right"].endswith("li.md:5")
    assert {r["outcome"] for r in rows if r["stage"] == "update"} == {"key kept", "hand edit kept"}

    result = rerun(path, "--refresh")
    refreshed = path.read_text(encoding="utf-8")
    assert "title = {Tidal Models of Coastal Erosion}," in refreshed
    assert "note = {Best paper award}" in refreshed and "doi = {10.5555/graphs}" in refreshed
    assert keys_of(path)["Tidal Models of Coastal Erosion"] == "li2021tidal"
    assert f"{path}: added 0, updated 1 (title), kept 0 no longer listed" in result.stderr
    assert Path(str(path) + "~").read_text(encoding="utf-8") == text


def test_fields_the_pages_add_fill_gaps_in_the_entry(site):
    path = site(GRAPHS, RANK.replace(" doi:10.5555/rank.2023", ""), TIDES)
    site(GRAPHS, RANK, TIDES)
    result = rerun(path)
    entry = path.read_text(encoding="utf-8").split("@inproceedings{li2023learningb,")[1].split("\n}")[0]
    assert "  year = {2023},\n  doi = {10.5555/rank.2023}," in entry
    assert f"{path}: added 0, updated 1 (doi), kept 0 no longer listed" in result.stderr


def test_changing_the_input_order_changes_nothing(tmp_path):
    for name, entries in (("a.md", (GRAPHS, TIDES)), ("b.md", (RANK, ALPHA))):
        (tmp_path / "pages").mkdir(exist_ok=True)
        (tmp_path / "pages" / name).write_text(page(*entries), encoding="utf-8")
    pages = tmp_path / "pages"
    for out in ("refs.bib", "refs.json"):
        target = tmp_path / out
        assert run(pages / "a.md", pages / "b.md", "-o", target).exit_code == 0
        before = target.read_bytes()
        result = run(pages / "b.md", pages / "a.md", "-o", target)
        assert result.exit_code == 0, result.output
        assert target.read_bytes() == before
        assert f"{target}: no changes" in result.stderr


def test_dry_run_prints_the_summary_and_writes_nothing(site, tmp_path):
    path = site(GRAPHS, TIDES)
    before = path.read_bytes()
    site(GRAPHS, RANK)
    result = rerun(path, "--dry-run")
    assert path.read_bytes() == before
    assert not Path(str(path) + "~").exists()
    assert f"{path}: dry run, nothing written; added 1, updated 0, kept 1 no longer listed" in result.stderr
    fresh = tmp_path / "fresh.bib"
    result = run(tmp_path / "pages", "-o", fresh, "--dry-run")
    assert result.exit_code == 0 and not fresh.exists()
    assert f"{fresh}: dry run, nothing written; added 2, updated 0, kept 0 no longer listed" in result.stderr


def test_a_change_keeps_a_backup_of_the_old_file_unless_no_backup(site):
    path = site(GRAPHS)
    before = path.read_bytes()
    site(GRAPHS, RANK)
    rerun(path)
    backup = Path(str(path) + "~")
    assert backup.read_bytes() == before
    backup.unlink()
    site(GRAPHS, RANK, TIDES)
    rerun(path, "--no-backup")
    assert not backup.exists()
    assert len(keys_of(path)) == 3


def test_the_backup_inside_the_input_folder_is_not_read_as_a_page(tmp_path):
    (tmp_path / "li.md").write_text(page(GRAPHS), encoding="utf-8")
    out = tmp_path / "refs.bib"
    assert run(tmp_path, "-o", out).exit_code == 0
    (tmp_path / "li.md").write_text(page(GRAPHS, RANK), encoding="utf-8")
    assert run(tmp_path, "-o", out).exit_code == 0
    (tmp_path / "li.md").write_text(page(GRAPHS, RANK, TIDES), encoding="utf-8")
    result = run(tmp_path, "-o", out)
    assert "1 files read" in result.stderr and f"{out}: added 1," in result.stderr


def test_csl_json_rerun_keeps_keys_and_hand_edits(site):
    path = site(GRAPHS, RANK, out="refs.json")
    items = json.loads(path.read_text(encoding="utf-8"))
    items[0]["note"] = "my own note"
    items[1]["title"] = "Learning to Rank Things Across Many Lists (corrected)"
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")
    site(ALPHA, GRAPHS, RANK)
    result = rerun(path)
    assert keys_of(path) == {"Learning Graphs Fast": "li2023learninga",
                             "Learning to Rank Things Across Many Lists (corrected)": "li2023learningb",
                             "Learning Alpha Channels for Matting": "li2023learningc"}
    assert json.loads(path.read_text(encoding="utf-8"))[0]["note"] == "my own note"
    assert "added 1, updated 2 (custom.sources), kept 0 no longer listed" in result.stderr
    assert "(title; --refresh" in result.stderr


def test_an_existing_output_that_is_not_csl_json_is_left_alone(site, tmp_path):
    path = tmp_path / "refs.json"
    path.write_text('{"not": "a bibliography"', encoding="utf-8")
    site(GRAPHS)
    result = run(tmp_path / "pages", "-o", path)
    assert result.exit_code == 2
    assert "the existing file is not a CSL-JSON array of items; it is left as it is" in result.stderr
    assert path.read_text(encoding="utf-8") == '{"not": "a bibliography"'


# --- files written by Zotero and Better BibTeX ----------------------------------------------------

ZOTERO_BIB = """
@inproceedings{li_learning_2023,
\taddress = {Honolulu},
\ttitle = {Learning {Graphs} {Fast}},
\tbooktitle = {Proceedings of the 37th {Conference} on {Neural} {Information} {Processing} {Systems}},
\tauthor = {Li, Wei and Diaz, Ana},
\tmonth = dec,
\tyear = {2023},
\tkeywords = {graphs, speed},
\tfile = {Full Text:/home/wei/Zotero/storage/AB12CD34/Li - 2023.pdf:application/pdf},
\tabstract = {We learn graphs, fast.},
}

@article{li_tidal_2021,
\ttitle = {Tidal models of coastal erosion},
\tvolume = {37},
\tjournal = {Journal of Coastal Research},
\tauthor = {Li, Wei},
\tyear = {2021},
\tpages = {1--12},
}

@book{okafor_reading_2019,
\ttitle = {Reading {Tide} {Tables}},
\tpublisher = {Example Press},
\tauthor = {Okafor, Maria},
\tyear = {2019},
}
"""

BETTER_BIBTEX = """@inproceedings{li2023LearningGraphsFast,
  title = {Learning {{Graphs Fast}}},
  booktitle = {Advances in {{Neural Information Processing Systems}}},
  author = {Li, Wei and Diaz, Ana},
  date = {2023-12},
  langid = {english},
  keywords = {graphs}
}

@article{li2021TidalModelsCoastal,
  title = {Tidal {{Models}} of {{Coastal Erosion}}},
  author = {Li, Wei},
  date = {2021},
  journaltitle = {Journal of Coastal Research},
  volume = {37},
  pages = {1--12},
  langid = {english}
}
"""


@pytest.mark.parametrize("written", [ZOTERO_BIB, BETTER_BIBTEX], ids=["zotero", "better-bibtex"])
def test_a_zotero_or_better_bibtex_file_keeps_its_keys_and_every_field(site, tmp_path, written):
    path = tmp_path / "refs.bib"
    path.write_text(written, encoding="utf-8")
    keys = re.findall(r"@\w+\{([^,]+),", written)
    site(GRAPHS, TIDES, RANK)
    result = rerun(path)
    text = path.read_text(encoding="utf-8")
    assert re.findall(r"@\w+\{([^,]+),", text) == keys + ["li2023learning"]
    assert text.startswith(written.rstrip())  # the file's own entries are untouched
    assert "added 1, updated 0, kept " in result.stderr
    assert "@inproceedings{li2023learning,\n  author = {Li, Wei and Chen, Bo}," in text
    assert rerun(path).stderr.count("no changes") == 1


def test_a_zotero_file_gets_missing_fields_filled_without_its_layout_changing_elsewhere(site, tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(ZOTERO_BIB, encoding="utf-8")
    site(GRAPHS.replace("NeurIPS 2023.", "NeurIPS 2023. doi:10.5555/graphs"), TIDES)
    result = rerun(path)
    text = path.read_text(encoding="utf-8")
    graphs, tides = text.split("@article{")
    assert "\tabstract = {We learn graphs, fast.},\n" not in graphs  # the rewritten entry uses our layout
    assert "  abstract = {We learn graphs, fast.},\n" in graphs and "  month = dec,\n" in graphs
    assert "  doi = {10.5555/graphs},\n" in graphs
    assert tides == ZOTERO_BIB.split("@article{")[1]
    assert "updated 1 (doi)" in result.stderr


ZOTERO_CSL = """[
\t{
\t\t"id": "http://zotero.org/users/1234/items/AB12CD34",
\t\t"type": "paper-conference",
\t\t"title": "Learning Graphs Fast",
\t\t"container-title": "Advances in Neural Information Processing Systems",
\t\t"author": [{"family": "Li", "given": "Wei"}, {"family": "Diaz", "given": "Ana"}],
\t\t"issued": {"date-parts": [["2023", 12]]},
\t\t"citation-key": "li2023LearningGraphsFast"
\t}
]
"""


def test_a_zotero_csl_json_file_keeps_its_ids_and_citation_keys(site, tmp_path):
    path = tmp_path / "refs.json"
    path.write_text(ZOTERO_CSL, encoding="utf-8")
    site(GRAPHS, TIDES)
    rerun(path)
    items = json.loads(path.read_text(encoding="utf-8"))
    assert [(i["id"], i.get("citation-key")) for i in items] == [
        ("http://zotero.org/users/1234/items/AB12CD34", "li2023LearningGraphsFast"),
        ("li2021tidal", "li2021tidal")]
    assert items[0]["issued"] == {"date-parts": [["2023", 12]]}


# --- the library functions --------------------------------------------------------------------

def records_of(tmp_path: Path, *entries: str):
    (tmp_path / "li.md").write_text(page(*entries), encoding="utf-8")
    return pubexport.merge(pubexport.read([tmp_path / "li.md"]))


def test_new_keys_never_reuse_a_key_the_file_holds_in_another_case_or_an_unreadable_entry(tmp_path):
    existing = parse_existing("@misc{LI2021TIDAL, title = {Something Else Entirely}, year = 1999}\n"
                              "@misc{li2023learning, title = {Unclosed\n\n", "bibtex", "refs.bib")
    records = records_of(tmp_path, TIDES, RANK)
    result = reconcile(records, existing)
    assert sorted(r.key for r in records) == ["li2021tidala", "li2023learninga"]
    assert result.count("added") == 2 and result.count("unlisted") == 1


def test_an_unreadable_bibtex_entry_is_warned_about_and_kept_as_it_is(tmp_path, caplog):
    broken = "@misc{broken, title = {Unclosed\n\n"
    existing = parse_existing(broken + "@misc{old, title = {An Old Paper}, year = 2001}\n", "bibtex", "refs.bib")
    assert "refs.bib:1: unreadable BibTeX entry kept as it is" in caplog.text
    result = reconcile(records_of(tmp_path, TIDES), existing, prune=True)
    assert result.text.startswith(broken) and "An Old Paper" not in result.text
    assert "@article{li2021tidal," in result.text


def test_an_entry_the_file_holds_twice_is_kept_twice_and_not_pruned(tmp_path):
    records = records_of(tmp_path, TIDES)
    one = "@article{tides,\n  author = {Li, Wei},\n  title = {Tidal Models of Coastal Erosion},\n  year = {2021},\n}\n"
    existing = parse_existing(one + "\n" + one.replace("{tides,", "{tides2,"), "bibtex", "refs.bib")
    result = reconcile(records, existing, prune=True)
    assert [(c.action, c.key) for c in result.changes] == [("updated", "tides"), ("duplicate", "tides2")]
    assert records[0].key == "tides"
    assert result.text.count("title = {Tidal Models of Coastal Erosion}") == 2


def test_report_rows_name_each_decision(tmp_path):
    records = records_of(tmp_path, TIDES, RANK)
    existing = parse_existing("@misc{old, title = {An Old Paper Nobody Lists}, year = 2001}\n", "bibtex", "refs.bib")
    report = Report()
    reconcile(records, existing, report=report)
    assert sorted((d.outcome, d.left.split(":")[0]) for d in report.decisions) == [
        ("added", "li2021tidal"), ("added", "li2023learning"), ("kept, no longer listed", "old")]
    added = [d for d in report.decisions if d.outcome == "added"]
    assert [d.right.split(" — ")[0] for d in added] == ["Tidal Models of Coastal Erosion",
                                                         "Learning to Rank Things Across Many Lists"]


def test_update_writes_the_file_and_the_backup_through_the_python_api(tmp_path):
    records = records_of(tmp_path, TIDES)
    path = tmp_path / "refs.bib"
    first = pubexport.update(records, path)
    assert first.written and not first.backup and first.summary() == "added 1, updated 0, kept 0 no longer listed"
    again = pubexport.update(records_of(tmp_path, TIDES, RANK), path)
    assert again.written and Path(again.backup).read_text(encoding="utf-8") == first.text
    assert pubexport.update(records_of(tmp_path, TIDES, RANK), path).summary() == "no changes"


def test_unreadable_existing_csl_json_raises_and_names_the_problem():
    with pytest.raises(BibliographyError, match="not a CSL-JSON array"):
        parse_existing("[{]", "csljson", "refs.json")


def test_a_type_that_differs_is_kept_with_its_venue_fields_until_refresh(tmp_path):
    old = ("@misc{li2023learning,\n  author = {Li, Wei and Chen, Bo},\n"
           "  title = {Learning to Rank Things Across Many Lists},\n  howpublished = {arXiv preprint},\n"
           "  year = {2023},\n}\n")
    records = records_of(tmp_path, RANK)
    kept = reconcile(records, parse_existing(old, "bibtex", "refs.bib"))
    [change] = kept.changes
    assert (change.action, change.updated) == ("updated", ["doi"])
    assert [(d.field, d.kept, d.pages) for d in change.differences] == [("type", "misc", "inproceedings")]
    assert "@misc{li2023learning," in kept.text and "booktitle" not in kept.text
    refreshed = reconcile(records_of(tmp_path, RANK), parse_existing(old, "bibtex", "refs.bib"), refresh=True)
    assert refreshed.text == (
        "@inproceedings{li2023learning,\n  author = {Li, Wei and Chen, Bo},\n"
        "  title = {Learning to Rank Things Across Many Lists},\n"
        "  booktitle = {International Conference on Machine Learning ({ICML})},\n  year = {2023},\n"
        "  doi = {10.5555/rank.2023},\n}\n")
    assert refreshed.changes[0].updated == ["type", "howpublished", "booktitle", "doi"]


@pytest.mark.parametrize("gone", [0, 1, 2])
def test_pruning_csl_json_items_leaves_valid_json(tmp_path, gone):
    titles = ["Learning Graphs Fast", "Learning to Rank Things Across Many Lists", "Tidal Models of Coastal Erosion"]
    entries = [GRAPHS, RANK, TIDES]
    out = io.StringIO()
    pubexport.write_csljson(records_of(tmp_path, *entries), out)
    for layout in (out.getvalue(), json.dumps(json.loads(out.getvalue()), indent=2)):
        listed = [e for k, e in enumerate(entries) if k != gone]
        result = reconcile(records_of(tmp_path, *listed), parse_existing(layout, "csljson", "refs.json"), prune=True)
        assert [i["title"] for i in json.loads(result.text)] == [t for k, t in enumerate(titles) if k != gone]


def test_page_owners_follow_the_pages_and_are_no_hand_edit(tmp_path):
    old = ("@article{li2021tidal,\n  author = {Li, Wei},\n  title = {Tidal Models of Coastal Erosion},\n"
           "  journal = {Journal of Coastal Research},\n  year = {2021},\n  pageowner = {Someone Else},\n}\n")
    records = records_of(tmp_path, TIDES)
    records[0].owners = ["Wei Li"]
    result = reconcile(records, parse_existing(old, "bibtex", "refs.bib"))
    [change] = result.changes
    assert (change.updated, change.differences) == (["pageowner"], [])
    assert "  pageowner = {Wei Li},\n" in result.text
    records[0].owners = []
    result = reconcile(records, parse_existing(old, "bibtex", "refs.bib"))
    assert result.changes[0].updated == ["pageowner"] and "pageowner" not in result.text


def test_a_csl_json_item_without_an_id_gets_a_new_one_and_keeps_its_fields(tmp_path):
    old = '[{"type": "article-journal", "title": "Tidal Models of Coastal Erosion", "note": "mine"}]'
    result = reconcile(records_of(tmp_path, TIDES), parse_existing(old, "csljson", "refs.json"))
    [item] = json.loads(result.text)
    assert (item["id"], item["note"], item["container-title"]) == ("li2021tidal", "mine", "Journal of Coastal Research")
    assert "citation-key" not in item


@pytest.mark.parametrize("fmt", ["bibtex", "csljson"])
@pytest.mark.parametrize("ascii_only", [False, True])
def test_every_entry_type_and_sharp_edge_rerun_into_its_own_output_changes_nothing(fmt, ascii_only):
    from output_records import sample_records

    out = io.StringIO()
    if fmt == "bibtex":
        pubexport.write_bibtex(sample_records(), out, ascii_only=ascii_only)
    else:
        pubexport.write_csljson(sample_records(), out)
    records = sample_records()
    records.reverse()
    result = reconcile(records, parse_existing(out.getvalue(), fmt, "refs"), ascii_only=ascii_only)
    assert (result.summary(), result.text) == ("no changes", out.getvalue())
    assert {c.action for c in result.changes} == {"unchanged"}


def test_a_file_written_with_ascii_escapes_reruns_without_them_unchanged():
    from output_records import sample_records

    out = io.StringIO()
    pubexport.write_bibtex(sample_records(), out, ascii_only=True)
    result = reconcile(sample_records(), parse_existing(out.getvalue(), "bibtex", "refs.bib"))
    assert result.summary() == "no changes"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sets(st.integers(0, 12)), st.randoms(use_true_random=False)), min_size=1, max_size=5),
       st.sampled_from(["bibtex", "csljson"]), st.booleans())
def test_keys_never_change_and_never_pass_to_another_work_over_any_sequence_of_runs(runs, fmt, prune):
    """Each run lists some of the sample works in some order; a key, once given, stays with its work
    (with --prune, until the work is pruned: the file then holds its key no more)."""
    from output_records import sample_records

    existing = parse_existing("", fmt, "refs")
    key_of: dict[str, str] = {}
    for listed, rng in runs:
        records = [r for k, r in enumerate(sample_records()) if k in listed]
        rng.shuffle(records)
        result = reconcile(records, existing, prune=prune)
        for record in records:
            assert key_of.setdefault(record.title, record.key) == record.key
        assert len(set(key_of.values())) == len(key_of)
        if prune:
            key_of = {r.title: r.key for r in records}
        existing = parse_existing(result.text, fmt, "refs")
        assert len({e.key for e in existing.entries}) == len(existing.entries)
