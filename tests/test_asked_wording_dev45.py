"""What the thirty-first session's misses asked, read as the asker meant it: each of two things asked gets
the sentence that tells it (a step after the proposal, the fix after the problem, a name asked by pronoun),
a gain the abstract tells as a loss, things counted by their role, a role's kind never named, and the
aspects a comparison lists after "differ in"."""

from __future__ import annotations

from tests.test_asked_wording import _answer
from tests.test_asked_wording_dev41 import _hit

_TWO_STAGE = (
    "Parameter-Efficient Transfer Learning aims at adapting large models to downstream tasks. "
    "In view of the practicality of PETL, previous works focus on tuning a small set of parameters for each downstream task. "
    "This paper proposes a novel two-stage paradigm for adaptation. "
    "Specifically, the first stage narrows the task distribution shift by tuning the scale and shift in the LayerNorm layers. "
    "In the second stage, we propose a Taylor expansion-based importance score to identify task-relevant channels."
)


def test_a_sentence_going_on_with_the_proposal_tells_the_papers_own_work():
    """dev44: "which parameters are tuned in the first stage ...?" was answered by a sentence on previous works,
    since "Specifically, the first stage ... LayerNorm layers." has no "we" and was read as the field's."""
    from rag.answer.evidence_lines import about_own_work, tells_own_work

    hit = _hit(_TWO_STAGE)
    first_stage = next(e for e in hit.sentence_scores if e.text.startswith("Specifically"))
    previous = next(e for e in hit.sentence_scores if e.text.startswith("In view"))
    assert tells_own_work(hit, first_stage) and not about_own_work(hit, first_stage)
    assert not tells_own_work(hit, previous)
    # Before any sentence of the paper's own, "Specifically, ..." goes on with the field.
    early = _hit("Most methods tune all weights. Specifically, they update every layer. We propose a new method.")
    assert not tells_own_work(early, early.sentence_scores[1])
    # "The pipeline includes ..." after the paper's own sentence calls its proposal a pipeline.
    pipeline = _hit("We believe the proposed paradigm is a more efficient pipeline for training SNNs. The pipeline includes pipeS for static data and pipeD for dynamic data.")
    assert tells_own_work(pipeline, pipeline.sentence_scores[1])
    unrelated = _hit("We propose a method for SNNs. The dataset includes many videos.")
    assert not tells_own_work(unrelated, unrelated.sentence_scores[1])


def test_each_of_two_things_asked_gets_its_sentence(shipped_components):
    answer = _answer(shipped_components, "In the two-stage PETL paradigm paper, which parameters are tuned in the first stage to close the distribution gap, and how are task-relevant channels picked in the second stage?")
    assert "LayerNorm" in answer.text and "Taylor" in answer.text
    assert "previous works" not in answer.text  # no scene-setter beside the two answers


def test_what_a_clause_sets_aside_is_not_asked():
    """dev44: "what extra mechanism do they add besides recalling meta-problems?" got the sentence on recalling
    meta-problems, which holds the words set aside."""
    from rag.answer.fact_lines import answering_sentence

    hit = _hit(
        "We propose MetaLadder, a framework that prompts LLMs to recall and reflect on meta-problems before the target problem. "
        "Furthermore, we introduce a problem-restating mechanism to enhance comprehension of the target problem. "
        "Experiments show large accuracy gains.",
        name="MetaLadder",
    )
    said = answering_sentence("", hit, clause="what extra mechanism do they add besides recalling meta-problems")
    assert said is not None and "problem-restating" in said.text


def test_the_fix_after_a_problem_answers_what_is_asked_about_the_problem(shipped_components):
    """dev43: "what extra loss do they add for tasks like QA/NER where translated labels aren't reliable?" picked
    "However, this shared label becomes less accurate ... for ... NER" (the problem); the sentence after it says
    how FILTER meets it."""
    answer = _answer(shipped_components, "FILTER, the fusion method for cross-lingual XLM finetuning: what extra loss do they add for tasks like QA/NER where translated labels aren't reliable, and which multilingual benchmarks did it set SOTA on?")
    assert "KL-divergence" in answer.text and "XTREME" in answer.text


