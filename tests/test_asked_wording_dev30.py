"""What a question's wording asks, read as its asker meant it (the twenty-fourth session's dev30
misses): a name asked beside a figure, "how large an X", "what size X", a share asked of a count,
and the index asked "what's in here on ..."."""

from __future__ import annotations

from rag.answer.asked import value_asked
from rag.answer.question_kind import rule_kind
from rag.answer.stated import value_stated
from tests.test_asked_wording import _answer, _hit


def test_a_name_asked_beside_a_figure_is_no_figure_to_check():
    """dev30: "What's the name of the framework ..., and how large an accuracy gain does it claim?" said
    "The abstracts don't state the name" of an abstract naming Llamdex and its 26% gain."""
    question = ("What's the name of the framework that plugs private models into LLMs, "
                "and how large an accuracy gain does it claim under the same privacy constraints?")
    assert value_asked(question, "fact") == "accuracy gain"
    assert value_asked("What is the name of the benchmark?", "fact") == ""
    assert value_asked("How big a speed-up does it get over the baseline?", "fact") == "speed-up"


def test_what_size_asks_the_size_of_the_thing_named_after_it():
    """dev30: "what size latent space does the autoencoder compress images into" was "not stated" of
    "compresses these 784-dimensional vectors into a 64-dimensional latent space"."""
    question = "In the hybrid quantum MNIST study, what size latent space does the autoencoder compress images into?"
    assert value_asked(question, "fact") == "latent space"
    abstract = "An autoencoder compresses these 784-dimensional vectors into a 64-dimensional latent space. The circuit uses 5 qubits."
    assert value_stated("latent space", question, [_hit(abstract)])


def test_a_share_asked_is_not_stated_by_a_count():
    """dev30: "What share of LAION-5B's image-text pairs was flagged as NSFW?" was answered with the
    5.85 billion pairs the dataset holds."""
    question = "What share of LAION-5B's image-text pairs was flagged as NSFW by the released detection scores?"
    value = value_asked(question, "fact")
    counted = _hit("We present LAION-5B, a dataset of 5.85 billion CLIP-filtered image-text pairs, of which 2.32B contain English.")
    assert not value_stated(value, question, [counted])
    shared = _hit("We present LAION-5B, a dataset of 5.85 billion image-text pairs; 3% of the image-text pairs are flagged as NSFW.")
    assert value_stated(value, question, [shared])


def test_what_is_in_here_on_a_topic_asks_for_the_papers():
    """dev30: "what's in here on LLM hallucinations?" was answered in prose from one paper."""
    assert rule_kind("what's in here on LLM hallucinations, i.e. detecting or reducing hallucinated content?") == "list"
    assert rule_kind("What is in the collection about pruning?") == "list"
    assert rule_kind("What is in BERT's pre-training data?") != "list"


def test_a_share_written_as_a_fraction_is_stated():
    """dev3/dev14: "using 1/10 training time on ImageNet-1K" gives the fraction of the training time asked."""
    question = "What fraction of the training time does it need on ImageNet-1K?"
    sentence = _hit("The authors reach the same accuracy as similar LIF-SNNs using 1/10 training time on ImageNet-1K.")
    assert value_stated(value_asked(question, "fact"), question, [sentence])


def test_a_count_asked_in_another_clause_does_not_bind_the_value():
    """dev30: "what size latent space ..., and how many qubits ...?" was "not stated" because the
    latent-space sentence counts no qubits; each clause asks its own thing."""
    question = "In the hybrid quantum MNIST study, what size latent space does the autoencoder compress images into, and how many qubits does the circuit use?"
    abstract = "An autoencoder compresses these 784-dimensional vectors into a 64-dimensional latent space. The features then go to a quantum circuit."
    assert value_stated(value_asked(question, "fact"), question, [_hit(abstract)])
    counted = "How many annotators labelled the data, and what agreement score did they reach?"
    assert not value_stated("annotators", counted, [_hit("The agreement score of 0.8 was reached.")])


