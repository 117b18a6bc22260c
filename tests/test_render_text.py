"""`rag ask` in the terminal for each answer shape: the lines a user reads, and the JSON a script reads.

Driven through `cmd_ask` with ShapedAnswersEngine (tests/shaped_answers.py), a FAKE stand-in
for the engine's shaping, so this runs in a second without the index or a model.
"""

from __future__ import annotations

import argparse
import json

import pytest

from rag.cli_answer import cmd_ask
from rag.records import Answer, AnswerItem
from rag.render_text import render_answer
from tests.shaped_answers import (
    CODE_DATA,
    COMPARISON_Q,
    CONVBN_REASON,
    FACT_Q,
    FLAT,
    FORKMERGE,
    LIST_Q,
    NOT_STATED_Q,
    OPEN_Q,
    ShapedAnswersEngine,
    shaped_answers,
)


class ShapedComponents:
    """FAKE components: just what `cmd_ask` reads, around the shaped-answers engine."""

    def __init__(self, settings) -> None:
        self.settings = settings
        self.answer_engine = ShapedAnswersEngine(settings)

    def require_index(self) -> None:
        pass


@pytest.fixture
def ask(make_settings, capsys):
    components = ShapedComponents(make_settings())

    def run(question: str, *flags: str) -> str:
        # extractive: the final answer is printed alone (in llm mode the evidence draft comes first)
        args = argparse.Namespace(question=[question], mode="extractive", k=None, json="--json" in flags, format="text")
        assert cmd_ask(args, components) == 0
        return capsys.readouterr().out

    return run


def test_list_is_a_lead_then_one_line_per_paper_then_the_related_titles(ask):
    out = ask(LIST_Q)
    lines = out.splitlines()
    assert lines[0] == "Five of the retrieved papers tackle negative transfer:"
    assert lines[1].startswith("- ForkMerge [1]: periodically forks the model into branches")
    assert lines[2].startswith("  ")  # a long line wraps under its item, not as a new item
    assert [line.split(" [")[0] for line in lines if line.startswith("- ")] == [
        "- ForkMerge",
        "- Addressing Negative Transfer in Diffusion Models",
        "- Improving Multi-task Learning via Seeking Task-based Flat Regions",
        "- Understanding and Improving Information Transfer in Multi-Task Learning",
        "- Evidence-empowered Transfer Learning for Alzheimer's Disease",
    ]
    assert f"Also related:\n  - {CODE_DATA}\n" in out
    assert "\nReferences:\n[1] ForkMerge: Mitigating Negative Transfer in Auxiliary-Task Learning\n" in out


def test_fact_comes_first_then_the_sentence_that_states_it(ask):
    lines = ask(FACT_Q).splitlines()
    assert lines[0] == "84.4% top-1 accuracy on ImageNet-2012 [1]"
    assert lines[1].startswith("  GPipe [1]: trains a 557-million-parameter AmoebaNet")
    prepared = shaped_answers()[FACT_Q]
    evidence_first = Answer(**{**prepared.__dict__, "items": tuple(reversed(prepared.items))})
    assert render_answer(evidence_first).splitlines()[0] == lines[0]  # first whatever the engine's order


def test_comparison_lines_up_the_items_then_the_difference(ask):
    out = ask(COMPARISON_Q)
    lines = out.splitlines()
    assert lines[0].startswith("- SHERL [1]: ") and any(line.startswith("- UniPT [2]: ") for line in lines)
    difference = out.split("SHERL still runs", 1)[1].split("\nAlso related:", 1)[0]
    assert difference.endswith("beside the backbone [1][2].")
    assert out.index("- UniPT [2]") < out.index("SHERL still runs")


def test_not_stated_says_so_and_gives_the_leads(ask):
    out = ask(NOT_STATED_Q)
    assert out.splitlines()[:4] == [
        "The abstracts don't state the learning rate ForkMerge uses.",
        "Closest papers, as leads:",
        f"  - {FORKMERGE}",
        f"  - {FLAT}",
    ]
    assert "References" not in out and "[1]" not in out


def test_not_stated_without_lead_lines_names_the_retrieved_papers():
    prepared = shaped_answers()[NOT_STATED_Q]
    bare = Answer(**{**prepared.__dict__, "items": (AnswerItem("not_stated", "The abstracts don't state the batch size."),)})
    text = render_answer(bare)
    assert text.startswith("The abstracts don't state the batch size.\nClosest papers, as leads:\n")
    assert all(f"  - {hit.paper.title}" in text for hit in prepared.retrieved)


def test_open_answer_is_a_paragraph_and_a_rejected_citation_says_why(ask):
    out = ask(OPEN_Q)
    paragraph = out.split("\n\nReferences:", 1)[0]
    assert paragraph.startswith("Memory-efficient transfer methods avoid back-propagating gradients")
    assert " ".join(paragraph.split()).endswith(f"halves the number of trainable parameters [5]. (not supported: {CONVBN_REASON})")
    assert "[5] Efficient ConvBN Blocks for Transfer Learning and Beyond  [NOT SUPPORTED by this abstract]" in out


def test_a_rejected_line_is_marked_with_the_reason():
    prepared = shaped_answers()[LIST_Q]
    items = tuple(
        AnswerItem(i.role, i.text, i.label, i.markers, False, "the abstract is about diffusion, not this") if i.label == FLAT else i
        for i in prepared.items
    )
    text = render_answer(Answer(**{**prepared.__dict__, "items": items}))
    line = next(line for line in text.split("\n- ") if line.startswith(FLAT))
    assert " ".join(line.split()).endswith("[NOT SUPPORTED: the abstract is about diffusion, not this]")


def test_json_carries_the_kind_the_shape_and_the_items(ask):
    data = json.loads(ask(OPEN_Q, "--json"))
    assert data["kind"] == "open" and data["shape"] == "open"
    assert [i["role"] for i in data["items"]] == ["sentence"] * 4
    rejected = data["items"][-1]
    assert rejected["supported"] is False and rejected["reason"] == CONVBN_REASON and rejected["markers"] == [5]
    listed = json.loads(ask(LIST_Q, "--json"))
    assert listed["items"][1] == {"role": "item", "text": listed["items"][1]["text"], "label": "ForkMerge", "markers": [1], "supported": True}
