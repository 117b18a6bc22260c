"""Chunk vectors embedded vs derived from sentence vectors (+ title, weight 0/1/2): retrieval on dev (for choosing) and test (reported only).

Usage: python -m eval.chunk_vector_variants   (embeds the corpus once, ~1 min on a quiet 2-core machine) -> out/chunk-vector-variants.json
"""
import json, sys, time, tempfile
from pathlib import Path
import numpy as np
from rag.settings import load_settings
from rag.components import Components
from rag.ingest.corpus import ReadReport, read_corpus
from rag.ingest.chunking import chunk_abstract
from rag.search.store import PaperStore, sentence_id_for, open_client
from rag.search.keyword import KeywordIndex
from rag.search.retrieve import HybridRetriever
from eval.question_sets import DEV_SET, TEST_SET, load_questions
from eval.retrieval_eval import evaluate_rankers, our_rankers, METRICS

work = Path(tempfile.mkdtemp(prefix="wt13f-var-"))
settings = load_settings(data_dir=work)
comp = Components(settings)
emb = comp.embedder
papers = list(read_corpus(settings.corpus_paths(), ReadReport(), None, settings.ingest.max_line_chars, settings.ingest.max_file_mb))
by_id = {p.paper_id: p for p in papers}
chunks = [c for p in papers for c in chunk_abstract(p, settings.chunking, comp.count_tokens)]
rows = {}
for c in chunks:
    ab = by_id[c.paper_id].abstract
    for s in c.sentences:
        rows.setdefault(sentence_id_for(c.paper_id, s, ab[s.start:s.end]), (c.paper_id, s, ab[s.start:s.end]))
sids = list(rows)
t = time.perf_counter(); svec = emb.embed([rows[i][2] for i in sids]); ts = time.perf_counter() - t
t = time.perf_counter(); cvec = emb.embed([c.embed_text(by_id[c.paper_id].title) for c in chunks]); tc = time.perf_counter() - t
t = time.perf_counter(); tvec = emb.embed([p.title for p in papers]); tt = time.perf_counter() - t
print(f"sentences {len(sids)} {ts:.1f}s chunks {len(chunks)} {tc:.1f}s titles {len(papers)} {tt:.1f}s", flush=True)
spos = {i: n for n, i in enumerate(sids)}
tpos = {p.paper_id: n for n, p in enumerate(papers)}
def derive(title_weight):  # the formula of rag/ingest/chunk_vectors.py, with the weight as a parameter
    out = []
    for c in chunks:
        ab = by_id[c.paper_id].abstract
        m = np.stack([svec[spos[sentence_id_for(c.paper_id, s, ab[s.start:s.end])]] for s in c.sentences])
        v = m.sum(0) + title_weight * tvec[tpos[c.paper_id]]
        out.append(v / np.linalg.norm(v))
    return np.stack(out).astype(np.float32)
variants = {"embedded": cvec, "sent-mean": derive(0.0), "sent-mean+title1": derive(1.0), "sent-mean+title2": derive(2.0)}
client = open_client(settings)
report = {}
for name, vecs in variants.items():
    store = PaperStore(client, f"var-{name}")
    for b in range(0, len(sids), 1000):
        ids = sids[b:b+1000]
        store.add_sentences(ids, [rows[i][0] for i in ids], [rows[i][1] for i in ids], svec[[spos[i] for i in ids]])
    for b in range(0, len(chunks), 500):
        store.add_chunks(chunks[b:b+500], by_id, vecs[b:b+500])
    ret = HybridRetriever(store, emb, KeywordIndex(store, work / "kw"), settings.retrieval)
    rankers = our_rankers(ret)
    rankers = {k: rankers[k] for k in ("dense", "fused", "fused+rerank")}
    for setname, path in (("dev", DEV_SET), ("test", TEST_SET)):
        res = evaluate_rankers(rankers, load_questions(path))
        for sysname, r in res.items():
            report[f"{name}|{setname}|{sysname}"] = {m: round(r["overall"][m], 3) for m in METRICS}
            print(name, setname, sysname, report[f"{name}|{setname}|{sysname}"], flush=True)
Path("out").mkdir(exist_ok=True)
Path("out/chunk-vector-variants.json").write_text(json.dumps(report, indent=1))
import shutil
shutil.rmtree(work, ignore_errors=True)
