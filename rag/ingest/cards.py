"""Paper cards: the name a paper introduces and one third-person sentence on what it does.

Built at ingest from the title and abstract alone, with rules, no model, so every card is
reproducible and every word of it can be traced back to the abstract:

- `name`: a title prefix before a colon when it is a coined word ("STEER: Unified Style
  Transfer ..."), else what "we propose / introduce / present X", "called / named / dubbed X"
  or a parenthesised acronym of the paper's own contribution gives. Empty when none of those
  finds a coined name: an analysis paper has no name, and we never make one up.
- `contribution`: the paper's own contribution sentence ("To this end, we propose X, which
  ..."), rewritten into the third person ("X ...", "The authors ...") with leading context
  clauses trimmed. `spans` are the abstract ranges the kept words came from.

Measured on eval/cards/name_labels.jsonl (`python -m eval.card_eval`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from rag.records import Paper, PaperCard, Span
from rag.ingest.sentences import split_sentences
from rag.words import ADOPTING_VERBS, spells

CARD_VERSION = "21"  # bump when the rules change: every card is rebuilt on the next ingest

# A coined name: an inner capital (ForkMerge, AutoPST, LiT), two capitals (STEER, XLM-R),
# letters with digits (T5, Re3Sim) or a hyphenated capitalised compound (Offsite-Tuning).
_COINED = re.compile(
    r"^(?:[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*|[A-Z][A-Z0-9]+[a-z]*[A-Za-z0-9]*|[A-Za-z]+\d[A-Za-z0-9]*|\d+[A-Za-z]+[A-Za-z0-9]*|[A-Z][a-z]+(?:-[A-Z][A-Za-z0-9]*)+"
    r"|[A-Z]-[A-Z][A-Za-z0-9]+)(?:[-+][A-Za-z0-9]+)*$"
)
# Names of things papers use rather than introduce: a coined-looking word from this list is
# never a paper's own name. General vocabulary of the field, not titles of this corpus.
COMMON_ACRONYMS = frozenset(
    "AI ML NLP NLU NLG LLM LLMs LM LMs VLM VLMs MLLM MLLMs CNN CNNs RNN RNNs LSTM GAN GANs VAE ViT ViTs MLP GPU GPUs TPU CPU "
    "BERT RoBERTa mBERT GPT GPT-2 GPT-3 GPT-4 T5 mT5 CLIP LoRA PEFT RL SOTA API APIs IoT MRI CT EEG ECG ASR TTS MT NMT QA VQA "
    "ImageNet COCO GLUE SuperGLUE XNLI SQuAD MNIST CIFAR CIFAR-10 CIFAR-100 WikiQA BLEU ROUGE MAP AUC F1 FID MOS DNN DNNs "
    "SVM KNN PCA UDA DA TL MTL KD SSL OOD IID NER POS US UK EU COVID-19 ChatGPT LLaMA Llama GitHub HuggingFace PyTorch".split()
)
_PROPOSE_VERBS = r"propose|proposes|present|presents|introduce|introduces|develop|develops|design|designs|devise|devises|build|builds|contribute|release|releases|create|creates|construct|constructs|offer|offers|put forward|by introducing|by proposing(?!\s+and\b)"
_CONTRIBUTION = re.compile(
    rf"\b(?:we|this (?:paper|work|study|article)|in this (?:paper|work))\b[^.]{{0,40}}?\b(?:{_PROPOSE_VERBS})\b|\b(?:called|named|dubbed|termed|coined)\b|\bwe\s+(?:call|name|dub|term)\b",
    re.IGNORECASE,
)
_WE_SENTENCE = re.compile(r"\b(?:we|our|this (?:paper|work|study))\b", re.IGNORECASE)
_NAME_AFTER_VERB = re.compile(
    rf"\b(?:{_PROPOSE_VERBS})\s+(?:a |an |the )?(?:new |novel |simple |unified |general )?([^\s,;:()]+(?:\s[^\s,;:()]+)?)", re.IGNORECASE
)
_CALLED = re.compile(r"\b(?:called|named|dubbed|termed|coined|we\s+(?:call|name|dub|term))\s+(?:as\s+|it\s+|this (?:approach|method|model|framework)\s+)?(?:``|[\"“'])?([^\s,;:()\"”'`]+(?:\s[A-Z][^\s,;:()\"”'`]*)?)")
# "our ... approach ProtoTransfer", "the proposed method, X,": a kind noun right before a coined word.
_KIND_NOUN = re.compile(r"\b(?:approach|method|framework|model|system|algorithm|technique|benchmark|dataset|module|architecture|pipeline|toolkit|library|attack)\s*,?\s+([^\s,;:()]+)")
_NAMED_THEN_KIND = re.compile(
    rf"\b(?:{_PROPOSE_VERBS})\s+([A-Z][a-z]+[A-Za-z0-9-]*),\s+(?:a|an)\s+(?:[\w-]+\s+){{0,4}}?(?:framework|method|approach|model|system|technique|algorithm|benchmark|dataset|pipeline|architecture|toolkit|library|attack)\b"
)
_ACRONYM = re.compile(r"\(([A-Za-z][A-Za-z0-9+-]{1,15})\)")
_TEX = re.compile(r"\$([^$]*)\$")
_PLURAL_ACRONYM = re.compile(r"[A-Z][A-Z0-9-]+s")


def card_id_for(paper: Paper) -> str:
    key = "\x1f".join((CARD_VERSION, paper.paper_id, paper.title, paper.abstract))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _plain(word: str) -> str:
    """'$R^2$-Tuning' -> 'R2-Tuning': TeX in titles, stripped for matching (kept for display)."""
    return _TEX.sub(lambda m: re.sub(r"[^A-Za-z0-9]", "", m.group(1)), word).strip(".,;:\"'“”")


# "SVD-based", "task-aware": a known thing plus an adjective, not a new name.
_ADJECTIVE_SUFFIX = re.compile(r"-(?:based|aware|free|like|level|wise|style|driven|specific|oriented|guided|agnostic|efficient|shot|scale|only)$", re.IGNORECASE)


def mentions(text: str, name: str) -> bool:
    """Does `text` use `name` as a whole word ("LST" in "LST saves", not in "LSTM" or "R-LST")?"""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


def typed_lowercase_only(query: str, name: str, texts: Iterable[str]) -> bool:
    """Does the query write `name` in lowercase as a word of its own ("swav", "sbert") while none of these
    texts does? Where an abstract writes it so, it is a plain word there, not the name typed low ("continual")."""
    lowered = re.compile(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])")
    return lowered.search(query) is not None and not any(lowered.search(text) for text in texts)


def is_coined(word: str) -> bool:
    plain = _plain(word)
    if _ADJECTIVE_SUFFIX.search(plain):
        return False
    return bool(plain) and len(plain) >= 2 and plain not in COMMON_ACRONYMS and bool(_COINED.match(plain))


def strongly_coined(word: str) -> bool:
    """Coined beyond doubt: inner capitals, digits or an acronym; "Anti-Forgetting" (Title-Case
    words joined by a hyphen) is only a name when the abstract uses it as one."""
    return is_coined(word) and not re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+", _plain(word))


def _title_name(title: str, abstract: str) -> str:
    """'STEER: Unified ...' -> 'STEER'; 'Florence: A New ...' -> 'Florence' (used in the abstract); 'Less Could Be Better: ...' -> ''.

    A title prefix is a name when it holds a coined word, or when it is a capitalised word or
    two that the abstract uses as a name; a descriptive prefix ("Free Lunch") is neither.
    """
    if ":" not in title:
        return ""
    head = title.split(":", 1)[0].strip()
    words = head.split()
    if not 1 <= len(words) <= 3:
        return ""
    if len(words) > 1 and head not in abstract:
        # "X-Transfer Attacks": the coined word is the name when the abstract uses it alone.
        used = [w for w in words if is_coined(w) and re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", abstract)]
        if used:
            return used[0]
    if any(strongly_coined(w) for w in words):
        return head
    if all(w[:1].isupper() for w in words) and re.search(rf"(?<![\w-]){re.escape(head)}(?![\w-])", abstract):
        return head
    return ""


# Words before "named X" that say X is someone else's: used, or known before the paper.
_BORROWED = re.compile(
    r"\b(?:" + ADOPTING_VERBS + r"|borrow\w*|recently\s+(?:introduced|proposed|developed)|previously\s+(?:introduced|proposed)|existing|well-known|popular)\b[^.;]*$",
    re.IGNORECASE,
)


def _clean(word: str) -> str:
    return word.strip(".,;:\"'“”")


def _sentence_name(sentence: str, abstract: str = "") -> tuple[str, str]:
    """The coined name a contribution sentence gives its own method, with how it was found."""
    called = _CALLED.search(sentence)
    if called and _BORROWED.search(sentence[max(0, called.start() - 80) : called.start()]):
        # "we propose to leverage a recently introduced training method, named Sharpness-aware Minimization": a method
        # the paper uses, named by others, not its own (dev77).
        called = None
    if called:
        words = called.group(1).split()
        # "which we call Explore and Control" names parts as often as the method: only a coined word counts there.
        spoken = called.group().lower().startswith("we")
        # "called Gradient Episodic Memory (GEM)": the acronym the authors define is the name readers use.
        defined = _defined_after(sentence, called.start(1))
        if defined:
            return defined, "called"
        for candidate in (called.group(1), words[0]):
            if is_coined(candidate) or (not spoken and candidate[:1].isupper() and not sentence[called.start(1) :].startswith(("The ", "A ", "An "))):
                return _clean(candidate), "called"
    verb = _NAME_AFTER_VERB.search(sentence)
    apposed = _NAMED_THEN_KIND.search(sentence)
    if apposed:
        # "we propose Llamdex, a novel framework that ...": a capitalised word the authors' verb puts before its kind is their name
        # for it, coined or not (dev130).
        return apposed.group(1), "propose"
    if verb and is_coined(verb.group(1).split()[0]):
        # "we propose Multi-Task Structural Learning (MTSL)": the defined acronym, not "Multi-Task".
        return _defined_after(sentence, verb.start(1)) or _clean(verb.group(1).split()[0]), "propose"
    kind = _KIND_NOUN.search(sentence)
    if kind and is_coined(kind.group(1)):
        return _defined_after(sentence, kind.start(1)) or _clean(kind.group(1)), "propose"
    # "we propose a Common Weakness Attack (CWA)": an acronym defined after the verb; or any
    # coined term defined in parentheses there that the abstract goes on to use ("(Fwd-Prompt)").
    anchor = verb.start() if verb else 0
    for match in _ACRONYM.finditer(sentence, anchor):
        term = match.group(1)
        before = sentence[max(anchor, match.start() - 120) : match.start()]
        spelled = re.findall(r"[A-Za-z][\w-]*", before)[-sum(c.isupper() for c in term) :] if _PLURAL_ACRONYM.fullmatch(term) else []
        if spelled and all(w.islower() for w in spelled):
            # "we propose a novel approach to enhance LLMs with smaller language models (SLMs)": a plural spelled out in
            # lowercase is a kind of thing the method uses, not its name ("CrossLM" comes later); "Embedding Space
            # Maps (ESMs)" is a coined one.
            continue
        # ... or after "our", spelled exactly by the words it ends: "our multi-task subtask graph inferencer (MTSGI) first infers ..." (dev130).
        owned = (verb is not None or _OURS_SPELLED.search(before)) and _spelled_by_parts(term, before)
        if is_coined(term) and (_acronym_fits(term, before) or (verb and abstract.count(term) >= 2) or owned):
            return term, "acronym"
    return "", ""


_OURS_SPELLED = re.compile(r"\bour\s+(?:[\w-]+\s+){1,6}$", re.IGNORECASE)


def _contribution_name(abstract: str) -> tuple[str, str]:
    """The first name any contribution sentence ('we propose X', 'called X', 'our approach X') gives."""
    for span in split_sentences(abstract):
        sentence = abstract[span.start : span.end]
        if _CONTRIBUTION.search(sentence) or re.search(rf"\b(?:our|proposed)\b|\bwe\b.*\b(?:{_PROPOSE_VERBS})\b", sentence, re.IGNORECASE):
            name, source = _sentence_name(sentence, abstract)
            if name:
                return name, source
    return "", ""


def _defined_after(sentence: str, start: int) -> str:
    """The coined acronym defined in parentheses within 80 characters after `start` whose capitals
    spell the words before it ("Spatially-Adaptive Warped Normalization (SAWN)"), or ""."""
    defined = _ACRONYM.search(sentence, start, start + 80)
    before = sentence[start : defined.start()] if defined else ""
    if defined and is_coined(defined.group(1)) and (
        _acronym_fits(defined.group(1), before) or _acronym_fits(defined.group(1), before, parts=True) or _capitals_spell(defined.group(1), before)
    ):
        return defined.group(1)
    return ""


def _capitals_spell(acronym: str, before: str) -> bool:
    """Do the capitals written before the acronym end with its letters, wherever in their words they stand? "a ContinUal
    learning method with Backward knowlEdge tRansfer (CUBER)" (dev93) marks its letters inside the words."""
    letters = "".join(c for c in acronym if c.isupper())
    return len(letters) >= 3 and "".join(c for c in before if c.isupper()).endswith(letters)


