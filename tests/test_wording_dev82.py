"""What the forty-second session's first fresh set (dev82) found, each fixed in general form and diffed on every seen set: a
measure written with a prefix ("What macro-F1 does ... reach?") was not read as a figure asked; "what lightweight module does
each add?" was "not stated" of abstracts naming their parts ("a lightweight R^2 Block", "a Dual-Path Adapter (DPA) module");
an effect the question takes for granted ("pre-training hurt performance on bug-fixing and code summarization") of a paper saying
the reverse ("pre-training helps the model") was answered as a reason, the title's "Code-Related" not read as "code"; "which
model family" closing a question was not looked for; "which self-supervised feature extractor" was answered by an abstract
saying only "a self-supervised feature extractor"; and "direct speech-to-speech translation" listed speech-to-text papers."""

from __future__ import annotations

from rag.answer.question_kind import rule_kind
from tests.test_asked_wording import _answer


def test_a_measure_written_with_a_prefix_is_a_figure_asked():
    assert rule_kind("What micro-F1 does cross-lingual transfer with adapters reach on legal judgment prediction?") == "fact"
    assert rule_kind("What top-1 accuracy does it reach on ImageNet?") == "fact"


def test_a_module_is_stated_by_the_part_an_abstract_names(shipped_components):
    answer = _answer(shipped_components, "CLIP2Point vs R2-Tuning - which lightweight module does each one add on top of CLIP?")
    assert not answer.abstained
    assert "Dual-Path Adapter" in answer.text and "R^2 Block" in answer.text


def test_an_effect_the_title_topic_tells_the_reverse_of_is_no_premise(shipped_components):
    answer = _answer(shipped_components, "The T5 study on code-related tasks found that pre-training hurt performance on code summarization. What explanation do they offer?")
    assert answer.abstained and "says the reverse" in answer.text and "helps" in answer.text


def test_a_qualified_kind_closing_the_question_is_looked_for(shipped_components):
    answer = _answer(shipped_components, "PANDA was evaluated across 5 scales of PLMs - which model family exactly?")
    assert answer.abstained and "model family" in answer.text


def test_a_feature_extractor_said_only_as_one_is_not_named(shipped_components):
    answer = _answer(shipped_components, "In the part deformation consistency template learning paper, which self-supervised feature extractor gives the semantic prior?")
    assert answer.abstained


def test_a_mapping_no_listed_paper_writes_is_not_mentioned(shipped_components):
    answer = _answer(shipped_components, "Any papers on speech-to-speech translation without an intermediate text step?")
    assert answer.abstained and "speech-to-speech" in answer.text
    # ... while one the papers write is mentioned: sim-to-real transfer for robots.
    assert not _answer(shipped_components, "Which papers do sim-to-real transfer for robot manipulation?").abstained
