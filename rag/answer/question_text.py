"""Clean a typed question, or refuse it with one clear line, before anything searches it.

What arrives from a browser or a shell can be anything: an empty string, a pasted book,
NUL bytes, zero-width or right-to-left override characters, full-width letters, only
"???". Invisible characters are removed (they change nothing a reader sees but split
words for BM25 and the embedder), compatibility forms are folded (NFKC: "ｔｒａｎｓｆｅｒ" is
"transfer"), whitespace is collapsed; what is left must be short enough and hold a word.
Everything else (another language, HTML, markdown, instructions to the model) is a
question like any other: retrieval and citation checking decide, the UI escapes it.
"""

from __future__ import annotations

import re
import unicodedata

from rag.errors import QuestionError
from rag.ingest.invisible import strip_invisible

# Reading a 100 MB paste to measure it would cost more than refusing it: past this many
# times the limit, refuse before normalising.
_RAW_SLACK = 4

# What a question sets aside ("..., as opposed to papers proposing yet another SSL method?", "not
# just cut the number of trainable params") is not what it asks: an answer need not hold those
# words, and the papers not using them does not make the question unanswerable.
# So is why the asker wants it: "... so others don't have to rerun them?" (dev111).
_SET_ASIDE = re.compile(
    r"\b(?:as opposed to|rather than|instead of|not just|other than"
    r"|so\s+(?:that\s+)?(?:others|other\s+people|people|you|one|nobody|no\s+one|researchers|practitioners|users)\s+(?:do\s+not|don['’]t|need\s+not|needn['’]t|can|could|won['’]t|will\s+not|would\s+not|wouldn['’]t)"
    r")\b[^,;:?.]*",
    re.IGNORECASE,
)


# What a question rules out, as an aside: "(perturbing embeddings or intermediate activations, not diffusion models)" (dev127).
# ("not just ...", "not only ..." widen what is asked, and are set aside above.)
_RULED_OUT = re.compile(r"(?:[(,;]|\s[-\u2013\u2014]+)\s*(?:but\s+|and\s+)?not\s+(?!just\b|only\b|necessarily\b|always\b|limited\b|necessary\b|needed\b|sure\b)(?P<what>[^,;:?()]{3,60}?)\s*(?=[),;:?]|\s[-\u2013\u2014]|$)", re.IGNORECASE)


def ruled_out(question: str) -> list[str]:
    """The things a question rules out as asides ("diffusion models" of "..., not diffusion models)"), as it writes them."""
    return [m.group("what") for m in _RULED_OUT.finditer(question)]


def without_set_aside(question: str) -> str:
    """The question without the clauses it sets aside ("rather than ...", "not just ...")."""
    return " ".join(_SET_ASIDE.sub(" ", question).split())


# Words that pick out the one paper a question asks of, before what it asks: "For the latent action priors from a single
# gait cycle paper, which robot ...?" (dev49), "In the constrained decoding label projection paper, why does ...?" (dev76),
# "In the paper on X: ...". Question kinds read what follows as asked of that paper; reasons set these words aside.
# A title quoted there may hold its own question mark: "In the 'Is Curiosity All You Need?' paper, which ...?" (dev84).
# The description may follow the word "paper": "In the paper that predicts complementary task pairs from feature attributions,
# how many ...?" (dev105); its group "deed" holds that description. (Used once in any pattern, the group is named once.)
PAPER_DESCRIBED_FIRST = (
    r"^\W*(?:in|for|from)\s+(?:the|that|this)\s+(?:(?:['\"\u2018\u201c][^'\"\u2019\u201d]{3,120}['\"\u2019\u201d]|[^,:?()]{3,120}?)\s(?:paper|work|study|article)"
    r"(?:\s+(?:on|about)\s+[^,:?()]{1,80}?)?|(?P<deed>(?:paper|work|study|article)\s+(?:that|which|where)\s+[^,:?()]{3,120}?)"
    # ... or by what it studies: "In the study of model-based agents for exploration and transfer, which of the three domains ...?" (dev128)
    r"|(?:paper|work|study|article)\s+(?:of|on|about|into)\s+[^,:?()]{3,120}?)(?:\s*\([^()?]*\))?\s*(?:[,:]|\s-\s)\s*"
)


