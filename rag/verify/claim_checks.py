"""Checks a careful reader makes on a cited claim, each returning a short reason or nothing.

The support judge (rag/verify/support.py) scores how much of a claim an evidence sentence covers;
it cannot see a detail that changed while the words stayed. These checks can, one error kind
each (the kinds of eval/challenge/claims.jsonl):

- `unknown_names`: a method, dataset or model name the cited paper never mentions
  ("UniPT saves memory" cited to the LST paper);
- `unsourced_figures`: a figure, with its unit, that the cited paper does not state
  ("69%" when the abstract says 96%, or a figure borrowed from another retrieved paper);
- `direction_conflict`: "degrades" where the evidence says "improves" about the same thing;
- `negation_conflict`: "does not" added to (or dropped from) what the evidence says;
- `negated_asserted`: a thing the evidence names under a negation stated as so ("does not require
  ... such as a predictor network" / "avoids collapse by using a predictor network");
- `overgeneral`: "all", "always", "every" that the evidence does not say;
- `view_as_finding`: a view the evidence attributes to others ("Conventional wisdom suggests
  that ...") given as fact or as the paper's finding.

They are pure functions of text: no model, microseconds each. Direction and negation are
compared locally (the cue's neighbouring content words must match the evidence's), so
"reduces memory and increases accuracy" is not read as a flip of "higher accuracy".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from rag.words import ENGLISH_STOPWORDS, snowball

_TOKEN = re.compile(r"[A-Za-z]+(?:'t)?|\d+(?:[.,]\d+)*")

# Acronyms and coined names: LoRA, GLUE, ViT-B, ResNet-50, AutoPST, mT5, t-SNE.
_NAME = re.compile(r"\b(?:[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*|[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*|[A-Z][a-z]+[0-9]+[A-Za-z0-9]*|[A-Za-z]+-\d+[A-Za-z0-9]*)(?:-[A-Za-z0-9]+)*\b")
# Capitalised words that are names only in a different sense; never a paper's entity.
_NOT_NAMES = frozenset({"AI", "ML", "NLP", "CV", "IO", "US", "UK", "EU", "OK", "II", "III", "IV", "PhD"})

# A figure and what it counts: "69%", "3.2x", "1.5 times", "10 percent", "40 ms".
_FIGURE = re.compile(
    r"(?<![A-Za-z0-9.-])(\d+(?:[.,]\d+)*)\s*(%|percent\b|per cent\b|x\b|×|times\b|-?fold\b|k\b|(?-i:MM)\b|m\b|b\b|thousand\b|million\b|billion\b)?",
    re.IGNORECASE,
)
_UNIT_CLASS = {"%": "%", "percent": "%", "per cent": "%", "x": "x", "×": "x", "times": "x", "fold": "x", "-fold": "x",
               "k": "k", "thousand": "k", "m": "m", "mm": "m", "million": "m", "b": "b", "billion": "b"}
# A count's magnitude, however it is written: "8K" is "8,000", "13MM" and "13M" are "13 million".
_MAGNITUDE = {"k": 1e3, "m": 1e6, "b": 1e9}

# Opposite groups, stemmed; a claim cue whose opposite sits in the evidence next to the same
# content words is a flipped claim. Words of one group agree ("boosts" is not read against
# "improves"). Three axes: how much, how good, and making a problem smaller or larger.
# The extremes count on the same axis: "the highest accuracy, 87%" misreads "a minimum accuracy of 87%" (dev3, LLM mode).
_MORE = {"increas", "more", "higher", "larger", "bigger", "rais", "boost", "gain", "exceed", "highest", "largest", "greatest", "maximum"}
_LESS = {"decreas", "reduc", "fewer", "less", "lower", "smaller", "drop", "declin", "diminish", "fall", "lowest", "smallest", "fewest", "minimum"}
_BETTER = {"improv", "better", "enhanc", "outperform", "superior", "surpass", "stronger", "strong", "benefit", "help",
           "posit", "effici", "faster", "acceler", "best"}
_WORSE = {"degrad", "wors", "worsen", "hurt", "impair", "underperform", "inferior", "weaker", "weak", "harm", "negat",
          "ineffici", "slower", "worst", "lag", "detriment"}
_EASE = {"allevi", "mitig", "avoid", "prevent", "reduc", "decreas", "lower", "suppress"}
_AGGRAVATE = {"amplifi", "exacerb", "increas", "worsen", "aggrav"}
_PAIRS = ((_MORE, _LESS), (_BETTER, _WORSE), (_EASE, _AGGRAVATE))
_OPPOSITE: dict[str, set[str]] = {}
# The axes a cue speaks on, each with its side: ("boost", "improves") share none, so neither
# confirms nor contradicts the other; "mitigating" does not confirm "degrade".
_SIDES: dict[str, set[tuple[int, int]]] = {}
for _axis, _pair in enumerate(_PAIRS):
    for _side, _group in enumerate(_pair):
        for _w in _group:
            _SIDES.setdefault(_w, set()).add((_axis, _side))
for _a, _b in _PAIRS:
    for _w in _a:
        _OPPOSITE.setdefault(_w, set()).update(_b - _a)
    for _w in _b:
        _OPPOSITE.setdefault(_w, set()).update(_a - _b)
_NEGATORS = frozenset({"not", "no", "never", "cannot", "can't", "don't", "doesn't", "didn't", "isn't", "aren't", "won't",
                       "neither", "nor", "none", "without", "fail", "fails", "failed", "unable", "lack", "lacks", "free"})
_UNIVERSALS = frozenset({"all", "always", "every", "everything", "universally", "invariably", "guarantee", "guarantees",
                         "guaranteed", "regardless", "any", "entirely", "completely", "never"})
_SAME_UNIVERSAL = {"every": "all", "everything": "all", "guarantees": "guarantee", "guaranteed": "guarantee"}
# Spelled-out figures an abstract may use where a claim writes digits ("one hundred languages").
NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
                "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15",
                "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40",
                "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1000",
                "million": "1000000", "billion": "1000000000"}
_FUNCTION = frozenset(
    "a an the of in on for to and or by with as at from is are was were be been that this these those it its their our we "
    "they which while also than then can could may might will would has have had do does did into over under".split()
)
_WINDOW = 4  # content words either side of a cue that say what the cue is about
_SCOPE = 4  # content words after a negation that say what it negates ("without fine-tuning or exemplars")


def _is_content(token: str) -> bool:
    """A word that says what is talked about: no function word, negation or bare number."""
    return token not in _FUNCTION and token not in _NEGATORS and not token.endswith("n't") and not token.isdigit()


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def _stem(word: str) -> str:
    return snowball().stemWord(word)


def _cue_stem(word: str) -> str:
    if word.startswith(("posit", "negat")) and not word.startswith(("positiv", "negativ")):
        return word  # "position", "negate": not a direction
    stem = _stem(word)
    if stem in _OPPOSITE:
        return stem
    # "outperforming", "enhancements": a long key is a safe prefix; "more" is not ("moreover").
    return next((key for key in _OPPOSITE if len(key) >= 5 and stem.startswith(key)), stem)


def _axes(cue: str) -> set[int]:
    return {axis for axis, _ in _SIDES.get(cue, ())}


def _contexts(tokens: list[str], positions: Iterable[int], left: int = _WINDOW, right: int = _WINDOW, stop_at_cues: bool = False) -> list[set[str]]:
    """The content words (stemmed) near each position: `left` before it and `right` after it;
    for direction cues, stopping at another cue of the same axis (each cue speaks about its own
    neighbours; "underperforms more complex methods" is about the methods, not about "more")."""
    content = [(i, _stem(t)) for i, t in enumerate(tokens) if t not in _FUNCTION and t not in _NEGATORS and not t.isdigit()]
    out = []
    for pos in positions:
        after = [(i, s) for i, s in content if i > pos]
        before = [(i, s) for i, s in content if i < pos][::-1]
        words: set[str] = set()
        axes = _axes(_cue_stem(tokens[pos])) if stop_at_cues else set()
        for side, limit in ((after, right), (before, left)):
            for i, stem in side[:limit]:
                if stop_at_cues and _axes(_cue_stem(tokens[i])) & axes:
                    break
                words.add(stem)
        out.append(words)
    return out


# -- names ---------------------------------------------------------------------------------


def names_in(text: str) -> list[str]:
    names = [n for n in _NAME.findall(text) if n not in _NOT_NAMES and not n.isdigit()]
    return list(dict.fromkeys(names))


_LOWER_TAIL = re.compile(r"(?:-[a-z]+)+$")
_CAPITAL_JOIN = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z]{2})")  # "BigScience", not "mBERT" or "GPT-4o"


def name_forms(name: str) -> set[str]:
    base = name.lower()
    forms = {base, base.replace("-", ""), base.replace("-", " ")}
    # "PPO-based", "BERT-style", "CLIP-like": a lowercase word hyphened to a name is the claim's
    # wording around the name, not part of it.
    head = _LOWER_TAIL.sub("", name)
    if head and head != name:
        forms.add(head.lower())
    if base.endswith("s") and len(base) > 3:  # "LLMs" for "LLM"
        forms |= {base[:-1], base[:-1].replace("-", "")}
    # A name joined at its capitals is written apart too: "BigScience" is "Big Science" (dev5, a right
    # answer on the BLOOM paper read as naming something the abstract never mentions).
    spaced = _CAPITAL_JOIN.sub(" ", name).lower()
    if spaced != base:
        forms.add(spaced)
    return forms


def unknown_names(claim: str, paper_text: str, question: str = "") -> list[str]:
    """Names in the claim that the cited paper (title + abstract) never mentions. The question's own
    initialism of words the paper writes ("a small LM" asked, "a small language model" written) is
    mentioned: the 1.5B model on dev5 echoed it in a right answer. Only the question's: a claim's
    own initialism can be another method's name that happens to share the paper's initials
    ("the instruction-tuned TST" for a paper on text style transfer that compared with GPT-3.5)."""
    haystack = paper_text.lower()
    squashed = haystack.replace("-", "")
    unknown = [n for n in names_in(claim) if not any(f in haystack or f in squashed for f in name_forms(n))]
    asked = {n.lower() for n in names_in(question)} if question and unknown else set()
    if asked & {n.lower() for n in unknown}:
        initials = _initial_runs(paper_text)
        unknown = [n for n in unknown if n.lower() not in asked or n.lower() not in initials]
    return unknown


def _initial_runs(text: str, longest: int = 4) -> set[str]:
    """The initials of every run of 2..`longest` consecutive words ("large language models" ->
    "ll", "lm", "llm"; a plural's "s" is the initialism's too: "llms")."""
    # Function words are no initials' ("by normalising" is no "BN").
    words = [w for w in re.findall(r"[a-z][a-z0-9]*", text.lower()) if w not in ENGLISH_STOPWORDS]
    runs = set()
    for i in range(len(words)):
        for n in range(2, longest + 1):
            if i + n > len(words):
                break
            run = "".join(w[0] for w in words[i : i + n])
            runs.add(run)
            if words[i + n - 1].endswith("s"):
                runs.add(run + "s")
    return runs


# -- expansions ------------------------------------------------------------------------------

# "DoG stands for Distance over Gradients": what an acronym stands for is a name of its own, so
# the paper must spell it. The overlap score cannot tell: "DoG stands for ``Directional Gradient''
# in the parameter-free step size paper" (the 1.5B model on dev2) shares enough of the question's
# words with the abstract to score 0.70, above the correct expansion said plainly.
_EXPANSION = re.compile(
    r"(?P<short>\b[A-Za-z][\w-]*[A-Z][\w-]*)\s+(?:stands|stand|stood)\s+for\s+(?:the\s+)?[\"'`‘“]*(?P<long>[A-Za-z][\w -]*?)[\"'`’”]*"
    r"(?=\s+(?:in|from|of|which|that|and|as|by)\b|[.,;:()]|$)"
)


def unstated_expansion(claim: str, paper_text: str) -> tuple[str, str] | None:
    """(acronym, expansion) when the claim says what an acronym stands for and the paper never
    spells that expansion; None when it does or the claim says no such thing."""
    match = _EXPANSION.search(claim)
    if not match:
        return None
    expansion, spelled = _letters(match.group("long")), _letters(paper_text)
    if not expansion or expansion in spelled or expansion.rstrip("s") in spelled:
        return None
    return match.group("short"), match.group("long").strip()


def _letters(text: str) -> str:
    """Lowercase words and single spaces only: "Distance-over-Gradients" is "distance over gradients"."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


