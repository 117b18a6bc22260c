"""A premise the question takes that the paper it asks about denies, or that another paper holds.

"How does AutoPST use the text transcriptions to locate the rhythm?" asks how of a paper whose
abstract says it works "without relying on any text transcriptions": the honest answer is that the
abstract says the opposite, not a quote that happens to contain the words asked about.

"Why does SBERT need around 65 hours ... while plain BERT does it in about 5 seconds?" swaps the two
figures the abstract gives ("from 65 hours with BERT / RoBERTa to about 5 seconds with SBERT"): any
reason quoted would explain a difference that runs the other way.

"How does Ladder Side-Tuning apply 4-bit quantization ...?" mixes two papers: LST's abstract never
speaks of quantization, S2A's writes "4-bit quantization". Quoting LST's closest sentence would read
as if it answered; the honest answer says which abstract holds the term.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.evidence_lines import as_line, names_of_others, paper_text, quotable
from rag.answer.text_forms import GENERIC, loose_stem, spelled_out
from rag.ingest.sentences import split_sentences
from rag.records import Evidence, PaperHit
from rag.words import ENGLISH_STOPWORDS, content_words, spells

# What the question says the paper uses: "use(s) / rely on / leverage / need / require (the) X".
_USES = re.compile(
    r"\b(?:use|uses|using|used|rely\s+on|relies\s+on|relying\s+on|leverage|leverages|exploit|exploits|need|needs|require|requires|depend\s+on|depends\s+on"
    # ... or says it must do something: "Since LST still has to backprop through the whole backbone, ..." (dev34)
    r"|has\s+to|have\s+to|must)"
    r"\s+(?:the\s+|its\s+|their\s+|any\s+)?(?P<what>(?:[\w-]+\s+){0,2}?[\w-]+?s?)(?=\s+(?:to|for|in|when|before|after|during|as|at|so|through)\b|\s*[?,.]|\s+-|$)",
    re.IGNORECASE,
)

# How an abstract says it does without something: "without (relying on / using / requiring / the need for) (any) X".
_WITHOUT = re.compile(
    r"\b(?:without|no\s+need\s+for|not\s+requir\w*|does\s+not\s+(?:need|require|rely\s+on|use)|free\s+of)\s+"
    r"(?:(?:relying\s+on|using|requiring|needing|access\s+to|the\s+need\s+(?:for|of))\s+)?(?:any\s+|the\s+|a\s+)?(?P<what>(?:[\w-]+\s+){0,7}[\w-]+)",
    re.IGNORECASE,
)


# A question that takes the use as given asks how, what for or why, not whether.
_TAKES_FOR_GRANTED = re.compile(r"^\W*(?:[^?]*?[:,-]\s*)?(?:how|what|why|which|where|in\s+what\s+way)\b", re.IGNORECASE)


_ASKED_WHETHER = re.compile(r"(?:^|[,;?]\s*|\band\s+)(?:did|does|do|is|are|was|were|has|have)\s+(?:it|they|the\s+\w+|[\w-]+)\s+$", re.IGNORECASE)


_WHICH_USED = re.compile(r"\b(?:which|what)\s+(?P<what>[^?,;]{3,60}?)\s+(?:does|do|did)\s+[\w.-]+(?:\s+[\w.-]+)?\s+(?:use|rely\s+on|need|require|leverage|depend\s+on)\b", re.IGNORECASE)
_KIND_WORD_END = re.compile(r"\s+(?:system|model|method|tool|module|component|approach|technique)s?\s*$", re.IGNORECASE)


def denied_use(question: str, hit: PaperHit) -> tuple[str, Evidence | None]:
    """What the question says the paper uses that its abstract says it does without ("text
    transcriptions"), as the question words it, and the sentence saying so; ("", None) when it does
    not. Every word of the thing asked (its head noun and the words before it) must be among the
    words the abstract puts after "without"."""
    abstract = hit.paper.abstract
    if not _TAKES_FOR_GRANTED.match(question):
        return "", None  # "Do they need large batches?" asks whether: "does not require large batches" answers it
    names = hit.own_names()
    # ... or gives it the thing as its own: "How does SwAV's momentum encoder keep ...?" (dev38)
    owned = [m for n in names for m in re.finditer(rf"(?<![\w-]){re.escape(n)}['’]s\s+(?P<what>[\w-]+(?:\s+[\w-]+)?)", question)]
    # ... or asks which one it uses: "Which ASR / text transcription system does AutoPST use to ...?" (dev46), each alternative
    # by its own words ("text transcription"), not the kind's ("system").
    which = [
        _KIND_WORD_END.sub("", alternative).strip()
        for m in _WHICH_USED.finditer(question)
        for alternative in re.split(r"\s*/\s*|\s+or\s+", m.group("what"))
    ]
    # A use asked whether, in a clause of its own ("..., and did it use any video data for that?", dev60), is no premise.
    uses = [m for m in _USES.finditer(question) if not _ASKED_WHETHER.search(question[: m.start()])]
    for asked in [*uses, *owned, *(w for w in which if w)]:
        words = (asked if isinstance(asked, str) else asked.group("what")).split()
        while len(words) > 1 and words[-1].lower() in _SAID_OF_IT:
            words = words[:-1]  # "needs all tasks available at training time": the tasks are what it needs
        wanted = {_head(loose_stem(w)) for w in words}
        for denied in _WITHOUT.finditer(abstract):
            # Each thing of a list done without ("does not require a large memory bank or a special momentum
            # network"), its first four words.
            for alternative in _ALTERNATIVES.split(denied.group("what")):
                written = {_head(loose_stem(w)) for w in alternative.split()[:4]}
                # "backprop" is "backpropagation" begun
                if all(w in written or (len(w) >= 5 and any(d.startswith(w) for d in written)) for w in wanted):
                    return " ".join(words), as_line(next(s for s in _sentences(hit) if s.start <= denied.start() < s.end))
    if needs := _NEEDS_TRAINING.search(question):
        # "Since Ground-A-Video has to be fine-tuned on every input video, how ...?" of a method that works "in a
        # training-free manner" (dev41): said of the method itself, by its name or as the work's own, not of a part.
        own = [re.escape(n) for n in names] + [r"(?:our|the\s+proposed)\s+(?:method|approach|framework|model|pipeline)"]
        # ... or of what the question says must train, as it words it: "Since a ZeTT hypernetwork has to be retrained for every
        # fine-tuned variant ..." of "a ZeTT hypernetwork trained for a base (L)LM can also be applied to fine-tuned variants
        # without extra training" (dev83).
        subject = re.search(r"(?:[\w-]+\s+){1,2}$", question[: needs.start()])
        if subject and len(subject.group().split()) == 2 and subject.group().split()[0].lower() not in _PLAIN:
            own.append(r"\b" + r"\s+".join(map(re.escape, subject.group().split())) + r"\b")
        for sentence in _sentences(hit):
            free = _TRAINING_FREE.search(sentence.text)
            if free and (re.search("|".join(own), sentence.text) or _TRAINING_FREE.search(hit.paper.title)):
                return (free.group("what") or free.group("without")).lower(), as_line(sentence)
    return "", None


# A question saying the paper must train for each input: "has to be fine-tuned on every input video", "per-video training".
_NEEDS_TRAINING = re.compile(
    r"\b(?:has|have|needs?|requires?|must)\s+(?:to\s+)?(?:be\s+)?(?:re-?)?(?:fine-?tuned|trained|tuned|optimi[sz]ed)\b"
    r"|\bper-(?:video|image|scene|subject|prompt|sample|input)\s+(?:fine-?tuning|training|tuning|optimi[sz]ation)\b",
    re.IGNORECASE,
)
# How an abstract says its method trains nothing: "in a training-free manner", "without any fine-tuning".
_TRAINING_FREE = re.compile(
    r"\b(?P<what>training|tuning|fine-?tuning|optimi[sz]ation)-free\b"
    r"|\bwithout\s+(?:any\s+)?(?:additional\s+|extra\s+|further\s+)?(?P<without>(?:re-?)?(?:training|fine-?tuning|tuning))\b",
    re.IGNORECASE,
)


_ALTERNATIVES = re.compile(r"\s+(?:or|nor|and)\s+(?:a\s+|an\s+|the\s+|any\s+)?", re.IGNORECASE)


# Heads that name one kind of part: a "momentum encoder" is the abstract's "momentum network".
_PART_HEADS = frozenset({loose_stem(w) for w in "network encoder net module branch".split()})


def _head(stem: str) -> str:
    return "network" if stem in _PART_HEADS else stem


# Words after a thing needed that say how it is had, not what it is: "all tasks available at training time".
_SAID_OF_IT = frozenset("available accessible present ready given known upfront beforehand".split())


# A question's word as written: "4-bit", "SigLIP-So400m", "3D".
_WORD = re.compile(r"[A-Za-z0-9][\w+]*(?:[-./][\w+]+)*")


# Words that ask, or say nothing of what is asked about.
_PLAIN = ENGLISH_STOPWORDS | GENERIC | frozenset("use uses used using apply applies applied get gets got each both authors study".split())


# A question that speaks of a second paper as well takes its terms from both on purpose.
_SECOND_PAPER = re.compile(r"\b(?:both|each|other|either|vs|versus|compared?|comparison)\b", re.IGNORECASE)
# A term followed by what it labels calls a paper by it: "the latent action priors paper".
_NAMES_A_PAPER = re.compile(r"\s+(?:paper|work|study|article)\b", re.IGNORECASE)


def _stems(text: str) -> list[str]:
    """Light stems of a text's words, a hyphenated word also written whole ("pre-trained": "pretrained")."""
    words = [w.lower() for w in _WORD.findall(text)]
    return [loose_stem(w) for w in words] + [loose_stem(w.replace("-", "")) for w in words if "-" in w]


def _pairs(text: str) -> set[tuple[str, str]]:
    stems = [loose_stem(w.lower()) for w in _WORD.findall(text)]
    return set(zip(stems, stems[1:]))


def borrowed_term(question: str, hit: PaperHit, hits: Sequence[PaperHit]) -> tuple[str, PaperHit | None, Evidence | None]:
    """A term the question puts on the paper it names that another retrieved paper's abstract writes
    and this one's never does ("4-bit quantization" asked of LST, written by S2A), as the question
    words it, with that other paper and its sentence writing it, as a line; ("", None, None) when
    there is none. The term runs on over the question's next words while the other paper writes them
    with it ("SigLIP-So400m vision encoder"). A term is two neighbouring words
    of the question outside the paper's own names, neither a function word, one of them written with a
    capital or a digit past the question's start ("3D reconstruction", "SigLIP-So400m vision"): a
    technical term, not the asker's paraphrase ("compression techniques" of TinySAM's distillation and
    quantization). Neither word may occur anywhere in the paper's title or abstract."""
    if _SECOND_PAPER.search(question):
        return "", None, None  # "... both involve ST5. ... which model beats the 4.8B ST5 in the other paper?" (dev21) asks of two
    own = {n for n in (hit.card.name if hit.card else "", hit.alias, hit.paper.title) if n}
    rest = question
    for name in sorted(own, key=len, reverse=True):
        rest = re.sub(re.escape(name), " | ", rest, flags=re.IGNORECASE)
    text = paper_text(hit)
    written = set(_stems(text))
    others = [h for h in hits if h.paper.paper_id != hit.paper.paper_id]
    pairs: dict[str, set[tuple[str, str]]] = {}  # each other paper's neighbouring stems, read once it is needed
    words = list(_WORD.finditer(rest))
    for first, second in zip(words, words[1:]):
        if rest[first.end() : second.start()].strip():
            continue  # "LST | apply": a name or punctuation between is no term
        pair = (first.group(), second.group())
        if any(w.lower() in _PLAIN or (len(w) < 3 and not re.search(r"\d", w)) for w in pair):
            continue
        typed_as_term = any(re.search(r"\d", w) or (re.search(r"[A-Z]", w) and m.start() > 0) for w, m in zip(pair, (first, second)))
        if not typed_as_term and not all(w.isalpha() for w in pair):
            continue
        if any(stem in written for w in pair for stem in _stems(w)) or any(w.isupper() and spelled_out(w, text) for w in pair):
            continue  # written, or spelled out ("previous SOTA" of RODE's "current state-of-the-art", dev37)
        stems = tuple(loose_stem(w.lower()) for w in pair)
        holders = [h for h in others if stems in pairs.setdefault(h.paper.paper_id, _pairs(paper_text(h)))]
        if not typed_as_term:
            if loose_stem(f"{pair[0]}-{pair[1]}".lower()) in written:
                continue  # "question answering" of an abstract writing "question-answering tasks" (dev17)
            # Typed in lower case, a pair is a technique's name only where another abstract capitalises it: "how does
            # TRANSIC use domain randomization ...?" of "Traditional methods like Domain Randomization often fail ..." (dev38).
            capitalised = re.compile(rf"(?<![\w-]){re.escape(pair[0].capitalize())}\s+{re.escape(pair[1].capitalize())}")
            holders = [h for h in holders if capitalised.search(paper_text(h))]
        if not holders:
            continue
        # The paper whose sentence writing the term names no other retrieved paper ("... also used by
        # PaliGemma", cited to PaliGemma 2, would name a paper it does not cite).
        holder, holding = holders[0], []
        for candidate in holders:
            names = names_of_others(candidate, hits)
            said = [e for e in _sentences(candidate) if _written_in(stems, e.text) and quotable(e, names)]
            if said:
                holder, holding = candidate, said
                break
        end = second.end()
        for following in words[words.index(second) + 1 :]:
            if rest[end : following.start()].strip() or following.group().lower() in _PLAIN:
                break
            run = tuple(loose_stem(w.lower()) for w in _WORD.findall(rest[first.start() : following.end()]))
            if not any(_written_in(run, e.text) for e in holding):
                break
            end = following.end()
        if _NAMES_A_PAPER.match(rest[end:]):
            continue  # "in the latent action priors paper and in Re3Sim" calls a second paper by its term (dev98)
        term = rest[first.start() : end]
        run = tuple(loose_stem(w.lower()) for w in _WORD.findall(term))
        said = next((e for e in holding if _written_in(run, e.text)), holding[0] if holding else None)
        return term, holder, as_line(said) if said is not None else None
    return "", None, None


def _sentences(hit: PaperHit) -> list[Evidence]:
    """The paper's abstract sentences, as evidence a line can quote."""
    abstract = hit.paper.abstract
    return [Evidence(abstract[s.start : s.end], s.start, s.end, 1.0) for s in split_sentences(abstract)]


def _written_in(stems: Sequence[str], text: str) -> bool:
    """Do these stems stand together, in order, among the text's words?"""
    words = [loose_stem(w.lower()) for w in _WORD.findall(text)]
    n = len(stems)
    return any(tuple(words[i : i + n]) == tuple(stems) for i in range(len(words) - n + 1))


# A figure with its unit, as a premise states one: "65 hours", "5 seconds", "22M", "3.6%", "2.7x".
_FIGURE = re.compile(r"(?<![\w.])(?P<number>\d+(?:[.,]\d+)?)\s?(?P<unit>%|x\b|×|[KMB]\b|times\b|hours?\b|minutes?\b|seconds?\b|days?\b|GB\b|points?\b)", re.IGNORECASE)
# A name a figure is told of: two capitals or a capital and a digit ("BERT", "SBERT", "RoBERTa", "T5").
_NAME = re.compile(r"(?<![\w-])(?:[A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*)(?![\w-])")
_NEAR = 40  # characters: a figure is told of a name in its own clause


def _told_of(text: str, figure: re.Match) -> str:
    """The name nearest a figure in its clause ("65 hours with BERT" -> "BERT"), or ""."""
    clause_start = max(text.rfind(c, 0, figure.start()) for c in ",;") + 1
    clause_end = min([i for i in (text.find(c, figure.end()) for c in ",;") if i >= 0] or [len(text)])
    names = [(min(abs(m.end() - figure.start()), abs(m.start() - figure.end())), m.group()) for m in _NAME.finditer(text)
             if clause_start <= m.start() < clause_end and (abs(m.end() - figure.start()) <= _NEAR or abs(m.start() - figure.end()) <= _NEAR)]
    return min(names)[1] if names else ""


def swapped_figures(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence giving two of the question's figures told of the other's name ("65 hours with
    BERT ... 5 seconds with SBERT" for "SBERT needs around 65 hours ... while BERT does it in about 5
    seconds"), as a line; None when the question tells its figures as the abstract does, or of no names."""
    asked = {(m.group("number"), m.group("unit").lower()): _told_of(question, m) for m in _FIGURE.finditer(question)}
    asked = {figure: name for figure, name in asked.items() if name}
    if len(asked) < 2:
        return None
    for sentence in _sentences(hit):
        told = {(m.group("number"), m.group("unit").lower()): _told_of(sentence.text, m) for m in _FIGURE.finditer(sentence.text)}
        shared = [f for f in asked if told.get(f)]
        for first, second in ((a, b) for i, a in enumerate(shared) for b in shared[i + 1 :]):
            if asked[first] != asked[second] and told[first] == asked[second] and told[second] == asked[first]:
                return as_line(sentence)
    return None


# The order a question says a paper does two steps in: "first adapts to the target domain and only afterwards
# fine-tunes on the large ... dataset", "adapts ... before fine-tuning on ...".
_ASKED_ORDER = re.compile(
    r"\bfirst\s+(?P<first>[^.;?]+?)\s*,?\s+(?:and\s+)?(?:only\s+)?(?:then|afterwards|after\s+that|later|next|subsequently)\s+(?P<then>[^.;?]+)"
    r"|(?P<before>\b(?:adapt|fine-?tun|pre-?train|train|distill|transfer|prun|quantiz|align|tun)\w*\s+[^.;?]+?)\s+before\s+(?P<after>[^.;?]+)",
    re.IGNORECASE,
)
# How an abstract tells its steps in order: "we first ... . We then ...", "In the first stage ..., in the second ...".
_FIRST_STEP = re.compile(r"\bfirst(?:ly)?\b|\bfirst\s+stage\b", re.IGNORECASE)
_LATER_STEP = re.compile(r"\b(?:then|second(?:ly)?|afterwards|subsequently|next|finally)\b", re.IGNORECASE)


def _step_stems(text: str) -> set[str]:
    return {loose_stem(w.lower()) for w in _WORD.findall(text) if w.lower() not in _PLAIN and len(w) >= 3}


def swapped_order(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence on its first step when the question tells its two steps the other way round
    ("TANDA first adapts to the target domain and only afterwards fine-tunes on the large Natural
    Questions-based dataset" of "we first transfer ... with a large and high-quality dataset. We then ...
    adapt the transferred model to the target domain", dev36); None when the question keeps the
    abstract's order or the abstract tells no order. Each step the question tells must share more words
    with the abstract's other step than with its own, and the words both steps share say nothing."""
    asked = _ASKED_ORDER.search(question)
    if asked is None:
        return None
    first, then = (asked.group("first"), asked.group("then")) if asked.group("first") else (asked.group("before"), asked.group("after"))
    sentences = _sentences(hit)
    for i, sentence in enumerate(sentences):
        opening = _FIRST_STEP.search(sentence.text)
        if opening is None:
            continue
        later = next((s for s in sentences[i + 1 : i + 3] if _LATER_STEP.search(s.text)), None)
        if later is None:
            continue
        told_first, told_then = _step_stems(sentence.text[opening.end() :]), _step_stems(later.text)
        shared = told_first & told_then
        told_first, told_then = told_first - shared, told_then - shared
        asked_first, asked_then = _step_stems(first) - shared, _step_stems(then) - shared
        crossed, kept = len(asked_first & told_then) + len(asked_then & told_first), len(asked_first & told_first) + len(asked_then & told_then)
        if len(asked_first & told_then) > len(asked_first & told_first) and len(asked_then & told_first) > len(asked_then & told_then) and crossed >= kept + 3:
            return as_line(sentence)
    return None


# A gain the question takes for granted: "how many BLEU points did text diffusion gain over autoregressive decoding ...?",
# "how much better is X than Y?".
_GAIN_ASKED = re.compile(
    r"\b(?:did|does|do|has|have)\s+(?P<x>(?:[\w-]+\s+){0,4}?[\w-]+)\s+(?:gain|improve|win|beat|outperform)\w*\s+(?:[\w-]+\s+){0,3}?(?:over|against|than)\s+(?P<y>[^?,;]+)"
    r"|\bhow\s+much\s+(?:better|higher|faster|stronger)\s+(?:is|was|are|were|does|did)\s+(?P<x2>(?:[\w-]+\s+){0,4}?[\w-]+)\s+(?:[\w-]+\s+)?than\s+(?P<y2>[^?,;]+)",
    re.IGNORECASE,
)
# The abstract telling the reverse: "text diffusion underperforms the standard AR approach".
_WORSE_TOLD = re.compile(
    r"(?P<x>(?:[\w-]+\s+){1,4}?)(?:still\s+|significantly\s+|consistently\s+|clearly\s+)?"
    r"(?:underperform\w*|lags?\s+behind|lagged\s+behind|falls?\s+short\s+of|fell\s+short\s+of|(?:is|are|was|were|performs?|performed)\s+worse\s+than)\s+(?P<y>[^.,;]+)",
    re.IGNORECASE,
)


# "By how much did plT5 beat plBART on Polish summarization?": one side said to beat another on a task.
_BEAT_ON = re.compile(r"\b(?:did|does|do)\s+(?P<x>[\w.-]+(?:\s+[\w.-]+)?)\s+(?:beat|outperform|surpass)\w*\s+(?P<y>[\w.-]+(?:\s+[\w.-]+)?)\s+(?:on|in|at)\s+(?P<z>[^?,;]+)", re.IGNORECASE)
# ... the task said first: "On Polish summarization, by how much did plT5 beat plBART?" (dev49).
_BEAT_ON_FRONT = re.compile(
    r"^\W*(?:on|in|at|for)\s+(?P<z>[^,?]+),[^?]*?\b(?:did|does|do)\s+(?P<x>[\w.-]+(?:\s+[\w.-]+)?)\s+(?:beat|outperform|surpass)\w*\s+(?P<y>[\w.-]+(?:\s+[\w.-]+)?)\s*\?",
    re.IGNORECASE,
)
_IS_BEST = r"\s+(?:is|was|performs?|performed|does|did|scores?|scored)\s+(?:the\s+)?(?:best|top|better)\b"


def _abbreviates(acronym: str, words: Sequence[str]) -> bool:
    """Is an all-capitals short word ("AR") written by the letters of one of `words` in order, from its first ("autoregressive")?"""
    if not re.fullmatch(r"[A-Z]{2,5}", acronym):
        return False
    letters = acronym.lower()
    return any(w.lower().startswith(letters[0]) and re.search(".*".join(map(re.escape, letters)), w.lower()) for w in words)


def reversed_outcome(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence telling that what the question says gained over something did worse than it ("text diffusion
    underperforms the standard AR approach" for "how many BLEU points did text diffusion gain over autoregressive decoding?",
    dev43), as a line; None when the abstract tells no such reverse. Both sides must be the question's: the one that
    "gained" is the sentence's subject, the other what it does worse than (by a shared word, or the abbreviation of one)."""
    beat = _BEAT_ON.search(question) or _BEAT_ON_FRONT.search(question)
    if beat is not None:
        # "... except summarization, where plBART is best" (dev45): the side said to lose is the best on that task.
        loser = re.compile(rf"(?<![\w-]){re.escape(beat.group('y'))}(?![\w-]){_IS_BEST}", re.IGNORECASE)
        task = _step_stems(beat.group("z"))
        for sentence in _sentences(hit):
            if loser.search(sentence.text) and task & _step_stems(sentence.text):
                return as_line(sentence)
    asked = _GAIN_ASKED.search(question)
    if asked is None:
        return None
    x, y = (asked.group("x"), asked.group("y")) if asked.group("x") else (asked.group("x2"), asked.group("y2"))
    asked_x, asked_y = _step_stems(x), _step_stems(y)
    y_words = _WORD.findall(y)
    for sentence in _sentences(hit):
        for told in _WORSE_TOLD.finditer(sentence.text):
            if not asked_x & _step_stems(told.group("x")):
                continue
            told_y = _WORD.findall(told.group("y"))
            if asked_y & _step_stems(told.group("y")) or any(_abbreviates(w, y_words) for w in told_y):
                return as_line(sentence)
    return None


# An effect a question takes for granted, and the verbs telling its opposite.
_HELPS = r"(?:help|improv|boost|enhanc|benefit|increas|rais|strengthen|aid)"
_HURTS = r"(?:hurt|harm|degrad|hinder|impair|reduc|lower|wors|weaken|damag)"
_EFFECT_ASKED = re.compile(
    rf"(?P<x>(?:[\w-]+\s+){{1,6}}?)(?P<verb>{_HELPS}|{_HURTS})\w*\s+(?P<y>[^?,;]+)"
    # "supervised pretraining gives lifelong robot learners a big boost - how big was it?"
    r"|(?P<gx>(?:[\w-]+\s+){1,4}?)(?:gives?|gave|brings?|brought|yields?|provides?)\s+(?P<gy>(?:[\w-]+\s+){0,4}?)an?\s+(?:big\s+|large\s+|huge\s+|significant\s+|substantial\s+)?(?:boost|gain|improvement|lift)\b",
    re.IGNORECASE,
)
# Gains asked on something: "how large were the gains on monolingual QA?".
_GAINS_ON = re.compile(r"\b(?:gains?|improvements?|boosts?)\s+(?:on|in|for)\s+(?P<z>[^?,;]+)", re.IGNORECASE)
_NEVER_IMPROVED = re.compile(
    r"(?P<z>(?:[\w-]+\s+){1,4}?)(?:performance\s+|results?\s+)?(?:never|did\s+not|didn't|does\s+not|do\s+not|failed\s+to)\s+improve",
    re.IGNORECASE,
)


def _told_effects(text: str, helps: bool) -> list[tuple[str, str]]:
    """(subject, object) of each effect of the given direction a sentence tells: "naive supervised pretraining can hinder agents' performance"."""
    verb = _HELPS if helps else _HURTS
    told = re.compile(rf"(?P<x>(?:[\w-]+\s+){{1,6}}?)(?:can\s+|could\s+|may\s+|might\s+|does\s+|did\s+|significantly\s+|substantially\s+)?{verb}\w*\s+(?P<y>[^.;]+)", re.IGNORECASE)
    # Said in the passive, the doer follows "by": "the performance can be further improved by combining the two models through
    # knowledge distillation" (dev86).
    passive = re.compile(
        rf"(?P<y>(?:[\w-]+\s+){{1,4}}?)(?:is|are|was|were|be|been)\s+(?:further\s+|significantly\s+|substantially\s+|greatly\s+)?{verb}\w*\s+by\s+(?P<x>[^.;]+)", re.IGNORECASE
    )
    return [(m.group("x"), m.group("y")) for m in [*told.finditer(text), *passive.finditer(text)]]


_NOUN_ENDING = re.compile(r"(?:tion|tions|ment|ments)$", re.IGNORECASE)


def opposite_effect(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence telling the opposite of an effect the question takes for granted ("LIBERO found that supervised
    pretraining gives lifelong robot learners a big boost" of "naive supervised pretraining can hinder agents' performance",
    dev45; "why does keeping the PLM frozen in soft prompt tuning hurt cross-lingual transfer to linguistically distant
    languages?" of "... can enhance cross-lingual transfer performance to linguistically distant languages", dev46; gains asked
    "on monolingual QA" of "mono-lingual QA performance never improved"), as a line; None otherwise. The sentence must tell it
    of what the question does: the doer by a word or more, what is affected by most of its words."""
    asked = _EFFECT_ASKED.search(question)
    sentences = _sentences(hit)
    if asked is not None:
        if asked.group("verb"):
            helps = bool(re.match(_HELPS, asked.group("verb"), re.IGNORECASE))
            x, y = asked.group("x"), asked.group("y")
        else:
            helps, x, y = True, asked.group("gx"), asked.group("gy") or ""
        asked_x, asked_y = _effect_stems(x), _effect_stems(y)
        # "gives lifelong robot learners a big boost" names who gains, which an abstract words its own way ("agents'
        # performance"): two words of the doer are enough there.
        beneficiary = not asked.group("verb")
        # What the paper is about goes without saying in its sentences: "self-supervised pretraining hurt most protein
        # models" is told opposite by TAPE's "self-supervised pretraining is helpful for almost all models" (dev74), its
        # title saying "Protein".
        # Only for an effect said by a verb: "average perplexity reduction across the ten languages" names a measure (dev38).
        said = re.match(r"\w+", question[asked.start("verb"):]) if asked.group("verb") else None
        # A title's compound counts by its parts too: "Code-Related Tasks" is about code ("hurt performance on bug-fixing and
        # code summarization" of "while pre-training helps the model", dev82).
        topic = _effect_stems(hit.paper.title.replace("-", " ")) | _effect_stems(hit.paper.title) if said is not None and not _NOUN_ENDING.search(said.group()) else set()
        for sentence in sentences:
            for told_x, told_y in _told_effects(sentence.text, not helps):
                doer, affected = len(asked_x & _effect_stems(told_x)), len(asked_y & (_effect_stems(told_y) | topic))
                if (doer >= min(2, len(asked_x)) and doer and (affected or not asked_y or (beneficiary and doer >= 2))) or (affected >= 3 and affected >= len(asked_y) - 1):
                    return as_line(sentence)
    gains = _GAINS_ON.search(question)
    if gains is not None:
        asked_z = _effect_stems(gains.group("z"))
        for sentence in sentences:
            for never in _NEVER_IMPROVED.finditer(sentence.text):
                if asked_z and asked_z <= _effect_stems(never.group("z")):
                    return as_line(sentence)
    return None


def _effect_stems(text: str) -> set[str]:
    """The content stems of a phrase, a hyphenated word also whole ("mono-lingual" is "monolingual")."""
    words = _WORD.findall(text)
    return _step_stems(" ".join(words)) | {loose_stem(w.replace("-", "").lower()) for w in words if "-" in w}


# One side said to beat another ("by how much did the language-specific decoder beat fine-tuning the English TrOCR
# on Spanish?"), or to fall behind it ("by how much did pretrained MIL models fall behind training from scratch?").
_BEATS_ASKED = re.compile(
    # (a side of up to eight words: "why does random initialization of the new token embeddings beat the heuristic-based
    # initializations?", dev88)
    r"\b(?:did|does|do)\s+(?P<x>(?:[\w-]+\s+){0,7}?[\w-]+)\s+(?:beat|outperform|surpass|outdo)\w*\s+(?P<y>[^?,;]+?)(?:\s+(?:on|in|at|for)\s+[^?,;]+)?\s*(?:\?|$)",
    re.IGNORECASE,
)
# ("Why does PANDA end up worse than vanilla prompt transfer on the smaller PLMs?" of "PANDA consistently outperforms the vanilla
# PoT approach ... among all tasks and model sizes", dev90)
_FALLS_BEHIND_ASKED = re.compile(
    r"\b(?:did|does|do)\s+(?P<x>(?:[\w-]+\s+){0,5}?[\w-]+)\s+(?:(?:fall|lag|trail)\s+behind|end\s+up\s+worse\s+than|(?:perform|do|score)\s+worse\s+than)\s+(?P<y>[^?,;]+?)(?:\s+(?:on|in|at|when|for)\s+[^?,;]+)?\s*(?:\?|$)",
    re.IGNORECASE,
)
# The abstract telling one side better: "X consistently outperform models trained from scratch", "X yields superior recognition than Y".
_BETTER_TOLD = re.compile(
    # (the better side is all the sentence says before the verb: "pretrained MIL models, even when trained on different organs ..., consistently outperform")
    r"(?P<x>[^.;]{3,200}?)\s(?:consistently\s+|significantly\s+|clearly\s+|still\s+)?(?:outperform\w*|beats?|surpass\w*)\s+(?P<y>[^.;]+)"
    r"|(?P<x2>[^.;]{3,200}?)\s(?:yields?|achieves?|gives?|shows?|obtains?|provides?)\s+(?:superior|better|higher|stronger)\s+[^.;]*?\bthan\s+(?P<y2>[^.;]+)",
    re.IGNORECASE,
)


def _side_stems(text: str) -> set[str]:
    """The content stems of a side's words, a hyphenated word by its parts ("language-specific" as "language specific")."""
    return {loose_stem(w) for w in re.findall(r"[A-Za-z0-9]+", text.lower()) if w not in _PLAIN and len(w) >= 3}


def _told_better(sentence: str) -> list[tuple[set[str], set[str]]]:
    """(better side, worse side) stems of each "X outperforms Y" / "X yields superior ... than Y" a sentence tells."""
    return [(_side_stems(m.group("x") or m.group("x2")), _side_stems(m.group("y") or m.group("y2"))) for m in _BETTER_TOLD.finditer(sentence)]


def _sides_match(asked: set[str], told: set[str]) -> bool:
    return len(asked & told) >= min(2, len(asked)) > 0


def reversed_ranking(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence ranking the question's two sides the other way round: "fine-tuning the English TrOCR on Spanish
    yields superior recognition than the language specific decoder" for "by how much did the language-specific decoder beat
    fine-tuning the English TrOCR?" (dev48); "pretrained MIL models ... consistently outperform models trained from scratch"
    for "by how much did pretrained MIL models fall behind training from scratch?" (dev47). None otherwise."""
    beats, behind = _BEATS_ASKED.search(question), _FALLS_BEHIND_ASKED.search(question)
    if beats is None and behind is None:
        return None
    asked = beats or behind
    # The side the abstract should tell better, had the question's premise held, and the other.
    winner, loser = (_side_stems(asked.group("x")), _side_stems(asked.group("y"))) if beats else (_side_stems(asked.group("y")), _side_stems(asked.group("x")))
    abstract = hit.paper.abstract
    for sentence in _sentences(hit):
        for better, worse in _told_better(sentence.text):
            better, worse = _with_long_forms(better, abstract), _with_long_forms(worse, abstract)
            if _sides_match(loser, better) and _sides_match(winner, worse):
                return as_line(sentence)
    return None


def _with_long_forms(stems: set[str], abstract: str) -> set[str]:
    """A side's stems and those of the words the abstract spells its acronyms out with: "the vanilla PoT approach" is also
    "prompt transfer", after "prompt transfer (PoT)" (dev90)."""
    found = set(stems)
    for defined in re.finditer(r"((?:[\w-]+\s+){1,6})\(\s*([A-Z][A-Za-z]{1,7})\s*\)", abstract):
        acronym = defined.group(2)
        capitals = "".join(c for c in acronym if c.isupper())
        words = defined.group(1).split()[-len(capitals):] if len(capitals) >= 2 else []
        if loose_stem(acronym.lower()) in stems and words and spells(capitals, words):
            found |= _side_stems(" ".join(words))
    return found


# What matters more taken for granted: "the number of pretraining samples matters far more than invariance" (dev86) ...
_MATTERS_MORE_ASKED = re.compile(
    r"(?P<x>(?:[\w-]+\s+){1,6}?)(?:matters?|mattered|counts?|is|are|was|were)\s+(?:far\s+|much\s+|a\s+lot\s+)?more(?:\s+important)?\s+than\s+(?P<y>[^.?,;]+)",
    re.IGNORECASE,
)
# ... of a paper telling the other as important or more: "invariance to the right transformations is as, or often more, important
# than most other factors such as the number of training samples".
_MORE_IMPORTANT_TOLD = re.compile(
    r"(?P<x>[^.;]{3,200}?)\s(?:is|are|was|were)\s+(?:as,?\s+or\s+(?:often\s+|even\s+)?more,?|(?:far\s+|much\s+|even\s+)?more)\s+important\s+than\s+(?P<y>[^.;]+)",
    re.IGNORECASE,
)


def reversed_importance(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence telling that what the question says matters less is as important or more (see `_MATTERS_MORE_ASKED`),
    as a line; None otherwise. Both sides must be the question's, swapped."""
    asked = _MATTERS_MORE_ASKED.search(question)
    if asked is None:
        return None
    more, less = _side_stems(asked.group("x")), _side_stems(asked.group("y"))
    for sentence in _sentences(hit):
        for told in _MORE_IMPORTANT_TOLD.finditer(sentence.text):
            if _sides_match(less, _side_stems(told.group("x"))) and _sides_match(more, _side_stems(told.group("y"))):
                return as_line(sentence)
    return None


# One winner taken for granted: "crowned one self-supervised method as the best overall - which one?" (dev79) ...
_ONE_BEST_ASKED = re.compile(
    r"\b(?:which|what)\b[^?]*\b(?:best|winner|strongest|dominant)\b|\b(?:best|winner|strongest|dominant)\b[^?]*\b(?:which|what)\b", re.IGNORECASE
)
# ... of a paper saying there is none: "No single self-supervised method dominates overall", "no single visual encoder
# architecture excels at all types of knowledge transfer".
_NO_SINGLE_BEST = re.compile(
    r"\bno\s+(?:single|one)\s+(?:[\w-]+\s+){0,3}?(?:methods?|models?|approach(?:es)?|architectures?|encoders?|techniques?|algorithms?|strateg(?:y|ies)|learners?|backbones?)"
    r"\s+(?:dominates|excels|wins|is\s+(?:the\s+)?(?:best|superior)|performs?\s+(?:the\s+)?best|consistently\s+outperforms)\b",
    re.IGNORECASE,
)


def no_single_best(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence saying no one of its methods is best, for a question asking which one is: "No single
    self-supervised method dominates overall" for "The 13-model SSL transfer study crowned one self-supervised method as
    the best overall - which one?" (dev79). Any method named would read as the winner. None otherwise."""
    if not _ONE_BEST_ASKED.search(question):
        return None
    return next((as_line(s) for s in _sentences(hit) if _NO_SINGLE_BEST.search(s.text)), None)


_PLAIN_STEMS = frozenset(loose_stem(w) for w in _PLAIN)

# A sensitivity taken for granted: "Free Lunch says checkpoint averaging makes zero-shot cross-lingual transfer more sensitive
# to hyperparameter choices - how do they suggest compensating for that?" (dev81) ...
_SENSITIVE_ASKED = re.compile(r"\b(?:more\s+sensitive|over-?sensitive|less\s+robust)\s+(?:to|against)\s+(?P<x>[^?,;.]+)", re.IGNORECASE)
# ... of a paper saying it removes it: "it simultaneously substantially desensitizes XLT to varying hyperparameter choices".
_ROBUST_TOLD = re.compile(
    r"\b(?:desensitiz|desensitis|insensitiv|less\s+sensitive|more\s+robust|robust)\w*\b[^.;]{0,60}?\b(?:to|against)\s+(?P<x>(?:[\w-]+\s+){0,4}[\w-]+)", re.IGNORECASE
)


def reversed_sensitivity(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence saying it makes something robust to, or less sensitive to, what the question says it makes it more
    sensitive to (dev81). A remedy shown would defend a harm the paper denies. None otherwise."""
    asked = _SENSITIVE_ASKED.search(question)
    if asked is None:
        return None
    wanted = _effect_stems(asked.group("x")) - _PLAIN_STEMS
    for sentence in _sentences(hit):
        for told in _ROBUST_TOLD.finditer(sentence.text):
            if wanted & _effect_stems(told.group("x")):
                return as_line(sentence)
    return None


# A quality the question says one side has worse (or better) than others: "T5 pre-training for data-to-text generalizes worse to
# out-of-domain test sets than BERT or GPT-2 - why is that?" (dev83) ...
_QUALITY_ASKED = re.compile(r"(?P<x>(?:[\w-]+\s+){1,5}?)(?P<verb>[a-z]{5,}?)(?:es|s|ed)?\s+(?:much\s+|far\s+|a\s+lot\s+)?(?P<way>worse|better)\b", re.IGNORECASE)
_OPPOSITE_QUALITY = {"worse": "better|stronger|improved|superior", "better": "worse|weaker|poorer|inferior"}


def reversed_quality(question: str, hit: PaperHit) -> Evidence | None:
    """... and the paper's sentence telling the same side has it the other way: "T5 pre-training leads to better generalization,
    as evidenced by large improvements on out-of-domain test sets". The verb's stem must name the quality ("generaliz"), and the
    sentence must tell it of the question's side. None otherwise."""
    asked = _QUALITY_ASKED.search(question)
    if asked is None:
        return None
    quality = re.escape(asked.group("verb")[:6].lower())
    opposite = _OPPOSITE_QUALITY[asked.group("way").lower()]
    told = re.compile(
        rf"(?P<x>[^.;]{{3,120}}?)\s(?:leads?\s+to|yields?|gives?|shows?|achieves?|brings?|results?\s+in|has|have)\s+(?:much\s+|significantly\s+|far\s+)?(?:{opposite})\s+{quality}\w*"
        rf"|(?P<x2>[^.;]{{3,120}}?)\s{quality}\w*\s+(?:much\s+|significantly\s+|far\s+)?(?:{opposite})\b",
        re.IGNORECASE,
    )
    side = _side_stems(asked.group("x"))
    for sentence in _sentences(hit):
        for match in told.finditer(sentence.text):
            if _sides_match(side, _side_stems(match.group("x") or match.group("x2"))):
                return as_line(sentence)
    return None


# A growth the question takes for granted: "Why does SwAV's multi-crop blow up GPU memory so much ...?" (dev83) ...
_GROWTH_ASKED = re.compile(
    r"(?P<x>(?:[\w'’-]+\s+){1,6}?)(?:increas\w*|blows?\s+up|blew\s+up|inflat\w*|balloon\w*|explod\w*|doubl\w*)\s+"
    r"(?P<y>(?:[\w-]+\s+){0,2}?[\w-]+)(?=\s+(?:so|compared|than|when|while|and|during|for|in|on|by|at|with)\b|\s*[?,;.]|$)",
    re.IGNORECASE,
)
# ... of a paper saying it does not grow: "multi-crop, that uses a mix of views ... without increasing the memory or compute requirements much".
_GROWTH_DENIED = re.compile(
    r"\b(?:without|not|never|no)\s+(?:significantly\s+|substantially\s+|much\s+|noticeably\s+)?(?:increas\w*|inflat\w*|add\w*\s+to)\s+(?P<y>[^.;]+)", re.IGNORECASE
)


# ... or a cost the question says it has more of: "Why does the ConvBN Tune mode need more GPU memory than Eval mode ...?" (dev127) ...
_MORE_NEEDED = re.compile(
    r"(?P<x>(?:[\w'’-]+\s+){1,6}?)(?:needs?|needed|uses?|used|requires?|required|consumes?|consumed|takes?|took|costs?)\s+(?:\w+\s+)?more\s+"
    r"(?P<y>(?:[\w-]+\s+){0,2}?[\w-]+)(?=\s+(?:so|compared|than|when|while|and|during|for|in|on|by|at|with)\b|\s*[?,;.]|$)",
    re.IGNORECASE,
)
# ... of a paper saying the doer cuts it: "the proposed Tune mode retains the performance while significantly reducing GPU memory footprint".
_COST_CUT = re.compile(r"\b(?:reduc\w*|decreas\w*|sav(?:es|ed|ing)|cut(?:s|ting)?|lower(?:s|ed|ing)?)\s+(?:the\s+|its\s+)?(?P<y>[^.;]+)", re.IGNORECASE)


def denied_growth(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence saying what the question says grows does not: told of the question's doer (a word of it) and of most of
    what grows ("GPU memory": "the memory"). A reason shown would explain a cost the paper denies. A cost the question says the doer
    needs more of is denied by the doer cutting it, the doer told before the cut ("... compared to full fine-tuning" after the cut
    tells another's). None otherwise."""
    # (what the question takes for granted, how a paper denies it, whether the doer must be told before the denial)
    for asked, denied, doer_first in ((_GROWTH_ASKED.search(question), _GROWTH_DENIED, False), (_MORE_NEEDED.search(question), _COST_CUT, True)):
        if asked is None:
            continue
        doer, grows = _effect_stems(asked.group("x")) - _PLAIN_STEMS, _effect_stems(asked.group("y")) - _PLAIN_STEMS
        for sentence in _sentences(hit):
            if not doer & _effect_stems(sentence.text):
                continue
            for told in denied.finditer(sentence.text):
                if grows and (not doer_first or doer & _effect_stems(sentence.text[: told.start()])) and len(grows & _effect_stems(told.group("y"))) >= max(1, len(grows) // 2):
                    return as_line(sentence)
    return None


# An amount told with its direction: "60% more training data", "2x slower", "30 percent fewer parameters".
_AMOUNT_DIRECTED = re.compile(
    r"(?<![\w.])(?P<number>\d+(?:\.\d+)?)\s?(?P<unit>%|percent\b|x\b|×|times\b)\s+(?P<way>more|less|fewer|higher|lower|faster|slower|larger|smaller|bigger|greater)\b",
    re.IGNORECASE,
)
_OPPOSITE_WAY = {"more": {"less", "fewer"}, "less": {"more"}, "fewer": {"more"}, "higher": {"lower"}, "lower": {"higher", "greater"},
                 "faster": {"slower"}, "slower": {"faster"}, "larger": {"smaller"}, "bigger": {"smaller"}, "greater": {"smaller", "lower"},
                 "smaller": {"larger", "bigger", "greater"}}


def reversed_amount(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence giving the question's amount the other way: "requiring only 60% less training data" for "CogAlign
    apparently needs about 60% more training data than supervised fine-tuning - why is it so data-hungry?" (dev75). A reason
    or a figure shown would defend a premise the paper contradicts. None otherwise."""
    for asked in _AMOUNT_DIRECTED.finditer(question):
        number, way = float(asked.group("number")), asked.group("way").lower()
        for sentence in _sentences(hit):
            for told in _AMOUNT_DIRECTED.finditer(sentence.text):
                if float(told.group("number")) == number and told.group("way").lower() in _OPPOSITE_WAY.get(way, set()):
                    return as_line(sentence)
    return None


# A failure the question takes for granted, with the setting it happens in: "ConSERT collapses when only 1000 unlabeled samples
# are available - why ...?" (dev86), "Hyper-X falls apart in few-shot scenarios for new languages", "Since UniAdapter can't
# match full fine-tuning on most of its cross-modal benchmarks, ..." (dev87). The setting runs to the clause's end.
_AMOUNT = r"a\s+lot\s+of|lots\s+of|much|some|significant|considerable"  # how much is lost: "loses a lot of accuracy"
_FAILURE_ASKED = re.compile(
    r"(?P<x>(?:[\w'’.-]+\s+){1,4}?)"
    r"(?:collaps\w*|falls?\s+apart|fell\s+apart|breaks?\s+down|broke\s+down|struggl\w*|fails?|failed|degrades?|degraded|underperforms?"
    r"|(?:performs?|does|do)\s+(?:poorly|badly)|falls?\s+(?:short\s+of|behind)|(?:can(?:no|'|’)?t|does\s*n(?:o|'|’)?t|did\s*n(?:o|'|’)?t)\s+(?:match|work|handle|keep\s+up\s+with|benefit\s+from)"
    # "GATE seems to become unstable in extrapolation regions" (dev89); "offsite-tuning loses a lot of accuracy compared with full
    # fine-tuning" (dev89)
    rf"|(?:becomes?|became|gets?|got|is|are|was|were)\s+unstable|los(?:es|e|t|ing)(?=\s+(?:(?:{_AMOUNT})\s+)?(?:accuracy|performance))"
    # "SBERT gets its speedup at the cost of accuracy" of "... while maintaining the accuracy from BERT" (dev91)
    r"|at\s+the\s+(?:cost|expense)\s+of(?=\s+(?:accuracy|performance|quality))"
    # "S2A's 4-bit quantization of activations costs a lot of accuracy" of "... which maintains accuracy" (dev92)
    rf"|costs?(?=\s+(?:(?:{_AMOUNT})\s+)?(?:accuracy|performance)))"
    r"\s+(?P<y>(?:(?!\s[-–—]\s)[^?;,])+)",
    re.IGNORECASE,
)
# ... and a sentence of the paper telling it does well there: "ConSERT obtains comparable results with only 1000 samples
# available, showing its robustness", "Hyper-X consistently produces strong results in few-shot scenarios for new languages",
# "UniAdapter not only outperforms the state-of-the-arts, but even beats the full fine-tuning strategy".
# ("... exhibits stable behavior in both the latent space and extrapolation regions", "even sparse retrievers can benefit from
# their simple domain adaptation method", dev89)
_DOES_WELL = re.compile(
    r"\b(?:robust\w*|strong|comparable|competitive|preserv\w*|maintain\w*|outperform\w*|beats?|surpass\w*|excel\w*|on\s+par|superior|state-of-the-art|stable"
    r"|(?:can|do|does|did|also|still)\s+benefit"
    # "XLM-R ... performs particularly well on low-resource languages" (dev92)
    r"|(?:performs?|performed|does|do|did|works?|worked)\s+(?:\w+\s+)?well)\b",
    re.IGNORECASE,
)
_DOES_BADLY = re.compile(
    r"\b(?:collaps\w*|fail\w*|degrad\w*|struggl\w*|worse|poor\w*|drops?|dropped|hurt\w*|harm\w*|lags?|lagging|suffer\w*|unstable|instabilit\w*|short\s+of|breaks?\s+down|falls?\s+apart|cannot|can't|limitations?|los(?:es|e|t|ing)|(?:not|n't|never)\s+benefit\w*)\b",
    re.IGNORECASE,
)


def denied_failure(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence telling that what the question says fails in a setting does well there (see `_FAILURE_ASKED`), as a
    line; None otherwise. The sentence must write the failing side and most of the setting's words, and tell no failure
    itself; nor may any sentence of the paper tell a failure in that setting (the premise may be told of another method)."""
    asked = _FAILURE_ASKED.search(question)
    if asked is None:
        return None
    # ("architectures that weren't in its training search spaces": "were", no setting word, dev91)
    # ... nor is an amount ("costs a lot of accuracy": accuracy, dev92)
    setting_text = re.sub(rf"\b(?:{_AMOUNT})\b", " ", re.sub(r"(\w+)n['’]t\b", r"\1", asked.group("y")), flags=re.IGNORECASE)
    doer, setting = _effect_stems(asked.group("x")) - _PLAIN_STEMS, _effect_stems(setting_text) - _PLAIN_STEMS
    if not doer or not setting:
        return None
    least = max(2, (len(setting) + 1) // 2) if len(setting) > 1 else 1

    def in_setting(sentence: Evidence) -> bool:
        return len(setting & _effect_stems(sentence.text)) >= least

    sentences = [s for s in _sentences(hit) if in_setting(s)]
    if any(_DOES_BADLY.search(s.text) for s in sentences):
        return None
    # The sentence holding most of the setting: "comparable accuracy as full model fine-tuning", not "more efficient than the
    # existing fine-tuning methods that require access to the full model weights" (dev89).
    telling = [s for s in sentences if doer & _effect_stems(s.text) and _DOES_WELL.search(s.text)]
    return as_line(max(telling, key=lambda s: len(setting & _effect_stems(s.text)))) if telling else None


# A quality of something the question takes for granted, which the paper tells of it the other way: "IMPALA's multi-task
# training on DMLab-30 ran into negative transfer between tasks; how did they mitigate it?" of "... crucially exhibits positive
# transfer between tasks" (dev88).
_OPPOSITE_TERMS = {"negative": "positive", "positive": "negative", "harmful": "beneficial", "beneficial": "harmful", "unstable": "stable", "stable": "unstable"}
_TERM_ASKED = re.compile(rf"\b(?P<quality>{'|'.join(_OPPOSITE_TERMS)})\s+(?P<noun>[a-z][a-z-]+)", re.IGNORECASE)


def reversed_term(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence telling the opposite quality of the thing the question names (see `_OPPOSITE_TERMS`), as a line;
    None otherwise, or when any sentence of the paper also writes the question's own ("negative transfer" beside "positive
    transfer": the paper speaks of both)."""
    sentences = _sentences(hit)
    for asked in _TERM_ASKED.finditer(question):
        noun = re.escape(loose_stem(asked.group("noun").lower()))
        same = re.compile(rf"\b{asked.group('quality')}\s+{noun}", re.IGNORECASE)
        opposite = re.compile(rf"\b{_OPPOSITE_TERMS[asked.group('quality').lower()]}\s+{noun}", re.IGNORECASE)
        # A sentence telling both sides ("CUBER can even achieve positive backward knowledge transfer ..., where the related
        # baselines still suffer from ... (negative backward knowledge transfer)", dev93) tells the asked quality of another
        # side: the question's premise stands only where a sentence writes it alone.
        if any(same.search(s.text) and not opposite.search(s.text) for s in sentences):
            continue
        told = next((s for s in sentences if opposite.search(s.text) and not same.search(s.text)), None)
        told = told or next((s for s in sentences if _named_before(question, s.text, opposite)), None)
        if told is not None:
            return as_line(told)
    return None


def _named_before(question: str, sentence: str, term: re.Pattern) -> bool:
    """Does the sentence write a name the question writes ("CUBER") before its first `term`, the side it tells it of?"""
    found = term.search(sentence)
    return bool(found) and any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence[: found.start()]) for name in _NAME.findall(question))


def reversed_premise(question: str, hit: PaperHit) -> Evidence | None:
    """The paper's sentence telling the reverse of what the question takes for granted, by the first check that finds one (an
    outcome, a ranking, what matters more, an effect, an amount, one best, a sensitivity, a quality, a growth, a failure, a
    term's quality); None when none does."""
    # A title the question writes names the paper; it takes nothing for granted: "In 'Understanding and Improving Information
    # Transfer in Multi-Task Learning', what GLUE gain ...?" asks no effect of "Improving" (dev67).
    question = re.sub(rf"[\"“'‘]?{re.escape(hit.paper.title)}[\"”'’]?", " ", question, flags=re.IGNORECASE)
    for check in (
        reversed_outcome, reversed_ranking, reversed_importance, opposite_effect, reversed_amount, no_single_best, reversed_sensitivity, reversed_quality, denied_growth,
        denied_failure, reversed_term,
    ):
        if (line := check(question, hit)) is not None:
            return line
    return None


# A "how" or "why" (not "how many") about one paper, most of whose words its abstract never writes: "How does Ground-A-Video keep
# edits temporally consistent for long videos that don't fit in one batch of frames?" (dev63), "How would SGDM's
# subgraph diffusion handle dynamic or temporal networks that change over time?" (dev60). The abstract does not speak
# of what is asked, and its closest sentence would read as the answer. On the seen sets' how and why questions about one
# named paper (figures and comparisons aside), answerable ones left at most 4 words unwritten, unanswerable ones up to 8.
_HOW_OR_WHY = re.compile(r"^\W*(?:how|why)\b(?!\s+(?:many|much|big|large|long|fast|often|close|far|well)\b)", re.IGNORECASE)
# "How do Weight Squeezing and the structured-pruning-with-transfer-learning paper make models smaller?" (dev44) asks of two
# papers: the words of the second are not the first's to write.
_TWO_SUBJECTS = re.compile(r"^\W*(?:how|why)\s+(?:do|did|are|were|have|would|could|can)\s+[^?]*?\s(?:and|&)\s", re.IGNORECASE)
UNWRITTEN_LEAST = 5
UNWRITTEN_SHARE = 0.5


def unwritten_ask(question: str, hit: PaperHit) -> list[str]:
    """The words of a how/why question about this paper that its title and abstract never write, when
    they are most of the question (at least `UNWRITTEN_LEAST`, and `UNWRITTEN_SHARE` of its content words);
    [] otherwise."""
    if not _HOW_OR_WHY.match(question) or _TWO_SUBJECTS.match(question) or _SECOND_PAPER.search(question):
        return []
    rest = question
    for name in sorted(hit.own_names(), key=len, reverse=True):
        rest = re.sub(rf"(?<![\w-]){re.escape(name)}(?:['’]s)?(?![\w-])", " ", rest, flags=re.IGNORECASE)
    words = content_words(rest)
    text = paper_text(hit)
    written = set(_stems(text)) | {loose_stem(part) for w in _WORD.findall(text.lower()) if "-" in w for part in w.split("-")}
    unwritten = [w for w in words if loose_stem(w) not in written]
    return unwritten if len(unwritten) >= max(UNWRITTEN_LEAST, UNWRITTEN_SHARE * len(words)) else []
