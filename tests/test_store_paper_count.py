"""The paper count a new process shows: recalled after a completed ingest, counted (a scan of
every chunk row) after an interrupted one. Real Chroma on disk, the real embedder."""

from __future__ import annotations

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
