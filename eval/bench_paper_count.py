"""The counts a serving process asks a scale store for, and the paper count recalled against scanned.

Times Chroma's chunk count (5 times: the first is cold), the paper-record count, a scan of every
chunk row's paper id (what `count_papers` did at each start), `remember_paper_count` (what a
completed ingest does), then `count_papers` in a second store object (a new process's view).

    python -m eval.bench_paper_count data/local/scale/store-1000000
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from eval.bench_scale import _peak_rss_gb, _settings
    from rag.components import Components

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="a scale store folder (eval/bench_scale.py's store-N)")
    args = parser.parse_args(argv)
    store = Components(_settings(args.store)).store
    out: dict = {"load_avg_at_start": round(os.getloadavg()[0], 1)}
    counts = []
    for _ in range(5):
        began = time.perf_counter()
        out["chunks"] = store.count_chunks()
        counts.append(round((time.perf_counter() - began) * 1000, 1))
    out["count_chunks_ms"] = counts
    began = time.perf_counter()
    out["records"] = store.records.count()
    out["count_records_ms"] = round((time.perf_counter() - began) * 1000, 1)
    began = time.perf_counter()
    out["papers"] = store._scan_paper_count()
    out["scan_paper_count_s"] = round(time.perf_counter() - began, 1)
    began = time.perf_counter()
    store.remember_paper_count()
    out["remember_paper_count_s"] = round(time.perf_counter() - began, 1)
    fresh = Components(_settings(args.store)).store
    began = time.perf_counter()
    out["recalled_papers"] = fresh.count_papers()
    out["recalled_count_papers_s"] = round(time.perf_counter() - began, 2)
    out["load_avg_at_end"] = round(os.getloadavg()[0], 1)
    out["peak_rss_gb"] = round(_peak_rss_gb(), 2)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
