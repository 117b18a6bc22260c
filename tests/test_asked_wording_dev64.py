"""What the thirty-fourth session's sets showed: "techniques" is as generic as "method", "downstream" asks nothing of its own, a model's size is given by its variant's name ("BERT-Medium"), a dataset
by the name of the data a paper built, a source by the name a paper says it uses, one paper described ("the paper
that ...", "the study comparing ...") is asked of, not listed, an open how or why most of whose words the paper's
abstract never writes is not answered from it, and a question comparing one paper with what its abstract measures
itself against is that paper's facts."""

from __future__ import annotations

from tests.test_asked_wording import _answer
from tests.test_asked_wording_dev41 import _hit


def test_other_words_for_method_and_downstream_ask_nothing_of_their_own():
    """dev63, dev58: "what techniques do they combine?" of TinySAM ("a full-stage knowledge distillation method ... the
    post-training quantization") and "which downstream tasks were used to evaluate ...?" ("in various tasks: keypoint
    transfer, ...") were "not stated", the abstracts never writing "technique" or "downstream"."""
    from rag.answer.asked import detail_words

    assert detail_words("techniques") == [] and detail_words("compression techniques") == ["compression"]
    assert detail_words("downstream tasks") == []
    assert detail_words("downstream") == ["downstream"]  # alone it is what is asked
    assert detail_words("auto-ML strategy") == ["auto-ML", "strategy"]


def test_a_size_is_given_by_the_variant_name_and_a_dataset_by_the_data_built():
    """dev58: "which BERT sizes are involved?" of "fine-tuning of BERT-Medium model and ... BERT-Base weights"; dev63:
    "What dataset was Florence-2 trained on?" of "we co-developed FLD-5B that consists of 5.4 billion ... annotations"."""
    from rag.answer.stated import detail_stated, gives_dataset

    squeezing = _hit("We combined fine-tuning of BERT-Medium model and learning mapping from BERT-Base weights. It works.", name="Weight Squeezing")
    assert detail_stated("BERT sizes", [squeezing])
    assert not detail_stated("BERT sizes", [_hit("We fine-tune BERT on many tasks. It works.")])
    florence = _hit("To this end, we co-developed FLD-5B that consists of 5.4 billion comprehensive visual annotations on 126 million images. It works.", name="Florence-2")
    assert detail_stated("dataset", [florence])
    assert gives_dataset({"dataset"}, florence.paper.abstract)
    # Data spoken of with no name states no dataset.
    assert not detail_stated("dataset", [_hit("This setup demands large-scale, high-quality annotated data. We train Florence-2 on it.")])
    assert not gives_dataset({"dataset"}, "We train on large-scale annotated data of 126 million images.")


def test_a_source_is_given_by_the_name_a_paper_uses():
    """dev62: "which resources are used to swap entities into other languages?" of "We use Wikidata and English
    Wikipedia to construct an entity-centric CS corpus by switching entities to their counterparts in other languages"."""
    from rag.answer.stated import instance_sentence

    question = "which resources are used to swap entities into other languages?"
    hit = _hit("We propose EntityCS. We use Wikidata and English Wikipedia to construct an entity-centric CS corpus by switching entities to their counterparts in other languages.", name="EntityCS")
    sentence, name = instance_sentence(question, "resources", hit)
    assert sentence is not None and name == "Wikidata"
    # A sentence on other words of the question's names nothing asked.
    assert instance_sentence(question, "resources", _hit("We propose EntityCS. We use GPUs for training.", name="EntityCS"))[0] is None


