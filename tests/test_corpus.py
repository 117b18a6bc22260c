"""Reading corpus files: the shipped text format, JSON Lines, CSV, and every way a file can be bad.

Each bad input must leave the good papers intact and give one counted warning that names
the file and the line, so a user can open the file at the right place.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from rag.ingest.corpus import ReadReport, detect_format, paper_id_for, read_corpus
from rag.errors import CorpusError
from tests.conftest import SHIPPED_CORPUS, write_lines


def read(paths: list[Path] | Path, fmt: str | None = None, max_line_chars: int = 50_000):
    report = ReadReport()
    papers = list(read_corpus(paths if isinstance(paths, list) else [paths], report, fmt, max_line_chars))
    return papers, report


def shipped_pairs(n: int) -> list[tuple[str, str]]:
    """The first n (title, abstract) pairs of the shipped corpus, 'Subscribe' glue removed."""
    lines = SHIPPED_CORPUS.read_text(encoding="utf-8").split("\n")[2:]
    lines[0] = lines[0].removeprefix("Subscribe")
    return [(lines[2 * i], lines[2 * i + 1]) for i in range(n)]


def assert_warned(report: ReadReport, path: Path, line: int, words: str) -> None:
    prefix = f"{path}:{line}: "
    matching = [w for w in report.warnings if w.startswith(prefix) and words in w]
    assert matching, f"no warning at {prefix!r} mentioning {words!r}; got {report.warnings}"


# -- the shipped corpus -----------------------------------------------------------------


def test_shipped_corpus_parses_to_316_clean_papers():
    papers, report = read(SHIPPED_CORPUS)

    assert len(papers) == 316
    assert report.papers == 316 and report.duplicates == 0
    assert report.warnings == []
    assert papers[0].title == "Global Rhythm Style Transfer Without Text Transcriptions"
    assert not [p.title for p in papers if p.title.startswith("Subscribe")]
    assert not [p.title for p in papers if "trending papers" in p.title.lower()]
    assert all(p.abstract.strip() for p in papers)
    # Titles are lines, abstracts prose: a swapped pair would show up here.
    assert max(len(p.title) for p in papers) < 200 < min(len(p.abstract) for p in papers)
    assert len({p.paper_id for p in papers}) == 316


def test_shipped_paper_ids_are_stable_and_depend_on_the_title_only(tmp_path):
    first, _ = read(SHIPPED_CORPUS)
    second, _ = read(SHIPPED_CORPUS)
    assert [p.paper_id for p in first] == [p.paper_id for p in second]
    assert all(p.paper_id == paper_id_for(p.title) for p in first)
    # Pinned: a changed id scheme would leave every stored paper behind as an orphan.
    assert first[0].paper_id == paper_id_for("Global Rhythm Style Transfer Without Text Transcriptions")
    assert first[0].paper_id == "t-" + hashlib.sha256(b"global rhythm style transfer without text transcriptions").hexdigest()[:16]

    # Same title with other spacing and case, different abstract: the same paper.
    (title, abstract), = shipped_pairs(1)
    edited = write_lines(tmp_path / "edited.txt", [f"  {title.upper()}  ".replace(" ", "   "), abstract + " One more sentence."])
    (paper,), _ = read(edited)
    assert paper.paper_id == first[0].paper_id
    assert paper.title == title.upper()


# -- JSON Lines and CSV -----------------------------------------------------------------


def test_jsonl_in_arxiv_style_keeps_its_metadata(tmp_path):
    record = {
        "id": "2101.00001",
        "title": "Transfer Learning\n  for Tiny Models",
        "abstract": "  We study transfer learning for tiny models.\n  It works well on\n  three benchmarks.\n",
        "authors": "Ada Lovelace, Alan Turing,  Grace Hopper",
        "categories": "cs.LG stat.ML",
        "update_date": "2021-01-04",
        "url": "https://arxiv.org/abs/2101.00001",
        "comments": "ignored field",
    }
    listed = {"id": "2101.00002", "title": "Second", "abstract": "Another abstract that is long enough.", "authors": ["A. One", "B. Two"]}
    path = tmp_path / "arxiv.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps(listed) + "\n", encoding="utf-8")

    (paper, second), report = read(path)

    assert report.warnings == []
    assert paper.paper_id == "2101.00001"
    assert paper.title == "Transfer Learning for Tiny Models"
    assert paper.abstract == "We study transfer learning for tiny models. It works well on three benchmarks."
    assert paper.authors == ("Ada Lovelace", "Alan Turing", "Grace Hopper")
    assert paper.categories == ("cs.LG", "stat.ML")
    assert paper.update_date == "2021-01-04"
    assert paper.url == "https://arxiv.org/abs/2101.00001"
    assert paper.source == f"{path}:1"
    assert second.authors == ("A. One", "B. Two")
    assert second.source == f"{path}:2"


def test_csv_with_any_case_headers_and_quoted_commas_and_newlines(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text(
        "ID,Title,ABSTRACT,Authors\n"
        '1,"Domain Adaptation, Revisited","We revisit domain adaptation, again.\nThe second line, with a comma.","A. One, B. Two"\n'
        "\n"
        '2,Plain Title,"A plain abstract without any quoting troubles at all.",\n',
        encoding="utf-8",
    )

    (first, second), report = read(path)

    assert report.warnings == []
    assert first.paper_id == "1"
    assert first.title == "Domain Adaptation, Revisited"
    # The quoted newline separates words; it must not glue "again." to "The".
    assert first.abstract == "We revisit domain adaptation, again. The second line, with a comma."
    assert first.authors == ("A. One", "B. Two")
    assert first.source == f"{path}:2"  # where the record starts, not where it ends
    assert second.title == "Plain Title"
    assert second.source == f"{path}:5"


def test_csv_without_title_and_abstract_columns_is_an_error(tmp_path):
    path = write_lines(tmp_path / "wrong.csv", ["name,summary", "x,y"])
    with pytest.raises(CorpusError) as caught:
        read(path)
    assert "title" in caught.value.message and "abstract" in caught.value.message
    assert "name, summary" in caught.value.message  # says what it found instead


# -- format detection -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "text"), ("a.TXT", "text"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.json", "jsonl"), ("a.csv", "csv")],
)
def test_format_is_detected_from_the_extension(name, fmt):
    assert detect_format(Path(name)) == fmt


def test_format_override_reads_any_extension(tmp_path):
    path = tmp_path / "export.dat"
    path.write_text(json.dumps({"title": "A Title", "abstract": "An abstract long enough to count as one."}) + "\n", encoding="utf-8")

    with pytest.raises(CorpusError) as caught:
        read(path)
    assert ".dat" in caught.value.message
    assert "--format" in (caught.value.hint or "")

    (paper,), report = read(path, fmt="jsonl")
    assert paper.title == "A Title" and report.warnings == []

    # The override beats a misleading extension, too.
    misnamed = tmp_path / "really-jsonl.txt"
    misnamed.write_bytes(path.read_bytes())
    (paper,), _ = read(misnamed, fmt="jsonl")
    assert paper.title == "A Title"


def test_unknown_explicit_format_is_an_error_listing_the_choices():
    with pytest.raises(CorpusError) as caught:
        detect_format(Path("a.txt"), "xml")
    assert "xml" in caught.value.message
    assert "text, jsonl, csv" in (caught.value.hint or "")


# -- bad input: warnings that name file and line --------------------------------------


def test_title_without_abstract_in_the_middle(tmp_path):
    (t0, a0), (t1, _), (t2, a2) = shipped_pairs(3)
    path = write_lines(tmp_path / "c.txt", [t0, a0, t1, t2, a2])

    papers, report = read(path)

    assert [(p.title, p.abstract) for p in papers] == [(t0, a0), (t2, a2)]
    assert len(report.warnings) == 1
    assert_warned(report, path, 3, "title with no abstract")


def test_title_without_abstract_at_the_end(tmp_path):
    (t0, a0), (t1, a1), (t2, _) = shipped_pairs(3)
    path = write_lines(tmp_path / "c.txt", [t0, a0, t1, a1, t2])

    papers, report = read(path)

    assert [p.title for p in papers] == [t0, t1]
    assert len(report.warnings) == 1
    assert_warned(report, path, 5, "end of file")


def test_two_titles_in_a_row_without_abstracts(tmp_path):
    """Neither becomes the other's abstract: a paper whose abstract is a title would mislead."""
    (t0, a0), (t1, _), (t2, _), (t3, a3) = shipped_pairs(4)
    middle = write_lines(tmp_path / "middle.txt", [t0, a0, t1, t2, t3, a3])
    end = write_lines(tmp_path / "end.txt", [t0, a0, t1, t2])

    papers, report = read(middle)
    assert [(p.title, p.abstract) for p in papers] == [(t0, a0), (t3, a3)]
    assert len(report.warnings) == 2
    assert_warned(report, middle, 3, "title with no abstract")
    assert_warned(report, middle, 4, "title with no abstract")

    papers, report = read(end)
    assert [p.title for p in papers] == [t0]
    assert len(report.warnings) == 2
    assert_warned(report, end, 3, "title with no abstract")
    assert_warned(report, end, 4, "end of file")


