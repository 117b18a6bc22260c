"""The one line on how compared items differ: each item described by what its paper says it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag import prompts
from rag.answer.evidence_lines import drop_label
from rag.answer.text_forms import INSIDE_NOUN_PHRASE, OPEN_ENDED
from rag.records import AnswerItem, Evidence, PaperHit


_KIND_NOUNS = (
    "method|framework|approach|model|technique|algorithm|network|strategy|benchmark|dataset|attack|objective|loss|module|system|"
    "hypernetwork|pipeline|paradigm|architecture|scheme|mechanism|procedure|metric|study|analysis|tool|library|recipe|adapter"
)


# "a simple two-stage MTL method", "an adapter-based framework that enables ...": what kind of thing an item is.
# No article inside the phrase: "The authors present a novel approach" is no kind phrase led by "The".
_KIND_PHRASE = re.compile(
    rf"\b(?:an?|the)\s+(?:(?!(?:an?|the)\s)[\w()-]+\s+){{0,6}}?(?:{_KIND_NOUNS})s?(?![\w-])(?!\s+[a-z][\w-]*\s+\()(?P<clause>\s+(?:that|which|for|to|with|based\s+on)\s+[^,;.:()]+)?", re.IGNORECASE
)


_DESCRIPTOR_WORDS = 16


# A kind phrase is the item's when the paper puts it forward or says it of the item's name: "we
# propose a ... metric (OSBORN)", "XL-Instruct, a high-quality synthetic data generation method".
# After another verb it is something the item works on or picks ("applied Weight Squeezing to a
# pre-trained text classification model", "to select a single suitable source model"), and after
# another name it is that name's ("introduce XL-AlpacaEval, a new benchmark"): read as what the
# item is, each put a false description under the item's citation (dev45, dev48).
_PUTS_FORWARD_VERB = r"\b(?:propos|introduc|present|develop|design|devis|buil[dt]|offer|contribut|creat|construct|releas|describ|formulat|call|nam|dub|term)\w*"
# ... or puts the item forward as one: "we propose diff pruning as a simple approach".
_PUTS_FORWARD = re.compile(rf"{_PUTS_FORWARD_VERB}\s*$|{_PUTS_FORWARD_VERB}\s+(?:[\w()-]+\s+){{1,4}}as$", re.IGNORECASE)

# "a recently introduced training method, named Sharpness-aware Minimization": named right after.
_NAMED_AFTER = r"^\s*,?\s*(?:called|named|dubbed|termed|coined)\s+"

# A named method is not a study or an analysis its paper also presents ("VL-Adapter, a comprehensive analysis").
_STUDY_KINDS = re.compile(r"\b(?:study|analysis)$", re.IGNORECASE)

# "... compression called Weight Squeezing": the name the clause ends on is the item's own.
_NAMING_TAIL = re.compile(r"\s+(?:called|named|dubbed|termed|coined)\s+.*$", re.IGNORECASE)


def _said_of_item(text: str, match: re.Match, hit: PaperHit) -> bool:
    """Is the kind phrase `match` said of the item: opening its sentence (a line whose label was
    dropped), named the item right after, put forward by a verb of proposing (in a sentence naming
    the item, when the abstract puts the item forward by name elsewhere), or just after one of the
    item's names (its title's words, for an item without one)?"""
    sentence_start = max((m.end() for m in re.finditer(r"[.!?]\s+", text[: match.start()])), default=0)
    before = text[sentence_start : match.start()].rstrip()
    names = [n for n in (hit.label(), *hit.own_names()) if n]
    if any(re.match(_NAMED_AFTER + re.escape(name), text[match.end() :], re.IGNORECASE) for name in names):
        return True
    if not before:
        return True
    if _PUTS_FORWARD.search(before):
        return _puts_item_forward(hit, text[sentence_start:])
    subject = re.escape(hit.paper.title) if not (hit.card and hit.card.name) else "|".join(re.escape(n) for n in names)
    said_after = r"\s*\)?(?:\s*\([^()]*\))?\s*(?:,|\bis(?:\s+also)?|,\s+which\s+is|\s+as)$"
    if re.search(rf"(?<![\w-])\(?(?:{subject}){said_after}", before, re.IGNORECASE):
        return True
    # An item its title names ("Soft Prompt Tuning for Cross-Lingual Transfer: ..."): the sentence's
    # subject may be the title's words ("Soft Prompt Tuning (SPT) is a parameter-efficient method").
    opening = re.match(rf"^(?:the\s+)?([\w -]+?)(?:\s*\([^()]*\))?{said_after}", before, re.IGNORECASE)
    return bool(opening) and not (hit.card and hit.card.name) and opening.group(1).lower() in hit.paper.title.lower()


def _puts_item_forward(hit: PaperHit, sentence: str) -> bool:
    """May a sentence putting something forward describe the item? Not when it does not name the
    item and another sentence of the abstract puts the item forward by name: "We introduce a new
    benchmark ..." beside "we present plT5 - a general-purpose text-to-text model" (dev14)."""
    name = hit.card.name if hit.card else ""
    if not name or re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence):
        return True
    return not re.search(rf"{_PUTS_FORWARD_VERB}\s+(?:[\w-]+\s+){{0,3}}?{re.escape(name)}(?![\w-])", hit.paper.abstract, re.IGNORECASE)


