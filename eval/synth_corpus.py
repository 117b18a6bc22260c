"""Large synthetic corpora made of the real abstracts' sentences, for the scale run.

Each synthetic paper follows one real "topic" paper: it starts with that paper's first
sentence, then takes each next sentence from the same paper (in order) with probability
0.6 and from any paper otherwise, until it has as many sentences as a real abstract drawn
at random. Titles join the first half of the topic paper's title with the second half of
another. So the words, their frequencies and the sentence lengths are the real corpus's,
and every sentence is one the embedder has really seen, while no two papers repeat.

Deterministic for a seed and streaming: papers are written one at a time and memory stays
at the size of the sentence pool (~2,200 sentences of 316 abstracts), whatever the count.

    python -m eval.synth_corpus --chunks 1000000 --out data/local/scale/synth-1m.jsonl
    python -m eval.synth_corpus --papers 500 --format text --out /tmp/synth.txt

`--chunks` counts chunks as `rag.ingest.chunking.chunk_abstract` cuts them (chunking settings of
config/default.toml), with a token count summed sentence by sentence (each pool sentence is
counted once by the real tokenizer): 100k chunks were written in 27 s here, instead of the
minutes that tokenizing every abstract would take.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rag.ingest.chunking import TokenCounter, chunk_abstract, token_counter
from rag.ingest.corpus import ReadReport, read_corpus
from rag.records import Chunk, Paper
from rag.ingest.sentences import split_sentences
from rag.settings import ChunkingSettings

SHIPPED_CORPUS = Path(__file__).resolve().parents[1] / "data" / "transfer-papers.txt"
STAY_ON_TOPIC = 0.6  # chance the next sentence comes from the topic paper
# A sentence that rejoins cleanly: starts like a sentence and ends with a stop, so
# split_sentences cuts the synthetic abstract exactly where the pool sentences meet.
_CLEAN_SENTENCE = re.compile(r"""^["'(\[]?[A-Z0-9].*[.!?]["')\]]*$""", re.S)


@dataclass(frozen=True)
class SentencePool:
    """The real material: sentences per source paper, titles, and abstract lengths in sentences."""

    sentences: tuple[str, ...]  # distinct clean sentences; a sentence's index is its id
    by_paper: tuple[tuple[int, ...], ...]  # sentence ids of each source paper, in order
    titles: tuple[str, ...]
    lengths: tuple[int, ...]  # sentences per real abstract

    @classmethod
    def from_papers(cls, papers: list[Paper]) -> SentencePool:
        ids: dict[str, int] = {}
        by_paper, titles, lengths = [], [], []
        for paper in papers:
            own = []
            spans = split_sentences(paper.abstract)
            for span in spans:
                text = paper.abstract[span.start : span.end]
                if _CLEAN_SENTENCE.match(text):
                    own.append(ids.setdefault(text, len(ids)))
            if own:
                by_paper.append(tuple(own))
                titles.append(paper.title)
                lengths.append(len(spans))
        return cls(tuple(ids), tuple(by_paper), tuple(titles), tuple(lengths))


def load_pool(corpus: Path = SHIPPED_CORPUS) -> SentencePool:
    return SentencePool.from_papers(list(read_corpus([corpus], ReadReport())))


@dataclass(frozen=True)
class SynthPaper:
    paper: Paper
    sentence_ids: tuple[int, ...]  # pool ids, in abstract order
    topic: int  # index of the source paper it follows (its title's first half)
    other: int  # index of the paper lending the title's second half


def synth_papers(pool: SentencePool, seed: int) -> Iterator[SynthPaper]:
    """An endless, seeded stream of synthetic papers."""
    rng = random.Random(seed)
    n_papers, n_sentences = len(pool.by_paper), len(pool.sentences)
    number = 0
    while True:
        topic, other = rng.randrange(n_papers), rng.randrange(n_papers)
        own = pool.by_paper[topic]
        wanted = max(1, rng.choice(pool.lengths))
        chosen, next_own = [own[0]], 1
        while len(chosen) < wanted:
            if next_own < len(own) and rng.random() < STAY_ON_TOPIC:
                candidate = own[next_own]
                next_own += 1
            else:
                candidate = rng.randrange(n_sentences)
            if candidate not in chosen:
                chosen.append(candidate)
        first, second = pool.titles[topic].split(), pool.titles[other].split()
        title = " ".join(first[: max(1, len(first) // 2)] + second[len(second) // 2 :])
        abstract = " ".join(pool.sentences[i] for i in chosen)
        paper = Paper(
            paper_id=f"synth-{seed}-{number:08d}",
            title=title,
            abstract=abstract,
            categories=("cs.LG",),
            update_date=f"20{10 + number % 16:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}",
        )
        number += 1
        yield SynthPaper(paper, tuple(chosen), topic, other)


class SentenceTokens:
    """Token counts of the pool sentences, each counted once by the real tokenizer.

    A synthetic abstract is pool sentences joined by spaces, and a join adds no token in
    1,951 of 2,045 joins measured (93 save one), so a slice of whole sentences counts as the
    sum of its sentences: prefix sums over the paper make each count a lookup.
    """

    def __init__(self, pool: SentencePool, count: TokenCounter) -> None:
        self.count = count
        self.tokens = [count(text) for text in pool.sentences]

    def counter_for(self, synth: SynthPaper, pool: SentencePool) -> TokenCounter:
        abstract = synth.paper.abstract
        starts, ends, total = {}, {}, [0]
        position = 0
        for number, sid in enumerate(synth.sentence_ids):
            starts[position] = number
            position += len(pool.sentences[sid])
            ends[position] = number
            total.append(total[-1] + self.tokens[sid])
            position += 1  # the joining space

        def count(text: str) -> int:
            start = abstract.find(text)
            first, last = starts.get(start), ends.get(start + len(text))
            if start < 0 or first is None or last is None:  # part of a sentence: count it for real
                return self.count(text)
            return total[last + 1] - total[first]

        return count


def synth_chunks(pool: SentencePool, seed: int, settings: ChunkingSettings, tokens: SentenceTokens) -> Iterator[tuple[SynthPaper, list[Chunk]]]:
    """Each synthetic paper with its chunks, cut as ingest cuts them."""
    for synth in synth_papers(pool, seed):
        yield synth, chunk_abstract(synth.paper, settings, tokens.counter_for(synth, pool))


def paper_line(paper: Paper, fmt: str) -> str:
    if fmt == "jsonl":
        record = {"id": paper.paper_id, "title": paper.title, "abstract": paper.abstract, "categories": " ".join(paper.categories), "update_date": paper.update_date}
        return json.dumps(record, ensure_ascii=False) + "\n"
    return f"{paper.title}\n{paper.abstract}\n"


def write_corpus(out: Path, fmt: str, seed: int, papers: int | None = None, chunks: int | None = None, pool: SentencePool | None = None) -> tuple[int, int]:
    """Write papers until `papers` papers or `chunks` chunks; returns (papers, chunks) written."""
    if (papers is None) == (chunks is None):
        raise ValueError("give exactly one of papers or chunks")
    pool = pool or load_pool()
    settings = ChunkingSettings()
    tokens = SentenceTokens(pool, token_counter(settings))
    written_papers = written_chunks = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        if fmt == "text":  # the shipped file's boilerplate: readers must skip it
            handle.write("Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\nSubscribe")
        for synth, cut in synth_chunks(pool, seed, settings, tokens):
            if (papers is not None and written_papers >= papers) or (chunks is not None and written_chunks >= chunks):
                break
            handle.write(paper_line(synth.paper, fmt))
            written_papers += 1
            written_chunks += len(cut)
    return written_papers, written_chunks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--chunks", type=int, help="stop once this many chunks are written (the last paper may add one more)")
    size.add_argument("--papers", type=int, help="write this many papers")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--format", choices=("jsonl", "text"), default=None, help="default: from the extension (.txt -> text, else jsonl)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    fmt = args.format or ("text" if args.out.suffix.lower() in (".txt", ".text") else "jsonl")
    papers, chunks = write_corpus(args.out, fmt, args.seed, papers=args.papers, chunks=args.chunks)
    print(f"{args.out}: {papers:,} papers, {chunks:,} chunks ({fmt}, seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
