"""Whether the evidence states what a question asks: the value, the detail, the figure under the asked
condition; and the variants, shares and settings that make a near figure no answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.asked import CONDITION, PEOPLE, RESEARCH_GENERIC, SAMPLE_SIZE, SHARE_NOUNS, SHARE_WORDS, asked_condition, asked_condition_key, asked_condition_names, asked_condition_text, counted_for, detail_words, written_as_name
from rag.answer.evidence_lines import paper_text
from rag.answer.question_numbers import only_given_figures
from rag.answer.text_forms import CLAUSE_BREAK, CLAUSE_OR_FIGURE, ENUMERATOR, FOLD_FIGURE, GENERIC, HEADED, NUMBER, flat, loose_stem, spaced_compounds, spelled_out, with_parts, word_stems
from rag.records import Evidence, PaperHit
from rag.words import ADOPTING_VERBS, american_spelling, snowball


# "What benchmark was NoEsis evaluated on?": the question's participle and preposition, which a
# sentence may say with a name right after ("our evaluation on CodeXGLUE", dev9; "fine-tuned from PaLM-2").
_ASKED_VERB = re.compile(r"\b(?P<verb>[a-z]{4,}?)(?:e?d|t)\s+(?P<prep>on|from|with|in|using|against)\b", re.IGNORECASE)


# ... or asked tersely by its noun: "noesis evaluation benchmark?", "LiT training data?" (dev22): "evaluation on X".
_ASKED_BY_NOUN = re.compile(r"\b(?P<verb>evaluat|train|test|pre-?train|fine-?tun)\w*\s+(?:benchmarks?|datasets?|data|sets?|corpus|corpora)\b", re.IGNORECASE)


def _asked_verb_pattern(question: str) -> re.Pattern | None:
    asked = _ASKED_VERB.search(question)
    if asked is not None:
        verb, prep = asked.group("verb"), asked.group("prep")
    elif (by_noun := _ASKED_BY_NOUN.search(question)) is not None:
        verb, prep = by_noun.group("verb"), "on"
    else:
        return None
    return re.compile(rf"(?i:\b{re.escape(verb)}\w*\s+{prep}\s+(?:the\s+)?)(?P<name>[A-Z][a-z]*[A-Z0-9][\w.-]*[\w])")


def _asked_verb_match(question: str, sentence: str) -> re.Match | None:
    """The question's verb with a name after it in this sentence, a name the question does not give
    itself: "Models fine-tuned on XL-Instruct ..." does not answer "which base LLM was fine-tuned on
    the 8K XL-Instruct instructions?" (dev47)."""
    said = _asked_verb_pattern(question)
    if said is None:
        return None
    return next((m for m in said.finditer(sentence) if not re.search(rf"(?<![\w-]){re.escape(m.group('name'))}(?![\w-])", question, re.IGNORECASE)), None)


def asked_verb_name(question: str, sentence: str) -> str:
    """The name `asked_verb_sentence` found after the question's verb in this sentence ("CodeXGLUE"), or ""."""
    found = _asked_verb_match(question, sentence)
    if found is None or _AND_ANOTHER.match(sentence, found.end()):
        return ""  # "pre-trained on PubMed abstracts and MIMIC-III clinical notes": one name would be half the answer
    return found.group("name")


_AND_ANOTHER = re.compile(r"(?:\s+[a-z][\w-]*){0,2},?\s+(?:and|or)\s+(?:the\s+)?[A-Z]")


def asked_verb_sentence(question: str, hit: PaperHit) -> Evidence | None:
    """The sentence of this paper writing the question's "<verb>ed on/from ..." with a coined name right
    after it ("Results from our evaluation on CodeXGLUE ..." for "What benchmark was NoEsis evaluated
    on?", dev9; "fine-tuned from PaLM-2"), or None. A kind asked ("what benchmark") is named there
    without its kind word, which the abstract never needs to say."""
    return next((e for e in hit.sentence_scores or hit.evidence if _asked_verb_match(question, e.text) is not None), None)


def named_after_asked_verb(question: str, hits: Sequence[PaperHit]) -> bool:
    """Does one of these papers name what the question asks right after the question's own verb?"""
    return any(asked_verb_sentence(question, hit) is not None for hit in hits)


# The kinds of thing an abstract names by its instance alone: "leveraging Q-learning" gives the "RL algorithm".
_KIND_HEADS = frozenset(
    loose_stem(w) for w in "algorithm optimizer loss objective method technique architecture encoder decoder backbone resource resources source sources".split()
)  # "which resources are used to swap entities ...?" of "We use Wikidata and English Wikipedia to construct ..." (dev62)
# A name the paper says it uses: "leveraging Q-learning", "based on ResNet-50", "using PPO".
_USING_NAME = re.compile(
    r"\b(?:" + ADOPTING_VERBS + r"|us(?:e|es|ed|ing)|based\s+on|built\s+(?:up)?on)\s+(?:the\s+|an?\s+)?"
    r"(?P<name>[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+|[A-Z]*[a-z]*[A-Z0-9][\w.-]*[\w])"
)


def instance_sentence(question: str, detail: str, hit: PaperHit) -> tuple[Evidence | None, str]:
    """The sentence giving the kind of thing asked ("which RL algorithm is used to plan the path of sub-tasks?")
    by the name of its instance, on the question's other words ("a novel path-planning method to generate
    sub-tasks, leveraging Q-learning ...", dev36), and that name; (None, "") when none does. The abstract need
    not write "RL" or "algorithm"."""
    words = detail.lower().split()
    if not words or loose_stem(words[-1]) not in _KIND_HEADS:
        return None, ""
    asked = {loose_stem(w) for w in re.findall(r"[A-Za-z][\w-]+", question) if w.lower() not in GENERIC} - {loose_stem(w) for w in words}
    for evidence in hit.sentence_scores or hit.evidence:
        used = _USING_NAME.search(evidence.text)
        if used and not re.search(rf"(?<![\w-]){re.escape(used.group('name'))}(?![\w-])", question) and len(asked & with_parts(word_stems(evidence.text))) >= 2:
            return evidence, used.group("name")
    return None, ""


def apposed_instance(detail: str, hit: PaperHit) -> Evidence | None:
    """The sentence naming an instance of the kind asked right after the kind, past a dash or a colon, and holding all
    of the kind's other words but one: "which real-world black-box vision-language model did they manage to attack?"
    of "... attack a black-box large vision-language model -- Google's Bard" (dev77), which never says "real-world".
    None when no sentence does."""
    head = (detail.split() or [""])[-1]
    qualifiers = [w for w in detail_words(detail) if w.lower() != head.lower()]
    if not head or not qualifiers:
        return None
    apposed = re.compile(rf"\b(?i:{re.escape(head)})s?\s*(?:--|\u2014|\u2013|:)\s*(?:[A-Z][\w.-]*['\u2019]s\s+)?[A-Z][\w.-]*")
    for evidence in hit.sentence_scores or hit.evidence:
        if apposed.search(evidence.text):
            held = with_parts(word_stems(evidence.text))
            if sum(loose_stem(w) in held for w in qualifiers) >= len(qualifiers) - 1:
                return evidence
    return None


def instance_named(question: str, detail: str, hits: Sequence[PaperHit]) -> bool:
    """Does one of these papers give the kind asked by its instance's name (`instance_sentence`)?"""
    return any(instance_sentence(question, detail, hit)[0] is not None or apposed_instance(detail, hit) is not None for hit in hits)


_VAGUE_DETAIL = frozenset(
    "trick tricks machinery ingredient ingredients idea ideas twist twists gist insight insights recipe constraint constraints thing things "
    "aspect aspects claim claims takeaway takeaways lesson lessons "  # "what efficiency claim does each make", "what aspect of pretraining" (dev50)
    "input exact particular actual underlying level levels "  # "at what input resolutions": "at three resolutions (224px, ...)" (dev53); "what MAE and SRCC levels" (dev54)
    "signal signals "  # "what kind of cross-lingual signal does each rely on?" (dev57)
    "granularity granularities "  # "at what granularity do they rewrite?": "... at the document level" (dev77)
    "component components "  # "what new adapter component does MAD-X add?": "a novel invertible adapter architecture" (dev65)
    "lever levers knob knobs "  # "both want classifiers that transfer better. what lever does each pull?" (dev80)
    "point purpose "  # "What's the point of the neighbor-regulating mechanism in CCPL?" (dev95)
    "factor factors "  # "which factors did the Tx-LLM authors study the impact of?": "the impact of model size, domain finetuning, ..." (dev116)
    "analysis analyses "  # "what analysis did they run on the input embeddings?": "we conduct singular value decomposition (SVD) on ..." (dev99)
    "evidence "  # "what real-world evidence does each one give?": "... exhibit stronger transfer to ... tasks in the real world" (dev124)
    "job jobs "  # "what job does attention do in each model?": "... co-attentional transformer layers", "cross-attention" (dev128)
    "piece pieces".split()  # "both break complex tasks into smaller pieces - what are the pieces in each?": "subtask graph" (dev130)
)
# ... and, of the papers compared, how each works: "what is the core mechanism in each?" (dev57); of one paper it asks
# for one the abstract may not give ("What mechanism do the authors identify?", dev42).
COMPARED_VAGUE_DETAIL = frozenset(
    "mechanism mechanisms "
    # ... and which way something moves between them: "Which direction does the knowledge flow in each?" of "transfers the
    # knowledge of LLMs to extremely small-scale models" (dev93); abstracts tell a direction by "from ... to", not by the word.
    "direction directions "
    # ... and the objective each trains with: "Which alignment objective does each use?" of "an additional loss function by Optimal
    # Transport (OT) to align the distribution ..." and "by employing contrastive learning, the model learns ..." (dev99).
    "objective objectives "
    # ... and the structure each learns: "what structure does each one learn to do that?" of "decompose joint action spaces into
    # restricted role action spaces by clustering actions" and "representations of task dependencies ... task hierarchies"
    # (dev115; dev92 the same of RODE and MTSGI): an abstract names the structure, seldom with the word.
    "structure structures".split()
)