def _spelled_by_parts(acronym: str, before: str) -> bool:
    """Do the acronym's capitals spell, exactly, the initials of the words and hyphenated parts right before it, after the
    authors' own verb ("We propose language-conditioned reward learning (LC-RL)", dev87)? Exact, for the parts are many: a
    term of others ("information-retrieval (IR) techniques") comes with no verb of the authors."""
    letters = "".join(c for c in acronym if c.isupper())
    return len(letters) >= 3 and spells(letters, re.findall(r"[A-Za-z]+", before)[-len(letters) :])


def _acronym_fits(acronym: str, before: str, parts: bool = False) -> bool:
    """'(SKT)' after '... Selective Knowledge Transfer': its capitals spell the initials before it;
    with `parts`, hyphenated words count each part ("Multi-Task Structural Learning" for MTSL)."""
    letters = [c for c in acronym if c.isupper()]
    words = re.findall(r"[A-Za-z][A-Za-z]*" if parts else r"[A-Za-z][A-Za-z-]*", before)[-(len(letters) + 3) :]
    initials = "".join(w[0].upper() for w in words)
    # "Cross" is written X in coined names: XTRA for "Model-Based Cross-Task Transfer", XNLI, XLM.
    crossed = "".join("X" if w.lower().startswith("cross") else w[0].upper() for w in words)
    return len(letters) >= 2 and ("".join(letters)[:2] in initials or "".join(letters)[:2] in crossed)


