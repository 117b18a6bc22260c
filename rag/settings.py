"""The one settings object.

Built from `config/default.toml`, then an optional `--config FILE`, then `RAG_...`
environment variables (nested parts with `__`, e.g. `RAG_LLM__BASE_URL`). This is the
only module that reads the environment; everything else is handed a `Settings`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from rag.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "config" / "default.toml"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChunkingSettings(_Part):
    encoding: str = Field("cl100k_base", description="tiktoken encoding used to count tokens")
    chunk_tokens: int = Field(
        200,
        ge=32,
        le=2000,
        description="Most tokens of abstract text in one chunk. MiniLM reads 256 word pieces, "
        "so 200 tiktoken tokens plus the title fit whole.",
    )
    overlap_sentences: int = Field(1, ge=0, le=5, description="Sentences repeated between neighbouring chunks")


class EmbeddingSettings(_Part):
    backend: Literal["minilm-onnx", "openai"] = Field(
        "minilm-onnx", description="minilm-onnx: all-MiniLM-L6-v2 int8 shipped on PyPI; openai: any /v1/embeddings endpoint"
    )
    batch_size: int = Field(32, ge=1, le=2048, description="Texts per embedding call")
    batch_tokens: int = Field(
        512, ge=16, le=65536,
        description="Local embedder: most word pieces in one model call, padding included (texts sorted by length); small calls stay in the CPU cache: ~0.7x the CPU of 32 abstracts a call",
    )
    threads: int = Field(2, ge=1, le=64, description="CPU threads for the local embedder")
    max_tokens: int = Field(256, ge=16, le=512, description="Word pieces the local model reads; the rest is cut")
    base_url: str = Field("", description="OpenAI-compatible base URL for backend=openai")
    model: str = Field("text-embedding-3-small", description="Embedding model name for backend=openai")
    api_key_env: str = Field("OPENAI_API_KEY", description="Name of the environment variable holding the key")
    timeout_s: float = Field(60.0, gt=0, description="Seconds before an embedding request fails")


class StoreSettings(_Part):
    mode: Literal["persistent", "http"] = Field("persistent", description="persistent: Chroma on disk under data_dir; http: a Chroma server (`chroma run`, a cluster, Chroma Cloud)")
    host: str = Field("127.0.0.1", description="Chroma server host for mode=http")
    port: int = Field(8000, ge=1, le=65535, description="Chroma server port for mode=http")
    ssl: bool = Field(False, description="mode=http: talk HTTPS to the Chroma server (a cluster or Chroma Cloud behind TLS)")
    ssl_ca_bundle: Path | None = Field(
        None, description="mode=http, ssl=true: PEM file of the CA that signed the server's certificate (absolute path); unset: the public CAs (certifi)"
    )
    tenant: str = Field("default_tenant", min_length=3, description="Chroma tenant; it must exist on the server (`chroma run` has only the default)")
    database: str = Field("default_database", min_length=3, description="Chroma database inside the tenant; it must exist too")
    auth_token_env: str = Field(
        "", description="Name of the environment variable holding the Chroma token (never the token); empty: no token is sent"
    )
    auth_header: Literal["Authorization", "X-Chroma-Token"] = Field(
        "Authorization", description="How the token travels: `Authorization: Bearer <token>` or `X-Chroma-Token: <token>` (Chroma Cloud)"
    )
    collection_prefix: str = Field("papers", description="Collection name prefix; a settings hash is appended")
    collection: str = Field(
        "default",
        pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$",
        description="Which named collection (a separate index) to use; `default` holds the shipped corpus",
    )
    add_batch: int = Field(64, ge=1, le=5000, description="Chunks written per Chroma transaction")
    sentence_vectors: bool = Field(
        True,
        description="Store one vector per sentence (evidence, reranking, paper cards); false for millions of chunks: "
        "Chroma holds ~1.7 KB of RAM a vector and an abstract has ~8 sentences, so evidence falls back to the best chunk's text",
    )


class IngestSettings(_Part):
    corpus: list[Path] = Field(
        default_factory=lambda: [Path("data/transfer-papers.txt")],
        description="Corpus files ingested when `rag ingest` gets no path (relative to the project root)",
    )
    max_line_chars: int = Field(50_000, ge=1000, description="Longer lines are skipped with a warning (an abstract is ~1,300)")
    max_file_mb: int = Field(2048, ge=1, description="Larger files are refused")
    chunk_vectors: Literal["embedded", "derived"] = Field(
        "embedded",
        description="embedded: each chunk (title + text) embedded; derived: from its sentences' and title's vectors, ~0.45x the ingest CPU (LlamaIndex's), dev recall@5 -0.017 and topic cited-gold recall -0.031, validation +0.000 and +0.013",
    )
    sentence_vectors: Literal["embedded", "pooled"] = Field(
        "embedded",
        description="embedded: each sentence embedded on its own; pooled: from its chunk's pass (mean of its word pieces), "
        "~0.6x the ingest CPU, list answers find fewer gold papers (dev -0.034); only with the local embedder and embedded chunk vectors",
    )


class RetrievalSettings(_Part):
    top_k: int = Field(10, ge=1, le=100, description="Papers returned")
    dense_candidates: int = Field(60, ge=1, le=2000, description="Chunks fetched from the vector store")
    keyword_candidates: int = Field(60, ge=1, le=2000, description="Chunks fetched from BM25")
    fusion: Literal["convex", "rrf"] = Field("convex", description="How dense and keyword rankings are fused")
    dense_weight: float = Field(0.5, ge=0, le=1, description="Convex fusion: weight of the dense score (1-w for BM25)")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank fusion constant")
    evidence_sentences: int = Field(2, ge=1, le=10, description="Best sentences kept per paper as evidence")
    rerank: bool = Field(True, description="Rerank papers by their best sentence's similarity to the question")
    rerank_depth: int = Field(30, ge=1, le=500, description="Papers considered by the reranker")
    rerank_weight: float = Field(0.3, ge=0, le=1, description="Weight of the best-sentence similarity in the reranked score")
    named_first: bool = Field(True, description="Papers the question calls by their card name ('How does AdapterFusion compare with LoRA?') lead the ranking")
    in_memory_max_chunks: int = Field(
        5000, ge=0, le=1_000_000,
        description="Up to this many chunks a collection is held in memory from its first search: every chunk vector (dense search exact, ~0.03 ms vs ~2.6 ms for a Chroma query on 562 chunks), row, sentence and card (no Chroma read per search); above it, Chroma's HNSW index and rows read as needed. 0: never; not used with store.mode = http (the server answers every dense search)",
    )


class LLMSettings(_Part):
    backend: Literal["local", "openai"] = Field(
        "local", description="local: the shipped GGUF model on a loopback llama.cpp server; openai: any OpenAI-compatible endpoint"
    )
    base_url: str = Field("", description="OpenAI-compatible base URL (backend=openai), e.g. http://127.0.0.1:11434/v1")
    model: str = Field("gpt-4o-mini", description="Model name sent to the endpoint (backend=openai)")
    api_key_env: str = Field("OPENAI_API_KEY", description="Name of the environment variable holding the API key (never the key)")
    timeout_s: float = Field(120.0, gt=0, description="Seconds for a whole request")
    first_token_timeout_s: float = Field(90.0, gt=0, description="Seconds to wait for the first streamed token")
    max_retries: int = Field(1, ge=0, le=10, description="Retries on connection errors and 5xx before falling back")
    temperature: float = Field(0.0, ge=0, le=2, description="Sampling temperature")
    max_tokens: int = Field(220, ge=16, le=8192, description="Most tokens generated per answer (2-5 cited sentences fit in ~200)")


class LocalModelSettings(_Part):
    model: Literal["qwen2.5-coder-1.5b", "qwen2.5-coder-0.5b", "smollm2-135m"] = Field(
        "qwen2.5-coder-1.5b", description="Which PyPI-shipped GGUF model to serve"
    )
    gguf_path: Path | None = Field(None, description="Any other GGUF file; overrides `model`")
    threads: int = Field(2, ge=1, le=64, description="llama.cpp threads (1 halves generation speed here)")
    ctx_size: int = Field(4096, ge=512, le=131072, description="Context window of the local server")
    startup_timeout_s: float = Field(180.0, gt=0, description="Seconds to wait for the local server to load the model")


class AnswerSettings(_Part):
    mode: Literal["llm", "extractive"] = Field("llm", description="llm: synthesised answer; extractive: evidence sentences only")
    context_papers: int = Field(6, ge=1, le=30, description="Papers put in the LLM context")
    max_question_chars: int = Field(2000, ge=10, description="Longer questions are refused with a clear message")
    abstain_below: float = Field(0.44, ge=0, le=1, description="Abstain when no top-3 paper has an evidence sentence this close to the question (cosine; chosen on the dev set: off-topic questions score 0.1-0.3, answerable ones 0.45-0.82)")
    synonym_credit: bool = Field(False, description="Let the support judge count a claim word as found when MiniLM puts it close to an evidence word (off: on the challenge dev half it caught 6 more correct paraphrases but passed 1 more claim with an unsupported part; a missed error costs more than a false alarm)")
    support_threshold: float = Field(0.6, ge=0, le=1, description="A citation counts as supported at or above this judge score (0.6: precision 0.83 on the judge dev pairs)")
    drop_unsupported: bool = Field(True, description="Drop citations the judge finds unsupported (false: keep them, flagged)")
    relevance_threshold: float = Field(0.453, ge=0, le=1, description="A claim must score this on relevance to the question to count as an answer (0.453: fitted by `rag calibrate-judge` on the challenge dev half, at most 5% of its correct claims rejected)")
    extractive_min_relative: float = Field(0.5, ge=0, le=1, description="Quote a paper only if its score is at least this share of the best paper's")
    extractive_papers: int = Field(6, ge=1, le=20, description="Most papers cited by an open answer (a list answer takes up to list_cap)")
    list_cap: int = Field(10, ge=1, le=30, description="Most papers given a line of their own in a list answer; the rest are 'also related'")
    list_relevance: float = Field(0.35, ge=0, le=1, description="A list answer gives a line to every paper whose fitted relevance (rag/answer/relevance_bar.py) is at least this (0.35: precision 0.830, recall 0.804 leaving one question out, on the 31 dev and validation topic questions)")
    unmentioned_below: float = Field(0.55, ge=0, le=1, description="Evidence below this (best top-3 sentence, cosine) is weak: then half of unmentioned_share is enough to say 'the abstracts don't mention X'")
    unmentioned_share: float = Field(0.1, ge=0, le=1, description="Say 'the abstracts don't mention X' when the words no indexed paper uses are at least this share of the question's content words (dev: answerable questions 0.04-0.07, unanswerable 0.11-0.60)")
    topic_shift: float = Field(0.07, ge=0, le=1, description="In a small collection and with strong evidence, words no paper uses count only if the question's embedding moves this much without them (1 - cosine; dev topics 0.09-0.19, rewordings such as 'say' or 'reader' 0.03-0.05)")
    list_rewording_shift: float = Field(0.03, ge=0, le=1, description="In any collection, a list question's words no paper uses count only if the question's embedding moves this much without them: a list asks what papers are about, and a word that barely moves it is not that ('driver' in 'curiosity or surprise as a driver for learning transferable skills': 0.016; seen sets' unanswerable list topics 0.039-0.336)")
    facet_shift: float = Field(0.08, ge=0, le=1, description="A list answer whose listed papers all miss one facet of the question ('speech' in 'continual learning in speech recognition models') is 'not stated' when the question's embedding moves this much without that facet and the papers' best sentences are no closer to the question with it (seen sets: unanswerable facets 0.092-0.165, answerable rewordings up to 0.06, one 0.096 whose papers' sentences are closer with it)")
    facet_reworded_margin: float = Field(0.05, ge=0, le=1, description="The papers missing a list question's facet speak of it in other words only when their best sentences are, on average, at least this much closer to the question with it than without it (0: any amount, the rule before; 'recommender' brought unrelated sentences 0.005-0.023 closer; seen sets: the same answers from 0.03 to 0.08, a false abstention from 0.12)")
    small_vocabulary: int = Field(2000, ge=0, description="A collection whose keyword index has fewer word stems than this is small (the shipped 316 abstracts: 4,194): words it lacks say less about a question")
    stem_variant_close: float = Field(0.57, ge=0, le=1, description="A question word the index knows only through the stemmer (its stem is used, but never the word inflected) counts as mentioned only when one of those words is this close (cosine; seen answerable questions' 'transcripts' / 'transcriptions' 0.66, 'seem' / 'seemingly' 0.63; unanswerable 'negation' / 'negative' 0.44, 'anime' / 'animation' 0.52). 0 turns the check off")
    variant_close: float = Field(0.7, ge=0, le=1, description="A question word no paper uses still counts as mentioned when a top paper's word with the same first 4 letters is this close (cosine; 'electrocardiogram' / 'electrocardiography' 0.84)")
    llm_list_items: int = Field(5, ge=1, le=30, description="In LLM mode, the model writes the lines of the first N listed papers (~10 s of generation each on 2 cores); the others keep their extractive lines")
    list_depth: int = Field(20, ge=1, le=100, description="Papers retrieved for a list question (the relevance bar was fitted on 20)")
    related_cap: int = Field(5, ge=0, le=30, description="Most 'also related' papers listed by title under an answer")
    llm_retry_within: float = Field(15.0, ge=0, le=600, description="In LLM mode, when nothing the model wrote passes verification, or its answer is set aside for the draft (its fact lacks the stated figure, ...), and the answer has taken less than this many seconds, the model is asked once more, shown only the draft's cited sentences; 0: never (the draft is given at once)")
    prefer_contribution: float = Field(0.1, ge=0, le=1, description="A paper's line is its contribution sentence unless its best evidence is this much closer to the question (cosine)")
    structured_output: bool = Field(True, description="Ask the LLM for JSON items of {source, text} with a JSON schema (response_format); off: the same prompt, parsed tolerantly")
    kind_examples: Path | None = Field(Path("eval/questions/dev.jsonl"), description="Labelled questions (field 'kind') the question-kind classifier votes with when no rule decides; none: rules only")


class UISettings(_Part):
    host: str = Field("127.0.0.1", description="Address the web app binds to")
    port: int = Field(7860, ge=1, le=65535, description="Port of the web app")
    auth: list[str] = Field(default_factory=list, description="user:password pairs; required to bind beyond loopback")
    insecure: bool = Field(False, description="Allow a non-loopback bind without auth")
    concurrent_answers: int = Field(
        4,
        ge=1,
        le=64,
        description="Answers computed at once (gradio's per-event concurrency). Retrieval takes ~35 ms of CPU and the local "
        "model serves one answer at a time, so more workers only share 2 cores thinner; 4 keep an extractive question "
        "from waiting behind three slow LLM answers (load test: tests/test_load.py)",
    )
    max_queue: int = Field(
        128,
        ge=1,
        description="Questions waiting beyond those being answered; past this a user is told the queue is full instead of "
        "waiting minutes (32 busy sessions fit four times over)",
    )
    uploads: Literal["auto", "on", "off"] = Field(
        "auto", description="Adding papers from the browser. auto: on for 127.0.0.1 or with auth, off when served to the network without a password"
    )
    upload_max_mb: int = Field(20, ge=1, le=2048, description="Largest file accepted from the browser (checked before anything is stored)")
    upload_max_papers: int = Field(2000, ge=1, description="Most papers one uploaded file may add (the shipped 316 take ~46 s to embed on 2 cores)")


class EvalSettings(_Part):
    thresholds: dict[str, float] = Field(
        default_factory=dict, description="Metric floors the CI gate enforces, e.g. {'retrieval.recall@10' = 0.8}"
    )
    llm_subset: int = Field(8, ge=0, description="Questions answered in LLM mode by the CI gate")


class Settings(BaseSettings):
    """Everything the app can be told, with the embedded defaults."""

    model_config = SettingsConfigDict(env_prefix="RAG_", env_nested_delimiter="__", extra="forbid", frozen=True)

    data_dir: Path = Field(Path("data/local"), description="Index, model files and logs (relative to the project root)")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO", description="Log file level")
    chunking: ChunkingSettings = Field(default_factory=ChunkingSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    local_model: LocalModelSettings = Field(default_factory=LocalModelSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    ui: UISettings = Field(default_factory=UISettings)
    eval: EvalSettings = Field(default_factory=EvalSettings)

    @field_validator("data_dir")
    @classmethod
    def _anchor_data_dir(cls, value: Path) -> Path:
        # A relative data_dir means "inside the checkout", whatever the working directory.
        return value if value.is_absolute() else PROJECT_ROOT / value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Environment beats the TOML files, which arrive as init values.
        return (env_settings, init_settings)

    def kind_examples_path(self) -> Path | None:
        path = self.answer.kind_examples
        return None if path is None else path if path.is_absolute() else PROJECT_ROOT / path

    def corpus_paths(self) -> list[Path]:
        return [p if p.is_absolute() else PROJECT_ROOT / p for p in self.ingest.corpus]

    def api_key(self, env_name: str) -> str:
        """The secret named by `env_name`, read here so no other module touches the environment."""
        import os

        return os.environ.get(env_name, "")


def with_collection(settings: Settings, name: str) -> Settings:
    """The same settings over another named collection; the name is checked like any setting."""
    try:
        store = StoreSettings(**(settings.store.model_dump() | {"collection": name}))
    except ValidationError:
        raise ConfigError(
            f"bad collection name {name!r}", hint="use 1-40 lower-case letters, digits, - or _, starting with a letter or digit"
        ) from None
    return settings.model_copy(update={"store": store})


def _deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}", hint="pass an existing TOML file to --config") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None


def _reject_unknown_env() -> None:
    """A typo such as RAG_DATADIR would silently send data to the default folder: refuse it."""
    import os

    for name in os.environ:
        if not name.startswith("RAG_"):
            continue
        path = name[4:].lower().split("__")
        model: type[BaseModel] = Settings
        for depth, key in enumerate(path):
            field = model.model_fields.get(key)
            if field is None:
                raise ConfigError(f"unknown setting {'.'.join(path)} (environment variable {name})", hint="see `rag config` for every setting")
            annotation = field.annotation
            if depth + 1 < len(path):
                if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
                    raise ConfigError(f"unknown setting {'.'.join(path)} (environment variable {name})", hint="see `rag config` for every setting")
                model = annotation


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """default.toml, then `config_file`, then keyword overrides, then RAG_ environment variables."""
    values: dict[str, Any] = _read_toml(DEFAULT_CONFIG) if DEFAULT_CONFIG.exists() else {}
    if config_file is not None:
        values = _deep_merge(values, _read_toml(Path(config_file)))
    values = _deep_merge(values, overrides)
    _reject_unknown_env()
    try:
        return Settings(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"bad setting {where}: {first['msg']}", hint="see config/default.toml for every setting") from None
