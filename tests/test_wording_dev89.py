"""What the forty-third session's last fresh set (dev89, measured unread) found, read in the forty-fourth session and fixed in
general form: a premise the paper denies by a quality ("unstable" of "stable behavior"), by accuracy lost where it is
comparable, by a benefit it says there is, also when the kinds vote a list of one described paper; a figure asked in its own
clause of the paper that clause names; a name the sentence labels as data is no model asked; a module is a kind of thing
with names; and comparisons asking what each starts from, what each transfers, and results of a kind or "the headline
result"."""

from __future__ import annotations

from rag import prompts
from rag.answer.premise import denied_failure
from tests.test_asked_wording import _answer
from tests.test_wording_dev86 import _hit


def test_unstable_where_the_paper_tells_stable_behavior_is_a_reversed_premise(shipped_components):
    hit = _hit(shipped_components, "Geometrically Aligned Transfer Encoder")
    line = denied_failure("Why does GATE get unstable in extrapolation regions of molecular graph datasets?", hit)
    assert line is not None and "stable behavior" in line.text


def test_accuracy_lost_where_the_paper_tells_it_comparable_is_a_reversed_premise(shipped_components):
    answer = _answer(shipped_components, "Since offsite-tuning loses much accuracy against full model fine-tuning, how do they recover it?")
    assert answer.abstained and prompts.PREMISE_REVERSED.format(name="Offsite-Tuning") in answer.text
    # The lead is the sentence telling the accuracy, not the first one sharing two of the setting's words.
    assert "comparable accuracy" in answer.items[2].text


def test_a_benefit_denied_in_a_list_of_one_described_paper_is_a_reversed_premise(shipped_components):
    answer = _answer(shipped_components, "sparse retrievers can't benefit from domain adaptation - what does the simple domain adaptation paper propose then?")
    assert answer.abstained and "says the reverse" in answer.text


def test_a_figure_asked_in_its_own_clause_is_asked_of_the_paper_that_clause_names(shipped_components):
    # XLM-R's abstract counts "one hundred languages"; EntityCS's counts none.
    answer = _answer(shipped_components, "How many languages does the EntityCS corpus span, and which XLM-R variant was trained on it?")
    assert answer.abstained


def test_a_name_labelled_as_a_benchmark_names_no_model(shipped_components):
    answer = _answer(shipped_components, "LaGTran needs text descriptions of the target images and videos - which captioning model produces them?")
    assert answer.abstained


def test_a_module_is_a_kind_asked_by_name(shipped_components):
    answer = _answer(shipped_components, "what extra module does CLIP2Point add for few-shot classification")
    assert not answer.abstained and "Dual-Path Adapter" in answer.text


def test_each_sides_starting_point_is_the_sentence_telling_it(shipped_components):
    answer = _answer(shipped_components, "plT5 vs CafeBERT - which multilingual model does each start from?")
    assert "mT5" in answer.text and "XLM-RoBERTa" in answer.text


def test_what_each_transfers_is_the_sentence_telling_the_transfer(shipped_components):
    answer = _answer(shipped_components, "XATL vs fine-tuning transfer between Llama versions: what gets transferred in each?")
    assert "diff vector" in answer.text and "directly transferred" in answer.text


def test_results_of_a_kind_are_the_sentences_writing_that_kind(shipped_components):
    answer = _answer(shipped_components, "Compare the sim-to-real results of the in-context 'dynamics as prompts' method and the open-loop oscillator locomotion baseline.")
    assert "70%" in answer.text and "elastic quadruped" in answer.text


def test_the_headline_result_is_a_results_ask(shipped_components):
    answer = _answer(shipped_components, "DTA vs CWA: what does each attack and what's the headline result?")
    assert "90%" in answer.text


def test_a_kind_asked_in_the_plural_leads_with_each_name_the_sentence_gives(shipped_components):
    answer = _answer(shipped_components, "which modules does the KRT framework for multi-label class-incremental learning include?")
    assert answer.items[0].text == "DPL module and ICA module"


def test_a_part_of_a_name_the_question_writes_is_no_name_of_the_kind(shipped_components):
    # "two PETL modules: Historical Interaction Booster (HIB) and ..." for a question writing VLN-PETL.
    answer = _answer(shipped_components, "What two navigation-specific modules does VLN-PETL introduce?")
    assert "PETL module" not in answer.items[0].text and "Historical Interaction Booster" in answer.text


def test_a_starting_point_is_told_by_a_name(shipped_components):
    # "based on the Transformers architecture" and "from the Czech model" name no starting checkpoint: the sentence naming
    # the kind asked still answers.
    answer = _answer(shipped_components, "The Czech-to-Slovak speech recognition paper vs the Spanish TrOCR paper: which pretrained model does each start from?")
    slovak = next(i for i in answer.items if i.label.startswith("Transfer Learning of Transformer-based Speech Recognition"))
    assert slovak.text.startswith("The authors are exploring the approach of transfer learning from the existing Czech pre-trained Wav2Vec 2.0 model")


def test_what_the_field_transfers_is_no_sides_answer(shipped_components):
    answer = _answer(shipped_components, "LC-RL vs graph schemas - what is carried over to new environments in each?")
    assert not answer.abstained and "humans and animals" not in answer.text


def test_how_big_the_gains_are_is_answered_by_a_figure(shipped_components):
    answer = _answer(shipped_components, "LST vs CoDA: which efficiency does each target, and how big are the reported gains?")
    assert "69%" in answer.text and "2x to 8x" in answer.text
