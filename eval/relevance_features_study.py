"""Would features of what a claim says (not where its paper ranks) tell off-topic claims from answers?

`python -m eval.relevance_features_study` (dev half only; ~1 min). Rows as `rag calibrate-judge`
fits them: the challenge dev half's correct and off-topic claims that carry a question, and the
dev questions' rows (a gold paper's sentence closest to the question vs the closest sentence of
a near non-gold paper; `question_rows`). Candidate features added to the shipped relevance ones:

- `title_key_recall`: the IDF share of the question's key words in the cited paper's title;
- `claim_key_recall_synonyms`: the same share in the claim, a word also found through a MiniLM
  word neighbour >= 0.7 (rag/verify/word_vectors.py);
- `chunk_gap`, `list_chunk_gap`: how far the paper's best chunk falls below the index's best;
- `title_cosine`: MiniLM cosine of question and title.

Each set is fitted as calibrate-judge fits (standardised logistic, threshold at 5% of the
challenge's correct claims) on all rows (in-sample) and leaving each question out in turn; the
figures are off-topic recall, correct claims rejected, gold papers rejected. README quotes them.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from eval.judge_calibration import JUDGE_DIR, RELEVANCE_MAX_FALSE_ALARMS, choose_threshold, load_pairs, relevance_rows, units_by_paper
from rag.answer.question_kind import rule_kind
from rag.verify.support import fit_logistic

SYNONYM = 0.7


def rows_with_text(components, papers: dict) -> tuple[list[tuple[str, str, str]], np.ndarray, np.ndarray, int]:
    """(question, claim, title) per row, the shipped features, labels, and how many come from the challenge set."""
    from eval.challenge.build import split_of
    from eval.challenge.judge_eval import load_claims, prepare
    from eval.question_sets import DEV_SET, load_questions

    judge = components.claim_judge
    prepared = prepare(load_claims(split="dev"), papers, components.store, components.embedder)
    x_challenge, y_challenge = relevance_rows(judge, prepared)
    texts = [(p.item["question"], p.item["claim"], p.item["title"]) for p in prepared if p.item["question"] and p.item["kind"] in ("correct", "off_topic")]
    by_id = {p.paper_id: p for p in papers.values()}
    units = units_by_paper(components.store, list(by_id))
    dev_titles = {p["title"] for p in load_pairs(JUDGE_DIR / "support_dev.jsonl")}
    test_titles = {p["title"] for p in load_pairs(JUDGE_DIR / "support_test.jsonl")}
    questions = [q for q in load_questions(DEV_SET) if q.answerable]
    x_q, y_q = [], []
    for question, qv in zip(questions, components.embedder.embed([q.question for q in questions])):
        best = {}
        for pid, paper_units_ in units.items():
            unit = max((u for u in paper_units_ if not u.pair), key=lambda u: float(u.vector @ qv))
            best[pid] = (float(unit.vector @ qv), unit)
        ranked = sorted(best, key=lambda pid: -best[pid][0])
        gold = set(question.gold_titles)
        for pid in [p for p in ranked if by_id[p].title in gold] + [p for p in ranked[:10] if by_id[p].title not in gold]:
            paper = by_id[pid]
            if split_of(paper.title, dev_titles, test_titles) != "dev":
                continue
            unit = best[pid][1]
            claim = paper.abstract[unit.start : unit.end]
            x_q.append(judge.relevance_of(question.question, qv, claim, unit.vector, paper, units[pid]).features)
            y_q.append(float(paper.title in gold))
            texts.append((question.question, claim, paper.title))
    return texts, np.vstack([x_challenge, np.array(x_q)]), np.concatenate([y_challenge, y_q]), len(y_challenge)


def candidate_features(components, papers: dict, texts) -> dict[str, np.ndarray]:
    from rag.verify.word_vectors import WordVectors

    # The judge ships without synonym credit (components.word_vectors is None then); the study's
    # word-credit feature needs the word vectors all the same.
    relevance, judge = components.relevance_judge, components.claim_judge
    words = components.word_vectors or WordVectors(components.embedder)
    tokenizer = relevance.tokenizer
    questions = sorted({q for q, _, _ in texts})
    titles = sorted({t for _, _, t in texts})
    question_vectors = dict(zip(questions, components.embedder.embed(questions)))
    title_vectors = dict(zip(titles, components.embedder.embed(titles)))

    def share(terms: dict[str, float], found) -> float:
        total = sum(terms.values())
        return sum(w for t, w in terms.items() if found(t)) / total if total else 1.0

    out = defaultdict(list)
    for question, claim, title in texts:
        terms = relevance.key_terms(question)
        title_stems = set(tokenizer.document(title))
        out["title_key_recall"].append(share(terms, lambda t: t in title_stems))
        surface = {}
        for word, stem in zip(tokenizer.words(question), tokenizer.document(question)):
            surface.setdefault(stem, word)
        claim_words = list(dict.fromkeys(tokenizer.words(claim)))
        claim_stems = set(tokenizer.document(claim))
        out["claim_key_recall_synonyms"].append(share(terms, lambda t: t in claim_stems or (
            t in surface and bool(claim_words) and words.closest([surface[t]], claim_words)[0] >= SYNONYM)))
        _, chunks = judge.index_nearest(question_vectors[question])
        gap = max(chunks.values()) - chunks.get(papers[title].paper_id, min(chunks.values()))
        out["chunk_gap"].append(gap)
        out["list_chunk_gap"].append(gap if rule_kind(question) == "list" else 0.0)
        out["title_cosine"].append(float(question_vectors[question] @ title_vectors[title]))
    return {k: np.array(v)[:, None] for k, v in out.items()}


def evaluate(x: np.ndarray, y: np.ndarray, is_challenge: np.ndarray, groups: np.ndarray | None, gold_weight: int = 1) -> dict:
    """Fit (on all rows, or on all but each group in turn) and count rejections of each sort;
    `gold_weight` repeats the question rows' gold papers in the fit (a class weight)."""
    scores, thresholds = np.zeros(len(y)), np.zeros(len(y))
    folds = [None] if groups is None else sorted(set(groups))
    for fold in folds:
        train = np.ones(len(y), bool) if fold is None else groups != fold
        held = np.ones(len(y), bool) if fold is None else groups == fold
        gold = np.where(train & ~is_challenge & (y == 1))[0]
        rows = np.concatenate([np.where(train)[0]] + [gold] * (gold_weight - 1))
        mean, scale = x[rows].mean(axis=0), x[rows].std(axis=0) + 1e-9
        weights, bias = fit_logistic((x[rows] - mean) / scale, y[rows], l2=0.01, steps=4000)
        fitted = 1 / (1 + np.exp(-(((x[train] - mean) / scale) @ weights + bias)))
        threshold = choose_threshold(fitted[is_challenge[train]], y[train][is_challenge[train]], RELEVANCE_MAX_FALSE_ALARMS)
        scores[held] = 1 / (1 + np.exp(-(((x[held] - mean) / scale) @ weights + bias)))
        thresholds[held] = threshold
    rejected = scores < thresholds

    def count(mask: np.ndarray) -> str:
        return f"{int(rejected[mask].sum())}/{int(mask.sum())}"

    return {"off_topic_caught": count(is_challenge & (y == 0)), "correct_rejected": count(is_challenge & (y == 1)),
            "gold_rejected": count(~is_challenge & (y == 1)), "near_non_gold_rejected": count(~is_challenge & (y == 0))}


