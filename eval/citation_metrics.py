"""Citation metrics in the style of ALCE (Gao et al. 2023), judged offline.

Each metric is a small function of one answer: its sentences with the markers they carry,
what each marker points at, and a `Supports` judge, `(claim, paper ids) -> bool`, saying
whether those papers *together* support the claim. Tests pass a hand-written judge; the
harness passes `AbstractSupport`, which judges a claim against the cited papers' WHOLE
abstracts (best sentence or pair of neighbouring sentences), independently of the evidence
the engine picked, so the metric is not the engine grading itself with its own choice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.ingest.cards import build_card
from rag.verify.citations import answer_sentences, parse_markers, strip_markers
from rag.records import Paper
from rag.ingest.sentences import split_sentences
from rag.verify import claim_checks
from rag.verify.support import SupportJudge


def fails_checks(claim: str, evidence: str, paper_text: str) -> bool:
    """A name or figure the papers lack, or a flipped direction, negation or universal word."""
    return bool(
        claim_checks.unknown_names(claim, paper_text)
        or claim_checks.unsourced_figures(claim, paper_text)
        or claim_checks.direction_conflict(claim, evidence)
        or claim_checks.negation_conflict(claim, evidence)
        or claim_checks.overgeneral(claim, evidence)
    )

Supports = Callable[[str, Sequence[str]], bool]

JUDGE_NOTE = (
    "Citations are judged by our offline claim judge, not by ALCE's judge. ALCE uses TRUE, an 11B T5 "
    "NLI model. Ours is a logistic support score (MiniLM cosine of claim and evidence, share of the "
    "claim's content words found in the evidence, numbers and names absent from the paper) plus checks "
    "a careful reader makes: every name and every figure (with its unit) must occur in the cited paper, "
    "and direction, negation and universal words must agree with the evidence sentence (rag/verify/claim_judge.py). "
    "Relevance to the question is not part of these metrics. Each citation is judged against the cited "
    "paper's whole abstract (title, then its best sentence or pair of neighbouring sentences), not against "
    "the evidence the engine chose. Its accuracy per error kind on the claim challenge set is below."
)
JUDGE_TABLE = Path(__file__).resolve().parent / "challenge" / "judge_test_table.md"


def judge_accuracy_table() -> str:
    """The judge's measured recall per error kind on the challenge test half (written by `rag calibrate-judge`)."""
    return JUDGE_TABLE.read_text(encoding="utf-8").strip() if JUDGE_TABLE.exists() else "(not measured: run `rag calibrate-judge`)"


@dataclass(frozen=True)
class CitedSentence:
    """One answer sentence: its text without markers, and its markers in order (repeats removed)."""

    claim: str
    markers: tuple[int, ...]


def cited_sentences(text: str) -> list[CitedSentence]:
    """Split an answer into sentences (a run of bare markers joins the sentence before)."""
    out = []
    for sentence in answer_sentences(text):
        claim = strip_markers(sentence)
        if claim:
            out.append(CitedSentence(claim, tuple(dict.fromkeys(parse_markers(sentence)))))
    return out


# -- the metrics ------------------------------------------------------------------------


def citation_validity(sentences: Sequence[CitedSentence], marker_papers: Mapping[int, str], retrieved_ids: Sequence[str]) -> float:
    """Share of the answer's markers that resolve to a paper the system retrieved for this
    question (a marker with no reference, or a reference outside the retrieved papers, is
    invalid). NaN when the answer carries no marker."""
    markers = [m for s in sentences for m in s.markers]
    if not markers:
        return float("nan")
    retrieved = set(retrieved_ids)
    return sum(1 for m in markers if marker_papers.get(m) in retrieved) / len(markers)


def sentence_supported(sentence: CitedSentence, marker_papers: Mapping[int, str], supports: Supports) -> bool:
    """ALCE citation recall of one sentence: its cited papers, together, support it."""
    papers = _papers(sentence.markers, marker_papers)
    return bool(papers) and supports(sentence.claim, papers)


