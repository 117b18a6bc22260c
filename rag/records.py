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
    # Bibliographic metadata from BibTeX/RIS/arXiv imports; empty when the source has none.
    year: str = ""
    venue: str = ""  # journal, booktitle or arXiv journal-ref
    doi: str = ""
    arxiv_id: str = ""

    def link(self) -> str:
        """Where a reader can open the paper: its URL, else its DOI, else its arXiv page; "" when none is known."""
        if self.url:
            return self.url
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.arxiv_id:
            return f"https://arxiv.org/abs/{self.arxiv_id}"
        return ""

    def byline(self) -> str:
        """"Vaswani, Shazeer et al. (2017)": authors and year for a reference line; "" when neither is known."""
        names = [a.split(",")[0].strip() if "," in a else a.split()[-1] for a in self.authors[:3] if a.strip()]
        who = ", ".join(names[:2]) + (" et al." if len(self.authors) > 2 else "") if names else ""
        return f"{who} ({self.year})" if who and self.year else who or (f"({self.year})" if self.year else "")

    def reference_json(self) -> dict[str, Any]:
        """The bibliographic fields, for JSON output next to the title."""
        return {"authors": list(self.authors), "year": self.year, "venue": self.venue, "doi": self.doi, "arxiv_id": self.arxiv_id, "link": self.link()}


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
            **self.paper.reference_json(),
        }


@dataclass(frozen=True)
class Citation:
    marker: int
    paper: Paper
    evidence: Evidence
    supported: bool
    support_score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "marker": self.marker,
            "paper_id": self.paper.paper_id,
            "title": self.paper.title,
            "evidence": {"text": self.evidence.text, "start": self.evidence.start, "end": self.evidence.end},
            "supported": self.supported,
            "support_score": round(self.support_score, 4),
            **self.paper.reference_json(),
        }


@dataclass(frozen=True)
class AnswerSentence:
    text: str  # with its final [n] markers
    markers: tuple[int, ...]
    supported: bool  # at least one remaining citation supports it


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


_BIBLIOGRAPHIC = ("year", "venue", "doi", "arxiv_id")


def paper_to_metadata(paper: Paper) -> dict[str, Any]:
    """Chroma metadata values must be scalars: lists are joined.

    Empty bibliographic fields are left out, so chunks stored before those fields existed
    compare equal and a re-ingest does not rewrite them all.
    """
    data = asdict(paper)
    data["authors"] = "; ".join(paper.authors)
    data["categories"] = " ".join(paper.categories)
    for key in _BIBLIOGRAPHIC:
        if not data[key]:
            del data[key]
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
        **{key: str(meta.get(key, "")) for key in _BIBLIOGRAPHIC},
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
