"""Whether the evidence gives a reason, for a question that asks why.

"Why does Barlow Twins benefit from very high-dimensional output vectors?" Its abstract states the
benefit and gives no reason; the closest sentences restate the question's premise, and an answer
built from them reads as an explanation it is not. "Why does scaling past tens of billions of
parameters improve STS results?" The abstract says scaling harms them. Either way the answer is
that the abstracts don't say why.

A reason is a sentence that gives one ("due to", "because", "the reason behind", "stems from",
"suggest that", ...) about what the question asks: two of the question's distinctive words (not
the collection's frame words like "transfer", not the paper's own name), so that a paper's "owing to
neuroscientist H. Barlow" or another paper's "because judicious model updates ..." is no reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rag.answer.question_text import PAPER_DESCRIBED_FIRST
from rag.records import PaperHit
from rag.words import ENGLISH_STOPWORDS, NARRATION_WORDS, QUESTION_WORDS, WORD

# "Why ...", "In the paper on X, why ...", "How come ...", "What explains ...", "How do the papers explain why ...".
_ASKS_WHY = re.compile(
    # (after a dash too: "... always worse than same-language RMs - why is that?", dev77)
    r"(?:^|[,:;]|\s[-\u2013\u2014])\W*(?:why|how\s+come|what\s+(?:explains|causes)|for\s+what\s+reason|what\s+is\s+the\s+reason)\b|\bexplain\s+why\b"
    # "The attention transfer paper says ... under distribution shift. Why does that happen?", "What explanation does
    # the ... paper give for why ...?" (dev55)
    r"|\.\s+why\b|\bwhat\s+(?:explanation|reason)s?\s+(?:does|do|did|is|are|was|were)\b"
    # "What mechanism do the authors give for why mixing code into pre-training improves ...?" (dev66), "What mechanism
    # explains why an earlier onset of the ... phase predicts better language modelling?" (dev65)
    r"|\bwhat\s+(?:[\w-]+\s+){0,2}?(?:mechanism|explanation|reason|cause)s?\s+(?:(?:does|do|did)\s+[^?]*?\bfor\s+why|explains?\s+why|accounts?\s+for)\b"
    # "whats the intuition for why Bailong's zip-tie embedding initialization works better ...?" (dev77)
    r"|\bwhat(?:['’]?s|\s+is|\s+was)?\s+the\s+(?:intuition|rationale|explanation|reason)\s+(?:for|behind)\b",
    re.IGNORECASE,
)

# Another question asked in the same breath ("why is Deploy mode unstable, and how did someone get
# ...?", "why does mBERT transfer at all? what factors matter most"): its part may well be answered
# although the why is not, so the whole is not declared unstated.
_ANOTHER_QUESTION = re.compile(r"(?:,|\?|\band\b)\s*(?:and\s+)?(?:what|how|which|does|do|did|is|are|can|could|who)\b", re.IGNORECASE)

# Words that give a cause, an explanation or a finding's interpretation. Not "since" (mostly time
# in abstracts), "so that" (a purpose) or "by doing" (a means); "reason" only as a noun ("reason
# about" is a verb, "reasoning" another word).
_REASON_WORDS = re.compile(
    r"\b(?:because|due\s+to|owing\s+to|thanks\s+to|reasons?\b(?!\s+about)|stems?\s+from|stemming\s+from|attribut(?:e|es|ed|ing|able)"
    r"|caused\s+by|causes?|explain(?:s|ed|ing)?|explanations?|underlies|underlie|factors?|hypothes(?:is|es|ize|izes|ized|ise|ises|ised)"
    r"|as\s+a\s+result\s+of|results?\s+from|driven\s+by|accounts?\s+for|responsible\s+for|suggest(?:s|ed|ing)?\s+that|leads?\s+to|lead\s+to)\b",
    re.IGNORECASE,
)

# A sentence announcing that a reason is found, without giving it: "We theoretically reveal the reason behind the
# diminished training stability observed in the Deploy mode" (dev51). Its reason word is no reason.
_ANNOUNCED_REASON = re.compile(
    r"\b(?:reveal|uncover|identify|investigate|explore|study|analy[sz]e|examine|understand|discuss|explain)\w*\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:reasons?|causes?|factors?|explanations?)\s+(?:behind|for|of|why)\b",
    re.IGNORECASE,
)

# A reason shares this many of the question's distinctive words (measured on the development sets'
# why questions: a premise's own sentence shares three to six, another topic's cause one).
_SHARED_WORDS = 2

REASON_DEPTH = 1  # the reason is looked for in the closest paper, the one stating the premise (another paper's cause is of something else)


def _words(text: str) -> set[str]:
    """A text's topic words, a hyphenated compound whole: "high-dimensional" is one word, and
    "high-dimensionality" in an abstract about something else shares no two with it."""
    return {w for w in WORD.findall(text.lower()) if len(w) >= 3 and w not in ENGLISH_STOPWORDS and w not in QUESTION_WORDS and w not in NARRATION_WORDS}


# The why asked again in other words ("Why does X ...? whats the explanation given", dev18; "... What's the mechanism
# behind that?", dev61): no other question.
_WHY_AGAIN = re.compile(r"(?:,|\?|\band\b)\s*(?:and\s+)?what(?:['’]?s|\s+is|\s+was)?\s+the\s+(?:explanation|reason|cause|mechanism)s?\b[^?]*\??\s*$", re.IGNORECASE)


def asks_why(question: str) -> bool:
    """Does the question ask for a reason, and nothing else besides?"""
    return bool(_ASKS_WHY.search(question)) and not _ANOTHER_QUESTION.search(_WHY_AGAIN.sub("?", question))


# Words that pick out the paper, not what is asked of it, first or last ("..., according to the paper?"): in "In the
# constrained decoding label projection paper, why does translating the test data hurt ...?" (dev76), a sentence on
# "label projection" due to something is no reason for that.
_PAPER_DESCRIBED = re.compile(
    PAPER_DESCRIBED_FIRST
    + r"|,?\s*(?:according\s+to|in|per)\s+the\s+[^,?]*?\b(?:paper|study|work|authors)\s*(?=\?|$)",
    re.IGNORECASE,
)


def reason_sentence(question: str, hits: Sequence[PaperHit], stem: Callable[[str], str], frame_word: Callable[[str], bool]) -> str:
    """The first sentence among these papers' that gives a reason about what the question asks, or ""."""
    asked = {stem(w) for w in _words(_PAPER_DESCRIBED.sub(" ", question)) if not frame_word(w)}
    for hit in hits:
        name = {stem(w) for w in _words(hit.card.name)} if hit.card and hit.card.name else set()
        # One shared word at least is not its title's: the title's words say what the paper is about, not why ("... enjoy our
        # efficient ConvBN blocks thanks to PyTorch's builtin compilers" gives no reason the Deploy mode of ConvBN blocks is
        # unstable, dev51).
        title = {stem(w) for w in _words(hit.paper.title)}
        for sentence in hit.sentence_scores:
            if not _REASON_WORDS.search(_ANNOUNCED_REASON.sub(" ", sentence.text)):
                continue
            shared = ({stem(w) for w in _words(sentence.text)} - name) & asked
            if len(shared) >= _SHARED_WORDS and shared - title:
                return sentence.text
    return ""
