"""Which papers a question names: card names, the short names and aliases an abstract gives, titles,
and the two sides of a comparison.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from rag.answer.evidence_lines import ENUMERATION_STARTS, IN_THING_OPENING, names_any, paper_text, short_forms
from rag.answer.text_forms import loose_stem
from rag.ingest.cards import _ACRONYM, COMMON_ACRONYMS, is_coined, mentions, strongly_coined, typed_lowercase_only
from rag.ingest.sentences import split_sentences
from rag.records import PaperHit
from rag.search.keyword import MODIFIER_SUFFIXES
from rag.verify.claim_checks import NUMBER_WORDS
from rag.words import ENGLISH_STOPWORDS, LANGUAGE_NAMES, content_words, spells


_CARET = re.compile(r"(?<=[A-Za-z])\^(?=\d)")


def named_papers(question: str, hits: Sequence[PaperHit]) -> list[PaperHit]:
    """The retrieved papers the question calls by their name ("What license is LAION-5B released under?"),
    by the short form the abstract gives it ("Sentence-BERT (SBERT)"), by a term their contribution
    sentence defines ("... Cross-Task Transfer (XTRA)", no card name), or by their whole title
    ("What is the main finding of How Well Do Self-Supervised Models Transfer?": no name, and other
    papers' findings are no answer)."""
    # A superscript typed with a caret is the name's digit: "R^2-Tuning" is the card's "R2-Tuning" (TeX "$R^2$" stripped, dev104).
    question = _CARET.sub("", question)
    # Names offered at the end as guesses of the asked thing ("Which multilingual pretrained model is PPA applied on top of -
    # Glot500-m, XLM-R, mBERT?", dev93) are not what the question is asked of, when the words before them name a paper.
    if (guessed := _TRAILING_GUESSES.search(question)) and (asked_of := named_papers(question[: guessed.start("guesses")], hits)):
        return asked_of
    # A name the abstract introduces besides its card's ("... into a single efficient model (named DistillWeighted)",
    # where the card is DistillNearest, dev39) is the paper's too.
    # Only a coinage one retrieved abstract writes: "CLIP" is introduced as a part by many ("we propose CLIP-based ...").
    written = [n for n in name_words(question) if len(n) >= 4 and n.upper() not in COMMON_ACRONYMS and sum(mentions(paper_text(h), n) for h in hits) == 1]
    labelled = _labelled_by_title_opening(question, hits) or _glossed_title_opening(question, hits)
    named = [
        h for h in hits
        if h.card and (
            names_any(question, _short_names(h)) or names_any(question, _defined_terms(h.card.contribution)) or _holds_title(question, h.paper.title)
            or any(_typed_lowercase(question, name, hits) for name in _short_names(h)) or _writes_title_head(question, h.paper.title)
            # ... in any case: four title words are that paper's whatever their case ("multilingual universal sentence encoder for retrieval", dev44)
            or bool((opening := _title_opening(h.paper.title)) and mentions(question.lower(), opening.lower()))
            or any(_introduces(h, n) for n in written) or _proposes_titled_phrase(question, h, hits)
            or _writes_capitalised_opening(question, h, hits) or _abbreviated_opening(question, h.paper.title)
            or h is labelled
        )
    ]
    quoted = _quoted_title(question, hits)
    if quoted is not None and quoted not in named:
        named.append(quoted)
    return [h for h in named if not _only_inside_other_name(question, h, named)]


_GUESS = r"[\w.+-]+(?:\s+[\w.+-]+)?"
_TRAILING_GUESSES = re.compile(rf"^\W*(?:which|what)\b[^?]*?(?P<guesses>\s[-\u2013\u2014]+\s+(?:{_GUESS}\s*,\s*)+(?:or\s+)?{_GUESS}\s*\?+)\s*$", re.IGNORECASE)


# A phrase the question sets in quotes: 'dynamics as prompts', "role of model-based learning in ...". An
# apostrophe inside a word ("XTRA's") opens or closes none.
_QUOTED = re.compile(r"(?:(?<=^)|(?<=[\s(]))['\"\u2018\u201c](?P<phrase>[^'\"\u2018\u2019\u201c\u201d]{4,120})['\"\u2019\u201d](?=$|[\s),.;:?!])")


def _quoted_title(question: str, hits: Sequence[PaperHit]) -> PaperHit | None:
    """The one retrieved paper whose title holds, word for word in any case, a phrase the question quotes
    with two content words or more ("TRANSIC vs the 'dynamics as prompts' paper", dev37: "Dynamics as
    Prompts: In-Context Learning for ..."); None when no quoted phrase is in exactly one title."""
    for match in _QUOTED.finditer(question):
        words = re.findall(r"[a-z0-9]+", match.group("phrase").lower())
        if len(content_words(" ".join(words))) < 2:
            continue
        phrase = f" {' '.join(words)} "
        tokens = re.findall(r"[A-Za-z0-9]+", match.group("phrase"))
        holding = [h for h in hits if phrase in _spaced_words(h.paper.title) or _abbreviated_in(tokens, h.paper.title)]
        if len(holding) == 1:
            return holding[0]
    return None


# The words a question opens with before what it asks: "Towards a Unified View of PETL: which four kinds of benchmarks ...?" (dev85).
_OPENING = re.compile(r"^\W*(?P<opening>[^:?]{10,90}?)\s*(?::|\s[-\u2013\u2014]+\s)")


def _abbreviated_opening(question: str, title: str) -> bool:
    """Does the question open with the title, four words or more, an acronym among them standing for title words it abbreviates
    ("Towards a Unified View of PETL: ..." for "Towards a Unified View of Parameter-Efficient Transfer Learning"), as a quoted
    title does?"""
    opening = _OPENING.match(question)
    tokens = re.findall(r"[A-Za-z0-9]+", opening.group("opening")) if opening else []
    return len(tokens) >= 4 and _abbreviated_in(tokens, title)


def _abbreviated_in(tokens: Sequence[str], title: str) -> bool:
    """Does the title hold the quoted words with an acronym among them standing for the title words it
    abbreviates ("'Towards a Unified View of PETL'": "... of Parameter-Efficient Transfer Learning", dev40)?"""
    if not any(len(t) >= 2 and t.isupper() and t.isalpha() for t in tokens):
        return False
    words = re.findall(r"[a-z0-9]+", title.lower())

    def matches(t: int, w: int) -> bool:
        if t == len(tokens):
            return True
        token = tokens[t]
        if w < len(words) and token.lower() == words[w] and matches(t + 1, w + 1):
            return True
        span = len(token)
        return (len(token) >= 2 and token.isupper() and token.isalpha() and w + span <= len(words)
                and all(word[0] == letter for word, letter in zip(words[w:w + span], token.lower())) and matches(t + 1, w + span))

    return any(matches(0, start) for start in range(len(words)))


def in_mention_order(question: str, named: Sequence[PaperHit]) -> list[PaperHit]:
    """The named papers in the order the question names them ("Contrast AdapterFusion and ScaLearn":
    AdapterFusion first). A model numbering its items in the question's order then numbers them as the
    sources are: the 1.5B model wrote AdapterFusion's line as source 1 when ScaLearn was, and every line
    was dropped as naming another paper (dev24)."""
    def first(hit: PaperHit) -> int:
        names = [*_short_names(hit), hit.paper.title, hit.paper.title.split(":", 1)[0].strip()]
        found = [m.start() for n in names if n for m in re.finditer(rf"(?<![\w-]){re.escape(n)}(?![\w-])", question, re.IGNORECASE)]
        return min(found, default=len(question))

    return sorted(named, key=first)  # stable: papers the question does not write keep their rank order


def _labelled_by_title_opening(question: str, hits: Sequence[PaperHit]) -> PaperHit | None:
    """The one paper whose title opens, in any case, with the label the question opens with ("learning to branch: which
    backbone CNN did they use ...?" of "Learning to Branch for Multi-Task Learning", dev126), three words or more and two
    content words; None otherwise. A label is what the question is about; three title words elsewhere in it name nothing."""
    opening = _OPENING.match(question)
    if not opening:
        return None
    return _one_title_opening_with(_spaced_words(opening.group("opening")), hits)


def _one_title_opening_with(label: str, hits: Sequence[PaperHit]) -> PaperHit | None:
    """The one paper whose title opens with `label` (spaced as `_spaced_words` gives it), when the label has three words or more
    and two content words; None otherwise."""
    if len(label.split()) < 3 or len(content_words(label)) < 2:
        return None
    opens = [h for h in hits if _spaced_words(h.paper.title).startswith(label)]
    return opens[0] if len(opens) == 1 else None


# A description in brackets of what comes before it: "learning to branch (the gumbel-softmax tree multi-task method)".
GLOSS = re.compile(r"\s*\(\s*(?:the|a|an)\s+[^()]{3,80}?\b(?:method|paper|approach|model|framework|work|study|benchmark|dataset|system|technique)s?\s*\)", re.IGNORECASE)


def _glossed_title_opening(question: str, hits: Sequence[PaperHit]) -> PaperHit | None:
    """The one paper whose title opens with the words the question glosses in brackets, three words or more and two content
    words: "what datasets was learning to branch (the gumbel-softmax tree multi-task method) validated on?" calls "Learning to
    Branch for Multi-Task Learning" (dev127); None otherwise. The gloss says the words before it are a name; the title's own
    opening says whose."""
    for gloss in GLOSS.finditer(question):
        before = _spaced_words(question[: gloss.start()]).split()
        for k in range(min(len(before), 8), 2, -1):
            if (found := _one_title_opening_with(" " + " ".join(before[-k:]) + " ", hits)) is not None:
                return found
    return None


def _writes_title_head(question: str, title: str) -> bool:
    """Does the question write the title's head, before its colon, as the title does: two to four
    capitalised words ("Reenact Anything" of "Reenact Anything: Semantic Video Motion Transfer Using
    Motion-Textual Inversion", dev29), which the card takes for no name as its abstract never writes them?"""
    if ":" not in title:
        return False
    head = title.split(":", 1)[0].strip()
    # ... or joined by hyphens: "Auto-Transfer" of "Auto-Transfer: Learning to Route Transferrable Representations" (dev64).
    words = re.split(r"\s+|(?<=\w)-(?=\w)", head)
    # A small word may sit inside ("Alice in Wonderland" of "Alice in Wonderland: Simple Tasks Showing ...", dev39).
    capitalised = [w for w in words if w[:1].isupper()]
    if len(words) >= 5:
        # Five words and more are that paper's in any case, written whole: "Fake it till you make it (synthetic ImageNet
        # clones) vs No Reason for No Supervision (t-ReX)" names "Fake it till you make it: Learning transferable ..." and
        # "No Reason for No Supervision: Improved Generalization ..." (dev80).
        return _spaced_words(head) in _spaced_words(question)
    return (
        2 <= len(words) <= 4 and len(capitalised) >= 2 and words[0][:1].isupper() and words[-1][:1].isupper()
        and all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words) and mentions(question, head)
    )


# "We propose diff pruning as a simple approach ...": a method the abstract names in lowercase words that its
# title holds too ("... Transfer Learning with Diff Pruning"), so the card has no name for it.
_PROPOSES_PHRASE = re.compile(r"\b(?:propose|introduce|present)\s+(?:a\s+|an\s+|the\s+)?(?:new\s+|novel\s+)?(?P<phrase>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){1,2})")


