"""The keyword index's top-n: the same chunks as ranking every score, found without doing so."""

from __future__ import annotations

import numpy as np

from eval.question_sets import DEV_SET, load_questions


def _full_ranking(scores: np.ndarray, n: int) -> list[int]:
    order = np.lexsort((np.arange(len(scores)), -scores))
    return [int(i) for i in order[:n] if scores[i] > 0]


def test_top_n_equals_ranking_every_score(shipped_components):
    keyword = shipped_components.keyword_index
    questions = [q.question for q in load_questions(DEV_SET)] + ["transfer", "negative transfer in multi-task learning", "zzzz unknown"]
    for question in questions:
        scores = keyword.scores(question)
        for n in (1, 10, 60, 400):
            found = keyword.search(question, n, scores)
            expected = _full_ranking(scores, n)
            assert [keyword.position(cid) for cid, _ in found] == expected, (question, n)
            assert [s for _, s in found] == [float(scores[i]) for i in expected]


def test_ties_at_the_cut_are_kept_in_index_order(shipped_components):
    keyword = shipped_components.keyword_index
    keyword.ensure_fresh()
    tokens = keyword.tokenizer.query("transfer")
    scores = np.zeros(len(keyword.chunk_ids), dtype=np.float32)
    scores[::3] = 1.0  # hundreds of equal scores: the bound must not drop any of the first n
    scores[7] = 2.0
    best = keyword._best(scores, tokens, 5)
    assert best.tolist() == [7, 0, 3, 6, 9]
