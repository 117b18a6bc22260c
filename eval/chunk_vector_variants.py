"""Chunk vectors embedded vs derived from sentence vectors (+ title, weight 0/1/2): retrieval on dev (for choosing) and test (reported only).

Usage: python -m eval.chunk_vector_variants   (embeds the corpus once, ~1 min on a quiet 2-core machine) -> out/chunk-vector-variants.json
"""
import json
import shutil
import time
from pathlib import Path

import numpy as np

from eval.vector_variants import score_variants, variant_corpus
from rag.search.store import sentence_id_for


def main() -> None:
    corpus = variant_corpus("chunk-variants-")
    emb, by_id, chunks = corpus.components.embedder, corpus.by_id, corpus.chunks
    papers = list(by_id.values())
    rows = {}
    for c in chunks:
        ab = by_id[c.paper_id].abstract
        for s in c.sentences:
            rows.setdefault(sentence_id_for(c.paper_id, s, ab[s.start : s.end]), (c.paper_id, s, ab[s.start : s.end]))
    sids = list(rows)
    t = time.perf_counter(); svec = emb.embed([rows[i][2] for i in sids]); ts = time.perf_counter() - t
    t = time.perf_counter(); cvec = emb.embed([c.embed_text(by_id[c.paper_id].title) for c in chunks]); tc = time.perf_counter() - t
    t = time.perf_counter(); tvec = emb.embed([p.title for p in papers]); tt = time.perf_counter() - t
    print(f"sentences {len(sids)} {ts:.1f}s chunks {len(chunks)} {tc:.1f}s titles {len(papers)} {tt:.1f}s", flush=True)
    spos = {i: n for n, i in enumerate(sids)}
    tpos = {p.paper_id: n for n, p in enumerate(papers)}

    def derive(title_weight):  # the formula of rag/ingest/chunk_vectors.py, with the weight as a parameter
        out = []
        for c in chunks:
            ab = by_id[c.paper_id].abstract
            m = np.stack([svec[spos[sentence_id_for(c.paper_id, s, ab[s.start : s.end])]] for s in c.sentences])
            v = m.sum(0) + title_weight * tvec[tpos[c.paper_id]]
            out.append(v / np.linalg.norm(v))
        return np.stack(out).astype(np.float32)

    chunk_variants = {"embedded": cvec, "sent-mean": derive(0.0), "sent-mean+title1": derive(1.0), "sent-mean+title2": derive(2.0)}
    report = score_variants(corpus, {name: (svec, vecs) for name, vecs in chunk_variants.items()}, sids, rows, ("dense", "fused", "fused+rerank"))
    Path("out").mkdir(exist_ok=True)
    Path("out/chunk-vector-variants.json").write_text(json.dumps(report, indent=1))
    shutil.rmtree(corpus.work, ignore_errors=True)


if __name__ == "__main__":
    main()