# A cut-off asked for, and a figure given as a bound ("z<0.3", "below 5%", "at most 10 steps").
_THRESHOLD_WORDS = frozenset(loose_stem(w) for w in "cut cuts cutoff cut-off threshold limit bound".split())
_BOUND_FIGURE = re.compile(r"[<>≤≥]\s*=?\s*\d|\b(?:below|under|above|over|less\s+than|more\s+than|greater\s+than|at\s+(?:most|least)|up\s+to)\s+\d", re.IGNORECASE)


def detail_stated(detail: str, hits: Sequence[PaperHit], vague_too: frozenset[str] = frozenset()) -> bool:
    """Does one of these abstracts use every content word of the asked detail? A paper that never
    says "license" cannot say which license it uses; a question naming the paper is answered by that
    paper's abstract or by nothing. A detail asked as alternatives ("what tool or model", dev33) is
    stated when one of them is."""
    alternatives = [a for a in re.split(r"\s+or\s+|\s*/\s*", detail) if a.strip()]
    if len(alternatives) > 1:
        return any(detail_stated(a, hits, vague_too) for a in alternatives)
    wanted = detail_words(detail)
    kept = [w for w in wanted if w.lower() not in _VAGUE_DETAIL | vague_too]
    wanted, vague = kept, len(kept) < len(wanted)
    if vague and not wanted:
        # "what extra trick or constraint does each add?", "what meta-learning machinery": words no abstract uses for what
        # it does, so their absence says nothing (dev44, dev45); the lines answer or the reader sees they do not.
        return True
    snowball_stem = snowball().stemWord
    if len(wanted) == 1 and loose_stem(wanted[0]) in _METHOD_FAMILY and any(_METHOD_WORD.search(paper_text(hit)) for hit in hits):
        # "What kind of algorithm does the routing?" of "a novel adversarial multi-armed bandit approach that ... learns to
        # route ..." (dev5): a method by any of its names; a kind qualified ("what auto-ML strategy") stays as asked.
        return True
    if wanted and {loose_stem(w) for w in wanted} <= _ANY_FIGURE | _STANDING:
        # "What headline number does each report?" (dev15): any figure the abstract states is one.
        return any(NUMBER.search(e.text) for hit in hits for e in hit.sentence_scores or hit.evidence)
    if (
        _asks_a_saving({loose_stem(w) for w in wanted})
        and any((NUMBER.search(e.text) or FOLD_FIGURE.search(e.text)) and word_stems(e.text) & _EFFICIENCY_TOLD for hit in hits for e in hit.sentence_scores or hit.evidence)
    ):
        # "what's the headline saving?" of "a fourfold reduction in GPU memory footprint" (dev95): a figure of what is saved
        # states it, whatever words it uses (else the words asked are looked for, below).
        return True
    if {loose_stem(w) for w in wanted} & _THRESHOLD_WORDS and any(_BOUND_FIGURE.search(e.text) for hit in hits for e in hit.sentence_scores or hit.evidence):
        # "what's the redshift cut exactly?" of "... in low redshift (z<0.3) galaxies" (dev124): a bound states a cut, in
        # whatever words; the rest of what is asked ("redshift") must still be written.
        wanted = [w for w in wanted if loose_stem(w) not in _THRESHOLD_WORDS]
        if not wanted:
            return True
    sizes = bool(wanted) and bool({loose_stem(w) for w in wanted} & _SIZE_WORDS) and {loose_stem(w) for w in wanted} <= _SIZE_WORDS | _MODEL_SIZE_WORDS
    if sizes and any(_MODEL_SIZE.search(paper_text(hit)) for hit in hits):
        return True  # "which sizes did they try?" of a detector moved "from a 7B model ... to a larger 13B model" (dev34)
    if {loose_stem(w) for w in wanted} & _SIZE_WORDS and any(_SIZE_VARIANT.search(paper_text(hit)) for hit in hits):
        # "which BERT sizes are involved?" of "fine-tuning of BERT-Medium model and ... BERT-Base weights" (dev58).
        wanted = [w for w in wanted if loose_stem(w) not in _SIZE_WORDS]
    for hit in hits:
        text = paper_text(hit)
        words = re.findall(r"[A-Za-z][A-Za-z0-9-]+", text)
        # A compound's parts count: "TREC-QA" says "QA" (dev7's "which existing QA dataset" for TANDA).
        words += [part for w in words if "-" in w for part in w.split("-") if len(part) >= 2]
        # ... and so does its spelling as one word: "pre-trained" is the question's "pretrained" (dev14).
        words += [w.replace("-", "") for w in words if "-" in w]
        # ... and a British spelling is the American one: "specialised downstream domains" of "specialized domains" (dev68).
        # Both forms are kept on both sides: the spelling rule also turns "supervised" into "supervized", away from "supervision".
        words += [american for w in words if (american := american_spelling(w)) != w]
        have = {loose_stem(w) for w in words}
        # The light stem keeps "module" and "modules" ("modul") apart; Snowball does not.
        have_snowball = {snowball_stem(w.lower()) for w in words}

        def held(w: str) -> bool:
            return (
                loose_stem(w) in have or snowball_stem(w.lower()) in have_snowball or loose_stem(w.replace("-", "")) in have or _width_given(w, text)
                or _spaced_in(w, text) or _kind_named_in(w, text) or bool(_SAID_AS.get(loose_stem(w), frozenset()) & have)
            )

        if all(held(w) or held(american_spelling(w)) for w in wanted):
            return True
    return False


# A kind an abstract says in its field's other word: an RL paper's environments are its "domains" ("evaluated on 2D grid-world and
# complex web navigation domains" answers "what environments was MTSGI evaluated in?", dev40).
_SAID_AS = {loose_stem(w): frozenset(loose_stem(d) for d in ("domain", "domains")) for w in ("environment", "environments")}


_METHOD_FAMILY = frozenset(loose_stem(w) for w in "algorithm algorithms approach approaches method methods strategy strategies".split())
_METHOD_WORD = re.compile(r"\b(?:algorithms?|approach(?:es)?|methods?|strateg(?:y|ies)|techniques?)\b", re.IGNORECASE)


# "Which backbones does each use?": an abstract naming the models it builds on ("V&L models such as VL-BART and VLT5",
# dev45) states its backbones, whatever word it uses for them.
_BACKBONE_WORDS = re.compile(r"backbones?|base\s+models?", re.IGNORECASE)
_MODELS_NAMED = re.compile(r"\bmodels?\s+(?:such\s+as|like|including|e\.g\.,?)\s+[A-Z]|(?<![\w-])[A-Z][\w.-]*[A-Z0-9][\w.-]*\s+(?:models?|backbones?|encoders?)\b")


# "Which two multi-task benchmarks was it shown on?": an abstract naming what it was evaluated on ("We demonstrate the
# effectiveness of IMPALA for multi-task reinforcement learning on DMLab-30 ... and Atari-57", dev56) states its benchmarks,
# whether or not it writes the word.
_BENCHMARK_WORDS = re.compile(r"benchmarks?|datasets?|suites?|testbeds?", re.IGNORECASE)
_EVALUATED_ON_NAME = re.compile(
    r"\b(?:evaluat|experiment|test|demonstrat|validat|results?\b|show|achiev|outperform|effectiveness)\w*\b[^.;]{0,80}?\bon\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?(?:[a-z-]+,\s+)?[A-Z][A-Za-z]*[A-Z0-9](?:[\w.-]*[\w])?"
)  # (the name may follow a first item in lower case: "We validate the proposed method on controlled synthetic data, CelebA, and Taskonomy", dev127)


# "What dataset was Florence-2 trained on?": an abstract naming the data it built or trained on ("we co-developed FLD-5B
# that consists of 5.4 billion comprehensive visual annotations on 126 million images", dev63) states its dataset.
_DATASET_WORDS = re.compile(r"datasets?|corpus|corpora", re.IGNORECASE)
_DATASET_STEMS = frozenset(loose_stem(w) for w in "dataset datasets corpus corpora".split())
_DATA_NAMED = re.compile(
    r"\b(?:co-develop|develop|construct|collect|buil[dt]|introduc|curat|creat|releas|pre-?train\w*\s+on|train\w*\s+on)\w*\s+"
    r"(?:(?:a|an|the|new|novel|large-scale|large)\s+)*(?P<name>[A-Z][A-Za-z]*(?:-?\d[\w.-]*|-[A-Z][\w-]*))"
    r"(?:[^.;]|\.\d){0,80}?\b(?:data|dataset|corpus|corpora|annotations|images|samples|examples|pairs)\b"
)


def gives_dataset(terms: set[str], sentence: str) -> bool:
    """Does the sentence name the data a paper built or trained on, for a value asking of a dataset?"""
    return bool(terms & _DATASET_STEMS) and bool(_DATA_NAMED.search(sentence))


# "What lightweight module does each add?": an abstract naming the part it adds ("a lightweight R^2 Block", "a novel Dual-Path
# Adapter (DPA) module", dev82) states its module, whatever word it uses for one.
_MODULE_WORDS = re.compile(r"modules?|components?|blocks?", re.IGNORECASE)
_PART_NAMED = re.compile(r"(?<![\w-])(?:[A-Z][\w^.-]*\s+){0,3}?[A-Z][\w^.-]*\s+(?:\([A-Z][\w-]*\)\s+)?(?:Block|Adapter|Module|Layer|Head|Unit|Branch|module|block|adapter|layer)s?\b")

# The kinds of thing an abstract states by naming instances, whatever word it uses for the kind: the kind's words,
# and how an abstract names one.
_KINDS_NAMED_BY_INSTANCE = (
    (_BACKBONE_WORDS, _MODELS_NAMED), (_BENCHMARK_WORDS, _EVALUATED_ON_NAME), (_DATASET_WORDS, _DATA_NAMED), (_MODULE_WORDS, _PART_NAMED),
)


def _kind_named_in(word: str, text: str) -> bool:
    """Is `word` a kind ("backbones", "benchmarks", "dataset") that the text states by naming one?"""
    return any(words.fullmatch(word) and naming.search(text) for words, naming in _KINDS_NAMED_BY_INSTANCE)


def _spaced_in(word: str, text: str) -> bool:
    """Is an asked compound written with spaces by the paper ("success-rate" as "5.0% success rate"), its parts inflected
    ("real-robot tasks" as "a real robotic platform", dev99)?"""
    parts = [re.escape(p) for p in word.split("-") if p]
    return len(parts) > 1 and re.search(r"\b" + r"\w{0,3}[\s-]+".join(parts) + r"\w{0,3}\b", text, re.IGNORECASE) is not None


