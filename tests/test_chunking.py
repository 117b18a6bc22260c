"""Sentences and token-bounded chunks, checked as properties over all 316 shipped abstracts.

Evidence and highlighting are built on the spans recorded here, so a chunk must be an exact
slice of its abstract made of whole sentences, and together the chunks must leave no
sentence out.
"""

from __future__ import annotations

import pytest

from rag.ingest.chunking import chunk_abstract, token_counter
from rag.ingest.corpus import ReadReport, read_corpus
from rag.records import Paper
from rag.ingest.sentences import split_sentences
from rag.settings import ChunkingSettings
from tests.conftest import SHIPPED_CORPUS

# (chunk_tokens, overlap_sentences): the default, and small limits that force many splits.
SETTINGS = [(200, 1), (120, 2), (64, 1), (32, 0)]


@pytest.fixture(scope="module")
def shipped_papers() -> list[Paper]:
    papers = list(read_corpus([SHIPPED_CORPUS], ReadReport()))
    assert len(papers) == 316
    return papers


@pytest.fixture(scope="module")
def count():
    return token_counter(ChunkingSettings())


def chunking(chunk_tokens: int = 200, overlap_sentences: int = 1) -> ChunkingSettings:
    return ChunkingSettings(chunk_tokens=chunk_tokens, overlap_sentences=overlap_sentences)


def paper(abstract: str, title: str = "A Title", paper_id: str = "p1") -> Paper:
    return Paper(paper_id=paper_id, title=title, abstract=abstract)


# -- sentences --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We use transformers, e.g. BERT and GPT. Results improve by 3.5 points. As shown in Fig. 3, accuracy rises.",
            ["We use transformers, e.g. BERT and GPT.", "Results improve by 3.5 points.", "As shown in Fig. 3, accuracy rises."],
        ),
        (
            "Smith et al. Proposed this in 2019. Chen et al. (2020) extend it, i.e. They add data. Accuracy reaches 0.93 on CIFAR-10.",
            ["Smith et al. Proposed this in 2019.", "Chen et al. (2020) extend it, i.e. They add data.", "Accuracy reaches 0.93 on CIFAR-10."],
        ),
        ("Does it transfer? Yes! See Eq. 2 and Sec. 4. It does.", ["Does it transfer?", "Yes!", "See Eq. 2 and Sec. 4.", "It does."]),
        ("  One sentence without a full stop  ", ["One sentence without a full stop"]),
        ("", []),
    ],
    ids=["eg-decimal-fig", "et-al-ie", "questions-eq-sec", "no-full-stop", "empty"],
)
def test_sentence_splitter_keeps_abbreviations_and_decimals(text, expected):
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == expected


def test_shipped_sentences_are_trimmed_ordered_and_cover_the_abstract(shipped_papers):
    for p in shipped_papers:
        spans = split_sentences(p.abstract)
        assert spans, p.title
        assert [s for s in spans if s.start >= s.end] == []
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:])), p.title
        texts = [p.abstract[s.start : s.end] for s in spans]
        assert all(t == t.strip() for t in texts)
        # Nothing but whitespace between sentences: no text is dropped.
        assert " ".join(texts) == p.abstract, p.title


# -- chunks -----------------------------------------------------------------------------


def test_short_abstract_is_one_chunk_equal_to_the_abstract(count):
    abstract = "We transfer style between images. It works on three datasets."
    (chunk,) = chunk_abstract(paper(abstract), chunking(), count)
    assert chunk.text == abstract
    assert (chunk.start, chunk.end, chunk.index) == (0, len(abstract), 0)
    assert [abstract[s.start : s.end] for s in chunk.sentences] == ["We transfer style between images.", "It works on three datasets."]
    assert chunk.embed_text("A Title") == f"A Title\n{abstract}"


