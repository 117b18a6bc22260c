"""Question -> cited, verified answer, streamed as events.

Flow: check the question -> rewrite a follow-up into a standalone question -> retrieve ->
emit the evidence and an extractive cited draft at once (or the abstention) -> in LLM mode,
stream the model's synthesis over the numbered evidence -> verify every citation -> emit
the final answer. When the LLM fails or times out, the extractive answer is the answer,
with a visible notice. The UI, the CLI and the eval harness all drive this one engine.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence

from rag import prompts
from rag.citations import CitationVerifier, strip_markers
from rag.errors import LLMUnavailable, QuestionError, RagError
from rag.llm import ChatClient
from rag.records import Answer, AnswerEvent, AnswerSentence, Evidence, Citation, EvidenceEvent, PaperHit, StatusEvent, TokenEvent
from rag.retrieve import HybridRetriever
from rag.sentences import split_sentences
from rag.settings import Settings
from rag.support import numbers_absent_from

log = logging.getLogger(__name__)

Event = StatusEvent | EvidenceEvent | TokenEvent | AnswerEvent
History = Sequence[dict[str, str]]

# A follow-up leans on the conversation: pronouns, "those", or a leading "and"/"what about".
_DEPENDENT = re.compile(
    r"^\s*(and|also|what about|how about|but|then)\b|\b(those|these|them|they|their|it|its|this one|that one|the former|the latter|the same)\b",
    re.IGNORECASE,
)


class AnswerEngine:
    def __init__(
        self,
        settings: Settings,
        retriever: HybridRetriever,
        verifier: CitationVerifier,
        chat_client: Callable[[], ChatClient],
        paper_count: Callable[[], int],
        chat_ready: Callable[[], bool] = lambda: True,
    ) -> None:
        self.settings = settings
        self.retriever = retriever
        self.verifier = verifier
        self._chat_client = chat_client  # may start the local model server: called only when needed
        self._paper_count = paper_count
        self._chat_ready = chat_ready  # False until the LLM client (and local server) exists

    def paper_count(self) -> int:
        return self._paper_count()

    def ask(self, question: str, history: History = (), mode: str | None = None, top_k: int | None = None) -> Answer:
        answer = None
        for event in self.stream(question, history, mode, top_k):
            if isinstance(event, AnswerEvent):
                answer = event.answer
        assert answer is not None
        return answer

    def stream(self, question: str, history: History = (), mode: str | None = None, top_k: int | None = None) -> Iterator[Event]:
        settings = self.settings.answer
        mode = mode or settings.mode
        if mode not in ("llm", "extractive"):
            raise QuestionError(f"unknown answer mode {mode!r}", hint="use llm or extractive")
        question = self._check_question(question)
        timings: dict[str, float] = {}
        began = time.perf_counter()

        standalone = question
        if history and _DEPENDENT.search(question):
            yield StatusEvent("rewriting the follow-up as a standalone question")
            standalone = self._standalone(question, history, mode)
        timings["rewrite"] = time.perf_counter() - began

        retrieval = self.retriever.search(standalone, k=top_k)
        hits = tuple(retrieval.hits)
        timings["retrieval"] = retrieval.timings["total"]

        abstain = self._too_weak(hits)
        draft = self._extractive(question, standalone, hits, abstain, timings)
        timings["evidence"] = time.perf_counter() - began
        draft = _with_timings(draft, timings)
        yield EvidenceEvent(standalone, hits, draft)
        if abstain or mode == "extractive":
            timings["total"] = time.perf_counter() - began
            yield AnswerEvent(_with_timings(draft, timings))
            return

        try:
            if not self._chat_ready():
                yield StatusEvent("starting the local language model (first question only)")
            answer = yield from self._generate(question, standalone, hits, timings, began)
        except RagError as exc:  # endpoint down, model file missing, bad LLM config: the evidence still stands
            log.warning("falling back to the extractive answer: %s", exc.message)
            reason = exc.message.split(": ", 1)[-1]
            timings["total"] = time.perf_counter() - began
            answer = _with_timings(draft, timings, notice=prompts.FALLBACK_NOTICE.format(reason=reason))
        yield AnswerEvent(answer)

    # -- steps ------------------------------------------------------------------------

    def _check_question(self, question: str) -> str:
        question = " ".join((question or "").split())
        if not question:
            raise QuestionError("the question is empty", hint='ask something like "Which methods tackle negative transfer?"')
        limit = self.settings.answer.max_question_chars
        if len(question) > limit:
            raise QuestionError(f"the question is {len(question):,} characters; the limit is {limit:,}", hint="shorten it to the essentials")
        return question

    def _standalone(self, question: str, history: History, mode: str) -> str:
        previous = [m["content"] for m in history if m.get("role") == "user" and m.get("content")][-3:]
        if not previous:
            return question
        if mode == "llm":
            transcript = "\n".join(f"User: {text}" for text in previous)
            try:
                rewritten = self._chat_client().complete(
                    [{"role": "user", "content": prompts.CONDENSE.render(history=transcript, question=question)}], max_tokens=80
                )
                rewritten = " ".join(rewritten.strip().strip('"').split())
                if 8 <= len(rewritten) <= self.settings.answer.max_question_chars:
                    return rewritten
            except RagError as exc:  # as in stream(): a missing model file or bad LLM config must not end the turn
                log.warning("follow-up rewrite failed, joining questions instead: %s", exc.message)
        # Without a model, the previous question carries the context words retrieval needs.
        return f"{previous[-1]} {question}"

    def _too_weak(self, hits: Sequence[PaperHit]) -> bool:
        """Abstain when even the best evidence sentence is far from the question (calibrated on dev)."""
        if not hits:
            return True
        best = max((e.score for hit in hits[:3] for e in hit.evidence[:1]), default=0.0)
        return best < self.settings.answer.abstain_below

    def _extractive(self, question: str, standalone: str, hits: Sequence[PaperHit], abstain: bool, timings: dict) -> Answer:
        if abstain:
            return Answer(question, standalone, prompts.ABSTAIN_TEXT, "extractive", True, (), tuple(hits), timings=dict(timings))
        settings = self.settings.answer
        top = hits[0].score if hits else 0.0
        # Quote the papers that score near the best one: a fact question has one answer paper,
        # a topic question several (the ratio was chosen on the dev questions).
        chosen = [
            h for h in hits if h.evidence and h.evidence[0].score >= settings.abstain_below and h.score >= settings.extractive_min_relative * top
        ][: settings.extractive_papers]
        lines, citations, sentences = [], [], []
        for marker, hit in enumerate(chosen, start=1):
            quoted = sorted(_context_evidence(hit), key=lambda e: e.start) if settings.extractive_contribution else list(hit.evidence[:1])
            lines.append(f"{hit.paper.title}: " + " ".join(f"{e.text} [{marker}]" for e in quoted))
            citations.append(Citation(marker, hit.paper, hit.evidence[0], True, 1.0))
            sentences.extend(AnswerSentence(f"{e.text} [{marker}]", (marker,), True) for e in quoted)
        return Answer(question, standalone, "\n".join(lines), "extractive", False, tuple(citations), tuple(hits), tuple(sentences), timings=dict(timings))

    def _generate(self, question: str, standalone: str, hits: Sequence[PaperHit], timings: dict, began: float) -> Iterator[Event]:
        sources = list(hits[: self.settings.answer.context_papers])
        entries = []
        for marker, hit in enumerate(sources, start=1):
            # Evidence sentences in abstract order read more naturally than by score.
            evidence = " ".join(e.text for e in sorted(_context_evidence(hit), key=lambda e: e.start))
            entries.append(prompts.SOURCE_ENTRY.render(marker=str(marker), title=hit.paper.title, evidence=evidence))
        messages = [
            {"role": "system", "content": prompts.ANSWER_SYSTEM.render()},
            {"role": "user", "content": prompts.ANSWER_USER.render(sources="\n".join(entries), question=standalone)},
        ]
        client = self._chat_client()
        if "llm_ready" not in timings:
            timings["llm_ready"] = time.perf_counter() - began
        pieces: list[str] = []
        for piece in client.stream(messages):
            if not pieces:
                timings["first_token"] = time.perf_counter() - began
            pieces.append(piece)
            yield TokenEvent(piece)
        raw = "".join(pieces).strip()
        log.debug("raw LLM answer: %r", raw)
        timings["generation"] = time.perf_counter() - began
        if not raw:
            raise LLMUnavailable("the language model returned an empty answer")
        if prompts.NO_ANSWER in raw[: len(prompts.NO_ANSWER) + 20]:
            timings["total"] = time.perf_counter() - began
            return Answer(question, standalone, prompts.ABSTAIN_TEXT, "llm", True, (), tuple(hits), timings=dict(timings))
        verified = self.verifier.verify(raw, sources, question=standalone)
        timings["verify"] = time.perf_counter() - began - timings["generation"]
        timings["total"] = time.perf_counter() - began
        log.info(
            "answer verified: %d citations, %d bad markers removed, %d unsupported dropped, %d re-attributed",
            len(verified.citations), verified.removed_markers, verified.dropped_unsupported, verified.reattributed,
        )
        if not any(s.supported for s in verified.sentences):
            invented = numbers_absent_from(strip_markers(raw), [f"{h.paper.title} {h.paper.abstract}" for h in sources] + [standalone])
            if invented:
                # The model answered with figures no retrieved abstract contains (on the dev set:
                # a listening-test score, a LoRA rank, GPU-hours nobody reports): the papers
                # do not hold the answer, so say so rather than quote near-misses.
                log.info("abstaining: the model stated figures absent from every source: %s", invented[:5])
                timings["total"] = time.perf_counter() - began
                return Answer(question, standalone, prompts.ABSTAIN_TEXT, "llm", True, (), tuple(hits), timings=dict(timings))
            # Nothing the model wrote is backed by the sources; the cited evidence still is.
            raise LLMUnavailable("the model's answer could not be verified against the abstracts")
        return Answer(question, standalone, verified.text, "llm", False, verified.citations, tuple(hits), verified.sentences, timings=dict(timings))


# The sentence that names a paper's contribution ("we propose X") is what a question about
# "which method / what is it called" needs, and often not the sentence closest to the question.
_CONTRIBUTION = re.compile(r"\b(we|this paper|this work)\s+(propose|present|introduce|develop|design)|\b(called|named|dubbed)\b", re.IGNORECASE)


def _context_evidence(hit: PaperHit) -> list[Evidence]:
    """Two sentences a paper: its best evidence, and its contribution sentence (else the runner-up).

    Two keep the 1.5B model's prompt near 550 tokens for 6 papers: ~16 s to first token here.
    """
    best = list(hit.evidence[:1])
    if best and _CONTRIBUTION.search(best[0].text):
        return best + list(hit.evidence[1:2])
    for span in split_sentences(hit.paper.abstract):
        text = hit.paper.abstract[span.start : span.end]
        if _CONTRIBUTION.search(text) and (not best or span.start != best[0].start):
            return best + [Evidence(text, span.start, span.end, 0.0)]
    return best + list(hit.evidence[1:2])


def _with_timings(answer: Answer, timings: dict, notice: str = "") -> Answer:
    from dataclasses import replace

    return replace(answer, timings=dict(timings), notice=notice or answer.notice)