# "At what bit-width does S2A quantize ...?": "4-bit quantization" gives it (dev29).
_WIDTH = re.compile(r"(?P<unit>[a-z]+)-?width", re.IGNORECASE)


def _width_given(word: str, text: str) -> bool:
    """Is an asked "<unit>-width" given as a figure of that unit ("4-bit" for "bit-width")?"""
    match = _WIDTH.fullmatch(word)
    return bool(match) and re.search(rf"\d+-?{re.escape(match.group('unit'))}s?\b", text, re.IGNORECASE) is not None


_VALUE_WORDS = {
    "time": {"hour", "minute", "second", "day", "week", "time", "ms"},
    "speed-up": {"faster", "speed", "speedup", "speed-up", "time", "slower", "magnitude"},
}


def value_terms(value: str) -> tuple[set[str], set[str]]:
    """(acronyms, other stems) of a value phrase: "LoRA rank and learning rate" -> ({"LoRA"}, {"rank", "rate"})."""
    if value in _VALUE_WORDS:
        return set(), set(_VALUE_WORDS[value])
    if value.lower() in _COMPARATIVES:
        # "how much better is it on F2?" asks a gain: "an 188% improvement in F2 score" (dev36)
        return set(), {loose_stem(value)} | _CHANGE_WORDS[0] | _OUTPERFORMS
    words = re.findall(r"[A-Za-z][A-Za-z0-9@-]*[A-Za-z0-9]|[A-Za-z]{2,}", value)
    # "MOS", "AP", and measures spelled with a digit ("F1", "Hits@1") must be written as asked.
    acronyms = {w for w in words if sum(c.isupper() for c in w) >= 2 or (any(c.isdigit() for c in w) and any(c.isupper() for c in w))}
    terms = {loose_stem(w) for w in words if w not in acronyms and w.lower() not in GENERIC and w.lower() not in RESEARCH_GENERIC}
    if acronyms:
        terms -= _UNIT_WORDS  # "BLEU points": "7.1 BLEU" gives it; points are how BLEU is counted
    if _asks_a_saving(terms):
        terms |= _EFFICIENCY_TOLD  # ... "what's the headline saving?" of "a fourfold reduction in GPU memory footprint" (dev95)
    if not terms and not acronyms:
        # "how many transfer learning tasks": the field's common words are all there is to look for.
        terms = {loose_stem(w) for w in words if w.lower() not in GENERIC}
    return acronyms, terms


# Measures an abstract states in digits: "two key aspects" beside "Masked Autoencoding" gives no masking ratio.
# ... and a dimension ("what projector output dimension": "the outputs of two identical networks" gives none, dev81).
_DIGIT_MEASURES = frozenset(loose_stem(w) for w in "ratio rate accuracy score precision recall error perplexity share proportion fraction percentage similarity dimension dimensions dimensionality".split())


# Words that ask for a figure of a named measure without being one: the "score" of "what GTZAN score".
_ANY_FIGURE = frozenset(loose_stem(w) for w in "score scores result results number figure value".split())
# A figure asked by its standing, not by what it measures ("what headline number does each report?",
# dev15): any figure the paper states is one.
_STANDING = frozenset(loose_stem(w) for w in "headline main key best overall reported final primary".split())
_EFFICIENCY = frozenset(loose_stem(w) for w in "efficiency efficient".split())
_GAIN = frozenset(loose_stem(w) for w in "gain gains improvement improvements saving savings".split())
_SAVING = frozenset(loose_stem(w) for w in "saving savings".split())
# ... and efficiency is told by what is saved: "-11.97% FLOPs", "6.5x speedup" for "what efficiency gains?" (dev94).
_EFFICIENCY_TOLD = frozenset(loose_stem(w) for w in "faster speedup speed-up memory FLOPs computation compute latency throughput saves saving reduction reduces".split())


def _asks_a_saving(stems: set[str]) -> bool:
    """Do the stems of an asked value or detail ask only an efficiency or a saving ("efficiency gains", "headline saving")?"""
    return bool(stems & (_EFFICIENCY | _SAVING)) and stems <= _EFFICIENCY | _GAIN | _STANDING
_SETTING_WORDS = frozenset(loose_stem(w) for w in "zero-shot few-shot one-shot fine-tuned fine-tuning linear-probe".split())
# ... unless the acronym is itself a measure: "F2 score" asks the F2 score, and "an 188% improvement in F2 score" is a change.
_MEASURE_ACRONYMS = frozenset("F1 F2 BLEU MAP AP AUC AUROC MOS FID ROUGE WER CER PSNR SSIM IoU mIoU EM NDCG MRR".split())


# Words for one change: a gain asked is an improvement stated, a reduction a decrease.
_CHANGE_WORDS = (
    frozenset(loose_stem(w) for w in "gain gains improvement improvements boost boosts increase increases uplift".split()),
    frozenset(loose_stem(w) for w in "reduction reductions reduce reduces reduced reducing decrease decreases drop drops saving savings cut cuts".split()),
)


# A gain told as a margin over others: "outperforms baseline methods by 25.8%", "beats X by 3 points".
_OUTPERFORMS_BY = re.compile(r"\b(?:outperform\w*|surpass\w*|beat|beats)\b[^.;]{0,80}?\bby\s+(?:up\s+to\s+|about\s+|over\s+|~)?\d", re.IGNORECASE)


# A change asked by its comparative alone ("how much better", "how much faster") and the words a sentence tells it with.
_COMPARATIVES = frozenset("better higher faster larger bigger greater stronger more".split())
_OUTPERFORMS = frozenset(loose_stem(w) for w in "outperforms outperform outperformed surpasses surpass beats beat".split())


# A figure written with its plus sign is a gain: "+11.16 on the EuroSAT dataset".
_SIGNED_GAIN = re.compile(r"(?<![\w+])\+\s?\d")


# A model size said of the field's models: "state-of-the-art 100B+ parameters models", "recent 7B models".
_OTHERS_SIZE = re.compile(r"\b(?:state-of-the-art|existing|recent|current|prior|previous|popular|modern|today's)\s+(?:[\w-]+\s+){0,2}?\d[\d.,]*\s*[KMBT]?\+?(?:[\s-]+(?:parameters?|params|billion|million))?[\s-]+(?:parameters?\s+)?(?:models|LLMs|LMs)\b", re.IGNORECASE)
_OWN_WORDS = re.compile(r"\b(?:we|our|us|this\s+(?:paper|work|study))\b", re.IGNORECASE)


_VALUE_ALTERNATIVES = re.compile(r"\s+/\s+|\s+or\s+")
_PER_WHAT = re.compile(r"(?<=\w)\s+per\s+(?:(?:target|each|new|source)\s+)?(?:task|language|domain|dataset)s?$", re.IGNORECASE)


_PERCENT_FIGURE = re.compile(r"\d(?:\.\d+)?\s?%")


def _capitals_typed_lowercase(question: str, sentence: str) -> bool:
    """Does the question type in lower case a name the sentence writes in capitals ("m2d-clap gtzan accuracy?" of
    "... ZS classification with a GTZAN state-of-the-art of 75.17%", dev20)?"""
    capitals = set(re.findall(r"\b[A-Z][A-Z0-9]{3,}\b", sentence))
    return any(word.upper() in capitals for word in re.findall(r"(?<![\w-])[a-z][a-z0-9]{3,}(?![\w-])", question))


