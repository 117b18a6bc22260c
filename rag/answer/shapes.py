"""Answer shapes built from cards and evidence, with no model: list, fact, comparison, not stated, open.

Every line is third person (rag/ingest/cards.py rewrites pronouns and trims context clauses), names
and [n] markers come from the cards and the ranking, never from free text, and each line
cites the paper whose words it carries. The LLM mode (rag/answer/engine.py) fills the same shapes
with the model's wording, item by item. What the shapes read is in the modules beside this one:
the relevance bar, evidence lines and the sentences completing them, what a question asks and whether it
is stated, the papers a question names, fact lines and the difference line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from rag import prompts
from rag.answer.asked import BIGGER_MODEL_RUN, COUNTED, FIGURE_ASK, asked_condition, asked_condition_text, asked_rate, states_rate, asked_detail, asked_value, counted_noun, counted_phrase, figure_clause_value, other_ask, other_asks, value_asked
from rag.answer.definitions import defined_term, defining_sentences
from rag.answer.difference import difference_line
from rag.answer.evidence_lines import DANGLING, about_own_work, own_or_continuing, tells_own_work, as_line, best_line, handle_sentence, closest_sentence, drop_label, names_any, names_of_others, paper_text, quotable, sentence_in_third_person, standalone_closest
from rag.answer.fact_lines import ASKS_AT_ONCE, ASKS_PRIOR, acronyms_expanded, asked_clause, asked_parts, terse_aspects, compared_figure_sentence, counted_parts_sentence, terse_ask, name_given, answering_sentence, expanding_sentence, figure_phrase, naming_sentence, quotable_sentences, stating_sentence
from rag.answer.items import Shaped, item_sentences
from rag.answer.line_completion import answered_next, enumerated_after, joined, with_addition, with_antecedent, with_content, with_elaboration, with_enumeration_rest, with_steps
from rag.answer.naming import NAMED_DEPTH, kind_left_unnamed, asked_of, second_name, lowercase_sides, asks_only_names, kind_named, compared_names, described_by_title, contribution_answers, in_mention_order, named_papers, own_clause, uncompared_pair, unindexed_subject, unnamed_counted, unnamed_instances, unnamed_kind, value_asked_of
from rag.answer.premise import borrowed_term, denied_use, reversed_premise, swapped_figures, swapped_order, unwritten_ask
from rag.answer.question_kind import asks_of_the_field
from rag.answer.question_numbers import unstated_figure
from rag.answer.question_text import PAPER_DESCRIBED_FIRST, ruled_out
from rag.answer.relevance_bar import listed_hits, name_writers, relevant_hits
from rag.answer.stated import COMPARED_VAGUE_DETAIL, asked_verb_name, asked_verb_sentence, condition_figure_stated, counts_noun, detail_stated, foreign_names, instance_named, instance_sentence, named_after_asked_verb, offered_options, release_sentence, unstated_architecture, unstated_release, unstated_size, unstated_variant, unstated_variant_in, unwritten_options, value_stated
from rag.answer.text_forms import NUMBER, flat, loose_stem
from rag.words import content_words
from rag.answer.unmentioned import as_written, asks_what_the_index_names, titled_before
from rag.ingest.cards import mentions
from rag.records import AnswerItem, Citation, Evidence, PaperHit
from rag.verify.citations import answer_sentences


_DEFINING_PAPERS = 3  # a definition answered by three papers' own words is plenty to read in ten seconds


# The bar reads how a paper stands out from the ranking: a collection of a handful of papers has
# no ranking to stand out from, so there a list takes the papers near the best one, as other shapes do.
_MIN_RANKED = 10
_OPEN_PAPERS = 4  # an open answer's 2-4 sentences, one a paper


# A question that compares, whatever its kind ("Do pruned networks transfer well? Compare what ... found.").
_COMPARES = re.compile(r"\b(?:compare|compared|comparing|versus|vs\.?)(?!\w)", re.IGNORECASE)


# A comparison asking how each does something, not a figure or a named thing.
_ASKS_HOW = re.compile(r"\bhow\s+(?:do|does|did)\b|\b(?:differ|differs|difference|differences)\b|\bin\s+the\s+way\b", re.IGNORECASE)

# What each compared method does to get there: "How does each one achieve that?", "What is the core trick
# each one uses to cut memory?", "What does each one change relative to CLIP?" (dev20-dev23).
_ASKS_MECHANISM = re.compile(
    # "how do they each try to close the sim-to-real gap?" (dev37)
    r"\bhow\s+(?:does|do|did)\s+(?:they\s+|these\s+|the\s+two\s+)?each\b|\bwhat\s+(?:is\s+the\s+)?(?:core\s+|main\s+|key\s+|central\s+)?(?:trick|idea|mechanism|technique|ingredient)s?\b[^?]*\beach\b"
    r"|\bwhat\s+does\s+each\s+(?:one\s+)?(?:change|do|use|add|modify)\b"
    # "what pretext task does each self-supervised method use?" (dev40)
    r"|\bwhat\s+(?:[\w-]+\s+){0,2}(?:pretext\s+tasks?|objectives?|loss(?:es)?|strateg(?:y|ies)|priors?|signals?|tricks?|modules?|components?)\s+(?:does|do)\s+(?:they\s+)?each\b[^?]*?\b(?:use|employ|rely\s+on|build\s+on|adopt)\b"
    # "How do their mechanisms differ?" (dev30)
    r"|\b(?:their|the(?:ir)?\s+two|the)\s+mechanisms\b|\bhow\s+(?:they|each(?:\s+one)?)\s+works?\b"
    # "How do Sentence-BERT and Sentence-T5 differ in how they get sentence embeddings ...?" (dev12, dev37), "How do
    # SwAV and Barlow Twins differ in the self-supervised objective they use?" (dev26): not "differ in accuracy"
    r"|\bdiffers?\s+in\s+(?!(?:their\s+|the\s+)?(?:accuracy|performance|results?|scores?|gains?|efficiency|speed)\b)",
    re.IGNORECASE,
)
# A sentence ending on a count it goes on with: "ColBERT-X can be trained in two ways."
# ("To fill this gap, we study the following research questions." goes on with them too, dev124.)
_COUNT_ANNOUNCED = re.compile(r"\b(?:two|three|four|five|[2-5]|the\s+following)\s+(?:[\w-]+\s+){0,2}?[a-z]+s\s*[.:]$")


# A sentence telling how a method fared against others: "CLOOB consistently outperforms CLIP at zero-shot transfer ...".
_OUTDO_VERBS = r"outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beats?"
_OUTDOES = re.compile(r"^In\s+(?:(?:our|the|extensive)\s+)?experiments\b|\b(?:" + _OUTDO_VERBS + r"|achiev(?:es|ed|ing)\s+(?:new\s+)?state-of-the-art)\b", re.IGNORECASE)


# A sentence reporting how well a method did, not what it does: "Extensive ablations ... have validated that
# UniPT can ... reduce memory", "CLOOB consistently outperforms CLIP at zero-shot transfer".
_REPORTS_RESULTS = re.compile(
    r"^(?:Extensive|Experiments?|Experimental|Results?|Empirical(?:ly)?|Evaluations?|Ablations?|Comprehensive\s+experiments)\b"
    # "Our experiments show that our pretext task leads to significantly improved performance ..." (dev40)
    r"|^(?:Our|The|These)\s+(?:experiments?|experimental\s+results|results|evaluations?)\s+(?:show|demonstrate|indicate|confirm|reveal)\b"
    r"|\bleads?\s+to\s+(?:significantly\s+|substantially\s+|consistently\s+)?(?:improved|better|higher|superior)\s+(?:performance|results|accuracy)\b"
    r"|\b(?:outperform\w*|surpass\w*|validated|achiev\w*\s+(?:an?\s+)?(?:average\s+)?(?:accuracy|state-of-the-art|new\s+state|competitive))\b"
    # "... achieves at least 70% success rate in sim-to-real transfer ..." (dev37)
    r"|\bachiev\w*\s+(?:(?:at\s+least|up\s+to|over|about|around|nearly|an?|average)\s+){0,2}\d"
    # "... show substantial performance gains across ...", "achieve consistent improvement in a case study" (dev14, dev)
    r"|\b(?:show|shows|showing|achiev\w*|yield\w*|obtain\w*)\s+(?:(?:consistent|significant|substantial|large|strong|clear)\s+)?(?:performance\s+)?(?:gains?|improvements?)\b"
    # "... we validate the effectiveness of the real-to-sim-to-real pipeline across ..." (dev38)
    r"|\b(?:validat|demonstrat|verif|confirm)\w*\s+(?:the\s+)?(?:effectiveness|efficacy|superiority)\b",
    re.IGNORECASE,
)


# A run of two or more capitalised words a question names a thing by ("the Colossal Clean Crawled Corpus").
_CAPITALISED_RUN = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")


# A paper the question describes rather than names: "the interval bound interpolation paper (few-shot ...)".
_EACH_PART = re.compile(r"\b(?:two|three|four|five)\s+(?:[\w-]+\s+){0,3}?[\w-]+s\b[^?]*\beach\b", re.IGNORECASE)
_DESCRIBED_PAPER = re.compile(r"\b(?:the|that)\s+(?:[\w()-]+\s+){1,8}?(?:paper|work|study)\b", re.IGNORECASE)


# ... and a second paper described as the benchmark it is: "which one does the Polish medical exams benchmark single out?" (dev114).
_DESCRIBED_BENCHMARK = re.compile(r"\b(?:the|that)\s+(?:[\w()-]+\s+){1,6}?benchmark\b(?!\s+(?:paper|work|study)\b)", re.IGNORECASE)


_DESCRIBED_BY_DEED_DEPTH = 2


# How far under the floor the best sentence of a paper ranked far first may be, and how far first (its fused score over
# the second's); set on dev60's miss and checked on every seen set (no abstention lost).
_TOP_MARGIN = 0.03
_TOP_LEAD = 1.3


def _rest_unstated(rest: Sequence[str], kind: str, pool: Sequence[PaperHit]) -> bool:
    """Do the other clauses of a question asking a figure no abstract states (`other_asks`) ask figures none states
    either? "Which needed more pretraining compute, Florence or PaliGemma 2 - how many accelerators/GPU-hours did each
    use?" (dev55) asks the compute again: a comparison answered on the rest would show only what each paper is."""
    # ... so does a clause asking which side wins on it ("Which is faster at inference per video, MotionMaster or Ground-A-Video?"
    # asks the speed-up, dev60): with the figure stated by neither, there is nothing to compare.
    return all((FIGURE_ASK.search(c) or _WHICH_MORE.search(c)) and (v := value_asked(c, kind)) and not value_stated(v, c, pool) for c in rest)


def _holding_phrase(question: str, hits: Sequence[PaperHit]) -> list[PaperHit]:
    """The papers whose abstract writes a run of capitalised words the question names something by."""
    runs = _CAPITALISED_RUN.findall(question)
    return [h for h in hits if any(run.lower() in paper_text(h).lower() for run in runs)]


# A comparison asking what each paper concluded or found.
# ... or what they "say about" something ("How do GEM and the LIBERO benchmark differ in what they say about knowledge
# transfer ...?", dev87).
_ASKS_FINDING = re.compile(r"\b(?:conclude|concludes|concluded|conclusions?|findings?|find|found)\b|\bsay\s+about\b", re.IGNORECASE)
# A sentence saying what a paper found: "our study shows that ...", "We find that ...", "In a nutshell, ...".
_FINDING = re.compile(
    r"\b(?:shows?|showed|find|finds|found|observe[sd]?|reveals?|revealed|demonstrates?|concludes?|suggests?|indicates?)\s+that\b|^In\s+a\s+nutshell\b|^(?:Overall|In\s+summary)\s*,"
    # "Our extensive experiments present several insightful or even unexpected discoveries: sequential finetuning ..." (dev87)
    r"|\bdiscoveries\s*:",
    re.IGNORECASE,
)


