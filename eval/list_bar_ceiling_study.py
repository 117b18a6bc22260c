"""How far can the list answer's relevance bar go on this ranking? A study, not a fit.

Every topic question of the seen sets (dev, dev2 .. dev31, validation and the spent holdout; never
test, holdout2 or holdout3) is retrieved 20 deep. Reported:

- where the gold papers rank: the share found in the top 5 / 10 / 20, and R-precision (the share of
  gold in the top n, n = the number of gold papers: what a bar told the right count would keep);
- the bar refitted on all of them (a logistic model over rag.answer.relevance_bar's features), scored
  leaving one question *set* out, and again training only on questions sharing no gold paper with the
  held-out set (the 316 abstracts are few; questions of two sets often ask about the same papers, and a
  model can learn which papers are gold for a topic rather than what makes a paper relevant);
- the same with two more features: each paper's cosine to the best paper and to the mean of the top
  three (pseudo-relevance feedback, from the stored chunk vectors averaged a paper).

Run: `python -m eval.list_bar_ceiling_study` (~1 min).
"""

from __future__ import annotations

import numpy as np

from eval.question_sets import HOLDOUT2_SET, HOLDOUT3_SET, QUESTIONS_DIR, TEST_SET, load_questions
from rag.answer.relevance_bar import relevance_features
from rag.components import Components
from rag.settings import load_settings
from rag.verify.support import fit_logistic

THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5)
HELD_OUT = {path.stem for path in (TEST_SET, HOLDOUT2_SET, HOLDOUT3_SET)}


def seen_sets() -> list[str]:
    return sorted(p.stem for p in QUESTIONS_DIR.glob("*.jsonl") if p.stem not in HELD_OUT)


def paper_vectors(components: Components) -> dict[str, np.ndarray]:
    """Each paper's vector: the mean of its stored chunk vectors, unit length."""
    ids, _ = components.store.chunk_vectors()
    sums: dict[str, np.ndarray] = {}
    for chunk, vector in components.store.get_chunks_with_vectors(ids):
        sums[chunk.paper.paper_id] = sums.get(chunk.paper.paper_id, 0) + vector.astype(np.float64)
    return {pid: v / np.linalg.norm(v) for pid, v in sums.items()}


def collect(components: Components) -> list[dict]:
    papers = paper_vectors(components)
    rows = []
    for name in seen_sets():
        for question in load_questions(QUESTIONS_DIR / f"{name}.jsonl"):
            if question.type != "topic" or not question.gold_ids:
                continue
            hits = components.retriever.search(question.question, k=20).hits
            ids = [h.paper.paper_id for h in hits]
            vectors = np.array([papers[i] for i in ids])
            top1, top3 = vectors[0], vectors[:3].mean(axis=0)
            feedback = np.column_stack([vectors @ top1, vectors @ (top3 / np.linalg.norm(top3))])
            gold = set(question.gold_ids)
            rows.append({
                "set": name, "features": np.array(relevance_features(hits)), "feedback": feedback,
                "labels": np.array([float(i in gold) for i in ids]), "gold": gold, "n_gold": len(gold),
            })
    return rows


def ranking_report(rows: list[dict]) -> dict:
    total = sum(r["n_gold"] for r in rows)
    found = {k: sum(r["labels"][:k].sum() for r in rows) / total for k in (5, 10, 20)}
    r_precision = float(np.mean([r["labels"][: r["n_gold"]].sum() / r["n_gold"] for r in rows]))
    return {"questions": len(rows), "gold_found": {f"top{k}": round(v, 3) for k, v in found.items()}, "r_precision": round(r_precision, 3)}


def leave_one_set_out(rows: list[dict], feedback: bool, disjoint: bool) -> dict:
    def matrix(row):
        return np.hstack([row["features"], row["feedback"]]) if feedback else row["features"]

    scores = {t: ([], []) for t in THRESHOLDS}
    for held in sorted({r["set"] for r in rows}):
        test = [r for r in rows if r["set"] == held]
        held_gold = set().union(*(r["gold"] for r in test))
        train = [r for r in rows if r["set"] != held and not (disjoint and r["gold"] & held_gold)]
        X = np.vstack([matrix(r) for r in train])
        mean, spread = X.mean(axis=0), X.std(axis=0) + 1e-9
        weights, bias = fit_logistic((X - mean) / spread, np.concatenate([r["labels"] for r in train]), l2=0.01, steps=3000)
        for r in test:
            p = 1 / (1 + np.exp(-(((matrix(r) - mean) / spread) @ weights + bias)))
            for t in THRESHOLDS:
                keep = p >= t
                keep[0] = True  # the best paper is always given
                kept = np.where(keep)[0][:10]
                hit = r["labels"][kept].sum()
                scores[t][0].append(hit / len(kept))
                scores[t][1].append(hit / r["n_gold"])
    return {t: {"precision": round(float(np.mean(p)), 3), "recall": round(float(np.mean(r)), 3)} for t, (p, r) in scores.items()}


def main() -> None:
    import json

    components = Components(load_settings())
    rows = collect(components)
    report = {"ranking": ranking_report(rows)}
    for feedback in (False, True):
        for disjoint in (False, True):
            key = f"{'bar+feedback' if feedback else 'bar'}{', gold-disjoint training' if disjoint else ''}"
            report[key] = leave_one_set_out(rows, feedback, disjoint)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
