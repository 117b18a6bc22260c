"""Baselines measured beside our retriever: what anyone would start from with LlamaIndex.

`LlamaIndexVectorBaseline` is LlamaIndex's default `VectorStoreIndex` (default node parser,
one Document per paper) over a Chroma collection, with the same MiniLM embedder as ours,
so the comparison isolates chunking, keyword search, fusion and grouping.
"""

from __future__ import annotations

import logging
from typing import Any

from rag.search.embedding import Embedder
from rag.records import Paper

log = logging.getLogger(__name__)


def llama_embedding(embedder: Embedder) -> Any:
    """Our embedder behind LlamaIndex's BaseEmbedding interface (passed explicitly, never global)."""
    from llama_index.core.embeddings import BaseEmbedding

    class SharedEmbedding(BaseEmbedding):
        def _get_query_embedding(self, query: str) -> list[float]:
            return embedder.embed([query])[0].tolist()

        def _get_text_embedding(self, text: str) -> list[float]:
            return embedder.embed([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed(texts).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

    return SharedEmbedding(model_name=embedder.name, embed_batch_size=64)


def paper_documents(papers: list[Paper]) -> list[Any]:
    from llama_index.core import Document

    return [
        Document(text=p.abstract, doc_id=p.paper_id, metadata={"paper_id": p.paper_id, "title": p.title}, excluded_embed_metadata_keys=["paper_id"])
        for p in papers
    ]


class LlamaIndexVectorBaseline:
    def __init__(self, chroma_client: Any, papers: list[Paper], embedder: Embedder, collection: str) -> None:
        from llama_index.core import StorageContext, VectorStoreIndex
        from llama_index.vector_stores.chroma import ChromaVectorStore

        chroma_collection = chroma_client.get_or_create_collection(collection, embedding_function=None)
        store = ChromaVectorStore(chroma_collection=chroma_collection)
        embed_model = llama_embedding(embedder)
        if chroma_collection.count() > 0:
            self.index = VectorStoreIndex.from_vector_store(store, embed_model=embed_model)
        else:
            log.info("building the LlamaIndex baseline over %d papers", len(papers))
            context = StorageContext.from_defaults(vector_store=store)
            self.index = VectorStoreIndex.from_documents(paper_documents(papers), storage_context=context, embed_model=embed_model)

    def rank(self, question: str, k: int = 10) -> list[str]:
        """Paper ids, best first (nodes of the same paper collapse to its first)."""
        nodes = self.index.as_retriever(similarity_top_k=k * 2).retrieve(question)
        ranking: list[str] = []
        for node in nodes:
            pid = node.node.metadata.get("paper_id")
            if pid and pid not in ranking:
                ranking.append(pid)
        return ranking[:k]