def _proposes_titled_phrase(question: str, hit: PaperHit, hits: Sequence[PaperHit]) -> bool:
    """Does the question write, in any case, the two or three lowercase words the abstract proposes as its
    method and its title holds ("diff pruning needs all tasks available at training time - ...", dev34),
    words no other retrieved paper writes?"""
    title = f" {' '.join(re.findall(r'[a-z0-9-]+', hit.paper.title.lower()))} "
    spoken = f" {' '.join(re.findall(r'[a-z0-9-]+', question.lower()))} "
    for match in _PROPOSES_PHRASE.finditer(hit.paper.abstract):
        words = match.group("phrase").split()
        for n in (3, 2):
            phrase = " ".join(words[:n])
            if len(words) < n or content_words(phrase) != words[:n]:
                continue
            if f" {phrase} " in title and f" {phrase} " in spoken:
                writing = [h for h in hits if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", paper_text(h), re.IGNORECASE)]
                return writing == [hit]
    return False


_TITLE_SMALL_WORDS = frozenset("in of on for to the a an and with from".split())


def _title_opening(title: str) -> str:
    """The capitalised words a title opens with, when four or more: "Multilingual Universal Sentence Encoder"
    of "Multilingual Universal Sentence Encoder for Semantic Retrieval"; "" otherwise. A question writing them
    ("Multilingual Universal Sentence Encoder for retrieval: number of languages ...?", dev38) calls that
    paper, not the one whose name it holds ("Universal Sentence Encoder"). Three are too few: "Parameter-Efficient
    Transfer Learning" opens three titles, and "Using Transfer Learning" is no paper's name."""
    words = _capitalised_opening(title)
    return " ".join(words) if len(words) >= 4 else ""


def _capitalised_opening(title: str) -> list[str]:
    """The capitalised words a title opens with, before any colon."""
    words = []
    for word in title.split(":", 1)[0].split():
        if not word[:1].isupper():
            break
        words.append(word)
    return words


def _writes_capitalised_opening(question: str, hit: PaperHit, hits: Sequence[PaperHit]) -> bool:
    """Does the question write, capitalised as the title does, the three or more capitalised words this paper's title
    alone opens with? "Which datasets was Interval Bound Interpolation for few-shot learning evaluated on?" (dev60) calls
    "Interval Bound Interpolation for Few-shot Learning with Few Tasks"; "Parameter-Efficient Transfer Learning", which
    opens three titles, calls none of them."""
    words = _capitalised_opening(hit.paper.title)
    if len(words) < 3:
        return False
    opening = " ".join(words)
    if re.search(rf"(?<![\w-]){re.escape(opening)}(?![\w-])", question) and not any(h is not hit and h.paper.title.startswith(opening) for h in hits):
        return True
    # ... or, in any case, three or more of them the question calls a paper by: "in the latent action priors paper and in Re3Sim"
    # of "Latent Action Priors From a Single Gait Cycle Demonstration ..." (dev98).
    for size in range(len(words), 2, -1):
        head = " ".join(words[:size])
        if re.search(rf"\bthe\s+{re.escape(head)}\s+(?:paper|work|study|article)\b", question, re.IGNORECASE):
            return not any(h is not hit and h.paper.title.lower().startswith(head.lower()) for h in hits)
    return False


def _only_inside_other_name(question: str, hit: PaperHit, named: Sequence[PaperHit]) -> bool:
    """Is this paper's name written only inside another named paper's title name ("Adapters" in
    "Conditional Adapters (CoDA)", whose title is "Conditional Adapters: ...", dev17)? Then the
    question names that paper, not this one."""
    names = [n for n in _short_names(hit) if mentions(question, n)]
    if not names or names_any(question, _defined_terms(hit.card.contribution)):
        return False
    covers = [
        (m.start(), m.end())
        for other in named if other is not hit
        for head in (other.paper.title.split(":")[0].strip() if ":" in other.paper.title else "", _title_opening(other.paper.title)) if head
        for m in re.finditer(rf"(?<![\w-]){re.escape(head)}(?![\w-])", question, re.IGNORECASE)
    ]
    # ... or inside a phrase the question quotes from another named paper's title ("Adapters" in "the 'Impact of Language
    # Adapters' study", dev65).
    covers += [
        (m.start("phrase"), m.end("phrase")) for m in _QUOTED.finditer(question)
        if any(other is not hit and m.group("phrase").strip(" .").lower() in other.paper.title.lower() for other in named)
    ]

    def covered(match: re.Match) -> bool:
        return any(a <= match.start() and match.end() <= b for a, b in covers)

    if _holds_title(question, hit.paper.title):
        # Its whole title written counts, unless inside another's ("Universal Sentence Encoder" in "Multilingual
        # Universal Sentence Encoder for retrieval", dev38).
        held = list(re.finditer(rf"(?<![\w-]){re.escape(hit.paper.title)}(?![\w-])", question, re.IGNORECASE))
        if not held or not all(covered(m) for m in held):
            return False
    return all(covered(m) for n in names for m in re.finditer(rf"(?<![\w-]){re.escape(n)}(?![\w-])", question))


def _typed_lowercase(question: str, name: str, hits: Sequence[PaperHit]) -> bool:
    """A one-word coined name of 4+ characters typed in lowercase ("barlow twins vs swav", dev9; "sbert",
    dev7): still that name. Not a plain word that happens to be a name ("Florence"), nor one the
    abstracts also write as a word ("ContinUal" is "continual" in "federated continual learning").
    A name of two or three capitalised words ("lookback lens: how much did it cut ...", dev16) too,
    when no retrieved abstract writes those words in lowercase as a phrase of its own."""
    words = name.split()
    if len(words) > 1:
        if len(words) > 3 or not all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words):
            return False
    elif len(name) < 4 or not is_coined(name) or name.lower() == name or name[1:].lower() == name[1:]:
        return False
    return typed_lowercase_only(question, name, (paper_text(h) for h in hits))


_MIN_TITLE_WORDS = 3  # "Transfer Learning" inside a question is a topic, not a paper


def described_by_title(question: str, hits: Sequence[PaperHit], named: Sequence[PaperHit], by_words: bool = True) -> PaperHit | None:
    """The one retrieved paper, besides those named, whose title holds three or more of the question's
    other words ("Contrast TRANSIC with the dynamics-as-prompts in-context system identification
    approach": "Dynamics as Prompts: In-Context Learning for Sim-to-Real System Identifications",
    dev8): the other side of a comparison, described by its title's words rather than named. None
    when no paper does, or two do equally. `by_words`: also on three title words anywhere in the
    question; else only on a title phrase it writes as a compound or a run of the title's words."""
    def stems(text: str) -> set[str]:
        return {loose_stem(w) for w in content_words(text)}

    taken = {h.paper.paper_id for h in named}
    # A title's phrase written as one compound ("the Dynamics-as-Prompts approach" for "Dynamics as Prompts:
    # In-Context Learning for ...", dev24) names that paper, however few of its words the question has.
    phrases = [c.replace("-", " ") for c in re.findall(r"\b[a-z]+(?:-[a-z]+){2,}\b", question.lower())]
    titled = [h for h in hits if h.paper.paper_id not in taken and any(p in h.paper.title.lower() for p in phrases)]
    if len(titled) == 1:
        return titled[0]
    # A run of the title's words, in its order ("the study on the impact of language adapters" of "The
    # Impact of Language Adapters in Cross-Lingual Transfer for NLU", dev28), names it even where the
    # named paper's title shares most of those words.
    # Not the words the question names the other paper by: "'Parameter-Efficient Transfer Learning for NLP' vs
    # diff pruning" holds a run of "VLN-PETL: Parameter-Efficient Transfer Learning for ..." inside that title.
    rest = question
    for h in named:
        for name in (h.paper.title, *_short_names(h)):
            rest = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", rest, flags=re.IGNORECASE)
    runs = sorted(((_title_run(rest, h.paper.title), h) for h in hits if h.paper.paper_id not in taken), key=lambda s: -s[0])
    if runs and runs[0][0] >= _MIN_TITLE_RUN and (len(runs) == 1 or runs[1][0] < runs[0][0]):
        return runs[0][1]
    if not by_words:
        return None
    names_words = set().union(*(stems(f"{h.paper.title} {h.label()}") for h in named))
    # The part naming the sides first ("GEM vs the language-guided supervision paper for visual continual learning - how does
    # each one get knowledge to transfer across tasks?"): the asking part's words ("knowledge", "transfer", "across") sit in
    # other titles ("Knowledge Transfer Across Modalities with Natural Language Supervision", dev124); then the whole question.
    naming_part = _NAMING_PART.match(question)
    for text in ([naming_part.group("part")] if naming_part else []) + [question]:
        besides = stems(text) - names_words
        scored = sorted(((len(besides & stems(h.paper.title)), h) for h in hits if h.paper.paper_id not in taken), key=lambda s: -s[0])
        if scored and scored[0][0] >= _MIN_TITLE_WORDS and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            return scored[0][1]
    return None


# A question's part naming what it asks about, before it asks: "A vs the B paper - ...", "A vs B: ...".
_NAMING_PART = re.compile(r"^(?P<part>[^:?]+?)(?:\s[-\u2013\u2014]+\s|:\s)(?=.*\b(?:what|which|how|who|where|why|does|do|is|are)\b)", re.IGNORECASE)


_MIN_TITLE_RUN = 4  # words, two of them content words at least


def _title_run(question: str, title: str) -> int:
    """The longest run of the title's words, before its colon or whole, that the question writes in
    that order, counted when it holds two content words or more; 0 otherwise."""
    q = re.findall(r"[a-z0-9-]+", question.lower())
    t = re.findall(r"[a-z0-9-]+", title.lower())
    best = 0
    for i in range(len(q)):
        for j in range(len(t)):
            n = 0
            while i + n < len(q) and j + n < len(t) and q[i + n] == t[j + n]:
                n += 1
            if n > best and len(content_words(" ".join(t[j : j + n]))) >= 2:
                best = n
    return best


def _holds_title(question: str, title: str) -> bool:
    if len(re.findall(r"[a-z0-9]+", title.lower())) < _MIN_TITLE_WORDS:
        return False
    return _spaced_words(title) in _spaced_words(question)


def _spaced_words(text: str) -> str:
    """The text's lowercase words, one space between and around them: a phrase of them is found whole."""
    return f" {' '.join(re.findall(r'[a-z0-9]+', text.lower()))} "


def _besides_names(question: str, named: Sequence[PaperHit]) -> list[str]:
    """The question's content words that are no part of these papers' names ("LiT" in "Tell me about LiT")."""
    names = {w for h in named for name in _short_names(h) for w in re.findall(r"[a-z0-9]+", name.lower())}
    return [w for w in content_words(question) if not any(part in names for part in re.findall(r"[a-z0-9]+", w))]


def asks_only_names(question: str, named: Sequence[PaperHit]) -> bool:
    """Are the question's content words all words of these papers' names ("Tell me about LiT")?"""
    return not _besides_names(question, named)