def _headed_by_kind(match: re.Match) -> bool:
    """Is the kind noun the phrase's head? "the hypothesis space beyond stochastic perturbations of model
    (weights)" is about a space; its "model" belongs to a prepositional phrase, not to what the item is."""
    head = match.group()[: match.start("clause") - match.start()] if match.group("clause") else match.group()
    return not any(w.lower() in INSIDE_NOUN_PHRASE for w in head.split()[1:-1])


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
    "easy practical promising proposed innovative effectual very highly more most yet and but surprisingly remarkably".split()
)


def _praise_only(phrase: str) -> bool:
    """Is the kind phrase (no clause) only praise and its kind noun?"""
    return all(w.lower() in _PRAISE for w in phrase.split()[:-1])


def _restates_label(phrase: str, hit: PaperHit) -> bool:
    """Are the phrase's words, past its article and praise, all the item's label's?"""
    label = {w.lower() for w in re.findall(r"[\w-]+", hit.label())}
    words = [w.lower() for w in re.findall(r"[\w-]+", phrase) if w.lower() not in _PRAISE]
    return bool(words) and all(w in label for w in words)


def _descriptor(hit: PaperHit, line: Evidence) -> str:
    """What kind of thing the item is, in its paper's words: ", a kind phrase" from its line or its
    card ("an adapter-based framework that enables ..."), else ", “its title's subtitle”", else "":
    the head of a sentence ("The authors evaluate on two tasks") says no kind, and side by side
    such heads read as a garbled line, not as a difference."""
    for text in (drop_label(line.text, hit.label()), hit.card.contribution if hit.card else ""):
        match = next(
            (m for m in _KIND_PHRASE.finditer(text or "") if _headed_by_kind(m) and _says_a_kind(m) and _said_of_item(text, m, hit) and not _NEGATION_BEFORE.search(text[: m.start()])),
            None,
        )
        # "A LiT model gains ...": a kind phrase led by the item's own name says nothing of its kind
        # (one defining it, "a ... alignment (PPA) method", does).
        own = re.match(rf"(?:an?|the)\s+{re.escape(hit.label())}(?![\w-])", match.group(), re.IGNORECASE) if match else None
        if match and not match.group().lower().startswith("the authors") and not own:
            phrase = _NAMING_TAIL.sub("", match.group())
            clause = _NAMING_TAIL.sub("", match.group("clause") or "")
            # Too long, or cut by a comma inside it ("to addressing various, often coexisting gaps"):
            # the kind without its clause.
            # ... or cut by a comma after a hyphenated modifier, one of a list of them ("that integrates privacy-preserving,
            # domain-specific models into LLMs", dev130)
            listed = bool(clause) and "-" in clause.split()[-1] and text[match.end() : match.end() + 1] == ","
            if clause and (len(phrase.split()) > _DESCRIPTOR_WORDS or clause.split()[-1].lower() in OPEN_ENDED or listed):
                phrase, clause = phrase[: match.start("clause") - match.start()], ""
            if not clause and _praise_only(phrase):
                continue  # "a simple method" says no kind; "an effective technique for fine-tuning ..." does
            if hit.card and hit.card.name and _STUDY_KINDS.search(phrase[: len(phrase) - len(clause)].rstrip()):
                continue
            if _restates_label(phrase, hit):
                continue  # "Common Weakness Attack (CWA), a Common Weakness Attack"
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
