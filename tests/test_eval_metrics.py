"""Each eval metric on hand-built answers whose right score is known, and the gold titles check."""

from __future__ import annotations

import math

import pytest

from eval.answer_metrics import abstained_correctly, abstained_falsely, fell_back, misnamed_share, must_mention_coverage
from eval.citation_metrics import (
    CitedSentence,
    cited_gold_precision,
    cited_sentences,
    citation_precision,
    citation_recall,
    citation_validity,
)
from eval.harness import grade_answer, summarise
from eval.metrics import mean
from eval.question_sets import DEV_SET, HOLDOUT2_SET, HOLDOUT_SET, TEST_SET, VALIDATION_SET, Question, load_questions, missing_gold_titles
from rag.records import Paper


def judge_from(supporting: dict[str, list[set[str]]]):
    """A hand-written judge: claim -> the paper sets that support it (a superset supports too)."""

    def supports(claim: str, papers) -> bool:
        return any(needed <= set(papers) for needed in supporting.get(claim, []))

    return supports


ONE_PAPER = judge_from({"AutoPST disentangles prosody without transcripts.": [{"a"}]})
BOTH_NEEDED = judge_from({"LST saves memory while UniPT aggregates layers.": [{"a", "b"}]})


def test_answer_text_splits_into_sentences_with_their_markers():
    sentences = cited_sentences("AutoPST works [1][2]. It needs no text [2, 3]. No citation here.")
    assert sentences == [
        CitedSentence("AutoPST works.", (1, 2)),
        CitedSentence("It needs no text.", (2, 3)),
        CitedSentence("No citation here.", ()),
    ]


def test_a_redundant_citation_lowers_precision_but_not_recall():
    # [1] supports the sentence alone; [2] adds nothing: removing it leaves [1], which still supports.
    sentence = [CitedSentence("AutoPST disentangles prosody without transcripts.", (1, 2))]
    papers = {1: "a", 2: "b"}
    assert citation_recall(sentence, papers, ONE_PAPER) == 1.0
    assert citation_precision(sentence, papers, ONE_PAPER) == 0.5


def test_citations_needed_together_are_all_precise():
    # Neither paper supports the sentence alone, but removing either breaks the support.
    sentence = [CitedSentence("LST saves memory while UniPT aggregates layers.", (1, 2))]
    assert citation_recall(sentence, {1: "a", 2: "b"}, BOTH_NEEDED) == 1.0
    assert citation_precision(sentence, {1: "a", 2: "b"}, BOTH_NEEDED) == 1.0
    # Citing only one of them: the sentence is not supported, and its one citation is imprecise.
    assert citation_recall(sentence, {1: "a"}, BOTH_NEEDED) == 0.0
    assert citation_precision([CitedSentence(sentence[0].claim, (1,))], {1: "a"}, BOTH_NEEDED) == 0.0


def test_uncited_and_wrongly_cited_sentences_count_against_recall():
    sentences = [
        CitedSentence("AutoPST disentangles prosody without transcripts.", (1,)),  # supported
        CitedSentence("AutoPST disentangles prosody without transcripts.", (2,)),  # wrong paper
        CitedSentence("Something with no citation.", ()),
    ]
    papers = {1: "a", 2: "b"}
    assert citation_recall(sentences, papers, ONE_PAPER) == pytest.approx(1 / 3)
    assert citation_precision(sentences, papers, ONE_PAPER) == 0.5  # 2 citations, 1 precise


def test_an_answer_without_any_citation_has_precision_zero_and_an_abstention_is_not_scored():
    uncited = [CitedSentence("AutoPST disentangles prosody without transcripts.", ())]
    assert citation_precision(uncited, {}, ONE_PAPER) == 0.0
    assert math.isnan(citation_precision([], {}, ONE_PAPER))
    assert math.isnan(citation_recall([], {}, ONE_PAPER))


def test_validity_counts_out_of_range_and_unretrieved_markers_as_invalid():
    sentences = cited_sentences("First claim [1]. Second claim [3]. Third claim [2].")
    # [3] has no reference at all; [2] points at a paper that was not retrieved.
    assert citation_validity(sentences, {1: "a", 2: "z"}, ["a", "b", "c"]) == pytest.approx(1 / 3)
    assert citation_validity(cited_sentences("Claim [1]. Claim [2]."), {1: "a", 2: "b"}, ["b", "a"]) == 1.0
    assert math.isnan(citation_validity(cited_sentences("No markers."), {}, ["a"]))


