"""What the fiftieth session's reading of dev116 showed, fixed in general form and diffed on every seen set: things
counted first and asked for after with "exactly" ("ViLBERT is pretrained with two proxy tasks - what exactly are those
two tasks?") are asked by name, so an abstract that only counts them does not answer; and a question asking where to
download something, or whether it is released, is answered by the sentence giving the place, which lines otherwise leave out.
Then, from dev121's misses (dev122 kept unread): a count spelled out ("from two camera views") is a figure the question does not
give; "what happens to X" asks no value "happens"; things counted "for" something before "what are they?" are the parts asked;
"which one was evaluated on more X" asks each side's X, as "which one evaluates on more X" does; and a paper named only among
the answers a question offers ("- mBERT or XLM-R?") is an answer, not the paper asked about."""

from __future__ import annotations

from rag.answer.asked import asked_detail, asked_value, value_asked
from rag.answer.fact_lines import counted_parts_sentence
from rag.answer.naming import unnamed_counted
from rag.answer.question_kind import rule_kind
from rag.answer.question_numbers import only_given_figures
from tests.test_asked_wording import _answer
from tests.test_asked_wording_dev41 import _hit


def test_things_counted_then_asked_for_exactly_are_asked_by_name():
    """dev116: the answer quoted back ViLBERT's sentence saying there are two proxy tasks, which names neither."""
    question = "ViLBERT is pretrained with two proxy tasks on Conceptual Captions - what exactly are those two tasks?"
    counting = _hit("We present ViLBERT. We pretrain our model through two proxy tasks on the large Conceptual Captions dataset.", name="ViLBERT")
    found = unnamed_counted(question, [counting])
    assert found is not None and "two proxy tasks" in found[0]
    naming = _hit("We present ViLBERT. We pretrain our model through two proxy tasks: masked multi-modal modelling and alignment prediction.", name="ViLBERT")
    assert unnamed_counted(question, [naming]) is None


def test_where_to_download_is_answered_by_the_sentence_giving_the_place(shipped_components):
    """dev115: "where can I download the Spanish TrOCR models?" got two sentences on what the models are, not the one saying
    they are on HuggingFace: lines leave out sentences giving a code address, which here is the answer."""
    answer = _answer(shipped_components, "where can I download the Spanish TrOCR models?")
    assert not answer.abstained and "publicly available on HuggingFace" in answer.text and "best open-source model" not in answer.text
    # ... and whether it is released, of a paper giving its address; one giving none is "not stated"
    answer = _answer(shipped_components, "Is the code for VL-Adapter publicly available?")
    assert not answer.abstained and "github.com/ylsung/VL_adapter" in answer.text
    assert _answer(shipped_components, "Is the code for ForkMerge publicly available?").abstained


def test_a_count_spelled_out_is_a_figure_the_question_does_not_give():
    """dev121: "from how many camera views does it predict motion tracks, and how does it get full 6DoF trajectories?" was
    "not stated" of "... from two camera views, recovering 6DoF trajectories ...": its only digits were the question's "6DoF"."""
    question = "MT-pi at test time: from how many camera views does it predict motion tracks, and how does it get full 6DoF trajectories out of them?"
    assert not only_given_figures(question, "The authors predict motion tracks from two camera views, recovering 6DoF trajectories via multi-view synthesis.")
    assert only_given_figures(question, "It recovers 6DoF trajectories.")
    # ... a count the question spells too is still given
    assert only_given_figures("Which two modules with 6 layers?", "It has two modules of 6 layers.")


def test_what_happens_asks_no_value():
    """dev121: "what happens to its STS results once NLI supervision is added?" said "The abstracts don't state the happens to its STS"."""
    question = "ConSERT is unsupervised - what happens to its STS results once NLI supervision is added on top?"
    assert asked_detail(question) == "" and asked_value(question) == ""
    assert asked_value("What happens to accuracy when the model is pruned?") == ""


def test_things_counted_for_something_then_asked_are_its_parts():
    """dev121: "LIBERO highlights five research topics for lifelong learning in decision-making. what are they?" was answered
    as an open question, with the abstract's opening sentences and not the one listing the five topics."""
    question = "LIBERO highlights five research topics for lifelong learning in decision-making. what are they?"
    assert rule_kind(question) == "fact"
    hit = _hit(
        "Lifelong learning is promising. We introduce LIBERO, a benchmark. LIBERO highlights five key research topics in LLDM: 1) transfer, "
        "2) policy architectures, 3) algorithms, 4) task ordering and 5) model pretraining. We run experiments.",
        name="LIBERO",
    )
    counting = counted_parts_sentence(question, hit)
    assert counting is not None and "task ordering" in counting.text


def test_which_one_was_evaluated_on_more_asks_each_sides_count():
    """dev121: "SuS-X or CLOOB - which one was evaluated on more downstream datasets, and how many each?" showed SuS-X's 19
    datasets beside CLOOB's claim to beat CLIP, which counts none."""
    assert value_asked("SuS-X or CLOOB - which one was evaluated on more downstream datasets, and how many each?", "comparison") == "downstream datasets"
    # ... not how it was done: "more broadly" asks no value "broadly" (dev114)
    assert value_asked("SuS-X or PaliGemma - which one was evaluated more broadly, i.e. on how many datasets/tasks each?", "comparison") != "broadly"


def test_a_paper_named_only_among_the_offered_answers_is_no_subject(shipped_components):
    """dev121: "hyper-x is built ontop of which multilingual encoder - mBERT or XLM-R?" was answered from XLM-R's paper, ranked
    first for its name; Hyper-X's abstract names neither."""
    answer = _answer(shipped_components, "hyper-x is built ontop of which multilingual encoder - mBERT or XLM-R?")
    assert answer.abstained and "Hyper-X" in answer.text and "names none of mBERT or XLM-R" in answer.text
