"""What the twenty-ninth session's dev39 and dev40 misses asked, read as the asker meant it: a compound the
paper writes spaced, a role asked with "what part ... play", an acronym inside a quoted title, a verdict on a
measure ("which one gets the lower error"), a figure the question gives itself, a value asked of one of two
named papers, a paper recalled with a description, "which ones?" pointing at the sentence before, a name only
another paper mentions, the words after "each", an acronym the paper spells out, a counted acronym, what an
abstract tells in its own words ("problem", "settings"), a title head with a small word inside, "parameter
count", and "environments" met by "domains"."""

from __future__ import annotations

from tests.test_asked_wording import _answer
from tests.test_asked_wording_dev33 import _hit


def test_a_hyphenated_detail_is_stated_by_its_spaced_words():
    """dev40: "What success-rate increase does ReFineVLA report ...?" said "The abstracts don't state the
    success-rate increase" of "it achieves an average increase of 5.0% success rate on SimplerEnv ..."."""
    from rag.answer.stated import detail_stated

    hit = _hit("We propose a framework. It achieves an average increase of 5.0% success rate on SimplerEnv tasks.")
    assert detail_stated("success-rate increase", [hit])
    assert not detail_stated("failure-rate increase", [hit])


def test_what_part_a_thing_plays_is_a_role_not_a_detail():
    """dev40: "what part does translation play in each" said "The abstracts don't state the part"."""
    from rag.answer.asked import asked_detail, asked_value

    question = "Self-Translate-Train vs the LLaMa prompting study: what part does translation play in each?"
    assert asked_detail(question) == "" and asked_value(question) == ""
    assert asked_detail("What part of the network does the adapter replace?") != ""


def test_an_acronym_in_a_quoted_title_stands_for_its_words():
    """dev40: "... differ from 'Towards a Unified View of PETL'" did not call "Towards a Unified View of
    Parameter-Efficient Transfer Learning", and two other PETL papers answered for it."""
    from rag.answer.naming import named_papers

    hits = [
        _hit("We unify methods. It works.", "a", "Towards a Unified View of Parameter-Efficient Transfer Learning"),
        _hit("We revisit methods. It works.", "b", "Revisit Parameter-Efficient Transfer Learning: A Two-Stage Paradigm"),
    ]
    assert [h.paper.paper_id for h in named_papers("How does it differ from 'Towards a Unified View of PETL'?", hits)] == ["a"]
    # The letters must be the initials of the words it stands for, in order.
    assert named_papers("How does it differ from 'Towards a Unified View of PTEL'?", hits) == []


def test_which_one_gets_the_lower_measure_asks_that_measure(shipped_components):
    """dev40: "CroCo vs MultiMAE on NYUv2 depth estimation - which one gets the lower error?" was answered with
    each paper's contribution line, though neither abstract gives an error."""
    from rag.answer.asked import value_asked

    assert value_asked("CroCo vs MultiMAE on NYUv2 depth estimation - which one gets the lower error?", "comparison") == "error"
    assert value_asked("FILTER or EntityCS - which one gets the higher XTREME score?", "comparison") == "XTREME score"
    answer = _answer(shipped_components, "CroCo vs MultiMAE on NYUv2 depth estimation - which one gets the lower error?")
    assert answer.abstained and "error" in answer.text


def test_a_sentence_restating_the_questions_own_figures_states_nothing_asked():
    from rag.answer.question_numbers import only_given_figures

    question = "VL-Adapter tunes about 4.18% of parameters; what fraction does VLN-PETL tune?"
    assert only_given_figures(question, "VL-Adapter updates only 4.18% of parameters.")
    assert not only_given_figures(question, "VL-Adapter updates 4.18% of parameters for image-text and 3.39% for video-text.")
    assert not only_given_figures(question, "VLN-PETL only tunes a minimal set of parameters.")  # no figure at all


