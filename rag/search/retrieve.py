"""Question -> ranked papers with evidence sentences.

Dense (Chroma) and keyword (BM25) candidates are pooled; every pooled chunk gets both
scores (its cosine from its stored vector, its BM25 from the full score vector), so the
fusion never has to guess a missing score. Chunks are grouped into papers (a paper scores
as its best chunk), optionally reranked by the paper's best sentence, and each paper gets
its best-matching sentences with character offsets.
"""

from __future__ import annotations

import logging
import re
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from rag.search.embedding import Embedder
from rag.search.exact_dense import ExactDense
from rag.search.fusion import fuse_rankings
from rag.search.keyword import KeywordIndex
from rag.ingest.cards import build_card, mentions, typed_lowercase_only
from rag.records import Evidence, PaperCard, PaperHit
from rag.search.row_cache import RowCache
from rag.settings import RetrievalSettings
from rag.search.store import PaperStore, StoredChunk, StoredSentence

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "dense", "keyword"]


@dataclass
class Retrieval:
    query: str
    hits: list[PaperHit]
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class _Candidate:
    chunk: StoredChunk
    dense: float
    keyword: float
    fused: float = 0.0


_NAME_SHAPE = re.compile(r"[A-Z0-9]")  # "ForkMerge", "LST", "R2-Tuning": a word that is a name, not "transfer"


def named_in(query: str, name: str) -> bool:
    """Does the query call a paper by its card name, as a whole word, written as a name is?"""
    return len(name) >= 3 and bool(_NAME_SHAPE.search(name)) and mentions(query, name)


def typed_lowercase(query: str, name: str, texts: list[str]) -> bool:
    """Does the query type a one-word name of mixed case in lowercase ("swav vs correlational image
    modeling", dev73: "SwAV")? Only when no shortlisted text writes that word in lowercase too, where
    it would be a plain word ("Adapters" is "adapters" in many abstracts)."""
    if len(name) < 4 or " " in name or name[1:] == name[1:].lower() or name.upper() == name:
        return False
    return typed_lowercase_only(query, name, texts)


def named_first(shortlist: list[_Candidate], query: str, cards: dict[str, PaperCard]) -> list[_Candidate]:
    """Papers the question names ("How does AdapterFusion compare with LoRA?") lead the ranking:
    a question that names a paper is about it, however many other abstracts share its other
    words. They take the best paper's score, so relative bars downstream keep them. A name typed
    in lowercase counts too: BM25 reads it as any other word, and "pretext task" outweighed it."""
    texts = [c.chunk.text for c in shortlist]
    named = [
        c for c in shortlist
        if (card := cards.get(c.chunk.paper.paper_id)) and card.name and (named_in(query, card.name) or typed_lowercase(query, card.name, texts))
    ]
    if not named or not shortlist:
        return shortlist
    top = shortlist[0].fused
    for cand in named:
        cand.fused = max(cand.fused, top)
    return named + [c for c in shortlist if c not in named]


