"""The calibrated relevance bar: which ranked papers an answer is about.

A list gives a line to every paper whose fitted relevance (a logistic model over ranking features,
fitted by eval/calibrate_relevance.py) clears the bar, up to a cap; other shapes keep the papers
near the best one.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence

from rag.answer.evidence_lines import paper_text
from rag.ingest.cards import mentions
from rag.records import PaperHit
from rag.words import content_words


RELEVANCE_FEATURES = ("inverse_rank", "score_z", "dense_z", "keyword_z", "evidence_z")


def _z(values: Sequence[float]) -> list[float]:
    """How far each value stands above the ranking's mean, in standard deviations."""
    mean = sum(values) / len(values)
    spread = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    return [(v - mean) / spread if spread > 1e-9 else 0.0 for v in values]


def relevance_features(hits: Sequence[PaperHit]) -> list[tuple[float, ...]]:
    """What the list answer's relevance bar looks at, one row per hit (fitted by eval/calibrate_relevance.py).

    Each score is measured against the rest of the ranking (z), not against the best paper alone:
    a broad question has many papers close together, a narrow one a few standing out. Scores
    relative to the top paper recalled 0.75 of gold papers at precision 0.85 on the 31 dev and
    validation topic questions (leave one out), the z-scores 0.82 at 0.84."""
    if not hits:
        return []
    columns = (
        _z([h.score for h in hits]),
        _z([h.dense_score for h in hits]),
        _z([h.keyword_score for h in hits]),
        _z([h.evidence[0].score if h.evidence else 0.0 for h in hits]),
    )
    return [(1.0 / (index + 1), *(column[index] for column in columns)) for index in range(len(hits))]


# Fitted by `python -m eval.calibrate_relevance` (20 papers ranked for each of the 42 topic
# questions of dev, validation and the spent holdout); leave one question out at the 0.35 bar:
# precision 0.793, recall 0.751 of gold papers (dev and validation alone: 0.830 / 0.804; holdout's
# topics are broader). Coverage of the question's words, in the abstract or the title, and the mean
# of the two best sentences added nothing beyond noise (within 0.02 either way).
RELEVANCE_WEIGHTS = (0.313, 0.82, 0.541, 0.848, 0.242)


RELEVANCE_BIAS = -2.537


def relevances(hits: Sequence[PaperHit]) -> list[float]:
    """Probability-like relevance of each hit to the question, for the list answer's bar."""
    scores = []
    for row in relevance_features(hits):
        z = sum(w * f for w, f in zip(RELEVANCE_WEIGHTS, row)) + RELEVANCE_BIAS
        scores.append(1.0 / (1.0 + math.exp(-z)))
    return scores


def listed_hits(hits: Sequence[PaperHit], floor: float, bar: float, cap: int, titled: bool = False) -> list[PaperHit]:
    """The papers a list answer gives a line: the best one, then every paper above the calibrated bar, up to `cap`.

    The evidence floor decides whether the list answers at all: when no paper above the bar has a
    sentence that close to the question, none is listed ("not stated"). It is not applied paper by
    paper: the bar was fitted without it (eval/calibrate_relevance.py), and broadly worded
    questions ("rendering images ... in the look of a reference artwork") leave most of the right
    papers' sentences under it while ranking them first. `titled`: a top paper's title holds every
    word of the question ("anything on Polish?"), which answers it however far so short a question
    embeds from any sentence."""
    kept = [h for i, (h, score) in enumerate(zip(hits, relevances(hits))) if h.evidence and (i == 0 or score >= bar)]
    if not titled and not any(h.evidence[0].score >= floor for h in kept):
        return []
    return kept[:cap]


def relevant_hits(hits: Sequence[PaperHit], floor: float, relative: float, cap: int) -> list[PaperHit]:
    """Papers above the relevance bar: best evidence at least `floor` and a score within `relative` of the best."""
    top = hits[0].score if hits else 0.0
    return [h for h in hits if h.evidence and h.evidence[0].score >= floor and h.score >= relative * top][:cap]


