"""Ingest into a real Chroma on disk with the real MiniLM embedder, in process and through `rag`.

What a user relies on: the counts `rag ingest` reports are what the store holds; running it
again costs nothing; an edited abstract replaces its old chunks; other chunk settings never
mix into the same collection; a bad file gives one clear line, never a traceback; and an
ingest killed at any point finishes with exactly what a clean run would have stored.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.ingest.cards import card_id_for
from rag.ingest.chunking import chunk_abstract
from rag.ingest.corpus import ReadReport, read_corpus
from rag.errors import CorpusError
from rag.ingest.pipeline import IngestSummary, ingest
from rag.records import Paper
from rag.settings import load_settings
from rag.search.store import PaperStore, collection_name, open_store, sentence_id_for
from tests.conftest import SHIPPED_CORPUS, write_lines

RAG = Path(sys.executable).parent / "rag"
SHIPPED_LINES = SHIPPED_CORPUS.read_text(encoding="utf-8").split("\n")


def corpus_of(path: Path, papers: int) -> Path:
    """The first `papers` papers of the shipped corpus, in its format (2 boilerplate lines first)."""
    return write_lines(path, SHIPPED_LINES[: 2 + 2 * papers])


def ingest_into(paths: list[Path], settings, embedder, count_tokens) -> tuple[PaperStore, IngestSummary]:
    store = open_store(settings, embedder.name)
    return store, ingest(paths, settings, store, embedder, count_tokens, progress=False)


def paper_ids(paper: Paper, settings, count_tokens) -> tuple[set[str], set[str]]:
    """Chunk and sentence ids a correct ingest stores for `paper`, computed without the store."""
    chunk_ids, sentence_ids = set(), set()
    for chunk in chunk_abstract(paper, settings.chunking, count_tokens):
        chunk_ids.add(chunk.chunk_id)
        for span in chunk.sentences:
            sentence_ids.add(sentence_id_for(paper.paper_id, span, paper.abstract[span.start : span.end]))
    return chunk_ids, sentence_ids


def expected_ids(path: Path, settings, count_tokens) -> tuple[set[str], set[str]]:
    chunk_ids, sentence_ids = set(), set()
    for paper in read_corpus([path], ReadReport()):
        chunks, sentences = paper_ids(paper, settings, count_tokens)
        chunk_ids |= chunks
        sentence_ids |= sentences
    return chunk_ids, sentence_ids


def stored_ids(store: PaperStore) -> tuple[list[str], list[str]]:
    return store.chunks.get(include=[])["ids"], store.sentences.get(include=[])["ids"]


def ids_of_paper(store: PaperStore, paper_id: str) -> tuple[set[str], set[str]]:
    return store.ids_for_papers([paper_id]), store.ids_for_papers([paper_id], sentences=True)


# -- in process ---------------------------------------------------------------------------


def test_ingest_small_corpus_then_again_adds_nothing(small_corpus, make_settings, embedder, count_tokens):
    settings = make_settings()
    store, summary = ingest_into([small_corpus], settings, embedder, count_tokens)

    want_chunks, want_sentences = expected_ids(small_corpus, settings, count_tokens)
    assert (summary.papers, summary.chunks, summary.added, summary.skipped, summary.removed) == (12, len(want_chunks), len(want_chunks), 0, 0)
    assert summary.warnings == []
    assert store.count_papers() == 12
    assert store.count_chunks() == summary.chunks
    chunk_ids, sentence_ids = stored_ids(store)
    assert set(chunk_ids) == want_chunks
    assert set(sentence_ids) == want_sentences
    assert summary.sentences_added == len(want_sentences)

    # The stored vectors find the right paper: its own title as the query ranks it first.
    papers = list(read_corpus([small_corpus], ReadReport()))
    target = papers[5]
    (best, score), *_ = store.dense_search(embedder.embed([target.title])[0], 5)
    assert best.paper.paper_id == target.paper_id
    assert best.paper.title == target.title and best.paper.abstract == target.abstract
    assert best.text == target.abstract[best.start : best.end]
    assert 0.3 < score <= 1.0001

    again = ingest([small_corpus], settings, store, embedder, count_tokens, progress=False)
    assert (again.papers, again.chunks, again.added, again.skipped, again.removed) == (12, summary.chunks, 0, summary.chunks, 0)
    assert again.sentences_added == 0 and again.updated == 0
    assert store.count_chunks() == summary.chunks
    assert len(store.sentences.get(include=[])["ids"]) == len(want_sentences)


def test_other_chunk_size_builds_its_own_collection(tmp_path, make_settings, embedder, count_tokens):
    corpus = corpus_of(tmp_path / "four.txt", 4)
    default = make_settings()
    small = make_settings(chunking={"chunk_tokens": 64})
    assert collection_name(default, embedder.name) != collection_name(small, embedder.name)

    store, summary = ingest_into([corpus], default, embedder, count_tokens)
    small_store, small_summary = ingest_into([corpus], small, embedder, count_tokens)

    assert small_store.name != store.name
    assert small_summary.added == small_summary.chunks > summary.chunks  # nothing reused from the other collection
    assert store.count_chunks() == summary.chunks  # the first collection is untouched
    assert set(stored_ids(store)[0]) == expected_ids(corpus, default, count_tokens)[0]
    assert set(stored_ids(small_store)[0]) == expected_ids(corpus, small, count_tokens)[0]
    assert all(count_tokens(c.text) <= 64 for c in small_store.scan_chunks())
    assert max(count_tokens(c.text) for c in store.scan_chunks()) > 64


def test_edited_abstract_replaces_that_papers_chunks(tmp_path, make_settings, embedder, count_tokens):
    settings = make_settings()
    corpus = corpus_of(tmp_path / "four.txt", 4)
    papers = list(read_corpus([corpus], ReadReport()))
    # A paper cut into 2+ chunks: editing its last sentence changes its last chunk, keeps the others.
    target = next(p for p in papers if len(chunk_abstract(p, settings.chunking, count_tokens)) >= 2)
    store, first = ingest_into([corpus], settings, embedder, count_tokens)
    old_chunks, old_sentences = ids_of_paper(store, target.paper_id)
    others_before = set(stored_ids(store)[0]) - old_chunks

    last_sentence = target.abstract.rsplit(". ", 1)[1]
    new_abstract = target.abstract.removesuffix(last_sentence) + "We release all code and the new benchmark."
    corpus.write_text(corpus.read_text(encoding="utf-8").replace(target.abstract, new_abstract), encoding="utf-8")
    edited = next(p for p in read_corpus([corpus], ReadReport()) if p.paper_id == target.paper_id)
    assert edited.abstract == new_abstract

    again = ingest([corpus], settings, store, embedder, count_tokens, progress=False)

    new_chunks, new_sentences = paper_ids(edited, settings, count_tokens)
    chunks_now, sentences_now = ids_of_paper(store, target.paper_id)
    assert chunks_now == new_chunks  # exactly the new chunks: no stale ones left
    assert again.removed == len(old_chunks - new_chunks) >= 1
    assert again.added == len(new_chunks - old_chunks) >= 1
    assert again.skipped == first.chunks - again.removed  # untouched chunks were not embedded again
    assert again.updated == len(old_chunks & new_chunks)  # ...but now show the edited abstract
    assert store.count_chunks() == again.chunks
    assert set(stored_ids(store)[0]) - chunks_now == others_before
    assert sentences_now == new_sentences and sentences_now != old_sentences
    stored_texts = [c.text for c in store.scan_chunks() if c.paper.paper_id == target.paper_id]
    assert not [t for t in stored_texts if last_sentence in t]
    assert [t for t in stored_texts if "We release all code and the new benchmark." in t]
    (stored,) = {c.paper.abstract for c in store.scan_chunks() if c.paper.paper_id == target.paper_id}
    assert stored == new_abstract
    # The paper's card was rebuilt from the new abstract; the others were kept; one card a paper.
    assert store.cards_for([target.paper_id])[target.paper_id].card_id == card_id_for(edited)
    assert store.ids_for_papers([p.paper_id for p in papers], cards=True) == {card_id_for(p) for p in read_corpus([corpus], ReadReport())}


def test_changed_authors_reach_the_stored_paper_without_embedding_again(tmp_path, make_settings, embedder, count_tokens):
    settings = make_settings()
    papers = list(read_corpus([corpus_of(tmp_path / "two.txt", 2)], ReadReport()))
    records = [{"id": f"2401.0000{i}", "title": p.title, "abstract": p.abstract, "authors": "A. One"} for i, p in enumerate(papers)]
    path = tmp_path / "two.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store, first = ingest_into([path], settings, embedder, count_tokens)

    records[1]["authors"] = "A. One, B. Two"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    again = ingest([path], settings, store, embedder, count_tokens, progress=False)

    assert (again.added, again.removed, again.skipped) == (0, 0, first.chunks)
    assert again.updated == len(ids_of_paper(store, "2401.00001")[0])
    authors = {c.paper.paper_id: c.paper.authors for c in store.scan_chunks()}
    assert authors == {"2401.00000": ("A. One",), "2401.00001": ("A. One", "B. Two")}


def test_nothing_usable_is_a_corpus_error(tmp_path, make_settings, embedder, count_tokens):
    titles = write_lines(tmp_path / "titles.txt", ["A Title", "Another Title", "A Third Title"])
    with pytest.raises(CorpusError) as caught:
        ingest_into([titles], make_settings(), embedder, count_tokens)
    assert str(titles) in caught.value.message


# -- through the `rag` command ------------------------------------------------------------


def rag_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(RAG_DATA_DIR=str(data_dir), HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False", GRADIO_ANALYTICS_ENABLED="False")
    env.update(extra)
    return env


def rag(*args: str, data_dir: Path, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(RAG), *args], env=rag_env(data_dir, **env), capture_output=True, text=True, timeout=timeout, cwd=data_dir.parent
    )


def test_cli_ingest_json_and_stats(tmp_path):
    corpus = corpus_of(tmp_path / "three.txt", 3)
    data = tmp_path / "data"

    result = rag("ingest", "--json", str(corpus), data_dir=data)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    summary = json.loads(result.stdout)
    assert {"papers", "chunks", "added", "skipped", "warnings"} <= set(summary)
    assert summary["papers"] == 3
    assert summary["added"] == summary["chunks"] >= 3
    assert summary["skipped"] == 0 and summary["warnings"] == []
    assert (data / "chroma").is_dir()  # RAG_DATA_DIR was honoured

    stats = rag("stats", "--json", data_dir=data)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["papers"] == 3
    assert json.loads(stats.stdout)["chunks"] == summary["chunks"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("garbage.txt", b"\x00\x01\x02 binary junk\nzzz\n%%%%\n"),
        ("titles.txt", b"Only A Title\nAnd Another Title\nAnd A Third One\n"),
    ],
    ids=["garbage", "only-titles"],
)
def test_cli_unusable_file_gives_one_error_line(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)

    result = rag("ingest", str(path), data_dir=tmp_path / "data")

    assert result.returncode == CorpusError.exit_code
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert str(path) in lines[0]
    assert result.stdout == ""


def test_cli_unknown_format_is_a_usage_error(tmp_path):
    result = rag("ingest", "--format", "xml", str(SHIPPED_CORPUS), data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "invalid choice: 'xml'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()  # refused before touching the store


def test_cli_file_with_some_bad_lines_succeeds_with_warnings(tmp_path):
    good = SHIPPED_LINES[2:8]  # three papers
    bad = good + ["A Title That Lost Its Abstract", SHIPPED_LINES[8], SHIPPED_LINES[9], SHIPPED_LINES[8], SHIPPED_LINES[9]]
    path = write_lines(tmp_path / "mixed.txt", ["", *bad])
    data = tmp_path / "data"

    result = rag("ingest", "-q", "--json", str(path), data_dir=data)

    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["papers"] == 4
    assert len(summary["warnings"]) == 2
    assert summary["warnings"][0].startswith(f"{path}:8: title with no abstract")
    assert summary["warnings"][1].startswith(f"{path}:11: duplicate")

    # Without --json the same warnings reach the terminal, one line each, then the summary.
    plain = rag("ingest", str(path), data_dir=data)
    assert plain.returncode == 0, plain.stderr
    assert plain.stderr.splitlines() == [f"warning: {w}" for w in summary["warnings"]]
    assert plain.stdout.startswith("4 papers, ") and "2 warnings" in plain.stdout


# -- interrupted ingest (slow) ---------------------------------------------------------------


def stored_chunk_rows(data_dir: Path, name: str) -> int:
    """Chunks committed to the store so far, read from Chroma's SQLite file while the writer runs.

    Read-only and brief (Chroma's writer waits out a reader's lock); 0 when not readable yet.
    """
    db = data_dir / "chroma" / "chroma.sqlite3"
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)
        try:
            row = con.execute(
                "SELECT count(*) FROM embeddings e JOIN segments s ON e.segment_id = s.id "
                "JOIN collections c ON s.collection = c.id WHERE c.name = ?",
                (name,),
            ).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return 0
    return int(row[0])


@pytest.fixture(scope="module")
def eighty_papers(tmp_path_factory) -> Path:
    """~80 papers: the 2 boilerplate lines and the next 160 lines of the shipped corpus."""
    return write_lines(tmp_path_factory.mktemp("corpus") / "eighty.txt", SHIPPED_LINES[:162])


@pytest.fixture(scope="module")
def clean_runs(tmp_path_factory, embedder, count_tokens):
    """Chunk and sentence ids of a clean in-process ingest, per corpus file, computed once."""
    done: dict[Path, tuple[list[str], list[str]]] = {}

    def ids_for(corpus: Path) -> tuple[list[str], list[str]]:
        if corpus not in done:
            settings = load_settings(data_dir=tmp_path_factory.mktemp("clean"))
            store, _ = ingest_into([corpus], settings, embedder, count_tokens)
            done[corpus] = stored_ids(store)
        return done[corpus]

    return ids_for


def interrupt_ingest(corpus: Path, data: Path, sig: int, name: str) -> tuple[subprocess.CompletedProcess, int]:
    """Start `rag ingest`, send `sig` once some chunks are stored; (result, chunk rows at the signal).

    The return code is 0 when the run finished before any chunk showed up.
    """
    # Small writes (8 chunks each) keep the window between first and last chunk write wide.
    env = rag_env(data, RAG_STORE__ADD_BATCH="8")
    proc = subprocess.Popen(
        [str(RAG), "ingest", "-q", "--json", str(corpus)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # A shell that runs `make test` in the background hands its children SIGINT ignored, and
        # Python then never turns Ctrl+C into KeyboardInterrupt: restore it, as a terminal has it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    rows = 0
    try:
        deadline = time.monotonic() + 600
        while proc.poll() is None and time.monotonic() < deadline:
            rows = stored_chunk_rows(data, name)
            if rows > 0:
                proc.send_signal(sig)
                break
            time.sleep(0.1)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err), rows


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_interrupted_ingest_resumes_to_the_same_contents(tmp_path, eighty_papers, clean_runs, embedder, sig):
    settings = load_settings(data_dir=tmp_path / "data")
    name = collection_name(settings, embedder.name)

    corpus = eighty_papers
    result, rows = interrupt_ingest(corpus, settings.data_dir, sig, name)
    if result.returncode == 0:
        # Finished before a chunk showed up (a fast machine): interrupt a bigger run instead.
        corpus = SHIPPED_CORPUS
        settings = load_settings(data_dir=tmp_path / "data-full")
        result, rows = interrupt_ingest(corpus, settings.data_dir, sig, name)
    assert rows > 0, f"the run ended before any chunk was stored: {result.stderr}"

    if sig == signal.SIGKILL:
        assert result.returncode == -signal.SIGKILL
    else:
        assert result.returncode == 130
        assert "Traceback" not in result.stderr
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert lines == ["interrupted: what was written is kept; run the same command again to finish"]
        assert result.stdout == ""

    clean_chunks, clean_sentences = clean_runs(corpus)
    # What survived, as a new process sees it: Chroma applies its write log when the store is
    # opened, so after kill -9 adds still in the log count too (the SQLite rows polled above may
    # lag them when chunk pages are written back to back, as the ingest writer thread does).
    stats = rag("stats", "--json", data_dir=settings.data_dir)
    assert stats.returncode == 0, stats.stderr
    partial = json.loads(stats.stdout)["chunks"]
    assert 0 < partial <= len(clean_chunks)

    rerun = rag("ingest", "-q", "--json", str(corpus), data_dir=settings.data_dir)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["chunks"] == len(clean_chunks)
    assert summary["skipped"] == partial  # what was written before the interruption is kept
    assert summary["added"] == len(clean_chunks) - partial
    assert summary["removed"] == 0

    store = open_store(settings, embedder.name)
    chunk_ids, sentence_ids = stored_ids(store)
    assert len(chunk_ids) == len(set(chunk_ids)) and len(sentence_ids) == len(set(sentence_ids))
    assert set(chunk_ids) == set(clean_chunks)
    assert set(sentence_ids) == set(clean_sentences)
    assert len(chunk_ids) == len(clean_chunks) and len(sentence_ids) == len(clean_sentences)
