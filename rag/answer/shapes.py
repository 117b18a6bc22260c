"""Answer shapes built from cards and evidence, with no model: list, fact, comparison, not stated, open.

Every line is third person (rag/ingest/cards.py rewrites pronouns and trims context clauses), names
and [n] markers come from the cards and the ranking, never from free text, and each line
cites the paper whose words it carries. The LLM mode (rag/answer/engine.py) fills the same shapes
with the model's wording, item by item.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from rag import prompts
from rag.ingest.cards import _ACRONYM, _CONTRIBUTION, _LEAD_CLAUSE, is_coined, mentions, third_person_text
from rag.records import AnswerItem, AnswerSentence, Citation, Evidence, PaperHit
from rag.answer.definitions import defined_term, defining_sentences
from rag.answer.unmentioned import as_written, asks_what_the_index_names
from rag.words import content_words, snowball

_NUMBER = re.compile(r"(?<![\w.])(?:\d+(?:[.,]\d+)*(?:\s?(?:%|x|×|times|fold|k|K|M|B|ms|s|h|GB|MB|points?|pp))?|(?<!by\s)one(?!\s+(?:by|another)\b)|two|three|four|five|six|seven|eight|nine|ten|hundreds?|thousands?|millions?|orders? of magnitude)(?![\w])")
_AUX = r"(?:did|does|do|is|was|were|are|has|have|had|can|could|will|would|should|needed|used|reached?|obtained?|achieved?|gets?|got)"
# The value a fact question asks for: "What mean opinion score (MOS) did ..." -> "mean opinion score (MOS)".
_VALUE_PHRASE = re.compile(
    rf"\b(?:how\s+(?:many|much)\s+(?P<many>.+?)\s+{_AUX}\b|what\s+(?:is|was|are|were)\s+the\s+(?P<the>.+?)(?:\s+(?:of|for|in|when|compared)\b|\?|$)|what\s+(?P<what>(?:[\w()/@-]+\s+){{0,5}}?[\w()/@-]+)\s+{_AUX}\b)",
    re.IGNORECASE,
)
_FIGURE_ASK = re.compile(r"\bhow\s+(?:many|much|long|fast|close)\b|\bby how much\b|\bwhat\s+(?:[\w()-]+\s+){0,4}(?:share|proportion|fraction|ratio|accuracy|score|bleu|map|ap|auc|f1|rate|percentage|speed-?up|rank|perplexity|footprint|consumption|hours|time|size|mos|quality|similarity|latency|throughput|error|precision|recall|cost|budget|dimensions?|dimensionality|length|resolution)\b", re.IGNORECASE)
# "What's the X" reads as "what is the X".
_WHATS = re.compile(r"\bwhat['’]s\b", re.IGNORECASE)
_GENERIC = frozenset("the a an of and or to in on for with by model models method methods paper papers approach system work their its this that".split())
# "improvement" and "improves" are one word to a reader ("how much top-1 improvement" is answered by
# "improves the Top-1 accuracy by 3.2% to 6.1%"): "-ement" goes with the verb's endings.
_STEM = re.compile(r"(?:(?<=\w{4})ements?|ing|ed|es|(?<!s)s)$")  # "class" stays, as "classes" -> "class"


# Words results are reported in interchangeably: "an average improvement of 12.8 BLEU" gives "the average BLEU gain".
_SAME_STEM = {"improv": "gain", "improve": "gain", "increas": "gain", "increase": "gain"}


def _stem(word: str) -> str:
    word = word.lower()
    stem = _STEM.sub("", word) if len(word) > 4 else word
    return _SAME_STEM.get(stem, stem)


# "However, ...", "In addition, ...": a link to the sentence before, which the answer line is read without.
_CONNECTIVE = re.compile(
    r"^(?:however|moreover|furthermore|additionally|in addition|therefore|thus|hence|consequently|as a result|finally"
    r"|first|second|third|firstly|secondly|thirdly|lastly|specifically|importantly|notably|to this end|in this regard)\s*,\s+(?=\w)",
    re.IGNORECASE,
)


# A leading clause naming what a result holds on ("On the 21 translation tasks of the CoVoST-2
# benchmark, we achieve ...": a figure or a name after its first word) is the result's condition, not a
# link back to context ("To address this issue, we ..."): it stays.
_NAMED_CONDITION = re.compile(r"^\W*\w+\b.*?(?:\d|\b[A-Z])")


def sentence_in_third_person(text: str) -> str:
    """An abstract sentence as an answer line: context clause or leading connective trimmed, pronouns rewritten."""
    lead = _LEAD_CLAUSE.match(text)
    if lead and not _NAMED_CONDITION.search(lead.group()):
        text = text[lead.end() :]
    connective = _CONNECTIVE.match(text)
    if connective:
        rest = text[connective.end() :]
        text = rest[:1].upper() + rest[1:]
    text = third_person_text(text.strip())
    return text if text.endswith((".", "!", "?")) else text + "."


@dataclass(frozen=True)
class Shaped:
    shape: str
    items: tuple[AnswerItem, ...]
    citations: tuple[Citation, ...]
    sentences: tuple[AnswerSentence, ...]

    @property
    def text(self) -> str:
        return items_to_text(self.items)


def item_sentence(item: AnswerItem) -> AnswerSentence:
    """The checkable sentence of a shown line: "Name: text [n]" for a named item or fact, else "text [n]"."""
    label = f"{item.label}: " if item.label and item.role in ("item", "fact") else ""
    return AnswerSentence(f"{label}{item.text}".rstrip() + "".join(f" [{m}]" for m in item.markers), item.markers, True)


def item_sentences(item: AnswerItem) -> tuple[AnswerSentence, ...]:
    """The checkable sentences of a shown line: one a part for a line of parts (each about its own
    paper, with that paper's marker), else the line's one sentence."""
    if item.parts and len(item.parts) == len(item.markers):
        return tuple(AnswerSentence(f"{part} [{marker}]", (marker,), True) for part, marker in zip(item.parts, item.markers))
    return (item_sentence(item),)


def items_to_text(items: Sequence[AnswerItem]) -> str:
    """The plain-text form (copy, eval, logs): one line per item, markdown bold labels."""
    lines, related = [], []
    for item in items:
        markers = "".join(f" [{m}]" for m in item.markers)
        if item.role == "related":
            related.append(item.label or item.text)
        elif item.role in ("item",) and item.label:
            lines.append(f"- **{item.label}**{markers}: {item.text}")
        elif item.role == "fact" and item.label:
            lines.append(f"**{item.label}**{markers}: {item.text}" if item.text else f"**{item.label}**{markers}")
        else:
            body = item.text.rstrip()
            lines.append(f"{body[:-1]}{markers}{body[-1]}" if markers and body[-1:] in ".!?" else body + markers)
    if related:
        lines.append("Also related: " + "; ".join(related))
    return "\n".join(lines)


# -- relevance -----------------------------------------------------------------------------


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


_DEFINING_PAPERS = 3  # a definition answered by three papers' own words is plenty to read in ten seconds


# The bar reads how a paper stands out from the ranking: a collection of a handful of papers has
# no ranking to stand out from, so there a list takes the papers near the best one, as other shapes do.
_MIN_RANKED = 10


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


def names_of_others(hit: PaperHit, hits: Sequence[PaperHit]) -> list[str]:
    """Card names of the other retrieved papers: a line about `hit` should not carry them."""
    return [h.card.name for h in hits if h.paper.paper_id != hit.paper.paper_id and h.card and len(h.card.name) >= 3]


def _paper_text(hit: PaperHit) -> str:
    """A retrieved paper's title and abstract, as the checks that read the whole paper take it."""
    return f"{hit.paper.title} {hit.paper.abstract}"


def _names_any(text: str, names: Sequence[str]) -> bool:
    return any(mentions(text, n) for n in names)


# "Our code is available at https://github.com/ylsung/VL_adapter": close to a question naming the
# method (the address spells it), but it tells the reader nothing the answer is for.
_AVAILABILITY = re.compile(r"https?://|\bgithub\.com\b|\b(?:code|models?|data|datasets?|implementation|weights|checkpoints)\b[^.]{0,60}\b(?:is|are)\s+(?:publicly\s+|freely\s+)?(?:available|released)\b", re.IGNORECASE)


def _quotable(evidence: Evidence, others: Sequence[str]) -> bool:
    """May this sentence be a line about its paper: it names no other retrieved paper and is no code address."""
    return not _names_any(evidence.text, others) and not _AVAILABILITY.search(evidence.text)


def closest_sentence(hit: PaperHit, others: Sequence[str] = ()) -> Evidence:
    """The paper's sentence closest to the question, in the third person; one that names another
    retrieved paper ("recent methods such as AdapterFusion") gives way to the next, so a line
    cited to one paper never names another."""
    candidates = [e for e in hit.evidence if _quotable(e, others)]
    if not candidates:
        candidates = sorted((e for e in hit.sentence_scores if _quotable(e, others)), key=lambda e: -e.score)[:1] or list(hit.evidence[:1])
    best = candidates[0]
    return Evidence(sentence_in_third_person(best.text), best.start, best.end, best.score)


# A sentence opening on what the one before it said ("It often leads to negative transfer ...", "This
# discrepancy results in ...") says little to a reader who sees it alone.
# Only a sentence's opening word is read: inside a sentence "it" mostly points within it ("how it interacts").
_ANAPHOR = re.compile(r"^(?:they|these|such|it(?!\s+(?:is|was|has\s+been|remains)\b)|this(?!\s+(?:paper|work|study|article|thesis)\b))\b", re.IGNORECASE)
_ANAPHOR_MARGIN = 0.05  # how much closer to the question a sentence leaning on its context may be, and still give way


def _standalone_closest(hit: PaperHit, others: Sequence[str] = ()) -> Evidence:
    """The closest sentence, unless it leans on the one before it and a sentence nearly as close
    stands alone (an open answer's lines come from different papers, each read on its own)."""
    best = closest_sentence(hit, others)
    if not _ANAPHOR.search(best.text):
        return best
    alone = [e for e in hit.sentence_scores if e.score >= best.score - _ANAPHOR_MARGIN and _quotable(e, others) and not _ANAPHOR.search(e.text)]
    if not alone:
        return best
    chosen = max(alone, key=lambda e: e.score)
    return Evidence(sentence_in_third_person(chosen.text), chosen.start, chosen.end, chosen.score)


def best_line(hit: PaperHit, prefer_contribution: float, others: Sequence[str] = ()) -> Evidence:
    """The sentence a line about this paper should carry: its contribution, unless the best evidence is clearly closer to the question."""
    best = closest_sentence(hit, others)
    card = hit.card
    if card and card.spans and not _names_any(card.contribution, others):
        contribution = next((e for e in hit.sentence_scores if e.start <= card.spans[0].start < e.end), None)
        # An evidence sentence that leans on its context ("... investigate it") reads badly alone;
        # so does one about the field rather than the paper ("Vocabulary expansion is a widely used
        # approach ...") or a question the abstract asks, when the contribution does speak of the
        # paper (a few cards come from a background sentence: then neither is better).
        proposal = contribution is not None and _CONTRIBUTION.search(hit.paper.abstract[contribution.start : contribution.end]) is not None
        dangling = bool(_DANGLING.search(best.text)) or (bool(_AIM.search(best.text)) and proposal) or (
            _own_work(hit, contribution or best) and (not _own_work(hit, best) or best.text.rstrip().endswith("?"))
        )
        if contribution is not None and (dangling or contribution.score >= best.score - prefer_contribution):
            return Evidence(card.contribution, contribution.start, contribution.end, contribution.score)
    return best


# "This model generates weights for adapter modules conditioned on ...": the paper's proposal, by its kind.
_PROPOSAL_SUBJECT = re.compile(r"^(?:this|the proposed|our)\s+(?:new\s+|novel\s+)?(?:model|method|approach|framework|algorithm|technique|network|system|architecture)\b", re.IGNORECASE)
_OWN_WORK = re.compile(r"\b(?:we|our|us|this (?:paper|work|study|article))\b", re.IGNORECASE)


def _own_work(hit: PaperHit, evidence: Evidence) -> bool:
    """Does this abstract sentence speak of the paper's own work ("we", "our", "this paper", its
    name), not of the field ("Vocabulary expansion is a widely used approach ...", "Unfortunately,
    most existing methods ...")? A line about a paper should say what the paper does."""
    own = hit.paper.abstract[evidence.start : evidence.end] or evidence.text
    return bool(_OWN_WORK.search(own)) or bool(hit.card and hit.card.name and _names_any(own, [hit.card.name]))


# "The authors aim to enhance diffusion training by mitigating negative transfer": what the paper set
# out to do, not what it does; its contribution says that, when it is a proposal ("we propose ...").
_AIM = re.compile(r"\b(?:aims?|seeks?|strives?|attempts?|tries|try)\s+to\b|\b(?:goal|aim|objective)\s+(?:is|was)\s+to\b", re.IGNORECASE)


# A sentence that leans on its context ("... investigate it") or only sets the scene ("Although
# existing methods ...") says little about what the paper itself does: its contribution is shown instead.
_DANGLING = re.compile(
    r"^(?:it|this|these|they|them|such|the latter|the former|however|moreover|furthermore|therefore|thus|as a result|in addition"
    r"|rather|instead|hence|consequently|in contrast|likewise|similarly"
    r"|although|though|while|despite|but|and|or|yet|unfortunately|nevertheless|nonetheless|generally|typically|usually|often|occasionally|in particular"
    r"|existing|previous|prior|recent|recently|current|conventional|traditional|most|many)\b|\b(?:it|them)\b",
    re.IGNORECASE,
)


# -- not stated ----------------------------------------------------------------------------


_SPEED = re.compile(r"\bhow\s+(?:much\s+)?(?:faster|fast)\b|\bspeed-?up\b", re.IGNORECASE)
_TIME = re.compile(r"\bhow\s+long\b", re.IGNORECASE)
_COST = re.compile(r"\bhow\s+much\b[^?]*?\bcost\b", re.IGNORECASE)
# "Which learning rate did ... find best?": a setting asked with "which" rather than "what".
_WHICH_SETTING = re.compile(rf"\bwhich\s+(?P<which>(?:[\w-]+\s+){{0,2}}(?:rate|size|ratio|rank|dimension|length|resolution|temperature|optimizer|schedule))\s+{_AUX}\b", re.IGNORECASE)
_NOT_A_VALUE_START = frozenset("does did do is was are were has have of in on for to by".split())


def asked_value(question: str, involved: bool = False) -> str:
    """The figure or setting a question asks for ("mean opinion score (MOS)"), or "" if it asks none
    or its wording is too involved to name it ("how much does X improve Y over Z"). `involved` also
    reads "in how many of the tasks did ..." as "tasks": good enough to pick the stating sentence,
    too loose to decide that no abstract states it."""
    question = _WHATS.sub("what is", question)
    if _SPEED.search(question):
        return "speed-up"
    if _TIME.search(question):
        return "time"
    if _COST.search(question):
        return "cost"  # "How much did it cost in dollars to train ...?"
    setting = _WHICH_SETTING.search(question)
    if setting:
        return " ".join(setting.group("which").split())
    if not _FIGURE_ASK.search(question):
        return ""
    return _asked_phrase(question, max_words=6, involved=involved)


def figure_clause_value(question: str, value: str) -> str:
    """The figure asked in the clause that asks a figure, when `value` (the first "what X") is read
    from another clause: "what source did they build the dataset from, and what MAP did they hit?"
    -> "MAP" (the source is the other ask); "" otherwise."""
    figure_clauses = [c for c in _CLAUSES.split(question) if _FIGURE_ASK.search(c)]
    if not figure_clauses or any(value.lower() in c.lower() for c in figure_clauses):
        return ""
    return _asked_phrase(figure_clauses[0], max_words=6)


# A measure named without "what ... accuracy" ("GPipe AmoebaNet top-1 on ImageNet?", "CheXWorld
# segmentation results - which Dice?", "I'd like to know ReFineVLA's success rate on LIBERO.").
# The measures a question names as such ("Dice", "average F1", "latency"): read by metric_asked and,
# followed by "on X", by asked_condition.
_MEASURE = r"(?:accuracy|F1|BLEU|ROUGE(?:-\w+)?|Dice|mAP|AUC|perplexity|WER|CER|Spearman|Pearson|latency|throughput|MOS)"
_METRIC = re.compile(
    r"\btop-[15](?:\s+accuracy)?\b|\b(?:success|win|error|word\s+error|character\s+error)\s+rates?\b|\bmodel\s+size\b"
    r"|\bcontext\s+(?:window|length)(?:\s+(?:length|size))?|\b(?:embedding|hidden|output)\s+(?:dimension|dimensionality|size)\b|\b(?:masking|mask)\s+ratio\b"
    rf"|\b(?:(?:average|mean|macro|micro|zero-shot|linear)\s+)?{_MEASURE}(?:\s+and\s+{_MEASURE})?\b",
    re.IGNORECASE,
)


# Training settings named tersely, with no question word: "LoRA rank used in FLARE?", "batch size for
# LiT?" ("What does DoG use instead of a learning rate?" asks no rate; nor does a comparison "in
# terms of batch size", which words can answer).
_SETTING_NAMED = re.compile(
    r"\b(?:LoRA|adapter|bottleneck)\s+(?:rank|dimension|size)\b|\blearning\s+rates?\b|\bbatch\s+sizes?\b|\bweight\s+decay\b|\bdropout(?:\s+rate)?\b|\bwarm-?up\s+steps\b",
    re.IGNORECASE,
)


def metric_asked(question: str) -> str:
    """The measure a question names without asking "what <measure>" ("top-1 accuracy", "Dice",
    "CER and WER", "success rate"), or ""; read only for fact and comparison questions, where a
    measure named is a measure asked (a list question naming accuracy asks for papers, not a figure)."""
    match = _METRIC.search(question)
    if not match:
        return ""
    phrase = " ".join(match.group().split())
    return phrase + " accuracy" if phrase.lower() in ("top-1", "top-5") else phrase


_CLAUSES = re.compile(r"[?;:]|,\s*(?:and\s+)?|\s+-\s+|\s+and\s+(?=(?:what|how|which|why)\b)", re.IGNORECASE)
_WH = re.compile(r"\b(?:what|how|which|why)\b", re.IGNORECASE)


def other_ask(question: str, asked: str) -> bool:
    """Does the question ask something besides `asked` (a figure or detail)? "What does each one
    transfer, and what gains do they report?" does; "Which reaches higher accuracy on X?" does not."""
    return bool(other_asks(question, asked))


def other_asks(question: str, asked: str) -> list[str]:
    """The clauses of the question asking something besides `asked`: "which domain-specific backbone
    performed better" of "... which domain-specific backbone performed better, and roughly how many
    galaxy images was the final model trained on?" (asked: "galaxy images")."""
    return [
        clause.strip() for clause in _CLAUSES.split(question)
        if _WH.search(clause) and asked.lower() not in clause.lower() and not _FIGURE_ASK.search(clause)
        # "which of the pretrained architectures came out on top in accuracy" asks a name, whatever measure it names
        and (not metric_asked(clause) or _WHICH_FIRST.match(clause))
    ]


_WHICH_FIRST = re.compile(r"\s*which\s+(?!of\s+(?:these|them|the\s+two)\b)", re.IGNORECASE)


# "How many papers are about style transfer?" counts the index's papers: the list's lead says it.
_COUNTS_PAPERS = re.compile(r"\bhow\s+many\s+(?:papers|works|studies|articles)\b", re.IGNORECASE)


def value_asked(question: str, kind: str) -> str:
    """The figure or setting a question of this kind asks for: "what X ..." for any kind, and a
    measure merely named ("top-1 on ImageNet?") for facts and comparisons only."""
    if _COUNTS_PAPERS.search(question):
        return ""
    if kind == "fact" and not _WH.search(question) and (setting := _SETTING_NAMED.search(question)) and not asked_value(question):
        named = " ".join(setting.group().split())
        detail = asked_detail(question)  # "What optimizer and weight decay were used ...": both asked
        return detail if named.lower() in detail.lower() else named
    return asked_value(question) or (metric_asked(question) if kind in ("fact", "comparison") else "")


def asked_detail(question: str) -> str:
    """What a "what X does/is ..." question asks for, figure or not ("license", "reward clipping"),
    or "" when the wording names nothing to look for ("what is the resulting system called")."""
    phrase = _asked_phrase(question, max_words=4) or _which_phrase(question)
    return phrase if phrase and _detail_terms(phrase) else ""


# "Under which licence is the GHOST 2.0 code released?" asks as "what licence is ..." does. Read for
# the asked detail only: a figure asked with "which" is read by value_asked's own wording rules.
_WHICH_PHRASE = re.compile(rf"\bwhich\s+(?P<what>(?:[\w()/-]+\s+){{0,3}}?[\w()/-]+)\s+{_AUX}\b", re.IGNORECASE)


def _which_phrase(question: str) -> str:
    match = _WHICH_PHRASE.search(question)
    if not match:
        return ""
    words = match.group("what").split()
    return " ".join(words) if words[0].lower() not in _NOT_A_VALUE_START else ""


def _asked_phrase(question: str, max_words: int, involved: bool = False) -> str:
    """The X of "how many X did", "what is the X of", "what X does", if it is 1 to `max_words` words."""
    match = _VALUE_PHRASE.search(_WHATS.sub("what is", question))
    if not match:
        return ""
    phrase = " ".join(next(g for g in (match.group("many"), match.group("the"), match.group("what")) if g).split()).strip(" ,?")
    if match.group("many") and involved:
        phrase = re.sub(r"^of\s+(?:the\s+|these\s+|its\s+)?", "", phrase, flags=re.IGNORECASE)  # "how many of the tasks" counts tasks
    words = phrase.split()
    if not 1 <= len(words) <= max_words or words[0].lower() in _NOT_A_VALUE_START:
        return ""
    return phrase


# Words that say how the answer is phrased, not what it is about.
_ASKING = frozenset("called name named kind kinds type types sort resulting main key new overall exact specific".split())
# Words that place the asked thing without naming it: "which existing QA dataset" is answered by
# "exploiting the Natural Questions dataset" (dev7), which never says "existing".
_PLACING = frozenset("existing current previous prior available popular original underlying particular certain actual public publicly known well-known".split())
# The same asking words as `_stem` leaves them ("called" -> "call"), with the question's own: what a
# name-asking question says besides the thing named.
_ASKING_STEMS = frozenset({"call", "name", "stand", "what", "which", "that", "does"})


# How many things are asked for ("what are the two modules called?"): an abstract names the two
# modules without writing "two" (dev5's KRT question was "not stated" for it).
_COUNT_WORDS = frozenset("one two three four five six seven eight nine ten both several".split())


def _detail_words(phrase: str) -> list[str]:
    skip = _GENERIC | _RESEARCH_GENERIC | _ASKING | _COUNT_WORDS | _PLACING
    return [w for w in re.findall(r"[A-Za-z][A-Za-z0-9-]+", phrase) if w.lower() not in skip]


def _detail_terms(phrase: str) -> set[str]:
    return {_stem(w) for w in _detail_words(phrase)}


def named_papers(question: str, hits: Sequence[PaperHit]) -> list[PaperHit]:
    """The retrieved papers the question calls by their name ("What license is LAION-5B released under?"),
    by the short form the abstract gives it ("Sentence-BERT (SBERT)"), by a term their contribution
    sentence defines ("... Cross-Task Transfer (XTRA)", no card name), or by their whole title
    ("What is the main finding of How Well Do Self-Supervised Models Transfer?": no name, and other
    papers' findings are no answer)."""
    return [
        h for h in hits
        if h.card and (_names_any(question, _short_names(h)) or _names_any(question, _defined_terms(h.card.contribution)) or _holds_title(question, h.paper.title))
    ]


_MIN_TITLE_WORDS = 3  # "Transfer Learning" inside a question is a topic, not a paper


def _holds_title(question: str, title: str) -> bool:
    words = re.findall(r"[a-z0-9]+", title.lower())
    if len(words) < _MIN_TITLE_WORDS:
        return False
    return f" {' '.join(words)} " in f" {' '.join(re.findall(r'[a-z0-9]+', question.lower()))} "


def _besides_names(question: str, named: Sequence[PaperHit]) -> list[str]:
    """The question's content words that are no part of these papers' names ("LiT" in "Tell me about LiT")."""
    names = {w for h in named for name in _short_names(h) for w in re.findall(r"[a-z0-9]+", name.lower())}
    return [w for w in content_words(question) if not any(part in names for part in re.findall(r"[a-z0-9]+", w))]


def _asks_only_names(question: str, named: Sequence[PaperHit]) -> bool:
    """Are the question's content words all words of these papers' names ("Tell me about LiT")?"""
    return not _besides_names(question, named)


def _contribution_answers(question: str, named: Sequence[PaperHit]) -> bool:
    """Does a named paper's contribution hold every content word of the question besides the names (stemmed)?"""
    asked = {_stem(w) for w in _besides_names(question, named)}
    return bool(asked) and any(h.card and asked <= {_stem(w) for w in re.findall(r"[a-z0-9]+", h.card.contribution.lower())} for h in named)


def _short_names(hit: PaperHit) -> list[str]:
    """A paper's card name (3+ characters), the acronym its abstract puts right after it ("we
    present Sentence-BERT (SBERT)": "SBERT vs Sentence-T5" names both papers, dev5), and the long
    form an acronym card name abbreviates, as its last 1-4 words ("Prototype-based HyperAdapter
    (PHA)": "Hyper-X and the prototype-based HyperAdapter" names PHA, dev5)."""
    name = hit.card.name if hit.card else ""
    if len(name) < 3:
        return []
    names = list(_names_in(name, hit.paper.abstract))
    # A name typeset in TeX ("Re$^3$Sim", "$R^2$-Tuning") is typed plain in a question ("Re3Sim", dev7).
    plain = re.sub(r"[$^{}\\]", "", name)
    return names + [plain] if plain != name and len(plain) >= 3 else names


@functools.lru_cache(maxsize=4096)
def _names_in(name: str, abstract: str) -> tuple[str, ...]:
    after = re.findall(rf"(?<![\w-]){re.escape(name)}\s*\(([A-Z][\w-]*[A-Z][\w-]*)\)", abstract)
    before = []
    for match in re.finditer(rf"\(\s*{re.escape(name)}\s*\)", abstract):
        words = abstract[max(0, match.start() - 80) : match.start()].split()[-4:]
        # "Ladder Side-Tuning", "Embodied MultiModal Agent": the words that spell the acronym out,
        # from the first whose initial starts it.
        for k in range(len(words), 0, -1):
            phrase = words[-k:]
            if phrase[0][:1] == name[:1].upper():
                before.append(" ".join(phrase).strip(",;:"))
                break
    return (name, *after, *before)


def with_aliases(question: str, hits: Sequence[PaperHit]) -> tuple[PaperHit, ...]:
    """The hits, each the question calls by another name than its card's ("SBERT" for Sentence-BERT)
    carrying that name as the question writes it, so the answer's label shows what was asked about."""
    out = []
    for index, hit in enumerate(hits):
        names = _short_names(hit) if index < NAMED_DEPTH and hit.card else []
        if names and not mentions(question, names[0]):
            for other in names[1:]:
                written = re.search(rf"(?<![\w-]){re.escape(other)}(?![\w-])", question, re.IGNORECASE)
                # Typed in lowercase ("sbert vs consert", dev7), a one-word name of 4+ letters is still that
                # name, shown as its abstract writes it; a long form so typed is a phrase ("forward transfer").
                if written and (any(c.isupper() for c in written.group()) or (len(other) >= 4 and " " not in other)):
                    hit = replace(hit, alias=other)
                    break
        out.append(hit)
    return tuple(out)


def _defined_terms(contribution: str) -> list[str]:
    return [t for t in _ACRONYM.findall(contribution) if len(t) >= 3 and is_coined(t)]


# Kinds of thing known by their names: "which encoder" asks for "SAMU-XLS-R", not for "an encoder".
_NAMED_KINDS = "model encoder decoder backbone dataset benchmark architecture detector optimizer tokenizer library toolkit framework corpus vocoder checkpoint"
_KIND_ASKED = re.compile(
    rf"\b(?:which|what)\s+(?P<kind>(?:(?!(?:is|are|was|were|do|does|did)\b)[\w+.-]+\s+){{0,3}}?(?P<head>{'|'.join(_NAMED_KINDS.split())}))s?\b"
    r"(?!\s+(?:(?:is|are|was|were)\s+)?called)",  # "What is the encoder called?" goes to the naming checks
    re.IGNORECASE,
)
_INDEFINITE = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


def unnamed_kind(question: str, hit: PaperHit) -> str:
    """The kind of thing a fact question asks the named paper for by name ("audio encoder" of "Which
    audio encoder does Pengi use?"), when its abstract speaks of that kind only as "a/an ... X" ("by
    an audio encoder"): it says there is one, not which. "" when the abstract names one or never
    speaks of the kind (then the other checks decide)."""
    asked = _KIND_ASKED.search(question)
    if not asked:
        return ""
    text = hit.paper.abstract
    uses = list(re.finditer(rf"\b{re.escape(asked.group('head'))}s?\b", text, re.IGNORECASE))  # not `mentions`, the cards' helper
    if not uses or not all(_INDEFINITE.search(text[max(0, m.start() - 40) : m.start()]) for m in uses):
        return ""
    return " ".join(asked.group("kind").split())


def detail_stated(detail: str, hits: Sequence[PaperHit]) -> bool:
    """Does one of these abstracts use every content word of the asked detail? A paper that never
    says "license" cannot say which license it uses; a question naming the paper is answered by that
    paper's abstract or by nothing."""
    wanted = _detail_words(detail)
    snowball_stem = snowball().stemWord
    for hit in hits:
        words = re.findall(r"[A-Za-z][A-Za-z0-9-]+", _paper_text(hit))
        # A compound's parts count: "TREC-QA" says "QA" (dev7's "which existing QA dataset" for TANDA).
        words += [part for w in words if "-" in w for part in w.split("-") if len(part) >= 2]
        have = {_stem(w) for w in words}
        # The light stem keeps "module" and "modules" ("modul") apart; Snowball does not.
        have_snowball = {snowball_stem(w.lower()) for w in words}
        if all(_stem(w) in have or snowball_stem(w.lower()) in have_snowball for w in wanted):
            return True
    return False


_RESEARCH_GENERIC = frozenset("learning transfer training trained train model models performance data task tasks method methods network networks".split())


_VALUE_WORDS = {
    "time": {"hour", "minute", "second", "day", "week", "time", "ms"},
    "speed-up": {"faster", "speed", "speedup", "speed-up", "time", "slower", "magnitude"},
}


def _value_terms(value: str) -> tuple[set[str], set[str]]:
    """(acronyms, other stems) of a value phrase: "LoRA rank and learning rate" -> ({"LoRA"}, {"rank", "rate"})."""
    if value in _VALUE_WORDS:
        return set(), set(_VALUE_WORDS[value])
    words = re.findall(r"[A-Za-z][A-Za-z0-9@-]*[A-Za-z0-9]|[A-Za-z]{2,}", value)
    # "MOS", "AP", and measures spelled with a digit ("F1", "Hits@1") must be written as asked.
    acronyms = {w for w in words if sum(c.isupper() for c in w) >= 2 or (any(c.isdigit() for c in w) and any(c.isupper() for c in w))}
    terms = {_stem(w) for w in words if w not in acronyms and w.lower() not in _GENERIC and w.lower() not in _RESEARCH_GENERIC}
    if acronyms:
        terms -= _UNIT_WORDS  # "BLEU points": "7.1 BLEU" gives it; points are how BLEU is counted
    if not terms and not acronyms:
        # "how many transfer learning tasks": the field's common words are all there is to look for.
        terms = {_stem(w) for w in words if w.lower() not in _GENERIC}
    return acronyms, terms


# Measures an abstract states in digits: "two key aspects" beside "Masked Autoencoding" gives no masking ratio.
_DIGIT_MEASURES = frozenset(_stem(w) for w in "ratio rate accuracy score precision recall error perplexity share proportion fraction percentage similarity".split())


def value_stated(value: str, question: str, hits: Sequence[PaperHit]) -> bool:
    """Does a sentence of these papers give a figure together with what the question measures?

    The sentence must hold a number, every acronym of the value ("MOS", "AP"), and one of its
    other words; "learning" or "model" next to a number says nothing about a learning rate. A
    ratio, rate, score or accuracy (and any acronym measure) takes a figure in digits.
    """
    acronyms, terms = _value_terms(value)
    in_digits = bool(acronyms or terms & _DIGIT_MEASURES)
    counted = counted_noun(question)
    condition = asked_condition(question)
    asks_change = bool(_CHANGE_ASK.search(question))
    for hit in hits:
        if other_variant(question, _paper_text(hit)):
            continue  # "87.8 on Kinetics-600" is no figure "on Kinetics-400", "task A" none for "task B"
        for evidence in hit.sentence_scores or hit.evidence:
            if not _NUMBER.search(evidence.text) or not all(re.search(rf"\b{re.escape(a)}\b", evidence.text) for a in acronyms):
                continue
            if in_digits and not re.search(r"\d", evidence.text):
                continue
            if counted and not _counts(evidence.text, counted):
                continue
            if other_share(question, evidence.text) or ruled_out_variant(question, evidence.text) or opposite_setting(question, evidence.text):
                continue
            if condition and not condition & _with_parts({_stem(w) for w in re.findall(r"[A-Za-z][A-Za-z0-9@-]+", evidence.text)}):
                continue  # "accuracy ranging from 3% to 20%" is no accuracy "on pulmonary nodule classification"
            if not asks_change and only_changes(evidence.text, terms | {a.lower() for a in acronyms}):
                continue  # "a 5% top-1 accuracy improvement on iNaturalist" is no top-1 accuracy reached there
            words = _word_stems(evidence.text) | _spaced_compounds(evidence.text)
            if "%" in evidence.text and terms & _PERCENT_MEASURES:
                words = words | _PERCENT_MEASURES  # "in up to 40.50% of cases" gives the share of cases
            if (terms & words) or (acronyms and not terms):
                return True
    return False


# A question asking how a figure changed ("how much does X improve", "what gain", "by how much",
# "how many fewer FLOPs") is answered by a change; one asking what a figure is ("What top-1 accuracy
# does SpineNet reach on iNaturalist?") is not answered by "a 5% top-1 accuracy improvement" alone.
_CHANGE_ASK = re.compile(
    r"\b(?:improv\w*|gains?|increas\w*|boost\w*|reduc\w*|decreas\w*|drops?|better|worse|fewer|more|less|faster|slower|higher|lower"
    r"|outperform\w*|beats?|margin|difference|differ|relative|compared?|over|than|speed-?ups?|sav(?:e|es|ed|ing|ings)|cuts?|shrinks?|by how much"
    r"|go(?:es)?\s+(?:up|down)|rises?|falls?|jumps?|climbs?)\b",
    re.IGNORECASE,
)
# A figure told as a change: "5% top-1 accuracy improvement", "2.1 points higher", "improves ... by 3.2%".
_CHANGE_AFTER = re.compile(r"^\s*(?:%|x|×|points?|pp)?\s*(?:[\w-]+\s+){0,3}?(?:improvements?|gains?|increases?|boosts?|reductions?|drops?|decreases?|higher|lower|better|worse|fewer|more|less|faster|slower)\b", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(r"(?:\bby|\b(?:improvements?|gains?|increases?|boosts?|reductions?|drops?|decreases?)\s+of|[+±])\s*(?:up\s+to\s+|about\s+|over\s+|~)?$", re.IGNORECASE)
# A figure, a range ("10-20%") as one; a sign only after a space ("-11.97%"), not inside a name ("top-1").
_SIGNED_FIGURE = re.compile(r"(?:(?<=\s)[+-]|(?<![\w.+-]))\d+(?:[.,]\d+)*(?:\s?[-–]\s?\d+(?:[.,]\d+)*)?")


def only_changes(sentence: str, measure: set[str] = frozenset()) -> bool:
    """Is every figure of the sentence told as a change (an improvement, a gain, "by 3%"), none as a level?
    `measure`: the asked measure's stems; when some figures are told with one of them ("a 5.3 absolute
    accuracy improvement ..., outperforming a model trained on 28,000 video samples"), only those count."""
    figures = list(_SIGNED_FIGURE.finditer(sentence))
    if measure:
        measured = [m for m in figures if measure & _with_parts(_word_stems(_figure_context(sentence, m)))]
        figures = measured or figures
    if not figures:
        return False
    for m in figures:
        before = sentence[max(0, m.start() - 20) : m.start()]
        if not (_CHANGE_AFTER.search(sentence[m.end() :]) or _CHANGE_BEFORE.search(before) or m.group().startswith(("+", "-"))):
            return False
    return True


# Where what a figure measures stops: the next clause ("..., while", "and ...", "which ...").
_CLAUSE_BREAK = re.compile(r"[,;:()]|\band\b|\bwhile\b|\bwhich\b")
# ... or the figure before it (a digit that starts a figure, not one inside a name like "top-1").
_CLAUSE_OR_FIGURE = re.compile(_CLAUSE_BREAK.pattern + r"|(?<![\w/.-])\d")


def _figure_context(sentence: str, match: re.Match) -> str:
    """The words that say what a figure measures: those after it up to the next clause, and those
    before it back to the previous clause ("an improvement in F2 score" for "188%", not "and ... MAP")."""
    after = _CLAUSE_BREAK.split(sentence[match.end() :], maxsplit=1)[0]
    before = _CLAUSE_OR_FIGURE.split(sentence[max(0, match.start() - 60) : match.start()])[-1]
    return f"{before} {' '.join(after.split()[:6])}"


_PERCENT_MEASURES = frozenset({"share", "proportion", "fraction", "percentage", "percent"})
# Words that say in what unit a measure is counted, not which measure: "BLEU points", "F1 points".
_UNIT_WORDS = frozenset({"point", "percentage", "pp"})


# "What accuracy does X reach on pulmonary nodule classification?": what the figure must be measured on.
_CONDITION = re.compile(
    r"\b(?:reach|reaches|reached|achieve|achieves|achieved|obtain|obtains|obtained|get|gets|score|scores|attain|attains"
    # ... or the measure itself: "ReFineVLA's success rate on LIBERO"
    rf"|rate|{_MEASURE})\s+(?:on|in|at)\s+(?P<what>[^?,;]+)",
    re.IGNORECASE,
)
# ... or a named dataset it is asked on, wherever the measure stands: "Dice score of the ... model on the
# TCGA LGG dataset?", "How much does FLARE improve over LoRA on XNLI?" (a name: a capital or a digit).
_CONDITION_NAMED = re.compile(
    r"\b(?:on|in)\s+(?:the\s+)?(?P<what>(?:[\w-]*[A-Z0-9][\w.-]*\s+){0,3}(?:dataset|benchmark|test\s+set|split|tasks?)\b|[\w-]*[A-Z0-9][\w.-]*(?=\s*\??$))"
)
_CONDITION_GENERIC = frozenset("the a an benchmark benchmarks dataset datasets challenge task tasks test tests set sets".split())


def asked_condition(question: str) -> set[str]:
    """Stems of what a figure is asked on ("on the LiTS liver segmentation challenge" -> lits, liver,
    segmentation); a sentence giving the figure must name one of them. Empty when none is asked."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9@-]+", asked_condition_text(question))[:5]
    return _with_parts({_stem(w) for w in words if w.lower() not in _GENERIC and w.lower() not in _CONDITION_GENERIC})


def asked_condition_text(question: str) -> str:
    """What a figure is asked on, as the question words it ("the TCGA LGG dataset"), or ""."""
    match = _CONDITION.search(question) or _CONDITION_NAMED.search(question)
    return " ".join(match.group("what").split()) if match else ""


def condition_figure_stated(question: str, hits: Sequence[PaperHit]) -> bool:
    """Does a sentence of these papers give a figure on what the question asks it on? True when it
    asks it on nothing. For amounts asked in words too involved to name the measure ("How much does
    FLARE improve over LoRA on XNLI?"): a figure on another dataset is no answer."""
    condition = asked_condition(question)
    if not condition:
        return True
    return any(
        _NUMBER.search(e.text) and condition & _with_parts(_word_stems(e.text))
        for hit in hits if not other_variant(question, _paper_text(hit))
        for e in hit.sentence_scores or hit.evidence
    )


_VARIANT = re.compile(r"\b(?P<base>[A-Za-z][A-Za-z]+)[- ]?(?P<number>\d+)(?P<unit>[kKmM]?)\b")
_LETTERED = re.compile(r"\b(?P<base>task|subtask|track|part|setting|split|phase)\s+(?P<letter>[A-Z])\b", re.IGNORECASE)


# "1.0% of the parameters", "2.2% model parameters", "1.0%-2.0% tunable parameters": a share of
# something, its figures and the word or two after them.
_SHARE_OF = re.compile(r"(?<![\w.])(?P<low>\d+(?:\.\d+)?)%?(?:\s?[-–]\s?(?P<high>\d+(?:\.\d+)?))?\s?%\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?(?P<words>(?:[\w'’-]+\s+)?[A-Za-z]+)")


def _shares(text: str) -> list[tuple[tuple[float, float], set[str]]]:
    """((low, high), stems of the words after) for each share a text gives."""
    found = []
    for m in _SHARE_OF.finditer(text):
        low = float(m.group("low"))
        found.append(((low, float(m.group("high") or low)), {_stem(w.lower()) for w in re.findall(r"[A-Za-z]+", m.group("words"))}))
    return found


# "against GPT-4o (the full model, not the Mini)": a named variant the question rules out.
# "not the Mini", "with a ViT backbone instead of a ResNet" (dev7: "75.3% ... with ResNet-50" is not the ViT's).
_RULED_OUT = re.compile(r"\b(?:not|excluding|except|instead\s+of|rather\s+than)\s+(?:the\s+|an?\s+)?(?P<name>[A-Z][\w.]*)")


def ruled_out_variant(question: str, sentence: str) -> bool:
    """Does the sentence name a variant the question rules out ("not the Mini" against "win rate
    against GPT-4o-Mini", dev3 d3-052)? Its figures are for that variant, not the one asked."""
    parts = {p.lower() for p in re.findall(r"[\w.]+", sentence.replace("-", " "))}
    return any(m.group("name").lower() in parts for m in _RULED_OUT.finditer(question))


# "single-source" / "multi-source", "monolingual" / "multilingual": one setting and its opposite.
_COUNTED_SETTING = re.compile(r"\b(?P<count>single|multi|mono|uni)-?(?P<head>[a-z]{4,})\b", re.IGNORECASE)


def opposite_setting(question: str, sentence: str) -> bool:
    """Does the sentence give its figure for the opposite of a setting the question asks it for
    ("the single-source DistillNearest variant" against "their multi-source method outperforms
    the baselines by 5.6%-points", dev4 d4-049), and not for the asked one too?"""
    asked = {(m.group("count").lower(), m.group("head").lower()) for m in _COUNTED_SETTING.finditer(question)}
    given = {(m.group("count").lower(), m.group("head").lower()) for m in _COUNTED_SETTING.finditer(sentence)}
    return any((count, head) not in given and any(h == head and c != count for c, h in given) for count, head in asked)


def other_share(question: str, sentence: str) -> bool:
    """Does the sentence give its figures with another share than the question fixes ("when it tunes
    only 1.0% of the parameters" against "49.7% recall@1 with 2.2% model parameters", dev4)? Then
    they are figures of another setting. A range holding the question's figure gives it."""
    given = _shares(sentence)
    for (figure, _), asked in _shares(question):
        counted = asked - _GENERIC - {"total"}
        ranges = [(low, high) for (low, high), words in given if counted & words]
        if ranges and not any(low - 1e-9 <= figure <= high + 1e-9 for low, high in ranges):
            return True  # shares of the same thing, none of them the asked one
    return False


def other_variant(question: str, abstract: str) -> bool:
    """Does the abstract name only another variant of what the figure is asked on: "Kinetics-600"
    but never "Kinetics-400" nor a bare "Kinetics" for "on Kinetics-400", "task A" but never "task B"?
    Only a variant the abstract does name counts against it: a name written some other way, or not
    at all, is left to the other checks (an abstract may say "ResNet50" or name the backbone nowhere)."""
    match = _CONDITION.search(question)
    if not match:
        return False
    what = match.group("what")
    for asked in _VARIANT.finditer(what):
        base, number = asked.group("base"), asked.group("number")
        found = [m for m in _VARIANT.finditer(abstract) if m.group("base").lower() == base.lower()]
        bare = re.search(rf"(?<![\w-]){re.escape(base)}(?![\w-]|[- ]?\d)", abstract, re.IGNORECASE)
        if found and not bare and all(m.group("number") != number for m in found):
            return True
    for asked in _LETTERED.finditer(what):
        if not asked.group("letter").isupper():
            continue
        named = [m.group("letter") for m in _LETTERED.finditer(abstract) if m.group("base").lower() == asked.group("base").lower() and m.group("letter").isupper()]
        if named and asked.group("letter") not in named:
            return True
    # "with a Faster R-CNN detector" where the abstract gives figures "with a MaskR-CNN detector"
    # and "with a RetinaNet detector", and Faster R-CNN nowhere (dev2).
    written: set[str] | None = None  # the abstract's runs of 1-3 words, flattened: built only when a component is asked
    for asked in _HEADED.finditer(what):
        if written is None:
            words = [_flat(w) for w in abstract.split()]
            written = {"".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words))}
        name = asked.group("name")
        if _flat(name) in written or _flat(name.split()[-1]) in written:  # "Which RetinaNet detector" names RetinaNet
            continue
        head = asked.group("head").lower()
        if any(m.group("head").lower() == head and _flat(m.group("name")) for m in _HEADED.finditer(abstract)):
            return True
    return False


# A component called by name: "a Faster R-CNN detector", "the RetinaNet detector", "a ResNet-50 backbone".
_HEADED = re.compile(r"\b(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+(?P<head>detector|backbone|encoder|decoder|optimizer|tokenizer)s?\b")


def _flat(name: str) -> str:
    """A name without case, spaces or hyphens: "MaskR-CNN", "Mask R-CNN" and "mask rcnn" are one."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _with_parts(stems: set[str]) -> set[str]:
    """"imagenet-1k" also as "imagenet": a question and an abstract hyphenate names differently."""
    return stems | {part for stem in stems for part in stem.split("-") if len(part) >= 3 and part.isalpha()}


_NAME_WORD = re.compile(r"\b[A-Za-z][\w-]*\b")  # a word; name_words keeps those written as names


# The two sides of a comparison: "X compare(s) with/to Y", "compare X with Y", "X versus Y", "between X and Y".
_COMPARED = re.compile(
    r"(?P<a>[\w'’-]+)\s+(?:compares?|stacks?\s+up)\s+(?:with|to|against)\s+(?P<b>[\w'’-]+)"
    r"|\bcompare\s+(?P<c>[\w'’-]+)\s+(?:with|to|and|against)\s+(?P<d>[\w'’-]+)"
    r"|(?P<e>[\w'’-]+)\s+(?:versus|vs\.?)\s+(?P<f>[\w'’-]+)"
    r"|\bbetween\s+(?P<g>[\w'’-]+)\s+and\s+(?P<h>[\w'’-]+)"
    r"|\b(?:is|are|was|were)\s+(?P<i>[\w'’-]+)\s+or\s+(?P<j>[\w'’-]+)\s+(?:better|worse|faster|slower|stronger|weaker|cheaper|more|less|higher|lower)\b",
    re.IGNORECASE,
)


def compared_names(question: str) -> list[str]:
    """The compared things a question calls by name ("How does GPipe's memory use compare with
    ZeRO's?" -> ["ZeRO"]: the word right before "compare" is "use"); conditions such as "on GLUE"
    are not compared things."""
    sides = " ".join(side for match in _COMPARED.finditer(question) for side in match.groups() if side)
    return name_words(sides)


def uncompared_pair(question: str, hits: Sequence[PaperHit]) -> tuple[str, str] | None:
    """The two compared names, in the question's order, when no retrieved paper *is* one of them (by
    its name or a term its contribution defines) and no retrieved abstract that mentions it also
    mentions the other; None when every compared thing is a paper here or is compared in some abstract."""
    names = compared_names(question)
    if len(names) != 2:
        return None
    papers = {name: [h for h in hits if h.card and (any(mentions(n, name) for n in _short_names(h)) or _names_any(name, _defined_terms(h.card.contribution)))] for name in names}
    for name, other in (names, names[::-1]):
        if papers[name]:
            continue
        if not any(mentions(text, name) and mentions(text, other) for text in map(_paper_text, hits)):
            return names[0], names[1]  # in the question's order
    return None


def name_words(question: str) -> list[str]:
    """The words of a question written as names: an inner capital or digit ("ZeRO", "PCGrad",
    "NYUv2") or two capitals ("LoRA", "GLUE"). "How does GPipe's memory use compare with ZeRO's?"
    -> ["GPipe", "ZeRO"], possessives dropped."""
    names = []
    for word in _NAME_WORD.findall(question.replace("’", "'")):
        if sum(ch.isupper() for ch in word) >= 2 or re.search(r"[a-z][A-Z0-9]", word):
            names.append(word)
    return list(dict.fromkeys(names))


# How deep in the ranking a paper the question names is looked for: a name is a strong signal that
# the ranking can underrate when the paper's title lacks it (SwAV's title does not say "SwAV").
NAMED_DEPTH = 10

_COUNTED = re.compile(r"\bhow\s+many\s+(?:[\w-]+\s+)??(?!(?:is|was|has|does)\b)(?P<noun>[A-Za-z-]+s)\b", re.IGNORECASE)


# Who a study's sample size "N=118" counts (dev4: "How many participants ...?" was "not stated").
_PEOPLE = frozenset(_stem(w) for w in "participants subjects people persons respondents users annotators raters workers volunteers patients students".split())
_SAMPLE_SIZE = re.compile(r"\b[Nn]\s*=\s*\d")


def counted_noun(question: str) -> str:
    """The stem of what a "how many X" question counts, its first plural noun ("how many human
    annotators worked ..." -> "annotator"), else "" (time and speed asks have their own words)."""
    match = _COUNTED.search(question)
    if not match or _COUNTS_PAPERS.search(question) or _TIME.search(question) or _SPEED.search(question) or match.group("noun").lower() in ("times", "points"):
        return ""  # "how many times smaller" asks a ratio, "how many BLEU points" a measure, not a count
    return _stem(match.group("noun"))


def _counts(sentence: str, noun: str) -> bool:
    """Does a number in the sentence count the noun: "24 languages", "5-qubit system", "6k evaluation
    trials", "5.4 billion comprehensive visual annotations"? "10K polite sentence rewrites" counts
    rewrites, not the annotators a question asked about. A study's "(N=118)" counts its people."""
    if noun in _PEOPLE and _SAMPLE_SIZE.search(sentence):
        return True
    words = re.findall(r"[\w.,%×-]+", sentence)
    for index, word in enumerate(words):
        if re.search(r"\d", word) or _NUMBER.fullmatch(word):  # "24", "6k", "2T", "1.5B", "7B-parameter", "five"
            near = " ".join(words[index : index + 5])
            if noun in _with_parts({_stem(w) for w in re.findall(r"[A-Za-z][A-Za-z-]*", near)}) | {_stem(w) for w in re.findall(r"[A-Za-z]+", near)}:
                return True  # "246 retrospective chest X-rays" counts x-rays, "7B-parameter" parameters
    return False


# -- shapes ----------------------------------------------------------------------------------


class ShapeBuilder:
    def __init__(self, floor: float, relative: float, cap: int, related_cap: int = 5, prefer_contribution: float = 0.1, list_bar: float = 0.25) -> None:
        self.floor, self.relative, self.cap = floor, relative, cap
        self.related_cap, self.prefer_contribution, self.list_bar = related_cap, prefer_contribution, list_bar

    def chosen(self, kind: str, hits: Sequence[PaperHit], question: str = "") -> list[PaperHit]:
        """The papers the answer is about: above the calibrated bar for a list, near the best paper otherwise."""
        if kind == "list" and len(hits) >= _MIN_RANKED:
            return listed_hits(hits, self.floor, self.list_bar, self.cap, titled=bool(question) and asks_what_the_index_names(question, hits[:3], _stem))
        return relevant_hits(hits, self.floor, self.relative, self.cap)

    def build(self, question: str, kind: str, hits: Sequence[PaperHit], unmentioned: Sequence[str] = ()) -> Shaped:
        """`unmentioned`: words of the question no indexed paper uses, when the evidence is also weak: not stated."""
        # A question that names a paper is about that paper: another paper's figure is no answer.
        named = named_papers(question, hits[:NAMED_DEPTH])
        field = record_field_asked(question)
        if field and named:
            return self.record_shape(field, named[0], hits)
        if unmentioned:
            # "CTR", "DINOv2", "wav2vec" as the question writes them, not "ctr", "dinov", "vec"
            return self.not_stated("", hits, list(dict.fromkeys(as_written(question, [w]) for w in unmentioned)))
        chosen = self.chosen(kind, hits, question)
        value = value_asked(question, kind)
        if named and kind != "list":
            # The papers a question names are what it asks about, whatever their sentences' cosines.
            chosen = named + [h for h in chosen if h not in named]
            if kind == "fact" and not value and _asks_only_names(question, named):
                # "Which paper introduced TAPE?": the paper is the answer, by its title, then what it does.
                described = self.open_shape(named[:1], hits, question)
                title = AnswerItem("fact", "", label=named[0].paper.title, markers=(1,))
                return replace(described, shape="paper", items=(title, *described.items))
        # A comparison that also asks something else ("what does each transfer, and what gains do they
        # report?") is answered on the rest, with the part no abstract states said plainly.
        partial = kind == "comparison" and len(chosen) >= 2
        unstated = ""
        stating_pool = named or chosen[:3] or hits[:3]
        stated = bool(value) and value_stated(value, question, stating_pool)
        if value and not stated and kind == "fact":
            # The first "what X" may ask another thing than the figure ("what source ..., and what MAP
            # ...?"): the figure asked in its own clause is the answer when a sentence states it. Only
            # then: read that way always, it said "not stated" of an unseen question answered before.
            other = figure_clause_value(question, value)
            if other and value_stated(other, question, stating_pool):
                value, stated = other, True
        if value and not stated:
            if not (partial and other_ask(question, value)):
                # "how many points does it gain?": "... don't state how many points", not "the points"
                counted_as = re.search(rf"\bhow\s+(?:many|much)\s+{re.escape(value)}\b", question, re.IGNORECASE)
                text = prompts.NOT_STATED_HOW.format(what="how " + " ".join(counted_as.group().split()[1:])) if counted_as else ""
                return self.not_stated(value, named + [h for h in hits if h not in named], text=text)
            unstated = value
        if not value and kind == "fact" and _FIGURE_ASK.search(question) and not condition_figure_stated(question, named or chosen[:3] or hits[:3]):
            return self.not_stated(f"figure on {asked_condition_text(question)}", named + [h for h in hits if h not in named])
        counted = counted_noun(question)
        if counted and not value and not any(_counts(e.text, counted) for h in (named or chosen[:3] or hits[:3]) for e in h.sentence_scores or h.evidence):
            # "How many human annotators ...": a number that counts something else is no answer.
            return self.not_stated(_COUNTED.search(question).group().split(None, 2)[-1], named + [h for h in hits if h not in named])
        detail = asked_detail(question) if named and not value else ""
        if detail and not detail_stated(detail, named):
            if not (partial and other_ask(question, detail)):
                return self.not_stated(detail, named + [h for h in hits if h not in named])
            unstated = detail
        named_kind = unnamed_kind(question, named[0]) if named and not value and kind == "fact" else ""
        if named_kind:
            # "Which audio encoder does Pengi use?": its abstract speaks of "an audio encoder", never which.
            return self.not_stated(named_kind, named + [h for h in hits if h not in named])
        if kind == "comparison":
            # A comparison with something no retrieved abstract mentions cannot be drawn from them.
            absent = [name for name in compared_names(question) if not any(mentions(_paper_text(h), name) for h in hits[:NAMED_DEPTH])]
            if absent:
                # "How does GPipe's memory use compare with ZeRO's?": no retrieved abstract speaks of ZeRO.
                return self.not_stated("", hits, absent)
            uncompared = uncompared_pair(question, hits[:NAMED_DEPTH])
            if uncompared:
                # "How does VL-Adapter compare with LoRA?": no retrieved paper is LoRA's, and the abstracts
                # that mention LoRA say nothing of VL-Adapter: whatever is shown would be two unrelated lines.
                return self.not_stated("", hits, text=prompts.NOT_COMPARED_TEXT.format(first=uncompared[0], second=uncompared[1]))
        if not chosen:
            return self.not_stated("", hits)
        if kind == "list":
            return self.list_shape(chosen, hits)
        if kind == "fact":
            return self.fact_shape(question, chosen, value or asked_value(question, involved=True), hits)
        if kind == "comparison" and len(chosen) >= 2:
            # Two compared items unless a third scores as high as the second (questions compare two, mostly).
            third = chosen[2:3] if len(chosen) > 2 and chosen[2].score >= 0.9 * chosen[1].score else []
            return self.comparison_shape([*chosen[:2], *third], hits, unstated, question)
        # An open question about a paper it names ("How is forgetting measured in LIBERO?") is answered
        # from that paper: other papers' sentences on forgetting answer a question nobody asked.
        return self.open_shape((named or chosen)[:4], hits, question)

    def _cite(self, chosen: Sequence[PaperHit], lines: Sequence[Evidence]) -> tuple[Citation, ...]:
        return tuple(Citation(n, hit.paper, Evidence(hit.paper.abstract[e.start : e.end], e.start, e.end, e.score), True, 1.0) for n, (hit, e) in enumerate(zip(chosen, lines), start=1))

    def _related(self, hits: Sequence[PaperHit], chosen: Sequence[PaperHit]) -> list[AnswerItem]:
        taken = {h.paper.paper_id for h in chosen}
        rest = [h for h in hits if h.paper.paper_id not in taken and h.evidence and h.evidence[0].score >= self.floor][: self.related_cap]
        return [AnswerItem("related", h.paper.title, label=h.paper.title) for h in rest]

    def list_shape(self, chosen: Sequence[PaperHit], hits: Sequence[PaperHit]) -> Shaped:
        lines = [best_line(h, self.prefer_contribution, names_of_others(h, hits)) for h in chosen]
        count = len(chosen)
        lead = AnswerItem("lead", prompts.list_lead(count))
        items = [AnswerItem("item", drop_label(line.text, hit.label()), label=hit.label(), markers=(n,)) for n, (hit, line) in enumerate(zip(chosen, lines), start=1)]
        return self._shaped("list", chosen, lines, [lead, *items, *self._related(hits, chosen)])

    def fact_shape(self, question: str, chosen: Sequence[PaperHit], value: str, hits: Sequence[PaperHit] = ()) -> Shaped:
        hit = chosen[0]
        others = names_of_others(hit, hits or chosen)
        if value:
            stating = _stating_sentence(value, question, hit, others) or hit.evidence[0]
            figure = figure_phrase(stating.text, question, value)
            line = Evidence(sentence_in_third_person(stating.text), stating.start, stating.end, stating.score)
            fact = AnswerItem("fact", figure, label=hit.label(), markers=(1,))
        else:
            # A name or a detail: the sentence that names it ("... a novel off-policy correction method
            # called V-trace"), else the sentences closest to the question, which state it more often
            # than the contribution does; two of them, in abstract order, since fact questions often ask two things.
            # The sentence the asking words point at ("... Which learning algorithm generates that
            # path?" -> "... to generate sub-tasks, leveraging Q-learning") is the cited one, before the
            # closest: the closest sentences restate what the question says to identify the paper. A
            # model in LLM mode is shown the cited sentence (dev5: shown the closest, it guessed).
            named = _naming_sentence(question, hit, others)
            answering = _answering_sentence(question, hit, others)
            if answering is None and named is None and _ASKS_AT_ONCE.match(question):
                # "Which existing QA dataset did TANDA exploit for its transfer step?" asks from its first
                # word: all of it is the asking part (dev7; the closest sentences missed "exploiting the
                # Natural Questions dataset"). The paper's name, in many of its sentences, weighs little.
                answering = _answering_sentence(question, hit, others, clause=question)
            # An amount asked in involved words is led by the closest sentence's number (below).
            if named is None and answering is not None and not _FIGURE_ASK.search(question):
                named = Evidence(sentence_in_third_person(answering.text), answering.start, answering.end, answering.score)
            line = named or closest_sentence(hit, others)
            best = next((e for e in (*hit.evidence, *hit.sentence_scores) if e.start == line.start), hit.evidence[0])
            fact = AnswerItem("fact", "", label=hit.label(), markers=(1,))
            pool = sorted(
                (e for e in hit.sentence_scores or hit.evidence if e.start != best.start and e.score >= self.floor and _quotable(e, others)),
                key=lambda e: -e.score,
            )
            if _FIGURE_ASK.search(question):
                # An amount asked in words too involved to name ("By how much does pretraining on X
                # reduce perplexity?"): a sentence that gives a number answers it; one without cannot.
                pool = sorted(pool, key=lambda e: not _NUMBER.search(e.text))
            # A sentence that only sets the scene ("However, existing methods ...") answers nothing.
            if answering is not None and answering.start != best.start:
                more = [answering]  # the named thing's sentence first, then what the asking words point at
            else:
                more = sorted(pool, key=lambda e: bool(_DANGLING.search(e.text)))[:1]
            ordered = sorted([best, *more], key=lambda e: e.start)
            if _FIGURE_ASK.search(question):
                # The amount asked in involved words still leads, when a sentence given gives one
                # ("how much does dynamic architecture skipping reduce the FLOPs of METER" -> "-11.97% FLOPs of METER on VQA2.0").
                figure = next((f for f in (figure_phrase(e.text, question) for e in (best, *more)) if f), "")
                fact = replace(fact, text=figure)
            items = [fact, *(AnswerItem("evidence", sentence_in_third_person(e.text), markers=(1,)) for e in ordered)]
            return self._shaped("fact", [hit], [line], items)
        evidence = AnswerItem("evidence", line.text, markers=(1,))
        if not other_ask(question, value):
            return self._shaped("fact", [hit], [line], [fact, evidence])
        # A question asking two things ("which speech encoder was used, and what BLEU gain did it
        # give?"): the figure's sentence answers one; the sentence holding most of the other ask's words
        # ("which domain-specific backbone performed better" -> "... a domain-specific CNN - Zoobot - with a
        # generic classification backbone ..."), else the sentence closest to the question, the other.
        # The closest restates what identifies the paper ("the authors apply Faster R-CNN to ...", dev2).
        for clause in other_asks(question, value):
            # "what does CoDA stand for, and what inference speedup ...": the sentence spelling it out.
            acronyms = acronyms_expanded(clause)
            spelling = _expanding_sentence(acronyms, _quotable_sentences(hit, others)) if acronyms else []
            answering = spelling[0] if spelling else _answering_sentence(question, hit, others, clause=clause)
            if answering is not None and answering.start != stating.start:
                extra = AnswerItem("evidence", sentence_in_third_person(answering.text), markers=(1,))
                pair = [evidence, extra] if stating.start < answering.start else [extra, evidence]
                return self._shaped("fact", [hit], [line], [fact, *pair])
        both = self._with_next_closest(hit, stating, evidence, "evidence", lambda e: not _names_any(e.text, others))
        return self._shaped("fact", [hit], [line], [fact, *both])

    def _with_next_closest(self, hit: PaperHit, shown: Evidence, item: AnswerItem, role: str, usable: Callable[[Evidence], bool]) -> list[AnswerItem]:
        """`item` (showing `shown`) and, when there is one, the paper's next closest sentence that is
        `usable`, above the floor and no scene-setter, as a `role` item; both in abstract order."""
        pool = [
            e for e in hit.sentence_scores or hit.evidence
            if e.start != shown.start and e.score >= self.floor and usable(e) and not _DANGLING.search(e.text)
        ]
        second = max(pool, key=lambda e: e.score, default=None)
        if second is None:
            return [item]
        extra = AnswerItem(role, sentence_in_third_person(second.text), markers=(1,))
        return [item, extra] if shown.start < second.start else [extra, item]

    def comparison_shape(self, chosen: Sequence[PaperHit], hits: Sequence[PaperHit] = (), unstated: str = "", question: str = "") -> Shaped:
        """`unstated`: a part of the question no abstract states ("the gains"), said after the lines.
        Each item is on the aspect asked, when the question asks one after naming the items ("Hyper-X
        and HyperAdapter both ... What is each conditioned on?" -> "... generates weights for adapter
        modules conditioned on both tasks and language embeddings"), else what each paper contributes."""
        lines = []
        named = {h.paper.paper_id for h in named_papers(question, chosen)} if question else set()
        for h in chosen:
            others = names_of_others(h, hits or chosen)
            answering = _answering_sentence(question, h, others) if question else None
            if answering is not None and not (_own_work(h, answering) or _PROPOSAL_SUBJECT.match(answering.text)):
                # A sentence about the field ("One major obstacle towards AI is ...") shares the asked
                # topic's words but says nothing of what this paper does: its contribution is the line.
                answering = None
            # A paper the question names, asked about as a whole ("the difference between TinySAM and
            # Mini-InternVL?"): every sentence with its name sits close to the question, so closeness
            # says nothing; what the paper does is the line ("Extensive experiments ... demonstrate the
            # advantageous performance of TinySAM" was).
            whole = h.paper.paper_id in named and answering is None
            line = best_line(h, 1.0 if whole else self.prefer_contribution, others)
            if answering is not None and answering.start != line.start:
                line = Evidence(sentence_in_third_person(answering.text), answering.start, answering.end, answering.score)
            lines.append(line)
        items = [AnswerItem("item", drop_label(line.text, hit.label()), label=hit.label(), markers=(n,)) for n, (hit, line) in enumerate(zip(chosen, lines), start=1)]
        difference = difference_line(chosen, lines)
        gap = [AnswerItem("unstated", prompts.NOT_STATED_TEXT.format(what=unstated))] if unstated else []
        return self._shaped("comparison", chosen, lines, [*items, *([difference] if difference else []), *gap])

    def open_shape(self, chosen: Sequence[PaperHit], hits: Sequence[PaperHit] = (), question: str = "") -> Shaped:
        # A paper the question names is asked about as a whole ("What is ForkMerge?"): its contribution,
        # unless a sentence is clearly closer. A term asked about ("What is catastrophic forgetting?")
        # by the sentences that define it (rag.answer.definitions). Otherwise the closest sentence.
        named = {h.paper.paper_id for h in named_papers(question, chosen)}
        defining = self.definitions(question, hits or chosen) if not named else []
        if defining:
            # "What is catastrophic forgetting?": the sentences that say what it is, closest first.
            chosen = [h for h, _ in defining]
            lines = [Evidence(sentence_in_third_person(e.text), e.start, e.end, e.score) for _, e in defining]
            items = [AnswerItem("sentence", _with_subject(hit, line.text), markers=(n,)) for n, (hit, line) in enumerate(zip(chosen, lines), start=1)]
            return self._shaped("open", chosen, lines, items)
        # "Tell me about LiT", "Summarize ForkMerge": nothing asked but the paper, so no sentence is
        # closer to the question than another: what it contributes comes first.
        # So too when the contribution holds every word the question asks besides the name ("How does Barlow
        # Twins avoid collapse?": "an objective function that naturally avoids collapse by ...", where the
        # closest sentence was "The method is called Barlow Twins, owing to ...").
        named_hits = [h for h in chosen if h.paper.paper_id in named]
        prefer = 1.0 if named and (_asks_only_names(question, named_hits) or _contribution_answers(question, named_hits)) else self.prefer_contribution
        lines = [
            best_line(h, prefer, names_of_others(h, hits or chosen)) if h.paper.paper_id in named else _standalone_closest(h, names_of_others(h, hits or chosen))
            for h in chosen
        ]
        items = [AnswerItem("sentence", _with_subject(hit, line.text), markers=(n,)) for n, (hit, line) in enumerate(zip(chosen, lines), start=1)]
        if len(chosen) == 1:
            # One paper answers: its next closest sentence too, in abstract order ("why is the Deploy mode
            # unstable, and how did someone get Eval-mode stability?" is half answered by one sentence).
            others = names_of_others(chosen[0], hits or chosen)
            items = self._with_next_closest(chosen[0], lines[0], items[0], "sentence", lambda e: _quotable(e, others))
        return self._shaped("open", chosen, lines, items)

    @staticmethod
    def definitions(question: str, hits: Sequence[PaperHit]) -> list[tuple[PaperHit, Evidence]]:
        """For "What is X?" about a term, up to three papers' sentences defining it (none naming another paper)."""
        term = defined_term(question)
        if not term:
            return []
        found = [(h, e) for h, e in defining_sentences(term, hits) if _quotable(e, names_of_others(h, hits))]
        return found[:_DEFINING_PAPERS]

    def not_stated(self, value: str, hits: Sequence[PaperHit], unmentioned: Sequence[str] = (), text: str = "") -> Shaped:
        """The not-stated line (`text`, else built from `value` or the `unmentioned` words), then the closest papers as leads."""
        leads = [h for h in hits if h.evidence][:3]
        if not text and unmentioned:
            text = prompts.NOT_MENTIONED_TEXT.format(words=" or ".join(f"“{w}”" for w in unmentioned))
        elif not text:
            text = prompts.NOT_STATED_TEXT.format(what=value) if value else prompts.NOT_STATED_GENERIC
        # A lead says what the paper is about ("Their code is available at ..." was the closest sentence once).
        lines = [best_line(h, self.prefer_contribution, names_of_others(h, hits)) for h in leads]
        items = [AnswerItem("not_stated", text)]
        if leads:
            items.append(AnswerItem("lead", prompts.NOT_STATED_LEADS))
        items += [AnswerItem("item", drop_label(line.text, hit.label()), label=hit.label(), markers=(n,)) for n, (hit, line) in enumerate(zip(leads, lines), start=1)]
        return self._shaped("not_stated", leads, lines, items)

    def record_shape(self, field: str, hit: PaperHit, hits: Sequence[PaperHit]) -> Shaped:
        """Who wrote a named paper, or when or where it was published: its record's answer, then what
        the paper does (cited); "the index holds none" with the paper as the first lead when the
        record has no such field (the shipped corpus lists no authors, years or venues)."""
        paper = hit.paper
        value = {"authors": _author_list(paper.authors), "year": paper.year, "venue": paper.venue}[field]
        if not value:
            text = prompts.NOT_IN_RECORD.format(what=_RECORD_WORDS[field], name=hit.label())
            return self.not_stated("", [hit, *(h for h in hits if h is not hit)], text=text)
        template = {"authors": prompts.RECORD_AUTHORS, "year": prompts.RECORD_YEAR, "venue": prompts.RECORD_VENUE}[field]
        line = best_line(hit, self.prefer_contribution, names_of_others(hit, hits))
        # The record's line carries no marker: no abstract sentence supports it, and the reference
        # below it names the paper the record belongs to.
        items = [AnswerItem("fact", template.format(**{field: value}), label=hit.label()), AnswerItem("evidence", sentence_in_third_person(line.text), markers=(1,))]
        return self._shaped("record", [hit], [line], items)

    def _shaped(self, shape: str, chosen: Sequence[PaperHit], lines: Sequence[Evidence], items: list[AnswerItem]) -> Shaped:
        citations = self._cite(chosen, lines)
        # A bare name ("**LiT** [1]") asserts nothing; its evidence line carries the citation.
        sentences = tuple(s for i in items if i.markers and i.text for s in item_sentences(i))
        return Shaped(shape, tuple(items), citations, sentences)


# "Which <things> does <subject> ...": the things asked are the subject's own when it is a named paper.
_ASKS_OF_NAMED = re.compile(r"^\s*(?:which|what)\s+(?:[\w-]+\s+){1,3}?(?:does|do|did|is|are|was|were|can)\s+(?P<subject>[\w.-]+(?:\s+[\w.-]+)?)", re.IGNORECASE)


def asks_of_named_paper(question: str, hits: Sequence[PaperHit]) -> bool:
    """Does a "which X" question ask what one paper it names holds ("Which tasks does TaskWeb cover?")?
    That is a fact about the paper, not a list of papers: as a list it listed other papers."""
    match = _ASKS_OF_NAMED.match(question)
    return bool(match) and any(_names_any(match.group("subject"), _short_names(h)) for h in named_papers(question, hits[:NAMED_DEPTH]))


# A question about a paper's record, not its content: who wrote it, when or where it appeared.
_RECORD_ASK = {
    "authors": re.compile(
        r"\bwho\s+(?:proposed|introduced|wrote|authored|developed|created|invented|designed|presented|published)\b"
        # Not "authors of" anywhere: "What do the authors of ForkMerge find?" asks what the paper says.
        r"|\bwho\s+(?:is|are|was|were)\s+(?:the\s+)?authors?\b|\b(?:name|list|give)\s+(?:me\s+)?the\s+authors?\b|^\s*(?:the\s+)?authors?\s+of\b|\bwritten\s+by\s+whom\b",
        re.IGNORECASE,
    ),
    "year": re.compile(r"\b(?:when|(?:in\s+)?(?:what|which)\s+year)\s+(?:was|were|did|is)\b[^?]*\b(?:published|released|proposed|introduced|appear|come\s+out)\b", re.IGNORECASE),
    "venue": re.compile(r"\b(?:where|(?:at|in)\s+(?:what|which)\s+(?:venue|conference|journal))\s+(?:was|were|did|is)\b[^?]*\b(?:published|presented|appear)\b", re.IGNORECASE),
}
_RECORD_WORDS = {"authors": "authors", "year": "publication year", "venue": "venue"}


def record_field_asked(question: str) -> str:
    """"authors", "year" or "venue" when the question asks a paper's record for it, else ""."""
    return next((field for field, pattern in _RECORD_ASK.items() if pattern.search(question)), "")


def _author_list(authors: Sequence[str]) -> str:
    names = [a.strip() for a in authors if a.strip()]
    if len(names) > 6:
        return ", ".join(names[:6]) + " and others"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def _with_subject(hit: PaperHit, text: str) -> str:
    """'ForkMerge: <sentence>' so the reader knows whose sentence it is, unless the sentence names it already."""
    if not (hit.card and hit.card.name) or _names_any(text, [hit.card.name]):
        return text
    return f"{hit.card.name}: {text}"


def drop_label(text: str, label: str) -> str:
    """Under the bold label ForkMerge, 'ForkMerge is a novel approach ...' reads 'a novel approach ...'
    and 'ForkMerge forks the model ...' reads 'forks the model ...'. A line that repeats its label as a
    heading ('Hypernetworks for Zero-shot Transfer in Reinforcement Learning: In the paper, ...', a
    model's list item on dev4) reads from after the colon."""
    aliased = re.fullmatch(r"(.+) \((.+)\)", label)  # "SBERT (Sentence-BERT)": the line may use either
    if aliased:
        for name in aliased.groups():
            if (dropped := drop_label(text, name)) != text:
                return dropped
    headed = re.match(rf"(?:The\s+)?{re.escape(label)}\s*:\s*(\S.*)$", text)
    if headed:
        return headed.group(1)
    match = re.match(rf"(?:The\s+)?{re.escape(label)}(?:\s+(?:method|model|framework|approach))?\s+(?:is\s+)?(.+)$", text)
    return match.group(1) if match and match.group(1)[:1].islower() else text


def _stating_sentence(value: str, question: str, hit: PaperHit, others: Sequence[str] = ()) -> Evidence | None:
    """The paper's sentence giving a figure with a word of the value that best states it: the one
    naming most of what is measured ("outperformed FFT in 13 out of 18 transfer learning tasks"
    before "an AUROC of 80.6% on data-efficient learning tasks"), then most of the question's words
    ("adding only 3.6% parameters per task" before "fine-tuning trains 100% of the parameters per
    task" for "how many parameters are added"), then the closest; one naming another retrieved
    paper ("... outperforms AdapterFusion by 2 points") only when there is no other."""
    acronyms, terms = _value_terms(value)
    terms |= {a.lower() for a in acronyms}
    asked = _asked_stems(question)
    condition = asked_condition(question)
    counted = counted_noun(question)
    stating = []
    for e in hit.sentence_scores or hit.evidence:
        words = _word_stems(e.text)
        if _NUMBER.search(e.text) and terms & words:
            # What the figure is asked on decides between sentences naming as much of the measure: "the average
            # BLEU gain on the 21 CoVoST-2 tasks" is "On the 21 translation tasks of the CoVoST-2 benchmark, ...
            # an average improvement of 12.8 BLEU points", not a zero-shot "average gain of 11.9".
            met = bool(condition & _with_parts(words))
            # A count asked ("How many languages ...?") is stated by a sentence counting them ("on one hundred
            # languages"), not by one giving a percentage for a language ("15.7% ... for Swahili").
            uncounted = bool(counted) and not _counts(e.text, counted)
            stating.append((_names_any(e.text, others), uncounted, -len(terms & words), not met, -len(asked & words), -e.score, e))
    return min(stating, key=lambda t: t[:6])[-1] if stating else None


# A question asking for a name: "What is that dataset called?", "What does DoG stand for?".
_NAME_ASK = re.compile(r"\b(?:called|named|stands?\s+for|(?:what|which)\s+(?:is|was)\s+(?:the|its|their)\s+name)\b", re.IGNORECASE)
# A sentence giving something a name: "... a face dataset ... named CelebAMask-HQ", "we present CafeBERT, a ...".
_GIVES_NAME = re.compile(
    r"\b(?:called|named|termed|dubbed|coined|namely)\s+[A-Z]"
    r"|\b(?:present|propose|introduce|release|construct|build|develop|design)s?\s+(?:(?:a|an|the)\s+)?(?:new\s+|novel\s+)?[A-Z][\w-]*[A-Z0-9][\w-]*\b"
)
# The thing whose name is asked: "What is that dataset called?" -> "dataset".
_NAMED_NOUN = re.compile(r"\b(?:is|was|are|were)\s+(?:the|that|this|its|their)\s+(?:new\s+)?(?P<noun>[A-Za-z-]+)\s+(?:called|named)\b", re.IGNORECASE)


def acronyms_expanded(question: str) -> list[str]:
    """The names whose long form the question asks: "What does DoG stand for?", "what does the
    acronym DoG mean?" (dev7), "what is CoDA short for", "the full name of CoDA"."""
    out = []
    for w in name_words(question):
        n = re.escape(w)
        if re.search(
            rf"\b(?:does|do|did)\s+(?:the\s+)?(?:acronym\s+|abbreviation\s+|name\s+)?{n}\s+(?:stands?\s+for|mean|abbreviate)\b"
            rf"|\b{n}\s+(?:stands?\s+for|(?:is\s+)?short\s+for)\b|\b(?:acronym|abbreviation)\s+{n}\b"
            rf"|\b(?:expand(?:s|ed)?|spell(?:s|ed)?\s+out|expansion\s+of|full\s+(?:name|form)\s+of)\s+{n}\b",
            question, re.IGNORECASE,
        ):
            out.append(w)
    return out


def _expanding_sentence(acronyms: Sequence[str], pool: Sequence[Evidence]) -> list[Evidence]:
    """The sentences spelling one of the acronyms out: "Distance over Gradients (DoG)", "CoDA (Conditional Adapter)"."""
    return [e for e in pool if any(f"({a})" in e.text or re.search(rf"(?<![\w-]){re.escape(a)}\s+\([A-Z]", e.text) for a in acronyms)]


def _quotable_sentences(hit: PaperHit, others: Sequence[str] = ()) -> list[Evidence]:
    """The paper's scored sentences an answer may quote (see `_quotable`)."""
    return [e for e in hit.sentence_scores or hit.evidence if _quotable(e, others)]


def _naming_sentence(question: str, hit: PaperHit, others: Sequence[str] = ()) -> Evidence | None:
    """The sentence that answers a detail or name the question asks for: one holding every word of
    the asked detail ("off-policy correction method"), or, for a name asked ("What is that dataset
    called?", "What does DoG stand for?"), one that gives a name, and the asked noun if it says one;
    None when no sentence does (the closest sentences answer then). Third person, as a line."""
    pool = _quotable_sentences(hit, others)
    wanted = _detail_terms(asked_detail(question))
    if len(wanted) < 2:
        wanted = set()  # one word ("what text was it pre-trained on") is in too many sentences to pick one
    found = [e for e in pool if wanted and wanted <= _word_stems(e.text)]
    acronyms = acronyms_expanded(question)
    if not found and (acronyms or _NAME_ASK.search(question)):
        noun = _NAMED_NOUN.search(question)
        asked = {_stem(noun.group("noun"))} if noun else _asked_stems(question) - _ASKING_STEMS
        found = _expanding_sentence(acronyms, pool) or sorted(
            (e for e in pool if _GIVES_NAME.search(e.text)), key=lambda e: -len(asked & _word_stems(e.text))
        )[:1]
    if not found:
        return None
    best = max(found, key=lambda e: e.score) if wanted else found[0]
    return Evidence(sentence_in_third_person(best.text), best.start, best.end, best.score)


# Where a question's asking part starts: a wh-word opening a sentence or clause ("Diff-Transfer plans
# a path ... . Which learning algorithm generates that path?", "In the KRT framework ..., what are
# ...", "graph schemas - which benchmark tasks ..."), or one after a preposition inside a clause
# ("... is said to be comparable to which large model?"), with the words it completes.
_ASK_OPENING = re.compile(r"(?:^|[.?!:;,]\s+|\s[-\u2013\u2014]+\s+)(?P<ask>(?:what|which|who|whom|whose|how|where|when)\b.*)$", re.IGNORECASE)
_ASK_INSIDE = re.compile(r"(?P<ask>(?:\b\w+\s+){1,2}(?:to|of|on|in|with|by|from|for|against)\s+(?:which|what|whom)\b.*)$", re.IGNORECASE)
# Words a question asks with, whatever it asks about.
_ASKING_WORDS = frozenset(
    """what which who whom whose how where when why does do did is are was were use used using
    differ differs different difference compare compared comparison each both one either their they them its it
    strategy strategies approach approaches way ways""".split()
)


_SETTING_OPENING = re.compile(r"(?:when|where)\s+\w+ing\b", re.IGNORECASE)


_ASKS_AT_ONCE = re.compile(r"\s*(?:which|what)\b", re.IGNORECASE)


def asked_clause(question: str) -> str:
    """The part of a question that asks, after the words that identify what it asks about: "which
    learning algorithm generates that path" of "Diff-Transfer plans a path of sub-tasks from the
    source task to the target task. Which learning algorithm generates that path?"; "" when the
    question starts asking at once ("How does X work?") or asks nowhere."""
    text = question.strip()
    opening = _ASK_OPENING.search(text)
    if opening and opening.start("ask") == 0 and _SETTING_OPENING.match(text):
        # "When localising clumps with Faster R-CNN, which backbone gave better detection?": the
        # opening "when" sets the scene; the asking starts at the next clause's wh-word (dev).
        opening = _ASK_OPENING.search(text, 1)
    if opening and opening.start("ask") > 0:
        return opening.group("ask")
    inside = _ASK_INSIDE.search(text)
    return inside.group("ask") if inside and inside.start() > 0 else ""


def _words_for_asking(text: str, joined: bool = False) -> list[str]:
    """A text's words for matching an asking part, a hyphenated word also by its parts ("path-planning");
    `joined`: also written whole (a sentence's "pre-trained" meets the asked "pretrained"; only one side
    gets it, or a word hyphenated on both would count twice)."""
    words = [w.lower() for w in _STEMMED_WORD.findall(text)]
    whole = [w.replace("-", "") for w in words if "-" in w] if joined else []
    return words + [part for w in words if "-" in w for part in w.split("-") if len(part) >= 3] + whole


def _answering_sentence(question: str, hit: PaperHit, others: Sequence[str] = (), clause: str = "") -> Evidence | None:
    """The paper's sentence holding most of the asking part's words, each weighted by how few of the
    paper's sentences hold it (a word every sentence has picks none); None when the question has no
    asking part apart from what identifies the paper, or no sentence holds one of its words. Words
    are Snowball-stemmed here: "plans" must meet "path-planning", which the value checks' light
    stemming keeps apart. `clause`: the asking part to read, when the caller has one."""
    clause = clause or asked_clause(question)
    if not clause:
        return None
    pool = _quotable_sentences(hit, others)
    if len(pool) < 2:
        return None
    stem = snowball().stemWord
    skip = _GENERIC | _ASKING_WORDS | _RESEARCH_GENERIC
    asked = {stem(w) for w in _words_for_asking(clause) if w not in skip}
    if not asked:
        return None
    words = _STEMMED_WORD.findall(clause)
    # The words naming what kind of thing is asked ("which large model") count half: the answer
    # names it ("GPT-3.5-turbo") more often than its kind; the words saying what it does count whole.
    at = next((i for i, w in enumerate(words) if w.lower() in ("what", "which", "who", "whom", "whose")), None)
    kind_words = set()
    if at is not None:
        for w in words[at + 1 : at + 3]:
            if w.lower() in _ASKING_WORDS:
                break
            kind_words.add(stem(w.lower()))
    stems = [set(snowball().stemWords(_words_for_asking(e.text, joined=True))) for e in pool]
    spread = {a: sum(a in s for s in stems) for a in asked}
    scores = [sum((0.5 if a in kind_words else 1.0) / spread[a] for a in asked if a in s) for s in stems]
    top = max(scores)
    if top <= 0:
        return None
    # Ties go to the sentence closest to the question as a whole.
    return max((e for e, score in zip(pool, scores) if score == top), key=lambda e: e.score)


# A word as the value checks read it: with its digits ("Top-1", "ImageNet-100"), as _value_terms
# reads the asked value; without them "Top-1" was "top-", which no asked "top-1" met.
_STEMMED_WORD = re.compile(r"[A-Za-z][A-Za-z0-9@-]*[A-Za-z0-9]")


def _word_stems(text: str) -> set[str]:
    return {_stem(w) for w in _STEMMED_WORD.findall(text)}


def _spaced_compounds(text: str) -> set[str]:
    """Two neighbouring words as the hyphenated stem a question may write them as: "62.4 mAP on COCO
    fine tuning" gives "fine-tun", the stem of the asked "COCO fine-tuning mAP" (dev7)."""
    pairs = re.findall(r"(?=\b([A-Za-z][A-Za-z0-9]*) ([A-Za-z][A-Za-z0-9]*)\b)", text)
    return {f"{a.lower()}-{_stem(b)}" for a, b in pairs}


def _asked_stems(question: str) -> set[str]:
    """The stems of a question's words, without the generic ones ("the", "model", "method" ...)."""
    return {_stem(w) for w in _STEMMED_WORD.findall(question) if w.lower() not in _GENERIC}


_FIGURE_NUMBER = r"\d+(?:[.,]\d+)*(?:/\d+(?![\w/]))?\s?(?:%|×|x\b|times\b|fold\b|points?\b|BLEU\b|hours?\b|[KMB]\b)?"
_FIGURE = re.compile(
    # A sign after a space is a negative figure ("e.g. -11.97% FLOPs"); after a word, a name ("ViT-g/14").
    # A fraction is one figure ("1/10 training time"), so is a range ("2x to 8x": not "8x", dev7).
    rf"(?:(?<=\s)-|(?<![\w/.-]))(?:{_FIGURE_NUMBER}(?:\s?(?:-|–|to)\s?{_FIGURE_NUMBER})?"
    r"|(?:one|two|three|four|five|six|several)\s+orders?\s+of\s+magnitude)",
    re.IGNORECASE,
)
_COUNT_ASK = re.compile(r"\bhow\s+many\b", re.IGNORECASE)
# A figure's total follows it: "10 of the 14 scenarios", "13 out of 18 tasks".
_OF_TOTAL = re.compile(r"\d\s+(?:out\s+)?of\s+(?:the\s+|all\s+)?$", re.IGNORECASE)


# A count written in words: "one hundred", "twenty-five", "two thousand".
_SPELLED_NUMBER = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a)"
    r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|million|billion))*\b",
    re.IGNORECASE,
)