def test_a_figure_asked_of_one_named_paper_is_not_stated_by_the_other(shipped_components):
    """dev40: "VL-Adapter tunes about 4.18% ...; what fraction does VLN-PETL tune, and which is more
    parameter-efficient?" was answered from VL-Adapter's own figure."""
    from rag.answer.naming import value_asked_of

    question = "VL-Adapter tunes about 4.18% of parameters; what fraction does VLN-PETL tune?"
    vln = _hit("We present VLN-PETL. It tunes few parameters.", "a", "VLN-PETL: Parameter-Efficient Transfer Learning for Vision-and-Language Navigation", name="VLN-PETL")
    vl = _hit("We present VL-Adapter. It tunes 4.18% of parameters.", "b", "VL-Adapter: Parameter-Efficient Transfer Learning for Vision-and-Language Tasks", name="VL-Adapter")
    assert value_asked_of(question, "fraction", [vln, vl]) is vln
    assert value_asked_of(question, "fraction", [vln]) is None
    answer = _answer(shipped_components, question + " Which is more parameter-efficient?")
    assert answer.abstained and "fraction" in answer.text


def test_a_paper_recalled_by_a_description_is_asked_of():
    """dev40: "There's a finance paper that ... Its numerical experiments are grouped into three kinds of
    transfer - which ones?" was read as a list and answered with the paper's contribution line."""
    from rag.answer.fact_lines import asked_clause
    from rag.answer.question_kind import rule_kind

    question = "There's a finance paper that proposes a risk measure. Its numerical experiments are grouped into three kinds of transfer - which ones?"
    assert rule_kind(question) == "fact"
    assert asked_clause(question) == "Its numerical experiments are grouped into three kinds of transfer"
    assert rule_kind("There's a lot of work on adapters. Which papers compare them?") != "fact"


def test_a_name_only_another_abstract_mentions_is_not_its_paper():
    """dev40: "How does SpeechSplit manage to disentangle rhythm, pitch and timbre?" was answered with AutoPST's
    sentences on its own method: no paper here is SpeechSplit's."""
    from rag.answer.naming import unindexed_subject

    autopst = _hit(
        "Recently, SpeechSplit has made sizeable progress, but it is unable to extract global prosody. We propose AutoPST, which disentangles prosody.",
        "a", "Global Rhythm Style Transfer Without Text Transcriptions", name="AutoPST",
    )
    found = unindexed_subject("How does SpeechSplit manage to disentangle rhythm?", [autopst])
    assert found is not None and found[0] == "SpeechSplit" and found[1] is autopst
    # A paper that is the name, or a numbered variant of it, or that introduces it, answers for itself.
    spinenet = _hit("We propose SpineNet, a backbone. SpineNet-190 achieves 52.1% AP.", "b", "SpineNet: Learning Scale-Permuted Backbone", name="SpineNet")
    assert unindexed_subject("What AP does SpineNet-190 reach on COCO?", [spinenet]) is None
    adapter = _hit("We propose AP-Adapter, a lightweight addition. It works.", "c", "Audio Prompt Adapter", name="Audio Prompt Adapter")
    assert unindexed_subject("How many parameters does AP-Adapter add?", [adapter]) is None
    # Mentioned as the paper's own work, not another's: nothing is said.
    own = _hit("Our SpeechSplit model is simple. It works.", "d", "A paper", name="Other")
    assert unindexed_subject("How does SpeechSplit disentangle rhythm?", [own]) is None


def test_an_unindexed_subject_is_said_plainly(shipped_components):
    answer = _answer(shipped_components, "How does SpeechSplit manage to disentangle rhythm, pitch and timbre?")
    assert answer.abstained and "SpeechSplit" in answer.text and "AutoPST" in answer.text


def test_the_words_after_each_say_which_items_not_what_is_asked():
    """dev40: "what pretext task does each self-supervised method use?" gave CIM's opening line, which says
    "self-supervised", over "Our CIM performs a simple pretext task: ... predict correlation maps ..."."""
    from rag.answer.fact_lines import answering_sentence

    hit = _hit(
        "We introduce CIM, a novel approach to self-supervised visual pre-training. Our CIM performs a simple pretext task: we crop regions and predict correlation maps. It works well."
    )
    line = answering_sentence("A vs CIM: what pretext task does each self-supervised method use?", hit)
    assert line is not None and "correlation maps" in line.text