def test_title_without_abstract_before_a_long_title(tmp_path):
    papers, _ = read(SHIPPED_CORPUS)
    long_one = next(p for p in papers if len(p.title) > 120)  # 7 shipped titles are this long
    (t0, a0), (t1, _) = shipped_pairs(2)
    path = write_lines(tmp_path / "c.txt", [t0, a0, t1, long_one.title, long_one.abstract])

    papers, report = read(path)

    assert [(p.title, p.abstract) for p in papers] == [(t0, a0), (long_one.title, long_one.abstract)]
    assert len(report.warnings) == 1
    assert_warned(report, path, 3, "title with no abstract")


def test_blank_lines_are_harmless(tmp_path):
    """Blank separator lines are ordinary formatting: every paper survives, nothing to warn about."""
    (t0, a0), (t1, a1) = shipped_pairs(2)
    path = write_lines(tmp_path / "c.txt", ["", t0, "", a0, "", "", t1, "   ", a1, ""])

    papers, report = read(path)

    assert [(p.title, p.abstract) for p in papers] == [(t0, a0), (t1, a1)]
    assert papers[1].source == f"{path}:7"  # real line numbers despite the skipped blanks
    assert report.warnings == []


def test_blank_line_where_an_abstract_belongs_is_warned(tmp_path):
    (t0, a0), (t1, _), (t2, a2) = shipped_pairs(3)
    path = write_lines(tmp_path / "c.txt", [t0, a0, t1, "", t2, a2])

    papers, report = read(path)

    assert [p.title for p in papers] == [t0, t2]
    assert len(report.warnings) == 1
    assert_warned(report, path, 3, "title with no abstract")


