"""What the thirtieth session's misses asked, read as the asker meant it: a method the abstract names in
lowercase words its title holds ("diff pruning"), two steps a question tells in the reverse of the
abstract's order, and a measure named in the plural ("model sizes")."""

from __future__ import annotations

from tests.test_asked_wording import _answer
from tests.test_asked_wording_dev33 import _hit as _named_hit


def _hit(abstract: str, paper_id: str = "p", title: str = "A paper", name: str = "") -> object:
    """A hit with a card, named or not: a corpus paper always has one, its name empty when it has none."""
    from dataclasses import replace

    from rag.records import PaperCard

    hit = _named_hit(abstract, paper_id, title, name)
    return hit if hit.card else replace(hit, card=PaperCard(paper_id, f"card-{paper_id}", "", "", ()))

_DIFF = (
    "We propose diff pruning as a simple approach to enable parameter-efficient transfer learning. "
    "It further does not require access to all tasks during training, which makes it attractive when tasks arrive in stream."
)


def test_a_lowercase_method_its_title_holds_names_the_paper():
    """dev34: "diff pruning needs all tasks available at training time - how do the authors deal with tasks
    that arrive later?" named no paper (the card has no name for a lowercase method), so the premise its
    abstract denies went unchecked and its sentences answered."""
    from rag.answer.naming import named_papers

    diff = _hit(_DIFF, "a", "Parameter-Efficient Transfer Learning with Diff Pruning")
    other = _hit("We prune structures under limited data. It works.", "b", "Transfer Learning for Structured Pruning under Limited Task Data")
    question = "diff pruning needs all tasks available at training time - how do the authors deal with tasks that arrive later?"
    assert named_papers(question, [diff, other]) == [diff]
    # Words another retrieved paper writes too are a topic, not the name.
    also = _hit("We compare diff pruning with adapters. It works.", "c", "Adapters Compared")
    assert named_papers(question, [diff, other, also]) == []
    # Words the title does not hold are no name.
    untitled = _hit(_DIFF, "d", "Sparse Task Vectors for Transfer")
    assert named_papers(question, [untitled, other]) == []


def test_two_steps_told_in_the_reverse_order_are_a_premise_the_abstract_denies():
    """dev36: "TANDA first adapts to the target domain and only afterwards fine-tunes on the large Natural
    Questions-based dataset. Why that order?" was answered with TANDA's results, though its abstract tells
    the steps the other way round."""
    from rag.answer.premise import swapped_order

    hit = _hit(
        "We propose TANDA, a technique for fine-tuning pre-trained Transformer models. "
        "Specifically, we first transfer a pre-trained model into a model for a general task by fine-tuning it with a large and high-quality dataset. "
        "We then perform a second fine-tuning step to adapt the transferred model to the target domain. "
        "We built a large scale dataset to enable the transfer step, exploiting the Natural Questions dataset.",
        "t", "TANDA: Transfer and Adapt Pre-Trained Transformer Models", name="TANDA",
    )
    reversed_order = "TANDA first adapts to the target domain and only afterwards fine-tunes on the large Natural Questions-based dataset. Why that order?"
    line = swapped_order(reversed_order, hit)
    assert line is not None and "first transfer" in line.text
    # The abstract's own order is no premise to deny.
    assert swapped_order("TANDA first fine-tunes on a large general dataset and then adapts to the target domain. Why that order?", hit) is None
    assert swapped_order("Why does TANDA fine-tune twice?", hit) is None


def test_a_reversed_order_gets_the_premise_answer(shipped_components):
    answer = _answer(shipped_components, "TANDA first adapts to the target domain and only afterwards fine-tunes on the large Natural Questions-based dataset. Why that order?")
    assert answer.abstained and "other way round" in answer.text


def test_model_sizes_in_the_plural_name_the_measure():
    """dev40: "model sizes: Mini-InternVL vs PaliGemma vs PaliGemma 2?" read no measure, so each side got
    its contribution line instead of its sizes."""
    from rag.answer.asked import metric_asked

    assert metric_asked("model sizes: Mini-InternVL vs PaliGemma vs PaliGemma 2?") == "model sizes"
    assert metric_asked("What model size does BLOOM settle on?") == "model size"


