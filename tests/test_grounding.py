"""A model's short fact answer is taken only when one sentence of its source holds it (rag/answer/grounding.py)."""

from __future__ import annotations

import pytest

from rag.answer.grounding import fact_value, grounding_sentence
from rag.records import Paper

SPINENET = Paper(
    "p1", "SpineNet",
    "We propose SpineNet, a backbone with scale-permuted intermediate features. In particular, SpineNet-190 "
    "achieves 52.5% AP with a MaskR-CNN detector and achieves 52.1% AP with a RetinaNet detector on COCO. "
    "Using similar building blocks, SpineNet models outperform ResNet-FPN models by ~3% AP while using 10-20% fewer FLOPs.",
)


@pytest.mark.parametrize(("text", "value"), [
    ("The direct answer is 10% in Fact Retrieval.", "10% in Fact Retrieval"),
    ("83.74", "83.74"),
    ("The direct answer is that SixT gains 7.1 BLEU.", "SixT gains 7.1 BLEU"),
    ("Answer is: CafeBERT.", "CafeBERT"),
    ("the authors propose adapter modules", ""),  # no figure, no name: a sentence for the judge
    ("SpineNet " + "uses fewer operations " * 5 + "than 3 baselines", ""),  # too long to be a value
])
def test_the_value_of_a_fact_item(text, value):
    assert fact_value(text) == value


@pytest.mark.parametrize(("value", "sentence"), [
    ("52.5% AP", "SpineNet-190 achieves 52.5% AP"),
    ("52.1% AP with a RetinaNet detector", "52.1% AP with a RetinaNet"),
    ("10-20% fewer FLOPs", "10-20% fewer FLOPs"),
])
def test_a_value_the_abstract_holds_is_grounded_in_its_sentence(value, sentence):
    found = grounding_sentence(value, SPINENET)
    assert found is not None and sentence in found.text
    assert SPINENET.abstract[found.start : found.end] == found.text


@pytest.mark.parametrize("value", [
    "52.4% AP",  # a figure the abstract lacks
    "52.1% AP with a MaskR-CNN detector",  # every word is in the sentence, but MaskR-CNN goes with the other figure
    "20-10% fewer FLOPs",  # out of order
    "3% fewer FLOPs",  # the words of two phrases of one sentence, too far apart to be one
    "",
])
def test_a_value_the_abstract_does_not_state_is_not_grounded(value):
    assert grounding_sentence(value, SPINENET) is None
