"""Fuse a dense and a keyword ranking of chunks into one.

Two methods, chosen by settings: a convex combination of min-max normalised scores
(Bruch et al. 2022 found a tuned one beats RRF), and reciprocal-rank fusion. The weight
was chosen on the development questions only (see README, "Retrieval").
"""

from __future__ import annotations

from collections.abc import Sequence


def _min_max(scores: dict[str, float]) -> dict[str, float]:
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    if high - low < 1e-12:
        return {key: 1.0 for key in scores}
    return {key: (value - low) / (high - low) for key, value in scores.items()}


def convex_fusion(dense: Sequence[tuple[str, float]], keyword: Sequence[tuple[str, float]], dense_weight: float) -> dict[str, float]:
    """w * norm(dense) + (1 - w) * norm(bm25); a chunk missing from a list gets 0 there."""
    dense_norm, keyword_norm = _min_max(dict(dense)), _min_max(dict(keyword))
    keys = set(dense_norm) | set(keyword_norm)
    return {k: dense_weight * dense_norm.get(k, 0.0) + (1 - dense_weight) * keyword_norm.get(k, 0.0) for k in keys}


def rrf_fusion(rankings: Sequence[Sequence[tuple[str, float]]], k: int = 60) -> dict[str, float]:
    """Sum over rankings of 1 / (k + rank), rank starting at 1 (Cormack et al. 2009)."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, (key, _) in enumerate(ranking, start=1):
            fused[key] = fused.get(key, 0.0) + 1.0 / (k + rank)
    return fused


def fuse_rankings(
    dense: Sequence[tuple[str, float]], keyword: Sequence[tuple[str, float]], method: str, dense_weight: float = 0.5, rrf_k: int = 60
) -> list[tuple[str, float]]:
    """Fused (id, score), best first; ties broken by id so results are deterministic."""
    if method == "rrf":
        fused = rrf_fusion([dense, keyword], rrf_k)
    else:
        fused = convex_fusion(dense, keyword, dense_weight)
    return sorted(fused.items(), key=lambda item: (-item[1], item[0]))
