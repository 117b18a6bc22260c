"""One command for the retrieval table: every system on the same questions, same run."""

from __future__ import annotations

from eval.baselines import LlamaIndexVectorBaseline
from eval.retrieval_eval import evaluate_rankers, markdown_table, measure_latency, our_rankers, store_papers


def run_retrieval_report(components, questions, baseline: bool = True) -> dict:
    rankers = our_rankers(components.retriever)
    if baseline:
        from rag.search.store import open_client

        client = components.chroma_client or open_client(components.settings)
        papers = store_papers(components.store)
        base = LlamaIndexVectorBaseline(client, papers, components.embedder, f"{components.store.name}-llamaindex")
        rankers["llamaindex-vector"] = base.rank
    results = evaluate_rankers(rankers, questions)
    latency = {
        "fused": measure_latency(components.retriever, questions, rerank=False),
        "fused+rerank": measure_latency(components.retriever, questions, rerank=True),
    }
    summary = {
        "n": next(iter(results.values()))["n"],
        "systems": {name: {"overall": r["overall"], "by_type": r["by_type"]} for name, r in results.items()},
        "latency_ms": latency,
        "settings": components.settings.retrieval.model_dump(),
    }
    markdown = markdown_table(results) + "\n\n" + "\n".join(
        f"latency {name}: p50 {v['p50_ms']:.1f} ms, p95 {v['p95_ms']:.1f} ms over {v['n']} warm searches" for name, v in latency.items()
    )
    return {"summary": summary, "markdown": markdown, "results": results}
