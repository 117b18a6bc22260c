"""The sentence that answers a fact question and the phrase it leads with: the sentence stating the
asked value, naming the asked thing, or answering the asking clause; a figure with its unit and
what it measures; an acronym spelled out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rag.answer.asked import ASKING_STEMS, FIGURE_ASK, RESEARCH_GENERIC, SHARE_WORDS, asked_condition, asked_condition_names, asked_detail, asked_stems, asked_value, counted_for, counted_noun, detail_terms, metric_asked, written_as_name
from rag.answer.evidence_lines import about_own_work, as_line, names_any, own_work, paper_text, quotable
from rag.answer.naming import GLOSS, name_words
from rag.answer.question_numbers import only_given_figures
from rag.answer.stated import acronym_long_forms, counts_noun, flat_runs, gives_dataset, gives_model_size, ruled_out_variant, value_terms
from rag.answer.text_forms import CLAUSE_BREAK, ENUMERATOR, FOLD_FIGURE, GENERIC, NUMBER, STEMMED_WORD, TAIL_OPEN, flat, loose_stem, with_parts, word_stems
from rag.ingest.cards import mentions, third_person_text
from rag.records import Evidence, PaperHit
from rag.words import snowball


def stating_sentence(value: str, question: str, hit: PaperHit, others: Sequence[str] = ()) -> Evidence | None:
    """The paper's sentence giving a figure with a word of the value that best states it: the one
    naming most of what is measured ("outperformed FFT in 13 out of 18 transfer learning tasks"
    before "an AUROC of 80.6% on data-efficient learning tasks"), then most of the question's words
    ("adding only 3.6% parameters per task" before "fine-tuning trains 100% of the parameters per
    task" for "how many parameters are added"), then the closest; one naming another retrieved
    paper ("... outperforms AdapterFusion by 2 points") only when there is no other."""
    acronyms, terms = value_terms(value)
    terms |= {a.lower() for a in acronyms}
    asked = asked_stems(question)
    condition = asked_condition(question)
    counted = counted_noun(question)
    counted_value = counted_for(question, value)  # the count is the value asked, not another clause's ("..., and how many qubits")
    # A paper the question itself names is no other paper here: "what share of AdapterFusion's transfer
    # parameters does ScaLearn need?" is stated by "roughly 0.35% of those of AdapterFusion" (dev11).
    others = [o for o in others if not mentions(question, o)]
    share = bool(terms & SHARE_WORDS)
    ranked = _ranked_ask(question)
    # A figure asked against a named baseline ("how many transfer parameters does ScaLearn need relative to AdapterFusion?")
    # is stated by the sentence measuring it against that one ("roughly 0.35% of those of AdapterFusion"), not by a
    # count of the noun with no baseline ("only 8 transfer parameters for each target task", dev60).
    against = [m.group("name") for m in _AGAINST.finditer(question)]
    stating = []
    text = paper_text(hit)
    for e in hit.sentence_scores or hit.evidence:
        words = word_stems(e.text) | acronym_long_forms(e.text, text)  # "330 SHDA tasks" (dev39)
        if share and "%" in e.text:
            words = words | SHARE_WORDS  # "1% of the training set being labelled" gives the fraction asked (dev4)
        if gives_model_size(terms, e.text) or gives_dataset(terms, e.text):
            words = words | terms  # "up to the 27B model" states the size asked, as value_stated reads it (dev28)
        # A count of the noun asked states it, whatever words come before the noun ("twelve standard transfer
        # tasks" for "how many downstream transfer tasks", dev34).
        if (NUMBER.search(e.text) or FOLD_FIGURE.search(e.text)) and (terms & words or (counted_value and counts_noun(e.text, counted_value))):
            # What the figure is asked on decides between sentences naming as much of the measure: "the average
            # BLEU gain on the 21 CoVoST-2 tasks" is "On the 21 translation tasks of the CoVoST-2 benchmark, ...
            # an average improvement of 12.8 BLEU points", not a zero-shot "average gain of 11.9".
            # The more of it, the better: "the improvement in age classification" is "a 14.78% improvement in age
            # classification", not "a 2.47% improvement ... in zero-shot bird classification" (dev33).
            met = len(condition & with_parts(words))
            # A count asked ("How many languages ...?") is stated by a sentence counting them ("on one hundred
            # languages"), not by one giving a percentage for a language ("15.7% ... for Swahili").
            uncounted = bool(counted) and not counts_noun(e.text, counted)
            # "Which backbone gave the best accuracy?": "the highest classification accuracy of 94 %", not
            # "a minimum accuracy of 87%" (dev29).
            unranked = bool(ranked) and not ranked.search(e.text)
            unmeasured = bool(against) and not any(mentions(e.text, name) for name in against)
            # A sentence whose only figures the question wrote ("wav2vec 2.0") states none of them: "training fewer than 10% of
            # parameters per task" gives the "per-task parameter budget" asked of adapters in wav2vec 2.0 (dev81).
            given = only_given_figures(question, e.text)
            # A sentence naming what the question rules out ("(not the IR baseline)") states that one's figure ("outperforms the best
            # performing classical IR method with an 188% improvement in F2"): "the general LM based trace model by 7%" answers (dev91).
            ruled_out = ruled_out_variant(question, e.text)
            stating.append((names_any(e.text, others), ruled_out, given, unmeasured, uncounted, share and "%" not in e.text, unranked, -len(terms & words), -met, -len(asked & words), -e.score, e))
    return min(stating, key=lambda t: t[:11])[-1] if stating else None


# The baseline a figure is asked against: "relative to AdapterFusion", "compared with BERT", "than LoRA".
_AGAINST = re.compile(r"\b(?:relative\s+to|compared\s+(?:to|with)|than|versus|vs\.?)\s+(?:the\s+)?(?P<name>(?-i:[A-Z])[\w.-]*[A-Za-z0-9])", re.IGNORECASE)


# A figure asked by its rank among several: the best one, or the worst.
_BEST = re.compile(r"\b(?:best|highest|greatest|largest|strongest|top(?![-\d]))\b", re.IGNORECASE)
_WORST = re.compile(r"\b(?:worst|lowest|smallest|weakest|minimum)\b", re.IGNORECASE)


def _ranked_ask(question: str) -> re.Pattern | None:
    """The pattern of the rank the question asks a figure at ("the best accuracy"), or None."""
    best, worst = bool(_BEST.search(question)), bool(_WORST.search(question))
    return _BEST if best and not worst else _WORST if worst and not best else None


# A result ("saves 69%", "a fourfold reduction", "2.7x"), as against a setting's number ("4-bit quantization").
_RESULT_FIGURE = re.compile(r"\d\s*%|\d\s*[x×](?!\w)|\w-?fold\b|\btimes\b", re.IGNORECASE)
# A sentence opening "By contrast, fine-tuning trains 100% ..." gives the figure of what the paper is set against.
_CONTRASTED = re.compile(r"\s*(?:by\s+contrast|in\s+contrast|conversely|unlike|whereas)\b", re.IGNORECASE)


_SENTENCES = re.compile(r"(?<=[.?!])\s+(?=[A-Za-z])")


# A name with a number for its version or size: "GPT-3.5", "Llama-2", "T5-large".
_NUMBERED_NAME = re.compile(r"(?<![\w-])[A-Za-z][\w]*-\d[\w.]*[\w]|(?<![\w-])[A-Z][A-Za-z]*\d[\w.-]*[\w]")


def _gives_figure(text: str) -> bool:
    """A number or a figure in words, not a list's enumerator."""
    text = ENUMERATOR.sub(" ", text)
    return bool(NUMBER.search(text) or FOLD_FIGURE.search(text))


def compared_figure_sentence(question: str, hit: PaperHit, others: Sequence[str] = ()) -> Evidence | None:
    """The sentence giving this compared paper's figure, when the comparison asks one ("how many
    languages did each one evaluate on?" -> "... an extensive empirical study across 57 languages";
    "compare the Dice scores ..."; "how much fine-tuning memory LST and S2A save"): the value's
    stating sentence, else the quotable sentence with a number sharing most of the asked words,
    then the closest. None when no figure is asked or the paper gives none."""
    value = asked_value(question) or metric_asked(question)
    if not value and not FIGURE_ASK.search(question):
        return None
    if value:
        stating = stating_sentence(value, question, hit, others)
        if stating is not None and quotable(stating, others):
            return stating
    # The words of the sentence asking the figure, when the question sets the scene first ("Both TransMI
    # and the PPA paper target languages in different scripts. By how much does each improve over the
    # original models?", dev15: "... languages ... use different scripts" shared more of the scene).
    asking = next((part for part in _SENTENCES.split(question) if FIGURE_ASK.search(part)), question)
    figures = []
    for words in (asked_stems(asking) - ASKING_STEMS, asked_stems(question) - ASKING_STEMS):
        figures = [(e, len(words & word_stems(e.text))) for e in quotable_sentences(hit, others) if _gives_figure(e.text)]
        figures = [(e, shared) for e, shared in figures if shared]
        if figures:
            break
    if not figures:
        return None
    # A number in a name gives no figure: "GPT-3.5 to annotate PoliteRewrite" against "The released dataset has 10K ..." (dev86).
    figures = [pair for pair in figures if _gives_figure(_NUMBERED_NAME.sub(" ", pair[0].text))] or figures
    # Not the contrasted thing's figure nor the field's ("Although recently proposed PETL techniques ...
    # only reduce the training memory requirement by up to 30%" for LST, dev15); most asked words; a
    # result before a setting's number; the closest.
    best, _ = max(figures, key=lambda pair: (not _CONTRASTED.match(pair[0].text), own_work(hit, pair[0]), pair[1], bool(_RESULT_FIGURE.search(pair[0].text)), pair[0].score))
    return best


_NAMES_THINGS = re.compile(r"\([A-Z][\w-]*[A-Z][\w-]*\)|:\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)+")


# A question asking for a name: "What is that dataset called?", "What does DoG stand for?".
_NAME_ASK = re.compile(r"\b(?:called|named|stands?\s+for|(?:what|which)\s+(?:is|was)\s+(?:the|its|their)\s+name)\b", re.IGNORECASE)


# A sentence giving something a name: "... a face dataset ... named CelebAMask-HQ", "we present CafeBERT, a ...".
_GIVES_NAME = re.compile(
    r"\b(?:called|named|termed|dubbed|coined|namely)\s+[A-Z]"
    # "... and refer to the resulting model as Furina" (dev8)
    r"|\brefer(?:s|red)?\s+to\s+(?:[\w-]+\s+){1,4}?as\s+[A-Z]"
    # "we train our developed Cerberus model on ..." (dev9)
    r"|\b(?:our|their)\s+(?:developed|proposed)\s+[A-Z][\w-]*\s+(?:model|network|framework|system|method|architecture)\b"
    r"|\b(?:present|propose|introduce|release|construct|build|develop|design)s?\s+(?:(?:a|an|the)\s+)?(?:new\s+|novel\s+)?[A-Z][\w-]*[A-Z0-9][\w-]*\b"
)


# Names listed after a colon: "we design two PETL modules: Historical Interaction Booster (HIB) and ...".
_LISTED_NAMES = re.compile(r":\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)+")


# The name a sentence gives, as `_GIVES_NAME` finds it: "... a fast EHM algorithm, named Sort-Matching, ..." -> "Sort-Matching".
# (Until the thirty-fifth session this was also named `_GIVEN_NAME`, and the pattern of that name below replaced it unseen.)
_GIVES_NAME_OF = re.compile(
    r"\b(?:called|named|termed|dubbed|coined|namely|as)\s+[\"“']?(?P<name>[A-Z][\w-]*)"
    r"|\b(?:present|propose|introduce|release|construct|build|develop|design)s?\s+(?:(?:a|an|the)\s+)?(?:new\s+|novel\s+)?(?P<coined>[A-Z][\w-]*[A-Z0-9][\w-]*)\b"
)


# The thing whose name is asked: "What is that dataset called?" -> "dataset".
_NAMED_NOUN = re.compile(r"\b(?:is|was|are|were)\s+(?:the|that|this|its|their)\s+(?:new\s+)?(?P<noun>[A-Za-z-]+)\s+(?:called|named)\b", re.IGNORECASE)


# The name a sentence gives: "... a face dataset named CelebAMask-HQ", "refer to the resulting model as Furina".
_GIVEN_NAME = re.compile(
    r"\b(?:called|named|termed|dubbed|refer(?:s|red)?\s+to\s+(?:[\w-]+\s+){1,4}?as|(?:our|their)\s+(?:developed|proposed))\s+[\"“']?(?P<name>[A-Z][\w.+-]*[\w+](?:\s+[A-Z0-9][\w.+-]*[\w+]){0,3})"
)


def name_given(question: str, sentence: str, label: str) -> str:
    """The name a sentence gives, when the question asks a name ("What is that model called?") and
    it is not the paper's own (its label is shown anyway): the fact's lead. "" otherwise."""
    if not _NAME_ASK.search(question):
        return ""
    given = _GIVEN_NAME.search(sentence)
    if given is None:
        return ""
    name = given.group("name").rstrip(".")
    return "" if name.lower() in label.lower() or label.lower() in name.lower() else name


def acronyms_expanded(question: str) -> list[str]:
    """The names whose long form the question asks: "What does DoG stand for?", "what does the
    acronym DoG mean?" (dev7), "what is CoDA short for", "the full name of CoDA"."""
    out = []
    for w in name_words(question):
        n = re.escape(w)
        if re.search(
            rf"\b(?:does|do|did)\s+(?:the\s+)?(?:acronym\s+|abbreviation\s+|name\s+)?{n}\s+(?:stands?\s+for|mean|abbreviate)\b"
            rf"|\b{n}\s+(?:stands?\s+for|(?:is\s+)?short\s+for)\b|\b(?:acronym|abbreviation)\s+{n}\b"
            rf"|\b(?:expand(?:s|ed)?|spell(?:s|ed)?\s+out|expansion\s+of|full\s+(?:name|form)\s+of)\s+{n}\b",
            question, re.IGNORECASE,
        ):
            out.append(w)
    return out


# A long form asked of the paper's name without writing it: "what does the name stand for", "what does it stand for".
_STANDS_FOR_ITSELF = re.compile(r"\bwhat\s+(?:does|do|did)\s+(?:the\s+(?:name|acronym|abbreviation)|its\s+name|it)\s+(?:stands?\s+for|mean|abbreviate)\b", re.IGNORECASE)


def expanding_sentence(acronyms: Sequence[str], pool: Sequence[Evidence]) -> list[Evidence]:
    """The sentences spelling one of the acronyms out: "Distance over Gradients (DoG)", "CoDA (Conditional Adapter)"."""
    return [e for e in pool if any(f"({a})" in e.text or re.search(rf"(?<![\w-]){re.escape(a)}\s+\([A-Z]", e.text) for a in acronyms)]


def quotable_sentences(hit: PaperHit, others: Sequence[str] = ()) -> list[Evidence]:
    """The paper's scored sentences an answer may quote (see `quotable`)."""
    return [e for e in hit.sentence_scores or hit.evidence if quotable(e, others)]


def naming_sentence(question: str, hit: PaperHit, others: Sequence[str] = ()) -> Evidence | None:
    """The sentence that answers a detail or name the question asks for: one holding every word of
    the asked detail ("off-policy correction method"), or, for a name asked ("What is that dataset
    called?", "What does DoG stand for?"), one that gives a name, and the asked noun if it says one;
    None when no sentence does (the closest sentences answer then). Third person, as a line."""
    pool = quotable_sentences(hit, others)
    wanted = detail_terms(asked_detail(question))
    if len(wanted) < 2:
        wanted = set()  # one word ("what text was it pre-trained on") is in too many sentences to pick one
    found = [e for e in pool if wanted and wanted <= word_stems(e.text)]
    acronyms = acronyms_expanded(question)
    if not acronyms and _STANDS_FOR_ITSELF.search(question):
        # "DoG step size - what does the name stand for ...?": the paper's own name, asked by a pronoun (dev44).
        acronyms = hit.own_names()
    if not found and (acronyms or _NAME_ASK.search(question)):
        noun = _NAMED_NOUN.search(question)
        asked = {loose_stem(noun.group("noun"))} if noun else asked_stems(question) - ASKING_STEMS
        # The sentence giving the asked noun its name ("refer to the resulting model as Furina") before one
        # that only uses the noun ("... Contrastive Modeling (TCM) ...", dev8).
        naming_noun = re.compile(rf"\b{re.escape(noun.group('noun'))}s?\s+(?:(?:is\s+|was\s+)?(?:called|named|termed|dubbed)|as)\s+[A-Z]", re.IGNORECASE) if noun else None
        # Not a sentence giving only the name the question already writes ("... propose a VLN-specific PETL method named
        # VLN-PETL" for "VLN-PETL adds two new PETL modules. What are they called?", dev68), when one names things.
        own_flat = {flat(n) for n in hit.own_names() if mentions(question, n)}

        def names_others(e: Evidence) -> bool:
            return any(flat(m.group().strip(" ():")) not in own_flat for m in _NAMES_THINGS.finditer(e.text))

        def gives_only_own(e: Evidence) -> bool:
            given = [m.group("name") or m.group("coined") for m in _GIVES_NAME_OF.finditer(e.text)]
            return bool(own_flat) and not names_others(e) and bool(given) and all(flat(g) in own_flat for g in given)

        found = expanding_sentence(acronyms, pool) or sorted(
            (e for e in pool if _GIVES_NAME.search(e.text) or (own_flat and _LISTED_NAMES.search(e.text))),
            key=lambda e: (gives_only_own(e), not (naming_noun and naming_noun.search(e.text)), -len(asked & word_stems(e.text))),
        )[:1]
    if not found:
        return None
    # Of the sentences holding the asked detail, one that names things ("two PETL modules: Historical
    # Interaction Booster (HIB) and Cross-modal Interaction Booster (CIB)") before one that only refers
    # to them ("combine these two modules with ...", dev11).
    best = max(found, key=lambda e: (bool(_NAMES_THINGS.search(e.text)), e.score)) if wanted else found[0]
    return as_line(best)


# Where a question's asking part starts: a wh-word opening a sentence or clause ("Diff-Transfer plans
# a path ... . Which learning algorithm generates that path?", "In the KRT framework ..., what are
# ...", "graph schemas - which benchmark tasks ..."), or one after a preposition inside a clause
# ("... is said to be comparable to which large model?"), with the words it completes.
# (A preposition may lead the asking words: "MAD-X - on which tasks does it beat the state of the art?", dev94.)
_ASK_OPENING = re.compile(
    r"(?:^|[.?!:;,]\s+(?:but\s+|so\s+)?|\s[-\u2013\u2014]+\s+)(?P<ask>(?:(?:on|in|for|at|with|by|from|against|to|of)\s+)?(?:what|which|who|whom|whose|how|where|when)\b.*)$",
    re.IGNORECASE,
)


_ASK_INSIDE = re.compile(r"(?P<ask>(?:\b\w+\s+){1,2}(?:to|of|on|in|with|by|from|for|against)\s+(?:which|what|whom)\b.*)$", re.IGNORECASE)


# Words a question asks with, whatever it asks about.
_ASKING_WORDS = frozenset(
    """what which who whom whose how where when why does do did is are was were use used using
    differ differs different difference compare compared comparison each both one either their they them its it
    strategy strategies approach approaches way ways
    main key primary major core principal""".split()  # "what are its two main modules": not "mainly focuses" (dev46)
)


_SETTING_OPENING = re.compile(r"(?:when|where)\s+\w+ing\b", re.IGNORECASE)


ASKS_AT_ONCE = re.compile(r"\s*(?:which|what)\b", re.IGNORECASE)


# "What are the two PETL modules ...?", "which three losses ...": parts of one paper's method, counted.
_COUNTED_ASK = re.compile(
    r"\b(?:(?:which|what)\s+(?:(?:are|were)\s+(?:the|its|their)\s+)?|names?\s+of\s+(?:the\s+|its\s+|their\s+)?)(?P<count>two|three|four|five)\s+(?P<kind>(?:[\w-]+\s+){0,2}?[\w-]+)"
    # ("SuS-X - what are its two building blocks and on how many benchmark datasets ...?", dev52)
    r"(?=\s+(?:that|which|does|do|did|is|are|was|were|used|in|of|for|and|specific|particular|unique|tailored|dedicated|designed|proposed|introduced)\b|\s*[,?]|\s*$)"
    # "names of the two PETL modules introduced in VLN-PETL?"; "the KRT framework has two modules. What are they ...?" (dev47, dev48)
    # ("... evaluated on two previously published tasks. Which ones?", dev54)
    r"|(?P<count2>two|three|four|five)\s+(?P<kind2>(?:[\w-]+\s+){0,2}?[\w-]+)"
    # ... what they are for said before the question: "LIBERO highlights five research topics for lifelong learning in
    # decision-making. what are they?" (dev121)
    r"(?:\s+(?:for|in|of|on|about|across|within)\s+[^.;?]{1,80}?)?\s*[.;,-]+\s*(?:so\s+)?(?:what\s+are\s+(?:they|these|those|the\s+\w+)\b|(?:which|what)\s+ones\b)",
    re.IGNORECASE,
)
# ("What two modules specific to vision-and-language navigation does VLN-PETL introduce?", dev28)
_COUNTS = {"two": "2", "three": "3", "four": "4", "five": "5"}


# Words for the parts of a method, any of which an abstract may count them by.
_PART_NOUNS = re.compile(
    r"strateg(?:y|ies|i)|approach(?:es)?|components?|modul(?:es?)?|stag(?:es?)?|steps?|modifications?|techniqu(?:es?)?|mechanisms?|chang(?:es?)?"
    r"|(?:building\s+)?blocks?|parts?|designs?|innovations?|improvements?|contributions?",
    re.IGNORECASE,
)


def counted_parts_sentence(question: str, hit: PaperHit, others: Sequence[str] = ()) -> Evidence | None:
    """The sentence naming the counted parts a question asks ("Specifically, we design two PETL modules:
    Historical Interaction Booster (HIB) and Cross-modal Interaction Booster (CIB)." for "what are the two
    PETL modules ...?", dev15): the count beside the kind's head word, best followed by a colon or names
    ("these two modules" only refers back to them); None when no count is asked or no sentence has it."""
    asked = _COUNTED_ASK.search(question)
    if not asked:
        return None
    count, head = (asked.group("count") or asked.group("count2")).lower(), loose_stem((asked.group("kind") or asked.group("kind2")).split()[-1])
    # Parts of a method go by many words: "two modifications" asked, "two strategies" written (dev52).
    heads = _PART_NOUNS.pattern if _PART_NOUNS.fullmatch(head) else rf"{re.escape(head)}\w*"
    beside = re.compile(rf"\b(?:{count}|{_COUNTS[count]})\s+(?:[\w-]+\s+){{0,2}}?(?:{heads})(?P<after>\s*[:(]|\s*,?\s+(?:namely|i\.e\.|including)\b)?", re.IGNORECASE)
    found = []
    for e in quotable_sentences(hit, others):
        m = beside.search(e.text)
        if m:
            found.append((bool(m.group("after")), -e.start, e))
    return max(found, key=lambda f: f[:2])[2] if found else None


# "bailong: base model + PEFT method used for the secondary pretraining?": a name, a colon, then what is asked.
_TERSE = re.compile(r"^\s*[^:?]{1,60}:\s*(?P<ask>[^:?]{3,})\??\s*$")
_QUESTION_WORD = re.compile(r"\b(?:what|which|how|who|whom|whose|why|when|where)\b", re.IGNORECASE)


def terse_ask(question: str) -> str:
    """What a terse "<name>: <what>?" question asks, with no question word anywhere; "" otherwise."""
    match = _TERSE.match(question)
    return match.group("ask").strip() if match and not _QUESTION_WORD.search(question) else ""


def terse_aspects(question: str) -> list[str]:
    """The aspects a terse comparison lists after its colon, with no question word anywhere: "pretraining data" and
    "overall architecture" of "OFA vs ViLBERT: pretraining data and overall architecture?" (dev43); [] otherwise."""
    ask = terse_ask(question)
    if not ask or len(ask.split()) > 10:
        return []
    aspects = [a.strip(" ,?.") for a in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*/\s*", ask)]
    aspects = [a for a in aspects if a and len(a.split()) <= 4]
    return aspects if len(aspects) >= 2 else []


def asked_clause(question: str) -> str:
    """The part of a question that asks, after the words that identify what it asks about: "which
    learning algorithm generates that path" of "Diff-Transfer plans a path of sub-tasks from the
    source task to the target task. Which learning algorithm generates that path?"; "" when the
    question starts asking at once ("How does X work?") or asks nowhere."""
    text = question.strip()
    opening = _ASK_OPENING.search(text)
    if opening and opening.start("ask") == 0 and _SETTING_OPENING.match(text):
        # "When localising clumps with Faster R-CNN, which backbone gave better detection?": the
        # opening "when" sets the scene; the asking starts at the next clause's wh-word (dev).
        opening = _ASK_OPENING.search(text, 1)
    if opening and opening.start("ask") > 0:
        if _REFERS_BACK.match(opening.group("ask")):
            # "AutoPST says an earlier ... system made real progress but still couldn't extract ... Which system
            # is that?" (dev37): the ask only points back; the description before it is what to find.
            return text
        if _WHICH_ONES.match(opening.group("ask")) or _DOES_WHAT.match(opening.group("ask")) or _SAY_WHAT.match(opening.group("ask")):
            # "... Its numerical experiments are grouped into three kinds of transfer - which ones?" (dev40): the
            # things asked are named in the sentence just before; the ones before it identify the paper.
            before = re.split(r"(?<=[.!?])\s+", text[: opening.start("ask")].strip(" -–—:;,"))[-1]
            return before or text
        return opening.group("ask")
    inside = _ASK_INSIDE.search(text)
    if inside and inside.start() > 0:
        return inside.group("ask")
    # "How do Sentence-BERT and Sentence-T5 differ in how they get sentence embeddings out of a pretrained
    # model?" (dev37): asked at once, the aspect follows "differ in".
    aspect = _DIFFER_IN.search(text)
    return aspect.group("ask") if aspect and opening and opening.start("ask") == 0 else ""


# "..., and how do their transfer parameter counts compare?", "what's the pretext task and what extra input ...":
# a second thing asked after the first.
# ... also after a preposition: "..., and on which large event-driven dataset do they claim SOTA?", "... and about how many
# questions does it have?" (dev66).
_NEXT_ASK = re.compile(r",?\s+and\s+(?:(?:on|in|for|from|with|at|by|to|of|about|roughly)\s+)?(?=(?:how|what|what['’]s|which|who|whom|where|when|does|do|did|is|are|was|were)\b)", re.IGNORECASE)


def asked_parts(question: str) -> list[str]:
    """The things a question asks one after another, each of three words or more ("how does each combine
    the source-task adapters" and "how do their transfer parameter counts compare" of "AdapterFusion vs
    ScaLearn, both two-stage - how does each combine the source-task adapters, and how do their transfer
    parameter counts compare?", dev34); [] when it asks one thing."""
    clause = asked_clause(question) or (question if _QUESTION_WORD.match(question.strip()) else "")
    differing = _DIFFER_IN.search(clause) or (_DIFFER_IN.search(question) if clause else None)
    if differing:
        # "how do A and B differ in training requirements and in how they keep outputs temporally consistent?" (dev41):
        # each aspect is a thing asked, however short ("differ in speed and accuracy").
        aspects = [a.strip(" ,?") for a in _NEXT_ASPECT.split(differing.group("ask"))]
        if len(aspects) >= 2 and all(aspects):
            return aspects
    parts = [part.strip(" ,?") for part in _NEXT_ASK.split(clause)]
    # "Which datasets and which tasks is each evaluated on?" (dev44): a first ask of its kind alone is asked as the next one is.
    parts = [f"{part} {' '.join(after.split()[2:])}" if len(part.split()) == 2 and _QUESTION_WORD.match(part) and len(after.split()) > 2 else part for part, after in zip(parts, [*parts[1:], ""])]
    parts = [part for part in parts if len(part.split()) >= 3]
    return parts if len(parts) >= 2 else []


# Between two aspects asked after "differ in": "... and in ...", "..., and ...", "... and ..." (not "and" inside a compound
# like "pre- and post-training", which has no space on one side).
_NEXT_ASPECT = re.compile(r",?\s+and\s+(?:in\s+|on\s+)?(?!\w+-)", re.IGNORECASE)


# "what pretext task does each self-supervised method use?": the words after "each" say which items are
# compared, as their names do, not what is asked of them (dev40: "self-supervised" picked CIM's opening line).
_EACH_ITEM = re.compile(r"\beach\s+(?:of\s+(?:the|these|them)\s+)?(?:[\w-]+\s+){0,3}?(?:method|model|approach|paper|system|framework|technique|work|one|study|variant)s?\b", re.IGNORECASE)
# What a clause sets aside ("besides recalling meta-problems", "apart from the adapters"), to the clause's next comma or its end.
# ... or what the paper does without: "what do the authors use instead of the usual randomly initialized classifier head?" (dev54)
# ... and so is what the thing asked takes the place of: "what AD-relevant auxiliary task replaces pretraining on natural
# images?" asks for the task, not a sentence on natural images (dev77). ("What does X replace?" asks the replaced thing:
# the base form is not read.)
_SET_ASIDE = re.compile(
    r"\b(?:besides|apart\s+from|aside\s+from|other\s+than|except(?:\s+for)?|instead\s+of|rather\s+than|replaces|replaced|replacing|in\s+place\s+of)\s+[^,;?]*",
    re.IGNORECASE,
)
_WHICH_ONES = re.compile(r"(?:which|what)\s+(?:ones|are\s+they|were\s+they)\s*\??\s*$", re.IGNORECASE)
# "CCPL also adds an SCT module - what does it do exactly?" (dev80): what is asked about is named just before.
_DOES_WHAT = re.compile(r"what\s+(?:does|do|did)\s+(?:it|this|that|they|these|those)\s+(?:do|achieve|accomplish)\b(?:\s+(?:exactly|precisely))?\s*\??\s*$", re.IGNORECASE)
# "is the obvious source language always the best one? what do Reuse Your Rewards and the versatilists-vs-specialists paper
# say" (dev124): what they are asked to say is the question before.
_SAY_WHAT = re.compile(r"what\s+(?:does|do|did)\s+(?:[\w'’-]+\s+){1,12}?(?:each\s+)?(?:say|think|report)(?:\s+(?:about|on)\s+(?:it|this|that))?\s*\??\s*$", re.IGNORECASE)
_REFERS_BACK = re.compile(r"(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:is|was|are|were)\s+(?:that|this|it|they|those|these)\s*\??\s*$", re.IGNORECASE)


_DIFFER_IN = re.compile(r"\b(?:differ|compare)s?\s+(?:in|on|with\s+respect\s+to|in\s+terms\s+of|regarding)\s+(?P<ask>\w.*)$", re.IGNORECASE)


def _words_for_asking(text: str, joined: bool = False) -> list[str]:
    """A text's words for matching an asking part, a hyphenated word also by its parts ("path-planning");
    `joined`: also written whole (a sentence's "pre-trained" meets the asked "pretrained"; only one side
    gets it, or a word hyphenated on both would count twice)."""
    words = [w.lower() for w in STEMMED_WORD.findall(text)]
    whole = [w.replace("-", "") for w in words if "-" in w] if joined else []
    return words + [part for w in words if "-" in w for part in w.split("-") if len(part) >= 3 and part not in _SUFFIX_PARTS] + whole


# A hyphenated word's last part that only says how its first part is had: "model-based" is no "base"
# ("which RL domains or base algorithms does each evaluate on?" met every "model-based" sentence, dev37).
_SUFFIX_PARTS = frozenset("based like wise aware driven oriented".split())


_FIELD_STATEMENT = re.compile(r"\b(?:have|has)\s+been\s+(?:proposed|developed|introduced|explored|studied|suggested)\b", re.IGNORECASE)


def _own_name_stems(hit: PaperHit) -> set[str]:
    """The stems of the words of the paper's own names (its card name, the name the question used)."""
    names = " ".join({hit.card.name if hit.card else "", hit.alias})
    return set(_asking_stems(_words_for_asking(names)))


# Snowball strips "-ive" to the word it came from: "objectives" met "object" ("... object detection"
# outscored "an objective function that ... avoids collapse" for "how do their core training objectives
# differ?", dev28), "negative" "negation". An "-ive" word keeps the mark of it.
_IVE = re.compile(r"ive(?:s|ly)?$")


def _asking_stems(words: Sequence[str]) -> list[str]:
    """Snowball stems for matching an asking part, an "-ive" word kept apart from its root."""
    # (A sentence opening "Additionally, ..." adds nothing asked: Snowball makes it "addit", which "what does each add?" asks as
    # "additional", dev122.)
    return [word if word == "additionally" else stem + "~ive" if _IVE.search(word) else stem for word, stem in zip(words, snowball().stemWords(words))]


# Where an agent is evaluated, in the asker's word or the paper's: "what environments was MTSGI evaluated in?"
# is answered by "experiment results on 2D grid-world and complex web navigation domains" (dev40). One way
# only: "which RL domains" is not asked by "environment models" (dev37).
# "how does MBTL pick which training tasks ...": "... to strategically select training tasks" (dev46); "what is it
# built on?": "CafeBERT is developed based on the XLM-RoBERTa model" (dev50).
_ASKED_AS_WELL = {"environ": "domain", "pick": "select", "choos": "select", "built": "base", "build": "base",
                  # "who produces the synthetic training data?": "... labeled data synthesized by ChatGPT"; "what does each add on top
                  # of plain masked prediction?": "it can optionally accept additional modalities" (dev124).
                  "synthet": "synthes", "synthes": "synthet", "add": "addit",
                  # "how did each measure the quality of their dialog outputs?": "... with respective perplexity, Hits@1 and F1 metrics"
                  # (dev126); the American spelling meets the British.
                  "measur": "metric", "dialog": "dialogu",
                  # "how does each one tackle computational cost or speed?": "... is three orders of magnitude faster"; "what training
                  # data does each rely on?": "... supervised fine-tuning (SFT) on video-related datasets" (dev127).
                  "speed": "faster", "data": "dataset"}
# "what goes into each benchmark?", "what is it made of?": what a thing consists of ("The benchmark consists of five tasks
# with ten datasets", dev124), in the words an abstract says it by.
_ASKS_MAKEUP = re.compile(r"\bgo(?:es)?\s+into\b|\bmade\s+(?:up\s+)?of\b|\bmakes?\s+up\b|\bconsists?\s+of\b", re.IGNORECASE)
_MAKEUP_STEMS = frozenset({"consist", "compris", "contain", "includ", "combin"})


# A clause asking of earlier work than the paper's: "which earlier method does it build on / compare against".
_ASKS_EARLIER_WORK = re.compile(r"\b(?:earlier|previous|prior|preceding)\s+(?:[\w-]+\s+){0,2}(?:methods?|models?|works?|approach(?:es)?|systems?)\b", re.IGNORECASE)
ASKS_PRIOR = re.compile(_ASKS_EARLIER_WORK.pattern + r"|\bbuil[dt]s?\s+(?:on|upon)\b", re.IGNORECASE)
# A sentence telling what earlier work did, however it calls it: "in contrast to prior work that directly transfers speaker and listener
# parameters", "While previous works proposed the prior ... centered around the pre-trained solution" (dev123).
# (What that work does follows it: "a popular metric in previous work, shows ..." tells of the paper's own metric.)
_TELLS_PRIOR = re.compile(r"\b(?:earlier|previous|prior|preceding|existing)\s+(?:[\w-]+\s+)?(?:works?|methods?|studies|approach(?:es)?)\s+(?:that|which|have|has|had|[a-z]+ed)\b", re.IGNORECASE)


# Words that pair with any other and tell nothing of where an asked word sits ("the benchmark", "each one").
_PAIR_FILLER = frozenset("the a an each one what which is are was were of and or do does did".split())


def answering_sentence(question: str, hit: PaperHit, others: Sequence[str] = (), clause: str = "", keep: Callable[[Evidence], bool] | None = None) -> Evidence | None:
    """The paper's sentence holding most of the asking part's words, each weighted by how few of the
    paper's sentences hold it (a word every sentence has picks none); None when the question has no
    asking part apart from what identifies the paper, or no sentence holds one of its words. Words
    are Snowball-stemmed here: "plans" must meet "path-planning", which the value checks' light
    stemming keeps apart. `clause`: the asking part to read, when the caller has one. `keep`: which
    sentences may be the answer (the words' rarity is still counted over all of them)."""
    clause = _EACH_ITEM.sub(" ", clause or asked_clause(question))
    # "what extra mechanism do they add besides recalling meta-problems?": what is set aside is not asked (dev44).
    clause = _SET_ASIDE.sub(" ", clause)
    # ... nor is what a gloss in brackets says of the paper: "... learning to branch (the gumbel-softmax tree multi-task method)
    # validated on?" (dev127) asks where it was validated, not the sentence on its gumbel-softmax tree.
    clause = GLOSS.sub(" ", clause)
    if not clause.strip():
        return None
    pool = quotable_sentences(hit, others)
    if len(pool) < 2:
        return None
    def stem(word: str) -> str:
        return _asking_stems([word])[0]

    skip = GENERIC | _ASKING_WORDS | RESEARCH_GENERIC
    asked = {stem(w) for w in _words_for_asking(clause) if w not in skip}
    asked |= {_ASKED_AS_WELL[a] for a in asked if a in _ASKED_AS_WELL}
    if _ASKS_MAKEUP.search(clause):
        asked |= _MAKEUP_STEMS
    words = STEMMED_WORD.findall(clause)
    # The words naming what kind of thing is asked ("which large model") count half: the answer
    # names it ("GPT-3.5-turbo") more often than its kind; the words saying what it does count whole.
    at = next((i for i, w in enumerate(words) if w.lower() in ("what", "which", "who", "whom", "whose")), None)
    kind_words = set()
    if at is not None:
        for w in words[at + 1 : at + 3]:
            if w.lower() in _ASKING_WORDS:
                break
            kind_words.add(stem(w.lower()))
    stems = [set(_asking_stems(_words_for_asking(e.text, joined=True))) for e in pool]
    named = _own_name_stems(hit)
    if kind_words - _ASKING_WORDS and not any(a in s for a in asked - named for s in stems):
        # Nothing but the paper and the kind of thing is asked, the kind in words too common to count
        # elsewhere ("what pre-training data does XLM-R use": "... using ... filtered CommonCrawl data",
        # not every sentence saying "XLM-R", dev24).
        asked = (asked - named) | (kind_words - _ASKING_WORDS)
    if not asked:
        return None
    spread = {a: sum(a in s for s in stems) for a in asked}
    # Summed in a fixed order and rounded: a set's order changes with the process's hash seed, and a float sum
    # with it, by one unit in the last place, enough to break a tie below (dev66's AutoPST answer changed run to run).
    scores = [round(sum((0.5 if a in kind_words else 1.0) / spread[a] for a in sorted(asked) if a in s), 9) for s in stems]
    # A sentence about the field ("Consequently, several techniques such as parameter-efficient tuning ...
    # have been proposed") shares the asked words but not what this paper did: it counts half (dev19).
    scores = [score / 2 if _FIELD_STATEMENT.search(e.text) else score for e, score in zip(pool, scores)]
    if keep is not None:
        scores = [score if keep(e) else 0.0 for e, score in zip(pool, scores)]
    if _ASKS_EARLIER_WORK.search(clause):
        # What earlier work did is told by a sentence on earlier work, in whatever words: "what did earlier work carry over from the
        # games?" is answered by "... in contrast to prior work that directly transfers speaker and listener parameters", not by
        # the sentence sharing more of its words ("... consider referential games ...", dev123).
        on_earlier = [score if _TELLS_PRIOR.search(e.text) else 0.0 for e, score in zip(pool, scores)]
        scores = on_earlier if max(on_earlier) > 0 else scores
    top = max(scores)
    if top <= 0:
        return None
    # Ties on two asked words or more go to a sentence on the paper's own work ("MBTL combines ... to strategically
    # select training tasks" over the scene's "it is critical to select training tasks strategically"); one word
    # shared ("memory") says too little to prefer a bare proposal ("we propose a new memory-efficient PETL
    # strategy"). Then to the sentence closest to the question as a whole.
    tied = [(e, s) for e, s, score in zip(pool, stems, scores) if score == top]
    substantive = all(len((asked | kind_words) & s) >= 2 for _, s in tied)  # "select" + the kind's "training tasks"
    # ... unless the clause asks of earlier work ("which earlier unsupervised system do the authors say can't pull out
    # global prosody style?"): then the sentence on that work ("Recently, SpeechSplit has made ...", dev66).
    own_asked = not ASKS_PRIOR.search(clause)
    # Then to the sentence writing an asked word with the word beside it in the question: "what is each one built from or
    # pretrained on?" is answered by "OFA is pretrained on only 20M ... image-text pairs", not by "... follows the
    # instruction-based learning in both pretraining and finetuning stages" (dev124).
    clause_stems = _asking_stems([w.lower() for w in STEMMED_WORD.findall(clause)])
    # (One of the two an asked word, the other not: two asked words side by side are counted in the score already.) Only of a
    # sentence on the work asked of: the field's "the number of downstream tasks grow" writes "downstream tasks" too (dev121).
    asked_pairs = {pair for pair in zip(clause_stems, clause_stems[1:]) if (pair[0] in asked) != (pair[1] in asked) and not _PAIR_FILLER & set(pair)}

    def pairs_held(e: Evidence) -> int:
        if about_own_work(hit, e) != own_asked:
            return 0
        said = _asking_stems([w.lower() for w in STEMMED_WORD.findall(e.text)])
        return len(asked_pairs & set(zip(said, said[1:])))

    return max((e for e, _ in tied), key=lambda e: (substantive and about_own_work(hit, e) == own_asked, pairs_held(e), e.score))


_FIGURE_NUMBER = r"\d+(?:[.,]\d+)*(?:/\d+(?![\w/]))?\s?(?:%|×|x\b|times\b|fold\b|points?\b|BLEU\b|hours?\b|[KMB]\b)?"


_FIGURE = re.compile(
    # A sign after a space is a signed figure ("e.g. -11.97% FLOPs", "+11.16 on EuroSAT"); after a word, a name ("ViT-g/14").
    # A fraction is one figure ("1/10 training time"), so is a range ("2x to 8x": not "8x", dev7).
    rf"(?:(?<=\s)[-+]|(?<![\w/.@+-]))(?:{_FIGURE_NUMBER}(?:\s?(?:-|–|to)\s?{_FIGURE_NUMBER})?"
    r"|(?:one|two|three|four|five|six|several)\s+orders?\s+of\s+magnitude)",
    re.IGNORECASE,
)


_COUNT_ASK = re.compile(r"\bhow\s+many\b", re.IGNORECASE)


# A figure's total follows it: "10 of the 14 scenarios", "13 out of 18 tasks".
_OF_TOTAL = re.compile(r"\d\s+(?:out\s+)?of\s+(?:the\s+|all\s+)?$", re.IGNORECASE)


# A count written in words: "one hundred", "twenty-five", "two thousand".
_SPELLED_NUMBER = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a)"
    r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|million|billion))*\b",
    re.IGNORECASE,
)


