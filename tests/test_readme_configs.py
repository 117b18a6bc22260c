"""The README's "From a laptop to a cluster" presets load through the settings loader as written."""

from __future__ import annotations

import re

import pytest

from rag.settings import PROJECT_ROOT, load_settings

README = PROJECT_ROOT / "README.md"


def _section_toml_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    start = text.index("## From a laptop to a cluster")
    end = text.find("\n## ", start + 1)
    section = text[start : end if end != -1 else None]
    return re.findall(r"```toml\n(.*?)```", section, flags=re.DOTALL)


BLOCKS = _section_toml_blocks() if README.exists() else []


def test_the_section_has_a_preset_for_each_step():
    if not README.exists():
        pytest.skip("README.md is not there")
    assert len(BLOCKS) == 6  # laptop, one server, self-hosted cluster, Chroma Cloud, vLLM, Ollama


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_each_readme_preset_validates(block, tmp_path, monkeypatch):
    for name in [n for n in __import__("os").environ if n.startswith("RAG_")]:
        monkeypatch.delenv(name)
    preset = tmp_path / "preset.toml"
    preset.write_text(block, encoding="utf-8")
    settings = load_settings(preset)
    store, llm = settings.store, settings.llm
    if "[store]" in block:
        assert store.mode in block and (store.mode == "persistent" or f"port = {store.port}" in block)
    if "auth_token_env" in block:
        assert store.auth_token_env and store.ssl and store.tenant != "default_tenant"  # a cluster needs all of them
    if "[llm]" in block:
        assert llm.backend == "openai" and llm.base_url.endswith("/v1") and llm.model in block
