"""A figure the question takes as given must be one a close paper gives (rag/answer/question_numbers.py),
and a numbered variant asked without naming its paper is checked like a named one (rag/answer/stated.py)."""

from __future__ import annotations

import pytest

from rag.answer.asked import asked_condition, asked_rate, states_rate
from rag.answer.question_numbers import question_figures, unstated_figure
from rag.answer.shapes import ShapeBuilder
from rag.answer.stated import unstated_variant_in
from rag.records import Evidence, Paper, PaperHit


def _hit(text: str, title: str = "A paper", paper_id: str = "p") -> PaperHit:
    return PaperHit(1, Paper(paper_id, title, text), 1.0, f"{paper_id}-0", (Evidence(text, 0, len(text), 0.9),))


XL_INSTRUCT = _hit(
    "Fine-tuning with just 8K XL-Instruct-generated instructions significantly improves model performance, "
    "increasing the win rate against GPT-4o-Mini from 7.4% to 21.5%.",
    "XL-Instruct",
)


def test_a_figure_no_close_paper_gives_is_not_stated():
    """dev25: the win rate after 16K instructions, of an abstract reporting it after 8K."""
    question = "What win rate against GPT-4o-Mini do models reach after fine-tuning on 16K XL-Instruct instructions?"
    assert unstated_figure(question, [XL_INSTRUCT]) == "16K XL-Instruct instructions"
    assert unstated_figure(question.replace("16K", "8K"), [XL_INSTRUCT]) == ""
    assert unstated_figure(question.replace("16K", "8,000"), [XL_INSTRUCT]) == ""  # read by value
    # Any close paper giving it will do: the answer is drawn from the close papers.
    assert unstated_figure(question, [XL_INSTRUCT, _hit("We use 16,000 instructions.", "Other", "q")]) == ""

    shaped = ShapeBuilder(0.3, 0.5, 6).build(question, "fact", [XL_INSTRUCT])
    assert shaped.shape == "not_stated"
    assert "16K XL-Instruct instructions" in shaped.items[0].text


@pytest.mark.parametrize(
    ("question", "abstract"),
    [
        ("How long does SBERT take among 10k sentences?", "Finding the most similar pair in a collection of 10,000 sentences takes 5 seconds."),
        ("How much does the model trained on 100 languages improve XNLI?", "We train a model on one hundred languages."),
        ("Which tasks does the 7B model do best on?", "We study 7B-parameter and 13B-parameter models."),
        ("With only 250 labelled sentences, how large are the gains?", "Gains of up to 47 F1 points when only 250 labeled sentences are available."),
        ("What does GPT-4 score on COVID-19 questions in 2023?", "GPT-4 does well."),  # names and years are no given figures
        ("Does it gain more than 10 points?", "It gains 14.6 points."),  # a threshold the question sets
        ("How does the ~65 hour BERT search compare?", "BERT needs about 65 hours."),
    ],
)
def test_a_figure_the_abstract_gives_in_another_form_or_no_figure_given_is_no_gap(question, abstract):
    assert unstated_figure(question, [_hit(abstract)]) == ""


def test_figures_are_read_with_what_they_are_of():
    assert question_figures("after fine-tuning on 16K XL-Instruct instructions?") == [(16000.0, "16K XL-Instruct instructions")]
    assert question_figures("among 10k sentences, compared with BERT") == [(10000.0, "10k sentences")]
    assert question_figures("SpineNet-49 with 5-shot prompts on 2D images") == []


def test_a_numbered_variant_asked_without_its_paper_is_checked_against_the_close_papers():
    """dev25: "What COCO AP does SpineNet-49 achieve ...?" names no paper by its card name, only the variant."""
    spinenet = _hit("SpineNet-190 achieves 52.5% AP with a MaskR-CNN detector on COCO.", "SpineNet")
    question = "What COCO AP does SpineNet-49 achieve with a RetinaNet detector?"
    assert unstated_variant_in(question, [spinenet]) == "SpineNet-49"
    assert unstated_variant_in(question, [spinenet, _hit("SpineNet-49 reaches 40.8% AP.", "Another", "q")]) == ""
    assert unstated_variant_in("What COCO AP does SpineNet-190 achieve?", [spinenet]) == ""



def test_on_average_is_how_a_figure_is_taken_not_a_condition_it_is_asked_on():
    """dev26: "By how many points does its multi-source version beat the baselines on average?" said "The
    abstracts don't state how many points" of "outperforms the baselines by 5.6%-points": "average" was
    read as the condition a stating sentence must name, and "Averaged" stems apart from it."""
    assert asked_condition("By how many points does its multi-source version beat the baselines on average?") == set()
    assert asked_condition("By how much does FocusCLIP beat CLIP on zero-shot human pose estimation?")  # a condition still


def test_a_rate_asked_is_stated_only_by_a_figure_per_that_unit():
    """dev27: "How many tokens per second does hidden-transfer parallel decoding generate ...?" was answered
    "one token", from "... generate one token in a single forward process": a count of tokens, per nothing."""
    assert asked_rate("How many tokens per second does it generate compared with Medusa?") == ("tokens", "second")
    assert asked_rate("How many tokens does it generate?") == ("", "")
    assert not states_rate("Autoregressive decoding methods generate one token in a single forward process.", "second")
    assert states_rate("It runs at 250K frames/s on one GPU.", "second") and states_rate("It processes 30 images/sec.", "second")
    assert states_rate("On GLUE it attains within 0.4% of full fine-tuning, adding only 3.6% parameters per task.", "task")
    builder = ShapeBuilder(0.3, 0.5, 6)
    decoding = _hit("Autoregressive decoding methods generate one token in a single forward process. We propose hidden transfer.", "Parallel Decoding via Hidden Transfer")
    answer = builder.build("How many tokens per second does hidden-transfer parallel decoding generate?", "fact", [decoding])
    assert answer.shape == "not_stated" and "tokens per second" in answer.items[0].text
