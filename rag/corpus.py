"""Read paper abstracts from corpus files: the shipped text format, JSON Lines, CSV.

Readers stream papers, so an arXiv-sized file never has to sit in memory, and report every
problem as a counted warning naming the file and line. Only when nothing usable is left
does the caller turn that into an error.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rag.errors import CorpusError
from rag.records import Paper

FORMATS = ("text", "jsonl", "csv", "bibtex", "ris")
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
    ".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris",
}
_SUBSCRIBE = "Subscribe"
# A title is a line; an abstract is prose. Titles over 400 characters are really abstracts.
_MAX_TITLE_CHARS = 400
_MIN_ABSTRACT_CHARS = 40
_SPACES = re.compile(r"\s+")


@dataclass
class ReadReport:
    """What reading produced besides papers: warnings and counts."""

    warnings: list[str] = field(default_factory=list)
    papers: int = 0
    duplicates: int = 0
    missing_abstracts: int = 0  # entries with a title but no abstract (common in BibTeX exports): nothing to index

    def warn(self, path: Path, line: int, message: str) -> None:
        self.warnings.append(f"{path}:{line}: {message}")


def normalise_space(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def paper_id_for(title: str, given_id: str = "") -> str:
    """Stable across machines and runs: the source's own id, else a hash of the normalised title."""
    if given_id.strip():
        return given_id.strip()
    key = normalise_space(title).casefold()
    return "t-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def detect_format(path: Path, explicit: str | None = None) -> str:
    if explicit:
        if explicit not in FORMATS:
            raise CorpusError(f"unknown format {explicit!r}", hint=f"use one of: {', '.join(FORMATS)}")
        return explicit
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise CorpusError(
            f"cannot tell the format of {path} from its extension {path.suffix or '(none)'}",
            hint=f"pass --format with one of: {', '.join(FORMATS)}",
        )
    return fmt


