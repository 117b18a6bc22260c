"""What the thirty-second session's sets showed: a comparison's difference line describes each item only by what its
paper says the item is (not by something it works on, picks, or another name it introduces), a line that only names a
proposal goes on to what it does, an acronym asked on may be spelled out, "claim" and "aspect" ask no kind of value,
things counted and then gone through one sentence each are named, a ranking asked after its task, and "which has more
parameters" asks a figure."""

from __future__ import annotations

from tests.test_asked_wording import _answer
from tests.test_asked_wording_dev41 import _hit


def _descriptor(abstract: str, name: str = "", title: str = "A paper") -> str:
    """What the difference line would say the item is, reading its first sentence as its line."""
    from rag.answer.difference import _descriptor as descriptor

    hit = _hit(abstract, title=title, name=name)
    return descriptor(hit, hit.sentence_scores[0])


def test_a_kind_phrase_the_item_works_on_does_not_describe_it():
    """dev45: "Weight Squeezing, a pre-trained text classification model" (what it was applied to), "DistillNearest, a
    single suitable source model" (what it selects), "XL-Instruct, a new benchmark ..." (XL-AlpacaEval's)."""
    assert "classification model" not in _descriptor("The authors applied Weight Squeezing to a pre-trained text classification model based on BERT-Medium.", "Weight Squeezing")
    assert _descriptor("We show how to use task similarity metrics to select a single suitable source model to distill from.", "DistillNearest") == ""
    xl = _descriptor(
        "We introduce XL-AlpacaEval, a new benchmark for evaluating cross-lingual generation, and propose XL-Instruct, a high-quality synthetic data generation method.",
        "XL-Instruct",
    )
    assert xl == ", a high-quality synthetic data generation method"
    # What the paper puts forward, or says of the item's name, does describe it.
    assert _descriptor("We present a novel approach for simultaneous knowledge transfer and model compression called Weight Squeezing.", "Weight Squeezing") == (
        ", a novel approach for simultaneous knowledge transfer and model compression"
    )
    assert _descriptor("We propose to leverage a recently introduced training method, named Sharpness-aware Minimization, to reduce it.", "Sharpness-aware Minimization") == ", a recently introduced training method"
    assert _descriptor("We address this issue by proposing Branch-and-Merge (BaM), a new adaptation method based on merging models.", "BaM") == ", a new adaptation method based on merging models"
    assert _descriptor("Soft Prompt Tuning (SPT) is a parameter-efficient method for adapting language models.", title="Soft Prompt Tuning for Cross-Lingual Transfer") == ", a parameter-efficient method for adapting language models"


def test_a_contribution_not_naming_the_item_does_not_describe_it_when_another_sentence_does():
    """dev14: "plT5, a new benchmark for assessing ... text-to-text models for Polish": the benchmark is the paper's
    other contribution; "we present plT5 - a general-purpose text-to-text model" is plT5."""
    plt5 = "We introduce a new benchmark for assessing text-to-text models for Polish. Additionally, we present plT5 - a general-purpose text-to-text model for Polish."
    assert "benchmark" not in _descriptor(plt5, "plT5")
    proto = "We propose a transfer learning approach which constructs a metric embedding. Our approach performs well."
    assert _descriptor(proto, "ProtoTransfer") == ", a transfer learning approach which constructs a metric embedding"


def test_a_phrase_repeating_the_items_name_or_a_study_says_no_kind():
    assert _descriptor("We propose a Common Weakness Attack (CWA). It crafts transferable examples.", "Common Weakness Attack (CWA)") == ""
    assert _descriptor("We present a comprehensive analysis of adapters.", "VL-Adapter") == ""
    # "architecture skipping" goes on past the kind word: the phrase is the whole name's.
    assert _descriptor("We propose a novel dynamic architecture skipping (DAS) approach towards effective PCETL.", "DAS") == ", a novel dynamic architecture skipping (DAS) approach"


def test_a_line_that_only_names_the_proposal_goes_on_to_what_it_does():
    """dev45: "Self-Translate-Train: The authors propose a simple yet effective method called Self-Translate-Train." said
    nothing the bold label did not; the next sentence says where its data comes from."""
    from rag.answer.line_completion import with_content
    from rag.records import Evidence

    hit = _hit(
        "Cross-lingual transfer is promising. In this study, we propose a simple yet effective method called Self-Translate-Train. "
        "It leverages the translation capability of a large language model to generate synthetic training data. We evaluate it widely.",
        name="Self-Translate-Train",
    )
    naming = next(e for e in hit.sentence_scores if "called" in e.text)
    joined = with_content(hit, naming, [])
    assert "translation capability" in joined.text and isinstance(joined, Evidence)
    multimae = _hit(
        "We propose a pre-training strategy called Multi-modal Multi-task Masked Autoencoders (MultiMAE). "
        "It differs from standard Masked Autoencoding in that it can accept additional modalities besides the RGB image.",
        name="MultiMAE",
    )
    assert "additional modalities" in with_content(multimae, multimae.sentence_scores[0], []).text
    # A line saying more than the name is left alone.
    telling = next(e for e in hit.sentence_scores if e.text.startswith("It leverages"))
    assert with_content(hit, telling, []).text == telling.text


