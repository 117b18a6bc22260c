"""Embedders: the shipped MiniLM model, and an OpenAI-compatible /v1/embeddings endpoint by configuration."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from rag.components import Components
from rag.search.embedding import MiniLMOnnxEmbedder, build_embedder
from rag.errors import EmbeddingError
from rag.ingest.pipeline import ingest
from rag.settings import EmbeddingSettings


@pytest.fixture(scope="module")
def minilm() -> MiniLMOnnxEmbedder:
    return MiniLMOnnxEmbedder(EmbeddingSettings())


def test_minilm_vectors_are_unit_length_and_rank_paraphrases_first(minilm):
    texts = [
        "Style transfer renders a photo in the manner of a painting.",
        "Turning a photograph into an artwork with a painter's style.",
        "The stock market fell sharply on Tuesday.",
    ]
    vectors = minilm.embed(texts)
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


def test_batching_and_length_sorting_do_not_change_a_vector(minilm):
    texts = ["short", "a much longer text about transfer learning across many domains and tasks " * 3, "medium length text"]
    together = minilm.embed(texts)
    alone = np.vstack([minilm.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)
    assert minilm.embed([]).shape == (0, 384)


class FakeEmbeddingServer:
    """A FAKE OpenAI-compatible /v1/embeddings endpoint on loopback, answering with real MiniLM
    vectors (so retrieval over it is meaningful); records the requests it saw."""

    def __init__(self, embedder: MiniLMOnnxEmbedder, fail: bool = False) -> None:
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
                if fail:
                    self.send_response(500)
                    self.end_headers()
                    return
                vectors = embedder.embed(body["input"])
                # Out of order on purpose: clients must sort by "index".
                data = [{"object": "embedding", "index": i, "embedding": v.tolist()} for i, v in enumerate(vectors)][::-1]
                payload = json.dumps({"object": "list", "data": data, "model": body["model"], "usage": {"prompt_tokens": 0, "total_tokens": 0}})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload.encode())

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.server.server_port}/v1"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_an_openai_compatible_endpoint_replaces_the_local_embedder(minilm, make_settings, small_corpus, monkeypatch):
    fake = FakeEmbeddingServer(minilm)
    try:
        monkeypatch.setenv("MY_EMBED_KEY", "sk-test-123")
        settings = make_settings(embedding={"backend": "openai", "base_url": fake.base_url, "model": "embed-1", "api_key_env": "MY_EMBED_KEY", "batch_size": 8})
        local = make_settings()
        components = Components(settings)
        summary = ingest([small_corpus], settings, components.store, components.embedder, components.count_tokens, progress=False)
        assert summary.papers == 12 and summary.added == summary.chunks
        assert components.store.name != Components(local).store.name, "another embedder must get another collection"
        assert fake.requests and all(r["path"] == "/v1/embeddings" and r["body"]["model"] == "embed-1" for r in fake.requests)
        assert all(r["auth"] == "Bearer sk-test-123" for r in fake.requests)
        assert max(len(r["body"]["input"]) for r in fake.requests) <= 8
        hits = components.retriever.search("prosody style transfer for speech without transcripts", k=3, mode="dense").hits
        assert hits[0].paper.title == "Global Rhythm Style Transfer Without Text Transcriptions"
    finally:
        fake.stop()


def test_a_failing_embedding_endpoint_is_one_clear_error(minilm):
    fake = FakeEmbeddingServer(minilm, fail=True)
    try:
        embedder = build_embedder(EmbeddingSettings(backend="openai", base_url=fake.base_url, timeout_s=5))
        with pytest.raises(EmbeddingError) as caught:
            embedder.embed(["hello"])
        assert "embedding endpoint failed" in caught.value.message
    finally:
        fake.stop()


def test_openai_backend_without_a_url_is_a_config_mistake():
    with pytest.raises(EmbeddingError):
        build_embedder(EmbeddingSettings(backend="openai", base_url=""))


def test_model_calls_stay_within_the_word_piece_budget_and_vectors_do_not_depend_on_it(minilm):
    texts = ["transfer " * n for n in (1, 3, 40, 2, 90, 7, 200)]
    encodings = minilm.tokenizer.encode_batch(texts)
    lengths = [len(e.ids) for e in encodings]
    batches = minilm._batches(encodings)
    assert sorted(i for b in batches for i in b) == list(range(len(texts)))
    for batch in batches:
        padded = len(batch) * max(lengths[i] for i in batch)
        assert len(batch) == 1 or padded <= minilm.settings.batch_tokens
        assert len(batch) <= minilm.settings.batch_size
    one_call = MiniLMOnnxEmbedder(EmbeddingSettings(batch_tokens=65536))
    assert len(one_call._batches(encodings)) == 1
    assert np.allclose(minilm.embed(texts), one_call.embed(texts), atol=1e-4)


def test_the_optimised_model_is_saved_once_and_gives_the_same_vectors(minilm, tmp_path):
    """`rag serve` opens the saved optimised graph instead of optimising at each start: same vectors,
    and a damaged file is optimised again and replaced rather than failing the start."""
    texts = ["Which methods tackle negative transfer?", "ForkMerge forks the model into branches and merges them."]
    expected = minilm.embed(texts)
    first = build_embedder(EmbeddingSettings(), cache_dir=tmp_path)
    saved = list(tmp_path.glob("onnx-*.onnx"))
    assert len(saved) == 1 and saved[0].stat().st_size > 1_000_000
    again = build_embedder(EmbeddingSettings(), cache_dir=tmp_path)
    np.testing.assert_allclose(first.embed(texts), expected, atol=1e-6)
    np.testing.assert_allclose(again.embed(texts), expected, atol=1e-6)
    saved[0].write_bytes(b"not a model")
    mended = build_embedder(EmbeddingSettings(), cache_dir=tmp_path)
    np.testing.assert_allclose(mended.embed(texts), expected, atol=1e-6)
    assert saved[0].stat().st_size > 1_000_000 and not list(tmp_path.glob("*.partial.onnx"))
