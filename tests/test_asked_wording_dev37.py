"""What the twenty-eighth session's dev37 misses asked, read as the asker meant it: a paper called by a quoted
part of its title, a side compared by its possessive, the aspect after "differ in", a question pointing back at
its own description, an acronym the abstract spells out, a setting asked with "ended up", a hyphen's "-based"
part, a second thing asked of each compared paper, and a figure achieved as a result, not a mechanism."""

from __future__ import annotations

from tests.test_asked_wording import _answer
from tests.test_asked_wording_dev33 import _hit


def test_a_quoted_part_of_a_title_names_its_paper():
    """dev37: "TRANSIC vs the 'dynamics as prompts' paper: how do they each ...?" answered of TRANSIC alone."""
    from rag.answer.naming import named_papers

    hits = [
        _hit("We transfer policies. It works.", "a", "Dynamics as Prompts: In-Context Learning for Sim-to-Real System Identifications"),
        _hit("We transfer policies too. It works.", "b", "Prompts for Robots: Another Paper"),
    ]
    assert [h.paper.paper_id for h in named_papers("How does the 'dynamics as prompts' paper adjust the simulator?", hits)] == ["a"]
    # A quoted phrase in no title, or in two, or of one content word, names nothing; nor does an apostrophe.
    assert named_papers("How does the 'world models' paper adjust the simulator?", hits) == []
    assert named_papers("What do the 'prompts' papers do?", hits) == []
    assert named_papers("What is the paper's 'sim' trick?", hits) == []


def test_a_comparison_of_two_papers_one_quoted_cites_both(shipped_components):
    answer = _answer(shipped_components, "How do TRANSIC and the 'dynamics as prompts' work differ in closing the sim-to-real gap?")
    titles = {c.paper.title.split(":")[0] for c in answer.citations}
    assert answer.shape == "comparison" and {"TRANSIC", "Dynamics as Prompts"} <= titles


def test_a_side_is_compared_by_its_possessive():
    """dev37: "How does LiT's zero-shot ImageNet accuracy compare with ALIGN's?" read only ALIGN as a side,
    and answered with LiT's figure, though no abstract compares the two."""
    from rag.answer.naming import compared_names

    assert compared_names("How does LiT's zero-shot ImageNet accuracy compare with ALIGN's?") == ["LiT", "ALIGN"]
    assert compared_names("How does GPipe's memory use compare with ZeRO's?") == ["GPipe", "ZeRO"]


def test_an_uncompared_possessive_pair_is_not_stated(shipped_components):
    answer = _answer(shipped_components, "How does LiT's ImageNet zero-shot top-1 compare with ALIGN's?")
    assert answer.abstained and "ALIGN" in answer.text


def test_the_aspect_after_differ_in_is_what_is_asked():
    """dev37: "How do Sentence-BERT and Sentence-T5 differ in how they get sentence embeddings out of a pretrained
    model?" read no asking part (it asks at once) and gave each paper's contribution line."""
    from rag.answer.fact_lines import asked_clause

    assert asked_clause("How do A and B differ in how they get sentence embeddings?") == "how they get sentence embeddings?"
    assert asked_clause("How do A and B differ?") == ""


def test_a_question_pointing_back_asks_its_description():
    """dev37: "AutoPST says an earlier unsupervised prosody conversion system made real progress but ... Which
    system is that?" read "which system is that" alone, sharing no word with "Recently, SpeechSplit has made
    sizeable progress towards unsupervised prosody style transfer, but ..."."""
    from rag.answer.fact_lines import answering_sentence, asked_clause

    question = "The paper says an earlier unsupervised prosody conversion system made real progress but could not extract global style. Which system is that?"
    assert asked_clause(question) == question
    hit = _hit("Prosody matters for style. Recently, SpeechSplit has made sizeable progress towards unsupervised prosody conversion, but it cannot extract global style. We propose a new model. It works well")
    assert "SpeechSplit" in answering_sentence(question, hit).text


def test_an_acronym_the_abstract_spells_out_is_written():
    """dev37: "... does RODE beat the previous SOTA MARL algorithms?" said RODE's abstract does not mention
    "previous SOTA" (another paper's does) of "outperforms the current state-of-the-art MARL algorithms"."""
    from rag.answer.premise import borrowed_term

    rode = _hit("We learn roles. Our method outperforms the current state-of-the-art MARL algorithms on 10 of the 14 scenarios. It transfers.", "r", "RODE", name="RODE")
    other = _hit("We study T5. We compare it with 3 previous SOTA architectures. It works.", "o", "Other", name="HaT5")
    question = "On how many scenarios does RODE beat the previous SOTA MARL algorithms?"
    assert borrowed_term(question, rode, [rode, other])[1] is None
    # A term the paper never writes, spelled out or not, is still another paper's.
    assert borrowed_term("How does RODE use previous SOTA architectures?", _hit("We learn roles. It transfers.", "r", "RODE", name="RODE"), [rode, other])[1] is not None


