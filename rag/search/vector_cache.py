"""Vectors of fixed texts, saved on disk so that each start does not embed them again.

The question-kind classifier votes with 53 labelled example questions: embedding them took
~1 s idle and ~7 s on a busy 2-core machine at every start, before the first answer. The file
name is a hash of the embedder's name and the texts, so a new model or changed examples miss
the cache and are embedded (and saved) once.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


def cached_embed(embed: Callable[[Sequence[str]], np.ndarray], folder: Path, embedder_name: str) -> Callable[[Sequence[str]], np.ndarray]:
    def run(texts: Sequence[str]) -> np.ndarray:
        key = hashlib.sha256("\x1f".join([embedder_name, *texts]).encode("utf-8")).hexdigest()[:24]
        path = folder / f"{key}.npy"
        try:
            vectors = np.load(path, allow_pickle=False)
            if vectors.shape[0] == len(texts):
                return vectors
        except (OSError, ValueError):
            pass  # not saved yet, or a torn file: embed again
        vectors = embed(texts)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            partial = folder / f"{key}.{os.getpid()}.partial.npy"
            np.save(partial, vectors)
            os.replace(partial, path)  # whole or absent, even if two processes start at once
        except OSError as exc:  # a read-only data_dir costs the embedding at each start, nothing else
            log.warning("could not save cached vectors to %s: %r", folder, exc)
        return vectors

    return run