# A name a list question asks about: a word with a capital past the question's first word ("MNIST",
# "Taskonomy", "StarCraft"), or with a digit ("CIFAR-100"); a name the whole ranking writes ("RL", "CLIP"
# in a ranking of CLIP papers) says what the field is, not which of its papers are meant.
_NAME = re.compile(r"(?<![\w-])(?:[A-Z][\w-]*[A-Za-z0-9]|[a-z]+[A-Z0-9][\w-]*)")
_SPECIFIC_SHARE = 1 / 3


# What a question asking which papers use a name says besides the name: "run experiments on", "trains or evaluates on the ... dataset",
# "as a baseline or backbone" (dev117), what it is called and what kind of part it names.
_USING_WORDS = frozenset(
    """run runs ran running experiment experiments experimental evaluate evaluates evaluated evaluating evaluation
    train trains trained training test tests tested testing benchmark benchmarks benchmarked dataset datasets data
    use uses used using report reports reported result results apply applies applied papers paper works studies
    compare compares compared comparing comparison against baseline baselines built build builds building based
    include includes included including involve involves involved involving backbone backbones
    call calls called name names named component components module modules""".split()  # "anything called 'All-in-One' here? models or components with that name" (dev124)
)


def name_writers(question: str, hits: Sequence[PaperHit], cap: int) -> list[PaperHit]:
    """For a list question asking only which papers use a name ("which papers run experiments on MNIST?",
    "anything that trains or evaluates on the Taskonomy dataset?"): the retrieved papers whose title or
    abstract writes one of its names few of them write, in rank order, up to `cap`; [] otherwise. A
    short question about a name embeds close to sentences about its other words ("run experiments"),
    and the bar, fitted on topics, listed those papers (dev33). A question with a topic besides the
    name ("Which papers adapt CLIP to video?") is for the bar: its papers need not write the name."""
    positions = _name_writer_positions(question, tuple((paper_text(h), bool(h.evidence)) for h in hits))
    return [hits[i] for i in positions[:cap]]