def contribution_answers(question: str, named: Sequence[PaperHit]) -> bool:
    """Does a named paper's contribution hold every content word of the question besides the names (stemmed)?"""
    asked = {loose_stem(w) for w in _besides_names(question, named)}
    return bool(asked) and any(h.card and asked <= {loose_stem(w) for w in re.findall(r"[a-z0-9]+", h.card.contribution.lower())} for h in named)


def _short_names(hit: PaperHit) -> list[str]:
    """A paper's card name (3+ characters, or a letter and a digit), the acronym its abstract puts right after it ("we
    present Sentence-BERT (SBERT)": "SBERT vs Sentence-T5" names both papers, dev5), and the long
    form an acronym card name abbreviates, as its last 1-4 words ("Prototype-based HyperAdapter
    (PHA)": "Hyper-X and the prototype-based HyperAdapter" names PHA, dev5)."""
    name = hit.card.name if hit.card else ""
    # ... or of two with a digit: "T3" ("TC-LLaVA and T3 both ...", dev69)
    if len(name) < 3 and not re.fullmatch(r"[A-Z]\d|\d[A-Z]", name):
        return []
    names = list(_names_in(name, hit.paper.abstract))
    # A name typeset in TeX ("Re$^3$Sim", "$R^2$-Tuning") is typed plain in a question ("Re3Sim", dev7).
    plain = re.sub(r"[$^{}\\]", "", name)
    return names + [plain] if plain != name and len(plain) >= 3 else names


@functools.lru_cache(maxsize=4096)
def _names_in(name: str, abstract: str) -> tuple[str, ...]:
    after = short_forms(name, abstract)
    before = []
    for match in re.finditer(rf"\(\s*{re.escape(name)}\s*\)", abstract):
        words = abstract[max(0, match.start() - 80) : match.start()].split()[-4:]
        # "Ladder Side-Tuning", "Embodied MultiModal Agent": the words that spell the acronym out,
        # from the first whose initial starts it.
        for k in range(len(words), 0, -1):
            phrase = words[-k:]
            if phrase[0][:1] == name[:1].upper():
                before.append(" ".join(phrase).strip(",;:"))
                break
    return (name, *after, *before)


# A verb giving the paper's own name to what follows: "we propose X", "a ... model (named X)", "introducing a new X".
_INTRODUCING = r"\b(?:introduc|propos|present|call|nam|dub|term)\w*\s+(?:(?:a|an|the)\s+)?(?:new\s+|novel\s+)?"


def _gives_second_name(hit: PaperHit, name: str, own: str) -> bool:
    """Does the abstract give `name` to a second thing of its own, as a name standing alone ("... into a single efficient model
    (named DistillWeighted).", "we introduce XL-AlpacaEval, a new benchmark"), not as a kind ("a new PETL framework", "present
    AutoML techniques"), a field's acronym, or a form of its card's name ("XLM" of "XLM-R")?"""
    if name == own or name in COMMON_ACRONYMS or own.startswith(f"{name}-") or name.startswith(f"{own}-"):
        return False
    return bool(re.search(rf"{_INTRODUCING}[\"“']?{re.escape(name)}[\"”']?(?=\s*[,.;:()]|\s+(?:which|that|to|for|as)\b)", hit.paper.abstract))


def second_name(hit: PaperHit) -> bool:
    """Is the name the question calls this paper by another method its abstract gives ("DistillWeighted" beside the card's
    DistillNearest), not a short or long form of the card's name ("RetriKT" of "Retrieval-based Knowledge Transfer")?"""
    return bool(hit.alias) and hit.alias not in _short_names(hit)


def with_aliases(question: str, hits: Sequence[PaperHit]) -> tuple[PaperHit, ...]:
    """The hits, each the question calls by another name than its card's ("SBERT" for Sentence-BERT)
    carrying that name as the question writes it, so the answer's label shows what was asked about."""
    out = []
    for index, hit in enumerate(hits):
        names = _short_names(hit) if index < NAMED_DEPTH and hit.card else []
        if names and not mentions(question, names[0]):
            for other in names[1:]:
                written = re.search(rf"(?<![\w-]){re.escape(other)}(?![\w-])", question, re.IGNORECASE)
                # Typed in lowercase ("sbert vs consert", dev7), a one-word name of 4+ letters is still that
                # name, shown as its abstract writes it; a long form so typed is a phrase ("forward transfer").
                if written and (any(c.isupper() for c in written.group()) or (len(other) >= 4 and " " not in other)):
                    hit = replace(hit, alias=other)
                    break
            else:
                # ... or by a second name its abstract gives ("DistillNearest" is the card's, "... (named DistillWeighted)" the one
                # asked about, dev86).
                given = next((w for w in name_words(question) if _gives_second_name(hit, w, names[0])), "")
                if given:
                    hit = replace(hit, alias=given)
        elif names and (owned := re.search(rf"(?<![\w-]){re.escape(names[0])}['’]s\s+(?P<name>[\w.-]*[A-Z][\w.-]*[A-Z0-9][\w.-]*)", question)):
            # ... or by what the question says is the paper's own: "LAION-5B vs Florence-2's FLD-5B" asks of the dataset its
            # abstract writes (dev88).
            given = owned.group("name").rstrip(".")
            if given not in COMMON_ACRONYMS and not names[0].startswith(f"{given}-") and mentions(hit.paper.abstract, given):
                hit = replace(hit, alias=given)
        out.append(hit)
    return tuple(out)


def _defined_terms(contribution: str) -> list[str]:
    """The acronyms a contribution sentence defines ("... Cross-Task Transfer (XTRA)") and, of each, the
    long form spelling it out ("Embedding Space Maps" of "(ESMs)", dev10: asked by it, the paper with no
    card name was not named)."""
    acronyms = [t for t in _ACRONYM.findall(contribution) if len(t) >= 3 and is_coined(t)]
    long_forms = [form for t in acronyms for form in _names_in(t, contribution)[1:] if len(form.split()) >= 2]
    return acronyms + long_forms


# Kinds of thing known by their names: "which encoder" asks for "SAMU-XLS-R", not for "an encoder"; "which CNN" for "Zoobot".
# "which self-supervised feature extractor provides the semantic prior?" of "a self-supervised feature extractor" (dev82)
# "what extra module does CLIP2Point add ...?" of "a novel Dual-Path Adapter (DPA) module" (dev89)
_NAMED_KINDS = "model module encoder decoder backbone dataset benchmark architecture detector extractor optimizer tokenizer library toolkit framework corpus vocoder checkpoint metric platform CNN LLM LM"


_KIND_ASKED = re.compile(
    rf"\b(?:which|what)\s+(?P<kind>(?:(?!(?:is|are|was|were|do|does|did)\b)[\w+.-]+\s+){{0,3}}?(?P<head>{'|'.join(_NAMED_KINDS.split())}))s?(?![\w-])"  # not "encoder" of "encoder-decoder"
    r"(?!\s+(?:(?:is|are|was|were)\s+)?called)",  # "What is the encoder called?" goes to the naming checks
    re.IGNORECASE,
)


# ... and, when none of those is asked, a kind whose instances are named, that an abstract may speak of only as "one
# source language" or "a simulator" (dev70: "which source language was the reward model trained on?"). Not "what kind of
# ...", which "a conditional inpainting technique" answers; nor generic kinds (technique, algorithm, loss), whose
# instances abstracts write without the kind's word (seen sets: three false abstentions with them).
_KIND_ASKED_OF_ONE = re.compile(
    r"\b(?:which|what)\s+(?!(?:kind|type|sort)\s+of\b)(?P<kind>(?:(?!(?:is|are|was|were|do|does|did)\b)[\w+.-]+\s+){0,3}?(?P<head>language|variant|layer|simulator|engine|robot))s?(?![\w-])",
    re.IGNORECASE,
)


# ... and any kind the question offers guessed names for, in brackets ending with a question mark: "Which attribution method
# (Integrated Gradients? SHAP?) does ... use?" (dev86), "Which pretrained model (BERT, BioBERT, something else?) ...?" (dev87).
# The asker wants the name, not a description of the method. (The seen sets' nine such questions were all unanswerable.)
# ... or as examples: "Which RL algorithm (e.g. policy gradient / REINFORCE, DQN) trains ...?" (dev95)
_KIND_WITH_GUESSES = re.compile(r"\b(?:which|what)\s+(?P<kind>(?:[\w+.-]+\s+){0,3}?[\w-]+)(?=\s*\((?:[^()]*\?|(?:e\.g\.|like|such\s+as)[^()]*)\s*\))", re.IGNORECASE)
# ... or after a dash, ending "something else?": "which attribution method do they use - integrated gradients, SHAP, something else?" (dev90)
_KIND_WITH_DASHED_GUESSES = re.compile(
    r"\b(?:which|what)\s+(?P<kind>(?:[\w+.-]+\s+){0,3}?[\w-]+)\s+(?:do|does|did|is|are|was|were)\b[^?]*?\s[-–—:]\s+[^?]*?\b(?:something|anything)\s+else\s*\?\s*$",
    re.IGNORECASE,
)


# The kind asked as what fills a role the question names: "which model is that teacher?", "what dataset is the source?".
# ... or "which model is used as the expert teacher that writes the reasoning rationales in ReFineVLA?" (dev60).
_KIND_IN_ROLE = re.compile(
    r"(?:which|what)\s+[\w+.-]+s?\s+(?:is|was|are|were)\s+(?:(?:used|serving|acting)\s+as\s+)?(?:that|the|this|its|their)\s+(?:[a-z][\w-]+\s+)?"
    r"(?P<role>[a-z][\w-]+?)s?(?:\s+(?:that|which|who)\b[^?]*)?\s*\??\s*$",
    re.IGNORECASE,
)


# Counts spelled out, as a question or an abstract writes a small one ("five", "twelve").
_SPELLED_COUNT = "|".join(w for w, digits in NUMBER_WORDS.items() if int(digits) < 100)


# "an audio encoder", and a kind only counted or qualified as many ("several datasets from diverse domains",
# "five pre-trained transformer-based LMs", dev41): there were some, not which.
_INDEFINITE = re.compile(
    rf"\b(?:a|an|several|multiple|various|numerous|diverse|\d+|{_SPELLED_COUNT})\s+(?:[\w-]+\s+){{0,3}}$",
    re.IGNORECASE,
)
# ... a few words on too: "a teacher model called GPT-4V", "a face dataset with fine-grained mask annotations named CelebAMask-HQ".
# ... or right after it, as a list of coined names: "image datasets CUB200, Stanford Dogs, MIT67, and Stanford40" (dev41).
_NAMED_AFTER = re.compile(
    r"(?:\s*,\s*|(?:\s+[a-z][\w-]*){0,6}?\s+(?:called|named|termed|dubbed|coined)\s+)[\"“']?[A-Z0-9][\w.-]*[A-Z0-9]"
    r"|\s+[A-Z][A-Za-z]*\d[\w.-]*\s*,"
)


# What names the thing just after "the X": "the encoder is CLAP", "the model, CLAP,", "the model (CLAP)".
_NAMING_AFTER = re.compile(r"\s*(?:,|\(|:|\b(?:is|was|are|were|called|named|termed|dubbed)\b)", re.IGNORECASE)


