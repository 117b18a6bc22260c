"""What the twenty-seventh session's dev34 misses, and the seen sets' leftover ones it met, asked, read as
the asker meant it: chat shorthand, sizes and counts asked, which did best, a second clause asking a kind,
a list asked of one term, and a figure comparison one side of which states no figure."""

from __future__ import annotations

from tests.test_asked_wording import _answer


def test_chat_shorthand_is_no_topic_word(shipped_components):
    """dev34: "... list the papers pls" said "The abstracts don't mention “pls”."."""
    answer = _answer(shipped_components, "RL with intrinsic motivation or curiosity-style exploration signals - list the papers pls")
    assert not answer.abstained and answer.shape == "list"
    assert "pls" not in answer.text


def _hit(abstract: str, paper_id: str = "p", title: str = "A paper"):
    from tests.test_asked_wording_dev33 import _hit as hit

    return hit(abstract, paper_id, title)


def test_sizes_asked_are_stated_by_model_sizes():
    """dev34: "... which sizes did they try" said "The abstracts don't state the sizes." of a detector
    "trained on a 7B model to be applied (without retraining) to a larger 13B model"."""
    from rag.answer.stated import detail_stated

    assert detail_stated("sizes", [_hit("A detector trained on a 7B model is applied to a larger 13B model. It works.")])
    assert detail_stated("model sizes", [_hit("We train models from 1.5B up to 70 billion parameters. It works.")])
    assert not detail_stated("sizes", [_hit("A detector trained on one model is applied to a larger one. It works.")])
    # dev35: "what sizes are the released checkpoints?" of "three distilled checkpoints with 13MM, 22MM and 33MM parameters"
    assert detail_stated("sizes", [_hit("We release three distilled checkpoints with 13MM, 22MM and 33MM parameters. They work.")])


def test_a_count_is_of_the_noun_whatever_words_come_before_it():
    """dev34: "how many downstream transfer tasks did that study use" of "in the context of twelve standard
    transfer tasks": two words before the noun, and the count spelled out."""
    from rag.answer.asked import counted_noun, value_asked
    from rag.answer.fact_lines import figure_phrase, stating_sentence
    from rag.answer.stated import value_stated
    from rag.answer.text_forms import NUMBER

    question = "do pruned CNNs transfer as well as dense ones? how many downstream transfer tasks did that study use"
    assert counted_noun(question) == "task"
    assert NUMBER.fullmatch("twelve") and NUMBER.fullmatch("twenty") and not NUMBER.fullmatch("twelve-fold")
    hit = _hit("We study pruned models. We consider several pruning methods in the context of twelve standard transfer tasks. Sparse models match dense ones.")
    value = value_asked(question, "fact")
    assert value_stated(value, question, [hit])
    stated = stating_sentence(value, question, hit)
    assert stated is not None and figure_phrase(stated.text, question).startswith("twelve standard transfer tasks")
    # A count of something else states nothing: "three pruning methods" are no tasks.
    other = _hit("We study pruned models. We compare three pruning methods. Sparse models match dense ones.")
    assert not value_stated(value, question, [other])


def test_which_kind_did_best_is_the_name_said_to_do_best():
    """dev34: "which backbone worked best?" of "we compare a domain-specific CNN -`Zoobot' - with a generic
    classification backbone and find that Zoobot achieves higher detection performance"."""
    from rag.answer.naming import kind_named

    sentence = "We compare a domain-specific CNN -`Zoobot' - with a generic classification backbone and find that Zoobot achieves higher detection performance."
    assert kind_named("For finding clumps with Faster R-CNN, which backbone worked best?", sentence) == "Zoobot"
    # Not asked which did best: the winner is no answer to which backbone they used.
    assert kind_named("For finding clumps with Faster R-CNN, which backbone did they use?", sentence) == ""
    # Nor a plain capitalised word that is no name the sentence sets off.
    assert kind_named("which backbone worked best?", "Training achieves higher performance with a deeper backbone.") == ""


def test_a_second_clause_asking_a_kind_gets_the_sentence_naming_one(shipped_components):
    """dev34: "Med3D: which dataset did they assemble ..., and what Dice ...?" gave the Dice sentence and the
    training-speed one; "... to build 3DSeg-8 dataset ..." names the dataset asked."""
    answer = _answer(shipped_components, "Med3D: which dataset did they assemble to pretrain the 3D medical networks, and what Dice did they reach on LiTS liver segmentation?")
    assert "3DSeg-8" in answer.text and "94.6%" in answer.text
    # dev35: asked with the abstract's own verb, the sentence sharing it names the dataset and stays the answer.
    answer = _answer(shipped_components, "Med3D - what dataset did they aggregate for pretraining, and what Dice did they reach on LiTS?")
    assert "3DSeg-8" in answer.text and "94.6%" in answer.text