def test_a_name_asked_by_pronoun_is_spelled_out():
    """dev44: "DoG step size - what does the name stand for ...?" wrote no acronym in the ask."""
    from rag.answer.fact_lines import naming_sentence

    hit = _hit(
        "We propose a tuning-free dynamic SGD step size formula, which we call Distance over Gradients (DoG). "
        "The DoG step sizes depend on simple empirical quantities.",
        name="DoG",
    )
    line = naming_sentence("DoG step size - what does the name stand for?", hit)
    assert line is not None and "Distance over Gradients" in line.text
    assert naming_sentence("what does it stand for?", _hit("We propose a step size rule. It works well.")) is None


def test_a_gain_the_abstract_tells_as_a_loss_is_a_premise_it_denies(shipped_components):
    """dev43: "how many BLEU points did text diffusion gain over autoregressive decoding?" of "we find that text
    diffusion underperforms the standard AR approach" showed that sentence as if it answered."""
    from rag.answer.premise import reversed_outcome

    hit = _hit("We study transfer for text diffusion. We find that text diffusion underperforms the standard AR approach. It does well on code.")
    line = reversed_outcome("how many BLEU points did text diffusion gain over autoregressive decoding on translation?", hit)
    assert line is not None and "underperforms" in line.text
    # The side that gained must be the one the abstract says did worse.
    assert reversed_outcome("how many BLEU points did the AR approach gain over text diffusion?", hit) is None
    assert reversed_outcome("how many BLEU points did text diffusion gain over retrieval?", hit) is None
    assert reversed_outcome("What does text diffusion do?", hit) is None
    answer = _answer(shipped_components, "AR2Diff: how many BLEU points did text diffusion gain over autoregressive decoding on machine translation?")
    assert answer.abstained and "the reverse" in answer.text


def test_the_kind_of_a_role_never_named_is_not_stated():
    """dev43: "ReFineVLA uses an expert teacher ... - which model is that teacher?" led with "VLA model"; the
    abstract says only "an expert teacher model"."""
    from rag.answer.naming import unnamed_kind

    hit = _hit(
        "We propose ReFineVLA, a framework that fine-tunes VLAs with teacher-guided reasons. "
        "We first augment robotic datasets with reasoning rationales generated by an expert teacher model. "
        "Our VLA models improve on SimplerEnv.",
        name="ReFineVLA",
    )
    assert unnamed_kind("ReFineVLA uses an expert teacher - which model is that teacher?", hit) == "teacher model"
    named = _hit("We distill from a teacher model called GPT-4V into VLA models. It works.", name="X")
    assert unnamed_kind("which model is that teacher?", named) == ""


def test_things_counted_by_their_role_or_counted_before_the_ask_are_not_named():
    """dev44, dev42: "Which eleven baseline continual-learning methods ...?" of "eleven mainstream baselines";
    "evaluated on 12 LLMs from four model families - which families?" of "spanning four model families"."""
    from rag.answer.naming import unnamed_counted

    baselines = _hit("Our approach can be plugged into existing methods. Extensive experiments based on eleven mainstream baselines demonstrate its effectiveness.")
    found = unnamed_counted("Which eleven baseline continual-learning methods did the paper plug its approach into?", [baselines])
    assert found is not None and found[0].startswith("which eleven")
    families = _hit("We propose soft injection. An evaluation is performed across 57 tasks and 12 LLMs, spanning four model families of sizes from 4B to 70B.")
    found = unnamed_counted("It was evaluated on 12 LLMs from four model families - which families?", [families])
    assert found is not None and "four" in found[0]
    listed = _hit("We evaluate on four model families: Llama, Qwen, Gemma and Mistral.")
    assert unnamed_counted("It was evaluated on four model families - which families?", [listed]) is None


def test_a_parameter_count_asked_of_a_model_or_by_what_is_a_measure():
    """dev42, dev44: "rt-2 parameter count of the largest model?", "what final parameter count did they pick?"."""
    from rag.answer.asked import metric_asked

    assert metric_asked("rt-2 parameter count of the largest model?") == "parameter count"
    assert metric_asked("In the BLOOM study, what final parameter count did they pick for the target model?") == "final parameter count"
    assert metric_asked("How does the parameter count affect transfer?") == ""