# -- figures -------------------------------------------------------------------------------


def figures_in(text: str) -> list[tuple[str, str]]:
    """(number, unit class) pairs; a number inside a name (ResNet-50, GPT-2) is the name's, not a figure."""
    out = []
    # Abstracts keep their LaTeX escapes ("3.2\% to 6.1\%"): the claim's "3.2%" is that figure.
    text = text.replace("\\%", "%")
    for match in _FIGURE.finditer(text):
        number = match.group(1).replace(",", "")
        unit = _UNIT_CLASS.get((match.group(2) or "").lower().strip(), "")
        out.append((number, unit))
    return out


def _same_number(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        return abs(float(a) - float(b)) < 1e-9
    except ValueError:
        return False


def _count(number: str, unit: str) -> float | None:
    """A count with its magnitude applied ("8" and "k" -> 8000.0), or None when the digits do not parse."""
    try:
        return float(number) * _MAGNITUDE.get(unit, 1)
    except ValueError:
        return None


def _same_count(number: str, unit: str, other: str, other_unit: str) -> bool:
    """The same count written at two magnitudes ("8K" / "8,000", "1.5B" / "1,500 million")."""
    if not ({unit, other_unit} & set(_MAGNITUDE)) or not {unit, other_unit} <= {"", *_MAGNITUDE}:
        return False
    a, b = _count(number, unit), _count(other, other_unit)
    return a is not None and b is not None and abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1)


