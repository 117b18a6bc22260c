"""What the forty-first session's third fresh set (dev81) found, each fixed in general form and diffed on every seen set: a
dimension asked ("what projector output dimension") was "stated" by "the outputs of two identical networks"; a harm the
question takes for granted ("makes ... more sensitive to hyperparameter choices") of a paper saying it removes it
("desensitizes XLT to varying hyperparameter choices") was answered with a sentence that read as the remedy; and "<paper>
says ... - how do they ...?" was voted a list of papers; and a compared side's figure was "stated" by a sentence whose
only figure the question wrote itself ("wav2vec 2.0")."""

from __future__ import annotations

from rag.answer.question_kind import rule_kind
from tests.test_asked_wording import _answer


def test_a_dimension_is_given_in_digits(shipped_components):
    answer = _answer(shipped_components, "What output dimension does the Barlow Twins projector have?")
    assert answer.abstained


def test_a_sensitivity_the_paper_removes_is_not_taken_for_granted(shipped_components):
    answer = _answer(shipped_components, "Free Lunch claims checkpoint averaging leaves cross-lingual transfer more sensitive to hyperparameter choices - how do the authors handle that?")
    assert answer.abstained and "desensitizes" in answer.text


def test_how_asked_of_what_a_paper_says_is_open():
    assert rule_kind("Free Lunch says averaging helps cross-lingual transfer - how does it pick the checkpoints?") == "open"
    assert rule_kind("TRAM says it adds minimal computation - how much extra time per step?") != "open"  # a figure


def test_a_figure_the_question_wrote_states_nothing(shipped_components):
    # "wav2vec 2.0" is the question's own figure: the adapters' side is stated by "fewer than 10% of parameters per task".
    answer = _answer(shipped_components, "wav2vec 2.0 adapters vs diff pruning on GLUE - what per-task parameter budget does each have?")
    assert "10%" in answer.text and "0.5%" in answer.text