def test_the_fields_model_sizes_are_no_size_of_the_paper():
    """dev44: "what final parameter count did they pick?" took "the emergence of state-of-the-art 100B+ parameters models"."""
    from rag.answer.stated import value_stated

    field = _hit("With the emergence of state-of-the-art 100B+ parameters models, training is expensive. We choose the target model size by scaling laws.")
    assert not value_stated("parameter count", "what final parameter count did they pick for the target model?", [field], one_paper=True)
    own = _hit("We train a 176B parameters model on 1.6TB of text. It is open.")
    assert value_stated("parameter count", "what final parameter count did they pick for the target model?", [own], one_paper=True)


def test_aspects_listed_after_differ_in_and_kinds_asked_together_are_each_asked():
    from rag.answer.fact_lines import asked_parts

    assert asked_parts("How do A-Net and B-Net differ in training requirements and in how they keep outputs temporally consistent?") == [
        "training requirements",
        "how they keep outputs temporally consistent",
    ]
    assert asked_parts("MaskGAN and SAWN both edit images. Which datasets and which tasks is each evaluated on?") == [
        "Which datasets is each evaluated on",
        "which tasks is each evaluated on",
    ]
    # A question opening its ask after ", but": both asks are read.
    assert asked_parts("X vs Y: both are meta-learning, but what machinery does each use and what target problem does each address?") == [
        "what machinery does each use",
        "what target problem does each address",
    ]
    assert asked_parts("How do A-Net and B-Net differ in speed?") == []


def test_a_kind_called_by_its_name_a_few_words_on_names_it():
    """dev44: "... a large-scale high-resolution face dataset with fine-grained mask annotations named CelebAMask-HQ"."""
    from rag.answer.naming import kind_named

    sentence = "We construct a large-scale high-resolution face dataset with fine-grained mask annotations named CelebAMask-HQ."
    assert kind_named("Which datasets is each evaluated on?", sentence) == "CelebAMask-HQ"
    assert kind_named("Which datasets is each evaluated on?", "We construct a dataset of faces. It is named after its source.") == ""


def test_an_effect_the_abstract_tells_the_other_way_is_a_premise_it_denies():
    """dev45, dev46: "supervised pretraining gives lifelong robot learners a big boost - how big?" of "naive supervised
    pretraining can hinder agents' performance"; "why does ... hurt cross-lingual transfer to linguistically distant
    languages?" of "... can enhance cross-lingual transfer performance to linguistically distant languages"; "how large
    were the gains on monolingual QA?" of "mono-lingual QA performance never improved"."""
    from rag.answer.premise import opposite_effect

    libero = _hit("We introduce a benchmark. Experiments show that naive supervised pretraining can hinder agents' performance in the subsequent tasks.")
    assert opposite_effect("They found that supervised pretraining gives lifelong robot learners a big boost - how big was it?", libero) is not None
    assert opposite_effect("They found that curriculum design gives learners a big boost - how big was it?", libero) is None
    spt = _hit("We study soft prompt tuning. We show that this parameter efficiency can enhance cross-lingual transfer performance to linguistically distant languages.")
    assert opposite_effect("Why does keeping the PLM frozen in soft prompt tuning hurt cross-lingual transfer to linguistically distant languages?", spt) is not None
    assert opposite_effect("Why does soft prompt tuning help cross-lingual transfer to linguistically distant languages?", spt) is None
    adjust = _hit("We reproduce the method. Results improved on NLI, while mono-lingual QA performance never improved and sometimes degraded.")
    assert opposite_effect("How large were the gains on monolingual QA?", adjust) is not None
    assert opposite_effect("How large were the gains on NLI?", adjust) is None


