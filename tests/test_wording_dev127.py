"""What the fifty-third session's reading of dev127 and dev130 showed, fixed in general form and diffed on every seen set: a
title's opening words glossed in brackets ("learning to branch (the gumbel-softmax tree multi-task method)") name that paper, and
the gloss is no part of what is asked; a named paper evaluated "on controlled synthetic data, CelebA, and Taskonomy" states its
datasets; a setting before the asking word ("T3 paper: in their diagnostic study, how well ...?") still asks one paper; "what do A
and B each report" asks their results, for the question before it; "which X serves as ..." and "which X produced the Y" ask X; an
alternative in brackets ("standard deviation (or magnitude) of noise") is asked as well; "which one used the larger X" asks X of
both; "layout analysis" is a task named by two words; what a list question rules out ("not diffusion models") is not listed; a cost
the question says the paper needs more of is denied by the paper cutting it; a long word missing a letter ("coefficents") is fixed
from the index; "what does it buy" asks its worth; "judge which X" asks how; "which PETL methods does it beat on accuracy" asks
names, not the accuracy; "120,000 task-model combinations" counts no tasks; an acronym the words after "our" spell is the paper's
name; a list asking "what are the numbers" gives each paper's figure; "pieces" are asked in any words; a list question's name
writers are read once per ranking (a speed-up), and never from another ranking."""

from __future__ import annotations

from dataclasses import replace

from rag.answer.asked import asked_detail
from rag.answer.question_kind import rule_kind
from rag.answer.question_text import ruled_out
from rag.answer.relevance_bar import name_writers
from rag.answer.stated import detail_stated
from tests.test_asked_wording import _answer
from tests.test_asked_wording_dev41 import _hit


def test_a_title_opening_glossed_in_brackets_names_the_paper_and_the_gloss_is_not_asked(shipped_components):
    """dev127: "what datasets was learning to branch (the gumbel-softmax tree multi-task method) validated on?" was read as a list
    and said the papers don't mention datasets; then, as a fact, its line was the sentence on the gumbel-softmax tree."""
    answer = _answer(shipped_components, "what datasets was learning to branch (the gumbel-softmax tree multi-task method) validated on?")
    assert answer.kind == "fact" and not answer.abstained
    assert "CelebA" in answer.text and "Taskonomy" in answer.text


def test_a_name_after_a_lowercase_first_item_states_what_it_was_evaluated_on():
    """dev127: "We validate the proposed method on controlled synthetic data, CelebA, and Taskonomy." named no dataset: the
    name had to follow "on" within two lower-case words, and a name with its capital last ("CelebA") was no name."""
    hit = _hit("We propose a branching method. We validate the proposed method on controlled synthetic data, CelebA, and Taskonomy.")
    assert detail_stated("datasets", [hit])
    assert not detail_stated("datasets", [_hit("We propose a branching method. We validate the proposed method on controlled synthetic data.")])


def test_a_setting_before_the_asking_word_still_asks_one_paper(shipped_components):
    """dev127: "T3 paper: in their diagnostic study, how well could small probing classifiers read temporal information ...?" was
    voted a list, and answered with T3's and TC-LLaVA's proposals."""
    question = "T3 paper: in their diagnostic study, how well could small probing classifiers read temporal information out of the Video LLM's video representations?"
    assert rule_kind(question) == "fact"
    assert rule_kind("GATE - for the molecular data, which graphs did they use?") == "fact"
    answer = _answer(shipped_components, question)
    assert "perfect accuracy" in answer.text


def test_what_two_papers_each_report_asks_their_results(shipped_components):
    """dev127: each side's line was its proposal, not what it reports on whether PEFT beats full fine-tuning."""
    answer = _answer(
        shipped_components,
        "can parameter-efficient tuning actually beat full fine-tuning? what do the chest radiograph LoRA study and Ladder Side-Tuning each report",
    )
    assert "13 out of 18" in answer.text and "better GLUE performance" in answer.text


def test_which_thing_serves_as_asks_that_thing(shipped_components):
    """dev127: "Which GNN architecture serves as the denoising network inside SGDM's subgraph diffusion?" asked nothing the
    checks could look for, and SGDM's proposal read as the answer; its abstract never says which."""
    assert asked_detail("Which GNN architecture serves as the denoising network inside SGDM's subgraph diffusion?") == "GNN architecture"
    assert asked_detail("Which encoder acts as the teacher?") == "encoder"
    answer = _answer(shipped_components, "Which GNN architecture serves as the denoising network inside SGDM's subgraph diffusion?")
    assert answer.shape == "not_stated"


