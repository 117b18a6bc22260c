"""Answer metrics: each a small function of one answer; the harness averages them (NaN = undefined).

Averaging the per-question values with `eval.metrics.mean` gives the reported figure, e.g.
the mean of `abstained_correctly` over a question set is the abstention accuracy on its
unanswerable questions, because the answerable ones score NaN and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.verify.citations import strip_markers


def must_mention_coverage(answer_text: str, must_mention: Sequence[str]) -> float:
    """Share of the question's must_mention terms found in the answer text, case-insensitively,
    as substrings (cited titles shown beside the answer do not count; markers are removed).
    NaN when the question lists no term."""
    terms = [t for t in must_mention if t.strip()]
    if not terms:
        return float("nan")
    text = strip_markers(answer_text).casefold()
    return sum(1 for t in terms if t.casefold() in text) / len(terms)


def abstained_correctly(answerable: bool, abstained: bool) -> float:
    """On an unanswerable question: 1 if the system abstained, else 0. NaN on an answerable one.
    Its mean over a set is the abstention accuracy."""
    return float("nan") if answerable else float(abstained)


def abstained_falsely(answerable: bool, abstained: bool) -> float:
    """On an answerable question: 1 if the system abstained anyway, else 0. NaN on an
    unanswerable one. Its mean over a set is the false-abstention rate (lower is better)."""
    return float(abstained) if answerable else float("nan")


def fell_back(mode: str, notice: str) -> float:
    """In LLM mode: 1 if the model's answer was not used (it failed, timed out, or could not be
    verified, which the engine marks with a notice, or the engine overruled it for the draft's
    stated figure, which the harness passes as an "overruled: ..." notice) and the extractive
    answer was given instead; else 0. NaN in extractive mode. Lower is better."""
    return float(bool(notice)) if mode == "llm" else float("nan")


_AUTHORS_VOICE = re.compile(r"\b(?:we|our|ours|us)\b", re.IGNORECASE)


def authors_voice_share(sentences: Sequence[str]) -> float:
    """Share of the answer's sentences that speak as the authors ("we", "our", "us"): a reader
    cannot tell who "we" is. NaN for an answer without sentences. Target 0."""
    if not sentences:
        return float("nan")
    return sum(1 for s in sentences if _AUTHORS_VOICE.search(s)) / len(sentences)


def misnamed_share(sentences: Sequence[tuple[str, Sequence[str]]], names: dict[str, str], titles: dict[str, str] | None = None) -> float:
    """Share of the answer's sentences that name a retrieved paper (by its card name) that the
    sentence does not cite, e.g. "<Paper A> proposes ..." [cites paper B]. `sentences` are
    (text, cited paper ids); `names` maps paper id -> name (names under 3 characters are
    ignored: too ambiguous); `titles` maps paper id -> title: a cited paper's own title, shown
    as its label, names that paper, whatever other paper's name is a word of it ("The Impact of
    Language Adapters ..." is no mention of the paper named "Adapters"). NaN for an answer
    without sentences. Target 0."""
    if not sentences:
        return float("nan")
    titles = titles or {}
    bad = 0
    for text, cited in sentences:
        cited_names = {names.get(pid, "").casefold() for pid in cited}
        for own in sorted((label for pid in cited for label in (names.get(pid, ""), titles.get(pid, ""))), key=len, reverse=True):
            if own:  # "PaliGemma 2" cited: its own name does not also count as naming "PaliGemma"
                text = text.replace(own, " ")
        for pid, name in names.items():
            if pid in cited or len(name) < 3 or name.casefold() in cited_names:
                continue
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                bad += 1
                break
    return bad / len(sentences)


def kind_correct(labelled: str, predicted: str) -> float:
    """1 when the question-kind classifier agrees with the question's labelled kind, else 0; NaN when unlabelled."""
    return float(labelled == predicted) if labelled else float("nan")