def _spelled_count(sentence: str, noun: str) -> str:
    """A count of the noun written in words, with the words up to the noun ("one hundred languages"),
    when no figure in digits counts it; "" otherwise. "a hundred" counts, "a model" does not."""
    if not noun:
        return ""

    def counted_within(end: int) -> list[str]:
        """The words after a number up to the noun, if the noun comes within four words."""
        following = re.findall(r"[\w-]+", sentence[end : end + 60])[:4]
        return next((following[:i] for i, word in enumerate(following, start=1) if loose_stem(word.lower()) == noun), [])

    if any(re.search(r"\d", m.group()) and counted_within(m.end()) for m in _FIGURE.finditer(sentence)):
        return ""  # "24 languages": the figures in digits answer
    for match in _SPELLED_NUMBER.finditer(sentence):
        if match.group().lower() != "a" and (words := counted_within(match.end())):
            return " ".join([match.group(), *words])
    return ""


_RESPECTIVELY = re.compile(r",?\s*respectively\b", re.IGNORECASE)
# Words between the last item and its figures: "... disk space usage by factors of 10 and 278".
_BETWEEN_ITEM_AND_FIGURE = frozenset("by of to at with in from for a an the factor factors up about around reaching reach reaches reached achieving achieve achieves is are was were".split())


