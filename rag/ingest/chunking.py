"""Cut an abstract into token-bounded chunks made of whole sentences.

316 abstracts average ~300 tokens, so at 200 tokens most become 2 chunks; an abstract
under the limit stays one chunk. Every chunk records its character span in the abstract
and the spans of its sentences, which is what evidence and highlighting are built on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from rag.records import Chunk, Paper, Span
from rag.ingest.sentences import split_sentences
from rag.settings import ChunkingSettings

TokenCounter = Callable[[str], int]


def chunk_id_for(paper: Paper, start: int, text: str) -> str:
    """Content hash: same paper, title and text give the same id on every machine."""
    key = "\x1f".join((paper.paper_id, paper.title, str(start), text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _split_long_sentence(text: str, span: Span, limit: int, count: TokenCounter) -> list[Span]:
    """A sentence over the token limit is cut between words into pieces under it."""
    pieces: list[Span] = []
    start = span.start
    words_end = start
    position = span.start
    for word in text[span.start : span.end].split(" "):
        candidate_end = position + len(word)
        if count(text[start:candidate_end]) > limit and words_end > start:
            pieces.append(Span(start, words_end))
            start = position
        words_end = candidate_end
        position = candidate_end + 1
    pieces.append(Span(start, span.end))
    return pieces


def chunk_abstract(paper: Paper, settings: ChunkingSettings, count: TokenCounter) -> list[Chunk]:
    text = paper.abstract
    sentences: list[Span] = []
    for span in split_sentences(text):
        if count(text[span.start : span.end]) > settings.chunk_tokens:
            sentences.extend(_split_long_sentence(text, span, settings.chunk_tokens, count))
        else:
            sentences.append(span)
    if not sentences:
        return []

    groups: list[list[Span]] = []
    first = 0
    while first < len(sentences):
        last = first + 1
        # Grow while the whole slice (with its inner whitespace) stays under the limit.
        while last < len(sentences) and count(text[sentences[first].start : sentences[last].end]) <= settings.chunk_tokens:
            last += 1
        groups.append(sentences[first:last])
        if last >= len(sentences):
            break
        first = max(first + 1, last - settings.overlap_sentences)
        # Repeat fewer sentences when the overlap would leave no room for the next new one:
        # otherwise a chunk would only repeat its neighbour (1 of 563 shipped chunks at 200/1).
        while first < last and count(text[sentences[first].start : sentences[last].end]) > settings.chunk_tokens:
            first += 1

    chunks = []
    for index, group in enumerate(groups):
        start, end = group[0].start, group[-1].end
        piece = text[start:end]
        chunks.append(
            Chunk(
                chunk_id=chunk_id_for(paper, start, piece),
                paper_id=paper.paper_id,
                index=index,
                text=piece,
                start=start,
                end=end,
                sentences=tuple(group),
            )
        )
    return chunks


def token_counter(settings: ChunkingSettings) -> TokenCounter:
    from rag.ingest.tokens import get_encoding

    encoding = get_encoding(settings.encoding)
    return lambda text: len(encoding.encode(text, disallowed_special=()))
