"""The Chroma store: chunk vectors for retrieval, sentence vectors for evidence.

Its collections share a name derived from the embedder and chunking settings, so a new
model or chunk size builds new collections instead of mixing vectors. Ids are content
hashes, so writing the same thing twice is a no-op and an interrupted ingest resumes.
We always pass our own embeddings: Chroma's default embedder downloads a model.

Layout: a chunk row holds its vector and its place in its paper (paper id, offsets, sentence
spans); each paper's record (title, abstract, authors, dates...) is stored once, in a collection
of its own (`<name>._papers`), and joined to chunks when they are read (`_with_papers`): a
chunk's text is its abstract's slice [start:end], as chunking cut it. Chunk rows used to carry
the whole paper and their text as a Chroma document, ~15 KB a chunk on disk: Chroma indexes
every string metadata value and full-text-indexes documents (README, Scale). Chunks written
that way are still read (their own metadata names their paper) and are rewritten to this
layout by the next `rag ingest`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import ssl
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from rag.ingest.chunk_vectors import DERIVATION as CHUNK_VECTORS
from rag.ingest.pooled_sentences import POOLING as SENTENCE_POOLING, pooling_active
from rag.errors import ConfigError, StoreError
from rag.records import Chunk, Paper, PaperCard, Span, paper_from_metadata, paper_to_metadata
from rag.settings import Settings

log = logging.getLogger(__name__)

_PAGE = 5000  # rows per Chroma get() when scanning a whole collection
RECENT_COUNT_S = 2.0  # how stale recent_chunk_count() may be


@dataclass(frozen=True)
class StoredChunk:
    chunk_id: str
    paper: Paper
    text: str
    start: int
    end: int
    sentences: tuple[Span, ...]


@dataclass(frozen=True)
class StoredSentence:
    sentence_id: str
    paper_id: str
    start: int
    end: int
    vector: np.ndarray


DEFAULT_COLLECTION = "default"
_SENTENCES_SUFFIX = "-sentences"
# Collection names may not start with "_", so no user collection (`<stem>.<name>`) can be called this.
_PAPERS_SUFFIX = "._papers"
# Metadata of the records collection: "<chunks>:<records>:<papers>" after a completed ingest, "" during one.
_PAPER_COUNT_KEY = "paper_count"


def _settings_stem(settings: Settings, embedder_name: str) -> str:
    parts: dict = {"embedder": embedder_name, "chunking": settings.chunking.model_dump()}
    if settings.ingest.chunk_vectors == "derived":  # embedded vectors keep the names indexes had before the choice existed
        parts["chunk_vectors"] = CHUNK_VECTORS
    if pooling_active(settings):  # likewise: standalone sentence vectors keep the old names
        parts["sentence_vectors"] = SENTENCE_POOLING
    key = json.dumps(parts, sort_keys=True)
    return f"{settings.store.collection_prefix}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"


def collection_name(settings: Settings, embedder_name: str, collection: str | None = None) -> str:
    """The Chroma name of a user collection: `papers-<settings hash>` for the default one (the
    name indexes had before collections existed, so they keep working), `papers-<hash>.<name>` else."""
    collection = collection or settings.store.collection
    stem = _settings_stem(settings, embedder_name)
    return stem if collection == DEFAULT_COLLECTION else f"{stem}.{collection}"


def list_collection_names(client: Any, settings: Settings, embedder_name: str) -> list[str]:
    """User collections built with the current embedder and chunking (others cannot be searched with them)."""
    stem = _settings_stem(settings, embedder_name)
    try:
        names = {c if isinstance(c, str) else c.name for c in client.list_collections()}
    except Exception as exc:
        raise _store_error("list collections", exc) from exc
    found = []
    for name in names:
        if name + _SENTENCES_SUFFIX not in names:
            continue  # a sentence collection, or a half-made pair
        if name == stem:
            found.append(DEFAULT_COLLECTION)
        elif name.startswith(stem + "."):
            found.append(name[len(stem) + 1 :])
    return sorted(found)


def drop_collection(client: Any, name: str) -> bool:
    """Delete both Chroma collections behind a store name; False when there was nothing to delete."""
    try:
        present = {c if isinstance(c, str) else c.name for c in client.list_collections()}
        doomed = [n for n in (name, name + _SENTENCES_SUFFIX, name + _PAPERS_SUFFIX) if n in present]
        for chroma_name in doomed:
            client.delete_collection(chroma_name)
    except Exception as exc:
        raise _store_error("delete a collection", exc) from exc
    return bool(doomed)


def sentence_id_for(paper_id: str, span: Span, text: str) -> str:
    key = "\x1f".join((paper_id, str(span.start), text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _exception_chain(exc: BaseException) -> list[BaseException]:
    """The error and what it wraps: chroma re-raises a TLS failure as "could not connect" (ValueError)."""
    chain: list[BaseException] = []
    while exc is not None and exc not in chain and len(chain) < 10:
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    return chain


def _store_error(action: str, exc: Exception, server: str = "") -> StoreError:
    chain = _exception_chain(exc)
    text = " | ".join(f"{type(e).__name__}: {e}" for e in chain).lower()
    names = {type(e).__name__ for e in chain}
    at = f" at {server}" if server else ""
    # warning, not error: the user gets one line from the CLI; the traceback belongs in the log file only.
    log.warning("chroma failed to %s%s: %r", action, at, exc, exc_info=exc)
    # SQLite reports a full disk as "database or disk is full", or, when a write is refused
    # midway (quota, file-size limit), as "disk I/O error" (code 778).
    if any(sign in text for sign in ("disk is full", "no space", "disk i/o error", "file too large", "quota")):
        return StoreError(
            f"could not {action}: the disk is full or refused the write",
            hint="free some space and run the same command again: what was written is kept and the rest is added",
        )
    if any(isinstance(e, ssl.SSLError) for e in chain) or any(sign in text for sign in ("[ssl", "certificate verify")):
        reason = next((str(e) for e in chain if isinstance(e, ssl.SSLError) or str(e).startswith("[SSL")), "the TLS handshake failed")
        return StoreError(
            f"TLS with the Chroma server{at} failed: {reason.splitlines()[0][:160]}",
            hint="a plain-HTTP server (`chroma run`) needs store.ssl = false; a private CA needs store.ssl_ca_bundle",
        )
    if names & {"ChromaAuthError", "AuthorizationError"} or re.search(r"\b(401|403|unauthori[sz]ed|forbidden|unauthenticated)\b", text):
        return StoreError(
            f"the Chroma server{at} refused our credentials",
            hint="check the token in the environment variable named by store.auth_token_env, and store.auth_header",
        )
    if "NotFoundError" in names and ("tenant" in text or "database" in text):
        what = "tenant" if "tenant [" in text else "database"
        return StoreError(
            f"the Chroma server{at} has no such {what} ({str(exc)[:120]})",
            hint=f"check store.{what}, or create it first (chromadb.AdminClient(...).create_{what}(...))",
        )
    if "connect" in text or "connection refused" in text:
        return StoreError(f"cannot reach the Chroma server{at} to {action}", hint="start it with `chroma run` or set store.mode = 'persistent'")
    return StoreError(f"the Chroma store failed to {action}: {type(exc).__name__}", hint="see the log in data_dir/logs")


def server_url(settings: Settings) -> str:
    store = settings.store
    return f"{'https' if store.ssl else 'http'}://{store.host}:{store.port}"


def auth_headers(settings: Settings) -> dict[str, str]:
    """The token header for mode=http; the token itself comes from the environment, never from a file."""
    store = settings.store
    if not store.auth_token_env:
        return {}
    token = settings.api_key(store.auth_token_env)
    if not token:
        raise ConfigError(
            f"store.auth_token_env names {store.auth_token_env}, but that environment variable is empty",
            hint=f"export {store.auth_token_env}=<your Chroma token>, or set store.auth_token_env = '' for a server without auth",
        )
    return {"Authorization": f"Bearer {token}"} if store.auth_header == "Authorization" else {"X-Chroma-Token": token}


def open_client(settings: Settings) -> Any:
    """One code path for a laptop (Chroma on disk), one server (`chroma run`) and a cluster or Chroma Cloud."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    store = settings.store
    if store.mode == "http":
        tls: dict[str, Any] = {}
        if store.ssl and store.ssl_ca_bundle is not None:
            if not store.ssl_ca_bundle.is_file():
                raise ConfigError(f"store.ssl_ca_bundle {store.ssl_ca_bundle} is not a file", hint="point it at the PEM file of your CA")
            tls["chroma_server_ssl_verify"] = str(store.ssl_ca_bundle)
        headers = auth_headers(settings)
        try:
            return chromadb.HttpClient(
                host=store.host, port=store.port, ssl=store.ssl, headers=headers,
                settings=ChromaSettings(anonymized_telemetry=False, **tls), tenant=store.tenant, database=store.database,
            )
        except Exception as exc:  # chroma raises plain ValueError / connection errors
            raise _store_error("open the store", exc, server_url(settings)) from exc
    path = settings.data_dir / "chroma"
    try:
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(
            path=str(path), settings=ChromaSettings(anonymized_telemetry=False), tenant=store.tenant, database=store.database
        )
    except Exception as exc:
        raise _store_error("open the store", exc) from exc


