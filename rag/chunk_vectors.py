"""A chunk's vector, derived from vectors ingest computes anyway instead of a second embedding pass.

Ingest embeds every sentence of an abstract once (evidence, reranking and citation checks need
them). Embedding each chunk as well read every token again, in 256-piece windows: on the shipped
corpus ~560 chunk texts cost more than the ~2,700 sentences. A chunk's vector is instead the
normalised sum of its sentences' unit vectors plus its paper's title vector (the title travels
with every chunk, as it did in the embedded text): one extra short text a paper.

The derivation is part of the collection name (rag/store.py), so an index built with embedded
chunk vectors is never mixed with derived ones.
"""

from __future__ import annotations

import numpy as np

# Changing how chunk vectors are made must change this name: it goes into the collection hash.
DERIVATION = "sentence-sum+title-v1"
TITLE_WEIGHT = 1.0  # the title counts as one more sentence (dev set: see README, "Speed")


def chunk_vector(sentence_vectors: np.ndarray, title_vector: np.ndarray | None) -> np.ndarray:
    """Unit vector of sum(sentences) + TITLE_WEIGHT * title; every input is already a unit vector."""
    total = sentence_vectors.sum(axis=0)
    if title_vector is not None:
        total = total + TITLE_WEIGHT * title_vector
    norm = float(np.linalg.norm(total))
    return (total / norm if norm > 1e-12 else total).astype(np.float32)
