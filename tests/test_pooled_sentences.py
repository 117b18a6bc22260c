"""Sentence vectors pooled from their chunk's pass (ingest.sentence_vectors = "pooled"):
close to the standalone ones, one model pass per chunk, their own collection, and the
OpenAI-compatible backend (no token states) falling back to standalone sentences."""

from __future__ import annotations

import numpy as np
import pytest

from rag.components import Components
from rag.ingest.corpus import ReadReport, read_corpus
from rag.ingest.pipeline import ingest
from rag.ingest.pooled_sentences import pooling_active
from rag.search.embedding import MiniLMOnnxEmbedder
from rag.search.store import collection_name
from rag.settings import EmbeddingSettings
from tests.test_embedding import FakeEmbeddingServer
from tests.test_ingest import corpus_of

TITLE = "Global Rhythm Style Transfer Without Text Transcriptions"
SENTENCES = [
    "Prosody plays an important role in characterizing the style of a speaker or an emotion.",
    "Most non-parallel voice conversion algorithms do not convert any prosody information.",
    "We evaluate on a dataset of emotional speech and report a mean opinion score of 3.9.",
]


@pytest.fixture(scope="module")
def minilm() -> MiniLMOnnxEmbedder:
    return MiniLMOnnxEmbedder(EmbeddingSettings())


class CountingEmbedder:
    """The real embedder, counting the texts each method was given (a spy, not a fake)."""

    def __init__(self, embedder) -> None:
        self.embedder, self.name, self.dim = embedder, embedder.name, embedder.dim
        self.embedded: list[str] = []
        self.pooled: list[str] = []

    def embed(self, texts):
        self.embedded.extend(texts)
        return self.embedder.embed(texts)

    def embed_spans(self, texts, spans):
        self.pooled.extend(texts)
        return self.embedder.embed_spans(texts, spans)


def test_a_pooled_sentence_vector_is_close_to_its_standalone_one(minilm):
    text = TITLE + "\n" + " ".join(SENTENCES)
    spans, at = [], len(TITLE) + 1
    for sentence in SENTENCES:
        spans.append((at, at + len(sentence)))
        at += len(sentence) + 1
    (whole,), (pooled,) = minilm.embed_spans([text], [spans])
    assert np.allclose(whole, minilm.embed([text])[0], atol=1e-4), "the chunk vector is the one embed() gives"
    standalone = minilm.embed(SENTENCES)
    pooled = np.stack(pooled)
    assert np.allclose(np.linalg.norm(pooled, axis=1), 1.0, atol=1e-5)
    similarity = pooled @ standalone.T
    assert (np.diag(similarity) > 0.6).all(), similarity  # 0.73 on average over the shipped corpus
    assert (similarity.argmax(axis=1) == np.arange(3)).all(), "each pooled vector is nearest its own sentence"

    # A span past the max_tokens cut was never read whole: no vector, so ingest embeds it on its own.
    short = MiniLMOnnxEmbedder(EmbeddingSettings(max_tokens=40))
    _, (cut,) = short.embed_spans([text], [spans])
    assert cut[0] is not None and cut[2] is None


def test_pooled_ingest_embeds_each_chunk_once_and_no_sentence(tmp_path, make_settings, minilm):
    corpus = corpus_of(tmp_path / "five.txt", 5)
    embedded, pooled = make_settings(), make_settings(ingest={"sentence_vectors": "pooled"})
    assert pooling_active(pooled) and not pooling_active(embedded)
    assert collection_name(pooled, minilm.name) != collection_name(embedded, minilm.name), "pooled vectors must not mix with standalone ones"

    components = Components(pooled)
    spy = CountingEmbedder(minilm)
    summary = ingest([corpus], pooled, components.store, spy, components.count_tokens, progress=False)
    assert summary.papers == 5 and summary.added == summary.chunks and summary.sentences_added > summary.chunks
    assert len(spy.pooled) == summary.chunks, "one pass per chunk"
    assert len(spy.embedded) <= 1, "sentences come from the chunk pass (at most a cut one alone)"

    papers = {p.paper_id: p for p in read_corpus([corpus], ReadReport())}
    stored = components.store.sentences.get(include=["embeddings", "metadatas"])
    assert len(stored["ids"]) == summary.sentences_added
    texts = [papers[m["paper_id"]].abstract[m["start"] : m["end"]] for m in stored["metadatas"]]
    cosines = (np.asarray(stored["embeddings"]) * minilm.embed(texts)).sum(axis=1)
    assert np.median(cosines) > 0.6 and cosines.min() > 0.2

    hits = components.retriever.search("prosody style transfer for speech without transcripts", k=3).hits
    assert hits[0].paper.title == TITLE and hits[0].evidence
    again = ingest([corpus], pooled, components.store, spy, components.count_tokens, progress=False)
    assert again.added == 0 and again.sentences_added == 0


def test_the_openai_backend_keeps_standalone_sentence_vectors(tmp_path, make_settings, minilm):
    corpus = corpus_of(tmp_path / "three.txt", 3)
    fake = FakeEmbeddingServer(minilm)
    try:
        backend = {"backend": "openai", "base_url": fake.base_url, "model": "embed-1"}
        pooled = make_settings(embedding=backend, ingest={"sentence_vectors": "pooled"})
        plain = make_settings(embedding=backend)
        assert not pooling_active(pooled), "an /v1/embeddings endpoint returns no token states"
        components = Components(pooled)
        assert components.store.name == Components(plain).store.name, "same vectors, same collection"
        summary = ingest([corpus], pooled, components.store, components.embedder, components.count_tokens, progress=False)
        sent = [text for r in fake.requests for text in r["body"]["input"]]
        assert summary.sentences_added > 0 and len(sent) == summary.sentences_added + summary.chunks
    finally:
        fake.stop()