def test_an_acronym_asked_on_may_be_spelled_out():
    """dev49: "how much does FLARE improve over LoRA on QA for Llama 3.1 and for Gemma 2?" said the figure on QA was not
    stated of "4.9% for Llama 3.1 and 2.2% for Gemma~2 ... on question-answering tasks"."""
    from rag.answer.stated import condition_figure_stated

    hit = _hit("FLARE achieves performance improvements of 4.9% for Llama 3.1 and 2.2% for Gemma~2 compared to standard LoRA fine-tuning on question-answering tasks.")
    assert condition_figure_stated("how much does FLARE improve over LoRA fine-tuning on QA for Llama 3.1?", [hit])
    assert not condition_figure_stated("how much does FLARE improve over LoRA fine-tuning on NER for Llama 3.1?", [hit])


def test_a_claim_or_an_aspect_asks_no_kind_of_value():
    """dev50: "what efficiency claim does each make?" of "90% of the performance with only 5% of the parameters", and
    "What aspect of pretraining does each say drives transfer?", were said not stated."""
    from rag.answer.stated import detail_stated

    hit = _hit("Mini-InternVL achieves 90% of the performance with only 5% of the parameters. This improvement in efficiency makes it practical.")
    assert detail_stated("efficiency claim", [hit])
    assert detail_stated("aspect of the parameters", [hit])
    # The words besides still count: an abstract never speaking of licenses states none.
    assert not detail_stated("license claim", [hit])


def test_things_counted_then_gone_through_by_name_are_named():
    """dev50: "what are the two ways it can be trained?" of "ColBERT-X can be trained in two ways. In zero-shot training,
    ... In translate-train, ..." said which two ways were not stated."""
    from rag.answer.naming import _gone_through_by_name

    assert _gone_through_by_name(" In zero-shot training, the system is trained on English. In translate-train, the system is trained on translations.")
    assert not _gone_through_by_name(" In addition, we train it. In particular, it is fast.")
    assert not _gone_through_by_name(" In zero-shot training, the system is trained on English. Results are good.")


def test_a_ranking_asked_after_its_task_is_checked_against_the_abstract():
    """dev49: "On Polish summarization, by how much did plT5 beat plBART?" of "... except summarization, where plBART is best"."""
    from rag.answer.premise import reversed_outcome

    hit = _hit("We present plT5. The plT5 scores top on all of these tasks except summarization, where plBART is best.", name="plT5")
    said = reversed_outcome("On Polish summarization, by how much did plT5 beat plBART?", hit)
    assert said is not None and "plBART is best" in said.text
    assert reversed_outcome("On Polish QA, by how much did plT5 beat plBART?", hit) is None


def test_which_has_more_of_a_countable_measure_asks_a_figure():
    from rag.answer.asked import FIGURE_ASK, asked_value

    assert asked_value("Which has more parameters, Florence-2 or OFA?") == "parameters"
    assert asked_value("Which was pre-trained on more tokens, X-ELM or ExT5?") == "tokens"
    assert not FIGURE_ASK.search("which has more impact on transfer, data size or model size?")


def test_two_models_neither_sized_are_not_ranked_by_size(shipped_components):
    """dev50: "Which has more parameters, Florence-2 or OFA?" showed each one's description side by side."""
    answer = _answer(shipped_components, "Which has more parameters, Florence-2 or OFA?")
    assert answer.shape == "not_stated" and "parameters" in answer.text


def test_a_figure_asked_in_another_spelling_is_no_other_ask():
    """dev49: "Which gives a bigger speedup over autoregressive decoding, A or B? Need the numbers." read "speedup" as
    something asked besides the "speed-up", and answered the rest beside a partial "don't state the speed-up"."""
    from rag.answer.asked import other_asks

    question = "Which gives a bigger speedup over autoregressive decoding, hidden-transfer parallel decoding or AR2Diff-style text diffusion? Need the numbers."
    assert other_asks(question, "speed-up") == []
    assert other_asks("What speed-up does each get, and which datasets do they use?", "speed-up") == ["which datasets do they use"]


def test_a_question_about_the_one_paper_it_describes_asks_a_fact():
    """dev49: "For the latent action priors from a single gait cycle paper, which robot/simulator were the experiments
    run on?" went to its nearest labelled questions, which voted for a list of papers."""
    from rag.answer.question_kind import rule_kind

    assert rule_kind("For the latent action priors from a single gait cycle paper, which robot/simulator were the experiments run on?") == "fact"
    assert rule_kind("In the TransTab paper, what AUC lift does pretraining give?") == "fact"
    assert rule_kind("For the survey paper, which other papers study pruning?") == "list"


