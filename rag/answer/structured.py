"""The model writes inside the answer's shape: items of {source, text}, nothing else.

The request carries a JSON schema (llama.cpp turns it into a grammar; OpenAI-compatible
endpoints take it as `response_format`), so the model cannot write a paper name as a label
or a [n] marker: the app renders both from the cards. Endpoints that ignore the schema are
read by a tolerant parser that picks {source, text} pairs out of whatever came back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from rag.verify.citations import answer_sentences, parse_markers, strip_markers

_ITEM = re.compile(r"\{\s*\"source\"\s*:\s*(\d+)\s*,\s*\"text\"\s*:\s*\"((?:[^\"\\]|\\.)*)\"", re.DOTALL)
# The last item's closing quote escaped by mistake, so the brackets after it read as text:
# '{"source": 1, "text": "94.6\"}]}'. (A reply cut off mid-sentence is not read: half a line.)
_UNCLOSED_ITEM = re.compile(r"\{\s*\"source\"\s*:\s*(\d+)\s*,\s*\"text\"\s*:\s*\"((?:[^\"\\]|\\.)*?)\\\"\s*[}\]]+\s*$", re.DOTALL)
_ITEM_REVERSED = re.compile(r"\{\s*\"text\"\s*:\s*\"((?:[^\"\\]|\\.)*)\"\s*,\s*\"source\"\s*:\s*(\d+)", re.DOTALL)


@dataclass(frozen=True)
class ModelItem:
    source: int  # 1-based number of the source in the prompt
    text: str


def answer_schema(sources: int, max_items: int) -> dict:
    """JSON schema of the model's reply: up to `max_items` items, each citing one of `sources`.

    No maxLength on the text: llama.cpp spells a length bound out as a repetition in its grammar,
    which cut generation to ~1 token/s here; max_tokens bounds the reply instead.
    """
    return {
        "type": "object",
        "properties": {
            "not_stated": {"type": "boolean"},
            "items": {
                "type": "array",
                "maxItems": max_items,
                "items": {
                    "type": "object",
                    "properties": {"source": {"type": "integer", "minimum": 1, "maximum": sources}, "text": {"type": "string"}},
                    "required": ["source", "text"],
                },
            },
        },
        "required": ["not_stated", "items"],
    }


def response_format(sources: int, max_items: int) -> dict:
    return {"type": "json_schema", "json_schema": {"name": "cited_answer", "strict": True, "schema": answer_schema(sources, max_items)}}


def _unescape(text: str) -> str:
    try:
        return json.loads(f'"{text}"')
    except json.JSONDecodeError:
        return text.replace('\\"', '"')


def parse_items(raw: str) -> tuple[list[ModelItem], bool]:
    """(items, not_stated) from the model's reply; tolerant of prose around the JSON or a cut-off end."""
    try:
        data = json.loads(raw[raw.index("{") : raw.rindex("}") + 1])
        items = [ModelItem(int(i["source"]), str(i["text"]).strip()) for i in data.get("items", []) if isinstance(i, dict) and "source" in i and "text" in i]
        return [i for i in items if i.text], bool(data.get("not_stated", False))
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    items = [ModelItem(int(s), _unescape(t).strip()) for s, t in _ITEM.findall(raw)]
    items += [ModelItem(int(s), _unescape(t).strip()) for t, s in _ITEM_REVERSED.findall(raw)]
    cut = _UNCLOSED_ITEM.search(raw)
    if cut:
        # The 1.5B model on dev: '{"source": 1, "text": "94.6\"}]}', a right figure otherwise lost.
        items.append(ModelItem(int(cut.group(1)), _unescape(cut.group(2)).strip()))
    not_stated = bool(re.search(r"\"not_stated\"\s*:\s*true", raw))
    if not items and "{" not in raw:
        # Prose with [n] markers (an endpoint that ignored the format): one item per cited sentence.
        for sentence in answer_sentences(raw):
            markers = parse_markers(sentence)
            if markers:
                items.append(ModelItem(markers[0], strip_markers(sentence)))
    return [i for i in items if i.text], not_stated


_FOREIGN_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def slipped_script(text: str) -> bool:
    """A model trained mostly on Chinese and English sometimes slips mid-word ("detrimental任务-"):
    such an item is dropped, whatever the judge says of the words around it."""
    return bool(_FOREIGN_SCRIPT.search(text))


# A word or hyphenated word said twice running ("a domain-specific domain-specific backbone").
_STUTTER = re.compile(r"\b([A-Za-z][\w-]{3,})\s+\1\b", re.IGNORECASE)


def stuttered(text: str) -> bool:
    """A small model that loses its thread repeats itself ("the Faster R-CNN backbone with a
    domain-specific domain-specific backbone performed better", dev2): the overlap score verified
    that line, but it says nothing a reader can use, so the item is dropped."""
    return bool(_STUTTER.search(text))


def completed_texts(buffer: str) -> list[str]:
    """Texts of the items completed so far in a streamed reply (shown while the model writes)."""
    return [_unescape(t) for _, t in _ITEM.findall(buffer)]
