"""What the thirty-seventh session found re-reading the seen sets' misses, each fixed in general form and diffed on every
seen set: a comparison asked only as "which is faster / gets the higher X" of a figure neither abstract states was
answered on "the rest" (the which-clause itself) with two unrelated lines; a topic asked as alternatives ("visual place
recognition or SLAM") escaped the list's facet check because each alternative alone barely moves the question; and
"speech enhancement" / "knowledge tracing" / "architecture search" were not read as tasks named by two words. Then: a
named or described paper followed by what is asked of it was voted a list; "what MAP it reached" asked for "MAP it";
"specialised" missed "specialized"; a figure asked against a baseline got a count with no baseline; a kind said only as
"one source language" was taken as answered by the sentence saying so."""

from __future__ import annotations

import pytest

from rag.answer.asked import asked_detail, asked_value
from rag.answer.question_kind import rule_kind
from tests.test_asked_wording import _answer


@pytest.mark.parametrize(
    "question",
    [
        "Which is faster at inference per video, MotionMaster (COMD) or Ground-A-Video?",
        "Which gets the higher ImageNet linear-probe top-1: CIM (correlational image modeling) or Barlow Twins? give the numbers",
    ],
)
def test_a_comparison_asking_only_who_wins_on_an_unstated_figure_is_not_stated(shipped_components, question):
    answer = _answer(shipped_components, question)
    assert answer.abstained and answer.shape == "not_stated"


def test_a_comparison_asking_something_else_too_is_still_answered_on_the_rest(shipped_components):
    # "how does each ..." is another ask: the lines answer it, and the unstated figure is said after them (as before).
    answer = _answer(shipped_components, "Which is faster at inference, MotionMaster or Ground-A-Video, and how does each edit or transfer video motion?")
    assert not answer.abstained and answer.shape == "comparison"


@pytest.mark.parametrize(
    "question, missing",
    [
        ("Which papers apply transfer learning to visual place recognition or SLAM for mobile robots?", "place recognition"),
        ("Which papers use pretrained models / transfer learning for speech enhancement, i.e. denoising noisy speech recordings?", "speech enhancement"),
        ("Which papers apply neural architecture search to NLP models such as transformer language models?", "architecture search"),
    ],
)
def test_a_list_topic_no_listed_paper_writes_is_not_stated(shipped_components, question, missing):
    answer = _answer(shipped_components, question)
    assert answer.abstained and missing in answer.text


@pytest.mark.parametrize("question", ["Which papers use transfer learning for speech recognition?", "Which papers use neural architecture search?"])
def test_a_list_whose_papers_write_the_task_is_still_listed(shipped_components, question):
    answer = _answer(shipped_components, question)
    assert not answer.abstained and answer.shape == "list"


# Part two: what an asked phrase, a question's kind and a figure's baseline were read as.


@pytest.mark.parametrize(
    "question",
    [
        "Meta-RTL - which backbones did they use for the meta model, and what is the policy network built from?",
        "In the CLOOB paper, which datasets were used to pre-train CLOOB and CLIP for the comparison?",
        "RODE (learning roles for multi-agent tasks): how are the role action spaces formed?",
    ],
)
def test_things_asked_of_one_named_or_described_paper_are_a_fact(question):
    assert rule_kind(question) == "fact"


@pytest.mark.parametrize(
    "question, kind",
    [
        ("Transformers - which papers use them for protein design?", "list"),  # papers asked for, after a name
        ("In the transfer learning literature, which papers study negative transfer?", "list"),
        ("GHOST 2.0 and the SAWN person image synthesis paper - what modules does each introduce?", ""),  # each of two: the vote decides
    ],
)
def test_papers_asked_for_stay_lists(question, kind):
    assert rule_kind(question) == kind


def test_the_subject_before_a_trailing_verb_is_no_part_of_the_measure():
    assert asked_value("Which dataset was TANDA's transfer step built from, and what MAP it reached on WikiQA?") == "MAP"
    assert asked_detail("Meta-RTL: what is the policy network built from?") == "policy network"
    assert asked_detail("What is the license of the released code?") == "license"  # as before


