"""Readers for what reference managers export: BibTeX (bibtexparser) and RIS (rispy).

Each yields `Paper`s with their bibliographic fields and reports problems the way the corpus
readers do: a counted warning naming the file and line. Entries without an abstract cannot be
searched (we index abstracts) and are counted in `ReadReport.missing_abstracts`, so the user
sees how many of a Zotero export were left out and why. The arXiv metadata snapshot is JSON
Lines and is read, streamed, by `rag.ingest.corpus.read_jsonl`; `arxiv_fields` maps its record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rag.ingest.corpus import ReadReport, make_paper, normalise_space
from rag.records import Paper

# "arXiv:2001.01234", "arxiv.org/abs/2001.01234v2", "arXiv preprint arXiv:cs/0112017"
_ARXIV_ID = re.compile(r"arxiv(?:\.org/(?:abs|pdf)/|:\s*|\s+)((?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}))(?:v\d+)?", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def clean_doi(value: str) -> str:
    return _DOI_PREFIX.sub("", value.strip())


def find_arxiv_id(*texts: str) -> str:
    for text in texts:
        match = _ARXIV_ID.search(text or "")
        if match:
            return match.group(1)
    return ""


def find_year(text: str) -> str:
    match = _YEAR.search(text or "")
    return match.group(1) if match else ""


def _bibtex_library(path: Path) -> Any:
    import bibtexparser
    from bibtexparser import middlewares

    # Default stack resolves @string macros and strips enclosing braces/quotes; then LaTeX
    # accents become Unicode ({\"o} -> ö, {\ss} -> ß) and author lists become "First Last".
    return bibtexparser.parse_file(
        str(path),
        append_middleware=[
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
            middlewares.MergeNameParts(style="first"),
        ],
    )


def read_bibtex(path: Path, report: ReadReport, max_line_chars: int) -> Iterator[Paper]:
    """BibTeX entries -> papers; duplicate keys and unparseable blocks are warned about, the first entry kept."""
    from bibtexparser.model import DuplicateBlockKeyBlock

    library = _bibtex_library(path)
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            report.warn(path, line, f"duplicate BibTeX key {block.key!r}; the first entry with that key is kept")
        else:
            error = getattr(block, "error", None)
            reason = getattr(error, "abort_reason", "") or str(error or "") or "syntax error"
            report.warn(path, line, f"BibTeX entry that cannot be parsed ({reason[:80]}); skipped")
    for entry in library.entries:
        fields = {key.lower(): value for key, value in entry.fields_dict.items()}
        text = lambda name: _field_text(fields.get(name))  # noqa: E731
        authors = fields.get("author")
        author_names = tuple(normalise_space(str(a)) for a in authors.value) if authors is not None and isinstance(authors.value, list) else ()
        if authors is not None and not isinstance(authors.value, list):
            author_names = tuple(a for a in (normalise_space(p) for p in str(authors.value).split(" and ")) if a)
        eprint = text("eprint") if text("archiveprefix").lower() in ("arxiv", "") else ""
        arxiv_id = (eprint if re.fullmatch(r"\d{4}\.\d{4,5}(v\d+)?|[a-z\-]+/\d{7}", eprint) else "") or find_arxiv_id(
            text("journal"), text("url"), text("note"), text("howpublished")
        )
        arxiv_id = re.sub(r"v\d+$", "", arxiv_id)
        doi = clean_doi(text("doi"))
        paper = make_paper(
            path,
            (entry.start_line or 0) + 1,
            text("title"),
            text("abstract"),
            report,
            given_id=arxiv_id or doi,
            authors=author_names,
            year=find_year(text("year")) or find_year(text("date")),
            venue=text("journal") or text("booktitle") or text("publisher"),
            doi=doi,
            arxiv_id=arxiv_id,
            url=text("url"),
        )
        if paper:
            yield paper


def _field_text(field: Any) -> str:
    if field is None:
        return ""
    value = field.value
    if isinstance(value, list):
        value = " and ".join(map(str, value))
    # Braces left by nested protection ({{BERT}}) carry no meaning once decoded.
    return normalise_space(str(value).replace("{", "").replace("}", ""))


def read_ris(path: Path, report: ReadReport, max_line_chars: int) -> Iterator[Paper]:
    """RIS records (Zotero, Mendeley, EndNote, publishers) -> papers."""
    import rispy

    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            records = rispy.load(handle, skip_unknown_tags=True)
    except Exception as exc:  # rispy raises IOError/ValueError on a file that is not RIS
        report.warn(path, 1, f"not a readable RIS file ({type(exc).__name__}: {str(exc)[:80]}); skipped")
        return
    for number, record in enumerate(records, start=1):
        get = lambda *keys: next((normalise_space(str(record[k])) for k in keys if record.get(k) and not isinstance(record[k], list)), "")  # noqa: E731
        urls = record.get("urls") or []
        doi = clean_doi(get("doi"))
        arxiv_id = find_arxiv_id(*urls, get("journal_name", "secondary_title"))
        paper = make_paper(
            path,
            number,  # RIS has no line numbers in rispy's output: the record's position stands in
            get("title", "primary_title"),
            get("abstract", "notes_abstract"),
            report,
            given_id=arxiv_id or doi,
            authors=tuple(normalise_space(a) for a in (record.get("authors") or record.get("first_authors") or [])),
            year=find_year(get("year", "publication_year", "date")),
            venue=get("journal_name", "secondary_title", "alternate_title3", "publisher"),
            doi=doi,
            arxiv_id=arxiv_id,
            url=urls[0] if urls else "",
        )
        if paper:
            yield paper


def arxiv_fields(record: dict[str, Any]) -> dict[str, Any]:
    """Bibliographic fields of one arXiv metadata snapshot record (also fine on our own JSONL).

    The snapshot's `authors` is one string ("A. Smith, B. Jones and C. Lee"); `authors_parsed`
    ([last, first, suffix] lists) is the reliable form, used when present. The year is that of
    the first version, else of the id (YYMM.nnnnn), else of `update_date`.
    """
    parsed = record.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        authors = tuple(normalise_space(" ".join(p for p in (parts[1:2] + parts[0:1] + parts[2:3]) if p)) for parts in parsed if isinstance(parts, list) and parts)
    elif isinstance(record.get("authors"), list):
        authors = tuple(normalise_space(str(a)) for a in record["authors"] if str(a).strip())
    else:
        authors = tuple(a for a in (normalise_space(p) for p in re.split(r",\s*|\s+and\s+", str(record.get("authors") or ""))) if a)
    given_id = str(record.get("id") or "").strip()
    arxiv_id = given_id if re.fullmatch(r"\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}", given_id) else str(record.get("arxiv_id") or "")
    versions = record.get("versions")
    first_version = versions[0].get("created", "") if isinstance(versions, list) and versions and isinstance(versions[0], dict) else ""
    id_year = f"20{arxiv_id[:2]}" if re.fullmatch(r"\d{4}\.\d{4,5}", arxiv_id) else ""
    return {
        "given_id": given_id,
        "authors": authors,
        "year": str(record.get("year") or "") or find_year(first_version) or id_year or find_year(str(record.get("update_date") or "")),
        "venue": normalise_space(str(record.get("journal-ref") or record.get("venue") or "")),
        "doi": clean_doi(str(record.get("doi") or "").split()[0] if str(record.get("doi") or "").strip() else ""),
        "arxiv_id": arxiv_id,
    }
