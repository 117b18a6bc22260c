"""The scale configuration: chunk vectors only (store.sentence_vectors = false)."""

from __future__ import annotations

from rag.components import Components
from rag.ingest.pipeline import ingest


def test_without_sentence_vectors_only_chunks_are_stored_and_search_still_gives_evidence(make_settings, small_corpus):
    settings = make_settings(store={"sentence_vectors": False})
    components = Components(settings)
    summary = ingest([small_corpus], settings, components.store, components.embedder, components.count_tokens, progress=False)
    store = components.store
    assert summary.added == store.count_chunks() > 12
    assert store.sentences.count() == 0 and store.cards.count() == 0 and summary.sentences_added == 0
    for mode in ("dense", "keyword", "hybrid"):
        hits = components.retriever.search("style transfer of speech prosody", k=3, mode=mode).hits
        assert hits, mode
        for hit in hits:
            (evidence,) = hit.evidence  # the best chunk's text, at its offsets in the abstract
            assert hit.paper.abstract[evidence.start : evidence.end] == evidence.text
            assert hit.card is not None and hit.card.paper_id == hit.paper.paper_id
