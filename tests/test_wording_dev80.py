"""What dev79's comparisons and the forty-first session's second fresh set (dev80) found, each fixed in general form and
diffed on every seen set: a compared side's line counting on things the sentence before sets out ("both properties",
"these two properties") was shown without them; a paper called by the five or more words of its title before the colon
("No Reason for No Supervision") was not recognised; "what lever does each pull?" was declined as a lever no abstract
names; "how many new Traditional Chinese tokens" was not read as counting tokens, so the model size "7B" answered it;
"what does it do exactly?" after "CCPL also adds an SCT module" asked nothing; and "how big ... in terms of training
examples" was answered with the question's own count of tasks."""

from __future__ import annotations

from rag.answer.asked import asked_value, counted_noun
from rag.answer.fact_lines import asked_clause
from tests.test_asked_wording import _answer


def test_a_line_counting_on_things_set_out_before_shows_them(shipped_components):
    answer = _answer(shipped_components, "Common Weakness Attack vs Downstream Transfer Attack: which properties make each one's adversarial examples transfer?")
    assert "flatness of loss landscape" in answer.text


def test_five_title_words_before_the_colon_name_the_paper(shipped_components):
    answer = _answer(shipped_components, "Fake it till you make it (ImageNet clones) vs No Reason for No Supervision (t-ReX): what does each change to get ImageNet models that transfer?")
    assert answer.shape == "comparison"
    assert "Fake it till you make it" in answer.text and "No Reason for No Supervision" in answer.text


def test_a_figurative_word_for_what_each_does_is_not_a_detail_to_find(shipped_components):
    answer = _answer(shipped_components, "CoDA vs DAS: what lever does each pull to make inference faster?")
    assert not answer.abstained


def test_a_count_three_words_on_is_read():
    assert counted_noun("how many new Traditional Chinese tokens did they add?") == "token"


def test_a_model_size_does_not_answer_a_count_of_tokens(shipped_components):
    answer = _answer(shipped_components, "How many new Traditional Chinese tokens went into Bailong's vocabulary?")
    assert answer.abstained


def test_what_it_does_asks_of_the_thing_named_before():
    assert "SCT module" in asked_clause("CCPL also adds an SCT module - what does it do exactly?")


def test_a_part_named_before_what_it_does_is_answered_by_its_sentence(shipped_components):
    answer = _answer(shipped_components, "CCPL comes with an SCT module too; what does it do?")
    assert "second-order statistics" in answer.text


def test_a_size_in_terms_of_a_named_measure_asks_that_measure(shipped_components):
    assert asked_value("how big is ExMix in terms of total training examples?") == "training examples"
    assert asked_value("how big is ExMix in terms of the number of tasks?") == "tasks"
    answer = _answer(shipped_components, "How large is ExMix in terms of training examples across its 107 tasks?")
    assert answer.abstained
