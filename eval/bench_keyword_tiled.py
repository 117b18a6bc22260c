"""The keyword index at a million chunks in minutes: a saved scale-run index, tiled.

Building a real 1M-chunk BM25 index takes ~13 minutes of tokenizing and indexing on the
loaded 2 cores (71 s on a quiet machine, ../shared/OFFLINE.md); this copies the postings of
a saved 10k or 100k index `--times` times (chunk i of copy c becomes chunk c*n+i), which keeps
every word's share of chunks and every score, so scoring and top-n selection cost what they
would on a real index of that size (ties are more frequent: each score occurs `--times` times,
the worst case for a top-n). Measures bm25s's scoring, the old top-n (argpartition over every
score) and KeywordIndex._best, on the dev questions, and checks the two top-n agree.

    python -m eval.bench_keyword_tiled data/local/scale/store-100000 --times 10
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from eval.metrics import percentile


def tile(retriever, times: int) -> None:
    index = retriever.scores
    data, indices, indptr, docs = index["data"], index["indices"], index["indptr"], int(index["num_docs"])
    counts = np.diff(indptr)
    offsets = (np.arange(times, dtype=np.int64) * docs)[:, None]
    new_data = np.concatenate([np.tile(data[a:b], times) for a, b in zip(indptr[:-1], indptr[1:])])
    new_indices = np.concatenate([(indices[a:b][None, :] + offsets).ravel() for a, b in zip(indptr[:-1], indptr[1:])]).astype(np.int32)
    retriever.scores = {
        "data": new_data.astype(np.float32),
        "indices": new_indices,
        "indptr": np.concatenate([[0], np.cumsum(counts * times)]).astype(indptr.dtype),
        "num_docs": docs * times,
    }


def main(argv: list[str] | None = None) -> int:
    import bm25s

    from eval.question_sets import DEV_SET, load_questions
    from rag.search.keyword import KeywordIndex
    from rag.words import Tokenizer

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="a scale-run work folder, e.g. data/local/scale/store-100000")
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--n", type=int, default=60, help="chunks taken from BM25 (retrieval.keyword_candidates)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    (saved,) = [p for p in (args.store / "data" / "keyword").glob("*/*") if (p / "chunk_ids.json").exists()]
    retriever = bm25s.BM25.load(str(saved))
    base_docs = int(retriever.scores["num_docs"])
    tile(retriever, args.times)
    docs = int(retriever.scores["num_docs"])
    keyword = KeywordIndex.__new__(KeywordIndex)  # only the ranking parts: no store behind this index
    keyword.retriever, keyword.tokenizer = retriever, Tokenizer()
    queries = [keyword.tokenizer.query(q.question) for q in load_questions(DEV_SET)]
    timings: dict[str, list[float]] = {"score": [], "top_argpartition": [], "top_bounded": []}
    n = args.n
    for _ in range(args.repeats):
        for tokens in queries:
            began = time.perf_counter()
            scores = np.asarray(retriever.get_scores(tokens), dtype=np.float32)
            timings["score"].append(time.perf_counter() - began)
            began = time.perf_counter()
            old = np.argpartition(-scores, n - 1)[:n]
            old = old[np.argsort(-scores[old], kind="stable")]
            timings["top_argpartition"].append(time.perf_counter() - began)
            began = time.perf_counter()
            new = keyword._best(scores, tokens, n)
            timings["top_bounded"].append(time.perf_counter() - began)
            assert sorted(scores[old[scores[old] > 0]].tolist()) == sorted(scores[new].tolist()), "top-n disagree"
    nbytes = sum(retriever.scores[k].nbytes for k in ("data", "indices", "indptr"))
    result = {
        "base_chunks": base_docs,
        "tiled_chunks": docs,
        "postings": int(len(retriever.scores["data"])),
        "index_arrays_gb": round(nbytes / 2**30, 2),
        "load_avg": round(__import__("os").getloadavg()[0], 1),
        **{f"{k}_p50_ms": round(percentile(v, 50) * 1000, 1) for k, v in timings.items()},
        **{f"{k}_p95_ms": round(percentile(v, 95) * 1000, 1) for k, v in timings.items()},
        "n": len(timings["score"]),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
