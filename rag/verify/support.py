"""Does a cited abstract sentence support an answer sentence? An offline judge built here.

No NLI cross-encoder ships offline on PyPI (../shared/OFFLINE.md), so the judge is a
logistic model over four features we can compute on a laptop in microseconds:

- `cosine`: MiniLM similarity of claim and evidence;
- `word_recall`: share of the claim's content words (stemmed) found in the evidence or the
  paper's title (an abstract sentence says "we" and "our model" where a paraphrase names the
  paper: "Universal Sentence Encoder finds ..."); a hyphenated word counts as its parts
  ("word-level" is "word level", "chain-of-thought" is "chain of thought"), a British spelling
  its American one ("initialise" is "initialize"), and hedges ("typically") are not counted;
- `novel_numbers`: numbers in the claim absent from the evidence and the title (a changed
  figure is the commonest way a small model misquotes); "100" matches "one hundred";
- `novel_names`: acronyms / capitalised method names in the claim absent from the paper
  ("ResNets" matches "ResNet").

Synonym credit (given a WordVectors, rag/verify/word_vectors.py): a claim word the evidence
lacks still counts as found when MiniLM puts it close to a word of the evidence ("cut" for
"reduction", "initialise" for "initialize"); never a figure, a name or acronym (a swapped
dataset or model is exactly a near word of the same field), nor a direction, negation or
generality word (claim_checks compares those).

Weights are fitted on eval/judge/support_dev.jsonl (`rag calibrate-judge`), and its
accuracy is reported on the held-out eval/judge/support_test.jsonl. It is a lexical-semantic
judge, much weaker than ALCE's 11B TRUE NLI model at paraphrase and negation; README says so.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rag.verify.claim_checks import NUMBER_WORDS, is_cue, name_forms, scaled_counts
from rag.words import ENGLISH_STOPWORDS, QUESTION_WORDS, Tokenizer, american_spelling

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"\b(?:[A-Z][a-z]*[A-Z][A-Za-z0-9-]*|[A-Z]{2,}[A-Za-z0-9-]*|[A-Za-z]+-\d+[A-Za-z0-9-]*)\b")
# Words an answer adds around a claim ("the paper proposes..."): they say nothing checkable.
_FRAME_WORDS = frozenset(
    "paper papers authors propose proposes proposed present presents introduce introduces introduced show shows shown "
    "study studies work approach method methods framework model models new novel also "
    # Light verbs, hedges and connectives a rewording adds ("makes ... more robust", "works
    # together with", "including", "actually"): nothing in them can be checked against a source.
    "make makes made making bring brings brought come comes came go goes went back together include includes including "
    "across various several overall respectively thereby specifically particular particularly like such actually much well "
    "result results "
    # Hedges of how usual something is ("typically", "current methods" for "existing methods",
    # "tend to be" for "are often"):
    # a rewording swaps them freely, and no abstract sentence can confirm or deny one.
    "typically usually often commonly generally traditionally conventionally current currently tend tends tended "
    # Vague quantities ("many tasks", "a lot of experiments", "a wide range of tasks", "multiple",
    # "a variety of"): a rewording swaps them freely ("few" is a stopword already), and no figure
    # is in them to check.
    "many numerous multiple lot lots plenty variety range wide broad "
    # Connectives and modals ("although", "since", "however", "must"): they link or hedge what a
    # sentence says, and a rewording adds, drops or swaps them ("while" and "because" are stopwords already).
    "although though since whereas whether rather must might hence therefore however moreover furthermore additionally yet "
    "especially notably despite instead namely indeed".split()
)

_LATIN_ABBREVIATION = re.compile(r"\b(?:e\.\s?g|i\.\s?e)\.", re.IGNORECASE)
MIN_CLAIM_WORDS = 3
# A missing claim word is credited when its MiniLM cosine with a word of the evidence reaches
# this; chosen by `rag calibrate-judge` on the challenge dev half (see README).
SYNONYM_THRESHOLD = 0.7
_CAPITALISED = re.compile(r"[A-Za-z0-9][\w'-]*")
FEATURES = ("cosine", "word_recall", "novel_numbers", "novel_names")
# Fitted by `rag calibrate-judge` on support_dev.jsonl (177 pairs); see README for test accuracy.
# Cosine adds little once word recall is known (the fit gives it a small negative weight).
# These pick the evidence: the sentence (or pair) of the cited paper that shares most of the
# claim's words, against which the checks compare cue words.
WEIGHTS = (-0.40, 5.65, -2.11, -2.58)
BIAS = -2.88
# The verdict on the picked evidence: fitted by `rag calibrate-judge` (`fit_support`) on the
# challenge set's dev half, its claims against the evidence picked above that the checks leave to
# this score (321, 49 not supported). There MiniLM's cosine counts (+3.0): a paraphrase keeps the
# meaning (cosine 0.92-0.97) while its words change; a claim with an added part loses both.
VERDICT_WEIGHTS = (3.041, 6.403, 0.079, -0.113)
VERDICT_BIAS = -6.003


@dataclass(frozen=True)
class SupportScore:
    score: float  # probability-like, 0..1
    features: tuple[float, ...]


class SupportJudge:
    def __init__(self, tokenizer: Tokenizer | None = None, weights: Sequence[float] = WEIGHTS, bias: float = BIAS,
                 synonyms=None, synonym_threshold: float = SYNONYM_THRESHOLD,
                 verdict_weights: Sequence[float] = VERDICT_WEIGHTS, verdict_bias: float = VERDICT_BIAS) -> None:
        self.tokenizer = tokenizer or Tokenizer()
        self.weights = np.asarray(weights, dtype=np.float64)
        self.bias = bias
        self.verdict_weights, self.verdict_bias = np.asarray(verdict_weights, dtype=np.float64), verdict_bias
        self.synonyms, self.synonym_threshold = synonyms, synonym_threshold  # a WordVectors, or None: exact stems only
        # A claim is scored against every sentence and pair of its paper (~15): its words, and
        # which of them may earn synonym credit, are worked out once (13.7 -> ~9 ms a claim).
        self.content_words = functools.lru_cache(maxsize=4096)(self._content_words)
        self.compound_forms = functools.lru_cache(maxsize=4096)(self._compound_forms)
        self._creditable = functools.lru_cache(maxsize=1024)(self._creditable_words)

    def _content_words(self, text: str) -> dict[str, str]:
        """{stem: the first word written with it}: the stems are compared, the words embedded."""
        # "sentence-level" and "sentence level" are one wording: compare the parts.
        # "e.g." and "i.e." are no words of a claim (they read as "e", "g"): a rewording adds or drops them freely.
        parts = [p for w in self.tokenizer.words(_LATIN_ABBREVIATION.sub(" ", text)) for p in w.split("-")]
        # Not a figure's digits or "percent": the figure checks compare those ("5 percent" is "5%").
        words = [w for w in parts if w and w not in ENGLISH_STOPWORDS and w not in QUESTION_WORDS and w not in _FRAME_WORDS
                 and not w.isdigit() and w != "percent"]
        out: dict[str, str] = {}
        for word, stem in zip(words, self.tokenizer.stemmer.stemWords([american_spelling(w) for w in words])):
            # A spelled number is its digits: "ten methods" is found in "10 methods" (features()).
            out.setdefault(NUMBER_WORDS.get(word, _singular(stem)), word)
        return out

    def _compound_forms(self, text: str) -> frozenset[str]:
        """The other spellings of a text's compounds, stemmed: a hyphenated one joined ("pre-trained"
        -> "pretrain") and a joined one split at a prefix ("finetuning" -> "fine", "tune"), so a claim
        that writes a compound the other way finds its words."""
        words = self.tokenizer.words(text)
        joined = [w.replace("-", "") for w in words if "-" in w]
        split = [part for w in words if "-" not in w for part in _split_prefix(w)]
        # Two words a claim writes as one: "Big Science" is "BigScience", "data set" "dataset".
        spaced = [a + b for a, b in zip(words, words[1:]) if a.isalpha() and b.isalpha()]
        forms = [w for w in joined + split + spaced if w and w not in ENGLISH_STOPWORDS and w not in _FRAME_WORDS]
        return frozenset(_singular(s) for s in self.tokenizer.stemmer.stemWords([american_spelling(w) for w in forms]))

    def content_stems(self, text: str) -> set[str]:
        return set(self.content_words(text))

    def warm(self, texts: Sequence[str]) -> None:
        """Embed every content word of these texts in one batch (a claim and its cited paper)."""
        if self.synonyms is not None:
            self.synonyms.warm([w for text in texts for w in self.content_words(text).values()])

    def synonym_credit(self, claim: str, missing: Sequence[str], evidence_words: Sequence[str]) -> int:
        """How many of the claim's missing words have a close word in the evidence."""
        if self.synonyms is None or not missing:
            return 0
        creditable = self._creditable(claim)
        eligible = [w for w in missing if w in creditable]
        return int((self.synonyms.closest(eligible, evidence_words) >= self.synonym_threshold).sum()) if eligible else 0

    def _creditable_words(self, claim: str) -> frozenset[str]:
        named = _named_words(claim)
        return frozenset(w for w in self.content_words(claim).values() if w not in named and not is_cue(w) and not any(c.isdigit() for c in w))

    def features(self, claim: str, evidence: str, cosine: float, paper_text: str = "") -> tuple[float, ...]:
        title = paper_text.split("\n", 1)[0] if paper_text else ""
        claim_words = self.content_words(claim)
        # The title is the context of every sentence of its abstract ("we" is the paper it names).
        evidence_words = self.content_words(f"{evidence}\n{title}")
        # Numbers must be in the evidence itself (or the title): a figure swapped for another
        # figure of the same abstract is still a misquote. Names may come from anywhere in the paper.
        reference_numbers = ({n.replace(",", "") for n in _NUMBER.findall(f"{evidence} {title}")} | _spelled_numbers(f"{evidence} {title}")
                             | scaled_counts(f"{evidence} {title}"))  # "8,000" for "8K"
        evidence_stems = evidence_words.keys() | self.compound_forms(f"{evidence}\n{title}") | reference_numbers
        found = len(claim_words.keys() & evidence_stems)
        missing = [word for stem, word in claim_words.items() if stem not in evidence_stems]
        found += self.synonym_credit(claim, missing, list(evidence_words.values()))
        recall = found / len(claim_words) if claim_words else 0.0
        novel_numbers = sum(1 for n in _NUMBER.findall(claim) if n.replace(",", "") not in reference_numbers)
        reference_lower = f"{evidence} {paper_text}".lower()
        novel_names = sum(1 for name in set(_NAME.findall(claim)) if not any(form in reference_lower for form in name_forms(name)))
        return (cosine, recall, float(min(novel_numbers, 3)), float(min(novel_names, 3)))

    def score_features(self, features: Sequence[float]) -> float:
        return _logistic(self.weights, self.bias, features)

    def judge(self, claim: str, evidence: str, cosine: float, paper_text: str = "") -> SupportScore:
        """How well this evidence matches the claim: the score that picks the evidence."""
        return self._score(claim, evidence, cosine, paper_text, self.weights, self.bias)

    def verdict(self, claim: str, evidence: str, cosine: float, paper_text: str = "") -> SupportScore:
        """Does the picked evidence support the claim: the score the threshold is applied to."""
        return self._score(claim, evidence, cosine, paper_text, self.verdict_weights, self.verdict_bias)

    def verdict_of(self, claim: str, picked: SupportScore) -> SupportScore:
        """The verdict on evidence already scored by `judge`: its features, the verdict's weights."""
        return self._weighed(claim, picked.features, self.verdict_weights, self.verdict_bias)

    def _score(self, claim: str, evidence: str, cosine: float, paper_text: str, weights: np.ndarray, bias: float) -> SupportScore:
        return self._weighed(claim, self.features(claim, evidence, cosine, paper_text), weights, bias)

    def _weighed(self, claim: str, feats: tuple[float, ...], weights: np.ndarray, bias: float) -> SupportScore:
        if len(self.content_stems(claim)) < MIN_CLAIM_WORDS:
            # "Yes [1]." or a stray token asserts nothing checkable: it cannot be supported.
            return SupportScore(0.0, feats)
        return SupportScore(_logistic(weights, bias, feats), feats)