def test_two_things_asked_of_each_need_no_abstract_comparing_them(shipped_components):
    """dev35: "SixT vs SAMU-XLS-R encoder init: how do these two approaches improve zero-shot cross-lingual
    translation, and what BLEU gains do they report?" said "No abstract compares SixT with SAMU-XLS-R.": each
    side is asked of on its own, and each abstract answers for itself."""
    answer = _answer(shipped_components, "SixT vs SAMU-XLS-R encoder init: how do these two approaches improve zero-shot cross-lingual translation, and what BLEU gains do they report?")
    assert not answer.abstained and answer.shape == "comparison"
    assert "SixT" in answer.text and "7.1 BLEU" in answer.text


def test_a_list_asked_of_one_technical_term_lists_the_papers_writing_it(shipped_components):
    """dev34: "wich papers use hypernetworks?" listed three of the four papers writing "hypernetwork"; the
    bar left out Hyper-X (its title: "A Unified Hypernetwork ...")."""
    from rag.answer.relevance_bar import name_writers

    hits = shipped_components.retriever.search("which papers use hypernetworks?", k=20).hits
    listed = [h.paper.title for h in name_writers("which papers use hypernetworks?", hits, 8)]
    assert any(t.startswith("Hyper-X") for t in listed) and len(listed) == 4
    # Two topic words are a topic for the bar, not a term to look up.
    assert name_writers("which papers use hypernetworks for continual learning?", hits, 8) == []
    # dev35: "-based" and the listed thing ("approaches") add no topic, nor does the field's own word ("transfer").
    question = "hypernetwork-based approaches to transfer - which papers use them?"
    listed = [h.paper.title for h in name_writers(question, shipped_components.retriever.search(question, k=20).hits, 8)]
    assert any(t.startswith("Hyper-X") for t in listed) and all("ypernetwork" in t or "HyperAdapter" in t for t in listed)


def test_a_figure_comparison_one_side_of_which_states_none_says_so(shipped_components):
    """dev25: "Compare Barlow Twins and SwAV on ImageNet ... top-1 ...: which is higher and by how much?" showed
    Barlow Twins' objective beside SwAV's 75.3%, read as an answer; dev21: "Is CLOOB better than LiT on zero-shot
    ImageNet classification, and by how much?" showed CLOOB's motivation beside LiT's 85.2%."""
    answer = _answer(shipped_components, "Compare Barlow Twins and SwAV on ImageNet linear-evaluation top-1 accuracy with a ResNet-50 backbone: which is higher and by how much?")
    assert answer.abstained and answer.text.startswith("The abstract of Barlow Twins does not state its top-1 accuracy")
    assert "75.3%" in answer.text  # SwAV's figure, among the leads
    answer = _answer(shipped_components, "Is CLOOB better than LiT on zero-shot ImageNet classification, and by how much?")
    assert answer.abstained and answer.text.startswith("The abstract of CLOOB does not state")


def test_a_figure_comparison_is_answerable_when_both_sides_state_it_or_one_states_it_against_the_other():
    from rag.answer.shapes import ShapeBuilder
    from rag.records import PaperCard

    def named(abstract: str, name: str):
        hit = _hit(abstract, name.lower(), name)
        return type(hit)(**{**hit.__dict__, "card": PaperCard(name.lower(), f"card-{name}", name, "", ())})

    question = "Alpha vs Beta: which gets the higher top-1 accuracy on ImageNet, and by how much?"
    alpha = named("We propose Alpha. Alpha reaches 76.1% top-1 accuracy on ImageNet.", "Alpha")
    beta = named("We propose Beta. Beta reaches 75.3% top-1 accuracy on ImageNet.", "Beta")
    silent = named("We propose Beta. Beta avoids collapse without large batches.", "Beta")
    told = named("We propose Alpha. Alpha reaches 76.1% top-1 accuracy on ImageNet, 2 points above Beta.", "Alpha")
    side = ShapeBuilder._side_without_figure
    assert side(question, "top-1 accuracy", [alpha, beta]) == (None, "")
    assert side(question, "top-1 accuracy", [alpha, silent]) == (silent, "top-1 accuracy")
    assert side(question, "top-1 accuracy", [told, silent]) == (None, "")  # Alpha's figure is told against Beta
    # Not asked which is higher: two lines side by side answer "what does each report?".
    assert side("Alpha vs Beta: what does each report on ImageNet?", "top-1 accuracy", [alpha, silent]) == (None, "")


def test_names_right_after_their_kind_answer_which_of_that_kind():
    """dev35: "Which existing transferability metrics does OSBORN get benchmarked against?" of "We benchmark our
    method against current state-of-the-art metrics MS-LEEP and E-LEEP"; the spelled-out name of OSBORN
    itself ("... suBmOdular tRaNsferability metric (OSBORN)") is no other metric."""
    from rag.answer.naming import kind_named

    question = "Which existing transferability metrics does OSBORN get benchmarked against?"
    sentence = "We benchmark our method against current state-of-the-art metrics MS-LEEP and E-LEEP, and outperform them."
    assert kind_named(question, sentence) == "MS-LEEP and E-LEEP"
    assert kind_named(question, sentence, with_kind=True) == "MS-LEEP and E-LEEP metrics"
    assert kind_named(question, "We propose a novel Optimal tranSport-based suBmOdular tRaNsferability metric (OSBORN).") == ""


