"""The claim judge: its checks on hand-written cases, its measured accuracy on the challenge set's
test half (the gate), and what the verifier does with its verdicts on real abstracts.

Floors are the values measured on the test half (README, `rag calibrate-judge`) minus a margin;
they were measured, never tuned on.
"""

from __future__ import annotations

import pytest

from rag import prompts
from rag.verify import claim_checks
from rag.records import PaperHit

LST = "LST: Ladder Side-Tuning for Parameter and Memory Efficient Transfer Learning"
UNIPT = "UniPT: Universal Parallel Tuning for Transfer Learning with Efficient Parameter and Memory"
FORKMERGE = "ForkMerge: Mitigating Negative Transfer in Auxiliary-Task Learning"
DIFFUSION = "Addressing Negative Transfer in Diffusion Models"
CROSSICL = "CrossICL: Cross-Task In-Context Learning via Unsupervised Demonstration Transfer"

# Measured on the test half (README, `rag calibrate-judge`, 2026-12-01, read once after the
# fifth session's changes: examples and key gap in relevance, cue and negation-scope fixes,
# spelling and hedges, the support verdict; the figures read before them in brackets);
# floor = measured - margin, raised only where a figure rose. Read twice more after the sixth
# session's paraphrase fixes (`rag calibrate-judge --as-configured`, 2026-12-01): after the negation,
# magnitude and hedge fixes every figure was the same; after the closest-sentence evidence, the
# figures after the first arrows below. Read once after the seventh session's paraphrase fixes
# (vague quantities and connectives, compounds, spelled numbers, multiples, "any", name tails,
# negative prefixes; all chosen on the dev half): the figures after the second arrows.
FLOORS = {  # error kind -> least recall
    "wrong_paper": 0.95,  # measured 1.000 (57 items) [1.000]
    "number": 0.95,  # measured 1.000 (35) [1.000]
    # Measured 0.889 -> 0.861 (36): the seventh session's paraphrase fixes (the paraphrase
    # false alarms 0.111 -> 0.089, now within its 0.1) let one more swapped detail through (32 -> 31
    # of 36; the issue asks >= 0.75). Lowered from 0.88 on purpose, as that trade, not as drift.
    "swapped_detail": 0.84,  # measured 0.889 (36) [0.917] -> 0.861
    "direction": 0.77,  # measured 0.778 -> 0.800 -> 0.800 (45) [0.756]
    "negation": 0.83,  # measured 0.844 -> 0.867 -> 0.867 (45) [0.800]
    "overgeneral": 0.92,  # measured 1.000 (31) [1.000]
    "off_topic": 0.91,  # measured 0.952 (62) [0.871]
    "unsupported_extra": 0.65,  # measured 0.783 (23) [0.826]
}
FALSE_ALARM_CEILING = 0.045  # measured 0.055 -> 0.041 -> 0.034 -> 0.041 on correct claims (145) [0.034; the last rise, one claim, is the negated-thing check's cost]
PARAPHRASE_CEILING = 0.10  # measured 0.133 -> 0.111 -> 0.089 on paraphrases (45), 6 -> 5 -> 4 of 45 [0.111]: the 0.1 met


# -- the checks, on hand-written cases ------------------------------------------------------

EVIDENCE = "LST saves 69% of the memory costs to fine-tune the whole network, while achieving higher accuracy than Adapter and LoRA."


def test_names_must_belong_to_the_cited_paper() -> None:
    assert claim_checks.unknown_names("UniPT saves memory compared with LoRA.", f"{LST}\nWe propose LST; LoRA ...") == ["UniPT"]
    assert claim_checks.unknown_names("LLMs and LoRA adapters", "large LLM with lora") == []  # plural and case
    assert claim_checks.unknown_names("The BigScience team trained it.", "the Big Science workshop") == []  # joined at its capitals
    assert claim_checks.unknown_names("mBERT and BigBird", "multilingual bert, big science") == ["mBERT", "BigBird"]
    # A lowercase word hyphened to a name is wording around it: "PPO-based" names PPO.
    assert claim_checks.unknown_names("PPO-based reinforcement learning is used.", "Proximal Policy Optimization (PPO) is used.") == []
    assert claim_checks.unknown_names("TRPO-based reinforcement learning is used.", "Proximal Policy Optimization (PPO) is used.") == ["TRPO-based"]


