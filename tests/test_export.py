"""Exported answers parse back: Markdown links resolve, BibTeX reads with bibtexparser (the importer's parser).

Answers come from the real engine (extractive mode) over real Chroma: one collection of papers
with bibliographic metadata (the Zotero-style export in tests/data), one without (shipped text format).
"""

from __future__ import annotations

import re
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser import middlewares

from rag import open_collection
from rag.export import answer_bibtex, answer_markdown
from rag.records import Answer, Citation, Evidence, Paper

BIB = Path(__file__).parent / "data" / "zotero-export.bib"
QUESTION = "Which methods tackle negative transfer?"
_LINK = re.compile(r"(?<!\\)\[((?:[^\]\\]|\\.)*)\]\(([^)\s]*)\)")


@pytest.fixture(scope="module")
def with_metadata(tmp_path_factory):
    with open_collection("refs", data_dir=tmp_path_factory.mktemp("export") / "data", answer={"mode": "extractive"}) as collection:
        collection.ingest([BIB])
        yield collection


def parse_bibtex(text: str):
    return bibtexparser.parse_string(text, append_middleware=[middlewares.LatexDecodingMiddleware(), middlewares.SeparateCoAuthors()])


def test_markdown_export_has_the_answer_linked_references_and_supporting_sentences(with_metadata):
    answer = with_metadata.ask(QUESTION)
    assert len(answer.citations) >= 2, "the export test needs several references"
    text = answer_markdown(answer)

    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    links = _LINK.findall(text)
    internal = [target for _, target in links if target.startswith("#")]
    external = [target for _, target in links if not target.startswith("#")]
    assert internal and all(target[1:] in anchors for target in internal), "every [n] in the answer jumps to its reference"
    assert {f"#ref-{c.marker}" for c in answer.citations} <= set(internal)
    assert sorted(external) == sorted(c.paper.link() for c in answer.citations if c.paper.link())
    assert all(url.startswith("https://") for url in external)
    for citation in answer.citations:
        assert f"“{citation.evidence.text}”" in text, "each reference quotes its supporting sentence"
        assert citation.paper.year in text
    assert text.startswith(f"# {QUESTION}\n")


def test_bibtex_export_parses_back_with_the_same_fields(with_metadata):
    answer = with_metadata.ask(QUESTION)
    library = parse_bibtex(answer_bibtex(answer))
    assert not library.failed_blocks
    cited = list(dict.fromkeys(c.paper.paper_id for c in answer.citations))
    assert len(library.entries) == len(cited)
    by_title = {c.paper.title: c.paper for c in answer.citations}
    for entry in library.entries:
        fields = {k: v for k, v in entry.fields_dict.items()}
        title = fields["title"].value.strip("{}")
        paper = by_title[title]
        assert fields["author"].value == list(paper.authors)
        assert fields["year"].value == paper.year
        if paper.doi:
            assert fields["doi"].value == paper.doi
        if paper.arxiv_id:
            assert fields["eprint"].value == paper.arxiv_id
        assert fields["abstract"].value.replace("--", "–")[:40] == paper.abstract.replace("--", "–")[:40]


def test_a_paper_without_metadata_becomes_a_minimal_misc_entry_and_awkward_text_survives():
    paper = Paper("t-1", "Braces {and} 100% of R&D_costs: a #1 study", "An abstract with {unbalanced braces and a \\ backslash.")
    citation = Citation(1, paper, Evidence("An abstract", 0, 11), True, 1.0)
    answer = Answer("q?", "q?", "An abstract [1]", "extractive", False, (citation,), ())
    library = parse_bibtex(answer_bibtex(answer))
    assert not library.failed_blocks and len(library.entries) == 1
    entry = library.entries[0]
    assert entry.entry_type == "misc" and set(entry.fields_dict) == {"title", "abstract"}
    assert entry.fields_dict["title"].value.strip("{}") == "Braces (and) 100% of R&D_costs: a #1 study"

    markdown = answer_markdown(answer)
    assert "[\\[1\\]](#ref-1)" in markdown and '<a id="ref-1"></a>' in markdown
    assert "](http" not in markdown, "no link is invented for a paper without one"


def test_an_abstention_exports_as_markdown_with_leads_and_an_empty_bibliography(with_metadata):
    answer = with_metadata.ask("What is the boiling point of tungsten at sea level?")
    assert answer.abstained
    assert answer_bibtex(answer) == ""
    assert "Closest papers, as leads:" in answer_markdown(answer)


@pytest.mark.parametrize("fmt", ["md", "bib", "json"])
def test_rag_ask_format_prints_the_export_and_nothing_else(monkeypatch, capsys, with_metadata, fmt):
    import json

    from rag.cli import main

    monkeypatch.setenv("RAG_DATA_DIR", str(with_metadata.settings.data_dir))
    code = main(["ask", QUESTION, "--collection", "refs", "--mode", "extractive", "--format", fmt])
    out = capsys.readouterr().out
    assert code == 0
    expected = with_metadata.ask(QUESTION)
    if fmt == "md":
        assert out == answer_markdown(expected)
    elif fmt == "bib":
        assert len(parse_bibtex(out).entries) == len({c.paper.paper_id for c in expected.citations})
    else:
        assert [c["title"] for c in json.loads(out)["citations"]] == [c.paper.title for c in expected.citations]


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("Who proposed ForkMerge?", "by Junguang Jiang, Baixu Chen, "),
        ("When was ForkMerge published?", "published in 2023, per the paper's record"),
        ("Where was ForkMerge published?", "published in Advances in Neural Information Processing Systems"),
    ],
)
def test_who_wrote_a_named_paper_and_when_and_where_come_from_its_record(with_metadata, question, line):
    """No abstract names its authors: the BibTeX record does, and the model is never asked to guess them."""
    for mode in ("extractive", "llm"):  # llm: the record answers before any model would be started
        answer = with_metadata.ask(question, mode=mode)
        assert answer.shape == "record" and not answer.abstained
        lead = answer.text.splitlines()[0]
        assert lead.startswith("**ForkMerge**: ") and line in lead, lead
        assert "[" not in lead, "no abstract sentence supports the record's line: it carries no marker"
        assert [c.paper.title for c in answer.citations] == ["ForkMerge: Mitigating Negative Transfer in Auxiliary-Task Learning"]
