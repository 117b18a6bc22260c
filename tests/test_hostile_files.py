"""Hostile and malformed corpus files, each inflicted for real on a real Chroma store.

For every kind: one clear message (a one-line error, or one-line warnings naming the file),
no traceback, and a store that is unchanged (refused files) or holds exactly the good papers
(files with some good records). The table in the README lists the kinds and their outcomes.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from rag.ingest.corpus import MAX_KEPT_WARNINGS
from rag.errors import CorpusError
from rag.ingest.pipeline import ingest
from rag.settings import PROJECT_ROOT, load_settings
from rag.search.store import open_store
from tests.conftest import SHIPPED_CORPUS, write_lines

RAG = Path(sys.executable).parent / "rag"
LINES = SHIPPED_CORPUS.read_text(encoding="utf-8").split("\n")
PAIRS = [(LINES[2 + 2 * i].removeprefix("Subscribe"), LINES[3 + 2 * i]) for i in range(40)]


def jsonl(path: Path, records: list[object]) -> Path:
    return write_lines(path, [r if isinstance(r, str) else json.dumps(r) for r in records])


def record(i: int, **extra: object) -> dict:
    title, abstract = PAIRS[i]
    return {"id": f"hostile-{i}", "title": title, "abstract": abstract, **extra}


@dataclass(frozen=True)
class Kind:
    """A hostile input: build(folder) -> (paths, format); good = papers (PAIRS indexes) it must add."""

    name: str
    build: Callable[[Path], tuple[list[Path], str | None]]
    words: str  # what the error or a warning says
    good: tuple[int, ...] = ()
    title_prefix: str = ""  # what is left in front of the good paper's title


def _random_bytes(folder: Path, name: str = "random.txt") -> Path:
    path = folder / name
    path.write_bytes(random.Random(12).randbytes(4096))
    return path


def _latin1(folder: Path) -> Path:
    path = folder / "latin1.txt"
    lines = []
    for title, abstract in PAIRS[:6]:
        lines += [f"Étude: {title}", f"Résumé — {abstract} Café, naïve, façade."]
    path.write_bytes("\n".join(lines).encode("cp1252"))
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def _symlink_loop(folder: Path) -> Path:
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    return folder / "loop-a.txt"


def _one(path: Path, fmt: str | None = None) -> tuple[list[Path], str | None]:
    return [path], fmt


KINDS = [
    Kind("random-bytes", lambda d: _one(_random_bytes(d)), "not a text file"),
    Kind("random-bytes-as-jsonl", lambda d: _one(_random_bytes(d, "random.jsonl")), "not a text file"),
    Kind("random-bytes-as-csv", lambda d: _one(_random_bytes(d), "csv"), "not a text file"),
    Kind("mostly-not-utf8", lambda d: _one(_latin1(d)), "not UTF-8 text"),
    Kind("utf16", lambda d: _one(_write(d / "utf16.txt", "\n".join(PAIRS[0]).encode("utf-16"))), "UTF-16"),
    Kind("gzip-as-text", lambda d: _one(_write(d / "papers.txt", gzip.compress(SHIPPED_CORPUS.read_bytes()[:20000]))), "gzip"),
    Kind("pdf-as-text", lambda d: _one(_write(d / "paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")), "PDF"),
    Kind("html-as-text", lambda d: _one(_write(d / "page.txt", b"<!DOCTYPE html>\n<html><body><h1>Papers</h1>\n<p>Nothing here is an abstract.</p></body></html>\n")), "XML or HTML"),
    Kind("json-array-as-jsonl", lambda d: _one(_write(d / "papers.json", json.dumps([record(0), record(1)], indent=2).encode())), "JSON array"),
    Kind("jsonl-given-as-text", lambda d: _one(jsonl(d / "papers.txt", [record(0), record(1)])), "--format jsonl"),
    Kind("truncated-json", lambda d: _one(jsonl(d / "cut.jsonl", [record(2), record(3), json.dumps(record(4))[:90]])), "not valid JSON", (2, 3)),
    Kind("fifty-mb-line", lambda d: _one(_write(d / "one-line.txt", b"x" * (50 * 2**20))), "longer than 50,000"),
    Kind("fifty-mb-line-jsonl", lambda d: _one(_write(d / "one-line.jsonl", b'{"title": "' + b"y" * (50 * 2**20) + b'"}\n' + json.dumps(record(5)).encode() + b"\n")), "longer than 50,000", (5,)),
    Kind("only-blank-lines", lambda d: _one(_write(d / "blank.txt", b"\n  \n\t\n\r\n" * 500)), "only blank lines"),
    Kind("mixed-formats-in-jsonl", lambda d: _one(jsonl(d / "mixed.jsonl", [record(6), PAIRS[7][0], PAIRS[7][1], "title,abstract", record(8)])), "not valid JSON", (6, 8)),
    Kind("duplicate-ids-other-text", lambda d: _one(jsonl(d / "dup.jsonl", [record(9), {**record(10), "id": "hostile-9"}])), "already used by an earlier paper with other text", (9,)),
    Kind("missing-fields", lambda d: _one(jsonl(d / "missing.jsonl", [{"id": "m1", "title": PAIRS[11][0]}, {"id": "m2", "abstract": PAIRS[11][1]}, {}, record(12)])), "no abstract", (12,)),
    Kind("wrong-field-types", lambda d: _one(jsonl(d / "types.jsonl", [{**record(13), "title": ["a", "list"]}, {**record(14), "abstract": {"an": "object"}}, record(15)])), "should be text", (15,)),
    Kind("empty-file", lambda d: _one(_write(d / "empty.txt", b"")), "file is empty"),
    Kind("directory", lambda d: _one(_mkdir(d / "folder.txt")), "is a directory"),
    Kind("missing-path", lambda d: _one(d / "nowhere.txt"), "No such file"),
    Kind("symlink-loop", lambda d: _one(_symlink_loop(d)), "Too many levels of symbolic links"),
    Kind("named-pipe", lambda d: _one(_fifo(d)), "not a regular file"),
    Kind("csv-bomb", lambda d: _one(_write(d / "bomb.csv", b"title,abstract\n" + b"a,b\n" * 300_000)), "too short"),  # 2M: reader test below
    Kind("csv-huge-field", lambda d: _one(_write(d / "huge.csv", b'title,abstract\n"T","' + b"word " * 60_000 + b'"\n')), "longer than 50,000"),
    Kind("csv-unclosed-quote", lambda d: _one(_write(d / "quote.csv", ("title,abstract\n" + f'"{PAIRS[16][0]}","{PAIRS[16][1]}"\n' + '"Never closed,\n' + "x\n" * 100_000).encode())), "CSV error", (16,)),
    Kind("jsonl-huge-abstract", lambda d: _one(jsonl(d / "huge.jsonl", [{**record(17), "abstract": "Words and words. " * 2000}, record(18)])), "over 20,000", (18,)),
    Kind("jsonl-nesting-bomb", lambda d: _one(_write(d / "nested.jsonl", json.dumps(record(19)).encode() + b"\n" + b"[" * 20_000 + b"]" * 20_000 + b"\n")), "not usable JSON", (19,)),
    Kind("jsonl-5000-digit-number", lambda d: _one(jsonl(d / "digits.jsonl", ['{"title": "T", "abstract": ' + "9" * 5000 + "}", record(20)])), "not usable JSON", (20,)),
    Kind("controls-and-bidi-in-title", lambda d: _one(jsonl(d / "controls.jsonl", [{**record(21), "title": "\x1b[31mRed\x1b[0m \u202eevil\u202c " + PAIRS[21][0] + "\u200b"}])), "", (21,), "[31mRed[0m evil "),
    Kind("excel-csv-with-bom", lambda d: _one(_write(d / "excel.csv", b"\xef\xbb\xbfTitle,Abstract\r\n" + f'"{PAIRS[22][0]}","{PAIRS[22][1]}"\r\n'.encode())), "", (22,)),
]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, embedder):
    """A store holding 3 shipped papers, shared by every kind (each must leave it consistent)."""
    from rag.ingest.chunking import token_counter

    settings = load_settings(data_dir=tmp_path_factory.mktemp("hostile-store"))
    store = open_store(settings, embedder.name)
    count = token_counter(settings.chunking)
    base = write_lines(tmp_path_factory.mktemp("base") / "base.txt", [line for pair in PAIRS[30:33] for line in pair])
    ingest([base], settings, store, embedder, count, progress=False)
    return settings, store, count


def snapshot(store) -> dict[str, str]:
    page = store.chunks.get(include=["metadatas"])
    return {cid: meta["paper_id"] for cid, meta in zip(page["ids"], page["metadatas"])}


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_hostile_file_gives_one_clear_message_and_a_consistent_store(kind, tmp_path, seeded, embedder):
    settings, store, count = seeded
    paths, fmt = kind.build(tmp_path)
    before = snapshot(store)

    try:
        summary = ingest(paths, settings, store, embedder, count, fmt, progress=False)
    except CorpusError as exc:
        assert not kind.good, f"{kind.name}: refused, but it holds good papers: {exc.user_line()}"
        line = exc.user_line()
        assert "\n" not in line and line.startswith("error: ") and str(paths[0]) in line
        assert kind.words in line, line
        assert snapshot(store) == before  # refused: nothing changed
        return

    assert kind.good, f"{kind.name}: accepted with {summary.papers} papers and warnings {summary.warnings[:3]}"
    assert summary.papers == len(kind.good)
    assert all("\n" not in w and w.startswith(str(paths[0])) for w in summary.warnings)
    assert any(kind.words in w for w in summary.warnings) if kind.words else summary.warnings == []
    after = snapshot(store)
    assert set(before.items()) <= set(after.items())  # nothing removed or rewritten
    added = {after[c] for c in set(after) - set(before)}
    stored_titles = {c.paper.paper_id: c.paper.title for c in store.scan_chunks()}
    expected = {kind.title_prefix + PAIRS[i][0] for i in kind.good}
    assert {stored_titles[p] for p in added} <= expected
    assert expected <= set(stored_titles.values())  # every good paper is there, cleanly titled
    assert all(t.isprintable() and "\ufffd" not in t for t in stored_titles.values())


def peak_memory_reading(path: Path) -> tuple[int, list[str], int, float]:
    """(titles read, kept warnings, warning count, seconds, peak RSS growth in MB) in a fresh process."""
    script = (
        "import json, resource, sys, time; from pathlib import Path; from rag.ingest.corpus import ReadReport, read_corpus; "
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; began = time.perf_counter(); r = ReadReport(); "
        "titles = [p.title for p in read_corpus([Path(sys.argv[1])], r)]; "
        "print(json.dumps([titles, r.warnings[:3], r.warning_count, len(r.warnings), time.perf_counter() - began, "
        "(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024]))"
    )
    result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=600, cwd=PROJECT_ROOT,
                            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_fifty_mb_line_is_skipped_without_holding_it_in_memory(tmp_path):
    path = _write(tmp_path / "one-line.jsonl", b"z" * (50 * 2**20) + b"\n" + json.dumps(record(0)).encode() + b"\n")
    titles, warnings, count, _, _, grown_mb = peak_memory_reading(path)
    assert titles == [PAIRS[0][0]] and count == 1
    assert warnings[0].startswith(f"{path}:1: line of 52,428,801 bytes")
    assert grown_mb < 16  # read in 1 MB pieces, never whole (reading it whole: 50+ MB)


def test_a_csv_bomb_of_two_million_rows_is_streamed_counted_and_capped(tmp_path):
    path = _write(tmp_path / "bomb.csv", b"title,abstract\n" + b"a,b\n" * 2_000_000)
    titles, warnings, count, kept, seconds, grown_mb = peak_memory_reading(path)
    assert titles == [] and count == 2_000_000 and kept == MAX_KEPT_WARNINGS
    assert warnings[0] == f"{path}:2: abstract of 1 characters is too short to be one ('a'); skipped"
    assert grown_mb < 32, grown_mb
    assert seconds < 90, seconds  # ~10 s on 2 loaded cores


@pytest.mark.slow
def test_cli_refuses_random_bytes_with_one_line_and_changes_nothing(tmp_path, embedder):
    """The reported case: `rag ingest` of 4 KB of random bytes added 8 garbage papers and exited 0."""
    from rag.ingest.chunking import token_counter

    data = tmp_path / "data"
    settings = load_settings(data_dir=data)
    store = open_store(settings, embedder.name)
    base = write_lines(tmp_path / "base.txt", [line for pair in PAIRS[:2] for line in pair])
    ingest([base], settings, store, embedder, token_counter(settings.chunking), progress=False)
    before = snapshot(store)
    noise = _random_bytes(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(RAG_DATA_DIR=str(data), HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False")

    result = subprocess.run([str(RAG), "ingest", str(noise)], env=env, capture_output=True, text=True, timeout=300)

    assert result.returncode == CorpusError.exit_code
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"error: no usable papers in {noise}"), result.stderr
    assert "not a text file" in lines[0] and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert snapshot(open_store(settings, embedder.name)) == before
