"""What the fifty-second session's reading of dev124 showed, fixed in general form and diffed on every seen set: a comparison
side's line may be the sentence going straight on from the paper's proposal without "we" ("Fine-tuning is performed by using a
multi-task objective ...", "The benchmark consists of ..."); an asked word beside its neighbour in the question ("pretrained on")
breaks a tie; "what goes into" asks what a thing consists of; a described side is found by the part of the question naming the
sides; "what do A and B say" asks the question before it; a name given after "derive two models:" is the paper's; a typo the
index knows with a letter doubled ("actualy"); "anything called 'X'?" lists the papers writing X; a bound ("z<0.3") states a
cut; a guess in brackets is no part of the detail asked; "what evidence does each give" asks results; a percentage on the
benchmark a question types in lower case is its accuracy."""

from __future__ import annotations

from rag.answer.asked import asked_detail, detail_words
from rag.answer.evidence_lines import continues_own_work
from rag.answer.fact_lines import answering_sentence, asked_clause
from rag.answer.naming import described_by_title, named_papers
from rag.answer.question_kind import rule_kind
from rag.answer.stated import detail_stated
from rag.answer.unmentioned import typos_fixed
from tests.test_asked_wording import _answer
from tests.test_asked_wording_dev41 import _hit

_TRANSFO = (
    "We introduce a new approach to dialogue systems called TransferTransfo. "
    "Fine-tuning is performed by using a multi-task objective which combines several unsupervised prediction tasks. "
    "The resulting model shows strong improvements."
)


def _sentence(hit, starting: str):
    return next(e for e in hit.sentence_scores if e.text.startswith(starting))


def test_a_sentence_going_straight_on_from_the_proposal_is_its_own_work():
    """dev124: TransferTransfo's line was its introduction, not "Fine-tuning is performed by using a multi-task objective which
    combines several unsupervised prediction tasks", asked what goes into each one's objective: no "we", so not the paper's."""
    transfo = _hit(_TRANSFO, name="TransferTransfo")
    assert continues_own_work(transfo, _sentence(transfo, "Fine-tuning is performed"))
    blue = _hit(
        "We introduce the BLUE benchmark to facilitate research. The benchmark consists of five tasks with ten datasets. "
        "We also evaluate several baselines.",
        name="BLUE",
    )
    assert continues_own_work(blue, _sentence(blue, "The benchmark consists"))
    mae = _hit("We propose a pre-training strategy called MultiMAE. It differs from standard masked autoencoding in two aspects. We show it works.")
    assert continues_own_work(mae, _sentence(mae, "It differs"))
    found = _hit("We find that the multilingual model does not always win. Furthermore, English appears to be a less suitable source language. Done.")
    assert continues_own_work(found, _sentence(found, "Furthermore, English"))
    # ... not a description of the data ("The datasets are diverse in ...", dev105), nor the field, nor a sentence not right after
    hat5 = _hit("We compare architectures across 5 tasks from 2 relatively diverse datasets. The datasets are diverse in terms of the number of tasks. We augment data.")
    assert not continues_own_work(hat5, _sentence(hat5, "The datasets are"))
    field = _hit("We study transfer. Fine-tuning is usually performed by using all the parameters of existing models. Our method is new.")
    assert not continues_own_work(field, _sentence(field, "Fine-tuning is usually"))
    late = _hit("Dialogue systems are popular. Fine-tuning is performed by using a multi-task objective. We introduce TransferTransfo.")
    assert not continues_own_work(late, _sentence(late, "Fine-tuning is performed"))


def test_comparison_sides_answer_what_goes_into_them(shipped_components):
    """dev124: each was a side's introduction, not the sentence answering what was asked."""
    answer = _answer(shipped_components, "TransferTransfo vs ExT5: what goes into each one's multi-task training objective?")
    assert "unsupervised prediction tasks" in answer.text and "span denoising" in answer.text
    answer = _answer(shipped_components, "BLUE (biomedical) vs SentGLUE from Sentence-T5: what goes into each benchmark?")
    assert "ten datasets" in answer.text and "nine tasks" in answer.text
    answer = _answer(shipped_components, "SeqGPT vs CrossLM: who produces the synthetic training data in each?")
    assert "synthesized by ChatGPT" in answer.text