def test_an_out_of_range_marker_is_also_an_imprecise_citation():
    sentences = [CitedSentence("AutoPST disentangles prosody without transcripts.", (1, 7))]
    assert citation_recall(sentences, {1: "a"}, ONE_PAPER) == 1.0
    assert citation_precision(sentences, {1: "a"}, ONE_PAPER) == 0.5


def test_cited_gold_precision_is_over_distinct_cited_papers():
    assert cited_gold_precision(["a", "b", "a", "c", "d"], ["a", "x"]) == 0.25
    assert math.isnan(cited_gold_precision([], ["a"]))
    assert math.isnan(cited_gold_precision(["a"], []))


def test_must_mention_is_case_insensitive_and_ignores_markers():
    assert must_mention_coverage("The system is called autopst [1].", ["AutoPST"]) == 1.0
    assert must_mention_coverage("LST saves memory [1].", ["lst", "UniPT"]) == 0.5
    # "57" inside a marker is not the number 57 in the answer.
    assert must_mention_coverage("EasyProject wins [57].", ["EasyProject", "57"]) == 0.5
    assert math.isnan(must_mention_coverage("anything", []))


def test_abstention_accuracy_and_false_abstention_rate():
    outcomes = [(False, True), (False, False), (False, True), (True, True), (True, False), (True, False), (True, False)]
    assert mean([abstained_correctly(a, b) for a, b in outcomes]) == pytest.approx(2 / 3)
    assert mean([abstained_falsely(a, b) for a, b in outcomes]) == pytest.approx(1 / 4)
    assert fell_back("llm", "The language model was unavailable") == 1.0
    assert fell_back("llm", "") == 0.0
    assert math.isnan(fell_back("extractive", ""))


def _paper(pid: str) -> Paper:
    return Paper(pid, f"Title {pid}", f"Abstract of {pid}.")


def _question(qid: str, qtype: str, gold: tuple[str, ...], answerable: bool = True, must: tuple[str, ...] = ()) -> Question:
    # gold_ids derive from titles; build titles whose ids we then use as papers.
    return Question(qid, "q?", qtype, gold, must, answerable)


def test_grading_and_summary_by_type():
    fact = _question("f1", "fact", ("Some Gold Paper",), must=("AutoPST",))
    gold_paper = Paper(fact.gold_ids[0], "Some Gold Paper", "AutoPST disentangles prosody.")
    other = _paper("p-other")
    supports = judge_from({"AutoPST disentangles prosody without transcripts.": [{gold_paper.paper_id}]})
    answered = grade_answer(
        fact, "ours", "extractive", "AutoPST disentangles prosody without transcripts [1][2].", False,
        cited_sentences("AutoPST disentangles prosody without transcripts [1][2]."),
        {1: gold_paper, 2: other}, [(other, 0.9), (gold_paper, 0.8)], supports,
    )
    unanswerable = _question("u1", "unanswerable", (), answerable=False)
    abstained = grade_answer(unanswerable, "ours", "extractive", "The indexed papers do not answer this.", True, [], {}, [(other, 0.1)], supports)
    assert answered.scores["retrieval.mrr"] == 0.5
    assert answered.scores["citation.precision"] == 0.5
    assert answered.scores["citation.gold_precision"] == 0.5
    assert answered.scores["answer.must_mention"] == 1.0
    assert [c["supported"] for c in answered.citations] == [True, False]
    assert math.isnan(abstained.scores["citation.recall"]) and abstained.scores["abstention.accuracy"] == 1.0

    summary = summarise([answered, abstained])
    assert summary["n"] == 2
    assert summary["retrieval"]["mrr"] == 0.5  # the unanswerable question has no gold: left out
    assert summary["abstention"] == {"accuracy": 1.0, "false_rate": 0.0}
    assert summary["by_type"]["unanswerable"]["abstention"]["accuracy"] == 1.0
    assert math.isnan(summary["by_type"]["fact"]["abstention"]["accuracy"])


