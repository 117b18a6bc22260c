"""Fit the list answer's relevance bar on the dev, validation and (spent) holdout topic questions (never test or holdout2).

For every dev, validation and holdout topic question, each retrieved paper is a row: features from the ranking
(rag.answer.relevance_bar.relevance_features) and a label (is it a gold paper?). A logistic model is fitted,
then scored leave-one-question-out: precision and recall of the papers it keeps, by threshold.
Run: `python -m eval.calibrate_relevance` (prints the weights to paste into rag/answer/relevance_bar.py).

`--seen` instead reads every seen set's topic questions (all dev sets, validation, the spent holdout; never test,
holdout2 or holdout3), scores the shipped weights and a refit left out one whole set at a time, and reports the
ceiling of any bar over this ranking: each question given exactly its number of gold papers, in the fitted order.
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from eval.question_sets import DEV_SET, HOLDOUT_SET, QUESTIONS_DIR, VALIDATION_SET, load_questions
from rag.components import Components
from rag.settings import load_settings
from rag.answer.relevance_bar import RELEVANCE_BIAS, RELEVANCE_FEATURES, RELEVANCE_WEIGHTS, relevance_features
from rag.verify.support import fit_logistic


def collect(components: Components, k: int) -> list[tuple[str, np.ndarray, np.ndarray, int]]:
    rows = []
    for question in load_questions(DEV_SET) + load_questions(VALIDATION_SET) + load_questions(HOLDOUT_SET):
        if question.type != "topic":
            continue
        hits = components.retriever.search(question.question, k=k).hits
        gold = set(question.gold_ids)
        features = np.array(relevance_features(hits))
        labels = np.array([float(h.paper.paper_id in gold) for h in hits])
        rows.append((question.id, features, labels, len(gold)))
    return rows


_UNSEEN = {"test", "holdout2", "holdout3"}


def collect_seen(components: Components, k: int) -> list[tuple[str, np.ndarray, np.ndarray, int]]:
    """Rows of every seen set's topic questions, each tagged with its set (for leaving one set out)."""
    rows = []
    for path in sorted(QUESTIONS_DIR.glob("*.jsonl")):
        if path.stem in _UNSEEN:
            continue
        for question in load_questions(path):
            if question.type != "topic":
                continue
            hits = components.retriever.search(question.question, k=k).hits
            gold = set(question.gold_ids)
            rows.append((path.stem, np.array(relevance_features(hits)), np.array([float(h.paper.paper_id in gold) for h in hits]), len(gold)))
    return rows


def _kept(features: np.ndarray, weights: np.ndarray, bias: float, threshold: float) -> np.ndarray:
    keep = 1 / (1 + np.exp(-(features @ weights + bias))) >= threshold
    keep[0] = True  # the best paper is always given
    return keep


def seen_report(rows: list[tuple[str, np.ndarray, np.ndarray, int]]) -> dict:
    """Shipped weights and a leave-one-set-out refit, by threshold; and the ceiling with the true gold counts."""
    shipped = np.array(RELEVANCE_WEIGHTS)
    report: dict = {"questions": len(rows), "sets": len({r[0] for r in rows}), "shipped": {}, "refit_leave_one_set_out": {}}
    groups = sorted({r[0] for r in rows})
    fits = {}
    for group in groups:
        rest = [r for r in rows if r[0] != group]
        fits[group] = fit_logistic(np.vstack([r[1] for r in rest]), np.concatenate([r[2] for r in rest]), l2=0.01, steps=4000)
    for threshold in (0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
        for name, weights_of in (("shipped", lambda g: (shipped, RELEVANCE_BIAS)), ("refit_leave_one_set_out", lambda g: fits[g])):
            precisions, recalls = [], []
            for group, features, labels, gold in rows:
                weights, bias = weights_of(group)
                keep = _kept(features, weights, bias, threshold)
                kept_gold = float((keep * labels).sum())
                precisions.append(kept_gold / keep.sum())
                recalls.append(kept_gold / max(gold, 1))
            report[name][threshold] = {"precision": round(float(np.mean(precisions)), 3), "recall": round(float(np.mean(recalls)), 3)}
    ceiling = []
    for _, features, labels, gold in rows:
        order = np.argsort(-(features @ shipped))[: max(gold, 1)]
        ceiling.append(float(labels[order].sum()) / max(gold, 1))
    report["ceiling_true_gold_count"] = round(float(np.mean(ceiling)), 3)  # precision = recall there
    report["gold_in_ranking"] = round(float(np.mean([r[2].sum() / max(r[3], 1) for r in rows])), 3)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-k", type=int, default=20, help="papers retrieved per question (answer.list_depth)")
    parser.add_argument("--seen", action="store_true", help="score on every seen set's topic questions, leaving one set out")
    args = parser.parse_args()
    components = Components(load_settings())
    if args.seen:
        print(json.dumps(seen_report(collect_seen(components, args.k)), indent=1))
        return
    rows = collect(components, args.k)
    X = np.vstack([r[1] for r in rows])
    y = np.concatenate([r[2] for r in rows])
    weights, bias = fit_logistic(X, y, l2=0.01)
    report = {"features": RELEVANCE_FEATURES, "weights": [round(float(w), 3) for w in weights], "bias": round(float(bias), 3), "by_threshold": {}}
    for threshold in (0.2, 0.25, 0.3, 0.325, 0.35, 0.375, 0.4, 0.45):
        precisions, recalls = [], []
        for index, (_, features, labels, gold) in enumerate(rows):  # leave one question out
            rest = [r for j, r in enumerate(rows) if j != index]
            w, b = fit_logistic(np.vstack([r[1] for r in rest]), np.concatenate([r[2] for r in rest]), l2=0.01, steps=4000)
            keep = 1 / (1 + np.exp(-(features @ w + b))) >= threshold
            keep[0] = True  # the best paper is always given
            kept_gold = float((keep * labels).sum())
            precisions.append(kept_gold / keep.sum())
            recalls.append(kept_gold / max(gold, 1))
        report["by_threshold"][threshold] = {"precision": round(float(np.mean(precisions)), 3), "recall": round(float(np.mean(recalls)), 3)}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
