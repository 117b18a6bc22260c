"""Which words of a question the indexed papers never mention, when that means "not stated".

"Which papers apply cross-lingual transfer to sign language recognition?": the cross-lingual
papers match well, but no abstract says "sign", so the corpus cannot answer it. A word the papers
never use is not always the question's topic, though: long questions that describe a paper in
their own words ("methods that attach a small network") carry a rewording or two, and a word may
be a variant of one the papers do use ("electrocardiogram" / "electrocardiography"). So:

- a word counts only if no word of the top papers that starts the same way is close in meaning
  (a variant, judged by the embedder, a handful of words at most);
- the words that remain must be a real share of the question's content words: one in six
  ("federated" in "How do the papers handle catastrophic forgetting in federated continual
  learning?") is a topic, one in twenty is a rewording. Weak evidence halves the share needed;
- in a small collection (a vocabulary under `small_vocabulary` stems: a few dozen abstracts)
  most common words are missing, so there the words must also carry the question's meaning
  when the rest of it is well matched: without them its embedding moves (cosine 0.16 for
  "sign" in "cross-lingual transfer to sign language recognition"), where a rewording barely
  moves it ("reader" in "Which paper tells the reader to ignore ...": 0.05). In a large one
  that check is not made: it cost 3 of the frozen test set's 19 unanswerable questions.
  A list question gets a much lower bar of the same kind in any collection: a word that barely
  moves it is a role ("as a driver for learning"), not the topic its papers must be about.

A word the index does use can still be one the answer's papers miss: "continual learning in speech
recognition models" lists continual-learning papers, none about speech. `unmet_facet` reads the
question's facets against the papers a list would give (see there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from rag.answer.evidence_lines import paper_text
from rag.answer.question_text import example_lists, example_spans, without_set_aside
from rag.answer.text_forms import loose_stem, spelled_out
from rag.records import PaperHit, best_evidence_score
from rag.search.keyword import MODIFIER_SUFFIXES, KeywordIndex
from rag.words import ABBREVIATIONS, COMPOUND_JOINING_WORDS, american_spelling, content_words, describing_compound, spells

Embed = Callable[[Sequence[str]], np.ndarray]

_PAPER_WORD = re.compile(r"[a-z][a-z0-9-]{2,}")
_PREFIX = 4  # letters a variant must share with the question's word
# ... or a place the question writes with a capital: its people and language start alike for three
# letters only ("Poland" / "Polish", cosine 0.75; "Spain" / "Spanish", "Finland" / "Finnish"), dev29.
_PROPER_PREFIX = 3
# A word this long one typo away from a paper's word is that word mistyped; shorter words one edit
# apart are often different words ("sign" / "sing", "graph" / "grape").
_TYPO_MIN = 7


def one_edit_apart(a: str, b: str) -> bool:
    """Are the two words one typo apart: a letter left out, added, changed, or two neighbours swapped?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    return a[start + 1 :] == b[start + 1 :] or (start + 1 < len(a) and a[start] == b[start + 1] and a[start + 1] == b[start] and a[start + 2 :] == b[start + 2 :])


def doubling_apart(a: str, b: str) -> bool:
    """Is one word the other with a letter doubled ("barier" / "barrier", "occured" / "occurred")?
    The commonest typo, and one that rarely makes another word: so read at any length from 5."""
    if abs(len(a) - len(b)) != 1 or min(len(a), len(b)) < 5:
        return False
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[i] == longer[i - 1] and longer[:i] + longer[i + 1 :] == shorter for i in range(1, len(longer)))


def _typo_of(word: str, paper_word: str) -> bool:
    """Is the question's word the paper's long word mistyped: one edit apart with both 7+ letters, or
    a letter left out of one ("markrs" / "markers", dev9), which leaves 6?"""
    shortest = _TYPO_MIN - 1 if len(word) < len(paper_word) else _TYPO_MIN
    return len(word) >= shortest and len(paper_word) >= _TYPO_MIN and one_edit_apart(word, paper_word)


# The words a question asks with, of four letters or more (shorter ones are one typo from too many
# words): a misspelt one is fixed whatever the papers say, as no abstract asks.
_ASKING_WORDS = ("what", "which", "where", "when", "whose", "whom", "whether", "anything", "something")  # "anythign that trains ...", dev33


def _letter_dropped(word: str, paper_word: str, question: str) -> bool:
    """Is a short lowercase word the paper's word with one letter left out after its first ("taks" /
    "tasks", dev13), or, at six letters, two neighbours swapped ("memroy")? Changed letters make other
    words at this length, as swaps do in shorter ones ("sign" / "sing"); a dropped letter seldom does.
    Words written with a capital or a digit are names, never fixed."""
    if not 4 <= len(word) < _TYPO_MIN or word[0] != paper_word[0]:
        return False
    if not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", question):  # as typed: lowercase
        return False
    if len(word) == _TYPO_MIN - 1 and len(paper_word) == len(word):
        # Two neighbours swapped in a six-letter word ("memroy" / "memory", dev13).
        return any(word[:i] + word[i + 1] + word[i] + word[i + 2 :] == paper_word for i in range(1, len(word) - 1))
    return len(paper_word) == len(word) + 1 and any(paper_word[:i] + paper_word[i + 1 :] == word for i in range(1, len(paper_word)))


def typos_fixed(question: str, hits: Sequence[PaperHit], unknown: Sequence[str], dropped_letter_typo_of: Callable[[str], str] | None = None) -> str:
    """The question with each word no indexed paper uses, mistyped from a word of these papers,
    written as the papers write it ("how many discourse markrs ..." -> "markers", dev9): the checks
    after retrieval read the question's words, and "The abstracts don't state the discourse markrs" was
    said of a figure the top paper gives. `unknown`: the question's words the index does not know.
    `dropped_letter_typo_of`: the index's word a lowercase word is with a letter it left out, for one no close paper
    writes ("which papers actualy run experiments on it?": "The abstracts don't mention “actualy”", dev124)."""
    own = {w for hit in hits for w in _PAPER_WORD.findall(f"{hit.paper.title} {hit.paper.abstract}".lower())}
    for word in unknown:
        asking = [w for w in _ASKING_WORDS if one_edit_apart(word.lower(), w) and word[:1].lower() == w[0]]
        if len(asking) == 1:
            # "waht dataset ...": the question's asking word, which the shapes read ("what dataset"), dev11.
            question = re.sub(rf"\b{re.escape(word)}\b", lambda m: asking[0].capitalize() if m.group()[0].isupper() else asking[0], question, flags=re.IGNORECASE)
            continue
        fixes = sorted(w for w in own if _typo_of(word, w) or doubling_apart(word, w) or _letter_dropped(word, w, question))
        if not fixes and dropped_letter_typo_of is not None and len(word) >= 5 and re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", question):
            fixes = [fix] if (fix := dropped_letter_typo_of(word)) else []
        if len(fixes) == 1:  # two candidates: which was meant is a guess
            question = re.sub(rf"\b{re.escape(word)}\b", fixes[0], question, flags=re.IGNORECASE)
    return question