def _spelled_count(sentence: str, noun: str) -> str:
    """A count of the noun written in words, with the words up to the noun ("one hundred languages"),
    when no figure in digits counts it; "" otherwise. "a hundred" counts, "a model" does not."""
    if not noun:
        return ""

    def counted_within(end: int) -> list[str]:
        """The words after a number up to the noun, if the noun comes within four words."""
        following = re.findall(r"[\w-]+", sentence[end : end + 60])[:4]
        return next((following[:i] for i, word in enumerate(following, start=1) if _stem(word.lower()) == noun), [])

    if any(re.search(r"\d", m.group()) and counted_within(m.end()) for m in _FIGURE.finditer(sentence)):
        return ""  # "24 languages": the figures in digits answer
    for match in _SPELLED_NUMBER.finditer(sentence):
        if match.group().lower() != "a" and (words := counted_within(match.end())):
            return " ".join([match.group(), *words])
    return ""


def figure_phrase(sentence: str, question: str, value: str = "") -> str:
    """The figure a sentence gives for the question, with its unit and what it measures:
    'the LiT model achieves 85.2% zero-shot transfer accuracy on the ImageNet test set, ...' ->
    '85.2% zero-shot transfer accuracy on the ImageNet test set'. Numbers inside names (ViT-g/14) are skipped."""
    asked = _asked_stems(question)
    counting = bool(_COUNT_ASK.search(question))
    if counting and (spelled := _spelled_count(sentence, counted_noun(question))):
        return spelled
    acronyms, terms = _value_terms(value) if value else (set(), set())
    measured = terms | {_stem(a) for a in acronyms}
    best, best_score = "", -1.0
    # The question's own figures; not the digits of a name it writes ("ImageNet-1K" gives no "1").
    given = set(re.findall(r"(?<![\w/.-])\d+(?:[.,]\d+)*", question))
    previous_end = 0
    for match in _FIGURE.finditer(sentence):
        since_previous, previous_end = sentence[max(previous_end, match.start() - 40) : match.start()], match.end()
        if given & set(re.findall(r"\d+(?:[.,]\d+)*", match.group())):
            continue  # the question's own figure ("beats the 175B-parameter GPT-3") is not its answer
        if sentence[match.start() - 1 : match.start()] in ("(", "[") and sentence[match.end() : match.end() + 1] in (")", "]") and match.group().isdigit():
            continue  # an enumerator: "(1) outperforms ... and (2) achieves ..."
        if _OF_TOTAL.search(sentence[: match.start()]):
            continue  # the 14 of "10 of the 14 scenarios" is the total the figure before is out of (dev4)
        tail = _CLAUSE_BREAK.split(sentence[match.end() :], maxsplit=1)[0]
        # Eight words, unless the clause ends within two more: "69% of the memory costs to fine-tune
        # the whole network", not "... the whole".
        words = tail.split()
        words = words if len(words) <= 10 else words[:8]
        # A relative clause says more about the counted thing, not what the figure is: "10 of the 14
        # scenarios that comprise the challenging ..." -> "10 of the 14 scenarios"; unless it gives a
        # figure of its own ("709 datasets that target 66 tasks": a two-part count is answered by both).
        relative = next((i for i, w in enumerate(words) if i and w.lower() in ("that", "which", "who", "where")), len(words))
        if not any(re.search(r"\d", w) for w in words[relative:]):
            words = words[:relative]
        while words and words[-1].lower() in _TAIL_OPEN:  # "... compared to standard LoRA fine-tuning on"
            words.pop()
        before = _STEMMED_WORD.findall(re.split(r"(?<![\w/.-])\d", sentence[max(0, match.start() - 60) : match.start()])[-1])  # not past the figure before
        after = _STEMMED_WORD.findall(match.group() + " " + " ".join(words))
        # What a figure measures mostly follows it ("13 out of 18 transfer learning tasks"); the words
        # before it may belong to the previous figure. A count asked ("how many") is a bare number.
        bare = match.group().strip().isdigit()
        follows = {_stem(w) for w in after}
        # The measure named right before it, since the figure before, counts as one named after it ("Dice
        # coefficients of 0.903 and 0.851 and HD95 scores of 9.43 and 3.54 for whole tumor ...": 0.903 is the Dice, 3.54 is not).
        lead_in = _CLAUSE_BREAK.split(since_previous)[-1]  # not the previous figure's words
        ahead = {_stem(w) for w in _STEMMED_WORD.findall(lead_in)[-4:]}
        score = 3 * len(measured & (follows | ahead)) + 2 * len(asked & follows) + len(asked & {_stem(w) for w in before}) + (0.5 if bare == counting else 0.0)
        if score > best_score:
            joint = "" if tail.startswith("-") else " "  # "5-qubit system", not "5 -qubit system"
            best, best_score = (match.group().strip() + joint + " ".join(words)).rstrip(" .,"), score
            if not measured & follows and measured & ahead:
                # Only the words before say what it measures: "Dice coefficients of 0.903", not a bare "0.903".
                lead_words = lead_in.split()[-6:]
                first = next(i for i, w in enumerate(lead_words) if _stem(re.sub(r"\W+$", "", w)) in measured)
                best = " ".join([*lead_words[first:], best])
    return best


