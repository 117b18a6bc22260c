"""A figure asked for one of several things an abstract reports on is stated only by a sentence naming
that one (the twenty-fifth session, from the seen sets' unanswerables that still got a figure): one
item of an enumeration the question picks out, and what a question asks for "specifically"."""

from __future__ import annotations

from rag.answer.asked import asked_condition_names, value_asked
from rag.answer.stated import listed_picks, other_variant, singled_out, value_stated
from tests.test_asked_wording import _hit

MODELS = (
    "We release pretrained checkpoints for four backbones: ResNet-50, ViT-B/16, ConvNeXt-T, and Swin-T. "
    "The ConvNeXt-T checkpoint reaches 81.2% top-1 accuracy on ImageNet. "
    "Across all backbones, transfer accuracy on CIFAR-100 averages 88.4%."
)


def test_one_item_of_an_enumeration_picked_by_the_question_needs_a_sentence_naming_it():
    question = "What CIFAR-100 transfer accuracy does the Swin-T checkpoint get?"
    assert listed_picks(question, MODELS) == {"Swin-T"}
    assert not value_stated(value_asked(question, "fact"), question, [_hit(MODELS)])  # 88.4% is the average over all four
    named = "What top-1 accuracy does the ConvNeXt-T checkpoint reach on ImageNet?"
    assert value_stated(value_asked(named, "fact"), named, [_hit(MODELS)])


def test_naming_every_item_or_none_picks_nothing():
    assert listed_picks("How do ResNet-50, ViT-B/16, ConvNeXt-T and Swin-T compare on CIFAR-100?", MODELS) == set()
    assert listed_picks("What transfer accuracy on CIFAR-100 do the checkpoints average?", MODELS) == set()
    question = "What transfer accuracy on CIFAR-100 do the released checkpoints average?"
    assert value_stated(value_asked(question, "fact"), question, [_hit(MODELS)])


def test_a_list_of_common_words_is_no_enumeration_of_alternatives():
    abstract = "The method edits images, videos, and 3D scenes. It improves fidelity by 12% on videos."
    assert listed_picks("How much does it improve fidelity on videos?", abstract) == set()


def test_what_a_question_asks_for_specifically_must_be_named_where_the_figure_is():
    question = "Just for the 13B model specifically, how many points does the method gain over few-shot prompting?"
    assert singled_out(question) == {"13b"}
    averaged = _hit("We evaluate 9 LLMs from 1B to 13B. Averaged over all models, the method gains 6.1 points over few-shot prompting.")
    assert not value_stated(value_asked(question, "fact"), question, [averaged])
    named = _hit("We evaluate 9 LLMs from 1B to 13B. On the 13B model, the method gains 4.0 points over few-shot prompting.")
    assert value_stated(value_asked(question, "fact"), question, [named])


def test_specifically_without_a_name_singles_nothing_out():
    assert singled_out("What does the method do specifically?") == set()
    assert singled_out("Specifically, for the largest model, what is the gain?") == set()
    assert singled_out("What is the error rate on MNIST in particular?") == {"mnist"}


def test_a_fact_asked_for_a_name_the_paper_never_writes_is_not_stated_by_its_other_figures():
    """dev31: "what XNLI accuracy gain did XLM-R report for Hindi ...?" was answered with Swahili's 15.7%:
    the abstract gives Swahili and Urdu, and never writes Hindi."""
    from rag.answer.stated import foreign_names

    abstract = "Our model improves XNLI accuracy by 15.7% for Swahili and 11.4% for Urdu over previous models."
    question = "By how much did the model raise XNLI accuracy for Hindi compared with earlier models?"
    hit = _hit(abstract, title="A cross-lingual model")
    assert foreign_names(question, hit, [hit]) == ["Hindi"]
    assert not value_stated(value_asked(question, "fact"), question, [hit], one_paper=True)
    asked_right = question.replace("Hindi", "Urdu")
    assert foreign_names(asked_right, hit, [hit]) == []
    assert value_stated(value_asked(asked_right, "fact"), asked_right, [hit], one_paper=True)


def test_a_name_the_question_opens_with_or_a_retrieved_papers_name_is_not_foreign():
    from rag.answer.stated import foreign_names

    hit = _hit("Our adapter reaches 91.2% accuracy on SST-2.", title="An adapter paper")
    other = _hit("LoRA freezes the weights.", title="LoRA: Low-Rank Adaptation", paper_id="q")
    assert foreign_names("How does the adapter compare with LoRA on SST-2?", hit, [hit, other]) == []
    assert foreign_names("Adapters: what accuracy on SST-2?", hit, [hit]) == []


def test_the_answer_names_what_the_paper_never_writes(shipped_components):
    from tests.test_asked_wording import _answer

    answer = _answer(shipped_components, "How much did XLM-R improve XNLI accuracy in Hindi compared to earlier XLM models?")
    assert answer.abstained
    assert answer.text.startswith("The abstracts don't state the ") and " for Hindi." in answer.text.splitlines()[0]


def test_an_absolute_figure_asked_is_not_stated_by_a_gain():
    """dev31: "On SimplerEnv, which gets the higher absolute success rate, A or B?" was answered with
    "an average increase of 5.0% success rate"; "higher" asks a comparison, "absolute" a level."""
    gain = _hit("It achieves an average increase of 5.0% success rate on SimplerEnv WidowX tasks.")
    question = "On SimplerEnv, which model gets the higher absolute success rate, ours or the baseline?"
    assert not value_stated(value_asked(question, "fact"), question, [gain])
    relative = "On SimplerEnv, which model gets the higher success rate, ours or the baseline?"
    assert value_stated(value_asked(relative, "fact"), relative, [gain])
    level = _hit("It reaches a 62.5% absolute success rate on SimplerEnv WidowX tasks.")
    assert value_stated(value_asked(question, "fact"), question, [level])


