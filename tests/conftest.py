"""Shared fixtures, and the guard that fails any test opening a non-loopback connection."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest

from rag.settings import PROJECT_ROOT, Settings, load_settings

SHIPPED_CORPUS = PROJECT_ROOT / "data" / "transfer-papers.txt"
# The shipped corpus ingested once and kept between runs (a no-op re-ingest takes ~3 s; cold ~75 s).
TEST_INDEX_DIR = PROJECT_ROOT / "out" / "test-index"

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


class NetworkAccessError(AssertionError):
    pass


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX paths and the like
    host = str(address[0])
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a hostname other than localhost would need DNS: not loopback


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch):
    """Fail a test that connects anywhere but loopback (subprocesses are not covered)."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self, address):
        if not _is_loopback(address):
            raise NetworkAccessError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    def guarded_connect_ex(self, address):
        if not _is_loopback(address):
            raise NetworkAccessError(f"test tried to reach the network: {address!r}")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    yield


@pytest.fixture
def make_settings(tmp_path: Path):
    """Settings on a temp data dir, with overrides: make_settings(retrieval={"top_k": 5})."""

    def build(**overrides) -> Settings:
        overrides.setdefault("data_dir", tmp_path / "data")
        return load_settings(**overrides)

    return build


@pytest.fixture(scope="session")
def embedder():
    """The real MiniLM embedder, loaded once for every test that ingests by hand."""
    from rag.search.embedding import build_embedder

    return build_embedder(load_settings().embedding)


@pytest.fixture(scope="session")
def count_tokens():
    from rag.ingest.chunking import token_counter

    return token_counter(load_settings().chunking)


@pytest.fixture(scope="session")
def shipped_components():
    """Components over the whole shipped corpus, ingested once per machine."""
    from rag.components import Components
    from rag.ingest.pipeline import ingest

    settings = load_settings(data_dir=TEST_INDEX_DIR)
    components = Components(settings)
    ingest([SHIPPED_CORPUS], settings, components.store, components.embedder, components.count_tokens, progress=False)
    yield components
    components.close()


def stop_process(process, timeout: float = 15.0) -> None:
    """Stop a server the test started: politely, then for good if it does not go within `timeout` s."""
    import subprocess

    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_small_corpus(folder: Path) -> Path:
    """The first 12 papers of the shipped corpus, in the shipped format, as folder/small.txt."""
    lines = SHIPPED_CORPUS.read_text(encoding="utf-8").split("\n")
    return write_lines(folder / "small.txt", lines[: 2 + 24])


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    return write_small_corpus(tmp_path)


SOAK_REPORT = PROJECT_ROOT / "out" / "soak.json"


@pytest.fixture
def soak_report():
    """record(section, data): merged into out/soak.json, which `make soak` leaves as its report."""
    import json

    def record(section: str, data: object) -> None:
        SOAK_REPORT.parent.mkdir(parents=True, exist_ok=True)
        report = json.loads(SOAK_REPORT.read_text()) if SOAK_REPORT.exists() else {}
        report[section] = data
        SOAK_REPORT.write_text(json.dumps(report, indent=2) + "\n")

    return record
