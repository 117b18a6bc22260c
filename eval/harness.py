"""Run systems over a question set, grade every answer, and summarise by question type.

Systems, measured in the same run on the same questions:
- `ours`: the answer engine (`AnswerEngine.ask`) in extractive or LLM mode;
- `bm25`, `dense`: our retriever with one signal only and no rerank (retrieval metrics only);
- `llamaindex-citation`: LlamaIndex's CitationQueryEngine with the same embedder and the same
  LLM endpoint (LLM mode, with --baselines).

Every answer is graded by the same functions (`grade_answer`), so the baselines and ours are
scored alike: per-question values, NaN where a metric does not apply, averaged by `summarise`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eval.answer_metrics import abstained_correctly, abstained_falsely, authors_voice_share, fell_back, kind_correct, misnamed_share, must_mention_coverage
from eval.citation_metrics import (
    AbstractSupport,
    CitedSentence,
    Supports,
    cited_gold_precision,
    cited_gold_recall,
    cited_sentences,
    citation_precision,
    citation_recall,
    citation_validity,
)
from eval.metrics import mean, percentile, retrieval_scores
from eval.question_sets import Question
from eval.retrieval_eval import store_papers
from rag.verify.citations import parse_markers, strip_markers
from rag.records import Paper

log = logging.getLogger(__name__)

# The reported metrics, grouped as in `rag eval --json`.
METRICS: dict[str, tuple[str, ...]] = {
    "retrieval": ("recall@5", "recall@10", "mrr", "ndcg@10"),
    "citation": ("precision", "recall", "validity", "gold_precision", "gold_recall"),
    "answer": ("must_mention", "fallback_rate", "retry_rate", "all_supported", "authors_voice", "misnamed", "kind_accuracy"),
    "abstention": ("accuracy", "false_rate"),
}
OURS = "ours"


@dataclass
class Graded:
    """One question as answered (or only ranked) by one system, with its per-question scores."""

    question: Question
    system: str
    mode: str
    answer: str
    abstained: bool
    retrieved: list[tuple[Paper, float]]  # the full ranking, best first
    citations: list[dict[str, Any]]  # {"marker", "paper_id", "title", "supported"}
    scores: dict[str, float]  # "group.metric" -> value (NaN: does not apply)
    seconds: float = 0.0
    notice: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.question.id,
            "question": self.question.question,
            "type": self.question.type,
            "system": self.system,
            "mode": self.mode,
            "answer": self.answer,
            "abstained": self.abstained,
            "notice": self.notice,
            "citations": self.citations,
            "retrieved": [{"paper_id": p.paper_id, "title": p.title, "score": round(s, 6)} for p, s in self.retrieved],
            "scores": {k: (None if v != v else round(v, 4)) for k, v in self.scores.items()},
            "seconds": round(self.seconds, 3),
        }


@dataclass
class ModeRun:
    """Every system's graded answers for one mode, and their summaries."""

    mode: str
    questions: list[Question]
    graded: dict[str, list[Graded]] = field(default_factory=dict)

    def summaries(self) -> dict[str, dict]:
        return {name: summarise(rows) for name, rows in self.graded.items()}


# -- grading ----------------------------------------------------------------------------


def grade_ranking(question: Question, system: str, mode: str, retrieved: list[tuple[Paper, float]], seconds: float = 0.0) -> Graded:
    """A retrieval-only system: its ranking scored, every answer metric NaN."""
    scores = _retrieval(question, [p.paper_id for p, _ in retrieved])
    return Graded(question, system, mode, "", False, retrieved, [], scores, seconds)