def test_what_an_acronym_stands_for_must_be_spelled_by_the_cited_paper() -> None:
    """The 1.5B model on dev2: "DoG stands for ``Directional Gradient'' in the parameter-free step size
    paper" scored 0.70 on word overlap and was shown as verified."""
    dog = "DoG is SGD's Best Friend\nWe propose a tuning-free dynamic SGD step size formula, which we call Distance over Gradients (DoG)."
    assert claim_checks.unstated_expansion("DoG stands for ``Directional Gradient'' in the parameter-free step size paper.", dog) == ("DoG", "Directional Gradient")
    assert claim_checks.unstated_expansion("DoG stands for Distance over Gradients.", dog) is None
    assert claim_checks.unstated_expansion("DoG stands for distance-over-gradient in this paper.", dog) is None  # case, hyphens, plural
    assert claim_checks.unstated_expansion("DoG needs no learning rate.", dog) is None  # no expansion claimed


def test_figures_need_their_unit_in_the_cited_paper() -> None:
    assert claim_checks.unsourced_figures("LST saves 96% of memory.", "LST saves 69% of memory; 96 ms") == ["96%"]
    assert claim_checks.unsourced_figures("trained on 100 languages", "trained on one hundred languages") == []
    assert claim_checks.unsourced_figures("trained on 16 languages", "trained on sixteen languages") == []
    assert claim_checks.unsourced_figures("ResNet-50 and GPT-2", "no figures here") == []
    # A count written at another magnitude is the same figure ("8,000" for "8K", "13M" for "13MM"); another count is not.
    assert claim_checks.unsourced_figures("tuned on 8,000 instructions", "tuned on just 8K instructions") == []
    assert claim_checks.unsourced_figures("checkpoints with 13M and 22M parameters", "checkpoints with 13MM and 22MM parameters") == []
    assert claim_checks.unsourced_figures("tuned on 9,000 instructions", "tuned on just 8K instructions") == ["9000"]
    assert claim_checks.unsourced_figures("a 13M model", "a 13 mm lesion") == ["13m"]  # millimetres are not millions
    # A multiple written out is the same figure as "10x": "by factors of 10 and 278", "three times".
    assert claim_checks.unsourced_figures("cuts time 10x and disk use 278x", "cuts time and disk use by factors of 10 and 278, respectively") == []
    assert claim_checks.unsourced_figures("3x faster", "three times faster") == []
    assert claim_checks.unsourced_figures("12x faster", "faster by a factor of 10") == ["12x"]
    # An abstract's LaTeX escape is its figure's unit (dev3: a right answer fell back on "3.2\\%").
    assert claim_checks.unsourced_figures("improves top-1 by 3.2% to 6.1%", "improves the Top-1 accuracy by 3.2\\% to 6.1\\%") == []
    assert claim_checks.unsourced_figures("improves top-1 by 3.4%", "improves the Top-1 accuracy by 3.2\\% to 6.1\\%") == ["3.4%"]


def test_direction_is_compared_about_the_same_words() -> None:
    assert claim_checks.direction_conflict("LST achieves lower accuracy than Adapter and LoRA.", EVIDENCE) == ("lower", "higher")
    # "reduces memory" is not a flip of "higher accuracy": different things.
    assert claim_checks.direction_conflict("LST reduces memory while increasing accuracy over Adapter.", EVIDENCE) is None
    # A cue on another axis ("mitigating") does not confirm a flipped one ("degrade" for "enhance").
    assert claim_checks.direction_conflict("They aim to degrade diffusion training by mitigating negative transfer.",
                                           "We aim to enhance diffusion training by mitigating negative transfer.") == ("degrade", "enhance")
    # "more" after a cue is part of what it is about, not a cue that ends its context.
    assert claim_checks.direction_conflict("It underperforms more complex word-alignment methods.",
                                           "It works well, outperforming the more complex word alignment-based methods.") == ("underperforms", "outperforming")
    # The evidence cue about most of the same words decides: "harmful" agrees with "detrimental"
    # (removing ... datapoints), though "improves" shares a word with it; "degrades" flips "improves".
    evidence = "Removing detrimental datapoints found by our framework improves transfer learning on target tasks."
    assert claim_checks.direction_conflict("Removing harmful datapoints that the framework finds boosts transfer learning.", evidence) is None
    assert claim_checks.direction_conflict("Removing detrimental datapoints found by the framework degrades transfer learning.", evidence) == ("degrades", "improves")
    # An extreme read as its opposite (the 1.5B model on dev3): the floor is not the best.
    floor = "All models classify the 423 classes with a minimum accuracy of 87% for the Inception-v3 model."
    assert claim_checks.direction_conflict("The Inception-v3 model achieved the highest classification accuracy of 87%.", floor) == ("highest", "minimum")
    assert claim_checks.direction_conflict("The models reach a minimum accuracy of 87% on the 423 classes.", floor) is None