def test_things_only_counted_are_not_named():
    """dev41: "Which five pretrained LMs and which three input datasets did the high-dimensional abstraction
    phase paper analyse?" quoted "across five pre-trained transformer-based LMs and three input datasets",
    which says how many, never which."""
    from rag.answer.naming import unnamed_counted

    counted = _hit("We take a geometric approach, observing, across five pre-trained transformer-based LMs and three input datasets, a distinct phase. It transfers.")
    question = "Which five pretrained LMs and which three input datasets did the abstraction phase paper analyse?"
    found = unnamed_counted(question, [counted])
    assert found is not None and found[0] == "which five pretrained LMs" and found[1] is counted
    assert unnamed_counted("What are the 10 adapter methods integrated into the library?", [_hit("By integrating 10 diverse adapter methods into a unified interface, it is easy to use. It works.")])
    # Listed right after the count, or named in the rest of the sentence: they are named.
    assert unnamed_counted(question, [_hit("We study five LMs (BERT, GPT-2, OPT, Pythia, Llama) and three datasets. It transfers.")]) is None
    assert unnamed_counted(question, [_hit("We study five pre-trained LMs including BERT and GPT-2. It transfers.")]) is None
    assert unnamed_counted(question, [_hit("We study five LMs and three datasets drawn from Wikipedia and PubMed. It transfers.")]) is None
    assert unnamed_counted("On which two multilingual benchmarks did FILTER report a new state of the art?", [_hit("FILTER achieves new state of the art on two challenging multilingual multi-task benchmarks, XTREME and XGLUE. It works.")]) is None
    # A count of papers asks for papers, which the list shape gives.
    assert unnamed_counted("Which three papers study adapters?", [_hit("We survey three papers on adapters. It works.")]) is None


def test_a_kind_said_only_as_several_is_not_named():
    """dev41: "Which datasets exactly does the interval bound interpolation paper report results on?" of
    "improved performance on several datasets from diverse domains"."""
    from rag.answer.naming import unnamed_kind

    question = "Which datasets exactly does the paper report results on?"
    assert unnamed_kind(question, _hit("We introduce interval bounds. It improves performance on several datasets from diverse domains.")) == "datasets"
    assert unnamed_kind(question, _hit("We introduce interval bounds. It improves performance on two datasets: miniImageNet and CUB.")) == ""
    assert unnamed_kind(question, _hit("We introduce interval bounds. It improves performance on the miniImageNet dataset.")) == ""


def test_which_side_needs_more_of_a_measure_asks_that_measure():
    """dev41: "Which needed more GPU hours for pretraining: CroCo's ... or ...?" and "Does X-ELM or
    Self-Translate-Train cover more languages in its experiments?" read no measure asked, so each side's
    contribution line answered; neither abstract gives one. "How big is EMMA in parameters" asked none."""
    from rag.answer.asked import value_asked

    assert value_asked("Which needed more GPU hours for pretraining: CroCo's model or the ImageNet clones?", "comparison") == "GPU hours"
    assert value_asked("Does X-ELM or Self-Translate-Train cover more languages in its experiments?", "comparison") == "languages"
    assert value_asked("VL-Adapter vs UniAdapter: which one needs less wall-clock GPU training time?", "comparison") == "wall-clock GPU training time"
    assert value_asked("How big is EMMA in parameters, and which checkpoint initializes it?", "fact") == "parameters"
    assert value_asked("Does X-ELM or Self-Translate-Train work better?", "comparison") == ""


