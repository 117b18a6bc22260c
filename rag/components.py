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
    parent: Components | None = None  # set by for_collection(): the embedder, Chroma client and LLM are the parent's

    def for_collection(self, name: str) -> Components:
        """The same parts over another named collection: its own store, BM25 index, retriever and engine;
        the embedder, the Chroma client and the language model (one local server) are shared."""
        from rag.settings import with_collection

        root = self.parent or self
        if name == self.settings.store.collection:
            return self
        other = Components(with_collection(self.settings, name), self.chroma_client, parent=root)
        for shared in ("embedder", "client", "count_tokens"):
            other.__dict__[shared] = getattr(root, shared)
        return other

    @cached_property
    def embedder(self):
        from rag.search.embedding import build_embedder, embedder_name
        from rag.search.lazy_embedder import DeferredEmbedder

        def load():
            return build_embedder(self.settings.embedding, self.settings.api_key(self.settings.embedding.api_key_env), self.settings.data_dir / "cache")

        # The model loads at the first embed: `rag serve` opens the store and shows its page without waiting for it.
        return DeferredEmbedder(embedder_name(self.settings.embedding), load)

    @cached_property
    def client(self):
        """The Chroma client; one per process, shared by every collection."""
        from rag.search.store import open_client

        return self.chroma_client or open_client(self.settings)

    @cached_property
    def store(self):
        from rag.search.store import open_store

        return open_store(self.settings, self.embedder.name, self.client)

    @cached_property
    def count_tokens(self):
        from rag.ingest.chunking import token_counter

        return token_counter(self.settings.chunking)

    def close(self) -> None:
        """Stop what the components started (the local model server); a collection's view leaves it to its parent."""
        if self.parent is not None:
            return
        server = self.__dict__.get("local_server")
        if server is not None:
            server.stop()

    @cached_property
    def keyword_index(self):
        from rag.search.keyword import KeywordIndex

        return KeywordIndex(self.store, self.settings.data_dir / "keyword")

    @cached_property
    def retriever(self):
        from rag.search.retrieve import HybridRetriever

        retrieval = self.settings.retrieval
        if self.settings.store.mode == "http":
            # A Chroma server is the source of truth, shared with other writers and possibly stopped:
            # every dense search asks it, so a lost server is reported at the question that meets it.
            retrieval = retrieval.model_copy(update={"in_memory_max_chunks": 0})
        return HybridRetriever(self.store, self.embedder, self.keyword_index, retrieval)

    def require_index(self) -> None:
        from rag.errors import EmptyIndexError

        if self.store.count_chunks() == 0:
            name = self.settings.store.collection
            if name != "default":
                raise EmptyIndexError(f"collection {name} is empty", hint=f"add papers with `rag ingest FILE --collection {name}` (or upload them in the browser)")
            raise EmptyIndexError("the index is empty", hint="run `rag ingest` first (or `make run`, which does it)")

    @cached_property
    def relevance_judge(self):
        from rag.verify.relevance import RelevanceJudge

        # Document frequencies over the indexed abstracts: ~0.1 s for 316 papers, once.
        return RelevanceJudge.from_texts(f"{p.title}\n{p.abstract}" for p in self.store.papers())

    @cached_property
    def word_vectors(self):
        from rag.verify.word_vectors import WordVectors

        # Single words embedded by the same MiniLM, cached: the support judge's synonym credit.
        # Its threshold is calibrated on MiniLM's cosines; another embedder's scale differs, so
        # with one the judge counts exact words only, as before.
        if not self.settings.answer.synonym_credit:
            return None
        return WordVectors(self.embedder) if self.settings.embedding.backend == "minilm-onnx" else None

    @cached_property
    def claim_judge(self):
        from rag.verify.claim_judge import ClaimJudge
        from rag.verify.support import SupportJudge

        answer = self.settings.answer
        return ClaimJudge(SupportJudge(synonyms=self.word_vectors), answer.support_threshold, self.relevance_judge, answer.relevance_threshold,
                          nearest_papers=self.store.nearest_paper_cosines,
                          nearest_chunks=self.store.nearest_paper_chunk_cosines, paper_records=self.store.paper_records)

    @cached_property
    def verifier(self):
        from rag.verify.citations import CitationVerifier

        answer = self.settings.answer
        return CitationVerifier(self.store, self.embedder, self.claim_judge, answer.support_threshold, answer.drop_unsupported)

    def chat_client(self):
        """The LLM client; with backend=local this starts the shipped model on loopback (once)."""
        import threading

        if self.parent is not None:
            return self.parent.chat_client()

        # The warm-up thread and the first question may race here: one server, not two.
        with self.__dict__.setdefault("_llm_lock", threading.Lock()):
            if "_chat_client" in self.__dict__ and not self._local_server_alive():
                # The model process died (killed, out of memory) since the last question: the
                # client points at a dead port, so start a fresh server for this question.
                import logging

                logging.getLogger(__name__).warning("the local model server is not running any more; restarting it")
                del self.__dict__["_chat_client"]
            if "_chat_client" not in self.__dict__:
                self.__dict__["_chat_client"] = self._build_chat_client()
        return self.__dict__["_chat_client"]

    def _local_server_alive(self) -> bool:
        server = self.__dict__.get("local_server")
        return self.settings.llm.backend != "local" or server is None or server.is_running()

    def chat_ready(self) -> bool:
        """True when a question can go to the LLM without starting (or restarting) the local server first."""
        root = self.parent or self
        return "_chat_client" in root.__dict__ and root._local_server_alive()

    def _build_chat_client(self):
        from rag.answer.llm import ChatClient

        llm = self.settings.llm
        if llm.backend == "local":
            server = self.local_server
            server.start()
            client = ChatClient(server.base_url, server.model_name, "local", llm)
        else:
            if not llm.base_url:
                from rag.errors import ConfigError

                raise ConfigError("llm.backend is openai but llm.base_url is empty", hint="set RAG_LLM__BASE_URL, e.g. https://api.openai.com/v1")
            client = ChatClient(llm.base_url, llm.model, self.settings.api_key(llm.api_key_env), llm)
        return client

    @cached_property
    def local_server(self):
        from rag.answer.local_llm import LocalModelServer

        return LocalModelServer.from_settings(self.settings.local_model, self.settings.data_dir)

    @cached_property
    def answer_engine(self):
        from rag.answer.engine import AnswerEngine

        return AnswerEngine(
            self.settings, self.retriever, self.verifier, self.chat_client, self.store.count_papers,
            chat_ready=self.chat_ready, classifier=self.question_classifier,
        )

    @cached_property
    def question_classifier(self):
        from rag.answer.question_kind import QuestionKindClassifier, load_kind_examples
        from rag.search.vector_cache import cached_embed

        # The examples' vectors are saved in data_dir: only the first start on a machine embeds them
        # (53 questions, ~1-7 s here); later starts read them without loading the embedder.
        examples = cached_embed(self.embedder.embed, self.settings.data_dir / "cache" / "vectors", self.embedder.name)
        return QuestionKindClassifier(self.embedder.embed, load_kind_examples(self.settings.kind_examples_path()), examples).prepare()

    def warm_up_in_background(self) -> None:
        """Load the BM25 index and start the LLM while the user reads the page (its first token is then ~10 s sooner)."""
        import logging
        import threading

        def warm() -> None:
            try:
                self.retriever.search("warm up")
                self.retriever.wait_for_rows()
                if self.settings.answer.mode == "llm":
                    self.chat_client()
            except Exception as exc:  # noqa: BLE001 - a failed warm-up shows up, clearly, at the first question
                logging.getLogger(__name__).warning("warm-up failed: %r", exc)
            settle_heap()

        threading.Thread(target=warm, name="warm-up", daemon=True).start()


def settle_heap() -> None:
    """Move what start-up built (Chroma, onnxruntime, the keyword index, Gradio: ~100k objects) out
    of the garbage collector's sight. A search allocates enough to trigger a full collection now and
    then, which re-scanned all of it: that was the search p95 tail (bench: p95 ratio to the
    LlamaIndex retriever 1.15 / 1.02 without, 0.91 / 0.81 with, interleaved runs in one process)."""
    import gc

    gc.collect()
    gc.freeze()