_ASKS_ITS_NAME = re.compile(
    r"\bwhat\s+(?:is|was)\s+(?:it|this|that|the\s+\w+)\s+called\b|\bwhat(?:['’]s|\s+is)\s+(?:its|the)\s+name\b"
    # "what is their extra strategy for the texture-transfer task called?" (dev42)
    r"|\bwhat(?:['’]s|\s+is|\s+was)\s+(?:their|its|the)\s+[^?,;]{0,60}?\bcalled\s*\??\s*$",
    re.IGNORECASE,
)


# What a comparison asks of each side by a verb the abstracts word their own way (dev89): what each starts from ("which one does each
# start from?" -> "CafeBERT is developed based on the XLM-RoBERTa model", "... by initializing the model weights with a multi-lingual
# T5 (mT5) counterpart"), and what each transfers ("What exactly gets transferred in each?" -> "... we explore the transfer of
# fine-tuning updates between model versions").
_TOLD_AS_ASKED = (  # (asked, told, the paper's own work only)
    (
        re.compile(r"\b(?:start(?:s|ed)?\s+(?:out\s+)?from|(?:built|build|builds)\s+(?:up)?on|initiali[sz]ed\s+(?:from|with)|what\s+(?:base|starting)\s+(?:model|checkpoint|point)s?)\b", re.IGNORECASE),
        # ... by a name: "based on the XLM-RoBERTa model", not "based on the Transformers architecture" nor "from the Czech model" (seen dev)
        re.compile(
            r"\b(?i:based\s+on|built\s+(?:up)?on|on\s+top\s+of|initiali[sz](?:e|es|ed|ing)\b[^.;]{0,60}?\b(?:from|with)|start(?:s|ed|ing)?\s+from|derived\s+from|fine-?tuned\s+from)"
            r"\s+(?:(?i:the|a|an|their|its|our)\s+)?(?:[\w-]+\s+){0,2}?[A-Za-z]*[A-Z0-9][\w.-]*[A-Z0-9][\w.-]*"
        ),
        False,
    ),
    (
        re.compile(r"\bwhat\s+(?:exactly\s+)?(?:gets|is|are|was|were)\s+(?:actually\s+)?(?:transferred|reused|carried\s+over)\b|\bwhat\s+(?:exactly\s+)?(?:do|does|did)\s+(?:they|each|it)\s+(?:\w+\s+)?(?:transfer|reuse)\b", re.IGNORECASE),
        re.compile(r"\btransfer\s+of\s+(?!learning\b)\w|\btransferring\s+(?!learning\b)\w|\b(?:is|are|be|been|gets?)\s+(?:\w+ly\s+)?transferred\b", re.IGNORECASE),
        # (the paper's own, not the field's: "Transferring latent structure from one environment or problem to another is a
        # mechanism by which humans and animals generalize ..." tells what no side transfers, seen dev)
        True,
    ),
    (
        # ... and which option came out best in each ("which adaptation option came out best in each?", dev98): the sentence ranking
        # the paper's options ("fine-tuning the English TrOCR on Spanish yields superior recognition than the language specific
        # decoder", "simpler heuristic-based embedding initialization is more efficient and robust ..., outperforming ...").
        re.compile(r"\b(?:came|comes|come|turned|turns|turn)\s+out\s+(?:best|ahead|on\s+top)\b|\b(?:works?|worked|performs?|performed)\s+best\b", re.IGNORECASE),
        re.compile(r"\b(?:superior|outperform\w*|surpass\w*|better\s+than|best)\b", re.IGNORECASE),
        True,
    ),
)
# A sentence spelling a name out tells no starting point: "Bailong, which stands for Bilingual trAnsfer learnIng based on qLOra ..." (seen dev).
_SPELLS_OUT = re.compile(r"\bstands?\s+for\b", re.IGNORECASE)


def _told_as_asked(question: str, hit: PaperHit, others: Sequence[str]) -> Evidence | None:
    """The paper's closest quotable sentence telling what the question asks each side by one of the verbs of `_TOLD_AS_ASKED`,
    no scene-setter; None when the question asks none of them or no sentence tells it."""
    for asks, tells, own_only in _TOLD_AS_ASKED:
        if asks.search(question):
            told = [
                e for e in quotable_sentences(hit, others)
                if tells.search(e.text) and not DANGLING.search(e.text) and not _SPELLS_OUT.search(e.text) and (not own_only or tells_own_work(hit, e))
            ]
            return max(told, key=lambda e: e.score, default=None)
    return None


def _finding_sentence(hit: PaperHit, others: Sequence[str]) -> Evidence | None:
    """The paper's closest sentence saying what it found, or None."""
    found = [e for e in quotable_sentences(hit, others) if _FINDING.search(e.text) and not DANGLING.search(e.text)]
    return max(found, key=lambda e: e.score, default=None)


# How a question calls a paper it describes: "the invariance-in-transfer paper".
_PAPER_NOUN = re.compile(r"\b(?:paper|study|work|article)\b", re.IGNORECASE)


# A sentence telling how a method was evaluated or how well it did: "The authors evaluate UniPT with different backbones
# ...", "On GLUE, the authors attain within 0.4% of the performance of full fine-tuning ...", "... further improves their
# performance" (seen sets).
_TELLS_RESULTS = re.compile(
    _REPORTS_RESULTS.pattern + "|" + _OUTDOES.pattern + r"|\b(?:evaluat(?:e|es|ed|ing)|attain(?:s|ed)?|improv(?:es|ed|ing)\s+(?:their|its|the)\s+performance)\b",
    re.IGNORECASE,
)


# A comparison asking how each did as well as what each does: "How do their designs and reported
# results differ?", "what gets merged, and what languages or benchmarks are they evaluated on?" (dev27).
# ("..., and what success levels are reported?", dev29)
# ("... and what's the headline result?", "... and what do they gain?", "Compare the sim-to-real results of ...", dev89)
_ASKS_RESULTS_TOO = re.compile(
    r"\b(?:and|,)\s+(?:(?:what|which|how)(?:['’]s)?\s+)?(?:[\w-]+\s+){0,5}?(?:(?:reported\s+)?results?|evaluated|evaluation|how\s+well|success|performance|gain|gains|gained|savings?)\b"
    r"|\bcompare\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?results?\s+of\b"
    r"|\b(?:designs?|approach(?:es)?|methods?|mechanisms?)\s+and\s+(?:reported\s+)?(?:results?|performance|evaluations?)\b"
    # ... or only the results, of each: "Re3Sim vs the open-loop oscillator baseline: what sim-to-real results does each report?" (dev86),
    # "what real-world evidence does each one give?" (dev124)
    r"|\bwhat\s+(?:[\w-]+\s+){0,3}(?:results?|evidence)\s+(?:does|do|did)\s+(?:each|both|they)\b"
    # ... or how each measured it: "how did TransferTransfo and Reuse Your Rewards each measure the quality of their dialog outputs?" (dev126)
    r"|\bhow\s+(?:did|does|do|was|were)\s+(?:[\w$^-]+\s+){1,8}?(?:each\s+)?(?:measure|evaluate|assess)d?\b"
    # ... or what each reports: "can PEFT beat full fine-tuning? what do the chest radiograph LoRA study and Ladder Side-Tuning each report" (dev127)
    r"|\bwhat\s+(?:does|do|did)\s+(?:[\w$^.-]+\s+){1,12}?each\s+report\b"
    # ... or whether each reaches the state of the art: "HaT5 vs TransferTransfo: does each actually set a new state of the art on its
    # benchmark, or only get close?" (dev123)
    r"|\b(?:sets?|setting|reach(?:es)?|achieves?|claims?)\s+(?:a\s+)?(?:new\s+)?(?:state[\s-]of[\s-]the[\s-]art|SoTA)\b",
    re.IGNORECASE,
)


_REPORTS_ON = re.compile(
    r"\b(?:we|they|the\s+authors)\s+(?:[a-z]+ly\s+)?(?:demonstrate|show|find|evaluate|report)\b|\bevaluat\w*\s+(?:[\w-]+\s+){0,2}?(?:on|in)\b|\bbenchmarks?\b",
    re.IGNORECASE,
)


def _names_something(hit: PaperHit, text: str) -> bool:
    """Does the sentence hold a figure in digits, or a name besides its paper's own (a benchmark, a language)?"""
    own = {w.lower() for w in re.findall(r"[\w-]+", hit.label())}
    return bool(re.search(r"\d", text)) or any(w.lower() not in own for w in re.findall(r"(?<=\s)[A-Z][\w-]*", text))


def _reports_named_results(hit: PaperHit, text: str) -> bool:
    """Does the sentence report how the paper did on something named (a figure, a benchmark, a language)?"""
    return bool(_REPORTS_RESULTS.search(text) or _REPORTS_ON.search(text) or _ACHIEVES_PERCENT.search(text)) and _names_something(hit, text)


# "Notably, with only simulated data, we can achieve zero-shot sim-to-real transfer with an average success rate exceeding 58%." (dev86)
_ACHIEVES_PERCENT = re.compile(r"\b(?:achiev|reach|attain|obtain)\w*\b[^.;]*?\d+(?:\.\d+)?\s?%", re.IGNORECASE)


# The results a question asks by their kind: "Compare the sim-to-real results of ..." (dev89).
_RESULTS_KIND = re.compile(r"\b(?P<kind>[\w-]+)\s+results?\b", re.IGNORECASE)
_NO_RESULTS_KIND = frozenset("the their its each both what which reported headline main key overall final experimental empirical".split())


def _results_kind_words(question: str) -> list[str]:
    """The words of the kind of results asked ("sim", "real" of "sim-to-real results"), or []."""
    asked = _RESULTS_KIND.search(question)
    if asked is None or asked.group("kind").lower() in _NO_RESULTS_KIND:
        return []
    return [w.lower() for w in asked.group("kind").split("-") if len(w) >= 3 and w.lower() not in _NO_RESULTS_KIND]


_PERCENT_OR_TIMES = re.compile(r"\d\s?(?:%|x\b|×|times\b)", re.IGNORECASE)


def _results_sentence(hit: PaperHit, line: Evidence, others: Sequence[str], question: str = "") -> Evidence | None:
    """When the line says only what the paper does, the abstract's sentence reporting how it did on
    something named: a figure, a benchmark, a language. Abstracts put results anywhere ("... outperform
    ... on the math benchmark, MGSM, by 10% ..." came before the layer-swapping line, dev27). With the kind
    of results the question asks ("sim-to-real results"), the one writing most of its words, in full or begun ("from simulation
    to reality" for "sim-to-real", dev89: not the sim-to-sim figures closer to the question)."""
    if _reports_named_results(hit, line.text):
        return None
    figure_first = bool(FIGURE_ASK.search(question))
    reporting = [
        e for e in hit.sentence_scores
        if e.start != line.start and (_reports_named_results(hit, e.text) or (figure_first and _PERCENT_OR_TIMES.search(e.text) and not DANGLING.search(e.text))) and quotable(e, others)
    ]
    kind_words = _results_kind_words(question)

    def kind_held(e: Evidence) -> int:
        words = re.findall(r"[a-z]+", e.text.lower())
        return sum(any(w.startswith(k) for w in words) for k in kind_words)

    # ... and asked how big the gains are ("how big are the reported gains?"), one giving a figure: "LST saves 69% of the memory
    # costs ...", not "The authors evaluate their method with various models (T5 and CLIP-T5) ..." (seen dev).
    return max(reporting, key=lambda e: (kind_held(e), figure_first and bool(_PERCENT_OR_TIMES.search(e.text))), default=None)


# "What does each add ...?" (dev86): what a paper adds is its contribution and what it adds "in addition".
_ASKS_ADDED = re.compile(r"\bwhat\s+(?:[\w-]+\s+){0,2}?(?:does|do|did)\s+(?:each|both|they)\s+(?:one\s+)?(?:add|introduce|contribute|bring)\b", re.IGNORECASE)


