"""What the forty-fourth session's fresh sets (dev90, dev91; measured on fdf44de before they were read) found, fixed in
general form and diffed on every seen set: a side said to end up worse than another the paper says it beats, named there
by an acronym the abstract spells out ("the vanilla PoT approach"); accuracy given up "at the cost of" where the paper
maintains it; a premise in a question the kinds vote a list, naming one paper; guessed names after a dash ("- integrated
gradients, SHAP, something else?"); a coined name made of a known word and a noun ("Bailong-bench") is a name; a figure
asked "(not the X)" is not X's; and a kind's name set off by commas after it ("benchmark, SentGLUE,")."""

from __future__ import annotations

from rag import prompts
from rag.answer.premise import reversed_ranking
from tests.test_asked_wording import _answer
from tests.test_wording_dev86 import _hit


def test_a_side_said_worse_than_one_it_beats_is_a_reversed_premise_acronym_and_all(shipped_components):
    hit = _hit(shipped_components, "PANDA")
    line = reversed_ranking("Why does PANDA do worse than vanilla prompt transfer with small PLMs?", hit)
    assert line is not None and "consistently outperforms the vanilla PoT approach" in line.text


def test_accuracy_given_up_where_the_paper_maintains_it_is_a_reversed_premise(shipped_components):
    answer = _answer(shipped_components, "SBERT is fast at the expense of accuracy - how much accuracy does it give up against BERT?")
    assert answer.abstained and "says the reverse" in answer.text


def test_a_premise_in_a_list_naming_one_paper_is_checked(shipped_components):
    answer = _answer(shipped_components, "AIO-P can't handle architectures that weren't in its training search spaces - how do they get around that?")
    assert answer.abstained and prompts.PREMISE_REVERSED.format(name="AIO-P") in answer.text


def test_guessed_names_after_a_dash_ask_a_name(shipped_components):
    answer = _answer(shipped_components, "For the paper finding task pairs for inductive transfer from feature attributions, which attribution method is used - integrated gradients, SHAP, something else?")
    assert answer.abstained and "attribution method" in answer.text


def test_a_coined_name_of_a_known_word_and_a_noun_is_a_name(shipped_components):
    answer = _answer(shipped_components, "Bailong: which benchmark did they introduce to check instruction following and preference alignment in Traditional Chinese and English?")
    assert not answer.abstained and "Bailong-bench" in answer.text


def test_a_figure_asked_not_of_a_ruled_out_baseline_is_the_other_ones(shipped_components):
    answer = _answer(shipped_components, "NLTrace vs the general LM-based trace model (not the IR baseline): how much better is it on F2 and on MAP?")
    assert answer.items[0].text.startswith("7%")


def test_a_kinds_name_set_off_by_commas_leads(shipped_components):
    answer = _answer(shipped_components, "Sentence-T5: what new benchmark do they establish?")
    assert answer.items[0].text.startswith("SentGLUE")


def test_a_verb_of_less_saying_what_for_is_no_topic_the_abstracts_miss(shipped_components):
    answer = _answer(shipped_components, "PETL methods that share weights across tasks or layers to cut trainable parameters even more?")
    assert not answer.abstained


def test_two_names_opening_a_question_are_each_asked(shipped_components):
    answer = _answer(shipped_components, "UniAdapter or VL-Adapter: what share of parameters is tuned, and does either match full fine-tuning?")
    assert answer.kind == "comparison" and "4.18%" in answer.text and "2.2%" in answer.text