def _back_reference(text: str, use: re.Match) -> bool:
    """Is this definite use ("the X") a mere back-reference to one said before as "a X": "the" and lowercase words before it (not
    "the EfficientNetB0 encoder", "the Natural Questions dataset"), and no name after it in its clause?"""
    if not re.search(r"\bthe\s+(?:[a-z][a-z-]*\s+){0,4}$", text[max(0, use.start() - 60) : use.start()]):
        return False
    after = re.split(r"[.;]", text[use.end() : use.end() + 60], maxsplit=1)[0]
    return not _NAMING_AFTER.match(after) and not _WRITTEN_NAME.search(after)


def unnamed_kind(question: str, hit: PaperHit) -> str:
    """The kind of thing a fact question asks the named paper for by name ("audio encoder" of "Which
    audio encoder does Pengi use?"), when its abstract speaks of that kind only as "a/an ... X" ("by
    an audio encoder"): it says there is one, not which. "" when the abstract names one or never
    speaks of the kind (then the other checks decide)."""
    asked = _KIND_ASKED.search(question) or _KIND_ASKED_OF_ONE.search(question)
    if not asked or _best_of_kind(asked, question):
        return ""
    head, said_as = asked.group("head"), " ".join(asked.group().split()[1:])
    if role := _KIND_IN_ROLE.match(question, asked.start()):
        # "which model is that teacher?": the abstract names the teacher, or only says there is one (ReFineVLA, dev43).
        head, said_as = role.group("role"), f"{role.group('role')} {head}"
    text = hit.paper.abstract
    kind_words = asked.group("kind").split()
    if not role and len(kind_words) >= 2 and kind_words[-2].isalpha() and kind_words[-2].lower() not in NUMBER_WORDS and re.search(rf"\b{re.escape(kind_words[-2])}\s+{re.escape(head)}s?\b", text, re.IGNORECASE):
        # "Which pretrained language model does Pengi keep frozen?": its language models, not every "model" (dev46).
        head = f"{kind_words[-2]} {head}"
    # not `mentions`, the cards' helper; and not a compound's first half ("teacher-guided reasons" is no teacher)
    spelled = r"\s+".join(map(re.escape, head.split()))
    uses = list(re.finditer(rf"\b{spelled}s?\b(?!-\w)", text, re.IGNORECASE))
    if " " in head:
        # ... and "the encoder" after "an audio encoder", which says which one it is ("the encoder is CLAP").
        uses = sorted([*uses, *re.finditer(rf"(?<=\bthe\s){re.escape(head.split()[-1])}\b(?!-\w)", text, re.IGNORECASE)], key=lambda m: m.start())
    # A use in a sentence on others' work says nothing of the paper's own ("most of the existing methods are focused on
    # classification tasks using images and language datasets", beside GATE's "various molecular graph datasets", dev51).
    spans = split_sentences(text)
    uses = [m for m in uses if not _ON_OTHERS_WORK.search(next((text[sp.start : sp.end] for sp in spans if sp.start <= m.start() < sp.end), ""))]
    # How many characters before each use say it is some one of its kind ("an audio encoder": "an audio "), 0 for a
    # plural said of the kind in general ("connecting language models with audio models", dev46); None when neither.
    leads: list[int | None] = []
    for m in uses:
        said = _INDEFINITE.search(text[max(0, m.start() - 40) : m.start()])
        generic = m.group().lower().endswith("s") and _GENERIC_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
        lead = len(said.group()) if said else 0 if generic else None
        if lead is None and any(leads) and _back_reference(text, m):
            lead = 0  # "... from the neural commonsense knowledge model and then refines ..." after "a neural commonsense knowledge model" (dev83)
        leads.append(lead)
    # The paper itself, by its name before its kind ("Pengi, a novel Audio Language Model"), is not the one it is asked of.
    own = hit.own_names()
    itself = [lead is not None and any(re.search(rf"(?<![\w-]){re.escape(n)}\s*,\s*$", text[: m.start() - lead]) for n in own) for m, lead in zip(uses, leads)]
    uses, leads = [m for m, i in zip(uses, itself) if not i], [d for d, i in zip(leads, itself) if not i]
    if not uses or any(lead is None for lead in leads):
        return ""
    if any(_NAMED_AFTER.match(text, m.end()) or _LISTED_AFTER.match(text, m.end()) for m in uses):
        return ""  # "a new benchmark called Ego2Exo" (dev9): indefinite, and named on the spot
    if any(_DEFINED_AFTER.match(text, m.end()) for m in uses):
        return ""  # "as effective as a richer detector that utilizes the entire hidden states of an LLM or ..." (dev128): which one, by what it does
    if " " in head and any(_NAMED_AFTER.match(text, m.end()) for m in re.finditer(rf"\b{re.escape(head.split()[-1])}s?\b(?!-\w)", text, re.IGNORECASE)):
        return ""  # "which target datasets?" of "... on four benchmark (target) image datasets CUB200, Stanford Dogs, ..." (dev41)
    if any(_NAMED_BEFORE.search(text, 0, m.start() - lead) for m, lead in zip(uses, leads)):
        return ""  # "we release GNN-Bank-101, a large-scale dataset of ..." (dev11): named just before
    return said_as  # as asked: "datasets", "audio encoder", "teacher model"


# A relative clause saying what the one of its kind does, which tells which it is: "a richer detector that utilizes the entire
# hidden states of an LLM" (not "a model that is ...", "a method which can ...", which say what it is like).
_DEFINED_AFTER = re.compile(r"s?\s+(?:that|which)\s+(?!(?:is|are|was|were|can|could|has|have|may|might|does|do)\b)[a-z]+(?:es|s)\b")


# A name as an abstract writes one: capitals or a digit inside a word ("SigLIP-So400m", "plBART", "DMLab-30"), or a
# capitalised word inside a sentence ("Reddit", "English"); not a plain number or unit ("224px").
_WRITTEN_NAME = re.compile(r"(?<![\w-])(?:[\w.-]*[A-Z][\w.-]*[A-Z0-9][\w.-]*|[a-z]+[A-Z][\w.-]*|(?<=[a-z,;:(] )[A-Z][a-z]{2,}[\w-]*)")
# Which of a kind came out best is told as the paper words it, named or not: "which architecture and pretraining objective
# turned out best?" is answered by "a decoder-only model with a prefix LM objective is best" (dev97).
_PICKED_BEST = re.compile(r"\b(?:turned\s+out|came\s+out|worked|works|performed|performs|was|were|is|are)\s+(?:the\s+)?(?:best|optimal|most\s+effective)\b", re.IGNORECASE)


def _best_of_kind(asked: re.Match, question: str) -> bool:
    """Does the question ask which of a named kind came out best (not a layer or language, which are told by their name)?"""
    return asked.re is _KIND_ASKED and bool(_PICKED_BEST.search(question))


_KIND_OF = re.compile(r"\b(?:kind|type|sort)s?\s+of\b", re.IGNORECASE)


def kind_left_unnamed(question: str, hit: PaperHit, shown: Sequence[str]) -> str:
    """The kind a fact question asks the paper to name ("which social media platform did the language samples come
    from?"), when neither the sentences an answer would show nor any sentence of the abstract writing the kind's word
    names anything the question and the paper's own title do not: whatever is shown, the reader still does not know
    which. "" when a name is there to read ("... where plBART is best"), or the question asks what kind of thing it is
    ("a conditional inpainting technique" answers that)."""
    asked = _KIND_ASKED.search(question) or _KIND_ASKED_OF_ONE.search(question) or _KIND_WITH_GUESSES.search(question) or _KIND_WITH_DASHED_GUESSES.search(question)
    if not asked or _KIND_OF.search(question) or _best_of_kind(asked, question):
        return ""
    # Any word of the kind as asked counts: "the pretraining annotation dataset" is named where the abstract speaks of its
    # annotations ("FLD-5B, which consists of 5.4 billion comprehensive visual annotations", dev36).
    kind_words = [w for w in re.findall(r"[a-z][a-z-]{2,}", asked.group("kind").lower()) if w not in _NOT_KIND_WORDS]
    text = hit.paper.abstract
    writing_kind = [text[sp.start : sp.end] for sp in split_sentences(text) if any(re.search(rf"\b{re.escape(w[:6])}", text[sp.start : sp.end], re.IGNORECASE) for w in kind_words)]
    known = {w.lower() for w in re.findall(r"[\w.-]+", " ".join([question, hit.paper.title, *hit.own_names()]))}
    # A known word made a modifier names nothing new: "COVID-related FAQs" beside the title's "COVID-19" (dev87).
    # (Not a coined name made of a known word and a noun: "Bailong-bench" names the benchmark asked of Bailong, dev91.)
    known_parts = {part for w in known for part in w.split("-") if part}
    # ... nor does the kind's own acronym: "pretrained language models (PLMs)" for "which pretrained language model" (dev88).
    known.add("".join(w[0] for w in kind_words).lower())
    known_singular = {w.rstrip("s") for w in known}  # "LLM" is the question's "LLMs" (dev98)
    asked_kind = kind_words[-1] if kind_words else ""
    for sentence in [*shown, *writing_kind]:
        for name in _WRITTEN_NAME.findall(sentence):
            name = name.rstrip(".")  # a sentence's full stop ("... to COVID-related FAQs.")
            head, _, rest = name.partition("-")
            if _labelled_other_kind(sentence, name, asked_kind):
                continue
            if asked_kind.lower().rstrip("s") != "language" and _language_word(name):
                continue  # "beyond English", "non-English text" name no LLM (dev98)
            if name.lower() not in known and name.lower().rstrip("s") not in known_singular and not (rest.lower() in _MODIFYING and head.lower() in known_parts) and not _abbreviates_known(name, text, known):
                return ""
    said = asked.group("kind") if asked.re is _KIND_WITH_DASHED_GUESSES else " ".join(asked.group().split()[1:])
    return re.sub(r"^(?:the|a|an|its|their)\s+", "", said, flags=re.IGNORECASE)


# Data and the models trained on it are kinds no name is both of: "a new benchmark called Ego2Exo" names no captioning model (dev89).
_DATA_KINDS = frozenset("dataset datasets benchmark benchmarks corpus corpora".split())
_MODEL_KINDS = frozenset("model models encoder encoders decoder decoders backbone backbones architecture architectures network networks llm llms lm lms cnn cnns detector detectors extractor extractors tokenizer tokenizers vocoder vocoders checkpoint checkpoints captioner captioners".split())
_LABEL_BEFORE = re.compile(r"\b(?P<label>[A-Za-z]+)\s+(?:(?:called|named|termed|dubbed|like|such\s+as|including)\s+)?[\"“'‘`]?$")
_LABEL_AFTER = re.compile(r"^[\"”'’]?\s+(?P<label>[A-Za-z]+)\b")
_KIND_LABELS = _DATA_KINDS | _MODEL_KINDS