@functools.lru_cache(maxsize=8)
def _name_writer_positions(question: str, ranking: tuple[tuple[str, bool], ...]) -> tuple[int, ...]:
    """The positions of `name_writers`'s papers in the ranking, all of them. Kept for the last few
    rankings: shaping one answer asks it three times of the same ranking (the abstention check, the
    list shape and its facet check), and its scans of 20 abstracts were a third of the slowest
    shaped answers' time. (Too few kept to serve a question asked again: `make bench` repeats 103.)"""
    texts = [text for text, _ in ranking]  # (a paper's text, has it evidence) in rank order
    as_written = [m.group() for m in _NAME.finditer(question) if m.start() > 0 and len(m.group()) >= 3]
    # A plain capitalised word right before a coined name is that name's modifier, no name of its own: "a Polish BART" is a BART (dev117).
    modifiers = {m.group() for m in _NAME.finditer(question) if re.fullmatch(r"[A-Z][a-z]+", m.group()) and re.match(r"\s+[A-Z][A-Za-z]*[A-Z0-9]", question[m.end() :])}
    # ... or a name typed in lower case that the ranking writes only with its capital, inside sentences too: "which papers include
    # spanish in their experiments?" (dev105).
    lowered = [t.lower() if t.isascii() else None for t in texts]
    as_written += [w.capitalize() for w in re.findall(r"(?<![\w-])[a-z]{4,}(?![\w-])", question) if _always_capitalised(w, texts, lowered)]
    # A name with a word of kind after a hyphen is that name: "Llama-family models" are Llama's (dev95).
    words = list(dict.fromkeys(re.sub(r"-(?:family|based|style|like|series)$", "", w) for w in as_written if w not in modifiers))
    # (A name's letters go with it: "GPT-4o-mini" leaves no "gpt" or "mini", dev93.)
    # What the name is used for, offered as "whether for detection, segmentation or captioning", leaves the question about the name (dev98).
    rest = set(content_words(_MODIFIED.sub("", _WHETHER_FOR.sub("", question)))) - {part for w in as_written for part in re.findall(r"[a-z]+", w.lower())} - _USING_WORDS - _LISTED
    # The field's own words ("transfer" in "hypernetwork-based approaches to transfer", dev35) say no topic: most
    # of the ranking writes them.
    if not words:
        rest = {w for w in rest if sum(bool(re.search(rf"(?<![\w-]){re.escape(w)}", t, re.IGNORECASE)) for t in texts) <= _FIELD_SHARE * len(ranking)}
    if not words and len(rest) == 1 and len(term := next(iter(rest))) >= _TERM_LETTERS:
        # ... or one technical term alone, written in lower case: "which papers use hypernetworks?" (dev34)
        writes = re.compile(rf"(?<![\w-]){re.escape(term.removesuffix('s'))}(?:s|es)?(?![a-z])", re.IGNORECASE).search
    elif words and not rest:
        writes = None
    else:
        return ()

    def written(text: str, name: str) -> bool:
        if writes:
            return bool(writes(text))
        # A name with a digit is the same name in any case: "GPT-4o-mini" is the abstract's "GPT-4o-Mini" (dev93); and a name with
        # a size or version after a hyphen is that name: "Gemma-2B" is Gemma (dev95).
        return (
            mentions(text, name) or (any(c.isdigit() for c in name) and mentions(text.lower(), name.lower()))
            or bool(re.search(rf"(?<![\w-]){re.escape(name)}-\d", text))
        )

    counts = {w: sum(written(t, w) for t in texts) for w in words or [term]}
    # A name no retrieved paper writes leaves the question unanswered by the writers of the others; only its maker, said
    # possessively, does not ("Google's Gemma models", dev95).
    if any(n == 0 and not re.match(r"['’]s\b", question[question.find(w) + len(w) :]) for w, n in counts.items()):
        return ()
    names = [w for w, n in counts.items() if 0 < n <= _SPECIFIC_SHARE * len(ranking)]
    if not names:
        return ()
    return tuple(i for i, (text, has_evidence) in enumerate(ranking) if has_evidence and any(written(text, n) for n in names))


def _always_capitalised(word: str, texts: Sequence[str], lowered: Sequence[str | None]) -> bool:
    """Do the texts write the word with its capital, nearly always and inside sentences too ("in Spanish"; one abstract's
    "cloud OCR spanish" aside)? A common word has its capital only where a sentence or title starts. `lowered`: each text
    in lower case when it is ASCII (None otherwise), so the texts that cannot hold the word are not searched: for every
    lower-case word of a list question across 20 abstracts, that search was the slowest step of shaping an answer."""
    written = re.compile(rf"(?<![\w-]){word}(?![\w-])", re.IGNORECASE)
    found = [m for t, low in zip(texts, lowered) if low is None or word in low for m in written.finditer(t)]
    inside = [m for m in found if re.search(r"[a-z,]\s$", m.string[max(0, m.start() - 2) : m.start()])]
    return len(inside) >= 2 and sum(m.group()[0].isupper() for m in inside) >= _CAPITALISED_SHARE * len(inside)


_CAPITALISED_SHARE = 3 / 4


# A lone term long enough to be technical ("hypernetworks"), not a plain word ("graphs").
_TERM_LETTERS = 8
_WHETHER_FOR = re.compile(r",?\s*\bwhether\s+(?:for|in|on|as)\b[^?]*", re.IGNORECASE)
_MODIFIED = re.compile(r"-(?:based|style|driven|like|powered|inspired)\b")  # "hypernetwork-based" is about hypernetworks
_FIELD_SHARE = 2 / 3
_LISTED = frozenset("approach approaches method methods technique techniques work works model models system systems framework frameworks".split())
