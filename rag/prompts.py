"""Every prompt the app sends, with its placeholders checked when the module is used.

Small local models (Qwen2.5-Coder-1.5B) need the request spelled out: name the methods,
one claim a sentence, a [n] after each sentence, and a fixed reply when the sources do
not answer. Verification (rag/citations.py) catches what they still get wrong.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

NO_ANSWER = "NO_ANSWER"


@dataclass(frozen=True)
class Prompt:
    name: str
    template: str
    placeholders: frozenset[str]

    def __post_init__(self) -> None:
        found = {field for _, field, _, _ in string.Formatter().parse(self.template) if field}
        if found != self.placeholders:
            raise ValueError(f"prompt {self.name}: placeholders {sorted(found)} != declared {sorted(self.placeholders)}")

    def render(self, **values: str) -> str:
        missing = self.placeholders - values.keys()
        if missing:
            raise KeyError(f"prompt {self.name} needs {sorted(missing)}")
        return self.template.format(**values)


ANSWER_SYSTEM = Prompt(
    "answer_system",
    "You answer questions about research papers using ONLY the numbered sources given. "
    "Write 2 to 5 short sentences in your own words; do not copy titles. Each sentence states one claim taken "
    "from one source and ends with that source's number in square brackets, like [2]. "
    "Name the methods or systems the sources propose; start sentences with a name, never with a source number. "
    "Never cite a source for something it does not say. Do not add facts that are not in the sources. "
    "Only if every source is about something unrelated to the question, reply with exactly: " + NO_ANSWER,
    frozenset(),
)

ANSWER_USER = Prompt(
    "answer_user",
    "Sources:\n{sources}\n\nQuestion: {question}\n\n"
    "Answer in 2 to 5 sentences, each ending with its source number like [1].",
    frozenset({"sources", "question"}),
)

SOURCE_ENTRY = Prompt("source_entry", "[{marker}] (paper: {title}) {evidence}", frozenset({"marker", "title", "evidence"}))

CONDENSE = Prompt(
    "condense",
    "Rewrite the last question so it can be understood without the conversation. "
    "Keep its meaning; replace words like 'those', 'it', 'they' with what they refer to. "
    "Reply with the rewritten question only.\n\nConversation:\n{history}\n\nLast question: {question}\n\nRewritten question:",
    frozenset({"history", "question"}),
)

ALL_PROMPTS = (ANSWER_SYSTEM, ANSWER_USER, SOURCE_ENTRY, CONDENSE)

# User-facing texts live here too, so the CLI, UI and eval say the same thing.
ABSTAIN_TEXT = "The indexed papers do not answer this."
FALLBACK_NOTICE = "Model answer unavailable ({reason}); showing the cited evidence from the abstracts instead."

# Why a citation was rejected: shown on hover over a struck citation (UI) and after the line (CLI).
REASON_NAME = "the cited paper does not mention {name}"
REASON_FIGURE = "the cited abstract does not state {figure}"
REASON_DIRECTION = 'the cited abstract says "{evidence_word}", not "{claim_word}"'
REASON_NEGATION = "the claim {change} to what the cited abstract says"
REASON_GENERAL = 'the cited abstract does not say "{word}"'
REASON_UNSUPPORTED = "no sentence of the cited abstract says this"
REASON_OFF_TOPIC = "true of the cited paper, but not an answer to the question"
REASON_MOVED = "moved to the paper it names"
REASON_UNCITED = "no source is cited for this"
