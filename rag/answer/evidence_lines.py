"""Abstract sentences as answer lines: the sentence of a paper closest to the question, in the third
person, a leading context clause or connective trimmed; never one that only makes sense after a
sentence left out, nor one that speaks of another paper.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from rag.answer.text_forms import STEMMED_WORD, loose_stem, word_stems
from rag.ingest.cards import _CONTRIBUTION, _LEAD_CLAUSE, mentions, third_person_text
from rag.words import ENGLISH_STOPWORDS
from rag.records import Evidence, PaperHit


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
# So does one saying what the authors used, unless it points back ("Using arousal as an example of a high-level feature,
# we show ...", dev46: the example asked for; not "Leveraging this insight, we ...").
_USING_CONDITION = re.compile(r"^\W*(?:using|leveraging|applying|taking|treating|employing|adopting)\b(?![^,]*\b(?:this|these|those|that|such|above|aforementioned)\b)", re.IGNORECASE)


def as_line(evidence: Evidence) -> Evidence:
    """An abstract sentence as an answer line (`sentence_in_third_person`), its span and score kept."""
    return Evidence(sentence_in_third_person(evidence.text), evidence.start, evidence.end, evidence.score)


@functools.lru_cache(maxsize=4096)
def short_forms(name: str, abstract: str) -> tuple[str, ...]:
    """The acronyms an abstract puts right after a name: "Sentence-BERT (SBERT)" -> ("SBERT",)."""
    return tuple(re.findall(rf"(?<![\w-]){re.escape(name)}\s*\(([A-Z][\w-]*[A-Z][\w-]*)\)", abstract))


def sentence_in_third_person(text: str) -> str:
    """An abstract sentence as an answer line: context clause or leading connective trimmed, pronouns rewritten."""
    lead = _LEAD_CLAUSE.match(text)
    if lead and not _NAMED_CONDITION.search(lead.group()) and not _USING_CONDITION.match(lead.group()):
        text = text[lead.end() :]
    connective = _CONNECTIVE.match(text)
    if connective:
        rest = text[connective.end() :]
        text = rest[:1].upper() + rest[1:]
    text = third_person_text(text.strip())
    return text if text.endswith((".", "!", "?")) else text + "."


def names_of_others(hit: PaperHit, hits: Sequence[PaperHit]) -> list[str]:
    """Card names of the other retrieved papers: a line about `hit` should not carry them."""
    return [h.card.name for h in hits if h.paper.paper_id != hit.paper.paper_id and h.card and len(h.card.name) >= 3]


def paper_text(hit: PaperHit) -> str:
    """A retrieved paper's title and abstract, as the checks that read the whole paper take it."""
    return f"{hit.paper.title} {hit.paper.abstract}"


def names_any(text: str, names: Sequence[str]) -> bool:
    return any(mentions(text, n) for n in names)


# "Our code is available at https://github.com/ylsung/VL_adapter": close to a question naming the
# method (the address spells it), but it tells the reader nothing the answer is for.
_AVAILABILITY = re.compile(r"https?://|\bgithub\.com\b|\b(?:code|models?|data|datasets?|implementation|weights|checkpoints)\b[^.]{0,60}\b(?:is|are)\s+(?:publicly\s+|freely\s+)?(?:available|released)\b", re.IGNORECASE)


def quotable(evidence: Evidence, others: Sequence[str]) -> bool:
    """May this sentence be a line about its paper: it names no other retrieved paper, is no code
    address, and asks no question ("What properties of source and target language impact ...?" was
    an open answer's line, dev8: the abstract's question is what the reader asked, not an answer)."""
    return not names_any(evidence.text, others) and not _AVAILABILITY.search(evidence.text) and not evidence.text.rstrip().endswith("?")


def closest_sentence(hit: PaperHit, others: Sequence[str] = ()) -> Evidence:
    """The paper's sentence closest to the question, in the third person; one that names another
    retrieved paper ("recent methods such as AdapterFusion") gives way to the next, so a line
    cited to one paper never names another."""
    candidates = [e for e in hit.evidence if quotable(e, others)]
    if not candidates:
        candidates = sorted((e for e in hit.sentence_scores if quotable(e, others)), key=lambda e: -e.score)[:1] or list(hit.evidence[:1])
    best = candidates[0]
    return as_line(best)