def test_negation_added_or_dropped() -> None:
    assert claim_checks.negation_conflict("LST does not save memory costs to fine-tune the network.", EVIDENCE) == "adds 'not'"
    assert claim_checks.negation_conflict("The method relies on text transcriptions.", "It disentangles style without relying on text transcriptions.") == "drops 'without'"
    assert claim_checks.negation_conflict("It needs no fine-tuning and no exemplars.", "It needs only an instruction, without fine-tuning or exemplars.") is None
    # A negation elsewhere in the evidence ("without extra training") does not excuse "cannot be applied".
    assert claim_checks.negation_conflict("A hypernetwork trained for a base LM cannot be applied to fine-tuned versions without extra training.",
                                          "A hypernetwork trained for a base LM can also be applied to fine-tuned variants without extra training.") == "adds 'cannot'"
    # A negation that ends its sentence negates what comes before it: "..., fail." is "... do not work."
    assert claim_checks.negation_conflict("Standard interventions such as enhanced prompting or multi-step re-evaluation do not work.",
                                          "Standard interventions like enhanced prompting or multi step re-evaluation fail.") is None
    assert claim_checks.negation_conflict("Standard interventions such as enhanced prompting or multi-step re-evaluation do not work.",
                                          "Standard interventions like enhanced prompting or multi step re-evaluation work.") == "adds 'not'"
    # "This lack of data" names a shortage, as "this deficiency in data" does; "methods that lack data" negates.
    assert claim_checks.negation_conflict("This lack of multilingual training data leads to poor performance.",
                                          "This deficiency in multilingual training data results in suboptimal performance.") is None
    assert claim_checks.negation_conflict("Methods that lack multilingual training data reach good performance.",
                                          "Methods with multilingual training data reach good performance.") == "adds 'lack'"
    # A paraphrase may say a negated thing in one word ("duplicates" for "not unique"): it drops no
    # negation unless it keeps the negated word; a claim that adds one to its own rewording still does.
    assert claim_checks.negation_conflict("Many of these questions are duplicates.", "Many of these questions are not unique.") is None
    assert claim_checks.negation_conflict("Independent models miss the interdependence between these tasks.",
                                          "Independent models fail to capture the interdependence between these tasks.") is None
    assert claim_checks.negation_conflict("Many of these questions are unique.", "Many of these questions are not unique.") == "drops 'not'"
    # A negative prefix meets a negation of the same root in another form: "without destroying them" says "non-destructive".
    assert claim_checks.negation_conflict("The classifier exploits the representations of multiple tasks without destroying them.",
                                          "The classifier exploits the representations of multiple tasks in a non-destructive manner.") is None
    assert claim_checks.negation_conflict("The classifier does not exploit the representations of multiple tasks.",
                                          "The classifier exploits the representations of multiple tasks in a non-destructive manner.") == "adds 'not'"
    assert claim_checks.negation_conflict("Florence does not show strong results across many transfer settings.",
                                          "Florence demonstrates outstanding results across many transfer settings.") == "adds 'not'"
    # A negated compound names a thing: the evidence unit's title "Beyond Not-Forgetting" negates nothing
    # (it had the eval judge reject a verbatim sentence of that abstract).
    assert claim_checks.negation_conflict(
        "The authors develop a continual learning method with backward knowledge transfer for a fixed capacity network.",
        "Beyond Not-Forgetting: Continual Learning with Backward Knowledge Transfer\nWe develop a continual learning method with backward knowledge transfer for a fixed capacity network.",
    ) is None


