"""A shaped answer and its items: the checkable sentence of each shown line, and the plain-text form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rag.records import AnswerItem, AnswerSentence, Citation


@dataclass(frozen=True)
class Shaped:
    shape: str
    items: tuple[AnswerItem, ...]
    citations: tuple[Citation, ...]
    sentences: tuple[AnswerSentence, ...]

    @property
    def text(self) -> str:
        return items_to_text(self.items)


def item_sentence(item: AnswerItem) -> AnswerSentence:
    """The checkable sentence of a shown line: "Name: text [n]" for a named item or fact, else "text [n]"."""
    label = f"{item.label}: " if item.label and item.role in ("item", "fact") else ""
    return AnswerSentence(f"{label}{item.text}".rstrip() + "".join(f" [{m}]" for m in item.markers), item.markers, True)


def item_sentences(item: AnswerItem) -> tuple[AnswerSentence, ...]:
    """The checkable sentences of a shown line: one a part for a line of parts (each about its own
    paper, with that paper's marker, or all about the line's one paper), else the line's one sentence."""
    if item.parts and len(item.parts) == len(item.markers):
        return tuple(AnswerSentence(f"{part} [{marker}]", (marker,), True) for part, marker in zip(item.parts, item.markers))
    if item.parts and len(item.markers) == 1:
        # One paper's line of two sentences (what it does, how it did): each checked against that paper.
        label = f"{item.label}: " if item.label else ""
        return tuple(AnswerSentence(f"{label}{part}".rstrip() + f" [{item.markers[0]}]", item.markers, True) for part in item.parts)
    return (item_sentence(item),)


def items_to_text(items: Sequence[AnswerItem]) -> str:
    """The plain-text form (copy, eval, logs): one line per item, markdown bold labels."""
    lines, related = [], []
    for item in items:
        markers = "".join(f" [{m}]" for m in item.markers)
        if item.role == "related":
            related.append(item.label or item.text)
        elif item.role in ("item",) and item.label:
            lines.append(f"- **{item.label}**{markers}: {item.text}")
        elif item.role == "fact" and item.label:
            lines.append(f"**{item.label}**{markers}: {item.text}" if item.text else f"**{item.label}**{markers}")
        else:
            body = item.text.rstrip()
            lines.append(f"{body[:-1]}{markers}{body[-1]}" if markers and body[-1:] in ".!?" else body + markers)
    if related:
        lines.append("Also related: " + "; ".join(related))
    return "\n".join(lines)
