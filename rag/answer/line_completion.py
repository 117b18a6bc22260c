"""A paper's line completed by the abstract's sentences around it, so that it reads alone.

An answer line is one sentence of its paper, chosen for the question; some say only half of what the reader needs:
a proposal named with no word on what it does, a finding opening on "This reveals ...", the first of a method's steps
or of a numbered enumeration. These join the neighbouring sentences that complete them, as one evidence span in the
third person, so the line can still be checked and highlighted as one quote. Used by the answer shapes
(rag/answer/shapes.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rag.answer.evidence_lines import IN_THING_OPENING, ORDINAL_OPENING, as_line, own_work, quotable, sentence_before, sentence_in_third_person
from rag.records import Evidence, PaperHit


# A sentence that says how the one before it works: "Specifically, ...", "Our approach adapts MAML ...".
_ELABORATES = re.compile(
    r"^(?:Specifically|More specifically|In particular|Concretely|In detail|To this end|To do so|To achieve this|In this framework|In this approach)\b"
    r"|^(?:Our|The)\s+(?:approach|method|framework|model|key\s+idea|core\s+idea|main\s+idea|idea)\s+(?:is|adapts|uses|employs|leverages|consists|combines|relies|learns|introduces|first)\b"
    r"|^(?:It|This\s+(?:approach|method|framework|model))\s+(?:first|uses|employs|leverages|consists|combines|relies|learns|adapts|introduces|trains|builds)\b"
    r"|^We\s+(?:first|then)\b"
    # "Unlike existing ... methods that insert additional parameters inside backbone networks, we train a ladder side network ..." (dev19)
    r"|^(?:Unlike|In\s+contrast\s+to|Instead\s+of)\b[^.]*?,\s+(?:we|it|our\s+\w+|the\s+proposed\s+\w+)\s+(?!also\b)\w+",
)


def with_elaboration(hit: PaperHit, line: Evidence, others: Sequence[str]) -> Evidence:
    """The line and, when the abstract's next sentence elaborates on it, that sentence too (one evidence span)."""
    following = next((e for e in hit.sentence_scores if e.start > line.start), None)
    if following is None or not quotable(following, others):
        return line
    name = hit.card.name if hit.card else ""
    # "In offsite-tuning, the model owner sends a light-weight adapter and a lossy compressed emulator ..." (dev30)
    # "BlackVIP has two components; 1) Coordinator and 2) ... SPSA-GC" (dev30)
    in_its_own = bool(name) and re.match(rf"(?:In\s+{re.escape(name)}\s*,|{re.escape(name)}\s+(?:has|consists\s+of|comprises|is\s+composed\s+of|contains)\s+(?:two|three|four|\d)\b)", following.text, re.IGNORECASE)
    if not (_ELABORATES.match(following.text) or in_its_own):
        return line
    return joined(line, following)


# A sentence that only names the paper's proposal and its kind: "In this study, we propose a simple yet
# effective method called Self-Translate-Train.", "we propose a pre-training strategy called Multi-modal
# Multi-task Masked Autoencoders (MultiMAE)". Said alone as a side's line it tells little the bold label
# does not (dev45, dev49); the next sentence says what the thing does.
_BARE_NAMING = re.compile(
    r"^(?:in\s+this\s+(?:study|paper|work|article)\s*,\s*)?(?:we|the\s+authors|this\s+(?:paper|work|study))\s+(?:propose|introduce|present)s?\s+(?:an?\s+)?"
    r"(?:[\w-]+\s+){0,4}?(?:method|approach|framework|technique|model|strategy|algorithm|baseline|paradigm|pipeline|system)\s+(?:called|named|dubbed|termed)\s+"
    r"[^.,;]{1,80}?\s*\.?$",
    re.IGNORECASE,
)


def with_content(hit: PaperHit, line: Evidence, others: Sequence[str]) -> Evidence:
    """A line that only names the proposal, with the abstract's next sentence when that one goes on
    about it ("It leverages the translation capability of a large language model to ..."); the line
    alone otherwise."""
    if not _BARE_NAMING.match(line.text.strip()):
        return line
    return _with_next_if(hit, line, others, lambda text: bool(_ELABORATES.match(text) or _POINTS_BACK.search(text)))


def _with_next_if(hit: PaperHit, line: Evidence, others: Sequence[str], goes_on: Callable[[str], bool]) -> Evidence:
    """The line joined with the abstract's next sentence when that one is quotable and `goes_on` says it continues the line;
    the line alone otherwise."""
    following = next(iter(_sentences_after(hit, line)), None)
    if following is None or not quotable(following, others) or not goes_on(following.text):
        return line
    return joined(line, following)