def grade_answer(
    question: Question,
    system: str,
    mode: str,
    text: str,
    abstained: bool,
    sentences: Sequence[CitedSentence],
    marker_papers: dict[int, Paper],
    retrieved: list[tuple[Paper, float]],
    supports: Supports,
    seconds: float = 0.0,
    notice: str = "",
) -> Graded:
    """Score one answer: retrieval of its ranking, ALCE citation metrics judged on whole
    abstracts, must_mention coverage and abstention."""
    ranking = [p.paper_id for p, _ in retrieved]
    ids = {m: p.paper_id for m, p in marker_papers.items()}
    sentences = [] if abstained else list(sentences)
    cited_ids = [ids[m] for s in sentences for m in s.markers if m in ids]
    scores = _retrieval(question, ranking)
    scores.update(
        {
            "citation.precision": citation_precision(sentences, ids, supports),
            "citation.recall": citation_recall(sentences, ids, supports),
            "citation.validity": citation_validity(sentences, ids, ranking),
            "citation.gold_precision": cited_gold_precision(cited_ids, question.gold_ids),
            "citation.gold_recall": cited_gold_recall(cited_ids, question.gold_ids),
            # An abstention mentions nothing, even when its "not stated" line repeats the asked terms.
            "answer.must_mention": must_mention_coverage("" if abstained else text, question.must_mention),
            "answer.fallback_rate": fell_back(mode, notice),
            # Per answer: did the judge support every sentence by its citations? (NaN for an abstention)
            "answer.all_supported": float("nan") if not sentences else float(citation_recall(sentences, ids, supports) == 1.0),
            "abstention.accuracy": abstained_correctly(question.answerable, abstained),
            "abstention.false_rate": abstained_falsely(question.answerable, abstained),
        }
    )
    citations = []
    for marker, paper in sorted(marker_papers.items()):
        claims = [s.claim for s in sentences if marker in s.markers]
        if not claims:
            continue
        verdicts = [supports(claim, [paper.paper_id]) for claim in claims]
        # Per claim: the verdict, and the evidence the judge read, so report.md can list every
        # rejected claim for a person to audit.
        best_unit = getattr(supports, "best_unit", None)
        per_claim = [{"claim": claim, "supported": ok, "evidence": best_unit(claim, paper.paper_id).text if best_unit else ""}
                     for claim, ok in zip(claims, verdicts)]
        citations.append({"marker": marker, "paper_id": paper.paper_id, "title": paper.title, "supported": any(verdicts), "claims": per_claim})
    return Graded(question, system, mode, text, abstained, retrieved, citations, scores, seconds, notice)


def _retrieval(question: Question, ranking: list[str]) -> dict[str, float]:
    if not question.answerable or not question.gold_ids:
        return {f"retrieval.{m}": float("nan") for m in METRICS["retrieval"]}
    return {f"retrieval.{m}": v for m, v in retrieval_scores(ranking, question.gold_ids).items()}


# -- summaries --------------------------------------------------------------------------


def summarise(rows: Sequence[Graded]) -> dict[str, Any]:
    """Mean of each per-question metric (NaN values left out), overall and by question type."""
    summary: dict[str, Any] = _means(rows)
    seconds = [r.seconds for r in rows]
    summary["latency_s"] = {"p50": percentile(seconds, 50), "p95": percentile(seconds, 95)}
    summary["by_type"] = {qtype: _means([r for r in rows if r.question.type == qtype]) for qtype in sorted({r.question.type for r in rows})}
    return summary


def _means(rows: Sequence[Graded]) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(rows)}
    for group, names in METRICS.items():
        out[group] = {name: mean([r.scores.get(f"{group}.{name}", float("nan")) for r in rows]) for name in names}
    return out


# -- running systems --------------------------------------------------------------------


def _progress(items: Sequence, desc: str, enabled: bool) -> Iterable:
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="q", disable=not enabled, dynamic_ncols=True)


def run_engine(engine, questions: Sequence[Question], mode: str, supports: AbstractSupport, progress: bool = True) -> list[Graded]:
    """`ours`: every question through `engine.ask(question, mode=mode)`, graded."""
    graded = []
    for question in _progress(questions, f"ours ({mode})", progress):
        began = time.perf_counter()
        answer = engine.ask(question.question, mode=mode)
        seconds = time.perf_counter() - began
        # The engine's own sentence split (titles with "?" stay whole); markers re-read from the text.
        sentences = [CitedSentence(strip_markers(s.text), tuple(dict.fromkeys(parse_markers(s.text)))) for s in answer.sentences]
        if not sentences and not answer.abstained:
            sentences = cited_sentences(answer.text)
        supports.prepare([s.claim for s in sentences])
        graded.append(
            grade_answer(
                question, OURS, mode, answer.text, answer.abstained, sentences,
                {c.marker: c.paper for c in answer.citations},
                [(h.paper, h.score) for h in answer.retrieved],
                # An overruled model answer is a fallback too: the reader got the extractive draft.
                supports, seconds, answer.notice or (f"overruled: {answer.overruled}" if answer.overruled else ""),
            )
        )
        graded[-1].scores.update(reader_scores(question, answer))
        # How often the model needed its second, grounded request (an answer it gave is no fallback).
        graded[-1].scores["answer.retry_rate"] = float(answer.retried) if mode == "llm" else float("nan")
    return graded