def test_a_level_asked_outright_is_not_stated_by_a_gain_beside_model_versions():
    """dev32: "what GPQA accuracy does the model end up at (the actual score, not the gain)?" was
    answered with "an absolute accuracy improvement of 10.7% on GPQA over the base Llama 3.1 8B": the
    versions and sizes in the model names ("3.1", "8B") are no levels told beside the gain."""
    from rag.answer.stated import only_changes

    gain = _hit("Reusing the updates from Model 3.0 8B leads to an absolute accuracy improvement of 10.7% on GPQA over the base Model 3.1 8B.")
    question = "What GPQA accuracy does the merged model end up at (the actual score, not the gain)?"
    assert not value_stated(value_asked(question, "fact"), question, [gain])
    assert only_changes(gain.paper.abstract)
    assert not only_changes("The 7B model reaches 85.2% accuracy, a 3.1 point gain.")


def test_a_figure_asked_in_a_unit_is_stated_only_in_one_of_its_kind():
    """dev32: "In hours, how long does the pipeline take to train?" was answered with "using 1/10 training time"."""
    from rag.answer.stated import asked_unit

    question = "In hours, how long does the pipeline take to train on ImageNet-1K?"
    relative = _hit("The pipeline reaches the same accuracy using 1/10 training time on ImageNet-1K.")
    assert not value_stated(value_asked(question, "fact"), question, [relative])
    timed = _hit("Its training time on ImageNet-1K is 30 hours on 8 GPUs.")
    assert value_stated(value_asked(question, "fact"), question, [timed])
    memory = asked_unit("How much GPU memory in GB does fine-tuning need?")
    assert memory.search("it needs 24GB") and memory.search("uses 1.5 GB") and not memory.search("saves 69% memory")


def test_the_figure_asked_with_a_named_component_is_the_one_told_with_it():
    """dev32: "What COCO AP does its largest model get with Mask R-CNN?" led with the sentence's other figure,
    "52.1% AP with a RetinaNet detector on COCO"."""
    from rag.answer.fact_lines import figure_phrase

    sentence = "The large model achieves 48.3% AP with a MaskR-CNN detector and achieves 47.9% AP with a RetinaNet detector on COCO."
    assert figure_phrase(sentence, "What COCO AP does the large model get with Mask R-CNN?", "COCO AP").startswith("48.3% AP with a MaskR-CNN")
    assert figure_phrase(sentence, "What COCO AP does the large model get with RetinaNet?", "COCO AP").startswith("47.9% AP with a RetinaNet")


SPEECH_TRANSLATION = (
    "We demonstrate the effectiveness of our approach on two popular datasets, namely, CoVoST-2 and Europarl. "
    "On the 21 translation tasks of the CoVoST-2 benchmark, we achieve an average improvement of 12.8 BLEU points over the baselines. "
    "We make similar observations on Europarl speech translation benchmark."
)


def test_a_proper_noun_asked_on_must_be_named_where_the_figure_is():
    """dev23: "How many BLEU points does initializing with SAMU-XLS-R gain on the Europarl speech translation
    benchmark?" got the CoVoST-2 gain: "translation" met the condition, and "Europarl" (one capital) was
    no name the figure's sentence had to hold."""
    question = "How many BLEU points does initializing with the encoder gain on the Europarl speech translation benchmark?"
    assert not value_stated(value_asked(question, "fact"), question, [_hit(SPEECH_TRANSLATION)])
    on_covost = "How many BLEU points does initializing with the encoder gain on the CoVoST-2 speech translation benchmark?"
    assert value_stated(value_asked(on_covost, "fact"), on_covost, [_hit(SPEECH_TRANSLATION)])
    stated = SPEECH_TRANSLATION.replace("We make similar observations on Europarl", "On Europarl we gain 3.1 BLEU points on the")
    assert value_stated(value_asked(question, "fact"), question, [_hit(stated)])
    assert asked_condition_names("What accuracy does it reach on the Bangladesh pest dataset?") == {"bangladesh"}


def test_a_subtask_is_the_task_the_abstract_letters():
    """dev27: "What macro F1 did HaT5 get on subtask B (offense type) of OLID 2019?" got task A's figure."""
    abstract = "Macro F1 scores of 81.66% for task A of the OLID 2019 dataset and 82.54% for task A of HASOC 2021."
    assert other_variant("What macro F1 did it get on subtask B (offense type) of OLID 2019?", abstract)
    assert other_variant("What macro F1 did it get on sub-task B of OLID 2019?", abstract)
    assert not other_variant("What macro F1 did it get on subtask A of OLID 2019?", abstract)


def test_a_task_of_two_words_is_written_together():
    """The words of a task named by two ("change detection") held by a paper writing them side by side,
    in either order and form, not in two sentences of its own."""
    from rag.answer.unmentioned import _task_pairs, _written_near

    stem = lambda w: w.rstrip("s")  # noqa: E731 - the pairs' five-letter prefixes are what count
    assert _task_pairs("Which papers apply transfer learning to change detection in satellite imagery?", stem) == [("change", "detection")]
    assert _task_pairs("Which papers use transfer learning for speech emotion recognition?", stem) == [("emotion", "recognition")]
    assert _task_pairs("Which models do image classification?", stem) == [("image", "classification")]
    assert _written_near(("change", "detection"), "We study change detection on Sentinel-2.", stem)
    assert _written_near(("change", "detection"), "It is good at detecting the changes between images.", stem)
    assert not _written_near(("change", "detection"), "Climate change matters. Object detection too.", stem)