def _kind_naming_sentence(question: str, hit: PaperHit, others: Sequence[str], with_kind: bool = False) -> tuple[Evidence | None, str]:
    """The paper's quotable sentence naming the kind of thing the question asks (`kind_named`), the
    closest of those, with the name; (None, "") when no sentence names one."""
    said, name = max(((e, kind_named(question, e.text, with_kind=with_kind)) for e in quotable_sentences(hit, others)), key=lambda pair: (bool(pair[1]), pair[0].score), default=(None, ""))
    return (said, name) if name else (None, "")


_ASKS_EACH = re.compile(r"\b(?:each|either|these\s+two|both|respectively|they|their)\b", re.IGNORECASE)
# "which of the AgriNet models got the highest accuracy?" is answered by the sentence saying which did
# ("AgriNet-VGG19 achieved the highest ..."), not by one naming a model ("87% for the Inception-v3 model").
_RANKED_CLAUSE = re.compile(r"\b(?:best|highest|lowest|worst|most|least|top)\b", re.IGNORECASE)
# "which existing sentence encoders did the encoder-only ST5 models beat?" is answered by the sentence naming what they beat
# ("Our encoder-only models outperforms Sentence-BERT and SimCSE sentence embeddings ...", dev78), whatever it calls them.
_ASKS_BEATEN = re.compile(r"\b(?:" + _OUTDO_VERBS + r"|(?:do|does|did)\s+better\s+than)\b", re.IGNORECASE)
_BEATS_NAMED = re.compile(r"\b(?i:" + _OUTDO_VERBS + r"|better\s+than)\s+(?:(?i:the|both|all)\s+)?[A-Z][\w-]*[A-Z0-9-][\w-]*")
_BY_HOW_MUCH = re.compile(r"\bby\s+how\s+(?:much|many)\b|\bhow\s+(?:much|many\s+points)\s+(?:better|higher|more|worse|lower)\b", re.IGNORECASE)


# A comparison asking which side's figure is higher, or by how much: "which is higher and by how much?",
# "Is X better than Y on ...?", "by how many points".
_WHICH_MORE = re.compile(
    r"\b(?:which|who)\b[^?]*\b(?:higher|better|more|less|fewer|lower|faster|slower|best|wins?|beats?|ahead)\b|\bby\s+how\s+(?:much|many)\b"
    r"|\b(?:better|worse|higher|lower|more|less)\s+than\b",
    re.IGNORECASE,
)


def _without_ruled_out(hits: Sequence[PaperHit], question: str) -> list[PaperHit]:
    """The ranking without the papers whose titles are about what the question rules out: "methods that add ... noise during
    training (perturbing embeddings or intermediate activations, not diffusion models)" lists no "... in Diffusion Models" (dev127).
    The words it rules out draw those papers up the ranking."""
    phrases = [{loose_stem(w) for w in content_words(p)} for p in ruled_out(question)]
    phrases = [p for p in phrases if p]
    if not phrases:
        return list(hits)
    return [h for h in hits if not any(p <= {loose_stem(w) for w in content_words(h.paper.title)} for p in phrases)]


# A list question asking each paper's figure as well: "... and what are the numbers?", "and what's the figure?" (dev130).
_FIGURES_TOO = re.compile(r"\bwhat(?:['’]s|\s+(?:is|are|were))\s+(?:the|their)\s+(?:figures?|numbers?)\b|\bwith\s+(?:actual|concrete|exact)\s+numbers\b", re.IGNORECASE)
# How much further from the question a sentence giving a figure may be than a list line without one, and still be the line.
_FIGURE_LINE_MARGIN = 0.1


def _figure_line(hit: PaperHit, line: Evidence, others: Sequence[str]) -> Evidence:
    """The paper's closest sentence giving a figure, in the third person, when the line gives none and that sentence is within
    `_FIGURE_LINE_MARGIN` of the line's closeness; the line otherwise."""
    if NUMBER.search(line.text):
        return line
    stating = [e for e in hit.sentence_scores if NUMBER.search(e.text) and quotable(e, others) and e.score >= line.score - _FIGURE_LINE_MARGIN]
    return as_line(max(stating, key=lambda e: e.score)) if stating else line


