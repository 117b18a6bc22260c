"""Logging: details go to a file under data_dir/logs, the terminal gets one clear line."""

from __future__ import annotations

import logging
from pathlib import Path

from rag.settings import Settings


def setup_logging(settings: Settings, verbose: bool = False) -> Path | None:
    log_dir = settings.data_dir / "logs"
    root = logging.getLogger()
    root.setLevel(logging.DEBUG)
    for handler in list(root.handlers):
        if getattr(handler, "_rag", False):
            root.removeHandler(handler)
    path: Path | None = log_dir / "rag.log"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        # A read-only or full disk must not stop a search: log to stderr instead.
        file_handler, path = logging.StreamHandler(), None
    file_handler.setLevel(settings.log_level)
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    file_handler._rag = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.ERROR)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    console._rag = True  # type: ignore[attr-defined]
    root.addHandler(console)
    for noisy in ("httpx", "chromadb", "urllib3", "httpcore", "openai"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