def _labelled_other_kind(sentence: str, name: str, asked_kind: str) -> bool:
    """Does the sentence label every use of the name as a kind of the other family than the one asked (data for a model asked,
    a model for data asked): "a new benchmark called Ego2Exo", "the Ego2Exo benchmark"?"""
    asked = asked_kind.lower()
    other = _MODEL_KINDS if asked in _DATA_KINDS else _DATA_KINDS if asked in _MODEL_KINDS else frozenset()
    uses = list(re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence))
    if not other or not uses:
        return False

    def label_of(use: re.Match) -> str:
        before = _LABEL_BEFORE.search(sentence[max(0, use.start() - 40) : use.start()])
        after = _LABEL_AFTER.match(sentence[use.end() : use.end() + 30])
        return next((m.group("label").lower() for m in (before, after) if m and m.group("label").lower() in _KIND_LABELS), "")

    return all(label_of(use) in other for use in uses)


def _abbreviates_known(name: str, abstract: str, known: set[str]) -> bool:
    """Is the name an acronym the abstract defines for words the question already writes: "Continual learning (CL)" beside "visual
    continual learning" (dev88)? It abbreviates the asker's own words, names nothing."""
    letters = name.rstrip("s")
    defined = re.search(rf"((?:[\w-]+\s+){{{len(letters)}}})\(\s*{re.escape(name)}\s*\)", abstract)
    if not defined or not letters.isupper():
        return False
    words = defined.group(1).split()
    return spells(letters, words) and all(w.lower() in known for w in words)


# What makes a word a modifier after a hyphen: "COVID-related", "task-specific", "CLIP-based".
_MODIFYING = MODIFIER_SUFFIXES | frozenset("related centric only".split())
_NOT_KIND_WORDS = frozenset("the its their this that these those specific exact actual main".split())


def _language_word(name: str) -> bool:
    """Is the name a language's, however modified ("English", "non-English", "English-centric")?"""
    parts = [p for p in name.split("-") if p and p.lower() != "non" and p.lower() not in _MODIFYING]
    return bool(parts) and all(p in LANGUAGE_NAMES for p in parts)


# A sentence on others' work, not the paper's: "most of the existing methods are ...", "Previous approaches rely on ...".
_ON_OTHERS_WORK = re.compile(
    r"^(?!.*\b(?:we|our|this\s+(?:paper|work|article))\b).*(?:\b(?:existing|previous|prior|conventional|earlier)\s+(?:[\w-]+\s+){0,2}?(?:methods|approaches|works|studies|techniques|models)\b"
    # ... or what has "traditionally" been done: "... tasks have traditionally been studied in isolation, each with its own ...
    # evaluation metrics" (dev94)
    r"|\btraditionally\b)",
    re.IGNORECASE,
)


# A preposition or gerund before a plural that says the kind in general: "connecting language models", "with audio models"
# (not a noun before it: "the Transformer and CNN model architectures" names them).
# ... also past a lowercase modifier or two: "datasets mined from open world platforms" (dev68).
_GENERIC_BEFORE = re.compile(r"(?<![\w-])(?:with|of|for|between|to|into|in|on|from|across|among|over|than|[a-z]+ing)\s+(?:(?!and\b|or\b)[a-z][a-z-]*\s+){0,2}$")


# Names set before "a/an ... <kind>" or a counted kind as its apposition: "GNN-Bank-101, a large-scale dataset" (dev11),
# "than CRISS and m2m-100, two strong multilingual NMT baselines" (dev78). A name has two capitals or digits, or a
# digit inside ("Moreover, a dataset" names none).
_NAME_TOKEN = r"(?:[A-Z0-9][\w.-]*[A-Z0-9][\w.-]*|[a-z][\w-]*\d[\w.-]*)"
_NAMED_BEFORE = re.compile(rf"(?<![\w.-]){_NAME_TOKEN}(?:\s*,\s*{_NAME_TOKEN})*(?:,?\s+(?:and|or)\s+{_NAME_TOKEN})?\s*,\s*$")


# Names listed right after a kind counted: "three datasets: ImageNet, ...", "five LMs (BERT, ...)", "such as ...".
# (Not "including both": "seven ... models, including both multilingual and Vietnamese monolingual models" tells their kinds, dev94.)
_LISTED_AFTER = re.compile(r"\s*(?::|\(|,?\s+(?:such\s+as|including(?!\s+both\s+[a-z])|namely|e\.g\.|i\.e\.|like)\b)", re.IGNORECASE)


# Names set after a counted kind and a comma: "two ... benchmarks, XTREME and XGLUE".
# Mid-sentence, a capital after the comma starts a name ("benchmarks, Mocheg and Fakeddit").
# (Not another count: "11 target datasets, 5 model architectures" lists what was counted, dev48.)
_APPOSED_NAME = re.compile(r"\s*,\s*(?:namely\s+)?(?:[A-Z]|[0-9][\w.-]*[A-Za-z])")


# "Which five pretrained LMs ...?", "What are the 10 adapter methods integrated into ...?", "which seven SHDA
# methods were compared?", "List the 19 benchmark datasets ...": the things a count the question repeats stands for, asked by name.
_COUNTED_ASKED = re.compile(
    # ("can you list the ~40 tasks ...", "List the 12 fact-checking / misinformation benchmarks ...", dev68)
    rf"\b(?:(?:which|what)\s+(?:(?:are|were)\s+)?|(?:list|name)\s+(?:all\s+)?)(?:the\s+)?(?:~\s*|about\s+|around\s+|roughly\s+|almost\s+|nearly\s+)?(?P<count>\d+|{_SPELLED_COUNT})\s+(?P<kind>(?:[\w-]+(?:\s*/\s*|\s+)){{0,3}}?[\w-]+?s)\b",
    re.IGNORECASE,
)


# ... or counted first and asked for after: "evaluated on 12 LLMs from four model families - which families?" (dev42),
# "SuS-X reports SOTA on 19 benchmark datasets - can you list those datasets?" (dev57), "ViLBERT is pretrained with two
# proxy tasks ... - what exactly are those two tasks?" (dev116), "DTA was tested with 3 fine-tuning schemes - which ones exactly
# (linear probing, full fine-tuning, ...)?" (dev125).
_COUNTED_THEN_ASKED = re.compile(
    rf"(?<![\w.])(?P<count>\d+|{_SPELLED_COUNT})\s+(?P<kind>(?:[\w-]+\s+){{0,2}}?(?P<head>[a-z][\w-]*?s))\b[^?]*?\b(?:which|what|list|name)\s+(?:(?:exactly|precisely)\s+)?(?:(?:are|were)\s+(?:the|they|those)\s+)?(?:[\w-]+\s+)?(?:(?P=head)|(?P=count)|ones(?:\s+(?:exactly|precisely))?)\s*(?:\([^()?]*\)\s*)?\?",
    re.IGNORECASE,
)


# Things named in lowercase right after their count, as a list: ", label mapping and feature mapping,".
_APPOSED_LIST = re.compile(r"\s*,\s*(?!(?:which|that|where|while|and|but|we|our|it|they|its|their|as|with|in|on|for|to)\b)[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}(?:\s*,\s*[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})*,?\s+and\s+[a-z][\w-]*")
# ... or in brackets a little later, with no other count between: "three generative tasks with varying levels of complexity
# (summarization, instruction following, and mathematical reasoning)"; not "two model families ... on three generative tasks
# (...)", nor a citation "(Chidambaram et al., 2018)".
_BRACKETED_LIST = re.compile(r"\([^()]*(?:,|\band\b)[^()]*\)")
_BRACKET_REACH = 80
_CITATION = re.compile(r"\bal\.|\b(?:19|20)\d\d\b")
_ANOTHER_COUNT = re.compile(rf"(?<![\w.])(?:\d+|{_SPELLED_COUNT})\s+[a-z]", re.IGNORECASE)


# A word ending in "s" that is no plural: "heterogeneous", "various", "cross", "basis".
_NOT_PLURAL = re.compile(r"(?:ous|ss|us|is)$", re.IGNORECASE)


# Where a sentence goes on to what it claims: "... support their hypothesis that ...", "... show that ...".
_PROPOSITION = re.compile(
    r"\b(?:hypothesis|claim|conclusion|finding|idea|assumption|notion|(?:show|demonstrate|suggest|indicate|confirm|reveal)(?:s|ed|d)?)\s+that\b", re.IGNORECASE
)


# Words naming the part things play, which an abstract may count them by alone: "eleven mainstream baselines".
_ROLE_NOUNS = frozenset("baseline baselines competitor competitors".split())


# Things named after a dash or colon later in the counting sentence, as a list: "... -- toxicity and stance detection."
_DASHED_LIST = re.compile(r"\s(?:--|\u2014|\u2013|:)\s*[\w-]+(?:\s+[\w-]+){0,3}(?:,\s*[\w-]+(?:\s+[\w-]+){0,3})*,?\s+(?:and|or)\s+[\w-]+")
_AGAINST_BASELINE = re.compile(r"\s(?:over|than|against|versus|vs\.?|compared\s+(?:to|with)|relative\s+to)\s", re.IGNORECASE)


