"""Does a claim address what was asked? A claim can be true of its paper and still not answer.

The error this catches: "a sentence about video motion transfer cited as the answer to a
question about artistic style transfer". The retriever ranked that paper near the question, so
paper-level similarity alone cannot tell it apart; what gives it away is that the question's
rare key words ("artistic", "style") are missing from the claim and its paper, while the
corpus-wide word "transfer" is present. Features (all 0..1):

- `claim_cosine`: MiniLM cosine of question and claim;
- `claim_key_recall`: IDF-weighted share of the question's key words (stemmed) in the claim;
  the examples a question gives (in brackets, or after "e.g.", "such as") count as one key word
  that any of them meets: they are alternatives, not words every answer must hold;
- `paper_key_recall`: the same share in the cited paper's title and abstract;
- `paper_cosine`: best cosine of the question with a sentence of the cited paper;
- `paper_gap`: how far that falls below the best cosine of the question with any sentence of
  the index. The retriever puts off-topic papers near the question, so closeness alone is weak
  (dev AUC 0.72); but the paper that answers is the closest one, or close to it (gap 0.000-0.085
  for the dev half's correct claims), while a claim borrowed from a neighbouring paper sits
  0.04-0.56 below (dev AUC 0.98 for the gap alone);
- `papers_above`: log(1 + how many papers of the index have a sentence closer to the question
  than the cited paper's best). The gap says how far below, this says how many come first: a
  fact question's answer is its first paper, and a claim of the third paper sharing the
  question's words (gap 0.04) was let through by the gap alone;
- `list_gap`, `list_papers_above`: the same two for list questions, whose later answers sit
  lower and further down;
- `chunks_above`: log(1 + how many papers have a chunk closer to the question than the cited
  paper's best chunk). A chunk carries its paper's title, so this ranks papers by what they are
  about, not by one sentence that happens to match: on the dev half's list lines of the top 10
  papers, neighbours that share the question's words ("a cost-benefit analysis of cross-lingual
  transfer methods" for a question on averaging checkpoints) sit further down by chunks;
- `key_gap`: how far `paper_key_recall` falls below the best of it among the papers the index
  puts near the question by chunks (~75). The retriever's ranks are of little use for a list
  question, whose tenth answer sits far down, but that answer names what was asked about as
  well as the first does; a neighbour that shares only the field's words does not ("adapters
  outperform other methods" for a question on reducing GPU memory).

A logistic model over them, fitted on the dev half of the claim challenge set
(`rag calibrate-judge`); weights below.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from rag.words import NARRATION_WORDS, QUESTION_WORDS, Tokenizer
from rag.answer.question_kind import rule_kind
from rag.answer.question_text import without_set_aside

FEATURES = ("claim_cosine", "claim_key_recall", "paper_key_recall", "paper_cosine", "paper_gap", "list_gap", "papers_above", "list_papers_above", "chunks_above", "key_gap")
# Fitted by `rag calibrate-judge` on the dev half of eval/challenge/claims.jsonl and the dev
# questions' papers of that half (468 rows, 323 not answers), on standardised features.
# Claim cosine adds little once the key words and the gap are counted (the fit gives it a
# negative weight, as it did before the gap). For a list question the gap and the papers before
# it count for little (-9.1 + 6.5; -0.54 + 0.36): its tenth answer sits well below its first;
# the papers before it by chunks (-0.73) and the key-word gap (-3.95) count for every kind.
WEIGHTS = (-4.1776, 3.3808, 1.8301, -4.1021, -9.1409, 6.4515, -0.5402, 0.3609, -0.7262, -3.9502)
BIAS = 5.9844
# Examples a question gives of what it asks: in brackets, or after "e.g.", "for example", "for
# instance", "such as", up to the end of the clause.
_EXAMPLES = re.compile(r"\([^()]*\)|\b(?:e\.g\.|for example|for instance|such as)[^().;?]*", re.IGNORECASE)
# Words of the asking ("compare", "deal with", "how much", "closest"): rare in abstracts, so
# their IDF is high, yet they say nothing of the topic (on the dev half they drowned the topic words).
_ASKING = frozenset(
    """compare comparison contrast differ difference report reported result results called name named what how deal deals
    keep keeps go goes beyond cut try tries plain versus closest system systems beat beats built build reach reaches much
    many let actual actually especially carry onto top ground look take get make need needs work works someone something
    whether e g eg example instance specifically particular two first second one other others also""".split()
)
# Modal verbs the stopword list lacks ("an agent must generalize"): how a question is put, not its topic.
_MODALS = frozenset("must might may shall ought".split())


def document_frequencies(texts: Iterable[str], tokenizer: Tokenizer) -> tuple[dict[str, int], int]:
    counts: dict[str, int] = {}
    n = 0
    for text in texts:
        n += 1
        for stem in set(tokenizer.document(text)):
            counts[stem] = counts.get(stem, 0) + 1
    return counts, n


@dataclass(frozen=True)
class Relevance:
    score: float
    features: tuple[float, ...]
    missing_terms: tuple[str, ...]  # the question's key words the claim and paper lack, rarest first


class RelevanceJudge:
    """Scores (question, claim, cited paper); built once from the corpus's document frequencies."""

    def __init__(self, doc_freq: dict[str, int], n_docs: int, tokenizer: Tokenizer | None = None,
                 weights: Sequence[float] = WEIGHTS, bias: float = BIAS) -> None:
        self.tokenizer = tokenizer or Tokenizer()
        self.doc_freq, self.n_docs = doc_freq, max(n_docs, 1)
        self.weights, self.bias = np.asarray(weights, dtype=np.float64), bias
        self._units: dict[str, list[dict[str, float]]] = {}  # question -> key units: the claims of one answer share it
        self._paper_stems: dict[str, set[str]] = {}  # paper id -> its title's and abstract's stems
        # Asking and narrating words by stem: "looking for" is "look", "remembered" is "remember".
        self._not_topic = frozenset(self.tokenizer.stemmer.stemWords(sorted(_ASKING | NARRATION_WORDS | _MODALS)))

    @classmethod
    def from_texts(cls, texts: Iterable[str], tokenizer: Tokenizer | None = None, **kwargs) -> RelevanceJudge:
        tokenizer = tokenizer or Tokenizer()
        doc_freq, n = document_frequencies(texts, tokenizer)
        return cls(doc_freq, n, tokenizer, **kwargs)

    def idf(self, stem: str) -> float:
        return math.log((self.n_docs + 1) / (self.doc_freq.get(stem, 0) + 0.5))

    def key_terms(self, question: str) -> dict[str, float]:
        """The question's topic words, weighted by IDF; a word no abstract holds cannot tell papers apart."""
        return {stem: idf for unit in self.key_units(question) for stem, idf in unit.items()}

    def _terms(self, text: str) -> dict[str, float]:
        words = [w for w in self.tokenizer.words(text) if w not in QUESTION_WORDS and w not in _ASKING and not w.isdigit()]
        return {
            stem: self.idf(stem) for stem in self.tokenizer.stemmer.stemWords(words)
            if self.doc_freq.get(stem, 0) > 0 and stem not in self._not_topic
        }

    def stems(self, text: str) -> set[str]:
        """A text's stems as key words are met: a hyphenated word also by its parts, and two adjacent
        words also as their hyphenated compound ("meta-RL" in a question is "meta RL" in an abstract)."""
        words = self.tokenizer.words(text)
        joined = [f"{a}-{b}" for a, b in zip(words, words[1:]) if "-" not in a and "-" not in b]
        parts = [p for w in words if "-" in w for p in w.split("-") if p]
        return set(self.tokenizer.stemmer.stemWords(words + joined + parts))

    def key_units(self, question: str) -> list[dict[str, float]]:
        """The question's key words as units a claim can meet: each topic word alone, and each group
        of examples (in brackets, or after "e.g.", "such as") as one unit that any of its words meets.
        "rewriting text so that its style changes (e.g. sentiment, politeness, appropriateness)"
        asks about style rewriting; a paper on politeness answers it without naming sentiment, so
        the examples are alternatives, not four more words every answer must hold."""
        cached = self._units.get(question)
        if cached is not None:
            return cached
        # What the question sets aside made the answer to a validation question "not an answer".
        asked = without_set_aside(question)
        groups = [m.group(0) for m in _EXAMPLES.finditer(asked)]
        main = self._terms(_EXAMPLES.sub(" ", asked))
        units = [{stem: idf} for stem, idf in main.items()]
        for group in groups:
            members = {stem: idf for stem, idf in self._terms(group).items() if stem not in main}
            if members:
                units.append(members)
        if len(self._units) > 256:
            self._units.clear()
        self._units[question] = units
        return units

    @staticmethod
    def key_recall(units: Sequence[dict[str, float]], stems: set[str]) -> float:
        """IDF-weighted share of the key units met by a text's stems (a group by its best member)."""
        total = sum(max(unit.values()) for unit in units)
        found = sum(max((idf for stem, idf in unit.items() if stem in stems), default=0.0) for unit in units)
        return found / total if total else 1.0

    def best_key_recall(self, question: str, stem_sets: Iterable[set[str]]) -> float:
        """The best paper_key_recall among these papers' stems (the papers the index puts near the question)."""
        units = self.key_units(question)
        return max((self.key_recall(units, stems) for stems in stem_sets), default=0.0)

    def paper_stems(self, paper_id: str, text: str | None = None) -> set[str] | None:
        """A paper's stems, kept by id (the same papers sit near many questions); None when not
        kept and no text is given."""
        stems = self._paper_stems.get(paper_id)
        if stems is None and text is not None:
            if len(self._paper_stems) > 4096:
                self._paper_stems.clear()
            stems = self._paper_stems[paper_id] = self.stems(text)
        return stems

    def features(self, question: str, claim: str, paper_text: str, claim_cosine: float, paper_cosine: float,
                 best_cosine: float | None = None, papers_above: int | None = None,
                 chunks_above: int | None = None, best_key_recall: float | None = None, kind: str = "") -> tuple[tuple[float, ...], tuple[str, ...]]:
        units = self.key_units(question)
        claim_stems = self.stems(claim)
        paper_stems = self.stems(paper_text) | claim_stems
        terms = self.key_terms(question)
        missing = tuple(t for t, _ in sorted(terms.items(), key=lambda kv: -kv[1]) if t not in paper_stems)
        recall_claim = self.key_recall(units, claim_stems)
        recall_paper = self.key_recall(units, paper_stems)
        # Without the index's best (a judge given no store), the paper is taken to be the best.
        gap = max(best_cosine - paper_cosine, 0.0) if best_cosine is not None else 0.0
        # How many papers come before it, on a log scale: a fact question's answer is the first,
        # a list's tenth answer has nine before it, whatever the cosines.
        above = math.log1p(papers_above) if papers_above is not None else 0.0
        # A list question ("Which papers ...") has many answers, the tenth well below the first.
        # The kind the engine classified, when given: "I'm looking for contextual or meta-RL work,
        # where ..." is a list no wording rule decides, and its answers sit as far down (dev4).
        is_list = (kind or rule_kind(question)) == "list"
        list_gap, list_above = (gap, above) if is_list else (0.0, 0.0)
        # The same count by the papers' chunks, which carry their titles: a paper one of whose
        # sentences happens to match comes far down by what it is about as a whole.
        chunk_rank = math.log1p(chunks_above) if chunks_above is not None else 0.0
        # How far its words fall short of the nearby paper that holds most of the question's key
        # words: a list's tenth answer sits far down by cosine, but names what was asked as well as
        # the first; a neighbour that shares only the field's words does not.
        key_gap = max(best_key_recall - recall_paper, 0.0) if best_key_recall is not None else 0.0
        return (claim_cosine, recall_claim, recall_paper, paper_cosine, gap, list_gap, above, list_above, chunk_rank, key_gap), missing

    def score_features(self, features: Sequence[float]) -> float:
        z = float(np.dot(self.weights, features) + self.bias)
        return 1.0 / (1.0 + math.exp(-z))

    def judge(self, question: str, claim: str, paper_text: str, claim_cosine: float, paper_cosine: float,
              best_cosine: float | None = None, papers_above: int | None = None, chunks_above: int | None = None,
              best_key_recall: float | None = None, kind: str = "") -> Relevance:
        feats, missing = self.features(question, claim, paper_text, claim_cosine, paper_cosine, best_cosine, papers_above, chunks_above, best_key_recall, kind)
        return Relevance(self.score_features(feats), feats, missing)
