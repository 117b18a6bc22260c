"""Property-based tests (hypothesis): the corpus readers, the sentence splitter, the citation parser.

Examples pin behaviour a user saw; these pin what must hold for *any* input: a reader never
raises on bytes (only a CorpusError for a CSV without its columns), never yields an empty or
invisible-character title; spans never overlap and cover all the text; markers round-trip.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.verify.citations import answer_sentences, inert_markers, parse_markers, strip_markers
from rag.ingest.corpus import ReadReport, read_corpus
from rag.errors import CorpusError
from rag.ingest.invisible import INVISIBLE
from rag.answer.question_text import clean_question
from rag.errors import QuestionError
from rag.ingest.sentences import split_sentences

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text that looks a little like abstracts: words, numbers, abbreviations, brackets, odd characters.
WORDS = st.sampled_from(["We", "propose", "X.", "e.g.", "et al.", "Fig.", "3.5", "[1]", "[2, 3]", "(see", "U.S.", "?", "!", "\"Quoted.\"",
                         "transfer", "ünïcode", "中文", "\u200b", "\t", "\n", "A.", "i.e.", "...", "end."])
PROSE = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join))


def read_bytes(tmp_path: Path, data: bytes, name: str, fmt: str | None = None):
    path = tmp_path / name
    path.write_bytes(data)
    report = ReadReport()
    try:
        papers = list(read_corpus([path], report, fmt, max_line_chars=2000))
    except CorpusError as exc:
        assert fmt == "csv" or name.endswith(".csv"), exc  # only a CSV without title/abstract columns stops the reading
        assert "\n" not in exc.user_line()
        return [], report
    return papers, report


def assert_clean(papers, report, path_name: str) -> None:
    assert report.papers == len(papers)
    assert len({p.paper_id for p in papers}) == len(papers)
    for paper in papers:
        assert paper.title and paper.abstract and paper.paper_id
        assert paper.title == paper.title.strip() and "  " not in paper.title
        assert not INVISIBLE.search(paper.title + paper.abstract)
        file, line = paper.source.rsplit(":", 1)
        assert file.endswith(path_name) and int(line) >= 1
    assert all(w.count("\n") == 0 for w in report.warnings)


@FAST
@given(data=st.binary(max_size=3000))
def test_readers_take_any_bytes(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    for name in ("any.txt", "any.jsonl", "any.csv"):
        papers, report = read_bytes(folder, data, name)
        assert_clean(papers, report, name)


@FAST
@given(lines=st.lists(st.one_of(PROSE, st.just(""), st.just("   ")), max_size=30))
def test_text_reader_takes_any_lines(tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("text")
    papers, report = read_bytes(folder, "\n".join(lines).encode("utf-8", "surrogatepass"), "lines.txt")
    assert_clean(papers, report, "lines.txt")
    for paper in papers:  # what it yields is a line pair of the file, normalised
        assert paper.abstract and len(paper.title) <= 400


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=80),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
RECORDS = st.fixed_dictionaries({}, optional={"id": JSON_VALUES, "title": st.one_of(PROSE, JSON_VALUES), "abstract": st.one_of(PROSE, JSON_VALUES),
                                              "authors": JSON_VALUES, "categories": JSON_VALUES, "url": JSON_VALUES})


@FAST
@given(records=st.lists(st.one_of(RECORDS, JSON_VALUES), max_size=12))
def test_jsonl_reader_takes_any_json(tmp_path_factory, records):
    folder = tmp_path_factory.mktemp("jsonl")
    data = "\n".join(json.dumps(r) for r in records).encode()
    papers, report = read_bytes(folder, data, "records.jsonl")
    assert_clean(papers, report, "records.jsonl")
    assert len(papers) <= sum(isinstance(r, dict) for r in records)


@FAST
@given(rows=st.lists(st.lists(st.one_of(PROSE, st.text(alphabet='",\n\r ab', max_size=20)), min_size=0, max_size=4), max_size=15))
def test_csv_reader_takes_any_cells(tmp_path_factory, rows):
    import csv
    import io

    folder = tmp_path_factory.mktemp("csv")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "title", "abstract"])
    writer.writerows(rows)
    papers, report = read_bytes(folder, buffer.getvalue().encode("utf-8", "surrogatepass"), "rows.csv")
    assert_clean(papers, report, "rows.csv")


@FAST
@given(text=PROSE)
def test_sentence_spans_are_ordered_disjoint_trimmed_and_cover_every_word(text):
    spans = split_sentences(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip()
        previous_end = span.end
    covered = "".join(text[s.start : s.end] for s in spans)
    assert "".join(covered.split()) == "".join(text.split())  # nothing but whitespace falls between spans


MARKER_LISTS = st.lists(st.lists(st.integers(1, 99), min_size=1, max_size=3), max_size=4)
CLAIMS = st.text(alphabet=st.characters(blacklist_characters="[]", blacklist_categories=("Cs",)), max_size=120)


@FAST
@given(claim=CLAIMS, groups=MARKER_LISTS)
def test_markers_round_trip_and_strip_leaves_the_claim(claim, groups):
    sentence = claim + "".join(f" [{', '.join(map(str, g))}]" for g in groups)
    assert parse_markers(sentence) == [n for g in groups for n in g]
    stripped = strip_markers(sentence)
    assert parse_markers(stripped) == []
    assert "".join(stripped.split()).rstrip(".!?") in "".join(claim.split()) or not stripped


@FAST
@given(text=st.one_of(PROSE, st.lists(st.sampled_from(["A did x.", "[1]", "[2, 3]", "B did y", ".", " ", "C. D."]), max_size=20).map(" ".join)))
def test_answer_sentences_keep_every_marker_and_word(text):
    sentences = answer_sentences(text)
    assert sorted(n for s in sentences for n in parse_markers(s)) == sorted(parse_markers(text))
    assert "".join("".join(sentences).split()) == "".join(text.split())
    assert all(s == s.strip() and s for s in sentences)


@FAST
@given(text=PROSE)
def test_inert_markers_leave_no_marker_and_no_other_change(text):
    inert = inert_markers(text)
    assert parse_markers(inert) == []
    assert inert.replace("(", "[").replace(")", "]") == text.replace("(", "[").replace(")", "]")


@FAST
@given(question=st.text(max_size=300))
def test_a_cleaned_question_is_visible_short_and_has_a_word(question):
    try:
        cleaned = clean_question(question, 200)
    except QuestionError as exc:
        assert "\n" not in exc.user_line()
        return
    assert cleaned and cleaned == " ".join(cleaned.split()) and len(cleaned) <= 200
    assert not INVISIBLE.search(cleaned) and any(ch.isalnum() for ch in cleaned)