def test_duplicated_entries_are_kept_once_with_a_warning(tmp_path):
    (t0, a0), (t1, a1) = shipped_pairs(2)
    path = write_lines(tmp_path / "c.txt", [t0, a0, t1, a1, t0, a0, t1.lower(), a1 + " A revised last sentence."])
    other = write_lines(tmp_path / "d.txt", [t0, a0])

    papers, report = read([path, other])

    assert [(p.title, p.abstract) for p in papers] == [(t0, a0), (t1, a1)]  # the first occurrence wins
    assert report.duplicates == 3
    assert len(report.warnings) == 3
    assert_warned(report, path, 5, "duplicate")
    assert_warned(report, path, 7, "duplicate")
    assert_warned(report, other, 1, "duplicate")


def test_bytes_that_are_not_utf8_are_replaced_and_warned(tmp_path):
    (t0, a0), (t1, a1) = shipped_pairs(2)
    path = tmp_path / "latin1.txt"
    path.write_bytes(f"{t0}\n".encode() + b"Caf\xe9 \xff\xfe " + a0.encode() + f"\n{t1}\n{a1}\n".encode())

    papers, report = read(path)

    assert len(papers) == 2
    assert papers[0].abstract.startswith("Caf\ufffd \ufffd\ufffd ")
    assert papers[0].abstract.endswith(a0)
    assert len(report.warnings) == 1
    assert_warned(report, path, 2, "not UTF-8")