def test_names_before_their_kind_are_read_past_citations_and_as_a_list():
    """dev50: "which benchmarks?" of "... measured on the MultiWOZ (Budzianowski et al.,2018), SGD (Rastogi et al., 2020),
    and the recent SGD-X (Lee et al., 2021) benchmarks" found no benchmark named (the citation stood between)."""
    from rag.answer.naming import kind_named

    sentence = "We demonstrate its robustness as measured on the MultiWOZ (Budzianowski et al.,2018), SGD (Rastogi et al., 2020), and the recent SGD-X (Lee et al., 2021) benchmarks."
    assert kind_named("D3ST - which benchmarks?", sentence) == "MultiWOZ, SGD and SGD-X"
    assert kind_named("which benchmark?", "We test on the GLUE benchmark.") == "GLUE"


def test_what_a_model_is_built_on_is_read_as_based_on(shipped_components):
    """dev50: "what's the new vietnamese model called and what is it built on?" missed "CafeBERT is developed based on
    the XLM-RoBERTa model"."""
    answer = _answer(shipped_components, "vlue benchmark paper - what's the new vietnamese model called and what is it built on?")
    assert "CafeBERT" in answer.text and "XLM-RoBERTa" in answer.text


def test_parts_counted_by_another_word_and_gone_through_are_stated(shipped_components):
    """dev52: "What two modifications does TC-LLaVA make ...?" of "we propose two strategies ... Specifically, the first
    approach ... The second approach ..." said the two modifications were not stated."""
    from rag.answer.evidence_lines import ENUMERATION_STARTS
    from rag.answer.fact_lines import counted_parts_sentence

    assert ENUMERATION_STARTS.match("Specifically, the first approach focuses on RoPE.")
    hit = _hit("We propose two strategies to improve attention. Specifically, the first approach adds a RoPE. The second approach adds a mask.", name="TC-LLaVA")
    counting = counted_parts_sentence("What two modifications does TC-LLaVA make?", hit)
    assert counting is not None and "two strategies" in counting.text
    # A kind that is no part of a method is not met by another word: two datasets are not two strategies.
    assert counted_parts_sentence("What two datasets does TC-LLaVA use?", hit) is None
    answer = _answer(shipped_components, "What two modifications does TC-LLaVA make to the LLM's attention computation to handle video?")
    assert answer.shape != "not_stated" and "Temporal-Aware Dual RoPE" in answer.text and "Frame-wise Block Causal Attention Mask" in answer.text


def test_a_proposition_after_a_count_names_none_of_the_things_counted():
    """dev51: "name the three simulated cooperation scenarios" of "Results from three simulated cooperation scenarios
    support our hypothesis that transfer empowerment improves MARL performance" (MARL names no scenario)."""
    from rag.answer.naming import unnamed_counted

    hit = _hit("We propose transfer empowerment. Results from three simulated cooperation scenarios support our hypothesis that transfer empowerment improves MARL performance.")
    found = unnamed_counted("name the three simulated cooperation scenarios used to test transfer empowerment", [hit])
    assert found is not None and found[0] == "which three simulated cooperation scenarios"
    named = _hit("We propose transfer empowerment. Results from three scenarios (Overcooked, Lift and Push) support it.")
    assert unnamed_counted("name the three scenarios used to test transfer empowerment", [named]) is None


def test_a_lead_line_any_check_gives_is_in_the_third_person():
    from rag.answer.shapes import ShapeBuilder

    hit = _hit("We propose X. Results from three scenarios support our hypothesis.")
    shaped = ShapeBuilder(floor=0.3, relative=0.8, cap=4).not_stated("", [hit], text="The abstracts don't state which three scenarios.", lead_lines=[hit.sentence_scores[1]])
    assert "our" not in shaped.text.split() and "their hypothesis" in shaped.text


def test_announcing_a_reason_or_naming_the_papers_topic_gives_no_reason():
    """dev51: "Why does the Deploy mode of ConvBN blocks become unstable ...?" was answered by "We theoretically reveal the
    reason behind the diminished training stability ..." and "... our efficient ConvBN blocks thanks to PyTorch's compilers"."""
    from rag.answer.reasons import reason_sentence
    from rag.words import snowball

    stem = snowball().stemWord
    hit = _hit(
        "Deploy mode is efficient but suffers from training instability. We theoretically reveal the reason behind the diminished training stability "
        "observed in the Deploy mode. Practitioners enjoy our efficient ConvBN blocks thanks to PyTorch's compilers.",
        title="Efficient ConvBN Blocks for Transfer Learning and Beyond",
    )
    question = "Why does the Deploy mode of ConvBN blocks become unstable during training?"
    assert reason_sentence(question, [hit], stem, lambda w: False) == ""
    given = _hit("Deploy mode becomes unstable during training because its weights drift.", title="Efficient ConvBN Blocks for Transfer Learning and Beyond")
    assert reason_sentence(question, [given], stem, lambda w: False)