class ShapeBuilder:
    def __init__(self, floor: float, relative: float, cap: int, related_cap: int = 5, prefer_contribution: float = 0.1, list_bar: float = 0.25) -> None:
        self.floor, self.relative, self.cap = floor, relative, cap
        self.related_cap, self.prefer_contribution, self.list_bar = related_cap, prefer_contribution, list_bar

    def chosen(self, kind: str, hits: Sequence[PaperHit], question: str = "") -> list[PaperHit]:
        """The papers the answer is about: above the calibrated bar for a list, near the best paper otherwise."""
        if kind == "list" and len(hits) >= _MIN_RANKED:
            hits = _without_ruled_out(hits, question)
            # A list asked of a name few of the ranked papers write is the papers writing it.
            return name_writers(question, hits, self.cap) or listed_hits(hits, self.floor, self.list_bar, self.cap, titled=bool(question) and asks_what_the_index_names(question, hits[:3], loose_stem))
        if kind == "open" and len(hits) >= _MIN_RANKED and asks_of_the_field(question):
            # "How do people extend CLIP beyond 2D images?": the papers a list would give, a sentence each.
            # Those near the best paper too: the bar alone left out two of dev7's sim-to-real papers.
            either = {h.paper.paper_id for h in (*listed_hits(hits, self.floor, self.list_bar, self.cap), *relevant_hits(hits, self.floor, self.relative, self.cap))}
            return [h for h in hits if h.paper.paper_id in either][:_OPEN_PAPERS]
        chosen = relevant_hits(hits, self.floor, self.relative, self.cap)
        top = hits[0] if hits else None
        if top is not None and top not in chosen and top.evidence and top.evidence[0].score >= self.floor - _TOP_MARGIN and (len(hits) < 2 or top.score >= _TOP_LEAD * hits[1].score):
            # A question describing one paper at length ("the paper on cheap intermediate-task selection that uses small
            # networks to approximate ...") ranks it far first while its closest sentence sits just under the floor; the
            # papers above the floor were then asked instead, and said nothing of the figure it states (dev60).
            chosen = [top, *chosen][: self.cap]
        return chosen

    def build(self, question: str, kind: str, hits: Sequence[PaperHit], unmentioned: Sequence[str] = ()) -> Shaped:
        """`unmentioned`: words of the question no indexed paper uses, when the evidence is also weak: not stated."""
        # A question that names a paper is about that paper: another paper's figure is no answer.
        named = named_papers(question, hits[:NAMED_DEPTH])
        # A paper named only among the answers a question offers is an answer, not what is asked about: "hyper-x is built on top
        # of which multilingual encoder - mBERT or XLM-R?" asks of Hyper-X, which XLM-R's paper ranks above (dev121). (A comparison's
        # offered sides are what it asks about: "Which is faster, MotionMaster (COMD) or Ground-A-Video?", dev60.)
        options = offered_options(question) if len(named) >= 2 and kind != "comparison" else []
        asked_of = named_papers(_without_offered(question, options), hits[:NAMED_DEPTH]) if options else named
        # Only when the question still names one of them once its offer is out (else no paper is set apart).
        offered = [h for h in named if h not in asked_of] if any(h in asked_of for h in named) else []
        if offered:
            named = [h for h in named if h not in offered] + offered
        named_first = named + [h for h in hits if h not in named]  # a "not stated" answer's leads
        field = record_field_asked(question)
        if field and named:
            return self.record_shape(field, named[0], hits)
        if field and not any(_record_value(h, field) for h in hits[:NAMED_DEPTH]):
            # "who are the authors of the T5 paper (unified text-to-text transformer)?": no paper is named,
            # and no close paper's record could say (dev13).
            return self.not_stated("", hits, text=prompts.NOT_IN_RECORDS.format(what=_RECORD_WORDS[field]))
        if unmentioned:
            # "CTR", "DINOv2", "wav2vec" as the question writes them, not "ctr", "dinov", "vec"
            return self.not_stated("", hits, list(dict.fromkeys(as_written(question, [w]) for w in unmentioned)))
        chosen = self.chosen(kind, hits, question)
        if kind == "comparison" and not named and hits and hits[0].evidence and hits[0] not in chosen:
            # "Compare what the MIL transfer study in pathology and the giant star-forming clump detection
            # paper conclude ...": the paper ranked first is one side, however far its sentences sit from a
            # question describing two papers at once (dev29: it was left out for two others).
            chosen = [hits[0], *chosen]
        if kind == "comparison" and not named and chosen and len(_PAPER_NOUN.findall(question)) >= 2:
            # ... and the other side is the paper whose title the question's description writes ("the invariance-in-transfer
            # paper": "Understanding the Role of Invariance in Transfer Learning", dev77), in place of the closest other.
            # Only when the question describes two papers as papers: "a pre-trained image-to-video model" in the description
            # of a method is no title ("TC-LLaVA: Rethinking the Transfer from Image to Video ...", seen dev); nor on any
            # three of a title's words, which a question describing both papers at length holds for many.
            other = described_by_title(question, hits[:NAMED_DEPTH], chosen[:1], by_words=False)
            if other is not None and other not in chosen[1:2]:
                chosen = [chosen[0], other, *(h for h in chosen[1:] if h is not other)][: max(len(chosen), 2)]
        value = value_asked(question, kind)
        described = None  # the other side of a comparison, described by its title's words
        if named and kind != "list":
            # The papers a question names are what it asks about, whatever their sentences' cosines; a
            # comparison gives them in the order the question does.
            if kind == "comparison":
                named = in_mention_order(question, named)
            elif kind == "fact" and len(named) >= 2:
                # "chinese NLI transfer paper w/ XLM-R: how many new challenge/adversarial datasets did they create ...?" names
                # XLM-R's paper too (dev42): the fact is asked of the paper whose abstract holds most of the question's words.
                named = sorted(named, key=lambda h: (h in offered, -_question_words_held(question, h)))
                named_first = named + [h for h in hits if h not in named]
            chosen = named + [h for h in chosen if h not in named]
            # (An open question comparing too: "Do pruned or sparse networks transfer well? Compare what the sparse ImageNet
            # models study and the 'robust tickets' paper found.", dev12.)
            compares = kind == "comparison" or (kind == "open" and _COMPARES.search(question))
            described = described_by_title(question, hits[:NAMED_DEPTH], named) if compares and len(named) == 1 else None
            if described is not None:
                # ... and the other side, called by its title's words, is what it is compared with.
                chosen = [*named, described, *(h for h in chosen if h not in named and h is not described)]
            if kind == "fact" and not value and asks_only_names(question, named):
                # "Which paper introduced TAPE?": the paper is the answer, by its title, then what it does.
                described = self.open_shape(named[:1], hits, question)
                title = AnswerItem("fact", "", label=named[0].paper.title, markers=(1,))
                return replace(described, shape="paper", items=(title, *described.items))
        unindexed = unindexed_subject(question, hits[:NAMED_DEPTH]) if not named and kind in ("fact", "open") else None
        if unindexed is not None:
            # "How does SpeechSplit manage to disentangle rhythm, pitch and timbre?" where only AutoPST's abstract
            # mentions SpeechSplit (dev40): its sentences would answer for AutoPST. The sentence naming it leads.
            name, other = unindexed
            naming = next((e for e in other.sentence_scores or other.evidence if mentions(e.text, name)), None)
            leads = [other, *(h for h in hits if h is not other)]
            return self.not_stated("", leads, text=prompts.NOT_INDEXED_TEXT.format(name=name, other=other.label()), lead_lines=[naming])
        denied, saying = denied_use(question, named[0]) if named and kind in ("fact", "open", "list") else ("", None)
        if denied:
            # "How does AutoPST use the text transcriptions ...?" of a paper "without relying on any text
            # transcriptions" (dev31): its sentences answer another question than the one asked. The
            # sentence saying so is the paper's lead line.
            return self.not_stated("", named_first, text=prompts.PREMISE_DENIED.format(name=named[0].label(), what=denied), lead_lines=[saying])
        swapped = swapped_figures(question, named[0]) if named and kind in ("fact", "open") else None
        if swapped is not None:
            # "Why does SBERT need around 65 hours ... while plain BERT does it in about 5 seconds?" of "from 65 hours
            # with BERT / RoBERTa to about 5 seconds with SBERT" (dev33): a reason shown would explain the reverse.
            return self.not_stated("", named_first, text=prompts.PREMISE_SWAPPED.format(name=named[0].label()), lead_lines=[swapped])
        reordered = swapped_order(question, named[0]) if named and kind in ("fact", "open") else None
        if reordered is not None:
            # "TANDA first adapts to the target domain and only afterwards fine-tunes on the large ... dataset. Why
            # that order?" of an abstract that tells the steps the other way (dev36): a reason shown would defend it.
            return self.not_stated("", named_first, text=prompts.PREMISE_ORDER.format(name=named[0].label()), lead_lines=[reordered])
        # ... of the paper named, or of the closest when the question names its method ("AR2Diff") and not the paper.
        subject = (named or list(chosen[:1]))[:1]
        # (A question the kinds vote a comparison, naming one paper and describing no other, is asked of that one: "Hyper-X
        # falls apart in few-shot scenarios ... - why, and what do they suggest instead?", dev87.)
        alone = kind == "comparison" and len(named) == 1 and described is None
        if kind == "list" and len(named) == 1:
            # ... or naming one: "AIO-P can't handle architectures that weren't in its training search spaces, so how do the authors
            # retrain it for new architectures?" (dev91) lists nothing.
            alone = True
        elif kind == "list" and not named and _DESCRIBED_PAPER.search(question):
            # ... so too one the kinds vote a list, describing one paper by its title's words: "Since sparse first-stage retrievers
            # can't benefit from domain adaptation, what do the authors of the simple domain adaptation paper do instead?" (dev89).
            described_one = described_by_title(question, hits[:NAMED_DEPTH], [])
            subject, alone = ([described_one], True) if described_one is not None else (subject, alone)
        reverse = reversed_premise(question, subject[0]) if subject and (kind in ("fact", "open") or alone) else None
        if reverse is not None:
            # "how many BLEU points did text diffusion gain over autoregressive decoding?" of "text diffusion underperforms
            # the standard AR approach" (dev43): the closest figure shown would read as the gain.
            return self.not_stated("", [subject[0], *(h for h in named_first if h is not subject[0])], text=prompts.PREMISE_REVERSED.format(name=subject[0].label()), lead_lines=[reverse])
        # A comparison that also asks something else ("what does each transfer, and what gains do they
        # report?") is answered on the rest, with the part no abstract states said plainly.
        partial = kind == "comparison" and len(chosen) >= 2
        unstated = ""
        stating_pool = named or chosen[:3] or hits[:3]
        if kind == "comparison" and named:
            # Each side's figure is in its own abstract, under its own condition ("SixT's ... gain, or
            # ... SAMU-XLS-R on CoVoST-2", dev16): the side the question only describes counts too.
            stating_pool = [*named, *(h for h in chosen[:2] if h not in named)]
        if kind == "fact" and (FIGURE_ASK.search(f"what {value}") or counted_noun(question)) and (subject := value_asked_of(question, value, named)):
            # the other named paper's figure is the question's own given; so too its count ("How many languages does the EntityCS
            # corpus span, and which XLM-R variant ...?" is not answered by XLM-R's "one hundred languages", dev89)
            stating_pool = [subject]
        opening = re.match(PAPER_DESCRIBED_FIRST, question, re.IGNORECASE) if kind == "fact" and value and not named else None
        # A paper told by what it does ("In the paper that predicts complementary task pairs from feature attributions, ...", dev105)
        # is its title's less surely than one labelled by it: only among the two closest papers (the study "that pretrains language
        # models on ... emergent-communication ..." would be "Intermediate-Task Transfer Learning with Pretrained Models ...", dev29).
        depth = _DESCRIBED_BY_DEED_DEPTH if opening and opening.group("deed") else NAMED_DEPTH
        if opening and (described := described_by_title(opening.group(), hits[:depth], [])) is not None:
            # "In the constrained decoding label projection paper, how many BLEU points does inserting the label markers
            # cost?" (dev78) asks that paper: another close paper's BLEU gain does not state it.
            stating_pool = [described]
        elif kind == "fact" and value and not named and (lead := _TITLE_LEAD.match(question)) and (described := described_by_title(lead.group("lead"), hits[:NAMED_DEPTH], [], by_words=False)) is not None:
            # ... and so does one led by a run of a paper's title, terse: "model diffusion for certifiable few-shot transfer - ...
            # on how many upstream tasks is it trained?" is not answered by another diffusion paper's "two ... denoising tasks" (dev123).
            stating_pool = [described]
        stated = bool(value) and value_stated(value, question, stating_pool, one_paper=kind == "fact")
        if value and not stated and kind == "fact":
            # The first "what X" may ask another thing than the figure ("what source ..., and what MAP
            # ...?"): the figure asked in its own clause is the answer when a sentence states it. Only
            # then: read that way always, it said "not stated" of an unseen question answered before.
            other = figure_clause_value(question, value)
            # ... of the paper that clause asks it of: "How many languages does the EntityCS corpus cover, and which XLM-R size was
            # trained on it?" is not answered by XLM-R's "one hundred languages" (dev89).
            pool = [asked] if other and (asked := value_asked_of(question, other, named)) else stating_pool
            if other and value_stated(other, question, pool, one_paper=True):
                value, stated, stating_pool = other, True, pool
        if value and not stated:
            rest = other_asks(question, value) if partial else []
            if not rest or _rest_unstated(rest, kind, stating_pool):
                # "how many points does it gain?": "... don't state how many points", not "the points"
                counted_as = re.search(rf"\bhow\s+(?:many|much)\s+{re.escape(value)}\b", question, re.IGNORECASE)
                what = "how " + " ".join(counted_as.group().split()[1:]) if counted_as else f"the {value}"
                if not counted_as and value.endswith("s") and re.search(rf"\b(?:more|fewer)\s+{re.escape(value)}\b|\bhow\s+(?:big|large|small)\b[^?]*?\bin\s+(?:terms\s+of\s+)?{re.escape(value)}\b", question, re.IGNORECASE):
                    what = f"how many {value}"  # "which needed more GPU hours": "... don't state how many GPU hours" (dev41)
                text = prompts.NOT_STATED_HOW.format(what=what) if what.startswith("how ") else ""
                # ... not the measure itself ("What BLEU ... on PERSONA-CHAT?": no BLEU in its abstract).
                foreign = [n for n in foreign_names(question, named[0], hits) if n.lower() not in value.lower()] if named and kind == "fact" else []
                if foreign:
                    # "... for Hindi?" of XLM-R: the name its abstract never writes is why (dev31).
                    text = prompts.NOT_STATED_FOR.format(what=what, names=" or ".join(foreign))
                return self.not_stated(value, named_first, text=text)
            unstated = value
        unstated_side, side_value = self._side_without_figure(question, value, named) if kind == "comparison" and (stated or not value) and not unstated else (None, "")
        if unstated_side is not None:
            # "Compare Barlow Twins and SwAV on ImageNet top-1 with a ResNet-50: which is higher and by how much?":
            # SwAV's abstract gives 75.3%, Barlow Twins' no top-1 at all (dev25); shown side by side, the two
            # lines would read as an answer to which is higher.
            return self.not_stated("", named_first, text=prompts.NOT_STATED_SIDE.format(name=unstated_side.label(), what=side_value))
        if not value and kind == "fact" and FIGURE_ASK.search(question) and not condition_figure_stated(question, named or chosen[:3] or hits[:3]):
            return self.not_stated(f"figure on {asked_condition_text(question)}", named_first)
        counted = counted_noun(question)
        # A comparison's other side counts too, named or not ("Compare diff pruning and adapter modules ... how many parameters each needs").
        counting_pool = stating_pool if kind == "comparison" else named or chosen[:3] or hits[:3]
        if counted and not value and not any(counts_noun(e.text, counted) for h in counting_pool for e in h.sentence_scores or h.evidence):
            # "How many human annotators ...": a number that counts something else is no answer.
            # ("how many of AudioLDM2's layers": the layers, dev118)
            return self.not_stated(counted_phrase(question), named_first)
        rated, per = asked_rate(question)
        if per and kind != "list" and not any(states_rate(e.text, per) for h in (named or chosen[:3] or hits[:3]) for e in h.sentence_scores or h.evidence):
            # "How many tokens per second does hidden-transfer decoding generate ...?": "one token in a
            # single forward process" counts tokens, per nothing (dev27).
            return self.not_stated(f"{rated} per {per}", named_first)
        subject = named or _holding_phrase(question, chosen[:3])
        if kind == "fact" and FIGURE_ASK.search(question) and subject and not any(NUMBER.search(e.text) for h in subject for e in h.sentence_scores or h.evidence):
            # "How big is the Colossal Clean Crawled Corpus introduced with T5?": the abstract that names it
            # gives no number at all (dev20); whatever sentence were shown, it would not say how big.
            return self.not_stated("", subject + [h for h in hits if h not in subject], text=prompts.NO_FIGURE_TEXT)
        size = (unstated_size(question, named[0]) or unstated_architecture(question, named[0])) if named and kind != "list" else ""
        if size:
            # "... moved from a 7B model to a 70B model?" of a paper that studied 7B and 13B models.
            return self.not_stated(size, named_first, text=prompts.NOT_STATED_SIZE.format(size=size))
        variant = unstated_variant(question, named[0]) if named and kind != "list" else unstated_variant_in(question, hits[:NAMED_DEPTH])
        if variant:
            # "What COCO AP does SpineNet-49 achieve?" of an abstract giving SpineNet-190's (dev20); "Which
            # papers report transfer results on Kinetics-700?" when the close ones give Kinetics-600 (dev28).
            said = prompts.NOT_STATED_VARIANT if named and kind != "list" else prompts.NOT_STATED_VARIANT_CLOSE
            return self.not_stated(variant, named_first, text=said.format(variant=variant))
        figure = unstated_figure(question, hits[:NAMED_DEPTH]) if kind != "list" else ""
        if figure:
            # "... after fine-tuning on 16K XL-Instruct instructions?" when the close abstracts report
            # 8K: a figure shown would answer another question than the one asked (dev25).
            return self.not_stated(figure, named_first, text=prompts.NOT_STATED_FIGURE.format(figure=figure))
        release = unstated_release(question, named) if named and kind != "list" else ""
        if release:
            # "Where is the code for Self-Translate-Train released?" of an abstract giving no link (dev29).
            return self.not_stated("", named_first, text=prompts.NOT_STATED_HOW.format(what=release))
        # ... of the paper named, or of the one a fact question describes ("which intrinsic dimensionality estimator did the
        # high-dimensional abstraction phase paper use?" of an abstract writing no estimator, dev118).
        # One paper described, not two ("what remedy does the information-transfer paper propose, and what does the task-based flat
        # regions paper do instead?", dev103); and its detail read leniently, as a comparison's is: the paper is the closest one,
        # not one the question names, and "what mechanism do the authors credit" is told in other words (dev105).
        described_one = not named and kind == "fact" and len(_DESCRIBED_PAPER.findall(question)) == 1 and not _DESCRIBED_BENCHMARK.search(question)
        detailed = named or (chosen[:1] if described_one else [])
        detail = asked_detail(question) if detailed and not value else ""
        if (
            detail
            and not (
                detail_stated(detail, stating_pool, COMPARED_VAGUE_DETAIL) if kind == "comparison"
                else detail_stated(detail, detailed, COMPARED_VAGUE_DETAIL if described_one else frozenset())
            )
            and not named_after_asked_verb(question, detailed)
            and not instance_named(question, detail, detailed)
            # ... or names it by an example in brackets after the kind's word in another form: "decoder LLMs (e.g., Mistral-7B)"
            # for "which decoder LLM" (dev93).
            and not (kind == "fact" and _kind_naming_sentence(question, detailed[0], [])[0] is not None)
            # "What two modifications does TC-LLaVA make ...?" of "we propose two strategies ... Specifically, the first
            # approach ... The second approach ..." (dev52): the parts counted and gone through, by another word.
            and not (kind == "fact" and (counting := counted_parts_sentence(question, detailed[0])) is not None and enumerated_after(detailed[0], counting, []))
        ):
            if not (partial and other_ask(question, detail)):
                return self.not_stated(detail, named_first)
            unstated = detail
        # Whatever the question's kind: a list asking for a count of things by name ("Which eleven baseline ... methods did
        # the ... paper plug its approach into?", dev44) asks for one paper's things, named or described.
        counted_only = unnamed_counted(question, named or chosen[:3])
        if counted_only is not None:
            # "Which five pretrained LMs and which three input datasets did the ... paper analyse?" of "across five
            # pre-trained transformer-based LMs and three input datasets" (dev41): how many, never which.
            what, counting, at = counted_only
            lead = next((e for e in counting.sentence_scores or counting.evidence if e.start <= at < e.end), None)
            return self.not_stated("", [counting, *(h for h in named_first if h is not counting)], text=prompts.NOT_STATED_HOW.format(what=what), lead_lines=[lead])
        # ... of the paper the question names, or the one it describes ("the interval bound interpolation paper", dev41).
        asked_of_paper = named[:1] or (chosen[:1] if _DESCRIBED_PAPER.search(question) else [])
        offered_to = asked_of_paper if len(named) - len(offered) < 2 else []  # the one paper a choice of answers is offered of (_unwritten_choice)
        named_kind = (
            (unnamed_kind(question, asked_of_paper[0]) or unnamed_instances(question, asked_of_paper[0]))
            if asked_of_paper and not value and kind == "fact" and not named_after_asked_verb(question, asked_of_paper) else ""
        )
        if named_kind:
            # "Which audio encoder does Pengi use?": its abstract speaks of "an audio encoder", never which.
            return self.not_stated(named_kind, named_first)
        sides = compared_names(question) if kind in ("comparison", "open") else []
        if kind == "comparison" or (kind == "open" and len(sides) == 2):
            # A comparison with something no retrieved abstract mentions cannot be drawn from them; so
            # too one asked as a yes-or-no ("Does LST save more fine-tuning memory than QLoRA?", dev13).
            absent = [name for name in sides if not any(mentions(paper_text(h), name) for h in hits[:NAMED_DEPTH])]
            # ... but not the asker's own short name for a paper the words before it describe by its title: "the iterative
            # refinement BiLSTM encoder (HBMP)" of "Sentence Embeddings in NLI with Iterative Refinement Encoders" (dev88).
            absent = [name for name in absent if not titled_before(question, name, hits[:NAMED_DEPTH])]
            # ... also typed in lower case ("barlow twins vs simclr ...", dev35): a side no retrieved abstract writes in any case or form.
            if lower_sides := lowercase_sides(question):
                flat_texts = [flat(paper_text(h)) for h in hits[:NAMED_DEPTH]]
                absent += [side for side in lower_sides if not any(flat(side).removesuffix("s") in t for t in flat_texts)]
            if absent:
                # "How does GPipe's memory use compare with ZeRO's?": no retrieved abstract speaks of ZeRO.
                return self.not_stated("", hits, absent)
            # ... unless each side is asked of on its own ("how do these two approaches ..., and what BLEU gains do they
            # report?", dev35): each abstract answers for itself, none need speak of the other.
            uncompared = uncompared_pair(question, hits[:NAMED_DEPTH]) if not _ASKS_EACH.search(question) else None
            if uncompared:
                # "How does VL-Adapter compare with LoRA?": no retrieved paper is LoRA's, and the abstracts
                # that mention LoRA say nothing of VL-Adapter: whatever is shown would be two unrelated lines.
                return self.not_stated("", hits, text=prompts.NOT_COMPARED_TEXT.format(first=uncompared[0], second=uncompared[1]))
        if kind in ("open", "fact") and len(named) == 1 and unwritten_ask(question, named[0]):
            # "How does Ground-A-Video keep edits temporally consistent for long videos that don't fit in one batch of
            # frames?" (dev63): the abstract never speaks of most of what is asked; its closest sentence is no answer.
            return self.not_stated("", named_first, text=prompts.NOT_ADDRESSED.format(name=named[0].label()))
        # (Not of a paper the question joins to another: "How do the portfolio optimization transfer paper and DistillNearest
        # decide ...?" asks of both, dev75, and the other's topic is no term borrowed.)
        alone = len(named) == 1 and kind in ("fact", "open") and not _beside_another(question, named[0], joined_by="and")
        borrowed, holder, holding = borrowed_term(question, named[0], hits[:NAMED_DEPTH]) if alone else ("", None, None)
        if holder is not None:
            # "How does Ladder Side-Tuning apply 4-bit quantization ...?": S2A's abstract writes the term, LST's
            # never does (dev32). LST's closest sentence would read as the answer to a question that mixes two
            # papers. The other paper's lead is its sentence writing the term.
            text = prompts.PREMISE_ELSEWHERE.format(name=named[0].label(), what=borrowed, other=holder.label())
            leads = [named[0], holder, *(h for h in hits if h is not named[0] and h is not holder)]
            return self.not_stated("", leads, text=text, lead_lines=[None, holding])
        if not chosen:
            return self.not_stated("", hits)
        if kind == "list":
            return self.list_shape(chosen, _without_ruled_out(hits, question), figures=bool(FIGURE_ASK.search(question) or _FIGURES_TOO.search(question)))  # (nor among the related)
        if kind == "fact":
            told = self.fact_shape(question, chosen, value or asked_value(question, involved=True), hits)
            if not value and len(named) < 2 and not _beside_another(question, chosen[0]) and told.items and told.items[0].role == "fact" and not told.items[0].text:
                # No name leads the fact, and no shown sentence names one ("dissonance detection paper - which social media
                # platform did the language samples come from?", dev49): the closest sentences would read as the answer.
                unnamed = kind_left_unnamed(question, chosen[0], [i.text for i in told.items[1:]])
                if unnamed:
                    return self.not_stated(unnamed, named_first)
            return self._unwritten_choice(question, offered_to) or told
        if kind == "comparison" and len(chosen) >= 2:
            # Two compared items unless a third scores as high as the second (questions compare two, mostly).
            # Not when the question names two papers: it compares those ("Conditional Adapters (CoDA) and ... (XATL)", dev17).
            third = chosen[2:3] if len(chosen) > 2 and chosen[2].score >= 0.9 * chosen[1].score and len(named) != 2 else []
            return self.comparison_shape([*chosen[:2], *third], hits, unstated, question)
        if kind == "comparison" and len(named) == 1 and len(chosen) == 1 and (FIGURE_ASK.search(question) or COUNTED.search(question) or _EACH_PART.search(question)):
            # One paper's figure asked, and how it compares with what its own abstract measures itself against ("How many
            # heterogeneous agents does TransAgent collaborate with, and how does it compare with CoOp in the low-shot
            # setting?", dev58): its facts, each part answered by its own sentence, as a fact's are. So too each of its parts
            # counted ("What are the two modules in GHOST 2.0 ..., and what does each one do?", dev41).
            return self.fact_shape(question, chosen, value or asked_value(question, involved=True), hits)
        if kind == "comparison" and ASKS_AT_ONCE.match(asked_clause(question)):
            # Two things compared inside one paper, the question asking which ("... compares backbones pre-trained
            # on astro images vs terrestrial ones - which domain-specific CNN did better?", dev17, dev32): a fact
            # of that paper, its answer the name ("Zoobot") the sentence saying so gives.
            return self.fact_shape(question, chosen, value or asked_value(question, involved=True), hits)
        if kind == "open" and (declined := self._unwritten_choice(question, offered_to)) is not None:
            return declined
        if kind == "open" and len(named) == 1 and release_sentence(question, named[0]) is not None:
            # "Is the code for VL-Adapter publicly available?": yes, and where: the sentence saying so is a fact of the paper.
            return self.fact_shape(question, named, "", hits)
        # An open question about a paper it names ("How is forgetting measured in LIBERO?") is answered
        # from that paper: other papers' sentences on forgetting answer a question nobody asked.
        return self.open_shape(([*named, described] if described is not None else named or chosen)[:4], hits, question)

    def _cite(self, chosen: Sequence[PaperHit], lines: Sequence[Evidence]) -> tuple[Citation, ...]:
        return tuple(Citation(n, hit.paper, Evidence(hit.paper.abstract[e.start : e.end], e.start, e.end, e.score), True, 1.0) for n, (hit, e) in enumerate(zip(chosen, lines), start=1))

    def _related(self, hits: Sequence[PaperHit], chosen: Sequence[PaperHit]) -> list[AnswerItem]:
        taken = {h.paper.paper_id for h in chosen}
        rest = [h for h in hits if h.paper.paper_id not in taken and h.evidence and h.evidence[0].score >= self.floor][: self.related_cap]
        return [AnswerItem("related", h.paper.title, label=h.paper.title) for h in rest]

    def list_shape(self, chosen: Sequence[PaperHit], hits: Sequence[PaperHit], figures: bool = False) -> Shaped:
        """`figures`: the question asks each paper's figure too ("... which ones quantify how well their attack works, and what's the
        figure?"): a paper's line is its closest sentence giving one, when that is nearly as close as its usual line."""
        # A line only naming the proposal ("... a simple yet effective method called Self-Translate-Train.") goes on with what it
        # does, as a comparison's side does (dev123).
        others = [names_of_others(h, hits) for h in chosen]
        lines = [with_content(h, best_line(h, self.prefer_contribution, named), named) for h, named in zip(chosen, others)]
        if figures:
            lines = [_figure_line(h, line, named) for h, line, named in zip(chosen, lines, others)]
        count = len(chosen)
        lead = AnswerItem("lead", prompts.list_lead(count))
        items = [AnswerItem("item", drop_label(line.text, hit.label()), label=hit.label(), markers=(n,)) for n, (hit, line) in enumerate(zip(chosen, lines), start=1)]
        return self._shaped("list", chosen, lines, [lead, *items, *self._related(hits, chosen)])

    def fact_shape(self, question: str, chosen: Sequence[PaperHit], value: str, hits: Sequence[PaperHit] = ()) -> Shaped:
        hit = chosen[0]
        others = names_of_others(hit, hits or chosen)
        if value:
            stating = stating_sentence(value, question, hit, others) or hit.evidence[0]
            figure = figure_phrase(stating.text, question, value)
            line = as_line(stating)
            fact = AnswerItem("fact", figure, label=hit.label(), markers=(1,))
        else:
            # A name or a detail: the sentence that names it ("... a novel off-policy correction method
            # called V-trace"), else the sentences closest to the question, which state it more often
            # than the contribution does; two of them, in abstract order, since fact questions often ask two things.
            # The sentence the asking words point at ("... Which learning algorithm generates that
            # path?" -> "... to generate sub-tasks, leveraging Q-learning") is the cited one, before the
            # closest: the closest sentences restate what the question says to identify the paper. A
            # model in LLM mode is shown the cited sentence (dev5: shown the closest, it guessed).
            counting = counted_parts_sentence(question, hit, others)
            # "where can I download the Spanish TrOCR models?" is answered by the sentence giving the place, which no other line may be (dev115).
            released = release_sentence(question, hit)
            named = (as_line(released) if released else None) or naming_sentence(question, hit, others) or counting
            verb_name = ""
            if named is None and (said := asked_verb_sentence(question, hit)) is not None and quotable(said, others):
                # "What benchmark was NoEsis evaluated on?": "... our evaluation on CodeXGLUE ..." names it, and the name leads.
                named = as_line(said)
                verb_name = asked_verb_name(question, said.text)
            if named is not None and not verb_name:
                # The sentence holding the asked detail names the asked kind: "what dataset of GNN training
                # results was released ...?" -> "... release GNN-Bank-101, a large-scale dataset of ..." (dev11).
                verb_name = kind_named(question, named.text, with_kind=True)
            if not verb_name:
                # Else a sentence naming the asked kind is the answer, and the name leads: "Which pretrained
                # model?" -> "... the existing Czech pre-trained Wav2Vec 2.0 model ..." (dev11); "which model
                # did they start from?" -> "Using Glot500-m, an mPLM ..., as our source model" over the
                # sentence restating the paper's description (dev16).
                said, verb_name = _kind_naming_sentence(question, hit, others, with_kind=True)
                if said is not None:
                    named = as_line(said)
            if not verb_name and named is None and (detail := asked_detail(question)):
                # "Which RL algorithm is used to plan the path ...?": "... leveraging Q-learning ..." names its instance (dev36).
                said, verb_name = instance_sentence(question, detail, hit)
                if said is not None and quotable(said, others):
                    named = as_line(said)
                else:
                    verb_name = ""
            answering = answering_sentence(question, hit, others)
            if answering is None and named is None and ASKS_AT_ONCE.match(question):
                # "Which existing QA dataset did TANDA exploit for its transfer step?" asks from its first
                # word: all of it is the asking part (dev7; the closest sentences missed "exploiting the
                # Natural Questions dataset"). The paper's name, in many of its sentences, weighs little.
                answering = answering_sentence(question, hit, others, clause=question)
            elif answering is None and named is None and (terse := terse_ask(question)):
                # "bailong: base model + PEFT method used for the secondary pretraining?" asks after its
                # colon, with no question word (dev13): "... secondary pre-training on Llama 2 7B ... by leveraging QLoRA ...".
                answering = answering_sentence(question, hit, others, clause=terse)
            # An amount asked in involved words is led by the closest sentence's number (below).
            if named is None and answering is not None and not FIGURE_ASK.search(question):
                named = as_line(answering)
            line = named or closest_sentence(hit, others)
            best = next((e for e in (*hit.evidence, *hit.sentence_scores) if e.start == line.start), hit.evidence[0])
            # A name asked that is not the paper's own ("What is that model called?": Furina, from TransliCo) leads.
            lead = verb_name if verb_name.lower() not in hit.label().lower() else ""
            fact = AnswerItem("fact", lead or (name_given(question, named.text, hit.label()) if named else ""), label=hit.label(), markers=(1,))
            pool = sorted(
                (e for e in hit.sentence_scores or hit.evidence if e.start != best.start and e.score >= self.floor and quotable(e, others)),
                key=lambda e: -e.score,
            )
            if FIGURE_ASK.search(question):
                # An amount asked in words too involved to name ("By how much does pretraining on X
                # reduce perplexity?"): a sentence that gives a number answers it; one without cannot.
                pool = sorted(pool, key=lambda e: not NUMBER.search(e.text))
            # A sentence that only sets the scene ("However, existing methods ...") answers nothing.
            if answering is not None and answering.start != best.start:
                more = [answering]  # the named thing's sentence first, then what the asking words point at
            else:
                more = sorted(pool, key=lambda e: bool(DANGLING.search(e.text)))[:1]
            if len(parts := asked_parts(question)) >= 2:
                # "ViLBERT: which dataset is it pretrained on, and how do the visual and text streams interact?": each
                # thing asked gets the sentence its words point at, after the one the whole question points at (dev39).
                # A part asking a name ("what is their extra strategy ... called?") is answered by the sentence giving it (dev42).
                said = [(naming_sentence(part, hit, others) if _ASKS_ITS_NAME.search(part) else None) or answering_sentence(question, hit, others, clause=part) for part in parts]
                said = [e if e is None or tells_own_work(hit, e) else answered_next(hit, e, others) or e for e in said]
                # A thing asked of earlier work ("Which earlier method does AutoPST build on?") is told where the abstract
                # speaks of that work: "Recently, SpeechSplit has made sizeable progress ..." (dev43).
                own = [e for e in said if e is not None and e.start != best.start and (tells_own_work(hit, e) or any(ASKS_PRIOR.search(p) and e is x for p, x in zip(parts, said)))]
                if own and not (answering is not None and answering.start != best.start):
                    more = []  # the things asked have their sentences: no closest sentence besides ("previous works focus on ...", dev44)
                more = list({e.start: e for e in (*more, *own)}.values())[:2]
            if FIGURE_ASK.search(question) and not any(NUMBER.search(e.text) for e in (best, *more)):
                # "By how much does it cut training time?": neither the closest sentence nor the one the asking
                # words point at gives a number; the sentence with a figure sharing most asked words does
                # ("... it is possible to reduce training time by up to 83.5% ...", dev18).
                figure_sentence = compared_figure_sentence(question, hit, others)
                if figure_sentence is not None and figure_sentence.start != best.start:
                    more = [figure_sentence]
            if counting is not None and named is not None and named.start == best.start:
                # "ghost 2.0 head swapping - what are the two modules?" of "... consists of two problem-specific modules.
                # First, we introduce enhanced Aligner ... Secondly, we use a Blender module ..." (dev47): the sentences going
                # through them, in place of the closest others.
                going = enumerated_after(hit, best, others)
                if going:
                    more = going
            if released is not None and len(asked_parts(question)) < 2:
                more = []  # the place is the answer: the sentence closest to "the Spanish TrOCR models" says what they are
            ordered = sorted([best, *more], key=lambda e: e.start)
            if FIGURE_ASK.search(question):
                # The amount asked in involved words still leads, when a sentence given gives one
                # ("how much does dynamic architecture skipping reduce the FLOPs of METER" -> "-11.97% FLOPs of METER on VQA2.0").
                figure = next((f for f in (figure_phrase(e.text, question) for e in (best, *more)) if f), "")
                fact = replace(fact, text=figure)
            items = [fact, *(AnswerItem("evidence", sentence_in_third_person(e.text), markers=(1,)) for e in ordered)]
            return self._shaped("fact", [hit], [line], items)
        evidence = AnswerItem("evidence", line.text, markers=(1,))
        # A question asking two things ("which speech encoder was used, and what BLEU gain did it
        # give?"): the figure's sentence answers one; the sentence holding most of the other ask's words
        # ("which domain-specific backbone performed better" -> "... a domain-specific CNN - Zoobot - with a
        # generic classification backbone ..."), else the sentence closest to the question, the other.
        # The closest restates what identifies the paper ("the authors apply Faster R-CNN to ...", dev2).
        # A count the stating sentence gives is no other ask ("... and how many task-model combinations does it
        # contain?", dev24); with none left, the stating sentence is the whole answer. Not with the figure the
        # clause itself gives: "on how many of its 66 tasks ...?" is not answered by "709 datasets that target 66 tasks" (dev31).
        asks = [c for c in other_asks(question, value) if not ((counted := counted_noun(c)) and counts_noun(stating.text, counted, besides=_figures_in(c))) and not _named_after_preposition(c, stating.text)]
        if not asks:
            said = asked_verb_sentence(question, hit)
            if said is not None and not stating.start <= said.start < stating.end and quotable(said, others):
                # "Tx-LLM - base model it was fine-tuned from, and how many datasets / tasks were used for training?": the
                # first ask has no question word, but "fine-tuned from PaLM-2" names what it asks (dev57).
                ordered = sorted([line, as_line(said)], key=lambda e: e.start)
                return self._shaped("fact", [hit], [line], [fact, *(AnswerItem("evidence", e.text, markers=(1,)) for e in ordered)])
            return self._shaped("fact", [hit], [line], [fact, evidence])
        extras: list[Evidence] = []
        for clause in asks:
            # "what does CoDA stand for, and what inference speedup ...": the sentence spelling it out.
            acronyms = acronyms_expanded(clause)
            spelling = expanding_sentence(acronyms, quotable_sentences(hit, others)) if acronyms else []
            # "..., what is it called and how much accuracy does it gain?": the sentence giving its name, not
            # the one closest to the description the question opens with (dev27: a scene-setter on LLMs and CoT).
            giving = naming_sentence(clause, hit, others) if not spelling and _ASKS_ITS_NAME.search(clause) else None
            answering = spelling[0] if spelling else giving or answering_sentence(question, hit, others, clause=clause)
            beaten = answering is not None and bool(_ASKS_BEATEN.search(clause)) and bool(_BEATS_NAMED.search(answering.text))
            if not spelling and not giving and not beaten and not _RANKED_CLAUSE.search(clause) and (answering is None or not kind_named(clause, answering.text)):
                # "which dataset did they assemble to pretrain ..., and what Dice ...?": the sentence sharing most of the
                # clause's words names no dataset; one naming a dataset answers it ("... to build 3DSeg-8 dataset ...", dev34).
                answering = _kind_naming_sentence(clause, hit, others)[0] or answering
            if answering is not None and _ASKS_HOW.match(clause) and DANGLING.search(answering.text) and not about_own_work(hit, answering):
                # "how does it get language supervision ... without 3D-text pairs?" is answered by what the paper does,
                # not by the scene-setter naming the lack ("... due to the inaccessibility of large-scale 3D-text pairs", dev41).
                answering = next((e for e in sorted(quotable_sentences(hit, others), key=lambda e: -e.score) if about_own_work(hit, e) and e.start != stating.start and not _REPORTS_RESULTS.search(e.text)), None)
            if answering is not None and answering.start != stating.start and all(answering.start != e.start for e in extras):
                extras.append(answering)
        if extras:
            # Each other thing asked gets its sentence ("... how big are the hIoU gains, and how does it get language
            # supervision ..., and what are the two pipelines called?"), up to two, all in abstract order.
            told = sorted([(stating.start, evidence), *((e.start, AnswerItem("evidence", sentence_in_third_person(e.text), markers=(1,))) for e in extras[:2])], key=lambda pair: pair[0])
            return self._shaped("fact", [hit], [line], [fact, *(item for _, item in told)])
        both = self._with_next_closest(hit, stating, evidence, "evidence", lambda e: not names_any(e.text, others))
        return self._shaped("fact", [hit], [line], [fact, *both])

    def _with_next_closest(self, hit: PaperHit, shown: Evidence, item: AnswerItem, role: str, usable: Callable[[Evidence], bool]) -> list[AnswerItem]:
        """`item` (showing `shown`) and, when there is one, the paper's next closest sentence that is
        `usable`, above the floor and no scene-setter, as a `role` item; both in abstract order."""
        pool = [
            e for e in hit.sentence_scores or hit.evidence
            if e.start != shown.start and e.score >= self.floor and usable(e) and not DANGLING.search(e.text)
        ]
        second = max(pool, key=lambda e: e.score, default=None)
        if second is None:
            return [item]
        extra = AnswerItem(role, sentence_in_third_person(second.text), markers=(1,))
        return [item, extra] if shown.start < second.start else [extra, item]

    def _unwritten_choice(self, question: str, offered_to: Sequence[PaperHit]) -> Shaped | None:
        """A choice offered of one paper whose abstract writes none of the offered answers ("Was ConSERT built on BERT-base
        or BERT-large?", dev104): its closest sentence does not choose between them, so "not stated", its lead that paper
        alone (the close papers are those of the offered names: "... - Glot500-m, XLM-R, mBERT?", dev93). None otherwise.
        The last check of a fact or open answer: the others' words say more when they apply ("the RL algorithm" of "Which RL
        algorithm (e.g. REINFORCE, DQN) ...?"). `offered_to`: the one paper the question asks of, or none."""
        options = unwritten_options(question, offered_to[0]) if offered_to else ""
        if not options:
            return None
        return self.not_stated("", list(offered_to), text=prompts.NOT_STATED_OPTIONS.format(name=offered_to[0].label(), options=options))

    @staticmethod
    def _side_without_figure(question: str, value: str, named: Sequence[PaperHit]) -> tuple[PaperHit | None, str]:
        """Of two named papers compared on a figure ("which is higher", "by how much"), the one whose
        abstract states none of it, when the other's figure is not told against it ("X beats Y by 2
        points" compares them in one sentence), with what the figure is; (None, "") otherwise."""
        # ("which one runs on the bigger LLM?" compares the sides' sizes too, dev125.)
        if len(named) != 2 or not (_WHICH_MORE.search(question) or (value == "parameter count" and re.search(BIGGER_MODEL_RUN, question, re.IGNORECASE))):
            return None, ""
        if value:
            what = value
            stated = [value_stated(value, question, [h], one_paper=True) for h in named]
        elif _BY_HOW_MUCH.search(question) and asked_condition(question):
            # "Is CLOOB better than LiT on zero-shot ImageNet classification, and by how much?" (dev21): a figure
            # on what is asked, its measure unnamed.
            what = f"figure on {asked_condition_text(question)}"
            stated = [condition_figure_stated(question, [h]) for h in named]
        else:
            return None, ""
        if all(stated) or not any(stated):
            return None, ""  # both give it, or neither: the comparison's own checks say what is missing
        missing = named[stated.index(False)]
        giving = named[stated.index(True)]
        sentence = stating_sentence(value, question, giving) if value else None
        if sentence is not None and any(mentions(sentence.text, n) for n in (missing.alias, missing.card.name if missing.card else "") if n):
            return None, ""
        return missing, what

    def comparison_shape(self, chosen: Sequence[PaperHit], hits: Sequence[PaperHit] = (), unstated: str = "", question: str = "") -> Shaped:
        """`unstated`: a part of the question no abstract states ("the gains"), said after the lines.
        Each item is on the aspect asked, when the question asks one after naming the items ("Hyper-X
        and HyperAdapter both ... What is each conditioned on?" -> "... generates weights for adapter
        modules conditioned on both tasks and language embeddings"), else what each paper contributes."""
        lines: list[Evidence] = []
        items: list[AnswerItem] = []
        named_hits = named_papers(question, chosen) if question else []
        named = {h.paper.paper_id for h in named_hits}
        # ... or the aspects a terse one lists ("OFA vs ViLBERT: pretraining data and overall architecture?", dev43).
        question_parts = (asked_parts(question) or terse_aspects(question)) if question else []
        # Whether the question asks how well each did: then a results sentence may answer a side (below).
        results_asked = bool(question) and bool(_ASKS_RESULTS_TOO.search(question) or FIGURE_ASK.search(question))
        for h in chosen:
            others = names_of_others(h, hits or chosen)
            # "AdapterFusion vs MAD-X: on how many tasks is AdapterFusion evaluated, and what adapter
            # architecture does MAD-X introduce?": each side is asked its own clause (dev21).
            own = own_clause(question, h, named_hits)
            # "How does each combine the source adapters, and how do their transfer parameter counts compare?":
            # the line answers the first thing asked, a second sentence the next (dev37).
            parts = question_parts if not own else []
            answering = answering_sentence(question, h, others, clause=own or (parts[0] if parts else "")) if question else None
            if answering is not None and not own_or_continuing(h, answering):
                # A sentence about the field ("One major obstacle towards AI is ...") shares the asked
                # topic's words but says nothing of what this paper does: the paper's own sentence that
                # does ("The Dual-cLDM utilized in ArtFusion carries the potential for ... generative tasks",
                # not "Despite the promising results of conditional diffusion probabilistic models ...",
                # dev77), else its contribution, is the line.
                # Not one on how well it did, unless that is asked: a results sentence shares an aspect's words
                # ("The authors evaluate UniPT with different backbones ..." for how each avoids backpropagating through
                # the backbone, seen dev27) and says nothing of how.
                answering = answering_sentence(
                    question, h, others, clause=own or (parts[0] if parts else ""),
                    keep=lambda e, h=h: own_or_continuing(h, e) and (results_asked or not _TELLS_RESULTS.search(e.text)),
                )
            mechanism = bool(question) and not own and bool(_ASKS_MECHANISM.search(question))
            if answering is not None and mechanism and _REPORTS_RESULTS.search(answering.text):
                answering = None  # "How does each one achieve that?": how well it did is no how
            # A paper the question names, asked about as a whole ("the difference between TinySAM and
            # Mini-InternVL?"): every sentence with its name sits close to the question, so closeness
            # says nothing; what the paper does is the line ("Extensive experiments ... demonstrate the
            # advantageous performance of TinySAM" was).
            whole = h.paper.paper_id in named and answering is None
            line = best_line(h, 1.0 if whole else self.prefer_contribution, others)
            if named and h.paper.paper_id not in named:
                # The side the question describes rather than names: the line says what it was asked by.
                # Not when its bold label already writes that phrase and a sentence answers what was asked of it
                # ("turkish NLU fine-tuning paper vs VLUE: what pretrained model does each build on?": "... namely
                # BERTurk ...", not "The authors publicly released these four fine-tuned models ...", dev74).
                answering = handle_sentence(question, h, [c for c in chosen if c is not h], others, unless_labelled=answering is not None) or answering
            if answering is not None and answering.start != line.start:
                line = as_line(answering)
            if second_name(h) and not mentions(line.text, h.alias):
                # The paper asked about by a second name of its own ("DistillWeighted" of DistillNearest's paper, dev86): its
                # line is the sentence giving that one.
                giving = next((e for e in h.sentence_scores or h.evidence if mentions(e.text, h.alias) and quotable(e, others)), None)
                line = as_line(giving) if giving is not None else line
            # A side is not asked for a figure or a kind in the other side's own clause ("how many NLU tasks
            # does AdapterFusion use, and which benchmarks does ScaLearn report?": not ScaLearn's "8 transfer
            # parameters", dev24).
            asking = asked_of(question, h, named_hits)
            figure = compared_figure_sentence(asking, h, others) if question else None
            later = None
            if parts:
                if figure is not None and not (FIGURE_ASK.search(parts[0]) or asked_value(parts[0])):
                    later, figure = figure, None  # the figure is asked second
                else:
                    later = answering_sentence(question, h, others, clause=parts[1])
                    if later is not None and figure is not None and figure.start <= later.start < figure.end:
                        # The figure's sentence holds the second ask's words too ("... called Retrieval-based Knowledge
                        # Transfer (RetriKT), which effectively transfers the knowledge of LLMs to extremely small-scale models
                        # (e.g., 1%)"): the next sentence holding them tells how ("... construct a knowledge store ...", dev54).
                        later = answering_sentence(question, h, others, clause=parts[1], keep=lambda e, f=figure: not f.start <= e.start < f.end)
                    later = later if later is not None and about_own_work(h, later) else None
            if figure is not None:
                # "how many languages did each one evaluate on?": each side's line gives its figure (dev12).
                line = as_line(figure)
            elif question:
                # "Which pretrained model does each start from?": each side's line names its kind of thing
                # ("... the existing Czech pre-trained Wav2Vec 2.0 model ...", dev14), as a fact's does.
                # With two things asked, the first ("Which datasets and which tasks is each evaluated on?": its datasets, dev44).
                said, _ = _kind_naming_sentence(parts[0] if parts else asking, h, others)
                told = _told_as_asked(question, h, others) if said is None else None
                if said is not None:
                    line = as_line(said)
                elif told is not None:
                    # "... Specifically, we derive the diff vector ..." (dev89)
                    line = with_elaboration(h, line if told.start == line.start else as_line(told), others)
                elif (answering is None or answering.start == line.start) and (_ASKS_HOW.search(question) or mechanism):
                    # "How do FILTER and X-METRA-ADA differ in the way they improve ...?": what each proposes,
                    # then how, when the abstract's next sentence says it ("Specifically, FILTER first encodes
                    # ... then performs cross-language fusion ...", dev18).
                    line = with_elaboration(h, line, others)
            line = with_content(h, with_antecedent(h, with_enumeration_rest(h, line, others), others), others)
            if question and _ASKS_ADDED.search(question):
                line = with_addition(h, line, others)
            how = bool(question) and bool(_ASKS_HOW.search(question) or mechanism)
            stepped = with_steps(h, line, others) if how else line
            line_steps, line = stepped is not line, stepped
            said, marker = drop_label(line.text, h.label()), (len(lines) + 1,)
            reporting = _results_sentence(h, line, others, question) if question and _ASKS_RESULTS_TOO.search(question) else None
            if reporting is None and question and _COUNT_ANNOUNCED.search(line.text):
                # "GHOST 2.0, which consists of two problem-specific modules." goes on with the modules its next sentences
                # go through ("First, we introduce enhanced Aligner ...", "Secondly, we use a Blender module ...", dev86).
                for going in enumerated_after(h, line, others):
                    reporting = going if reporting is None else joined(reporting, going)
            if reporting is None and question and _ASKS_FINDING.search(question) and not _FINDING.search(line.text):
                # "What does each conclude?": what each found too ("... our study shows that sparse models can
                # match or even outperform the transfer performance of dense models", dev30), not only what it studied.
                reporting = _finding_sentence(h, others)
                reporting = reporting if reporting is not None and not line.start <= reporting.start < line.end else None
            if reporting is None and later is not None and not line.start <= later.start < line.end:
                reporting = later
            if reporting is None and question and figure is None and not asks_only_names(question, named_hits):
                # The aspect asked is seldom worded as the contribution is: the side's next closest sentence on
                # its own work goes with it, so the line holds what each does on the aspect as well as what it is.
                reporting = max(
                    (
                        e for e in h.sentence_scores or h.evidence
                        if not line.start <= e.start < line.end and e.score >= self.floor and quotable(e, others) and about_own_work(h, e) and not DANGLING.search(e.text)
                        # how well it did is no how ("CLOOB consistently outperforms CLIP ..." for "what does each one change?")
                        and not (mechanism and _OUTDOES.search(e.text))
                    ),
                    key=lambda e: e.score, default=None,
                )
                # "ColBERT-X can be trained in two ways." goes on with the ways when the abstract's next sentences go through them.
                reporting = with_enumeration_rest(h, reporting, others) if reporting is not None else None
                if reporting is not None and _COUNT_ANNOUNCED.search(reporting.text):
                    for going in enumerated_after(h, reporting, others):
                        reporting = joined(reporting, going)
            report_steps = False
            if reporting is not None and how:
                stepped = with_steps(h, reporting, others, beside=line)
                report_steps, reporting = stepped is not reporting, stepped
            # A line carrying a method's steps is checked a sentence at a time: the support judge reads a claim
            # against one sentence or two adjacent ones, and three steps are three claims.
            said_parts = tuple(answer_sentences(said)) if line_steps else (said,)
            if reporting is None:
                items.append(AnswerItem("item", said, label=h.label(), markers=marker, parts=said_parts if line_steps else ()))
            else:
                # The results sentence is checked on its own (`parts`): the two sentences are seldom neighbours,
                # and the support judge reads a claim against one sentence or two adjacent ones.
                result = sentence_in_third_person(reporting.text)
                parts = (*said_parts, *(tuple(answer_sentences(result)) if report_steps else (result,)))
                items.append(AnswerItem("item", f"{said} {result}", label=h.label(), markers=marker, parts=parts))
                line = joined(line, reporting)
            lines.append(line)
        difference = difference_line(chosen, lines)
        gap = [AnswerItem("unstated", prompts.NOT_STATED_TEXT.format(what=unstated))] if unstated else []
        return self._shaped("comparison", chosen, lines, [*items, *([difference] if difference else []), *gap])

    def open_shape(self, chosen: Sequence[PaperHit], hits: Sequence[PaperHit] = (), question: str = "") -> Shaped:
        # A paper the question names is asked about as a whole ("What is ForkMerge?"): its contribution,
        # unless a sentence is clearly closer. A term asked about ("What is catastrophic forgetting?")
        # by the sentences that define it (rag.answer.definitions). Otherwise the closest sentence.
        named = {h.paper.paper_id for h in named_papers(question, chosen)}
        defining = self.definitions(question, hits or chosen) if not named else []
        if defining:
            # "What is catastrophic forgetting?": the sentences that say what it is, closest first.
            chosen = [h for h, _ in defining]
            lines = [as_line(e) for _, e in defining]
            items = [AnswerItem("sentence", _with_subject(hit, line.text), markers=(n,)) for n, (hit, line) in enumerate(zip(chosen, lines), start=1)]
            return self._shaped("open", chosen, lines, items)
        # "Tell me about LiT", "Summarize ForkMerge": nothing asked but the paper, so no sentence is
        # closer to the question than another: what it contributes comes first.
        # So too when the contribution holds every word the question asks besides the name ("How does Barlow
        # Twins avoid collapse?": "an objective function that naturally avoids collapse by ...", where the
        # closest sentence was "The method is called Barlow Twins, owing to ...").
        named_hits = [h for h in chosen if h.paper.paper_id in named]
        prefer = 1.0 if named and (asks_only_names(question, named_hits) or contribution_answers(question, named_hits)) else self.prefer_contribution
        lines = [
            best_line(h, prefer, names_of_others(h, hits or chosen)) if h.paper.paper_id in named else standalone_closest(h, names_of_others(h, hits or chosen))
            for h in chosen
        ]
        items = [AnswerItem("sentence", _with_subject(hit, line.text), markers=(n,)) for n, (hit, line) in enumerate(zip(chosen, lines), start=1)]
        if len(chosen) == 1:
            others = names_of_others(chosen[0], hits or chosen)
            hit = chosen[0]
            parts = asked_parts(question) if named else []
            said = [answering_sentence(question, hit, others, clause=part) for part in parts]
            said = list({e.start: e for e in said if e is not None and tells_own_work(hit, e)}.values())
            if len(said) >= 2:
                # "How does MBTL pick which training tasks to train on, and what sample-efficiency improvement do the authors
                # claim?": each thing asked gets the sentence its words point at ("... via Bayesian optimization", dev46).
                said = sorted(said[:3], key=lambda e: e.start)
                return self._shaped("open", chosen, [as_line(said[0])], [AnswerItem("sentence", _with_subject(hit, as_line(e).text), markers=(1,)) for e in said])
            # One paper answers: its next closest sentence too, in abstract order ("why is the Deploy mode
            # unstable, and how did someone get Eval-mode stability?" is half answered by one sentence).
            # Of a paper the question names, the sentence holding the words it asks comes next, when the closest
            # is not it: "How does the Downstream Transfer Attack decide which layers ... to exploit?" of "DTA identifies
            # and exploits the most vulnerable layers ... guided by a cosine similarity loss", which the embedder put
            # below "This paper studies the transferability ... from a pre-trained ViT model" (dev79).
            asked = answering_sentence(question, hit, others, clause=_without_names(question, hit)) if named and not parts and _HOW_IT_WORKS.match(question) else None
            if asked is not None and asked.start != lines[0].start and tells_own_work(hit, asked) and quotable(asked, others):
                extra = AnswerItem("sentence", sentence_in_third_person(asked.text), markers=(1,))
                return self._shaped("open", chosen, lines, [items[0], extra] if lines[0].start < asked.start else [extra, items[0]])
            items = self._with_next_closest(chosen[0], lines[0], items[0], "sentence", lambda e: quotable(e, others))
        return self._shaped("open", chosen, lines, items)

    @staticmethod
    def definitions(question: str, hits: Sequence[PaperHit]) -> list[tuple[PaperHit, Evidence]]:
        """For "What is X?" about a term, up to three papers' sentences defining it (none naming another paper)."""
        term = defined_term(question)
        if not term:
            return []
        found = [(h, e) for h, e in defining_sentences(term, hits) if quotable(e, names_of_others(h, hits))]
        return found[:_DEFINING_PAPERS]

    def not_stated(self, value: str, hits: Sequence[PaperHit], unmentioned: Sequence[str] = (), text: str = "", lead_lines: Sequence[Evidence | None] = ()) -> Shaped:
        """The not-stated line (`text`, else built from `value` or the `unmentioned` words), then the closest
        papers as leads; `lead_lines`: the first leads' sentences, where the not-stated line rests on them (None: the usual line)."""
        leads = [h for h in hits if h.evidence][:3]
        if not text and unmentioned:
            text = prompts.NOT_MENTIONED_TEXT.format(words=" or ".join(f"“{w}”" for w in unmentioned))
        elif not text:
            text = prompts.NOT_STATED_TEXT.format(what=value) if value else prompts.NOT_STATED_GENERIC
        # A lead says what the paper is about ("Their code is available at ..." was the closest sentence once).
        lines = [best_line(h, self.prefer_contribution, names_of_others(h, hits)) for h in leads]
        for n, given in enumerate(lead_lines[: len(lines)]):
            if given is not None:
                lines[n] = as_line(given)  # in the third person, whichever check found it ("support our hypothesis", dev51)
        items = [AnswerItem("not_stated", text)]
        if leads:
            items.append(AnswerItem("lead", prompts.NOT_STATED_LEADS))
        items += [AnswerItem("item", drop_label(line.text, hit.label()), label=hit.label(), markers=(n,)) for n, (hit, line) in enumerate(zip(leads, lines), start=1)]
        return self._shaped("not_stated", leads, lines, items)

    def record_shape(self, field: str, hit: PaperHit, hits: Sequence[PaperHit]) -> Shaped:
        """Who wrote a named paper, or when or where it was published: its record's answer, then what
        the paper does (cited); "the index holds none" with the paper as the first lead when the
        record has no such field (the shipped corpus lists no authors, years or venues)."""
        value = _record_value(hit, field)
        if not value:
            text = prompts.NOT_IN_RECORD.format(what=_RECORD_WORDS[field], name=hit.label())
            return self.not_stated("", [hit, *(h for h in hits if h is not hit)], text=text)
        template = {"authors": prompts.RECORD_AUTHORS, "year": prompts.RECORD_YEAR, "venue": prompts.RECORD_VENUE}[field]
        line = best_line(hit, self.prefer_contribution, names_of_others(hit, hits))
        # The record's line carries no marker: no abstract sentence supports it, and the reference
        # below it names the paper the record belongs to.
        items = [AnswerItem("fact", template.format(**{field: value}), label=hit.label()), AnswerItem("evidence", sentence_in_third_person(line.text), markers=(1,))]
        return self._shaped("record", [hit], [line], items)

    def _shaped(self, shape: str, chosen: Sequence[PaperHit], lines: Sequence[Evidence], items: list[AnswerItem]) -> Shaped:
        citations = self._cite(chosen, lines)
        # A bare name ("**LiT** [1]") asserts nothing; its evidence line carries the citation.
        sentences = tuple(s for i in items if i.markers and i.text for s in item_sentences(i))
        return Shaped(shape, tuple(items), citations, sentences)


