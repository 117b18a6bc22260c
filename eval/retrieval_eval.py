"""Retrieval quality of each system on a question set, plus warm latency of ours.

Systems: dense only, BM25 only, fused, fused + rerank (ours), and LlamaIndex's default
VectorStoreIndex retriever with the same embedder (the baseline).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from eval.metrics import mean, percentile, retrieval_scores
from eval.question_sets import Question
from rag.records import Paper

METRICS = ("recall@5", "recall@10", "mrr", "ndcg@10")
Ranker = Callable[[str], list[str]]


def store_papers(store) -> list[Paper]:
    seen: dict[str, Paper] = {}
    for chunk in store.scan_chunks():
        seen.setdefault(chunk.paper.paper_id, chunk.paper)
    return list(seen.values())


def our_rankers(retriever, k: int = 10) -> dict[str, Ranker]:
    def ranker(mode: str, rerank: bool) -> Ranker:
        return lambda q: [h.paper.paper_id for h in retriever.search(q, k=k, mode=mode, rerank=rerank).hits]

    return {
        "dense": ranker("dense", False),
        "bm25": ranker("keyword", False),
        "fused": ranker("hybrid", False),
        "fused+rerank": ranker("hybrid", True),
    }


def evaluate_rankers(rankers: dict[str, Ranker], questions: list[Question]) -> dict[str, dict]:
    """Mean metrics per system over answerable questions, overall and by type."""
    answerable = [q for q in questions if q.answerable and q.gold_titles]
    results: dict[str, dict] = {}
    for name, rank in rankers.items():
        per_question = {q.id: retrieval_scores(rank(q.question), q.gold_ids) for q in answerable}
        overall = {m: mean([s[m] for s in per_question.values()]) for m in METRICS}
        by_type: dict[str, dict[str, float]] = {}
        for qtype in sorted({q.type for q in answerable}):
            ids = [q.id for q in answerable if q.type == qtype]
            by_type[qtype] = {m: mean([per_question[i][m] for i in ids]) for m in METRICS}
        results[name] = {"overall": overall, "by_type": by_type, "n": len(answerable), "per_question": per_question}
    return results


def measure_latency(retriever, questions: list[Question], rerank: bool, repeats: int = 3) -> dict[str, float]:
    """Warm latency of a full hybrid search (embed, dense, BM25, fuse, group, evidence), in ms."""
    retriever.search(questions[0].question, rerank=rerank)  # warm-up: loads the keyword index
    times = []
    for _ in range(repeats):
        for q in questions:
            began = time.perf_counter()
            retriever.search(q.question, rerank=rerank)
            times.append((time.perf_counter() - began) * 1000)
    return {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "n": len(times)}


def markdown_table(results: dict[str, dict]) -> str:
    lines = ["| system | " + " | ".join(METRICS) + " |", "|---" * (len(METRICS) + 1) + "|"]
    for name, result in results.items():
        lines.append(f"| {name} | " + " | ".join(f"{result['overall'][m]:.3f}" for m in METRICS) + " |")
    return "\n".join(lines)