def _answering_line(abstract: str, name: str, question: str) -> str:
    """The line `answering_sentence` gives for the part of `question` after its colon or dash, of a one-paper abstract."""
    clause = question.split(" - ", 1)[-1].split(": ", 1)[-1].rstrip("?")
    line = answering_sentence(question, _hit(abstract, name=name), clause=clause)
    return line.text if line is not None else ""


def test_an_asked_word_beside_its_neighbour_breaks_a_tie():
    """dev124: "what is each one built from or pretrained on?" gave OFA's "... in both pretraining and finetuning stages", not
    "OFA is pretrained on only 20M publicly available image-text pairs"; both hold "pretrain" once."""
    ofa = (
        "We pursue a unified paradigm for multimodal pretraining. OFA follows instruction-based learning in both pretraining and finetuning stages. "
        "OFA is pretrained on only 20M publicly available image-text pairs. OFA transfers well."
    )
    assert "20M" in _answering_line(ofa, "OFA", "OFA vs PaliGemma - what is each one built from or pretrained on?")


def test_what_goes_into_a_thing_is_what_it_consists_of():
    blue = (
        "We introduce the BLUE benchmark to facilitate research on the benchmark. The benchmark consists of five tasks with ten datasets. "
        "We evaluate baselines on the benchmark."
    )
    assert "ten datasets" in _answering_line(blue, "BLUE", "BLUE vs SentGLUE: what goes into each benchmark?")


def test_the_part_naming_the_sides_finds_the_described_one():
    """dev124: "GEM vs the language-guided supervision paper for visual continual learning - how does each one get knowledge to
    transfer across tasks?" took "Knowledge Transfer Across Modalities with Natural Language Supervision", whose title holds the
    asking part's "knowledge", "transfer" and "across"."""
    gem = _hit("We propose Gradient Episodic Memory (GEM).", "g", "Gradient Episodic Memory for Continual Learning", name="GEM")
    guided = _hit("We argue one-hot labels carry scarce semantics.", "v", "Enhancing Visual Continual Learning with Language-Guided Supervision")
    modalities = _hit("We transfer knowledge across modalities.", "k", "Knowledge Transfer Across Modalities with Natural Language Supervision")
    question = "GEM vs the language-guided supervision paper for visual continual learning - how does each one get knowledge to transfer across tasks?"
    assert described_by_title(question, [gem, modalities, guided], [gem]) is guided


def test_what_two_papers_say_asks_the_question_before():
    """dev124: "is the obvious source language always the best one? what do Reuse Your Rewards and the versatilists-vs-specialists
    paper say" read "what do ... say" as the asking part, which asks nothing but the names."""
    question = "is the obvious source language always the best one? what do Reuse Your Rewards and the versatilists-vs-specialists paper say"
    assert asked_clause(question) == "is the obvious source language always the best one?"
    assert asked_clause("FILTER vs X-METRA-ADA: what does each conclude about zero-shot transfer?") != "FILTER vs X-METRA-ADA:"


def test_a_name_given_after_derive_two_models_is_the_papers():
    """dev124: "what do t-ReX and the plain-ViT Mask R-CNN detection benchmark each conclude?" named no paper for t-ReX, whose
    abstract derives it ("... derive two models: t-ReX that achieves ..."), so another self-supervised paper was a side."""
    trex = _hit("We propose a supervised learning setup. We derive two models: t-ReX that achieves a new state of the art, and t-ReX* that matches RSB-A1.", "t", "No Reason for No Supervision")
    other = _hit("We evaluate 13 self-supervised models on 40 tasks.", "o", "How Well Do Self-Supervised Models Transfer?")
    assert named_papers("supervised vs self-supervised starting points: what does t-ReX conclude?", [other, trex]) == [trex]


