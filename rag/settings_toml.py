"""Settings as commented TOML: `rag config` shows the effective values; `--defaults` rewrites config/default.toml's source."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from rag.settings import PROJECT_ROOT, Settings

HEADER = (
    "# The embedded defaults, as a preset. Other presets (--config FILE) override any part;\n"
    "# RAG_... environment variables override both (nested with __, e.g. RAG_LLM__BASE_URL).\n"
)


def _value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Path):
        try:
            value = value.relative_to(PROJECT_ROOT)
        except ValueError:
            pass
        return json.dumps(str(value))
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) or '""' for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(value)


def _lines(model: BaseModel) -> list[str]:
    out = []
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            continue
        out.append(f"# {field.description}")
        rendered = _value(value)
        out.append(f"{name} = {rendered}" if rendered is not None else f"# {name} = (unset)")
    return out


def settings_toml(settings: Settings) -> str:
    lines = [HEADER] + _lines(settings)
    for name in type(settings).model_fields:
        part = getattr(settings, name)
        if isinstance(part, BaseModel):
            lines += ["", f"[{name}]"] + _lines(part)
    return "\n".join(lines) + "\n"