_KIND_NOUNS = (
    "method|framework|approach|model|technique|algorithm|network|strategy|benchmark|dataset|attack|objective|loss|module|system|"
    "hypernetwork|pipeline|paradigm|architecture|scheme|mechanism|procedure|metric|study|analysis|tool|library|recipe|adapter"
)
# "a simple two-stage MTL method", "an adapter-based framework that enables ...": what kind of thing an item is.
_KIND_PHRASE = re.compile(
    rf"\b(?:an?|the)\s+(?:[\w()-]+\s+){{0,6}}?(?:{_KIND_NOUNS})s?(?![\w-])(?P<clause>\s+(?:that|which|for|to|with|based\s+on)\s+[^,;.:()]+)?", re.IGNORECASE
)
_DESCRIPTOR_WORDS = 16
# Words a phrase cannot end on: the clause was cut at a comma before its noun.
_OPEN_ENDED = frozenset("various several many multiple different diverse both such a an the of to for with and or in on by from their its".split())
# Words a figure's phrase cannot end on once cut at eight words ("16 languages into a single semantic space using").
_TAIL_OPEN = _OPEN_ENDED | frozenset("using via at into than as over per across between only just".split())


_INSIDE_NOUN_PHRASE = frozenset("of beyond over for in on with to by from than at into across between through via under within".split())