def value_stated(value: str, question: str, hits: Sequence[PaperHit], one_paper: bool = False) -> bool:
    """Does a sentence of these papers give a figure together with what the question measures?

    The sentence must hold a number, every acronym of the value ("MOS", "AP"), and one of its
    other words; "learning" or "model" next to a number says nothing about a learning rate. A
    ratio, rate, score or accuracy (and any acronym measure) takes a figure in digits.
    `one_paper`: a fact asked of one paper, which states no figure for a name it never writes.
    """
    # What a figure is counted per says which figure, not what it measures: "parameters per target task" asks parameters, and a
    # sentence's "4.9% ... on question-answering tasks" is none (dev103).
    value = _PER_WHAT.sub("", value)
    # A measure asked as alternatives ("what AP / mAP does each one report?", dev103) is stated by a figure of either:
    # SpineNet gives "52.5% AP", Florence "62.4 mAP"; neither writes both acronyms.
    alternatives = [a for a in _VALUE_ALTERNATIVES.split(value) if a.strip()]
    if len(alternatives) > 1:
        return any(value_stated(a, question, hits, one_paper) for a in alternatives)
    acronyms, terms = value_terms(value)
    counted = counted_for(question, value)
    # A counted acronym is a thing, not a measure: "across how many pretrained LMs": "five pre-trained ... LMs" (dev39).
    # Nor is one naming what the counted things belong to: "how many GLUE tasks": "nine tasks from the GLUE benchmark" (dev55).
    in_digits = bool((acronyms and not counted) or terms & _DIGIT_MEASURES)
    condition = asked_condition(question)
    condition_names = asked_condition_names(question)
    # "which gets the higher absolute success rate?" compares levels: a gain told ("an average increase of
    # 5.0% success rate") is no absolute rate (dev31).
    asks_change = bool(_CHANGE_ASK.search(question)) and not _ABSOLUTE_LEVEL.search(question)
    zero_shot = bool(_ZERO_SHOT.search(question))
    # "what headline number", a gain or not; "what headline zero-shot numbers" too: the setting is read by
    # the zero-shot check below, and "ZS classification ... of 75.17%" gives it (dev28).
    any_figure = not acronyms and bool(terms & _ANY_FIGURE) and terms - _SETTING_WORDS <= _ANY_FIGURE | _STANDING
    measured_on = (names_written(question) or [""])[-1]
    share_asked = bool(_SHARE_HEAD.match(value))
    specific = singled_out(question)
    unit = asked_unit(question)
    model_size = _asks_model_size(terms)
    for hit in hits:
        text = paper_text(hit)
        if other_variant(question, text):
            continue  # "87.8 on Kinetics-600" is no figure "on Kinetics-400", "task A" none for "task B"
        picked = listed_picks(question, text, own=hit.own_names())
        if one_paper and foreign_names(question, hit, hits):
            continue  # "what XNLI gain did XLM-R report for Hindi?": its abstract gives Swahili and Urdu, never Hindi (dev31)
        for evidence in hit.sentence_scores or hit.evidence:
            # (A "-fold" figure is exact enough for a measure its acronym names: "a fourfold reduction in GPU memory footprint",
            # dev86; not for one word of the value, "footprint" for "carbon footprint", seen dev.)
            # (A list's enumerator is no figure: "two properties: 1) the flatness of loss landscape; and 2) ..." gives no attack
            # success rate, dev87.)
            unlisted = ENUMERATOR.sub(" ", evidence.text)
            if not (NUMBER.search(unlisted) or (acronyms and FOLD_FIGURE.search(evidence.text))) or not all(re.search(rf"\b{re.escape(a)}\b", evidence.text) for a in acronyms):
                continue
            if in_digits and not re.search(r"\d", unlisted) and not FOLD_FIGURE.search(evidence.text):
                continue
            if only_given_figures(question, evidence.text):
                continue
            if one_paper and _OTHERS_SIZE.search(evidence.text) and not _OWN_WORDS.search(evidence.text):
                continue  # "With the emergence of state-of-the-art 100B+ parameters models, ...": the field's models, not the paper's (dev44)
            if counted and not counts_noun(evidence.text, counted):
                continue
            if share_asked and not _SHARE_FIGURE.search(evidence.text):
                continue  # "what share of LAION-5B's pairs was flagged NSFW?": "5.85 billion ... pairs" counts them (dev30)
            if other_share(question, evidence.text) or ruled_out_variant(question, evidence.text) or opposite_setting(question, evidence.text) or other_eval_setting(question, evidence.text):
                continue
            if _counts_other_things(evidence.text, value, terms):
                continue  # "what memory bank size does SwAV use?": "... a mix of views ... in place of two full-resolution views" (dev58)
            if model_size and not _PARAMETER_SIZE.search(evidence.text) and flat(value) not in flat(evidence.text):
                continue  # "what model sizes do the Florence-2 models come in?": "5.4 billion comprehensive visual annotations" counts no parameters (dev57)
            if unit and not unit.search(evidence.text):
                continue  # "In hours, how long ...?": "using 1/10 training time" gives no hours (dev32)
            runs = flat_runs(evidence.text) if specific or picked else set()
            if specific and not specific <= runs:
                continue  # "For the 70B model specifically, ...": "10.2%-14.3% across 12 LLMs" is no figure for it (dev22)
            if picked and not any(flat(item) in runs for item in picked):
                continue  # "Pearson correlation for Qwen specifically": "NeuronXA achieves 0.9556" is over all five LLMs (dev21)
            if zero_shot and fine_tuned_figure(evidence.text, condition_names):
                continue  # "62.4 mAP on COCO fine tuning" is no zero-shot mAP on COCO (dev16)
            held = with_parts({loose_stem(w) for w in re.findall(r"[A-Za-z][A-Za-z0-9@-]+", evidence.text)}) if condition else set()
            if condition and not _meets(condition, held):
                continue  # "accuracy ranging from 3% to 20%" is no accuracy "on pulmonary nodule classification"
            if condition_names and not condition_names & held:
                continue  # "94.6% Dice ... on the LiTS challenge" is no Dice "on lung segmentation in the LIDC dataset" (dev15)
            if not asks_change and not any_figure and only_changes(evidence.text, terms | {a.lower() for a in acronyms}):
                continue  # "a 5% top-1 accuracy improvement on iNaturalist" is no top-1 accuracy reached there
            words = word_stems(evidence.text) | spaced_compounds(evidence.text) | acronym_long_forms(evidence.text, text)
            if "%" in evidence.text and terms & SHARE_WORDS:
                words = words | SHARE_WORDS  # "in up to 40.50% of cases" gives the share of cases
            if "%" in evidence.text and terms <= _UNIT_WORDS and measured_on and measured_on in names_written(evidence.text):
                # "By how many points does XLM-R beat mBERT in average XNLI accuracy?": "+14.6% average
                # accuracy on XNLI" (dev20); the sentence must name what the question measures on, its last
                # name ("the average SuperGLUE score": no TaskShop figure on SuperGLUE, dev17).
                words = words | _UNIT_WORDS
            if terms == {"accuracy"} and _PERCENT_FIGURE.search(evidence.text) and _capitals_typed_lowercase(question, evidence.text):
                # A percentage on the benchmark asked is its accuracy: "... ZS classification with a GTZAN state-of-the-art of
                # 75.17%" for "m2d-clap gtzan accuracy?" (dev20).
                words = words | terms
            for same in _CHANGE_WORDS:
                if terms & same and words & same:
                    words = words | same  # "what gain ... on speech-to-intent?": "20-30% (absolute) improvement in ..." (dev29)
            if terms & _CHANGE_WORDS[0] and _OUTPERFORMS_BY.search(evidence.text):
                words = words | _CHANGE_WORDS[0]  # "how big are the hIoU gains?": "outperforms baseline methods by 25.8% sim 44.7% hIoU" (dev41)
            if terms & _CHANGE_WORDS[0] and _SIGNED_GAIN.search(evidence.text):
                words = words | _CHANGE_WORDS[0]  # "What's the gain on EuroSAT?": "these steps give ... +11.16 on the EuroSAT dataset" (dev33)
            if gives_model_size(terms, evidence.text):
                words = words | _SIZE_WORDS  # "all the way up to the 27B model" gives the biggest model size (dev20)
            if gives_dataset(terms, evidence.text):
                words = words | terms  # "how big is the dataset?": "FLD-5B that consists of 5.4 billion ... annotations" (dev63)
            # "How many participants were in the human study?": "a large-scale human study (N=118)" counts them (dev9).
            sample_size = counted in PEOPLE and bool(SAMPLE_SIZE.search(evidence.text))
            # "what GTZAN score": "a GTZAN state-of-the-art of 75.17%" gives it; "score" only says a figure is asked (dev12).
            # A count of the noun asked is the figure asked, whatever words the question puts before the noun
            # ("how many downstream transfer tasks": "twelve standard transfer tasks", dev34).
            if (terms & words) or any_figure or (acronyms and (not terms or (terms <= _ANY_FIGURE and not acronyms & _MEASURE_ACRONYMS))) or sample_size or counted:
                return True
    return False


def acronym_long_forms(sentence: str, text: str) -> set[str]:
    """The words of the long forms the paper gives for the acronyms a sentence uses: "about 330 SHDA tasks" speaks
    of "semi-supervised heterogeneous domain adaptation", which the abstract spells out before "(SHDA)" (dev39)."""
    found: set[str] = set()
    for acronym in set(re.findall(r"\b([A-Z]{2,6})s?\b", sentence)):
        defined = re.search(rf"((?:[\w-]+\s+){{1,7}})\(\s*{acronym}s?\s*\)", text)
        if defined and spelled_out(acronym, defined.group(1)):
            found |= word_stems(defined.group(1))
    return found


def _meets(condition: set[str], held: set[str]) -> bool:
    """Does the sentence speak of what the figure is asked on? "math benchmarks" is met by "mathematical
    benchmarks" (dev30): a condition word of four letters or more may be the start of the sentence's."""
    return bool(condition & held) or any(len(c) >= 4 and any(h.startswith(c) for h in held) for c in condition)


# A question asking how a figure changed ("how much does X improve", "what gain", "by how much",
# "how many fewer FLOPs") is answered by a change; one asking what a figure is ("What top-1 accuracy
# does SpineNet reach on iNaturalist?") is not answered by "a 5% top-1 accuracy improvement" alone.
_CHANGE_ASK = re.compile(
    r"\b(?:improv\w*|gain(?:s|ed|ing)?|increas\w*|boost\w*|reduc\w*|decreas\w*|drops?|better|worse|fewer|more|less|faster|slower|higher|lower"
    r"|outperform\w*|beats?|margin|difference|differ|relative|compared?|over|than|speed-?ups?|sav(?:e|es|ed|ing|ings)|cuts?|shrinks?|by how much"
    r"|go(?:es)?\s+(?:up|down)|rises?|falls?|jumps?|climbs?|rais(?:e|es|ed|ing)|lift(?:s|ed)?|adds?|added|buys?|bought|brings?|brought)\b"
    # ... or one side against the other and how many points: "xlm-r vs mbert on NER - how many F1 points?" (dev92)
    r"|\b(?:vs\.?|versus)\s[^?]*\bhow\s+many\b[^?]*\bpoints\b",
    re.IGNORECASE,
)


# A level asked, not a change: "absolute" before the measure ("which gets the higher absolute success rate?",
# dev31), unless a change is asked too ("how large is its absolute accuracy gain", dev20; "how much absolute
# accuracy does that buy", dev10); or said outright, however a change is worded beside it ("what GPQA accuracy
# does it end up at (the actual score, not the gain)?", dev32).
_ABSOLUTE_LEVEL = re.compile(
    r"^(?!.*\b(?:gain(?:s|ed)?|improv\w*|increas\w*|boost\w*|drops?|decreas\w*|reduc\w*|chang\w*|differ\w*|points?|(?:by\s+)?how\s+much)\b).*\babsolute\s+[a-z]"
    r"|\bnot\s+the\s+(?:gain|improvement|increase|change|delta|difference|boost)\b",
    re.IGNORECASE,
)


# A figure told as a change: "5% top-1 accuracy improvement", "2.1 points higher", "improves ... by 3.2%".
_CHANGE_AFTER = re.compile(
    r"^\s*(?:%|x|×|points?|pp)?\s*(?:(?:[\w-]+\s+){0,3}?(?:improvements?|gains?|increases?|boosts?|lifts?|reductions?|drops?|decreases?|higher|lower|better|worse|fewer|more|less|faster|slower)\b"
    # "increasing box AP up to 4% (absolute) over supervised ... pre-training" (dev66): a margin over a baseline
    r"|(?:\((?:absolute|relative|abs\.?|rel\.?)\)\s*)?(?:over|above)\s+(?!\d))",
    re.IGNORECASE,
)


