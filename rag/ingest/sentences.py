"""Split an abstract into sentences, as character spans.

Spans, not strings, because the UI highlights the exact supporting sentence inside the
abstract and citations carry offsets. A regex splitter is enough for abstracts and keeps
ingest deterministic; it knows the abbreviations abstracts use ("e.g.", "et al.", "Fig.").
"""

from __future__ import annotations

import re

from rag.records import Span

# A sentence ends at . ! or ? (optionally followed by a closing quote or bracket), then
# whitespace, then something that can start a sentence.
_BOUNDARY = re.compile(r"""[.!?]["')\]]*\s+(?=["'(\[]?[A-Z0-9])""")
_NO_SPLIT_AFTER = re.compile(
    r"(?:\b(?:e\.g|i\.e|et al|etc|vs|cf|Fig|Figs|Eq|Eqs|Sec|Tab|No|approx|resp|Dr|Mr|Ms|al|St)\.|\b[A-Z]\.)[\"')\]]*\s+$"
)


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of `text`, trimmed of surrounding whitespace; they never overlap."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if _NO_SPLIT_AFTER.search(text[max(0, end - 12) : end]):
            continue
        _append(spans, text, start, end)
        start = end
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