def _listed_items(text: str, count: int, from_end: bool) -> list[str]:
    """The `count` items of the coordinated list ("A and B", "A, B and C") nearest the figures:
    the last one in `text` when the figures follow it, the first when they come before it."""
    chunks = [c.strip() for c in text.split(",")]
    order = range(len(chunks) - 1, -1, -1) if from_end else range(len(chunks))
    for i in order:
        pair = re.split(r"\s+and\s+", re.sub(r"^and\s+", "", chunks[i]))
        if len(pair) != 2 and not (count > 2 and chunks[i].startswith("and ")):
            continue
        # "A, B and C": the chunks before the one holding "and" are the list's first items.
        items = [*chunks[max(0, i - (count - len(pair))) : i], *pair] if len(pair) < count else pair
        if len(items) != count:
            return []
        if not from_end:
            return [" ".join(item.split()[:4]) for item in items]  # "nuclei, glands and lumina, respectively and ..."
        # Before the figures, the first item starts somewhere in its clause ("... method reduces execution
        # time"), and the last ends where the words leading to the figures begin ("... usage by factors of").
        last = items[-1].split()
        while last and last[-1].lower() in _BETWEEN_ITEM_AND_FIGURE:
            last.pop()
        return [" ".join(items[0].split()[-4:]), *items[1:-1], " ".join(last)]
    return []


