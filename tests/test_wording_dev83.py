"""What the forty-second session's second fresh set (dev83) found, each fixed in general form and diffed on every seen set: a word
the question writes both inside and outside its alternatives ("singing voice conversion or singing style transfer") was no
facet of its own, so papers on voice conversion were listed; a quality the question says one side has worse ("generalizes
worse ... than BERT or GPT-2") of a paper telling it better ("leads to better generalization"), and a cost it says grows
("blow up GPU memory") of a paper saying it does not ("without increasing the memory ... much"), were answered as reasons;
"ZeTT", the acronym the paper gives its title's words, did not name the paper, and "has to be retrained" was not checked
against "without extra training"; "which neural commonsense knowledge model" was answered though the abstract only says "a
neural commonsense knowledge model", its later "the neural commonsense knowledge model" a mere back-reference."""

from __future__ import annotations

from tests.test_asked_wording import _answer


def test_a_word_outside_the_alternatives_is_a_facet_of_its_own(shipped_components):
    answer = _answer(shipped_components, "singing style transfer or singing voice synthesis with pretrained models - anything?")
    assert answer.abstained and "singing" in answer.text


def test_a_quality_told_the_other_way_is_no_premise(shipped_components):
    answer = _answer(shipped_components, "T5 pre-training for data-to-text generalizes worse on out-of-domain test sets than GPT-2 - what's the reason?")
    assert answer.abstained and "says the reverse" in answer.text


def test_a_cost_the_paper_says_does_not_grow_is_no_premise(shipped_components):
    answer = _answer(shipped_components, "How did the SwAV authors cope with multi-crop increasing GPU memory so much?")
    assert answer.abstained and "says the reverse" in answer.text


def test_the_acronym_of_a_title_names_its_paper_and_retraining_is_checked(shipped_components):
    answer = _answer(shipped_components, "Given that a ZeTT hypernetwork has to be retrained for each fine-tuned version of the model, how long does that take?")
    assert answer.abstained and "without training" in answer.text


def test_a_back_reference_does_not_name_the_kind(shipped_components):
    answer = _answer(shipped_components, "In commonsense knowledge transfer, which neural commonsense knowledge model is the knowledge extracted from?")
    assert answer.abstained and "neural commonsense knowledge model" in answer.text


def test_a_described_side_is_not_shown_by_a_sentence_on_the_field(shipped_components):
    answer = _answer(shipped_components, "ZeTT vs the low-resource vocabulary expansion study: how does each initialise embeddings for new tokens?")
    assert not answer.abstained and "yet to be explored" not in answer.text
