"""Fit the claim judge on the dev half of the challenge set; report it per error kind on the test half.

`rag calibrate-judge`:
- the relevance model (rag/verify/relevance.py) is fitted on the dev half's items that carry a
  question (correct claims vs off-topic ones) and on the dev questions' gold and near non-gold
  papers of the dev half (`question_rows`), and its threshold chosen on the challenge items as
  the highest that keeps false alarms on their correct claims at or below RELEVANCE_MAX_FALSE_ALARMS;
- the judge before this work (the support score alone) and the judge with its checks are both
  measured, per error kind, on both halves (recall on each error kind, false alarms on correct
  claims, paraphrases and third-person rewordings apart);
- the support judge's synonym threshold (rag/verify/support.py) is chosen on the dev half
  (`choose_synonym_threshold`);
- the support judge's verdict weights are fitted on the dev half's claims against the evidence
  the judge picks (`fit_support`), the items the checks leave to the support score; the judge
  measured as "after" uses them. The old fit on the hand-labelled pairs (eval/judge/support_dev.jsonl,
  tested on support_test.jsonl) is still reported beside it (`support_pairs`).
Fitted values are then copied into rag/verify/relevance.py, rag/verify/support.py and the settings by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from eval.challenge.judge_eval import CORRECT, Prepared, judge_all, load_claims, per_kind, prepare, table
from rag.verify.claim_judge import ClaimJudge
from rag.verify.relevance import FEATURES as RELEVANCE_FEATURES
from rag.verify.relevance import RelevanceJudge
from rag.verify.support import BIAS as SUPPORT_BIAS
from rag.verify.support import FEATURES, SupportJudge, fit_logistic
from rag.verify.support import WEIGHTS as SUPPORT_WEIGHTS

JUDGE_DIR = Path(__file__).resolve().parent / "judge"
RELEVANCE_MAX_FALSE_ALARMS = 0.05  # on dev: the share of correct, on-question claims it may reject
SYNONYM_GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


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


def support_rows(judge: ClaimJudge, prepared: list[Prepared]) -> tuple[np.ndarray, np.ndarray]:
    """Support features at the evidence the judge picks, and labels (1: correct), of the items the
    checks leave to the support score. Off-topic claims and background sentences are true of
    their paper (they fail for what was asked, not for what the paper says), so they are left out."""
    rows, labels = [], []
    for p in prepared:
        if p.item["kind"] in ("off_topic", "background"):
            continue
        verdict = judge.judge(p.item["claim"], p.claim_vector, p.paper, p.units)
        if verdict.kind not in ("", "unsupported"):
            continue
        unit = next((u for u in p.units if (u.start, u.end) == (verdict.evidence.start, verdict.evidence.end)), None)
        cosine = float(unit.vector @ p.claim_vector) if unit is not None else 0.0
        rows.append(judge.support.features(p.item["claim"], verdict.evidence.text, cosine, f"{p.paper.title}\n{p.paper.abstract}"))
        labels.append(float(p.item["kind"] == CORRECT))
    return np.array(rows), np.array(labels)


def fit_support(judge: ClaimJudge, dev: list[Prepared]) -> dict:
    """The support score's logistic, fitted where the judge uses it: on the dev half's claims
    against the evidence it picks (the old pairs of eval/judge/ came with their evidence given,
    and on them MiniLM's cosine took a negative weight; on the picked evidence a paraphrase's
    cosine is what tells it from a claim with an added part)."""
    x, y = support_rows(judge, dev)
    weights, bias = fit_logistic(x, y)
    return {"features": FEATURES, "weights": [round(float(w), 3) for w in weights], "bias": round(float(bias), 3),
            "n_dev": int(len(y)), "n_dev_negative": int((y == 0).sum())}


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


def question_rows(judge: ClaimJudge, questions, papers: dict, units: dict, question_vectors, split) -> tuple[np.ndarray, np.ndarray]:
    """More answers to relevance-check, from the dev questions: a gold paper's sentence closest
    to the question answers it (1); the closest sentence of a paper among the 10 nearest that is
    not gold does not (0). The challenge set's correct claims come from few questions, mostly
    asking for one paper; a list question's tenth gold paper sits far further below the best one
    (gaps up to 0.37 on dev), and without these rows the fit rejected a third of them.
    Only papers of the dev half (`split(title) == "dev"`) are used, so no test-half paper is fitted on."""
    rows, labels = [], []
    for question, qv in zip(questions, question_vectors):
        gold = set(question.gold_titles)
        best_units = {}
        for pid, paper_units_ in units.items():
            singles = [u for u in paper_units_ if not u.pair]
            if singles:
                unit = max(singles, key=lambda u: float(u.vector @ qv))
                best_units[pid] = (float(unit.vector @ qv), unit)
        ranked = sorted(best_units, key=lambda pid: -best_units[pid][0])
        candidates = [pid for pid in ranked if papers[pid].title in gold] + [pid for pid in ranked[:10] if papers[pid].title not in gold]
        for pid in candidates:
            paper = papers[pid]
            if split(paper.title) != "dev":
                continue
            _, unit = best_units[pid]
            claim = paper.abstract[unit.start : unit.end]
            rel = judge.relevance_of(question.question, qv, claim, unit.vector, paper, units[pid])
            rows.append(rel.features)
            labels.append(float(paper.title in gold))
    return np.array(rows), np.array(labels)


def choose_threshold(scores: np.ndarray, labels: np.ndarray, max_false_alarms: float) -> float:
    """The highest threshold whose rejections of positives stay within max_false_alarms."""
    positives = np.sort(scores[labels == 1])
    if not len(positives):
        return 0.5
    allowed = int(np.floor(max_false_alarms * len(positives)))
    return float(positives[allowed]) - 1e-6


def fit_relevance(judge: ClaimJudge, dev: list[Prepared], extra: tuple[np.ndarray, np.ndarray] | None = None) -> dict:
    x, y = relevance_rows(judge, dev)
    n_challenge = len(y)
    if extra is not None and len(extra[1]):
        x, y = np.vstack([x, extra[0]]), np.concatenate([y, extra[1]])
    # Fitted on standardised features, so the L2 penalty weighs them alike: the gap spans 0-0.5
    # where the key-word shares span 0-1, and unscaled it was held to a weight too small to matter.
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z_weights, z_bias = fit_logistic((x - mean) / scale, y, l2=0.01)
    weights = z_weights / scale
    bias = float(z_bias - (z_weights * mean / scale).sum())
    model = RelevanceJudge(judge.relevance.doc_freq, judge.relevance.n_docs, judge.relevance.tokenizer, weights, bias)
    scores = np.array([model.score_features(row) for row in x])
    # The threshold by the challenge set's own correct claims, as before; the question rows
    # shape the weights. A list line rejected here keeps its extractive line in the answer
    # (rag/answer/engine.py), so a false alarm there costs a rewording, not a paper.
    threshold = choose_threshold(scores[:n_challenge], y[:n_challenge], RELEVANCE_MAX_FALSE_ALARMS)
    extra_scores, extra_labels = scores[n_challenge:], y[n_challenge:]
    return {"features": RELEVANCE_FEATURES, "weights": [round(float(w), 4) for w in weights], "bias": round(float(bias), 4),
            "threshold": round(threshold, 3), "n_dev": int(len(y)), "n_dev_negative": int((y == 0).sum()),
            "n_challenge": n_challenge, "n_questions_rows": int(len(y) - n_challenge),
            "question_rows_gold_rejected": round(float((extra_scores[extra_labels == 1] < threshold).mean()), 3) if len(extra_labels) else None,
            "question_rows_other_rejected": round(float((extra_scores[extra_labels == 0] < threshold).mean()), 3) if len(extra_labels) else None}


def units_by_paper(store, paper_ids: list[str]) -> dict:
    """Each paper's judge units (its sentences and sentence pairs, with vectors), from the store."""
    from collections import defaultdict

    from rag.verify.claim_judge import paper_units

    rows = defaultdict(list)
    for row in store.sentences_for(paper_ids):
        rows[row.paper_id].append(row)
    return {pid: paper_units(rs) for pid, rs in rows.items()}