# "we propose leveraging existing MTL methods, but the presence of ... makes this computationally
# expensive": an option the paper sets aside; its contribution is the proposal that follows.
_SET_ASIDE = re.compile(r"[,;]\s+(?:but|however)\b", re.IGNORECASE)


def find_contribution(abstract: str) -> Span | None:
    """The abstract's contribution sentence: the first 'we propose X' / 'called X' sentence not
    set aside by a 'but' after it (when another follows), else the first 'we ...' one."""
    spans = split_sentences(abstract)
    # (Not a question the abstract asks: "How can we build learning algorithms that ...?" proposes nothing, dev87.)
    proposals = [(span, match) for span in spans if (match := _CONTRIBUTION.search(abstract[span.start : span.end])) and not abstract[span.start : span.end].rstrip().endswith("?")]
    for n, (span, match) in enumerate(proposals):
        set_aside = _SET_ASIDE.search(abstract[span.start : span.end], match.end())
        if not set_aside or n == len(proposals) - 1:
            return span
    for span in spans:
        if _WE_SENTENCE.search(abstract[span.start : span.end]):
            return span
    return None


def build_card(paper: Paper) -> PaperCard:
    name, source = _title_name(paper.title, paper.abstract), "title"
    contribution_span = find_contribution(paper.abstract)
    if not name:
        name, source = _contribution_name(paper.abstract)
    if not name:
        source = ""
    if contribution_span is None:
        return PaperCard(paper.paper_id, card_id_for(paper), name, "", (), source)
    text, spans = third_person(paper.abstract, contribution_span, name)
    return PaperCard(paper.paper_id, card_id_for(paper), name, text, spans, source)