def test_a_typo_the_index_knows_with_a_letter_doubled_is_fixed(shipped_components):
    """dev124: "taskonomy - which papers actualy run experiments on it?" said "The abstracts don't mention “actualy”": no close
    paper writes "actually", so the close papers' words could not fix it."""
    keyword = shipped_components.retriever.keyword
    assert keyword.dropped_letter_typo_of("actualy") == "actually"
    assert keyword.dropped_letter_typo_of("transfer") == ""  # a word the papers write is no typo of another
    assert typos_fixed("which papers actualy run experiments on it?", [], ["actualy"], keyword.dropped_letter_typo_of) == "which papers actually run experiments on it?"
    # ... never a name typed with a capital
    assert typos_fixed("what does Actualy do?", [], ["Actualy"], keyword.dropped_letter_typo_of) == "what does Actualy do?"
    answer = _answer(shipped_components, "taskonomy - which papers actualy run experiments on it?")
    assert not answer.abstained and "MultiMAE" in answer.text and "Learning to Branch" in answer.text


def test_anything_called_a_name_lists_the_papers_writing_it(shipped_components):
    """dev124: "anything called 'All-in-One' here? models or components with that name" was read as a fact and refused."""
    assert rule_kind("anything called 'All-in-One' here? models or components with that name") == "list"
    answer = _answer(shipped_components, "anything called 'All-in-One' here? models or components with that name")
    assert not answer.abstained and "AIO-P" in answer.text and "SAN" in answer.text


def test_a_bound_states_a_cut_and_exactly_asks_nothing():
    """dev124: "... works on 'low redshift' galaxies - what's the redshift cut exactly?" said the abstracts don't state it, of
    "... in low redshift (z<0.3) galaxies"."""
    assert detail_words(asked_detail("The clump detection paper works on 'low redshift' galaxies - what's the redshift cut exactly?")) == ["redshift", "cut"]
    bound = _hit("We apply Faster R-CNN to identify clumps in low redshift (z<0.3) galaxies. It works.")
    unbounded = _hit("We apply Faster R-CNN to identify clumps in low redshift galaxies. It works.")
    assert detail_stated("redshift cut", [bound]) and not detail_stated("redshift cut", [unbounded])


def test_a_guess_in_brackets_is_no_part_of_the_detail(shipped_components):
    """dev124: "Which CLIP backbone (ViT-B/16? ViT-L/14?) did ZSCL use ...?" read "16" of "ViT-B/16" as one of the things asked,
    which many abstracts write; ZSCL's names no backbone."""
    assert asked_detail("Which CLIP backbone (ViT-B/16? ViT-L/14?) did ZSCL use for its continual learning experiments?") == "CLIP backbone"
    answer = _answer(shipped_components, "Which CLIP backbone (ViT-B/16? ViT-L/14?) did ZSCL use for its continual learning experiments?")
    assert answer.abstained


def test_things_of_one_named_paper_asked_in_five_words():
    """dev124: "Which content and style image datasets was CCPL trained on?" listed three style transfer papers."""
    assert rule_kind("Which content and style image datasets was CCPL trained on?") == "fact"
    assert asked_detail("Which content and style image datasets was CCPL trained on?") == "content and style image datasets"


def test_what_evidence_each_gives_asks_its_results(shipped_components):
    """dev124: "GenSim vs the household rearrangement robot: what real-world evidence does each one give?" said the abstracts don't
    state it; GenSim's "... stronger transfer to unseen long-horizon tasks in the real world and outperform baselines by 25%"."""
    answer = _answer(shipped_components, "GenSim vs the household rearrangement robot: what real-world evidence does each one give?")
    assert not answer.abstained and "25%" in answer.text


def test_a_percentage_on_the_benchmark_typed_in_lower_case_is_its_accuracy(shipped_components):
    """dev20 (once dev124's typo fixing read "acuracy" as "accuracy"): "m2d-clap gtzan acuracy?" said the abstracts don't state
    the accuracy, of "... ZS classification with a GTZAN state-of-the-art of 75.17%"."""
    answer = _answer(shipped_components, "m2d-clap gtzan acuracy?")
    assert not answer.abstained and "75.17%" in answer.text


# dev126 (read this session, dev127 kept unread)


def test_the_one_named_by_its_kind_is_the_thing_asked(shipped_components):
    """dev126: "UniPT has two modules; what is the confidence aggregation one responsible for?" said "The abstracts don't state
    the confidence aggregation one responsible", of "2) A confidence aggregation module that ... integrating cross-layer features"."""
    assert asked_detail("UniPT has two modules; what is the confidence aggregation one responsible for?") == "confidence aggregation"
    answer = _answer(shipped_components, "UniPT has two modules; what is the confidence aggregation one responsible for?")
    assert not answer.abstained and "cross-layer features" in answer.text