# A clause asking what follows a preposition: "and from which dataset?", "on which benchmark?".
_PREPOSITION_ASK = re.compile(r"^\W*(?P<prep>on|in|for|at|with|by|from|to)\s+(?:what|which)\b", re.IGNORECASE)


# "How does the Downstream Transfer Attack decide ...?": how one paper's method does something; not "How do ATST-Clip and
# ATST-Frame differ ...?", nor "How many ...".
_HOW_IT_WORKS = re.compile(r"^\W*how\s+(?:does|did|is|was|can)\s(?![^?]*\b(?:differ|compare[sd]?|each|both|vs\.?|versus)\b)", re.IGNORECASE)


# A question led by what it asks about, then a dash or colon and the ask: "model diffusion for certifiable few-shot transfer - what ...?"
_TITLE_LEAD = re.compile(r"^\W*(?P<lead>[^,:?()]{3,120}?)\s*(?::|\s[-\u2013\u2014]\s)\s*(?=(?:what|how|which|who|where|when|did|does|do|is|are|was|were)\b)", re.IGNORECASE)


def _without_offered(question: str, options: Sequence[str]) -> str:
    """The question with the answers it offers (`offered_options`) taken out ("... - mBERT or XLM-R?" leaves "... - or ?")."""
    for option in options:
        question = question.replace(option, " ")
    return question


