"""Answers as plain text for the terminal."""

from __future__ import annotations

import textwrap

from rag.records import Answer


def render_evidence_draft(draft: Answer) -> str:
    lines = ["Evidence found (extractive, cited):"]
    for citation in draft.citations:
        lines.append(textwrap.fill(f"[{citation.marker}] {citation.paper.title}: “{citation.evidence.text}”", 100, subsequent_indent="    "))
    return "\n".join(lines)


def render_answer(answer: Answer) -> str:
    parts = []
    if answer.notice:
        parts.append(f"note: {answer.notice}")
    if answer.standalone_question != answer.question:
        parts.append(f"(understood as: {answer.standalone_question})")
    if answer.abstained:
        parts.append(answer.text)
        if answer.retrieved:
            parts.append("Closest papers, as leads:")
            parts.extend(f"  - {hit.paper.title}" for hit in answer.retrieved[:5])
        return "\n".join(parts)
    if answer.sentences:
        body = " ".join(s.text if s.supported else f"{s.text} (unverified)" for s in answer.sentences)
        parts.append(textwrap.fill(body, 100) if answer.mode == "llm" else "\n".join(s.text for s in answer.sentences))
    else:
        parts.append(answer.text)
    if answer.citations:
        parts.append("\nReferences:")
        for c in answer.citations:
            flag = "" if c.supported else "  [NOT SUPPORTED by this abstract]"
            parts.append(f"[{c.marker}] {c.paper.title}{flag}")
            if c.paper.byline() or c.paper.link():
                parts.append(f"    {'  '.join(filter(None, (c.paper.byline(), c.paper.venue, c.paper.link())))}")
            parts.append(textwrap.fill(f"“{c.evidence.text}” (chars {c.evidence.start}-{c.evidence.end})", 100, initial_indent="    ", subsequent_indent="    "))
    return "\n".join(parts)
