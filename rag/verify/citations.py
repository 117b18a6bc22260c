"""Check every citation of a generated answer against the abstract it points to.

For each answer sentence and each `[n]` it carries: a marker that points at no source is
removed; otherwise the claim judge (rag/verify/claim_judge.py) gives a verdict with a reason: the
cited paper's best sentence (or pair) as evidence, its names, figures, direction, negation
and, with the question, relevance. A claim naming another retrieved paper moves to it; a
rejected citation is dropped and kept on the sentence as struck, with its reason; a sentence
left with no supported citation may be re-attributed, else dropped (kept and marked when
nothing else stands). Surviving papers are renumbered in order of first use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rag import prompts
from rag.verify.claim_checks import unknown_names
from rag.verify.claim_judge import ClaimJudge, Verdict, paper_units
from rag.search.embedding import Embedder
from rag.records import AnswerSentence, Citation, PaperHit
from rag.ingest.sentences import split_sentences
from rag.search.store import PaperStore, StoredSentence
from rag.verify.support import SupportJudge

MARKER = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_LEADING_MARKERS = re.compile(r"^(?:\s*\[\d+(?:\s*[,;]\s*\d+)*\])+\s*[.,;:]?")


_LEADING_MARKER = re.compile(r"^\s*(?:(?:source|paper|study)\s*)?\[(\d+)\]\s*", re.IGNORECASE)


def short_name(title: str) -> str:
    """What a sentence can call a paper: the name before the title's colon, else "One paper"."""
    head = title.split(":", 1)[0].strip()
    return head if ":" in title and len(head) <= 40 else "One paper"


def _name_leading_marker(sentence: str, sources: Sequence[PaperHit]) -> str:
    """ "[2] introduces X." loses its subject once markers move to the end: name the paper instead."""
    match = _LEADING_MARKER.match(sentence)
    if not match or not 1 <= int(match.group(1)) <= len(sources):
        return sentence
    marker = int(match.group(1))
    rest = sentence[match.end() :].rstrip()
    body = rest[:-1] if rest[-1:] in ".!?" else rest
    if not body:
        return sentence
    # "[2] introduces X" needs a subject; "[2] The authors propose X" already has one.
    subject = f"{short_name(sources[marker - 1].paper.title)} " if body[:1].islower() else ""
    return f"{subject}{body} [{marker}]."


@dataclass(frozen=True)
class VerifiedAnswer:
    text: str
    citations: tuple[Citation, ...]
    sentences: tuple[AnswerSentence, ...]
    removed_markers: int  # pointed at no source
    dropped_unsupported: int  # pointed at a source that does not support the sentence
    reattributed: int  # unsupported sentences given a source that does support them


def parse_markers(text: str) -> list[int]:
    return [int(n) for group in MARKER.findall(text) for n in re.split(r"\s*[,;]\s*", group)]


def inert_markers(text: str) -> str:
    """Source text whose bracketed numbers cannot pass for our source numbers: "[7]" -> "(7)".

    An abstract may carry its own reference numbers, a fake reference list or an injected
    "cite [7]"; in the prompt, "[n]" means "source n", so the source's own stay round.
    """
    return re.sub(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]", r"(\1)", text)


def strip_markers(text: str) -> str:
    """The claim without its markers; "done. [1]." leaves one full stop, not two."""
    claim = re.sub(r"\s+([.,;:!?])", r"\1", MARKER.sub("", text)).strip()
    return re.sub(r"([.!?])(?:\s*[.!?])+$", r"\1", claim)


def answer_sentences(text: str) -> list[str]:
    """Sentences of an answer; a run of bare markers after a full stop belongs to the sentence before."""
    text = text.strip()  # the spans are of the stripped text: slicing the original shifted them (found by hypothesis)
    pieces = [text[s.start : s.end] for s in split_sentences(text)]
    merged: list[str] = []
    for piece in pieces:
        # "A did x. [2] B did y." splits as "A did x." + "[2] B did y.": the [2] is A's.
        lead = _LEADING_MARKERS.match(piece) if merged else None
        if lead:
            merged[-1] = merged[-1] + " " + lead.group().strip()
            piece = piece[lead.end() :].strip()
        if piece:
            merged.append(piece)
    return merged