def test_a_figure_asked_of_one_listed_variant_by_its_hyphened_name_needs_that_variant():
    """dev35: "What classification accuracy does AgriNet-Xception reach?" got AgriNet-VGG19's 94%: the question
    picks the Xception of "five ImageNet architectures: VGG16, VGG19, Inception-v3, InceptionResNet-v2, and Xception"."""
    from rag.answer.stated import listed_picks

    abstract = "We introduce models on five architectures: VGG16, VGG19, Inception-v3, InceptionResNet-v2, and Xception. AgriNet-VGG19 achieved 94%."
    assert listed_picks("What accuracy does AgriNet-Xception reach?", abstract) == {"Xception"}
    assert listed_picks("What accuracy does AgriNet reach?", abstract) == set()


def test_two_things_set_side_by_side_are_compared():
    """dev35: "SixT vs SAMU-XLS-R encoder init: how do these two approaches ...?", "adapters (...) vs diff pruning:
    how many parameters per task do they need on GLUE?" and "How do ZSCL and the momentum-based weight
    interpolation paper each try to ...?" were read as facts of one paper."""
    from rag.answer.question_kind import rule_kind

    assert rule_kind("SixT vs SAMU-XLS-R encoder init: how do these two approaches improve zero-shot translation?") == "comparison"
    assert rule_kind("adapters (the original NLP PETL paper) vs diff pruning: how many parameters per task do they need on GLUE?") == "comparison"
    assert rule_kind("How do ZSCL and the momentum-based weight interpolation paper each try to keep zero-shot ability?") == "comparison"
    # A scene set "for A versus B" asks of one study; "A versus B" inside a clause is a fact's baseline.
    assert rule_kind("For LoRA versus full fine-tuning on chest radiographs: in how many tasks did LoRA come out ahead?") != "comparison"
    assert rule_kind("How long does it take with BERT versus SBERT to find the most similar pair?") != "comparison"
    # dev35: one paper recalled, then asked of: "There's a paper that classifies text with ImageNet-pretrained vision
    # models. How do they turn sentences into images?" was listed with two other papers.
    assert rule_kind("There's a paper that classifies text with vision models. How do they turn sentences into images?") == "fact"
    assert rule_kind("I read a paper on prompt transfer - are there any other papers on it?") != "fact"


def test_a_side_typed_in_lower_case_that_no_abstract_writes_is_absent(shipped_components):
    """dev35: "barlow twins vs simclr linear eval on imagenet, which one is higher?" answered from Barlow Twins
    alone: typed in lower case, "simclr" was no name the absent-side check read."""
    from rag.answer.naming import lowercase_sides

    assert lowercase_sides("barlow twins vs simclr linear eval on imagenet, which one is higher?") == ["twins", "simclr"]
    assert lowercase_sides("Barlow Twins vs SimCLR: which is higher?") == []
    # Lower-case sides beside capitals are aspects, not names (dev15: "... ArtFusion ... speed vs controllability?").
    assert lowercase_sides("Is ArtFusion the better pick if I care about speed vs controllability?") == []
    answer = _answer(shipped_components, "barlow twins vs simclr linear eval on imagenet, which one is higher?")
    assert answer.abstained and "simclr" in answer.text.split("\n")[0]
    # A side some abstract writes in another case or form is no absent one.
    answer = _answer(shipped_components, "barlow twins vs swav on imagenet: which needs large batches?")
    assert "swav" not in answer.text.split("\n")[0]


def test_how_much_better_asks_a_gain():
    """dev36: "NLTrace vs the best classical IR method ... - how much better is it on F2?" said "The abstracts don't
    state how much better." of "NLTrace outperforms the best performing classical IR method with an 188% improvement
    in F2 score"."""
    from rag.answer.asked import value_asked
    from rag.answer.stated import value_stated

    question = "How much better is the tracer than the best classical IR method on F2?"
    hit = _hit("We trace links. The tracer outperforms the best classical IR method with an 188% improvement in F2 score. It is fast.")
    assert value_asked(question, "fact") == "better" and value_stated("better", question, [hit])
    assert not value_stated("better", question, [_hit("We trace links. The tracer is evaluated on F2 with 12 projects. It is fast.")])


def test_a_kind_asked_is_given_by_its_instances_name():
    """dev36: "In Diff-Transfer, which RL algorithm is used to plan the path of sub-tasks ...?" said "The abstracts
    don't state the RL algorithm." of "a novel path-planning method to generate sub-tasks, leveraging Q-learning"."""
    from rag.answer.stated import instance_sentence

    question = "In the planner, which RL algorithm is used to plan the path of sub-tasks from the source task to the target task?"
    hit = _hit("The planner transfers skills. We propose a novel path-planning method to generate sub-tasks, leveraging Q-learning with a task-level state. It works.")
    said, name = instance_sentence(question, "RL algorithm", hit)
    assert name == "Q-learning" and said is not None and "leveraging Q-learning" in said.text
    # A name used for something else the question does not ask about is no instance of the kind asked.
    other = _hit("The planner transfers skills. We evaluate on MetaWorld using PPO baselines. It works.")
    assert instance_sentence(question, "RL algorithm", other) == (None, "")
    assert instance_sentence(question, "learning rate", hit) == (None, "")
