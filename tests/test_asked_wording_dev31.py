"""What a question's wording asks, read as its asker meant it (the twenty-fifth session's dev31 misses):
"which one is higher" after the figures asked, abbreviations in passing, the asker's gerund for what
the papers do, and "A and the B approach: how does each ...?" as a comparison."""

from __future__ import annotations

from rag.answer.asked import value_asked
from rag.answer.question_kind import rule_kind
from rag.answer.unmentioned import doing_verbs


def test_which_one_is_higher_asks_about_the_figures_already_asked():
    """dev31: "What STS Spearman correlations do A and B each report, and which one is higher?" gave
    each side's contribution and "The abstracts don't state the Spearman" as if the rest were answered."""
    from rag.answer.asked import other_asks

    question = "What ImageNet top-1 accuracies do the two backbones each reach, and which one is better?"
    assert other_asks(question, value_asked(question, "comparison")) == []
    assert other_asks("What does each one distil, and what gains do they report?", "gains") == ["What does each one distil"]


def test_abbreviations_written_in_passing_are_no_topic_words():
    from rag.words import content_words

    assert content_words("retrieval models (incl. cross-language ones), adapters etc.") == ["retrieval", "models", "cross", "language", "adapters"]


def test_the_askers_gerund_for_what_the_papers_do_is_no_topic_word():
    """dev31: "work on shrinking big pretrained language models ..." said "The abstracts don't mention
    'shrinking'": the papers say "compression"; the gerund words what they do, as a verb would."""
    assert "shrinking" in doing_verbs("Looking for work on shrinking large vision models into small ones. What's there?")
    assert "fishing" not in doing_verbs("Any papers on fishing?")
    assert "learning" not in doing_verbs("Which papers work on learning and forgetting?")


def test_a_and_the_b_approach_asked_how_each_does_it_is_a_comparison():
    """dev31: "Sentence-T5 and the in-context-learning approach ...: how does each extract embeddings?"
    was read as a fact about Sentence-T5 alone."""
    assert rule_kind("BLIP and the adapter approach for video: how does each align frames with text?") == "comparison"
    assert rule_kind("TRANSIC or the dynamics-as-prompts approach - how does each close the gap?") == "comparison"