class HybridRetriever:
    def __init__(self, store: PaperStore, embedder: Embedder, keyword: KeywordIndex, settings: RetrievalSettings) -> None:
        self.store = store
        self.embedder = embedder
        self.keyword = keyword
        self.settings = settings
        self.rows = RowCache(store)
        # A collection of up to `in_memory_max_chunks` chunks is held whole: its vectors for an
        # exact dense search, and its rows, sentences and cards, read when the vectors are.
        self.exact = ExactDense(store, settings.in_memory_max_chunks)
        self._rows_preloaded = 0
        # The question is embedded on a worker thread while this one runs the keyword side:
        # onnxruntime releases the GIL, so BM25 and its top list (~1 ms) cost no wall time.
        # Threads start on first use; several at once serve concurrent searches.
        self._embedding = ThreadPoolExecutor(max_workers=4, thread_name_prefix="query-embed")
        # The whole-collection row read (~0.9 s on the shipped corpus) runs beside the search that
        # started it: a first question after `rag serve` starts reads only its own rows instead of waiting.
        self._preloading = ThreadPoolExecutor(max_workers=1, thread_name_prefix="row-preload")
        self._preload: Future | None = None

    def search(self, query: str, k: int | None = None, mode: Mode = "hybrid", rerank: bool | None = None) -> Retrieval:
        settings = self.settings
        k = k or settings.top_k
        rerank = settings.rerank if rerank is None else rerank
        timings: dict[str, float] = {}
        began = time.perf_counter()
        embedding = self._embedding.submit(self.embedder.embed, [query])

        mark = time.perf_counter()
        keyword_scores = self.keyword.scores(query)  # reads the store's chunk count to stay in step with it
        top = self.keyword.search(query, settings.keyword_candidates, keyword_scores) if mode != "dense" else []
        timings["keyword"] = time.perf_counter() - mark
        query_vector = embedding.result()[0]
        timings["embed"] = time.perf_counter() - began  # until the vector is in hand: the keyword side ran meanwhile

        mark = time.perf_counter()
        # That count, reused: one Chroma round trip fewer per search (~1 ms quiet, more when loaded).
        count = self.rows.check(getattr(self.keyword, "known_count", None))
        dense_hits: list[tuple[str, float]] = []
        if mode != "keyword":
            exact = self.exact.nearest(query_vector, settings.dense_candidates, count)
            if self.exact.loads != self._rows_preloaded:
                self._rows_preloaded = self.exact.loads
                self._preload = self._preloading.submit(self._preload_rows, self.exact.ids)
            dense_hits = exact if exact is not None else self.store.dense_ids(query_vector, settings.dense_candidates, count)
        timings["dense"] = time.perf_counter() - mark

        mark = time.perf_counter()
        keyword_only: list[str] = []
        if mode != "dense":
            dense_ids = {cid for cid, _ in dense_hits}
            keyword_only = [cid for cid, _ in top if cid not in dense_ids]
        timings["keyword"] += time.perf_counter() - mark

        mark = time.perf_counter()
        # Rows of every candidate, from memory when seen before; a keyword-only chunk's cosine comes from its stored vector.
        rows = self.rows.chunks([cid for cid, _ in dense_hits] + keyword_only)
        candidates: dict[str, _Candidate] = {}
        for cid, cosine in dense_hits:
            if cid in rows:
                candidates[cid] = _Candidate(rows[cid][0], cosine, 0.0)
        for cid in keyword_only:
            if cid in rows:
                chunk, vector = rows[cid]
                candidates[cid] = _Candidate(chunk, float(vector @ query_vector), 0.0)
        for cid, cand in candidates.items():
            index = self.keyword.position(cid)
            cand.keyword = float(keyword_scores[index]) if index is not None else 0.0
        timings["keyword_fetch"] = time.perf_counter() - mark

        mark = time.perf_counter()
        dense_list = [(cid, c.dense) for cid, c in candidates.items()]
        keyword_list = [(cid, c.keyword) for cid, c in candidates.items() if c.keyword > 0]
        if mode == "dense":
            fused = sorted(dense_list, key=lambda x: (-x[1], x[0]))
        elif mode == "keyword":
            fused = sorted(keyword_list, key=lambda x: (-x[1], x[0]))
        else:
            fused = fuse_rankings(dense_list, keyword_list, settings.fusion, settings.dense_weight, settings.rrf_k)
        papers = self._group(candidates, fused)
        timings["fuse"] = time.perf_counter() - mark

        mark = evidence_began = time.perf_counter()
        depth = max(k, settings.rerank_depth) if rerank else k
        shortlist = papers[:depth]
        by_paper: dict[str, list[tuple[StoredSentence, float]]] = {}
        for paper_id, (sentences, matrix) in self.rows.sentence_matrices([c.chunk.paper for c in shortlist]).items():
            if sentences:  # one matrix product per paper (the matrix stacked once, when the rows were read)
                by_paper[paper_id] = list(zip(sentences, (matrix @ query_vector).tolist()))
        timings["sentences"] = time.perf_counter() - mark
        mark = time.perf_counter()
        if rerank and shortlist:
            shortlist = self._rerank(shortlist, by_paper)
        timings["rerank"] = time.perf_counter() - mark
        mark = time.perf_counter()
        cards = self.rows.cards([c.chunk.paper for c in shortlist] if settings.named_first else [c.chunk.paper for c in shortlist[:k]])
        if settings.named_first:
            shortlist = named_first(shortlist, query, cards)
        timings["cards"] = time.perf_counter() - mark
        mark = time.perf_counter()
        hits = [
            self._hit(rank, cand, by_paper.get(cand.chunk.paper.paper_id, []), cards.get(cand.chunk.paper.paper_id))
            for rank, cand in enumerate(shortlist[:k], start=1)
        ]
        timings["hits"] = time.perf_counter() - mark
        timings["evidence"] = time.perf_counter() - evidence_began
        timings["total"] = time.perf_counter() - began
        return Retrieval(query, hits, timings)

    def _preload_rows(self, chunk_ids: list[str]) -> None:
        try:
            self.rows.preload(chunk_ids)
        except Exception as exc:  # noqa: BLE001 - a cache that stays cold is slower, not wrong: searches read what they need
            log.warning("reading the collection's rows into memory failed: %r", exc)

    def wait_for_rows(self) -> None:
        """Until the background row read started by a search is done (warm-up, benchmarks)."""
        if self._preload is not None:
            self._preload.result()

    @staticmethod
    def _group(candidates: dict[str, _Candidate], fused: list[tuple[str, float]]) -> list[_Candidate]:
        """One entry per paper, its best chunk; a paper's dense/keyword scores are its best chunk's."""
        best: dict[str, _Candidate] = {}
        for cid, score in fused:
            cand = candidates[cid]
            pid = cand.chunk.paper.paper_id
            if pid not in best:
                best[pid] = _Candidate(cand.chunk, cand.dense, cand.keyword, score)
            else:
                held = best[pid]
                held.dense, held.keyword = max(held.dense, cand.dense), max(held.keyword, cand.keyword)
        return list(best.values())  # already in fused order: first occurrence is the best chunk

    def _rerank(self, shortlist: list[_Candidate], by_paper: dict[str, list[tuple[StoredSentence, float]]]) -> list[_Candidate]:
        weight = self.settings.rerank_weight
        best_sentence = np.array([max((s for _, s in by_paper.get(c.chunk.paper.paper_id, [])), default=0.0) for c in shortlist])
        fused = np.array([c.fused for c in shortlist])

        def norm(values: np.ndarray) -> np.ndarray:
            span = values.max() - values.min()
            return (values - values.min()) / span if span > 1e-12 else np.ones_like(values)

        combined = (1 - weight) * norm(fused) + weight * norm(best_sentence)
        order = sorted(range(len(shortlist)), key=lambda i: (-combined[i], shortlist[i].chunk.paper.paper_id))
        for i in order:
            shortlist[i].fused = float(combined[i])
        return [shortlist[i] for i in order]

    def _hit(self, rank: int, cand: _Candidate, sentences: list[tuple[StoredSentence, float]], card: PaperCard | None) -> PaperHit:
        paper = cand.chunk.paper
        if card is None:  # an index built before cards existed: the card is a pure function of the paper
            card = build_card(paper)
        in_order = tuple(Evidence(paper.abstract[s.start : s.end], s.start, s.end, round(score, 6)) for s, score in sorted(sentences, key=lambda item: item[0].start))
        ranked = sorted(sentences, key=lambda item: (-item[1], item[0].start))[: self.settings.evidence_sentences]
        evidence = tuple(Evidence(paper.abstract[s.start : s.end], s.start, s.end, round(score, 6)) for s, score in ranked)
        if not evidence:  # sentences not stored (should not happen): fall back to the chunk itself
            evidence = (Evidence(cand.chunk.text, cand.chunk.start, cand.chunk.end, cand.dense),)
        return PaperHit(
            rank, paper, cand.fused, cand.chunk.chunk_id, evidence, dense_score=cand.dense, keyword_score=cand.keyword, card=card, sentence_scores=in_order
        )