def unnamed_counted(question: str, hits: Sequence[PaperHit]) -> tuple[str, PaperHit, int] | None:
    """The counted things a question asks for by name ("which five pretrained LMs"), and the paper whose
    abstract gives the same count of them without naming one ("across five pre-trained transformer-based
    LMs and three input datasets", dev41): it says how many, not which. None when no close abstract
    gives that count of that kind, or one names them (a colon, brackets, "such as", or a name in the
    rest of its sentence that is neither the paper's own nor the question's)."""
    asked = _COUNTED_ASKED.search(question) or _COUNTED_THEN_ASKED.search(question)
    if asked is None or re.search(r"\b(?:papers|works|studies|articles)$", asked.group("kind"), re.IGNORECASE):
        return None
    count = asked.group("count").lower()
    counts = {count, NUMBER_WORDS.get(count, count), *(w for w, d in NUMBER_WORDS.items() if d == count)}
    kind = " ".join(asked.group("kind").split())
    following = re.match(r"\s+([A-Za-z][\w-]*s)(?![\w-])", question[asked.end("kind") :])
    if _NOT_PLURAL.search(kind) and following:
        kind = f"{kind} {following.group(1)}"  # "which 11 heterogeneous agents": the things are agents, not "heterogeneous" (dev43)
    kind_words = kind.split()
    # "eleven baseline continual-learning methods" are counted as "eleven mainstream baselines" too (dev44).
    heads = {re.sub(r"(?:es|s)$", "", w) for w in (kind_words[-1], *(w for w in kind_words[:-1] if w.lower() in _ROLE_NOUNS))}
    # ... also one count of several of a coordinated kind: "spans 21 low-resource, 17 medium-resource, and 10 high-resource
    # languages" counts 21 languages (dev66).
    counted = re.compile(
        rf"(?<![\w.])(?:{'|'.join(map(re.escape, counts))})\s+"
        rf"(?:(?:[\w-]+\s+){{0,3}}?|[\w-]+(?:,\s*(?:\d+|{_SPELLED_COUNT})\s+[\w-]+)*,?\s+and\s+(?:\d+|{_SPELLED_COUNT})\s+[\w-]+\s+)"
        rf"(?:{'|'.join(map(re.escape, heads))})(?:s|es)?(?![\w-])",
        re.IGNORECASE,
    )
    for hit in hits:
        text = hit.paper.abstract
        matches = list(counted.finditer(text))
        if not matches:
            continue
        spans = split_sentences(text)
        known = {w.lower() for w in re.findall(r"[\w.-]+", f"{hit.label()} {hit.paper.title} {question}")}
        for match in matches:
            if _LISTED_AFTER.match(text, match.end()) or _APPOSED_NAME.match(text, match.end()) or _APPOSED_LIST.match(text, match.end()):
                return None  # "... two challenging multilingual multi-task benchmarks, XTREME and XGLUE" (dev5); "two new DP methods, label mapping and feature mapping" (dev47)
            if _NAMED_BEFORE.search(text, 0, match.start()):
                return None  # "... than CRISS and m2m-100, two strong multilingual NMT baselines" (dev78)
            sentence_end = next((s.end for s in spans if s.start <= match.start() < s.end), len(text))
            bracket = _BRACKETED_LIST.search(text, match.end(), sentence_end)
            if bracket and not _CITATION.search(bracket.group()) and _lists_them(text, match.end(), bracket):
                return None  # "three generative tasks with varying levels of complexity (summarization, instruction following, and ...)" (dev47)
            dashed = _DASHED_LIST.search(text, match.end(), sentence_end)
            if dashed and _lists_them(text, match.end(), dashed):
                # "... two other tasks relevant to content moderation -- toxicity and stance detection." (dev99); not the other count's
                # list ("12 public benchmarks ... as well as two other tasks ... -- toxicity ...", dev68) nor one further on ("two proxy
                # tasks on ... and then transfer it to multiple established vision-and-language tasks -- visual question ...", dev116)
                return None
            if ENUMERATION_STARTS.match(text[sentence_end:]) or _gone_through_by_name(text[sentence_end:]):
                return None  # "... consists of two problem-specific modules. First, we introduce enhanced Aligner ..." (dev41)
            # ... in its own clause: "across 5 datasets and 12 model architectures, we demonstrate that the proposed Tune mode ..." names a mode, not them.
            # (nor in a proposition the sentence goes on to: "three simulated cooperation scenarios support their hypothesis
            # that transfer empowerment improves MARL performance" names no scenario, dev51)
            rest = _PROPOSITION.split(re.split(r"[,;]", text[match.end() : sentence_end], maxsplit=1)[0], maxsplit=1)[0]
            # ... nor in the baseline the result is measured against: "a 2.35% GLUE score average improvement on 5 GLUE tasks over
            # BERT-LARGE" names no task (dev125)
            rest = _AGAINST_BASELINE.split(rest, maxsplit=1)[0]
            if any(w.lower().strip(".-") not in known and w not in _CLASS_ACRONYMS for w in re.findall(r"(?<![\w-])[A-Z][\w.-]*[A-Z0-9][\w.-]*|(?<=\s)[A-Z][a-z]+(?=[\s,)])", rest)):
                return None
            return f"which {asked.group('count')} {kind}", hit, match.start()
    return None


def _lists_them(text: str, count_end: int, found: re.Match[str]) -> bool:
    """Is a list found after a count (in brackets, after a dash) the counted things' own: within reach of the count, with no
    other count between ("two model families ... on three generative tasks (...)" lists the tasks, not the families)?"""
    return found.start() - count_end <= _BRACKET_REACH and not _ANOTHER_COUNT.search(text, count_end, found.start())


def _gone_through_by_name(rest: str) -> bool:
    """Do the next two sentences each open on a different thing ("ColBERT-X can be trained in two ways. In zero-shot
    training, ... In translate-train, ...", dev50)? They go through what the sentence before counted."""
    following = [IN_THING_OPENING.match(rest[span.start : span.end]) for span in split_sentences(rest)[:2]]
    return len(following) == 2 and all(following) and following[0].group(1).lower() != following[1].group(1).lower()


# Things a paper names when it uses them, asked for by kind: "Which specific languages were used to
# evaluate Hyper-X?", "Which LLM ... in the Self-Translate-Train experiments?" (dev26, dev27).
_INSTANCE_ASKED = re.compile(
    r"\b(?:which|what)\s+(?:specific\s+|particular\s+|exact\s+)?(?:(?:source|target|base|evaluation|test)\s+)?(?P<head>languages?|LLMs?|large\s+language\s+models?)\b"
    r"(?!\s+(?:(?:is|are|was|were)\s+)?called)",
    re.IGNORECASE,
)
_INSTANCE_WORDS = {"language": r"\blanguages?\b", "model": r"\b(?:LLMs?|(?:large\s+)?language\s+models?)\b"}


def unnamed_instances(question: str, hit: PaperHit) -> str:
    """The languages or language model a fact question asks the named paper for, when every sentence of
    its abstract speaking of them names none ("Our experiments on a diverse set of languages ...", "a
    large language model"): it says there were some, not which. "" when a sentence names one (a
    capitalised word besides the paper's own name and the question's: "English", "Llama 2") or the
    abstract never speaks of them (then the other checks decide)."""
    asked = _INSTANCE_ASKED.search(question)
    if not asked:
        return ""
    head = asked.group("head").lower()
    about = [e.text for e in hit.sentence_scores or hit.evidence if re.search(_INSTANCE_WORDS["language" if head.startswith("language") else "model"], e.text, re.IGNORECASE)]
    if not about:
        return ""
    known = {w.lower() for w in re.findall(r"[\w.-]+", f"{hit.label()} {question}")}
    for sentence in about:
        # The class written in capitals names none ("cross-lingual generation capabilities in Large Language Models (LLMs)", dev47).
        words = re.findall(r"(?<=[\s(/])(?<![.!?]\s)[A-Z][\w.-]*", _CLASS_IN_CAPITALS.sub(" ", sentence))
        if any(w.lower().strip(".-") not in known and w.strip(".-)") not in _CLASS_ACRONYMS for w in words):
            return ""
    return " ".join(asked.group().split()[1:])


_CLASS_IN_CAPITALS = re.compile(r"\b(?:Large\s+)?Language\s+Models?\b|\bFoundation\s+Models?\b")


# Acronyms naming a class of models or a task, not one thing: "a CNN model", "multilingual QA models".
_CLASS_ACRONYMS = frozenset(
    "AI ML NLP NLU NLG LLM LLMs LM LMs VLM VLMs MLLM MLLMs CNN CNNs RNN RNNs LSTM GAN GANs VAE ViT ViTs MLP DNN DNNs SOTA API APIs "
    "GPU GPUs TPU CPU PEFT RL QA VQA ASR TTS MT NMT NER POS SSL KD DA UDA TL MTL OOD IID IoT MRI CT EEG ECG VLA VLAs".split()
)


# A name: a word written as one ("Wav2Vec", "3DSeg-8", "mBART", "MPII"), then capitalised words and
# version numbers ("Wav2Vec 2.0", "MPII Human Pose").
_NAME_SPAN = r"(?:[A-Z0-9]|[a-z]+[A-Z])[\w+.-]*[\w+](?:\s+(?:[A-Z][\w+-]*|\d+(?:\.\d+)*))*"


# A question asking which did best, and how a sentence says one did: "Zoobot achieves higher detection performance".
_RANKED_ASK = re.compile(r"\b(?:best|better|highest|strongest|won|wins)\b", re.IGNORECASE)
_AFTER_PREPOSITION = re.compile(r"\b(?:on|in|with|from|of|by|to|for|than|over)\s+$", re.IGNORECASE)
_DOES_BEST = (
    r"(?:(?:achieves|achieved|attains|attained|obtains|obtained|gives|gave|yields|yielded|reaches|reached|shows|showed)\s+(?:the\s+|a\s+)?"
    r"(?:higher|highest|best|better|superior|top)\b|(?:outperforms|outperformed|performs\s+best|performed\s+best|beats|beat)\b)"
)


# "which language(s)", "what target languages", "which low-resource languages": a language asked by name.
_LANGUAGE_ASKED = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?languages?\b(?:\(s\))?(?!\s+models?\b)", re.IGNORECASE)
_LANGUAGE = re.compile(rf"(?<![\w-])(?:(?:Traditional|Simplified|Modern\s+Standard|Brazilian|European)\s+)?(?:{'|'.join(sorted(LANGUAGE_NAMES))})(?![\w-])")
_OTHER_LANGUAGES = re.compile(r"\b(?:target|other|new|low-resource|non-English|foreign)\s+(?:[\w-]+\s+)?languages?\b", re.IGNORECASE)


_AUTHOR_YEAR = re.compile(r"\s*\((?:[A-Z][\w-]+(?:\s+(?:et\s+al\.?|and\s+[A-Z][\w-]+))?,?\s*\d{4}[a-z]?(?:;\s*)?)+\)")


