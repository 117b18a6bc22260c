"""Characters no reader sees but software does, removed from corpus text and questions alike.

C0/C1 controls (whitespace aside) send escape codes to terminals; zero-width spaces split a
word in two for BM25 and the embedder; bidi overrides (U+202E) make text read backwards
("Trojan Source"); a stray BOM glues itself to the first word. Zero-width joiners stay:
Persian and Indic scripts need them.
"""

from __future__ import annotations

import re

INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def strip_invisible(text: str) -> str:
    return INVISIBLE.sub("", text)
