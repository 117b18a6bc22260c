"""What the forty-fourth session's last set (dev92, measured unread on 25776f0) showed among its false abstentions, fixed in
general form and diffed on every seen set: a word beside a slash whose other side the index writes is an alternative, not
a missing topic (not a name written with a slash, "CNN/DailyMail"); one side against another and "how many points" asks a difference, which "+2.4% F1" states."""

from __future__ import annotations

from tests.test_asked_wording import _answer


def test_a_slashed_alternative_the_index_lacks_is_no_missing_topic(shipped_components):
    answer = _answer(shipped_components, "contrastive learning with soft / graded similarity instead of hard binary positives vs negatives - which papers do that?")
    assert not answer.abstained and "CWCL" in answer.text


def test_a_name_written_with_a_slash_is_no_pair_of_alternatives(shipped_components):
    answer = _answer(shipped_components, "By how much did Lookback Lens reduce hallucinations on CNN/DailyMail?")
    assert answer.abstained and "DailyMail" in answer.text


def test_one_side_against_another_and_how_many_points_asks_a_difference(shipped_components):
    answer = _answer(shipped_components, "xlm-r vs mbert on NER - how many F1 points?")
    assert not answer.abstained and "2.4%" in answer.items[0].text


def test_accuracy_said_to_cost_where_the_paper_maintains_it_is_a_reversed_premise(shipped_components):
    answer = _answer(shipped_components, "S2A's 4-bit quantization of activations costs a lot of accuracy - how is it recovered?")
    assert answer.abstained and "says the reverse" in answer.text


def test_doing_poorly_where_the_paper_does_well_is_a_reversed_premise(shipped_components):
    answer = _answer(shipped_components, "XLM-R does poorly on low-resource languages such as Swahili and Urdu - what do the authors blame?")
    assert answer.abstained and "says the reverse" in answer.text