def test_support_score_reads_paraphrases_as_the_abstract_does() -> None:
    from rag.verify.support import SupportJudge

    judge = SupportJudge()
    # Spelled-out figures, plural names, hyphenated words and the title's words are the abstract's wording too.
    _, _, numbers, names = judge.features("XLM-R is trained on 100 languages with ResNets.", "We train on one hundred languages with a ResNet.", 0.8, "XLM-R\nWe ...")
    assert (numbers, names) == (0.0, 0.0)
    recall = judge.features("Sentence-level transfer beats word-level transfer.", "Transfer using sentence embeddings beats word level transfer.", 0.8)[1]
    assert recall == 1.0
    titled = judge.features("The Universal Sentence Encoder comes in two variants.", "Two variants of the models trade accuracy for compute.", 0.8, "Universal Sentence Encoder\n...")[1]
    untitled = judge.features("The Universal Sentence Encoder comes in two variants.", "Two variants of the models trade accuracy for compute.", 0.8)[1]
    assert titled > untitled
    # British and American spellings are one word; a hedge ("typically") is not a word to find.
    assert judge.features("Current methods typically initialise the head at random.", "Existing methods initialize the head at random.", 0.8)[1] == 1.0
    assert judge.features("Such solutions tend to be architecture-specific.", "These solutions are often architecture-specific.", 0.8)[1] == 1.0
    # A vague quantity is not a word to find ("many tasks" / "a range of tasks").
    assert judge.features("Large models reach top accuracy on many tasks.", "Large models reach top accuracy across a range of tasks.", 0.8)[1] == 1.0
    # A compound written with or without its hyphen is one word ("pre-trained" / "pretrained").
    assert judge.features("Pre-trained encoders are fine-tuned.", "Pretrained encoders are finetuned.", 0.8)[1] == 1.0
    assert judge.features("Pretrained encoders are finetuned.", "Pre-trained encoders are fine-tuned.", 0.8)[1] == 1.0
    assert judge.features("Linear encoders are searched.", "Nonlinear encoders are researched.", 0.8)[1] < 1.0  # not a prefix split
    # A spelled number is its digits, and "e.g." is no word to find; another number is still missing.
    assert judge.features("Adapters integrates ten adapter methods, e.g. LoRA.", "Adapters integrates 10 adapter methods such as LoRA.", 0.8)[1] == 1.0
    assert judge.features("Adapters integrates five adapter methods.", "Adapters integrates 10 adapter methods.", 0.8)[1] < 1.0
    # An acronym's plural the stemmer keeps ("GPUs"), and two words a claim writes as one ("BigScience"
    # for "Big Science"), are the abstract's words: a right answer on the BLOOM paper was rejected (dev5).
    claim = "The BigScience team budgeted their one million GPU hours on A100 GPUs."
    evidence = "Building BLOOM, the Big Science model, we make the best use of our 1,000,000 A100-GPU-hours budget."
    _, recall, numbers, names = judge.features(claim, evidence, 0.8)
    assert (numbers, names) == (0.0, 0.0) and recall >= 6 / 7  # "team" alone is missing
    assert judge.features("LLMs are tuned on GPUs.", "The LLM is tuned on a GPU.", 0.8)[1] == 1.0
    assert judge.features("The team studies focus.", "The team studies bias.", 0.8)[1] < 1.0  # a singular "-s" word is still itself
    # Connectives and modals are no words to find ("although" for "while", "must" added).
    assert judge.features("Although it scores well, the approach must be retrained per task.", "While it scores well, the approach is retrained per task.", 0.8)[1] == 1.0
    # The verdict on the picked evidence weighs MiniLM's cosine: a rewording that keeps the meaning
    # (high cosine) is supported with a third of its words changed; the same words far apart in meaning are not.
    claim = "The results show vocabulary transfer combines well with other compression techniques, giving a substantial cut in model size."
    evidence = "Vocabulary transfer can be used in combination with other compression techniques, yielding a significant reduction in model size."
    assert judge.verdict(claim, evidence, 0.95).score >= 0.6 > judge.verdict(claim, evidence, 0.6).score
    assert judge.judge(claim, evidence, 0.95).score < 0.6  # the score that picks the evidence would not have said so


def test_overgeneral_words() -> None:
    assert claim_checks.overgeneral("LST always saves memory.", EVIDENCE) == "always"
    assert claim_checks.overgeneral("It works on all four tasks.", "It works on all four tasks.") is None
    # "at all" stresses a negation and "1.5% of all parameters" names a whole; neither says "every".
    assert claim_checks.overgeneral("Baselines that use no transfer learning at all.", "Baselines that do not use any transfer learning.") is None
    assert claim_checks.overgeneral("A block holding 1.5% of all parameters.", "A block containing 1.5% of the total parameters.") is None
    assert claim_checks.overgeneral("It beats all baselines.", "It beats strong baselines.") == "all"
    # "any" after a negation stresses it; "arbitrary" in the evidence says "any".
    assert claim_checks.overgeneral("It separates style without any text transcriptions.", "It separates style without relying on text transcriptions.") is None
    assert claim_checks.overgeneral("It transfers from any unknown source style.", "It transfers from an arbitrary, unknown source style.") is None
    assert claim_checks.overgeneral("It works on any dataset.", "It works on many datasets.") == "any"