def test_a_kind_said_of_others_work_does_not_hide_that_the_papers_own_are_unnamed():
    """dev51: "Which molecular datasets, by name, was GATE evaluated on?" of "... for various molecular graph datasets",
    beside "most of the existing methods are focused on ... images and language datasets"."""
    from rag.answer.naming import unnamed_kind
    from rag.answer.question_kind import rule_kind

    question = "Which molecular datasets, by name, was GATE evaluated on?"
    assert rule_kind(question) == "fact"
    hit = _hit(
        "However, most of the existing methods are focused on classification tasks using images and language datasets. "
        "We demonstrate that GATE exhibits stable behavior for various molecular graph datasets.",
        name="GATE",
    )
    assert unnamed_kind(question, hit) == "molecular datasets"
    named = _hit("We demonstrate that GATE exhibits stable behavior on the QM9 and ZINC molecular datasets.", name="GATE")
    assert unnamed_kind(question, named) == ""


def test_a_count_asked_before_another_ask_is_read_whole(shipped_components):
    """dev52: "SuS-X - what are its two building blocks and on how many benchmark datasets ...?" gave the datasets only."""
    from rag.answer.asked import other_asks

    question = "SuS-X - what are its two building blocks and on how many benchmark datasets does it report zero-shot SOTA?"
    assert other_asks(question, "benchmark datasets") == ["what are its two building blocks"]
    answer = _answer(shipped_components, question)
    assert "TIP-X" in answer.text and "19" in answer.text


def test_a_clause_asking_after_a_preposition_is_answered_by_the_name_there():
    """The split of "... and from which dataset?" (dev52's "and on how many ...") must not add a sentence when the figure's
    sentence already names it: "render 52,460 pairs of images and depth maps from ShapeNet" (dev4)."""
    from rag.answer.shapes import _named_after_preposition

    assert _named_after_preposition("from which dataset", "We render 52,460 pairs of images and depth maps from ShapeNet for pre-training.")
    assert not _named_after_preposition("from which dataset", "We render 52,460 pairs of images and depth maps for pre-training.")
    assert not _named_after_preposition("which dataset", "We render pairs from ShapeNet.")


def test_a_figure_headline_is_in_the_third_person():
    """dev36: the headline "5 GLUE tasks over BERT-LARGE using our alignment method" kept the sentence's "our"."""
    from rag.answer.fact_lines import figure_phrase

    headline = figure_phrase("We improve 5 GLUE tasks over BERT-LARGE by 2.35% using our alignment method.", "how many GLUE tasks improved?")
    assert "our" not in headline.split() and "their alignment method" in headline


def test_a_modifier_or_a_level_asks_no_word_of_its_own():
    """dev53, dev54: "at what input resolutions were the models trained?" of "at three resolutions (224px, 448px, and
    896px)", and "what MAE and SRCC levels does it reach?" of "MAE ... and SRCC ... below 1% and above 0.5", were said
    not stated."""
    from rag.answer.stated import detail_stated

    hit = _hit("We train these models at three resolutions (224px, 448px, and 896px). AIO-P achieves MAE and SRCC below 1% and above 0.5.")
    assert detail_stated("input resolutions", [hit])
    assert detail_stated("MAE and SRCC levels", [hit])
    assert not detail_stated("input license", [hit])


def test_things_counted_then_asked_which_ones_are_the_counted_parts(shipped_components):
    """dev54: "Graph schemas ... were evaluated on two previously published tasks. Which ones?" was read as a comparison."""
    from rag.answer.fact_lines import counted_parts_sentence
    from rag.answer.question_kind import rule_kind

    question = "Graph schemas for transfer learning were evaluated on two previously published tasks. Which ones?"
    assert rule_kind(question) == "fact"
    assert rule_kind("There are two papers on pruning - which ones?") == "list"
    hit = _hit("We propose graph schemas. We evaluate graph schemas on two published tasks: the memory & planning game and one-shot StreetLearn.")
    counting = counted_parts_sentence(question, hit)
    assert counting is not None and "StreetLearn" in counting.text
    answer = _answer(shipped_components, question)
    assert "memory & planning game" in answer.text and "StreetLearn" in answer.text


def test_what_is_used_instead_is_not_asked():
    from rag.answer.fact_lines import _SET_ASIDE

    assert _SET_ASIDE.sub(" ", "what do the authors use instead of the usual randomly initialized classifier head").strip() == "what do the authors use"
