"""What the twenty-sixth session's dev32 / dev33 misses asked, read as the asker meant it: a scene set in a
sentence of its own before the asking one, "what exactly", a gain written with its plus sign, a list
asked of a name a few papers write, "anything that ...", two things compared inside one paper."""

from __future__ import annotations

from rag.answer.asked import asked_condition_text, asked_detail, value_asked
from rag.answer.fact_lines import figure_phrase, stating_sentence
from rag.answer.naming import kind_named, uncompared_pair
from rag.answer.question_kind import rule_kind
from rag.answer.relevance_bar import name_writers
from rag.answer.stated import detail_stated, value_stated
from rag.answer.unmentioned import typos_fixed
from rag.records import Evidence, Paper, PaperCard, PaperHit
from tests.test_asked_wording import _answer


def _hit(abstract: str, paper_id: str = "p", title: str = "A paper", name: str = "", rank: int = 1) -> PaperHit:
    sentences, start = [], 0
    for text in abstract.split(". "):
        text = text if text.endswith(".") else text + "."
        begin = abstract.index(text.rstrip("."), start)
        sentences.append(Evidence(text, begin, begin + len(text), 0.5))
        start = begin + len(text) - 1
    card = PaperCard(paper_id, f"card-{paper_id}", name, "", ()) if name else None
    return PaperHit(rank, Paper(paper_id, title, abstract), 1.0, f"{paper_id}-0", tuple(sentences[:1]), card=card, sentence_scores=tuple(sentences))


def test_the_condition_asked_is_read_in_the_asking_sentence():
    """dev33: "FocusCLIP reports per-task gains over CLIP on human-centric tasks. What was the improvement in
    age classification specifically?" read its condition in the scene ("human-centric tasks. What was ...")."""
    question = "The model reports per-task gains over the baseline on human-centric tasks. What was the improvement in age classification specifically?"
    assert asked_condition_text(question).startswith("age classification")
    assert asked_condition_text("What accuracy does X reach on pulmonary nodule classification?") == "pulmonary nodule classification"
    # A condition only the scene gives is still the one asked.
    assert asked_condition_text("The paper reports accuracy on COCO for three sizes. What does the largest get?") == "COCO for three sizes"


def test_the_stating_sentence_meets_most_of_the_condition():
    """dev33: "the improvement in age classification" led with "a 2.47% improvement ... in zero-shot bird
    classification", the sentence holding more of the question's other words."""
    hit = _hit(
        "We observed a 3.98% improvement in activity recognition, a 14.78% improvement in age classification. "
        "The model shows a 2.47% improvement over the baseline model in zero-shot bird classification on human-centric data."
    )
    question = "The model reports per-task gains over the baseline on human-centric tasks. What was the improvement in age classification?"
    stated = stating_sentence(value_asked(question, "fact"), question, hit)
    assert stated is not None and "14.78%" in stated.text
    assert figure_phrase(stated.text, question).startswith("14.78% improvement in age classification")


def test_exactly_is_no_detail_asked():
    """dev33: "what exactly does the model predict ...?" said "The abstracts don't state the exactly."."""
    assert asked_detail("In CIM, what exactly does the model predict from the exemplars?") == ""
    assert asked_detail("What license is LAION-5B released under?") == "license"


def test_a_figure_with_its_plus_sign_states_a_gain():
    """dev33: "What's the gain on EuroSAT?" of "these steps give +32.28 to overall accuracy on So2Sat and
    +11.16 on the EuroSAT dataset" was "not stated": no word says gain; the sign does."""
    hit = _hit("We find that these steps give +32.28 to overall accuracy on the So2Sat dataset and +11.16 on the EuroSAT dataset. Code is released.")
    question = "What's the gain on EuroSAT?"
    assert value_stated(value_asked(question, "fact"), question, [hit])
    assert figure_phrase(hit.sentence_scores[0].text, question).startswith("+11.16")
    plain = _hit("We find that these steps give 32.28 overall accuracy on the So2Sat dataset and 11.16 on the EuroSAT dataset. Code is released.")
    assert not value_stated(value_asked(question, "fact"), question, [plain])


def test_two_descriptions_ending_in_names_are_no_uncompared_pair():
    """dev33: "adapters on wav2vec 2.0 for ASR vs LoRA on chest radiography foundation models - what fraction
    of parameters does each train?" said "No abstract compares ASR with LoRA": neither word is a paper."""
    speech = _hit("We apply adapters to wav2vec 2.0 for ASR. We train fewer than 10% of parameters.", "speech", "Adapters for speech", name="SpeechAdapters")
    chest = _hit("We study LoRA on chest radiography foundation models. LoRA trains 1% of parameters.", "chest", "PEFT for radiography", name="ChestPEFT")
    assert uncompared_pair("adapters on wav2vec 2.0 for ASR vs LoRA on chest radiography models: what fraction of parameters does each train?", [speech, chest]) is None
    # One side a paper, the other no paper's and never mentioned with it: still no comparison to draw.
    assert uncompared_pair("How does SpeechAdapters compare with QLoRA?", [speech, chest, _hit("QLoRA is used here. It helps.", "q", "Other")]) == ("SpeechAdapters", "QLoRA")