def test_every_gold_title_is_a_paper_of_the_shipped_corpus():
    from rag.ingest.corpus import ReadReport, read_corpus
    from rag.settings import PROJECT_ROOT

    titles = {p.title for p in read_corpus([PROJECT_ROOT / "data" / "transfer-papers.txt"], ReadReport())}
    for path in (DEV_SET, TEST_SET):
        questions = load_questions(path)
        assert missing_gold_titles(questions, titles) == [], path.name
    assert (len(load_questions(DEV_SET)), len(load_questions(TEST_SET))) == (103, 80)


def test_validation_set_is_well_formed_and_new():
    """The validation set (written before any tuning on it): 51 questions whose gold titles are
    papers of the shipped corpus, with known types and kinds, unique ids, gold exactly on the
    answerable ones, terms to mention on facts and comparisons, and no question copied from dev."""
    from rag.ingest.corpus import ReadReport, read_corpus
    from rag.settings import PROJECT_ROOT
    from eval.question_sets import TYPES

    titles = {p.title for p in read_corpus([PROJECT_ROOT / "data" / "transfer-papers.txt"], ReadReport())}
    validation, dev = load_questions(VALIDATION_SET), load_questions(DEV_SET)
    assert len(validation) == 51
    assert missing_gold_titles(validation, titles) == []
    assert len({q.id for q in validation}) == len(validation)
    assert all(q.type in TYPES and q.kind in {"list", "fact", "comparison", "open"} for q in validation)
    assert all(q.answerable == (q.type != "unanswerable") for q in validation)
    assert all(bool(q.gold_titles) == q.answerable for q in validation)
    assert all(q.must_mention for q in validation if q.type in ("fact", "comparison"))
    assert not {q.question.casefold() for q in validation} & {q.question.casefold() for q in dev}


def test_holdout_set_is_well_formed_and_new():
    """The held-out set (written without running the engine on it): 46 questions whose gold titles
    are papers of the shipped corpus, with known types and kinds, unique ids, gold exactly on the
    answerable ones, terms to mention on facts and comparisons, and no question copied from dev
    or validation."""
    from rag.ingest.corpus import ReadReport, read_corpus
    from rag.settings import PROJECT_ROOT
    from eval.question_sets import TYPES

    titles = {p.title for p in read_corpus([PROJECT_ROOT / "data" / "transfer-papers.txt"], ReadReport())}
    holdout = load_questions(HOLDOUT_SET)
    earlier = load_questions(DEV_SET) + load_questions(VALIDATION_SET)
    assert len(holdout) == 46
    _assert_held_out_set_well_formed(holdout, "hold-", titles, TYPES, earlier)


def test_second_holdout_set_is_well_formed_and_new():
    """The second held-out set (written from the abstracts alone, without running the engine on
    it): 50 questions held to the same rules as the first, copying no question of dev,
    validation or the first held-out set."""
    from rag.ingest.corpus import ReadReport, read_corpus
    from rag.settings import PROJECT_ROOT
    from eval.question_sets import TYPES

    titles = {p.title for p in read_corpus([PROJECT_ROOT / "data" / "transfer-papers.txt"], ReadReport())}
    holdout2 = load_questions(HOLDOUT2_SET)
    earlier = load_questions(DEV_SET) + load_questions(VALIDATION_SET) + load_questions(HOLDOUT_SET)
    assert len(holdout2) == 50
    _assert_held_out_set_well_formed(holdout2, "h2-", titles, TYPES, earlier)


def test_third_development_set_is_well_formed_and_new():
    """dev3 (ninth session, written from the abstracts alone and run once clean before tuning on it):
    60 questions held to the held-out sets' rules, copying no question of the seen sets."""
    from rag.ingest.corpus import ReadReport, read_corpus
    from rag.settings import PROJECT_ROOT
    from eval.question_sets import DEV2_SET, DEV3_SET, TYPES

    titles = {p.title for p in read_corpus([PROJECT_ROOT / "data" / "transfer-papers.txt"], ReadReport())}
    dev3 = load_questions(DEV3_SET)
    earlier = load_questions(DEV_SET) + load_questions(VALIDATION_SET) + load_questions(HOLDOUT_SET) + load_questions(DEV2_SET)
    assert len(dev3) == 60 and sum(not q.answerable for q in dev3) == 20
    _assert_held_out_set_well_formed(dev3, "d3-", titles, TYPES, earlier)