def _without_names(question: str, hit: PaperHit) -> str:
    """The question without the words naming the paper, which every sentence calling it by name would hold."""
    names = hit.own_names()  # already without empty ones
    if not names:
        return question
    return re.sub(r"[\w.-]*(?:" + "|".join(re.escape(n) for n in names) + r")[\w.-]*", " ", question, flags=re.IGNORECASE)


def _beside_another(question: str, hit: PaperHit, joined_by: str = r"and|or|vs\.?|versus") -> bool:
    """Does the question join the paper's name to another subject ("Which benchmark suites do IMPALA and the
    hypernetworks-for-zero-shot-RL paper evaluate on?", dev21)? What it asks is then asked of both ("and"), or of
    each to compare ("or", "vs")."""
    names = [n for n in (*hit.own_names(), hit.paper.title) if n and mentions(question, n)]
    return any(re.search(rf"(?<![\w-]){re.escape(n)}\s+(?:{joined_by})\s|\s(?:{joined_by})\s+{re.escape(n)}(?![\w-])", question, re.IGNORECASE) for n in names)


def _named_after_preposition(clause: str, sentence: str) -> bool:
    """Does the sentence already name what the clause asks after its preposition? "... how many image/depth pairs were
    rendered and from which dataset?" is answered by "... render 52,460 pairs of images and depth maps from ShapeNet"."""
    asked = _PREPOSITION_ASK.match(clause)
    return bool(asked) and bool(re.search(rf"\b{asked.group('prep')}\s+(?:the\s+)?[A-Z][\w-]*[A-Z0-9]?[\w-]*", sentence))


