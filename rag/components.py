"""The one place that builds the embedder, store, retriever and answer engine from settings.

Everything else is handed what it needs; nothing is built at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from rag.settings import Settings


@dataclass
class Components:
    settings: Settings
    chroma_client: Any = None  # tests pass a client (e.g. an HttpClient to a `chroma run` server)

    @cached_property
    def embedder(self):
        from rag.embedding import build_embedder

        return build_embedder(self.settings.embedding, self.settings.api_key(self.settings.embedding.api_key_env))

    @cached_property
    def store(self):
        from rag.store import open_store

        return open_store(self.settings, self.embedder.name, self.chroma_client)

    @cached_property
    def count_tokens(self):
        from rag.chunking import token_counter

        return token_counter(self.settings.chunking)

    def close(self) -> None:
        """Stop what the components started (the local model server)."""
        server = self.__dict__.get("local_server")
        if server is not None:
            server.stop()

    @cached_property
    def keyword_index(self):
        from rag.keyword import KeywordIndex

        return KeywordIndex(self.store, self.settings.data_dir / "keyword")

    @cached_property
    def retriever(self):
        from rag.retrieve import HybridRetriever

        return HybridRetriever(self.store, self.embedder, self.keyword_index, self.settings.retrieval)

    def require_index(self) -> None:
        from rag.errors import EmptyIndexError

        if self.store.count_chunks() == 0:
            raise EmptyIndexError("the index is empty", hint="run `rag ingest` first (or `make run`, which does it)")