_CHANGE_BEFORE = re.compile(r"(?:\bby|\b(?:improvements?|gains?|increases?|boosts?|reductions?|drops?|decreases?)\s+of|[+±])\s*(?:up\s+to\s+|about\s+|over\s+|~)?$", re.IGNORECASE)


# A figure, a range ("10-20%") as one; a sign only after a space ("-11.97%"), not inside a name ("top-1").
_NAME_NUMBER = re.compile(r"[A-Za-z]")  # "8B", "3D", "6DoF": the number runs into a name
_NAMED_BEFORE = re.compile(r"\b[A-Z][A-Za-z]*[a-z][A-Za-z]*\s$|\b[A-Z]{2,}[-\s]$")  # "Llama 3.0", "GPT-4"
_SIGNED_FIGURE = re.compile(r"(?:(?<=\s)[+-]|(?<![\w.+-]))\d+(?:[.,]\d+)*(?:\s?[-–]\s?\d+(?:[.,]\d+)*)?")


def only_changes(sentence: str, measure: set[str] = frozenset()) -> bool:
    """Is every figure of the sentence told as a change (an improvement, a gain, "by 3%"), none as a level?
    `measure`: the asked measure's stems; when some figures are told with one of them ("a 5.3 absolute
    accuracy improvement ..., outperforming a model trained on 28,000 video samples"), only those count."""
    # A model's version or size is part of its name, no figure told ("Llama 3.0 8B", "3D", dev32).
    figures = [m for m in _SIGNED_FIGURE.finditer(sentence) if not _NAME_NUMBER.match(sentence, m.end()) and not _NAMED_BEFORE.search(sentence[: m.start()])]
    if measure:
        measured = [m for m in figures if measure & with_parts(word_stems(_figure_context(sentence, m)))]
        figures = measured or figures
    if not figures:
        return False
    for m in figures:
        before = sentence[max(0, m.start() - 20) : m.start()]
        if not (_CHANGE_AFTER.search(sentence[m.end() :]) or _CHANGE_BEFORE.search(before) or m.group().startswith(("+", "-"))):
            return False
    return True


def _figure_context(sentence: str, match: re.Match) -> str:
    """The words that say what a figure measures: those after it up to the next clause, and those
    before it back to the previous clause ("an improvement in F2 score" for "188%", not "and ... MAP")."""
    after = CLAUSE_BREAK.split(sentence[match.end() :], maxsplit=1)[0]
    before = CLAUSE_OR_FIGURE.split(sentence[max(0, match.start() - 60) : match.start()])[-1]
    return f"{before} {' '.join(after.split()[:6])}"


# A share asked ("what share of ...", "the percentage of ..."), not a unit ("percentage points"):
# given as a percentage or a fraction, never as a count.
_SHARE_HEAD = re.compile(rf"(?:{'|'.join(SHARE_NOUNS)})\b(?!\s+points?\b)", re.IGNORECASE)
_SHARE_FIGURE = re.compile(
    r"%|\bper\s?cent\b|\b\d+\s?/\s?\d+\b|\b(?:half|halves|thirds?|quarters?|fifths?|tenths?)\b|\b\d+\s+(?:out\s+)?of\s+(?:the\s+|all\s+)?\d+\b|\bone\s+in\s+\w+\b|(?<![\d.])0?\.\d+\b",
    re.IGNORECASE,
)
_SIZE_WORDS = frozenset({loose_stem("size"), loose_stem("sizes")})
# What a model's size is asked with ("the biggest language model size", "what size range"); not a
# vocabulary, batch or dataset size, which "Mistral-7B" or "50 million" do not give.
_MODEL_SIZE_WORDS = frozenset(loose_stem(w) for w in "model models language range biggest largest smallest family parameter parameters".split())


def _counts_other_things(sentence: str, value: str, terms: set[str]) -> bool:
    """Is a size asked ("memory bank size") of a sentence that never says "size" and whose every figure counts other
    things ("two full-resolution views")? Then it gives no size."""
    words = value.lower().split()
    if not words or loose_stem(words[-1]) not in _SIZE_WORDS or re.search(r"\bsizes?\b", sentence, re.IGNORECASE):
        return False
    figures = list(NUMBER.finditer(sentence))
    if not figures:
        return False
    for figure in figures:
        if not re.fullmatch(r"\d+|[a-z]+", figure.group(), re.IGNORECASE):
            return False  # "4.18%", "7B", "1.5": a measure, not a count
        counted = re.match(r"\s+(?:[\w-]+\s+){0,2}?(?P<noun>[a-z][a-z-]*?s)\b", sentence[figure.end() :])
        if counted is None or loose_stem(counted.group("noun")) in terms:
            return False
    return True


# A figure that is a model's size: written on the model or its parameters ("7B model", "340M parameters", "13MM
# parameters"), or a size standing alone ("2B, 9B and 27B"); not one counting other things ("5.4 billion ... annotations").
_PARAMETER_SIZE = re.compile(
    r"(?<![\w.])\d+(?:\.\d+)?\s?(?:B|MM|M|billion|million)\b(?:[\s-]+(?:parameters?|params|models?|LLMs?|LMs?|variants?|versions?|scale)\b|(?![\s-]+[a-z]))",
    re.IGNORECASE,
)


def _asks_model_size(terms: set[str]) -> bool:
    """Is a model size asked: the value's words are "size" and a model's words?"""
    return bool(terms & _SIZE_WORDS) and terms - _SIZE_WORDS <= _MODEL_SIZE_WORDS | {loose_stem("language-model")}


def gives_model_size(terms: set[str], sentence: str) -> bool:
    """Is a model size asked and does the sentence give one ("from the 2B one all the way up to the 27B model")?"""
    return _asks_model_size(terms) and bool(_MODEL_SIZE.search(sentence))


