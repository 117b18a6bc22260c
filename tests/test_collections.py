"""Named collections through the Python API and the CLI: separate indexes, counts, deletion.

Real Chroma on disk and real MiniLM: `default` holds 12 shipped papers, `mine` the 3 papers
with abstracts of the Zotero-style export in tests/data.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from rag import delete_collection, list_collections, open_collection
from rag import prompts
from rag.errors import ConfigError, EmptyIndexError

BIB = Path(__file__).parent / "data" / "zotero-export.bib"
FORKMERGE = "ForkMerge: Mitigating Negative Transfer in Auxiliary-Task Learning"
DIFF_TRANSFER = "Diff-Transfer: Model-based Robotic Manipulation Skill Transfer via Differentiable Physics Simulation"
ABOUT_FORKMERGE = "How does ForkMerge mitigate negative transfer in auxiliary-task learning?"
ABOUT_DIFF_TRANSFER = "How can robots transfer manipulation skills using differentiable physics simulation?"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    from tests.conftest import write_small_corpus

    folder = tmp_path_factory.mktemp("collections")
    corpus = write_small_corpus(folder)
    with open_collection(data_dir=folder / "data", answer={"mode": "extractive"}) as default:
        default.ingest([corpus])
        mine = open_collection("mine", components=default.components)
        summary = mine.ingest([BIB])
        assert (summary.papers, summary.missing_abstracts) == (3, 2)
    return folder / "data"


@pytest.fixture
def default(data_dir):
    with open_collection(data_dir=data_dir, answer={"mode": "extractive"}) as collection:
        yield collection


def test_collections_are_listed_with_their_counts(default):
    infos = {i.name: i for i in list_collections(default.components)}
    assert set(infos) == {"default", "mine"}
    assert (infos["default"].papers, infos["mine"].papers) == (12, 3)
    assert infos["mine"].chunks >= 3


@pytest.mark.parametrize(
    ("asked", "answer_in", "question", "title"),
    [("default", "mine", ABOUT_FORKMERGE, FORKMERGE), ("mine", "default", ABOUT_DIFF_TRANSFER, DIFF_TRANSFER)],
)
def test_a_collection_never_sees_another_collections_papers(default, asked, answer_in, question, title):
    answered = open_collection(answer_in, components=default.components).ask(question)
    assert not answered.abstained and answered.citations[0].paper.title == title

    other = open_collection(asked, components=default.components)
    elsewhere = other.ask(question)
    assert elsewhere.abstained and elsewhere.text == prompts.ABSTAIN_TEXT
    assert title not in {h.paper.title for h in other.search(question, k=20).hits}


def test_papers_carry_their_metadata_into_answers(default):
    answer = open_collection("mine", components=default.components).ask(ABOUT_FORKMERGE)
    paper = answer.citations[0].paper
    assert paper.byline() == "Jiang, Chen et al. (2023)" or paper.byline().endswith("(2023)")
    assert paper.link() == "https://example.org/forkmerge"
    cited = answer.to_json()["citations"][0]
    assert cited["year"] == "2023" and cited["link"] == "https://example.org/forkmerge" and cited["authors"][0] == "Junguang Jiang"


def test_an_empty_or_badly_named_collection_says_what_to_do(default):
    with pytest.raises(EmptyIndexError, match="collection nothing-here is empty"):
        open_collection("nothing-here", components=default.components).ask(ABOUT_FORKMERGE)
    with pytest.raises(ConfigError, match="bad collection name"):
        open_collection("../escape", components=default.components)


def test_deleting_a_paper_then_a_collection(data_dir, default):
    scratch = open_collection("scratch", components=default.components)
    scratch.ingest([BIB])
    fork = next(p for p in scratch.papers() if p.title == FORKMERGE)
    assert scratch.delete_paper(fork.paper_id) > 0
    assert scratch.paper_count() == 2
    assert FORKMERGE not in {h.paper.title for h in scratch.search(ABOUT_FORKMERGE).hits}, "BM25 follows the deletion"
    assert scratch.delete_paper(fork.paper_id) == 0

    assert delete_collection(default.components, "scratch") is True
    assert "scratch" not in {i.name for i in list_collections(default.components)}
    assert not any(p.name.endswith(".scratch") for p in (data_dir / "keyword").iterdir()), "its BM25 index went too"
    assert default.paper_count() == 12, "other collections untouched"
    assert delete_collection(default.components, "scratch") is False


# -- the CLI, in process (each `main` builds its own components, as a user's run does) ----


def run_cli(monkeypatch, capsys, data_dir: Path, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    from rag.cli import main

    monkeypatch.setenv("RAG_DATA_DIR", str(data_dir))
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_lists_collections_and_takes_collection_before_or_after_the_command(monkeypatch, capsys, data_dir):
    code, out, _ = run_cli(monkeypatch, capsys, data_dir, "collections", "--json")
    assert code == 0 and {c["name"]: c["papers"] for c in json.loads(out)} == {"default": 12, "mine": 3}

    code, out, _ = run_cli(monkeypatch, capsys, data_dir, "search", "ForkMerge auxiliary-task learning", "--collection", "mine", "--json")
    assert code == 0 and json.loads(out)[0]["title"] == FORKMERGE
    code, out, _ = run_cli(monkeypatch, capsys, data_dir, "--collection", "mine", "stats", "--json")
    assert code == 0 and json.loads(out)["papers"] == 3


def test_cli_deletes_only_after_confirmation(monkeypatch, capsys, data_dir):
    code, _, _ = run_cli(monkeypatch, capsys, data_dir, "--collection", "doomed", "ingest", str(BIB), "-q")
    assert code == 0
    code, out, err = run_cli(monkeypatch, capsys, data_dir, "papers", "--collection", "doomed", "--json")
    paper_id = json.loads(out)[0]["paper_id"]

    code, _, err = run_cli(monkeypatch, capsys, data_dir, "delete-paper", paper_id, "--collection", "doomed", stdin="n\n")
    assert code == 1 and "nothing deleted" in err
    code, _, err = run_cli(monkeypatch, capsys, data_dir, "delete-collection", "doomed")  # no answer at all: a no
    assert code == 1 and "nothing deleted" in err

    code, out, _ = run_cli(monkeypatch, capsys, data_dir, "delete-paper", paper_id, "--collection", "doomed", stdin="y\n")
    assert code == 0 and "deleted" in out
    code, out, _ = run_cli(monkeypatch, capsys, data_dir, "delete-collection", "doomed", "--yes")
    assert code == 0 and "deleted collection doomed (2 papers)" in out
    code, out, _ = run_cli(monkeypatch, capsys, data_dir, "collections", "--json")
    assert {c["name"] for c in json.loads(out)} == {"default", "mine"}


def test_import_rag_has_no_side_effects_until_a_name_is_used(tmp_path):
    import subprocess

    code = (
        "import sys, rag\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'chromadb', 'llama_index', 'onnxruntime', 'gradio', 'numpy', 'rag.collection'})\n"
        "print(heavy, 'rag.collection' in sys.modules)\n"
        "from rag import open_collection\n"
        "print(open_collection.__module__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60,
                          env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[] False", "rag.collection"]
    assert not any(tmp_path.iterdir()), "importing wrote nothing"