def test_one_paper_described_is_asked_of_not_listed():
    """dev63, dev58, dev62: "The paper that shrinks Segment Anything ...: what techniques do they combine ...?", "Which
    downstream tasks were used to evaluate the ... method (the part deformation consistency one)?", "Which low-resource
    languages were targeted in the study comparing ...?" were answered as lists of papers."""
    from rag.answer.question_kind import rule_kind

    for question in (
        "The paper that shrinks Segment Anything into a tiny model for edge devices: what techniques do they combine?",
        "Which downstream tasks were used to evaluate the semantic-aware implicit template learning method (the part deformation consistency one)?",
        "Which low-resource languages were targeted in the study comparing few-shot prompting, LAFT and translation for adapting LLaMa?",
        "where does the EntityCS code-switching corpus come from?",
    ):
        assert rule_kind(question) == "fact", question
    # Papers are still listed; two papers described are compared.
    assert rule_kind("Which methods tackle negative transfer?") == "list"
    assert rule_kind("Which papers were evaluated in the study of cross-lingual transfer?") != "fact"
    assert rule_kind("Which pretrained speech encoders do the Czech-to-Slovak ASR transfer paper and the cross-lingual speech translation paper start from?") != "fact"


def test_an_open_question_most_of_whose_words_the_abstract_never_writes():
    """dev63, dev60: "How does Ground-A-Video keep edits temporally consistent for long videos that don't fit in one batch
    of frames?" was answered by the abstract's "temporally consistent" sentences; its abstract never speaks of long
    videos or batches."""
    from rag.answer.premise import unwritten_ask

    ground = _hit(
        "We propose Ground-A-Video, a grounding-driven video editing framework. It attains temporally consistent multi-attribute editing "
        "of input videos in a training-free manner, using cross-frame gated attention and flow-guided latent smoothing.",
        name="Ground-A-Video",
    )
    assert unwritten_ask("How does Ground-A-Video keep edits temporally consistent for long videos that don't fit in one batch of frames?", ground)
    # What the abstract speaks of is answered from it, however the question words it.
    assert not unwritten_ask("How does Ground-A-Video keep its multi-attribute edits temporally consistent?", ground)
    assert not unwritten_ask("What does Ground-A-Video use for long videos that don't fit in one batch of frames?", ground)  # not a how or why
    assert not unwritten_ask("How many frames fit in one batch for long videos in Ground-A-Video?", ground)  # a figure
    assert not unwritten_ask("How do Ground-A-Video and the long-video batching paper keep frames consistent over time?", ground)  # two papers


def test_end_to_end_on_the_shipped_index(shipped_components):
    """The same on the real papers: the answers now carry what the abstracts state, and say what they do not."""
    from rag.answer.question_kind import rule_kind

    answer = _answer(shipped_components, "What techniques does TinySAM combine to get the student small and cheap?")
    assert answer.shape == "fact" and "knowledge distillation" in answer.text
    answer = _answer(shipped_components, "weight squeezing - what's the gated variant called and which BERT sizes are involved in it?")
    assert answer.shape == "fact" and "BERT-Medium" in answer.text
    answer = _answer(shipped_components, "What dataset was Florence-2 trained on and how big is it (annotations / images)?")
    assert answer.shape == "fact" and "FLD-5B" in answer.text
    answer = _answer(shipped_components, "I'm looking at the efficient ConvBN blocks paper. What new mode do they propose, and between which two existing modes does it sit?")
    assert answer.shape == "fact" and "Tune mode" in answer.text
    answer = _answer(shipped_components, "How would SGDM's subgraph diffusion handle dynamic or temporal networks that change over time?")
    assert answer.shape == "not_stated" and "SGDM" in answer.text
    # One paper's figure asked beside a baseline its abstract reports against: its facts.
    answer = _answer(shipped_components, "How many heterogeneous agents does TransAgent collaborate with, and how does it compare with CoOp in the low-shot setting?")
    assert answer.shape == "fact" and "11 heterogeneous agents" in answer.text
    answer = _answer(shipped_components, "How does Deep Fast Vision search over backbones and hyperparameters internally - what auto-ML strategy does it use?")
    assert answer.shape == "not_stated"
    assert rule_kind("What auto-ML strategy does Deep Fast Vision use?") == "fact"