def _decoded_lines(path: Path, report: ReadReport, max_line_chars: int) -> Iterator[tuple[int, str]]:
    """Numbered text lines; bad UTF-8 is replaced (and counted), absurdly long lines skipped."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            raw = raw.rstrip(b"\r\n")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = raw.decode("utf-8", errors="replace")
                report.warn(path, number, f"bytes that are not UTF-8 (at byte {exc.start}); replaced with U+FFFD")
            if len(line) > max_line_chars:
                report.warn(path, number, f"line of {len(line):,} characters is longer than {max_line_chars:,}; skipped")
                yield number, ""
                continue
            yield number, line


def make_paper(path: Path, line: int, title: str, abstract: str, report: ReadReport, **meta: object) -> Paper | None:
    title, abstract = normalise_space(title), normalise_space(abstract)
    if not title:
        report.warn(path, line, "entry with no title; skipped")
        return None
    if not abstract:
        report.missing_abstracts += 1
        report.warn(path, line, f"title with no abstract ({title[:60]!r}); skipped")
        return None
    return Paper(paper_id=paper_id_for(title, str(meta.pop("given_id", "") or "")), title=title, abstract=abstract, source=f"{path}:{line}", **meta)  # type: ignore[arg-type]


def _looks_like_title(line: str) -> bool:
    return 0 < len(line) <= _MAX_TITLE_CHARS and not line.rstrip().endswith(".")


def read_text(path: Path, report: ReadReport, max_line_chars: int) -> Iterator[Paper]:
    """Boilerplate lines, then title/abstract line pairs; the first title glued to 'Subscribe'.

    Blank lines are skipped. A title followed by a short title-like line, or by a title-like
    line and then a long line, is a title without its abstract: warned about, and the reader
    re-synchronises.
    """
    lines = [(n, line.strip()) for n, line in _decoded_lines(path, report, max_line_chars)]
    start = 0
    for i, (_, line) in enumerate(lines[:3]):
        if line.startswith(_SUBSCRIBE) and len(line) > len(_SUBSCRIBE):
            lines[i] = (lines[i][0], line[len(_SUBSCRIBE) :].strip())
            start = i
            break
    body = [(n, line) for n, line in lines[start:] if line]
    i = 0
    while i < len(body):
        title_line, title = body[i]
        if i + 1 >= len(body):
            report.warn(path, title_line, f"title with no abstract at end of file ({title[:60]!r}); skipped")
            break
        abstract_line, abstract = body[i + 1]
        next_is_abstract = i + 2 < len(body) and not _looks_like_title(body[i + 2][1])
        # A short line without a full stop is a title whatever follows (two titles in a row
        # lost their abstracts); a longer one only when an abstract follows it.
        if _looks_like_title(abstract) and (len(abstract) < _MIN_ABSTRACT_CHARS * 3 or next_is_abstract):
            report.warn(path, title_line, f"title with no abstract ({title[:60]!r}); skipped")
            i += 1
            continue
        if len(title) > _MAX_TITLE_CHARS:
            report.warn(path, title_line, "expected a title, found a long line (missing title?); skipped")
            i += 1
            continue
        if len(abstract) < _MIN_ABSTRACT_CHARS:
            report.warn(path, abstract_line, f"abstract of {len(abstract)} characters is too short to be one; skipped")
            i += 2
            continue
        paper = make_paper(path, title_line, title, abstract, report)
        if paper:
            yield paper
        i += 2


def _as_tuple(value: object, sep: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(normalise_space(str(v)) for v in value if str(v).strip())
    return tuple(normalise_space(v) for v in str(value).split(sep) if v.strip())


def read_jsonl(path: Path, report: ReadReport, max_line_chars: int) -> Iterator[Paper]:
    """One JSON object a line, arXiv-metadata style: id, title, abstract, authors, categories, update_date, url.

    The public arXiv metadata snapshot reads as it is (authors_parsed, versions, doi and
    journal-ref become authors, year, DOI and venue). One line at a time: memory does not grow
    with the file (measured in the README's import figures).
    """
    from rag.importers import arxiv_fields

    for number, line in _decoded_lines(path, report, max_line_chars):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report.warn(path, number, f"not valid JSON ({exc.msg}); skipped")
            continue
        if not isinstance(record, dict):
            report.warn(path, number, "not a JSON object; skipped")
            continue
        paper = make_paper(
            path,
            number,
            str(record.get("title") or ""),
            str(record.get("abstract") or ""),
            report,
            categories=_as_tuple(record.get("categories"), " "),
            update_date=str(record.get("update_date") or ""),
            url=str(record.get("url") or ""),
            **arxiv_fields(record),
        )
        if paper:
            yield paper


def read_csv(path: Path, report: ReadReport, max_line_chars: int) -> Iterator[Paper]:
    """A header row with `title` and `abstract` (any case); `id`, `authors`, `url`... kept when present."""
    numbered = list(_decoded_lines(path, report, max_line_chars))
    # Lines go back with their newline: a quoted field spanning lines must not glue its words.
    reader = csv.DictReader(line + "\n" for _, line in numbered)
    fields = {name.strip().lower(): name for name in (reader.fieldnames or [])}
    if "title" not in fields or "abstract" not in fields:
        raise CorpusError(f"{path} has no 'title' and 'abstract' columns (found: {', '.join(fields) or 'none'})")
    record_end = reader.line_num
    for row in reader:
        # A record is reported at its first line: after the previous record and any blank lines.
        first = record_end
        while first < len(numbered) - 1 and not numbered[first][1].strip():
            first += 1
        number = numbered[first][0]
        record_end = reader.line_num
        get = lambda key: (row.get(fields[key]) or "") if key in fields else ""  # noqa: E731
        paper = make_paper(
            path,
            number,
            get("title"),
            get("abstract"),
            report,
            given_id=get("id"),
            authors=_as_tuple(get("authors"), ","),
            categories=_as_tuple(get("categories"), " "),
            update_date=get("update_date"),
            url=get("url"),
            year=get("year"),
            venue=get("venue"),
            doi=get("doi"),
        )
        if paper:
            yield paper


def _reader(fmt: str):
    if fmt == "bibtex":
        from rag.importers import read_bibtex

        return read_bibtex
    if fmt == "ris":
        from rag.importers import read_ris

        return read_ris
    return {"text": read_text, "jsonl": read_jsonl, "csv": read_csv}[fmt]


def read_corpus(paths: list[Path], report: ReadReport, fmt: str | None = None, max_line_chars: int = 50_000, max_file_mb: int = 2048) -> Iterator[Paper]:
    """Papers from every readable file, each paper once (first occurrence wins)."""
    seen: set[str] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            # Checked before the format: a folder has no extension to complain about.
            report.warn(path, 0, "is a directory, not a file; skipped")
            continue
        reader = _reader(detect_format(path, fmt))
        try:
            size = path.stat().st_size
        except OSError as exc:
            report.warn(path, 0, f"cannot read file ({exc.strerror or type(exc).__name__}); skipped")
            continue
        if size == 0:
            report.warn(path, 0, "file is empty; skipped")
            continue
        if size > max_file_mb * 1024 * 1024:
            report.warn(path, 0, f"file of {size / 2**20:,.0f} MB is over ingest.max_file_mb={max_file_mb}; skipped")
            continue
        try:
            for paper in reader(path, report, max_line_chars):
                if paper.paper_id in seen:
                    report.duplicates += 1
                    report.warn(path, int(paper.source.rsplit(":", 1)[1]), f"duplicate of an earlier paper ({paper.title[:60]!r}); skipped")
                    continue
                seen.add(paper.paper_id)
                report.papers += 1
                yield paper
        except PermissionError as exc:
            report.warn(path, 0, f"cannot read file ({exc.strerror}); skipped")
