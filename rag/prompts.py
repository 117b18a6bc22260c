"""Every prompt the app sends, with its placeholders checked when the module is used.

Small local models (Qwen2.5-Coder-1.5B) need the request spelled out: one claim an item, the
third person, figures kept, no names or numbers of sources (the app adds those from the
cards), and a fixed reply when the sources do not state what is asked. The reply's JSON shape
is enforced by a schema (rag/answer/structured.py); verification (rag/verify/citations.py) catches the rest.
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


CONDENSE = Prompt(
    "condense",
    "Rewrite the last question so it can be understood without the conversation. "
    "Keep its meaning; replace words like 'those', 'it', 'they' with what they refer to. "
    "Reply with the rewritten question only.\n\nConversation:\n{history}\n\nLast question: {question}\n\nRewritten question:",
    frozenset({"history", "question"}),
)

SHAPED_SYSTEM = Prompt(
    "shaped_system",
    "You answer questions about research papers using ONLY the numbered sources. Reply with JSON: "
    '{{"not_stated": false, "items": [{{"source": 1, "text": "..."}}]}}. Each item states one thing ONE source says, '
    "in your own words, in the third person, at most 30 words. Never write a paper's name, a title or a source number "
    "in the text: the app adds them. Never write 'we' or 'our'. Keep figures exactly as the source gives them. "
    'If no source states what the question asks, reply {{"not_stated": true, "items": []}}.',
    frozenset(),
)

SHAPED_USER = Prompt(
    "shaped_user",
    "Sources:\n{sources}\n\nQuestion: {question}\n\n{instruction}",
    frozenset({"sources", "question", "instruction"}),
)

SHAPED_SOURCE = Prompt("shaped_source", "[{marker}] {label}: {text}", frozenset({"marker", "label", "text"}))

# What the items must be, by the question's kind.
SHAPE_INSTRUCTIONS = {
    "list": "Write one item per source that answers the question: what its method does for the question. Skip sources that do not answer it.",
    "fact": "Write one item: the direct answer (the figure with its unit and what it measures, or the name asked for), from the source that states it.",
    "comparison": "Write one item per compared source, each on the same aspects (what it does, how), so they can be read side by side.",
    "open": "Write 2 to 4 items that together answer the question, each from one source.",
}

# The second request, after nothing of the first passed verification or it was set aside for the
# draft (a fact without its stated figure, ...): the model is shown only the sentences the extractive
# draft cites, and asked to say what they say (the 1.5B model, shown a paper's contribution and
# evidence, wrote "10.5%" for the "10.2%-14.3%" it was shown, or a "because ..." no abstract gives).
GROUNDED_INSTRUCTION = (
    "Each source is only the sentences that answer the question. Write one item per source: what those sentences "
    "say that answers the question, shorter, copying every figure and name exactly as written. Add nothing else."
)
RETRY_STATUS = "the model's answer did not check out against the abstracts; asking it once more, from the cited sentences only"

ALL_PROMPTS = (CONDENSE, SHAPED_SYSTEM, SHAPED_USER, SHAPED_SOURCE)

# User-facing texts live here too, so the CLI, UI and eval say the same thing.
ABSTAIN_TEXT = "The indexed papers do not answer this."
FALLBACK_NOTICE = "Model answer unavailable ({reason}); showing the cited evidence from the abstracts instead."
LIST_LEAD = "{count} papers in the index address this:"
LIST_LEAD_ONE = "1 paper in the index addresses this:"
NOT_STATED_TEXT = "The abstracts don't state the {what}."
NOT_STATED_HOW = "The abstracts don't state {what}."  # "how many points", as the question asks it
NOT_STATED_FOR = "The abstracts don't state {what} for {names}."  # a name the paper asked about never writes
NOT_STATED_SIDE = "The abstract of {name} does not state its {what}, so the two cannot be compared on it."  # one side of a figure comparison
NOT_MENTIONED_TEXT = "The abstracts don't mention {words}."
# The index has papers on the rest of a list question, and papers using the word, but none of both.
FACET_UNMET_TEXT = "The papers on the rest of this question don't mention {words}."
# ... or each part has its papers, but none of them holds all the parts.
FACETS_APART_TEXT = "None of the closest papers mentions {words} together."
# A compared method no retrieved paper is about, and no abstract that mentions it compares it with the other.
NOT_INDEXED_TEXT = "The index holds no paper on {name}; the abstract of {other} only mentions it."  # a name asked about that only another paper cites
NOT_COMPARED_TEXT = "No abstract compares {first} with {second}."
NOT_STATED_GENERIC = "The abstracts don't state this."
NOT_EXPLAINED = "The abstracts don't give a reason for this."  # a why question
NOT_STATED_SIZE = "The abstracts report no results for a {size} model."  # a size the named paper did not study
NO_FIGURE_TEXT = "The abstracts don't state this figure: the paper it is asked of gives no number."  # a figure asked of a paper whose abstract has none
NOT_STATED_FIGURE = "The abstracts report nothing for {figure}: no close paper gives that figure."  # a figure the question takes as given
NOT_STATED_VARIANT = "The abstracts report nothing on {variant}; the paper names other variants."  # a numbered variant the named paper does not name
NOT_STATED_OPTIONS = "The abstract of {name} names none of {options}, so it does not say which."  # a choice offered of one paper
NOT_STATED_VARIANT_CLOSE = "The abstracts report nothing on {variant}; the closest papers name other variants."  # ... of a question naming no paper
NOT_STATED_LEADS = "Closest papers, as leads:"
PREMISE_DENIED = "The abstract of {name} says it works without {what}; it describes no such use."  # a use the question takes for granted
PREMISE_SWAPPED = "The abstract of {name} gives these figures the other way round."  # figures the question tells of each other's names
PREMISE_ORDER = "The abstract of {name} tells these steps the other way round."  # two steps the question puts in the reverse order
PREMISE_REVERSED = "The abstract of {name} says the reverse of what the question takes for granted."  # a gain told as a loss, a harm as a help
NOT_ADDRESSED = "The abstract of {name} does not speak to this: most of what the question asks about appears nowhere in it."  # an open how/why
PREMISE_ELSEWHERE = "The abstract of {name} does not mention {what}; the abstract of {other} does."  # a term the question borrows from another paper
# What a paper's bibliographic record (BibTeX, RIS, arXiv metadata) says, asked of a paper by name:
# the abstracts never hold it, so the record answers, or says it has nothing.
RECORD_AUTHORS = "by {authors}, per the paper's record"
RECORD_YEAR = "published in {year}, per the paper's record"
RECORD_VENUE = "published in {venue}, per the paper's record"
NOT_IN_RECORD = "The index holds no {what} for {name}: abstracts don't state it, and the paper's record has none."
# The same asked of a paper the question describes but does not name, when no close paper's record has it.
NOT_IN_RECORDS = "The index holds no {what}: abstracts don't state it, and the closest papers' records have none."
DIFFERENCE_LEAD = "Where they differ: "

# Why a citation was rejected: shown on hover over a struck citation (UI) and after the line (CLI).
REASON_NAME = "the cited paper does not mention {name}"
REASON_FIGURE = "the cited abstract does not state {figure}"
REASON_EXPANSION = "the cited abstract does not say {short} stands for {long}"
REASON_DIRECTION = 'the cited abstract says "{evidence_word}", not "{claim_word}"'
REASON_NEGATION = "the claim {change} to what the cited abstract says"
REASON_NEGATED = 'the cited abstract says "{words}" is not so'
REASON_GENERAL = 'the cited abstract does not say "{word}"'
REASON_VIEW = 'the cited abstract gives this as a view it tests ("{frame}"), not as its finding'
REASON_UNSUPPORTED = "no sentence of the cited abstract says this"
REASON_OFF_TOPIC = "true of the cited paper, but not an answer to the question"
REASON_MOVED = "moved to the paper it names"
REASON_UNCITED = "no source is cited for this"


def list_lead(count: int) -> str:
    """A list answer's lead line, its verb agreeing with the count."""
    return LIST_LEAD_ONE if count == 1 else LIST_LEAD.format(count=count)
