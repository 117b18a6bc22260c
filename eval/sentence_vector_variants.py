"""Sentence vectors embedded on their own vs pooled from their chunk's pass (rag/ingest/pooled_sentences.py):
how close each pooled vector is to the standalone one, and retrieval on dev (for choosing) and test (reported only).

A sentence in two chunks (the one-sentence overlap) takes its vector from: the chunk where it is most
central (what ingest does), the first chunk holding it, or the mean of both. Chunk vectors are the same in
every variant, so dense and fused rankings cannot move; the rerank (best sentence per paper) can.

Usage: python -m eval.sentence_vector_variants   (embeds the corpus once, ~2 min on a quiet 2-core machine) -> out/sentence-vector-variants.json
"""
import json
import shutil
import time
from pathlib import Path

import numpy as np

from eval.vector_variants import score_variants, variant_corpus
from rag.search.store import sentence_id_for


def main() -> None:
    corpus = variant_corpus("sentence-variants-")
    emb, by_id, chunks = corpus.components.embedder, corpus.by_id, corpus.chunks
    rows, where = {}, {}  # sentence id -> (paper, span, text); -> [(centrality, vector)] in chunk order
    texts, spans = [], []
    for c in chunks:
        text = c.embed_text(by_id[c.paper_id].title)
        offset = len(text) - len(c.text)
        texts.append(text)
        spans.append([(offset + s.start - c.start, offset + s.end - c.start) for s in c.sentences])
    began = time.perf_counter()
    cvec, pooled = emb.embed_spans(texts, spans)
    chunk_s = time.perf_counter() - began
    for c, text, chunk_spans, vectors in zip(chunks, texts, spans, pooled):
        ab = by_id[c.paper_id].abstract
        for s, (start, end), v in zip(c.sentences, chunk_spans, vectors):
            i = sentence_id_for(c.paper_id, s, ab[s.start : s.end])
            rows.setdefault(i, (c.paper_id, s, ab[s.start : s.end]))
            where.setdefault(i, []).append((min(start, len(text) - end), v))
    sids = list(rows)
    began = time.perf_counter()
    svec = emb.embed([rows[i][2] for i in sids])
    sentence_s = time.perf_counter() - began
    print(f"chunks {len(chunks)} (with pooling) {chunk_s:.1f}s; sentences {len(sids)} standalone {sentence_s:.1f}s", flush=True)

    def pooled_variant(choose) -> np.ndarray:
        out = []
        for n, i in enumerate(sids):
            got = [(c, v) for c, v in where[i] if v is not None]
            out.append(choose(got) if got else svec[n])  # cut by max_tokens: standalone, as ingest does
        return np.stack(out).astype(np.float32)

    def unit(v):
        return v / np.linalg.norm(v)

    variants = {
        "embedded": svec,
        "pooled-central": pooled_variant(lambda got: max(got, key=lambda cv: cv[0])[1]),
        "pooled-first": pooled_variant(lambda got: got[0][1]),
        "pooled-mean": pooled_variant(lambda got: unit(np.mean([v for _, v in got], axis=0))),
    }
    report: dict = {"seconds": {"chunks_with_pooling": round(chunk_s, 1), "sentences_standalone": round(sentence_s, 1)}}
    for name, vecs in variants.items():
        cos = (vecs * svec).sum(axis=1)
        nearest = float(((vecs @ svec.T).argmax(axis=1) == np.arange(len(sids))).mean())
        report[f"{name}|cosine_to_standalone"] = {"mean": round(float(cos.mean()), 3), "p10": round(float(np.percentile(cos, 10)), 3), "own_standalone_nearest": round(nearest, 3)}
        print(name, report[f"{name}|cosine_to_standalone"], flush=True)
    report.update(score_variants(corpus, {name: (vecs, cvec) for name, vecs in variants.items()}, sids, rows, ("fused", "fused+rerank")))
    Path("out").mkdir(exist_ok=True)
    Path("out/sentence-vector-variants.json").write_text(json.dumps(report, indent=1))
    shutil.rmtree(corpus.work, ignore_errors=True)


if __name__ == "__main__":
    main()
