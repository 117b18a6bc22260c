"""A FAKE OpenAI-compatible chat server for tests: it replays scripted replies and failures.

It is not a model. It speaks just enough of the OpenAI HTTP API for the real `openai`
client (and so `rag.answer.llm.ChatClient`) to talk to it over a real loopback socket:

- `POST /v1/chat/completions`, as JSON or, with `"stream": true`, as server-sent events
  (`data: {...}\\n\\n` chunks carrying `choices[0].delta.content`, ending `data: [DONE]`),
  sent with chunked transfer encoding like real servers, so a connection dropped mid-body
  is an error the client can see;
- `GET /v1/models`.

Each chat request consumes the next queued behaviour: `reply`, `status`, `stall` (before the
first byte), `stall_mid_stream`, `malformed` (garbage JSON in the stream), `close_mid_stream`.
With the queue empty it answers HTTP 500 and counts the request in `unscripted`, so a test
that calls the model more often than it scripted sees it. Every request is recorded
(path, lower-cased headers, JSON body) for the test to inspect.

    with ScriptedLLMServer() as fake:
        fake.status(500).reply("ForkMerge mitigates negative transfer [1].")
        ChatClient(fake.base_url, "scripted", "key", settings).complete(messages)
        assert fake.chat_requests[-1].authorization == "Bearer key"
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Behaviour:
    """One scripted answer to one chat request."""

    kind: str  # reply | status | stall | stall_mid_stream | malformed | close_mid_stream
    text: str = ""  # the reply (or, for the failures, what is streamed before failing)
    after: str = ""  # stall_mid_stream: streamed once the stall ends
    seconds: float = 0.0  # stall length
    status: int = 200
    piece_chars: int = 6  # the reply is streamed in pieces this long, like tokens
    piece_delay: float = 0.0  # seconds between pieces
    retry_after_ms: int | None = None  # status: sent as `retry-after-ms`, which the openai client obeys


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: dict[str, Any] | None  # the parsed JSON body (None for GET or unparseable)
    received_at: float  # time.monotonic()

    @property
    def messages(self) -> list[dict[str, str]]:
        return list((self.body or {}).get("messages", []))

    @property
    def prompt(self) -> str:
        """Every message's content, joined: what the model was asked."""
        return "\n\n".join(str(m.get("content", "")) for m in self.messages)

    @property
    def authorization(self) -> str:
        return self.headers.get("authorization", "")


