"""A full disk during ingest: one clear line, and a re-run ends with exactly the right contents."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys

import pytest

from rag.components import Components
from rag.settings import load_settings
from tests.conftest import SHIPPED_CORPUS, write_lines


def _ingest(corpus, data_dir, file_size_limit: int | None = None) -> subprocess.CompletedProcess:
    def limit_file_size() -> None:
        # Writes past the limit fail with EFBIG, as they would with ENOSPC on a full disk.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    env = dict(os.environ, RAG_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "rag.cli", "ingest", "-q", str(corpus)],
        env=env, capture_output=True, text=True, timeout=600,
        preexec_fn=limit_file_size if file_size_limit else None,
    )


def _contents(data_dir) -> tuple[list[str], list[str]]:
    store = Components(load_settings(data_dir=data_dir)).store
    return sorted(store.chunks.get(include=[])["ids"]), sorted(store.sentences.get(include=[])["ids"])


@pytest.mark.slow
def test_a_full_disk_is_one_clear_line_and_a_rerun_completes(tmp_path):
    lines = SHIPPED_CORPUS.read_text(encoding="utf-8").split("\n")
    corpus = write_lines(tmp_path / "corpus.txt", lines[: 2 + 2 * 16])

    failed = _ingest(corpus, tmp_path / "full", file_size_limit=300_000)
    assert failed.returncode == 4, failed.stderr
    errors = [line for line in failed.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("error:") and "disk" in errors[0], failed.stderr
    assert "Traceback" not in failed.stderr

    resumed = _ingest(corpus, tmp_path / "full")
    clean = _ingest(corpus, tmp_path / "clean")
    assert resumed.returncode == 0 and clean.returncode == 0, resumed.stderr + clean.stderr
    chunks, sentences = _contents(tmp_path / "full")
    assert (chunks, sentences) == _contents(tmp_path / "clean")
    assert len(chunks) == len(set(chunks)) and chunks
