"""Answer metrics: each a small function of one answer; the harness averages them (NaN = undefined).

Averaging the per-question values with `eval.metrics.mean` gives the reported figure, e.g.
the mean of `abstained_correctly` over a question set is the abstention accuracy on its
unanswerable questions, because the answerable ones score NaN and are left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.citations import strip_markers


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
    verified) and the extractive answer was given instead, which the engine marks with a
    notice; else 0. NaN in extractive mode. Lower is better."""
    return float(bool(notice)) if mode == "llm" else float("nan")