# -- third person ----------------------------------------------------------------------

# A leading clause that only points back at context ("To address this issue,", "In this paper,",
# "Building upon these observations,"): dropped when it ends right before "we".
_LEAD_CLAUSE = re.compile(r"^[^,]{0,90},\s+(?=(?:we|our)\b)", re.IGNORECASE)
_PRONOUNS = [
    # At the start "Their experiments show ..." points at nobody: a line is read on its own.
    (re.compile(r"^[Oo]ur (?:paper|work|study|article)\b"), "The paper"),
    (re.compile(r"^[Oo]ur\b"), "The authors'"),
    (re.compile(r"\bOur\b"), "Their"),
    (re.compile(r"\bour\b"), "their"),
    (re.compile(r"\bOurs\b"), "Theirs"),
    (re.compile(r"\bours\b"), "theirs"),
    (re.compile(r"\bus\b"), "them"),
    (re.compile(r"\bWe\b"), "The authors"),
    (re.compile(r"\bwe\b"), "the authors"),
    (re.compile(r"\b[Tt]his (paper|work|study|article)\b"), "the paper"),
]


def third_person_text(text: str, capitalize: bool = True) -> str:
    """'we propose X and show that our ...' -> 'the authors propose X and show that their ...'.

    'we' + present-tense verb keeps plural agreement with 'the authors'; only 'the paper'
    subjects need a singular verb, and they keep the abstract's own ('this paper proposes').
    `capitalize`: start with a capital, as a sentence does (not a phrase cut from one).
    """
    out = text
    for pattern, replacement in _PRONOUNS:
        out = pattern.sub(replacement, out)
    return out[:1].upper() + out[1:] if out and capitalize else out