def test_a_lead_clause_saying_what_was_used_stays():
    """dev46: "Using arousal as an example of a high-level feature, we show ..." lost the example asked for."""
    from rag.answer.evidence_lines import sentence_in_third_person

    kept = sentence_in_third_person("Using arousal as an example of a high-level feature, we show that the faders are disentangled.")
    assert kept.startswith("Using arousal as an example")
    assert sentence_in_third_person("Leveraging this insight, we propose a new loss.") == "The authors propose a new loss."


def test_a_second_ask_after_a_preposition_is_a_part():
    """dev66: "..., and on which large event-driven dataset do they claim SOTA?" and "which exams is it built from and
    about how many questions does it have?" were read as one ask: the pipelines' names and the exams went unanswered."""
    from rag.answer.asked import other_asks
    from rag.answer.fact_lines import asked_parts

    parts = asked_parts("ANN-to-SNN pretraining bridge paper: what are the two pipelines called (one for static, one for dynamic data), and on which large event-driven dataset do they claim SOTA?")
    assert len(parts) == 2 and parts[1].startswith("which large event-driven dataset")
    assert other_asks("polish medical exams benchmark - which exams is it built from and about how many questions does it have?", "questions") == ["which exams is it built from"]
    assert asked_parts("What is the model trained on and evaluated with?") == []  # no second question word


def test_one_count_of_a_coordinated_kind_is_a_count_of_that_kind():
    """dev66: "List the 21 low-resource languages covered by LinguaLIFT's MMWP benchmark." of "... spans 21 low-resource,
    17 medium-resource, and 10 high-resource languages": how many, never which."""
    from rag.answer.naming import unnamed_counted

    hit = _hit("We propose LinguaLIFT. We introduce the MMWP benchmark, which spans 21 low-resource, 17 medium-resource, and 10 high-resource languages.", name="LinguaLIFT")
    assert unnamed_counted("List the 21 low-resource languages covered by LinguaLIFT's MMWP benchmark.", [hit]) is not None
    named = _hit("We propose LinguaLIFT. MMWP spans 21 low-resource, 17 medium-resource, and 10 high-resource languages: Swahili, Yoruba and others.", name="LinguaLIFT")
    assert unnamed_counted("List the 21 low-resource languages covered by LinguaLIFT's MMWP benchmark.", [named]) is None


def test_a_mechanism_asked_for_why_is_a_reason_asked():
    """dev65, dev66: "What mechanism explains why ...?" and "What mechanism do the authors give for why ...?" were
    answered by the sentence stating the finding."""
    from rag.answer.reasons import asks_why

    assert asks_why("What mechanism explains why an earlier onset of the phase predicts better language modelling performance?")
    assert asks_why("What mechanism do the authors give for why mixing code into pre-training improves LLM reasoning?")
    assert not asks_why("What mechanism does the model use to route representations?")


def test_figures_asked_by_comparison_speed_or_a_terse_count():
    """dev64-dev66: "which one trains fewer parameters", "how many times faster exactly?", "Which trained faster in GPU
    hours: A or B?" and "ExMix size? (number of supervised tasks used for ExT5)" ask figures."""
    from rag.answer.asked import asked_value, value_asked

    assert value_asked("VLN-PETL vs DAS: which one trains fewer parameters, in absolute numbers or % of the backbone?", "comparison") == "parameters"
    assert asked_value("Weight Squeezing is said to be faster - how many times faster exactly?") == "speed-up"
    assert asked_value("Which trained faster in GPU hours: CoDA or PHA?") == "speed-up"
    assert asked_value("ExMix size? (number of supervised tasks used for ExT5)") == "supervised tasks"
    assert asked_value("What is the number of tasks in ExMix?") != "supervised tasks"


