"""Vectors of single words from the sentence embedder, cached: how close "pick" is to "selecting".

The support judge (rag/verify/support.py) counts a claim's words found in the evidence; a strong
model's paraphrase swaps words for synonyms ("cuts" for "reduces", "initialise" for
"initialize") and lost that count. Embedding a word alone with MiniLM gives a rough lexical
similarity (expensive/costly 0.88, kinds/types 0.86, substantial/significant 0.61,
pick/selecting 0.57), rough enough that related terms of one field come close too (video/image
0.61, segmentation/classification 0.53), so the judge takes only close pairs
(SYNONYM_THRESHOLD there, calibrated on the challenge set's dev half) and never for names,
figures, direction or negation words.

A word is embedded once: ~5,000 distinct words for 316 abstracts, 1.5 KB each (~8 MB).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

MAX_WORDS = 100_000  # ~150 MB at most; past it the cache starts afresh rather than grow without bound
BATCH = 256


class WordVectors:
    def __init__(self, embedder) -> None:
        self.embedder = embedder
        # (word -> row, rows): one pair, replaced whole, so a reader never sees one without the other.
        self._state: tuple[dict[str, int], np.ndarray] = ({}, np.zeros((0, 1), dtype=np.float32))
        self._lock = threading.Lock()  # two requests warming the same paper embed its words once

    def __len__(self) -> int:
        return len(self._state[0])

    def warm(self, words: Sequence[str]) -> None:
        """Embed the words not yet cached, in batches (one call per paper, not one per word)."""
        known = self._state[0]
        if all(w in known for w in words):
            return
        with self._lock:
            known, array = self._state
            new = [w for w in dict.fromkeys(words) if w not in known]
            if not new:
                return
            index, rows = (dict(known), [array]) if len(known) + len(new) <= MAX_WORDS else ({}, [])
            for start in range(0, len(new), BATCH):
                batch = new[start : start + BATCH]
                rows.append(np.asarray(self.embedder.embed(batch), dtype=np.float32))
            for word in new:
                index[word] = len(index)
            self._state = (index, np.vstack([r for r in rows if r.shape[1] > 1]))

    def matrix(self, words: Sequence[str]) -> np.ndarray:
        """Unit rows, one per word, in order."""
        self.warm(words)
        index, array = self._state
        return array[[index[w] for w in words]]

    def closest(self, words: Sequence[str], candidates: Sequence[str]) -> np.ndarray:
        """For each word, the best cosine with any candidate (0 when there is none)."""
        if not words or not candidates:
            return np.zeros(len(words), dtype=np.float32)
        return (self.matrix(words) @ self.matrix(candidates).T).max(axis=1)