def names_written(text: str) -> list[str]:
    """The words a text writes as names ("XNLI", "XLM-R", "mBERT"), lowercased, in order."""
    return [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", text) if written_as_name(w)]


# Words that say in what unit a measure is counted, not which measure: "BLEU points", "F1 points".
_UNIT_WORDS = frozenset({"point", "percentage", "pp"})


def condition_figure_stated(question: str, hits: Sequence[PaperHit]) -> bool:
    """Does a sentence of these papers give a figure on what the question asks it on? True when it
    asks it on nothing. For amounts asked in words too involved to name the measure ("How much does
    FLARE improve over LoRA on XNLI?"): a figure on another dataset is no answer."""
    condition = asked_condition(question)
    if not condition:
        return True
    key = asked_condition_key(question)
    # An acronym asked on may be spelled out: "on QA" is met by "on question-answering tasks" (dev49).
    acronyms = {loose_stem(w): w for w in re.findall(r"\b[A-Z]{2,6}s?\b", asked_condition_text(question))}

    def meets(text: str) -> bool:
        held = with_parts(word_stems(text))
        return bool(condition & held) and all(k in held or (k in acronyms and spelled_out(acronyms[k], text)) for k in key)

    return any(
        NUMBER.search(e.text) and meets(e.text)
        for hit in hits if not other_variant(question, paper_text(hit))
        for e in hit.sentence_scores or hit.evidence
    )


_VARIANT = re.compile(r"\b(?P<base>[A-Za-z][A-Za-z]+)[- ]?(?P<number>\d+)(?P<unit>[kKmM]?)\b")


_LETTERED = re.compile(r"\b(?P<base>task|sub-?task|track|part|setting|split|phase)\s+(?P<letter>[A-Z])\b", re.IGNORECASE)


# "1.0% of the parameters", "2.2% model parameters", "1.0%-2.0% tunable parameters": a share of
# something, its figures and the word or two after them.
_SHARE_OF = re.compile(r"(?<![\w.])(?P<low>\d+(?:\.\d+)?)%?(?:\s?[-–]\s?(?P<high>\d+(?:\.\d+)?))?\s?%\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?(?P<words>(?:[\w'’-]+\s+)?[A-Za-z]+)")


def _shares(text: str) -> list[tuple[tuple[float, float], set[str]]]:
    """((low, high), stems of the words after) for each share a text gives."""
    found = []
    for m in _SHARE_OF.finditer(text):
        low = float(m.group("low"))
        found.append(((low, float(m.group("high") or low)), {loose_stem(w.lower()) for w in re.findall(r"[A-Za-z]+", m.group("words"))}))
    return found


# "against GPT-4o (the full model, not the Mini)": a named variant the question rules out.
# "not the Mini", "with a ViT backbone instead of a ResNet" (dev7: "75.3% ... with ResNet-50" is not the ViT's).
_RULED_OUT = re.compile(r"\b(?:not|excluding|except|instead\s+of|rather\s+than)\s+(?:the\s+|an?\s+)?(?P<name>[A-Z][\w.]*)")


def ruled_out_variant(question: str, sentence: str) -> bool:
    """Does the sentence name a variant the question rules out ("not the Mini" against "win rate
    against GPT-4o-Mini", dev3 d3-052)? Its figures are for that variant, not the one asked."""
    parts = {p.lower() for p in re.findall(r"[\w.]+", sentence.replace("-", " "))}
    return any(m.group("name").lower() in parts for m in _RULED_OUT.finditer(question))


_ZERO_SHOT = re.compile(r"\b(?:zero|0)[- ]?shot\b|\bwithout\s+(?:any\s+)?fine[- ]?tun", re.IGNORECASE)
_FINE_TUNED = re.compile(r"\bfine[- ]?tun(?:e|ed|ing)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[,;]\s+|\s+(?:and|while|whereas)\s+")


def fine_tuned_figure(sentence: str, names: set[str]) -> bool:
    """Is every figure of the sentence on what the question names (every figure, if it names nothing)
    given after fine-tuning, none zero-shot ("... zero-shot classification with top-1 accuracy of 83.74,
    62.4 mAP on COCO fine tuning, ...": COCO's figure is fine-tuned)? Read clause by clause."""
    clauses = [c for c in _CLAUSE.split(sentence) if NUMBER.search(c)]
    if names:
        clauses = [c for c in clauses if names & {loose_stem(w) for w in re.findall(r"[A-Za-z][A-Za-z0-9@-]+", c)}]
    return bool(clauses) and all(_FINE_TUNED.search(c) and not _ZERO_SHOT.search(c) for c in clauses)


# How a pretrained model is evaluated: a figure in one setting says nothing of another.
_EVAL_SETTINGS = {
    # "0-shot speech-to-intent classification" is zero-shot, not a count of shots (dev29).
    "zero-shot": re.compile(r"\b(?:zero|0)[- ]?shot\b", re.IGNORECASE),
    "few-shot": re.compile(r"\b(?:few|one|[1-9]\d*)[- ]?shot\b", re.IGNORECASE),
    "linear probe": re.compile(r"\blinear[- ]?prob(?:e|es|ed|ing)\b", re.IGNORECASE),
}


def other_eval_setting(question: str, sentence: str) -> bool:
    """Does the sentence give its figures in another evaluation setting than the question asks, and
    not in the asked one ("imagenet-1k linear probe top-1?" against "ImageNet-1K zero-shot
    classification with top-1 accuracy of 83.74", dev23)?"""
    asked = {name for name, pattern in _EVAL_SETTINGS.items() if pattern.search(question)}
    given = {name for name, pattern in _EVAL_SETTINGS.items() if pattern.search(sentence)}
    return bool(asked and given and not asked & given)


# "single-source" / "multi-source", "monolingual" / "multilingual": one setting and its opposite.
_COUNTED_SETTING = re.compile(r"\b(?P<count>single|multi|mono|uni)-?(?P<head>[a-z]{4,})\b", re.IGNORECASE)


def opposite_setting(question: str, sentence: str) -> bool:
    """Does the sentence give its figure for the opposite of a setting the question asks it for
    ("the single-source DistillNearest variant" against "their multi-source method outperforms
    the baselines by 5.6%-points", dev4 d4-049), and not for the asked one too?"""
    asked = {(m.group("count").lower(), m.group("head").lower()) for m in _COUNTED_SETTING.finditer(question)}
    given = {(m.group("count").lower(), m.group("head").lower()) for m in _COUNTED_SETTING.finditer(sentence)}
    if any((count, head) not in given and any(h == head and c != count for c, h in given) for count, head in asked):
        return True
    # A direction: "translating from English into the zero-shot languages" against "7.1 BLEU on zero-shot
    # any-to-English test sets" (dev10): English is where the question starts and where the figure ends.
    sources, targets = _languages(question)
    given_sources, given_targets = _languages(sentence)
    return bool((sources & given_targets) - given_sources or (targets & given_sources) - given_targets)


# A language a translation starts or ends at: "from English", "out of English", "English-to-X",
# "English into ..." start there; "into English", "to English", "X-to-English", "any-to-English" end there.
_FROM_LANGUAGE = re.compile(r"\b(?:from|out\s+of)\s+(?P<a>[A-Z][a-z]+)\b|\b(?P<b>[A-Z][a-z]+)[- ]to[- ](?![Ee]nd\b)|\b(?P<c>[A-Z][a-z]+)\s+into\b")
_TO_LANGUAGE = re.compile(r"\b(?:into|to)[- ](?P<a>[A-Z][a-z]+)\b")


def _languages(text: str) -> tuple[set[str], set[str]]:
    """The capitalised words a text translates from and into (read only where both sides name one)."""
    sources = {next(g for g in m.groups() if g) for m in _FROM_LANGUAGE.finditer(text)}
    targets = {m.group("a") for m in _TO_LANGUAGE.finditer(text)}
    return sources, targets


def other_share(question: str, sentence: str) -> bool:
    """Does the sentence give its figures with another share than the question fixes ("when it tunes
    only 1.0% of the parameters" against "49.7% recall@1 with 2.2% model parameters", dev4)? Then
    they are figures of another setting. A range holding the question's figure gives it."""
    given = _shares(sentence)
    for (figure, _), asked in _shares(question):
        counted = asked - GENERIC - {"total"}
        ranges = [(low, high) for (low, high), words in given if counted & words]
        if ranges and not any(low - 1e-9 <= figure <= high + 1e-9 for low, high in ranges):
            return True  # shares of the same thing, none of them the asked one
    return False


# An enumeration of names: three or more items of one to three words, commas between, "and" / "or"
# before the last ("LLaMA, Qwen, Mistral, GLM, and OLMo"; "VGG16, VGG19, Inception-v3, InceptionResNet-v2, and Xception").
_WORD = r"[\w+/-]+(?:\.[\w+/-]+)*"  # "GPT-3.5" whole, a full stop after the last item not
_ITEM = rf"{_WORD}(?:\s{_WORD}){{0,2}}"
_ENUMERATION = re.compile(rf"(?:{_ITEM},\s+){{2,}}(?:and\s+|or\s+)?{_ITEM}|(?:{_ITEM},\s+){{1,}}{_ITEM},?\s+(?:and|or)\s+{_ITEM}")


def listed_picks(question: str, abstract: str, own: Sequence[str] = ()) -> set[str]:
    """The items of one of the abstract's enumerations of names the question picks out, when it names
    some of them but not all: a figure asked "for Qwen specifically", or of "the Xception variant",
    must be stated with Qwen or Xception; a sentence naming none of them gives the figure over all
    (or, "for the Inception-v3 model", another one). Items are names (a capital or a digit after the
    first letter, or two capitals): "images, videos and 3D scenes" lists no alternatives a figure is told for."""
    runs = flat_runs(question)
    # ... also as the last part of a hyphened name: "AgriNet-Xception" picks the Xception of the list (dev35).
    # Not of the paper's own name (`own`): "VL-Adapter's image-text experiments" picks no "Adapter" (dev55).
    own_flat = {flat(n) for n in own}
    runs |= {flat(w.rsplit("-", 1)[1]) for w in re.findall(r"[A-Za-z][\w.]*-[A-Za-z][\w.]*", question) if flat(w) not in own_flat}
    # ... and as the first part of "<name>-based": "the Xception-based AgriNet model" picks Xception (dev68).
    runs |= {flat(m.group(1)) for m in re.finditer(r"([A-Za-z][\w.]*)-(?:based|style|like|powered|backed)\b", question)}
    for match in _ENUMERATION.finditer(abstract):
        items = [re.sub(r"^(?:and|or)\s+", "", i.strip()) for i in re.split(r",\s+|\s+(?:and|or)\s+", match.group())]
        names = [i for i in items if i and " " not in i and (written_as_name(i) or (i[:1].isupper() and i[1:].islower() and len(i) > 2))]
        if len(names) < 3 or len(names) < len(items) - 1:
            continue
        picked = {n for n in names if flat(n) in runs}
        if picked and len(picked) < len(names):
            return picked
    return set()


# What a figure is asked for "specifically" ("for the 70B model specifically", "specifically for Qwen",
# "on SST-2 alone"): one of several the paper reports on, singled out.
_SINGLED_OUT = re.compile(
    r"\b(?:for|on|with|in|at|of)\s+(?:the\s+|its\s+)?(?P<what>[^?,;]{1,40}?)\s+(?:specifically|in\s+particular|alone)\b"
    r"|\b(?:specifically|in\s+particular)\s*,?\s+(?:for|on|with|in|at|of)\s+(?:the\s+|its\s+)?(?P<after>[^?,;]{1,40})",
    re.IGNORECASE,
)


def singled_out(question: str) -> set[str]:
    """The names (flattened) of what a question asks a figure for specifically: its words written as
    names or with a digit ("70B", "Qwen", "SST-2"); a sentence giving the figure must name them all.
    Empty when the question singles nothing out or words it without a name ("for the largest model alone")."""
    match = _SINGLED_OUT.search(question)
    if not match:
        return set()
    words = re.findall(r"[\w.+/-]+", match.group("what") or match.group("after"))
    return {flat(w) for w in words if flat(w) and (written_as_name(w) or re.search(r"\d", w) or (w[:1].isupper() and w.lower() not in GENERIC))}


def foreign_names(question: str, hit: PaperHit, hits: Sequence[PaperHit] = ()) -> list[str]:
    """The names a question asks a figure on or for that the paper never writes, in any spelling ("for
    Hindi" of XLM-R's abstract, which gives Swahili and Urdu): a figure it states is for something
    else. A name starts with a capital and has another capital or a digit inside ("XNLI",
    "ResNet50"), or is a capitalised word past the question's first; the names of retrieved papers
    (a baseline compared with) are not counted, nor a word the abstract writes in part ("ImageNet"
    for "ImageNet-1k")."""
    written = paper_text(hit)
    text = flat(written)
    titles = flat(" ".join(f"{h.paper.title} {h.card.name if h.card else ''}" for h in hits))
    foreign: list[tuple[int, int]] = []  # spans of the question, neighbouring names joined
    for match in re.finditer(r"[A-Za-z][\w+]*(?:[-./][\w+]+)*", question):
        word = re.sub(r"['’]s$", "", match.group())
        word = word[:-1] if re.fullmatch(r"[A-Z][A-Z0-9]+s", word) else word  # "for GNNs" of "detailed GNN training information" (dev59)
        first = not question[: match.start()].strip() or question[: match.start()].rstrip()[-1:] in ".:;?!"
        # A name starts with a capital: "seq2seq", "sim2real" or a paper name typed lowercase are shorthand.
        if not word[:1].isupper() or not (written_as_name(word) or not first) or word.lower() in GENERIC:
            continue
        parts = [flat(p) for p in re.split(r"[-.]", word) if len(flat(p)) >= 3] or [flat(word)]
        # Names paired by a slash are each written: "Chinese/English" of an abstract writing both (dev58).
        paired = "/" in word and all(flat(p) in text for p in word.split("/") if flat(p))
        if paired or flat(word) in text or any(p in text for p in parts) or flat(word) in titles or (word.isupper() and spelled_out(word, written)):
            continue  # ... nor an acronym the abstract spells out ("QA": "question-answer pairs")
        if foreign and not question[foreign[-1][1] : match.start()].strip():
            foreign[-1] = (foreign[-1][0], match.end())  # "NIH ChestX-ray14" is one name
        elif _CONDITION_BEFORE.search(question[: match.start()]):
            foreign.append((match.start(), match.end()))
    return [re.sub(r"['’]s$", "", question[a:b]) for a, b in foreign]


# Where a name says what a figure is asked on or for: "for Hindi", "on ObjectNet", "with a ViT-B/16
# backbone". A name elsewhere is how the asker describes the paper, in words of their own.
_CONDITION_BEFORE = re.compile(r"\b(?:for|on|in|at|with)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)


# A figure asked in a unit ("In hours, how long ...", "how much memory in GB") is stated in one of its kind.
_UNITS = {
    "time": r"(?:hours?|hrs?|h|minutes?|mins?|seconds?|secs?|s|ms|milliseconds?|days?|weeks?|months?)",
    "memory": r"(?:[KMGT]B|[kKMGT]iB|bytes?|kilobytes?|megabytes?|gigabytes?|terabytes?)",
}
_UNIT_ASKED = re.compile(
    r"\bin\s+(?:(?P<time>hours|minutes|seconds|milliseconds|ms|days|weeks)|(?P<memory>GB|MB|TB|gigabytes|megabytes|terabytes|bytes))\b",
    re.IGNORECASE,
)


def asked_unit(question: str) -> re.Pattern | None:
    """The units a figure asked "in hours" (any time unit) or "in GB" (any memory unit) is stated in, or None."""
    match = _UNIT_ASKED.search(question)
    if not match:
        return None
    kind = "time" if match.group("time") else "memory"
    return re.compile(rf"\d[\d.,]*\s?(?:-\s?)?{_UNITS[kind]}\b", re.IGNORECASE)


def flat_runs(text: str) -> set[str]:
    """The text's runs of one to three words, flattened ("Inception-v3" -> "inceptionv3")."""
    words = [flat(w) for w in text.split()]
    return {"".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words))}