def test_a_figure_on_a_thing_the_paper_abbreviates_is_stated():
    """dev39: "Roughly how many semi-supervised heterogeneous domain adaptation tasks were run ...?" of "We conduct
    extensive experiments on about 330 SHDA tasks" said not stated."""
    from rag.answer.fact_lines import stating_sentence
    from rag.answer.stated import value_stated

    hit = _hit(
        "Semi-supervised heterogeneous domain adaptation (SHDA) addresses learning across domains. We conduct extensive experiments on about 330 SHDA tasks. It works."
    )
    question = "Roughly how many semi-supervised heterogeneous domain adaptation tasks were run?"
    value = "semi-supervised heterogeneous domain adaptation tasks"
    assert value_stated(value, question, [hit], one_paper=True)
    assert "330" in stating_sentence(value, question, hit).text


def test_a_counted_acronym_takes_a_number_in_words():
    """dev39: "across how many pretrained LMs did they see it?" of "across five pre-trained transformer-based LMs"."""
    from rag.answer.stated import value_stated

    hit = _hit("We observe, across five pre-trained transformer-based LMs, a distinct phase. It matters.")
    assert value_stated("pretrained LMs", "across how many pretrained LMs did they see it?", [hit], one_paper=True)
    # An acronym measure still takes digits: "five" is no BLEU score.
    assert not value_stated("BLEU", "what BLEU does it get?", [_hit("We reach five BLEU points. It matters.")], one_paper=True)


def test_what_an_abstract_tells_in_its_own_words_is_no_detail_to_find():
    """dev39: "what problem did the TL-Align authors find ...?" said "The abstracts don't state the problem" of
    "we identify a token fluctuation phenomenon"; "which vision and text settings was it evaluated in?" the same."""
    from rag.answer.asked import detail_words
    from rag.answer.question_kind import rule_kind

    assert detail_words("problem") == []
    assert "settings" not in detail_words("vision and text settings") and "vision" in detail_words("vision and text settings")
    assert rule_kind("what problem did the TL-Align authors find with mixing-based augmentation on ViTs?") == "fact"
    assert rule_kind("What problems do papers on negative transfer study?") != "fact"


def test_a_title_head_with_a_small_word_inside_names_its_paper():
    """dev39: "In the Alice in Wonderland (AIW) paper, how did the failing LLMs present their wrong answers?"
    abstained: no paper was named, and the question is far from every sentence."""
    from dataclasses import replace

    from rag.answer.naming import named_papers
    from rag.records import PaperCard

    hit = _hit("We show a breakdown. It is dramatic.", "a", "Alice in Wonderland: Simple Tasks Showing Complete Reasoning Breakdown")
    hits = [replace(hit, card=PaperCard("a", "card-a", "", "", ()))]  # a card that names nothing, as the index's
    assert named_papers("In the Alice in Wonderland (AIW) paper, how did the LLMs fail?", hits) == hits
    assert named_papers("What happens in wonderland?", hits) == []


def test_a_parameter_count_named_is_a_figure_asked():
    from rag.answer.asked import value_asked

    assert value_asked("Florence-2 parameter count?", "fact") == "parameter count"


def test_environments_asked_are_met_by_domains_but_not_the_reverse():
    """dev40: "what environments was MTSGI evaluated in?" of "experiment results on 2D grid-world and complex web
    navigation domains"; dev37's "which RL domains ... does each evaluate on?" is not met by "environment models"."""
    from rag.answer.fact_lines import answering_sentence

    hit = _hit("We formulate a few-shot RL problem with subtask graphs. Our results on 2D grid-world and web navigation domains show fast adaptation. It works.")
    line = answering_sentence("MTSGI - what environments was it evaluated in?", hit)
    assert line is not None and "domains" in line.text
    other = _hit("Our results show that exploration combined with environment models helps. We test on three domains: Crafter, RoboDesk and Meta-World.")
    question = "which RL domains does each evaluate on?"
    line = answering_sentence(question, other, clause=question)
    assert line is not None and "Crafter" in line.text
