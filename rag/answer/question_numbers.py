"""The figures a question gives as its conditions, and whether the papers it is answered from give them.

"What win rate ... after fine-tuning on 16K XL-Instruct instructions?" of an abstract reporting the
win rate after 8K instructions: the question's own figure is in no close abstract, so whatever
figure is shown answers another question (dev25). A question's figure is read by its value, so
"10k sentences" meets "10,000 sentences" and "100 languages" meets "one hundred languages".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.evidence_lines import paper_text
from rag.records import PaperHit
from rag.verify.claim_checks import NUMBER_WORDS

# A figure's digits and the scale written after it ("16K", "10,000", "1.5 billion").
_VALUE = r"(?P<value>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_SCALE = r"(?P<scale>[KMB]|k|thousand|million|billion|trillion)"

# A figure standing alone: not part of a name ("GPT-4", "SpineNet-49", "T5"), a range or a ratio's
# tail, nor glued to a unit or a hyphen ("2D", "5-shot": settings the variant rules read).
_FIGURE = re.compile(rf"(?<![\w.,/+-]){_VALUE}(?:\s?{_SCALE})?(?![\w-])(?!\.\d)")

# "more than 10 points", "under 5%": a threshold the question sets, not a figure it takes as given.
_THRESHOLD = re.compile(r"(?:\b(?:than|over|above|below|under|beyond|least|most|exceed(?:s|ing)?|within|about|around|roughly|approximately)|~|[<>≈])\s*$", re.IGNORECASE)

# Any figure a text gives, however written around it ("7B-parameter", "16K", "1.5 billion").
_ANY_FIGURE = re.compile(rf"(?<![\d.,]){_VALUE}(?:\s?{_SCALE}(?![a-z]))?")

_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9, "trillion": 1e12}

# The number words below a hundred (the scales are read apart: "two hundred" is 200).
_UNITS = {word: int(digits) for word, digits in NUMBER_WORDS.items() if int(digits) < 100}
_SPELLED = re.compile(
    rf"\b(?P<unit>{'|'.join(_UNITS)}|a)(?:[\s-](?P<small>{'|'.join(_UNITS)}))?(?:\s(?P<scale>hundred|thousand|million|billion|trillion))?\b",
    re.IGNORECASE,
)

# What the figure is of: up to three words after it, up to a clause's end or a preposition.
_AFTER = re.compile(r"(?:\s+(?!(?:on|in|of|for|with|to|at|by|from|and|or|when|than)\b)[\w.%-]+){0,3}")


def _value(number: str, scale: str | None) -> float:
    return float(number.replace(",", "")) * _SCALES.get((scale or "").lower(), 1.0)


def _is_year(match: re.Match) -> bool:
    number = match.group("value")
    return not match.group("scale") and len(number) == 4 and number[:2] in ("19", "20")


def _values_in(text: str) -> set[float]:
    """Every figure a text gives, by value: digits ("10,000", "16K", "1.5 billion") and words ("one hundred")."""
    values = set()
    for m in _ANY_FIGURE.finditer(text):
        values |= {_value(m.group("value"), None), _value(m.group("value"), m.group("scale"))}
    for m in _SPELLED.finditer(text):
        unit = m.group("unit").lower()
        if unit == "a" and not m.group("scale"):
            continue
        value = float(_UNITS.get(unit, 1)) + float(_UNITS.get((m.group("small") or "").lower(), 0))
        scale = (m.group("scale") or "").lower()
        values.add(value * (100.0 if scale == "hundred" else _SCALES.get(scale, 1.0)))
    return values


def only_given_figures(question: str, text: str) -> bool:
    """Are the figures a sentence states in digits all figures the question itself gives ("VL-Adapter tunes
    about 4.18% of parameters; what fraction does VLN-PETL tune?" of "... updating only 4.18% of parameters",
    dev40)? Restating what the asker wrote answers nothing they asked."""
    def digits(words: str) -> set[float]:
        return {_value(m.group("value"), m.group("scale")) for m in _ANY_FIGURE.finditer(words)}
    stated = digits(text)
    # A count spelled out is a figure too: "from two camera views" answers "how many camera views?" though its only digits,
    # "6DoF", are the question's (dev121).
    given = digits(question) | _spelled_counts(question)
    return bool(stated) and stated <= given and _spelled_counts(text) <= given


def _spelled_counts(text: str) -> set[float]:
    """The counts a text spells out, two to ninety ("one" is mostly no count, "hundred" goes with digits)."""
    return {float(NUMBER_WORDS[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in NUMBER_WORDS and 2 <= int(NUMBER_WORDS[w]) <= 90}


def question_figures(question: str) -> list[tuple[float, str]]:
    """The figures a question gives as given (value, and as it writes them with what they are of):
    "16K XL-Instruct instructions"; not a threshold ("more than 10 points") nor a year."""
    found = []
    for match in _FIGURE.finditer(question):
        if _is_year(match) or _THRESHOLD.search(question[: match.start()]):
            continue
        after = _AFTER.match(question, match.end())
        found.append((_value(match.group("value"), match.group("scale")), (match.group() + (after.group() if after else "")).strip(" ?.,;:")))
    return found


def unstated_figure(question: str, hits: Sequence[PaperHit]) -> str:
    """A figure the question gives that none of these papers (the close ones) gives, as the question
    writes it ("16K XL-Instruct instructions"); "" when each is given somewhere, or none is asked."""
    figures = question_figures(question)
    if not figures or not hits:
        return ""
    given: set[float] = set()
    for hit in hits:
        given |= _values_in(paper_text(hit))
    for value, written in figures:
        if not any(abs(value - v) <= 1e-9 * max(1.0, abs(value)) for v in given):
            return written
    return ""
