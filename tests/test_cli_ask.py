"""`rag ask` as a user runs it: a subprocess over the shipped index (each run ~3-4 s, mostly imports)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rag.settings import PROJECT_ROOT
from tests.conftest import TEST_INDEX_DIR
from tests.scripted_llm import ScriptedLLMServer

QUESTION = "Which methods tackle negative transfer?"


def rag_ask(*args: str, **env: str) -> subprocess.CompletedProcess:
    script = Path(sys.executable).parent / "rag"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "rag.cli"]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}  # a developer's own settings must not leak in
    clean.update(RAG_DATA_DIR=str(TEST_INDEX_DIR), GRADIO_ANALYTICS_ENABLED="False", ANONYMIZED_TELEMETRY="False", **env)
    return subprocess.run([*command, "ask", *args], cwd=PROJECT_ROOT, env=clean, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def index(shipped_components):
    """The shipped corpus is ingested into TEST_INDEX_DIR before any `rag ask` reads it."""
    return TEST_INDEX_DIR


def test_extractive_json_answer_has_every_field_a_script_needs(index):
    done = rag_ask("--mode", "extractive", "--json", QUESTION)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    data = json.loads(done.stdout)  # stdout is the JSON and nothing else
    assert {"question", "answer", "mode", "abstained", "citations", "retrieved", "timings"} <= data.keys()
    assert data["question"] == QUESTION and data["mode"] == "extractive" and data["abstained"] is False
    assert data["citations"] and data["retrieved"]
    retrieved = {r["paper_id"] for r in data["retrieved"]}
    for r in data["retrieved"]:
        assert {"paper_id", "title", "score"} <= r.keys() and isinstance(r["score"], float)
    for c in data["citations"]:
        assert {"marker", "paper_id", "title", "evidence", "supported"} <= c.keys()
        assert c["supported"] is True and c["paper_id"] in retrieved
        assert {"text", "start", "end"} <= c["evidence"].keys() and c["evidence"]["end"] > c["evidence"]["start"]
        assert f"[{c['marker']}]" in data["answer"]
    assert [c["marker"] for c in data["citations"]] == list(range(1, len(data["citations"]) + 1))
    assert data["timings"]["total"] > 0


def test_an_empty_question_is_one_error_line_and_a_failing_exit_code(index):
    done = rag_ask("")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "empty" in lines[0]
    assert done.stdout.strip() == ""


def test_llm_mode_with_the_model_server_gone_still_answers_with_a_notice(index):
    with ScriptedLLMServer() as fake:
        dead_url = fake.base_url
    # The fake is stopped: nothing listens on its port any more.
    done = rag_ask("--json", QUESTION, RAG_LLM__BACKEND="openai", RAG_LLM__BASE_URL=dead_url, RAG_ANSWER__MODE="llm")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    data = json.loads(done.stdout)
    assert data["notice"] and "cannot connect" in data["notice"]
    assert data["mode"] == "extractive" and not data["abstained"]
    assert data["citations"] and all(c["supported"] for c in data["citations"])
