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


def model_file(name: str) -> str:
    """The path of the model file ``name``: in the directory ``PUBEXPORT_MODEL_DIR`` names, else
    the package's own; looked up once per value of the variable (the field model asks for every
    entry, the finder's for every page)."""
    return _model_file(name, os.environ.get(MODEL_DIR_VARIABLE) or "")


@lru_cache(maxsize=16)
def _model_file(name: str, override: str) -> str:
    folder = Path(override) if override else Path(str(resources.files("pubexport") / "data"))
    return str(folder / name)