# A sentence opening on what the one before it said ("It often leads to negative transfer ...", "This
# discrepancy results in ...") says little to a reader who sees it alone.
# Only a sentence's opening word is read: inside a sentence "it" mostly points within it ("how it interacts").
_ANAPHOR = re.compile(r"^(?:they|these|such|it(?!\s+(?:is|was|has\s+been|remains)\b)|this(?!\s+(?:paper|work|study|article|thesis)\b))\b", re.IGNORECASE)


_ANAPHOR_MARGIN = 0.05  # how much closer to the question a sentence leaning on its context may be, and still give way


def standalone_closest(hit: PaperHit, others: Sequence[str] = ()) -> Evidence:
    """The closest sentence, unless it leans on the one before it and a sentence nearly as close
    stands alone (an open answer's lines come from different papers, each read on its own)."""
    best = closest_sentence(hit, others)
    if not _ANAPHOR.search(best.text):
        return best
    alone = [e for e in hit.sentence_scores if e.score >= best.score - _ANAPHOR_MARGIN and quotable(e, others) and not _ANAPHOR.search(e.text)]
    if not alone:
        return best
    chosen = max(alone, key=lambda e: e.score)
    return as_line(chosen)


# A sentence leaning on the ones before it, anywhere in it: "Both modules outperform ...", "The effectiveness of this approach is
# verified ...", "In this auxiliary task, ...", "The accuracy-efficiency trade-off also holds ...", "The second stage fine-tunes ...".
_LEANS_BACK = re.compile(
    r"^(?:both|each|all|either|neither|finally|then)\b|^the\s+(?:first|second|third|next|final|last|latter|former)\b|\balso\b"
    r"|\b(?:this|these|those|such)\s+(?!paper\b|work\b|study\b)[a-z]",
    re.IGNORECASE,
)


def best_line(hit: PaperHit, prefer_contribution: float, others: Sequence[str] = ()) -> Evidence:
    """The sentence a line about this paper should carry: its contribution, unless the best evidence is clearly closer to the question."""
    best = closest_sentence(hit, others)
    card = hit.card
    if card and card.spans and not names_any(card.contribution, others):
        contribution = next((e for e in hit.sentence_scores if e.start <= card.spans[0].start < e.end), None)
        # An evidence sentence that leans on its context ("... investigate it") reads badly alone;
        # so does one about the field rather than the paper ("Vocabulary expansion is a widely used
        # approach ...") or a question the abstract asks, when the contribution does speak of the
        # paper (a few cards come from a background sentence: then neither is better).
        proposal = contribution is not None and _CONTRIBUTION.search(hit.paper.abstract[contribution.start : contribution.end]) is not None
        # (A sentence after the contribution goes on with the paper's work, whatever its subject: "In general (except for
        # summarization), the larger the model, the better the results." of plT5, dev123.)
        after = contribution is not None and best.start > contribution.start and not _LEANS_BACK.search(best.text)
        dangling = bool(DANGLING.search(best.text)) or (bool(_AIM.search(best.text)) and proposal) or (
            own_work(hit, contribution or best) and (not (own_work(hit, best) or after) or best.text.rstrip().endswith("?"))
        )
        if contribution is not None and (dangling or contribution.score >= best.score - prefer_contribution):
            return Evidence(card.contribution, contribution.start, contribution.end, contribution.score)
    return best


_GENERIC_STEMS = frozenset(loose_stem(w) for w in ENGLISH_STOPWORDS)


def _word_pairs(text: str) -> set[tuple[str, str]]:
    """Neighbouring words, stemmed, a hyphen read as a space: "interval-clustering" -> ("interval", "cluster")."""
    words = [loose_stem(w) for w in STEMMED_WORD.findall(text.replace("-", " "))]
    return set(zip(words, words[1:]))


