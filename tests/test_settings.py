"""The one settings object: embedded defaults, config/default.toml, --config files, RAG_ variables."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel

from rag.errors import ConfigError
from rag.settings import DEFAULT_CONFIG, PROJECT_ROOT, Settings, load_settings

RAG = Path(sys.executable).parent / "rag"


@pytest.fixture(autouse=True)
def no_rag_env(monkeypatch):
    """Tests start from a clean environment; each sets the RAG_ variables it needs."""
    for name in list(os.environ):
        if name.startswith("RAG_"):
            monkeypatch.delenv(name)


def write_toml(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_default_toml_loads_and_matches_the_embedded_defaults():
    if not DEFAULT_CONFIG.exists():
        pytest.skip("config/default.toml is not there")
    with open(DEFAULT_CONFIG, "rb") as handle:
        raw = tomllib.load(handle)

    from_file = load_settings()
    embedded = Settings()

    parts = [name for name in Settings.model_fields if name != "eval"]
    differ = {
        f"{part}.{key}" if key else part: (file_value, code_value)
        for part in parts
        for key, file_value, code_value in _compare(getattr(from_file, part), getattr(embedded, part))
    }
    assert differ == {}, f"config/default.toml (first) and the code (second) disagree: {differ}"
    # Every part and every setting is written out, so the file documents them all.
    for part in parts:
        value = getattr(embedded, part)
        if isinstance(value, BaseModel):
            assert part in raw, f"[{part}] missing from config/default.toml"
            unset = {name for name, field_value in value if field_value is None}  # TOML cannot say None
            assert set(type(value).model_fields) - unset == set(raw[part]), f"[{part}] keys differ"
        else:
            assert part in raw, f"{part} missing from config/default.toml"


def _compare(from_file, embedded) -> list[tuple[str, object, object]]:
    if isinstance(embedded, BaseModel):
        return [(k, v, getattr(embedded, k)) for k, v in from_file if v != getattr(embedded, k)]
    return [("", from_file, embedded)] if from_file != embedded else []


def test_config_file_overrides_the_defaults(tmp_path):
    config = write_toml(tmp_path / "fast.toml", "[retrieval]\ntop_k = 5\n\n[chunking]\nchunk_tokens = 120\n")

    settings = load_settings(config)

    assert settings.retrieval.top_k == 5
    assert settings.chunking.chunk_tokens == 120
    assert settings.chunking.overlap_sentences == load_settings().chunking.overlap_sentences  # the rest kept
    assert settings.retrieval.dense_candidates == load_settings().retrieval.dense_candidates


def test_environment_beats_the_config_file(tmp_path, monkeypatch):
    config = write_toml(tmp_path / "c.toml", "[retrieval]\ntop_k = 5\ndense_candidates = 40\n")
    monkeypatch.setenv("RAG_RETRIEVAL__TOP_K", "3")
    monkeypatch.setenv("RAG_STORE__MODE", "http")

    settings = load_settings(config)

    assert settings.retrieval.top_k == 3
    assert settings.retrieval.dense_candidates == 40  # the file's other values survive
    assert settings.store.mode == "http"
    assert load_settings().retrieval.top_k == 3


@pytest.mark.parametrize(
    ("text", "named"),
    [("[retrieval]\ntopk = 3\n", "retrieval.topk"), ('colour = "red"\n', "colour"), ("[chunking]\nchunk_tokens = 5\n", "chunking.chunk_tokens")],
    ids=["unknown-key-in-a-part", "unknown-top-level-key", "value-out-of-range"],
)
def test_unknown_or_invalid_setting_is_named(tmp_path, text, named):
    config = write_toml(tmp_path / "c.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert named in caught.value.message
    assert caught.value.hint


def test_unknown_nested_environment_setting_is_named(monkeypatch):
    monkeypatch.setenv("RAG_RETRIEVAL__TOPK", "3")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "retrieval.topk" in caught.value.message


def test_bad_or_missing_toml_is_a_config_error(tmp_path):
    bad = write_toml(tmp_path / "bad.toml", "[retrieval\ntop_k = = 3\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(bad)
    assert str(bad) in caught.value.message and "TOML" in caught.value.message

    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path / "missing.toml")
    assert "not found" in caught.value.message


def test_relative_data_dir_is_inside_the_project_whatever_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_settings(data_dir="some/index").data_dir == PROJECT_ROOT / "some" / "index"
    assert load_settings(data_dir=tmp_path / "abs").data_dir == tmp_path / "abs"

    monkeypatch.setenv("RAG_DATA_DIR", "from-env")
    assert load_settings().data_dir == PROJECT_ROOT / "from-env"
    config = write_toml(tmp_path / "c.toml", 'data_dir = "from-file"\n')
    monkeypatch.delenv("RAG_DATA_DIR")
    assert load_settings(config).data_dir == PROJECT_ROOT / "from-file"
    assert load_settings().corpus_paths()[0].is_absolute()


def test_cli_bad_config_gives_one_error_line(tmp_path):
    bad = write_toml(tmp_path / "bad.toml", "[retrieval]\ntopk = 3\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env["RAG_DATA_DIR"] = str(tmp_path / "data")

    result = subprocess.run([str(RAG), "--config", str(bad), "stats"], env=env, capture_output=True, text=True, timeout=120)

    assert result.returncode == ConfigError.exit_code
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: bad setting retrieval.topk"), result.stderr
