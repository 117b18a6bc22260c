""""What is X?": the term a definition question asks about, and the abstract sentences that define it.

"What is catastrophic forgetting?" was answered by the sentences closest to the question, which
use the term in passing ("Although existing methods have greatly alleviated catastrophic
forgetting, they still suffer from ...") while another abstract says what it is ("catastrophic
forgetting (where old knowledge is forgotten)"). A reader asking what a term is wants the
sentences that say so. What counts as saying so is read from the sentence's grammar around the
term, never from the term itself:

- the term as the subject of a definition: "X is a/an/the ...", "X refers to / means / denotes ...";
- the term glossed where it stands: "X (where / i.e. / which ...)", "X, which ...", "X, i.e. ...";
- a description named as the term: "..., which is known as X", "the phenomenon of X, which ...".

A paper naming its own contribution so ("We introduce Adapters, an open-source library ...", "we
propose multitask prompt tuning (MPT), which ...") defines its method, not the term: skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.records import Evidence, PaperHit

# "What is X?", "What are Xs?", "What's X?", "What is meant by X?", "What does X mean?", "Define X".
_ASK = re.compile(
    r"^\s*(?:what(?:'s|\s+is|\s+are)\s+(?:meant\s+by\s+)?|what\s+does\s+(?=.+\bmean\s*\??\s*$)|define\s+)"
    r"(?:an?\s+|the\s+)?(?P<term>[a-z][a-z0-9 -]{1,60}?)(?:\s+mean)?\s*\??\s*$",
    re.IGNORECASE,
)
_MAX_TERM_WORDS = 5  # "What is the carbon footprint of PETL compared with ...?" asks a value, not a term
# Words that make "What is X?" ask for something about X rather than X itself ("What is the best ...").
_NOT_A_TERM = frozenset("best worst difference relationship role effect impact main goal purpose idea state status current latest".split())

_BRACKET = r"(?:\s*\([^()]{1,60}\))?"  # an acronym or gloss right after the term: "Soft Prompt Tuning (SPT) is ..."


def defined_term(question: str) -> str:
    """The term "What is X?" asks to be defined, or ""."""
    match = _ASK.match(question)
    if not match:
        return ""
    term = " ".join(match.group("term").split())
    words = term.lower().split()
    if not 1 <= len(words) <= _MAX_TERM_WORDS or words[0] in _NOT_A_TERM:
        return ""
    return term


def _term_pattern(term: str) -> str:
    """The term as written in an abstract: any case, words joined by spaces or hyphens, singular or plural."""
    words = re.findall(r"[a-z0-9]+", term.lower())
    if words[-1].endswith("s") and len(words[-1]) > 3:
        words[-1] = words[-1][:-1]  # "adapters" -> "adapter(s)"
    return r"(?<![\w-])" + r"[\s-]*".join(re.escape(w) for w in words) + r"(?:s|es)?(?![\w-])"


def _defining(term: str) -> tuple[re.Pattern, re.Pattern]:
    """The term as a definition's subject ("X is a ..."), and the term glossed or named where it stands."""
    t = _term_pattern(term)
    subject = re.compile(
        rf"{t}{_BRACKET}\s*,?\s+(?:is|are)\s+(?:a|an|the|when|where|defined|typically|usually|often)\b"
        rf"|{t}{_BRACKET}\s+(?:refers?\s+to|means|denotes|describes)\b",
        re.IGNORECASE,
    )
    gloss = re.compile(
        rf"{t}\s*\(\s*(?:where|i\.\s?e\.|that\s+is|which|when|in\s+which)\b"
        rf"|{t}{_BRACKET}\s*,\s*(?:which|where|i\.\s?e\.|in\s+which|a|an)\b"
        rf"|\b(?:known|referred\s+to)\s+as\s+(?:the\s+)?(?:so-called\s+)?{t}"
        rf"|\b(?:phenomenon|problem|issue|notion|concept)\s+of\s+{t}\s*(?:,\s*(?:which|where|i\.\s?e\.)|\()",
        re.IGNORECASE,
    )
    return subject, gloss


# "We propose Conditional Adapter (CoDA), a ...": the term within a few words of a proposing verb.
_PROPOSED = re.compile(r"\b(?:propose|proposes|introduce|introduces|present|presents|develop|develops|call|name|dub)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
# What may stand before a definition's subject in its clause: a modifier or two ("Soft Prompt
# Tuning (SPT) is ..."), not a verb making it an activity ("Evaluating Text Style Transfer (TST) is
# a complex task").
_CLAUSE_START = re.compile(r"(?:^|[,;:]\s*)((?:[\w-]+\s+){0,2})$")


def _defines(patterns: tuple[re.Pattern, re.Pattern], sentence: str) -> bool:
    subject, gloss = patterns
    for match in subject.finditer(sentence):
        before = _CLAUSE_START.search(sentence[: match.start()])
        if before and not any(w.lower().endswith("ing") for w in before.group(1).split()):
            return True
    return any(not _PROPOSED.search(sentence[: match.start()]) for match in gloss.finditer(sentence))


def defines(sentence: str, term: str) -> bool:
    """Does this sentence say what `term` is?"""
    return bool(term) and _defines(_defining(term), sentence)


def defining_sentences(term: str, hits: Sequence[PaperHit]) -> list[tuple[PaperHit, Evidence]]:
    """Each paper's closest sentence among those defining `term`, closest first."""
    patterns = _defining(term)
    found = []
    for hit in hits:
        sentences = [e for e in (hit.sentence_scores or hit.evidence) if _defines(patterns, e.text)]
        if sentences:
            found.append((hit, max(sentences, key=lambda e: e.score)))
    return sorted(found, key=lambda pair: -pair[1].score)
