"""A small error hierarchy: each error carries a line for the user and a hint.

The CLI turns a `RagError` into one line on stderr and an exit code; the UI into a
visible message. Anything else is a bug and goes to the log with its traceback.
"""

from __future__ import annotations


class RagError(Exception):
    """Base of every error a user can cause or fix."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def user_line(self) -> str:
        return f"error: {self.message}" + (f" (hint: {self.hint})" if self.hint else "")


class ConfigError(RagError):
    """A setting or config file is wrong."""

    exit_code = 2


class CorpusError(RagError):
    """A corpus file gave nothing usable."""

    exit_code = 3


class StoreError(RagError):
    """The Chroma store cannot be opened, read or written (disk full, server down)."""

    exit_code = 4


class EmptyIndexError(StoreError):
    """Nothing has been ingested yet."""


class EmbeddingError(RagError):
    """The embedder failed to load or to answer."""

    exit_code = 5


class LLMUnavailable(RagError):
    """The LLM endpoint is down, too slow, or answered garbage; callers fall back to extractive."""

    exit_code = 6


class UnverifiedAnswer(LLMUnavailable):
    """The model answered, but nothing it wrote passed verification, or its answer was set aside for
    the draft: worth one more, tighter request. `answer`: what to give if none is made (the draft,
    marked overruled), or None for the fallback with its notice."""

    def __init__(self, message: str, hint: str | None = None, answer: object | None = None) -> None:
        super().__init__(message, hint)
        self.answer = answer


class ModelFileError(RagError):
    """A local model file is missing or fails its checksum."""

    exit_code = 7


class QuestionError(RagError):
    """The question cannot be asked as given (empty, too long)."""

    exit_code = 8