class PaperStore:
    """Chunks and sentences of papers, with their vectors, in two Chroma collections."""

    def __init__(self, client: Any, name: str) -> None:
        self.name = name
        self._client = client
        self.generation = 0  # bumped by every write through this object: read caches (rag/search/row_cache.py) watch it
        self._recent_count: tuple[int, float] | None = None  # (chunks, when counted): recent_chunk_count()
        self._recounting = False  # a background recount is running
        self._paper_count: tuple[int, int] | None = None  # (chunks, papers): count_papers()
        try:
            self.chunks = client.get_or_create_collection(name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
            self.sentences = client.get_or_create_collection(
                f"{name}{_SENTENCES_SUFFIX}", embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
            # One card a paper (rag/ingest/cards.py), its vector the contribution sentence's.
            self.cards = client.get_or_create_collection(f"{name}-cards", embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
            # One record a paper, read by id only; Chroma wants a vector per row, so each gets a 2-d placeholder.
            self.records = client.get_or_create_collection(f"{name}{_PAPERS_SUFFIX}", embedding_function=None, configuration={"hnsw": {"space": "l2"}})
        except Exception as exc:
            raise _store_error("open its collections", exc) from exc

    # -- writing ---------------------------------------------------------------------

    def missing_ids(self, ids: Sequence[str], sentences: bool = False, cards: bool = False) -> list[str]:
        collection = self.cards if cards else self.sentences if sentences else self.chunks
        present: set[str] = set()
        try:
            for begin in range(0, len(ids), _PAGE):
                present.update(collection.get(ids=list(ids[begin : begin + _PAGE]), include=[])["ids"])
        except Exception as exc:
            raise _store_error("read stored ids", exc) from exc
        return [i for i in ids if i not in present]

    def ids_for_papers(self, paper_ids: Sequence[str], sentences: bool = False, cards: bool = False) -> set[str]:
        collection = self.cards if cards else self.sentences if sentences else self.chunks
        if not paper_ids:
            return set()
        try:
            return set(collection.get(where={"paper_id": {"$in": list(paper_ids)}}, include=[])["ids"])
        except Exception as exc:
            raise _store_error("read stored ids", exc) from exc

    def add_chunks(self, chunks: Sequence[Chunk], papers: dict[str, Paper], vectors: np.ndarray) -> None:
        """Chunk rows, after their papers' records (a chunk is never stored without its paper)."""
        self.save_papers([papers[pid] for pid in dict.fromkeys(c.paper_id for c in chunks)])
        metadatas = [_chunk_metadata(chunk, papers[chunk.paper_id]) for chunk in chunks]
        try:
            # No Chroma document: the text is the paper record's slice, and nothing searches Chroma's full-text index.
            self.chunks.add(ids=[c.chunk_id for c in chunks], embeddings=vectors, metadatas=metadatas)
        except Exception as exc:
            raise _store_error("write chunks", exc) from exc
        finally:
            self._recent_count = None
            self.generation += 1  # after the write: a search running meanwhile cannot keep what it read

    def save_papers(self, papers: Sequence[Paper]) -> set[str]:
        """Store the record of each paper whose stored one is missing or differs; returns their ids."""
        if not papers:
            return set()
        wanted = {paper.paper_id: paper_to_metadata(paper) for paper in papers}
        try:
            stored = self._records(list(wanted))
            changed = [pid for pid, meta in wanted.items() if stored.get(pid) != meta]
            for begin in range(0, len(changed), _PAGE):
                ids = changed[begin : begin + _PAGE]
                self.records.upsert(ids=ids, embeddings=_placeholder_vectors(ids), metadatas=[wanted[pid] for pid in ids])
        except Exception as exc:
            raise _store_error("write paper records", exc) from exc
        finally:
            self.generation += 1
        return set(changed)

    def refresh_metadata(self, chunks: Sequence[Chunk], papers: dict[str, Paper]) -> int:
        """Bring stored chunks whose text is unchanged up to date with their paper; returns how many
        now show something new.

        A chunk id covers its own text only: when another part of the abstract (or the
        authors, the date...) changes, the kept chunks would still show the old paper, and their
        offsets may have moved. Chunks written in the old layout (the whole paper in every row)
        are rewritten to the new one here.
        """
        if not chunks:
            return 0
        changed_papers = self.save_papers([papers[pid] for pid in dict.fromkeys(c.paper_id for c in chunks)])
        try:
            page = self.chunks.get(ids=[c.chunk_id for c in chunks], include=["metadatas"])
            stored = dict(zip(page["ids"], page["metadatas"]))
            outdated = []
            for chunk in chunks:
                meta = _chunk_metadata(chunk, papers[chunk.paper_id])
                held = stored.get(chunk.chunk_id)
                if held is not None and held != meta:
                    outdated.append((chunk.chunk_id, {**{key: None for key in held if key not in meta}, **meta}))  # None deletes a key
            if outdated:
                self.chunks.update(ids=[i for i, _ in outdated], metadatas=[m for _, m in outdated])
        except Exception as exc:
            raise _store_error("update chunks", exc) from exc
        finally:
            self.generation += 1
        rewritten = {i for i, _ in outdated}
        return sum(1 for c in chunks if c.chunk_id in stored and (c.paper_id in changed_papers or c.chunk_id in rewritten))

    def add_sentences(self, ids: Sequence[str], paper_ids: Sequence[str], spans: Sequence[Span], vectors: np.ndarray) -> None:
        metadatas = [{"paper_id": p, "start": s.start, "end": s.end} for p, s in zip(paper_ids, spans)]
        try:
            self.sentences.add(ids=list(ids), embeddings=vectors, metadatas=metadatas)
        except Exception as exc:
            raise _store_error("write sentences", exc) from exc
        finally:
            self.generation += 1

    def add_cards(self, cards: Sequence[PaperCard], vectors: np.ndarray) -> None:
        metadatas = [
            {"paper_id": c.paper_id, "name": c.name, "name_source": c.name_source, "spans": " ".join(f"{s.start}:{s.end}" for s in c.spans)}
            for c in cards
        ]
        try:
            self.cards.add(ids=[c.card_id for c in cards], embeddings=vectors, documents=[c.contribution for c in cards], metadatas=metadatas)
        except Exception as exc:
            raise _store_error("write paper cards", exc) from exc
        finally:
            self.generation += 1

    def cards_for(self, paper_ids: Sequence[str]) -> dict[str, PaperCard]:
        if not paper_ids:
            return {}
        try:
            page = self.cards.get(where={"paper_id": {"$in": list(paper_ids)}}, include=["metadatas", "documents"])
        except Exception as exc:
            raise _store_error("read paper cards", exc) from exc
        cards = {}
        for card_id, text, meta in zip(page["ids"], page["documents"], page["metadatas"]):
            spans = tuple(Span(int(a), int(b)) for a, b in (pair.split(":") for pair in str(meta.get("spans", "")).split() if pair))
            cards[meta["paper_id"]] = PaperCard(meta["paper_id"], card_id, str(meta.get("name", "")), text or "", spans, str(meta.get("name_source", "")))
        return cards

    def sentence_vectors(self, sentence_ids: Sequence[str]) -> dict[str, np.ndarray]:
        if not sentence_ids:
            return {}
        try:
            page = self.sentences.get(ids=list(sentence_ids), include=["embeddings"])
        except Exception as exc:
            raise _store_error("read sentence vectors", exc) from exc
        return {sid: np.asarray(vec, dtype=np.float32) for sid, vec in zip(page["ids"], page["embeddings"])}

    def delete(self, chunk_ids: Sequence[str], sentence_ids: Sequence[str], card_ids: Sequence[str] = ()) -> None:
        try:
            if card_ids:
                self.cards.delete(ids=list(card_ids))
            if chunk_ids:
                self.chunks.delete(ids=list(chunk_ids))
            if sentence_ids:
                self.sentences.delete(ids=list(sentence_ids))
        except Exception as exc:
            raise _store_error("remove outdated chunks", exc) from exc
        finally:
            self._recent_count = None
            self.generation += 1

    # -- reading ---------------------------------------------------------------------

    def count_chunks(self) -> int:
        try:
            return self.chunks.count()
        except Exception as exc:  # a stopped server must read as StoreError, not as a bug
            raise _store_error("count chunks", exc) from exc

    def recent_chunk_count(self) -> int:
        """count_chunks() for checks made on every search: counted at once the first time and
        after this store's own writes; once older than RECENT_COUNT_S, returned as it is while a
        background thread counts again.

        Chroma counts by scanning: 15-30 ms at 100k chunks warm, 140 ms at 1M (measured here).
        Counting in the search itself put that into every search made more than RECENT_COUNT_S
        after the previous one, i.e. nearly every search a person makes. Another process's ingest
        shows at the first search after the background count that sees it.
        """
        cached = self._recent_count
        if cached is None:
            cached = self._recent_count = (self.count_chunks(), time.monotonic())
        elif time.monotonic() - cached[1] > RECENT_COUNT_S and not self._recounting:
            self._recounting = True
            threading.Thread(target=self._recount, args=(self.generation,), name="chunk-count", daemon=True).start()
        return cached[0]

    def _recount(self, generation: int) -> None:
        try:
            count = self.count_chunks()
            if generation == self.generation:  # a write of ours since then: its own reset decides
                self._recent_count = (count, time.monotonic())
        except Exception as exc:  # the search's own Chroma calls report a lost server to the user
            log.warning("background chunk count failed: %r", exc)
        finally:
            self._recounting = False

    def count_papers(self) -> int:
        """Distinct papers with chunks, asked when a page opens and after uploads.

        Counting them means reading every chunk row's paper id (a full scan: 51 s at 1M chunks).
        A completed ingest records the count with the chunk and record counts it was taken at
        (`remember_paper_count`); while both still match, that is the answer, for the price of two
        counts. After an interrupted ingest (it clears the record first) or any other change, the
        scan, once per change of the chunk count.
        """
        chunks = self.count_chunks()
        cached = self._paper_count
        if cached is None or cached[0] != chunks:
            recorded = self._recorded_paper_count(chunks)
            self._paper_count = (chunks, recorded if recorded is not None else self._scan_paper_count())
        return self._paper_count[1]

    def remember_paper_count(self) -> int:
        """Count the papers (a scan) and record the count for later processes; call when an ingest completed."""
        self.forget_paper_count()  # a write racing with the scan must not leave a stale count behind
        chunks, papers = self.count_chunks(), self._scan_paper_count()
        try:
            records = self.records.count()
            self.records.modify(metadata={_PAPER_COUNT_KEY: f"{chunks}:{records}:{papers}"})
        except Exception as exc:
            raise _store_error("record the paper count", exc) from exc
        self._paper_count = (chunks, papers)
        return papers

    def forget_paper_count(self) -> None:
        """Clear the recorded paper count: called before an ingest or a removal writes anything."""
        self._paper_count = None
        try:
            self.records.modify(metadata={_PAPER_COUNT_KEY: ""})
        except Exception as exc:
            raise _store_error("clear the paper count", exc) from exc

    def _recorded_paper_count(self, chunks: int) -> int | None:
        try:
            # Read afresh: another process (an ingest) may have changed it since this one opened the store.
            metadata = self._client.get_collection(self.records.name).metadata or {}
            parts = str(metadata.get(_PAPER_COUNT_KEY, "")).split(":")
            if len(parts) != 3 or int(parts[0]) != chunks or int(parts[1]) != self.records.count():
                return None
        except Exception as exc:  # the scan still gives the answer
            log.warning("could not read the recorded paper count: %r", exc)
            return None
        return int(parts[2])

    def _scan_paper_count(self) -> int:
        return len({meta["paper_id"] for meta in self._scan_metadata()})

    def _pages(self, include: list[str]) -> Iterator[dict[str, Any]]:
        """The chunk collection page by page (_PAGE rows each): whole-collection scans never load its rows at once.

        Every id first (one read, ~20 s and ~0.1 GB at 1M chunks), then each page by its ids.
        Chroma's offset paging walks every row before the offset again: at 1M chunks a page took
        0.6 s at offset 0 and 6.2 s at 995k, ~12 minutes for a scan; a page by ids, 0.3 s.
        """
        try:
            ids = self.chunks.get(include=[])["ids"]
        except Exception as exc:
            raise _store_error("read the stored chunks", exc) from exc
        for begin in range(0, len(ids), _PAGE):
            if not include:
                yield {"ids": ids[begin : begin + _PAGE]}
                continue
            try:
                page = self.chunks.get(ids=ids[begin : begin + _PAGE], include=include)
            except Exception as exc:
                raise _store_error("read the stored chunks", exc) from exc
            if page["ids"]:  # rows deleted since the ids were read are simply not there
                yield page

    def _scan_metadata(self) -> Iterator[dict[str, Any]]:
        for page in self._pages(["metadatas"]):
            yield from page["metadatas"]

    def scan_chunks(self) -> Iterator[StoredChunk]:
        """Every chunk with its paper, in pages (one read of the page's paper records each)."""
        for page in self._pages(["metadatas"]):
            yield from self._with_papers(page["ids"], page["metadatas"])

    def _records(self, paper_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Stored paper records (metadata) by paper id; absent ids are left out."""
        found: dict[str, dict[str, Any]] = {}
        for begin in range(0, len(paper_ids), _PAGE):
            page = self.records.get(ids=list(paper_ids[begin : begin + _PAGE]), include=["metadatas"])
            found.update(zip(page["ids"], page["metadatas"]))
        return found

    def paper_records(self, paper_ids: Sequence[str], fallback: dict[str, dict[str, Any]] | None = None) -> dict[str, Paper]:
        """The one accessor of stored papers: each id's record, or, for a chunk written in the
        old layout and not re-ingested since, the paper its own metadata (in `fallback`) carries."""
        try:
            records = self._records(list(dict.fromkeys(paper_ids)))
        except Exception as exc:
            raise _store_error("read paper records", exc) from exc
        papers = {pid: paper_from_metadata(meta) for pid, meta in records.items()}
        for pid, meta in (fallback or {}).items():
            if pid not in papers and "abstract" in meta:
                papers[pid] = paper_from_metadata(meta)
        return papers

    def _with_papers(self, ids: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> list[StoredChunk]:
        """Chunk rows joined with their papers' records (one read for the lot)."""
        old_layout = {meta["paper_id"]: meta for meta in metadatas if "abstract" in meta}
        papers = self.paper_records([meta["paper_id"] for meta in metadatas], old_layout)
        if lost := sorted({meta["paper_id"] for meta in metadatas} - set(papers)):
            raise StoreError(
                f"the index holds chunks of {len(lost)} paper(s) without their paper record (first: {lost[0]})",
                hint="run `rag ingest` again: it stores what is missing",
            )
        return [_stored_chunk(cid, meta, papers[meta["paper_id"]]) for cid, meta in zip(ids, metadatas)]

    def dense_search(self, vector: np.ndarray, n: int) -> list[tuple[StoredChunk, float]]:
        """Nearest chunks with cosine similarity, best first."""
        # No count first: Chroma 1.5 returns what it has when asked for more, and its count()
        # scans the collection (40 ms at 100k chunks here, ~0.4 s at 1M).
        if n <= 0:
            return []
        try:
            result = self.chunks.query(query_embeddings=[vector.tolist()], n_results=n, include=["metadatas", "distances"])
        except Exception as exc:
            raise _store_error("search", exc) from exc
        chunks = self._with_papers(result["ids"][0], result["metadatas"][0])
        return [(chunk, 1.0 - float(dist)) for chunk, dist in zip(chunks, result["distances"][0])]

    def nearest_paper_cosines(self, vector: np.ndarray, n_sentences: int = 200) -> list[float]:
        """Each paper's best sentence cosine among the `n_sentences` stored sentences nearest to
        `vector`, best first (empty for an empty store): how well the closest papers of the index
        speak to a question, and how many come before a given one (200 sentences reach ~120 papers
        of the shipped 316; ~15 ms on a loaded 2-core machine)."""
        return sorted(self._best_per_paper(self.sentences, vector, n_sentences, "search sentences").values(), reverse=True)

    def nearest_paper_chunk_cosines(self, vector: np.ndarray, n_chunks: int = 100) -> dict[str, float]:
        """paper id -> its best chunk cosine, for the papers among the `n_chunks` chunks nearest to
        `vector`. A chunk carries its paper's title, so this is the retriever's dense view of which
        papers are about a question (100 chunks reach ~75 papers of the shipped 316; ~20 ms)."""
        return self._best_per_paper(self.chunks, vector, n_chunks, "search")

    @staticmethod
    def _best_per_paper(collection: Any, vector: np.ndarray, n: int, action: str) -> dict[str, float]:
        """paper id -> best cosine among the `n` rows of `collection` nearest to `vector`, best first."""
        try:
            count = collection.count()
            if count == 0:
                return {}
            result = collection.query(query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()], n_results=min(n, count), include=["metadatas", "distances"])
        except Exception as exc:
            raise _store_error(action, exc) from exc
        best: dict[str, float] = {}
        for meta, distance in zip(result["metadatas"][0], result["distances"][0]):
            best.setdefault(meta["paper_id"], 1.0 - float(distance))
        return best

    def dense_ids(self, vector: np.ndarray, n: int, count: int) -> list[tuple[str, float]]:
        """Nearest chunk ids with cosine similarity, best first; ids and distances only
        (the metadata of 60 chunks was most of a query's time when it held their abstracts)."""
        n = min(n, count)
        if n == 0:
            return []
        try:
            result = self.chunks.query(query_embeddings=[vector.tolist()], n_results=n, include=["distances"])
        except Exception as exc:
            raise _store_error("search", exc) from exc
        return [(cid, 1.0 - float(dist)) for cid, dist in zip(result["ids"][0], result["distances"][0])]

    def chunk_vectors(self) -> tuple[list[str], np.ndarray]:
        """Every chunk id and its vector (rows in the same order), read page by page."""
        ids: list[str] = []
        rows: list[np.ndarray] = []
        for page in self._pages(["embeddings"]):
            ids.extend(page["ids"])
            rows.append(np.asarray(page["embeddings"], dtype=np.float32))
        return ids, (np.concatenate(rows) if rows else np.zeros((0, 0), np.float32))

    def get_chunks_with_vectors(self, chunk_ids: Sequence[str]) -> list[tuple[StoredChunk, np.ndarray]]:
        if not chunk_ids:
            return []
        try:
            page = self.chunks.get(ids=list(chunk_ids), include=["metadatas", "embeddings"])
        except Exception as exc:
            raise _store_error("read chunks", exc) from exc
        chunks = self._with_papers(page["ids"], page["metadatas"])
        return [(chunk, np.asarray(vec, dtype=np.float32)) for chunk, vec in zip(chunks, page["embeddings"])]

    def sentences_for(self, paper_ids: Sequence[str]) -> list[StoredSentence]:
        if not paper_ids:
            return []
        try:
            page = self.sentences.get(where={"paper_id": {"$in": list(paper_ids)}}, include=["metadatas", "embeddings"])
        except Exception as exc:
            raise _store_error("read sentences", exc) from exc
        return [
            StoredSentence(sid, meta["paper_id"], int(meta["start"]), int(meta["end"]), np.asarray(vec, dtype=np.float32))
            for sid, meta, vec in zip(page["ids"], page["metadatas"], page["embeddings"])
        ]

    def papers(self) -> list[Paper]:
        """Every paper that has chunks, once, in stored order (one metadata scan, then their records)."""
        first: dict[str, dict[str, Any]] = {}
        for meta in self._scan_metadata():
            first.setdefault(meta["paper_id"], meta)
        found = self.paper_records(list(first), {pid: meta for pid, meta in first.items() if "abstract" in meta})
        return [found[pid] for pid in first if pid in found]

    def delete_papers(self, paper_ids: Sequence[str]) -> int:
        """Remove papers (their chunks, sentences and records); returns how many chunks went."""
        self.forget_paper_count()
        chunk_ids = self.ids_for_papers(paper_ids)
        self.delete(sorted(chunk_ids), sorted(self.ids_for_papers(paper_ids, sentences=True)))
        try:  # after the chunks: a record without chunks is never shown, a chunk without its record would be an error
            self.records.delete(ids=list(paper_ids))
        except Exception as exc:
            raise _store_error("remove paper records", exc) from exc
        return len(chunk_ids)

    def fingerprint(self) -> str:
        """Changes whenever the chunk set changes: names the keyword index built from it."""
        return chunk_set_fingerprint(self._scan_ids())

    def _scan_ids(self) -> Iterator[str]:
        for page in self._pages([]):
            yield from page["ids"]


def chunk_set_fingerprint(chunk_ids: Iterable[str]) -> str:
    """Names a set of chunk ids: the store's `fingerprint()`, or that of ids in hand (a keyword
    index built while its chunks were added)."""
    ids = sorted(chunk_ids)
    digest = hashlib.sha256(str(len(ids)).encode())
    for chunk_id in ids:
        digest.update(chunk_id.encode())
    return digest.hexdigest()[:16]


def _chunk_metadata(chunk: Chunk, paper: Paper) -> dict[str, Any]:
    # Every string here is indexed by Chroma's SQLite: the text and the paper stay in the paper's record.
    return {"paper_id": paper.paper_id, "start": chunk.start, "end": chunk.end, "sentences": " ".join(f"{s.start}:{s.end}" for s in chunk.sentences)}


def _placeholder_vectors(ids: Sequence[str]) -> list[list[float]]:
    """A paper record's vector, never searched: two numbers from its id, so the HNSW graph Chroma
    builds anyway does not hold hundreds of thousands of identical points."""
    digests = [hashlib.sha256(i.encode("utf-8")).digest() for i in ids]
    return [[int.from_bytes(d[:4], "big") / 2**32, int.from_bytes(d[4:8], "big") / 2**32] for d in digests]


def _stored_chunk(chunk_id: str, meta: dict[str, Any], paper: Paper) -> StoredChunk:
    """A chunk's text is abstract[start:end] (rag/ingest/chunking.py), and its id covers its start
    and text, so a kept chunk's slice of a re-ingested abstract is still its text."""
    start, end = int(meta["start"]), int(meta["end"])
    spans = tuple(Span(int(a), int(b)) for a, b in (pair.split(":") for pair in str(meta.get("sentences", "")).split() if pair))
    return StoredChunk(chunk_id, paper, paper.abstract[start:end], start, end, spans)


def open_store(settings: Settings, embedder_name: str, client: Any | None = None) -> PaperStore:
    return PaperStore(client or open_client(settings), collection_name(settings, embedder_name))
