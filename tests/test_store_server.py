"""Server mode: the same ingest and search against a real `chroma run` server on loopback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from rag.ingest.corpus import ReadReport, read_corpus
from rag.errors import StoreError
from rag.ingest.pipeline import ingest
from tests.conftest import stop_process

BIN = Path(sys.executable).parent
RAG = BIN / "rag"
CHROMA = BIN / "chroma"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rag_env(data_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(
        RAG_DATA_DIR=str(data_dir),
        RAG_STORE__MODE="http",
        RAG_STORE__HOST="127.0.0.1",
        RAG_STORE__PORT=str(port),
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
    )
    return env


def start_chroma_server(data_dir: Path, port: int, log_path: Path) -> subprocess.Popen:
    """`chroma run` on loopback, returned once its heartbeat answers (about 1-2 s here)."""
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    with open(log_path, "ab") as log:
        server = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(data_dir), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    deadline = time.monotonic() + 60
    while True:
        if server.poll() is not None:
            pytest.fail(f"chroma run exited with {server.returncode}: {log_path.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            pass
        if time.monotonic() > deadline:
            stop_process(server, timeout=15)
            pytest.fail(f"chroma run did not answer within 60 s: {log_path.read_text(errors='replace')[-2000:]}")
        time.sleep(0.2)


@pytest.fixture
def chroma_server(tmp_path):
    """A `chroma run` server on a free loopback port, stopped by its PID afterwards."""
    port = free_port()
    server = start_chroma_server(tmp_path / "server-data", port, tmp_path / "chroma-server.log")
    try:
        yield port
    finally:
        stop_process(server, timeout=15)


@pytest.mark.slow
def test_ingest_and_search_through_a_chroma_server(chroma_server, small_corpus, make_settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from rag.components import Components

    port = chroma_server
    settings = make_settings(store={"mode": "http", "host": "127.0.0.1", "port": port})
    client = chromadb.HttpClient(host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False))
    components = Components(settings, chroma_client=client)
    store = components.store
    try:
        summary = ingest([small_corpus], settings, store, components.embedder, components.count_tokens, progress=False)

        assert summary.papers == 12 and summary.warnings == []
        assert summary.added == summary.chunks >= 12
        assert store.count_chunks() == summary.chunks
        assert store.count_papers() == 12
        assert not (settings.data_dir / "chroma").exists()  # everything went to the server

        papers = list(read_corpus([small_corpus], ReadReport()))
        target = papers[7]
        hits = store.dense_search(components.embedder.embed([target.title])[0], 5)
        assert len(hits) == 5
        best, score = hits[0]
        assert best.paper.paper_id == target.paper_id and best.paper.title == target.title
        assert best.text == target.abstract[best.start : best.end]
        assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
        assert 0.3 < score <= 1.0001

        again = ingest([small_corpus], settings, store, components.embedder, components.count_tokens, progress=False)
        assert (again.added, again.skipped, again.removed) == (0, summary.chunks, 0)
        assert store.count_chunks() == summary.chunks

        # The command line reaches the same server from settings alone.
        stats = subprocess.run(
            [str(RAG), "stats", "--json"], env=rag_env(settings.data_dir, port), capture_output=True, text=True, timeout=120
        )
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout) == {"papers": 12, "chunks": summary.chunks, "collection": store.name, "name": "default"}
    finally:
        components.close()


def test_server_down_gives_one_error_line(tmp_path):
    port = free_port()  # nothing listens there
    result = subprocess.run(
        [str(RAG), "stats"], env=rag_env(tmp_path / "data", port), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == StoreError.exit_code
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach the Chroma server"), result.stderr
    assert "chroma run" in lines[0]  # the hint says how to fix it