def respective_figure(sentence: str, question: str) -> str:
    """The figure of the item asked, from "reduces execution time and disk space usage by factors of 10
    and 278, respectively" (dev10: "by what factor do they reduce disk space usage?" was led by 10) or
    "WikiQA and TREC-QA, achieving MAP scores of 92% and 94.3%, respectively": the figures before
    "respectively" pair in order with the list of as many items nearest them (before them, or after
    them: "377 million, 900K and 2.1 million nuclei, glands and lumina"); the item sharing most of the
    question's words gives its figure, the item named ("278 (disk space usage)"). "" when the sentence
    pairs nothing, or no one item shares more of the question's words than the others."""
    end = _RESPECTIVELY.search(sentence)
    if end is None:
        return ""
    figures = list(_FIGURE.finditer(sentence[: end.start()]))
    run = [figures[-1]] if figures else []
    for figure in reversed(figures[:-1]):  # the last run of figures joined by "," / "and"
        if re.fullmatch(r"\s*(?:,|,?\s*and)\s*", sentence[figure.end() : run[0].start()]):
            run.insert(0, figure)
        else:
            break
    if len(run) < 2:
        return ""
    after = sentence[run[-1].end() : end.start()]
    items = _listed_items(after, len(run), from_end=False) if re.search(r"\band\b", after) else []
    items = items or _listed_items(sentence[: run[0].start()], len(run), from_end=True)
    if not items:
        return ""
    asked = asked_stems(question)
    # An item is asked when the question holds half its words or more ("disk space usage"; not
    # "reduces execution time" for "reduce disk space usage").
    chosen = [i for i, item in enumerate(items) if (stems := word_stems(item)) and 2 * len(asked & stems) >= len(stems)]
    shown = [" ".join(item.split()[-3:]) for item in items]
    if len(chosen) == len(items):
        # Every item asked ("reduce execution time and disk space usage"): every figure, in order.
        return f"{' and '.join(f.group().strip() for f in run)} ({' and '.join(shown)})"
    if len(chosen) != 1:
        return ""
    return f"{run[chosen[0]].group().strip()} ({shown[chosen[0]]})"


