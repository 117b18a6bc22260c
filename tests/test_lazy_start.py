"""What `rag serve` does before its page: open the store, not load models (eval/cold_start.py measures it)."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from rag.search.embedding import build_embedder, embedder_name
from rag.search.lazy_embedder import DeferredEmbedder
from rag.search.vector_cache import cached_embed


def test_the_name_known_before_loading_is_the_loaded_models_name(make_settings):
    settings = make_settings()
    assert embedder_name(settings.embedding) == build_embedder(settings.embedding).name  # the collection name depends on it
    remote = make_settings(embedding={"backend": "openai", "base_url": "http://127.0.0.1:9/v1", "model": "nomic-embed-text"}).embedding
    assert embedder_name(remote) == build_embedder(remote, "unused").name


class _SlowModel:
    name = "slow-model"
    dim = 3

    def embed(self, texts):
        return np.ones((len(texts), 3), dtype=np.float32)


def test_the_model_loads_once_at_its_first_use_even_from_two_threads():
    loads = []

    def load():
        loads.append(1)
        time.sleep(0.2)  # two threads are inside model() at once
        return _SlowModel()

    embedder = DeferredEmbedder("slow-model", load)
    assert embedder.name == "slow-model" and not embedder.loaded and loads == []
    threads = [threading.Thread(target=embedder.embed, args=(["a"],)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == [1] and embedder.loaded and embedder.dim == 3
    assert embedder.embed(["a", "b"]).shape == (2, 3)


def test_a_model_with_another_name_is_refused():
    embedder = DeferredEmbedder("expected-name", _SlowModel)
    with pytest.raises(RuntimeError, match="differs"):
        embedder.embed(["a"])


def test_store_and_answer_engine_are_built_without_loading_the_embedder(make_settings):
    from rag.components import Components

    settings = make_settings(answer={"mode": "extractive"})
    first = Components(settings)  # the first start on a machine embeds the question-kind examples, once
    try:
        assert first.answer_engine is not None and first.embedder.loaded
    finally:
        first.close()
    components = Components(settings)
    try:
        assert components.store.count_chunks() == 0
        assert components.answer_engine is not None
        assert not components.embedder.loaded  # later starts: the page does not wait for onnxruntime
        assert components.embedder.embed(["a first question"]).shape == (1, 384) and components.embedder.loaded
    finally:
        components.close()


def test_fixed_texts_are_embedded_once_per_machine(tmp_path):
    calls = []

    def embed(texts):
        calls.append(list(texts))
        return np.arange(len(texts) * 2, dtype=np.float32).reshape(len(texts), 2)

    folder = tmp_path / "vectors"
    first = cached_embed(embed, folder, "model-a")(["q1", "q2"])
    again = cached_embed(embed, folder, "model-a")(["q1", "q2"])  # a new process: a new function, the same folder
    assert calls == [["q1", "q2"]] and np.array_equal(first, again)

    cached_embed(embed, folder, "model-b")(["q1", "q2"])  # another model misses
    cached_embed(embed, folder, "model-a")(["q1", "q3"])  # other texts miss
    assert len(calls) == 3

    for saved in folder.glob("*.npy"):
        saved.write_bytes(b"torn")  # a file cut short is embedded again, not trusted
    assert np.array_equal(cached_embed(embed, folder, "model-a")(["q1", "q2"]), first) and len(calls) == 4


def test_the_warm_up_leaves_the_start_up_heap_out_of_the_collectors_sight(shipped_components):
    """Full collections re-scanning ~100k start-up objects were the search p95 tail."""
    import gc

    gc.unfreeze()
    try:
        shipped_components.warm_up_in_background()
        warm = next(t for t in threading.enumerate() if t.name == "warm-up")
        warm.join(timeout=120)
        assert not warm.is_alive()
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