def citation_recall(sentences: Sequence[CitedSentence], marker_papers: Mapping[int, str], supports: Supports) -> float:
    """ALCE citation recall of an answer: share of its sentences whose cited papers, taken
    together, support the sentence. A sentence without a (valid) citation scores 0.
    NaN for an answer with no sentence (an abstention)."""
    if not sentences:
        return float("nan")
    return sum(sentence_supported(s, marker_papers, supports) for s in sentences) / len(sentences)


def precise_citations(sentence: CitedSentence, marker_papers: Mapping[int, str], supports: Supports) -> list[bool]:
    """For each marker of the sentence: is the citation precise? (see `citation_precision`)."""
    if not sentence_supported(sentence, marker_papers, supports):
        return [False] * len(sentence.markers)
    verdicts = []
    for marker in sentence.markers:
        paper = marker_papers.get(marker)
        if paper is None:
            verdicts.append(False)
            continue
        if supports(sentence.claim, [paper]):
            verdicts.append(True)
            continue
        rest = _papers([m for m in sentence.markers if m != marker], marker_papers)
        verdicts.append(not (rest and supports(sentence.claim, rest)))
    return verdicts


def citation_precision(sentences: Sequence[CitedSentence], marker_papers: Mapping[int, str], supports: Supports) -> float:
    """ALCE citation precision of an answer: share of its citations (marker occurrences) that
    are precise. A citation of sentence s is precise when s's citations jointly support s and
    either the cited paper supports s on its own, or removing it leaves the rest unable to
    support s. As in ALCE, every citation of an unsupported sentence is imprecise, and an
    unresolvable marker is imprecise. 0 for an answer that has sentences but cites nothing
    (ALCE's convention); NaN for an answer with no sentence (an abstention)."""
    if not sentences:
        return float("nan")
    verdicts = [v for s in sentences for v in precise_citations(s, marker_papers, supports)]
    return sum(verdicts) / len(verdicts) if verdicts else 0.0


def cited_gold_precision(cited_ids: Sequence[str], gold_ids: Sequence[str]) -> float:
    """Share of the distinct papers the answer cites that are gold papers for the question.
    NaN when the question has no gold paper or the answer cites nothing."""
    cited = set(cited_ids)
    if not gold_ids or not cited:
        return float("nan")
    return len(cited & set(gold_ids)) / len(cited)


def cited_gold_recall(cited_ids: Sequence[str], gold_ids: Sequence[str]) -> float:
    """Share of the question's gold papers that the answer cites (a list answer should cite
    every paper on the topic). NaN when the question has no gold paper."""
    if not gold_ids:
        return float("nan")
    return len(set(cited_ids) & set(gold_ids)) / len(set(gold_ids))


def _papers(markers: Sequence[int], marker_papers: Mapping[int, str]) -> list[str]:
    return list(dict.fromkeys(marker_papers[m] for m in markers if m in marker_papers))


# -- the judge over whole abstracts -------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    score: float
    text: str
    vector: np.ndarray


