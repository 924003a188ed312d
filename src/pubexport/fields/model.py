"""The field model: label an entry's tokens with the trained CRF, then read the labelled spans
into a mention's fields (title, authors, venue, year; identifiers and links from the whole entry).

The model file is ``fields.crfsuite`` in the directory named by ``PUBEXPORT_MODEL_DIR`` when set
(cross-validation fits one model per fold), else the one shipped in ``pubexport/data``.
``training/build_fields.py`` makes it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from ..modelfiles import model_file
from .align import find_span, fold
from .features import entry_features
from .tokens import Token, tokenise

MODEL_FILE = "fields.crfsuite"
# punctuation inside a field's run does not end it
JOINERS = frozenset(",.:;-–—&()[]\"'“”‘’/")
# labels that may stand inside a venue run (``SOSP 2021``, ``Ann. of Math. 12 (2019), 1-20``)
VENUE_INNER = frozenset({"year", "volume", "issue", "pages", "note"})
# how close a parsed value must be to a stretch of the entry to be found in it (rapidfuzz 0-100)
TEXT_MIN_SCORE = 85


@lru_cache(maxsize=4)
def _tagger(path: str) -> pycrfsuite.Tagger | None:
    if not Path(path).is_file():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def available() -> bool:
    return _tagger(model_file(MODEL_FILE)) is not None


# labels whose per-token probability a reading keeps (parser.combine weighs the rules' title by the
# author's; each costs a call per token)
MARGINAL_LABELS = ("author",)


@dataclass
class LabelledEntry:
    tokens: list[Token]
    plain: str
    labels: list[str]
    # label -> the model's probability of that label at each token
    marginals: dict[str, list[float]] = field(default_factory=dict)

    def run(self, label: str, inner: frozenset[str] = frozenset()) -> str:
        """The plain text of the first run of ``label`` tokens (punctuation and ``inner`` labels
        inside the run kept), or the empty string."""
        start = end = None
        for token, tag in zip(self.tokens, self.labels):
            if tag == label:
                if start is None:
                    start = token.start
                end = token.end
            elif start is not None and not (token.text in JOINERS or tag in inner):
                break
        return " ".join(self.plain[start:end].split()) if start is not None else ""

    def tokens_of(self, text: str) -> list[int]:
        """Indexes of the word tokens (punctuation aside) that a piece of the entry's text covers,
        found as align finds field values; empty when the text is not there."""
        span = find_span(text, fold(self.plain), TEXT_MIN_SCORE)
        if span is None:
            return []
        return [i for i, t in enumerate(self.tokens)
                if span[0] <= (t.start + t.end) / 2 < span[1] and any(c.isalnum() for c in t.text)]

    def first(self, label: str) -> str:
        return next((t.text for t, tag in zip(self.tokens, self.labels) if tag == label), "")


def label_entry(text: str) -> LabelledEntry | None:
    """The entry's tokens and their labels; None when no model is installed or nothing to label."""
    path = model_file(MODEL_FILE)
    tagger = _tagger(path)
    tokens, plain = tokenise(text)
    if tagger is None or not tokens:
        return None
    labels = tagger.tag(entry_features(tokens))
    marginals = {label: [tagger.marginal(label, i) for i in range(len(tokens))] for label in _marginal_labels(path)}
    return LabelledEntry(tokens, plain, labels, marginals)


@lru_cache(maxsize=4)
def _marginal_labels(path: str) -> tuple[str, ...]:
    """The ``MARGINAL_LABELS`` the model at ``path`` knows."""
    known = set(_tagger(path).labels())
    return tuple(label for label in MARGINAL_LABELS if label in known)
