"""Read paper abstracts from corpus files: the shipped text format, JSON Lines, CSV.

Readers stream papers, so an arXiv-sized file never has to sit in memory, and report every
problem as a counted warning naming the file and line. Only when nothing usable is left
does the caller turn that into an error.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import re
import stat
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rag.errors import CorpusError
from rag.ingest.invisible import strip_invisible
from rag.records import Paper
from rag.ingest.text_sniff import refusal

FORMATS = ("text", "jsonl", "csv", "bibtex", "ris")
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
    ".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris",
}
_SUBSCRIBE = "Subscribe"
# A title is a line; an abstract is prose. Titles over 400 characters are really abstracts.
_MAX_TITLE_CHARS = 400
_MIN_ABSTRACT_CHARS = 40
# JSON Lines and CSV name their fields, so only a label-sized "abstract" is refused there
# (a CSV bomb of millions of "a,b" rows must not become millions of papers).
_MIN_FIELD_ABSTRACT_CHARS = 20
# arXiv caps abstracts at 1,920 characters; ten times that is a paper body pasted into the field.
_MAX_ABSTRACT_CHARS = 20_000
_MAX_ID_CHARS = 200
# Warnings kept for the summary and the log; a bomb of bad rows is counted past this, not stored.
MAX_KEPT_WARNINGS = 1000
_SPACES = re.compile(r"\s+")
# arXiv abstracts keep TeX's escapes for its special characters ("a 10.3\% accuracy gain",
# "mesh\&texture"): a reader sees "%", and a figure check looking for "10.3%" must too.
_TEX_ESCAPED = re.compile(r"\\([%&_#$])")
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass
class ReadReport:
    """What reading produced besides papers: warnings and counts."""

    warnings: list[str] = field(default_factory=list)  # the first MAX_KEPT_WARNINGS
    warning_count: int = 0  # all of them
    papers: int = 0
    duplicates: int = 0
    missing_abstracts: int = 0  # entries with a title but no abstract (common in BibTeX exports): nothing to index

    def warn(self, path: Path, line: int, message: str) -> None:
        self.warning_count += 1
        if len(self.warnings) < MAX_KEPT_WARNINGS:
            self.warnings.append(f"{path}:{line}: {message}")


def normalise_space(text: str) -> str:
    return _SPACES.sub(" ", strip_invisible(text)).strip()


def unescape_tex(text: str) -> str:
    """"10.3\\% gain" -> "10.3% gain": the characters TeX escapes, as they read (macros stay)."""
    return _TEX_ESCAPED.sub(r"\1", text)


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
    """Numbered text lines; bad UTF-8 is replaced (and counted), absurdly long lines skipped.

    A line is read at most 4 bytes a character past the limit (UTF-8's widest), so a 50 MB
    line with no newline never sits in memory whole: it is skipped piece by piece.
    """
    byte_limit = 4 * max_line_chars + 2
    with open(path, "rb") as handle:
        number = 0
        while raw := handle.readline(byte_limit):
            number += 1
            if len(raw) == byte_limit and not raw.endswith(b"\n"):
                size = len(raw)
                while (more := handle.readline(1 << 20)) and not more.endswith(b"\n"):
                    size += len(more)
                size += len(more)
                report.warn(path, number, f"line of {size:,} bytes is longer than {max_line_chars:,} characters; skipped")
                yield number, ""
                continue
            raw = raw.rstrip(b"\r\n")
            if number == 1:
                raw = raw.removeprefix(_UTF8_BOM)  # Excel's CSV export starts with one
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


def make_paper(path: Path, line: int, title: str, abstract: str, report: ReadReport, min_abstract: int = 1, **meta: object) -> Paper | None:
    title, abstract = unescape_tex(normalise_space(title)), unescape_tex(normalise_space(abstract))
    given_id = normalise_space(str(meta.pop("given_id", "") or ""))
    if not title:
        report.warn(path, line, "entry with no title; skipped")
        return None
    if len(title) > _MAX_TITLE_CHARS:
        report.warn(path, line, f"title of {len(title):,} characters is too long to be a title; skipped")
        return None
    if not abstract:
        report.missing_abstracts += 1
        report.warn(path, line, f"title with no abstract ({title[:60]!r}); skipped")
        return None
    if len(abstract) < min_abstract:
        report.warn(path, line, f"abstract of {len(abstract)} characters is too short to be one; skipped")
        return None
    if len(abstract) > _MAX_ABSTRACT_CHARS:
        report.warn(path, line, f"abstract of {len(abstract):,} characters is over {_MAX_ABSTRACT_CHARS:,} (a whole paper?); skipped")
        return None
    if len(given_id) > _MAX_ID_CHARS:
        report.warn(path, line, f"id of {len(given_id):,} characters is over {_MAX_ID_CHARS}; skipped")
        return None
    return Paper(paper_id=paper_id_for(title, given_id), title=title, abstract=abstract, source=f"{path}:{line}", **meta)  # type: ignore[arg-type]


def _looks_like_title(line: str) -> bool:
    return 0 < len(line) <= _MAX_TITLE_CHARS and not line.rstrip().endswith(".")


def _body_lines(path: Path, report: ReadReport, max_line_chars: int) -> Iterator[tuple[int, str]]:
    """The non-blank lines after the boilerplate, the first title freed from 'Subscribe', read as they come."""
    lines = ((n, line.strip()) for n, line in _decoded_lines(path, report, max_line_chars))
    head = list(itertools.islice(lines, 3))
    start = 0
    for i, (number, line) in enumerate(head):
        if line.startswith(_SUBSCRIBE) and len(line) > len(_SUBSCRIBE):
            head[i] = (number, line[len(_SUBSCRIBE) :].strip())
            start = i
            break
    yield from ((n, line) for n, line in itertools.chain(head[start:], lines) if line)


def read_text(path: Path, report: ReadReport, max_line_chars: int) -> Iterator[Paper]:
    """Boilerplate lines, then title/abstract line pairs; the first title glued to 'Subscribe'.

    Blank lines are skipped. A title followed by a short title-like line, or by a title-like
    line and then a long line, is a title without its abstract: warned about, and the reader
    re-synchronises. The file is read line by line with three lines of look-ahead, so a corpus
    of millions of abstracts never sits in memory whole.
    """
    body = _body_lines(path, report, max_line_chars)
    window: deque[tuple[int, str]] = deque()

    def advance(count: int) -> None:
        for _ in range(count):
            window.popleft()
        while len(window) < 3 and (line := next(body, None)) is not None:
            window.append(line)

    advance(0)
    while window:
        title_line, title = window[0]
        if len(window) < 2:
            report.warn(path, title_line, f"title with no abstract at end of file ({title[:60]!r}); skipped")
            break
        abstract_line, abstract = window[1]
        next_is_abstract = len(window) > 2 and not _looks_like_title(window[2][1])
        # A short line without a full stop is a title whatever follows (two titles in a row
        # lost their abstracts); a longer one only when an abstract follows it.
        if _looks_like_title(abstract) and (len(abstract) < _MIN_ABSTRACT_CHARS * 3 or next_is_abstract):
            report.warn(path, title_line, f"title with no abstract ({title[:60]!r}); skipped")
            advance(1)
            continue
        if len(title) > _MAX_TITLE_CHARS:
            report.warn(path, title_line, "expected a title, found a long line (missing title?); skipped")
            advance(1)
            continue
        if len(abstract) < _MIN_ABSTRACT_CHARS:
            report.warn(path, abstract_line, f"abstract of {len(abstract)} characters is too short to be one; skipped")
            advance(2)
            continue
        paper = make_paper(path, title_line, title, abstract, report)
        if paper:
            yield paper
        advance(2)


def _as_tuple(value: object, sep: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(normalise_space(str(v)) for v in value if str(v).strip())
    return tuple(normalise_space(v) for v in str(value).split(sep) if v.strip())


def _text_field(record: dict, key: str) -> str | None:
    """A field that must hold text: None when it holds a list, an object..."""
    value = record.get(key)
    if value is None or isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return "" if value is None else str(value)
    return None


def read_jsonl(path: Path, report: ReadReport, max_line_chars: int) -> Iterator[Paper]:
    """One JSON object a line, arXiv-metadata style: id, title, abstract, authors, categories, update_date, url.

    The public arXiv metadata snapshot reads as it is (authors_parsed, versions, doi and
    journal-ref become authors, year, DOI and venue). One line at a time: memory does not grow
    with the file (measured in the README's import figures).
    """
    from rag.ingest.importers import arxiv_fields

    for number, line in _decoded_lines(path, report, max_line_chars):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report.warn(path, number, f"not valid JSON ({exc.msg}); skipped")
            continue
        except (ValueError, RecursionError) as exc:  # a 5,000-digit number; [[[[...]]]] nested 100,000 deep
            report.warn(path, number, f"not usable JSON ({type(exc).__name__}); skipped")
            continue
        if not isinstance(record, dict):
            report.warn(path, number, "not a JSON object; skipped")
            continue
        fields = {key: _text_field(record, key) for key in ("title", "abstract", "id", "update_date", "url")}
        wrong = [key for key, value in fields.items() if value is None]
        if wrong:
            report.warn(path, number, f"{', '.join(wrong)} should be text, not a list or object; skipped")
            continue
        paper = make_paper(
            path,
            number,
            fields["title"] or "",
            fields["abstract"] or "",
            report,
            min_abstract=_MIN_FIELD_ABSTRACT_CHARS,
            categories=_as_tuple(record.get("categories"), " "),
            update_date=fields["update_date"] or "",
            url=fields["url"] or "",
            **arxiv_fields(record),
        )
        if paper:
            yield paper


class _LinesRead:
    """Feeds csv the decoded lines, remembering where the record being read started."""

    def __init__(self, lines: Iterator[tuple[int, str]]) -> None:
        self.lines = lines
        self.first_text: int | None = None  # first non-blank line read since the last record
        self.last = 0

    def __iter__(self) -> Iterator[str]:
        for number, line in self.lines:
            if self.first_text is None and line.strip():
                self.first_text = number
            self.last = number
            # Lines go back with their newline: a quoted field spanning lines must not glue its words.
            yield line + "\n"

    def record_start(self) -> int:
        """Where the record just read starts: after the previous record and any blank lines."""
        started = self.first_text if self.first_text is not None else self.last
        self.first_text = None
        return started


def read_csv(path: Path, report: ReadReport, max_line_chars: int) -> Iterator[Paper]:
    """A header row with `title` and `abstract` (any case); `id`, `authors`, `url`... kept when present.

    Streamed, and rows too small to hold an abstract are turned away before any other work:
    a CSV bomb of 2 million "a,b" rows is read in seconds, in constant memory.
    """
    lines = _LinesRead(_decoded_lines(path, report, max_line_chars))
    reader = csv.reader(lines)
    try:
        header = next(reader, None) or []
    except csv.Error as exc:
        raise CorpusError(f"{path} is not readable as CSV ({exc})") from None
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        columns.setdefault(name.strip().lower(), i)  # the first of a repeated name wins
    if "title" not in columns or "abstract" not in columns:
        raise CorpusError(f"{path} has no 'title' and 'abstract' columns (found: {', '.join(columns)[:200] or 'none'})")
    lines.record_start()
    title_at, abstract_at = columns["title"], columns["abstract"]

    def cell(row: list[str], key: str) -> str:
        at = columns.get(key)
        return row[at] if at is not None and at < len(row) else ""

    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # An unclosed quote swallows the rest of the file into one field: nothing after
            # it can be trusted to be a record, so the file ends here, with a warning.
            report.warn(path, lines.record_start(), f"CSV error ({exc}: an unclosed quote?); the rest of the file is skipped")
            return
        number = lines.record_start()
        if not row:
            continue
        abstract = row[abstract_at] if abstract_at < len(row) else ""
        if len(abstract) < _MIN_FIELD_ABSTRACT_CHARS:
            title = row[title_at][:60] if title_at < len(row) else ""
            report.warn(path, number, f"abstract of {len(abstract.strip())} characters is too short to be one ({title!r}); skipped")
            continue
        paper = make_paper(
            path,
            number,
            cell(row, "title"),
            abstract,
            report,
            min_abstract=_MIN_FIELD_ABSTRACT_CHARS,
            given_id=cell(row, "id"),
            authors=_as_tuple(cell(row, "authors"), ","),
            categories=_as_tuple(cell(row, "categories"), " "),
            update_date=cell(row, "update_date"),
            url=cell(row, "url"),
            year=cell(row, "year"),
            venue=cell(row, "venue"),
            doi=cell(row, "doi"),
        )
        if paper:
            yield paper


def _reader(fmt: str):
    if fmt == "bibtex":
        from rag.ingest.importers import read_bibtex

        return read_bibtex
    if fmt == "ris":
        from rag.ingest.importers import read_ris

        return read_ris
    return {"text": read_text, "jsonl": read_jsonl, "csv": read_csv}[fmt]


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def read_corpus(paths: list[Path], report: ReadReport, fmt: str | None = None, max_line_chars: int = 50_000, max_file_mb: int = 2048) -> Iterator[Paper]:
    """Papers from every readable file, each paper once (first occurrence wins).

    A file that cannot be read, is not text of its format, or holds no paper is one warning
    and is skipped whole; only `CorpusError` (an unknown format) stops the reading.
    """
    seen: dict[str, int] = {}  # paper id -> hash of its title and abstract
    for path in paths:
        path = Path(path)
        try:
            info = path.stat()  # follows symlinks: a loop fails here with ELOOP
        except OSError as exc:
            report.warn(path, 0, f"cannot read file ({_reason(exc)}); skipped")
            continue
        if stat.S_ISDIR(info.st_mode):
            # Checked before the format: a folder has no extension to complain about.
            report.warn(path, 0, "is a directory, not a file; skipped")
            continue
        if not stat.S_ISREG(info.st_mode):
            report.warn(path, 0, "is not a regular file (a device, pipe or socket); skipped")
            continue
        file_format = detect_format(path, fmt)
        reader = _reader(file_format)
        if info.st_size == 0:
            report.warn(path, 0, "file is empty; skipped")
            continue
        if info.st_size > max_file_mb * 1024 * 1024:
            report.warn(path, 0, f"file of {info.st_size / 2**20:,.0f} MB is over ingest.max_file_mb={max_file_mb}; skipped")
            continue
        papers_before, warnings_before = report.papers, report.warning_count
        try:
            why_not = refusal(path, file_format)
            if why_not:
                report.warn(path, 0, why_not)
                continue
            for paper in reader(path, report, max_line_chars):
                text_hash = hash((paper.title, paper.abstract))
                if paper.paper_id in seen:
                    report.duplicates += 1
                    line = int(paper.source.rsplit(":", 1)[1])
                    if seen[paper.paper_id] == text_hash:
                        report.warn(path, line, f"duplicate of an earlier paper ({paper.title[:60]!r}); skipped")
                    elif paper.paper_id.startswith("t-"):  # no id given: the title is the id
                        report.warn(path, line, f"same title as an earlier paper, other text ({paper.title[:60]!r}); skipped")
                    else:
                        report.warn(path, line, f"id {paper.paper_id[:40]!r} is already used by an earlier paper with other text; skipped (give each paper its own id)")
                    continue
                seen[paper.paper_id] = text_hash
                report.papers += 1
                yield paper
        except OSError as exc:  # unreadable (permissions), or an I/O error mid-file
            report.warn(path, 0, f"cannot read file ({_reason(exc)}); skipped")
            continue
        if report.papers == papers_before and report.warning_count == warnings_before:
            report.warn(path, 0, "no papers found: the file holds only blank lines or boilerplate; skipped")
