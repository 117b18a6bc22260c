"""`make bench`: speed figures as JSON, each against a baseline measured in the same run.

- ingest: cold ingest of the shipped corpus (model load included) vs LlamaIndex's
  `VectorStoreIndex.from_documents` with the same embedder into Chroma, and the bare embedder
  on exactly the texts our ingest embedded (what the pipeline adds on top);
- keyword index: rebuilding BM25 from the store vs loading the saved copy;
- search: warm p50/p95 of our hybrid search vs dense-only vs the LlamaIndex retriever
  (interleaved), the time per stage (search.profile), and the same search with the row cache emptied;
- evidence: time from question to the extractive, cited draft (what the UI shows first);
- llm (with --llm): time to first token and total, local model, on a few dev questions;
- cold_start: `rag serve` from process start to its page and to a first extractive answer,
  each against importing gradio and launching an empty app (eval/cold_start.py).

Usage: python -m eval.bench [--out out/bench.json] [--llm N] [--ingest-only]   (--llm 0, the default: ingest and search only)
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import tempfile
import time
from pathlib import Path

from eval.metrics import percentile
from eval.question_sets import DEV_SET, load_questions
from rag.settings import load_settings


class RecordingEmbedder:
    """The real embedder, noting each call's texts (to replay them bare)."""

    def __init__(self, embedder) -> None:
        self.embedder, self.name, self.dim = embedder, embedder.name, embedder.dim
        self.calls: list[list[str]] = []
        self.span_calls: list[tuple[list[str], list]] = []  # ingest.sentence_vectors = "pooled": chunks with their sentence spans
        if hasattr(embedder, "embed_spans"):
            self.embed_spans = self._embed_spans

    def embed(self, texts):
        self.calls.append(list(texts))
        return self.embedder.embed(texts)

    def _embed_spans(self, texts, spans):
        texts = list(texts)
        self.calls.append(texts)  # the same list: replay() tells the pooled calls by identity
        self.span_calls.append((texts, list(spans)))
        return self.embedder.embed_spans(texts, spans)

    def replay(self) -> None:
        """The same calls again, bare: texts embedded, and chunks embedded with their spans pooled."""
        pooled = {id(texts) for texts, _ in self.span_calls}
        for texts in self.calls:
            if id(texts) not in pooled:
                self.embedder.embed(texts)
        for texts, spans in self.span_calls:
            self.embedder.embed_spans(texts, spans)


def _word_pieces(embedder, texts: list[str]) -> int | None:
    """Word pieces the local model reads for these texts (after its max_tokens cut); None for an endpoint."""
    tokenizer = getattr(embedder, "tokenizer", None)
    return sum(len(e.ids) for e in tokenizer.encode_batch(texts)) if tokenizer is not None and texts else None


def _stats(times_ms: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(times_ms, 50), 2), "p95_ms": round(percentile(times_ms, 95), 2), "n": len(times_ms)}


def _timed(fn, questions, repeats: int = 3) -> list[float]:
    fn(questions[0])
    times = []
    for _ in range(repeats):
        for q in questions:
            began = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - began) * 1000)
    return times


def _timed_together(fns, questions, repeats: int = 3) -> list[list[float]]:
    for fn in fns:
        fn(questions[0])
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeats):
        for q in questions:
            for fn, into in zip(fns, times):
                began = time.perf_counter()
                fn(q)
                into.append((time.perf_counter() - began) * 1000)
    return times


PROFILE_STAGES = ("embed", "dense", "keyword", "keyword_fetch", "fuse", "sentences", "rerank", "cards", "hits", "total")


def search_profile(retriever, questions: list[str], repeats: int = 3) -> dict[str, dict[str, float]]:
    """Warm hybrid search with evidence, ms per stage (the retriever's own timings), p50/p95 over the runs."""
    retriever.search(questions[0])
    per_stage: dict[str, list[float]] = {stage: [] for stage in PROFILE_STAGES}
    for _ in range(repeats):
        for q in questions:
            timings = retriever.search(q).timings
            for stage in PROFILE_STAGES:
                per_stage[stage].append(timings.get(stage, 0.0) * 1000)
    return {stage: {"p50_ms": round(percentile(v, 50), 2), "p95_ms": round(percentile(v, 95), 2)} for stage, v in per_stage.items()}