def test_an_alternative_in_brackets_is_asked_as_well(shipped_components):
    """dev127: "what standard deviation (or magnitude) of noise is added to the embeddings?" asked nothing (six words), and
    DenoSent's sentence on noisy sentences read as the answer."""
    question = "DenoSent's continuous noise: what standard deviation (or magnitude) of noise is added to the embeddings?"
    assert asked_detail(question) == "standard deviation of noise or magnitude of noise"
    assert asked_detail("what learning rate (or schedule) did they use?") == "learning rate or schedule"
    assert _answer(shipped_components, question).shape == "not_stated"


def test_which_one_used_the_larger_thing_asks_it_of_both(shipped_components):
    """dev127: "Bailong vs TransliCo (Furina): which one used the larger training batch size ...?" gave each one's proposal."""
    question = "Bailong vs TransliCo (Furina): which one used the larger training batch size for its continued training?"
    assert asked_detail(question) == "training batch size"
    assert asked_detail("which of the two reports the higher accuracy on GLUE?") == "accuracy"
    # ... a figure stays for the value rules: "0.035% as many task-specific parameters" is a fraction (dev8)
    assert asked_detail("which one tunes a smaller fraction of task-specific parameters, diff pruning or multitask prompt tuning?") == ""
    assert _answer(shipped_components, question).shape == "not_stated"


def test_an_analysis_task_is_named_by_two_words(shipped_components):
    """dev127: "document layout analysis (...) with pretrained models - any papers?" listed table and OCR papers: "layout" alone
    barely moves so long a question, and "analysis" named no task with it."""
    answer = _answer(shipped_components, "document layout analysis (finding text blocks, tables and figures on scanned pages) with pretrained models - any papers?")
    assert answer.shape == "not_stated" and "layout analysis" in answer.text


def test_what_a_list_rules_out_is_not_listed(shipped_components):
    """dev127: "... noise during training on purpose (perturbing embeddings or intermediate activations, not diffusion models)"
    listed "Addressing Negative Transfer in Diffusion Models" alone."""
    question = (
        "methods that add continuous or feature-level noise during training on purpose (perturbing embeddings or intermediate "
        "activations, not diffusion models) - which ones?"
    )
    assert ruled_out(question) == ["diffusion models"]
    assert ruled_out("which papers, not just surveys, adapt CLIP?") == [] and ruled_out("X - not sure which?") == []
    answer = _answer(shipped_components, question)
    assert "Diffusion Models" not in answer.text and "DenoSent" in answer.text


def test_name_writers_are_read_once_per_ranking_never_from_another():
    """The writers are kept for the last few rankings (shaping asks three times); a ranking differing in a paper's text or in
    whether it has evidence is read afresh."""
    texts = ["We evaluate on MNIST digits.", "We study transfer.", "We evaluate on CIFAR-10.", "Another MNIST study.", "We study more transfer.", "We adapt.", "We tune."]
    hits = [_hit(t, paper_id=f"p{i}", title=f"Paper {i}") for i, t in enumerate(texts)]
    question = "which papers run experiments on MNIST?"
    assert [h.paper.paper_id for h in name_writers(question, hits, 5)] == ["p0", "p3"]
    assert [h.paper.paper_id for h in name_writers(question, hits, 1)] == ["p0"]
    without = [replace(h, evidence=()) if h.paper.paper_id == "p0" else h for h in hits]
    assert [h.paper.paper_id for h in name_writers(question, without, 5)] == ["p3"]
    changed = [replace(h, paper=replace(h.paper, abstract="We evaluate on SVHN.")) if h.paper.paper_id == "p3" else h for h in hits]
    assert [h.paper.paper_id for h in name_writers(question, changed, 5)] == ["p0"]


def test_a_cost_the_question_says_grows_is_denied_by_the_paper_cutting_it(shipped_components):
    """dev127: "Why does the ConvBN Tune mode need more GPU memory than Eval mode during transfer learning?" was answered with the
    sentence saying the Tune mode cuts GPU memory, as if it were the reason."""
    from rag.answer.premise import denied_growth

    tune = _hit("We propose a Tune mode. The proposed Tune mode retains the performance while significantly reducing GPU memory footprint and training time.")
    assert denied_growth("Why does the Tune mode need more GPU memory than Eval mode?", tune) is not None
    # ... not when what cuts it is another, named after the cut
    lst = _hit("We propose LST. LST reduces training memory by 69% compared to full fine-tuning.")
    assert denied_growth("Why does full fine-tuning need more training memory than LST?", lst) is None
    answer = _answer(shipped_components, "Why does the ConvBN Tune mode need more GPU memory than Eval mode during transfer learning?")
    assert answer.shape == "not_stated" and "reverse" in answer.text