def test_a_training_free_method_denies_per_input_training():
    """dev41: "Since Ground-A-Video has to be fine-tuned on every input video, how do the authors keep that
    per-video training cheap?" of a method that edits "in a training-free manner"."""
    from rag.answer.premise import denied_use

    hit = _hit("We introduce Ground-A-Video. Ground-A-Video edits input videos in a training-free manner. It works.", "g", "Ground-A-Video: Zero-shot Grounded Video Editing", name="Ground-A-Video")
    what, line = denied_use("Since Ground-A-Video has to be fine-tuned on every input video, how do the authors keep that cheap?", hit)
    assert what == "training" and line is not None and "training-free" in line.text
    # Training-free said of a part, not of the method, denies nothing.
    part = _hit("We introduce Ground-A-Video. We add a training-free flow module. It works.", "g", "Ground-A-Video: Grounded Video Editing", name="Ground-A-Video")
    assert denied_use("Since Ground-A-Video has to be fine-tuned on every input video, how do the authors keep that cheap?", part) == ("", None)


def test_a_compared_count_is_looked_for_on_both_sides(shipped_components):
    """Naming diff pruning (above) left the adapters paper out of the pool the counted noun was looked for
    in, and "Compare diff pruning and adapter modules on GLUE in terms of how many parameters each needs
    per task" said "The abstracts don't state the parameters" (dev10, dev37)."""
    answer = _answer(shipped_components, "Compare diff pruning and adapter modules on GLUE in terms of how many parameters each needs per task.")
    assert not answer.abstained and "0.5%" in answer.text and "3.6%" in answer.text


def test_a_clause_asking_whether_is_another_ask():
    """dev41: "How many downstream tasks was Pengi evaluated on, and is its language model fine-tuned or kept
    frozen?" gave only the 22 tasks' sentence: the second clause asks whether, with no question word."""
    from rag.answer.asked import other_asks

    question = "How many downstream tasks was Pengi evaluated on, and is its language model fine-tuned or kept frozen?"
    assert other_asks(question, "downstream tasks") == ["is its language model fine-tuned or kept frozen"]


def test_a_percent_sign_asks_a_percentage_and_a_baseline_is_not_the_measure():
    """dev41: "what % of the training set was actually labelled?" asked nothing, and "what were the best gains
    over SOTA?" asked "best gains over SOTA", which no abstract writes ("over the state-of-the-art")."""
    from rag.answer.asked import value_asked

    assert value_asked("and what % of the training set was actually labelled?", "fact") == "percentage of the training set"
    assert value_asked("which benchmarks do they highlight, and what were the best gains over SOTA?", "fact") == "best gains"


def test_a_gain_told_as_a_margin_is_stated():
    from rag.answer.stated import value_stated

    hit = _hit("We propose PLA. Our method outperforms baseline methods by 25.8% hIoU in open-vocabulary segmentation.")
    assert value_stated("gains", "what gains does PLA report?", [hit], one_paper=True)
    assert not value_stated("gains", "what gains does PLA report?", [_hit("We propose PLA. Our method is evaluated on ScanNet.")], one_paper=True)


def test_a_title_case_hyphenated_name_before_the_kind_names_it():
    """dev41: "which dataset did they use" of "using the trilingual Swiss-Judgment-Prediction dataset" found no name."""
    from rag.answer.naming import kind_named

    sentence = "We explore transfer learning techniques on LJP using the trilingual Swiss-Judgment-Prediction dataset, including cases in three languages."
    assert kind_named("which dataset did they use?", sentence) == "Swiss-Judgment-Prediction"
    # Two title-case words joined are an adjective as often as a name: "the Multi-Task dataset".
    assert kind_named("which dataset did they use?", "We use the Multi-Task dataset.") == ""


def test_things_one_paper_used_asked_with_a_singular_verb_are_a_fact():
    """dev42: "Which benchmarks was the description-driven dialog state tracking model (D3ST) evaluated on?" was
    read as a list of papers."""
    from rag.answer.question_kind import rule_kind

    assert rule_kind("Which benchmarks was the description-driven dialog state tracking model (D3ST) evaluated on?") == "fact"
    assert rule_kind("Which datasets was BERT pretrained on?") == "fact"
    assert rule_kind("Which methods tackle negative transfer?") == "list"
    assert rule_kind("Which methods does negative transfer hurt?") != "fact"


