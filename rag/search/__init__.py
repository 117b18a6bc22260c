"""Search stage: embeddings, the Chroma store, the BM25 index, fused retrieval per paper."""