def test_a_long_word_missing_a_letter_is_fixed_from_the_index(shipped_components):
    """dev130: "... what coefficents do they report?" said "The abstracts don't mention “coefficents”": no close paper writes
    "coefficients", and only a doubled letter was looked for in the index."""
    keyword = shipped_components.retriever.keyword
    assert keyword.dropped_letter_typo_of("coefficents") == "coefficients"
    assert keyword.dropped_letter_typo_of("actualy") == "actually"  # a doubled letter, as before
    assert keyword.dropped_letter_typo_of("tranfer") == "transfer"
    assert keyword.dropped_letter_typo_of("modl") == ""  # a short word: only a doubled letter, any other left out makes too many words
    answer = _answer(
        shipped_components,
        "Which papers propose a cheap score or predictor and back it with an actual correlation coefficient against real downstream performance? what coefficents do they report?",
    )
    assert not answer.abstained and "AIO-P" in answer.text


def test_what_a_step_buys_asks_its_worth(shipped_components):
    """dev130: "What does that preliminary step buy in each case?" said "The abstracts don't mention “buy”"."""
    answer = _answer(
        shipped_components,
        "Both the COVID-19 FAQ question-similarity work and the cognitive dissonance detection paper transfer from a related task "
        "before training on the target one. What does that preliminary step buy in each case?",
    )
    assert "buy" not in answer.text.split("\n")[0]


def test_which_things_a_method_is_judged_by_is_asked_how():
    """dev130: "How do ... and AutoTransfer judge which earlier tasks are relevant to a new one?" said "The abstracts don't state
    the earlier tasks": the tasks are what is judged, not what is asked for."""
    assert asked_detail("How do the portfolio optimization transfer paper and AutoTransfer judge which earlier tasks are relevant to a new one?") == ""
    assert asked_detail("Which earlier tasks are relevant to a new one?") == "earlier tasks"


def test_which_others_a_method_beats_on_a_measure_asks_their_names(shipped_components):
    """dev130: "Ladder Side-Tuning in a low-memory regime: which PETL methods does it beat on accuracy?" said "The abstracts don't
    state the accuracy" of "LST achieves higher accuracy than Adapter and LoRA in a low-memory regime"."""
    from rag.answer.asked import value_asked

    assert value_asked("Ladder Side-Tuning in a low-memory regime: which PETL methods does it beat on accuracy?", "fact") == ""
    assert value_asked("What accuracy does LST reach on GLUE?", "fact") == "accuracy"
    answer = _answer(shipped_components, "Ladder Side-Tuning in a low-memory regime: which PETL methods does it beat on accuracy?")
    assert "Adapter and LoRA" in answer.text


def test_a_compound_before_a_plural_is_not_what_is_counted(shipped_components):
    """dev130: "GNN-Bank-101 ...: how many distinct graph tasks does it cover?" was answered "120,000 task-model combinations"."""
    from rag.answer.stated import counts_noun

    assert not counts_noun("a large-scale dataset of detailed GNN training information of 120,000 task-model combinations", "task")
    assert counts_noun("a large-scale dataset of detailed GNN training information of 120,000 task-model combinations", "combination")
    assert counts_noun("We train a 7B-parameter model.", "parameter")
    answer = _answer(shipped_components, "GNN-Bank-101 from AutoTransfer: how many distinct graph tasks does it cover?")
    assert answer.shape == "not_stated"


def test_which_thing_did_something_to_an_object_asks_that_thing(shipped_components):
    """dev130: "ColBERT-X translate-train: which MT system produced the translated MS MARCO passages?" asked nothing the checks
    could look for, and the sentence on translate-train read as the answer; the abstract never names the system."""
    assert asked_detail("ColBERT-X translate-train: which MT system produced the translated MS MARCO passages?") == "MT system"
    assert asked_detail("which papers used the GLUE benchmark?") == ""
    answer = _answer(shipped_components, "ColBERT-X translate-train: which MT system produced the translated MS MARCO passages?")
    assert answer.shape == "not_stated"