def test_a_single_capitalised_name_after_the_comma_names_the_counted_things():
    """dev41: "two recent multi-modal fact-checking benchmarks, Mocheg and Fakeddit" names them."""
    from rag.answer.naming import unnamed_counted

    hit = _hit("Our results on two recent multi-modal fact-checking benchmarks, Mocheg and Fakeddit, show gains. It works.")
    assert unnamed_counted("which two recent multimodal fact-checking benchmarks do they highlight?", [hit]) is None


def test_a_name_with_digits_is_known_by_its_stemmed_letters(shipped_components):
    """dev43: "How many visual classification tasks make up the NEVIS'22 stream ...?" said "The abstracts don't
    mention NEVIS": the question's "nevis" is stemmed ("nevi"), the name's letters were not."""
    assert "nevis" not in shipped_components.keyword_index.unknown_words("How many tasks make up the NEVIS'22 stream?")


def test_how_exact_a_number_is_asked_is_not_what_it_counts():
    """dev43: "What's the exact total number of image-text pairs ...?" asked "exact total number", which no sentence writes."""
    from rag.answer.asked import value_asked

    assert value_asked("What's the exact total number of image-text pairs in LAION-5B?", "fact") == "number"


def test_a_thing_asked_beside_a_figure_in_another_clause_is_no_figure():
    """dev43: "what features does the hallucination detector take as input, and how much did classifier-guided
    decoding cut hallucination on xsum?" asked the figure "features" and said it was not stated; dev44: "what
    quantities does the step size depend on?" read "size" as the measure asked."""
    from rag.answer.asked import value_asked

    assert value_asked("lookback lens: what features does the detector take as input, and how much did decoding cut hallucination on xsum?", "fact") != "features"
    assert value_asked("DoG step size - what does the name stand for and what quantities does the step size depend on?", "fact") == ""
    assert value_asked("What was the improvement in age classification?", "fact") == "improvement"
    assert value_asked("What accuracy does it reach, and how is it trained?", "fact") == "accuracy"


def test_four_title_words_in_any_case_name_the_paper():
    """dev44: "multilingual universal sentence encoder for retrieval - how many languages ...?" named the plain
    Universal Sentence Encoder paper, whose name it holds, and not the multilingual one its words open."""
    from rag.answer.naming import named_papers

    multi = _hit("We introduce two multilingual models. They embed text from 16 languages.", "m", "Multilingual Universal Sentence Encoder for Semantic Retrieval")
    plain = _hit("We present the Universal Sentence Encoder. It transfers.", "u", "Universal Sentence Encoder", name="Universal Sentence Encoder")
    assert multi in named_papers("multilingual universal sentence encoder for retrieval - how many languages share the space?", [plain, multi])


def test_a_verb_after_try_to_is_what_the_papers_do():
    """dev43: "Parameter-efficient transfer methods that also try to cut inference-time computation" said "The
    abstracts don't mention cut"."""
    from rag.answer.unmentioned import doing_verbs

    assert "cut" in doing_verbs("Parameter-efficient transfer methods that also try to cut inference-time computation - which papers?")


def test_extra_before_a_noun_asks_nothing_besides_it():
    """dev43: "what extra loss do they add ...?" of "an additional KL-divergence self-teaching loss"."""
    from rag.answer.asked import detail_words

    assert detail_words("extra loss") == ["loss"]
    assert detail_words("extra") == ["extra"]


def test_a_terse_comparison_lists_its_aspects():
    """dev43: "OFA vs ViLBERT: pretraining data and overall architecture?" gave each side its contribution line,
    though each abstract says what it was pretrained on and how it is built."""
    from rag.answer.fact_lines import terse_aspects

    assert terse_aspects("OFA vs ViLBERT: pretraining data and overall architecture?") == ["pretraining data", "overall architecture"]
    assert terse_aspects("model sizes: Mini-InternVL vs PaliGemma vs PaliGemma 2?") == []
    assert terse_aspects("OFA vs ViLBERT: which pretraining data and architecture?") == []
    assert terse_aspects("OFA vs ViLBERT: pretraining data?") == []