def _question_words_held(question: str, hit: PaperHit) -> int:
    """How many of the question's words, besides the paper's own names, its title or abstract holds (by stem)."""
    own = {loose_stem(w) for w in re.findall(r"[\w-]+", hit.label().lower())}
    asked = {loose_stem(w) for w in content_words(question)} - own
    return len(asked & {loose_stem(w) for w in content_words(f"{hit.paper.title} {hit.paper.abstract}")})


def _figures_in(text: str) -> frozenset[str]:
    """The digits a clause writes ("66" of "on how many of its 66 tasks"), as counts_noun reads them."""
    return frozenset(re.findall(r"\d[\d.,]*\d|\d", text))


# A question about a paper's record, not its content: who wrote it, when or where it appeared.
_RECORD_ASK = {
    "authors": re.compile(
        r"\bwho\s+(?:proposed|introduced|wrote|authored|developed|created|invented|designed|presented|published)\b"
        # Not "authors of" anywhere: "What do the authors of ForkMerge find?" asks what the paper says.
        r"|\bwho\s+(?:is|are|was|were)\s+(?:the\s+)?authors?\b|\b(?:name|list|give)\s+(?:me\s+)?the\s+authors?\b|^\s*(?:the\s+)?authors?\s+of\b|\bwritten\s+by\s+whom\b",
        re.IGNORECASE,
    ),
    "year": re.compile(r"\b(?:when|(?:in\s+)?(?:what|which)\s+year)\s+(?:was|were|did|is)\b[^?]*\b(?:published|released|proposed|introduced|appear|come\s+out)\b", re.IGNORECASE),
    "venue": re.compile(
        r"\b(?:where|(?:at|in)\s+(?:what|which)\s+(?:venue|conference|journal))\s+(?:was|were|did|is)\b[^?]*\b(?:published|presented|appear)\b"
        # "Which conference was the AdapterFusion paper published at ...?", "Which conference published ScaLearn?" (dev16, dev17)
        r"|\b(?:what|which)\s+(?:venue|conference|journal|workshop)\b[^?]*\b(?:publish|published|presented|appeared|accepted)\b",
        re.IGNORECASE,
    ),
}


_RECORD_WORDS = {"authors": "authors", "year": "publication year", "venue": "venue"}


def record_field_asked(question: str) -> str:
    """"authors", "year" or "venue" when the question asks a paper's record for it, else ""."""
    return next((field for field, pattern in _RECORD_ASK.items() if pattern.search(question)), "")


def _record_value(hit: PaperHit, field: str) -> str:
    paper = hit.paper
    return {"authors": _author_list(paper.authors), "year": paper.year, "venue": paper.venue}[field]


def _author_list(authors: Sequence[str]) -> str:
    names = [a.strip() for a in authors if a.strip()]
    if len(names) > 6:
        return ", ".join(names[:6]) + " and others"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def _with_subject(hit: PaperHit, text: str) -> str:
    """'ForkMerge: <sentence>' so the reader knows whose sentence it is, unless the sentence names it already."""
    if not (hit.card and hit.card.name) or names_any(text, [hit.card.name]):
        return text
    return f"{hit.card.name}: {text}"