def test_a_figure_escaped_for_tex_is_read_and_shown_as_written(shipped_components):
    """dev30: "(10.3\\% accuracy gain)" was no figure to the checks, so "how much accuracy does MetaLadder gain?" was "not stated"."""
    answer = _answer(shipped_components, "By how much does MetaLadder improve accuracy over standard chain-of-thought methods?")
    assert not answer.abstained and "10.3%" in answer.text and "\\%" not in answer.text


def test_a_share_no_abstract_gives_is_not_stated(shipped_components):
    answer = _answer(shipped_components, "What percentage of the LAION-5B pairs were marked as watermarked by the released scores?")
    assert answer.abstained


def test_a_comparison_asked_how_the_mechanisms_differ_says_how_each_works(shipped_components):
    """dev30: each side's line was what it proposes; the next sentence says how ("the model owner sends
    ... a lossy compressed emulator", "BlackVIP has two components ... SPSA-GC")."""
    answer = _answer(shipped_components, "Offsite-Tuning versus BlackVIP: how do their mechanisms differ?")
    assert answer.shape == "comparison" and "emulator" in answer.text and "SPSA" in answer.text


def test_a_comparison_asked_what_each_concluded_gives_each_finding(shipped_components):
    answer = _answer(shipped_components, "Sparse pruned ImageNet models and robust lottery tickets: what did each study conclude about how well they transfer?")
    assert answer.shape == "comparison" and "dense models" in answer.text


def test_three_papers_asked_the_same_thing_in_each_is_a_comparison():
    assert rule_kind("Hyper-X and ZeTT both use hypernetworks. What does the hypernetwork produce in each, and what is it conditioned on?") == "comparison"
    assert rule_kind("How many layers are there in each?") == "comparison"


def test_an_abbreviated_condition_and_an_added_amount_are_read():
    """dev30: "How much accuracy does MetaLadder gain ... on math benchmarks?" against "mathematical
    benchmarks"; "how much overall accuracy does that preprocessing add" against "+32.28 to overall accuracy"."""
    question = "How much accuracy does MetaLadder gain over standard CoT-based methods on math benchmarks?"
    sentence = "Experiments on mathematical benchmarks show that MetaLadder outperforms standard CoT-based methods (10.3% accuracy gain)."
    assert value_stated(value_asked(question, "fact"), question, [_hit(sentence)])
    question = "How much overall accuracy does that preprocessing add on the So2Sat random split?"
    sentence = "We find that these steps give +32.28 to overall accuracy on the So2Sat random split dataset and +11.16 on EuroSAT."
    assert value_stated(value_asked(question, "fact"), question, [_hit(sentence)])


def test_a_count_of_another_thing_is_another_ask():
    """dev30: "..., and how many qubits does the quantum circuit use?" went unanswered beside the latent space's size."""
    from rag.answer.asked import other_asks

    question = "What size latent space does the autoencoder compress images into, and how many qubits does the quantum circuit use?"
    assert other_asks(question, "latent space") == ["how many qubits does the quantum circuit use"]
    # a count of the same thing asked again is no other ask
    assert other_asks("What share of trainable parameters does it need, and how many parameters does full fine-tuning train?", "trainable parameters") == []


def test_a_name_asked_in_another_clause_is_given_by_the_sentence_naming_it(shipped_components):
    """dev27: "..., what is it called and how much accuracy does it gain over plain CoT?" gave, beside the
    figure, a scene-setting sentence on LLMs and chain-of-thought instead of the one naming MetaLadder."""
    answer = _answer(shipped_components, "A framework makes the LLM recall analogous problems and their CoT solutions before solving. What is it called, and how much accuracy does it gain?")
    assert "propose MetaLadder" in answer.text and "10.3%" in answer.text


def test_a_count_the_stating_sentence_gives_adds_no_sentence(shipped_components):
    """dev24: "..., and how many task-model combinations does it contain?" is answered by the sentence
    releasing the dataset ("120,000 task-model combinations"); another sentence on six datasets was added."""
    answer = _answer(shipped_components, "What dataset of GNN training records does AutoTransfer release, and how many task-model combinations are in it?")
    assert "120,000" in answer.text and "six datasets" not in answer.text
