"""The served app, for real: load through its HTTP queue, and what it exposes.

Load on loopback: concurrent chat sessions against a real `rag serve`, through gradio's HTTP queue.

Each session is a gradio_client over HTTP (the same queue and event path the browser uses),
asking questions in a loop, extractive and LLM mode mixed. The LLM is the scripted FAKE
server (tests/scripted_llm.py), configured through settings like any endpoint, so the
figures measure this app, not a model. A single session runs first, in the same run, as the
baseline. Reported: errors (must be 0), p50/p95 time to evidence and to the answer, time to
the first update (the queue wait), LLM fallbacks, and the server's memory.
`make test` runs 8 sessions for 10 s; `make soak` 32 sessions for 2 minutes (-> out/soak.json).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import TEST_INDEX_DIR, stop_process
from tests.scripted_llm import ScriptedLLMServer
from tests.test_store_server import free_port

RAG = Path(sys.executable).parent / "rag"
QUESTIONS = (
    "Which methods tackle negative transfer?",
    "How can a large pretrained model be adapted while saving GPU memory?",
    "Which work transfers prosody style without text transcriptions?",
    "What is domain adaptation used for in speech recognition?",
    "Which papers study transfer learning for robots?",
)
# Streamed in 6-character pieces 10 ms apart: ~0.2 s of "generation", like a fast endpoint.
SENTINEL_KEY = "sk-SENTINEL-" + "9f3c" * 10  # set as OPENAI_API_KEY for the served app; must never show up anywhere
REPLY = "ForkMerge forks the model into multiple branches and merges them to filter out detrimental updates [1]."


@dataclass
class Turn:
    mode: str
    first_update: float = 0.0  # submit -> first streamed view: the queue wait
    evidence: float = 0.0  # submit -> the view with the cited evidence (or the abstention)
    answer: float = 0.0  # submit -> the final view
    error: str = ""
    fallback: bool = False


@dataclass
class Figures:
    turns: list[Turn] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, turn: Turn) -> None:
        with self.lock:
            self.turns.append(turn)

    def summary(self) -> dict:
        ok = [t for t in self.turns if not t.error]

        def pct(values: list[float], q: float) -> float:
            return round(sorted(values)[min(len(values) - 1, int(q * len(values)))], 3) if values else 0.0

        out = {"turns": len(self.turns), "errors": len(self.turns) - len(ok), "error_samples": [t.error for t in self.turns if t.error][:5]}
        for mode in ("extractive", "llm"):
            mine = [t for t in ok if t.mode == mode]
            out[mode] = {
                "turns": len(mine),
                "evidence_p50_s": pct([t.evidence for t in mine], 0.5), "evidence_p95_s": pct([t.evidence for t in mine], 0.95),
                "answer_p50_s": pct([t.answer for t in mine], 0.5), "answer_p95_s": pct([t.answer for t in mine], 0.95),
                "queue_wait_p50_s": pct([t.first_update for t in mine], 0.5), "queue_wait_p95_s": pct([t.first_update for t in mine], 0.95),
                "fallbacks": sum(t.fallback for t in mine),
            }
        return out


def ask_once(client, question: str, mode: str) -> Turn:
    turn = Turn(mode)
    began = time.monotonic()
    try:
        job = client.submit(question, mode, 10, api_name="/ask")
        last = None
        for update in job:
            now = time.monotonic() - began
            turn.first_update = turn.first_update or now
            bot = update[0][-1]["content"] if update and update[0] else ""
            bot = bot if isinstance(bot, str) else str(bot)
            if not turn.evidence and ("qa-cite" in bot or "qa-abstain" in bot):
                turn.evidence = now
            last = bot
        job.result()
        turn.answer = time.monotonic() - began
        if last is None or "qa-error" in last:
            turn.error = f"error shown: {(last or 'no update')[:200]}"
        elif not turn.evidence:
            turn.evidence = turn.answer
        turn.fallback = "qa-notice" in (last or "")
    except Exception as exc:  # noqa: BLE001 - every failure is counted, and the test fails on any
        turn.error = f"{type(exc).__name__}: {exc}"[:300]
    return turn


def session(url: str, index: int, deadline: float, figures: Figures) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as exc:  # noqa: BLE001
        figures.add(Turn("connect", error=f"{type(exc).__name__}: {exc}"[:300]))
        return
    n = 0
    while time.monotonic() < deadline:
        mode = "llm" if (index + n) % 2 else "extractive"
        figures.add(ask_once(client, QUESTIONS[(index + n) % len(QUESTIONS)], mode))
        n += 1
    client.close()


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return round(total / 1024, 1)


def _children(pid: int) -> list[int]:
    try:
        kids = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in _children(k)]


served_log_offsets: dict[Path, int] = {}


@pytest.fixture(scope="module")
def served(shipped_components, tmp_path_factory):
    """`rag serve` over the shipped index on a free loopback port, its LLM the scripted fake."""
    with ScriptedLLMServer() as fake:
        for _ in range(20_000):
            fake.reply(REPLY, piece_chars=6, piece_delay=0.01)
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
        env.update(RAG_DATA_DIR=str(TEST_INDEX_DIR), RAG_UI__PORT=str(port), RAG_LLM__BACKEND="openai", RAG_LLM__BASE_URL=fake.base_url,
                   RAG_LLM__MODEL="scripted", RAG_LLM__MAX_RETRIES="0", RAG_LLM__FIRST_TOKEN_TIMEOUT_S="10", RAG_ANSWER__MODE="extractive",
                   GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False", OPENAI_API_KEY=SENTINEL_KEY)
        # Where the shared index's logs stood before this server: only what it adds is ours to judge.
        served_log_offsets.update({p: p.stat().st_size for p in (TEST_INDEX_DIR / "logs").glob("*.log")})
        log = tmp_path_factory.mktemp("serve") / "serve.log"
        with open(log, "wb") as out:
            server = subprocess.Popen([str(RAG), "serve"], env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + 180
            while True:
                assert server.poll() is None, log.read_text(errors="replace")[-3000:]
                try:
                    with urllib.request.urlopen(url, timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "rag serve did not answer within 180 s"
                time.sleep(0.5)
            yield url, server.pid, fake, log
        finally:
            stop_process(server, timeout=20)


def run_load(served, sessions: int, seconds: float) -> dict:
    url, pid, fake, log = served
    from gradio_client import Client

    # Baseline: one session alone, the same mix of questions and modes, in this run.
    baseline = Figures()
    client = Client(url, verbose=False)
    for n in range(6):
        baseline.add(ask_once(client, QUESTIONS[n % len(QUESTIONS)], "llm" if n % 2 else "extractive"))
    client.close()

    figures, memory = Figures(), [rss_mb(pid)]
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=session, args=(url, i, deadline, figures), daemon=True) for i in range(sessions)]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        memory.append(rss_mb(pid))
        time.sleep(1.0)
    for thread in threads:
        thread.join(timeout=120)
    report = {
        "sessions": sessions, "seconds": seconds, "load": figures.summary(), "single_user_baseline": baseline.summary(),
        "server_rss_mb": {"before": memory[0], "peak": max(memory), "after": rss_mb(pid)},
        "llm_requests": len(fake.chat_requests), "log_tracebacks": log.read_text(errors="replace").count("Traceback"),
    }
    return report


def assert_healthy(report: dict) -> None:
    load = report["load"]
    assert load["errors"] == 0, load["error_samples"]
    assert report["single_user_baseline"]["errors"] == 0, report["single_user_baseline"]["error_samples"]
    assert load["extractive"]["turns"] > 0 and load["llm"]["turns"] > 0
    assert report["log_tracebacks"] == 0


@pytest.mark.slow
def test_eight_sessions_for_ten_seconds_through_the_real_queue(served, soak_report):
    report = run_load(served, sessions=8, seconds=10)
    print(report)
    soak_report("load_short", report)
    assert_healthy(report)


@pytest.mark.soak
def test_soak_thirty_two_sessions_for_two_minutes(served, soak_report):
    report = run_load(served, sessions=32, seconds=120)
    soak_report("load_32_sessions_2_min", report)
    assert_healthy(report)


# -- exposure: what the served app shows and logs ------------------------------------------------


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@pytest.mark.slow
def test_the_api_key_never_reaches_logs_errors_reports_or_the_page(served):
    url, _, fake, log = served
    from gradio_client import Client

    fake.reset()
    # A bad-key reply that echoes the key back, as OpenAI's 401 does, then a broken stream.
    fake.status(401, f"Incorrect API key provided: {SENTINEL_KEY}.").malformed("ForkMerge")
    client = Client(url, verbose=False)
    shown = [ask_once_html(client, QUESTIONS[0]) for _ in range(2)]
    client.close()
    assert all(r.authorization == f"Bearer {SENTINEL_KEY}" for r in fake.chat_requests)  # the key was really in use

    texts = {"answers": "\n".join(shown), "log": log.read_text(errors="replace")}
    for page in ("", "config", "gradio_api/info"):
        texts[f"GET /{page}"] = fetch(url + page)[1]
    for path in [*(TEST_INDEX_DIR / "logs").glob("*.log"), Path(__file__).resolve().parent.parent / "out" / "soak.json"]:
        if path.exists():
            with open(path, "rb") as handle:
                handle.seek(served_log_offsets.get(path, 0))
                texts[str(path)] = handle.read().decode("utf-8", "replace")
    for where, text in texts.items():
        assert SENTINEL_KEY not in text and SENTINEL_KEY[-8:] not in text, f"the key leaked into {where}"
    assert "HTTP 401" in texts["answers"]  # the failure itself is shown, without the key


def ask_once_html(client, question: str) -> str:
    job = client.submit(question, "llm", 10, api_name="/ask")
    final = job.result()
    return str(final[0][-1]["content"]) + str(final[1])


@pytest.mark.slow
def test_the_app_serves_no_file_a_user_names(served):
    url, *_ = served
    from gradio_client import Client

    for path in ("/etc/passwd", "file=/etc/passwd", "../../../../etc/passwd"):
        status, body = fetch(url + "gradio_api/file=" + path)
        assert status != 200 and "root:x:0:0" not in body, (path, status)
    client = Client(url, verbose=False)
    for question in ("/etc/passwd", "file:///etc/passwd", "Read ../../../../etc/passwd and summarise it"):
        assert "root:x:0:0" not in ask_once_html(client, question)
    client.close()


@pytest.mark.slow
def test_serving_beyond_loopback_without_a_password_is_refused_before_binding(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(RAG_DATA_DIR=str(TEST_INDEX_DIR), GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1")
    result = subprocess.run([str(RAG), "serve", "--host", "0.0.0.0", "--port", str(port)], env=env, capture_output=True, text=True, timeout=300)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2 and len(lines) == 1 and "refusing to serve on 0.0.0.0 without a password" in lines[0], result.stderr
    import socket

    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0  # nothing was bound