# A sentence adding a second contribution to the one before it.
_IN_ADDITION = re.compile(
    r"^(?:In\s+addition|Additionally|Moreover|Furthermore)\s*,\s*(?:we|the\s+authors)\s+(?:also\s+)?(?:introduce|propose|present|add|design|develop)\b"
    r"|^(?:We|The\s+authors)\s+also\s+(?:introduce|propose|present|add|design|develop)\b"
    # "An additional language alignment layer is first integrated into the LLM ..." (LinguaLIFT, dev88)
    r"|^An?\s+(?:additional|extra)\s+(?:[\w-]+\s+){0,3}?(?:layer|module|component|block|adapter|head|encoder|network)\s+is\b",
    re.IGNORECASE,
)


def with_addition(hit: PaperHit, line: Evidence, others: Sequence[str]) -> Evidence:
    """The line and the abstract's next sentence when that one adds a second contribution ("In addition, we introduce a novel
    invertible adapter architecture ...", MAD-X); the line alone otherwise."""
    return _with_next_if(hit, line, others, lambda text: bool(_IN_ADDITION.match(text)))


# A sentence opening on how the paper meets the problem just told: "To tackle this issue, we further propose ...".
_MEETS_PROBLEM = re.compile(
    r"^(?:to\s+(?:tackle|address|solve|overcome|alleviate|mitigate|remedy|handle|resolve|fix|bridge|close|fill)\s+(?:this|these|that|those|the\s+(?:above|aforementioned))\b|to\s+this\s+end\b)",
    re.IGNORECASE,
)


def _sentences_after(hit: PaperHit, sentence: Evidence) -> list[Evidence]:
    """The paper's sentences after this one, in abstract order (the order `sentence_scores` keeps)."""
    return [e for e in hit.sentence_scores if e.start >= sentence.end]


def answered_next(hit: PaperHit, problem: Evidence, others: Sequence[str]) -> Evidence | None:
    """The sentence right after one telling a problem, when it says how the paper meets it ("However, this shared label
    becomes less accurate ... for ... NER" -> "To tackle this issue, we further propose a KL-divergence self-teaching
    loss ...", dev43): what a question asks about the problem, the paper answers there."""
    following = next(iter(_sentences_after(hit, problem)), None)
    if following is None or not _MEETS_PROBLEM.match(following.text) or not own_work(hit, following) or not quotable(following, others):
        return None
    return following


def joined(line: Evidence, following: Evidence) -> Evidence:
    """The line with another sentence of its abstract after it (mostly a later one), in the third person: one evidence span."""
    return Evidence(f"{line.text} {sentence_in_third_person(following.text)}", min(line.start, following.start), max(line.end, following.end), line.score)


# "... consists of two modules: 1) A parallel interaction module ..." continued by "2) A confidence
# aggregation module ...": an enumeration the abstract splits over sentences.
_ENUMERATION_OPENED = re.compile(r"(?:^|\s)(?:1\)|\(1\)|\(i\))\s")
_ENUMERATION_ITEM = re.compile(r"^\s*(?:[2-9]\)|\([2-9]\)|\((?:ii|iii|iv|v)\))\s")


# A sentence whose subject is the one before it, as a pronoun ("This reveals that ...", "These results show ...",
# "It is ..."); not one naming its subject again ("This layer swapping is simple ...", "This model generates ...").
_POINTS_BACK = re.compile(r"^(?:this|these|it|they)\s+(?:\w+ly\s+)?(?:(?:is|are|was|were|has|have|can|could|may|might|will|would)\b|\w+(?:s|ed)\b(?!\s+(?:is|are|was|were|can|has|have)\b))", re.IGNORECASE)


def with_antecedent(hit: PaperHit, line: Evidence, others: Sequence[str]) -> Evidence:
    """The line with the abstract's sentence before it first, when the line opens on what that one said ("This
    reveals that there is not a solid positive correlation ..." after "... models at middle epochs ... can outperform
    fully trained models when used as feature extractors", dev38): alone it reports a finding without saying which."""
    previous = sentence_before(hit, line)
    if previous is None or not quotable(previous, others) or _POINTS_BACK.search(previous.text):
        return line
    if _POINTS_BACK.search(line.text) or any(_named_things_in(thing.group("things"), previous.text) for thing in _THINGS_NAMED_BEFORE.finditer(line.text)):
        return joined(as_line(previous), line)
    return line


