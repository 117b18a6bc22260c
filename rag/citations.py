"""Check every citation of a generated answer against the abstract it points to.

For each answer sentence and each `[n]` it carries: a marker that points at no source is
removed; otherwise the cited paper's sentences (and pairs of neighbouring sentences) are
scored by the support judge and the best one becomes the citation's evidence. Unsupported
citations are dropped (or kept and flagged, by setting). A sentence left with no supported
citation may be re-attributed to another retrieved source that the judge says supports it;
otherwise it is marked unsupported. Surviving papers are renumbered in order of first use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rag.embedding import Embedder
from rag.records import AnswerSentence, Citation, Evidence, PaperHit
from rag.sentences import split_sentences
from rag.store import PaperStore, StoredSentence
from rag.support import SupportJudge

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


PAIR_MARGIN = 0.1


@dataclass
class _Best:
    score: float
    evidence: Evidence


class CitationVerifier:
    def __init__(self, store: PaperStore, embedder: Embedder, judge: SupportJudge, threshold: float, drop_unsupported: bool = True) -> None:
        self.store, self.embedder, self.judge = store, embedder, judge
        self.threshold, self.drop_unsupported = threshold, drop_unsupported

    def verify(self, text: str, sources: Sequence[PaperHit], reattribute: bool = True) -> VerifiedAnswer:
        sentences = [_name_leading_marker(s, sources) for s in answer_sentences(text)]
        claims = [strip_markers(s) for s in sentences]
        claim_vectors = self.embedder.embed(claims) if claims else np.zeros((0, 1), np.float32)
        stored = self.store.sentences_for([hit.paper.paper_id for hit in sources])
        by_paper: dict[str, list[StoredSentence]] = {}
        for row in stored:
            by_paper.setdefault(row.paper_id, []).append(row)
        for rows in by_paper.values():
            rows.sort(key=lambda r: r.start)

        removed = dropped = reattributed = 0
        kept: list[tuple[str, list[tuple[int, _Best, bool]]]] = []  # claim, [(source index, best, supported)]
        for claim, sentence, vector in zip(claims, sentences, claim_vectors):
            if not claim:
                continue
            cited: list[tuple[int, _Best, bool]] = []
            for marker in dict.fromkeys(parse_markers(sentence)):
                if not 1 <= marker <= len(sources):
                    removed += 1
                    continue
                best = self._best_support(claim, vector, sources[marker - 1], by_paper)
                supported = best.score >= self.threshold
                if supported or not self.drop_unsupported:
                    cited.append((marker - 1, best, supported))
                if not supported:
                    dropped += 1 if self.drop_unsupported else 0
            if reattribute and not any(ok for _, _, ok in cited):
                found = self._find_support(claim, vector, sources, by_paper)
                if found is not None:
                    cited.append((found[0], found[1], True))
                    reattributed += 1
            kept.append((claim, cited))

        # Renumber: papers in order of first citation; one reference per paper.
        order: dict[int, int] = {}
        references: dict[int, Citation] = {}
        out_sentences: list[AnswerSentence] = []
        for claim, cited in kept:
            markers = []
            for index, best, supported in cited:
                if index not in order:
                    order[index] = len(order) + 1
                    hit = sources[index]
                    references[index] = Citation(order[index], hit.paper, best.evidence, supported, best.score)
                if order[index] not in markers:
                    markers.append(order[index])
            suffix = "".join(f" [{m}]" for m in markers)
            body = claim if claim[-1:] in ".!?" else claim + "."
            rendered = body[:-1] + suffix + body[-1] if suffix else body
            out_sentences.append(AnswerSentence(rendered, tuple(markers), any(ok for _, _, ok in cited)))
        citations = tuple(sorted(references.values(), key=lambda c: c.marker))
        final_text = " ".join(s.text for s in out_sentences)
        return VerifiedAnswer(final_text, citations, tuple(out_sentences), removed, dropped, reattributed)

    def _best_support(self, claim: str, vector: np.ndarray, hit: PaperHit, by_paper: dict[str, list[StoredSentence]]) -> _Best:
        """Best judge score over the paper's sentences and pairs of neighbouring sentences."""
        paper = hit.paper
        rows = by_paper.get(paper.paper_id, [])
        singles = [(r.start, r.end, r.vector) for r in rows]
        pairs = []
        for first, second in zip(rows, rows[1:]):
            pair = first.vector + second.vector
            pairs.append((first.start, second.end, pair / max(float(np.linalg.norm(pair)), 1e-9)))
        if not singles:  # no stored sentences: judge against the retrieval evidence
            singles = [(e.start, e.end, vector) for e in hit.evidence]
        best_single = self._best_of(claim, vector, paper, singles, _Best(-1.0, hit.evidence[0]))
        best_pair = self._best_of(claim, vector, paper, pairs, _Best(-1.0, hit.evidence[0]))
        # A pair must earn its second sentence: adding any sentence nudges the judge up a little,
        # and the user should see the one sentence that supports the claim when one does.
        return best_pair if best_pair.score >= best_single.score + PAIR_MARGIN else best_single

    def _best_of(self, claim: str, vector: np.ndarray, paper, spans: list[tuple[int, int, np.ndarray]], best: _Best) -> _Best:
        paper_text = f"{paper.title}\n{paper.abstract}"
        for start, end, evidence_vector in spans:
            text = paper.abstract[start:end]
            score = self.judge.judge(claim, text, float(evidence_vector @ vector), paper_text).score
            if score > best.score:
                best = _Best(score, Evidence(text, start, end, score))
        return best

    def _find_support(self, claim: str, vector: np.ndarray, sources: Sequence[PaperHit], by_paper) -> tuple[int, _Best] | None:
        scored = [(i, self._best_support(claim, vector, hit, by_paper)) for i, hit in enumerate(sources)]
        index, best = max(scored, key=lambda item: item[1].score, default=(None, None))
        if index is None or best.score < self.threshold:
            return None
        return index, best