def test_a_side_said_to_lose_where_the_abstract_says_it_is_best_is_a_denied_premise():
    """dev45: "By how much did plT5 beat plBART on Polish summarization?" of "... except summarization, where plBART is best"."""
    from rag.answer.premise import reversed_outcome

    hit = _hit("We evaluate plT5 and plBART. The plT5 scores top on all of these tasks except summarization, where plBART is best.")
    assert reversed_outcome("By how much did plT5 beat plBART on Polish summarization?", hit) is not None
    assert reversed_outcome("By how much did plT5 beat plBART on question answering?", hit) is None


def test_which_thing_a_paper_uses_that_its_abstract_does_without_is_a_denied_use():
    """dev46: "Which ASR / text transcription system does AutoPST use to identify the content?" of "without relying on any text transcriptions"."""
    from rag.answer.premise import denied_use

    hit = _hit("We propose AutoPST, which can disentangle global prosody style from speech without relying on any text transcriptions. It works.", name="AutoPST")
    what, line = denied_use("Which ASR / text transcription system does AutoPST use to identify the content information?", hit)
    assert what == "text transcription" and line is not None
    assert denied_use("Which speaker encoder does AutoPST use?", hit) == ("", None)


def test_a_kind_in_two_words_is_read_as_such_and_the_paper_itself_is_not_it():
    """dev46: "Which pretrained language model does Pengi keep frozen?" of "Pengi, a novel Audio Language Model", "a pre-trained
    frozen language model" and "connecting language models with audio models": none names the frozen model."""
    from rag.answer.naming import unnamed_kind

    pengi = _hit(
        "We introduce Pengi, a novel Audio Language Model that frames audio tasks as text generation. "
        "Both sequences are combined as a prefix to prompt a pre-trained frozen language model. "
        "Our results show that connecting language models with audio models is a major step.",
        name="Pengi",
    )
    assert unnamed_kind("Which pretrained language model (by name) does Pengi keep frozen?", pengi) == "pretrained language model"
    named = _hit("We introduce Pengi, an audio model. It prompts the frozen GPT2 language model with a prefix.", name="Pengi")
    assert unnamed_kind("Which pretrained language model does Pengi keep frozen?", named) == ""


def test_which_side_is_bigger_in_a_measure_asks_that_measure():
    """dev45, dev46: "Which is the bigger model in parameter count, ExT5 or SeqGPT?", "which one provides more demonstrations per task?"."""
    from rag.answer.asked import asked_value

    assert asked_value("Which is the bigger model in parameter count, ExT5 or SeqGPT?") == "parameter count"
    assert asked_value("Which has the smaller student network in terms of parameter count, TinySAM or the VL2V-ADiP student?") == "parameter count"
    assert asked_value("LIBERO vs VLABench: which one provides more demonstrations per task?") == "demonstrations per task"


def test_backbones_named_as_models_and_vague_words_are_no_unstated_detail():
    """dev45: "which backbones does each use?" said "The abstracts don't state the backbones" of "V&L models such as VL-BART
    and VLT5"; "what extra trick or constraint does each add?" said the trick was not stated."""
    from rag.answer.stated import detail_stated

    adapter = _hit("We introduce adapter-based techniques to V&L models such as VL-BART and VLT5. It works.")
    assert detail_stated("backbones", [adapter])
    assert not detail_stated("backbones", [_hit("We introduce adapters for vision and language. It works.")])
    assert detail_stated("extra trick or constraint", [_hit("We distill a student. It works.")])
    assert not detail_stated("learning rate", [_hit("We distill a student. It works.")])


def test_two_sides_ranked_the_other_way_round_are_a_denied_premise():
    """dev48, dev47: "by how much did the language-specific decoder beat fine-tuning the English TrOCR?" of "fine-tuning
    the English TrOCR on Spanish yields superior recognition than the language specific decoder"; "by how much did
    pretrained MIL models fall behind training from scratch?" of "pretrained MIL models ... consistently outperform models
    trained from scratch"."""
    from rag.answer.premise import reversed_ranking

    trocr = _hit("We compare two approaches. We show that fine-tuning the English TrOCR on Spanish yields superior recognition than the language specific decoder for a fixed dataset size.")
    assert reversed_ranking("Spanish TrOCR: by how much did the language-specific decoder beat fine-tuning the English TrOCR on Spanish?", trocr) is not None
    assert reversed_ranking("By how much did fine-tuning the English TrOCR beat the language-specific decoder?", trocr) is None
    mil = _hit("We evaluate 11 models. Our results show that pretrained MIL models, even when trained on different organs than the target task, consistently outperform models trained from scratch.")
    assert reversed_ranking("By how much did pretrained MIL models fall behind training from scratch?", mil) is not None
    assert reversed_ranking("By how much did pretrained MIL models beat training from scratch?", mil) is None