# "We ... show that both properties are strongly correlated with the transferability and propose CWA ... by promoting these
# two properties" after "... define the common weakness of model ensemble with two properties: 1) the flatness of loss
# landscape; and 2) the closeness to the local optimum of each model" (dev79): the things the line counts on are the ones
# the sentence before sets out.
_THINGS_NAMED_BEFORE = re.compile(r"\b(?:both|these(?:\s+(?:two|three|four))?|the\s+(?:two|three|four))\s+(?P<things>[a-z]+s)\b", re.IGNORECASE)


def _named_things_in(things: str, sentence: str) -> bool:
    """Does the sentence set out these things, counted or listed: "two properties: 1) ...", "three components, ..."?"""
    return re.search(r"\b(?:two|three|four|[2-4])\s+(?:[\w-]+\s+)?" + re.escape(things) + r"\b", sentence, re.IGNORECASE) is not None


# A sentence starting the steps of a method ("We first propose a full-stage knowledge distillation method ...",
# "First, in the knowledge extraction stage we learn ..."), or announcing them ("a new two stage learning algorithm").
_STEPS_START = re.compile(r"\b(?:we|the\s+authors)\s+(?:[a-z]+ly\s+)?first\s+[a-z]+|^\s*first(?:ly)?\s*,", re.IGNORECASE)
_STEPS_COUNTED = re.compile(r"\b(?:two|three|four|[2-4])[\s-](?:stages?|steps?|phases?)\b", re.IGNORECASE)


# ... and the sentences going on with them: "We also adapt the post-training quantization ...", "We then combine the
# adapters ...", "Moreover, a hierarchical segmenting everything strategy is proposed ...".
_STEP_GOES_ON = re.compile(
    r"^\s*(?:(?:we|the\s+authors)\s+(?:also|then|further|additionally|next|finally)\b"
    r"|(?:then|next|second(?:ly)?|third(?:ly)?|finally|lastly|moreover|furthermore|additionally|subsequently|afterwards|in\s+addition)\b)",
    re.IGNORECASE,
)


def with_steps(hit: PaperHit, line: Evidence, others: Sequence[str], beside: Evidence | None = None) -> Evidence:
    """For a question asking how each compared method works: the line and, when it starts or announces the method's
    steps, the next sentences going on with them (up to two). "How does each make the model cheaper?" of TinySAM is
    its distillation *and* its quantization (dev74); AdapterFusion's "two stage learning algorithm" is its knowledge
    extraction and then its knowledge composition. A sentence already shown (in the line, or `beside` it) is not
    said twice."""
    def shown(e: Evidence) -> bool:  # a joined line's span runs from its first sentence to its last, in abstract order
        return any(span.start <= e.start < span.end for span in (line, beside) if span is not None)

    starting = [e for e in hit.sentence_scores if shown(e) and (_STEPS_START.search(e.text) or _STEPS_COUNTED.search(e.text))]
    if not starting:
        return line
    counted = bool(_STEPS_COUNTED.search(starting[-1].text))
    for following in _sentences_after(hit, starting[-1])[:2]:
        if not (_STEP_GOES_ON.match(following.text) or (counted and ORDINAL_OPENING.match(following.text))):
            break
        if shown(following):
            continue
        if not quotable(following, others):
            break
        line = joined(line, following)
    return line


def with_enumeration_rest(hit: PaperHit, line: Evidence, others: Sequence[str]) -> Evidence:
    """The line and, when it opens an enumeration ("1) ...") that the abstract's next sentences go on
    with ("2) ..."), those sentences too (one evidence span): half a list is no answer (dev24)."""
    if not _ENUMERATION_OPENED.search(line.text):
        return line
    for following in (e for e in hit.sentence_scores if e.start > line.start):
        if not _ENUMERATION_ITEM.match(following.text) or not quotable(following, others):
            break
        line = joined(line, following)
    return line


def enumerated_after(hit: PaperHit, counting: Evidence, others: Sequence[str]) -> list[Evidence]:
    """The sentences right after a counting one that go through what it counts, each opening on an ordinal or on the
    thing it tells of ("In zero-shot training, ..."; up to three); []
    when the next sentence opens on none."""
    going = []
    for e in _sentences_after(hit, counting)[:3]:
        if not (ORDINAL_OPENING.match(e.text) or IN_THING_OPENING.match(e.text)) or not quotable(e, others):
            break
        going.append(e)
    return going
