"""Rows a search reads again and again, kept in memory: chunk rows, sentence vectors, paper cards.

A warm hybrid search used to make four Chroma reads (the dense query with whole metadata, the
keyword-only chunks with vectors, the shortlist's sentences, the cards): ~3/4 of its time on
the shipped corpus (`python -m eval.bench`, search.profile). With this cache the dense query
asks for ids and distances only and everything else comes from memory once seen.

Every key is content-addressed, so a hit is never wrong:
- chunk rows by chunk id (a hash of paper id, title and text; its vector never changes);
- sentences by (paper id, abstract): a paper's stored sentences are a function of its abstract;
- cards by the whole paper record.
Writes through the same store (ingest, upload, delete) and any change of the chunk count
(another process writing) empty it, so paper fields rewritten by a re-ingest are not served
stale. Bounded: least recently used rows go first (limits below: ~100 MB at 1M chunks).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Generic, TypeVar

import numpy as np

from rag.records import Paper, PaperCard
from rag.search.store import PaperStore, StoredChunk, StoredSentence

Key = TypeVar("Key")
Value = TypeVar("Value")

MAX_CHUNKS = 20_000  # <= ~3.5 KB each (text, a 384-d vector, the paper record shared with chunks read alongside): <= ~70 MB
MAX_PAPERS = 4_000  # sentences (~9 x 1.5 KB) and a card each: ~60 MB


class _LRU(Generic[Key, Value]):
    """Thread-safe: the preload fills it on a background thread while searches read it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.rows: OrderedDict[Key, Value] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> Value | None:
        with self._lock:
            value = self.rows.get(key)
            if value is not None:
                self.rows.move_to_end(key)
            return value

    def put(self, key: Key, value: Value) -> None:
        with self._lock:
            self.rows[key] = value
            self.rows.move_to_end(key)
            while len(self.rows) > self.limit:
                self.rows.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self.rows.clear()


class RowCache:
    def __init__(self, store: PaperStore, max_chunks: int = MAX_CHUNKS, max_papers: int = MAX_PAPERS) -> None:
        self.store = store
        self._chunks: _LRU[str, tuple[StoredChunk, np.ndarray]] = _LRU(max_chunks)
        # A paper's sentences with their vectors stacked once: a search scores each paper with one product.
        self._sentences: _LRU[tuple[str, str], tuple[list[StoredSentence], np.ndarray]] = _LRU(max_papers)
        self._cards: _LRU[Paper, PaperCard | bool] = _LRU(max_papers)  # False: the store has no card for it
        self._seen: tuple[int, int] | None = None  # (store generation, chunk count) the rows belong to
        self._changing = threading.Lock()  # a preload's rows go in whole, never across an emptying

    def check(self, count: int | None = None) -> int:
        """Empty the cache when the store changed since it was filled; returns the chunk count
        (read from the store unless the caller has just read it)."""
        count = self.store.count_chunks() if count is None or count < 0 else count
        seen = (self.store.generation, count)
        if seen != self._seen:
            with self._changing:
                self.clear()
                self._seen = seen
        return count

    def clear(self) -> None:
        self._chunks.clear()
        self._sentences.clear()
        self._cards.clear()

    def preload(self, chunk_ids: Sequence[str]) -> None:
        """Read these chunks' rows, and their papers' sentences and cards, in one read each: a
        small collection held whole, so no search pays a first read (each used to cost the first
        search of a new question ~10-25 ms: the tail of the warm p95). Only as much as the bounds hold.

        Runs on a background thread (HybridRetriever): the rows are kept only if the store did not
        change while they were read, so a write in between never leaves stale paper fields here."""
        if len(chunk_ids) > self._chunks.limit:
            return
        seen = self._seen
        rows = self.store.get_chunks_with_vectors(list(chunk_ids))
        papers = list({chunk.paper.paper_id: chunk.paper for chunk, _ in rows}.values())
        small = len(papers) <= self._sentences.limit
        sentences = self._read_sentences(papers) if small else {}
        cards = self.store.cards_for([p.paper_id for p in papers]) if small else {}
        with self._changing:
            if self._seen != seen or seen is None:
                return
            for chunk, vector in rows:
                self._chunks.put(chunk.chunk_id, (chunk, vector))
            for paper in papers if small else ():
                self._sentences.put((paper.paper_id, paper.abstract), sentences[paper.paper_id])
                card = cards.get(paper.paper_id)
                self._cards.put(paper, card if card is not None else False)

    def chunks(self, chunk_ids: Sequence[str]) -> dict[str, tuple[StoredChunk, np.ndarray]]:
        """Chunk rows with their vectors; one Chroma read for those not held."""
        found = {cid: row for cid in chunk_ids if (row := self._chunks.get(cid)) is not None}
        missing = [cid for cid in chunk_ids if cid not in found]
        for chunk, vector in self.store.get_chunks_with_vectors(missing) if missing else ():
            found[chunk.chunk_id] = (chunk, vector)
            self._chunks.put(chunk.chunk_id, (chunk, vector))
        return found

    def sentences(self, papers: Sequence[Paper]) -> dict[str, list[StoredSentence]]:
        """Stored sentences of each paper (with vectors); one Chroma read for the papers not held."""
        return {paper_id: rows for paper_id, (rows, _) in self.sentence_matrices(papers).items()}

    def sentence_matrices(self, papers: Sequence[Paper]) -> dict[str, tuple[list[StoredSentence], np.ndarray]]:
        """Each paper's stored sentences and their vectors as one matrix (a row each, in the same
        order); one Chroma read for the papers not held."""
        found: dict[str, tuple[list[StoredSentence], np.ndarray]] = {}
        missing = []
        by_id = {paper.paper_id: paper for paper in papers}
        for paper in papers:
            held = self._sentences.get((paper.paper_id, paper.abstract))
            if held is None:
                missing.append(paper)
            else:
                found[paper.paper_id] = held
        for paper_id, held in self._read_sentences(missing).items():
            self._sentences.put((paper_id, by_id[paper_id].abstract), held)
            found[paper_id] = held
        return found

    def _read_sentences(self, papers: Sequence[Paper]) -> dict[str, tuple[list[StoredSentence], np.ndarray]]:
        """One Chroma read: each paper's sentences and their vectors stacked (every paper gets an entry)."""
        if not papers:
            return {}
        fetched: dict[str, list[StoredSentence]] = {p.paper_id: [] for p in papers}
        for sentence in self.store.sentences_for([p.paper_id for p in papers]):
            fetched.setdefault(sentence.paper_id, []).append(sentence)
        return {
            paper.paper_id: (rows, np.stack([s.vector for s in rows]) if rows else np.zeros((0, 0), np.float32))
            for paper in papers
            for rows in (fetched[paper.paper_id],)
        }

    def cards(self, papers: Sequence[Paper]) -> dict[str, PaperCard]:
        """The stored card of each paper that has one; one Chroma read for the papers not held."""
        found: dict[str, PaperCard] = {}
        missing = []
        for paper in papers:
            held = self._cards.get(paper)
            if held is None:
                missing.append(paper)
            elif held is not False:
                found[paper.paper_id] = held
        if missing:
            fetched = self.store.cards_for([p.paper_id for p in missing])
            for paper in missing:
                card = fetched.get(paper.paper_id)
                self._cards.put(paper, card if card is not None else False)
                if card is not None:
                    found[paper.paper_id] = card
        return found
