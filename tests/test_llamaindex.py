"""Our retriever and cited-answer engine driven through LlamaIndex's own APIs.

Real Chroma and MiniLM over 12 shipped papers; the LLM is the scripted FAKE server
(tests/scripted_llm.py) on loopback, reached by LlamaIndex's `OpenAILike` for the
`RetrieverQueryEngine` and by our client for the cited engine (both point at it through
the same settings, as they would at the bundled model).
"""

from __future__ import annotations

import pytest
from llama_index.core.query_engine import RetrieverQueryEngine
from llama_index.core.schema import NodeWithScore, TextNode
from llama_index.core.tools import QueryEngineTool
from llama_index.llms.openai_like import OpenAILike

from rag import open_collection
from rag.llamaindex import CitedQueryEngine, PaperRetriever, openai_like_llm
from tests.scripted_llm import ScriptedLLMServer

DIFF_TRANSFER = "Diff-Transfer: Model-based Robotic Manipulation Skill Transfer via Differentiable Physics Simulation"
QUESTION = "How can robots transfer manipulation skills using differentiable physics simulation?"
KEY_ENV = "PAPER_RAG_TEST_LLAMAINDEX_KEY"


@pytest.fixture(scope="module")
def fake():
    with ScriptedLLMServer() as server:
        yield server


@pytest.fixture(scope="module")
def papers(tmp_path_factory, fake):
    from tests.conftest import write_small_corpus

    folder = tmp_path_factory.mktemp("llamaindex")
    corpus = write_small_corpus(folder)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(KEY_ENV, "sk-llamaindex-test")
        collection = open_collection(
            data_dir=folder / "data",
            llm={"backend": "openai", "base_url": fake.base_url, "model": "scripted", "api_key_env": KEY_ENV, "max_retries": 0, "timeout_s": 20.0},
        )
        collection.ingest([corpus])
        collection.components.chat_client()  # the key is read now, while it is set
        yield collection
    collection.close()


@pytest.fixture
def scripted(fake):
    fake.reset()
    yield fake
    assert fake.unscripted == 0, "the LLM was called more often than the test scripted"


def test_the_retriever_returns_papers_as_nodes_with_metadata_and_evidence_offsets(papers):
    nodes = PaperRetriever.from_collection(papers, k=5).retrieve(QUESTION)

    assert 1 <= len(nodes) <= 5 and all(isinstance(n, NodeWithScore) and isinstance(n.node, TextNode) for n in nodes)
    top = nodes[0].node
    assert top.metadata["title"] == DIFF_TRANSFER
    assert [n.score for n in nodes] == sorted((n.score for n in nodes), reverse=True)
    for item in nodes:
        node, meta = item.node, item.node.metadata
        assert node.text and meta["evidence"], "the abstract and its evidence travel with the node"
        # The node's range is its best evidence sentence, in abstract coordinates.
        assert node.text[node.start_char_idx : node.end_char_idx] == meta["evidence"][0]["text"]
        for evidence in meta["evidence"]:
            assert node.text[evidence["start"] : evidence["end"]] == evidence["text"]
    # What a LlamaIndex prompt shows of a node: title and abstract, not offsets or ids.
    shown = top.get_content(metadata_mode="llm")
    assert DIFF_TRANSFER in shown and "evidence" not in shown and "paper_id" not in shown


def test_a_retriever_query_engine_over_our_retriever_answers_through_openai_like(papers, scripted):
    llm = openai_like_llm(papers)
    assert isinstance(llm, OpenAILike)
    reply = "Diff-Transfer transfers skills through differentiable physics simulation."
    scripted.reply(reply)

    engine = RetrieverQueryEngine.from_args(PaperRetriever.from_collection(papers, k=3), llm=llm)
    response = engine.query(QUESTION)

    assert str(response) == reply
    assert response.source_nodes[0].node.metadata["title"] == DIFF_TRANSFER
    prompt = scripted.chat_requests[-1].prompt
    assert DIFF_TRANSFER in prompt, "LlamaIndex's synthesizer put our papers in the prompt"
    assert response.source_nodes[0].node.text[:80] in prompt
    assert scripted.chat_requests[-1].authorization == "Bearer sk-llamaindex-test"


def test_the_cited_engine_as_a_query_engine_tool_returns_the_verified_answer_and_cited_papers(papers, scripted):
    top = papers.search(QUESTION).hits[0]  # the engine numbers it [1] in its prompt
    assert top.paper.title == DIFF_TRANSFER
    claim = top.evidence[0].text
    scripted.reply(f"{claim} [1]")

    tool = QueryEngineTool.from_defaults(
        CitedQueryEngine.from_collection(papers, mode="llm"), name="papers", description="Cited answers from research-paper abstracts"
    )
    output = tool.call(QUESTION)
    response = output.raw_output

    assert output.content == response.response and "[1]" in output.content
    assert response.metadata["abstained"] is False and response.metadata["mode"] == "llm"
    assert [n.node.metadata["title"] for n in response.source_nodes] == [DIFF_TRANSFER]
    node = response.source_nodes[0].node
    citation = response.metadata["citations"][0]
    assert node.metadata["marker"] == 1 and node.metadata["supported"] is True
    assert node.text[node.start_char_idx : node.end_char_idx] == citation["evidence"]["text"]


def test_a_question_the_papers_do_not_answer_is_an_abstention_with_no_sources(papers):
    response = CitedQueryEngine.from_collection(papers, mode="extractive").query("What is the boiling point of tungsten at sea level?")
    assert response.metadata["abstained"] is True
    assert response.source_nodes == []