class AbstractSupport:
    """`Supports` over the papers' whole abstracts, with the offline `SupportJudge`.

    One paper: the best judge score over every sentence and pair of neighbouring sentences
    of its abstract (the title is put before each, as ALCE formats a passage as
    "Title\\ntext"). Several papers: the judge reads the concatenation of each paper's best
    unit for the claim. Supported at or above `threshold` (the engine's own, so the eval and
    the app agree on what "supported" means).
    """

    def __init__(self, papers: Mapping[str, Paper], sentence_vectors: Callable[[Sequence[str]], Sequence], embedder, judge: SupportJudge,
                 threshold: float, checks: bool = True) -> None:
        self.papers, self.embedder, self.judge, self.threshold = papers, embedder, judge, threshold
        self.checks = checks  # False: the support score alone (the judge before the claim checks)
        self._sentence_vectors = sentence_vectors  # store.sentences_for
        self._claims: dict[str, np.ndarray] = {}
        self._units: dict[str, list[tuple[str, np.ndarray]]] = {}
        self._best: dict[tuple[str, str], _Unit] = {}
        self._names: dict[str, str] = {}  # paper id -> its card's name

    @classmethod
    def from_store(cls, store, embedder, papers: Mapping[str, Paper], threshold: float) -> AbstractSupport:
        return cls(papers, store.sentences_for, embedder, SupportJudge(), threshold)

    def __call__(self, claim: str, paper_ids: Sequence[str]) -> bool:
        return self.score(claim, paper_ids) >= self.threshold

    def score(self, claim: str, paper_ids: Sequence[str]) -> float:
        known = [p for p in dict.fromkeys(paper_ids) if p in self.papers]
        if not known:
            return 0.0
        if len(known) == 1:
            claim = self._titled(claim, self.papers[known[0]])
        best = [self.best_unit(claim, p) for p in known]
        evidence = "\n".join(u.text for u in best)
        paper_text = "\n".join(f"{self.papers[p].title}\n{self.papers[p].abstract}" for p in known)
        if self.checks and fails_checks(claim, evidence, paper_text):
            return 0.0
        if len(best) == 1:
            return best[0].score
        joined = np.sum([u.vector for u in best], axis=0)
        joined = joined / max(float(np.linalg.norm(joined)), 1e-9)
        return self.judge.judge(claim, evidence, float(joined @ self._claim_vector(claim)), paper_text).score

    def _titled(self, claim: str, paper: Paper) -> str:
        """'XTRA: 23%' -> 'On the Feasibility of Cross-Task Transfer ...: 23%'. The app labels a line with
        the cited paper's card name; the name stands for the paper, as its title does, wherever the
        abstract coins it. Judged under the title (which every unit carries), a line is read for what it
        says, not for whether the sentence stating 23% happens to repeat the name. Only the cited
        paper's own card name is read so: another name ('EfficientZero: 23%') is judged as written."""
        label, sep, rest = claim.partition(": ")
        if not sep or not rest or label == paper.title:
            return claim
        if paper.paper_id not in self._names:
            self._names[paper.paper_id] = build_card(paper).name
        return f"{paper.title}: {rest}" if label == self._names[paper.paper_id] else claim

    def best_unit(self, claim: str, paper_id: str) -> _Unit:
        key = (claim, paper_id)
        if key not in self._best:
            paper = self.papers[paper_id]
            vector = self._claim_vector(claim)
            paper_text = f"{paper.title}\n{paper.abstract}"
            best = _Unit(-1.0, "", vector)
            for text, unit_vector in self._paper_units(paper):
                evidence = f"{paper.title}\n{text}"
                score = self.judge.judge(claim, evidence, float(unit_vector @ vector), paper_text).score
                if score > best.score:
                    best = _Unit(score, evidence, unit_vector)
            self._best[key] = best
        return self._best[key]

    def prepare(self, claims: Sequence[str]) -> None:
        """Embed an answer's claims in one batch (one call per claim costs ~25 ms each)."""
        new = list(dict.fromkeys(c for c in claims if c not in self._claims))
        if new:
            for claim, vector in zip(new, self.embedder.embed(new)):
                self._claims[claim] = np.asarray(vector, dtype=np.float32)

    def _claim_vector(self, claim: str) -> np.ndarray:
        if claim not in self._claims:
            self._claims[claim] = np.asarray(self.embedder.embed([claim])[0], dtype=np.float32)
        return self._claims[claim]

    def _paper_units(self, paper: Paper) -> list[tuple[str, np.ndarray]]:
        """Every sentence and every pair of neighbouring sentences, with a unit vector."""
        if paper.paper_id not in self._units:
            rows = sorted(self._sentence_vectors([paper.paper_id]), key=lambda r: r.start)
            spans = [(r.start, r.end, np.asarray(r.vector, dtype=np.float32)) for r in rows]
            if not spans:  # not in the store (should not happen): embed the sentences here
                found = split_sentences(paper.abstract)
                vectors = self.embedder.embed([paper.abstract[s.start : s.end] for s in found]) if found else []
                spans = [(s.start, s.end, np.asarray(v, dtype=np.float32)) for s, v in zip(found, vectors)]
            units = [(paper.abstract[a:b], v) for a, b, v in spans]
            for (a, _, v1), (_, b, v2) in zip(spans, spans[1:]):
                pair = v1 + v2
                units.append((paper.abstract[a:b], pair / max(float(np.linalg.norm(pair)), 1e-9)))
            self._units[paper.paper_id] = units
        return self._units[paper.paper_id]

