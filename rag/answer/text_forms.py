"""Word stems and the number, clause and compound patterns the shape modules share.

Shared by what a question asks (rag/answer/asked.py), whether the evidence states it
(rag/answer/stated.py) and how an answer line is cut (rag/answer/fact_lines.py), so the three read
a word or a figure the same way.
"""

from __future__ import annotations

import re


# A list's enumerator, no figure: "consists of: 1) Activation modules ...".
ENUMERATOR = re.compile(r"(?:^|(?<=[\s:;,]))\(?\d\)")


# A figure in words: "a fourfold reduction in GPU memory footprint" (dev13).
FOLD_FIGURE = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|hundred)-?fold\b", re.IGNORECASE)


# A spelled number before a hyphen names a kind of thing ("a two-stage schedule", "one-shot"), not a figure.
NUMBER = re.compile(r"(?<![\w.])(?:\d+(?:[.,]\d+)*(?:\s?(?:%|x|×|times|fold|k|K|MM|M|B|ms|s|h|GB|MB|points?|pp))?|(?<!by\s)one(?!\s+(?:by|another)\b|-)|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)(?!-)|hundreds?|thousands?|millions?|orders? of magnitude)(?![\w])")


# The verb after the thing a question asks for ("what learning rate worked best", "what accuracy resulted"):
# without "worked", the learning rate went unasked and a resolution figure led the answer (dev8).
AUX = r"(?:did|does|do|is|was|were|are|has|have|had|can|could|will|would|should|needed|used|reached?|obtained?|achieved?|gets?|got|worked|works|gave|gives|yielded|yields|resulted|results|ended|turned|proved|performed)"


GENERIC = frozenset("the a an of and or to in on for with by model models method methods paper papers approach system work their its this that".split())


# "improvement" and "improves" are one word to a reader ("how much top-1 improvement" is answered by
# "improves the Top-1 accuracy by 3.2% to 6.1%"): "-ement" goes with the verb's endings.
_STEM = re.compile(r"(?:(?<=\w{4})ements?|ing|ed|es|(?<!s)s)$")  # "class" stays, as "classes" -> "class"


# Words results are reported in interchangeably: "an average improvement of 12.8 BLEU" gives "the average BLEU gain".
_SAME_STEM = {
    "improv": "gain", "improve": "gain", "increas": "gain", "increase": "gain",
    # a reader's short forms for an abstract's words: "how many task-model combos?" of "120,000 task-model combinations" (dev55)
    "combo": "combination", "param": "parameter", "hyperparam": "hyperparameter", "config": "configuration", "acc": "accuracy", "dim": "dimension",
}


def loose_stem(word: str) -> str:
    """A light stem that keeps "module" and "modules" together and "class" whole (Snowball is the heavy one)."""
    word = word.lower()
    stem = _STEM.sub("", word) if len(word) > 4 else word
    return _SAME_STEM.get(stem, stem)


# Where what a figure measures stops: the next clause ("..., while", "and ...", "which ...").
CLAUSE_BREAK = re.compile(r"[,;:()]|\band\b|\bwhile\b|\bwhich\b")


# ... or the figure before it (a digit that starts a figure, not one inside a name like "top-1").
CLAUSE_OR_FIGURE = re.compile(CLAUSE_BREAK.pattern + r"|(?<![\w/.-])\d")


# A component called by name: "a Faster R-CNN detector", "the RetinaNet detector", "a ResNet-50 backbone".
HEADED = re.compile(r"\b(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+(?P<head>detector|backbone|encoder|decoder|optimizer|tokenizer)s?\b")


def flat(name: str) -> str:
    """A name without case, spaces or hyphens: "MaskR-CNN", "Mask R-CNN" and "mask rcnn" are one."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def with_parts(stems: set[str]) -> set[str]:
    """"imagenet-1k" also as "imagenet": a question and an abstract hyphenate names differently."""
    return stems | {part for stem in stems for part in stem.split("-") if len(part) >= 3 and part.isalpha()}


# A word as the value checks read it: with its digits ("Top-1", "ImageNet-100"), as value_terms
# reads the asked value; without them "Top-1" was "top-", which no asked "top-1" met.
STEMMED_WORD = re.compile(r"[A-Za-z][A-Za-z0-9@-]*[A-Za-z0-9]")


def word_stems(text: str) -> set[str]:
    return {loose_stem(w) for w in STEMMED_WORD.findall(text)}


def spaced_compounds(text: str) -> set[str]:
    """Two neighbouring words as the hyphenated stem a question may write them as: "62.4 mAP on COCO
    fine tuning" gives "fine-tun", the stem of the asked "COCO fine-tuning mAP" (dev7)."""
    pairs = re.findall(r"(?=\b([A-Za-z][A-Za-z0-9]*) ([A-Za-z][A-Za-z0-9]*)\b)", text)
    return {f"{a.lower()}-{loose_stem(b)}" for a, b in pairs}


# Words a phrase cannot end on: the clause was cut at a comma before its noun.
OPEN_ENDED = frozenset("various several many multiple different diverse both such a an the of to for with and or in on by from their its".split())


# Words a figure's phrase cannot end on once cut at eight words ("16 languages into a single semantic space using").
TAIL_OPEN = OPEN_ENDED | frozenset("using via at into than as over per across between only just".split())


INSIDE_NOUN_PHRASE = frozenset("of beyond over for in on with to by from than at into across between through via under within".split())


def spelled_out(acronym: str, text: str) -> bool:
    """Does the text spell the acronym out ("LLMs" -> "large language models")?"""
    letters = acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym
    letters = letters.lower()
    if not 2 <= len(letters) <= 6 or not letters.isalpha():
        return False
    # The initials of consecutive words, in order: "large language models" spells "llm"; a hyphenated word is two words or
    # one ("pre-trained language models" spells "ptlm" and "plm", dev113).
    return any(
        letters in "".join(w[0] for w in re.findall(r"[a-z][a-z0-9]*", text.lower().replace("-", joint)))
        for joint in (" ", "")
    )
