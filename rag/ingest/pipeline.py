"""Corpus files -> papers -> chunks and sentences -> vectors -> the store.

Work goes in batches of papers. In each batch only chunks and sentences whose content
hash is not stored yet are embedded, sentences are written before chunks (a paper is
"in" once its chunks are), and chunks a changed paper no longer has are removed. So a run
killed at any point and started again ends with exactly the right contents.

Each batch is one embedding call (new sentences and new chunks; with `ingest.chunk_vectors =
"derived"`, sentences and titles, chunk vectors derived from them: rag/ingest/chunk_vectors.py;
with `ingest.sentence_vectors = "pooled"`, chunks only, sentence vectors pooled from that pass:
rag/ingest/pooled_sentences.py).
A writer thread stores batch n while batch n+1 is embedded.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy as np

from rag.ingest.cards import build_card
from rag.ingest.chunk_vectors import chunk_vector
from rag.ingest.chunking import TokenCounter, chunk_abstract
from rag.ingest.corpus import ReadReport, read_corpus
from rag.ingest.pooled_sentences import embed_chunks_with_sentences, pooling_active
from rag.search.embedding import Embedder
from rag.errors import CorpusError
from rag.records import Chunk, Paper, PaperCard, Span
from rag.ingest.sentences import split_sentences
from rag.settings import Settings
from rag.search.store import PaperStore, sentence_id_for

log = logging.getLogger(__name__)

PAPERS_PER_BATCH = 128  # ~170 chunks and ~1,100 sentences: a few seconds of embedding, then a write


@dataclass
class IngestSummary:
    papers: int = 0
    chunks: int = 0
    added: int = 0
    skipped: int = 0
    removed: int = 0
    updated: int = 0  # kept chunks whose paper fields (abstract, authors...) were rewritten
    sentences_added: int = 0
    cards_added: int = 0
    missing_abstracts: int = 0  # entries skipped for having no abstract (BibTeX exports often lack them)
    duplicates: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)  # the first corpus.MAX_KEPT_WARNINGS
    warning_count: int = 0

    def to_json(self) -> dict:
        return {
            "papers": self.papers,
            "chunks": self.chunks,
            "added": self.added,
            "skipped": self.skipped,
            "removed": self.removed,
            "updated": self.updated,
            "cards_added": self.cards_added,
            "missing_abstracts": self.missing_abstracts,
            "duplicates": self.duplicates,
            "seconds": round(self.seconds, 2),
            "warnings": self.warnings,
            "warning_count": self.warning_count,
        }

    def line(self) -> str:
        text = f"{self.papers} papers, {self.chunks} chunks: {self.added} added, {self.skipped} already stored"
        if self.removed:
            text += f", {self.removed} outdated removed"
        if self.updated:
            text += f", {self.updated} updated"
        if self.cards_added:
            text += f", {self.cards_added} paper cards built"
        if self.missing_abstracts:
            text += f"; {self.missing_abstracts} entr{'ies' if self.missing_abstracts != 1 else 'y'} without an abstract skipped"
        if self.warning_count:
            text += f"; {self.warning_count:,} warning{'s' * (self.warning_count != 1)}"
        return text + f" ({self.seconds:.1f} s)"


def _batches(items: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _estimate_papers(paths: list[Path]) -> int | None:
    """Lines are cheap to count; text files hold two a paper, the others one."""
    total = 0
    for path in paths:
        try:
            if not path.is_file():  # a named pipe would block the open until a writer came
                continue
            with open(path, "rb") as handle:
                lines = sum(1 for _ in handle)
        except OSError:
            continue
        total += lines // 2 if path.suffix.lower() in (".txt", ".text") else lines
    return total or None


def ingest(
    paths: list[Path],
    settings: Settings,
    store: PaperStore,
    embedder: Embedder,
    count_tokens: TokenCounter,
    fmt: str | None = None,
    progress: bool = True,
) -> IngestSummary:
    report = ReadReport()
    papers = read_corpus(paths, report, fmt, settings.ingest.max_line_chars, settings.ingest.max_file_mb)
    summary = ingest_papers(papers, report, settings, store, embedder, count_tokens, total=_estimate_papers(paths), progress=progress)
    if report.papers == 0:
        first = f" first problem: {report.warnings[0]}" if report.warnings else ""
        raise CorpusError(f"no usable papers in {', '.join(map(str, paths))};{first}", hint="check the file and its --format")
    return summary


def ingest_papers(
    papers: Iterable[Paper],
    report: ReadReport,
    settings: Settings,
    store: PaperStore,
    embedder: Embedder,
    count_tokens: TokenCounter,
    total: int | None = None,
    progress: bool = True,
    on_batch: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Papers (from any reader, filling `report`) into the store; `on_batch(papers_done)` after each batch."""
    from tqdm import tqdm

    began = time.perf_counter()
    summary = IngestSummary()
    done = 0
    # disable=None: no bar when stderr is not a terminal, so logs and pipes get no \r debris.
    bar = tqdm(total=total, unit="paper", desc="ingest", disable=None if progress else True, leave=False)
    # One writer thread: Chroma writes batch n while batch n+1 is chunked and embedded
    # (onnxruntime and Chroma's Rust core both release the GIL). At most one batch waits.
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-writer")
    pending: tuple[Future, int] | None = None
    store.forget_paper_count()  # until this run completes, the paper count must be counted, not recalled

    def finish(job: tuple[Future, int]) -> None:
        nonlocal done
        summary.updated += job[0].result()  # re-raises the writer's StoreError here
        bar.update(job[1])
        done += job[1]
        if on_batch is not None:
            on_batch(done)

    try:
        for batch in _batches(papers, PAPERS_PER_BATCH):
            writes = _plan_batch(batch, settings, store, embedder, count_tokens, summary)
            if pending is not None:
                finish(pending)
            pending = (writer.submit(writes.write, store, settings.store.add_batch), len(batch))
        if pending is not None:
            job, pending = pending, None
            finish(job)
    finally:
        if pending is not None:  # an error upstream: let the queued write end before leaving
            pending[0].exception()
        writer.shutdown(wait=True)
        bar.close()
    store.remember_paper_count()  # complete: a new process can take the count instead of scanning 1M chunk rows
    summary.papers = report.papers
    summary.warnings = report.warnings
    summary.warning_count = report.warning_count
    summary.missing_abstracts = report.missing_abstracts
    summary.duplicates = report.duplicates
    summary.seconds = time.perf_counter() - began
    for warning in report.warnings:
        log.warning("%s", warning)
    if report.warning_count > len(report.warnings):
        log.warning("... and %d more warnings, not listed", report.warning_count - len(report.warnings))
    log.info("ingest done: %s", summary.line())
    return summary