def test_absurdly_long_line_is_skipped(tmp_path, make_settings):
    limit = make_settings(ingest={"max_line_chars": 5000}).ingest.max_line_chars
    (t0, a0), (t1, _), (t2, a2) = shipped_pairs(3)
    path = write_lines(tmp_path / "c.txt", [t0, a0, t1, "word " * 1200, t2, a2])

    papers, report = read(path, max_line_chars=limit)

    assert [p.title for p in papers] == [t0, t2]
    assert len(report.warnings) == 2
    assert_warned(report, path, 4, "longer than 5,000")
    assert_warned(report, path, 3, "title with no abstract")


def test_jsonl_bad_lines_are_skipped_one_by_one(tmp_path):
    good = {"title": "Good Paper", "abstract": "A perfectly fine abstract about transfer learning."}
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps(good),
        '{"title": "Broken", "abstract": ',  # invalid JSON
        "[1, 2, 3]",  # JSON, but not an object
        '"just a string"',
        json.dumps({"title": "No Abstract"}),
        "",
        json.dumps({**good, "title": "Another Good Paper"}),
    ]
    write_lines(path, lines)

    papers, report = read(path)

    assert [p.title for p in papers] == ["Good Paper", "Another Good Paper"]
    assert papers[1].source == f"{path}:7"
    assert len(report.warnings) == 4
    assert_warned(report, path, 2, "not valid JSON")
    assert_warned(report, path, 3, "not a JSON object")
    assert_warned(report, path, 4, "not a JSON object")
    assert_warned(report, path, 5, "title with no abstract")


