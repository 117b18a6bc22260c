"""ChatClient against a real HTTP server on loopback (the scripted FAKE model in tests/scripted_llm.py).

What a user would notice: a flaky endpoint is retried as configured, a slow one is given
up on in the configured time with a short reason, and the API key is sent but never logged.
"""

from __future__ import annotations

import logging
import socket
import time

import pytest

from rag.components import Components
from rag.errors import LLMUnavailable
from rag.answer.llm import ChatClient
from rag.logs import setup_logging
from rag.settings import LLMSettings
from tests.scripted_llm import ScriptedLLMServer

MESSAGES = [{"role": "user", "content": "Which methods tackle negative transfer?"}]


@pytest.fixture
def fake():
    with ScriptedLLMServer() as server:
        yield server


def _client(fake: ScriptedLLMServer, api_key: str = "", **llm) -> ChatClient:
    llm = {"backend": "openai", "timeout_s": 10.0, "first_token_timeout_s": 3.0, "max_retries": 0} | llm
    return ChatClient(fake.base_url, "scripted", api_key, LLMSettings(**llm))


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_streams_the_reply_in_pieces_and_sends_the_request_the_settings_describe(fake):
    fake.reply("ForkMerge mitigates negative transfer [1].", piece_chars=5)
    client = _client(fake, max_tokens=123, temperature=0.0)
    pieces = list(client.stream(MESSAGES))
    assert "".join(pieces) == "ForkMerge mitigates negative transfer [1]."
    assert len(pieces) > 3  # streamed, not one lump: the UI shows text as it arrives
    (request,) = fake.chat_requests
    assert request.body["model"] == "scripted" and request.body["stream"] is True
    assert request.body["max_tokens"] == 123
    assert request.messages == MESSAGES


def test_one_retry_turns_a_500_then_a_good_reply_into_an_answer(fake):
    fake.status(500, retry_after_ms=20).reply("ForkMerge mitigates negative transfer [1].")
    assert _client(fake, max_retries=1).complete(MESSAGES) == "ForkMerge mitigates negative transfer [1]."
    assert len(fake.chat_requests) == 2
    assert fake.remaining == 0


def test_without_retries_a_500_fails_at_once_with_the_status_in_the_reason(fake):
    fake.status(500, retry_after_ms=20).reply("never sent")
    began = time.monotonic()
    with pytest.raises(LLMUnavailable) as info:
        _client(fake, max_retries=0).complete(MESSAGES)
    assert time.monotonic() - began < 1.0
    assert "HTTP 500" in info.value.message
    assert len(fake.chat_requests) == 1 and fake.remaining == 1


def test_retries_stop_at_max_retries(fake):
    fake.status(503, retry_after_ms=20).status(503, retry_after_ms=20).status(503, retry_after_ms=20).reply("too late")
    with pytest.raises(LLMUnavailable, match="HTTP 503"):
        _client(fake, max_retries=2).complete(MESSAGES)
    assert len(fake.chat_requests) == 3  # the first try and two retries, not four


def test_first_token_timeout_is_honoured(fake):
    fake.stall(10, then="too late [1].")
    began = time.monotonic()
    with pytest.raises(LLMUnavailable) as info:
        _client(fake, first_token_timeout_s=0.5, timeout_s=30).complete(MESSAGES)
    elapsed = time.monotonic() - began
    assert 0.4 < elapsed < 1.5, elapsed
    assert "timed out" in info.value.message


def test_a_stalled_server_is_waited_on_once_even_with_retries(fake):
    # Retries are for connection errors and 5xx; retrying a timeout would make the user wait
    # 2 x first_token_timeout_s (181 s with the defaults, past timeout_s = 120) before the fallback.
    fake.stall(10).stall(10)
    began = time.monotonic()
    with pytest.raises(LLMUnavailable, match="timed out"):
        _client(fake, first_token_timeout_s=0.5, timeout_s=30, max_retries=1).complete(MESSAGES)
    assert time.monotonic() - began < 1.0
    assert len(fake.chat_requests) == 1


def test_a_refused_connection_is_retried(fake):
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    client = ChatClient(url, "scripted", "", LLMSettings(backend="openai", max_retries=2, first_token_timeout_s=1.0))
    began = time.monotonic()
    with pytest.raises(LLMUnavailable, match="cannot connect"):
        client.complete(MESSAGES)
    assert time.monotonic() - began > 0.4  # it waited between the three tries


def test_silence_mid_stream_is_a_timeout_too(fake):
    fake.stall_mid_stream(10, before="ForkMerge forks the model", after=" [1].")
    began = time.monotonic()
    with pytest.raises(LLMUnavailable) as info:
        list(_client(fake, first_token_timeout_s=0.5, timeout_s=30).stream(MESSAGES))
    assert time.monotonic() - began < 1.5
    assert "timed out" in info.value.message  # said plainly, not as a "bad response"