def test_a_margin_over_a_baseline_or_a_lift_is_no_level():
    """dev66, dev64: "increasing box AP up to 4% (absolute) over supervised ..." is no absolute box AP reached; "2.3%
    AUC lift on average" is no absolute AUC."""
    from rag.answer.stated import only_changes

    assert only_changes("Methods provide improvements on COCO, increasing box AP up to 4% (absolute) over supervised pre-training.", {"box", "ap"})
    assert only_changes("The proposed pretraining leads to 2.3% AUC lift on average over the supervised learning.", {"auc"})
    assert not only_changes("It reaches 45.1% box AP on COCO.", {"box", "ap"})
    assert not only_changes("It reaches 45% over 10 classes.")


def test_a_hub_named_says_where_a_model_is_released():
    """dev64: "where were the pretrained models released?" of "... made freely available for download and on TF Hub"."""
    from rag.answer.stated import unstated_release

    question = "In the Universal Sentence Encoder paper, where were the pretrained models released?"
    assert unstated_release(question, [_hit("Our models are made freely available for download and on TF Hub.")]) == ""
    assert unstated_release(question, [_hit("Our models transfer well to many tasks.")]) == "where it is released"


def test_papers_named_by_a_hyphened_title_head_or_described_side_by_side():
    """dev64: "Auto-Transfer and the 'transfer learning on a budget' distillation paper ..." lost Auto-Transfer (its card
    has no name: the abstract never writes it); "What do the mT5 ... study and the Basque ... paper conclude ...?" was
    read as a list; dev65: "Which datasets were used in the MultiMAE transfer experiments ...?" too."""
    from rag.answer.naming import _writes_title_head
    from rag.answer.question_kind import rule_kind

    assert _writes_title_head("Auto-Transfer and the distillation paper: how does each combine them?", "Auto-Transfer: Learning to Route Transferrable Representations")
    assert not _writes_title_head("Does auto-transfer of weights help?", "Auto-Transfer: Learning to Route Transferrable Representations")
    assert rule_kind("What do the mT5 language-characteristics study and the Basque event extraction paper conclude about which features predict transfer?") == "comparison"
    assert rule_kind("Which datasets were used in the MultiMAE transfer experiments?") == "fact"
    assert rule_kind("Which datasets were used in medical imaging transfer?") != "fact"


def test_a_contraction_and_a_listed_comparative_are_no_topic_words():
    """dev66: "... a new model that is bigger or has a different architecture, so training needn't start from scratch"
    was "The abstracts don't mention "bigger" or "needn"": the papers write "larger", and "needn't" is "need"."""
    from rag.words import content_words

    assert "needn" not in content_words("so training needn't start from scratch") and "need" in content_words("so training needn't start from scratch")
    assert "doesn" not in content_words("why doesn't it transfer?")


def test_a_quoted_title_covers_the_names_inside_it(shipped_components):
    """dev65: "MAD-X vs. the 'Impact of Language Adapters' study" also compared the Adapters library, whose name is
    written only inside the quoted title; "What kind of algorithm does the routing?" of Auto-Transfer's "adversarial
    multi-armed bandit approach" (dev5) is a method by another of its names."""
    answer = _answer(shipped_components, "MAD-X vs. the 'Impact of Language Adapters' study: how useful are target-language adapters according to each?")
    assert answer.shape == "comparison" and "Adapters [" not in answer.text and "**Adapters**" not in answer.text
    answer = _answer(shipped_components, "Auto-Transfer learns to route source-network representations into the target network. What kind of algorithm does the routing?")
    assert answer.shape == "fact" and "multi-armed bandit" in answer.text


def test_a_variant_picked_by_its_based_compound_and_counts_asked_loosely():
    """dev68: "what accuracy did the Xception-based AgriNet model reach?" took "a minimum accuracy of 87% for the
    Inception-v3 model"; "can you list the ~40 tasks ...?" and "List the 12 fact-checking / misinformation benchmarks"
    were not read as things counted."""
    from rag.answer.naming import unnamed_counted
    from rag.answer.stated import listed_picks

    abstract = "We introduce AgriNet models on five architectures: VGG16, VGG19, Inception-v3, InceptionResNet-v2, and Xception."
    assert listed_picks("what accuracy did the Xception-based AgriNet model reach?", abstract, own=["AgriNet"]) == {"Xception"}
    assert listed_picks("what accuracy did the AgriNet models reach?", abstract, own=["AgriNet"]) == set()
    verifier = _hit("We evaluate on 12 public benchmarks for fact-checking and misinformation detection.", name="Verifier")
    assert unnamed_counted("List the 12 fact-checking / misinformation benchmarks evaluated in the paper.", [verifier]) is not None
    tasks = _hit("We evaluate PaliGemma on almost 40 diverse tasks across many domains.", name="PaliGemma")
    assert unnamed_counted("can you list the ~40 tasks PaliGemma was evaluated on?", [tasks]) is not None


