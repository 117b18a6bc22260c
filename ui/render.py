"""Answers and papers as HTML for the chat and the sources panel.

Pure functions, no gradio. Every piece of user or paper text goes through `html.escape`
first; only then are our own elements (<a>, <span>, <mark>) added around it. Nothing here
emits a `data-*` or `on*` attribute: the chatbot's sanitizer strips both (gradio 6 keeps
`class`, `href`, `title` and `style`), so a citation chip is a plain link whose href
carries its source key, `#src-<answer id>-c<marker>` (or `-r<rank>` for an uncited paper),
and one delegated click handler (ui/assets.py) turns that into a sources-panel update.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from html import escape

from rag.prompts import ABSTAIN_TEXT
from rag.records import Answer, AnswerItem, Citation, Evidence, Paper, PaperHit
from ui.render_shapes import render_items

_MARKERS = re.compile(r"\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_SOURCE_KEY = re.compile(r"^([0-9a-f]{6,32})-([cr])(\d{1,4})$")
ABSTAINED_LINE = "The indexed papers don't answer this."
UNSUPPORTED_TITLE = "not supported by the cited abstract"
_MAX_AUTHORS = 6


# -- small pieces ------------------------------------------------------------------------


def _text(value: str) -> str:
    """Escaped text with its line breaks kept (no blank lines: they would end an HTML block)."""
    return "<br>".join(escape(line) for line in value.strip().split("\n"))


def _attr(value: str) -> str:
    return escape(value.replace("\n", " "), quote=True)


def source_href(answer_id: str, kind: str, number: int) -> str:
    return f"#src-{answer_id}-{kind}{number}"


def parse_source_key(key: str) -> tuple[str, str, int] | None:
    """`abc123-c2` -> ("abc123", "c", 2); anything else -> None (it came from the browser)."""
    match = _SOURCE_KEY.match(key.strip()) if isinstance(key, str) else None
    return (match.group(1), match.group(2), int(match.group(3))) if match else None


def safe_url(url: str) -> str:
    """Only http(s) links reach an href: a corpus line could say `javascript:...`."""
    url = url.strip()
    return url if re.match(r"^https?://[^\s\"'<>]+$", url, re.IGNORECASE) else ""


def _chip(answer_id: str, marker: int, citation: Citation | None, rejected: bool = False, reason: str = "") -> str:
    """A citation chip; struck through when the citation (or the line's use of it) was rejected."""
    brackets = f'<span class="qa-br">[</span>{marker}<span class="qa-br">]</span>'
    if citation is None:
        return f'<span class="qa-cite qa-cite-missing" title="no source with this number">{brackets}</span>'
    title = citation.paper.title
    if citation.supported and not rejected:
        return f'<a class="qa-cite" href="{source_href(answer_id, "c", marker)}" title="{_attr(title)}">{brackets}</a>'
    why = f"{UNSUPPORTED_TITLE} ({reason.strip()})" if reason.strip() else UNSUPPORTED_TITLE
    return (
        f'<a class="qa-cite qa-cite-unsupported" href="{source_href(answer_id, "c", marker)}" '
        f'title="{_attr((citation.reason or why) + ": " + title)}">{brackets}</a>'
    )


def _struck_chip(citation: Citation) -> str:
    """A citation the judge rejected: struck through, its reason on hover; not a link (no source to open)."""
    name = citation.paper.title.split(":", 1)[0][:40]
    return f'<span class="qa-cite qa-cite-struck" title="{_attr(f"{citation.reason} ({citation.paper.title})")}">{_text(name)}</span>'


def _with_chips(escaped: str, chip) -> str:
    """Replace [n] / [n, m] markers in already-escaped text with chips made by `chip(n)`."""

    def one(match: re.Match) -> str:
        numbers = [int(n) for n in re.split(r"\s*[,;]\s*", match.group(1))]
        return "".join(chip(n) for n in numbers)

    return _MARKERS.sub(one, escaped)


def _inline(text: str, chip) -> str:
    return _with_chips(_BOLD.sub(r"<strong>\1</strong>", _text(text)), chip)


def _year(paper: Paper) -> str:
    return paper.year or (paper.update_date[:4] if paper.update_date[:4].isdigit() else "")


def _year_tag(paper: Paper) -> str:
    """"Jiang, Chen et al. (2023)" when the authors are known (imports carry them), else the year."""
    tag = paper.byline() if paper.authors else _year(paper)
    return f'<span class="qa-ref-year">{escape(tag)}</span>' if tag else ""


def _authors(paper: Paper) -> str:
    return ", ".join(paper.authors[:_MAX_AUTHORS]) + (" et al." if len(paper.authors) > _MAX_AUTHORS else "")


# -- the answer in the chat --------------------------------------------------------------


def render_user_message(question: str) -> str:
    return f'<div class="qa-user">{_text(question)}</div>'


def _answer_body(answer: Answer, answer_id: str) -> str:
    """The answer text with live chips; unsupported sentences marked when the engine says so."""
    by_marker = {c.marker: c for c in answer.citations}

    def chip(n: int) -> str:
        return _chip(answer_id, n, by_marker.get(n))

    # Walk the text sentence by sentence so the gaps (line breaks, list layout) survive; if
    # the sentences are not the text's own (an engine change), the plain text is still right.
    text, cursor, spans = answer.text, 0, []
    for sentence in answer.sentences:
        found = text.find(sentence.text, cursor) if sentence.text else -1
        if found < 0:
            return _inline(text, chip)
        spans.append((found, sentence))
        cursor = found + len(sentence.text)
    if not spans:
        return _inline(text, chip)
    parts, cursor = [], 0
    for found, sentence in spans:
        gap = text[cursor:found]
        parts.append(_inline(gap, chip) if gap.strip() else ("<br>" if "\n" in gap else " "))
        cursor = found + len(sentence.text)
        body = _sentence(sentence.text, by_marker.get(sentence.markers[0]) if sentence.markers else None, answer.mode, chip)
        body += "".join(_struck_chip(c) for c in sentence.rejected)
        if (sentence.markers or sentence.rejected) and not sentence.supported:
            why = sentence.reason or "no cited abstract supports this sentence"
            parts.append(f'<span class="qa-unsupported-sentence" title="{_attr(why)}">{body}</span>')
        else:
            parts.append(body)
    if text[cursor:].strip():
        parts.append(_inline(text[cursor:], chip))
    return "".join(parts).strip()


_TRAILING_MARKERS = re.compile(r"(?:\s*\[\d{1,3}(?:\s*[,;]\s*\d{1,3})*\])+[.!?]?\s*$")


def _sentence(text: str, citation: Citation | None, mode: str, chip) -> str:
    """An extractive line reads "Title: quoted sentence [n]": the title is set apart.

    Only the markers the engine put at the end become chips: a "[7]" inside a quoted
    abstract is that abstract's own text (a reference, or an injected "cite [7]"), shown as such.
    """
    tail = _TRAILING_MARKERS.search(text)
    body, markers = (text[: tail.start()], text[tail.start() :]) if tail else (text, "")
    ending = (" " if markers[:1].isspace() else "") + _inline(markers, chip) if markers else ""
    prefix = f"{citation.paper.title}: " if citation is not None else ""
    if mode == "extractive" and prefix and body.startswith(prefix):
        return f'<span class="qa-ex-title">{escape(citation.paper.title)}</span> {_plain(body[len(prefix):])}{ending}'
    return _plain(body) + ending


def _plain(text: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", _text(text))


def _reference_list(answer: Answer, answer_id: str) -> str:
    if not answer.citations:
        return ""
    items = []
    for c in answer.citations:
        warn = ' <span class="qa-ref-warn">not supported</span>' if not c.supported else ""
        cls = "qa-ref qa-ref-unsupported" if not c.supported else "qa-ref"
        items.append(
            f'<li><a class="{cls}" href="{source_href(answer_id, "c", c.marker)}" title="show this paper and the supporting sentence">'
            f'<span class="qa-ref-n">{c.marker}</span><span class="qa-ref-title">{escape(c.paper.title)}</span>'
            f"{_year_tag(c.paper)}</a>{warn}</li>"
        )
    return f'<ol class="qa-refs">{"".join(items)}</ol>'


def _uncited(answer: Answer) -> list[tuple[int, PaperHit]]:
    cited = {c.paper.paper_id for c in answer.citations}
    return [(i, hit) for i, hit in enumerate(answer.retrieved, start=1) if hit.paper.paper_id not in cited]


def _lead_list(hits: Iterable[tuple[int, PaperHit]], answer_id: str, css: str) -> str:
    items = "".join(
        f'<li><a class="qa-lead" href="{source_href(answer_id, "r", i)}" title="show this paper">'
        f"{escape(hit.paper.title)}</a> {_year_tag(hit.paper)}</li>"
        for i, hit in hits
    )
    return f'<ul class="{css}">{items}</ul>' if items else ""


def _declined(answer: Answer) -> bool:
    """Abstained with nothing to show but leads (off-topic); a "not stated" answer has its own lines."""
    return answer.abstained and (not answer.items or answer.shape == "abstain")


def answer_plain_text(answer: Answer) -> str:
    """What "Copy answer" puts on the clipboard: the text, then the numbered sources (or the leads)."""
    if _declined(answer):
        leads = [f"- {hit.paper.title}" for hit in answer.retrieved]
        return "\n".join([ABSTAINED_LINE, *(["", "Closest papers:", *leads] if leads else [])])
    lines = [answer.text.strip()]
    if answer.citations:
        lines += ["", "Sources:"]
        for c in answer.citations:
            year = f" ({_year(c.paper)})" if _year(c.paper) else ""
            url = f" {safe_url(c.paper.url)}" if safe_url(c.paper.url) else ""
            lines.append(f"[{c.marker}] {c.paper.title}{year}{url}")
    return "\n".join(lines)


def _footer(answer: Answer) -> str:
    if _declined(answer):
        kind = "No answer: the retrieved abstracts do not support one"
    elif _is_not_stated(answer):
        kind = "The retrieved abstracts do not state this; the closest papers are listed as leads"
    elif answer.mode == "llm":
        kind = "Written by the language model from the retrieved abstracts; citations checked against them"
    elif answer.items:
        kind = "Extractive answer: built from the abstracts without a language model; citations checked against them"
    else:
        kind = "Extractive answer: sentences quoted from the abstracts"
    total = answer.timings.get("total") if answer.timings else None
    took = f' <span class="qa-dot">·</span> {total:.1f} s' if isinstance(total, (int, float)) else ""
    # Line breaks as &#10;: no raw blank line inside the message, whatever gradio does with it.
    plain = f'<div class="qa-plain" style="display:none">{escape(answer_plain_text(answer)).replace(chr(10), "&#10;")}</div>'
    return f'<div class="qa-foot"><span>{escape(kind)}{took}</span><a class="qa-copy" href="#copy" title="copy the answer and its sources as text">Copy answer</a>{plain}</div>'


def render_notice(notice: str) -> str:
    return f'<div class="qa-notice" role="status"><span class="qa-notice-icon">!</span><span>{_text(notice)}</span></div>' if notice.strip() else ""


# -- shaped answers (Answer.items) ---------------------------------------------------------

_SHAPES = ("list", "fact", "comparison", "open", "record", "paper", "not_stated", "abstain")


def _is_not_stated(answer: Answer) -> bool:
    return answer.shape == "not_stated" or any(i.role == "not_stated" for i in answer.items)


def _leads_from_retrieval(answer: Answer) -> bool:
    """A not-stated answer whose engine gave no lead lines: the retrieved papers are the leads."""
    return _is_not_stated(answer) and not any(i.role in ("item", "related") for i in answer.items)


def _paper_href(answer: Answer, answer_id: str, title: str) -> str:
    """Where a paper named by title opens in the sources panel: its citation, else its rank."""
    for c in answer.citations:
        if c.paper.title == title:
            return source_href(answer_id, "c", c.marker)
    for rank, hit in _uncited(answer):
        if hit.paper.title == title:
            return source_href(answer_id, "r", rank)
    return ""


def _shaped_body(answer: Answer, answer_id: str) -> str:
    by_marker = {c.marker: c for c in answer.citations}

    def chip(n: int, item: AnswerItem) -> str:
        # A rejected line strikes the citations the verifier flagged; when it flagged none of
        # them (the line as a whole failed), every chip of the line.
        flagged = [m for m in item.markers if m in by_marker and not by_marker[m].supported]
        rejected = not item.supported and (n in flagged or not flagged)
        return _chip(answer_id, n, by_marker.get(n), rejected, item.reason if rejected else "")

    heading = "Closest papers, as leads" if _is_not_stated(answer) else "Also related"
    body = render_items(answer.items, chip, lambda title: _paper_href(answer, answer_id, title), heading)
    if _leads_from_retrieval(answer) and _uncited(answer):
        body += f'<div class="qa-label">{escape(heading)}</div>{_lead_list(_uncited(answer), answer_id, "qa-leads")}'
    return body


def _render_shaped(answer: Answer, answer_id: str, state: str) -> str:
    """A shaped answer: its lines (ui.render_shapes), then the sources, collapsed, and the footer."""
    rejected = {c.marker for c in answer.citations if not c.supported}
    rejected |= {m for i in answer.items if not i.supported for m in i.markers}
    # The reasons are also on the chips' hover; here they are readable without a mouse.
    reasons = "; ".join(dict.fromkeys(
        f"[{', '.join(map(str, i.markers))}] {i.reason.strip()}" for i in answer.items if not i.supported and i.reason.strip()
    ))
    warning = ""
    if rejected:
        many = len(rejected) != 1
        warning = (
            f'<div class="qa-warn">{len(rejected)} citation{"s" if many else ""} marked '
            f'<span class="qa-cite qa-cite-unsupported">!</span> {"are" if many else "is"} {UNSUPPORTED_TITLE}'
            f'{": " + escape(reasons) if reasons else ""}.</div>'
        )
    refs = _reference_list(answer, answer_id)
    sources = (
        f'<details class="qa-more qa-sources-list"><summary>Sources ({len(answer.citations)})</summary>{refs}</details>'
        if refs
        else ""
    )
    shown = {i.label or i.text for i in answer.items if i.role == "related"}
    uncited = [(rank, hit) for rank, hit in _uncited(answer) if hit.paper.title not in shown]
    more = (
        f'<details class="qa-more"><summary>Retrieved but not cited ({len(uncited)})</summary>{_lead_list(uncited, answer_id, "qa-leads")}</details>'
        if uncited and not _leads_from_retrieval(answer)
        else ""
    )
    shape = f" qa-shape-{answer.shape.replace('_', '-')}" if answer.shape in _SHAPES else ""
    return (
        f'<div class="qa-msg qa-shaped{shape} {state}">{render_notice(answer.notice)}'
        f'<div class="qa-body">{_shaped_body(answer, answer_id)}</div>{warning}{sources}{more}{_footer(answer)}</div>'
    )


def render_answer(answer: Answer, answer_id: str, state: str = "qa-final") -> str:
    """The final bot message: notice, answer with chips, sources, uncited papers, footer.

    `state` is the message's class: "qa-final", or "qa-evidence" for the draft shown while
    the model writes (tests and the stop logic tell the two apart by it). An answer with
    `items` (a shaped answer) is drawn line by line; one without, from its text.
    """
    if answer.items and answer.shape != "abstain":  # shaped, "not stated" included (it is abstained, with its leads as lines)
        return _render_shaped(answer, answer_id, state)
    notice = render_notice(answer.notice)
    if answer.abstained:
        explanation = answer.text.strip()
        leads = _lead_list(enumerate(answer.retrieved, start=1), answer_id, "qa-leads")
        return (
            f'<div class="qa-msg qa-abstain {state}">{notice}'
            f'<div class="qa-abstain-head"><span class="qa-abstain-icon">∅</span>{escape(ABSTAINED_LINE)}</div>'
            + (f'<div class="qa-body qa-muted">{_text(explanation)}</div>' if explanation not in ("", ABSTAINED_LINE, ABSTAIN_TEXT) else "")
            + (f'<div class="qa-label">Closest papers, as leads</div>{leads}' if leads else "")
            + f"{_footer(answer)}</div>"
        )
    unsupported = sum(1 for c in answer.citations if not c.supported)
    warning = (
        f'<div class="qa-warn">{unsupported} citation{"s" if unsupported != 1 else ""} marked '
        f'<span class="qa-cite qa-cite-unsupported">!</span> {"are" if unsupported != 1 else "is"} {UNSUPPORTED_TITLE}.</div>'
        if unsupported
        else ""
    )
    uncited = _uncited(answer)
    more = (
        f'<details class="qa-more"><summary>Retrieved but not cited ({len(uncited)})</summary>{_lead_list(uncited, answer_id, "qa-leads")}</details>'
        if uncited
        else ""
    )
    return (
        f'<div class="qa-msg {state}">{notice}<div class="qa-body">{_answer_body(answer, answer_id)}</div>{warning}'
        f"{_reference_list(answer, answer_id)}{more}{_footer(answer)}</div>"
    )


def render_progress(
    status: str,
    draft: Answer | None = None,
    draft_id: str = "",
    streamed: str = "",
) -> str:
    """The bot message while the answer is on its way.

    Before the evidence: a spinner and the status. After: the evidence draft, then the
    model's answer slot at the bottom (where the chat scrolls to), holding the spinner and
    status until the first words arrive, then the words.
    """
    spinner = f'<div class="qa-status" role="status"><span class="qa-spinner"></span><span>{escape(status)}</span></div>'
    if draft is None:
        return f'<div class="qa-msg qa-pending">{spinner}</div>'
    if streamed.strip():
        pending = lambda n: f'<span class="qa-cite qa-cite-pending" title="checked when the answer is complete">[{n}]</span>'  # noqa: E731
        slot = f'<div class="qa-body qa-stream">{_inline(streamed, pending)}<span class="qa-caret"></span></div>'
        note = "streaming; citations are checked when it is complete"
    else:
        slot = f'<div class="qa-stream-wait">{spinner}</div>'
        note = ""
    return (
        '<div class="qa-msg qa-progress">'
        '<div class="qa-label">Evidence found <span class="qa-label-note">what the abstracts say, while the model writes</span></div>'
        f'<div class="qa-draft">{render_answer(draft, draft_id, "qa-evidence")}</div>'
        f'<div class="qa-label">Model answer <span class="qa-label-note">{note}</span></div>{slot}</div>'
    )


def render_stopped(draft: Answer | None, draft_id: str) -> str:
    """The message after the user pressed Stop: the evidence found so far, said to be that."""
    if draft is None:
        return '<div class="qa-msg qa-final qa-stopped"><div class="qa-muted">Stopped before any evidence was found.</div></div>'
    stopped = replace(draft, notice="You stopped this answer; below is the evidence found so far, quoted from the abstracts.")
    return render_answer(stopped, draft_id)


def render_error(message: str, hint: str | None = None) -> str:
    """A failed question: what went wrong and what to do, never a traceback."""
    message = message.strip()
    message = message[:1].upper() + message[1:] + ("" if message[-1:] in ".!?" else ".")
    hint_html = f'<div class="qa-hint">{_text(hint[:1].upper() + hint[1:])}</div>' if hint and hint.strip() else ""
    return (
        '<div class="qa-msg qa-error" role="alert"><div class="qa-error-head">Couldn\'t answer this</div>'
        f'<div class="qa-body">{_text(message)}</div>{hint_html}</div>'
    )


# -- the sources panel -------------------------------------------------------------------


def highlight_abstract(abstract: str, evidence: Evidence | None) -> str:
    """The abstract, escaped, with the evidence sentence in <mark>.

    The offsets index `paper.abstract`; when they do not match the evidence text (an engine
    bug, or an abstract edited since ingest) the text is searched for instead, and failing
    that shown apart, so the user never sees the wrong sentence highlighted.
    """
    if evidence is None or not evidence.text.strip():
        return f'<p class="src-abstract">{escape(abstract)}</p>'
    start, end = evidence.start, evidence.end
    if not (0 <= start < end <= len(abstract) and abstract[start:end] == evidence.text):
        start = abstract.find(evidence.text)
        end = start + len(evidence.text)
    if start < 0:
        return (
            f'<blockquote class="src-quote"><mark>{escape(evidence.text)}</mark></blockquote>'
            f'<p class="src-abstract">{escape(abstract)}</p>'
        )
    return (
        f'<p class="src-abstract">{escape(abstract[:start])}<mark>{escape(abstract[start:end])}</mark>'
        f"{escape(abstract[end:])}</p>"
    )


def _meta(paper: Paper) -> str:
    bits = []
    if paper.authors:
        bits.append(f'<span class="src-authors" title="{_attr(", ".join(paper.authors))}">{escape(_authors(paper))}</span>')
    if paper.categories:
        bits.append("".join(f'<span class="src-cat">{escape(c)}</span>' for c in paper.categories))
    if paper.venue or paper.year:
        bits.append(f'<span class="src-venue">{escape(", ".join(filter(None, (paper.venue, paper.year))))}</span>')
    if paper.update_date:
        bits.append(f'<span class="src-date">{escape(paper.update_date)}</span>')
    url = safe_url(paper.link())  # the URL, else the DOI or arXiv page
    if url:
        bits.append(f'<a class="src-url" href="{_attr(url)}" target="_blank" rel="noopener noreferrer">{escape(url)}</a>')
    return f'<div class="src-meta">{"".join(bits)}</div>' if bits else ""


def render_paper_card(
    paper: Paper,
    evidence: Evidence | None,
    *,
    label: str,
    active: bool,
    supported: bool | None = None,
) -> str:
    """One paper: title, metadata, abstract with the supporting sentence marked."""
    support = ""
    if supported is False:
        support = f'<div class="src-support src-unsupported">This citation is {UNSUPPORTED_TITLE}.</div>'
    elif supported is True:
        support = '<div class="src-support">Supporting sentence highlighted.</div>'
    classes = "src-card" + (" active" if active else "") + (" unsupported" if supported is False else "")
    return (
        f'<details class="{classes}"{" open" if active else ""}><summary><span class="src-label">{escape(label)}</span>'
        f'<span class="src-title">{escape(paper.title)}</span></summary>'
        f"{_meta(paper)}{support}{highlight_abstract(paper.abstract, evidence)}</details>"
    )


def _best(hit: PaperHit) -> Evidence | None:
    return hit.evidence[0] if hit.evidence else None


def render_sources_panel(answer: Answer, active: str | None = None) -> str:
    """Every source of one answer; `active` ("c2", "r5" or None for the first) is open."""
    uncited = _uncited(answer)
    if active is None:
        active = f"c{answer.citations[0].marker}" if answer.citations else ("r1" if answer.retrieved else "")
    head = f'<div class="src-head"><span class="src-h">Sources</span><span class="src-q">{escape(answer.question)}</span></div>'
    cited = "".join(
        render_paper_card(c.paper, c.evidence, label=str(c.marker), active=active == f"c{c.marker}", supported=c.supported)
        for c in answer.citations
    )
    rest = "".join(
        render_paper_card(hit.paper, _best(hit), label=f"#{i}", active=active == f"r{i}") for i, hit in uncited
    )
    if _declined(answer) or (_is_not_stated(answer) and not answer.citations):
        said = "No indexed paper answers this." if _declined(answer) else "The abstracts don't state this."
        intro = f'<div class="src-note">{escape(said)} Closest papers:</div>'
        return f'<div class="src-panel">{head}{intro}{rest}</div>'
    open_rest = " open" if active.startswith("r") else ""
    rest_block = (
        f'<details class="src-uncited"{open_rest}><summary>Retrieved but not cited ({len(uncited)})</summary>{rest}</details>'
        if uncited
        else ""
    )
    return f'<div class="src-panel">{head}{cited}{rest_block}</div>'


def render_sources_note(note: str) -> str:
    return f'<div class="src-panel"><div class="src-head"><span class="src-h">Sources</span></div><div class="src-note">{_text(note)}</div></div>'


def render_sources_placeholder(paper_count: int | None = None) -> str:
    count = f"{paper_count:,} papers are indexed. " if paper_count is not None else ""
    return (
        '<div class="src-panel src-empty"><div class="src-head"><span class="src-h">Sources</span></div>'
        f'<div class="src-note">{count}Ask a question, then click a numbered citation to see the paper '
        "and the sentence that supports it.</div></div>"
    )


def render_header(paper_count: int | None) -> str:
    count = (
        f'<span class="qa-count">{paper_count:,} paper{"s" if paper_count != 1 else ""} indexed</span>'
        if paper_count is not None
        else '<span class="qa-count qa-count-unknown">index unavailable</span>'
    )
    return (
        '<div class="qa-header"><div><div class="qa-title">Paper QA</div>'
        '<div class="qa-subtitle">Answers from research-paper abstracts, with every claim cited. Runs offline.</div></div>'
        f"{count}</div>"
    )
