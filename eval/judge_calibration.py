"""Fit the claim judge on the dev half of the challenge set; report it per error kind on the test half.

`rag calibrate-judge`:
- the relevance model (rag/relevance.py) is fitted on the dev half's items that carry a
  question (correct claims vs off-topic ones), and its threshold chosen there as the highest
  that keeps false alarms on those correct claims at or below RELEVANCE_MAX_FALSE_ALARMS;
- the judge before this work (the support score alone) and the judge with its checks are both
  measured, per error kind, on both halves (recall on each error kind, false alarms on correct
  claims, paraphrases and third-person rewordings apart);
- the support judge's logistic weights are refitted on the old hand-labelled pairs
  (eval/judge/support_dev.jsonl, tested on support_test.jsonl), as before.
Fitted values are then copied into rag/relevance.py, rag/support.py and the settings by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from eval.challenge.judge_eval import CORRECT, Prepared, judge_all, load_claims, per_kind, prepare, table
from rag.claim_judge import ClaimJudge
from rag.relevance import FEATURES as RELEVANCE_FEATURES
from rag.relevance import RelevanceJudge
from rag.support import FEATURES, SupportJudge, fit_logistic

JUDGE_DIR = Path(__file__).resolve().parent / "judge"
RELEVANCE_MAX_FALSE_ALARMS = 0.05  # on dev: the share of correct, on-question claims it may reject


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


def calibrate_pairs(embedder, abstracts: dict[str, str], threshold: float = 0.5) -> dict:
    """The support judge's own logistic, refitted on the old claim/evidence pairs."""
    judge = SupportJudge()
    dev, test = load_pairs(JUDGE_DIR / "support_dev.jsonl"), load_pairs(JUDGE_DIR / "support_test.jsonl")
    x_dev, x_test = pair_features(dev, judge, embedder, abstracts), pair_features(test, judge, embedder, abstracts)
    y_dev = np.array([float(p["supported"]) for p in dev])
    y_test = np.array([float(p["supported"]) for p in test])
    weights, bias = fit_logistic(x_dev, y_dev)
    fitted = SupportJudge(judge.tokenizer, weights, bias)
    report = {"features": FEATURES, "fitted": {"weights": [round(w, 3) for w in weights], "bias": round(bias, 3)}, "threshold": threshold}
    for name, model in (("fitted", fitted), ("current", judge)):
        for split, x, y, pairs in (("dev", x_dev, y_dev, dev), ("test", x_test, y_test, test)):
            scores = np.array([model.score_features(row) for row in x])
            report[f"{name}_{split}"] = accuracy_report(scores, y, [p["kind"] for p in pairs], threshold)
    return report


def relevance_rows(judge: ClaimJudge, prepared: list[Prepared]) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels (1: answers the question) of the items that carry a question."""
    rows, labels = [], []
    for p in prepared:
        if not p.item["question"] or p.item["kind"] not in (CORRECT, "off_topic"):
            continue
        rel = judge.relevance_of(p.item["question"], p.question_vector, p.item["claim"], p.claim_vector, p.paper, p.units)
        rows.append(rel.features)
        labels.append(float(p.item["kind"] == CORRECT))
    return np.array(rows), np.array(labels)


def choose_threshold(scores: np.ndarray, labels: np.ndarray, max_false_alarms: float) -> float:
    """The highest threshold whose rejections of positives stay within max_false_alarms."""
    positives = np.sort(scores[labels == 1])
    if not len(positives):
        return 0.5
    allowed = int(np.floor(max_false_alarms * len(positives)))
    return float(positives[allowed]) - 1e-6


def fit_relevance(judge: ClaimJudge, dev: list[Prepared]) -> dict:
    x, y = relevance_rows(judge, dev)
    weights, bias = fit_logistic(x, y, l2=0.01)
    model = RelevanceJudge(judge.relevance.doc_freq, judge.relevance.n_docs, judge.relevance.tokenizer, weights, bias)
    scores = np.array([model.score_features(row) for row in x])
    threshold = choose_threshold(scores, y, RELEVANCE_MAX_FALSE_ALARMS)
    return {"features": RELEVANCE_FEATURES, "weights": [round(float(w), 3) for w in weights], "bias": round(float(bias), 3),
            "threshold": round(threshold, 3), "n_dev": int(len(y)), "n_dev_off_topic": int((y == 0).sum())}


def measure(judges: dict[str, ClaimJudge], prepared: list[Prepared]) -> dict[str, dict]:
    out = {}
    for name, judge in judges.items():
        verdicts = judge_all(judge, prepared)
        for split in ("dev", "test"):
            rows = [(p, v) for p, v in zip(prepared, verdicts) if p.item["split"] == split]
            out[f"{name}/{split}"] = per_kind([p for p, _ in rows], [v for _, v in rows])
    return out


def calibrate(components, threshold: float, relevance_threshold: float, fit: bool = True) -> dict:
    """The whole calibration report; `fit=False` measures the judge as configured, without refitting."""
    from eval.retrieval_eval import store_papers

    papers = {p.title: p for p in store_papers(components.store)}
    prepared = prepare(load_claims(), papers, components.store, components.embedder)
    relevance = components.relevance_judge
    after = ClaimJudge(SupportJudge(), threshold, relevance, relevance_threshold)
    report: dict = {"judge": "support score + names + figures + direction + negation + generality + relevance"}
    if fit:
        fitted = fit_relevance(after, [p for p in prepared if p.item["split"] == "dev"])
        report["relevance_fitted"] = fitted
        after = ClaimJudge(SupportJudge(), threshold, RelevanceJudge(relevance.doc_freq, relevance.n_docs, relevance.tokenizer,
                           fitted["weights"], fitted["bias"]), fitted["threshold"])
        abstracts = {p.title: p.abstract for p in papers.values()}
        report["support_pairs"] = calibrate_pairs(components.embedder, abstracts, threshold)
    judges = {"before": ClaimJudge(SupportJudge(), threshold, checks=False), "after": after}
    report["per_kind"] = measure(judges, prepared)
    report["table_test"] = table({k: v for k, v in report["per_kind"].items() if k.endswith("/test")})
    return report
