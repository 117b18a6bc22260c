"""`make bench-scale`: the store, keyword index and search at 10k, 100k and 1M chunks.

Per size, two fresh processes, so one size's memory never shows in another's figures:
- build: synthetic papers (eval/synth_corpus.py) cut by the real chunker, written to Chroma
  with precomputed vectors in batches of 5,000 (add rate), then the keyword index built
  from the store as the app builds it (KeywordIndex.ensure_fresh), then disk sizes;
- serve: the app's own components (real embedder, store, keyword index, HybridRetriever)
  open the store and answer the dev questions in dense, keyword and hybrid mode: latency
  p50/p95 without the query embedding (store-level search) and with it, time to the first
  answerable query, and the serving process's peak RSS.

Precomputed vectors (embedding a million texts with the local model on 2 cores would take
about a day): each pool sentence and title is embedded once for real; a synthetic chunk's
vector is the normalised sum of its sentences' vectors plus 0.35 of its two source titles'
mean, plus Gaussian noise of norm 0.3 (cosine ~0.96 to the clean sum), so chunks built from
the same sentences are neighbours as they would be. The 316 real papers are added with
their real chunk vectors, so the dev questions' gold papers can be looked for among the
synthetic distractors (recall@10 at scale). The scale store keeps chunk vectors only (no
sentence or card vectors): see README, "Scale".

    python -m eval.bench_scale --sizes 10000 100000 1000000 --out out/bench-scale.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ADD_BATCH = 5000  # as in ../shared/OFFLINE.md's raw runs; Chroma's own max batch is larger
SEED = 13
NOISE_NORM = 0.3
TITLE_WEIGHT = 0.35
MODES = ("dense", "keyword", "hybrid")
# ../shared/OFFLINE.md, measured 2026-11-30 on this machine with random vectors, one process each.
RAW_FIGURES = {
    "chroma": {
        "10000": {"add_per_s": 2100, "disk_mb": 32, "rss_gb": 0.17, "top10_p95_ms": 2.1},
        "100000": {"add_per_s": 1300, "disk_mb": 228, "rss_gb": 0.35, "top10_p95_ms": 3.1},
        "1000000": {"add_per_s": 830, "disk_mb": 2200, "rss_gb": 2.1, "top10_p95_ms": 4.1},
    },
    "bm25s": {
        "10000": {"build_s": 0.6, "disk_mb": 4.8, "rss_gb": 0.06, "p95_ms": 0.37},
        "100000": {"build_s": 6.4, "disk_mb": 47, "rss_gb": 0.10, "p95_ms": 3.6},
        "1000000": {"build_s": 71, "disk_mb": 467, "rss_gb": 0.53, "p95_ms": 47.5},
    },
}


def _status_gb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 2**20  # kB
    return float("nan")


def _peak_rss_gb() -> float:
    """This process's high-water RSS. VmHWM, not getrusage's ru_maxrss: Linux keeps ru_maxrss
    across execve, so a child would report its parent's peak (1.2 GB here after embedding)."""
    peak = _status_gb("VmHWM")
    return peak if peak == peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def _rss_gb() -> float:
    return _status_gb("VmRSS")


def _disk_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20 if path.exists() else 0.0


def _settings(work: Path):
    from rag.settings import load_settings

    return load_settings(data_dir=work / "data")


# -- material: real vectors of the pool sentences, titles and real chunks, embedded once ----


