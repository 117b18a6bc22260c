"""Importers: a reference-manager BibTeX export, RIS, and the arXiv metadata snapshot's JSON Lines.

The files in tests/data are real-format exports (titles and abstracts from the shipped corpus,
authors and ids invented); the parsing is bibtexparser's and rispy's, not ours.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from rag.ingest.corpus import ReadReport, read_corpus
from rag.errors import CorpusError
from rag.records import Paper, paper_from_metadata, paper_to_metadata

DATA = Path(__file__).parent / "data"
BIB = DATA / "zotero-export.bib"
SNAPSHOT = DATA / "arxiv-snapshot-sample.jsonl"


def read(path: Path, fmt: str | None = None) -> tuple[list[Paper], ReadReport]:
    report = ReadReport()
    return list(read_corpus([path], report, fmt)), report


def test_a_zotero_bibtex_export_reads_with_decoded_latex_authors_venues_and_links():
    papers, report = read(BIB)
    by_title = {p.title: p for p in papers}
    assert list(by_title) == [
        "ForkMerge: Mitigating Negative Transfer in Auxiliary-Task Learning",  # {ForkMerge}: {Mitigating} ... braces gone
        "Addressing Negative Transfer in Diffusion Models",
        "Bailong: Bilingual Transfer Learning based on QLoRA and Zip-tie Embedding",
    ]
    fork, diffusion, bailong = papers
    assert fork.venue == "Advances in Neural Information Processing Systems", "@string macro resolved"
    assert fork.authors[:2] == ("Junguang Jiang", "Baixu Chen") and len(fork.authors) == 7
    assert (fork.year, fork.doi, fork.link()) == ("2023", "10.5555/forkmerge.2023", "https://example.org/forkmerge")
    assert fork.abstract.startswith("Auxiliary-Task Learning (ATL)"), "a duplicate key does not replace the first entry"
    assert "Bernhard Schölkopf" in diffusion.authors and "Émile Durand" in diffusion.authors, "LaTeX accents decoded"
    assert (diffusion.arxiv_id, diffusion.link()) == ("2399.00354", "https://arxiv.org/abs/2399.00354")
    assert (bailong.arxiv_id, bailong.year) == ("2499.00862", "2024"), "arXiv id from howpublished, year from date"


def test_entries_without_an_abstract_and_duplicate_keys_are_counted_and_named():
    _, report = read(BIB)
    assert report.missing_abstracts == 2
    missing = [w for w in report.warnings if "no abstract" in w]
    assert any("Deep Residual Learning for Image Recognition" in w for w in missing) and any("'Deep Learning'" in w for w in missing)
    duplicate = [w for w in report.warnings if "duplicate BibTeX key" in w]
    assert len(duplicate) == 1 and "jiang_forkmerge_2023" in duplicate[0] and duplicate[0].startswith(f"{BIB}:")


def test_a_broken_bibtex_entry_is_warned_about_and_the_rest_kept(tmp_path):
    text = BIB.read_text(encoding="utf-8") + "\n@article{broken, title = {Unclosed\n"
    path = tmp_path / "broken.bib"
    path.write_text(text, encoding="utf-8")
    papers, report = read(path)
    assert len(papers) == 3
    assert any("cannot be parsed" in w for w in report.warnings)


def test_a_bib_file_with_no_abstracts_at_all_is_one_clear_error(make_settings, tmp_path):
    from rag.components import Components
    from rag.ingest.pipeline import ingest

    path = tmp_path / "titles-only.bib"
    path.write_text("@article{a, title={Only a Title}, year={2020}}\n@misc{b, title={Another}}\n", encoding="utf-8")
    settings = make_settings()
    components = Components(settings)
    with pytest.raises(CorpusError, match="no usable papers"):
        ingest([path], settings, components.store, components.embedder, components.count_tokens, progress=False)
    assert components.store.count_chunks() == 0


def test_ris_records_read_through_rispy(tmp_path):
    path = tmp_path / "export.ris"
    path.write_text(
        "TY  - JOUR\nTI  - Frustratingly Easy Label Projection for Cross-lingual Transfer\nAU  - Chen, Yang\nAU  - Müller, Jörg\n"
        "PY  - 2023\nJO  - Findings of ACL\nDO  - https://doi.org/10.5555/ris.1\n"
        "AB  - Translating training data into many languages has emerged as a practical solution for cross-lingual transfer.\nER  - \n\n"
        "TY  - BOOK\nTI  - A Book Without an Abstract\nPY  - 2019\nER  - \n",
        encoding="utf-8",
    )
    papers, report = read(path)
    assert len(papers) == 1 and report.missing_abstracts == 1
    paper = papers[0]
    assert paper.authors == ("Chen, Yang", "Müller, Jörg") and paper.year == "2023" and paper.venue == "Findings of ACL"
    assert paper.doi == "10.5555/ris.1" and paper.link() == "https://doi.org/10.5555/ris.1"


def test_the_arxiv_metadata_snapshot_format_reads_as_published():
    papers, report = read(SNAPSHOT)
    assert len(papers) == 4
    assert len(report.warnings) == 1 and "not valid JSON" in report.warnings[0] and ":3:" in report.warnings[0]
    video, sparse, projection, _ = papers
    assert video.title == "Consistent Video-to-Video Transfer Using Synthetic Dataset", "title line breaks and indents normalised"
    assert video.authors == ("Ana Pérez", "B. Okafor", "Chen Wei"), "authors_parsed, first name first"
    assert (video.year, video.venue, video.doi, video.arxiv_id) == ("2023", "Proc. Invented Workshop 2023", "10.5555/invented.0", "2300.00042")
    assert video.categories == ("cs.CV", "cs.LG") and video.update_date == "2024-03-05"
    assert not video.abstract.startswith(" ") and "\n" not in video.abstract
    assert sparse.authors == ("Jiří Novák",) and sparse.link() == "https://arxiv.org/abs/2301.01142"
    assert (projection.arxiv_id, projection.year) == ("cs/0612042", "2006"), "old-style id; year of the first version"


def test_a_large_snapshot_streams_in_bounded_memory(tmp_path):
    """5,000 records (~7 MB): reading never holds the file; what grows is the duplicate check (~100 B a paper)."""
    record = json.loads(SNAPSHOT.read_text(encoding="utf-8").split("\n")[0])
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(5_000):
            record["id"] = f"2401.{n:05d}"
            record["title"] = f"Paper number {n}"
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_corpus([path], ReadReport()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 5_000
    assert peak < size / 6, f"peak {peak / 2**20:.1f} MB while reading a {size / 2**20:.0f} MB file"


def test_bibliographic_fields_survive_the_store_and_empty_ones_are_not_written():
    papers, _ = read(BIB)
    for paper in papers:
        assert paper_from_metadata(paper_to_metadata(paper)) == paper
    plain = Paper("t-1", "A title", "An abstract long enough.")
    assert not {"year", "venue", "doi", "arxiv_id"} & paper_to_metadata(plain).keys(), "chunks stored before these fields compare equal"