def _handle_phrases(question: str, hit: PaperHit, rivals: Sequence[PaperHit]) -> set[tuple[str, str]]:
    """The pairs of neighbouring question words this paper's abstract uses and no rival's does."""
    def stems(text: str) -> set[str]:
        return word_stems(text.replace("-", " "))  # "in-context" in one is "in context" in the other

    rival_stems = set().union(*(stems(paper_text(r)) for r in rivals)) if rivals else set()
    handle = stems(paper_text(hit)) - rival_stems
    return {pair for pair in _word_pairs(question) if set(pair) <= handle and not set(pair) & _GENERIC_STEMS}


def handle_sentence(question: str, hit: PaperHit, rivals: Sequence[PaperHit], others: Sequence[str] = (), unless_labelled: bool = False) -> Evidence | None:
    """For a compared paper the question describes instead of naming ("ForkMerge vs the
    interval-clustering approach for diffusion models"), the sentence that writes the phrase the
    question picked it out by: two neighbouring question words its abstract uses and no rival's does,
    written together there too ("... employ interval clustering to enforce temporal proximity ...",
    dev8); the closest such sentence. None when no sentence writes one: words found only apart
    picked lines less about the paper than its own (the three environments a study runs on).

    `unless_labelled`: None too when the name the answer shows for the paper (its label: a card name or its title)
    already writes that phrase ("the turkish NLU fine-tuning paper": the title "Fine-tuning Transformer-based Encoder
    for Turkish Language Understanding Tasks"): the reader sees why it is this paper, and its line is free to answer
    what was asked of it."""
    phrases = _handle_phrases(question, hit, rivals)
    if not phrases or (unless_labelled and phrases & _word_pairs(hit.label())):
        return None
    held = [e for e in hit.sentence_scores or hit.evidence if quotable(e, others) and phrases & _word_pairs(e.text)]
    if not held or (phrases & _word_pairs(hit.label()) and not any(own_work(hit, e) for e in held)):
        # (Nor a sentence on the field when the label writes the phrase: "Vocabulary expansion for LLMs in low-resource settings
        # ... has yet to be explored" says nothing of what the paper does, dev81.)
        return None
    best = max(held, key=lambda e: (len(phrases & _word_pairs(e.text)), e.score))
    return as_line(best)


_OWN_WORK = re.compile(r"\b(?:we|our|us|this (?:paper|work|study|article))\b", re.IGNORECASE)


def own_work(hit: PaperHit, evidence: Evidence) -> bool:
    """Does this abstract sentence speak of the paper's own work ("we", "our", "this paper", its
    name), not of the field ("Vocabulary expansion is a widely used approach ...", "Unfortunately,
    most existing methods ...")? A line about a paper should say what the paper does."""
    own = hit.paper.abstract[evidence.start : evidence.end] or evidence.text
    if _OWN_WORK.search(own):
        return True
    if not (hit.card and hit.card.name):
        return False
    # ... or by the short form its abstract gives the name: "Sentence-BERT (SBERT)", then "... to about 5 seconds with SBERT" (dev19).
    return names_any(own, [hit.card.name, *short_forms(hit.card.name, hit.paper.abstract)])


# "This model generates weights for adapter modules conditioned on ...": the paper's proposal, by its kind.
# ... after a setting too: "On the privately held PERSONA-CHAT dataset ..., this approach obtains a new state-of-the-art" (dev126).
_PROPOSAL_SUBJECT = re.compile(r"^(?:[^,]{1,160},\s*)?(?:this|the proposed|our)\s+(?:new\s+|novel\s+)?(?:model|method|approach|framework|algorithm|technique|network|system|architecture)\b", re.IGNORECASE)


def about_own_work(hit: PaperHit, evidence: Evidence) -> bool:
    """`own_work`, or a sentence whose subject is the paper's proposal by its kind ("This model generates ...")."""
    return own_work(hit, evidence) or bool(_PROPOSAL_SUBJECT.match(evidence.text))


