"""A premise the question takes that the paper it asks about denies in so many words.

"How does AutoPST use the text transcriptions to locate the rhythm?" asks how of a paper whose
abstract says it works "without relying on any text transcriptions": the honest answer is that the
abstract says the opposite, not a quote that happens to contain the words asked about.
"""

from __future__ import annotations

import re

from rag.answer.evidence_lines import as_line
from rag.answer.text_forms import loose_stem
from rag.ingest.sentences import split_sentences
from rag.records import Evidence, PaperHit

# What the question says the paper uses: "use(s) / rely on / leverage / need / require (the) X".
_USES = re.compile(
    r"\b(?:use|uses|using|used|rely\s+on|relies\s+on|relying\s+on|leverage|leverages|exploit|exploits|need|needs|require|requires|depend\s+on|depends\s+on)"
    r"\s+(?:the\s+|its\s+|their\s+|any\s+)?(?P<what>(?:[\w-]+\s+){0,2}?[\w-]+?s?)(?=\s+(?:to|for|in|when|before|after|during|as|at|so)\b|\s*[?,.]|$)",
    re.IGNORECASE,
)

# How an abstract says it does without something: "without (relying on / using / requiring / the need for) (any) X".
_WITHOUT = re.compile(
    r"\b(?:without|no\s+need\s+for|not\s+requir\w*|does\s+not\s+(?:need|require|rely\s+on|use)|free\s+of)\s+"
    r"(?:(?:relying\s+on|using|requiring|needing|access\s+to|the\s+need\s+(?:for|of))\s+)?(?:any\s+|the\s+|a\s+)?(?P<what>(?:[\w-]+\s+){0,3}[\w-]+)",
    re.IGNORECASE,
)


# A question that takes the use as given asks how, what for or why, not whether.
_TAKES_FOR_GRANTED = re.compile(r"^\W*(?:[^?]*?[:,-]\s*)?(?:how|what|why|which|where|in\s+what\s+way)\b", re.IGNORECASE)


def denied_use(question: str, hit: PaperHit) -> tuple[str, Evidence | None]:
    """What the question says the paper uses that its abstract says it does without ("text
    transcriptions"), as the question words it, and the sentence saying so; ("", None) when it does
    not. Every word of the thing asked (its head noun and the words before it) must be among the
    words the abstract puts after "without"."""
    abstract = hit.paper.abstract
    if not _TAKES_FOR_GRANTED.match(question):
        return "", None  # "Do they need large batches?" asks whether: "does not require large batches" answers it
    for asked in _USES.finditer(question):
        words = asked.group("what").split()
        wanted = {loose_stem(w) for w in words}
        for denied in _WITHOUT.finditer(abstract):
            if wanted <= {loose_stem(w) for w in denied.group("what").split()}:
                span = next(s for s in split_sentences(abstract) if s.start <= denied.start() < s.end)
                return " ".join(words), as_line(Evidence(abstract[span.start : span.end], span.start, span.end, 1.0))
    return "", None
