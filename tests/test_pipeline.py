"""pipeline.read: many files are read by worker processes with the same result as one process."""
from __future__ import annotations

import logging

from pubexport import pipeline

PAGE = """# Publications
- [1] A. Author{n} and B. Writer. "Fictional Study Number {n} of Parallel Reading." In CVPR, 2021.
- [2] C. Coder and **D. Owner{n}**. "A Second Fictional Paper on Page {n}." In ICCV, 2022.
"""


def make_folder(tmp_path, pages: int):
    folder = tmp_path / "profiles"
    folder.mkdir()
    for n in range(pages):
        (folder / f"page{n:03d}.md").write_text(PAGE.format(n=n), encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    return folder


def test_worker_processes_give_the_same_mentions_and_warnings_in_order(tmp_path, caplog):
    folder = make_folder(tmp_path, pipeline.PARALLEL_MIN_FILES + 10)
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        alone = pipeline.read([folder], workers=1)
        alone_warnings = [r.getMessage() for r in caplog.records]
        caplog.clear()
        shared = pipeline.read([folder], workers=2)
        shared_warnings = [r.getMessage() for r in caplog.records]
    assert len(alone) == 2 * (pipeline.PARALLEL_MIN_FILES + 10)
    assert shared == alone
    assert shared_warnings == alone_warnings
    assert any("photo.png" in w for w in shared_warnings)


def test_on_file_is_called_once_per_file_in_order_when_workers_read(tmp_path):
    folder = make_folder(tmp_path, pipeline.PARALLEL_MIN_FILES + 1)
    seen = []
    pipeline.read([folder], workers=2, on_file=lambda path, found: seen.append((path, found)))
    assert [p for p, _ in seen] == sorted(p for p, _ in seen)
    assert seen[-1][1] is None  # photo.png, skipped
    assert {found for _, found in seen[:-1]} == {2}


def test_a_coauthor_venue_and_year_recurring_across_pages_are_held_once(tmp_path):
    folder = make_folder(tmp_path, pipeline.PARALLEL_MIN_FILES + 1)
    mentions = pipeline.read([folder], workers=2)  # each page read in a worker, sent back apart
    writers = [p for m in mentions for p in m.authors if p.family == "Writer"]
    assert len(writers) == pipeline.PARALLEL_MIN_FILES + 1
    assert len({id(p) for p in writers}) == 1
    first = [m for m in mentions if m.venue_acronym == "CVPR" or m.venue == "CVPR"]
    assert len({id(m.venue or m.venue_acronym) for m in first}) == 1
    assert len({id(m.year) for m in mentions if m.year == 2021}) == 1
