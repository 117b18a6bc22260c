"""tiktoken encodings, loaded from the copy llama-index-core ships (tiktoken would download)."""

from __future__ import annotations

import functools
import os
from pathlib import Path


def _bundled_cache_dir() -> Path:
    import importlib.util

    # find_spec locates the package without importing it (importing llama_index.core costs ~0.9 s).
    spec = importlib.util.find_spec("llama_index.core")
    assert spec is not None and spec.submodule_search_locations, "llama-index-core is not installed"
    return Path(next(iter(spec.submodule_search_locations))) / "_static" / "tiktoken_cache"


@functools.lru_cache(maxsize=4)
def get_encoding(name: str):
    """The named encoding; cl100k_base and o200k_base are available offline."""
    # tiktoken reads this variable itself; set it only when the user has not chosen a cache.
    os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(_bundled_cache_dir()))
    import tiktoken

    return tiktoken.get_encoding(name)
