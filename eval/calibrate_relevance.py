"""Fit the list answer's relevance bar on the dev, validation and (spent) holdout topic questions (never test or holdout2).

For every dev, validation and holdout topic question, each retrieved paper is a row: features from the ranking
(rag.answer.relevance_bar.relevance_features) and a label (is it a gold paper?). A logistic model is fitted,
then scored leave-one-question-out: precision and recall of the papers it keeps, by threshold.
Run: `python -m eval.calibrate_relevance` (prints the weights to paste into rag/answer/relevance_bar.py).
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from eval.question_sets import DEV_SET, HOLDOUT_SET, VALIDATION_SET, load_questions
from rag.components import Components
from rag.settings import load_settings
from rag.answer.relevance_bar import RELEVANCE_FEATURES, relevance_features
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-k", type=int, default=20, help="papers retrieved per question (answer.list_depth)")
    args = parser.parse_args()
    components = Components(load_settings())
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