def scaled_counts(text: str) -> set[str]:
    """The digits of the counts a text writes with a magnitude ("8K" -> "8000"), so a claim may write them out."""
    out = set()
    for number, unit in figures_in(text):
        value = _count(number, unit) if unit in _MAGNITUDE else None
        if value is not None:
            out.add(str(int(value)) if value == int(value) else str(value))
    return out


# Multiples written without a unit sign: "by factors of 10 and 278", "a factor of 3", "tenfold",
# "three times": a claim writes them "10x", "278x", "3x".
_FACTORS = re.compile(r"\bfactors? of (\d+(?:[.,]\d+)*(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+)\d+(?:[.,]\d+)*)*)", re.IGNORECASE)
_SPELLED_MULTIPLE = re.compile(rf"\b({'|'.join(NUMBER_WORDS)})[- ]?(?:fold\b|times\b)", re.IGNORECASE)


def _multiples(text: str) -> list[tuple[str, str]]:
    numbers = [n.replace(",", "") for match in _FACTORS.finditer(text) for n in re.findall(r"\d+(?:[.,]\d+)*", match.group(1))]
    return [(n, "x") for n in numbers] + [(NUMBER_WORDS[m.group(1).lower()], "x") for m in _SPELLED_MULTIPLE.finditer(text)]