def test_a_setting_that_ended_up_best_is_asked():
    """dev37: "what learning rate ended up best for fine-tuning the 27B model?" of PaliGemma 2, whose abstract names
    learning rate as a factor and gives no value, led with its resolutions "224px, 448px, and 896px"."""
    from rag.answer.asked import value_asked

    assert value_asked("What learning rate ended up best for fine-tuning the 27B model?", "fact") == "learning rate"
    assert value_asked("Which batch size turned out best?", "fact") == "batch size"


def test_a_hyphens_based_is_no_base_asked():
    """dev37: "which RL domains or base algorithms does each evaluate on?" met every "model-based" sentence as
    much as "We demonstrate our results across three domains ..."."""
    from rag.answer.fact_lines import answering_sentence

    hit = _hit("We investigate transfer learning in the context of model-based agents. A model-based approach outperforms model-free baselines. We demonstrate our results across three domains (Crafter, RoboDesk and Meta-World). It works")
    assert "three domains" in answering_sentence("XTRA vs that study: which RL domains or base algorithms does each evaluate on?", hit).text


def test_each_compared_paper_answers_both_things_asked(shipped_components):
    """dev37: "How do they combine the source adapters, and how do they compare in number of transfer parameters?"
    gave AdapterFusion's "knowledge extraction" sentence, sharing "parameters", not "We then combine the adapters
    in a separate knowledge composition step."."""
    from rag.answer.fact_lines import asked_parts

    assert asked_parts("A vs B - how does each combine the adapters, and how do their parameter counts compare?") == [
        "how does each combine the adapters", "how do their parameter counts compare"]
    assert asked_parts("How do A and B differ?") == []
    answer = _answer(shipped_components, "AdapterFusion vs ScaLearn: how does each merge the source adapters, and how many transfer parameters does each need?")
    assert answer.shape == "comparison" and "composition" in answer.text


def test_a_figure_achieved_is_a_result_not_a_mechanism():
    """dev37: "how do they each try to close the sim-to-real gap?" was answered by "... achieves at least 70% success
    rate in sim-to-real transfer ..."."""
    from rag.answer.shapes import _ASKS_MECHANISM, _REPORTS_RESULTS

    assert _ASKS_MECHANISM.search("TRANSIC vs the other paper: how do they each try to close the gap?")
    assert _ASKS_MECHANISM.search("How do SwAV and Barlow Twins differ in the self-supervised objective they use?")
    assert not _ASKS_MECHANISM.search("How do SwAV and Barlow Twins differ in accuracy?")
    assert _REPORTS_RESULTS.search("Our method achieves at least 70% success rate in sim-to-real transfer.")
    assert _REPORTS_RESULTS.search("We show substantial performance gains across several languages.")
    assert not _REPORTS_RESULTS.search("We propose an approach that adjusts simulation parameters online.")


def test_dev38_wordings_of_kind():
    """dev38: "... paper. Compare their benchmarks and headline results." (a second sentence opening on
    "Compare"), "what's the name of the ... backbone" and a measure after a dash with no question word were read
    as lists by the nearest dev questions."""
    from rag.answer.question_kind import rule_kind

    assert rule_kind("Both study model-based RL: XTRA and the other paper. Compare their benchmarks and headline results.") == "comparison"
    assert rule_kind("In the clump-finding work, what's the name of the astronomy-specific CNN backbone that beat the generic one?") == "fact"
    assert rule_kind("what the name of the off-policy correction IMPALA relies on") == "fact"  # "whats", its typo fixed
    assert rule_kind("pretraining on an emergent-language corpus first - average perplexity reduction across the ten languages?") == "fact"


def test_a_name_asked_is_no_measure_in_its_description():
    """dev38: "whats the name of the off-policy correction IMPALA relies on to keep learning stable at high
    throughput" said "The abstracts don't state the throughput." (its typo fixed to "what the name of")."""
    from rag.answer.asked import value_asked

    assert value_asked("what the name of the off-policy correction it relies on to keep learning stable at high throughput", "fact") == ""
    assert value_asked("What's the name of the method that keeps accuracy high?", "fact") == ""


