"""Chat with any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp, the local server).

One code path for all of them: the `openai` client with a connect timeout, a read timeout
that bounds the wait for each streamed piece (the first one included), an overall deadline,
and retries on connection errors and 5xx. Every failure becomes `LLMUnavailable` with a
short reason; the caller falls back to the extractive answer. The key is never logged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

from rag.errors import LLMUnavailable
from rag.settings import LLMSettings

log = logging.getLogger(__name__)

Messages = list[dict[str, str]]


class ChatClient:
    def __init__(self, base_url: str, model: str, api_key: str, settings: LLMSettings) -> None:
        import httpx
        from openai import OpenAI

        self.base_url, self.model, self.settings = base_url, model, settings
        self._api_key = api_key  # kept only to scrub it from what we log (servers echo bad keys back)
        timeout = httpx.Timeout(settings.timeout_s, connect=5.0, read=settings.first_token_timeout_s)
        # Retries are ours (see _create): the openai client would also retry a timeout, doubling the wait.
        self.client = OpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout, max_retries=0)

    def stream(self, messages: Messages, max_tokens: int | None = None, response_format: dict | None = None) -> Iterator[str]:
        """Text pieces as they arrive; raises LLMUnavailable on any failure, even mid-stream."""
        import httpx
        import openai

        began = time.monotonic()
        request: dict[str, Any] = dict(
            model=self.model,
            messages=messages,
            stream=True,
            temperature=self.settings.temperature,
            max_tokens=max_tokens or self.settings.max_tokens,
        )
        if response_format is not None:
            request["response_format"] = response_format
        try:
            try:
                response = self._create(**request)
            except openai.BadRequestError as exc:
                if response_format is None:
                    raise
                # An endpoint that takes no JSON schema (older servers) still gets the request;
                # the tolerant parser (rag/answer/structured.py) reads whatever JSON-ish text comes back.
                log.info("endpoint refused response_format (%r); asking without it", exc)
                request.pop("response_format")
                response = self._create(**request)
            for chunk in response:
                if time.monotonic() - began > self.settings.timeout_s:
                    response.close()
                    raise LLMUnavailable(f"no complete answer within {self.settings.timeout_s:g} s")
                piece = _delta_text(chunk)
                if piece:
                    yield piece
        except LLMUnavailable:
            raise
        except (openai.APITimeoutError, httpx.TimeoutException) as exc:  # httpx's own when the silence falls mid-stream
            raise self._unavailable("timed out", exc) from exc
        except openai.APIConnectionError as exc:
            raise self._unavailable("cannot connect", exc) from exc
        except openai.APIStatusError as exc:
            raise self._unavailable(f"HTTP {exc.status_code}", exc) from exc
        except Exception as exc:  # malformed JSON in the stream, a dropped connection mid-body...
            raise self._unavailable(f"bad response ({type(exc).__name__})", exc) from exc

    def _create(self, **request: Any) -> Any:
        """The request, retried `max_retries` times on connection errors, 429 and 5xx; a timeout is final
        (a stalled server retried once costs 2 x first_token_timeout_s: 181 s with the defaults)."""
        import openai

        for attempt in range(self.settings.max_retries + 1):
            try:
                return self.client.chat.completions.create(**request)
            except openai.APITimeoutError:
                raise
            except (openai.APIConnectionError, openai.RateLimitError, openai.InternalServerError) as exc:
                if attempt == self.settings.max_retries:
                    raise
                delay = _retry_after(exc) or min(0.5 * 2**attempt, 8.0)
                log.info("LLM request failed (%s); retry %d of %d in %.2f s", self._scrub(repr(exc)), attempt + 1, self.settings.max_retries, delay)
                time.sleep(delay)
        raise AssertionError("unreachable")

    def complete(self, messages: Messages, max_tokens: int | None = None) -> str:
        return "".join(self.stream(messages, max_tokens))

    def _scrub(self, text: str) -> str:
        """`text` without the API key: OpenAI's 401 says "Incorrect API key provided: sk-...", whole or in part."""
        key = self._api_key
        if len(key) < 8:
            return text
        # A masked echo ("sk-proj-abc1****wxyz") carries the ends: scrub long ends too.
        for piece in [key] + ([key[:12], key[-8:]] if len(key) >= 24 else []):
            text = text.replace(piece, "[key]")
        return text

    def _unavailable(self, reason: str, exc: Exception) -> LLMUnavailable:
        log.warning("LLM at %s (model %s) failed: %s: %s", self.base_url, self.model, reason, self._scrub(repr(exc)))
        return LLMUnavailable(f"the language model at {self.base_url} failed: {reason}", hint="check llm.base_url, or use --mode extractive")


def _retry_after(exc: Exception) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms` or `retry-after`), if it said and it is sane."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            seconds = float(headers.get(name)) * scale
        except (TypeError, ValueError):
            continue
        if 0 < seconds <= 60:
            return seconds
    return None


def _delta_text(chunk: Any) -> str:
    choices = getattr(chunk, "choices", None) or []
    if not choices:
        return ""
    delta = getattr(choices[0], "delta", None)
    return (getattr(delta, "content", None) or "") if delta is not None else ""
