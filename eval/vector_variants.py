"""What the vector-variant studies share (eval/chunk_vector_variants.py, eval/sentence_vector_variants.py):
the shipped corpus read and chunked into a throwaway data folder, and each variant's vectors stored in a
Chroma collection of its own and scored on the dev set (for choosing) and the test set (reported only)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eval.question_sets import DEV_SET, TEST_SET, load_questions
from eval.retrieval_eval import METRICS, evaluate_rankers, our_rankers
from rag.components import Components
from rag.ingest.chunking import chunk_abstract
from rag.ingest.corpus import ReadReport, read_corpus
from rag.records import Chunk, Paper
from rag.search.keyword import KeywordIndex
from rag.search.retrieve import HybridRetriever
from rag.search.store import PaperStore, open_client
from rag.settings import Settings, load_settings


@dataclass
class VariantCorpus:
    work: Path
    settings: Settings
    components: Components
    by_id: dict[str, Paper]
    chunks: list[Chunk]


def variant_corpus(prefix: str) -> VariantCorpus:
    work = Path(tempfile.mkdtemp(prefix=prefix))
    settings = load_settings(data_dir=work)
    components = Components(settings)
    papers = list(read_corpus(settings.corpus_paths(), ReadReport(), None, settings.ingest.max_line_chars, settings.ingest.max_file_mb))
    chunks = [c for p in papers for c in chunk_abstract(p, settings.chunking, components.count_tokens)]
    return VariantCorpus(work, settings, components, {p.paper_id: p for p in papers}, chunks)


def score_variants(
    corpus: VariantCorpus, variants: dict[str, tuple[np.ndarray, np.ndarray]], sentence_ids: list[str], sentence_rows: dict, rankers: tuple[str, ...]
) -> dict[str, dict[str, float]]:
    """variant name -> (sentence vectors in `sentence_ids` order, chunk vectors in chunk order); the
    result maps "variant|set|ranker" to its retrieval metrics."""
    client = open_client(corpus.settings)
    report: dict[str, dict[str, float]] = {}
    for name, (sentence_vectors, chunk_vectors) in variants.items():
        store = PaperStore(client, f"var-{name}")
        for b in range(0, len(sentence_ids), 1000):
            ids = sentence_ids[b : b + 1000]
            store.add_sentences(ids, [sentence_rows[i][0] for i in ids], [sentence_rows[i][1] for i in ids], sentence_vectors[b : b + 1000])
        for b in range(0, len(corpus.chunks), 500):
            store.add_chunks(corpus.chunks[b : b + 500], corpus.by_id, chunk_vectors[b : b + 500])
        retriever = HybridRetriever(store, corpus.components.embedder, KeywordIndex(store, corpus.work / f"kw-{name}"), corpus.settings.retrieval)
        every = our_rankers(retriever)
        kept = {k: every[k] for k in rankers}
        for set_name, path in (("dev", DEV_SET), ("test", TEST_SET)):
            for system, result in evaluate_rankers(kept, load_questions(path)).items():
                report[f"{name}|{set_name}|{system}"] = {m: round(result["overall"][m], 3) for m in METRICS}
                print(name, set_name, system, report[f"{name}|{set_name}|{system}"], flush=True)
    return report
