"""What dev94 (written by helpers shown every seen question, measured unread on d6bbdf0) showed among its misses, fixed in
general form and diffed on every seen set: "from what to what" asks a change, its two figures, and "went" is no topic;
when the asker sums up ("takeaway", "today's") is no topic either; an efficiency gain is told by what is saved ("6.5x
speedup"); a sentence on what has "traditionally" been done is the field's, not the paper's; "including both ... and ..."
tells the counted things' kinds, not their names; a measure asked with no question word ("ReXNet box AP on COCO?") is a
figure asked; a paper named before a colon, then "which ...", is asked of; "three aspects of X. What are they?" asks its
parts; a preposition may lead the asking words ("- on which tasks ...")."""

from __future__ import annotations

from rag.answer.asked import asked_value
from rag.answer.question_kind import rule_kind
from tests.test_asked_wording import _answer


def test_from_what_to_what_asks_a_change_and_its_figures_lead(shipped_components):
    assert rule_kind("domain-invariant reward models: in the cross-lingual setting, accuracy went from what to what?") == "fact"
    answer = _answer(shipped_components, "domain-invariant reward models: in the cross-lingual setting, accuracy went from what to what?")
    assert not answer.abstained and "0.621" in answer.items[0].text


def test_when_and_how_the_asker_sums_up_is_no_missing_topic(shipped_components):
    answer = _answer(shipped_components, "probing suites or benchmarks whose takeaway is that today's strongest models still struggle?")
    assert not answer.abstained


def test_an_efficiency_gain_is_told_by_what_is_saved(shipped_components):
    answer = _answer(shipped_components, "offsite-tuning vs dynamic architecture skipping (DAS) - what efficiency gains does each report?")
    assert not answer.abstained and "11.97%" in answer.text


def test_what_has_traditionally_been_done_is_the_fields_not_the_papers(shipped_components):
    answer = _answer(shipped_components, "Which evaluation metric does the IGCS content selection paper recommend?")
    assert answer.abstained and "evaluation metric" in answer.text


def test_including_both_tells_the_counted_things_kinds_not_their_names(shipped_components):
    answer = _answer(shipped_components, "list the seven pretrained models benchmarked on VLUE")
    assert answer.abstained and "seven" in answer.text


def test_a_measure_asked_with_no_question_word_is_a_figure_asked(shipped_components):
    assert asked_value("ReXNet box AP on COCO detection?") == "box AP"
    assert _answer(shipped_components, "ReXNet box AP on COCO detection?").abstained
    answer = _answer(shipped_components, "GPipe AmoebaNet top-1 on ImageNet?")
    assert not answer.abstained and "84.4%" in answer.text


def test_a_paper_named_before_a_colon_then_which_is_asked_of(shipped_components):
    answer = _answer(shipped_components, "Reuse Your Rewards: which base LM was aligned, and which target languages did they evaluate?")
    assert answer.kind == "fact" and answer.abstained


def test_counted_parts_of_something_then_what_are_they_asks_the_parts():
    assert rule_kind("CheXWorld says it models three aspects of medical knowledge. What are they?") == "fact"


def test_a_preposition_may_lead_the_asking_words(shipped_components):
    answer = _answer(shipped_components, "MAD-X - on which tasks does it outperform the state of the art?")
    assert not answer.abstained and "causal commonsense reasoning" in answer.text