def test_fourth_development_set_is_well_formed_and_new():
    """dev4 (ninth session, written from the abstracts alone, run once clean before tuning on it)."""
    from rag.ingest.corpus import ReadReport, read_corpus
    from rag.settings import PROJECT_ROOT
    from eval.question_sets import DEV2_SET, DEV3_SET, DEV4_SET, TYPES

    titles = {p.title for p in read_corpus([PROJECT_ROOT / "data" / "transfer-papers.txt"], ReadReport())}
    dev4 = load_questions(DEV4_SET)
    earlier = [q for s in (DEV_SET, VALIDATION_SET, HOLDOUT_SET, DEV2_SET, DEV3_SET) for q in load_questions(s)]
    assert len(dev4) == 60 and sum(not q.answerable for q in dev4) == 27
    _assert_held_out_set_well_formed(dev4, "d4-", titles, TYPES, earlier)


def test_fifth_development_set_is_well_formed_and_new():
    """dev5 (tenth session, written from the abstracts alone, run once clean before tuning on it)."""
    from rag.ingest.corpus import ReadReport, read_corpus
    from rag.settings import PROJECT_ROOT
    from eval.question_sets import DEV2_SET, DEV3_SET, DEV4_SET, DEV5_SET, TYPES

    titles = {p.title for p in read_corpus([PROJECT_ROOT / "data" / "transfer-papers.txt"], ReadReport())}
    dev5 = load_questions(DEV5_SET)
    earlier = [q for s in (DEV_SET, VALIDATION_SET, HOLDOUT_SET, DEV2_SET, DEV3_SET, DEV4_SET) for q in load_questions(s)]
    assert len(dev5) == 60 and sum(not q.answerable for q in dev5) == 15
    _assert_held_out_set_well_formed(dev5, "d5-", titles, TYPES, earlier)