def test_a_thing_the_evidence_negates_cannot_be_claimed_as_so() -> None:
    """The bundled model answered "How does Barlow Twins avoid collapse?" with "... by using a predictor
    network", and the judge passed it: the abstract lists a predictor network among what Barlow Twins
    does not require. Both "not"s agree, so the negation check saw nothing."""
    evidence = ("Barlow Twins does not require large batches nor asymmetry between the network twins such as a predictor network, "
                "gradient stopping, or a moving average on the weight updates.")
    assert claim_checks.negated_asserted("Barlow Twins avoids collapse by using a predictor network that does not require large batches.", evidence) == "predictor network"
    assert claim_checks.negated_asserted("The predictor network in Barlow Twins does not require large batches.", evidence) == "predictor network"
    assert claim_checks.negated_asserted("Barlow Twins relies on gradient stopping to avoid collapse.", evidence) == "gradient stopping"
    # Said as not so, set aside or contrasted, it is what the evidence says.
    for claim in ("Barlow Twins works without a predictor network or large batches.", "Barlow Twins avoids the need for large batches.",
                  "Unlike methods with a predictor network, Barlow Twins is symmetric.", "Barlow Twins needs no gradient stopping."):
        assert claim_checks.negated_asserted(claim, evidence) is None, claim
    # What the evidence also states outside the negation, "not only", "-free", a comma ending the negated part: none negate it.
    assert claim_checks.negated_asserted("X handles large batches.", "Older methods cannot handle large batches, X handles large batches.") is None
    assert claim_checks.negated_asserted("X improves accuracy on GLUE.", "X not only improves accuracy on GLUE but also reduces memory.") is None
    assert claim_checks.negated_asserted("AttenST is an attention-driven framework.", "AttenST is a training-free attention-driven framework.") is None
    assert claim_checks.negated_asserted("It interprets commands absent from the robot training data.",
                                         "It can interpret commands not present in the robot training data.") is None


def test_the_judge_rejects_a_negated_thing_claimed_as_so(shipped_components) -> None:
    engine = shipped_components.answer_engine
    hit = next(h for h in shipped_components.retriever.search("Barlow Twins redundancy reduction").hits if h.paper.title.startswith("Barlow Twins"))
    verified = engine.verifier.verify("Barlow Twins avoids collapse by using a predictor network [1].", [hit])
    assert not verified.sentences[0].supported


def test_negative_prefix_counts_as_a_negation() -> None:
    # "without supervision" is what "unsupervised" says; dropping the prefix is still caught.
    evidence = "ConSERT adopts contrastive learning to fine-tune BERT in an unsupervised and effective way."
    assert claim_checks.negation_conflict("ConSERT uses contrastive learning to fine-tune BERT effectively and without supervision.", evidence) is None
    assert claim_checks.negation_conflict("ConSERT does not use contrastive learning to fine-tune BERT.", evidence) == "adds 'not'"


def test_synonyms_earn_support_but_not_names_figures_or_cues(embedder) -> None:
    from rag.verify.support import SupportJudge
    from rag.verify.word_vectors import WordVectors

    words = WordVectors(embedder)
    exact, credited = SupportJudge(), SupportJudge(synonyms=words)
    evidence = "Existing methods commonly utilize the one-hot labels and randomly initialize the classifier head."
    claim = "Prior methods employ one-hot labels and randomly initialize the classification head."  # "classification" ~ "classifier"
    assert credited.features(claim, evidence, 0.8)[1] > exact.features(claim, evidence, 0.8)[1]
    assert credited.judge(claim, evidence, 0.8).score >= 0.6 > exact.judge(claim, evidence, 0.8).score
    # A near word of the same field is no synonym for a name, and a direction word is the checks' to read.
    named = "Florence-2 trains on the ImageNet benchmark."
    assert credited.features(named, "Florence-2 trains on the COCO benchmark.", 0.8) == exact.features(named, "Florence-2 trains on the COCO benchmark.", 0.8)
    assert credited.synonym_credit("It lowers cost.", ["lowers"], ["raises", "reduces"]) == 0
    assert len(words) > 0 and words.matrix(["classifier"]).shape == (1, embedder.dim)  # cached, one batch a text


# -- the gate: the judge on the challenge set's test half -----------------------------------


@pytest.fixture(scope="module")
def measured(shipped_components) -> dict:
    from eval.challenge.judge_eval import judge_all, load_claims, per_kind, prepare
    from eval.retrieval_eval import store_papers

    papers = {p.title: p for p in store_papers(shipped_components.store)}
    prepared = prepare(load_claims(split="test"), papers, shipped_components.store, shipped_components.embedder)
    assert len(prepared) >= 200, "the challenge test half lost items"
    return per_kind(prepared, judge_all(shipped_components.claim_judge, prepared))


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_judge_catches_each_error_kind(measured, kind: str) -> None:
    assert measured[kind]["rejected"] >= FLOORS[kind], f"{kind}: recall {measured[kind]} below {FLOORS[kind]}"


def test_judge_keeps_correct_claims_and_paraphrases(measured) -> None:
    assert measured["correct"]["rejected"] <= FALSE_ALARM_CEILING, measured["correct"]
    assert measured["correct/paraphrase"]["rejected"] <= PARAPHRASE_CEILING, measured["correct/paraphrase"]


