"""What the fortieth session's fresh set (dev78, questions on the abstracts' second halves) found, each fixed in general
form and diffed on every seen set: names set before a counted kind ("than CRISS and m2m-100, two strong multilingual
NMT baselines") were not read as naming them; "other" before "kind of" was required word for word; a coined name no
abstract writes ("EfficientDet") was taken as written because another name sharing its start ("EfficientNet") embeds
close to it; a figure asked of the one paper a question opens on was "stated" by another close paper's figure; and "which
existing sentence encoders did they beat?" took a sentence naming an encoder over the one naming what they outperform."""

from __future__ import annotations

from rag.answer.asked import detail_words
from tests.test_asked_wording import _answer


def test_names_set_before_a_counted_kind_name_them(shipped_components):
    answer = _answer(
        shipped_components,
        "Apart from mBART, which two strong multilingual NMT baselines did SixT beat on the 15 any-to-English test sets, despite using less training data and compute?",
    )
    assert not answer.abstained
    assert "CRISS" in answer.text and "m2m-100" in answer.text


def test_a_name_set_before_a_kind_still_names_it(shipped_components):
    answer = _answer(shipped_components, "waht dataset of GNN trainig results was released alongside AutoTransfer?")
    assert not answer.abstained and "GNN-Bank-101" in answer.text


def test_other_before_a_kind_is_not_a_word_to_find():
    assert detail_words("other kind of averaging") == ["averaging"]
    assert "other" in detail_words("other LLMs")  # "Besides GPT-4o, which other LLMs ...?": another must be named


def test_another_kind_of_the_thing_asked_is_answered(shipped_components):
    answer = _answer(shipped_components, "Free Lunch checkpoint averaging for XLT - what other kind of averaging do they stack it with for extra gains?")
    assert not answer.abstained and "run averaging" in answer.text


def test_a_coined_name_no_abstract_writes_is_not_a_variant_of_another(shipped_components):
    answer = _answer(shipped_components, "SpineNet or EfficientDet: which gets the better COCO AP at similar FLOPs?")
    assert answer.abstained and "EfficientDet" in answer.text


def test_a_figure_asked_of_the_paper_a_question_opens_on_is_that_papers(shipped_components):
    answer = _answer(
        shipped_components,
        "In the constrained decoding label projection paper, how many BLEU points does inserting the label markers cost the translation model?",
    )
    assert answer.abstained and "BLEU" in answer.text


def test_what_a_model_beat_is_named_by_the_sentence_saying_it_outperforms_them(shipped_components):
    answer = _answer(
        shipped_components,
        "sentence-t5: how many GLUE tasks does SentGLUE add to SentEval, and which existing sentence encoders did the encoder-only ST5 models beat?",
    )
    assert "nine" in answer.text and "Sentence-BERT" in answer.text and "SimCSE" in answer.text