class ScriptedLLMServer:
    """A FAKE `/v1` chat endpoint on 127.0.0.1 (a free port), served from a thread."""

    def __init__(self, model: str = "scripted") -> None:
        self.model = model
        self._queue: deque[Behaviour] = deque()
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()  # ends stalls at once when the server stops
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.unscripted = 0  # chat requests that found the queue empty

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> ScriptedLLMServer:
        if self._server is not None:
            return self
        server = _QuietServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.block_on_close = False  # a pooled keep-alive connection must not block stop()
        server.fake = self  # type: ignore[attr-defined]
        self._stopping.clear()
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="scripted-llm", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> ScriptedLLMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the scripted server is not running")
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # -- the script ----------------------------------------------------------------------

    def reply(self, text: str, piece_chars: int = 6, piece_delay: float = 0.0) -> ScriptedLLMServer:
        """Answer `text`, streamed in pieces of `piece_chars` characters."""
        return self._push(Behaviour("reply", text, piece_chars=piece_chars, piece_delay=piece_delay))

    def status(self, code: int, message: str = "scripted failure", retry_after_ms: int | None = None) -> ScriptedLLMServer:
        """Answer with HTTP `code` and an OpenAI-style error body."""
        return self._push(Behaviour("status", message, status=code, retry_after_ms=retry_after_ms))

    def stall(self, seconds: float, then: str = "") -> ScriptedLLMServer:
        """Send nothing for `seconds`, then the reply `then` (or close the connection)."""
        return self._push(Behaviour("stall", then, seconds=seconds))

    def stall_mid_stream(self, seconds: float, before: str = "Diffusion models", after: str = " are fast [1].") -> ScriptedLLMServer:
        """Stream `before`, go silent for `seconds`, then stream `after` and finish."""
        return self._push(Behaviour("stall_mid_stream", before, after=after, seconds=seconds))

    def malformed(self, before: str = "ForkMerge") -> ScriptedLLMServer:
        """Stream `before`, then an event whose data is not JSON."""
        return self._push(Behaviour("malformed", before))

    def close_mid_stream(self, before: str = "ForkMerge mitigates") -> ScriptedLLMServer:
        """Stream `before`, then drop the connection without ending the body."""
        return self._push(Behaviour("close_mid_stream", before))

    def _push(self, behaviour: Behaviour) -> ScriptedLLMServer:
        with self._lock:
            self._queue.append(behaviour)
        return self

    def _next(self) -> Behaviour | None:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
            self.unscripted += 1
            return None

    # -- what was received ---------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.rstrip("/").endswith("/chat/completions")]

    @property
    def remaining(self) -> int:
        """Behaviours not yet consumed."""
        with self._lock:
            return len(self._queue)

    def reset(self) -> None:
        """Forget the script and the recorded requests (between tests sharing one server)."""
        with self._lock:
            self._queue.clear()
            self._requests.clear()
            self.unscripted = 0

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, socket.timeout)):
            super().handle_error(request, client_address)  # a client hanging up is the point of some scripts; a bug is not


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive and chunked bodies, like the servers the app meets
    timeout = 60  # a forgotten idle connection frees its thread eventually

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass  # quiet: pytest shows what matters

    @property
    def fake(self) -> ScriptedLLMServer:
        return self.server.fake  # type: ignore[attr-defined]

    # -- routing -------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self._record(None)
        if self.path.rstrip("/").endswith("/models"):
            self._send_json(200, {"object": "list", "data": [{"id": self.fake.model, "object": "model", "created": 0, "owned_by": "scripted"}]})
        else:
            self._send_json(404, _error("not found", "not_found"))

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        self._record(body if isinstance(body, dict) else None)
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send_json(404, _error("not found", "not_found"))
            return
        behaviour = self.fake._next()
        stream = bool(isinstance(body, dict) and body.get("stream"))
        try:
            if behaviour is None:
                self._send_json(500, _error("the scripted server has no behaviour left for this request", "server_error"))
            else:
                self._play(behaviour, stream)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, socket.timeout):
            self.close_connection = True  # the client gave up (e.g. its read timeout fired)

    def _record(self, body: dict[str, Any] | None) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.fake._record(RecordedRequest(self.command, self.path, headers, body, time.monotonic()))

    # -- behaviours ----------------------------------------------------------------------

    def _play(self, b: Behaviour, stream: bool) -> None:
        if b.kind == "status":
            extra = {"retry-after-ms": str(b.retry_after_ms)} if b.retry_after_ms is not None else {}
            self._send_json(b.status, _error(b.text, "server_error" if b.status >= 500 else "invalid_request_error"), extra)
            return
        if b.kind == "stall":
            if self.fake._stopping.wait(b.seconds):
                self._drop()
                return
            if not b.text:
                self._drop()
                return
            b = Behaviour("reply", b.text, piece_chars=b.piece_chars)
        if not stream:
            self._play_json(b)
            return
        self._start_stream()
        self._stream_text(b.text, b.piece_chars, b.piece_delay, first=True)
        if b.kind == "reply":
            self._end_stream()
        elif b.kind == "stall_mid_stream":
            if self.fake._stopping.wait(b.seconds):
                self._drop()
                return
            self._stream_text(b.after, b.piece_chars, 0.0)
            self._end_stream()
        elif b.kind == "malformed":
            self._chunk(b'data: {"id": "chatcmpl-scripted", "choices": [{"delta": {"content": "oops"\n\n')
            self._end_stream()
        elif b.kind == "close_mid_stream":
            self._drop()
        else:
            raise ValueError(f"unknown scripted behaviour {b.kind!r}")

    def _play_json(self, b: Behaviour) -> None:
        if b.kind == "reply":
            self._send_json(200, {
                "id": "chatcmpl-scripted", "object": "chat.completion", "created": int(time.time()), "model": self.fake.model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": b.text}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            })
        elif b.kind == "malformed":
            self._send_raw(200, b'{"id": "chatcmpl-scripted", "choices": [', "application/json")
        else:  # stall_mid_stream / close_mid_stream: promise a body, send half of it, hang up
            data = json.dumps({"id": "chatcmpl-scripted", "choices": []}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data) * 2))
            self.end_headers()
            self.wfile.write(data)
            self._drop()

    # -- wire format ---------------------------------------------------------------------

    def _send_json(self, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        self._send_raw(code, json.dumps(payload).encode(), "application/json", headers)

    def _send_raw(self, code: int, data: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _event(self, delta: dict[str, str], finish_reason: str | None = None) -> None:
        payload = {
            "id": "chatcmpl-scripted", "object": "chat.completion.chunk", "created": int(time.time()), "model": self.fake.model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
        }
        self._chunk(b"data: " + json.dumps(payload).encode() + b"\n\n")

    def _stream_text(self, text: str, piece_chars: int, piece_delay: float, first: bool = False) -> None:
        if first:
            self._event({"role": "assistant", "content": ""})
        for i in range(0, len(text), max(1, piece_chars)):
            if i and piece_delay and self.fake._stopping.wait(piece_delay):
                return
            self._event({"content": text[i : i + piece_chars]})

    def _end_stream(self) -> None:
        self._event({}, "stop")
        self._chunk(b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")  # the end of the chunked body
        self.wfile.flush()

    def _drop(self) -> None:
        """Hang up without finishing the body: the client sees an incomplete response."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _error(message: str, kind: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}