# -- the verifier acts on the verdicts ------------------------------------------------------


@pytest.fixture(scope="module")
def sources(shipped_components) -> list[PaperHit]:
    found = []
    for title in (LST, UNIPT, FORKMERGE, DIFFUSION):
        hits = [h for h in shipped_components.retriever.search(title, k=5).hits if h.paper.title == title]
        assert hits, f"the shipped corpus no longer holds {title!r}"
        found.append(hits[0])
    return found


def test_a_claim_naming_another_paper_moves_to_it(shipped_components, sources) -> None:
    # ForkMerge's contribution, cited to the diffusion paper [4]: it must end up cited to ForkMerge.
    text = "ForkMerge periodically forks the model into multiple branches and merges them to filter out detrimental task-parameter updates [4]."
    verified = shipped_components.verifier.verify(text, sources)
    assert [c.paper.title for c in verified.citations] == [FORKMERGE]
    assert verified.sentences[0].supported and verified.reattributed == 1


def test_a_claim_that_misreads_its_cited_paper_is_not_moved_to_another_sharing_its_words(shipped_components) -> None:
    """The 1.5B model on dev3 gave the attention-transfer paper's "conventional wisdom" as its finding;
    the claim, rejected there as a view the paper tests, was moved to a detection benchmark whose
    abstract shares its words ("pre-trained", "ViT", "downstream", "improved") and says nothing of the kind."""
    titles = ("On the Surprising Effectiveness of Attention Transfer for Vision Transformers",
              "Benchmarking Detection Transfer Learning with Vision Transformers")
    found = []
    for title in titles:
        hits = [h for h in shipped_components.retriever.search(title, k=5).hits if h.paper.title == title]
        assert hits, f"the shipped corpus no longer holds {title!r}"
        found.append(hits[0])
    claim = "The authors show that pre-training Vision Transformers (ViT) improves downstream performance by learning useful representations [1]."
    question = "When you pre-train a ViT, is it really the learned features that make it useful downstream?"
    verified = shipped_components.verifier.verify(claim, found, question=question)
    assert verified.citations == () and verified.reattributed == 0
    assert verified.sentences[0].rejected[0].paper.title == titles[0] and "view" in verified.sentences[0].reason


def test_a_borrowed_figure_is_struck_with_its_reason(shipped_components, sources) -> None:
    # 69% is LST's memory saving; UniPT's abstract states no such figure.
    text = "UniPT uses a lightweight parallel network with a confidence aggregation module [2]. UniPT saves 69% of the memory costs of full fine-tuning [2]."
    verified = shipped_components.verifier.verify(text, sources)
    assert len(verified.sentences) == 1, "the rejected claim is dropped while another claim stands"
    assert "69%" not in verified.text
    kept = verified.sentences[0]
    assert kept.supported and [c.paper.title for c in verified.citations] == [UNIPT]
    # When the rejected claim is all there is, it stays, marked, with the reason.
    alone = shipped_components.verifier.verify("UniPT saves 69% of the memory costs of full fine-tuning [2].", sources)
    sentence = alone.sentences[0]
    assert not sentence.supported
    assert sentence.reason == prompts.REASON_FIGURE.format(figure="69%")
    assert [c.reason for c in sentence.rejected] == [prompts.REASON_FIGURE.format(figure="69%")]


def test_an_off_topic_claim_is_rejected_given_the_question(shipped_components, sources) -> None:
    claim = "ForkMerge periodically forks the model into multiple branches and merges them to filter out detrimental task-parameter updates [3]."
    on_topic = shipped_components.verifier.verify(claim, sources, question="Which methods mitigate negative transfer in auxiliary-task learning?")
    assert on_topic.sentences[0].supported
    off_topic = shipped_components.verifier.verify(claim, sources, question="Which methods reduce the GPU memory of fine-tuning a frozen backbone with a side network?")
    sentence = off_topic.sentences[0]
    assert not sentence.supported and sentence.reason == prompts.REASON_OFF_TOPIC


def test_what_a_question_sets_aside_is_not_asked(shipped_components) -> None:
    """"..., as opposed to papers proposing yet another SSL method?": an answer need not hold those words
    (the right answer to a validation question was rejected as "not an answer" for lacking them)."""
    question = ("Are there large-scale evaluations of how well self-supervised image models transfer to downstream vision tasks, "
                "as opposed to papers proposing yet another SSL method?")
    judge = shipped_components.relevance_judge
    asked = {stem for unit in judge.key_units(question) for stem in unit}
    assert not asked & set(judge.tokenizer.document("papers proposing yet another SSL method"))
    assert set(judge.tokenizer.document("evaluations downstream")) <= asked
    hits = [h for h in shipped_components.retriever.search("How Well Do Self-Supervised Models Transfer?", k=5).hits if h.paper.title == "How Well Do Self-Supervised Models Transfer?"]
    claim = ("The authors evaluate the transfer performance of 13 top self-supervised models on 40 downstream tasks, including "
             "many-shot and few-shot recognition, object detection, and dense prediction [1].")
    assert shipped_components.verifier.verify(claim, hits[:1], question=question).sentences[0].supported


