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
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

import numpy as np

from rag.answer.question_text import without_set_aside
from rag.records import PaperHit, best_evidence_score
from rag.search.keyword import KeywordIndex
from rag.words import content_words

Embed = Callable[[Sequence[str]], np.ndarray]

_PAPER_WORD = re.compile(r"[a-z][a-z0-9-]{2,}")
_PREFIX = 4  # letters a variant must share with the question's word
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


def variant_in_papers(word: str, hits: Sequence[PaperHit], embed: Embed, close: float) -> bool:
    """Does one of these papers use a word that starts like `word` and means nearly the same, or
    the word itself with a typo fixed ("architecure": its word pieces embed far from "architecture")?"""
    words = {w for hit in hits for w in _PAPER_WORD.findall(f"{hit.paper.title} {hit.paper.abstract}".lower())}
    if len(word) >= _TYPO_MIN and any(one_edit_apart(word, w) for w in words if len(w) >= _TYPO_MIN):
        return True
    prefix = word[:_PREFIX]
    candidates = sorted(w for w in words if w.startswith(prefix) and w != word)
    if not candidates:
        return False
    vectors = embed([word, *candidates])
    return float((vectors[1:] @ vectors[0]).max()) >= close


def _written_as_name(word: str, question: str) -> bool:
    """Is `word` written in the question with a capital or a digit ("PCGrad", "EWC", "NYUv2")?"""
    return any(any(c.isupper() or c.isdigit() for c in m.group()) for m in re.finditer(rf"(?<![\w-])[\w-]*{re.escape(word)}[\w-]*(?![\w-])", question, re.IGNORECASE))


def meaning_shift(question: str, words: Sequence[str], embed: Embed) -> float:
    """How far the question's embedding moves without these words (1 - cosine).

    A word is removed where it stands inside a compound too ("EEG" in "EEG-based", "DINOv" in
    "DINOv2", "SQL" in "text-to-SQL"): the tokenizer found it there, and left in place it moved
    nothing, so the small-collection check read a topic as a rewording."""
    pattern = r"(?<![a-z])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![a-z])"
    without = " ".join(re.sub(pattern, " ", question, flags=re.IGNORECASE).split())
    vectors = embed([question, without])
    return 1.0 - float(vectors[0] @ vectors[1])


def unmentioned_words(
    question: str, hits: Sequence[PaperHit], keyword: KeywordIndex, embed: Embed, *, weak_below: float, share: float, variant_close: float,
    topic_shift: float, small_vocabulary: int, papers: int = 5, names_a_paper: bool = False, list_question: bool = False, list_rewording_shift: float = 0.0,
    knows_word: Callable[[str], bool] | None = None,
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
    because the typo is seen in pieces, not because it is no topic."""
    question = without_set_aside(question)  # "not just cut the ... params": not its topic
    unknown = keyword.unknown_words(question)
    if names_a_paper:
        unknown = [w for w in unknown if _written_as_name(w, question)]
    if not unknown:
        return []
    top = hits[:papers]
    unknown = [w for w in unknown if not variant_in_papers(w, top, embed, variant_close)]
    if not unknown:
        return []
    content = content_words(question)
    strong = best_evidence_score(hits) >= weak_below
    if len(unknown) / max(len(content), 1) < (share if strong else share / 2):
        return []
    small = strong and keyword.vocabulary_size() < small_vocabulary
    listed = list_question and (knows_word is None or all(knows_word(w) for w in unknown))
    if small or listed:
        shift = meaning_shift(question, unknown, embed)  # one embedding call for either check
        if (small and shift < topic_shift) or (listed and shift < list_rewording_shift):
            return []
    return unknown


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
