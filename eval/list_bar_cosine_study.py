"""Would how close a paper's title or contribution sentence sits to the question help the list bar? A study, not a fit.

For every topic question of dev, validation, the spent holdout, dev2 and dev3 (never test, holdout2
or holdout3), each of the 20 retrieved papers is a row: the bar's ranking features
(rag.answer.relevance_bar.relevance_features), plus the MiniLM cosine of the question with the paper's
title and with its card's contribution sentence, raw and as z-scores over the 20. Leaving one
question out, a logistic model on each feature set gives the precision and recall of gold papers it
keeps, by threshold (eval/list_bar_key_recall_study.py's procedure).
Run: `python -m eval.list_bar_cosine_study` (~2 min).
"""

from __future__ import annotations

import numpy as np

from eval.list_bar_key_recall_study import leave_one_out
from eval.question_sets import DEV2_SET, DEV3_SET, DEV_SET, HOLDOUT_SET, VALIDATION_SET, load_questions
from rag.answer.relevance_bar import relevance_features
from rag.components import Components
from rag.settings import load_settings


def _z(values: np.ndarray) -> np.ndarray:
    spread = values.std()
    return (values - values.mean()) / spread if spread > 1e-9 else np.zeros_like(values)


def collect(components: Components) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, int]]:
    embed = components.embedder.embed
    rows = []
    for question in [q for s in (DEV_SET, VALIDATION_SET, HOLDOUT_SET, DEV2_SET, DEV3_SET) for q in load_questions(s)]:
        if question.type != "topic":
            continue
        hits = components.retriever.search(question.question, k=20).hits
        asked = embed([question.question])[0]
        title = embed([h.paper.title for h in hits]) @ asked
        contribution = embed([h.card.contribution if h.card and h.card.contribution else h.paper.title for h in hits]) @ asked
        labels = np.array([float(h.paper.paper_id in set(question.gold_ids)) for h in hits])
        extra = np.column_stack([title, contribution, _z(title), _z(contribution)])
        rows.append((np.array(relevance_features(hits)), extra, labels, len(question.gold_ids)))
    return rows


def main() -> None:
    rows = collect(Components(load_settings()))
    print(f"{len(rows)} topic questions; (precision, recall) of gold papers kept, by threshold")
    for name, extra in (("ranking features (shipped)", []), ("+ title cosine", [0]), ("+ contribution cosine", [1]),
                        ("+ both cosines", [0, 1]), ("+ both, z-scored", [2, 3])):
        print(f"{name}: {leave_one_out(rows, extra)}")


if __name__ == "__main__":
    main()