def unsourced_figures(claim: str, paper_text: str) -> list[str]:
    """Figures of the claim the cited paper does not state with the same unit ("69%" vs "69 ms")."""
    stated = figures_in(paper_text) + [(digits, "") for word, digits in NUMBER_WORDS.items() if re.search(rf"\b{word}\b", paper_text, re.IGNORECASE)]
    stated += _multiples(paper_text)
    missing = []
    for number, unit in figures_in(claim):
        if len(number) == 4 and number.startswith(("19", "20")) and not unit:
            continue  # a year in a name or a title ("COCO 2017") is checked as part of a name
        # "69%" needs 69 stated as a percentage; a bare "69" in the claim may match any 69.
        if not any((_same_number(number, n) and (unit == u or not unit)) or _same_count(number, unit, n, u) for n, u in stated):
            missing.append(f"{number}{'%' if unit == '%' else unit}")
    return missing


# -- direction, negation, generality ---------------------------------------------------------


def direction_conflict(claim: str, evidence: str) -> tuple[str, str] | None:
    """(claim word, evidence word) when the claim turns the evidence's direction round about the same thing."""
    claim_tokens, evidence_tokens = _tokens(claim), _tokens(evidence)
    claim_cues = [(i, _cue_stem(t)) for i, t in enumerate(claim_tokens) if _cue_stem(t) in _OPPOSITE]
    evidence_cues = [(j, _cue_stem(t)) for j, t in enumerate(evidence_tokens) if _cue_stem(t) in _OPPOSITE]
    if not claim_cues or not evidence_cues:
        return None
    evidence_stems = {c for _, c in evidence_cues}
    # What a cue is about: the next two content words and the one before ("lower accuracy than
    # Adapter", "performance degrades").
    claim_contexts = _contexts(claim_tokens, [i for i, _ in claim_cues], left=1, right=2, stop_at_cues=True)
    # The evidence's cue reaches further: "outperforms traditional strategies such as full
    # fine-tuning" is about full fine-tuning too (a claim "underperforms full fine-tuning").
    evidence_contexts = _contexts(evidence_tokens, [j for j, _ in evidence_cues], left=1, right=4, stop_at_cues=True)
    for (i, cue), context in zip(claim_cues, claim_contexts):
        if cue in evidence_stems or not context:
            continue
        # The evidence cue about most of the same words decides: an agreeing one (same axis, same
        # side: "boosts" vs "increases") clears it, an opposite one flips it. "Removing harmful
        # datapoints ... boosts transfer" agrees with "removing detrimental datapoints ... improves
        # transfer" (three words shared with "detrimental", one with "improves"); "... degrades
        # transfer learning" does not (one word shared with "detrimental", three with "improves").
        same = max((len(context & evidence_contexts[k]) for k, (_, e) in enumerate(evidence_cues) if _SIDES[e] & _SIDES[cue]), default=0)
        opposite = [(len(context & evidence_contexts[k]), j) for k, (j, e) in enumerate(evidence_cues) if e in _OPPOSITE[cue]]
        shared, j = max(opposite, default=(0, -1), key=lambda pair: pair[0])
        if shared >= 1 and shared > same:
            return claim_tokens[i], evidence_tokens[j]
    return None


_NEGATED_COMPOUND = re.compile(r"\b(not|non|no)-(\w)", re.IGNORECASE)


# Not "that": "methods that lack labels" is a verb.
_DETERMINERS = frozenset({"a", "an", "the", "this", "these", "its", "their", "our", "his", "her"})


def _negations(tokens: list[str]) -> list[int]:
    """Positions of the words that negate. Not one a determiner makes a noun: "this lack of data"
    names a shortage (the evidence may call it "this deficiency in data"), it negates no statement."""
    return [i for i, t in enumerate(tokens) if (t in _NEGATORS or t.endswith("n't")) and not (i and tokens[i - 1] in _DETERMINERS)]


def _scopes(tokens: list[str], positions: list[int]) -> list[set[str]]:
    """What each negation negates: the content words after it; and, for one that ends its sentence
    with less than two after it ("..., fail." / "... do not work."), the words before it too,
    which are then what it says does not hold."""
    after = [_through_or(tokens, p) for p in positions]
    before = _contexts(tokens, positions, left=_SCOPE, right=0)
    return [a | b if len(a) < 2 else a for a, b in zip(after, before)]


def _through_or(tokens: list[str], position: int) -> set[str]:
    """The next `_SCOPE` content words after a negation, and as many again after each "or" / "nor"
    that follows them: "does not require a large memory bank or a special momentum network" negates both."""
    words: set[str] = set()
    taken, i = 0, position + 1
    while i < len(tokens):
        t = tokens[i]
        if taken >= _SCOPE:
            if t in ("or", "nor"):
                taken = 0
            elif t not in _FUNCTION:
                break
        elif t not in _FUNCTION and t not in _NEGATORS and not t.isdigit():
            words.add(_stem(t))
            taken += 1
        i += 1
    return words


