"""paper-rag: cited answers from research-paper abstracts, offline.

The Python API is in `rag.collection`; its names are importable from here, loaded on first
use so `import rag` stays free of side effects and heavy imports:

    from rag import open_collection
"""

from __future__ import annotations

from typing import Any

_API = {
    "open_collection": "rag.collection",
    "list_collections": "rag.collection",
    "delete_collection": "rag.collection",
    "Collection": "rag.collection",
    "CollectionInfo": "rag.collection",
    "load_settings": "rag.settings",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'rag' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
