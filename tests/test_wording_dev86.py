"""What the forty-third session's fresh sets (dev86, dev87) found, fixed in general form and diffed on every seen set.

Premises a paper contradicts: a failure asked of a setting the paper says it does well in ("collapses when only 1000
samples are available" of "obtains comparable results with only 1000 samples available"), and an effect told in the
passive ("can be further improved by combining the two models"). Kinds left unnamed: guessed names in brackets ("(BERT,
BioBERT, something else?)") ask for the name, and "COVID-related" names nothing new beside a title's "COVID-19".
Comparisons: a "-fold" figure, a size asked as "which is bigger", the modules a side counts, a verb both
sides share ("both borrow from"), "either" asking each side, and a paper asked about by its second name. Facts: a list's
enumerator ("1)") is no figure, and "What is PANDA's ... called?" asks a name."""

from __future__ import annotations

from rag import prompts
from rag.answer.premise import denied_failure, reversed_premise
from rag.answer.question_kind import rule_kind
from rag.ingest.cards import build_card
from rag.records import Paper
from tests.test_asked_wording import _answer


def _hit(components, title_start: str):
    """The shipped paper whose title starts so, as a hit (its card and sentences as retrieval gives them)."""
    hits = components.answer_engine.retriever.search(title_start, k=5).hits
    return next(h for h in hits if h.paper.title.startswith(title_start))


def test_a_failure_in_a_setting_the_paper_does_well_in_is_a_reversed_premise(shipped_components):
    hit = _hit(shipped_components, "Hyper-X")
    line = denied_failure("Why does Hyper-X break down in few-shot scenarios for new languages?", hit)
    assert line is not None and "strong results" in line.text
    answer = _answer(shipped_components, "Hyper-X struggles in few-shot scenarios for new languages - what do the authors do about it?")
    assert answer.abstained and prompts.PREMISE_REVERSED.format(name="Hyper-X") in answer.text


def test_a_failure_the_paper_itself_tells_is_no_reversed_premise(shipped_components):
    # "directly learning a language-conditioned policy leads to poor performance": the paper agrees.
    hit = _hit(shipped_components, "From Language to Goals")
    assert denied_failure("Why does directly learning a language-conditioned policy fail in new environments?", hit) is None


def test_an_effect_told_in_the_passive_reverses_a_harm_asked(shipped_components):
    hit = _hit(shipped_components, "Self-supervised Audio Teacher-Student Transformer")
    line = reversed_premise("why does merging ATST-Clip with ATST-Frame through knowledge distillation hurt downstream performance?", hit)
    assert line is not None and "further improved by combining" in line.text


def test_guessed_names_in_brackets_ask_for_a_name_the_abstract_never_gives(shipped_components):
    answer = _answer(shipped_components, "Which base model (BERT? RoBERTa? something else?) got the double fine-tuning in the COVID-19 FAQ matching paper?")
    assert answer.abstained


def test_a_purpose_to_compare_is_no_comparison_asked():
    assert rule_kind("Which attribution method does the feature-attribution paper use to compare the single-task models?") != "comparison"
    assert rule_kind("Compare the memory savings of LST and S2A.") == "comparison"


def test_a_fold_figure_states_a_measure_asked(shipped_components):
    answer = _answer(shipped_components, "S2A vs LST: how much GPU memory does each one save in fine-tuning?")
    assert not answer.abstained
    assert "fourfold" in answer.text and "69%" in answer.text


def test_which_is_bigger_asks_each_side_its_size(shipped_components):
    answer = _answer(shipped_components, "Polish Medical Exams or PoliteRewrite - which dataset is larger?")
    assert "24,000" in answer.text and "100K" in answer.text


def test_a_side_counting_its_modules_goes_through_them(shipped_components):
    answer = _answer(shipped_components, "GHOST 2.0 vs MaskGAN: which two modules make up each one?")
    assert "Blender" in answer.text and "Aligner" in answer.text


def test_a_verb_both_sides_share_is_no_topic_the_papers_miss(shipped_components):
    answer = _answer(shipped_components, "Slovak speech recognition from Czech vs the Maltese code-switching paper: both borrow from a related language - what gets transferred in each?")
    assert not answer.abstained


def test_either_asks_each_side_on_its_own(shipped_components):
    answer = _answer(shipped_components, "MSVD-Indonesian vs XLT-QG - does either one need labelled target-language data?")
    assert not answer.abstained


def test_a_paper_asked_about_by_its_second_name_is_labelled_and_answered_by_it(shipped_components):
    answer = _answer(shipped_components, "DistillWeighted vs robust tickets: how does each get a small efficient model for transfer?")
    assert "DistillWeighted" in answer.text
    line = next(line for line in answer.text.splitlines() if "DistillWeighted" in line)
    assert "multi-source" in line


def test_an_acronym_spelling_hyphenated_parts_after_the_authors_verb_names_the_paper():
    abstract = (
        "How can we build learning algorithms that will allow us to tell machines what we want them to do? "
        "We propose language-conditioned reward learning (LC-RL), which grounds language commands as a reward function. "
        "Researchers have proposed information-retrieval (IR) techniques before."
    )
    card = build_card(Paper("p1", "From Words to Rewards", abstract))
    assert card.name == "LC-RL"
    assert card.contribution.startswith("The authors propose language-conditioned reward learning")
    other = build_card(Paper("p2", "Tracing links", "Researchers have proposed information-retrieval (IR) techniques. We show they fail."))
    assert other.name == ""


def test_an_enumerator_gives_no_figure(shipped_components):
    # "two properties: 1) the flatness of loss landscape; and 2) ..." states no success rate (dev87).
    answer = _answer(shipped_components, "What attack success rate did CWA reach against Bard?")
    assert answer.abstained


def test_a_name_asked_of_a_paper_by_its_possessive_is_a_fact():
    assert rule_kind("What is PANDA's prompt-transferability metric called, and how well does it predict transfer?") == "fact"
    assert rule_kind("What is the resulting system called?") == "fact"


def test_what_the_paper_says_matters_as_much_or_more_reverses_a_ranking_asked(shipped_components):
    hit = _hit(shipped_components, "Understanding the Role of Invariance")
    line = reversed_premise("The invariance study says the amount of pretraining samples is far more important than invariance - why?", hit)
    assert line is not None and "as, or often more, important" in line.text


def test_what_each_says_about_something_is_what_each_found(shipped_components):
    answer = _answer(shipped_components, "LIBERO vs GEM - what does each say about knowledge transfer in lifelong learning?")
    line = next(line for line in answer.text.splitlines() if "LIBERO" in line.split("]")[0])
    assert "sequential finetuning" in line


def test_the_results_each_reports_include_a_rate_achieved(shipped_components):
    answer = _answer(shipped_components, "the open-loop oscillator baseline vs Re3Sim - what sim-to-real results does each one report?")
    assert "58%" in answer.text and "elastic quadruped" in answer.text


def test_what_each_adds_includes_what_a_paper_adds_in_addition(shipped_components):
    answer = _answer(shipped_components, "mLUKE vs MAD-X - what does each add to a multilingual model for cross-lingual transfer?")
    assert "invertible adapter" in answer.text and "entity representations" in answer.text