def test_an_acronym_our_words_spell_names_the_paper():
    """dev130: "household rearrangement robot vs MTSGI" found no MTSGI: "our multi-task subtask graph inferencer (MTSGI) first
    infers ..." has no "we propose", and its card had no name. The words after "our" must spell it exactly."""
    from rag.ingest.cards import build_card
    from rag.records import Paper

    def name(abstract: str) -> str:
        return build_card(Paper("p", "A paper", abstract)).name

    assert name("We study tasks. Unlike others, our multi-task subtask graph inferencer (MTSGI) first infers the structure. It works.") == "MTSGI"
    # ... not an acronym of others' work the sentence goes on to after "our"
    assert name("We study tasks. Unlike our method, earlier multi-task subtask graph inferencers (MTSGI) infer no structure. It works.") == ""


def test_a_list_asking_the_numbers_gives_each_papers_figure(shipped_components):
    """dev130: "Which robot learning papers give an overall real-world success rate in percent ..., and what are the numbers?"
    gave each paper's proposal; MT-pi's line holds none of its "86.5%"."""
    answer = _answer(
        shipped_components,
        "Which robot learning papers give an overall real-world success rate in percent for policies transferred from simulation or "
        "from demonstrations, and what are the numbers?",
    )
    assert answer.shape == "list" and "86.5%" in answer.text


def test_pieces_are_asked_in_any_words(shipped_components):
    """dev130: "household rearrangement robot vs MTSGI: both break complex tasks into smaller pieces - what are the pieces in each?"
    said "The abstracts don't state the pieces": no abstract calls its subtasks or modules pieces."""
    assert detail_stated("pieces", [_hit("We infer a subtask graph that defines a set of subtasks.")])
    answer = _answer(shipped_components, "household rearrangement robot vs MTSGI: both break complex tasks into smaller pieces - what are the pieces in each?")
    assert answer.shape == "comparison" and "MTSGI" in answer.text


def test_environments_are_said_as_domains(shipped_components):
    """dev40, once MTSGI's card had its name: "MTSGI (...) - what environments was it evaluated in?" said "The abstracts don't
    state the environments" of "experiment results on 2D grid-world and complex web navigation domains"."""
    assert detail_stated("environments", [_hit("Our results on 2D grid-world and complex web navigation domains show gains.")])
    answer = _answer(shipped_components, "MTSGI (multi-task subtask graph inference for few-shot RL) - what environments was it evaluated in?")
    assert "web navigation domains" in answer.text


def test_a_capitalised_word_the_authors_put_before_its_kind_is_their_name():
    """dev130: "Llamdex vs RetriKT: ..." set a third paper beside them: "we propose Llamdex, a novel framework that ..." gave the
    card no name, "Llamdex" being no coined word, so the question named one paper only."""
    from rag.ingest.cards import build_card
    from rag.records import Paper

    def name(abstract: str) -> str:
        return build_card(Paper("p", "A paper", abstract)).name

    assert name("Privacy matters. To address this, we propose Llamdex, a novel framework that integrates models into LLMs. It works.") == "Llamdex"
    # ... not a plain word opening a clause after the verb
    assert name("Privacy matters. We present Results, and a framework follows. It works.") == ""


def test_a_difference_line_drops_a_clause_cut_inside_a_list_of_modifiers():
    """dev130: "Where they differ: Llamdex, a novel framework that integrates privacy-preserving; ..." cut "privacy-preserving,
    domain-specific models" at its comma."""
    from rag.answer.difference import _descriptor
    from rag.records import Evidence, Paper, PaperCard, PaperHit

    def hit(title: str, name: str, line: str) -> tuple[PaperHit, Evidence]:
        paper = Paper(f"p-{name}", title, line)
        return PaperHit(1, paper, 1.0, "c", (), card=PaperCard(paper.paper_id, "c", name, line, ())), Evidence(line, 0, len(line))

    llamdex = hit("Model-Based Private Transfer", "Llamdex", "Llamdex is a plug-in framework that integrates privacy-preserving, domain-specific models into LLMs.")
    assert _descriptor(*llamdex) == ", a plug-in framework"
    whole = hit("Model-Based Private Transfer", "Llamdex", "Llamdex is a plug-in framework that integrates domain-specific models into LLMs.")
    assert _descriptor(*whole) == ", a plug-in framework that integrates domain-specific models into LLMs"
