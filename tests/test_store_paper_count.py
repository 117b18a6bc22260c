"""The paper count a new process shows: recalled after a completed ingest, counted (a scan of
every chunk row) after an interrupted one. Real Chroma on disk, the real embedder."""

from __future__ import annotations

import time

from rag.ingest.chunking import chunk_abstract
from rag.ingest.pipeline import ingest
from rag.records import Paper
from rag.search.store import open_client, open_store


def _new_process_store(settings, embedder, scans: list[int]):
    """The store as a freshly started process opens it, with its chunk-row scans counted."""
    store = open_store(settings, embedder.name, open_client(settings))
    scan = store._scan_paper_count

    def counted() -> int:
        scans.append(1)
        return scan()

    store._scan_paper_count = counted
    return store


def test_a_completed_ingest_lets_a_new_process_count_papers_without_a_scan(small_corpus, make_settings, embedder, count_tokens):
    settings = make_settings(store={"sentence_vectors": False})
    store = open_store(settings, embedder.name, open_client(settings))
    ingest([small_corpus], settings, store, embedder, count_tokens, progress=False)

    scans: list[int] = []
    fresh = _new_process_store(settings, embedder, scans)
    assert fresh.count_papers() == 12 and scans == []

    # An ingest that stopped after writing a new paper's record and chunk: the record was cleared
    # when it began, so the next process scans, and counts the new paper.
    store.forget_paper_count()
    extra = Paper(paper_id="extra-1", title="Prosody transfer for speech", abstract="We transfer prosody between speakers. It works well.")
    (chunk, *_) = chunk_abstract(extra, settings.chunking, count_tokens)
    store.add_chunks([chunk], {extra.paper_id: extra}, embedder.embed([chunk.embed_text(extra.title)]))
    after_crash = _new_process_store(settings, embedder, scans)
    assert after_crash.count_papers() == 13 and scans == [1]

    # The next completed run records the count again.
    store.remember_paper_count()
    assert _new_process_store(settings, embedder, scans).count_papers() == 13 and scans == [1]

    # A removal clears it too.
    assert store.delete_papers([extra.paper_id]) == 1
    assert _new_process_store(settings, embedder, scans).count_papers() == 12 and scans == [1, 1]


def test_a_stale_chunk_count_is_returned_at_once_and_refreshed_in_the_background(small_corpus, make_settings, embedder, count_tokens, monkeypatch):
    import rag.search.store as store_module

    settings = make_settings(store={"sentence_vectors": False})
    store = open_store(settings, embedder.name, open_client(settings))
    ingest([small_corpus], settings, store, embedder, count_tokens, progress=False)
    before = store.count_chunks()
    assert store.recent_chunk_count() == before

    # Another process adds a chunk; once the count is stale, searches keep the old one until the
    # background count has seen the new one, and never wait for it.
    other = open_store(settings, embedder.name, open_client(settings))
    extra = Paper(paper_id="extra-2", title="Font style transfer", abstract="We transfer the style of fonts. Glyphs keep their shape.")
    (chunk, *_) = chunk_abstract(extra, settings.chunking, count_tokens)
    other.add_chunks([chunk], {extra.paper_id: extra}, embedder.embed([chunk.embed_text(extra.title)]))
    monkeypatch.setattr(store_module, "RECENT_COUNT_S", 0.0)
    assert store.recent_chunk_count() == before
    for _ in range(200):
        if store.recent_chunk_count() == before + 1:
            break
        time.sleep(0.01)
    assert store.recent_chunk_count() == before + 1

    # Its own writes are counted at once.
    assert store.delete_papers([extra.paper_id]) == 1
    assert store.recent_chunk_count() == before