def variant_in_papers(word: str, hits: Sequence[PaperHit], embed: Embed, close: float, proper: bool = False, coined: bool = False) -> bool:
    """Does one of these papers use a word that starts like `word` and means nearly the same, or
    the word itself with a typo fixed ("architecure": its word pieces embed far from "architecture")?
    `proper`: the question writes the word with a capital, a place whose adjective may share only
    three letters with it. `coined`: a name with a capital inside ("EfficientDet"), whose only
    variants are its typos: "EfficientNet", which embeds close to it, is another model (dev78)."""
    return bool(papers_with_variants([word], hits, embed, close, proper={word} if proper else frozenset(), coined={word} if coined else frozenset())[word])


def papers_with_variants(
    words: Sequence[str], hits: Sequence[PaperHit], embed: Embed, close: float,
    proper: frozenset[str] | set[str] = frozenset(), coined: frozenset[str] | set[str] = frozenset(),
) -> dict[str, set[int]]:
    """For each word, the positions of the papers using a variant of it (as `variant_in_papers` reads
    one), with one embedding call for all; `proper`: the words the question writes capitalised;
    `coined`: those it writes as coined names, whose variants are only their typos (nothing embedded)."""
    own = [set(_PAPER_WORD.findall(f"{hit.paper.title} {hit.paper.abstract}".lower())) for hit in hits]
    found = {
        word: {
            i for i, ws in enumerate(own)
            if any(_typo_of(word, w) or doubling_apart(word, w) for w in ws)
        }
        for word in words
    }
    prefix = {word: _PROPER_PREFIX if word in proper else _PREFIX for word in words}
    candidates = {word: [] if word in coined else sorted({w for ws in own for w in ws if w.startswith(word[: prefix[word]]) and w != word}) for word in words}
    texts = list(dict.fromkeys(t for word in words if candidates[word] for t in (word, *candidates[word])))
    if texts:
        vectors = dict(zip(texts, embed(texts)))
        for word in words:
            near = {w for w in candidates[word] if float(vectors[w] @ vectors[word]) >= close}
            found[word] |= {i for i, ws in enumerate(own) if ws & near}
    return found


def stemmed_apart(collisions: dict[str, list[str]], embed: Embed, close: float) -> list[str]:
    """The words the stemmer merged with others that mean something else: "negation" is not
    "negative" (cosine 0.44), "conversion" not "conversational" (0.14), where "optimizer" is
    "optimize" (0.92) and "transcripts" "transcriptions" (0.66)."""
    if not collisions or close <= 0:
        return []
    texts = list(dict.fromkeys(t for word, forms in collisions.items() for t in (word, *forms)))
    vectors = dict(zip(texts, embed(texts)))
    return [word for word, forms in collisions.items() if max(float(vectors[f] @ vectors[word]) for f in forms) < close]


def _one_example_of_several(word: str, question: str, unknown: Sequence[str], closed: bool = True) -> bool:
    """Is `word` in one item of the question's examples ("such as radiographs, MRI, CT or histopathology
    slides") while another item has no unknown word? The papers speaking of that one answer it.
    `closed`: read examples closed by "and so on" too ("CNN backbones (ResNet-50, ResNet-FPN, Inception-ResNet and so
    on)", dev110), as a topic question gives them; a fact question's "which five environments (Ant, HalfCheetah,
    Hopper...)?" offers the answers it expects, each of which the paper must write (dev92)."""
    for items in example_lists(question, closed=closed):
        words = [set(re.findall(r"[a-z][a-z0-9-]*", item)) for item in items]
        if any(word in w for w in words) and any(w and not (w & set(unknown)) for w in words if word not in w):
            return True
    return False


def _slashed_alternative(word: str, question: str, unknown: Sequence[str]) -> bool:
    """Is `word` one side of a slash whose other side the index writes ("contrastive learning with soft / graded similarity",
    dev92)? Either one is the topic. Not a name written with a slash ("CNN/DailyMail"): spaced, or two lowercase words."""
    for pair in re.finditer(r"(?<![\w/-])(?P<a>[A-Za-z][\w-]*)(?P<left>\s*)/(?P<right>\s*)(?P<b>[A-Za-z][\w-]*)(?![\w/-])", question):
        a, b = pair.group("a"), pair.group("b")
        if not (pair.group("left") and pair.group("right")) and not (a.islower() and b.islower()):
            continue
        a, b = a.lower(), b.lower()
        if (word == a and b not in unknown) or (word == b and a not in unknown):
            return True
    return False


def _capitalised(word: str, question: str) -> bool:
    """Is `word` written in the question as a proper noun: a capital, then lowercase ("Poland")?"""
    return bool(re.search(rf"(?<![\w-]){re.escape(word[:1].upper() + word[1:].lower())}(?![\w-])", question))


