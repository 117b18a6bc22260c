"""What the forty-second session's fourth fresh set (dev85) found, fixed in general form and diffed on every seen set: the verb
"map" ("what does each map language into?") was read as the metric mAP, and the comparison declined as "don't state the map"."""

from __future__ import annotations

from rag.answer.asked import metric_asked
from tests.test_asked_wording import _answer


def test_map_is_a_metric_only_as_written():
    assert metric_asked("LC-RL vs RT-2 - what does each map instructions into?") == ""
    assert metric_asked("TANDA MAP on WikiQA?") == "MAP"
    assert metric_asked("which mAP does it reach on COCO?") == "mAP"


def test_a_verb_map_is_not_a_measure_asked(shipped_components):
    answer = _answer(shipped_components, "RT-2 vs LC-RL: what does each one map language commands into?")
    assert not answer.abstained