def test_a_titles_opening_words_name_its_paper_over_a_name_inside_them():
    """dev38: "Multilingual Universal Sentence Encoder for retrieval: number of languages ...?" was answered from
    "Universal Sentence Encoder", whose name the question holds inside the other paper's title."""
    from rag.answer.naming import named_papers

    muse = _hit("We embed text from 16 languages into one space. It works.", "m", "Multilingual Universal Sentence Encoder for Semantic Retrieval", name="MUSE")
    use = _hit("We present models for encoding sentences. It works.", "u", "Universal Sentence Encoder", name="Universal Sentence Encoder")
    question = "Multilingual Universal Sentence Encoder for retrieval: number of languages mapped into the shared space?"
    assert [h.paper.paper_id for h in named_papers(question, [use, muse])] == ["m"]
    assert [h.paper.paper_id for h in named_papers("What does the Universal Sentence Encoder transfer to?", [use, muse])] == ["u"]


def test_a_lowercase_term_another_abstract_capitalises_is_borrowed():
    """dev38: "how does TRANSIC use domain randomization to close the sim to real gap" of a paper that never says it;
    another retrieved abstract writes "Traditional methods like Domain Randomization often fail ..."."""
    from rag.answer.premise import borrowed_term

    transic = _hit("We transfer policies with human correction. It works.", "t", "TRANSIC", name="TRANSIC")
    other = _hit("Traditional methods like Domain Randomization often fail. We adjust dynamics online.", "o", "Other", name="DaP")
    term, holder, _ = borrowed_term("how does TRANSIC use domain randomization to close the gap", transic, [transic, other])
    assert term == "domain randomization" and holder is other
    # Written in lower case by the other paper too, a lowercase pair is the asker's wording, not a technique.
    plain = _hit("Traditional methods like domain randomization often fail. We adjust dynamics online.", "o", "Other", name="DaP")
    assert borrowed_term("how does TRANSIC use domain randomization to close the gap", transic, [transic, plain])[1] is None
    # dev17: a pair the paper writes hyphenated ("question-answering tasks") is its own, however another capitalises it.
    flare = _hit("Our method improves 4.9% on question-answering tasks. It works.", "f", "FLARE", name="FLARE")
    tanda = _hit("We study answer sentence selection, a task in Question Answering. It works.", "q", "TANDA", name="TANDA")
    assert borrowed_term("How much does FLARE improve on question answering?", flare, [flare, tanda])[1] is None


def test_which_one_needs_less_asks_a_measure(shipped_components):
    """dev38: "VL-Adapter vs UniAdapter: which one needs less wall-clock GPU training time?" gave each paper's
    contribution line though neither states a training time."""
    answer = _answer(shipped_components, "VL-Adapter vs UniAdapter: which one needs less GPU training time?")
    assert answer.abstained and "training time" in answer.text


def test_a_part_the_question_gives_the_paper_that_it_does_without():
    """dev38: "How does SwAV's momentum encoder keep its representations from collapsing?" of an abstract saying
    "it does not require a large memory bank or a special momentum network" was answered from its sentences."""
    from rag.answer.premise import denied_use

    swav = _hit("We cluster the data online. Our method does not require a large memory bank or a special momentum network. It works.", "s", "SwAV paper", name="SwAV")
    what, saying = denied_use("How does SwAV's momentum encoder keep its representations from collapsing?", swav)
    assert what == "momentum encoder" and "momentum network" in saying.text
    assert denied_use("How does SwAV's memory bank grow?", swav)[0] == "memory bank"
    assert denied_use("How does SwAV's clustering step work?", swav) == ("", None)


def test_works_in_this_collection_are_a_list():
    """dev38: "hypernetwork-based methods in this collection?" was read as a comparison by its nearest dev questions."""
    from rag.answer.question_kind import rule_kind
    from rag.answer.shapes import _REPORTS_RESULTS

    assert rule_kind("hypernetwork-based methods in this collection?") == "list"
    assert rule_kind("adapter papers here?") == "list"
    # dev38: "... we validate the effectiveness of the real-to-sim-to-real pipeline ..." says how well, not how.
    assert _REPORTS_RESULTS.search("We validate the effectiveness of the pipeline across various manipulation tasks.")


def test_a_comparison_line_leaning_on_its_previous_sentence_brings_it():
    """dev38: "How do their findings differ?" gave the inadequately pre-trained models paper's "This reveals that there
    is not a solid positive correlation ..." without the finding it refers to."""
    from rag.answer.line_completion import with_antecedent

    hit = _hit("Pre-training is popular. We found that models at middle epochs can outperform fully trained models as feature extractors. This reveals that there is no solid correlation between accuracy and transfer. We analyse features")
    last = hit.sentence_scores[2]
    joined = with_antecedent(hit, last, [])
    assert joined.text.startswith("The authors found that models at middle epochs") and "This reveals" in joined.text
    assert joined.start == hit.sentence_scores[1].start and joined.end == last.end
    # A line standing alone, or opening the abstract, keeps to itself.
    assert with_antecedent(hit, hit.sentence_scores[1], []) == hit.sentence_scores[1]