def third_person(abstract: str, span: Span, name: str) -> tuple[str, tuple[Span, ...]]:
    """The contribution sentence in the third person, with the abstract spans its words came from.

    "To this end, we propose ForkMerge, a novel approach that ..." -> "ForkMerge is a novel
    approach that ..." when the sentence introduces the name as an appositive; otherwise the
    context clause is trimmed and the pronouns rewritten ("The authors propose ...").
    """
    sentence = abstract[span.start : span.end]
    start = span.start
    lead = _LEAD_CLAUSE.match(sentence)
    if lead:
        sentence, start = sentence[lead.end() :], start + lead.end()
    if name:
        # "we propose NAME, a/an/the ..." -> "NAME is a/an/the ..."
        appositive = re.match(rf"(?:[Ww]e|[Tt]his (?:paper|work|study))\s+(?:\w+\s+)?(?:{_PROPOSE_VERBS})\s+(?:{re.escape(name)}\s*(?:\([^)]*\)\s*)?|[^,()]{{0,80}}\(\s*{re.escape(name)}\s*\)\s*),\s+((?:a|an|the)\s.+)$", sentence)
        if appositive:
            rest, rest_start = appositive.group(1), start + appositive.start(1)
            clause = re.split(r",\s+(?:and\s+)?(?:we|our)\b", rest, maxsplit=1)[0].rstrip(".")
            return third_person_text(f"{name} is {clause}."), (Span(start, start + appositive.start(1)), Span(rest_start, rest_start + len(clause)))
    text = third_person_text(sentence)
    return (text if text.endswith((".", "!", "?")) else text + "."), (Span(start, span.end),)