def test_exactly_asks_a_value_precisely_but_instances_by_name(shipped_components):
    """dev124's "what's the redshift cut exactly?" asks a value, which "z<0.3" gives; dev93's "which equivariant pretext tasks
    exactly does it use - rotation prediction, flips, jigsaw?" asks them by name, which CLER's abstract never gives."""
    assert asked_detail("The clump paper works on low redshift galaxies - what's the redshift cut exactly?") == "redshift cut"
    assert asked_detail("CLER for online continual learning: which equivariant pretext tasks exactly does it use?").endswith("exactly")
    answer = _answer(shipped_components, "CLER for online continual learning: which equivariant pretext tasks exactly does it use - rotation prediction, flips, jigsaw?")
    assert answer.abstained


def test_a_bracket_saying_more_of_what_is_asked_stays():
    """dev68: "Which base LLMs (model names/sizes) were trained with MetaLadder ...?" asks the names, which its abstract never
    gives; only a bracket guessing the answer ("(ViT-B/16? ViT-L/14?)", "(e.g. ...)") is set aside."""
    assert asked_detail("Which base LLMs (model names/sizes) were trained with MetaLadder in its experiments?") == "base LLMs (model names/sizes)"


def test_a_preposition_beside_an_asked_word_breaks_a_tie_not_a_content_word(shipped_components):
    """dev121: "UniAdapter vs SHERL: what kinds of downstream tasks was each one evaluated on?" took the field's "... the number
    of downstream tasks grow" once a tie went to the sentence writing "downstream tasks"; UniAdapter's "Extensive experiments on
    6 cross-modal downstream benchmarks (including video-text retrieval, ...)" answers."""
    answer = _answer(shipped_components, "UniAdapter vs SHERL: what kinds of downstream tasks was each one evaluated on?")
    assert "VideoQA" in answer.text


def test_how_each_measured_asks_results_and_a_setting_before_this_approach_is_own_work():
    """dev126: "how did TransferTransfo and Reuse Your Rewards each measure the quality of their dialog outputs?" gave
    TransferTransfo's introduction alone: how each measured is its results, and its "On the privately held PERSONA-CHAT dataset
    ..., this approach obtains a new state-of-the-art, with respective perplexity, Hits@1 and F1 metrics" has no "we"."""
    from rag.answer.evidence_lines import about_own_work
    from rag.answer.shapes import _ASKS_RESULTS_TOO

    transfo = _hit("We introduce TransferTransfo. On the privately held PERSONA-CHAT dataset, this approach obtains a new state-of-the-art. Done.")
    assert about_own_work(transfo, _sentence(transfo, "On the privately held"))
    assert _ASKS_RESULTS_TOO.search("how did TransferTransfo and Reuse Your Rewards each measure the quality of their dialog outputs?")
    assert not _ASKS_RESULTS_TOO.search("how does each one estimate transferability before fine-tuning?")


def test_what_each_adds_is_not_a_sentence_opening_additionally(shipped_components):
    """dev122: "What does each add on top of plain fine-tuning / CoT?" gave LinguaLIFT's "Additionally, we introduce the ... MMWP
    benchmark" once "add" was asked as "additional" too; its "An additional language alignment layer is first integrated into the
    LLM ..." answers."""
    answer = _answer(shipped_components, "MetaLadder vs LinguaLIFT - both about getting LLMs better at math reasoning. What does each add on top of plain fine-tuning / CoT?")
    assert "language alignment layer" in answer.text and "meta-problems" in answer.text


def test_the_thing_examples_are_given_of_is_met_by_them():
    """dev126: "Which papers frame their problem as a data imbalance, e.g. a very rare class or languages that are under-represented
    ...?" said the papers don't mention "imbalance"; a paper on the rare-class problem meets it. dev116's "compiler optimization,
    e.g. ..." stays asked as both words, which no paper writes together."""
    from rag.answer.unmentioned import _facets

    facets = _facets("Which papers frame their problem as a data imbalance, e.g. a very rare class or languages that are under-represented?")
    assert [["rare", "class"], ["languages", "represented"], ["data", "imbalance"]] in facets and [["imbalance"]] not in facets
    facets = _facets("Has anyone used transfer learning for compiler optimization, e.g. predicting good optimization passes or autotuning tensor programs?")
    assert any(["compiler", "optimization"] in group for group in facets) and [["optimization"]] not in facets