def _mostly_in(context: set[str], words: set[str]) -> bool:
    """Most (>= 60%, at least 2) of a negation's neighbours are in the other text: it speaks of the
    same thing. A neighbouring sentence of the evidence shares a word or two, not most of them."""
    shared = len(context & words)
    return shared >= 2 and shared >= 0.6 * len(context)


def negation_conflict(claim: str, evidence: str) -> str | None:
    """ "adds 'not'" / "drops 'not'" when a negation about the same words is in one text and not the other."""
    # "Beyond Not-Forgetting" (a title) or "non-trivial" name a thing; they negate nothing.
    claim, evidence = _NEGATED_COMPOUND.sub(r"\1\2", claim), _NEGATED_COMPOUND.sub(r"\1\2", evidence)
    claim_tokens, evidence_tokens = _tokens(claim), _tokens(evidence)
    claim_neg, evidence_neg = _negations(claim_tokens), _negations(evidence_tokens)
    if not claim_neg and not evidence_neg:
        return None
    claim_ctx, evidence_ctx = _contexts(claim_tokens, claim_neg), _contexts(evidence_tokens, evidence_neg)
    # What a negation negates is what follows it: "cannot be applied" is not "without extra
    # training" a few words on, though they share neighbours. Two negations agree when their
    # scopes (the next four content words) meet: "needs no exemplars" / "without fine-tuning or exemplars".
    claim_scope, evidence_scope = _scopes(claim_tokens, claim_neg), _scopes(evidence_tokens, evidence_neg)
    evidence_words = {_stem(t) for t in evidence_tokens}
    claim_words = {_stem(t) for t in claim_tokens}
    # A negative prefix negates too: "without supervision" says "unsupervised", "no linear" "non-linear".
    claim_prefixed, evidence_prefixed = _prefix_negated(claim_tokens), _prefix_negated(evidence_tokens)
    for i, context, scope in zip(claim_neg, claim_ctx, claim_scope):
        # The claim negates something the evidence states, and no negation there speaks of it.
        if _mostly_in(context, evidence_words) and not any(scope & other for other in evidence_scope) and not _same_roots(scope, evidence_prefixed):
            return f"adds '{claim_tokens[i]}'"
    # The claim drops a negation of the evidence only when it keeps the word negated: a paraphrase
    # often says a negated thing with one word of opposite sense ("duplicates" for "not unique",
    # "miss" for "fail to capture"). Not so for an added negation: a claim that negates its own
    # rewording ("does not show strong results" for "demonstrates outstanding performance") is
    # still a negated claim.
    for j, context, scope in zip(evidence_neg, evidence_ctx, evidence_scope):
        if (_mostly_in(context, claim_words) and _negated_word(evidence_tokens, j) in claim_words
                and not any(scope & other for other in claim_scope) and not _same_roots(scope, claim_prefixed)):
            return f"drops '{evidence_tokens[j]}'"
    return None


# -- a negated thing asserted ----------------------------------------------------------------

# "... does not require large batches nor asymmetry between the network twins such as a predictor
# network, gradient stopping, or a moving average ...": the negation governs its clause, and through
# a list ("such as ...") to the sentence's end. "Barlow Twins avoids collapse by using a predictor
# network" asserts one of the things negated; the negation checks above compare the two "not"s,
# which agree, and the support score reads the shared words.
_NOT_ONLY = re.compile(r"\bnot\s+(?:only|just|merely|simply|necessarily)\b", re.IGNORECASE)
_LIST_OPENER = re.compile(r"\b(?:such\s+as|including|e\.\s?g\.|i\.\s?e\.|namely|like)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;:!?](?:\s|$)")
_OR_NEXT = re.compile(r"\s*,?\s+(?:or|nor)\s+", re.IGNORECASE)
# "without the need for monolingual, parallel, or labeled data": a comma inside a list of things negated.
_LIST_GOES_ON = re.compile(r",\s*(?:[\w-]+\s+){0,2}?[\w-]+,?\s+(?:or|and|nor)\s", re.IGNORECASE)
# Words of a claim that set aside what follows them, as a negation does ("avoids X", "instead of X",
# "unlike X"); their reach ends at the means ("avoids collapse by using a predictor network").
_SETTING_ASIDE = frozenset(
    "avoid avoids avoiding avoided eliminate eliminates eliminating eliminated remove removes removing removed "
    "replace replaces replacing replaced omit omits omitting skip skips skipping bypass bypasses bypassing dispense "
    "dispenses dispensing discard discards discarding".split()
)
# ... and words that contrast or exclude what follows ("Unlike methods with a predictor network, ...",
# "commands absent from the robot training data").
_CONTRASTING = frozenset("unlike instead rather absent missing lacking outside beyond excluding except unseen".split())
_MEANS = re.compile(r"\b(?:by|through|via|using|with|which|that|while|whereas)\b", re.IGNORECASE)