def test_empty_file_is_warned_and_skipped(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    (t0, a0), = shipped_pairs(1)
    good = write_lines(tmp_path / "good.txt", [t0, a0])

    papers, report = read([empty, good])

    assert [p.title for p in papers] == [t0]
    assert report.warnings == [f"{empty}:0: file is empty; skipped"]


def test_directory_and_missing_file_are_warned_and_skipped(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    missing = tmp_path / "missing.txt"
    (t0, a0), = shipped_pairs(1)
    good = write_lines(tmp_path / "good.txt", [t0, a0])

    papers, report = read([folder, missing, good])

    assert [p.title for p in papers] == [t0]
    assert len(report.warnings) == 2
    assert_warned(report, folder, 0, "directory")
    assert_warned(report, missing, 0, "cannot read")


def test_unreadable_file_is_warned_and_skipped(tmp_path):
    (t0, a0), (t1, a1) = shipped_pairs(2)
    if os.geteuid() != 0:
        locked = write_lines(tmp_path / "locked.txt", [t0, a0])
        good = write_lines(tmp_path / "good.txt", [t1, a1])
        locked.chmod(0)
        try:
            papers, report = read([locked, good])
        finally:
            locked.chmod(0o644)
        assert [p.title for p in papers] == [t1]
        assert len(report.warnings) == 1
        assert_warned(report, locked, 0, "cannot read")
        return

    # Root reads anything: read as the unprivileged user `nobody` instead. A forked child
    # needs no interpreter or checkout that `nobody` can reach (a root-private clone or temp
    # folder): the reader is already imported, and the files are opened relative to a folder
    # entered before dropping root, so no ancestor folder has to be traversable either.
    titles, warnings = read_as_nobody(tmp_path, [(t0, a0), (t1, a1)])
    assert titles == [t1]
    assert len(warnings) == 1
    assert warnings[0].startswith("locked.txt:0: cannot read file (Permission denied)")


def read_as_nobody(tmp_path: Path, pairs: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """read_corpus(["locked.txt", "good.txt"]) in a forked child running as uid/gid 65534."""
    folder = tmp_path / "as-nobody"
    folder.mkdir()
    folder.chmod(0o755)
    write_lines(folder / "locked.txt", list(pairs[0])).chmod(0)
    write_lines(folder / "good.txt", list(pairs[1])).chmod(0o644)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 0
        try:
            os.close(read_end)
            os.chdir(folder)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            report = ReadReport()
            titles = [p.title for p in read_corpus([Path("locked.txt"), Path("good.txt")], report)]
            payload = {"titles": titles, "warnings": report.warnings}
        except PermissionError as exc:  # no CAP_SETUID (a restricted container)
            payload = {"skip": f"cannot switch to user nobody ({exc})"}
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
            payload, status = {"error": repr(exc)}, 1
        with os.fdopen(write_end, "w") as out:
            out.write(json.dumps(payload))
        os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end) as source:
        payload = json.loads(source.read() or '{"error": "the child wrote nothing"}')
    os.waitpid(pid, 0)
    if "skip" in payload:
        pytest.skip(f"running as root: {payload['skip']}, and chmod 000 does not stop root reading")
    assert "error" not in payload, payload["error"]
    return payload["titles"], payload["warnings"]


def test_garbage_gives_no_papers_and_says_why(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(b"\x00\x01\x02 binary junk\nzzz\n%%%%\n")

    papers, report = read(path)

    assert papers == []
    assert report.warnings and all(w.startswith(f"{path}:") for w in report.warnings)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
def test_the_text_reader_streams_a_paper_before_the_file_is_complete(tmp_path):
    """A corpus of millions of abstracts must not sit in memory whole: the first paper comes out
    while the writer still holds the rest back (a named pipe the test feeds line by line)."""
    import threading

    from rag.ingest.corpus import read_text

    pipe = tmp_path / "corpus.txt"
    os.mkfifo(pipe)
    first_read = threading.Event()
    streamed: list[bool] = []
    abstract = "An abstract long enough to be one, describing a method for transfer learning in detail. " * 2

    def write() -> None:
        with open(pipe, "w") as handle:
            handle.write("Boilerplate\nSubscribeFirst Paper\n" + abstract + "\nSecond Paper\n" + abstract + "\nThird Paper\n" + abstract + "\n")
            handle.flush()
            streamed.append(first_read.wait(timeout=10))  # the rest only after the reader has yielded the first paper
            handle.write("Fourth Paper\n" + abstract + "\n")

    writer = threading.Thread(target=write)
    writer.start()
    try:
        papers = read_text(pipe, ReadReport(), 50_000)
        assert next(papers).title == "First Paper"
        first_read.set()
        assert [p.title for p in papers] == ["Second Paper", "Third Paper", "Fourth Paper"]
    finally:
        first_read.set()
        writer.join(timeout=20)
    assert streamed == [True], "the reader waited for the whole file before its first paper"


def test_tex_escapes_read_as_the_characters_they_stand_for(tmp_path):
    """arXiv abstracts carry "10.3\\% accuracy gain": the figure is 10.3%, for the reader and for every check."""
    path = write_lines(tmp_path / "papers.txt", [
        "MetaThing: Reasoning by Analogy",
        r"MetaThing boosts accuracy on math benchmarks (10.3\% accuracy gain) and handles mesh\&texture; \method stays as written.",
    ])
    papers, _ = read(path)
    assert papers[0].abstract == r"MetaThing boosts accuracy on math benchmarks (10.3% accuracy gain) and handles mesh&texture; \method stays as written."
