"""Answers as plain text for the terminal."""

from __future__ import annotations

import textwrap

from rag.records import Answer, AnswerItem, AnswerSentence

WIDTH = 100
_FIRST = ("not_stated", "fact")  # what the reader asked for comes first, as in the browser


def render_evidence_draft(draft: Answer) -> str:
    lines = ["Evidence found (extractive, cited):"]
    for citation in draft.citations:
        lines.append(textwrap.fill(f"[{citation.marker}] {citation.paper.title}: “{citation.evidence.text}”", 100, subsequent_indent="    "))
    return "\n".join(lines)


def _item_line(item: AnswerItem, inline: bool = False) -> str:
    """ "ForkMerge [2]: what it does" when the line names a paper, else "text [2]." (markers
    before the closing stop, as in the answers' own sentences). A rejected citation is said
    on the line with the verifier's reason; `inline` for a sentence inside a paragraph."""
    marks = "".join(f"[{n}]" for n in item.markers)
    text = item.text.strip()
    if item.label:
        head = f"{item.label} {marks}".strip()
        line = f"{head}: {text}" if text else head
    elif marks and text[-1:] in ".!?":
        line = f"{text[:-1]} {marks}{text[-1]}"
    else:
        line = f"{text} {marks}".strip()
    if not item.supported:
        reason = item.reason.strip() or "the citation check rejected it"
        line += f" (not supported: {reason})" if inline else f"  [NOT SUPPORTED: {reason}]"
    return line


def _wrap(text: str, first: str = "", rest: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def render_items(answer: Answer) -> list[str]:
    """A shaped answer's lines: the not-stated state or the fact first, one line per paper
    ("- Name [n]: ..."), an open answer's sentences as one paragraph, related papers by title."""
    items = answer.items
    ordered = [i for role in _FIRST for i in items if i.role == role]
    ordered += [i for i in items if i.role not in _FIRST and i.role != "related"]
    related = [i.label or i.text for i in items if i.role == "related"]
    not_stated = answer.shape == "not_stated" or any(i.role == "not_stated" for i in items)
    lines: list[str] = []
    sentences: list[str] = []
    for item in ordered:
        if item.role == "sentence":
            sentences.append(_item_line(item, inline=True))
            continue
        if sentences:
            lines.append(_wrap(" ".join(sentences)))
            sentences = []
        if item.role == "item":
            lines.append(_wrap(_item_line(item), "- ", "  "))
        elif item.role == "evidence":
            lines.append(_wrap(_item_line(item), "  ", "  "))
        else:  # lead, fact, difference, not_stated: a line of its own
            lines.append(_wrap(_item_line(item)))
    if sentences:
        lines.append(_wrap(" ".join(sentences)))
    if not_stated and not related and not any(i.role == "item" for i in items):
        related = [hit.paper.title for hit in answer.retrieved[:5]]  # no leads given: the closest papers are
    if related:
        lines.append("Closest papers, as leads:" if not_stated else "Also related:")
        lines.extend(_wrap(title, "  - ", "    ") for title in related)
    return lines


def _sentence_line(sentence: AnswerSentence) -> str:
    """The sentence, then each struck citation with the judge's reason: "(struck LST: the cited abstract does not state 69%)"."""
    struck = "".join(f" (struck {c.paper.title.split(':', 1)[0][:40]}: {c.reason})" for c in sentence.rejected)
    if sentence.supported:
        return sentence.text + struck
    return f"{sentence.text} (unverified{': ' + sentence.reason if sentence.reason and not struck else ''}){struck}"


def render_answer(answer: Answer) -> str:
    parts = []
    if answer.notice:
        parts.append(f"note: {answer.notice}")
    if answer.standalone_question != answer.question:
        parts.append(f"(understood as: {answer.standalone_question})")
    if answer.items and answer.shape != "abstain":  # shaped, "not stated" included
        parts.extend(render_items(answer))
        parts.extend(_references(answer))
        return "\n".join(parts)
    if answer.abstained:
        parts.append(answer.text)
        if answer.retrieved:
            parts.append("Closest papers, as leads:")
            parts.extend(f"  - {hit.paper.title}" for hit in answer.retrieved[:5])
        return "\n".join(parts)
    if answer.sentences:
        body = " ".join(_sentence_line(s) for s in answer.sentences)
        parts.append(textwrap.fill(body, 100) if answer.mode == "llm" else "\n".join(s.text for s in answer.sentences))
    else:
        parts.append(answer.text)
    parts.extend(_references(answer))
    return "\n".join(parts)


def _references(answer: Answer) -> list[str]:
    if not answer.citations:
        return []
    lines = ["\nReferences:"]
    for c in answer.citations:
        flag = "" if c.supported else (f"  [NOT SUPPORTED: {c.reason}]" if c.reason else "  [NOT SUPPORTED by this abstract]")
        lines.append(f"[{c.marker}] {c.paper.title}{flag}")
        if c.paper.byline() or c.paper.link():
            lines.append(f"    {'  '.join(filter(None, (c.paper.byline(), c.paper.venue, c.paper.link())))}")
        lines.append(textwrap.fill(f"“{c.evidence.text}” (chars {c.evidence.start}-{c.evidence.end})", WIDTH, initial_indent="    ", subsequent_indent="    "))
    return lines
