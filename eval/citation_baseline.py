"""LlamaIndex's CitationQueryEngine, as anyone would start with it: the cited-answer baseline.

Same embedder (eval/baselines.py `llama_embedding`), its own Chroma collection built from one
Document per paper (shared with the retrieval baseline `LlamaIndexVectorBaseline`), the same
LLM endpoint, model, temperature and answer length as our engine, and as many papers in the
context as ours (answer.context_papers). Two changes from its defaults, both to be fair to it:
the metadata mode is LLM, so each "Source N" shows the paper's title (by default
CitationQueryEngine hides node metadata from the model), and the paper id is excluded from
what the model reads (a hash means nothing to it). Its "[N]" markers are mapped back to the
paper of "Source N" and scored by the same citation metrics as ours.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from rag.verify.citations import parse_markers
from rag.records import Paper

log = logging.getLogger(__name__)

# CitationQueryEngine has no abstention; its prompt asks the model to "indicate" when no source
# helps. An answer with no marker that says so, or an empty one, is counted as an abstention.
_REFUSAL = re.compile(
    r"none of the (provided )?sources|(do|does|did) not (contain|provide|mention|include|address|answer)|"
    r"no (relevant )?information|(cannot|can't|unable to) (be )?(answer|determine|find)|not (mentioned|provided|available|specified)",
    re.IGNORECASE,
)


@dataclass
class BaselineAnswer:
    text: str
    abstained: bool
    marker_papers: dict[int, Paper]  # "Source N" -> its paper
    ranking: list[tuple[Paper, float]]  # the same index's retriever, top 10 papers, best first
    notice: str = ""
    sources: list[str] = field(default_factory=list)  # paper ids of Source 1..N


def is_refusal(text: str) -> bool:
    """An empty answer, or one without any [n] marker that says the sources do not help."""
    stripped = text.strip()
    return not stripped or stripped == "Empty Response" or (not parse_markers(stripped) and bool(_REFUSAL.search(stripped)))


def openai_like_llm(base_url: str, model: str, api_key: str, llm_settings: Any, context_window: int) -> Any:
    """OpenAILike pointed at our endpoint (is_chat_model=True: otherwise it posts to /v1/completions)."""
    from llama_index.llms.openai_like import OpenAILike

    return OpenAILike(
        model=model,
        api_base=base_url,
        api_key=api_key or "not-needed",
        is_chat_model=True,
        context_window=context_window,
        max_tokens=llm_settings.max_tokens,
        temperature=llm_settings.temperature,
        timeout=llm_settings.timeout_s,
        max_retries=llm_settings.max_retries,
    )


class CitationQueryBaseline:
    def __init__(self, index: Any, llm: Any, papers: dict[str, Paper], context_papers: int, rank_k: int = 10) -> None:
        from llama_index.core.query_engine import CitationQueryEngine
        from llama_index.core.schema import MetadataMode

        self.papers, self.rank_k = papers, rank_k
        self.engine = CitationQueryEngine.from_args(
            index,
            llm=llm,
            similarity_top_k=context_papers,
            metadata_mode=MetadataMode.LLM,
            node_postprocessors=[_title_only_postprocessor()],
        )
        self.ranker = index.as_retriever(similarity_top_k=rank_k * 2)

    @classmethod
    def from_components(cls, components: Any, papers: list[Paper]) -> CitationQueryBaseline:
        from eval.baselines import LlamaIndexVectorBaseline
        from rag.search.store import open_client
        from rag.ingest.tokens import get_encoding

        get_encoding("cl100k_base")  # points tiktoken at the copy llama-index ships before LlamaIndex counts tokens
        settings = components.settings
        client = components.chroma_client or open_client(settings)
        index = LlamaIndexVectorBaseline(client, papers, components.embedder, f"{components.store.name}-llamaindex").index
        chat = components.chat_client()  # the endpoint our engine uses (starts the local server once)
        context_window = settings.local_model.ctx_size if settings.llm.backend == "local" else 4096
        llm = openai_like_llm(chat.base_url, chat.model, settings.api_key(settings.llm.api_key_env), settings.llm, context_window)
        return cls(index, llm, {p.paper_id: p for p in papers}, settings.answer.context_papers)

    def rank(self, question: str) -> list[tuple[Paper, float]]:
        ranking: dict[str, tuple[Paper, float]] = {}
        for node in self.ranker.retrieve(question):
            pid = node.node.metadata.get("paper_id")
            if pid in self.papers and pid not in ranking:
                ranking[pid] = (self.papers[pid], float(node.score or 0.0))
        return list(ranking.values())[: self.rank_k]

    def answer(self, question: str) -> BaselineAnswer:
        ranking = self.rank(question)
        try:
            response = self.engine.query(question)
        except Exception as exc:  # noqa: BLE001 - any LLM failure is a failed answer, counted as such
            log.warning("CitationQueryEngine failed: %r", exc)
            return BaselineAnswer("", True, {}, ranking, notice=f"the baseline's LLM call failed ({type(exc).__name__})")
        sources = [str(n.node.metadata.get("paper_id", "")) for n in response.source_nodes]
        marker_papers = {i: self.papers[pid] for i, pid in enumerate(sources, start=1) if pid in self.papers}
        text = str(response.response or "").strip()
        return BaselineAnswer(text, is_refusal(text), marker_papers, ranking, sources=sources)


def _title_only_postprocessor() -> Any:
    from llama_index.core.postprocessor.types import BaseNodePostprocessor

    class TitleOnlyMetadata(BaseNodePostprocessor):
        """Show the model each source's title and nothing else of its metadata."""

        def _postprocess_nodes(self, nodes, query_bundle=None):
            for node in nodes:
                node.node.excluded_llm_metadata_keys = [k for k in node.node.metadata if k != "title"]
            return nodes

    return TitleOnlyMetadata()