def kind_named(question: str, sentence: str, with_kind: bool = False) -> str:
    """The names a sentence gives the kinds of thing a fact question asks for ("Wav2Vec 2.0" for
    "which pretrained model?", "GNN-Bank-101" for "what dataset ... was released ...?", "SigLIP-So400m
    and Gemma-2B" for "what vision encoder and what language model ..."): a name right before the
    kind's word ("the MPII Human Pose dataset", "the XLM-RoBERTa (XLM-R) encoder"), or one followed
    by ", a/an ... <kind>". A name the question uses is no answer to it. "" when the question asks no kind or the sentence names none.
    `with_kind`: each name with its kind's word ("3DSeg-8 dataset"), as a lead says it: a bare
    "3DSeg-8" is a claim the support judge cannot place."""
    names = []
    hyphenated_parts = {part.lower() for w in re.findall(r"[\w.]+(?:-[\w.]+)+", question) for part in w.split("-")}
    languages = ""
    if language_asked := _LANGUAGE_ASKED.search(question):
        # "which target language(s) does each paper work on?" (dev33): the languages the sentence names that the
        # question does not ("Traditional Chinese", not the "English" the asker adapts from).
        found = list(dict.fromkeys(m.group() for m in _LANGUAGE.finditer(sentence) if not mentions(question, m.group().split()[-1])))
        if len(found) > 1 or _OTHER_LANGUAGES.search(question):
            # English beside others is where the transfer starts ("LLaMa, ... mainly trained in English, ... for
            # Kinyarwanda, Hausa, and Luganda"), not a language the paper targets; nor, alone, when the
            # question asks for other languages ("... adapt these models to different languages" from English).
            found = [f for f in found if f != "English"]
        if found:
            languages = ", ".join(found[:-1]) + f" and {found[-1]}" if len(found) > 1 else found[0]
    # An author-year citation between a name and its kind's word hides neither: "the recent SGD-X (Lee et al., 2021) benchmarks" (dev50).
    sentence = _AUTHOR_YEAR.sub("", sentence)
    for asked in _KIND_ASKED.finditer(question):
        head = f"(?i:{re.escape(asked.group('head'))})"
        beside = re.compile(
            # names listed before their kind's plural: "the MultiWOZ, SGD, and the recent SGD-X benchmarks" (dev50)
            rf"(?<![\w-])(?P<listed>{_NAME_SPAN}(?:\s*,\s*(?:and\s+)?(?:the\s+)?(?:[a-z]+\s+)?{_NAME_SPAN})+),?\s+(?:and\s+)?(?:the\s+)?(?:[a-z]+\s+)?(?P<last>{_NAME_SPAN})\s+{head}s\b"
            rf"|(?<![\w-])(?P<name>{_NAME_SPAN})\)?(?:\s+(?!(?:and|or)\b)[a-z][\w-]*)?\s+{head}s?\b"
            rf"|(?<![\w-])(?P<apposed>{_NAME_SPAN}),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}{head}s?\b"
            # "Using Glot500-m, an mPLM pretrained on over 500 languages, as our source model" (dev16)
            rf"|\b(?i:using|uses|used|use|adopting|adopts|taking|takes|choosing|chooses|selecting|selects)\s+(?P<used>{_NAME_SPAN})(?:,[^.;,]{{0,80}},)?\s+as\s+(?:our|their|the|its|a|an)\s+(?:[\w-]+\s+){{0,2}}{head}s?\b"
            # "a domain-specific CNN -`Zoobot' - with ..." (dev17, dev32): the name set off by a dash after its kind
            rf"|\b{head}\s+[-\u2013\u2014]+\s*(?P<quote>[`'\u2018\u201c\"]?)(?P<dashed>{_NAME_SPAN})"
            # ... or called so a few words after it: "a large-scale high-resolution face dataset with fine-grained mask annotations named CelebAMask-HQ" (dev44)
            rf"|\b{head}s?\b[^.;:()]{{0,60}}?\b(?i:named|called|dubbed|termed)\s+[`'\u2018\u201c\"]?(?P<called>{_NAME_SPAN})"
            # ... or given as its example in brackets: "both with encoder (e.g., XLM-R) and decoder LLMs (e.g., Mistral-7B)" (dev93)
            rf"|\b{head}s?(?:\s+[A-Za-z][\w-]*)?\s+\((?:e\.g\.|i\.e\.|such\s+as|like)\s*,?\s*(?P<example>{_NAME_SPAN})\)"
            # ... or its instances listed in brackets: "several prominent multilingual LLMs (LLaMA, Qwen, Mistral, GLM, and OLMo)" (dev95)
            rf"|\b{head}s?\s+\((?P<bracketed>{_NAME_SPAN}(?:\s*,\s*(?:and\s+)?{_NAME_SPAN})+)\)"
            # ... or the names right after their kind's word: "against current state-of-the-art metrics MS-LEEP and E-LEEP" (dev35)
            rf"|\b{head}s?\s+(?P<after>{_NAME_SPAN}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_NAME_SPAN})*)"
            # ... or set off by commas right after it: "a new sentence representation transfer benchmark, SentGLUE, which extends ..." (dev21)
            rf"|\b{head}s?,\s+(?P<comma>{_NAME_SPAN}),"
            # ... or, asked which did best, the name said to do best in a sentence speaking of the kind: "we compare
            # a domain-specific CNN -`Zoobot' - with a generic classification backbone and find that Zoobot achieves
            # higher detection performance" for "which backbone worked best?" (dev34)
            + (rf"|(?<![\w-])(?P<winner>{_NAME_SPAN})\s+{_DOES_BEST}" if _RANKED_ASK.search(question) and re.search(rf"\b{head}s?\b", sentence) else ""),
        )
        for found in beside.finditer(sentence):
            listed = f"{found.group('listed')} and {found.group('last')}" if found.group("listed") else ""
            name = (listed or found.group("name") or found.group("apposed") or found.group("used") or found.group("dashed") or found.group("called") or found.group("after") or found.group("comma") or found.group("example") or found.group("bracketed") or found.groupdict().get("winner")).rstrip(".'’")
            first = name.split()[0].rstrip(",;")  # the first of a listed run ("LLaMA, Qwen, ...")
            # "the pre-trained BERT model" names a model, though BERT is not coined by the paper; "Gemma-2B" by its digit.
            written_as_name = strongly_coined(first) or first in COMMON_ACRONYMS or bool(re.fullmatch(r"[A-Za-z][\w.-]*\d[\w.-]*", first))
            written_as_name = written_as_name or bool(found.group("quote"))  # quoted, it is a name however written
            # Title-case words joined by hyphens right before the kind's word name it: "the trilingual Swiss-Judgment-Prediction dataset" (dev41).
            written_as_name = written_as_name or bool(found.group("name") and re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+){2,}", first))
            if found.groupdict().get("winner"):
                # The doer, not the object of a preposition: "the BERT model pre-trained on PubMed performs best" says which data.
                quoted = bool(re.search(rf"[`'\u2018\u201c\"]{re.escape(name)}\b", sentence))
                written_as_name = (written_as_name or quoted) and not _AFTER_PREPOSITION.search(sentence[: found.start("winner")])
            # "a novel ... suBmOdular tRaNsferability metric (OSBORN)": the spelling out of the name the question uses, no other name.
            spelled = re.match(r"\s*\((?P<acronym>[^()]{2,30})\)", sentence[found.end() :])
            written_as_name = written_as_name and not (spelled and mentions(question, spelled.group("acronym").strip()))
            # ... nor a part of a hyphenated name the question writes: "two PETL modules" for "What two modules does VLN-PETL introduce?" (dev28).
            if written_as_name and first not in _CLASS_ACRONYMS and not mentions(question, first) and first.lower() not in hyphenated_parts:
                kind = asked.group("head") if asked.group("head").isupper() else asked.group("head").lower()  # "CNN" stays written so
                kind = f"{kind}s" if " and " in name and not kind.endswith("s") else kind  # "MS-LEEP and E-LEEP metrics"
                named = f"{name} {kind}" if with_kind else name
                if named not in names:
                    names.append(named)
                if not _ASKED_MANY.search(asked.group()):
                    break
                # Asked in the plural ("what modules make up the KRT framework?"), each one the sentence names: "a dynamic
                # pseudo-label (DPL) module ... and an incremental cross-attention(ICA) module" (dev52), not the first alone.
    if languages:
        # In the order asked: "which pretrained speech model, and from which language" -> "Wav2Vec 2.0 model and Czech".
        first_kind = next(_KIND_ASKED.finditer(question), None)
        names.insert(0 if first_kind is None or language_asked.start() < first_kind.start() else len(names), languages)
    return " and ".join(names)


_NAME_WORD = re.compile(r"\b[A-Za-z][\w-]*\b")  # a word; name_words keeps those written as names
_ASKED_MANY = re.compile(r"[a-z]s$")  # a kind asked in the plural ("what modules"), whose instances are named one by one


# The two sides of a comparison: "X compare(s) with/to Y", "compare X with Y", "X versus Y", "between X and Y".
_COMPARED = re.compile(
    r"(?P<a>[\w'’-]+)\s+(?:compares?|stacks?\s+up)\s+(?:with|to|against)\s+(?P<b>[\w'’-]+)"
    # "How does LiT's zero-shot ImageNet accuracy compare with ALIGN's?" (dev37): the side owns the aspect compared.
    r"|(?P<o>[\w-]+)['’]s\s+(?:[\w-]+\s+){1,4}?compares?\s+(?:with|to|against)\s+(?P<p>[\w'’-]+)"
    r"|\bcompare\s+(?P<c>[\w'’-]+)\s+(?:with|to|and|against)\s+(?P<d>[\w'’-]+)"
    r"|(?P<e>[\w'’-]+)\s+(?:versus|vs\.?)\s+(?P<f>[\w'’-]+)"
    r"|\bbetween\s+(?P<g>[\w'’-]+)\s+and\s+(?P<h>[\w'’-]+)"
    r"|\b(?:is|are|was|were)\s+(?P<i>[\w'’-]+)\s+or\s+(?P<j>[\w'’-]+)\s+(?:better|worse|faster|slower|stronger|weaker|cheaper|more|less|higher|lower)\b"
    # "Is SuS-X better than Tip-Adapter for few-shot CLIP adaptation?" (dev10)
    r"|\b(?:is|are|was|were|does|do)\s+(?P<k>[\w'’-]+)\s+(?:better|worse|faster|slower|stronger|weaker|cheaper|more\s+\w+|less\s+\w+|outperform|beat)\s+(?:than\s+)?(?P<l>[\w'’-]+)"
    # "Does LST save more fine-tuning memory than QLoRA?" (dev13)
    r"|\b(?:does|do|did|can)\s+(?P<m>[\w'’-]+)\s+[a-z]+\s+(?:more|less|fewer|better|higher|lower)\s+(?:[\w-]+\s+){0,3}?than\s+(?P<n>[\w'’-]+)",
    re.IGNORECASE,
)


def compared_names(question: str) -> list[str]:
    """The compared things a question calls by name ("How does GPipe's memory use compare with
    ZeRO's?" -> ["ZeRO"]: the word right before "compare" is "use"); conditions such as "on GLUE"
    are not compared things."""
    sides = " ".join(side for match in _COMPARED.finditer(question) for side in match.groups() if side)
    return name_words(sides)


def lowercase_sides(question: str) -> list[str]:
    """The compared words of a question typed all in lower case ("barlow twins vs simclr ..."): names the
    capitals would have marked, as written; none when the asker writes capitals, whose lower-case sides are
    aspects ("... ArtFusion the better pick if I care about speed vs controllability?", dev15)."""
    if re.search(r"[A-Z]", question[1:]):
        return []
    sides = [side for match in _COMPARED.finditer(question) for side in match.groups() if side]
    return [side for side in sides if side.islower() and len(side) >= 4 and side not in ENGLISH_STOPWORDS]


def _introduces(hit: PaperHit, name: str) -> bool:
    """Does this abstract introduce `name` as its own ("we show that ... by introducing UniST, a Unified
    Style Transfer framework", whose card is named after another of its parts, AMSA; dev14)?"""
    if re.search(rf"{_INTRODUCING}[\"“']?{re.escape(name)}\b", hit.paper.abstract):
        return True
    # ... or as what it came to: "... and derive two models: t-ReX that achieves a new state of the art ..." (dev124).
    if re.search(rf"\b(?:derive|obtain|train|release)\w*\s+(?:[\w-]+\s+){{0,2}}(?:models?|variants?|versions?)\s*:\s*[\"“']?{re.escape(name)}(?![\w-])", hit.paper.abstract, re.IGNORECASE):
        return True
    # ... or abbreviates the words its title opens with by it: "we define a new problem: Zero-Shot Tokenizer Transfer (ZeTT)" (dev83);
    # not a term of the field the title also holds ("Vision Transformers (ViTs)" of "Token-Label Alignment for Vision Transformers").
    defined = re.search(rf"((?:[\w-]+\s+){{2,3}})\(\s*{re.escape(name)}\s*\)", hit.paper.abstract)
    return bool(defined) and hit.paper.title.lower().startswith(" ".join(defined.group(1).split()).lower())