def other_variant(question: str, abstract: str) -> bool:
    """Does the abstract name only another variant of what the figure is asked on: "Kinetics-600"
    but never "Kinetics-400" nor a bare "Kinetics" for "on Kinetics-400", "task A" but never "task B"?
    Only a variant the abstract does name counts against it: a name written some other way, or not
    at all, is left to the other checks (an abstract may say "ResNet50" or name the backbone nowhere)."""
    match = CONDITION.search(question)
    if not match:
        return False
    what = match.group("what")
    for asked in _VARIANT.finditer(what):
        base, number = asked.group("base"), asked.group("number")
        found = [m for m in _VARIANT.finditer(abstract) if m.group("base").lower() == base.lower()]
        bare = re.search(rf"(?<![\w-]){re.escape(base)}(?![\w-]|[- ]?\d)", abstract, re.IGNORECASE)
        if found and not bare and all(m.group("number") != number for m in found):
            return True
    for asked in _LETTERED.finditer(what):
        if not asked.group("letter").isupper():
            continue
        named = [m.group("letter") for m in _LETTERED.finditer(abstract) if _lettered_base(m) == _lettered_base(asked) and m.group("letter").isupper()]
        if named and asked.group("letter") not in named:
            return True
    # "with a Faster R-CNN detector" where the abstract gives figures "with a MaskR-CNN detector"
    # and "with a RetinaNet detector", and Faster R-CNN nowhere (dev2).
    written: set[str] | None = None  # the abstract's runs of 1-3 words, flattened: built only when a component is asked
    for asked in HEADED.finditer(what):
        if written is None:
            written = flat_runs(abstract)
        name = asked.group("name")
        if flat(name) in written or flat(name.split()[-1]) in written:  # "Which RetinaNet detector" names RetinaNet
            continue
        head = asked.group("head").lower()
        if any(m.group("head").lower() == head and flat(m.group("name")) for m in HEADED.finditer(abstract)):
            return True
    return False


def _lettered_base(match: re.Match) -> str:
    """What a lettered part is of, "subtask B" read as the abstract's "task A" is (dev27)."""
    return match.group("base").lower().removeprefix("sub").lstrip("-")


# A model's size as papers write it: "7B", "13B", "1.5B-parameter", "70 billion", "560M".
# A model's size by its variant's name: "BERT-Medium", "ViT-Large".
_SIZE_VARIANT = re.compile(r"(?<![\w-])[A-Za-z][\w]*-(?:[Bb]ase|[Ll]arge|[Mm]edium|[Ss]mall|[Tt]iny|[Mm]ini|XL|XXL|[Hh]uge|[Gg]iant)\b")
_MODEL_SIZE = re.compile(r"(?<![\w.])(?P<number>\d+(?:\.\d+)?)\s?(?P<unit>B|MM|M|billion|million)(?![\w])", re.IGNORECASE)  # "13MM parameters" (dev35)


def _sizes(text: str) -> set[str]:
    return {f"{float(m.group('number')):g}{m.group('unit')[0].upper()}" for m in _MODEL_SIZE.finditer(text)}


def unstated_size(question: str, hit: PaperHit) -> str:
    """A model size the question puts to a paper whose abstract gives other sizes, never this one
    ("moved from a 7B model to a 70B model" of the Lookback Lens, which speaks of 7B and 13B, dev9):
    the paper did not study it, so it says nothing of it. "" otherwise (also when it gives no size)."""
    given = _sizes(paper_text(hit)) if _MODEL_SIZE.search(question) else set()
    missing = [m.group() for m in _MODEL_SIZE.finditer(question) if given and _sizes(m.group()) - given]
    return missing[0] if missing else ""


# An architecture by its variant ("ViT-B/16", "ResNet-50", "ViT-g/14", "EfficientNet-B0"), as a
# question puts it: "with a ViT-B/16 backbone", "using ResNet-101", "a ViT-L/14 image model".
_ARCH_VARIANT = r"[A-Z][A-Za-z]+-(?:[A-Za-z]{1,2}/\d+|[A-Za-z]{0,2}\d+(?:/\d+)?)"
_ARCHITECTURE_ASKED = re.compile(
    rf"\b(?:with|using|on)\s+(?:a|an|the)?\s*(?P<after>{_ARCH_VARIANT})(?![\w/-])"
    rf"|(?P<before>{_ARCH_VARIANT})\s+(?:backbone|encoder|image\s+(?:model|encoder|tower)|architecture)\b"
    # "... when the locked image tower is a ResNet-50?" (dev16)
    rf"|\b(?:backbone|encoder|tower|architecture)\s+(?:is|was|being)\s+(?:a|an|the)?\s*(?P<is>{_ARCH_VARIANT})(?![\w/-])"
)
_VARIANT_WRITTEN = re.compile(rf"(?<![\w-]){_ARCH_VARIANT}(?![\w/-])")


def unstated_architecture(question: str, hit: PaperHit) -> str:
    """An architecture variant the question puts to a paper whose abstract gives other variants, never
    this one ("SwAV top-1 with a ViT-B/16 backbone?" of SwAV, which reports ResNet-50; "LiT with a
    ViT-B/16 image model" of LiT's ViT-g/14, dev14, dev15): it reports no results for it. "" otherwise."""
    asked = [m.group("after") or m.group("before") or m.group("is") for m in _ARCHITECTURE_ASKED.finditer(question)]
    if not asked:
        return ""
    given = {_flat_variant(v) for v in _VARIANT_WRITTEN.findall(paper_text(hit))}
    missing = [a for a in asked if given and _flat_variant(a) not in given]
    return missing[0] if missing else ""


def unstated_variant(question: str, hit: PaperHit) -> str:
    """A numbered variant the question names ("SpineNet-49", "ResNet-50", "Kinetics-400") of a family whose
    other members the paper's abstract names, never this one ("SpineNet-190 achieves 52.5% AP ...", dev20):
    the abstract reports nothing on it. "" otherwise (also when the abstract names no member of the family)."""
    text = paper_text(hit)
    flat_text = _flat_variant(text)
    for asked in _VARIANT.finditer(question):
        base, number = asked.group("base"), asked.group("number")
        if not base[0].isupper() or _flat_variant(asked.group()) in flat_text:
            continue
        members = {m.group("number") for m in _VARIANT.finditer(text) if m.group("base").lower() == base.lower()}
        if members and number not in members:
            return asked.group()
    return ""


def unstated_variant_in(question: str, hits: Sequence[PaperHit]) -> str:
    """`unstated_variant` of a question naming no paper, only its variant ("What COCO AP does
    SpineNet-49 achieve ...?", dev25): of one of the three closest papers, when no close paper
    names the variant asked."""
    for hit in hits[:3]:
        variant = unstated_variant(question, hit)
        if variant and not any(_flat_variant(variant) in _flat_variant(paper_text(h)) for h in hits):
            return variant
    return ""


def _flat_variant(variant: str) -> str:
    return re.sub(r"[\s-]", "", variant).lower()


_BASELINE_CUES = frozenset("outperforms outperform outperformed outperforming surpasses surpass surpassed beats beat than versus vs".split())


_MAGNITUDES = frozenset("tens dozens hundreds thousands millions billions trillions".split())


def counts_noun(sentence: str, noun: str, besides: frozenset[str] = frozenset()) -> bool:
    """Does a number in the sentence count the noun: "24 languages", "5-qubit system", "6k evaluation
    trials", "5.4 billion comprehensive visual annotations"? "10K polite sentence rewrites" counts
    rewrites, not the annotators a question asked about. A study's "(N=118)" counts its people.
    `besides`: figures the question itself gives ("66" of "how many of its 66 tasks"), which count nothing asked."""
    if noun in PEOPLE and SAMPLE_SIZE.search(sentence):
        return True
    words = re.findall(r"[\w.,%×-]+", sentence)
    for index, word in enumerate(words):
        if any(w.lower() in _BASELINE_CUES for w in words[max(0, index - 2) : index]):
            continue  # "outperforms the 175B parameter GPT-3": the baseline's count, not the paper's (dev11)
        if word.lower() in _MAGNITUDES:
            continue  # "from millions to billions of parameters" says how large, not how many (dev12)
        if re.search(r"\d", word) and re.sub(r"[^\d.,]|[.,]$", "", word) in besides:
            continue
        if re.search(r"\d", word) or NUMBER.fullmatch(word):  # "24", "6k", "2T", "1.5B", "7B-parameter", "five"
            after = words[index + 1 : index + 6]  # "10 recently published SentEval probing tasks" (dev16)
            cut = next((i for i, w in enumerate(after) if re.fullmatch(r"[\d.,%×]+", w)), len(after))
            near = [word, *after[:cut]]  # ... up to the next figure: "709 datasets that target 66 tasks" counts datasets
            # A compound before a plural modifies what is counted: "120,000 task-model combinations" counts combinations, not tasks (dev130).
            # (A plural compound is the head, and a comma ends the phrase: "246 retrospective chest X-rays, clinicians ...".)
            near = " ".join(w for i, w in enumerate(near) if not (i > 0 and re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z]+)+(?<!s)", w) and i + 1 < len(near) and re.fullmatch(r"[a-z]{3,}s", near[i + 1])))
            if noun in with_parts({loose_stem(w) for w in re.findall(r"[A-Za-z][A-Za-z-]*", near)}) | {loose_stem(w) for w in re.findall(r"[A-Za-z]+", near)}:
                return True  # "246 retrospective chest X-rays" counts x-rays, "7B-parameter" parameters
    return False


