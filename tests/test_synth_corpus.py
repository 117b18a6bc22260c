"""The scale run's synthetic corpus: seeded, readable by the shipped readers, streaming."""

from __future__ import annotations

import itertools
import tracemalloc

import pytest

from eval.synth_corpus import SentenceTokens, load_pool, synth_chunks, synth_papers, write_corpus
from rag.ingest.chunking import chunk_abstract, token_counter
from rag.ingest.corpus import ReadReport, read_corpus
from rag.settings import ChunkingSettings


@pytest.fixture(scope="module")
def pool():
    return load_pool()


def test_same_seed_same_bytes_other_seed_other_papers(tmp_path, pool):
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        write_corpus(tmp_path / f"{name}.jsonl", "jsonl", seed, papers=50, pool=pool)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert (tmp_path / "a.jsonl").read_bytes() != (tmp_path / "c.jsonl").read_bytes()


@pytest.mark.parametrize("fmt, suffix", [("jsonl", ".jsonl"), ("text", ".txt")])
def test_the_shipped_readers_read_every_paper_back(tmp_path, pool, fmt, suffix):
    path = tmp_path / f"synth{suffix}"
    papers, _ = write_corpus(path, fmt, 3, papers=120, pool=pool)
    report = ReadReport()
    read = list(read_corpus([path], report))
    assert report.warning_count == 0, report.warnings[:3]
    assert len(read) == papers == 120
    expected = [s.paper for s in itertools.islice(synth_papers(pool, 3), 120)]
    assert [(p.title, p.abstract) for p in read] == [(p.title, p.abstract) for p in expected]
    assert len({p.paper_id for p in read}) == 120


def test_papers_are_new_combinations_of_real_sentences(pool):
    real = set(pool.sentences)
    papers = [s.paper for s in itertools.islice(synth_papers(pool, 1), 200)]
    assert len({p.abstract for p in papers}) == 200
    for paper in papers[:20]:
        assert paper.abstract.startswith(tuple(real))
    assert not {p.abstract for p in papers} & {" ".join(pool.sentences[i] for i in own) for own in pool.by_paper}


def test_chunk_target_is_reached_and_counted_like_ingest(tmp_path, pool):
    papers, chunks = write_corpus(tmp_path / "c.jsonl", "jsonl", 2, chunks=1000, pool=pool)
    assert 1000 <= chunks <= 1000 + 10 and 300 < papers < 1000
    # The summed per-sentence token count cuts (almost) every paper as the real count does.
    settings = ChunkingSettings()
    real = token_counter(settings)
    same = sum(
        [c.chunk_id for c in cut] == [c.chunk_id for c in chunk_abstract(s.paper, settings, real)]
        for s, cut in itertools.islice(synth_chunks(pool, 2, settings, SentenceTokens(pool, real)), 200)
    )
    assert same >= 190


def test_memory_does_not_grow_with_the_corpus(tmp_path, pool):
    def peak(papers: int) -> int:
        tracemalloc.start()
        write_corpus(tmp_path / "m.jsonl", "jsonl", 4, papers=papers, pool=pool)
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    small, large = peak(150), peak(1500)
    assert large < small * 1.5 + 200_000, (small, large)