def unindexed_subject(question: str, hits: Sequence[PaperHit]) -> tuple[str, PaperHit] | None:
    """A name the question asks about as its subject ("How does SpeechSplit manage to disentangle ...?",
    "What is SpeechSplit's ...?") that no retrieved paper is, while one retrieved abstract mentions it once,
    as earlier work ("Recently, SpeechSplit has made sizeable progress ..."): that name and paper; None
    otherwise. AutoPST's sentences on its own method would read as SpeechSplit's (dev40). A name any close
    paper writes in its title, introduces, defines in brackets, or of which it is a numbered variant
    ("SpineNet-190"), is that paper's."""
    for name in name_words(question):
        if len(name) < 3 or name.upper() in COMMON_ACRONYMS:
            continue
        subject = re.search(rf"\b(?:how|why|what|which)\b[^?]*?\b(?:does|did|do|is|was|can|could)\s+(?:the\s+)?{re.escape(name)}(?![\w-])(?!\s*(?:paper|model|method|framework|approach)\b)", question, re.IGNORECASE)
        if not (subject or re.search(rf"(?<![\w-]){re.escape(name)}['’]s\b", question)):
            continue
        base = re.sub(r"[-\s]?\d+[A-Za-z]?$", "", name) or name
        if any(_is_its_name(h, form) for h in hits for form in {name, base}):
            return None
        mentioning = [h for h in hits if mentions(h.paper.abstract, name)]
        if len(mentioning) != 1:
            return None
        abstract = mentioning[0].paper.abstract
        sentences = [sentence for sentence in (abstract[s.start : s.end] for s in split_sentences(abstract)) if mentions(sentence, name)]
        if len(sentences) == 1 and _EARLIER_WORK.search(sentences[0]) and not _OWN_WORK.search(sentences[0]):
            return name, mentioning[0]
        return None
    return None


def _is_its_name(hit: PaperHit, name: str) -> bool:
    """Does this paper call itself `name`: in its title, its card's names, an introduction or a bracketed definition?"""
    flat_name = name.lower()
    return (
        flat_name in hit.paper.title.lower()
        or any(flat_name in n.lower() or n.lower() in flat_name for n in _short_names(hit))
        or _introduces(hit, name)
        or re.search(rf"\(\s*{re.escape(name)}\s*\)", hit.paper.abstract, re.IGNORECASE) is not None
    )


# How an abstract speaks of another's work: "Recently, SpeechSplit has made sizeable progress ...".
_EARLIER_WORK = re.compile(r"\b(?:recent(?:ly)?|previous(?:ly)?|prior|existing|earlier|state-of-the-art|baselines?|such\s+as|e\.g\.|compared\s+(?:to|with)|outperform\w*|than)\b", re.IGNORECASE)
_OWN_WORK = re.compile(r"\b(?:we|our|this\s+(?:paper|work))\b", re.IGNORECASE)


def uncompared_pair(question: str, hits: Sequence[PaperHit]) -> tuple[str, str] | None:
    """The two compared names, in the question's order, when one is a retrieved paper, no retrieved paper
    *is* the other (by its name or a term its contribution defines) and no retrieved abstract that
    mentions it also mentions the first; None when every compared thing is a paper here, none is, or
    they are compared in some abstract."""
    names = compared_names(question)
    if len(names) != 2:
        return None
    papers = {
        name: [h for h in hits if h.card and (any(mentions(n, name) for n in _short_names(h)) or names_any(name, _defined_terms(h.card.contribution)) or _introduces(h, name))]
        for name in names
    }
    if not any(papers.values()):
        # Neither side is a paper here: the two words are the ends of two descriptions ("adapters on wav2vec 2.0
        # for ASR vs LoRA on chest radiography foundation models", dev33), each side a paper that uses its own.
        return None
    for name, other in (names, names[::-1]):
        if papers[name]:
            continue
        if not any(mentions(text, name) and mentions(text, other) for text in map(paper_text, hits)):
            return names[0], names[1]  # in the question's order
    return None


def name_words(question: str) -> list[str]:
    """The words of a question written as names: an inner capital or digit ("ZeRO", "PCGrad",
    "NYUv2") or two capitals ("LoRA", "GLUE"). "How does GPipe's memory use compare with ZeRO's?"
    -> ["GPipe", "ZeRO"], possessives dropped."""
    names = []
    for word in _NAME_WORD.findall(question.replace("’", "'")):
        if sum(ch.isupper() for ch in word) >= 2 or re.search(r"[a-z][A-Z0-9]", word):
            names.append(word)
    return list(dict.fromkeys(names))


# How deep in the ranking a paper the question names is looked for: a name is a strong signal that
# the ranking can underrate when the paper's title lacks it (SwAV's title does not say "SwAV").
NAMED_DEPTH = 10


# "Which <things> does <subject> ...": the things asked are the subject's own when it is a named paper.
_ASKS_OF_NAMED = re.compile(r"^\s*(?:which|what)\s+(?:[\w-]+\s+){1,3}?(?:does|do|did|is|are|was|were|can)\s+(?P<subject>[\w.-]+(?:\s+[\w.-]+)?)", re.IGNORECASE)


# ... or the paper is named first, then what is asked of it: "Reuse Your Rewards: which base LM was aligned, ...?" (dev94).
# (What is asked of it, in both: "which"/"what", not of papers, nor of each of two.)
_WHICH_OF_IT = r"\b(?:which|what)\b(?!\s+(?:other\s+)?(?:papers|works|studies|methods|approaches|articles)\b)(?![^?]*\b(?:each|both)\b)"
_NAMED_THEN_ASKED = re.compile(
    # ... also after a sentence on it: "BlackVIP: the Coordinator makes ... visual prompts. robustness to which kinds of shift does that
    # improve?" (dev97).
    r"^\W*(?P<opening>[^:?]{3,100}?)\s*(?::|\s[-\u2013\u2014]+\s)\s*(?:[^?]*?[.;]\s+[^?]*?)?" + _WHICH_OF_IT,
    re.IGNORECASE,
)


# ... or opens with the paper doing something, then asks what: "T3 builds its textual temporal reasoning tasks from what source
# data?" (dev97).
_NAME_DOES_WHAT = re.compile(r"^\W*(?P<opening>[A-Z][\w.$^+-]*(?:\s+[A-Z][\w.$^+-]*)?)\s+(?:[a-z]+(?:s|ed)|is|was|has|had)\b[^?]*?" + _WHICH_OF_IT)


def asks_of_named_paper(question: str, hits: Sequence[PaperHit]) -> bool:
    """Does a "which X" question ask what one paper it names holds ("Which tasks does TaskWeb cover?")?
    That is a fact about the paper, not a list of papers: as a list it listed other papers."""
    match = _ASKS_OF_NAMED.match(question)
    if match and any(names_any(match.group("subject"), _short_names(h)) for h in named_papers(question, hits[:NAMED_DEPTH])):
        return True
    # ... or the words its title opens with, glossed: "what datasets was learning to branch (the gumbel-softmax tree ... method) validated on?"
    if match and (glossed := _glossed_title_opening(question, hits[:NAMED_DEPTH])) and _spaced_words(glossed.paper.title).startswith(_spaced_words(match.group("subject"))):
        return True
    opening = _NAMED_THEN_ASKED.match(question) or _NAME_DOES_WHAT.match(question)
    return bool(opening) and len(named_papers(opening.group("opening"), hits[:NAMED_DEPTH])) == 1


# "AdapterFusion vs MAD-X: ...", "PaliGemma versus Mini-InternVL - ...": two things set against each other.
_VERSUS = re.compile(r"\b(?:vs\.?|versus)(?=\s)", re.IGNORECASE)
# ... or two names the question opens with, joined, as what it asks of: "VL-Adapter or UniAdapter: what share of parameters ...?",
# "STEER and RetriKT both claim ..." (dev90).
# ... or two papers, each after "in": "Where do the expert demonstrations come from in the latent action priors paper and in Re3Sim?" (dev98).
_IN_EACH = re.compile(r"\bin\s+[^?,;]{2,60}?\s+and\s+in\s+(?:the\s+)?[\w$^.-]+", re.IGNORECASE)
_TWO_OPENING = re.compile(r"^\W*[\w.-]+\s+(?:or|and)\s+[\w.-]+(?:\s*[:?]|\s+-\s|\s+both\b)", re.IGNORECASE)


def asks_of_each_named(question: str, hits: Sequence[PaperHit]) -> bool:
    """Does a question worded as a fact set two papers it names against each other ("AdapterFusion vs
    MAD-X: on how many tasks is AdapterFusion evaluated, and what adapter architecture does MAD-X
    introduce?")? Then it asks of each: a comparison, one line per paper, not a fact of the first."""
    two = _TWO_OPENING.match(question)
    if not _VERSUS.search(question) and not two and not _IN_EACH.search(question):
        return False
    named = named_papers(question, hits[:NAMED_DEPTH])
    if len(named) >= 2:
        return True
    if two:
        return False
    # ... or one it names against one it describes by its title's words, on the other side of the "vs"
    # ("The paper on learning universal sentence representations from NLI data vs Sentence-BERT", dev21).
    # Not a named paper against what it is measured against ("MBTL ... vs independent and multi-task training").
    sides = _VERSUS.split(question, maxsplit=1)
    other = [side for side in sides if not any(names_any(side, _short_names(h)) for h in named)]
    return len(named) == 1 and len(other) == 1 and described_by_title(other[0], hits[:NAMED_DEPTH], named) is not None


# Where a question's clauses part ("X vs Y: on how many tasks is X evaluated, and what does Y introduce?").
_ASK_CLAUSES = re.compile(r"[?;:]|\.\s+|,\s*(?:and\s+|while\s+|but\s+)?|\s+-\s+|\s+and\s+(?=(?:what|how|which|why|on|in|for|does|did|is|was)\b)", re.IGNORECASE)
_WH_WORD = re.compile(r"\b(?:what|how|which|why|who|when|where)\b", re.IGNORECASE)


def own_clause(question: str, hit: PaperHit, named: Sequence[PaperHit]) -> str:
    """The one clause of a question naming two papers that asks of this paper alone ("what new adapter
    architecture does MAD-X introduce" of "AdapterFusion vs MAD-X: on how many tasks is AdapterFusion
    evaluated, and what new adapter architecture does MAD-X introduce?"), or ""."""
    if len(named) < 2 or hit not in named:
        return ""
    clauses = [c.strip() for c in _ASK_CLAUSES.split(question) if _WH_WORD.search(c)]
    owned = {h.paper.paper_id: [c for c in clauses if names_any(c, _short_names(h)) and not any(names_any(c, _short_names(o)) for o in named if o is not h)] for h in named}
    if sum(1 for mine in owned.values() if len(mine) == 1) < 2:
        return ""  # one clause asks of both, or a paper's clause cannot be told apart: the question is asked of each whole
    mine = owned[hit.paper.paper_id]
    return mine[0] if len(mine) == 1 else ""


def value_asked_of(question: str, value: str, named: Sequence[PaperHit]) -> PaperHit | None:
    """The one named paper a value is asked of by its verb's subject ("what fraction does VLN-PETL tune", where
    the question also names VL-Adapter for its own, given figure, dev40); None when not asked that way."""
    if len(named) < 2 or not value:
        return None
    asked = [
        h for h in named
        if any(re.search(rf"\b{re.escape(value)}\s+(?:does|did|do|is|was|are|were)\s+(?:the\s+)?{re.escape(n)}(?![\w-])", question, re.IGNORECASE) for n in _short_names(h) if n)
    ]
    return asked[0] if len(asked) == 1 else None


def asked_of(question: str, hit: PaperHit, named: Sequence[PaperHit]) -> str:
    """The question as asked of this paper: without the clauses the question asks of the other papers it
    names alone ("how many NLU tasks does AdapterFusion use" is not asked of ScaLearn, dev24), with
    what it asks of both ("(and how many languages each covers)", dev14)."""
    asked = question
    for other in named:
        if other is not hit:
            clause = own_clause(question, other, named)
            if clause:
                asked = asked.replace(clause, " ")
    return asked

