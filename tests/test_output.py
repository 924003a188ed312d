"""Atomic output: an existing file is replaced only by a complete new one."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from pubexport.output import atomic_write

OLD = "@misc{old,\n  title = {The old bibliography},\n}\n"


def test_new_content_replaces_the_old_file_and_keeps_its_mode(tmp_path):
    target = tmp_path / "refs.bib"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o640)
    with atomic_write(target) as fp:
        fp.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["refs.bib"]


def test_failure_mid_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "refs.bib"
    target.write_text(OLD, encoding="utf-8")
    with pytest.raises(OSError), atomic_write(target) as fp:
        fp.write("half a bibliogra")
        raise OSError(28, "No space left on device")
    assert target.read_text(encoding="utf-8") == OLD
    assert os.listdir(tmp_path) == ["refs.bib"]


def test_interrupt_mid_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "refs.bib"
    target.write_text(OLD, encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_write(target) as fp:
        fp.write("half")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == OLD


def test_a_symlinked_target_is_written_through_and_the_link_kept(tmp_path):
    real = tmp_path / "synced" / "refs.bib"
    real.parent.mkdir()
    real.write_text(OLD, encoding="utf-8")
    link = tmp_path / "refs.bib"
    link.symlink_to(real)
    with atomic_write(link) as fp:
        fp.write("new\n")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"


KILLED_WRITER = """
import sys, time
from pubexport.output import atomic_write
with atomic_write(sys.argv[1]) as fp:
    fp.write("x" * 1_000_000)
    fp.flush()
    print("writing", flush=True)
    time.sleep(60)
"""


def test_process_killed_while_writing_leaves_the_old_file(tmp_path):
    target = tmp_path / "refs.bib"
    target.write_text(OLD, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)], stdout=subprocess.PIPE)
    try:
        assert proc.stdout.readline() == b"writing\n"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
        proc.stdout.close()
    assert target.read_text(encoding="utf-8") == OLD
    leftovers = [name for name in os.listdir(tmp_path) if name != "refs.bib"]
    assert all(name.startswith(".refs.bib.") for name in leftovers)  # hidden: never read as input
