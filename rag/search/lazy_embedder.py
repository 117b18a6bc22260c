"""The embedder, loaded at its first use, with its name known before.

`rag serve` needs the embedder's name at once (it is part of the collection name) but its
model only at the first question. Loading the model (onnxruntime, tokenizer, ~1 s idle and
~3 s on a busy 2-core machine) off the page's path lets the page come up that much sooner;
the warm-up thread loads it while the user reads the page.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np



class DeferredEmbedder:
    """Stands for the embedder `load()` builds; builds it once, on the first call that needs the model."""

    def __init__(self, name: str, load: Callable[[], Any]) -> None:
        self.name = name
        self._load = load
        self._model: Any = None
        self._lock = threading.Lock()  # the warm-up thread and the first question may both ask for it

    def model(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    model = self._load()
                    if model.name != self.name:  # never search one collection with another model's vectors
                        raise RuntimeError(f"embedder name {model.name!r} differs from the expected {self.name!r}")
                    self._model = model
        return self._model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def dim(self) -> int:
        return self.model().dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.model().embed(texts)

    def __getattr__(self, attribute: str) -> Any:  # anything else a caller reads from the real embedder
        if attribute.startswith("_"):
            raise AttributeError(attribute)
        return getattr(self.model(), attribute)
