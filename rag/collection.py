"""The Python API: a named collection of papers to ingest into, search and ask.

    from rag import open_collection

    with open_collection("my-reading-list") as papers:
        papers.ingest(["zotero-export.bib"])
        answer = papers.ask("Which methods tackle negative transfer?", mode="extractive")
        print(answer.text)

Each collection is a separate index (its own Chroma collections and BM25 index): a question
asked of one never sees another's papers. The shipped corpus lives in `default`. The CLI and
the UI are thin layers over this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rag.components import Components
    from rag.ingest.corpus import ReadReport
    from rag.ingest.pipeline import IngestSummary
    from rag.records import Answer, Paper
    from rag.search.retrieve import Retrieval
    from rag.settings import Settings


@dataclass(frozen=True)
class CollectionInfo:
    name: str
    papers: int
    chunks: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "papers": self.papers, "chunks": self.chunks}


class Collection:
    """One named collection over shared components (embedder, Chroma client, LLM)."""

    def __init__(self, components: Components) -> None:
        self.components = components

    @property
    def name(self) -> str:
        return self.components.settings.store.collection

    @property
    def settings(self) -> Settings:
        return self.components.settings

    def __repr__(self) -> str:
        return f"Collection({self.name!r})"

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the local model server if this collection started it."""
        self.components.close()

    # -- writing -------------------------------------------------------------------------

    def ingest(self, paths: Sequence[str | Path] = (), fmt: str | None = None, progress: bool = False) -> IngestSummary:
        """Add corpus files (text, JSON Lines, CSV, BibTeX, RIS); no paths: the shipped corpus."""
        from rag.ingest.pipeline import ingest

        c = self.components
        files = [Path(p) for p in paths] or self.settings.corpus_paths()
        return ingest(files, self.settings, c.store, c.embedder, c.count_tokens, fmt, progress=progress)

    def add_papers(
        self, papers: Iterable[Paper], report: ReadReport | None = None, on_batch: Callable[[int], None] | None = None, total: int | None = None
    ) -> IngestSummary:
        """Add papers read elsewhere (an upload, a notebook); `report` carries the reader's warnings."""
        from rag.ingest.corpus import ReadReport
        from rag.ingest.pipeline import ingest_papers

        c = self.components
        report = report or ReadReport()
        if report.papers == 0:  # papers built by hand, not by a reader: count them as they pass
            papers = _counted(papers, report)
        return ingest_papers(papers, report, self.settings, c.store, c.embedder, c.count_tokens, total=total, progress=False, on_batch=on_batch)

    def delete_paper(self, paper_id: str) -> int:
        """Remove one paper; returns the chunks removed (0: no such paper here)."""
        return self.components.store.delete_papers([paper_id])

    # -- reading -------------------------------------------------------------------------

    def info(self) -> CollectionInfo:
        store = self.components.store
        return CollectionInfo(self.name, store.count_papers(), store.count_chunks())

    def paper_count(self) -> int:
        return self.components.store.count_papers()

    def papers(self) -> list[Paper]:
        return self.components.store.papers()

    def search(self, query: str, k: int | None = None) -> Retrieval:
        """Ranked papers with evidence sentences (`.hits`) and timings."""
        from rag.errors import QuestionError

        query = " ".join((query or "").split())
        if not query:
            raise QuestionError("the query is empty", hint='search for something like "negative transfer"')
        self.components.require_index()
        return self.components.retriever.search(query, k=k)

    def stream(self, question: str, history: Sequence[dict[str, str]] = (), mode: str | None = None, top_k: int | None = None) -> Iterator[Any]:
        """The answer engine's events: status, evidence + draft, tokens, then the verified answer."""
        self.components.require_index()
        return self.components.answer_engine.stream(question, history, mode, top_k)

    def ask(self, question: str, history: Sequence[dict[str, str]] = (), mode: str | None = None, top_k: int | None = None) -> Answer:
        """The verified, cited answer (mode: "llm" or "extractive"; default answer.mode)."""
        self.components.require_index()
        return self.components.answer_engine.ask(question, history, mode, top_k)

    @property
    def engine(self):
        """The AnswerEngine itself, for the UI and the LlamaIndex adapter."""
        return self.components.answer_engine


def _counted(papers: Iterable[Paper], report: ReadReport) -> Iterator[Paper]:
    for paper in papers:
        report.papers += 1
        yield paper


def open_collection(name: str | None = None, config: str | Path | None = None, components: Components | None = None, **overrides: Any) -> Collection:
    """A collection by name (default: store.collection, i.e. `default`), created on first write.

    `config` is a TOML preset and `overrides` nested settings, as for `load_settings`
    (e.g. `data_dir="/tmp/papers"`, `answer={"mode": "extractive"}`). Pass `components` to
    open another collection over parts already built (one embedder, one LLM server).
    """
    from rag.components import Components
    from rag.settings import load_settings

    if components is None:
        components = Components(load_settings(Path(config) if config else None, **overrides))
    return Collection(components.for_collection(name) if name else components)


def list_collections(components: Components) -> list[CollectionInfo]:
    """Every collection built with the current embedder and chunking that holds papers, with its counts.

    Opening a name creates its (empty) Chroma collections, so a typo'd `--collection` would
    otherwise be listed forever: a collection exists once it has papers.
    """
    from rag.search.store import list_collection_names

    names = list_collection_names(components.client, components.settings, components.embedder.name)
    infos = [Collection(components.for_collection(name)).info() for name in names]
    return [info for info in infos if info.chunks or info.name == components.settings.store.collection]


def delete_collection(components: Components, name: str) -> bool:
    """Delete a collection's vectors and BM25 index; False when it did not exist."""
    import shutil

    from rag.search.store import collection_name, drop_collection

    other = components.for_collection(name)
    store_name = collection_name(other.settings, other.embedder.name)
    dropped = drop_collection(other.client, store_name)
    shutil.rmtree(other.settings.data_dir / "keyword" / store_name, ignore_errors=True)
    return dropped


class CollectionSet:
    """Collections opened on demand over one set of components, for a long-running app (the UI).

    Each name is opened once (its BM25 index stays loaded); all share the embedder, the Chroma
    client and the language model.
    """

    def __init__(self, components: Components) -> None:
        import threading

        self.components = components
        self._open: dict[str, Collection] = {}
        self._lock = threading.Lock()

    @property
    def default_name(self) -> str:
        return self.components.settings.store.collection

    def get(self, name: str | None = None) -> Collection:
        name = name or self.default_name
        with self._lock:
            if name not in self._open:
                self._open[name] = Collection(self.components.for_collection(name))
            return self._open[name]

    def infos(self) -> list[CollectionInfo]:
        return list_collections(self.components)

    def names(self) -> list[str]:
        return [info.name for info in self.infos()]