def test_a_mistyped_anything_is_read_as_meant():
    """dev33: "anythign that trains or evaluates on the Taskonomy dataset?" said "The abstracts don't mention 'anythign'"."""
    assert typos_fixed("anythign that trains on the Taskonomy dataset?", [], ["anythign"]) == "anything that trains on the Taskonomy dataset?"


def test_list_wordings_of_dev33():
    assert rule_kind("anything that trains or evaluates on the Taskonomy dataset?") == "list"
    assert rule_kind("RL papers evaluated on video games like Atari or StarCraft?") == "list"
    # "which target datasets was it tested on?" asks of the one method the question described (a list of one was given).
    assert rule_kind("The bandit method that routes source representations - which target datasets was it tested on?") == "fact"
    assert rule_kind("Which papers use CLIP?") == "list"


def test_a_list_asked_of_a_name_few_papers_write_is_those_papers():
    """dev33: "which papers run experiments on MNIST?" embedded closest to sentences about running
    experiments; the two papers writing MNIST are the list. A name most of the ranking writes is the field."""
    writers = [_hit("We test on MNIST digits. It works.", "a", "A", rank=1), _hit("Results on MNIST and CIFAR-100. Good.", "b", "B", rank=2)]
    others = [_hit(f"We run many experiments with RL agents. Number {i}.", f"o{i}", f"O{i}", rank=3 + i) for i in range(8)]
    ranking = [others[0], writers[0], *others[1:4], writers[1], *others[4:]]
    assert [h.paper.paper_id for h in name_writers("which papers run experiments on MNIST?", ranking, 5)] == ["a", "b"]
    assert name_writers("which RL papers run experiments?", ranking, 5) == []  # RL: most of the ranking writes it
    assert name_writers("which papers run experiments on ImageNet?", ranking, 5) == []  # nobody writes it: for the unmentioned check


def test_a_list_asked_of_a_dataset_lists_the_papers_using_it(shipped_components):
    answer = _answer(shipped_components, "which papers run experiments on MNIST?")
    assert not answer.abstained and answer.shape == "list"
    assert len(answer.citations) >= 2 and all("MNIST" in f"{c.paper.title} {c.paper.abstract}" for c in answer.citations)


def test_two_things_compared_inside_one_paper_are_its_fact(shipped_components):
    """dev17 / dev32: "... compares backbones pre-trained on astro images vs terrestrial ones - which
    domain-specific CNN did better?" was read as a comparison of papers and answered without the name."""
    answer = _answer(shipped_components, "In the galaxy clump paper using Faster R-CNN, backbones pre-trained on astro images vs terrestrial ones were compared - which domain-specific CNN did better?")
    assert answer.shape == "fact"
    assert "Zoobot" in answer.text


def test_a_detail_asked_as_alternatives_is_stated_by_either():
    """dev33: "What tool or model does each use to produce them?" said "The abstracts don't state the tool
    or model" of a paper presenting "a Blender add-on": no abstract says "tool"; "model" is the other word asked."""
    blender = _hit("We present a Blender add-on named MotorFactory to generate mesh models. It is fast.")
    assert detail_stated("tool or model", [blender])
    assert detail_stated("license / tool", [_hit("The code is released under the MIT license. It is fast.")])
    assert not detail_stated("license or tool", [blender])


def test_a_language_asked_is_answered_by_the_languages_a_sentence_names():
    """dev33: "which target language(s) does each paper work on?" gave each paper's contribution; the
    answer is the sentence naming "Bulgarian and German", "Traditional Chinese". A language the question
    names is no answer; English beside others is where the transfer starts."""
    question = "I'm adapting an English LLM to a new language. Which target language(s) does each paper work on?"
    assert kind_named(question, "We demonstrate in a study on Bulgarian and German that the method reduces forgetting.") == "Bulgarian and German"
    assert kind_named(question, "We pre-train on Traditional Chinese data and test in Traditional Chinese and English tasks.") == "Traditional Chinese"
    assert kind_named("Which languages were targeted?", "We adapt LLaMa, mainly trained in English, to Kinyarwanda, Hausa, and Luganda.") == "Kinyarwanda, Hausa and Luganda"
    assert kind_named("Which language model does it use?", "We adapt it to Hausa.") == ""
    assert kind_named("Which languages were targeted?", "We study transfer across many languages.") == ""
    # "non-English" names no language; English alone is no answer when other languages are asked.
    other = "Both move LLMs into other languages. Which language / benchmark did each evaluate on?"
    assert kind_named(other, "We fine-tune LLMs for tasks in non-English languages.") == ""
    assert kind_named(other, "LLMs do well in English; practitioners adapt them to different languages.") == ""
    # Asked with another kind, each in the order asked.
    asked = "Which existing pretrained speech model, and from which language, was used for Slovak?"
    assert kind_named(asked, "We transfer from the existing Czech pre-trained Wav2Vec 2.0 model into Slovak.", with_kind=True) == "Wav2Vec 2.0 model and Czech"
