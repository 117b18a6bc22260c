"""What the forty-third session's third fresh set (dev88) found, fixed in general form and diffed on every seen set: an
author cited ("Johnson et al.'s") is no topic the abstracts must write; a side of up to eight words beats another; a
quality told the other way ("negative transfer" of "positive transfer"); a kind's own acronym ("PLMs") and an acronym for
the asker's words ("Continual learning (CL)") name nothing; the asker's bracketed short name for a paper described by
its title ("... encoder (HBMP)"); a paper's own thing asked by its possessive ("Florence-2's FLD-5B"); and "an
additional ... layer" is what a side adds."""

from __future__ import annotations

from rag import prompts
from rag.answer.premise import reversed_premise, reversed_term
from tests.test_asked_wording import _answer
from tests.test_wording_dev86 import _hit


def test_an_author_cited_is_no_topic_the_abstracts_miss(shipped_components):
    answer = _answer(shipped_components, "CCPL vs Johnson et al.'s perceptual losses: what does each loss buy you for style transfer?")
    assert not answer.abstained


def test_a_long_side_said_to_beat_another_is_read_whole(shipped_components):
    hit = _hit(shipped_components, "Vocabulary Expansion for Low-resource")
    line = reversed_premise("why does random initialization of all the new token embeddings beat heuristic-based initialization?", hit)
    assert line is not None and "outperforming a popular random initialization" in line.text


def test_a_quality_told_the_other_way_reverses_the_premise(shipped_components):
    hit = _hit(shipped_components, "IMPALA")
    assert reversed_term("How did IMPALA deal with the negative transfer between DMLab-30 tasks?", hit) is not None
    answer = _answer(shipped_components, "IMPALA suffered negative transfer between tasks on DMLab-30 - what did they do about it?")
    assert answer.abstained and prompts.PREMISE_REVERSED.format(name="IMPALA") in answer.text


def test_a_paper_telling_both_qualities_takes_no_side(shipped_components):
    # ForkMerge's abstract speaks of negative transfer itself.
    hit = _hit(shipped_components, "ForkMerge")
    assert reversed_term("How does ForkMerge reduce negative transfer?", hit) is None


def test_the_kinds_own_acronym_and_the_askers_words_abbreviated_name_nothing(shipped_components):
    answer = _answer(shipped_components, "visual continual learning with language-guided supervision - which pretrained language model gives the semantic targets?")
    assert answer.abstained


def test_the_askers_bracketed_name_for_a_described_paper_is_no_missing_side(shipped_components):
    answer = _answer(shipped_components, "Sentence-T5 vs the iterative refinement BiLSTM sentence encoder (HBMP) - what does each outperform on SentEval?")
    assert not answer.abstained


def test_a_papers_own_thing_asked_by_its_possessive_labels_the_side(shipped_components):
    answer = _answer(shipped_components, "Florence-2's FLD-5B vs LAION-5B - how was each dataset built?")
    assert "FLD-5B" in answer.text


def test_an_additional_layer_is_what_a_side_adds(shipped_components):
    answer = _answer(shipped_components, "LinguaLIFT vs MAD-X: what extra component does each add for low-resource languages?")
    assert "language alignment layer" in answer.text and "invertible adapter" in answer.text


def test_a_term_the_question_spells_out_before_its_acronym_is_no_short_name_for_a_paper(shipped_components):
    # "stochastic weight averaging (SWA)" is set against Free Lunch's checkpoint averaging, which no abstract compares it with.
    answer = _answer(shipped_components, "Is Free Lunch's checkpoint averaging better than stochastic weight averaging (SWA) for cross-lingual transfer?")
    assert answer.abstained
