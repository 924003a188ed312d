"""Write an output file so that an existing one is only replaced once the new one is complete."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike) -> Iterator[IO[str]]:
    """Yield a text file in the target's folder; on success fsync it and rename it over the target.

    If the body raises (or the process dies), the temporary file is removed (or, after a kill,
    left as a hidden ``.NAME.*.tmp``) and the old target is left exactly as it was. A target that
    is a symbolic link is written through: the file it points to is replaced, the link kept.
    """
    target = Path(os.path.realpath(path))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fp:
            yield fp
            fp.flush()
            os.fsync(fp.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_folder(target.parent)


def write_backup(path: str | os.PathLike, suffix: str = "~") -> Path:
    """Copy the file at ``path`` byte for byte to ``path`` + ``suffix`` (``refs.bib~``), atomically,
    before the file itself is replaced; returns the backup's path."""
    backup = Path(os.fspath(path) + suffix)
    with open(os.path.realpath(path), "rb") as source:
        data = source.read()
    target = Path(os.path.realpath(backup))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fp:
            fp.write(data)
            fp.flush()
            os.fsync(fp.fileno())
        shutil.copymode(os.path.realpath(path), tmp_name)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return backup


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