def prepare_material(cache: Path) -> Path:
    """Embed the pool sentences, the titles and the shipped corpus's chunks; cached by content."""
    import hashlib

    from eval.synth_corpus import load_pool
    from rag.ingest.chunking import chunk_abstract
    from rag.components import Components
    from rag.ingest.corpus import ReadReport, read_corpus
    from rag.settings import load_settings

    pool = load_pool()
    settings = load_settings()
    papers = list(read_corpus(settings.corpus_paths(), ReadReport()))
    key = hashlib.sha256("\x1e".join(pool.sentences + pool.titles + tuple(p.abstract for p in papers)).encode()).hexdigest()[:12]
    path = cache / f"material-{key}.npz"
    if path.exists():
        return path
    components = Components(settings)
    embedder = components.embedder
    began = time.perf_counter()
    sentence_vectors = embedder.embed(list(pool.sentences))
    title_vectors = embedder.embed(list(pool.titles))
    chunks = [c for p in papers for c in chunk_abstract(p, settings.chunking, components.count_tokens)]
    by_id = {p.paper_id: p for p in papers}
    chunk_vectors = embedder.embed([c.embed_text(by_id[c.paper_id].title) for c in chunks])
    print(f"embedded {len(pool.sentences) + len(pool.titles) + len(chunks)} texts in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, sentences=sentence_vectors, titles=title_vectors, chunks=chunk_vectors, embedder=np.array(embedder.name))
    return path


# -- build: one process per size -----------------------------------------------------------


def synth_vectors(rng: np.random.Generator, sentence_vectors: np.ndarray, title_vectors: np.ndarray, rows: list[tuple[list[int], int, int]]) -> np.ndarray:
    """One vector per chunk from (pool sentence ids, topic paper, title-lending paper)."""
    out = np.empty((len(rows), sentence_vectors.shape[1]), dtype=np.float32)
    for i, (sentence_ids, topic, other) in enumerate(rows):
        text = sentence_vectors[sentence_ids].sum(axis=0)
        text /= max(np.linalg.norm(text), 1e-12)
        title = title_vectors[topic] + title_vectors[other]
        out[i] = text + TITLE_WEIGHT * title / max(np.linalg.norm(title), 1e-12)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    noise = rng.standard_normal(out.shape).astype(np.float32) * (NOISE_NORM / np.sqrt(out.shape[1]))
    out += noise
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def build(size: int, work: Path, material: Path) -> dict:
    import bisect

    from eval.synth_corpus import SentenceTokens, load_pool, synth_chunks, write_corpus
    from rag.ingest.chunking import chunk_abstract, token_counter
    from rag.components import Components
    from rag.ingest.corpus import ReadReport, read_corpus
    from rag.search.keyword import KeywordIndex

    began_all = time.perf_counter()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    settings = _settings(work)
    data = np.load(material)
    sentence_vectors, title_vectors = data["sentences"], data["titles"]
    components = Components(settings)
    store = components.store
    if str(data["embedder"]) != components.embedder.name:
        raise SystemExit("material was embedded with another model; delete the cache")
    result: dict = {"size": size}

    # The real papers first, with their real vectors: the dev questions' gold papers.
    real = list(read_corpus(settings.corpus_paths(), ReadReport()))
    real_by_id = {p.paper_id: p for p in real}
    real_chunks = [c for p in real for c in chunk_abstract(p, settings.chunking, components.count_tokens)]
    store.add_chunks(real_chunks, real_by_id, data["chunks"])
    # The keyword index is fed the texts in hand while they are added (rag/search/keyword_build.py),
    # as tokenizing them is most of its build; reading 1M chunks back from Chroma for it would add
    # the page reads and the record join (together 1.4x the tokenizing at 100k).
    keyword = KeywordIndex(store, settings.data_dir / "keyword")
    keyword_builder = keyword.builder()
    keyword_seconds = 0.0
    mark = time.perf_counter()
    for chunk in real_chunks:
        keyword_builder.add(chunk.chunk_id, f"{real_by_id[chunk.paper_id].title} {chunk.text}")
    keyword_seconds += time.perf_counter() - mark

    # The synthetic corpus file in the shipped JSONL format, read back by the shipped reader.
    pool = load_pool()
    corpus_file = work / "synth.jsonl"
    began = time.perf_counter()
    papers_written, _ = write_corpus(corpus_file, "jsonl", SEED, chunks=size - len(real_chunks), pool=pool)
    result["corpus_file"] = {"papers": papers_written, "mb": round(corpus_file.stat().st_size / 2**20, 1), "write_s": round(time.perf_counter() - began, 1)}
    began = time.perf_counter()
    report = ReadReport()
    read_back = sum(1 for _ in read_corpus([corpus_file], report))
    result["corpus_file"].update(read_s=round(time.perf_counter() - began, 1), read_papers=read_back, read_warnings=report.warning_count)
    corpus_file.unlink()  # the store holds it now; a 1M file is ~0.9 GB

    # The same stream again, straight into the store.
    tokens = SentenceTokens(pool, token_counter(settings.chunking))
    rng = np.random.default_rng(SEED)
    remaining = size - len(real_chunks)
    pending_chunks, pending_rows, pending_papers = [], [], {}
    add_seconds = generate_seconds = add_cpu_seconds = 0.0
    mark = time.perf_counter()
    progress_every, next_progress = max(size // 10, ADD_BATCH), max(size // 10, ADD_BATCH)
    added = len(real_chunks)
    for synth, cut in synth_chunks(pool, SEED, settings.chunking, tokens):
        if remaining <= 0:
            break
        cut = cut[:remaining]
        remaining -= len(cut)
        starts = []
        position = 0
        for sid in synth.sentence_ids:
            starts.append(position)
            position += len(pool.sentences[sid]) + 1
        pending_papers[synth.paper.paper_id] = synth.paper
        for chunk in cut:
            ids = sorted({synth.sentence_ids[bisect.bisect_right(starts, span.start) - 1] for span in chunk.sentences})
            pending_chunks.append(chunk)
            pending_rows.append((ids, synth.topic, synth.other))
        if len(pending_chunks) >= ADD_BATCH or remaining <= 0:
            vectors = synth_vectors(rng, sentence_vectors, title_vectors, pending_rows)
            generate_seconds += time.perf_counter() - mark
            mark, cpu_mark = time.perf_counter(), time.process_time()
            store.add_chunks(pending_chunks, pending_papers, vectors)
            add_seconds += time.perf_counter() - mark
            add_cpu_seconds += time.process_time() - cpu_mark  # all threads (Chroma's own included): less sensitive to other jobs than wall time
            mark = time.perf_counter()
            for chunk in pending_chunks:
                keyword_builder.add(chunk.chunk_id, f"{pending_papers[chunk.paper_id].title} {chunk.text}")
            keyword_seconds += time.perf_counter() - mark
            added += len(pending_chunks)
            pending_chunks, pending_rows, pending_papers = [], [], {}
            if added >= next_progress:
                print(f"  {size:,}: {added:,} chunks, add {added / add_seconds:,.0f}/s so far", file=sys.stderr, flush=True)
                next_progress += progress_every
            mark = time.perf_counter()
    chunks = store.count_chunks()
    result["chunks"] = chunks
    result["real_chunks"] = len(real_chunks)
    result["add"] = {
        "seconds": round(add_seconds, 1), "per_s": round((chunks - len(real_chunks)) / add_seconds),
        "cpu_s": round(add_cpu_seconds, 1), "per_cpu_s": round((chunks - len(real_chunks)) / max(add_cpu_seconds, 1e-9)),
        "generate_and_vectors_s": round(generate_seconds, 1),
    }

    began = time.perf_counter()
    if len(keyword_builder) == chunks:
        keyword.adopt(keyword_builder)
        source = "texts in hand during the add"
    else:  # an id written twice: the store's own chunk set decides, read back as the app does
        keyword_seconds = 0.0
        keyword.ensure_fresh()
        source = "a scan of the store"
    del keyword_builder
    index_seconds = time.perf_counter() - began
    result["keyword_build_s"] = round(keyword_seconds + index_seconds, 1)
    result["keyword_build"] = {"from": source, "tokenize_during_add_s": round(keyword_seconds, 1), "index_and_save_s": round(index_seconds, 1), "fingerprint": keyword.fingerprint}
    began = time.perf_counter()
    store.remember_paper_count()  # as a completed ingest does: a serving process then need not scan every chunk row
    result["remember_paper_count_s"] = round(time.perf_counter() - began, 1)
    result["disk_mb"] = {"chroma": round(_disk_mb(settings.data_dir / "chroma")), "keyword": round(_disk_mb(settings.data_dir / "keyword"), 1)}
    result["build_peak_rss_gb"] = round(_peak_rss_gb(), 2)
    result["build_s"] = round(time.perf_counter() - began_all, 1)
    return result


# -- serve: one process per size -----------------------------------------------------------


def serve(size: int, work: Path, repeats: int) -> dict:
    from eval.metrics import percentile, recall_at_k
    from eval.question_sets import DEV_SET, load_questions
    from rag.components import Components

    began = time.perf_counter()
    settings = _settings(work)
    components = Components(settings)
    retriever = components.retriever
    questions = load_questions(DEV_SET)
    first = retriever.search(questions[0].question)
    result: dict = {"size": size, "load_avg_at_start": round(os.getloadavg()[0], 1), "first_query_s": round(time.perf_counter() - began, 1), "first_query_timings_s": {k: round(v, 2) for k, v in first.timings.items()}}
    result["rss_after_first_query_gb"] = round(_rss_gb(), 2)
    # Each dev question once in hybrid mode before anything else: no candidate row is in the
    # retriever's row cache yet, as for a user's new question (the passes below repeat questions).
    first_pass, stages = [], {}
    for q in questions[1:]:
        t = retriever.search(q.question).timings
        first_pass.append((t["total"] - t["embed"]) * 1000)
        for stage in ("dense", "keyword", "keyword_fetch", "evidence"):
            stages.setdefault(stage, []).append(t[stage] * 1000)
    result["hybrid_first_pass"] = {
        "search_p50_ms": round(percentile(first_pass, 50), 1), "search_p95_ms": round(percentile(first_pass, 95), 1), "n": len(first_pass),
        "stage_p50_ms": {k: round(percentile(v, 50), 1) for k, v in stages.items()}, "stage_p95_ms": {k: round(percentile(v, 95), 1) for k, v in stages.items()},
    }
    for mode in MODES:
        for q in questions[:3]:  # warm-up
            retriever.search(q.question, mode=mode)
        search_ms, total_ms, stages = [], [], {}
        for _ in range(repeats):
            for q in questions:
                found = retriever.search(q.question, mode=mode)
                t = found.timings
                search_ms.append((t["total"] - t["embed"]) * 1000)
                total_ms.append(t["total"] * 1000)
                for stage in ("embed", "dense", "keyword", "keyword_fetch", "fuse", "evidence"):
                    stages.setdefault(stage, []).append(t[stage] * 1000)
        result[mode] = {
            "search_p50_ms": round(percentile(search_ms, 50), 1),
            "search_p95_ms": round(percentile(search_ms, 95), 1),
            "with_embedding_p50_ms": round(percentile(total_ms, 50), 1),
            "with_embedding_p95_ms": round(percentile(total_ms, 95), 1),
            "stage_p50_ms": {stage: round(percentile(v, 50), 2) for stage, v in stages.items()},
            "stage_p95_ms": {stage: round(percentile(v, 95), 2) for stage, v in stages.items()},
            "n": len(search_ms),
        }
    answerable = [q for q in questions if q.answerable and q.gold_titles]
    for mode in MODES:
        recalls = []
        for q in answerable:
            hits = retriever.search(q.question, mode=mode).hits
            recalls.append(recall_at_k([h.paper.paper_id for h in hits], q.gold_ids, 10))
        result[mode]["dev_recall_at_10"] = round(sum(recalls) / len(recalls), 3)
    began = time.perf_counter()
    result["papers"] = components.store.count_papers()  # what the page header shows at start
    result["count_papers_s"] = round(time.perf_counter() - began, 2)
    keyword = components.keyword_index
    if keyword.verifier is not None:  # the background check of the loaded index against the store's chunk ids
        began = time.perf_counter()
        keyword.verifier.join()
        result["keyword_fingerprint_check"] = {"matches": keyword._checked is None, "waited_after_queries_s": round(time.perf_counter() - began, 1)}
    result["load_avg_at_end"] = round(os.getloadavg()[0], 1)  # other jobs on the 2 cores: read latencies with it
    result["serve_peak_rss_gb"] = round(_peak_rss_gb(), 2)
    result["serve_rss_end_gb"] = round(_rss_gb(), 2)
    return result


# -- the driver ------------------------------------------------------------------------------


def _run_phase(phase: str, size: int, work: Path, extra: list[str]) -> dict:
    out = work.parent / f"{phase}-{size}.json"
    command = [sys.executable, "-m", "eval.bench_scale", phase, "--size", str(size), "--work", str(work), "--result", str(out), *extra]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    began = time.perf_counter()
    subprocess.run(command, check=True, cwd=PROJECT_ROOT, env=env)
    print(f"{phase} {size:,}: {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
    return json.loads(out.read_text())


def _growth(rows: list[dict], pick) -> list[dict]:
    """Ratio of each figure to the previous size's: 10x the chunks -> this many times the cost."""
    out = []
    for low, high in zip(rows, rows[1:]):
        a, b = pick(low), pick(high)
        out.append({"from": low["size"], "to": high["size"], "ratio": round(b / a, 2) if a else None})
    return out


def summarise(rows: list[dict], material_note: str) -> dict:
    table = []
    for row in rows:
        b, s = row["build"], row["serve"]
        table.append(
            {
                "size": row["size"],
                "chunks": b["chunks"],
                "add_per_s": b["add"]["per_s"],
                "add_per_cpu_s": b["add"].get("per_cpu_s"),
                "add_s": b["add"]["seconds"],
                "keyword_build_s": b["keyword_build_s"],
                "disk_chroma_mb": b["disk_mb"]["chroma"],
                "disk_keyword_mb": b["disk_mb"]["keyword"],
                "build_peak_rss_gb": b["build_peak_rss_gb"],
                "serve_peak_rss_gb": s["serve_peak_rss_gb"],
                "first_query_s": s["first_query_s"],
                "load_avg": s.get("load_avg_at_end"),
                **{f"{mode}_p50_ms": s[mode]["search_p50_ms"] for mode in MODES},
                **{f"{mode}_p95_ms": s[mode]["search_p95_ms"] for mode in MODES},
                "hybrid_with_embedding_p95_ms": s["hybrid"]["with_embedding_p95_ms"],
                **{f"{mode}_dev_recall_at_10": s[mode]["dev_recall_at_10"] for mode in MODES},
            }
        )
    growth = {
        key: _growth(table, lambda r, key=key: r[key])
        for key in ("add_per_s", "disk_chroma_mb", "disk_keyword_mb", "serve_peak_rss_gb", "dense_p95_ms", "keyword_p95_ms", "hybrid_p95_ms")
    }
    largest = table[-1]
    targets = {
        "at_chunks": largest["chunks"],
        "hybrid_p95_ms": largest["hybrid_p95_ms"],
        "hybrid_p95_target_ms": 200,
        "serve_peak_rss_gb": largest["serve_peak_rss_gb"],
        "serve_rss_target_gb": 4,
        "met": largest["hybrid_p95_ms"] <= 200 and largest["serve_peak_rss_gb"] <= 4,
    }
    return {"table": table, "growth": growth, "targets": targets, "precomputed_vectors": material_note, "raw_figures_offline_md": RAW_FIGURES}


def plot(result: dict, png: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    table = result["table"]
    sizes = [r["chunks"] for r in table]
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    ax = axes[0][0]
    for mode in MODES:
        ax.plot(sizes, [r[f"{mode}_p95_ms"] for r in table], marker="o", label=f"{mode} p95")
        ax.plot(sizes, [r[f"{mode}_p50_ms"] for r in table], marker=".", linestyle="--", label=f"{mode} p50")
    raw_sizes = [int(size) for size in RAW_FIGURES["chroma"]]
    raw = lambda part, key: [RAW_FIGURES[part][str(size)][key] for size in raw_sizes]  # noqa: E731
    ax.plot(raw_sizes, raw("chroma", "top10_p95_ms"), color="gray", linestyle=":", label="raw Chroma top-10 p95 (OFFLINE.md)")
    ax.plot(raw_sizes, raw("bm25s", "p95_ms"), color="black", linestyle=":", label="raw bm25s p95 (OFFLINE.md)")
    ax.axhline(200, color="red", linewidth=0.8, label="target 200 ms")
    ax.set(title="search latency (query embedding excluded)", ylabel="ms")
    ax = axes[0][1]
    ax.plot(sizes, [r["serve_peak_rss_gb"] for r in table], marker="o", label="serving process peak RSS")
    ax.plot(sizes, [r["build_peak_rss_gb"] for r in table], marker="o", label="build process peak RSS")
    ax.plot(raw_sizes, raw("chroma", "rss_gb"), color="gray", linestyle=":", label="raw Chroma serving RSS (OFFLINE.md)")
    ax.axhline(4, color="red", linewidth=0.8, label="target 4 GB (serving)")
    ax.set(title="memory", ylabel="GB")
    ax = axes[1][0]
    ax.plot(sizes, [r["disk_chroma_mb"] / 1024 for r in table], marker="o", label="Chroma")
    ax.plot(sizes, [r["disk_keyword_mb"] / 1024 for r in table], marker="o", label="keyword index")
    ax.plot(raw_sizes, [v / 1024 for v in raw("chroma", "disk_mb")], color="gray", linestyle=":", label="raw Chroma, vectors only (OFFLINE.md)")
    ax.set(title="disk", ylabel="GB")
    ax = axes[1][1]
    ax.plot(sizes, [r["add_per_s"] for r in table], marker="o", label="Chroma add, our chunks with metadata (chunks/s)")
    if all(r.get("add_per_cpu_s") for r in table):  # runs before the CPU figure existed have none
        ax.plot(sizes, [r["add_per_cpu_s"] for r in table], marker="o", label="the same per CPU-second (less disturbed by other jobs)")
    ax.plot(raw_sizes, raw("chroma", "add_per_s"), color="gray", linestyle=":", label="raw Chroma add, vectors only (OFFLINE.md)")
    ax.set(title="add throughput", ylabel="chunks / s")
    for ax in axes.flat:
        ax.set_xscale("log")
        ax.set_xlabel("chunks")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=7)
    fig.suptitle("paper-rag scale run (2 cores; synthetic chunks, precomputed vectors)")
    fig.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(png, dpi=90)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("phase", nargs="?", choices=("all", "build", "serve"), default="all")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--size", type=int)
    parser.add_argument("--work", type=Path, default=PROJECT_ROOT / "data" / "local" / "scale")
    parser.add_argument("--result", type=Path)
    parser.add_argument("--material", type=Path)
    parser.add_argument("--repeats", type=int, default=2, help="passes over the dev questions per mode")
    parser.add_argument("--reuse", action="store_true", help="keep a size's build when its build-N.json exists")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "out" / "bench-scale.json")
    parser.add_argument("--png", type=Path, default=None)
    parser.add_argument("--replot", action="store_true", help="only redraw the PNG from --out")
    args = parser.parse_args(argv)

    if args.replot:
        plot(json.loads(args.out.read_text()), args.png or args.out.with_suffix(".png"))
        return 0
    if args.phase == "build":
        args.result.write_text(json.dumps(build(args.size, args.work, args.material), indent=2))
        return 0
    if args.phase == "serve":
        args.result.write_text(json.dumps(serve(args.size, args.work, args.repeats), indent=2))
        return 0

    material = prepare_material(args.work)
    rows = []
    for size in sorted(args.sizes):
        work = args.work / f"store-{size}"
        done = args.work / f"build-{size}.json"
        if args.reuse and done.exists() and work.exists():
            built = json.loads(done.read_text())
        else:
            done.unlink(missing_ok=True)
            built = _run_phase("build", size, work, ["--material", str(material)])
        served = _run_phase("serve", size, work, ["--repeats", str(args.repeats)])
        rows.append({"size": size, "build": built, "serve": served})
    note = (
        "Chroma add, disk, memory and all latencies use precomputed vectors: each real pool sentence and title embedded once "
        f"with the local MiniLM; a synthetic chunk = normalised sum of its sentences' vectors + {TITLE_WEIGHT} x its titles' mean, "
        f"plus Gaussian noise of norm {NOISE_NORM}. The 316 real papers use their real chunk vectors. Query vectors are real "
        "(the serving process embeds each dev question); search_p*_ms exclude that embedding, with_embedding_* include it."
    )
    result = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "command": "python -m eval.bench_scale " + " ".join(sys.argv[1:] if argv is None else argv),
        **summarise(rows, note),
        "runs": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    png = args.png or args.out.with_suffix(".png")
    plot(result, png)
    print(f"wrote {args.out} and {png}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
