"""The project's own source text holds no control characters.

A regex's word boundary typed as "\b" inside a plain (not raw) string is a backspace character: the
pattern then never matches, no error is raised, and the rule it carries silently does nothing. This
happened twice in one session while editing rules; this test is the guard."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def test_no_control_characters_in_source_files():
    offenders = []
    for folder in ("rag", "ui", "eval", "tests", "config"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".toml", ".md") or not path.is_file():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if _CONTROL.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert not offenders, f"control characters (a '\\b' in a non-raw string?): {offenders[:10]}"
