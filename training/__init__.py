"""Builders of the package's fitted models, one module per model (``build_<name>.py``).

Each exposes ``build(out_dir: pathlib.Path, exclude: set[str]) -> None``: fit the model on every
labelled source except the corpus pages named in ``exclude`` and write its file(s) into
``out_dir``. Run as a script, a builder writes into ``src/pubexport/data/``. The corpus benchmark
(``benchmarks/corpus_scores.py --folds K``) builds every model of ``BUILDERS`` once per fold.
"""
from __future__ import annotations

# module names under training/, in build order
BUILDERS: list[str] = ["build_fields", "build_finder"]  # the finder reads the field parser's output