# Prefixes a compound is written with or without a hyphen ("pretrained" / "pre-trained",
# "finetuning" / "fine-tuning", "multitask" / "multi-task"); not "re" or "co", which begin plain
# words ("research", "control"), nor "non", which would find "linear" in "nonlinear".
_PREFIXES = ("pre", "post", "multi", "self", "fine", "semi", "cross")


def _singular(stem: str) -> str:
    """A stem without the plural "s" the Snowball stemmer keeps after "u" or a vowel-less stem
    ("gpus", "llms", "cnns"): "GPUs" and "A100-GPU-hours" share "gpu". Applied to every text
    alike, so words ending in "s" in the singular ("focus", "bias") only lose it on both sides."""
    return stem[:-1] if len(stem) > 3 and stem.endswith("s") and not stem.endswith("ss") else stem


def _split_prefix(word: str) -> tuple[str, ...]:
    """ "finetuning" -> ("fine", "tuning"); a word without such a prefix, or too short after it, -> ()."""
    prefix = next((p for p in _PREFIXES if word.startswith(p) and len(word) - len(p) >= 4), None)
    return (prefix, word[len(prefix) :]) if prefix else ()


def _logistic(weights: np.ndarray, bias: float, features: Sequence[float]) -> float:
    z = float(np.dot(weights, features) + bias)
    return 1.0 / (1.0 + math.exp(-z))


