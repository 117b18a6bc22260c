"""A model's short fact answer ("9.6%", "10-20% fewer FLOPs") checked by finding it in its source.

The claim judge cannot check a bare value on its own words: "83.74" or "TANDA: 92%" says too
little to compare with any sentence, so a right answer from the model was rejected and the
extractive draft shown instead (6 of the 8 fact fallbacks on dev2). A value is taken when one
sentence of the cited abstract holds its words in the same order and close together: the model
picked it out of that sentence rather than wrote it, so it cannot carry a figure or a name the
paper lacks, nor pair a figure with a metric the sentence names for another figure ("52.1% AP with
a MaskR-CNN detector" from "52.5% AP with a MaskR-CNN detector and 52.1% AP with a RetinaNet
detector"). The engine then verifies that sentence against the question, as any claim is.
"""

from __future__ import annotations

import re

from rag.ingest.sentences import split_sentences
from rag.records import Evidence, Paper

_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")
# Words a value may add or drop around what it picked out ("10% in Fact Retrieval" from
# "an increase of 10% in Fact Retrieval").
_FILLER = frozenset(
    "a an the of in on at to for by with and or is are was were be about approximately roughly around nearly almost up than".split()
)
# A model that announces its answer, echoing the prompt's "the direct answer": "The direct answer is
# 10% in Fact Retrieval.", "The direct answer is that the model reports ...".
_ANNOUNCED = re.compile(r"^\s*(?:the\s+)?(?:direct\s+|short\s+|final\s+)?answer\s+is\s*(?::\s*|that\s+)?", re.IGNORECASE)
# A value is a figure or a name: it holds a digit or a capital.
_FIGURE_OR_NAME = re.compile(r"\d|[A-Z]")
MAX_VALUE_WORDS = 12
# Sentence words allowed between two of the value's (an article the filler list lacks, a unit's spelling).
_GAP = 3


def without_announcement(text: str) -> str:
    """The item without "The direct answer is (that)", its first letter raised."""
    rest = _ANNOUNCED.sub("", text, count=1).strip()
    return rest[:1].upper() + rest[1:] if rest != text.strip() else text


def fact_value(text: str) -> str:
    """The value a model's fact item gives, without an announcing prefix or a final full stop;
    "" when it is no figure or name, or too long to be a value (a sentence goes to the judge)."""
    value = without_announcement(text).strip().rstrip(".").strip()
    if not _FIGURE_OR_NAME.search(value) or len(_words(value)) > MAX_VALUE_WORDS:
        return ""
    return value


def grounding_sentence(value: str, paper: Paper) -> Evidence | None:
    """The first sentence of the paper's abstract that holds every word of `value` in order,
    each within a few words of the one before; None when none does."""
    words = _words(value)
    if not words:
        return None
    for span in split_sentences(paper.abstract):
        sentence = paper.abstract[span.start : span.end]
        if _in_order(words, _words(sentence)):
            return Evidence(sentence, span.start, span.end)
    return None


def _words(text: str) -> list[str]:
    return [w for w in _TOKEN.findall(text.lower()) if w not in _FILLER]


def _in_order(words: list[str], sentence: list[str]) -> bool:
    for begin, word in enumerate(sentence):
        if word != words[0]:
            continue
        position = begin
        for wanted in words[1:]:
            window = sentence[position + 1 : position + 2 + _GAP]
            if wanted not in window:
                break
            position += 1 + window.index(wanted)
        else:
            return True
    return False
