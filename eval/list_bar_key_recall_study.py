"""Would the claim judge's key-word recall help the list answer's relevance bar? A study, not a fit.

For every topic question of dev, validation, the spent holdout and dev2 (never test, holdout2 or
holdout3), each of the 20 retrieved papers is a row: the bar's ranking features
(rag.answer.relevance_bar.relevance_features), plus the IDF-weighted share of the question's key words in
the paper's title and abstract (rag/verify/relevance.py), how far that falls below the best of the
20, and the share in the title alone. Leaving one question out, a logistic model on each feature set
gives the precision and recall of gold papers it keeps, by threshold.
Run: `python -m eval.list_bar_key_recall_study` (~2 min).
"""

from __future__ import annotations

import numpy as np

from eval.question_sets import DEV2_SET, DEV_SET, HOLDOUT_SET, VALIDATION_SET, load_questions
from rag.answer.relevance_bar import relevance_features
from rag.components import Components
from rag.settings import load_settings
from rag.verify.support import fit_logistic

THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def collect(components: Components) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, int]]:
    judge = components.relevance_judge
    rows = []
    for question in [q for s in (DEV_SET, VALIDATION_SET, HOLDOUT_SET, DEV2_SET) for q in load_questions(s)]:
        if question.type != "topic":
            continue
        hits = components.retriever.search(question.question, k=20).hits
        units = judge.key_units(question.question)
        paper = np.array([judge.key_recall(units, set(judge.tokenizer.document(f"{h.paper.title}\n{h.paper.abstract}"))) for h in hits])
        title = np.array([judge.key_recall(units, set(judge.tokenizer.document(h.paper.title))) for h in hits])
        labels = np.array([float(h.paper.paper_id in set(question.gold_ids)) for h in hits])
        rows.append((np.array(relevance_features(hits)), np.column_stack([paper, paper.max() - paper, title]), labels, len(question.gold_ids)))
    return rows


def leave_one_out(rows, extra: list[int]) -> dict[float, tuple[float, float]]:
    def features(row):
        return np.hstack([row[0], row[1][:, extra]]) if extra else row[0]

    result = {}
    for threshold in THRESHOLDS:
        precisions, recalls = [], []
        for index, row in enumerate(rows):
            rest = [r for j, r in enumerate(rows) if j != index]
            w, b = fit_logistic(np.vstack([features(r) for r in rest]), np.concatenate([r[2] for r in rest]), l2=0.01, steps=3000)
            keep = 1 / (1 + np.exp(-(features(row) @ w + b))) >= threshold
            keep[0] = True  # the best paper is always given, as in the answer
            kept_gold = float((keep * row[2]).sum())
            precisions.append(kept_gold / keep.sum())
            recalls.append(kept_gold / max(row[3], 1))
        result[threshold] = (round(float(np.mean(precisions)), 3), round(float(np.mean(recalls)), 3))
    return result


def main() -> None:
    rows = collect(Components(load_settings()))
    print(f"{len(rows)} topic questions; (precision, recall) of gold papers kept, by threshold")
    for name, extra in (("ranking features (shipped)", []), ("+ paper key recall, its gap, title key recall", [0, 1, 2]), ("+ key-recall gap", [1])):
        print(f"{name}: {leave_one_out(rows, extra)}")


if __name__ == "__main__":
    main()
