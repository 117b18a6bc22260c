"""Corpus files -> papers -> chunks and sentences -> vectors -> the store.

Work goes in batches of papers. In each batch only chunks and sentences whose content
hash is not stored yet are embedded, sentences are written before chunks (a paper is
"in" once its chunks are), and chunks a changed paper no longer has are removed. So a run
killed at any point and started again ends with exactly the right contents.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy as np

from rag.cards import build_card
from rag.chunking import TokenCounter, chunk_abstract
from rag.corpus import ReadReport, read_corpus
from rag.embedding import Embedder
from rag.errors import CorpusError
from rag.records import Chunk, Paper, Span
from rag.sentences import split_sentences
from rag.settings import Settings
from rag.store import PaperStore, sentence_id_for

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
    try:
        for batch in _batches(papers, PAPERS_PER_BATCH):
            _ingest_batch(batch, settings, store, embedder, count_tokens, summary)
            bar.update(len(batch))
            done += len(batch)
            if on_batch is not None:
                on_batch(done)
    finally:
        bar.close()
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


def _ingest_batch(
    batch: list[Paper], settings: Settings, store: PaperStore, embedder: Embedder, count_tokens: TokenCounter, summary: IngestSummary
) -> None:
    by_id = {paper.paper_id: paper for paper in batch}
    chunks: list[Chunk] = [c for paper in batch for c in chunk_abstract(paper, settings.chunking, count_tokens)]
    summary.chunks += len(chunks)

    # Sentences first: unique spans of each paper, from all its chunks.
    sentence_rows: dict[str, tuple[str, Span, str]] = {}
    for chunk in chunks:
        abstract = by_id[chunk.paper_id].abstract
        for span in chunk.sentences:
            text = abstract[span.start : span.end]
            sentence_rows.setdefault(sentence_id_for(chunk.paper_id, span, text), (chunk.paper_id, span, text))
    chunk_ids = [c.chunk_id for c in chunks]

    cards = {paper.paper_id: build_card(paper) for paper in batch}

    # A paper whose text changed keeps its id but gets new chunks (and a new card): drop the old ones.
    stale_chunks = store.ids_for_papers(list(by_id)) - set(chunk_ids)
    stale_sentences = store.ids_for_papers(list(by_id), sentences=True) - set(sentence_rows)
    stale_cards = store.ids_for_papers(list(by_id), cards=True) - {c.card_id for c in cards.values()}
    if stale_chunks or stale_sentences or stale_cards:
        store.delete(sorted(stale_chunks), sorted(stale_sentences), sorted(stale_cards))
        summary.removed += len(stale_chunks)

    # Without sentence vectors (store.sentence_vectors = false, for corpora of millions of chunks)
    # neither sentences nor cards are stored: cards take their vector from a sentence, and the
    # retriever builds a missing card from the paper and uses the chunk as evidence.
    new_sentence_ids = store.missing_ids(list(sentence_rows), sentences=True) if settings.store.sentence_vectors else []
    batch_size = settings.store.add_batch * 8
    for begin in range(0, len(new_sentence_ids), batch_size):
        ids = new_sentence_ids[begin : begin + batch_size]
        rows = [sentence_rows[i] for i in ids]
        vectors = embedder.embed([text for _, _, text in rows])
        store.add_sentences(ids, [p for p, _, _ in rows], [s for _, s, _ in rows], vectors)
        summary.sentences_added += len(ids)

    if settings.store.sentence_vectors:
        _add_cards(cards, by_id, store, summary)

    missing = set(store.missing_ids(chunk_ids))
    todo = [c for c in chunks if c.chunk_id in missing]
    summary.skipped += len(chunks) - len(todo)
    summary.updated += store.refresh_metadata([c for c in chunks if c.chunk_id not in missing], by_id)
    for begin in range(0, len(todo), settings.store.add_batch):
        part = todo[begin : begin + settings.store.add_batch]
        vectors = embedder.embed([c.embed_text(by_id[c.paper_id].title) for c in part])
        store.add_chunks(part, by_id, vectors)
        summary.added += len(part)


def _add_cards(cards: dict, by_id: dict[str, Paper], store: PaperStore, summary: IngestSummary) -> None:
    """Cards after sentences, before chunks: a card's vector is its contribution sentence's, already stored.

    No extra embedding: a card is found by paper id, and its vector only has to place it
    near its paper (a paper with no sentence of its own gets its first sentence's vector).
    """
    new_ids = set(store.missing_ids([c.card_id for c in cards.values()], cards=True))
    todo = [card for card in cards.values() if card.card_id in new_ids]
    if not todo:
        return
    wanted = {}
    for card in todo:
        abstract = by_id[card.paper_id].abstract
        spans = split_sentences(abstract)
        span = next((s for s in spans if card.spans and s.start <= card.spans[0].start < s.end), spans[0] if spans else None)
        if span is not None:
            wanted[card.card_id] = sentence_id_for(card.paper_id, span, abstract[span.start : span.end])
    vectors = store.sentence_vectors(sorted(set(wanted.values())))
    ready = [card for card in todo if wanted.get(card.card_id) in vectors]
    if ready:
        store.add_cards(ready, np.stack([vectors[wanted[card.card_id]] for card in ready]))
        summary.cards_added += len(ready)
