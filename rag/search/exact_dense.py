"""Dense search over every chunk vector held in memory, for collections small enough to hold.

A Chroma query for the nearest chunk ids costs ~2.6 ms p50 on the shipped 562 chunks, nearly all
of it the client's round trip (`python -m eval.bench`, search.profile "dense"); the product of
the question's vector with a 562 x 384 matrix takes ~0.03 ms and is exact, where HNSW is
approximate (on the dev and validation questions it missed a few of the 60 nearest chunks, which
moved 2 of 154 rankings at ranks 16-17 of 20; the top 10 were the same). Up to
`retrieval.in_memory_max_chunks` chunks (5,000: 7.7 MB of float32) the vectors are read from the
store once, at the first search, and kept; the cosines are the ones Chroma reports (1 - cosine
distance of unit vectors), to float rounding.
Larger collections keep asking Chroma's HNSW index, which is what scales (README, Scale).

Held like the row cache (rag/search/row_cache.py): emptied when the store's generation or chunk
count changes, so another process's ingest is seen at the same moment.
"""

from __future__ import annotations

import numpy as np

from rag.search.store import PaperStore


class ExactDense:
    def __init__(self, store: PaperStore, max_chunks: int) -> None:
        self.store = store
        self.max_chunks = max_chunks
        self._held: tuple[tuple[int, int], list[str], np.ndarray] | None = None  # (generation, count), ids, vectors
        self.loads = 0  # how many times the vectors were read: a caller holding rows alongside reloads them too

    @property
    def ids(self) -> list[str]:
        return self._held[1] if self._held is not None else []

    def nearest(self, vector: np.ndarray, n: int, count: int) -> list[tuple[str, float]] | None:
        """Nearest chunk ids with cosine similarity, best first (ties by id), as `PaperStore.dense_ids`
        gives them; None when the collection is larger than `max_chunks` (ask the store)."""
        if count > self.max_chunks or count <= 0:
            self._held = None
            return None
        key = (self.store.generation, count)
        if self._held is None or self._held[0] != key:
            ids, vectors = self.store.chunk_vectors()
            if len(ids) != count:  # written to while being read: let Chroma answer this one
                self._held = None
                return None
            self._held = (key, ids, vectors)
            self.loads += 1
        _, ids, vectors = self._held
        cosines = vectors @ vector
        n = min(n, len(ids))
        top = np.argpartition(-cosines, n - 1)[:n] if n < len(ids) else np.arange(len(ids))
        best = sorted(top.tolist(), key=lambda i: (-float(cosines[i]), ids[i]))
        return [(ids[i], float(cosines[i])) for i in best]