# Where a paper's code, models or data are released ("Where is the code for Self-Translate-Train
# released?", dev29), or whether they are: an abstract says it with a link or "code is available",
# or not at all. The answer is never a sentence that merely names the method.
_RELEASED_THING = r"(?:code|source\s+code|implementation|weights|checkpoints?|models?|data(?:sets?)?)"
_RELEASED = r"(?:released|available|hosted|published|open-?sourced|shared|downloadable)"
_WHERE_RELEASED = re.compile(
    rf"\bwhere\s+(?:is|are|can|could|do|does|did|was|were|has|have)\b[^?]*\b{_RELEASED_THING}\b[^?]*\b(?:{_RELEASED}|found|downloaded|obtained|get)\b"
    # ... the getting said first: "where can I download the Spanish TrOCR models?" (dev115)
    rf"|\bwhere\s+(?:can|could|do|does|should|would)\s+(?:I|we|one|you|people)\s+(?:download|get|find|obtain|access|grab)\b[^?]*\b{_RELEASED_THING}\b"
    # ... the thing named first: "tinysam pretrained models and code - besides github, where are they being released?" (dev125)
    rf"|\b{_RELEASED_THING}\b[^?]*\bwhere\s+(?:is|are|was|were|will)\s+(?:it|they|these|those|them)\s+(?:be\s+|being\s+)?{_RELEASED}"
    r"|\b(?:url|github\s+(?:link|repo\w*)|(?:code|project)\s+(?:repository|repo|link|page))\b",
    re.IGNORECASE,
)
_WHETHER_RELEASED = re.compile(rf"\b(?:is|are|was|were|has|have)\s+(?:the\s+|its\s+|their\s+)?{_RELEASED_THING}\b[^?]*\b(?:{_RELEASED}|public(?:ly)?)\b", re.IGNORECASE)
# ... or a hub named: "made freely available for download and on TF Hub" (dev64).
_LINK = re.compile(r"https?://|\bgithub\b|\bwww\.|\b[\w-]+\.(?:com|org|io|net|dev)\b|\bhugging\s?face\b|\b(?:TF|TensorFlow|PyTorch)\s?Hub\b|\bavailable\s+(?:at|from|on)\b", re.IGNORECASE)
_RELEASE_SAID = re.compile(rf"https?://|\b{_RELEASED_THING}\b[^.]*\b(?:{_RELEASED}|public(?:ly)?)\b|\b(?:release|open-?source)\w*\b[^.]*\b{_RELEASED_THING}\b", re.IGNORECASE)


def release_sentence(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence answering a question about a release: the one giving the place ("... are publicly available on
    HuggingFace", dev115) when asked where, the one speaking of releasing when asked whether; None when the question asks
    neither or no sentence says it. Lines elsewhere leave such sentences out (`evidence_lines.quotable`): here they are the answer."""
    if _WHERE_RELEASED.search(question):
        says = _LINK
    elif _WHETHER_RELEASED.search(question):
        says = _RELEASE_SAID
    else:
        return None
    return next((e for e in hit.sentence_scores if says.search(e.text)), None)


def unstated_release(question: str, hits: Sequence[PaperHit]) -> str:
    """What the question asks about a release that none of these abstracts says: "where the code is
    released" when none gives a link, "whether the code is released" when none speaks of releasing
    anything; "" when the question asks no such thing or an abstract says it."""
    if _WHERE_RELEASED.search(question):
        return "" if any(_LINK.search(paper_text(h)) for h in hits) else "where it is released"
    if _WHETHER_RELEASED.search(question):
        return "" if any(_RELEASE_SAID.search(paper_text(h)) for h in hits) else "whether it is released"
    return ""


# The answers a question offers to choose from, at its end: after a dash or colon ("... teacher ViT trained with - MAE, DINO,
# supervised?", dev105), in brackets after what is asked ("Which RL algorithm (PPO, REINFORCE, ...) does DAS use ...?"), or as
# the closing "A or B" ("Was ConSERT built on BERT-base or BERT-large?", "..., Gaussian or uniform?", dev104).
_OFFERED_AFTER = re.compile(r".*(?:\s[-–—]+\s|:\s)(?P<options>[^?:–—()]+)\?\s*$")  # after the last dash or colon
_OFFERED_BRACKETED = re.compile(r"\((?P<options>[^()]*,[^()]*)\)")
_OFFERED_PAIR = re.compile(r"(?P<before>[^,?]+?)\s+or\s+(?P<last>[^?,]+)\?\s*$")
_OPTION_SPLIT = re.compile(r"\s*,\s*(?:or\s+)?|\s+or\s+")  # not at a slash: "ViT-B/32" is one option
# What leaves the choice open ("or something else", "e.g.", "...") and words of asking, which no offered answer holds.
_OPEN_OPTION = re.compile(r"^(?:something|anything|some|other|others|another|neither|none|both|either|etc|not|else)\b|^\.+$", re.IGNORECASE)
_ASKING_WORD = re.compile(r"\b(?:which|what|how|why|when|where|who|does|did|do|is|are|was|were|can|could|would|should|each|one|they|it|its|their|vs|versus)\b", re.IGNORECASE)
_OPTION_WORDS = 3
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)  # "ResNet-50, a ViT?" offers "ViT"
_EXAMPLE_MARK = re.compile(r"^(?:e\.\s?g\.?|i\.\s?e\.?|such\s+as|like)\s*,?\s*", re.IGNORECASE)  # "(e.g. REINFORCE, DQN)" offers "REINFORCE"


def offered_options(question: str) -> list[str]:
    """The answers the question offers to choose from (see _OFFERED_AFTER), when at least two are offered, each a
    short phrase and one of them written as a name (a capital, a digit or a hyphen), or all followed by "..." or "etc."
    ("(medical, legal, finance...)"): "help or hurt" offers no names; [] otherwise. The readings are tried in turn: after
    a colon or dash, the question may still ask before its offer ("diff pruning - which pretrained model were the GLUE
    experiments run on, BERT-large or RoBERTa?", dev115), and the closing "A or B" is then the offer."""
    found = _OFFERED_AFTER.search(question) or _OFFERED_BRACKETED.search(question)
    if found:
        # Offered with "..." or "etc." after them ("which vertical domains (medical, legal, finance...)?", dev114), plain words are
        # answers offered too: the asker names the kind of answer expected, and says there are more of it.
        open_ended = bool(_MORE_OFFERED.search(found.group("options")))
        options = _OPTION_SPLIT.split(found.group("options").strip())
        options = [_ARTICLE.sub("", _EXAMPLE_MARK.sub("", _MORE_OFFERED.sub("", o).strip(" .?"))) for o in options]
        options = _offered([o for o in options if o and not _OPEN_OPTION.match(o)], open_ended)
        if options:
            return options
    if pair := _OFFERED_PAIR.search(question):
        last = pair.group("last").strip()
        # The first option has as many words as the last: "built on BERT-base or BERT-large" offers "BERT-base".
        first = " ".join(pair.group("before").split()[-len(last.split()) :])
        return _offered([o for o in (_ARTICLE.sub("", first), _ARTICLE.sub("", last)) if o and not _OPEN_OPTION.match(o)], False)
    return []


def _offered(options: list[str], open_ended: bool) -> list[str]:
    """The options when they read as answers offered (see offered_options), else []."""
    if len(options) < 2 or any(len(o.split()) > _OPTION_WORDS or _ASKING_WORD.search(o) for o in options):
        return []
    if not open_ended and not any(re.search(r"[A-Z0-9-]", o[1:]) or o[0].isupper() for o in options):
        return []
    return options


_MORE_OFFERED = re.compile(r"(?:\.\.\.|\u2026|\betc\.?)\s*$", re.IGNORECASE)


def _option_written(option: str, text: str) -> bool:
    """Does the text write the option, or any of its words: a name with a hyphen, a digit or capitals as it is ("BERT-base" is
    not "BERT-based"), a plain word from its stem ("Adam" in "AdamW", "images" in "image")."""
    parts = re.findall(r"[A-Za-z0-9]+", option)
    if parts and re.search(r"(?<![A-Za-z0-9])" + r"[\s/-]*".join(map(re.escape, parts)) + r"(?![A-Za-z0-9])", text, re.IGNORECASE):
        return True  # as written, spaced or hyphenated otherwise: "ViT-B/32" is "ViT-B 32", never "BERT-base" in "BERT-based"
    for word in re.findall(r"[\w][\w.+-]*", option):
        if word.lower() in GENERIC or word.isdigit():
            continue  # (a bare number offered, "ResNet-10, 18, 34", is a depth of the name before it, not a name)
        if re.search(r"[\d-]", word) or (len(word) > 1 and word[1:].upper() == word[1:] and word[1:].isalpha()):
            # ... and so is a name in capitals: "REINFORCE" is not "reinforcement"
            if re.search(rf"(?<![\w-]){re.escape(word)}(?:e?s)?(?![\w-])", text, re.IGNORECASE):
                return True
        elif re.search(rf"(?<!\w){re.escape(loose_stem(word))}", text, re.IGNORECASE):
            return True
    return False


def unwritten_options(question: str, hit: PaperHit) -> str:
    """The answers a question offers about one paper ("Was ConSERT built on BERT-base or BERT-large?"), when its abstract
    writes none of them: whichever its closest sentence says, it does not choose between them (dev104). "" otherwise."""
    options = offered_options(question)
    text = paper_text(hit)
    if not options or any(_option_written(o, text) for o in options):
        return ""
    return ", ".join(options[:-1]) + " or " + options[-1]