def test_things_of_a_named_subject_and_kinds_said_in_general():
    """dev68: "Which open-world platforms (GitHub, Stack Overflow, ...?) did NLTrace mine its datasets from?" was a list
    of papers; its abstract's "datasets mined from open world platforms" names none."""
    from rag.answer.naming import unnamed_kind
    from rag.answer.question_kind import rule_kind

    question = "Which open-world platforms (GitHub, Stack Overflow, ...?) did NLTrace mine its transfer-learning datasets from?"
    assert rule_kind(question) == "fact"
    assert rule_kind("Which languages does XLM-R cover?") == "fact"
    assert rule_kind("Which methods tackle negative transfer?") == "list"
    hit = _hit("Our method, named NLTrace, explores three transfer learning strategies that use datasets mined from open world platforms.", name="NLTrace")
    assert unnamed_kind(question, hit) == "open-world platforms"
    named = _hit("Our method, named NLTrace, uses datasets mined from platforms such as GitHub and Stack Overflow.", name="NLTrace")
    assert unnamed_kind(question, named) == ""


def test_a_name_asked_is_not_the_one_the_question_gives(shipped_components):
    """dev68: "VLN-PETL adds two new PETL modules ... What are they called?" was answered by "... a VLN-specific PETL
    method named VLN-PETL"; dev67: "Which model is bigger in parameter count, SeqGPT or CafeBERT?" was a fact on CafeBERT's
    base model."""
    answer = _answer(shipped_components, "VLN-PETL adds two new PETL modules for vision-and-language navigation. What are they called?")
    assert answer.shape == "fact" and "Historical Interaction Booster" in answer.text
    answer = _answer(shipped_components, "Which model is bigger in parameter count, SeqGPT or CafeBERT?")
    assert answer.kind == "comparison" and answer.shape == "not_stated"


def test_two_papers_said_to_be_two_are_compared_by_their_names(shipped_components):
    """dev69: "TC-LLaVA and T3 both try to improve temporal understanding in video LLMs ..." compared a third paper on
    code data: "T3", two characters, was no name, and "both" says there are two."""
    answer = _answer(shipped_components, "TC-LLaVA and T3 both try to improve temporal understanding in video LLMs. Where does each one intervene?")
    assert answer.shape == "comparison" and "**T3**" in answer.text and "Code Data" not in answer.text


def test_a_use_asked_whether_is_no_premise_and_names_after_the_kind_name_it(shipped_components):
    """dev60: "how much did T3 improve LongVA-7B ..., and did it use any video data for that?" asks whether; dev41: "which
    target datasets does it report gains on?" is named by "... image datasets CUB200, Stanford Dogs, MIT67, and Stanford40"
    though the abstract writes "target datasets" only where it speaks of them in general."""
    answer = _answer(shipped_components, "how much did T3 improve LongVA-7B on TempCompass, and did it use any video data for that?")
    assert answer.shape == "fact" and "5.3" in answer.text
    answer = _answer(shipped_components, "How does AutoPST use the text transcriptions to locate the rhythm?")
    assert answer.shape == "not_stated"  # taken for granted, denied by the abstract
    answer = _answer(shipped_components, "What kind of learning algorithm does Auto-Transfer use to route source representations? And which target datasets does it report gains on?")
    assert answer.shape == "fact" and "CUB200" in answer.text
