"""What the forty-second session's third fresh set (dev84) found, each fixed in general form and diffed on every seen set: "CQA
forums" and "question-to-question similarity" were words no abstract mentions, though MultiCQA spells CQA out ("community
question answering forums") and a paper writes "question-question pairs"; and a title quoted in "In the '...?' paper, which
...?" broke the reading of the question as asked of that paper, its own question mark ending the description."""

from __future__ import annotations

from rag.answer.question_kind import rule_kind
from tests.test_asked_wording import _answer


def test_an_acronym_a_paper_spells_out_and_a_bare_mapping_are_mentioned(shipped_components):
    answer = _answer(shipped_components, "Which papers work on question-to-question similarity, like matching new questions to similar ones on CQA forums?")
    assert not answer.abstained


def test_an_acronym_spelled_out_by_chance_stays_unmentioned(shipped_components):
    # No paper writes "SWA", whatever three words in a row start with S, W and A.
    answer = _answer(shipped_components, "Is Free Lunch's checkpoint averaging better than stochastic weight averaging (SWA) for cross-lingual transfer?")
    assert answer.abstained and "SWA" in answer.text


def test_a_quoted_title_with_its_own_question_mark_describes_the_paper():
    assert rule_kind("In the 'Is Curiosity All You Need?' paper, which physics simulator did they use?") == "fact"
    assert rule_kind("For the \u201cDo Multiple Instance Learning Models Transfer?\u201d study, what organs were used?") == "fact"
