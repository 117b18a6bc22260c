"""The lines of a shaped answer (`Answer.items`) as HTML, for ui.render.

What a reader looks for comes first: the not-stated state, then the fact; then the other
lines in the engine's order, a list's or comparison's papers one per line as
"**Name** [n]: what it does", an open answer's sentences as one paragraph, and the "also
related" papers last, by title. Pure functions; the caller hands in how to draw a chip and
where a paper's link points, so escaping, hrefs and the chip rules stay in ui.render. Every
text goes through `html.escape` before any element is added around it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from rag.records import AnswerItem

Chip = Callable[[int, AnswerItem], str]  # (marker, the line citing it) -> the chip's HTML
PaperLink = Callable[[str], str]  # a paper's title -> its href in the sources panel, "" if none

_FIRST = ("not_stated", "fact")  # shown before everything else, whatever the engine's order
UNSUPPORTED_LINE = "the verifier rejected this citation"


def _text(value: str) -> str:
    return escape(" ".join(value.split()))


def _chips(item: AnswerItem, chip: Chip) -> str:
    return "".join(chip(n, item) for n in item.markers)


def _line(item: AnswerItem, chip: Chip) -> str:
    """ "**Label** [n]: text" when the line names a paper, else "text [n]"."""
    text, chips = _text(item.text), _chips(item, chip)
    if item.label:
        head = f'<strong class="qa-name">{escape(item.label)}</strong>{chips}'
        body = f"{head}: {text}" if text else head
    elif chips and text[-1:] in ".!?":  # "claim [1]." as in the answers' own sentences
        body = f"{text[:-1]}{chips}{text[-1]}"
    else:
        body = f"{text}{chips}" if text else chips
    if not item.supported:
        reason = item.reason.strip() or UNSUPPORTED_LINE
        body = f'<span class="qa-unsupported-sentence" title="{escape(reason, quote=True)}">{body}</span>'
    return body


def _related(items: Sequence[AnswerItem], heading: str, link: PaperLink) -> str:
    rows = []
    for item in items:
        title = item.label or item.text
        href = link(title)
        shown = (
            f'<a class="qa-lead" href="{href}" title="show this paper">{escape(title)}</a>' if href else escape(title)
        )
        rows.append(f"<li>{shown}</li>")
    return f'<div class="qa-label">{escape(heading)}</div><ul class="qa-leads qa-related">{"".join(rows)}</ul>'


def render_items(items: Sequence[AnswerItem], chip: Chip, link: PaperLink, related_heading: str = "Also related") -> str:
    """The answer's body: one block per line, consecutive paper lines in one list."""
    ordered = [i for role in _FIRST for i in items if i.role == role]
    ordered += [i for i in items if i.role not in _FIRST and i.role != "related"]
    related = [i for i in items if i.role == "related"]
    blocks: list[str] = []
    papers: list[str] = []  # a run of "item" lines
    sentences: list[str] = []  # a run of an open answer's sentences: one paragraph

    def flush() -> None:
        if papers:
            blocks.append(f'<ul class="qa-items">{"".join(papers)}</ul>')
            papers.clear()
        if sentences:
            blocks.append(f'<div class="qa-line qa-open">{" ".join(sentences)}</div>')
            sentences.clear()

    for item in ordered:
        if item.role == "item":
            if sentences:
                flush()
            papers.append(f'<li class="qa-item">{_line(item, chip)}</li>')
            continue
        if item.role == "sentence":
            if papers:
                flush()
            sentences.append(_line(item, chip))
            continue
        flush()
        if item.role == "not_stated":
            blocks.append(
                f'<div class="qa-abstain-head qa-not-stated" role="status"><span class="qa-abstain-icon">∅</span>'
                f"<span>{_line(item, chip)}</span></div>"
            )
        elif item.role == "fact":
            blocks.append(f'<div class="qa-fact">{_line(item, chip)}</div>')
        elif item.role == "lead":
            blocks.append(f'<div class="qa-line qa-lead-line">{_line(item, chip)}</div>')
        elif item.role == "unstated":  # a part of the question no abstract states, after the lines that answer the rest
            blocks.append(f'<div class="qa-line qa-unstated"><span class="qa-abstain-icon">∅</span> {_line(item, chip)}</div>')
        elif item.role == "difference":
            blocks.append(f'<div class="qa-line qa-diff">{_line(item, chip)}</div>')
        else:  # "evidence", and any role a newer engine adds: a plain cited line
            blocks.append(f'<div class="qa-line qa-{"evidence" if item.role == "evidence" else "other"}">{_line(item, chip)}</div>')
    flush()
    if related:
        blocks.append(_related(related, related_heading, link))
    return "".join(blocks)