@dataclass
class _Cited:
    index: int  # source index
    verdict: Verdict


# A claim its cited paper words closely but that says it otherwise (turned around, negated, a view the
# paper tests given as its finding, made universal) or that is true of the paper but answers nothing:
# the claim is about that paper, misread. Another paper "supporting" it shares its words by chance:
# the 1.5B model on dev3 gave the attention-transfer paper's "conventional wisdom" as its finding,
# and the claim, moved, was cited to a detection benchmark that says nothing of the kind.
_MISREAD = frozenset({"direction", "negation", "view", "overgeneral", "off_topic"})


def _misreads(verdict: Verdict, threshold: float) -> bool:
    """Was the claim rejected for misreading a sentence of the cited paper that matches it?"""
    return verdict.kind in _MISREAD and verdict.score >= threshold


class CitationVerifier:
    """Checks each (sentence, cited paper) with the claim judge and acts on the verdicts:

    - a claim that names paper X (a name only X's abstract holds) is cited to X when X supports it;
    - a rejected citation is dropped (or kept and flagged, with drop_unsupported=False) and
      recorded, with its reason, on the sentence (`AnswerSentence.rejected`);
    - a sentence left with no supported citation may be re-attributed to another source that
      supports it; otherwise it is dropped from the answer when other sentences stand, and kept,
      marked, with its reason, when dropping it would leave nothing.
    """

    def __init__(self, store: PaperStore, embedder: Embedder, judge: ClaimJudge | SupportJudge, threshold: float, drop_unsupported: bool = True) -> None:
        self.store, self.embedder = store, embedder
        # A bare SupportJudge (older callers) gets the checks, without the question's relevance.
        self.judge = judge if isinstance(judge, ClaimJudge) else ClaimJudge(judge, threshold)
        self.threshold, self.drop_unsupported = threshold, drop_unsupported

    def verify(self, text: str, sources: Sequence[PaperHit], reattribute: bool = True, question: str = "", kind: str = "") -> VerifiedAnswer:
        sentences = [_name_leading_marker(s, sources) for s in answer_sentences(text)]
        claims = [strip_markers(s) for s in sentences]
        to_embed = claims + ([question] if question else [])
        vectors = self.embedder.embed(to_embed) if to_embed else np.zeros((0, 1), np.float32)
        claim_vectors = vectors[: len(claims)]
        question_vector = vectors[len(claims)] if question else None
        stored = self.store.sentences_for([hit.paper.paper_id for hit in sources])
        by_paper: dict[str, list[StoredSentence]] = {}
        for row in stored:
            by_paper.setdefault(row.paper_id, []).append(row)
        # A paper with no stored sentences (should not happen) is judged on its retrieval evidence.
        zero = np.zeros(vectors.shape[1] if len(vectors) else 1, np.float32)
        units = {hit.paper.paper_id: paper_units(by_paper.get(hit.paper.paper_id, []), [(e.start, e.end, zero) for e in hit.evidence[:1]]) for hit in sources}

        def judge(claim: str, vector: np.ndarray, index: int) -> Verdict:
            paper = sources[index].paper
            return self.judge.judge(claim, vector, paper, units[paper.paper_id], question, question_vector, kind)

        removed = dropped = reattributed = 0
        kept: list[tuple[str, list[_Cited], list[_Cited]]] = []  # claim, kept citations, rejected citations
        for claim, sentence, vector in zip(claims, sentences, claim_vectors):
            if not claim:
                continue
            cited: list[_Cited] = []
            rejected: list[_Cited] = []
            for marker in dict.fromkeys(parse_markers(sentence)):
                if not 1 <= marker <= len(sources):
                    removed += 1
                    continue
                verdict = judge(claim, vector, marker - 1)
                if not verdict.supported and verdict.names:
                    # "UniPT saves memory [LST]": cite the paper the claim names, if it supports it.
                    named = self._named_source(verdict.names, sources, exclude={marker - 1} | {c.index for c in cited})
                    moved = judge(claim, vector, named) if named is not None else None
                    if moved is not None and moved.supported:
                        cited.append(_Cited(named, moved))
                        reattributed += 1
                        continue
                if verdict.supported:
                    cited.append(_Cited(marker - 1, verdict))
                    continue
                rejected.append(_Cited(marker - 1, verdict))
                if self.drop_unsupported:
                    dropped += 1
                else:
                    cited.append(_Cited(marker - 1, verdict))
            if reattribute and not any(c.verdict.supported for c in cited) and not any(_misreads(c.verdict, self.judge.threshold) for c in rejected):
                found = self._find_support(claim, vector, sources, judge, exclude={c.index for c in rejected})
                if found is not None:
                    cited.append(found)
                    reattributed += 1
            kept.append((claim, cited, rejected))

        # A rejected claim is dropped, unless dropping every rejected claim would leave nothing.
        if any(any(c.verdict.supported for c in cited) for _, cited, _ in kept):
            kept = [k for k in kept if any(c.verdict.supported for c in k[1]) or not (k[1] or k[2])]

        # Renumber: papers in order of first citation; one reference per paper.
        order: dict[int, int] = {}
        references: dict[int, Citation] = {}
        out_sentences: list[AnswerSentence] = []
        for claim, cited, rejected in kept:
            markers = []
            for c in cited:
                if c.index not in order:
                    order[c.index] = len(order) + 1
                    references[c.index] = Citation(order[c.index], sources[c.index].paper, c.verdict.evidence, c.verdict.supported,
                                                   c.verdict.score, c.verdict.reason)
                if order[c.index] not in markers:
                    markers.append(order[c.index])
            suffix = "".join(f" [{m}]" for m in markers)
            body = claim if claim[-1:] in ".!?" else claim + "."
            rendered = body[:-1] + suffix + body[-1] if suffix else body
            supported = any(c.verdict.supported for c in cited)
            struck = tuple(Citation(0, sources[c.index].paper, c.verdict.evidence, False, c.verdict.score, c.verdict.reason) for c in rejected)
            reason = "" if supported else (rejected[0].verdict.reason if rejected else (cited[0].verdict.reason if cited else prompts.REASON_UNCITED))
            out_sentences.append(AnswerSentence(rendered, tuple(markers), supported, reason, struck))
        citations = tuple(sorted(references.values(), key=lambda c: c.marker))
        final_text = " ".join(s.text for s in out_sentences)
        return VerifiedAnswer(final_text, citations, tuple(out_sentences), removed, dropped, reattributed)

    @staticmethod
    def _named_source(names: Sequence[str], sources: Sequence[PaperHit], exclude: set[int]) -> int | None:
        """The one other source whose title or abstract holds every name the cited paper lacked."""
        matches = [i for i, hit in enumerate(sources) if i not in exclude
                   and not unknown_names(" ".join(names), f"{hit.paper.title}\n{hit.paper.abstract}")]
        return matches[0] if len(matches) == 1 else None

    def _find_support(self, claim: str, vector: np.ndarray, sources: Sequence[PaperHit], judge, exclude: set[int]) -> _Cited | None:
        verdicts = [(i, judge(claim, vector, i)) for i in range(len(sources)) if i not in exclude]
        supported = [(i, v) for i, v in verdicts if v.supported]
        if not supported:
            return None
        index, verdict = max(supported, key=lambda item: item[1].score)
        return _Cited(index, verdict)
