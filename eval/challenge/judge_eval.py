"""Measure a claim judge on the challenge set: recall per error kind, false alarms on correct claims.

An item is {question, claim, title (the cited paper), label, kind}. The judge sees what the
verifier sees: the claim, the cited paper's stored sentences, and the question. For an error
kind, "recall" is the share of its items the judge rejects; for correct items, the "false
alarm rate" is the share it rejects (paraphrases reported apart as well).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.verify.claim_judge import ClaimJudge, Unit, Verdict, paper_units
from rag.records import Paper

CLAIMS = Path(__file__).resolve().parent / "claims.jsonl"
CORRECT = "correct"


def load_claims(path: Path = CLAIMS, split: str | None = None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r["split"] == split]


@dataclass
class Prepared:
    """What judging an item needs, computed once: vectors and the cited paper's units."""

    item: dict
    paper: Paper
    units: list[Unit]
    claim_vector: np.ndarray
    question_vector: np.ndarray | None


def prepare(items: Sequence[dict], papers_by_title: dict[str, Paper], store, embedder) -> list[Prepared]:
    items = [i for i in items if i["title"] in papers_by_title]
    claim_vectors = embedder.embed([i["claim"] for i in items]) if items else []
    questions = sorted({i["question"] for i in items if i["question"]})
    question_vectors = dict(zip(questions, embedder.embed(questions))) if questions else {}
    paper_ids = list({papers_by_title[i["title"]].paper_id for i in items})
    rows: dict[str, list] = defaultdict(list)
    for row in store.sentences_for(paper_ids):
        rows[row.paper_id].append(row)
    units = {pid: paper_units(rs) for pid, rs in rows.items()}
    out = []
    for item, vector in zip(items, claim_vectors):
        paper = papers_by_title[item["title"]]
        out.append(Prepared(item, paper, units.get(paper.paper_id, []), np.asarray(vector, np.float32), question_vectors.get(item["question"])))
    return out


def judge_all(judge: ClaimJudge, prepared: Sequence[Prepared]) -> list[Verdict]:
    return [judge.judge(p.item["claim"], p.claim_vector, p.paper, p.units, p.item["question"], p.question_vector) for p in prepared]


def per_kind(prepared: Sequence[Prepared], verdicts: Sequence[Verdict]) -> dict[str, dict]:
    """{kind: {"n", "rejected"}}: for error kinds "rejected" is recall; for "correct", the false-alarm rate.
    Correct items are also reported by style (verbatim, paraphrase, third_person, ...)."""
    groups: dict[str, list[bool]] = defaultdict(list)
    for p, v in zip(prepared, verdicts):
        kind = p.item["kind"]
        groups[kind].append(not v.supported)
        if kind == CORRECT:
            groups[f"{CORRECT}/{p.item['style'] or 'other'}"].append(not v.supported)
    return {k: {"n": len(vals), "rejected": round(float(np.mean(vals)), 3)} for k, vals in sorted(groups.items())}


def table(results: dict[str, dict[str, dict]]) -> str:
    """Markdown: one row per kind, one column per judge (each a per_kind result)."""
    names = list(results)
    kinds = sorted({k for r in results.values() for k in r}, key=lambda k: (k.startswith(CORRECT), k))
    lines = ["| kind | n | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for kind in kinds:
        n = next(r[kind]["n"] for r in results.values() if kind in r)
        what = "false alarms" if kind.startswith(CORRECT) else "recall"
        cells = [f"{r[kind]['rejected']:.3f}" if kind in r else "-" for r in results.values()]
        lines.append(f"| {kind} ({what}) | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