def main() -> None:
    from eval.retrieval_eval import store_papers
    from rag.components import Components
    from rag.settings import load_settings

    components = Components(load_settings())
    papers = {p.title: p for p in store_papers(components.store)}
    texts, x, y, n_challenge = rows_with_text(components, papers)
    extra = candidate_features(components, papers, texts)
    is_challenge = np.arange(len(y)) < n_challenge
    groups = np.array([q for q, _, _ in texts])
    sets = {"shipped": [], "+ title_key_recall": ["title_key_recall"], "+ claim_key_recall_synonyms": ["claim_key_recall_synonyms"],
            "+ both key recalls": ["title_key_recall", "claim_key_recall_synonyms"], "+ chunk gaps": ["chunk_gap", "list_chunk_gap"],
            "+ title_cosine": ["title_cosine"], "+ all": list(extra)}
    print("| features | in-sample: off-topic caught, correct rejected, gold rejected | leave one question out: the same |")
    print("|---|---|---|")
    for name, names in sets.items():
        features = np.hstack([x] + [extra[n] for n in names])
        fit_all, loqo = evaluate(features, y, is_challenge, None), evaluate(features, y, is_challenge, groups)
        print(f"| {name} | {fit_all['off_topic_caught']}, {fit_all['correct_rejected']}, {fit_all['gold_rejected']} | "
              f"{loqo['off_topic_caught']}, {loqo['correct_rejected']}, {loqo['gold_rejected']} |")
    for weight in (2, 3):
        fit_all, loqo = evaluate(x, y, is_challenge, None, weight), evaluate(x, y, is_challenge, groups, weight)
        print(f"| shipped, gold rows x{weight} | {fit_all['off_topic_caught']}, {fit_all['correct_rejected']}, {fit_all['gold_rejected']} | "
              f"{loqo['off_topic_caught']}, {loqo['correct_rejected']}, {loqo['gold_rejected']} |")
    components.close()


if __name__ == "__main__":
    main()
