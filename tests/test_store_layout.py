"""The store's layout (rag/search/store.py): a paper's record is stored once, not in every chunk,
and an index written in the old layout (the whole paper in each chunk row, the text as a Chroma
document) keeps answering and is rewritten by the next ingest without embedding anything again.
Real Chroma on disk, the real embedder."""

from __future__ import annotations

import numpy as np

from rag.ingest.chunking import chunk_abstract
from rag.ingest.corpus import ReadReport, read_corpus
from rag.ingest.pipeline import ingest
from rag.records import paper_to_metadata
from rag.search.store import drop_collection, open_client, open_store


def test_each_abstract_is_stored_once_and_read_through_the_paper_record(small_corpus, make_settings, embedder, count_tokens):
    settings = make_settings()
    client = open_client(settings)
    store = open_store(settings, embedder.name, client)
    summary = ingest([small_corpus], settings, store, embedder, count_tokens, progress=False)
    papers = {p.paper_id: p for p in read_corpus([small_corpus], ReadReport())}
    assert summary.chunks > len(papers)  # some papers have several chunks: the case that used to repeat the abstract

    rows = store.chunks.get(include=["metadatas", "documents"])
    assert {key for m in rows["metadatas"] for key in m} == {"paper_id", "start", "end", "sentences"}
    assert set(rows["documents"]) == {None}  # the text is the record's slice: no copy, no full-text index of it
    records = store.records.get(include=["metadatas"])
    assert sorted(records["ids"]) == sorted(papers)
    assert {m["paper_id"]: m["abstract"] for m in records["metadatas"]} == {pid: p.abstract for pid, p in papers.items()}

    for chunk in store.scan_chunks():
        assert chunk.paper == papers[chunk.paper.paper_id]
        assert chunk.text in chunk.paper.abstract
    assert {p.paper_id: p for p in store.papers()} == papers

    gone = next(iter(papers))
    assert store.delete_papers([gone]) >= 1
    assert gone not in store.records.get(include=[])["ids"]
    assert drop_collection(client, store.name)
    assert store.records.name not in {c.name for c in client.list_collections()}


def _write_old_layout(store, papers, chunks, vectors) -> None:
    """Chunk rows exactly as the store wrote them before paper records existed."""
    metadatas = []
    for chunk in chunks:
        meta = paper_to_metadata(papers[chunk.paper_id])
        meta.update(chunk_index=chunk.index, start=chunk.start, end=chunk.end, sentences=" ".join(f"{s.start}:{s.end}" for s in chunk.sentences))
        metadatas.append(meta)
    store.chunks.add(ids=[c.chunk_id for c in chunks], embeddings=vectors, documents=[c.text for c in chunks], metadatas=metadatas)


def test_an_old_layout_index_keeps_answering_and_is_rewritten_by_the_next_ingest(small_corpus, make_settings, embedder, count_tokens):
    settings = make_settings(store={"sentence_vectors": False})
    store = open_store(settings, embedder.name, open_client(settings))
    papers = {p.paper_id: p for p in read_corpus([small_corpus], ReadReport())}
    chunks = [c for p in papers.values() for c in chunk_abstract(p, settings.chunking, count_tokens)]
    vectors = embedder.embed([c.embed_text(papers[c.paper_id].title) for c in chunks])
    _write_old_layout(store, papers, chunks, vectors)
    assert store.records.count() == 0

    # Read as it is: every path that shows a paper finds it in the chunk's own metadata.
    assert {c.chunk_id: (c.paper, c.text) for c in store.scan_chunks()} == {c.chunk_id: (papers[c.paper_id], c.text) for c in chunks}
    assert {p.paper_id for p in store.papers()} == set(papers)
    hit, _ = store.dense_search(vectors[3], 1)[0]
    assert (hit.chunk_id, hit.paper) == (chunks[3].chunk_id, papers[chunks[3].paper_id])
    (row, vector), = store.get_chunks_with_vectors([chunks[5].chunk_id])
    assert row.paper == papers[chunks[5].paper_id] and np.allclose(vector, vectors[5], atol=1e-5)

    # The next ingest embeds nothing again and moves every row to the new layout.
    summary = ingest([small_corpus], settings, store, embedder, count_tokens, progress=False)
    assert (summary.added, summary.skipped, summary.removed, summary.updated) == (0, len(chunks), 0, len(chunks))
    rows = store.chunks.get(include=["metadatas"])
    assert {key for m in rows["metadatas"] for key in m} == {"paper_id", "start", "end", "sentences"}
    assert sorted(store.records.get(include=[])["ids"]) == sorted(papers)
    assert {c.chunk_id: (c.paper, c.text) for c in store.scan_chunks()} == {c.chunk_id: (papers[c.paper_id], c.text) for c in chunks}
    again = ingest([small_corpus], settings, store, embedder, count_tokens, progress=False)
    assert (again.added, again.updated) == (0, 0)
