"""The relevance bar's report over the seen sets (eval/calibrate_relevance.py --seen), on synthetic rankings."""

from __future__ import annotations

import numpy as np

from eval.calibrate_relevance import seen_report


def _rows(set_name: str, gold_first: bool) -> tuple[str, np.ndarray, np.ndarray, int]:
    # Five papers; features fall with rank (inverse rank, then four z-scores), so the shipped weights keep the order.
    features = np.array([[1 / (i + 1), 2 - i, 2 - i, 2 - i, 2 - i] for i in range(5)], dtype=float)
    labels = np.array([1.0, 1.0, 0, 0, 0]) if gold_first else np.array([0, 0, 0, 1.0, 1.0])
    return set_name, features, labels, 2


def test_the_ceiling_is_what_the_ranking_allows_with_the_true_gold_count():
    good = seen_report([_rows("dev", True), _rows("dev2", True)])
    assert good["ceiling_true_gold_count"] == 1.0 and good["questions"] == 2 and good["sets"] == 2
    mixed = seen_report([_rows("dev", True), _rows("dev2", False)])
    assert mixed["ceiling_true_gold_count"] == 0.5
    # Every threshold reports precision and recall for the shipped weights and the refit left out by set.
    assert set(mixed["shipped"]) == set(mixed["refit_leave_one_set_out"]) and all(0 <= v["recall"] <= 1 for v in mixed["shipped"].values())