def test_struck_citations_show_their_reason_in_the_ui_and_the_cli(shipped_components, sources) -> None:
    from dataclasses import replace

    from rag.render_text import render_answer as render_cli
    from ui.render import render_answer as render_html

    verified = shipped_components.verifier.verify("UniPT saves 69% of the memory costs of full fine-tuning [2].", sources)
    engine_answer = shipped_components.answer_engine.ask("Which methods reduce GPU memory when fine-tuning?", mode="extractive")
    # The sentence renderer (an answer without shaped items), where struck citations are shown.
    answer = replace(engine_answer, mode="llm", text=verified.text, citations=verified.citations, sentences=verified.sentences, items=(), shape="open")
    reason = prompts.REASON_FIGURE.format(figure="69%")
    html = render_html(answer, "abc123")
    assert 'class="qa-cite qa-cite-struck"' in html and f'title="{reason} ({UNIPT})"' in html
    assert f"(struck UniPT: {reason})" in " ".join(render_cli(answer).split())  # the terminal wraps lines


def test_a_heavy_rewording_is_judged_against_the_sentence_closest_in_meaning(shipped_components) -> None:
    from eval.challenge.judge_eval import prepare
    from eval.retrieval_eval import store_papers

    # The sentence sharing most words ("interference caused by gaps across tasks") is not the one
    # the claim rewords; the sentence closest in meaning is, and supports it.
    papers = {p.title: p for p in store_papers(shipped_components.store)}
    claim = "Experiments show CrossICL is effective and shed light on how to pick cross-task demonstrations and on the kinds of interference caused by task gaps."
    item = prepare([{"question": "", "claim": claim, "title": CROSSICL}], papers, shipped_components.store, shipped_components.embedder)[0]
    verdict = shipped_components.claim_judge.judge(claim, item.claim_vector, item.paper, item.units)
    assert verdict.supported and verdict.evidence.text.startswith("Experimental results demonstrate the effectiveness of CrossICL")


def test_check_claims_command(shipped_components, tmp_path, capsys) -> None:
    import json

    from rag.verify.check_claims import check_claims, read_claims
    from eval.retrieval_eval import store_papers

    path = tmp_path / "claims.jsonl"
    path.write_text(
        json.dumps({"question": "", "claim": "LST saves 69% of the memory costs to fine-tune the whole network.", "title": LST}) + "\n"
        + json.dumps({"question": "", "claim": "UniPT saves 69% of the memory costs of fine-tuning.", "title": UNIPT}) + "\n",
        encoding="utf-8",
    )
    papers = {p.title: p for p in store_papers(shipped_components.store)}
    verdicts = list(check_claims(read_claims(path), papers, shipped_components.store, shipped_components.embedder, shipped_components.claim_judge))
    assert [v["supported"] for v in verdicts] == [True, False]
    assert verdicts[1]["reason"] == prompts.REASON_FIGURE.format(figure="69%")


def test_a_view_the_abstract_tests_is_not_its_finding() -> None:
    """dev3, the 1.5B model: "The authors show that pre-training ViT improves downstream performance by
    learning useful representations", cited to the paper that argues the features are not essential;
    its abstract opens "Conventional wisdom suggests that ...". Kept as a view, the claim stands."""
    evidence = "Conventional wisdom suggests that pre-training Vision Transformers (ViT) improves downstream performance by learning useful representations."
    assert claim_checks.view_as_finding("The authors show that pre-training ViT improves downstream performance by learning useful representations.", evidence) == "conventional wisdom"
    assert claim_checks.view_as_finding("Pre-training ViT improves downstream performance by learning useful representations.", evidence) == "conventional wisdom"
    assert claim_checks.view_as_finding("Conventional wisdom suggests that pre-training ViT improves downstream performance.", evidence) is None
    assert claim_checks.view_as_finding("It is commonly believed that more pre-training data helps.", "It is commonly believed that in transfer learning including more pre-training data translates into better performance.") is None
    assert claim_checks.view_as_finding("More pre-training data gives better transfer.", "It is commonly believed that in transfer learning including more pre-training data translates into better performance.") == "it is commonly believed"
    assert claim_checks.view_as_finding("The authors find the features are not essential.", "We find that the features learned during pre-training are not essential.") is None


