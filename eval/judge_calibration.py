"""Fit the support judge on labelled (claim, evidence) pairs and report held-out accuracy.

`rag calibrate-judge`: fits on eval/judge/support_dev.jsonl, reports on support_test.jsonl
(papers disjoint from dev). The fitted weights are then copied into rag/support.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from rag.support import FEATURES, SupportJudge, fit_logistic

JUDGE_DIR = Path(__file__).resolve().parent / "judge"


def load_pairs(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pair_features(pairs: list[dict], judge: SupportJudge, embedder, abstracts: dict[str, str]) -> np.ndarray:
    claims = embedder.embed([p["claim"] for p in pairs])
    evidence = embedder.embed([p["evidence"] for p in pairs])
    cosines = (claims * evidence).sum(axis=1)
    return np.array(
        [
            judge.features(p["claim"], p["evidence"], float(c), f"{p['title']}\n{abstracts.get(p['title'], '')}")
            for p, c in zip(pairs, cosines)
        ]
    )


def accuracy_report(scores: np.ndarray, labels: np.ndarray, kinds: list[str], threshold: float) -> dict:
    predicted = scores >= threshold
    truth = labels.astype(bool)
    tp = int((predicted & truth).sum())
    fp = int((predicted & ~truth).sum())
    fn = int((~predicted & truth).sum())
    by_kind = {}
    for kind in sorted(set(kinds)):
        mask = np.array([k == kind for k in kinds])
        by_kind[kind] = float((predicted[mask] == truth[mask]).mean())
    return {
        "n": len(labels),
        "accuracy": float((predicted == truth).mean()),
        "precision": tp / (tp + fp) if tp + fp else float("nan"),
        "recall": tp / (tp + fn) if tp + fn else float("nan"),
        "accuracy_by_kind": by_kind,
    }


def calibrate(embedder, abstracts: dict[str, str], threshold: float = 0.5) -> dict:
    judge = SupportJudge()
    dev, test = load_pairs(JUDGE_DIR / "support_dev.jsonl"), load_pairs(JUDGE_DIR / "support_test.jsonl")
    x_dev, x_test = pair_features(dev, judge, embedder, abstracts), pair_features(test, judge, embedder, abstracts)
    y_dev = np.array([float(p["supported"]) for p in dev])
    y_test = np.array([float(p["supported"]) for p in test])
    weights, bias = fit_logistic(x_dev, y_dev)
    fitted = SupportJudge(judge.tokenizer, weights, bias)
    current = judge
    report = {"features": FEATURES, "fitted": {"weights": [round(w, 3) for w in weights], "bias": round(bias, 3)}, "threshold": threshold}
    for name, model in (("fitted", fitted), ("current", current)):
        for split, x, y, pairs in (("dev", x_dev, y_dev, dev), ("test", x_test, y_test, test)):
            scores = np.array([model.score_features(row) for row in x])
            report[f"{name}_{split}"] = accuracy_report(scores, y, [p["kind"] for p in pairs], threshold)
    return report