def _headed_by_kind(match: re.Match) -> bool:
    """Is the kind noun the phrase's head? "the hypothesis space beyond stochastic perturbations of model
    (weights)" is about a space; its "model" belongs to a prepositional phrase, not to what the item is."""
    head = match.group()[: match.start("clause") - match.start()] if match.group("clause") else match.group()
    return not any(w.lower() in _INSIDE_NOUN_PHRASE for w in head.split()[1:-1])


# What follows a negation is what the item is not, or does without: "does not require large batches
# nor ... such as a predictor network" says nothing of what Barlow Twins is (dev2).
_NEGATION_BEFORE = re.compile(r"\b(?:not|nor|no|without|unlike|instead\s+of|rather\s+than)\b", re.IGNORECASE)


def _says_a_kind(match: re.Match) -> bool:
    """Does the phrase say what kind of thing something is? "an adapter-based framework" and "the
    first unified style transfer framework" do; "the PTMs without knowledge about model", "the paper
    the authors propose ..." point back at their sentence, and "a large language models" is no one
    thing (dev2, dev3, dev4, dev5: each read as a garbled difference line)."""
    head = (match.group()[: match.start("clause") - match.start()] if match.group("clause") else match.group()).split()
    if head[0].lower() == "the":
        return len(head) > 1 and head[1].lower() in ("first", "only", "single")
    return not re.search(r"(?<!s)s$", head[-1]) or head[-1].lower().endswith(("ss", "sis", "us"))