def _named_words(text: str) -> set[str]:
    """Words (lower case, and their hyphen parts) written with a capital after the first word:
    names, acronyms, datasets ("ImageNet", "COCO", "English"); no synonym stands in for them."""
    out: set[str] = set()
    for index, match in enumerate(_CAPITALISED.finditer(text)):
        token = match.group(0)
        if (index > 0 or _name_like(token)) and any(c.isupper() for c in token):
            lower = token.lower()
            out.add(lower)
            out.update(lower.split("-"))
    return out


def _name_like(token: str) -> bool:
    """A first word that is a name all the same: "ConSERT", "BERT", "GPT-2" (more than one capital or a digit)."""
    return sum(c.isupper() for c in token) > 1 or any(c.isdigit() for c in token)


def _spelled_numbers(text: str) -> set[str]:
    """Digits for the number words a text spells out ("one hundred languages" -> 100, 1, ...)."""
    lower = text.lower()
    words = set(re.findall(r"[a-z]+", lower))
    found = {digits for word, digits in NUMBER_WORDS.items() if word in words}
    # "two hundred" is 200, not 2 and 100.
    for word in re.findall(r"\b([a-z]+) hundred\b", lower):
        if word in NUMBER_WORDS and int(NUMBER_WORDS[word]) < 10:
            found.add(str(int(NUMBER_WORDS[word]) * 100))
    return found


def numbers_absent_from(claim: str, texts: Sequence[str]) -> list[str]:
    """Numbers the claim states that none of the texts contains (e.g. a made-up score)."""
    known = {n.replace(",", "") for text in texts for n in _NUMBER.findall(text)}
    return [n for n in _NUMBER.findall(claim) if n.replace(",", "") not in known]


def fit_logistic(rows: np.ndarray, labels: np.ndarray, l2: float = 0.001, steps: int = 20000, lr: float = 1.0) -> tuple[np.ndarray, float]:
    """Plain gradient-descent logistic regression (4 features, ~180 rows: no library needed)."""
    weights = np.zeros(rows.shape[1])
    bias = 0.0
    for _ in range(steps):
        z = rows @ weights + bias
        p = 1 / (1 + np.exp(-z))
        error = p - labels
        weights -= lr * (rows.T @ error / len(labels) + l2 * weights)
        bias -= lr * float(error.mean())
    return weights, bias