@pytest.mark.parametrize(
    ("name", "unanswerable", "size"),
    [("dev31", 20, 64), ("dev32", 28, 64), ("dev33", 18, 64), ("dev34", 20, 64), ("dev35", 20, 64), ("dev36", 20, 64), ("dev37", 20, 64), ("dev38", 20, 64), ("dev39", 20, 64), ("dev40", 20, 64), ("dev41", 15, 49), ("dev42", 15, 46), ("dev43", 12, 47), ("dev44", 15, 48), ("dev45", 17, 54), ("dev46", 13, 39), ("dev47", 12, 45), ("dev48", 16, 44), ("dev49", 13, 39), ("dev50", 12, 45), ("dev51", 16, 43), ("dev52", 9, 40), ("dev53", 8, 34), ("dev54", 15, 49), ("dev55", 14, 43), ("dev56", 12, 42), ("dev57", 15, 48), ("dev58", 14, 42), ("dev59", 12, 40), ("dev60", 11, 42), ("dev61", 15, 39), ("dev62", 15, 43), ("dev63", 12, 41), ("dev64", 15, 46), ("dev65", 14, 38), ("dev66", 17, 47), ("dev67", 13, 39), ("dev68", 15, 42), ("dev69", 15, 42), ("dev70", 13, 36), ("dev71", 14, 42), ("dev72", 11, 37), ("dev73", 23, 38), ("dev74", 24, 66), ("dev75", 21, 42), ("dev76", 15, 26), ("dev77", 22, 42), ("dev78", 17, 36), ("dev79", 19, 32), ("dev80", 15, 23), ("dev81", 20, 29), ("dev82", 32, 50), ("dev83", 26, 42), ("dev84", 29, 47), ("dev85", 28, 58), ("dev86", 31, 47), ("dev87", 28, 45), ("dev88", 30, 46), ("dev89", 31, 49), ("dev90", 29, 36), ("dev91", 34, 81), ("dev92", 35, 88), ("dev93", 27, 76), ("dev94", 29, 80), ("dev95", 27, 83), ("dev96", 27, 79), ("dev97", 25, 84), ("dev98", 31, 74), ("dev99", 26, 74), ("dev100", 24, 72), ("dev101", 28, 73), ("dev102", 27, 76), ("dev103", 29, 71), ("dev104", 25, 69), ("dev105", 24, 64), ("dev106", 28, 70), ("dev107", 27, 75), ("dev108", 23, 60), ("dev109", 28, 77), ("dev110", 30, 76), ("dev111", 27, 70), ("dev112", 26, 68), ("dev113", 30, 71), ("dev114", 23, 70), ("dev115", 24, 66), ("dev116", 29, 74), ("dev117", 25, 63), ("dev118", 25, 68), ("dev119", 26, 68), ("dev120", 26, 62), ("dev121", 27, 78), ("dev122", 25, 70), ("dev123", 27, 71), ("dev124", 21, 67), ("dev125", 22, 65), ("dev126", 26, 72), ("dev127", 30, 72), ("dev128", 25, 66), ("dev129", 28, 67), ("dev130", 27, 69), ("dev131", 21, 63)],
)
def test_the_latest_dev_sets_are_well_formed_and_new(name, unanswerable, size):
    """dev31, dev32 (twenty-fifth session), dev33 (twenty-sixth), dev34, dev35, dev36 (twenty-seventh), dev37, dev38 (twenty-eighth), dev39, dev40 (twenty-ninth), dev41, dev42, dev43, dev44 (thirtieth), dev45 to dev48 (thirty-first), dev49 to dev54 (thirty-second), dev55 to dev63 (thirty-third), dev64 to dev72 (thirty-fourth), dev73 (thirty-fifth), dev74 (thirty-sixth), dev75 (thirty-seventh), dev76 (thirty-eighth), dev77 (thirty-ninth), dev78 (fortieth), dev79 to dev125 (forty-first to fifty-first), dev126 to dev129 (fifty-second), written from the
    abstracts alone, each run once clean before tuning on it. dev41 to dev72 are what was left of 64 each after
    dropping near-copies of earlier sets and topics whose gold papers a frozen set's topic shares; dev73 and dev74 are what was left of
    three sets of 64 each, dev75 to dev78 of two sets of 48 each, after
    dropping near-copies of earlier sets and topics whose gold papers a frozen set's topic shares."""
    from eval.question_sets import QUESTIONS_DIR, TYPES
    from rag.ingest.corpus import ReadReport, read_corpus
    from rag.settings import PROJECT_ROOT

    titles = {p.title for p in read_corpus([PROJECT_ROOT / "data" / "transfer-papers.txt"], ReadReport())}
    questions = load_questions(QUESTIONS_DIR / f"{name}.jsonl")
    earlier = [q for path in sorted(QUESTIONS_DIR.glob("*.jsonl")) if path.stem != name for q in load_questions(path)]
    assert len(questions) == size and sum(not q.answerable for q in questions) == unanswerable
    _assert_held_out_set_well_formed(questions, f"d{name[3:]}-", titles, TYPES, earlier)


def _assert_held_out_set_well_formed(questions, id_prefix, titles, types, earlier):
    """Gold titles are corpus papers, ids unique with the set's prefix, known types and kinds, gold
    exactly on the answerable ones, terms to mention on facts and comparisons (none on
    unanswerable ones), two papers per comparison, and no question text copied from earlier sets."""
    assert missing_gold_titles(questions, titles) == []
    assert len({q.id for q in questions}) == len(questions)
    assert all(q.id.startswith(id_prefix) for q in questions)
    assert all(q.type in types and q.kind in {"list", "fact", "comparison", "open"} for q in questions)
    assert all(q.answerable == (q.type != "unanswerable") for q in questions)
    assert all(bool(q.gold_titles) == q.answerable for q in questions)
    assert all(not q.must_mention for q in questions if not q.answerable)
    assert all(q.must_mention for q in questions if q.type in ("fact", "comparison"))
    assert all(len(q.gold_titles) in (2, 3) for q in questions if q.type == "comparison")
    assert not {q.question.casefold() for q in questions} & {q.question.casefold() for q in earlier}