# "... medical imaging, such as radiographs, MRI, CT or histopathology slides?": examples of what is
# asked, any one of which the papers may speak of; the topic is the thing they exemplify (dev29).
_EXAMPLES = re.compile(r"\b(?:such\s+as|e\.g\.,?|for\s+example|for\s+instance|including|like)\s+(?P<examples>[^?;:.()]+)", re.IGNORECASE)
_EXAMPLE_SEPARATOR = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*/\s*", re.IGNORECASE)


# ... or closed by a word saying there are more of the kind: "CNN backbones (ResNet-50, ResNet-FPN, Inception-ResNet and so on)",
# "a differential equation at their core - an ODE, a Poisson equation, that sort of thing?" (dev109, dev111). Opened by a
# bracket, a dash or a colon, so the enumeration is the examples alone.
_MORE_OF_THE_KIND = r"(?:and\s+so\s+on|and\s+so\s+forth|etc\.?|\.\.\.|\u2026|and\s+the\s+like|or\s+the\s+like|and\s+similar|or\s+similar|that\s+sort\s+of\s+thing|that\s+kind\s+of\s+thing)"
_EXAMPLES_CLOSED = re.compile(
    rf"(?:\(|\s[-\u2013\u2014]\s|:\s)(?P<examples>[^?;:()\u2013\u2014]+?),?\s*{_MORE_OF_THE_KIND}(?=\s*[)?.,;]|\s*$)", re.IGNORECASE
)


# ... unless they follow what is asked: "Which existing lifelong learning algorithms (EWC, ER, PackNet...) were benchmarked on
# LIBERO?" offers the answers it expects (dev106), each of which the paper must write. (Not when papers are what is asked:
# "Which papers use CNN backbones (ResNet-50, ResNet-FPN and so on)?" gives examples of what they use.)
_ASKED_BEFORE = re.compile(
    r"\b(?:which|what)\s+(?!(?:papers?|works?|methods?|approaches|studies|articles)\b)(?:[\w-]+\s+){0,3}[\w-]+\s*$", re.IGNORECASE
)


def example_spans(question: str, closed: bool = True) -> list[tuple[tuple[int, int], list[str]]]:
    """Where the question gives examples ("such as A, B or C", "(A, B and so on)"), with their items' lowercase texts;
    only enumerations of two items or more (one example is what is asked). `closed`: those closed by "and so on" too."""
    found = []
    for pattern in (_EXAMPLES, _EXAMPLES_CLOSED) if closed else (_EXAMPLES,):
        for match in pattern.finditer(question):
            if pattern is _EXAMPLES_CLOSED and _ASKED_BEFORE.search(question[: match.start()]):
                continue
            items = [" ".join(i.split()).lower() for i in _EXAMPLE_SEPARATOR.split(match.group("examples")) if i.strip()]
            if len(items) >= 2 and not any(s <= match.start("examples") < e for (s, e), _ in found):
                found.append((match.span("examples"), items))
    return found


def example_lists(question: str, closed: bool = True) -> list[list[str]]:
    """The enumerations of examples the question gives, each as its items' lowercase texts (see `example_spans`)."""
    return [items for _, items in example_spans(question, closed)]


EXAMPLE_HINT = 'ask something like "Which methods tackle negative transfer?"'


def clean_question(question: object, max_chars: int) -> str:
    """The question as retrieval should see it; QuestionError when there is nothing to ask."""
    text = question if isinstance(question, str) else ("" if question is None else str(question))
    if len(text) > _RAW_SLACK * max_chars:
        raise QuestionError(f"the question is {len(text):,} characters; the limit is {max_chars:,}", hint="shorten it to the essentials")
    text = " ".join(strip_invisible(unicodedata.normalize("NFKC", text)).split())
    if not text:
        raise QuestionError("the question is empty", hint=EXAMPLE_HINT)
    if len(text) > max_chars:
        raise QuestionError(f"the question is {len(text):,} characters; the limit is {max_chars:,}", hint="shorten it to the essentials")
    if not any(ch.isalnum() for ch in text):
        raise QuestionError("the question has no words, only punctuation or symbols", hint=EXAMPLE_HINT)
    return text
