"""What the thirty-sixth session found on dev74, a fresh held-out set: one thing asked in the singular of a
paper ("which frame-level downstream task does ATST-Frame win ...?") was voted a list or a comparison; one name set
beside another ("in Diff-Transfer compared with the LIBERO benchmark") was read as a fact of one; a described side
whose bold title already says what it was asked by got the sentence repeating it instead of the one answering; and
a premise a paper contradicts in its own topic's terms ("... hurt most protein models" of TAPE's "helpful for
almost all models") was answered as if true."""

from __future__ import annotations

import pytest

from rag.answer.question_kind import rule_kind
from tests.test_asked_wording import _answer


@pytest.mark.parametrize(
    "question",
    [
        "which frame-level downstream task does ATST-Frame win by a large margin on?",
        "Besides normal supervised/self-supervised pretraining, which other compute-heavy transfer technique does the "
        "label-mapping / feature-mapping dataset pruning method also help?",
        "swiss judgement predicton cross-X paper: which country's cases did they add for the cross-jurisdiction experiment?",
        "Which physics simulator is VLABench built on?",
    ],
)
def test_one_thing_asked_in_the_singular_of_a_subject_is_a_fact(question):
    assert rule_kind(question) == "fact"


@pytest.mark.parametrize(
    "question, kind",
    [
        ("Which methods tackle negative transfer?", "list"),  # plural things: papers of a topic
        ("Which approach works for negative transfer?", "list"),  # a singular asked of no subject
        # asked of each of two: no fact (the vote decides, as before)
        ("GHOST 2.0 and the SAWN person image synthesis paper - what modules does each introduce?", ""),
        ("Which papers does the collection have on adapters?", "list"),
    ],
)
def test_what_stays_as_it_was(question, kind):
    assert rule_kind(question) == kind


def test_one_name_compared_with_another_is_a_comparison():
    assert rule_kind("For robot skill transfer, where does the learning signal come from in Diff-Transfer compared with the LIBERO benchmark?") == "comparison"
    assert rule_kind("How many GPUs were used to pretrain Florence compared with Florence-2?") == "comparison"
    assert rule_kind("How do adapters compare with full fine-tuning?") == "comparison"  # as before, by "compare"


def test_a_described_side_whose_title_says_it_answers_what_was_asked(shipped_components):
    answer = _answer(shipped_components, "turkish NLU fine-tuning paper vs VLUE (vietnamese): what pretrained model does each build on?")
    assert answer.shape == "comparison"
    assert "BERTurk" in answer.text and "CafeBERT" in answer.text


def test_a_premise_the_paper_contradicts_in_its_own_topic_is_not_taken(shipped_components):
    answer = _answer(shipped_components, "Given that TAPE found self-supervised pretraining hurt most protein models, what did the authors recommend using instead?")
    assert answer.abstained
    assert "says the reverse" in answer.text
    # ... and the premise as the paper tells it is answered.
    answer = _answer(shipped_components, "TAPE found self-supervised pretraining helps most protein models - on which tasks?")
    assert not answer.abstained
