"""One verdict per (claim, cited paper, question): supported or not, and why, in words.

It puts together what a careful reader checks, in the order a reason is most useful:
1. names: every method/dataset name in the claim must occur in the cited paper;
2. figures: every figure, with its unit, must be stated by the cited paper;
3. the support judge (rag/verify/support.py) picks the paper's best sentence or neighbouring pair;
   direction, negation and universal words are compared with that evidence;
4. the support score must reach the threshold;
5. with a question: the claim must address it (rag/verify/relevance.py).

The reasons are short sentences for people ("the cited abstract does not state 69%"); their
wording lives in rag/prompts.py. Measured per error kind on eval/challenge/claims.jsonl
(`rag calibrate-judge`); figures in README.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from rag import prompts
from rag.verify import claim_checks
from rag.records import Evidence, Paper
from rag.verify.relevance import RelevanceJudge
from rag.verify.support import SupportJudge

PAIR_MARGIN = 0.1  # a pair of sentences must beat the best single one by this to be the evidence


@dataclass(frozen=True)
class Unit:
    """A sentence, or two neighbouring sentences, of an abstract, with a unit vector."""

    start: int
    end: int
    vector: np.ndarray
    pair: bool = False


@dataclass(frozen=True)
class Verdict:
    supported: bool
    score: float  # the support judge's score on the best evidence, 0..1
    evidence: Evidence
    kind: str = ""  # "" when supported; else wrong_name | number | direction | negation | view | overgeneral | unsupported | off_topic
    reason: str = ""  # one short sentence for the reader; "" when supported
    names: tuple[str, ...] = ()  # names the cited paper lacks (a wrong-paper claim names another paper)


def paper_units(rows: Sequence, fallback: Sequence[tuple[int, int, np.ndarray]] = ()) -> list[Unit]:
    """Sentences (rows with start/end/vector, in any order) and pairs of neighbours."""
    spans = sorted(((r.start, r.end, np.asarray(r.vector, dtype=np.float32)) for r in rows), key=lambda s: s[0]) or list(fallback)
    units = [Unit(a, b, v) for a, b, v in spans]
    for (a, _, v1), (_, b, v2) in zip(spans, spans[1:]):
        pair = v1 + v2
        units.append(Unit(a, b, pair / max(float(np.linalg.norm(pair)), 1e-9), pair=True))
    return units


class ClaimJudge:
    def __init__(self, support: SupportJudge, threshold: float, relevance: RelevanceJudge | None = None,
                 relevance_threshold: float = 0.5, checks: bool = True,
                 nearest_papers: Callable[[np.ndarray], Sequence[float]] | None = None,
                 nearest_chunks: Callable[[np.ndarray], dict[str, float]] | None = None,
                 paper_records: Callable[[Sequence[str]], dict[str, Paper]] | None = None) -> None:
        self.support, self.threshold = support, threshold
        self.relevance, self.relevance_threshold = relevance, relevance_threshold
        self.checks = checks  # False: the support score alone (the judge before the checks, for comparison)
        # The best sentence cosine of the index's papers nearest to a question vector, best first
        # (PaperStore.nearest_paper_cosines): how close the best paper comes, and how many papers
        # come before the cited one, to measure it against (~15 + ~20 ms a question on a loaded
        # 2-core machine; the claims of one answer share their question, so the last one is kept).
        # And each nearby paper's best chunk cosine (PaperStore.nearest_paper_chunk_cosines): a
        # chunk carries its title, so this ranks papers by what they are about as a whole.
        self.nearest_papers, self.nearest_chunks = nearest_papers, nearest_chunks
        # The stored papers by id (PaperStore.paper_records): the texts of the papers near the
        # question, to find the one that holds most of its key words (~75 papers, once a question;
        # their stems are kept by id, so only papers not seen before are read: ~25 ms cold, ~1 ms warm).
        self.paper_records = paper_records
        self._nearest: tuple[bytes, Sequence[float] | None, dict[str, float] | None] | None = None
        self._best_key: tuple[str, bytes, float | None] | None = None

    def index_nearest(self, question_vector: np.ndarray) -> tuple[Sequence[float] | None, dict[str, float] | None]:
        key = np.asarray(question_vector, dtype=np.float32).tobytes()
        cached = self._nearest  # one read: another request's thread may replace it meanwhile
        if cached is None or cached[0] != key:
            sentences = self.nearest_papers(question_vector) if self.nearest_papers is not None else None
            chunks = self.nearest_chunks(question_vector) if self.nearest_chunks is not None else None
            cached = self._nearest = (key, sentences, chunks)
        return cached[1], cached[2]

    def best_evidence(self, claim: str, claim_vector: np.ndarray, paper: Paper, units: Sequence[Unit]) -> tuple[float, Evidence]:
        paper_text = f"{paper.title}\n{paper.abstract}"
        self.support.warm([claim, paper_text])  # one embedding batch for the words of every unit below
        # Every unit is scored once; the picking and both verdicts below read these scores.
        cosines = [float(unit.vector @ claim_vector) for unit in units]
        supports = [self.support.judge(claim, paper.abstract[u.start : u.end], c, paper_text) for u, c in zip(units, cosines)]
        best: dict[bool, int | None] = {False: None, True: None}  # the best-scoring unit of each kind (single, pair)
        for i, unit in enumerate(units):
            if best[unit.pair] is None or supports[i].score > supports[best[unit.pair]].score:
                best[unit.pair] = i

        def score_of(i: int | None) -> float:
            return supports[i].score if i is not None else -1.0

        # A pair must earn its second sentence: adding any sentence nudges the judge up a little.
        picked = best[True] if best[True] is not None and score_of(best[True]) >= score_of(best[False]) + PAIR_MARGIN else best[False]
        if picked is None:
            return 0.0, Evidence(paper.abstract[:200], 0, min(200, len(paper.abstract)), 0.0)
        # The evidence is the unit sharing most of the claim's words; whether it supports the
        # claim is the verdict score's to say (rag/verify/support.py).
        unit = units[picked]
        score = max(self.support.verdict_of(claim, supports[picked]).score, 0.0)
        # A heavy rewording shares few words with the sentence it rewords, and the title's words
        # count for every sentence, so the sentence sharing most words can be another one ("the
        # interference caused by gaps across tasks" for a claim rewording "Experimental results
        # demonstrate ... task-gap-induced interference"). The sentence closest in meaning (MiniLM)
        # is the other candidate: when the verdict scores it higher, it is the evidence, and the
        # checks below compare the claim with it. (Picking by the verdict among all units cost
        # caught errors on the challenge dev half; between these two it cost none.)
        closest = max((i for i, u in enumerate(units) if not u.pair), key=lambda i: cosines[i], default=None)
        if closest is not None and closest != picked:
            closest_score = self.support.verdict_of(claim, supports[closest]).score
            if closest_score > score:
                score, unit = closest_score, units[closest]
        text = paper.abstract[unit.start : unit.end]
        return score, Evidence(text, unit.start, unit.end, score)

    def judge(self, claim: str, claim_vector: np.ndarray, paper: Paper, units: Sequence[Unit],
              question: str = "", question_vector: np.ndarray | None = None, kind: str = "") -> Verdict:
        score, evidence = self.best_evidence(claim, claim_vector, paper, units)
        if not self.checks:
            ok = score >= self.threshold
            return Verdict(ok, score, evidence, "" if ok else "unsupported", "" if ok else prompts.REASON_UNSUPPORTED)
        paper_text = f"{paper.title}\n{paper.abstract}"

        names = claim_checks.unknown_names(claim, paper_text, question)
        if names:
            return Verdict(False, score, evidence, "wrong_name", prompts.REASON_NAME.format(name=names[0]), tuple(names))
        expansion = claim_checks.unstated_expansion(claim, paper_text)
        if expansion:
            return Verdict(False, score, evidence, "wrong_name", prompts.REASON_EXPANSION.format(short=expansion[0], long=expansion[1]), (expansion[1],))
        figures = claim_checks.unsourced_figures(claim, paper_text)
        if figures:
            return Verdict(False, score, evidence, "number", prompts.REASON_FIGURE.format(figure=figures[0]))
        flip = claim_checks.direction_conflict(claim, evidence.text)
        if flip:
            return Verdict(False, score, evidence, "direction", prompts.REASON_DIRECTION.format(evidence_word=flip[1], claim_word=flip[0]))
        negation = claim_checks.negation_conflict(claim, evidence.text)
        if negation:
            return Verdict(False, score, evidence, "negation", prompts.REASON_NEGATION.format(change=negation))
        negated = claim_checks.negated_asserted(claim, evidence.text)
        if negated:
            return Verdict(False, score, evidence, "negation", prompts.REASON_NEGATED.format(words=negated))
        view = claim_checks.view_as_finding(claim, evidence.text)
        if view:
            return Verdict(False, score, evidence, "view", prompts.REASON_VIEW.format(frame=view))
        universal = claim_checks.overgeneral(claim, evidence.text)
        if universal:
            return Verdict(False, score, evidence, "overgeneral", prompts.REASON_GENERAL.format(word=universal))
        if score < self.threshold:
            # A figure claim the support score reads as unsupported is supported when one sentence states
            # all its figures, paired with the same names, and holds its other words; an acronym's
            # expansion when one sentence spells it beside the acronym (rag/verify/claim_checks.py).
            singles = [u for u in units if not u.pair]
            texts = [paper.abstract[u.start : u.end] for u in singles]
            stating = claim_checks.figure_sentence(claim, texts, question) or claim_checks.expansion_sentence(claim, texts, question)
            if stating is None:
                return Verdict(False, score, evidence, "unsupported", prompts.REASON_UNSUPPORTED)
            unit = singles[texts.index(stating)]
            score, evidence = self.threshold, Evidence(stating, unit.start, unit.end, self.threshold)
        if question and self.relevance is not None and question_vector is not None:
            relevance = self.relevance_of(question, question_vector, claim, claim_vector, paper, units, kind)
            if relevance.score < self.relevance_threshold:
                return Verdict(False, score, evidence, "off_topic", prompts.REASON_OFF_TOPIC)
        return Verdict(True, score, evidence)

    def best_key_recall(self, question: str, question_vector: np.ndarray) -> float | None:
        """The best key-word recall (rag/verify/relevance.py) among the papers the index puts near
        the question by chunks; None without a store. Kept for the question's next claim."""
        if self.paper_records is None or self.nearest_chunks is None:
            return None
        key = np.asarray(question_vector, dtype=np.float32).tobytes()
        cached = self._best_key
        if cached is None or cached[0] != question or cached[1] != key:
            _, chunks = self.index_nearest(question_vector)
            stems = {pid: self.relevance.paper_stems(pid) for pid in chunks or {}}
            unknown = [pid for pid, known in stems.items() if known is None]
            for pid, paper in (self.paper_records(unknown) if unknown else {}).items():
                stems[pid] = self.relevance.paper_stems(pid, f"{paper.title}\n{paper.abstract}")
            best = self.relevance.best_key_recall(question, (s for s in stems.values() if s is not None))
            cached = self._best_key = (question, key, best)
        return cached[2]

    def relevance_of(self, question: str, question_vector: np.ndarray, claim: str, claim_vector: np.ndarray, paper: Paper, units: Sequence[Unit],
                     kind: str = ""):
        singles = [u for u in units if not u.pair]
        paper_cosine = max((float(u.vector @ question_vector) for u in singles), default=0.0)
        nearest, chunks = self.index_nearest(question_vector)
        best = (nearest[0] if nearest else 0.0) if nearest is not None else None
        # Papers whose best sentence is closer to the question than the cited paper's (within the
        # nearest ones the index returns; a paper beyond them counts them all).
        above = sum(1 for cosine in nearest if cosine > paper_cosine + 1e-4) if nearest is not None else None
        chunks_above = None
        if chunks is not None:
            own = chunks.get(paper.paper_id)
            chunks_above = len(chunks) if own is None else sum(1 for pid, cosine in chunks.items() if pid != paper.paper_id and cosine > own + 1e-4)
        return self.relevance.judge(question, claim, f"{paper.title}\n{paper.abstract}", float(claim_vector @ question_vector), paper_cosine,
                                    best, above, chunks_above, self.best_key_recall(question, question_vector), kind)
