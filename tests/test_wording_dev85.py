"""What the forty-second session's fourth fresh set (dev85) found, fixed in general form and diffed on every seen set: the verb
"map" ("what does each map language into?") was read as the metric mAP, and the comparison declined as "don't state the
map"; and "Towards a Unified View of PETL: ..." was answered from VLN-PETL, ranked first, not from the paper whose title
it writes with an acronym."""

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


def test_a_title_opening_the_question_with_an_acronym_names_its_paper(shipped_components):
    # "PETL" stands for the title's "Parameter-Efficient Transfer Learning"; VLN-PETL, ranked first, is another paper.
    answer = _answer(shipped_components, "Towards a Unified View of PETL - what benchmarks does the empirical study span?")
    assert answer.citations and answer.citations[0].paper.title == "Towards a Unified View of Parameter-Efficient Transfer Learning"