def test_the_eval_judge_reads_the_cited_papers_whole_abstracts(shipped_components):
    """The real judge: a late sentence of an abstract (not what retrieval picks as evidence) is
    supported by its paper and not by another; a claim about two papers needs both."""
    from eval.citation_metrics import AbstractSupport
    from eval.retrieval_eval import store_papers

    papers = {p.paper_id: p for p in store_papers(shipped_components.store)}
    ids = {p.title.split(":")[0]: pid for pid, p in papers.items()}
    lst, unipt = ids["LST"], ids["UniPT"]
    support = AbstractSupport.from_store(shipped_components.store, shipped_components.embedder, papers, shipped_components.settings.answer.support_threshold)

    alone = "LST saves 69% of the memory costs to fine-tune the whole network."
    assert support(alone, [lst]) and not support(alone, [unipt])
    both = "LST saves 69% of the memory costs of fine-tuning, while UniPT uses a confidence aggregation module for cross-layer features."
    assert support(both, [lst, unipt])
    sentences = [CitedSentence(alone, (1, 2)), CitedSentence(both, (1, 2))]
    markers = {1: lst, 2: unipt}
    assert citation_recall(sentences, markers, support) == 1.0
    # UniPT is redundant for the first sentence; both are needed for the second.
    assert citation_precision(sentences, markers, support) == 0.75


def test_the_eval_judge_reads_a_line_labelled_with_the_cited_papers_card_name_as_labelled_with_its_paper(shipped_components):
    """"XTRA: 23%": the app labels the line with the card's name, which the abstract coins two sentences
    before the one stating 23%. The judge reads the name as the paper (as it reads the title every
    unit carries); another name from the same abstract ("EfficientZero: 23%") is judged as written."""
    from eval.citation_metrics import AbstractSupport
    from eval.retrieval_eval import store_papers

    papers = {p.paper_id: p for p in store_papers(shipped_components.store)}
    xtra = next(pid for pid, p in papers.items() if p.title.startswith("On the Feasibility of Cross-Task Transfer"))
    support = AbstractSupport.from_store(shipped_components.store, shipped_components.embedder, papers, shipped_components.settings.answer.support_threshold)
    assert support._titled("XTRA: 23%", papers[xtra]) == f"{papers[xtra].title}: 23%"
    assert support._titled("EfficientZero: 23%", papers[xtra]) == "EfficientZero: 23%"
    assert support("XTRA: 23%", [xtra])


def test_an_abstention_mentions_nothing_even_when_its_not_stated_line_repeats_the_terms():
    from eval.harness import grade_answer
    from eval.question_sets import Question

    question = Question("q", "What Dice does CheXWorld reach?", "fact", ("CheXWorld",), ("Dice",), True, "fact")
    said = "The abstracts don't state the Dice of CheXWorld."
    abstained = grade_answer(question, "ours", "extractive", said, True, [], {}, [], lambda claim, evidence: False)
    answered = grade_answer(question, "ours", "extractive", "CheXWorld reaches a Dice of 0.91.", False, [], {}, [], lambda claim, evidence: False)
    assert abstained.scores["answer.must_mention"] == 0.0 and answered.scores["answer.must_mention"] == 1.0


def test_misnamed_counts_a_sentence_naming_a_paper_it_does_not_cite():
    names = {"a": "ForkMerge", "b": "Adapters", "c": "PaliGemma", "d": "PaliGemma 2"}
    titles = {"e": "The Impact of Language Adapters in Cross-Lingual Transfer for NLU"}
    assert misnamed_share([("ForkMerge forks the model into branches.", ["b"])], names, titles) == 1.0
    assert misnamed_share([("ForkMerge forks the model into branches.", ["a"])], names, titles) == 0.0
    # A cited paper's longer name holding another's is its own ("PaliGemma 2" is not "PaliGemma").
    assert misnamed_share([("PaliGemma 2 adds sizes.", ["d"])], names, titles) == 0.0
    # A cited paper's title shown as its label holds a word that is another paper's name.
    title_line = "The Impact of Language Adapters in Cross-Lingual Transfer for NLU: the role of language adapters."
    assert misnamed_share([(title_line, ["e"])], names, titles) == 0.0
    assert misnamed_share([(title_line, ["e"])], names) == 1.0  # without the titles it reads as naming "Adapters"
    assert misnamed_share([(title_line, ["e"]), ("Adapters are small modules.", ["e"])], names, titles) == 0.5
