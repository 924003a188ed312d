"""The audit trail: one row per matching or enrichment decision, written as JSON lines or CSV.

Stages append rows while they work; the CLI writes them out with ``--report FILE``.
"""
from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass, field
from typing import IO


@dataclass
class Decision:
    """One decision: which stage made it, about what, by which rule, and the evidence."""

    stage: str  # "merge" or "enrich"
    outcome: str  # e.g. "merged", "kept apart", "matched", "no confident match", "failed"
    rule: str  # the rule that decided, in words a user can check
    left: str  # the first mention or record ("title — file:line")
    right: str = ""  # the second mention, or the Crossref candidate
    scores: dict = field(default_factory=dict)


class Report:
    """Collects decisions; cheap enough to pass everywhere (a disabled report drops rows)."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.decisions: list[Decision] = []

    def add(self, stage: str, outcome: str, rule: str, left: str, right: str = "", **scores) -> None:
        if self.enabled:
            self.decisions.append(Decision(stage, outcome, rule, left, right, scores))

    def write(self, fp: IO[str], fmt: str = "jsonl") -> None:
        if fmt == "csv":
            writer = csv.writer(fp)
            writer.writerow(["stage", "outcome", "rule", "left", "right", "scores"])
            for d in self.decisions:
                writer.writerow([d.stage, d.outcome, d.rule, d.left, d.right,
                                 json.dumps(d.scores, ensure_ascii=False, sort_keys=True)])
        else:
            for d in self.decisions:
                fp.write(json.dumps(asdict(d), ensure_ascii=False, sort_keys=True) + "\n")
