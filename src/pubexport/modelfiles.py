"""Where the package's fitted models live: ``PUBEXPORT_MODEL_DIR`` when set, else ``pubexport/data``.

Every trained model has a builder, ``training/build_<name>.py`` at the repository root, that writes
its file into ``src/pubexport/data/``; the benchmark's cross-validation builds each model into a
temporary directory without one fold's pages and points ``PUBEXPORT_MODEL_DIR`` at it.
"""
from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

MODEL_DIR_VARIABLE = "PUBEXPORT_MODEL_DIR"


def model_dir() -> Path:
    """The directory models are read from now (the variable is read on every call)."""
    override = os.environ.get(MODEL_DIR_VARIABLE)
    if override:
        return Path(override)
    return _shipped_dir()


def model_file(name: str) -> str:
    """``model_dir() / name`` as a string, looked up once per value of the variable (the field
    model asks for every entry, the finder's for every page)."""
    return _model_file(name, os.environ.get(MODEL_DIR_VARIABLE) or "")


@lru_cache(maxsize=16)
def _model_file(name: str, override: str) -> str:
    return str((Path(override) if override else _shipped_dir()) / name)


@lru_cache(maxsize=1)
def _shipped_dir() -> Path:
    """The package's own data directory (looked up once: the field model asks for every entry)."""
    return Path(str(resources.files("pubexport") / "data"))
