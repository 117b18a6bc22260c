"""The small typed records passed between modules, the CLI and the UI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Paper:
    paper_id: str
    title: str
    abstract: str
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    update_date: str = ""
    url: str = ""
    source: str = ""  # "file:line" the paper was read from, for warnings and provenance


@dataclass(frozen=True)
class Span:
    """A character range [start, end) of a paper's abstract."""

    start: int
    end: int


@dataclass(frozen=True)
class Chunk:
    chunk_id: str  # content hash: the same text of the same paper always gets the same id
    paper_id: str
    index: int  # position of the chunk in its paper
    text: str  # the abstract slice, abstract[start:end]
    start: int
    end: int
    sentences: tuple[Span, ...]  # sentence spans in abstract coordinates

    def embed_text(self, title: str) -> str:
        # The title travels with every chunk: it is often the best summary of the paper.
        return f"{title}\n{self.text}"


@dataclass(frozen=True)
class Evidence:
    """A sentence (or run of sentences) of an abstract that supports something."""

    text: str
    start: int
    end: int
    score: float = 0.0


@dataclass(frozen=True)
class PaperHit:
    """One paper in a ranking, with why it was ranked there."""

    rank: int
    paper: Paper
    score: float
    best_chunk_id: str
    evidence: tuple[Evidence, ...]
    dense_score: float = 0.0
    keyword_score: float = 0.0

    def to_json(self) -> dict[str, Any]:
        best = self.evidence[0] if self.evidence else None
        return {
            "rank": self.rank,
            "paper_id": self.paper.paper_id,
            "title": self.paper.title,
            "score": round(self.score, 6),
            "evidence": {"text": best.text, "start": best.start, "end": best.end} if best else None,
        }


@dataclass(frozen=True)
class Citation:
    marker: int
    paper: Paper
    evidence: Evidence
    supported: bool
    support_score: float
    reason: str = ""  # why the judge rejected it ("the cited abstract does not state 69%"); "" when supported

    def to_json(self) -> dict[str, Any]:
        return {
            "marker": self.marker,
            "paper_id": self.paper.paper_id,
            "title": self.paper.title,
            "evidence": {"text": self.evidence.text, "start": self.evidence.start, "end": self.evidence.end},
            "supported": self.supported,
            "support_score": round(self.support_score, 4),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class AnswerSentence:
    text: str  # with its final [n] markers
    markers: tuple[int, ...]
    supported: bool  # at least one remaining citation supports it
    reason: str = ""  # when not supported: why its citation was rejected
    rejected: tuple[Citation, ...] = ()  # citations the judge struck (marker 0: not in the references), each with its reason


@dataclass(frozen=True)
class Answer:
    question: str
    standalone_question: str
    text: str
    mode: str  # "llm" | "extractive"
    abstained: bool
    citations: tuple[Citation, ...]
    retrieved: tuple[PaperHit, ...]
    sentences: tuple[AnswerSentence, ...] = ()
    notice: str = ""  # e.g. the fallback notice when the LLM failed
    timings: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "standalone_question": self.standalone_question,
            "answer": self.text,
            "mode": self.mode,
            "abstained": self.abstained,
            "notice": self.notice,
            "citations": [c.to_json() for c in self.citations],
            "retrieved": [{"paper_id": h.paper.paper_id, "title": h.paper.title, "score": round(h.score, 6)} for h in self.retrieved],
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }


def paper_to_metadata(paper: Paper) -> dict[str, Any]:
    """Chroma metadata values must be scalars: lists are joined."""
    data = asdict(paper)
    data["authors"] = "; ".join(paper.authors)
    data["categories"] = " ".join(paper.categories)
    return data


def paper_from_metadata(meta: dict[str, Any]) -> Paper:
    return Paper(
        paper_id=str(meta["paper_id"]),
        title=str(meta["title"]),
        abstract=str(meta["abstract"]),
        authors=tuple(a for a in str(meta.get("authors", "")).split("; ") if a),
        categories=tuple(c for c in str(meta.get("categories", "")).split() if c),
        update_date=str(meta.get("update_date", "")),
        url=str(meta.get("url", "")),
        source=str(meta.get("source", "")),
    )


# -- events streamed by AnswerEngine.stream(), in this order -----------------------------


@dataclass(frozen=True)
class StatusEvent:
    """Something the user waits on ("rewriting the follow-up", "starting the local model")."""

    message: str


@dataclass(frozen=True)
class EvidenceEvent:
    """Retrieval is done: the ranked papers and an extractive, cited draft, shown at once."""

    standalone_question: str
    retrieved: tuple[PaperHit, ...]
    draft: Answer  # extractive answer (or the abstention) built from the evidence


@dataclass(frozen=True)
class TokenEvent:
    """A piece of the LLM's answer text as it streams (markers not yet verified)."""

    text: str


@dataclass(frozen=True)
class AnswerEvent:
    """The final, verified answer. Always the last event."""

    answer: Answer
