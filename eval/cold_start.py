"""Cold start: process start to a usable page, and to a first extractive answer, against bare Gradio.

What a user waits for after typing `rag serve` on an index that is already built:
- `page_s`: from the process start to HTTP 200 on the app's page (the store is opened and
  counted before the app is launched, so the index is loaded by then);
- `first_answer_s`: from the same process start to the first extractive answer, asked through
  the app's `/ask` endpoint (the page's own event path) as soon as the page answers.
The baseline, measured in the same run and polled the same way, is the bare cost of Gradio:
a process that imports gradio and launches an empty app (`bare_gradio_s`). Runs alternate
(bare, ours, bare, ours, ...) so a machine busy for a moment weighs on both; medians are reported.

`rag serve` runs with answer.mode = extractive: in llm mode its warm-up also starts the local
model (its start is `llm.server_start_s` in the bench) and would compete with the page for the cores.

Usage: python -m eval.cold_start --data-dir DIR [--runs 3] [--out out/cold-start.json]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from statistics import median

BARE_GRADIO_APP = """
import sys
import gradio as gr

with gr.Blocks() as app:
    gr.Markdown("empty")
app.launch(server_name="127.0.0.1", server_port=int(sys.argv[1]))
"""

QUESTION = "Which methods tackle negative transfer?"  # the README's example question


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_page(process: subprocess.Popen, url: str, began: float, timeout_s: float) -> float:
    """Seconds from `began` to the first HTTP 200 on `url`, polled every 50 ms."""
    while time.perf_counter() - began < timeout_s:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:3]} exited with {process.returncode} before serving its page")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return time.perf_counter() - began
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"no page at {url} within {timeout_s} s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _env(data_dir: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    if data_dir is not None:
        env.update(RAG_DATA_DIR=str(data_dir), RAG_ANSWER__MODE="extractive")
    return env


def bare_gradio_once(timeout_s: float = 120) -> float:
    port = _free_port()
    began = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", BARE_GRADIO_APP, str(port)], env=_env(None),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return _wait_for_page(process, f"http://127.0.0.1:{port}/", began, timeout_s)
    finally:
        _stop(process)


def serve_once(data_dir: Path, question: str = QUESTION, timeout_s: float = 300) -> tuple[float, float, float]:
    """(page_s, client_connected_s, first_answer_s) for one `rag serve` started from nothing on a built index."""
    from gradio_client import Client  # imported before the clock starts: the bench's cost, not the app's

    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    began = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--port", str(port), "--no-ingest"],
                               env=_env(data_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = _wait_for_page(process, url, began, timeout_s)
        client = Client(url, verbose=False)
        connected = time.perf_counter() - began
        views = client.predict(question, "extractive", 10, api_name="/ask")
        answered = time.perf_counter() - began
        client.close()
        shown = str(views[0][-1]["content"]) if views and views[0] else ""
        if "qa-error" in shown or not ("qa-cite" in shown or "qa-abstain" in shown):
            raise RuntimeError(f"the first answer was not an answer: {shown[:300]}")
        return page, connected, answered
    finally:
        _stop(process)


def measure(data_dir: Path, runs: int = 3) -> dict:
    bare, page, connected, answer = [], [], [], []
    for _ in range(runs):
        bare.append(bare_gradio_once())
        ours = serve_once(data_dir)
        page.append(ours[0])
        connected.append(ours[1])
        answer.append(ours[2])
    b, p, a = median(bare), median(page), median(answer)
    return {
        "page_s": round(p, 2),
        "first_answer_s": round(a, 2),
        "bare_gradio_s": round(b, 2),
        "ratio_page_to_bare": round(p / b, 2),
        "ratio_answer_to_bare": round(a / b, 2),
        "target_ratio": 1.5,
        "runs": {"bare_gradio_s": [round(x, 2) for x in bare], "page_s": [round(x, 2) for x in page],
                 "client_connected_s": [round(x, 2) for x in connected], "first_answer_s": [round(x, 2) for x in answer]},
        "note": "medians of alternating runs; `rag serve --no-ingest` with answer.mode=extractive on a built index; "
        "first answer asked through the app's /ask endpoint as soon as the page answers",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, required=True, help="a data_dir holding a built index")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    result = measure(args.data_dir, args.runs)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"cold_start": result}, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