# Words that praise a thing without saying what kind it is: "a simple method", "a novel loss" (dev7's
# "Where they differ: CWCL, a novel loss; LiT, a simple method" told the reader nothing).
_PRAISE = frozenset(
    "a an the novel new simple effective efficient general generic powerful flexible straightforward principled elegant "
    "easy practical promising proposed innovative effectual very highly more most".split()
)


def _praise_only(phrase: str) -> bool:
    """Is the kind phrase (no clause) only praise and its kind noun?"""
    return all(w.lower() in _PRAISE for w in phrase.split()[:-1])


def _descriptor(hit: PaperHit, line: Evidence) -> str:
    """What kind of thing the item is, in its paper's words: ", a kind phrase" from its line or its
    card ("an adapter-based framework that enables ..."), else ", “its title's subtitle”", else "":
    the head of a sentence ("The authors evaluate on two tasks") says no kind, and side by side
    such heads read as a garbled line, not as a difference."""
    for text in (drop_label(line.text, hit.label()), hit.card.contribution if hit.card else ""):
        match = next((m for m in _KIND_PHRASE.finditer(text or "") if _headed_by_kind(m) and _says_a_kind(m) and not _NEGATION_BEFORE.search(text[: m.start()])), None)
        # "A LiT model gains ...": a kind phrase led by the item's own name says nothing of its kind
        # (one defining it, "a ... alignment (PPA) method", does).
        own = re.match(rf"(?:an?|the)\s+{re.escape(hit.label())}(?![\w-])", match.group(), re.IGNORECASE) if match else None
        if match and not match.group().lower().startswith("the authors") and not own:
            phrase = match.group()
            clause = match.group("clause") or ""
            # Too long, or cut by a comma inside it ("to addressing various, often coexisting gaps"):
            # the kind without its clause.
            if clause and (len(phrase.split()) > _DESCRIPTOR_WORDS or clause.split()[-1].lower() in _OPEN_ENDED):
                phrase, clause = phrase[: match.start("clause") - match.start()], ""
            if not clause and _praise_only(phrase):
                continue  # "a simple method" says no kind; "an effective technique for fine-tuning ..." does
            return ", " + " ".join(phrase.split()[:_DESCRIPTOR_WORDS]).rstrip(" .,")
    head, colon, subtitle = hit.paper.title.partition(":")
    if colon and subtitle.strip() and hit.card and hit.card.name and hit.card.name in head:
        return f", “{subtitle.strip()}”"
    return ""


def difference_line(chosen: Sequence[PaperHit], lines: Sequence[Evidence], markers: Sequence[int] = ()) -> AnswerItem | None:
    """One line on how they differ: what kind of thing each item is, side by side; `markers` are the
    items' citation numbers (1..n in the shapes' own numbering when not given). None when an item's
    paper does not say what kind of thing it is: the item lines above stand alone then."""
    # "the model" points back at the sentence it came from: it says no kind ("MultiCQA, the model").
    descriptors = [("" if re.fullmatch(r",\s+the\s+\S+", d, re.IGNORECASE) else d) for d in (_descriptor(hit, line) for hit, line in zip(chosen, lines))]
    if not all(descriptors):
        return None
    if len({re.sub(r"^,\s+(?:an?|the)\s+", "", d.lower()) for d in descriptors}) == 1:
        return None  # "Hyper-X, a hypernetwork; PHA, a hypernetwork": the same kind is no difference
    parts = [f"{hit.label()}{descriptor}" for hit, descriptor in zip(chosen, descriptors)]
    numbers = tuple(markers) or tuple(range(1, len(chosen) + 1))
    return AnswerItem("difference", prompts.DIFFERENCE_LEAD + "; ".join(parts) + ".", markers=numbers, parts=tuple(parts))
