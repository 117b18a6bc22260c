"""What the fifty-first session's reading of dev125 showed (dev124 kept unread), fixed in general form and diffed on every seen
set: where something is released, asked after naming it ("tinysam pretrained models and code - besides github, where are they
being released?"); a comparison asked with "each" before a colon and the two sides, or "according to A and according to B"; a
count a sentence gives of the things asked by name ("which five GLUE tasks", "3 fine-tuning schemes - which ones exactly?") is
no naming of them because a baseline is named after it; and "which one fine-tunes the bigger base LLM?" asks each side's size."""

from __future__ import annotations

from rag.answer.asked import metric_asked
from rag.answer.naming import unnamed_counted
from rag.answer.question_kind import rule_kind
from tests.test_asked_wording import _answer
from tests.test_asked_wording_dev41 import _hit


def test_where_a_thing_named_first_is_released(shipped_components):
    """dev125: the answer was TinySAM's sentence on its zero-shot results, not the one giving GitHub and Gitee addresses."""
    answer = _answer(shipped_components, "tinysam pretrained models and code - besides github, where are they being released?")
    assert not answer.abstained and "gitee.com" in answer.text


def test_each_before_a_colon_and_two_sides_is_a_comparison():
    """dev125: "How many datasets does each put together: the XLM-R Chinese NLI probing study or the VLUE benchmark?" was read
    as a fact and answered from XLM-R's own paper; "according to A and according to B" was answered from one of them."""
    assert rule_kind("How many datasets does each put together: the XLM-R Chinese NLI probing study or the VLUE benchmark?") == "comparison"
    assert rule_kind("What controls how well representations transfer, according to the invariance study and according to t-ReX?") == "comparison"
    # ... not a list asking what each paper reports
    assert rule_kind("Which papers use LoRA and what does each report: accuracy or F1?") == "list"


def test_a_count_measured_against_a_named_baseline_still_names_nothing():
    """dev125: "Which five GLUE tasks make up the 2.35% average gain ...?" quoted "... on 5 GLUE tasks over BERT-LARGE": the
    baseline's name was read as naming the tasks."""
    question = "Which five GLUE tasks make up the 2.35% average gain in the multi-task information transfer paper?"
    counting = _hit("We study multi-task learning. We obtain a 2.35% GLUE score average improvement on 5 GLUE tasks over BERT-LARGE using our alignment method.")
    assert unnamed_counted(question, [counting]) is not None
    naming = _hit("We study multi-task learning. We obtain a 2.35% GLUE score average improvement on 5 GLUE tasks (MNLI, QQP, SST-2, CoLA and RTE).")
    assert unnamed_counted(question, [naming]) is None
    # ... and things listed after a dash are named (dev99's "two other tasks relevant to content moderation -- toxicity and stance
    # detection", once "which ones?" was read as asking them)
    question = "The fact verifier paper also evaluates two tasks beyond fact-checking. Which ones?"
    dashed = _hit("We train fact verifiers. We evaluate on 12 benchmarks for fact-checking as well as two other tasks relevant to moderation -- toxicity and stance detection.")
    assert unnamed_counted(question, [dashed]) is None
    assert unnamed_counted(question, [_hit("We train fact verifiers. We evaluate on 12 benchmarks for fact-checking as well as two other tasks.")]) is not None


def test_things_counted_then_asked_as_which_ones_exactly():
    """dev125: "DTA was tested with 3 fine-tuning schemes - which ones exactly (linear probing, full fine-tuning, ...)?" quoted
    DTA's method sentence; its abstract counts the schemes and names none."""
    question = "DTA was tested with 3 fine-tuning schemes - which ones exactly (linear probing, full fine-tuning, ...)?"
    counting = _hit("We propose DTA. Through experiments with ViTs by 3 distinct pre-training methods, 3 fine-tuning schemes, and across 10 datasets, DTA works.", name="DTA")
    assert unnamed_counted(question, [counting]) is not None


def test_which_one_fine_tunes_the_bigger_model_asks_each_size(shipped_components):
    """dev125: "XL-Instruct vs Bailong: which one fine-tunes the bigger base LLM?" showed both contributions side by side; only
    Bailong's abstract gives a size (7B)."""
    question = "XL-Instruct vs Bailong: which one fine-tunes the bigger base LLM?"
    assert metric_asked(question) == "parameter count"
    answer = _answer(shipped_components, question)
    assert answer.abstained and "XL-Instruct does not state" in answer.text