def dev_question_rows(judge: ClaimJudge, components, papers: dict) -> tuple[np.ndarray, np.ndarray]:
    """question_rows over the dev questions and every indexed paper of the challenge dev half."""
    from eval.challenge.build import split_of
    from eval.question_sets import DEV_SET, load_questions

    by_id = {p.paper_id: p for p in papers.values()}
    units = units_by_paper(components.store, list(by_id))
    dev_titles = {p["title"] for p in load_pairs(JUDGE_DIR / "support_dev.jsonl")}
    test_titles = {p["title"] for p in load_pairs(JUDGE_DIR / "support_test.jsonl")}
    questions = [q for q in load_questions(DEV_SET) if q.answerable]
    vectors = components.embedder.embed([q.question for q in questions])
    return question_rows(judge, questions, by_id, units, vectors, lambda title: split_of(title, dev_titles, test_titles))


def choose_synonym_threshold(judge: ClaimJudge, dev: list[Prepared], word_vectors, grid=SYNONYM_GRID) -> dict:
    """The synonym threshold with the fewest false alarms on the dev half's correct claims, among
    those that cost no error kind more than one caught item against no synonym credit; of a
    plateau of equal ones, its middle (a threshold at the plateau's edge sits next to a change)."""
    from collections import Counter

    support = judge.support
    saved = support.synonyms, support.synonym_threshold

    def counts() -> Counter:
        return Counter((p.item["kind"], not v.supported) for p, v in zip(dev, judge_all(judge, dev)))

    try:
        support.synonyms = None
        base = counts()
        support.synonyms = word_vectors
        rows = []
        for threshold in grid:
            support.synonym_threshold = threshold
            got = counts()
            lost = max((base[(k, True)] - got[(k, True)] for k, _ in base if k != CORRECT), default=0)
            rows.append({"threshold": threshold, "false_alarms": got[(CORRECT, True)], "most_lost_by_a_kind": lost})
    finally:
        support.synonyms, support.synonym_threshold = saved
    allowed = [r for r in rows if r["most_lost_by_a_kind"] <= 1]
    fewest = min(r["false_alarms"] for r in allowed)
    best = [r["threshold"] for r in allowed if r["false_alarms"] == fewest]
    return {"threshold": best[len(best) // 2], "false_alarms_without": base[(CORRECT, True)], "n_correct": base[(CORRECT, True)] + base[(CORRECT, False)], "grid": rows}


def measure(judges: dict[str, ClaimJudge], prepared: list[Prepared], splits: tuple[str, ...] = ("dev", "test")) -> dict[str, dict]:
    out = {}
    for name, judge in judges.items():
        verdicts = judge_all(judge, prepared)
        for split in splits:
            rows = [(p, v) for p, v in zip(prepared, verdicts) if p.item["split"] == split]
            out[f"{name}/{split}"] = per_kind([p for p, _ in rows], [v for _, v in rows])
    return out


def calibrate(components, threshold: float, relevance_threshold: float, fit: bool = True, dev_only: bool = False) -> dict:
    """The whole calibration report; `fit=False` measures the judge as configured, without refitting;
    `dev_only` neither loads nor reports the test half (nor the old pairs' test file), for tuning."""
    from eval.retrieval_eval import store_papers

    splits = ("dev",) if dev_only else ("dev", "test")
    papers = {p.title: p for p in store_papers(components.store)}
    prepared = prepare(load_claims(split="dev" if dev_only else None), papers, components.store, components.embedder)
    dev = [p for p in prepared if p.item["split"] == "dev"]
    relevance = components.relevance_judge
    nearest, chunks, records = components.store.nearest_paper_cosines, components.store.nearest_paper_chunk_cosines, components.store.paper_records
    words = components.word_vectors
    after = ClaimJudge(SupportJudge(synonyms=words), threshold, relevance, relevance_threshold, nearest_papers=nearest, nearest_chunks=chunks,
                       paper_records=records)
    report: dict = {"judge": "support score (with synonym credit) + names + figures + direction + negation + generality + relevance"}
    if fit:
        synonyms = choose_synonym_threshold(after, dev, words) if words is not None else None
        report["synonyms_fitted"] = synonyms
        fitted = fit_relevance(after, dev, dev_question_rows(after, components, papers))
        report["relevance_fitted"] = fitted
        support_fit = fit_support(after, dev)
        report["support_fitted"] = support_fit
        weights = {"verdict_weights": support_fit["weights"], "verdict_bias": support_fit["bias"]}
        support = SupportJudge(synonyms=words, synonym_threshold=synonyms["threshold"], **weights) if synonyms else SupportJudge(**weights)
        after = ClaimJudge(support, threshold, RelevanceJudge(relevance.doc_freq, relevance.n_docs, relevance.tokenizer,
                           fitted["weights"], fitted["bias"]), fitted["threshold"], nearest_papers=nearest, nearest_chunks=chunks,
                           paper_records=records)
        if not dev_only:
            abstracts = {p.title: p.abstract for p in papers.values()}
            report["support_pairs"] = calibrate_pairs(components.embedder, abstracts, threshold)
    # "before": the support score alone, as first built (its verdict the same logistic that picks the evidence).
    judges = {"before": ClaimJudge(SupportJudge(verdict_weights=SUPPORT_WEIGHTS, verdict_bias=SUPPORT_BIAS), threshold, checks=False), "after": after}
    report["per_kind"] = measure(judges, prepared, splits)
    report["table"] = table({k: v for k, v in report["per_kind"].items() if k.endswith(f"/{splits[-1]}")})
    return report