def test_things_counted_and_named_in_lowercase_or_in_brackets_are_named():
    """dev47: "what are the two proposed DP methods" of "two new DP methods, label mapping and feature mapping, for ...";
    "what three generative tasks" of "three generative tasks with varying levels of complexity (summarization, ...)" were
    answered "not stated"; "11 target datasets, 5 model architectures" names no dataset (dev48)."""
    from rag.answer.naming import unnamed_counted

    dp = _hit("We then propose two new DP methods, label mapping and feature mapping, for supervised and self-supervised settings. It works.")
    assert unnamed_counted("what are the two proposed DP methods?", [dp]) is None
    tasks = _hit("We study models on three generative tasks with varying levels of complexity (summarization, instruction following, and mathematical reasoning). It works.")
    assert unnamed_counted("what three generative tasks did they use?", [tasks]) is None
    osborn = _hit("Our setup includes 28 source datasets, 11 target datasets, 5 model architectures, and 2 pre-training methods. It works.")
    found = unnamed_counted("List the 11 target datasets OSBORN was evaluated on.", [osborn])
    assert found is not None and "11 target datasets" in found[0]
    vague = _hit("We propose two new methods, which we evaluate and compare. It works.")
    assert unnamed_counted("what are the two new methods?", [vague]) is not None
    # A bracket listing another count's things, or a citation, names none of these.
    families = _hit("We study two model families of up to 35B parameters on three generative tasks (summarization, instruction following, and reasoning). It works.")
    assert unnamed_counted("Which two model families were used?", [families]) is not None
    cited = _hit("The models embed text from 16 languages into one space using bridge tasks (Chidambaram et al., 2018). It works.")
    assert unnamed_counted("which 16 languages are in it?", [cited]) is not None


def test_the_sentences_going_through_things_counted_answer_which_they_are(shipped_components):
    """dev47: "ghost 2.0 head swapping - what are the two modules?" showed only "... consists of two problem-specific modules";
    the next two sentences ("First, ... Aligner ...", "Secondly, ... a Blender module ...") name them."""
    from rag.answer.fact_lines import counted_parts_sentence

    answer = _answer(shipped_components, "ghost 2.0 head swapping - what are the two modules?")
    assert "Aligner" in answer.text and "Blender" in answer.text
    hit = _hit("We design two PETL modules: Historical Interaction Booster and Cross-modal Interaction Booster. It works.")
    said = counted_parts_sentence("names of the two PETL modules introduced in VLN-PETL?", hit)
    assert said is not None and "Booster" in said.text
    said = counted_parts_sentence("The framework has two modules. What are they?", _hit("We propose a framework with two modules: A-Net and B-Net. It works."))
    assert said is not None and "A-Net" in said.text


def test_a_counted_kind_is_said_whole_and_only_a_first_item_starts_going_through_them():
    """dev43: "Which 11 heterogeneous agents ...?" was said back as "which 11 heterogeneous" ("-ous" is no plural); a
    count whose next sentence opens "Then, ..." is not gone through, one whose next opens "First, ..." is."""
    from rag.answer.naming import unnamed_counted

    agents = _hit("We flexibly collaborate with 11 heterogeneous agents to empower the model. Then, we distill them.")
    found = unnamed_counted("Which 11 heterogeneous agents does TransAgent collaborate with? list them", [agents])
    assert found is not None and found[0] == "which 11 heterogeneous agents"
    gone_through = _hit("The system consists of two modules. First, we introduce an aligner. Secondly, we use a blender.")
    assert unnamed_counted("What are the two modules?", [gone_through]) is None
