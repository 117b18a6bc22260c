"""Where the keyword index's build from the store goes, and the token-id build against the plain one.

Reads a scale store's chunks once (Chroma pages, then the paper-record join: timed apart), then
builds the BM25 index from the same texts both ways, alternating: the plain path (a stemmed
string per token, bm25s builds its vocabulary; what KeywordIndex did before keyword_build.py)
and KeywordIndexBuilder (token ids). Wall and CPU seconds per part, load average beside them,
and a check that both indexes score the dev questions identically.

    python -m eval.bench_keyword_build data/local/scale/store-100000 --repeats 2
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import time
from pathlib import Path


def _timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, round(time.perf_counter() - wall, 1), round(time.process_time() - cpu, 1)


def main(argv: list[str] | None = None) -> int:
    import bm25s
    import numpy as np

    from eval.bench_scale import _settings
    from eval.question_sets import DEV_SET, load_questions
    from rag.components import Components
    from rag.words import Tokenizer
    from rag.search.keyword_build import KeywordIndexBuilder

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="a scale store folder (eval/bench_scale.py's store-N)")
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args(argv)

    store = Components(_settings(args.store)).store
    result: dict = {"chunks": store.count_chunks(), "load_avg_at_start": round(os.getloadavg()[0], 1)}
    pages, page_wall, join_wall, join_cpu = [], 0.0, 0.0, 0.0
    cpu0 = time.process_time()
    mark = time.perf_counter()
    for page in store._pages(["metadatas"]):
        page_wall += time.perf_counter() - mark
        c, m = time.process_time(), time.perf_counter()
        pages.extend((chunk.chunk_id, f"{chunk.paper.title} {chunk.text}") for chunk in store._with_papers(page["ids"], page["metadatas"]))
        join_wall += time.perf_counter() - m
        join_cpu += time.process_time() - c
        mark = time.perf_counter()
    result["read_pages_s"] = round(page_wall, 1)
    result["join_records_s"] = round(join_wall, 1)
    result["read_cpu_s"] = round(time.process_time() - cpu0, 1)
    tokenizer = Tokenizer()

    def plain():
        stems: dict[str, str] = {}
        corpus = [[stems.setdefault(stem, stem) for stem in tokenizer.document(text)] for _, text in pages]
        return corpus

    def plain_index(corpus):
        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        return retriever

    def by_ids():
        builder = KeywordIndexBuilder(tokenizer)
        for chunk_id, text in pages:
            builder.add(chunk_id, text)
        return builder

    built = {}
    for repeat in range(args.repeats):
        for name, tokenize, index in (("plain", plain, plain_index), ("token_ids", by_ids, lambda b: b.build())):
            gc.collect()
            tokens, tok_wall, tok_cpu = _timed(tokenize)
            retriever, idx_wall, idx_cpu = _timed(lambda: index(tokens))
            del tokens
            built[name] = retriever
            row = {"tokenize_s": tok_wall, "tokenize_cpu_s": tok_cpu, "index_s": idx_wall, "index_cpu_s": idx_cpu, "load_avg": round(os.getloadavg()[0], 1)}
            result.setdefault(name, []).append(row)
            print(name, repeat, row, flush=True)
    questions = [q.question for q in load_questions(DEV_SET)]
    same = all(
        np.array_equal(built["plain"].get_scores(tokens), built["token_ids"].get_scores(tokens))
        for tokens in (tokenizer.query(q) for q in questions) if tokens
    )
    result["dev_scores_identical"] = bool(same and set(built["plain"].vocab_dict) == set(built["token_ids"].vocab_dict))
    print(json.dumps(result, indent=1))
    return 0 if result["dev_scores_identical"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