def test_relevance_key_words_meet_compounds_either_way_and_skip_asking_words():
    """"meta-RL" in a question is "meta RL" in an abstract, and "looking for" names no topic (dev4:
    the right paper's line was judged no answer to "I'm looking for contextual or meta-RL work ...")."""
    from rag.verify.relevance import RelevanceJudge

    judge = RelevanceJudge.from_texts(["meta-RL agents adapt.", "contextual RL with looking glasses.", "meta RL for robots."])
    assert "meta-rl" in judge.stems("The paper relates to meta RL and contextual RL.")
    assert {"meta", "rl"} <= judge.stems("A meta-RL agent.")
    assert "look" not in judge.key_terms("I'm looking for meta-RL work")
    units = judge.key_units("I'm looking for meta-RL work")
    assert judge.key_recall(units, judge.stems("We study meta RL.")) == 1.0


def test_the_engines_kind_decides_whether_relevance_reads_a_question_as_a_list():
    """No wording rule calls "I'm looking for ... work, where ..." a list; the engine's classifier does,
    and its answers sit as far down the ranking as any list's."""
    from rag.verify.relevance import FEATURES, RelevanceJudge

    judge = RelevanceJudge.from_texts(["meta-RL agents adapt.", "contextual RL."])
    question = "I'm looking for contextual or meta-RL work where an agent generalizes."
    args = (question, "A claim.", "A paper on meta-RL.", 0.5, 0.5, 0.7, 3, 2, 0.9)
    as_rule, _ = judge.features(*args)
    as_list, _ = judge.features(*args, kind="list")
    at = FEATURES.index("list_gap")
    assert as_rule[at] == 0.0 and as_list[at] > 0.0


def test_the_questions_own_initialism_of_the_papers_words_is_no_unknown_name():
    """dev5: asked about "a small LM", the model answered in the question's words; the paper writes
    "a small language model". A claim's own initialism stays a name the paper must mention."""
    paper = "We propose a method utilizing a small language model, comparable to GPT-3.5-turbo, for text style transfer."
    claim = "The method that uses a small LM is comparable to GPT-3.5-turbo."
    assert claim_checks.unknown_names(claim, paper, question="Which model is the small LM method comparable to?") == []
    assert claim_checks.unknown_names(claim, paper) == ["LM"]
    # Not asked: "TST" shares the paper's initials (text style transfer) but names another model.
    assert claim_checks.unknown_names("It beats the instruction-tuned TST.", paper, question="Which model does it beat?") == ["TST"]


def test_a_figure_claim_is_grounded_by_the_sentence_stating_its_figures_with_the_same_pairing():
    """dev: a right answer ("about 5 seconds ... compared to about 65 hours with plain BERT") scored 0.17
    by the support model; the sentence states both figures. Giving a figure to the other thing does not pass."""
    sentence = "This reduces the effort for finding the most similar pair from 65 hours with BERT / RoBERTa to about 5 seconds with SBERT."
    question = "How long does it take to find the two closest sentences among 10k sentences with plain BERT versus the new model?"
    right = "It takes about 5 seconds to find the two closest sentences among 10k sentences with the new model compared to about 65 hours with plain BERT."
    assert claim_checks.figure_sentence(right, [sentence], question) == sentence
    assert claim_checks.figure_sentence("It takes about 5 seconds with BERT compared to 65 hours with SBERT.", [sentence], question) is None
    assert claim_checks.figure_sentence("It takes about 6 seconds with SBERT.", [sentence], question) is None  # a figure not stated
    assert claim_checks.figure_sentence("It takes 5 seconds with SBERT on a quantum annealer.", [sentence], question) is None  # two words the sentence lacks
    assert claim_checks.figure_sentence("It takes 5 seconds per pair with SBERT.", [sentence], question) is None  # one word it lacks
    assert claim_checks.figure_sentence("The answer is 65.", [sentence], question) is None  # nothing but the figure


def test_an_acronyms_expansion_is_grounded_by_the_sentence_spelling_it():
    """dev2, validation: "DoG stands for Distance over Gradients." scored 0.58 by the support model."""
    sentences = ["We propose a tuning-free dynamic SGD step size formula, which we call Distance over Gradients (DoG).",
                 "The DoG step sizes depend on simple empirical quantities."]
    question = "What does DoG stand for in the parameter-free step size paper?"
    assert claim_checks.expansion_sentence("DoG stands for Distance over Gradients.", sentences, question) == sentences[0]
    assert claim_checks.expansion_sentence("DoG stands for Directional Gradient.", sentences, question) is None
    assert claim_checks.expansion_sentence("DoG stands for Distance over Gradients and doubles ImageNet accuracy.", sentences, question) is None