@dataclass
class _BatchWrites:
    """Everything one batch writes, in the order that keeps an interrupted run resumable:
    outdated rows out, sentences, cards, then chunks (a paper is "in" once its chunks are)."""

    stale: tuple[list[str], list[str], list[str]]
    sentence_ids: list[str]
    sentence_rows: list[tuple[str, Span, str]]
    sentence_vectors: np.ndarray
    cards: list[PaperCard]
    card_vectors: np.ndarray | None
    kept_chunks: list[Chunk]
    chunks: list[Chunk]
    chunk_vectors: np.ndarray
    by_id: dict[str, Paper]

    def write(self, store: PaperStore, add_batch: int) -> int:
        """Returns how many kept chunks had their paper fields rewritten."""
        if any(self.stale):
            store.delete(*self.stale)
        page = add_batch * 8  # sentences carry no text: bigger pages
        for begin in range(0, len(self.sentence_ids), page):
            rows = self.sentence_rows[begin : begin + page]
            store.add_sentences(self.sentence_ids[begin : begin + page], [p for p, _, _ in rows], [s for _, s, _ in rows], self.sentence_vectors[begin : begin + page])
        if self.cards and self.card_vectors is not None:
            store.add_cards(self.cards, self.card_vectors)
        updated = store.refresh_metadata(self.kept_chunks, self.by_id)
        for begin in range(0, len(self.chunks), add_batch):
            store.add_chunks(self.chunks[begin : begin + add_batch], self.by_id, self.chunk_vectors[begin : begin + add_batch])
        return updated