def tells_own_work(hit: PaperHit, evidence: Evidence) -> bool:
    """`about_own_work`, or a sentence going on with the account of it: "Specifically, the first stage narrows ... by
    tuning the scale and shift in the LayerNorm layers." after "This paper proposes a novel two-stage paradigm" (dev44),
    "The pipeline includes pipeS ... and pipeD ..." after "the proposed paradigm is a more efficient pipeline" (dev41).
    For a thing asked that such a sentence answers; not to rank sentences, where "we" still says more."""
    if about_own_work(hit, evidence):
        return True
    if _GOING_ON.match(evidence.text) and _after_own_work(hit, evidence):
        return True
    subject = _DEFINITE_SUBJECT.match(evidence.text)
    return bool(subject) and _after_own_work(hit, evidence, subject.group("head"))


def continues_own_work(hit: PaperHit, evidence: Evidence) -> bool:
    """A sentence going straight on from one on the paper's own work, with no word of the field: what the
    paper proposed, told without "we" ("Fine-tuning is performed by using a multi-task objective ..." after
    "We introduce ... TransferTransfo", "It differs from standard Masked Autoencoding in two key aspects"
    after "We propose a pre-training strategy called ... (MultiMAE)", "The benchmark consists of five tasks"
    after "we introduce the ... (BLUE) benchmark"), or more of what it found ("Furthermore, English appears
    to be a less suitable source language" after "We find that ...", dev124). Narrower than
    `tells_own_work`: only the sentence right after, never one on the field ("In particular, PCETL not only
    needs to ...")."""
    before = sentence_before(hit, evidence)
    if before is None or not own_work(hit, before) or _FIELD_WORDS.search(evidence.text):
        return False
    if _ADDS_ON.match(evidence.text) or _PASSIVE_ACCOUNT.match(evidence.text):
        return True
    # The thing just introduced, by its word, doing something: "The benchmark consists of ..."; not described ("The datasets are
    # diverse in terms of ...", of HaT5's shared-task data, dev105).
    subject = _DEFINITE_SUBJECT.match(evidence.text)
    if subject and not _COPULA.match(evidence.text, subject.end("head")) and re.search(rf"\b{re.escape(subject.group('head'))}\b", before.text, re.IGNORECASE):
        return True
    return bool(_PROPOSES.search(before.text) and _IT_OPENING.match(evidence.text))


def own_or_continuing(hit: PaperHit, evidence: Evidence) -> bool:
    """`about_own_work` or `continues_own_work`: a sentence a comparison side's line may be."""
    return about_own_work(hit, evidence) or continues_own_work(hit, evidence)


# "Fine-tuning is performed by using ...", "The model is first instruction-tuned with ...": how the thing proposed is made.
# ("An additional language alignment layer is first integrated into the LLM ..." after "we propose LinguaLIFT", dev122.)
_PASSIVE_ACCOUNT = re.compile(r"^(?:[A-Za-z][\w-]*\s+){1,5}(?:is|are)\s+(?:first\s+|then\s+|further\s+|also\s+)?[a-z-]+(?:ed|en|ilt)\s+(?:by|with|using|through|via|on|from|into)\b")
_IT_OPENING = re.compile(r"^It\s+(?!is\b|was\b|has\s+been\b|remains\b|seems\b)[a-z]+")
_COPULA = re.compile(r"\s+(?:is|are|was|were|has|have)\b", re.IGNORECASE)
_ADDS_ON = re.compile(r"^(?:furthermore|moreover|in\s+addition|additionally|also)\b", re.IGNORECASE)
_PROPOSES = re.compile(r"\b(?:propose|introduce|present|develop|design|build)(?:s|d)?\b", re.IGNORECASE)
# ... not a sentence about the field or earlier work.
_FIELD_WORDS = re.compile(r"\b(?:existing|previous|prior|conventional|traditional|recent|typically|usually|often|commonly)\b", re.IGNORECASE)


def sentence_before(hit: PaperHit, line: Evidence) -> Evidence | None:
    """The abstract's sentence ending before this line starts (`sentence_scores` keeps abstract order); None for the first."""
    return next((e for e in reversed(hit.sentence_scores) if e.end <= line.start), None)