def bench(out: Path, llm_questions: int, ingest_only: bool = False) -> dict:
    from eval.baselines import LlamaIndexVectorBaseline
    from eval.retrieval_eval import store_papers
    from rag.components import Components, settle_heap
    from rag.ingest.pipeline import ingest
    from rag.search.keyword import KeywordIndex

    work = Path(tempfile.mkdtemp(prefix="rag-bench-"))
    results: dict = {"machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()}}
    try:
        settings = load_settings(data_dir=work / "data")
        # CPU seconds beside wall seconds: the phases run one after another on shared cores, so
        # the load can change between them; the process's CPU time (all its threads) hardly moves with it.
        began, cpu = time.perf_counter(), time.process_time()
        components = Components(settings)
        recorder = RecordingEmbedder(components.embedder)
        summary = ingest(settings.corpus_paths(), settings, components.store, recorder, components.count_tokens, progress=False)
        ours, ours_cpu = time.perf_counter() - began, time.process_time() - cpu
        # The bare embedder on exactly the texts ingest embedded, in the same calls: what the pipeline adds is the rest.
        began, cpu = time.perf_counter(), time.process_time()
        recorder.replay()
        raw, raw_cpu = time.perf_counter() - began, time.process_time() - cpu
        papers = store_papers(components.store)
        from rag.search.store import open_client

        # LlamaIndex gets the same embedder, recorded too: what each side embeds, in word pieces.
        theirs_recorder = RecordingEmbedder(components.embedder)
        began, cpu = time.perf_counter(), time.process_time()
        baseline = LlamaIndexVectorBaseline(open_client(settings), papers, theirs_recorder, "bench-llamaindex")
        theirs, theirs_cpu = time.perf_counter() - began, time.process_time() - cpu
        embedded = [t for call in recorder.calls for t in call]
        theirs_embedded = [t for call in theirs_recorder.calls for t in call]
        results["ingest"] = {
            "papers": summary.papers,
            "chunks": summary.chunks,
            "texts_embedded": len(embedded),
            "chars_embedded": sum(map(len, embedded)),
            "word_pieces_embedded": _word_pieces(components.embedder, embedded),
            "llamaindex_texts_embedded": len(theirs_embedded),
            "llamaindex_word_pieces_embedded": _word_pieces(components.embedder, theirs_embedded),
            "ours_cold_s": round(ours, 2),
            "ours_pipeline_s": round(summary.seconds, 2),
            "model_load_s": round(ours - summary.seconds, 2),
            "raw_embedder_same_texts_s": round(raw, 2),
            "pipeline_overhead_pct": round(100 * (summary.seconds / raw - 1), 1),
            "llamaindex_from_documents_s": round(theirs, 2),
            "ratio_ours_to_llamaindex": round(ours / theirs, 2),
            "cpu_s": {"ours_cold": round(ours_cpu, 1), "raw_embedder": round(raw_cpu, 1), "llamaindex": round(theirs_cpu, 1)},
            "ratio_cpu_ours_to_llamaindex": round(ours_cpu / theirs_cpu, 2),
            "pipeline_overhead_cpu_pct": round(100 * (ours_cpu / raw_cpu - 1), 1),
            "chunk_vectors": settings.ingest.chunk_vectors,  # RAG_INGEST__CHUNK_VECTORS=derived benches the faster mode
            "sentence_vectors": settings.ingest.sentence_vectors,  # RAG_INGEST__SENTENCE_VECTORS=embedded|pooled
            "note": "ours: cold (model load included); every sentence embedded once plus each title, and each chunk embedded "
            "(chunk_vectors embedded, the default) or chunk vectors derived from the sentences' (derived); sentence_vectors "
            "pooled: sentences pooled from their chunk's pass instead",
        }
        began = time.perf_counter()
        rerun = ingest(settings.corpus_paths(), settings, components.store, components.embedder, components.count_tokens, progress=False)
        results["ingest"]["reingest_noop_s"] = round(time.perf_counter() - began, 2)
        results["ingest"]["reingest_added"] = rerun.added
        if ingest_only:
            components.close()
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(results, indent=2))
            return results

        fresh = KeywordIndex(components.store, settings.data_dir / "keyword-bench")
        began = time.perf_counter()
        fresh.ensure_fresh()
        build = time.perf_counter() - began
        loaded = KeywordIndex(components.store, settings.data_dir / "keyword-bench")
        began = time.perf_counter()
        loaded.ensure_fresh()
        load = time.perf_counter() - began
        results["keyword_index"] = {"build_s": round(build, 3), "load_s": round(load, 3), "ratio_load_to_build": round(load / build, 2)}

        questions = [q.question for q in load_questions(DEV_SET)]
        retriever = components.retriever
        retriever.search(questions[0])
        retriever.wait_for_rows()
        settle_heap()  # what `rag serve` does after its warm-up; both systems share this process
        # Interleaved question by question: the cores are shared, so load drifts; each system sees the same drift.
        hybrid, dense, llama = _timed_together(
            [lambda q: retriever.search(q), lambda q: retriever.search(q, mode="dense", rerank=False), lambda q: baseline.rank(q)], questions
        )
        results["search"] = {
            "hybrid_rerank": _stats(hybrid),
            "dense_only": _stats(dense),
            "llamaindex_retriever": _stats(llama),
            "ratio_p50_hybrid_to_dense": round(percentile(hybrid, 50) / percentile(dense, 50), 2),
            "ratio_p50_hybrid_to_llamaindex": round(percentile(hybrid, 50) / percentile(llama, 50), 2),
            "ratio_p95_hybrid_to_llamaindex": round(percentile(hybrid, 95) / percentile(llama, 95), 2),
            "profile": search_profile(retriever, questions),
            # Honesty check: the same searches with the in-memory rows (rag/search/row_cache.py) emptied before each one.
            "hybrid_rerank_rows_not_cached": _stats(_timed(lambda q: (retriever.rows.clear(), retriever.search(q)), questions, repeats=1)),
        }
        engine = components.answer_engine
        evidence = _timed(lambda q: engine.ask(q, mode="extractive"), questions, repeats=1)
        results["evidence_draft"] = _stats(evidence)

        # The shaped extractive answer after retrieval: classify, relevance bar, cards, lines.
        searched = {q: retriever.search(q, k=settings.answer.list_depth).hits for q in questions}

        def shape(q: str) -> None:
            kind = engine.classifier.classify(q)
            engine.shape(q, kind, searched[q])

        shaped = _timed(shape, questions)
        results["shaped_answer_after_retrieval"] = {
            **_stats(shaped),
            "ratio_p95_to_hybrid_search_p95": round(percentile(shaped, 95) / percentile(hybrid, 95), 3),
        }

        if llm_questions:
            from rag.records import AnswerEvent, EvidenceEvent, TokenEvent

            began = time.perf_counter()
            components.chat_client()
            results_llm = {"server_start_s": round(time.perf_counter() - began, 2), "model": settings.local_model.model, "runs": []}
            from eval.harness import fixed_subset

            for question in fixed_subset(load_questions(DEV_SET), llm_questions):  # spans the question types
                q = question.question
                began = time.perf_counter()
                marks: dict = {"id": question.id, "type": question.type}
                for event in engine.stream(q, mode="llm"):
                    now = time.perf_counter() - began
                    if isinstance(event, EvidenceEvent):
                        marks["evidence_s"] = now
                    elif isinstance(event, TokenEvent) and "first_token_s" not in marks:
                        marks["first_token_s"] = now
                    elif isinstance(event, AnswerEvent):
                        marks["total_s"] = now
                        marks["fell_back"] = bool(event.answer.notice)
                        marks["shape"] = event.answer.shape
                results_llm["runs"].append({k: round(v, 2) if isinstance(v, float) else v for k, v in marks.items()})
            firsts = [r["first_token_s"] for r in results_llm["runs"] if "first_token_s" in r]
            results_llm["first_token_p50_s"] = round(percentile(firsts, 50), 2) if firsts else None
            results_llm["total_p50_s"] = round(percentile([r["total_s"] for r in results_llm["runs"]], 50), 2)
            results_llm["total_p95_s"] = round(percentile([r["total_s"] for r in results_llm["runs"]], 95), 2)
            results_llm["fallback_rate"] = round(sum(r["fell_back"] for r in results_llm["runs"]) / len(results_llm["runs"]), 3)
            results_llm["ratio_evidence_to_first_token"] = round(
                percentile([r["evidence_s"] for r in results_llm["runs"]], 50) / results_llm["first_token_p50_s"], 4
            ) if firsts else None
            results["llm"] = results_llm
        components.close()

        # Cold start of `rag serve` on this index vs an empty Gradio app (eval/cold_start.py), on a
        # copy: two processes must not share one embedded Chroma folder.
        from eval.cold_start import measure as measure_cold_start

        index_copy = work / "cold-start-data"
        shutil.copytree(settings.data_dir, index_copy, ignore=shutil.ignore_patterns("models", "logs"))
        results["cold_start"] = measure_cold_start(index_copy)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("out/bench.json"))
    parser.add_argument("--llm", type=int, default=0, help="also time N answers with the local model")
    parser.add_argument("--ingest-only", action="store_true", help="only the ingest figures (ours, bare embedder, LlamaIndex)")
    args = parser.parse_args()
    print(json.dumps(bench(args.out, args.llm, args.ingest_only), indent=2))


if __name__ == "__main__":
    main()