def test_a_label_the_title_opens_with_names_the_paper(shipped_components):
    """dev126: "learning to branch: which backbone CNN did they use for the CelebA experiments?" named no paper (three lowercase
    title words) and answered from the galaxy paper's backbone sentence."""
    answer = _answer(shipped_components, "learning to branch: which backbone CNN did they use for the CelebA experiments?")
    assert answer.abstained and "Learning to Branch" in answer.text


def test_asked_of_a_paper_after_a_preposition_and_of_a_name_and_a_paper(shipped_components):
    """dev126: "In the data augmentation for code generation paper, between which programming languages was code translated?" was
    read as a list; "what kind of parallel data do mPLM-Sim and the cross-lingual adjustment of mBERT paper use, and what for?"
    as a fact about mPLM-Sim."""
    assert rule_kind("In the data augmentation for code generation paper, between which programming languages was code translated?") == "fact"
    assert rule_kind("Parallel text in two cross-lingual papers: what kind of parallel data do mPLM-Sim and the cross-lingual adjustment of mBERT paper use, and what for?") == "comparison"
    assert _answer(shipped_components, "In the data augmentation for code generation paper, between which programming languages was code translated?").abstained


def test_technology_asks_a_method_by_any_name(shipped_components):
    """dev126: "Re3Sim vs MotorFactory - both produce synthetic training data. What technology does each use to generate it?" said
    the abstracts don't state the technology, of "... neural rendering techniques" and "a Blender add-on"."""
    answer = _answer(shipped_components, "Re3Sim vs MotorFactory - both produce synthetic training data. What technology does each use to generate it?")
    assert not answer.abstained and "Blender" in answer.text


# dev128 (read this session, dev129 kept unread)


def test_a_kind_said_with_what_it_does_is_told_which(shipped_components):
    """dev128: "Which richer detectors is it reported to be as effective as?" said the abstracts don't state them, of "... as
    effective as a richer detector that utilizes the entire hidden states of an LLM or a text-based entailment model"."""
    answer = _answer(shipped_components, "Lookback Lens puts a plain linear classifier on the lookback-ratio features. Which richer detectors is it reported to be as effective as?")
    assert not answer.abstained and "entailment" in answer.text


def test_in_the_study_of_something_asks_that_paper():
    """dev128: "In the study of model-based agents for exploration and transfer, which of the three domains is the
    out-of-distribution one ...?" was read as a list."""
    assert rule_kind("In the study of model-based agents for exploration and transfer, which of the three domains is the out-of-distribution one?") == "fact"


def test_a_comparative_before_its_noun_describes(shipped_components):
    """dev128: "Growing a bigger LM from a smaller one by copying its weights and padding with zeros: why do source and target end
    up with approximately the same outputs?" said the abstracts don't mention "bigger" (dev20's "why do sparse CNNs transfer
    worse?" still asks its premise)."""
    answer = _answer(shipped_components, "Growing a bigger LM from a smaller one by copying its weights and padding with zeros: why do source and target end up with approximately the same outputs, according to the authors?")
    assert not answer.abstained and "block matrix multiplication" in answer.text


def test_what_a_paper_scores_on_a_benchmark_asks_a_score(shipped_components):
    """dev128: "what does ExT5 score on the Rainbow commonsense benchmark?" quoted "ExT5 outperforms strong T5 baselines on
    SuperGLUE, GEM, Rainbow, ...", which gives no score."""
    from rag.answer.asked import value_asked

    assert value_asked("what does ExT5 score on the Rainbow commonsense benchmark?", "fact") == "score"
    assert _answer(shipped_components, "what does ExT5 score on the Rainbow commonsense benchmark?").abstained


def test_a_job_is_asked_in_any_words(shipped_components):
    """dev128: "CIM vs ViLBERT: what job does attention do in each model?" said "The abstracts don't state the job"."""
    answer = _answer(shipped_components, "CIM vs ViLBERT: what job does attention do in each model?")
    assert not answer.abstained and "cross-attention" in answer.text and "co-attentional" in answer.text