# A sentence whose subject is a thing by a definite article and its word: "The pipeline includes ...".
_DEFINITE_SUBJECT = re.compile(r"^(?:the|this|these)\s+(?:[a-z-]+\s+){0,2}?(?P<head>[a-z][a-z-]{3,})\s+(?:is|are|was|were|includes?|consists?|comprises?|contains?|has|have|uses?|achieves?|learns?|combines?)\b", re.IGNORECASE)


# A sentence going through things just counted or described: "First, we introduce ...", "Secondly, ...", "The first ...", "(2) ...".
_FIRST = r"first(?:ly)?|the\s+first|one\s+(?:is|of\s+them)|\(?(?:1|i)\)"
_ORDINAL = _FIRST + r"|second(?:ly)?|third(?:ly)?|then|next|finally|lastly|the\s+(?:second|third|other|latter)|\(?(?:[2-5]|i{2,3}|iv|v)\)"
# ("Specifically, the first approach focuses on ...", dev52)
_LEAD_IN = r"(?:(?:specifically|more\s+specifically|concretely|in\s+particular|namely)\s*,\s*)?"
ORDINAL_OPENING = re.compile(rf"^\s*{_LEAD_IN}(?:{_ORDINAL})(?![\w-])", re.IGNORECASE)
# ... and the first of them, which starts going through them.
ENUMERATION_STARTS = re.compile(rf"^\s*{_LEAD_IN}(?:{_FIRST})(?![\w-])", re.IGNORECASE)
# ... or opening on one of the things counted before: "In zero-shot training, the system is trained on ..." (not "In
# addition, ...", "In this paper, ...").
IN_THING_OPENING = re.compile(
    r"\s*In\s+(?!(?:addition|particular|contrast|summary|short|general|practice|fact|turn|this|these|that|those|our|their|its|the\s+(?:paper|end|experiments?))\b)"
    r"((?:[\w-]+\s+){0,3}?[\w-]+),\s",
    re.IGNORECASE,
)
# ... or going on with what came before it in other words: "Specifically, ...", "In the second stage, ...".
_GOING_ON = re.compile(
    rf"^(?:{_ORDINAL}|specifically|concretely|in particular|in detail"
    r"|in the (?:first|second|third|final|last) (?:stage|step|phase)|at the (?:first|second|final) (?:stage|step))(?![\w-])",
    re.IGNORECASE,
)


def _after_own_work(hit: PaperHit, evidence: Evidence, word: str = "") -> bool:
    """Does a sentence of the paper's own work ("we", its name) come before this one in the abstract (one writing
    `word`, when given)?"""
    return any(
        e.start < evidence.start and own_work(hit, e) and (not word or re.search(rf"\b{re.escape(word)}\b", e.text, re.IGNORECASE)) for e in hit.sentence_scores
    )


# "The authors aim to enhance diffusion training by mitigating negative transfer": what the paper set
# out to do, not what it does; its contribution says that, when it is a proposal ("we propose ...").
_AIM = re.compile(r"\b(?:aims?|seeks?|strives?|attempts?|tries|try)\s+to\b|\b(?:goal|aim|objective)\s+(?:is|was)\s+to\b", re.IGNORECASE)


# A sentence that leans on its context ("... investigate it") or only sets the scene ("Although
# existing methods ...") says little about what the paper itself does: its contribution is shown instead.
DANGLING = re.compile(
    r"^(?:it|this|these|they|them|such|the latter|the former|however|moreover|furthermore|therefore|thus|as a result|in addition"
    r"|rather|instead|hence|consequently|in contrast|likewise|similarly"
    r"|although|though|while|despite|but|and|or|yet|unfortunately|nevertheless|nonetheless|generally|typically|usually|often|occasionally|in particular"
    r"|existing|previous|prior|recent|recently|current|conventional|traditional|most|many)\b|\b(?:it|them)\b",
    re.IGNORECASE,
)


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
