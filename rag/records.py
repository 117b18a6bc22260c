"""The small typed records passed between modules, the CLI and the UI."""

from __future__ import annotations

from collections.abc import Sequence
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
class PaperCard:
    """What an answer says about a paper, built once at ingest from its title and abstract.

    `name` is what the paper introduces (a method, system, dataset, benchmark), "" when it
    introduces nothing named: never guessed. `contribution` is one third-person sentence
    derived from the paper's own contribution sentence by pronoun rewriting and clause
    trimming; `spans` are the abstract ranges its words came from, so it can be checked and
    highlighted. `card_id` is a content hash: a changed abstract gets a new card.
    """

    paper_id: str
    card_id: str
    name: str
    contribution: str
    spans: tuple[Span, ...]
    name_source: str = ""  # how the name was found: "title", "propose", "called", "acronym"

    def to_json(self) -> dict[str, Any]:
        return {
            "paper_id": self.paper_id,
            "name": self.name,
            "name_source": self.name_source,
            "contribution": self.contribution,
            "spans": [[s.start, s.end] for s in self.spans],
        }


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
    card: PaperCard | None = None
    # Every sentence of the abstract with its similarity to the question, in abstract order
    # (the retriever computes them all anyway; shapes pick among them).
    sentence_scores: tuple[Evidence, ...] = ()
    # The other name the question calls this paper by ("SBERT" for the card's "Sentence-BERT"), if any.
    alias: str = ""

    def own_names(self) -> list[str]:
        """The names the paper goes by here: its card's name, then the other name the question used, if any."""
        return [n for n in (self.card.name if self.card else "", self.alias) if n]

    def label(self) -> str:
        """What an answer calls the paper: its card's name, else its title; first the name the
        question used for it, when that is another ("SBERT (Sentence-BERT)"), so the reader finds
        what they asked about."""
        name = self.card.name if self.card and self.card.name else self.paper.title
        return f"{self.alias} ({name})" if self.alias and self.alias != name else name

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
            **self.paper.reference_json(),
        }


@dataclass(frozen=True)
class AnswerSentence:
    text: str  # with its final [n] markers
    markers: tuple[int, ...]
    supported: bool  # at least one remaining citation supports it
    reason: str = ""  # when not supported: why its citation was rejected
    rejected: tuple[Citation, ...] = ()  # citations the judge struck (marker 0: not in the references), each with its reason


@dataclass(frozen=True)
class AnswerItem:
    """One line of a shaped answer, rendered by the CLI and the UI.

    `label` (bold) and the markers come from the cards and the citations, never from a model,
    so a line cannot name one paper while citing another. `text` is third person, no markers.
    """

    role: str  # "lead" | "item" | "fact" | "evidence" | "difference" | "not_stated" | "related" | "sentence"
    text: str
    label: str = ""
    markers: tuple[int, ...] = ()
    supported: bool = True
    reason: str = ""  # why a citation was rejected, for the UI's hover and the CLI's mark
    # A difference line speaks of several papers: its part about each, in marker order, is the
    # claim checked against that paper alone (the whole line holds the other paper's words too).
    parts: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"role": self.role, "text": self.text, "label": self.label, "markers": list(self.markers), "supported": self.supported}
        if self.reason:
            data["reason"] = self.reason
        return data


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
    kind: str = "open"  # the question's kind: "list" | "fact" | "comparison" | "open"
    shape: str = "open"  # what was answered: a kind, "record" (a paper's authors, year or venue), "paper" (the named paper is the answer), or "not_stated" / "abstain"
    items: tuple[AnswerItem, ...] = ()
    # LLM mode: why the model's answer was set aside for the shaped draft although nothing failed
    # ("the model said not stated, but ..."); "" when the model's answer was used or none was asked.
    overruled: str = ""
    # LLM mode: the model's first answer did not pass verification or was set aside for the draft, and
    # this came of its second request, shown the draft's cited sentences only (reported by the eval
    # beside the fallback rate).
    retried: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "standalone_question": self.standalone_question,
            "answer": self.text,
            "mode": self.mode,
            "abstained": self.abstained,
            "kind": self.kind,
            "shape": self.shape,
            "items": [i.to_json() for i in self.items],
            "notice": self.notice,
            "overruled": self.overruled,
            "retried": self.retried,
            "citations": [c.to_json() for c in self.citations],
            "retrieved": [{"paper_id": h.paper.paper_id, "title": h.paper.title, "score": round(h.score, 6)} for h in self.retrieved],
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }


_BIBLIOGRAPHIC = ("year", "venue", "doi", "arxiv_id")


def best_evidence_score(hits: Sequence[PaperHit], papers: int = 3) -> float:
    """How close the best evidence sentence of the top `papers` hits comes to the question (cosine; 0 without hits)."""
    return max((e.score for hit in hits[:papers] for e in hit.evidence[:1]), default=0.0)


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
    """Something the user waits on ("rewriting the follow-up", "starting the local model").
    `restart`: the model's text streamed so far is withdrawn (it is being asked again)."""

    message: str
    restart: bool = False


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