def reader_scores(question: Question, answer) -> dict[str, float]:
    """What a reader trips over: sentences in the authors' voice, sentences naming a paper they
    do not cite, and whether the question's kind was recognised."""
    by_marker = {c.marker: c.paper.paper_id for c in answer.citations}
    shown = [(s.text, [by_marker[m] for m in s.markers if m in by_marker]) for s in answer.sentences]
    names = {h.paper.paper_id: h.card.name for h in answer.retrieved if getattr(h, "card", None) and h.card.name}
    return {
        "answer.authors_voice": authors_voice_share([text for text, _ in shown]),
        "answer.misnamed": misnamed_share(shown, names, {h.paper.paper_id: h.paper.title for h in answer.retrieved}),
        "answer.kind_accuracy": kind_correct(question.kind, getattr(answer, "kind", "")),
    }


def run_rankers(retriever, questions: Sequence[Question], mode: str, k: int = 10) -> dict[str, list[Graded]]:
    """`bm25` and `dense`: our retriever with one signal and no rerank."""
    out: dict[str, list[Graded]] = {}
    for name, signal in (("bm25", "keyword"), ("dense", "dense")):
        rows = []
        for question in questions:
            began = time.perf_counter()
            hits = retriever.search(question.question, k=k, mode=signal, rerank=False).hits
            rows.append(grade_ranking(question, name, mode, [(h.paper, h.score) for h in hits], time.perf_counter() - began))
        out[name] = rows
    return out


def run_citation_baseline(baseline, questions: Sequence[Question], supports: AbstractSupport, progress: bool = True) -> list[Graded]:
    """`llamaindex-citation`: CitationQueryEngine's answers, mapped to papers, graded alike."""
    graded = []
    for question in _progress(questions, "llamaindex-citation (llm)", progress):
        began = time.perf_counter()
        result = baseline.answer(question.question)
        seconds = time.perf_counter() - began
        sentences = cited_sentences(result.text)
        supports.prepare([s.claim for s in sentences])
        graded.append(
            grade_answer(
                question, "llamaindex-citation", "llm", result.text, result.abstained, sentences,
                result.marker_papers, result.ranking, supports, seconds, result.notice,
            )
        )
    return graded


@dataclass
class Harness:
    """What a run needs, built once from Components and shared by every mode and system."""

    components: Any
    progress: bool = True
    _support: AbstractSupport | None = field(default=None, init=False, repr=False)
    _papers: dict[str, Paper] | None = field(default=None, init=False, repr=False)

    @property
    def papers(self) -> dict[str, Paper]:
        if self._papers is None:
            self._papers = {p.paper_id: p for p in store_papers(self.components.store)}
        return self._papers

    @property
    def support(self) -> AbstractSupport:
        if self._support is None:
            c = self.components
            self._support = AbstractSupport.from_store(c.store, c.embedder, self.papers, c.settings.answer.support_threshold)
        return self._support

    def run_mode(self, questions: Sequence[Question], mode: str, baselines: bool = False) -> ModeRun:
        components = self.components
        run = ModeRun(mode, list(questions))
        if mode == "llm":
            components.chat_client()  # start the local server before the clock runs for question 1
        run.graded[OURS] = run_engine(components.answer_engine, questions, mode, self.support, self.progress)
        if baselines:
            run.graded.update(run_rankers(components.retriever, questions, mode))
            if mode == "llm":
                run.graded["llamaindex-citation"] = run_citation_baseline(self.citation_baseline(), questions, self.support, self.progress)
        return run

    def citation_baseline(self):
        from eval.citation_baseline import CitationQueryBaseline

        return CitationQueryBaseline.from_components(self.components, list(self.papers.values()))


def fixed_subset(questions: Sequence[Question], n: int) -> list[Question]:
    """The first question of each type in turn (types in order of first appearance, questions in
    file order), until n are picked: a subset that never changes and spans every type."""
    queues: dict[str, list[Question]] = {}
    for question in questions:
        queues.setdefault(question.type, []).append(question)
    picked: list[Question] = []
    while len(picked) < n and any(queues.values()):
        for queue in queues.values():
            if queue and len(picked) < n:
                picked.append(queue.pop(0))
    return picked


def gate_runs(harness: Harness, questions: Sequence[Question], llm_subset: int, baselines: bool = False) -> dict[str, ModeRun]:
    """What the CI gate measures: every question in extractive mode, and a fixed subset of
    `llm_subset` questions spanning every type (see `fixed_subset`) in LLM mode."""
    runs = {"extractive": harness.run_mode(questions, "extractive", baselines)}
    if llm_subset > 0:
        runs["llm"] = harness.run_mode(fixed_subset(questions, llm_subset), "llm", baselines)
    return runs


def metrics_for_gate(runs: dict[str, ModeRun], system: str = OURS) -> dict[str, dict]:
    """{"extractive": summary, "llm": summary} of one system: what gate thresholds are keyed on."""
    return {mode: summarise(run.graded[system]) for mode, run in runs.items()}