def _negated_spans(text: str, setting_aside: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Character spans a negation governs: what it negates, its next `_SCOPE` content words, and a
    list that opens among them ("... nor asymmetry between the network twins such as a predictor
    network, gradient stopping, or a moving average ...") to the list's sentence end; a
    setting-aside word's only up to the means it names ("avoids collapse by using ...")."""
    masked = _NOT_ONLY.sub(lambda m: " " * len(m.group()), text)  # "not only ... but also" negates nothing
    spans = []
    words = list(re.finditer(r"[A-Za-z]+(?:'t)?", masked))
    for k, match in enumerate(words):
        word = match.group().lower()
        if word == "free":
            continue  # "training-free" names a property, it negates no statement of the sentence
        negates = (word in _NEGATORS or word.endswith("n't")) and not (k and words[k - 1].group().lower() in _DETERMINERS)
        negates = negates or (bool(setting_aside) and word in _CONTRASTING)
        if not negates and word not in setting_aside:
            continue
        start = match.end()
        sentence_end = _SENTENCE_END.search(masked, start)
        limit = sentence_end.start() if sentence_end else len(masked)
        if not negates:
            means = _MEANS.search(masked, start, limit)
            limit = means.start() if means else limit
        following = [w for w in words[k + 1 :] if w.start() < limit and w.group().lower() not in _FUNCTION and w.group().lower() not in ENGLISH_STOPWORDS]
        end = following[_SCOPE - 1].end() if len(following) >= _SCOPE else limit
        # "does not require a large memory bank or a special momentum network": an "or" goes on negating.
        while end < limit and (alternative := _OR_NEXT.match(masked, end)):
            more = [w for w in following if w.start() >= alternative.end()]
            end = more[_SCOPE - 1].end() if len(more) >= _SCOPE else limit
        opener = _LIST_OPENER.search(masked, start, end)
        if opener:
            end = limit  # the list runs on: each item is negated
        # In the evidence a comma ends what is negated ("cannot handle large batches, X handles large
        # batches"); in a claim it may join adjectives ("without the expensive, accurate labels"),
        # and reading a claim's negation wider only spares it.
        comma = masked.find(",", start, end)
        if comma >= 0 and not opener and not setting_aside and not _LIST_GOES_ON.match(masked, comma):
            end = comma
        spans.append((match.start(), end))
    return spans


def _pairs(text: str) -> list[tuple[str, str, int]]:
    """Adjacent content words, stemmed, with the position of the first: "predictor network"."""
    tokens = [(m.group().lower(), m.start()) for m in _TOKEN.finditer(text)]

    def content(t: str) -> bool:
        return _is_content(t) and t not in ENGLISH_STOPWORDS

    return [(_stem(a), _stem(b), pos) for (a, pos), (b, _) in zip(tokens, tokens[1:]) if content(a) and content(b)]


# The claim says the thing is used, needed or had: "by using a predictor network", "relies on
# gradient stopping", "with a predictor network", "the predictor network in Barlow Twins ...".
_USED_BEFORE = re.compile(
    r"(?:\b(?:us(?:e|es|ed|ing)|rel(?:y|ies|ying|ied)\s+on|requir(?:e|es|ed|ing)|need(?:s|ed|ing)?|employ(?:s|ed|ing)?|with|ha(?:s|ve|d|ving)"
    r"|adopt(?:s|ed|ing)?|leverag(?:e|es|ed|ing)|depend(?:s|ed|ing)?\s+on|appl(?:y|ies|ied|ying)|add(?:s|ed|ing)?)\s+(?:\S+\s+){0,2}|^\s*(?:the|a|an|its)\s+)$",
    re.IGNORECASE,
)


def negated_asserted(claim: str, evidence: str) -> str | None:
    """Two words the evidence says only under a negation ("not ... such as a predictor network")
    that the claim says are used, needed or had, outside any negation of its own ("by using a
    predictor network", "The predictor network in Barlow Twins ..."), or None."""
    evidence_spans = _negated_spans(evidence)
    if not evidence_spans:
        return None

    def inside(spans: list[tuple[int, int]], position: int) -> bool:
        return any(start <= position < end for start, end in spans)

    evidence_pairs = _pairs(evidence)
    negated = {(a, b) for a, b, p in evidence_pairs if inside(evidence_spans, p)}
    negated -= {(a, b) for a, b, p in evidence_pairs if not inside(evidence_spans, p)}
    if not negated:
        return None
    claim_spans = _negated_spans(claim, _SETTING_ASIDE)
    for a, b, position in _pairs(claim):
        if (a, b) in negated and not inside(claim_spans, position) and _USED_BEFORE.search(claim[:position]):
            words = _TOKEN.findall(claim[position:])[:2]
            return " ".join(words)
    return None


def _negated_word(tokens: list[str], position: int) -> str:
    """The stem of the word a negation negates: the first content word after it ("not unique",
    "fail to capture", "without relying"), or, when it ends its sentence ("..., fail."), the last
    one before it. A text that words the same thing without the negation ("duplicates" for "not
    unique", "miss" for "fail to capture") does not hold that word."""
    after = [t for t in tokens[position + 1 :] if _is_content(t)]
    if after:
        return _stem(after[0])
    before = [t for t in tokens[:position] if _is_content(t)]
    return _stem(before[-1]) if before else ""


_ROOT = 5  # letters two stems must share to be one root ("destroy" / "destruct")


def _same_roots(scope: set[str], prefixed: set[str]) -> bool:
    """Does a negated word meet a word a negative prefix negates? Their stems may differ in form:
    "without destroying them" says "non-destructive" ("destroy" / "destruct")."""
    return any(a == b or (len(a) >= _ROOT and len(b) >= _ROOT and a[:_ROOT] == b[:_ROOT]) for a in scope for b in prefixed)


def _prefix_negated(tokens: list[str]) -> set[str]:
    """Stems of what a negative prefix negates: "unsupervised" -> "supervis", "nonlinear" -> "linear"."""
    out = set()
    for t in tokens:
        for prefix in ("un", "non"):
            if t.startswith(prefix) and len(t) - len(prefix) >= 5:
                out.add(_stem(t[len(prefix) :]))
    return out


def is_cue(word: str) -> bool:
    """A word the direction, negation or generality checks read ("boosts", "without", "all"):
    its meaning is what those checks compare, so no other check may treat it as a mere synonym."""
    word = word.lower()
    return word in _NEGATORS or word.endswith("n't") or word in _UNIVERSALS or _cue_stem(word) in _OPPOSITE


# Words that say "any" without being one: "from an arbitrary, unknown source style" is "from any".
_SAYS_ANY = frozenset({"arbitrary", "arbitrarily"})


def overgeneral(claim: str, evidence: str) -> str | None:
    """A universal word ("all", "always") in the claim when the evidence has none."""
    evidence_tokens = _tokens(evidence)
    said = {_SAME_UNIVERSAL.get(t, t) for t in _universals(evidence_tokens)} | ({"any"} if _SAYS_ANY & set(evidence_tokens) else set())
    extra = [t for t in _universals(_tokens(claim)) if _SAME_UNIVERSAL.get(t, t) not in said]
    return extra[0] if extra else None


_SHARES = frozenset({"half", "most", "much", "majority", "fraction", "share", "part", "third", "quarter", "percent"})


def _universals(tokens: list[str]) -> list[str]:
    """The universal words that claim something of every case. Not "at all" (it stresses a
    negation: "use no transfer learning at all"), nor "of all" after a share ("1.5% of all
    parameters", "half of all cases": the whole a part is taken from), nor "any" after a negation
    ("without any text transcriptions", "does not need any labels": it stresses the negation)."""
    out = []
    for k, t in enumerate(tokens):
        if t not in _UNIVERSALS:
            continue
        before = tokens[k - 1] if k else ""
        if t == "all" and (before == "at" or (before == "of" and k >= 2 and (tokens[k - 2][0].isdigit() or tokens[k - 2] in _SHARES))):
            continue
        if t == "any" and any(w in _NEGATORS or w.endswith("n't") for w in tokens[max(0, k - 3) : k]):
            continue
        out.append(t)
    return out


# -- someone else's view given as the paper's finding ---------------------------------------

# A sentence giving a view the paper sets out to test or overturn: "Conventional wisdom suggests
# that ...", "It is commonly believed that ...", "Recent studies have shown that ...".
_OTHERS_VIEW = re.compile(
    r"^(?:however,\s*|yet,\s*|while\s+)?(?P<frame>conventional\s+wisdom|(?:the\s+)?common\s+(?:wisdom|belief)"
    r"|it\s+is\s+(?:widely|commonly|generally|often|usually)\s+(?:believed|assumed|accepted|thought|held)"
    r"|(?:prior|previous|existing|recent|earlier)\s+(?:work|works|studies|research|literature)(?:\s+\w+)?\s+(?:has\s+|have\s+)?(?:shown|suggests?|suggested|shows?|showed|found|demonstrated|argued|assumed?|believed?)"
    r"|many\s+(?:researchers|works|studies|practitioners)\s+(?:believe|assume|argue)|it\s+has\s+(?:long\s+)?been\s+(?:shown|argued|suggested|assumed|believed))\b",
    re.IGNORECASE,
)
# Words by which a claim keeps the view as a view ("Conventional wisdom holds ...", "prior work showed ...").
_KEEPS_VIEW = re.compile(r"\b(?:conventional|wisdom|belie[fv]\w*|commonly|widely|assum\w+|prior|previous|existing|earlier|recent\s+(?:work|studies|research)|others|literature)\b", re.IGNORECASE)


def view_as_finding(claim: str, evidence: str) -> str | None:
    """The evidence's framing ("conventional wisdom suggests") when the claim gives that view as fact or
    as the paper's finding: "pre-training ViT improves downstream performance by learning useful
    representations" cited to the paper arguing the features are not essential (the 1.5B model, dev3)."""
    match = _OTHERS_VIEW.match(evidence.strip())
    if not match or _KEEPS_VIEW.search(claim):
        return None
    return " ".join(match.group("frame").lower().split())


# -- a figure's sentence ---------------------------------------------------------------------

# Words a claim reports with, which its sentence need not hold ("The authors report that ...").
_REPORTING_WORDS = "author authors report reports reported show shows shown paper direct answer approximately about around compared achieves achieve reaches reach".split()


@functools.cache
def _reporting() -> frozenset[str]:
    return frozenset(snowball().stemWords(_REPORTING_WORDS))


_PAIRING_WINDOW = 5  # tokens after a figure in which a name says whose figure it is


def figure_sentence(claim: str, sentences: Iterable[str], question: str = "") -> str | None:
    """The sentence of the cited abstract that states every figure of the claim and holds all its
    other words (with the question's: a model answers in the asker's words), each figure
    paired with the same name ("65 hours with plain BERT" / "from 65 hours with BERT"); None when
    no sentence does or the claim gives no figure. A right fact the support score missed: "It takes
    about 5 seconds ... compared to about 65 hours with plain BERT" scored 0.17 against "This reduces
    the effort for finding the most similar pair from 65 hours with BERT / RoBERTa to about 5 seconds
    with SBERT" (dev). A figure given to the other thing ("5 seconds with BERT") pairs with another name."""
    # The question's own figures ("among 10k sentences") are the asker's words, not the claim's findings.
    given = figures_in(question)
    figures = [
        (n, u) for n, u in figures_in(claim)
        if not (len(n) == 4 and n.startswith(("19", "20")) and not u) and not any(_same_number(n, m) and u == v for m, v in given)
    ]
    if not figures:
        return None
    asked = _stems(question)
    stems = snowball().stemWords([t for t in _tokens(claim) if t not in ENGLISH_STOPWORDS and not t[0].isdigit()])
    for sentence in sentences:
        stated = figures_in(sentence)
        if not all(any((_same_number(n, m) and (u == v or not u)) or _same_count(n, u, m, v) for m, v in stated) for n, u in figures):
            continue
        own = _stems(sentence)
        # Every word from the sentence, the question or the reporting words ("3.6% parameters per
        # layer" is not "per task"), and at least two from the sentence itself: "The answer is 42"
        # says nothing a sentence holding 42 could support.
        allowed = own | asked | _reporting()  # once a sentence, not once a word
        if any(w not in allowed for w in stems) or len({w for w in stems if w in own}) < 2:
            continue
        if not _figures_paired_alike(claim, sentence, figures):
            continue
        if direction_conflict(claim, sentence) or negation_conflict(claim, sentence):
            continue
        return sentence
    return None


def _figures_paired_alike(claim: str, sentence: str, figures: list[tuple[str, str]]) -> bool:
    """No name right after a claim's figure is right after another figure in the sentence (and
    not after this one): "5 seconds with BERT" against "from 65 hours with BERT to about 5 seconds
    with SBERT" gives BERT's figure to the other thing. A name the sentence puts elsewhere ("SixT
    outperforms mBART ... with an average improvement of 7.1 BLEU") pairs with nothing else."""
    claim_tokens, sentence_tokens = _TOKEN.findall(claim), _tokens(sentence)
    claim_names = set(names_in(claim))
    numbers = [j for j, t in enumerate(sentence_tokens) if re.fullmatch(r"\d+(?:[.,]\d+)*", t)]
    for number, _ in figures:
        for i, token in enumerate(claim_tokens):
            if not _same_number(token.replace(",", ""), number):
                continue
            for name in (t for t in claim_tokens[i + 1 : i + 1 + _PAIRING_WINDOW] if t in claim_names):
                forms = name_forms(name)
                after_this = after_other = False
                for j in numbers:
                    if any(form in (t.lower() for t in sentence_tokens[j + 1 : j + 1 + _PAIRING_WINDOW]) for form in forms):
                        if _same_number(sentence_tokens[j].replace(",", ""), number):
                            after_this = True
                        else:
                            after_other = True
                if after_other and not after_this:
                    return False
    return True


def expansion_sentence(claim: str, sentences: Iterable[str], question: str = "") -> str | None:
    """The sentence spelling what the claim says an acronym stands for ("DoG stands for Distance over
    Gradients" / "... Distance over Gradients (DoG) ..."), when the claim says nothing the sentence
    and the question lack; None otherwise. The support score read "DoG stands for Distance
    over Gradients." as unsupported (0.58, dev2 and validation): it shares few words with the sentence."""
    match = _EXPANSION.search(claim)
    if not match:
        return None
    short, spelled = match.group("short").lower(), _letters(match.group("long"))
    asked = _stems(question) | _reporting() | {"stand"}
    stems = snowball().stemWords([t for t in _tokens(claim) if t not in ENGLISH_STOPWORDS])
    for sentence in sentences:
        if spelled not in _letters(sentence) or short not in sentence.lower():
            continue
        have = _stems(sentence) | asked
        if all(w in have for w in stems):
            return sentence
    return None


def _stems(text: str) -> set[str]:
    return set(snowball().stemWords(_tokens(text)))
