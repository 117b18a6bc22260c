"""An answer as a file to keep: Markdown with numbered references, or BibTeX of the cited papers.

Markdown: the question as a heading, the answer with its [n] markers linked to the references,
then each reference with authors, year, venue, a link when there is a DOI, URL or arXiv id,
and the sentence of its abstract that supports the answer. BibTeX: one entry per cited paper,
a minimal `@misc` (title, and whatever else is known) when a paper has no bibliographic data.
"""

from __future__ import annotations

import re
import unicodedata

from rag.records import Answer, Citation, Paper

_MARKER = re.compile(r"\[(\d+)\]")


def _md_escape(text: str) -> str:
    """Brackets and emphasis characters in titles would break the link syntax around them."""
    return re.sub(r"([\[\]*_`<>])", r"\\\1", text)


def answer_markdown(answer: Answer) -> str:
    markers = {c.marker for c in answer.citations}
    lines = [f"# {_md_escape(answer.question)}", ""]
    if answer.standalone_question != answer.question:
        lines += [f"*Understood as: {_md_escape(answer.standalone_question)}*", ""]
    if answer.notice:
        lines += [f"> Note: {answer.notice}", ""]
    body = " ".join(s.text if s.supported else f"{s.text} *(unverified)*" for s in answer.sentences) if answer.sentences else answer.text
    # [n] -> [[n]](#ref-n), only for markers that have a reference.
    lines += [_MARKER.sub(lambda m: f"[\\[{m.group(1)}\\]](#ref-{m.group(1)})" if int(m.group(1)) in markers else m.group(0), body), ""]
    if answer.abstained and answer.retrieved:
        lines += ["Closest papers, as leads:", ""]
        lines += [f"- {_paper_line(hit.paper)}" for hit in answer.retrieved[:5]]
        lines.append("")
    if answer.citations:
        lines += ["## References", ""]
        for citation in answer.citations:
            lines += _reference_lines(citation)
    return "\n".join(lines).rstrip() + "\n"


def _paper_line(paper: Paper) -> str:
    title = _md_escape(paper.title)
    line = f"[{title}]({paper.link()})" if paper.link() else title
    details = [d for d in (paper.byline(), f"*{_md_escape(paper.venue)}*" if paper.venue else "") if d]
    return line + (". " + ". ".join(details) if details else "")


def _reference_lines(citation: Citation) -> list[str]:
    flag = " **(not supported by this abstract)**" if not citation.supported else ""
    evidence = citation.evidence
    return [
        f'<a id="ref-{citation.marker}"></a>**[{citation.marker}]** {_paper_line(citation.paper)}{flag}',
        "",
        f"> “{evidence.text}” (abstract, characters {evidence.start}-{evidence.end})",
        "",
    ]


# -- BibTeX -----------------------------------------------------------------------------

_BIBTEX_SPECIAL = {"%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$", "_": r"\_", "{": "(", "}": ")", "\\": "/"}


def _bib_value(text: str) -> str:
    # Braces inside a value must balance for every BibTeX reader; source text may not: use ().
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in text)


def _ascii_word(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]", "", plain).lower()


def _key(paper: Paper, taken: set[str]) -> str:
    """`vaswani2017attention`, the Google Scholar style; a, b... appended on a clash."""
    last = ""
    if paper.authors:
        first = paper.authors[0]
        last = first.split(",")[0] if "," in first else first.split()[-1]
    words = [w for w in (_ascii_word(w) for w in paper.title.split()) if w and w not in ("a", "an", "the", "on", "of")]
    base = (_ascii_word(last) + paper.year + (words[0] if words else "")) or "paper"
    key, suffix = base, 0
    while key in taken:
        suffix += 1
        key = base + chr(ord("a") + suffix - 1) if suffix <= 26 else f"{base}{suffix}"
    taken.add(key)
    return key


def paper_bibtex(paper: Paper, taken: set[str] | None = None) -> str:
    kind = "article" if paper.venue and "arxiv" not in paper.venue.lower() else "misc"
    fields = [("title", "{" + _bib_value(paper.title) + "}")]  # inner braces keep the capitals
    if paper.authors:
        fields.append(("author", " and ".join(_bib_value(a) for a in paper.authors)))
    venue_field = "journal" if kind == "article" else "howpublished"  # @misc has no journal
    for name, value in (("year", paper.year), (venue_field, paper.venue), ("doi", paper.doi), ("url", paper.url)):
        if value:
            fields.append((name, _bib_value(value)))
    if paper.arxiv_id:
        fields += [("eprint", paper.arxiv_id), ("archiveprefix", "arXiv")]
    fields.append(("abstract", _bib_value(paper.abstract)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{_key(paper, taken if taken is not None else set())},\n{body}\n}}\n"


def answer_bibtex(answer: Answer) -> str:
    """Entries for the cited papers, in citation order; empty when nothing was cited."""
    taken: set[str] = set()
    seen: set[str] = set()
    entries = []
    for citation in answer.citations:
        if citation.paper.paper_id in seen:
            continue
        seen.add(citation.paper.paper_id)
        entries.append(paper_bibtex(citation.paper, taken))
    return "\n".join(entries)
