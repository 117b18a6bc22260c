"""Metrics: each a small function whose docstring is its definition."""

from __future__ import annotations

import math
from collections.abc import Sequence


def recall_at_k(ranking: Sequence[str], gold: Sequence[str], k: int) -> float:
    """Share of the gold papers found among the first k results (|gold ∩ top-k| / |gold|)."""
    if not gold:
        return float("nan")
    return len(set(ranking[:k]) & set(gold)) / len(set(gold))


def reciprocal_rank(ranking: Sequence[str], gold: Sequence[str]) -> float:
    """1 / rank of the first gold paper in the ranking (0 when none is retrieved)."""
    gold_set = set(gold)
    for rank, item in enumerate(ranking, start=1):
        if item in gold_set:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranking: Sequence[str], gold: Sequence[str], k: int) -> float:
    """Binary-relevance nDCG@k: sum 1/log2(rank+1) over gold hits in the top k, divided by the
    same sum for an ideal ranking that puts min(|gold|, k) gold papers first."""
    gold_set = set(gold)
    if not gold_set:
        return float("nan")
    dcg = sum(1.0 / math.log2(rank + 1) for rank, item in enumerate(ranking[:k], start=1) if item in gold_set)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(gold_set), k) + 1))
    return dcg / ideal


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean ignoring NaN (a metric undefined for a question); NaN when nothing is left."""
    kept = [v for v in values if not math.isnan(v)]
    return sum(kept) / len(kept) if kept else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def retrieval_scores(ranking: Sequence[str], gold: Sequence[str]) -> dict[str, float]:
    """The four retrieval metrics for one question."""
    return {
        "recall@5": recall_at_k(ranking, gold, 5),
        "recall@10": recall_at_k(ranking, gold, 10),
        "mrr": reciprocal_rank(ranking, gold) if gold else float("nan"),
        "ndcg@10": ndcg_at_k(ranking, gold, 10),
    }
