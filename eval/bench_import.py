"""Import figures for a large arXiv-metadata-snapshot file: papers/s and peak memory.

    python -m eval.bench_import --records 200000 --ingest 300

Writes a snapshot-shaped JSON Lines file (the shipped abstracts, cycled, with unique ids and
titles; every field the real snapshot has), then in fresh subprocesses (so peak RSS is the
reader's alone): (1) reads it through `rag.ingest.corpus.read_corpus`, (2) ingests its first
`--ingest` records into a scratch collection (embedding-bound). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rag.settings import PROJECT_ROOT

_READ = """
import resource, sys, time
from pathlib import Path
from rag.ingest.corpus import ReadReport, read_corpus
began = time.perf_counter()
report = ReadReport()
n = sum(1 for _ in read_corpus([Path(sys.argv[1])], report))
seconds = time.perf_counter() - began
print(n, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

_INGEST = """
import resource, sys, time
from pathlib import Path
from rag import open_collection
papers = open_collection("bench-import", data_dir=Path(sys.argv[2]))
began = time.perf_counter()
summary = papers.ingest([Path(sys.argv[1])])
seconds = time.perf_counter() - began
print(summary.papers, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def write_snapshot(path: Path, records: int) -> None:
    lines = (PROJECT_ROOT / "data" / "transfer-papers.txt").read_text(encoding="utf-8").split("\n")
    pairs = [(lines[i].strip(), lines[i + 1].strip()) for i in range(2, len(lines) - 1, 2) if lines[i].strip() and len(lines[i + 1]) > 200]
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(records):
            title, abstract = pairs[n % len(pairs)]
            record = {
                "id": f"{2000 + n // 99999 % 9000:04d}.{n % 99999:05d}", "submitter": "Bench", "authors": "Ana Pérez, B. Okafor and Chen Wei",
                "title": f"{title} ({n})", "comments": None, "journal-ref": None, "doi": None, "report-no": None, "categories": "cs.LG",
                "license": None, "abstract": "  " + abstract + "\n", "versions": [{"version": "v1", "created": "Mon, 2 Oct 2023 17:59:58 GMT"}],
                "update_date": "2024-03-05", "authors_parsed": [["Pérez", "Ana", ""], ["Okafor", "B.", ""], ["Wei", "Chen", ""]],
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def run(code: str, *args: str) -> tuple[int, float, float]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT)
    count, seconds, max_rss_kb = done.stdout.split()[-3:]
    return int(count), float(seconds), int(max_rss_kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--ingest", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        big, small = Path(folder) / "snapshot.jsonl", Path(folder) / "snapshot-head.jsonl"
        began = time.perf_counter()
        write_snapshot(big, args.records)
        write_snapshot(small, args.ingest)
        written = time.perf_counter() - began
        read_n, read_s, read_rss = run(_READ, str(big))
        result = {
            "records": args.records, "file_mb": round(big.stat().st_size / 2**20, 1), "write_s": round(written, 1),
            "read_papers": read_n, "read_s": round(read_s, 2), "read_papers_per_s": round(read_n / read_s), "read_peak_rss_mb": round(read_rss),
        }
        if args.ingest:
            ingest_n, ingest_s, ingest_rss = run(_INGEST, str(small), str(Path(folder) / "data"))
            result |= {"ingest_papers": ingest_n, "ingest_s": round(ingest_s, 1), "ingest_papers_per_s": round(ingest_n / ingest_s, 1), "ingest_peak_rss_mb": round(ingest_rss)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