def _plan_batch(
    batch: list[Paper], settings: Settings, store: PaperStore, embedder: Embedder, count_tokens: TokenCounter, summary: IngestSummary
) -> _BatchWrites:
    """Chunk, split and embed one batch (reads the store, writes nothing).

    One embedding call per batch; card vectors are their contribution sentence's, from memory.
    """
    by_id = {paper.paper_id: paper for paper in batch}
    chunks: list[Chunk] = [c for paper in batch for c in chunk_abstract(paper, settings.chunking, count_tokens)]
    summary.chunks += len(chunks)

    # Unique sentence spans of each paper, from all its chunks; the id of each chunk sentence.
    sentence_rows: dict[str, tuple[str, Span, str]] = {}
    chunk_sentence_ids: dict[str, list[str]] = {}
    for chunk in chunks:
        abstract = by_id[chunk.paper_id].abstract
        ids = chunk_sentence_ids.setdefault(chunk.chunk_id, [])
        for span in chunk.sentences:
            text = abstract[span.start : span.end]
            sentence_id = sentence_id_for(chunk.paper_id, span, text)
            sentence_rows.setdefault(sentence_id, (chunk.paper_id, span, text))
            ids.append(sentence_id)
    chunk_ids = [c.chunk_id for c in chunks]
    cards = {paper.paper_id: build_card(paper) for paper in batch}

    # A paper whose text changed keeps its id but gets new chunks (and a new card): drop the old ones.
    stale_chunks = store.ids_for_papers(list(by_id)) - set(chunk_ids)
    stale_sentences = store.ids_for_papers(list(by_id), sentences=True) - set(sentence_rows)
    stale_cards = store.ids_for_papers(list(by_id), cards=True) - {c.card_id for c in cards.values()}
    summary.removed += len(stale_chunks)

    # Without sentence vectors (store.sentence_vectors = false, for corpora of millions of chunks)
    # neither sentences nor cards are stored: cards take their vector from a sentence, and the
    # retriever builds a missing card from the paper and uses the chunk as evidence.
    with_sentences = settings.store.sentence_vectors
    new_sentence_ids = store.missing_ids(list(sentence_rows), sentences=True) if with_sentences else []
    missing = set(store.missing_ids(chunk_ids))
    todo = [c for c in chunks if c.chunk_id in missing]
    kept = [c for c in chunks if c.chunk_id not in missing]
    summary.skipped += len(kept)
    new_card_ids = set(store.missing_ids([c.card_id for c in cards.values()], cards=True))
    new_cards = [card for card in cards.values() if card.card_id in new_card_ids] if with_sentences else []

    # One embedding call: new sentences, then either the new chunks' texts or (derived) their papers' titles.
    derived = settings.ingest.chunk_vectors == "derived"
    title_papers = list(dict.fromkeys(c.paper_id for c in todo)) if derived else []
    if pooling_active(settings) and hasattr(embedder, "embed_spans"):  # sentence vectors from the chunks' pass
        pooled_chunks, pooled_sentences = embed_chunks_with_sentences(
            embedder, todo, {p: by_id[p].title for p in by_id}, chunk_sentence_ids, {i: row[2] for i, row in sentence_rows.items()}, new_sentence_ids
        )
        vectors = np.concatenate([pooled_sentences, pooled_chunks])
    else:
        extra = [by_id[p].title for p in title_papers] if derived else [c.embed_text(by_id[c.paper_id].title) for c in todo]
        vectors = embedder.embed([sentence_rows[i][2] for i in new_sentence_ids] + extra)
    sentence_vectors = vectors[: len(new_sentence_ids)]
    known: dict[str, np.ndarray] = dict(zip(new_sentence_ids, sentence_vectors))

    card_sentences = {card.card_id: _card_sentence_id(card, by_id[card.paper_id]) for card in new_cards}
    wanted = {i for i in card_sentences.values() if i}
    if derived:
        wanted |= {i for c in todo for i in chunk_sentence_ids[c.chunk_id]}
    known.update(store.sentence_vectors(sorted(wanted - set(known))))  # sentences of a changed paper that were kept
    if lost := sorted(i for i in wanted - set(known) if i in sentence_rows):  # listed as stored, yet unreadable: embed again
        known.update(zip(lost, embedder.embed([sentence_rows[i][2] for i in lost])))
    if not todo:
        chunk_vectors = np.zeros((0, embedder.dim), np.float32)
    elif derived:
        titles = dict(zip(title_papers, vectors[len(new_sentence_ids) :]))
        chunk_vectors = np.stack([chunk_vector(np.stack([known[i] for i in chunk_sentence_ids[c.chunk_id]]), titles[c.paper_id]) for c in todo])
    else:
        chunk_vectors = vectors[len(new_sentence_ids) :]
    ready_cards = [card for card in new_cards if card_sentences[card.card_id] in known]
    card_vectors = np.stack([known[card_sentences[card.card_id]] for card in ready_cards]) if ready_cards else None

    summary.sentences_added += len(new_sentence_ids)
    summary.cards_added += len(ready_cards)
    summary.added += len(todo)
    return _BatchWrites(
        (sorted(stale_chunks), sorted(stale_sentences), sorted(stale_cards)),
        new_sentence_ids, [sentence_rows[i] for i in new_sentence_ids], sentence_vectors,
        ready_cards, card_vectors, kept, todo, chunk_vectors, by_id,
    )


def _card_sentence_id(card: PaperCard, paper: Paper) -> str | None:
    """The sentence holding the card's contribution (a paper with none: its first sentence).

    No extra embedding: a card is found by paper id, and its vector only has to place it near its paper.
    """
    spans = split_sentences(paper.abstract)
    span = next((s for s in spans if card.spans and s.start <= card.spans[0].start < s.end), spans[0] if spans else None)
    return sentence_id_for(card.paper_id, span, paper.abstract[span.start : span.end]) if span is not None else None
