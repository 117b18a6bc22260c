"""What the fifty-first session's reading of dev123 showed (dev124 kept unread), fixed in general form and diffed on every
seen set: "which one is run on the larger base LLM?" asks each side's model size, which an abstract naming its model without
one does not give; "exact SNLI and MultiNLI test accuracies of X?" asks accuracies with no question word, the measure before
the paper; and a question led by a run of one paper's title ("model diffusion for certifiable few-shot transfer - ...") asks
that paper, so another retrieved paper's figure is no answer; what earlier work did is told by a sentence on earlier work; whether
each sets the state of the art asks a comparison's results. And of list answers: "which entries" asks for papers; a line may be a
sentence after the paper's contribution when it is closer to the question and leans on nothing before it; a line only naming
the proposal goes on with what it does; a comparative ("cheaper") is no facet the listed papers must write."""

from __future__ import annotations

import re

from rag.answer.asked import asked_value, metric_asked, other_asks
from tests.test_asked_wording import _answer


def test_the_larger_model_a_side_runs_on_asks_its_size(shipped_components):
    """dev123: "MetaLadder vs Self-Translate-Train: which one is run on the larger base LLM?" got each paper's contribution line,
    which reads as an answer; neither abstract gives a model size."""
    for question in (
        "MetaLadder vs Self-Translate-Train: which one is run on the larger base LLM?",
        "Lookback Lens vs NoEsis: which one was evaluated on the larger LLM, in parameters?",
    ):
        assert metric_asked(question) == "parameter count"
        assert other_asks(question, "parameter count") == []
        assert _answer(shipped_components, question).abstained
    # ... not a size compared by another measure, which each abstract states ("5.85 billion ... pairs", "160k ... images", dev14)
    answer = _answer(shipped_components, "Which is bigger, LAION-5B or the AgriNet dataset, and how many images/pairs does each have?")
    assert not answer.abstained and "5.85 billion" in answer.text and "160k" in answer.text
    assert metric_asked("Which one scales better to larger models, X or Y?") == ""


def test_accuracies_asked_before_the_paper_without_a_question_word():
    """dev123: "exact SNLI and MultiNLI test accuracies of the iterative refinement BiLSTM sentence encoder?" got the sentence saying
    "strong results for SNLI and MultiNLI", no figure: no value was read, so nothing checked that one was stated."""
    assert asked_value("exact SNLI and MultiNLI test accuracies of the iterative refinement BiLSTM sentence encoder?") == "accuracies"
    assert asked_value("ReXNet box AP on COCO object detection?") == "box AP"
    assert asked_value("Nice results of the iterative refinement encoder?") == ""


def test_a_question_led_by_a_title_run_asks_that_paper(shipped_components):
    """dev123: "on how many upstream tasks is it trained?" of the model-diffusion paper, which counts none, was taken as stated by
    another diffusion paper's "two key observations ... denoising tasks"."""
    question = (
        "model diffusion for certifiable few-shot transfer - what denoiser architecture models the distribution over PEFT parameters, "
        "and on how many upstream tasks is it trained?"
    )
    answer = _answer(shipped_components, question)
    assert answer.abstained and "upstream tasks" in answer.text


def test_what_earlier_work_did_is_told_by_the_sentence_on_earlier_work():
    """dev123: "what did earlier work carry over from the emergent-communication games instead of a corpus?" got the sentence sharing
    most words ("... consider referential games ..."), not the one saying what prior work transfers."""
    from rag.answer.fact_lines import answering_sentence
    from tests.test_asked_wording_dev41 import _hit

    hit = _hit(
        "Computational approaches to emergent communication consider referential games in limited domains and analyze the games. "
        "We propose corpus transfer, in contrast to prior work that directly transfers speaker and listener parameters of the games. "
        "Our translation-based metric correlates well, while topographic similarity, a popular metric in previous work, does not."
    )
    question = "In the corpus transfer paper, what did earlier work carry over from the games?"
    assert "speaker and listener parameters" in answering_sentence(question, hit).text
    # ... not when the question asks of the paper's own work
    assert "referential games" in answering_sentence("In the corpus transfer paper, what did they analyze in the games?", hit).text


def test_whether_each_sets_the_state_of_the_art_asks_their_results(shipped_components):
    """dev123: "HaT5 vs TransferTransfo: does each actually set a new state of the art ...?" got HaT5's line on what it
    investigates, not its "near-SoTA results"; the lines of a comparison leave results out unless results are asked."""
    answer = _answer(shipped_components, "HaT5 vs TransferTransfo: does each actually set a new state of the art on its benchmark, or only get close?")
    assert "near-SoTA" in answer.text


def test_which_entries_asks_for_papers():
    """dev123: "Which entries are a follow-up '2' / '2.0' release of an earlier model?" was read as a fact and answered with one
    paper's sentence on releasing its code."""
    from rag.answer.question_kind import rule_kind

    assert rule_kind("Which entries are a follow-up '2' / '2.0' release of an earlier model?") == "list"


def test_a_list_line_may_be_a_sentence_after_the_contribution(shipped_components):
    """dev123: "which papers report results getting better as the model gets larger" gave plT5's line as its benchmark, not
    its "the larger the model, the better the results": only a sentence in the authors' voice could displace the contribution."""
    answer = _answer(shipped_components, "bigger = better? which papers report results getting better as the model gets larger")
    assert "the larger the model, the better the results" in answer.text
    assert not re.search(r"\b(?:we|our)\b", answer.text, re.IGNORECASE)


def test_a_list_line_only_naming_the_proposal_goes_on_with_what_it_does(shipped_components):
    """dev123: Self-Translate-Train's line was "The authors propose a simple yet effective method called Self-Translate-Train.\""""
    answer = _answer(
        shipped_components,
        "Because suitable training data was scarce, which papers built their own large training set first - by pooling existing datasets or generating synthetic data?",
    )
    line = next(line for line in answer.text.splitlines() if "**Self-Translate-Train**" in line)
    assert "synthetic training data" in line


def test_a_comparative_is_no_facet_of_a_list(shipped_components):
    """dev123: "I want to make a big pretrained model cheaper by throwing away whole structural parts ..." was declined because
    the listed papers never write "cheaper"; they write "reduce", "efficient"."""
    answer = _answer(
        shipped_components,
        "I want to make a big pretrained model cheaper by throwing away whole structural parts (layers, attention heads, modules) rather than individual weights. Which papers do that?",
    )
    assert not answer.abstained and "Structured Pruning" in answer.text