def _coined(word: str, question: str) -> bool:
    """Is `word` written in the question as a coined name: a capital, lowercase, then a capital again ("EfficientDet", "SpineNet")?"""
    return any(re.search(r"[A-Z][a-z]+[A-Z]", m.group()) for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", question, re.IGNORECASE))


def _written_as_name(word: str, question: str) -> bool:
    """Is `word` written in the question with a capital or a digit ("PCGrad", "EWC", "NYUv2")?"""
    return any(any(c.isupper() or c.isdigit() for c in m.group()) for m in re.finditer(rf"(?<![\w-])[\w-]*{re.escape(word)}[\w-]*(?![\w-])", question, re.IGNORECASE))


def meaning_shift(question: str, words: Sequence[str], embed: Embed) -> float:
    """How far the question's embedding moves without these words (1 - cosine).

    A word is removed where it stands inside a compound too ("EEG" in "EEG-based", "DINOv" in
    "DINOv2", "SQL" in "text-to-SQL"): the tokenizer found it there, and left in place it moved
    nothing, so the small-collection check read a topic as a rewording."""
    vectors = embed([question, _without(question, words)])
    return 1.0 - float(vectors[0] @ vectors[1])


# The verb saying what the papers do, where a topic question puts it: before its object ("Which papers
# cut the memory ...", "How do papers in the index cut the GPU memory ...", "PETL cuts the number of
# ...", "methods that try to shrink a model ..."). It words what the papers do the asker's way; the
# papers write "reduce". A noun seldom stands right before "the" or "a"; a verb or a preposition does.
_DOING_VERB = re.compile(r"(?<![\w-])(?P<verb>[a-z]+)\s+(?:the|a|an|their|its|this|these|those)\s")
# ... or right after "that" / "which" ("methods that also shrink GPU memory use", dev29): a relative
# clause's first word, past an adverb, is its verb.
# ... also after "try to" and the like: "methods that also try to cut inference-time computation" (dev43).
_RELATIVE_VERB = re.compile(r"\b(?:that|which)\s+(?:[a-z]+ly\s+|also\s+|both\s+)?(?:(?:try|tries|aim|aims|attempt|attempts|seek|seeks|help|helps|manage|manages)\s+to\s+)?(?P<verb>[a-z]+)\s")


# ... or a gerund taking an object after "on" / "about" / "for" ("work on shrinking big pretrained language
# models", dev31): how the asker words what the papers do ("compress", "distil"); not one ending a phrase
# ("papers on fishing?"), which is the topic.
_GERUND_VERB = re.compile(r"\b(?:on|about|for|towards)\s+(?P<verb>[a-z]{3,}ing)\s+(?!(?:and|or|in|of|for|with|to|as)\b)[a-z]")


# The verb saying what both compared papers do: "Slovak ASR from Czech vs the Maltese code-switching paper: both borrow from a
# related language - what exactly is transferred in each?" (dev87). How the asker words it, not a topic.
_BOTH_DO = re.compile(r"\b(?:both|each)\s+(?P<verb>[a-z]{3,})\s+(?:from|on|to|with|in|into|the|a|an|their|its)\b")


# ... or a verb of more or less saying what for: "PETL methods that share weights across tasks or layers to cut trainable parameters
# even further?" (dev91), however no abstract words it.
_PURPOSE_VERB = re.compile(r"\b(?:to|and)\s+(?P<verb>cut|reduce|lower|shrink|trim|slash|halve|boost|raise|increase|improve|speed|save|squeeze)\s+(?!up\b)[a-z]")


# ... or a verb of saying, telling how a paper puts what it holds: "which methods advertise that their gains come with only
# negligible extra cost", "Which papers argue for one model trained end-to-end ..." (dev109, dev110). The papers write the gains
# and the model, not "advertise" or "argue".
_SAYING_VERB = re.compile(
    r"\b(?P<verb>(?:advertis|argu|claim|admit|acknowledg|conced|tout|boast|assert|contend|insist|advocat|emphasi[sz]|warn)[a-z]*)"
    r"\s+(?:that|for|against|how|whether)\b"
)


def doing_verbs(question: str) -> set[str]:
    """The lowercase words of a topic question in the place of the verb that says what its papers do."""
    patterns = (_DOING_VERB, _RELATIVE_VERB, _GERUND_VERB, _PURPOSE_VERB, _SAYING_VERB)
    return {m.group("verb") for pattern in patterns for m in pattern.finditer(question)}


_ADVERB = re.compile(r"(?:ally|ately|ively|ently|antly|ously|ingly|edly|fully|lessly|ably|ibly|citly)$")
_SETTING_ASIDE = frozenset({"apart", "aside"})
# A verb asking what something is worth, which no abstract writes: "What does that preliminary step buy in each case?" (dev130).
_WORTH_ASKED = frozenset({"buy", "buys", "bought"})
_COMPARATIVES = frozenset("bigger larger smaller greater higher lower faster slower quicker cheaper costlier better worse stronger weaker longer shorter deeper wider narrower".split())


def _set_against(word: str) -> re.Pattern[str]:
    """A comparison's other side: the word within five words after "beat", "outperform", "better than", "compared with" ..."""
    return re.compile(
        r"\b(?:beat|beats|outperform(?:s|ed)?|surpass(?:es|ed)?|(?:better|worse|stronger|weaker|faster|slower)\s+than|compared\s+(?:to|with)|against)\s+"
        rf"(?:[\w'’-]+\s+){{0,4}}\(?{re.escape(word)}\b",
        re.IGNORECASE,
    )


# The asker's project, a sentence of its own before the question: "I'm building a chit-chat bot. ", "Goal: adapt ... . ".
_ASKERS_GOAL = re.compile(r"^\W*(?:(?:I['’]?m|I\s+am|we['’]re|we\s+are)\s+[^.?!]{3,160}?|goal:\s*[^.?!]{3,160}?)[.!]\s+(?=[A-Z])", re.IGNORECASE)
_OWN_TOPIC_WORDS = 3
_AUTHOR_CITED = re.compile(r"\b[A-Z][\w'-]*\s+et\s+al\.?(?:['’]s)?")


def unmentioned_words(
    question: str, hits: Sequence[PaperHit], keyword: KeywordIndex, embed: Embed, *, weak_below: float, share: float, variant_close: float,
    topic_shift: float, small_vocabulary: int, stem_close: float = 0.0, papers: int = 5, names_a_paper: bool = False, list_question: bool = False, list_rewording_shift: float = 0.0,
    knows_word: Callable[[str], bool] | None = None, describing: Callable[[], str] | None = None, topic_question: bool = False,
) -> list[str]:
    """The question's topic words no indexed paper mentions, or [] when the question is answerable by its words.

    `names_a_paper`: the question calls a retrieved paper by its name, so its topic is in the index; a
    word it adds counts only when written as a name ("PCGrad", "EWC", "RTX": something else compared or
    used). A lowercase one is a rewording ("how does GEM fight forgetting", "cut hallucinations") or a
    measure, and whether the paper states a measure is for the value checks of the shapes.

    `list_question`: a list asks what papers are about, so an unused word must move the question
    by `list_rewording_shift` in any collection ("a driver for learning": a role, not a topic). A
    fact question is not given this check: there a unit that barely moves it ("in dollars", "in
    gigabytes") names the value asked, which no abstract states. Nor is a word the embedder does not
    know whole (`knows_word`, when it can tell): "speaker verfication" barely moves the question
    because the typo is seen in pieces, not because it is no topic.

    `topic_question`: a list or open question about what papers do; a word in the place of its
    verb ("Which papers cut the memory needed ...", dev26/dev27) is how the asker words what they do,
    not a topic they must share, so it never counts; a topic the index lacks is named by the nouns.

    `describing`: gives the words before the question starts asking, when they pick out a retrieved
    paper (the caller checks; asked only when the question has words no paper uses): "In the astronomy paper that hunts for giant star-forming clumps in nearby
    galaxies, which ...?" is about that paper, and "hunts" and "nearby" word its description
    otherwise, as a lowercase word beside a paper's name does; a name there ("wav2vec") still counts."""
    question = without_set_aside(question)  # "not just cut the ... params": not its topic
    # An author cited ("Johnson et al.'s perceptual losses", dev88) points at a paper; abstracts do not write their authors.
    question = _AUTHOR_CITED.sub(" ", question)
    unknown = keyword.unknown_words(question) + stemmed_apart(keyword.stem_collisions(question), embed, stem_close)
    unknown = [w for w in unknown if w not in ABBREVIATIONS]  # "(incl. cross-language)" (dev31)
    # An adverb says how something is done or asked ("deliberately exploit equivariance", "explicitly draw on"), and
    # "apart from" / "aside from" set something aside: neither is a topic the papers must share (dev75).
    unknown = [w for w in unknown if not _ADVERB.search(w) and w not in _SETTING_ASIDE | _WORTH_ASKED]
    if list_question:
        # A comparative in a list's description says how, not what: "initialise a new model that is bigger" of papers
        # writing "larger" (dev66). (In "why do sparse CNNs transfer worse?" it is the premise no abstract states, dev20.)
        unknown = [w for w in unknown if w not in _COMPARATIVES]
    else:
        # ... and in any question, one set before a noun describes the thing: "Growing a bigger LM from a smaller one by copying
        # its weights ..." of "changing the small well-trained model to large model" (dev128).
        unknown = [w for w in unknown if not (w in _COMPARATIVES and re.search(rf"\b(?:a|an|the)\s+{w}\s+[A-Za-z]", question, re.IGNORECASE))]
    if names_a_paper:
        # ... or a unit the value is asked in ("What inference latency in milliseconds do Conditional
        # Adapters reach?": the abstract gives a speed-up, dev), which no sentence of the paper states.
        unknown = [w for w in unknown if _written_as_name(w, question) or re.search(rf"\bin\s+{re.escape(w)}\b", question, re.IGNORECASE)]
    if topic_question and unknown:
        verbs = doing_verbs(question)
        unknown = [w for w in unknown if w not in verbs]
    both_do = {m.group("verb") for m in _BOTH_DO.finditer(question)}
    unknown = [w for w in unknown if w not in both_do]
    if unknown:
        unknown = [w for w in unknown if not _one_example_of_several(w, question, unknown, closed=topic_question) and not _slashed_alternative(w, question, unknown)]
    # A maker named before its model ("OpenAI's GPT-3, GPT-3.5 or ChatGPT", dev109) says whose it is; the papers write the model.
    unknown = [w for w in unknown if not re.search(rf"(?<![\w-])(?i:{re.escape(w)})['’]s\s+[A-Z][\w.-]*?[A-Z0-9]", question)]
    if unknown and (goal := _ASKERS_GOAL.match(question)):
        # The asker's own project, told before the question ("I'm building a chit-chat bot. Which papers train ... open-domain
        # dialogue response generation ...?", dev97), is why they ask; a question with a topic of its own asks that, and a word
        # of the project alone is not one the papers must share (nor where the question only points back: "... cover that?").
        asked = content_words(question[goal.end() :])
        if len(asked) >= _OWN_TOPIC_WORDS:
            unknown = [w for w in unknown if w in asked or _written_as_name(w, question)]
    head = describing() if unknown and describing is not None else ""
    if head:
        described = set(content_words(head))
        unknown = [w for w in unknown if w not in described or _written_as_name(w, question)]
    if not unknown:
        return []
    top = hits[:papers]
    # A compound a close paper writes spaced ("the Dynamics-as-Prompts approach": its title's "Dynamics as
    # Prompts", dev24) is that paper's phrase, not a topic the papers miss.
    unknown = [w for w in unknown if not ("-" in w and any(w.replace("-", " ") in f"{h.paper.title} {h.paper.abstract}".lower() for h in top))]
    # ... and a word a close paper writes, in its title too, is mentioned: "task-oriented dialog" of D3ST's "Description-Driven
    # Task-Oriented Dialog Modeling" (dev75), a title the keyword index does not read the words of.
    unknown = [w for w in unknown if not any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", f"{h.paper.title} {h.paper.abstract}".lower()) for h in top)]
    # ... and so is an acronym a close paper spells out, "CQA forums" of "community question answering forums", or an "X-to-Y" it writes
    # as "X-Y", "question-to-question" of "question-question pairs" (dev84).
    unknown = [w for w in unknown if not any(_acronym_spelled(w, question, h) or ("-to-" in w and _mapping_written(w, h.paper.abstract)) for h in top)]
    # ... and an "X-to-Y" describing a paper ("the LLM-to-ECG transfer paper", dev99) whose parts a close paper writes: the asker's
    # short way of saying what that paper carries where ("Transfer Knowledge from Natural Language to Electrocardiography ... ECG ... LLMs");
    # so is any compound of words joined by a word, or of four words or more ("the code-data-for-LLM-reasoning study", dev103).
    unknown = [w for w in unknown if not (describing_compound(w) and _describes_paper(w, question) and any(_parts_written(w, h) for h in top))]
    # ... and so is a word with which the question spells out an acronym a close paper writes: "TCGA (The Cancer Genome Atlas)"
    # of a paper writing "TCGA" names one thing twice (dev98).
    spelled = _spelled_beside(question, top)
    unknown = [w for w in unknown if w not in spelled]
    unknown = [w for w in unknown if not titled_before(question, w, top)]
    unknown = [w for w in unknown if not variant_in_papers(w, top, embed, variant_close, proper=_capitalised(w, question), coined=_coined(w, question))]
    if not unknown:
        return []
    content = content_words(question)
    strong = best_evidence_score(hits) >= weak_below
    # A name the question sets against the paper it names ("Does Free Lunch's checkpoint averaging beat
    # stochastic weight averaging (SWA) ...?", dev76) is something else compared, however long the question
    # around it: the share of the question's words it makes says nothing of it. (Not a name merely beside it:
    # "adapter modules (Houlsby et al.)", "AutoML for GNNs" describe the papers the index holds.)
    named_beside = names_a_paper and any(_written_as_name(w, question) and _set_against(w).search(question) for w in unknown)
    if not named_beside and len(unknown) / max(len(content), 1) < (share if strong else share / 2):
        return []
    small = strong and keyword.vocabulary_size() < small_vocabulary
    listed = list_question and (knows_word is None or all(knows_word(w) for w in unknown))
    if small or listed:
        shift = meaning_shift(question, unknown, embed)  # one embedding call for either check
        if (small and shift < topic_shift) or (listed and shift < list_rewording_shift):
            return []
    return unknown


# An acronym and words in brackets beside it, either way round: "TCGA (The Cancer Genome Atlas)", "The Cancer Genome Atlas (TCGA)".
_BRACKETED = re.compile(r"(?P<before>(?:[\w-]+\s+){0,7}[\w-]+)\s*\((?P<inside>[^()]{2,80})\)")
_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*")


def _spelled_beside(question: str, hits: Sequence[PaperHit]) -> set[str]:
    """The words (lowercase) with which the question spells out an acronym it writes beside them in brackets,
    when one of `hits` writes the acronym: the asker naming one thing twice, not a topic of its own."""
    words: set[str] = set()
    for match in _BRACKETED.finditer(question):
        before, inside = match.group("before").split(), match.group("inside").strip()
        pairs = [(before[-1], inside.split())]  # "TCGA (The Cancer Genome Atlas)"
        if _ACRONYM.fullmatch(inside):  # "The Cancer Genome Atlas (TCGA)": the words right before it
            pairs.append((inside, before[-len(inside) - 1 :]))
        for acronym, spelling in pairs:
            if not _ACRONYM.fullmatch(acronym) or not spelling:
                continue
            # Its last words spell it, one word at most before them ("The"); a hyphenated word counts as its parts.
            parts = re.findall(r"[a-z][a-z0-9]*", " ".join(spelling).lower().replace("-", " "))
            if not (len(parts) - len(acronym) in (0, 1) and spells(acronym, parts[-len(acronym) :]) and spelled_out(acronym, " ".join(parts))):
                continue
            if any(re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", f"{h.paper.title} {h.paper.abstract}") for h in hits):
                words |= set(re.findall(r"[a-z][a-z0-9-]*", " ".join(spelling).lower()))
    return words


def _describes_paper(word: str, question: str) -> bool:
    """Is `word` inside a description of a paper: "the <up to six words> paper / study / work"?"""
    return bool(re.search(rf"\bthe\s+(?:[\w'’()-]+\s+){{0,5}}?{re.escape(word)}(?:\s+[\w'’()-]+){{0,5}}?\s+(?:paper|study|work)\b", question, re.IGNORECASE))


def _parts_written(word: str, hit: PaperHit) -> bool:
    """Does the paper write each part of a describing compound but the words joining them ("LLM", "ECG" of "LLM-to-ECG"; a
    plural too, and a longer part with an ending: "radiograph" of "radiography")?"""
    text = paper_text(hit)
    parts = [part for part in word.split("-") if part and part.lower() not in COMPOUND_JOINING_WORDS]
    return bool(parts) and all(
        re.search(rf"(?<![\w-]){re.escape(part)}{'[a-z]{0,3}' if len(part) >= 5 else 's?'}(?![\w-])", text, re.IGNORECASE) for part in parts
    )


def _acronym_spelled(word: str, question: str, hit: PaperHit) -> bool:
    """Is `word` an acronym the question writes in capitals ("CQA") that this paper writes inside a name of its own ("MultiCQA")
    and spells out ("community question answering")? (Spelled out alone is too loose a test: any three words in a row may
    start with "S", "W", "A".)"""
    written = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", question, re.IGNORECASE)
    if not written or sum(c.isupper() for c in written.group()) < 2:
        return False
    inside = re.search(rf"[A-Za-z0-9]{re.escape(written.group())}|{re.escape(written.group())}[A-Za-z0-9]", f"{hit.paper.title} {hit.paper.abstract}")
    if inside and spelled_out(written.group(), hit.paper.abstract):
        return True
    # ... or that its title spells out, a hyphenated word one word or two: "PLMs" of "Commonsense Knowledge Transfer for
    # Pre-trained Language Models" (dev113). A title is what the paper is about; its initials seldom run into an acronym.
    return len(written.group().rstrip("s")) >= 3 and spelled_out(written.group(), hit.paper.title)


def titled_before(question: str, name: str, hits: Sequence[PaperHit]) -> bool:
    """Is `name` the asker's short name for a paper, bracketed right after words of which two or more are one retrieved
    paper's title words ("the iterative refinement BiLSTM encoder (HBMP)" of "Sentence Embeddings in NLI with Iterative
    Refinement Encoders", dev88)? The abstract need not write what the asker calls it."""
    before = re.search(rf"((?:[\w'’-]+\s+){{2,6}})\(\s*{re.escape(name)}\s*\)", question, re.IGNORECASE)
    if before is None:
        return False
    if spells(name, before.group(1).split()[-len(name) :]):
        return False  # the question spells it out: "stochastic weight averaging (SWA)" is a term set against the paper (dev76)
    described = {loose_stem(w) for w in content_words(before.group(1))}
    return any(len(described & {loose_stem(w) for w in content_words(h.paper.title)}) >= 2 for h in hits)


def titled_by(question: str, hits: Sequence[PaperHit], stem: Callable[[str], str]) -> bool:
    """Does one of these papers' titles hold every content word of the question? "anything on
    Polish?" is about the papers titled "... for Polish ...", however far its four words embed from
    any sentence of theirs; a topic the index lacks is never in a title whole."""
    words = {stem(w) for w in content_words(question)}
    return bool(words) and any(words <= {stem(w) for w in re.findall(r"[a-z]+", hit.paper.title.lower())} for hit in hits)


def names_used_by(question: str, hits: Sequence[PaperHit]) -> bool:
    """Is the question only names ("Give me papers on LoRA", "anything with CLIP?") that one of these
    papers uses? The name is in the index however far so short a question embeds from any sentence;
    a name the papers never write is for `unmentioned_words`."""
    words = content_words(question)
    if not words or not all(_written_as_name(w, question) for w in words):
        return False
    text = " ".join(f"{hit.paper.title} {hit.paper.abstract}" for hit in hits).lower()
    return all(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text) for w in words)


def asks_what_the_index_names(question: str, hits: Sequence[PaperHit], stem: Callable[[str], str]) -> bool:
    """A short question whose words a top paper's title holds, or only names a top paper uses: about
    something the index has, whatever the cosines say (see `titled_by`, `names_used_by`)."""
    return titled_by(question, hits, stem) or names_used_by(question, hits)


# -- a facet the listed papers miss --------------------------------------------------------

# Words that name what is listed, not a facet of it: "speech or audio models" asks about speech or audio.
_LISTED_THING = frozenset(
    "model models method methods data approach approaches work works paper papers technique techniques system systems network networks task tasks".split()
)
_ALTERNATIVE = re.compile(r"^(?:or|/)$", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*|[/,;:?.()]")


def _facets(question: str) -> list[list[list[str]]]:
    """The question's content words as facets, each a list of alternatives (each a list of words):
    "adversarial attacks against speech or audio models" -> [[adversarial]], [[attacks]], [[speech], [audio]].
    Alternatives are the up-to-two content words either side of "or" or "/"; a hyphenated word counts
    as its parts ("vision-language" is vision and language)."""
    # "-style", "-based", "-driven" qualify the word before them ("CLIP-style models" are CLIP models): no facet.
    question = re.sub(r"-(?:" + "|".join(sorted(MODIFIER_SUFFIXES)) + r")\b", "", question, flags=re.IGNORECASE)
    # A comparative says how, not what (see _COMPARATIVES): "make a big pretrained model cheaper" of papers writing "efficient" (dev123).
    words = content_words(question)
    content = set(words) - _COMPARATIVES
    # The examples a question gives ("- an ODE, a Poisson equation, that sort of thing?", dev111) are alternatives, any one of
    # which a paper may hold: one group, read apart from the "or"s around them.
    examples = example_spans(question)
    example_groups = []
    # ... and so is the thing they exemplify: "frame their problem as a data imbalance, e.g. a very rare class or languages that are
    # under-represented" is met by a paper on a rare class that never writes "imbalance" (dev126).
    exemplified = []
    for (start, _), items in examples:
        sides = [item_words for item in items if (item_words := content_words(item))]
        if len(sides) < 2:
            continue
        before = question[:start]
        marker = _EXAMPLE_MARKER.search(before)
        # The words right before the marker, up to two ("compiler optimization, e.g. predicting good optimization passes or ...",
        # dev116: not "optimization" alone, which many papers write), when a word ends right there: not "(not images or speech),
        # including close cousins like polite rewriting or ..." (dev38), whose examples are included, not of a thing named.
        head_text = before[: marker.start()] if marker else ""
        head = [w for w in content_words(re.split(r"[,;:(]", head_text)[-1])[-2:] if w in content] if re.search(r"[A-Za-z]$", head_text) else []
        if head:
            sides.append(head)
            exemplified += head
        example_groups.append(sides)
    rest = question
    for (start, end), _ in examples:
        rest = rest[:start] + " " * (end - start) + rest[end:]
    tokens = [t.lower() for t in _TOKEN.findall(rest)]
    groups: list[list[list[str]]] = []
    covered: set[int] = set()  # the token positions the alternatives take
    for index, token in enumerate(tokens):
        if not _ALTERNATIVE.match(token):
            continue
        left: list[str] = []
        j = index - 1
        while j >= 0 and len(left) < 2 and tokens[j] in content:
            left.insert(0, tokens[j])
            j -= 1
        start = j + 1
        right: list[str] = []
        j = index + 1
        while j < len(tokens) and len(right) < 2 and tokens[j] in content:
            right.append(tokens[j])
            j += 1
        if left and right:
            covered |= set(range(start, j))
            if groups and groups[-1][-1] == left:  # "A, B or C" chains: "NLP or language modelling or ..."
                groups[-1].append(right)
            else:
                groups.append([left, right])
    groups += example_groups
    # A word is a facet of its own where the question also writes it outside the alternatives: "singing voice conversion or
    # singing style transfer" asks about singing whichever is meant (dev83).
    grouped = {w for group in groups for side in group for w in side}
    outside = {t for i, t in enumerate(tokens) if i not in covered}
    return groups + [[[w]] for w in dict.fromkeys(words) if w in content and (w not in grouped or w in outside) and w not in exemplified]


# The words opening examples, at the end of the text before them: "..., e.g. ", "such as ".
_EXAMPLE_MARKER = re.compile(r"[\s,(-]*\b(?:such\s+as|e\.g\.,?|for\s+example,?|for\s+instance,?)\s*$", re.IGNORECASE)


def _same_stem_merged(groups: list[list[list[str]]], stem: Callable[[str], str]) -> list[list[list[str]]]:
    """One-word facets with one stem are one facet: "recommender systems, e.g. cross-domain
    recommendation" asks about recommendation once, and without only one of the two words the
    question keeps its meaning (dev18)."""
    merged: list[list[list[str]]] = []
    by_stem: dict[str, list[list[str]]] = {}
    for group in groups:
        if len(group) == 1 and len(group[0]) == 1:
            key = stem(american_spelling(group[0][0]))
            if key in by_stem:
                by_stem[key].append(group[0])
                continue
            by_stem[key] = group = [group[0]]
        merged.append(group)
    return merged


@dataclass(frozen=True)
class UnmetFacet:
    """What a list question asks that its listed papers do not hold: `facets` as the question writes
    them; `apart`: each is mentioned by some listed paper, but no paper mentions them all."""

    facets: tuple[tuple[str, ...], ...]
    apart: bool


def unmet_facet(
    question: str, listed: Sequence[PaperHit], embed: Embed, stem: Callable[[str], str], *, shift: float, variant_close: float,
    common: Callable[[str], bool] = lambda word: False, reworded_margin: float = 0.0,
) -> UnmetFacet | None:
    """The facets of a list question that no single listed paper holds together, when they carry the
    question's meaning; None when a listed paper holds them all.

    "Has anyone studied continual learning in speech recognition models?" lists continual-learning
    papers, none of which says "speech": the index holds speech papers and continual-learning
    papers, but none of both, and listing the one kind answers another question. A paper holds a
    facet when it uses one of its alternatives ("LLMs or vision-language models": an LLM paper
    does), a variant of its word, or spells its acronym out ("LLM": "large language model"). Only
    the facets that move the question's embedding by `shift` without them count (a rewording,
    "taken", "collection", barely moves it); and only when the best sentences of the papers missing
    it are, on average, no closer to the question with it than without it: "faster" in "PETL methods
    that also make inference faster" moves the question, but the listed papers' sentences speak of
    it in other words ("efficient inference"), and are further from the question without it. A word
    most indexed papers use (`common`: "learning", "transfer", "tasks" here) is the collection's
    frame, not a facet of the question. `reworded_margin`: how much closer with the facet the
    sentences must be to read as a rewording ("recommender" in "transfer learning to recommender
    systems" brought cross-lingual retrieval sentences 0.005-0.023 closer: noise, not other words)."""
    if not listed:
        return None
    question = without_set_aside(question)
    texts = [f"{h.paper.title} {h.paper.abstract}" for h in listed]
    stems = [{stem(american_spelling(w)) for w in re.findall(r"[a-z][a-z0-9]*", text.lower())} for text in texts]
    acronyms = {w.lower(): w for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", question) if sum(c.isupper() for c in w) >= 2}

    def written(paper: int, word: str) -> bool:
        return stem(american_spelling(word)) in stems[paper] or (word in acronyms and spelled_out(acronyms[word], texts[paper]))

    def held_by(sides: list[list[str]], holds: Callable[[int, str], bool]) -> set[int]:
        return {i for i in range(len(listed)) if any(all(holds(i, w) for w in side) for side in sides)}

    facets = []  # (sides, papers writing it)
    groups = _same_stem_merged(_facets(question), stem)
    # A task named by two words ("change detection", "emotion recognition") is held by a paper writing
    # them together, not by one writing "change" in one sentence and "detection" in another (dev21);
    near = {pair: {i for i in range(len(listed)) if _written_near(pair, texts[i], stem)} for pair in _task_pairs(question, stem) if not common(pair[0])}
    # Tasks offered as alternatives, each named by two words ("video classification or action recognition results", dev109), are one
    # facet, held by a paper writing either task. (A task beside looser words, "knowledge tracing or predicting student ...", stays a
    # facet of its own: a paper writing "predict" and "student" apart holds no task.)
    offered = [[tuple(side) for side in group] for group in groups if len(group) > 1 and all(tuple(side) in near for side in group)]
    in_offered = {pair for group in offered for pair in group}
    tasks = {pair: held for pair, held in near.items() if pair not in in_offered}
    in_tasks = {w for pair in near for w in pair}
    facets += [([list(pair)], held) for pair, held in tasks.items() if len(held) < len(listed)]
    for group in offered:
        held = set().union(*(near[pair] for pair in group))
        if len(held) < len(listed):
            facets.append(([list(pair) for pair in group], held))
    # A word in the place of the verb saying what the papers do ("everything in the collection on shrinking
    # language models via distillation", dev39) words it the asker's way, as for unmentioned words: no facet.
    verbs = doing_verbs(question)
    spelled = _spelled_beside(question, listed)  # "TCGA (The Cancer Genome Atlas)" of papers writing "TCGA" (dev98): one facet, TCGA
    for group in groups:
        if [tuple(side) for side in group] in offered:
            continue  # read above
        if any(w in verbs for side in group for w in side):
            continue  # ... and so are its alternatives ("anything that trains or evaluates on Taskonomy", dev33)
        if all(w in spelled for side in group for w in side):
            continue
        sides = [side for side in ([w for w in side if w not in _LISTED_THING and not common(w)] for side in group) if side]
        if len(sides) == 1 and len(sides[0]) == 1 and sides[0][0] in in_tasks:
            continue
        held = held_by(sides, written)
        if sides and len(held) < len(listed):
            facets.append((sides, held))
    # A mapping the question hyphenates names one thing ("direct speech-to-speech translation", dev82): papers writing its parts
    # apart ("speech-to-text translation") do not hold it.
    mappings = set()
    for compound in _mappings(question):
        held = {i for i in range(len(listed)) if _mapping_written(compound, texts[i], stem)}
        if len(held) < len(listed) and not all(common(part) for part in compound.split("-to-")):
            mappings.add(compound)
            facets.append(([[compound]], held))
    if not facets:
        return None
    facets, compounds = _compounds_joined(facets, question)
    compounds |= set(near)

    def unheld(sides: list[list[str]]) -> list[str]:
        """The facet's words no listed paper writes ("completion" of "graph completion"), else all of
        them; a compound joined below goes whole ("speech synthesis", where "speech" alone is written)."""
        words = [w for side in sides for w in side]
        if tuple(words) in compounds:
            return words
        # ... so too a compound that is one of the facet's alternatives: "visual place recognition or SLAM" without
        # "SLAM" alone still asks for place recognition, and barely moves (dev73).
        unwritten = [w for side in sides for w in (side if tuple(side) in compounds else [w for w in side if not any(written(i, w) for i in range(len(listed)))])]
        return unwritten or words

    vectors = embed([question, *(_without(question, unheld(sides)) for sides, _ in facets)])
    strong = [(sides, held, vectors[i + 1]) for i, (sides, held) in enumerate(facets) if 1.0 - float(vectors[0] @ vectors[i + 1]) >= shift]
    if strong:
        # Only a facet that counts is worth reading variants for (one embedding call for its words):
        # a paper writing "electrocardiography" holds "electrocardiogram".
        unwritten = list(dict.fromkeys(w for sides, _, _ in strong for side in sides for w in side if not all(written(i, w) for i in range(len(listed)))))
        variants = papers_with_variants(unwritten, listed, embed, variant_close)
        strong = [
            (sides, held if tuple(sides[0]) in near or sides[0][0] in mappings else held_by(sides, lambda i, w: written(i, w) or i in variants.get(w, ())), v)
            for sides, held, v in strong
        ]
        strong = [(sides, held, v) for sides, held, v in strong if len(held) < len(listed)]
    if strong:
        # When the best sentences of the papers missing a facet are, on average, closer to the
        # question with it than without it, they speak of it in other words ("choosing source
        # tasks" for "picking source tasks"; "efficient inference" for "faster").
        with_evidence = [i for i, h in enumerate(listed) if h.evidence]
        evidence = dict(zip(with_evidence, embed([listed[i].evidence[0].text for i in with_evidence]))) if with_evidence else {}

        def reworded(held: set[int], v: np.ndarray) -> bool:
            gains = [float(e @ v - e @ vectors[0]) for i, e in evidence.items() if i not in held]
            return bool(gains) and float(np.mean(gains)) < -reworded_margin

        strong = [(sides, held, v) for sides, held, v in strong if not reworded(held, v)]
    if not strong or set.intersection(*(held for _, held, _ in strong)):
        return None
    # (A mapping shows as its parts do, "sim-to-real": once.)
    shown = tuple(dict.fromkeys(tuple(as_written(question, side) for side in sides) for sides, held, _ in strong if not held))
    if shown:
        return UnmetFacet(shown[:1], apart=False)
    return UnmetFacet(tuple(dict.fromkeys(tuple(as_written(question, side) for side in sides) for sides, _, _ in strong)), apart=True)


# Nouns that name a task with the word before them ("speech synthesis", "yield prediction",
# "speaker verification"): such a pair is one thing asked about.
_TASK_NOUNS = frozenset(
    """recognition synthesis prediction verification detection classification generation translation segmentation
    estimation retrieval identification forecasting tracking tracing captioning parsing tagging diagnosis editing enhancement search
    summarization summarisation answering localization localisation reconstruction extraction
    analysis""".split()  # "document layout analysis (finding text blocks, tables and figures on scanned pages)" (dev127)
)


def _compounds_joined(facets: list[tuple[list[list[str]], set[int]]], question: str) -> tuple[list[tuple[list[list[str]], set[int]]], set[tuple[str, ...]]]:
    """A task named by two words ("speech synthesis": a word, then a task noun) joined into one facet
    when no listed paper writes one of the two, and the joined word runs. "Cross-lingual transfer for
    text-to-speech synthesis" listed cross-lingual NER and speech translation papers (dev31): one of
    them writes "speech", none "synthesis", and dropping "synthesis" alone barely moves the question
    (0.056) while the task does. Other neighbours stay apart ("reuse soft prompts", "pretrained
    diffusion models" are no task: joined, they read as topics the papers word otherwise), and so do
    two words each written by some paper ("speaker verification": mentioned only apart, as before)."""
    joined: list[tuple[list[list[str]], set[int]]] = []
    compounds: set[tuple[str, ...]] = set()
    for sides, held in facets:
        if joined and len(sides) == 1 and len(sides[0]) == 1 and sides[0][0] in _TASK_NOUNS and len(joined[-1][0]) == 1 and (not held or not joined[-1][1]):
            before = joined[-1][0][0]
            if re.search(rf"\b{re.escape(before[-1])}[\s-]+{re.escape(sides[0][0])}\b", question, re.IGNORECASE):
                joined[-1] = ([before + sides[0]], held & joined[-1][1])
                compounds.add(tuple(before + sides[0]))
                continue
        joined.append((sides, held))
    return joined, compounds


# One thing made into another, hyphenated: "speech-to-speech", "text-to-image", "sim-to-real". (Not any compound: "re-render",
# "inference-time" and "vision-language" word what papers say otherwise, and moved seen questions to "not mentioned".)
_MAPPING = re.compile(r"(?<![\w-])[A-Za-z]+-to-[A-Za-z]+(?![\w-])")


def _mappings(question: str) -> list[str]:
    """The question's "X-to-Y" compounds, lowercased."""
    return list(dict.fromkeys(m.group().lower() for m in _MAPPING.finditer(question)))


def _mapping_written(compound: str, text: str, stem: Callable[[str], str] = lambda word: word) -> bool:
    """Does the text write the "X-to-Y", hyphenated, spaced or as one word, with or without its "to", its last part in any form
    the stemmer allows ("sim to real", "speech-to-speech", "question-question pairs")?"""
    source, target = compound.split("-to-", 1)
    pattern = rf"(?<![a-z]){re.escape(source)}(?:[\s-]?to)?[\s-]?{re.escape(stem(american_spelling(target)))}\w*"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _task_pairs(question: str, stem: Callable[[str], str]) -> list[tuple[str, str]]:
    """The question's tasks named by a content word and a task noun side by side ("change detection",
    "speech emotion recognition" -> emotion recognition); not after a word naming what is listed
    ("model", "task": "task classification" is classification) nor after another task noun."""
    content = set(content_words(question))
    tokens = [t.lower() for t in _TOKEN.findall(question)]
    return [
        (tokens[i], tokens[i + 1]) for i in range(len(tokens) - 1)
        if tokens[i + 1] in _TASK_NOUNS and tokens[i] in content and tokens[i] not in _LISTED_THING and tokens[i] not in _TASK_NOUNS
    ]


def _written_near(pair: tuple[str, str], text: str, stem: Callable[[str], str]) -> bool:
    """Does the text write the two words of a task together, in either order and any form, up to two
    words apart ("change detection", "detecting changes", "recognition of emotions")?"""
    first, second = (re.escape(stem(american_spelling(w))[:5]) for w in pair)
    gap = r"[^\w.;!?]+(?:\w+[^\w.;!?]+){0,2}?"  # inside one clause: "climate change. Object detection" is none
    return bool(re.search(rf"\b{first}\w*{gap}{second}|\b{second}\w*{gap}{first}", text, re.IGNORECASE))


def as_written(question: str, words: Sequence[str]) -> str:
    """The words as the question writes them, whole compounds included: ["code"] -> "code-switched",
    ["graph", "completion"] -> "graph completion", ["nlp"] -> "NLP"."""
    pattern = r"[\w-]*(?<![a-z])" + r"\W+(?:\w+\W+){0,2}?".join(re.escape(w) for w in words) + r"(?![a-z])[\w-]*"
    match = re.search(pattern, question, re.IGNORECASE)
    return match.group() if match else " ".join(words)


def _without(question: str, words: Sequence[str]) -> str:
    """The question with these words removed, inside compounds too (as meaning_shift removes them)."""
    pattern = r"(?<![a-z])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![a-z])"
    return " ".join(re.sub(pattern, " ", question, flags=re.IGNORECASE).split())
