"""Our retriever and cited-answer engine as LlamaIndex parts, for teams whose code is LlamaIndex.

An adapter at the edge over the existing engine (no second pipeline; the engine never imports
this module):

- `PaperRetriever`: a `BaseRetriever` over the hybrid paper retriever. One `NodeWithScore` per
  paper: the node's text is the abstract, `start_char_idx`/`end_char_idx` the best evidence
  sentence, and its metadata the paper's bibliographic fields and every evidence sentence with
  its offsets. Use it in a `RetrieverQueryEngine`, a `RouterRetriever`, an agent...
- `CitedQueryEngine`: a query engine whose `Response` is our verified, cited answer, with one
  source node per cited paper (offsets = the supporting sentence) and the citations, the
  abstention flag and any notice in `Response.metadata`. Wrap it in a `QueryEngineTool`.
- `openai_like_llm`: LlamaIndex's `OpenAILike` pointed at the configured LLM (the bundled model
  on loopback, started if needed, or `llm.base_url`), for LlamaIndex's own synthesizers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.response.schema import Response
from llama_index.core.callbacks import CallbackManager
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from rag.records import Citation, Evidence, Paper, PaperHit

if TYPE_CHECKING:
    from rag.collection import Collection
    from rag.search.retrieve import HybridRetriever

# What an LLM prompt built by LlamaIndex shows above each abstract; the rest is for code.
_LLM_METADATA = ("title", "authors", "year", "venue")
_ALL_METADATA = ("paper_id", "title", "authors", "year", "venue", "doi", "arxiv_id", "link", "evidence", "rank", "marker", "supported")


def paper_node(paper: Paper, evidence: tuple[Evidence, ...], **extra: Any) -> TextNode:
    """A paper as a node: the abstract, with the best evidence sentence as the node's character range."""
    best = evidence[0] if evidence else None
    metadata = {
        "paper_id": paper.paper_id,
        "title": paper.title,
        "authors": "; ".join(paper.authors),
        "year": paper.year,
        "venue": paper.venue,
        "doi": paper.doi,
        "arxiv_id": paper.arxiv_id,
        "link": paper.link(),
        "evidence": [{"text": e.text, "start": e.start, "end": e.end, "score": e.score} for e in evidence],
        **extra,
    }
    return TextNode(
        id_=paper.paper_id,
        text=paper.abstract,
        metadata=metadata,
        start_char_idx=best.start if best else None,
        end_char_idx=best.end if best else None,
        excluded_llm_metadata_keys=[k for k in _ALL_METADATA if k not in _LLM_METADATA],
        excluded_embed_metadata_keys=list(_ALL_METADATA),
    )


def hit_node(hit: PaperHit) -> NodeWithScore:
    return NodeWithScore(node=paper_node(hit.paper, hit.evidence, rank=hit.rank), score=hit.score)


def citation_node(citation: Citation) -> NodeWithScore:
    node = paper_node(citation.paper, (citation.evidence,), marker=citation.marker, supported=citation.supported)
    return NodeWithScore(node=node, score=citation.support_score)


class PaperRetriever(BaseRetriever):
    """The hybrid (dense + BM25, reranked) paper retriever as a LlamaIndex retriever."""

    def __init__(self, retriever: HybridRetriever, k: int | None = None, callback_manager: CallbackManager | None = None) -> None:
        super().__init__(callback_manager=callback_manager)
        self._paper_retriever = retriever
        self._k = k

    @classmethod
    def from_collection(cls, collection: Collection, k: int | None = None) -> PaperRetriever:
        collection.components.require_index()
        return cls(collection.components.retriever, k)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        result = self._paper_retriever.search(query_bundle.query_str, k=self._k)
        return [hit_node(hit) for hit in result.hits]


class CitedQueryEngine(CustomQueryEngine):
    """Our answer engine as a LlamaIndex query engine: verified text, cited papers as source nodes."""

    answer_engine: Any  # rag.answer.engine.AnswerEngine (a plain class, not a pydantic model)
    mode: str | None = None  # "llm" | "extractive"; None: answer.mode
    top_k: int | None = None

    @classmethod
    def from_collection(cls, collection: Collection, mode: str | None = None, top_k: int | None = None) -> CitedQueryEngine:
        collection.components.require_index()
        return cls(answer_engine=collection.engine, mode=mode, top_k=top_k)

    def custom_query(self, query_str: str) -> Response:
        answer = self.answer_engine.ask(query_str, mode=self.mode, top_k=self.top_k)
        return Response(
            response=answer.text,
            source_nodes=[citation_node(c) for c in answer.citations],
            metadata={
                "abstained": answer.abstained,
                "mode": answer.mode,
                "notice": answer.notice,
                "citations": [c.to_json() for c in answer.citations],
                "answer": answer,  # the rag.records.Answer, for exports (rag.export)
            },
        )


def openai_like_llm(collection: Collection, **kwargs: Any):
    """`OpenAILike` over the configured LLM: the bundled model (started on loopback if it is not yet) or llm.base_url."""
    from llama_index.llms.openai_like import OpenAILike

    components = collection.components
    client = components.chat_client()
    settings = components.settings.llm
    options = {
        "model": client.model,
        "api_base": client.base_url,
        "api_key": components.settings.api_key(settings.api_key_env) or "not-needed",
        "is_chat_model": True,  # without it OpenAILike posts to the legacy /v1/completions
        "context_window": components.settings.local_model.ctx_size,
        "max_tokens": settings.max_tokens,
        "temperature": settings.temperature,
        "timeout": settings.timeout_s,
    }
    return OpenAILike(**(options | kwargs))