@pytest.mark.parametrize(("chunk_tokens", "overlap"), SETTINGS)
def test_chunks_of_every_shipped_abstract(shipped_papers, count, chunk_tokens, overlap):
    settings = chunking(chunk_tokens, overlap)
    for p in shipped_papers:
        text = p.abstract
        sentences = split_sentences(text)
        chunks = chunk_abstract(p, settings, count)
        assert chunks, p.title
        assert [c.index for c in chunks] == list(range(len(chunks)))
        assert len({c.chunk_id for c in chunks}) == len(chunks)

        for c in chunks:
            assert count(c.text) <= chunk_tokens, (p.title, c.index)
            assert c.text == text[c.start : c.end]
            assert c.paper_id == p.paper_id
            assert (c.start, c.end) == (c.sentences[0].start, c.sentences[-1].end)
            # Whole sentences: each piece is a sentence, or part of one too long to fit.
            for piece in c.sentences:
                whole = [s for s in sentences if s.start <= piece.start and piece.end <= s.end]
                assert len(whole) == 1, (p.title, piece)
                if piece != whole[0]:
                    assert count(text[whole[0].start : whole[0].end]) > chunk_tokens

        # Every character of every sentence is in some chunk.
        covered = {i for c in chunks for s in c.sentences for i in range(s.start, s.end)}
        missing = [i for s in sentences for i in range(s.start, s.end) if i not in covered and not text[i].isspace()]
        assert missing == [], p.title

        # Neighbours share at most `overlap` sentences, fewer only when more would not fit,
        # and every chunk brings at least one sentence its neighbour lacks.
        for before, after in zip(chunks, chunks[1:]):
            shared = len(set(before.sentences) & set(after.sentences))
            assert shared <= overlap
            assert after.sentences[:shared] == before.sentences[len(before.sentences) - shared :]
            assert len(after.sentences) > shared, (p.title, after.index)
            if shared < overlap and shared < len(before.sentences):
                one_more = before.sentences[-(shared + 1)]
                assert count(text[one_more.start : after.sentences[shared].end]) > chunk_tokens


def test_default_settings_chunk_shipped_abstracts_in_whole_sentences(shipped_papers, count):
    chunks = [c for p in shipped_papers for c in chunk_abstract(p, chunking(), count)]
    for p in shipped_papers:
        sentence_set = set(split_sentences(p.abstract))
        for c in chunk_abstract(p, chunking(), count):
            assert set(c.sentences) <= sentence_set
    # ~300-token abstracts at 200 tokens: mostly 2 chunks, never a flood of tiny ones.
    assert 316 <= len(chunks) <= 3 * 316


def test_overlap_setting_is_respected(shipped_papers, count):
    pairs = {0: [], 1: [], 2: []}
    for overlap in pairs:
        for p in shipped_papers:
            chunks = chunk_abstract(p, chunking(120, overlap), count)
            pairs[overlap] += [len(set(a.sentences) & set(b.sentences)) for a, b in zip(chunks, chunks[1:])]
    assert set(pairs[0]) == {0}
    assert max(pairs[1]) == 1 and pairs[1].count(1) > 0.8 * len(pairs[1])
    assert max(pairs[2]) == 2 and pairs[2].count(2) > 0.5 * len(pairs[2])


def test_single_sentence_over_the_limit_is_split_between_words(count):
    sentence = " ".join(f"word{i}" for i in range(300)) + "."
    abstract = f"A short opening. {sentence} A short ending."
    chunks = chunk_abstract(paper(abstract), chunking(32, 0), count)

    assert len(chunks) > 3
    assert all(count(c.text) <= 32 for c in chunks)
    assert all(c.text == abstract[c.start : c.end] for c in chunks)
    words = " ".join(c.text for c in chunks).split()
    assert words == abstract.split()  # every word once, in order, none cut in half


def test_chunk_ids_are_stable_and_follow_text_and_title(count):
    abstract = " ".join(f"Sentence number {i} says something about transfer learning in detail." for i in range(30))
    base = chunk_abstract(paper(abstract), chunking(), count)
    assert len(base) >= 2
    assert [c.chunk_id for c in base] == [c.chunk_id for c in chunk_abstract(paper(abstract), chunking(), count)]

    # Editing the last sentence changes the last chunk only.
    edited_text = abstract.removesuffix("in detail.") + "briefly."
    edited = chunk_abstract(paper(edited_text), chunking(), count)
    assert [c.chunk_id for c in edited[:-1]] == [c.chunk_id for c in base[:-1]]
    assert edited[-1].chunk_id != base[-1].chunk_id

    # The title is embedded with every chunk: a new title means new vectors, even under a given id.
    retitled = chunk_abstract(paper(abstract, title="Another Title"), chunking(), count)
    assert not {c.chunk_id for c in retitled} & {c.chunk_id for c in base}