def test_overall_deadline_cuts_a_reply_that_drips_forever(fake):
    fake.reply("word " * 200, piece_chars=5, piece_delay=0.05)  # ~10 s in all, each piece well within the read timeout
    began = time.monotonic()
    with pytest.raises(LLMUnavailable, match="no complete answer within 0.6 s"):
        _client(fake, first_token_timeout_s=1.0, timeout_s=0.6).complete(MESSAGES)
    assert time.monotonic() - began < 2.0


@pytest.mark.parametrize("script", ["malformed", "close_mid_stream"])
def test_a_broken_stream_fails_even_after_some_text_arrived(fake, script):
    getattr(fake, script)("ForkMerge mitigates")
    received: list[str] = []
    with pytest.raises(LLMUnavailable, match="bad response"):
        for piece in _client(fake).stream(MESSAGES):
            received.append(piece)
    assert "".join(received) == "ForkMerge mitigates"  # the error came after the text, and was not swallowed


def test_an_unreachable_endpoint_says_so():
    settings = LLMSettings(backend="openai", timeout_s=5.0, first_token_timeout_s=1.0, max_retries=0)
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    with pytest.raises(LLMUnavailable) as info:
        ChatClient(url, "scripted", "", settings).complete(MESSAGES)
    assert "cannot connect" in info.value.message and url in info.value.message
    assert "--mode extractive" in info.value.hint


@pytest.fixture
def rag_log(tmp_path):
    """The app's log file set up as `rag` does, removed from the root logger afterwards."""
    root = logging.getLogger()
    level = root.level
    yield lambda settings: setup_logging(settings)
    for handler in [h for h in root.handlers if getattr(h, "_rag", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_api_key_comes_from_the_named_env_var_goes_out_as_bearer_and_is_never_logged(fake, tmp_path, monkeypatch, rag_log):
    from rag.settings import load_settings

    secret = "sk-test-" + "7f3a9c" * 6
    monkeypatch.setenv("PAPER_RAG_TEST_LLM_KEY", secret)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    settings = load_settings(
        data_dir=tmp_path / "data", log_level="DEBUG",
        llm={"backend": "openai", "base_url": fake.base_url, "model": "scripted", "api_key_env": "PAPER_RAG_TEST_LLM_KEY",
             "timeout_s": 10.0, "first_token_timeout_s": 3.0, "max_retries": 0},
    )
    log_path = rag_log(settings)
    client = Components(settings).chat_client()

    fake.reply("ForkMerge mitigates negative transfer [1].").status(401, "bad key")
    assert client.complete(MESSAGES) == "ForkMerge mitigates negative transfer [1]."
    with pytest.raises(LLMUnavailable, match="HTTP 401"):
        client.complete(MESSAGES)

    assert [r.authorization for r in fake.chat_requests] == [f"Bearer {secret}"] * 2
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_path.read_text(encoding="utf-8")
    assert fake.base_url in logged and "HTTP 401" in logged  # the failure was logged, at DEBUG level...
    assert secret not in logged and secret[8:20] not in logged  # ...and the key, or a piece of it, was not


def test_missing_key_is_not_sent_as_a_real_looking_key(fake, tmp_path, monkeypatch):
    from rag.settings import load_settings

    monkeypatch.delenv("PAPER_RAG_TEST_LLM_KEY", raising=False)
    settings = load_settings(data_dir=tmp_path / "data", llm={"backend": "openai", "base_url": fake.base_url, "model": "scripted",
                                                              "api_key_env": "PAPER_RAG_TEST_LLM_KEY", "max_retries": 0})
    fake.reply("ok, a local server needs no key")
    assert Components(settings).chat_client().complete(MESSAGES) == "ok, a local server needs no key"
    assert fake.chat_requests[0].authorization == "Bearer not-needed"


def test_the_fake_speaks_the_openai_api_the_real_client_expects(fake):
    """The FAKE itself: `/v1/models` and a non-streamed completion, through the real `openai` client."""
    from openai import OpenAI

    client = OpenAI(base_url=fake.base_url, api_key="k", max_retries=0)
    assert [m.id for m in client.models.list().data] == ["scripted"]
    fake.reply("ForkMerge mitigates negative transfer [1].")
    completion = client.chat.completions.create(model="scripted", messages=MESSAGES)
    assert completion.choices[0].message.content == "ForkMerge mitigates negative transfer [1]."
    assert [r.path for r in fake.requests] == ["/v1/models", "/v1/chat/completions"]
    assert fake.unscripted == 0 and fake.remaining == 0