def test_a_figure_asked_against_a_baseline_is_the_one_measured_against_it(shipped_components):
    answer = _answer(shipped_components, "roughly how many transfer parameters does ScaLearn need compared with AdapterFusion?")
    assert answer.shape == "fact" and "0.35%" in answer.items[0].text


def test_a_british_spelling_asks_what_the_american_one_states(shipped_components):
    answer = _answer(shipped_components, "Compare PaliGemma and Mini-InternVL as small multimodal models meant for transfer: how big are they and which specialised downstream domains does each mention?")
    assert not answer.abstained and answer.shape == "comparison"


def test_a_kind_said_only_as_one_of_it_is_not_stated(shipped_components):
    answer = _answer(shipped_components, "In 'Reuse Your Rewards', which source language was the reward model trained on before being applied to other languages?")
    assert answer.abstained and "source language" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        # "a novel conditional inpainting technique" answers what kind of technique
        "The end-to-end artifact removal paper for virtual try-on and pose transfer images: what kind of technique do they use?",
        # "soft prompt tuning and Proximal Policy Optimization (PPO) reinforcement learning techniques": named without a count
        "In RetriKT (retrieval-based knowledge transfer for extreme LLM compression), which two techniques are used to improve the quality of the small model?",
    ],
)
def test_kinds_answered_by_description_stay_answered(shipped_components, question):
    assert not _answer(shipped_components, question).abstained


# Part three, from dev75 (read after its clean run) and the seen sets.


def test_a_kind_no_shown_or_kind_writing_sentence_names_is_not_stated(shipped_components):
    answer = _answer(shipped_components, "dissonance detection paper - which social media platform did the language samples come from?")
    assert answer.abstained and "social media platform" in answer.text


@pytest.mark.parametrize(
    "question, name",
    [
        ("In the Polish text-to-text benchmark paper, which model came out best on summarization?", "plBART"),  # a name shown
    ],
)
def test_a_kind_a_shown_sentence_names_stays_answered(shipped_components, question, name):
    answer = _answer(shipped_components, question)
    assert not answer.abstained and name in answer.text


def test_a_question_asking_of_two_papers_is_not_read_as_of_one(shipped_components):
    # "IMPALA and the ... paper": not "the abstracts don't state the benchmark" of IMPALA alone
    assert not _answer(shipped_components, "Which benchmark suites do IMPALA and the hypernetworks-for-zero-shot-RL paper evaluate on?").abstained
    # the other paper's topic is no term borrowed from it
    assert not _answer(shipped_components, "How do the portfolio optimization transfer paper and DistillNearest decide which source task/model to transfer from?").abstained


@pytest.mark.parametrize(
    "question",
    [
        "List the papers working on task-oriented dialog, e.g. dialog state tracking or slot filling.",  # written in D3ST's title
        "Which papers deliberately exploit equivariance (as opposed to plain invariance) in their representations or pretext tasks?",  # an adverb
    ],
)
def test_words_the_papers_write_or_that_say_how_are_no_unmentioned_topic(shipped_components, question):
    answer = _answer(shipped_components, question)
    assert not answer.abstained and answer.shape == "list"


def test_the_why_asked_again_as_a_mechanism_is_still_a_why(shipped_components):
    answer = _answer(shipped_components, "Why is English a worse source language for English-centric models like LLaMA? What's the mechanism behind that?")
    assert answer.abstained and "reason" in answer.text


def test_an_amount_the_paper_gives_the_other_way_is_a_reversed_premise(shipped_components):
    answer = _answer(shipped_components, "CogAlign apparently needs about 60% more training data than supervised fine-tuning - why is it so data-hungry?")
    assert answer.abstained and "reverse" in answer.text
    # the premise as the paper tells it is answered
    assert not _answer(shipped_components, "CogAlign needs 60% less training data than supervised fine-tuning - what does it do?").abstained
