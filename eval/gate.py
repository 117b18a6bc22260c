"""The CI gate: measured metrics against the floors in settings.eval.thresholds.

A threshold key is a dotted path into {"extractive": summary, "llm": summary}, e.g.
"extractive.retrieval.recall@10" or "llm.by_type.fact.citation.recall". Most metrics are
floors (measured >= threshold). The metrics where lower is better (`LOWER_IS_BETTER`) are
ceilings (measured <= threshold). A metric that was not measured (missing, or NaN because no
question of the run defines it) fails: a gate must never pass by measuring nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LOWER_IS_BETTER = frozenset({"abstention.false_rate", "answer.fallback_rate", "answer.authors_voice", "answer.misnamed"})


@dataclass(frozen=True)
class GateFailure:
    key: str
    measured: float | None  # None: not measured
    threshold: float
    ceiling: bool

    def line(self) -> str:
        if self.measured is None:
            return f"{self.key}: not measured (threshold {self.threshold:g}); does the run include questions that define it?"
        relation = "above the ceiling" if self.ceiling else "below the floor"
        return f"{self.key}: {self.measured:.3f} is {relation} {self.threshold:g}"


def lookup(metrics: Mapping[str, Any], key: str) -> float | None:
    """The value at a dotted path, or None when it is missing or NaN."""
    node: Any = metrics
    for part in key.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    if not isinstance(node, (int, float)) or math.isnan(node):
        return None
    return float(node)


def is_ceiling(key: str) -> bool:
    return any(key.endswith(metric) for metric in LOWER_IS_BETTER)


def gate_failures(metrics: Mapping[str, Any], thresholds: Mapping[str, float]) -> list[GateFailure]:
    """Every threshold the measured metrics miss, in the order of `thresholds`; empty = pass."""
    failures = []
    for key, threshold in thresholds.items():
        measured = lookup(metrics, key)
        ceiling = is_ceiling(key)
        if measured is None or (measured > threshold if ceiling else measured < threshold):
            failures.append(GateFailure(key, measured, threshold, ceiling))
    return failures