# Figures listed with one unit glued to each: "13MM, 22MM and 33MM parameters", "2x, 4x or 8x".
_ENUMERATED = re.compile(r"(?P<first>\d+(?:\.\d+)?(?P<unit>[A-Za-z%]+))(?:,\s*\d+(?:\.\d+)?(?P=unit))*,?\s+(?:and|or)\s+\d+(?:\.\d+)?(?P=unit)(?![\w.])(?:\s+(?!(?:and|or|of|to|in|on)\b)[a-z][\w-]*)?")


def _enumeration(sentence: str, start: int) -> str:
    found = _ENUMERATED.match(sentence, start)
    return found.group() if found else ""


_ASIDE = re.compile(r"^\s*\([^()]{1,20}\)")
_SHOTS = re.compile(r"-?shots?\b", re.IGNORECASE)


# A named component a figure is asked with: "with Mask R-CNN", "with a ViT-B/16 backbone".
_USED_WITH = re.compile(r"\bwith\s+(?:an?\s+|the\s+)?((?:[A-Z][\w/.-]*\s)*[A-Z][\w/.-]*)")


def figure_phrase(sentence: str, question: str, value: str = "") -> str:
    """`_figure_phrase`, its pronouns the authors' in the third person: a headline cut from a sentence keeps
    the sentence's "our" ("5 GLUE tasks over BERT-LARGE using our alignment method", dev36)."""
    # (its case as cut: "top-1 accuracy of 83.74")
    return third_person_text(_figure_phrase(sentence, question, value), capitalize=False)


