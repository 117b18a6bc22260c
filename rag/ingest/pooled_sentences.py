"""Sentence vectors pooled from their chunk's embedding pass, instead of a second pass per sentence.

Used when `ingest.sentence_vectors = "pooled"`. Evidence, reranking, paper cards and the claim
judge read one vector per sentence. Embedding each sentence on its own reads every token of an
abstract a second time (the shipped corpus: 2,493 sentences beside 562 chunks, about as many
word pieces again). The chunk pass already computes a hidden state for every word piece, so a
sentence's vector is the mean of its word pieces' states in the chunk pass, L2-normalised
("late chunking"): its words read in their chunk's context, at no extra model cost
(MiniLMOnnxEmbedder.embed_spans). The chunk vector is that pass's mean over all tokens, as before.

A sentence shared by two chunks (the one-sentence overlap) takes its vector from the chunk where
it sits most centrally (most context on its shorter side; the title counts as context). A
sentence with no pooled vector (cut by the embedder's max_tokens: 1 of 562 shipped chunks is
longer than 256 word pieces; or not in any chunk embedded in this batch) is embedded on its own.

An OpenAI-compatible embedder returns no token states, so with it sentences are embedded on
their own whatever this setting says (`pooling_active` is False); the mode is part of the
collection name (rag/search/store.py), so pooled and standalone sentence vectors never mix.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rag.records import Chunk
from rag.settings import Settings

# Changing how sentence vectors are pooled must change this name: it goes into the collection hash.
POOLING = "chunk-token-mean-central-v1"


def pooling_active(settings: Settings) -> bool:
    """Pooled sentence vectors are made only where they can be: the local model (token states),
    chunk vectors embedded (the pass they come from) and sentence vectors stored at all."""
    return (
        settings.ingest.sentence_vectors == "pooled"
        and settings.embedding.backend == "minilm-onnx"
        and settings.ingest.chunk_vectors == "embedded"
        and settings.store.sentence_vectors
    )


def embed_chunks_with_sentences(
    embedder,
    chunks: Sequence[Chunk],
    titles: dict[str, str],
    chunk_sentence_ids: dict[str, list[str]],
    sentence_texts: dict[str, str],
    wanted: Sequence[str],
) -> tuple[np.ndarray, np.ndarray]:
    """(vectors of `chunks`, vectors of the `wanted` sentence ids in that order) from one pass over
    the chunks' texts, plus one standalone pass over the few wanted sentences no chunk covered."""
    texts, spans = [], []
    for chunk in chunks:
        text = chunk.embed_text(titles[chunk.paper_id])
        offset = len(text) - len(chunk.text)  # the title and its separator come first
        texts.append(text)
        spans.append([(offset + s.start - chunk.start, offset + s.end - chunk.start) for s in chunk.sentences])
    chunk_vectors, span_vectors = embedder.embed_spans(texts, spans)

    want = set(wanted)
    best: dict[str, tuple[int, np.ndarray]] = {}  # sentence id -> (context on its shorter side, vector)
    for chunk, text, chunk_spans, vectors in zip(chunks, texts, spans, span_vectors):
        for sentence_id, (start, end), vector in zip(chunk_sentence_ids[chunk.chunk_id], chunk_spans, vectors):
            if vector is None or sentence_id not in want:
                continue
            centrality = min(start, len(text) - end)
            if sentence_id not in best or centrality > best[sentence_id][0]:
                best[sentence_id] = (centrality, vector)
    alone = [i for i in wanted if i not in best]
    standalone = dict(zip(alone, embedder.embed([sentence_texts[i] for i in alone]))) if alone else {}
    dim = chunk_vectors.shape[1] if len(chunk_vectors) else embedder.dim
    rows = [best[i][1] if i in best else standalone[i] for i in wanted]
    sentence_vectors = np.stack(rows).astype(np.float32) if rows else np.zeros((0, dim), np.float32)
    return chunk_vectors, sentence_vectors
