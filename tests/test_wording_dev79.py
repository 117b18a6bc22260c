"""What the forty-first session's fresh set (dev79) found, each fixed in general form and diffed on every seen set: a
question closing on "which one?" was voted a list of papers; a question taking one winner for granted of a paper saying
"No single self-supervised method dominates overall" was answered with papers; and "How does <paper's method> decide
which layers ... to exploit?" showed the sentence the embedder put closest (the paper's framing) and the next closest,
never the one holding "identifies and exploits the most vulnerable layers"."""

from __future__ import annotations

from rag.answer.question_kind import rule_kind
from tests.test_asked_wording import _answer


def test_a_question_closing_on_which_one_asks_one_thing():
    assert rule_kind("The benchmark paper crowned one encoder as the strongest - which one?") == "fact"
    assert rule_kind("It was also shown to fool a commercial chatbot. Which one?") == "fact"
    assert rule_kind("TinySAM or MobileSAM - which one?") == "comparison"  # two sides weighed
    assert rule_kind("Which one of the papers here uses hypernetworks?") != "fact"  # not closing the question


def test_a_single_winner_is_not_named_when_the_paper_says_there_is_none(shipped_components):
    answer = _answer(shipped_components, "Which self-supervised method came out best overall in the study transferring 13 SSL models to 40 tasks?")
    assert answer.abstained
    assert "No single self-supervised method dominates overall" in answer.text


def test_a_top_model_is_not_a_single_winner_asked(shipped_components):
    # "top" qualifies the models asked about; nothing takes one winner for granted.
    answer = _answer(shipped_components, "Do the top self-supervised models keep colour information as well as supervised ones?")
    assert "dominates" not in answer.text


def test_how_a_named_method_does_something_shows_the_sentence_holding_the_asked_words(shipped_components):
    answer = _answer(shipped_components, "How does DTA pick the layers of the pre-trained ViT it attacks?")
    assert "most vulnerable layers" in answer.text and "cosine similarity" in answer.text