def _figure_phrase(sentence: str, question: str, value: str = "") -> str:
    """The figure a sentence gives for the question, with its unit and what it measures:
    'the LiT model achieves 85.2% zero-shot transfer accuracy on the ImageNet test set, ...' ->
    '85.2% zero-shot transfer accuracy on the ImageNet test set'. Numbers inside names (ViT-g/14) are skipped."""
    if paired := respective_figure(sentence, question):
        return paired
    asked = asked_stems(question)
    counting = bool(_COUNT_ASK.search(question))
    if counting and (spelled := _spelled_count(sentence, counted_noun(question))):
        return spelled
    acronyms, terms = value_terms(value) if value else (set(), set())
    measured = terms | {loose_stem(a) for a in acronyms}
    # The names the question writes ("EuroSAT", "CoOp"): a figure followed by one is the figure asked there,
    # when no measure is asked by name (then the measure decides: "what ImageNet top-1 did it reach?" is
    # not answered by the "557-million-parameter AmoebaNet model" the question also names).
    condition_names = asked_condition_names(question) | ({
        loose_stem(w) for w in re.findall(r"[A-Za-z][\w-]*", question) if written_as_name(w)
    } if not measured else set())
    used_with = {flat(m.group(1)) for m in _USED_WITH.finditer(question)}
    best, best_score = "", -1.0
    # The question's own figures; not the digits of a name it writes ("ImageNet-1K" gives no "1").
    given = set(re.findall(r"(?<![\w/.-])\d+(?:[.,]\d+)*", question))
    previous_end = 0
    for match in _FIGURE.finditer(sentence):
        since_previous, previous_end = sentence[max(previous_end, match.start() - 40) : match.start()], match.end()
        if given & set(re.findall(r"\d+(?:[.,]\d+)*", match.group())):
            continue  # the question's own figure ("beats the 175B-parameter GPT-3") is not its answer
        if sentence[match.start() - 1 : match.start()] in ("(", "[") and sentence[match.end() : match.end() + 1] in (")", "]") and match.group().isdigit():
            continue  # an enumerator: "(1) outperforms ... and (2) achieves ..."
        if _OF_TOTAL.search(sentence[: match.start()]):
            continue  # the 14 of "10 of the 14 scenarios" is the total the figure before is out of (dev4)
        if _SHOTS.match(sentence, match.end()):
            continue  # "0-shot speech-to-intent classification" is a setting, not the gain asked there (dev29)
        # A short aside right after the figure is not what ends it: "20-30% (absolute) improvement in 0-shot
        # speech-to-intent classification" measures the improvement (dev29).
        tail = CLAUSE_BREAK.split(_ASIDE.sub("", sentence[match.end() :], count=1), maxsplit=1)[0]
        # Eight words, unless the clause ends within two more: "69% of the memory costs to fine-tune
        # the whole network", not "... the whole".
        words = tail.split()
        words = words if len(words) <= 10 else words[:8]
        # A relative clause says more about the counted thing, not what the figure is: "10 of the 14
        # scenarios that comprise the challenging ..." -> "10 of the 14 scenarios"; unless it gives a
        # figure of its own ("709 datasets that target 66 tasks": a two-part count is answered by both).
        relative = next((i for i, w in enumerate(words) if i and w.lower() in ("that", "which", "who", "where")), len(words))
        if not any(re.search(r"\d", w) for w in words[relative:]):
            words = words[:relative]
        while words and words[-1].lower() in TAIL_OPEN:  # "... compared to standard LoRA fine-tuning on"
            words.pop()
        before = STEMMED_WORD.findall(re.split(r"(?<![\w/.-])\d", sentence[max(0, match.start() - 60) : match.start()])[-1])  # not past the figure before
        after = STEMMED_WORD.findall(match.group() + " " + " ".join(words))
        # What a figure measures mostly follows it ("13 out of 18 transfer learning tasks"); the words
        # before it may belong to the previous figure. A count asked ("how many") is a bare number.
        bare = match.group().strip().isdigit()
        follows = {loose_stem(w) for w in after}
        # The measure named right before it, since the figure before, counts as one named after it ("Dice
        # coefficients of 0.903 and 0.851 and HD95 scores of 9.43 and 3.54 for whole tumor ...": 0.903 is the Dice, 3.54 is not).
        lead_in = CLAUSE_BREAK.split(since_previous)[-1]  # not the previous figure's words
        ahead = {loose_stem(w) for w in STEMMED_WORD.findall(lead_in)[-4:]}
        score = 3 * len(measured & (follows | ahead)) + 2 * len(asked & follows) + len(asked & {loose_stem(w) for w in before}) + (0.5 if bare == counting else 0.0)
        score += 3 * len(condition_names & follows)  # "20% on EuroSAT" for a gain asked "on EuroSAT", not "10% on average" (dev13)
        # ... and the component it is asked with: "What COCO AP ... with Mask R-CNN?" is "52.5% AP with a MaskR-CNN
        # detector", not the sentence's "52.1% AP with a RetinaNet detector on COCO" (dev32).
        if used_with:
            runs = flat_runs(" ".join(words))
            score += 6 * sum(1 for name in used_with if name in runs)  # as much as a measure named in both the value and the question
        if score > best_score:
            joint = "" if tail.startswith("-") else " "  # "5-qubit system", not "5 -qubit system"
            best, best_score = (match.group().strip() + joint + " ".join(words)).rstrip(" .,"), score
            if enumerated := _enumeration(sentence, match.start()):
                best = enumerated  # "13MM, 22MM and 33MM parameters", not "13 MM" (dev3's "how big are the checkpoints")
            if not measured & follows and measured & ahead:
                # Only the words before say what it measures: "Dice coefficients of 0.903", not a bare "0.903".
                lead_words = lead_in.split()[-6:]
                first = next(i for i, w in enumerate(lead_words) if loose_stem(re.sub(r"\W+$", "", w)) in measured)
                best = " ".join([*lead_words[first:], best])
    return best
