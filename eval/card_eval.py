"""Name extraction of the paper cards against hand labels (eval/cards/name_labels.jsonl).

A paper counts as a true positive when the card's name equals the labelled name or one of
its aliases (case and TeX markup ignored); precision = correct names / papers given a name,
recall = correct names / papers labelled with a name. Run: `python -m eval.card_eval`.

The labels are split by their paper number: every sixth paper (0, 6, 12, ...) is the dev half
the rules were written against; the others (3, 9, 15, ...) are the held-out half reported as such.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rag.ingest.cards import _plain, build_card
from rag.ingest.corpus import ReadReport, read_corpus
from rag.settings import PROJECT_ROOT

LABELS = PROJECT_ROOT / "eval" / "cards" / "name_labels.jsonl"


def _norm(name: str) -> str:
    return _plain(name).lower().replace(" ", "")


def name_scores(labels: list[dict], predicted: dict[str, str]) -> dict:
    """Precision and recall of predicted names (title -> name) against the labels."""
    given = correct = labelled = 0
    errors = []
    for row in labels:
        gold = {_norm(n) for n in [row["name"], *row.get("aliases", []), *row.get("also", [])] if n}
        name = predicted.get(row["title"], "")
        labelled += bool(row["name"])
        if name:
            given += 1
            if _norm(name) in gold:
                correct += 1
                continue
        if name or row["name"]:
            errors.append({"title": row["title"], "predicted": name, "label": row["name"]})
    return {
        "papers": len(labels),
        "labelled_with_name": labelled,
        "given_a_name": given,
        "correct": correct,
        "precision": round(correct / given, 3) if given else 0.0,
        "recall": round(correct / labelled, 3) if labelled else 0.0,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT / "data" / "transfer-papers.txt")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--half", choices=["dev", "test", "all"], default="all", help="which labelled half to score")
    args = parser.parse_args()
    labels = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    halves = {"dev": [r for r in labels if r["index"] % 6 == 0], "test": [r for r in labels if r["index"] % 6 == 3], "all": labels}
    papers = {p.title: p for p in read_corpus([args.corpus], ReadReport())}
    predicted = {title: build_card(papers[title]).name for title in (row["title"] for row in labels) if title in papers}
    missing = [row["title"] for row in labels if row["title"] not in papers]
    report = {}
    for half in ("dev", "test", "all") if args.half == "all" else (args.half,):
        scores = name_scores(halves[half], predicted)
        if not args.errors:
            scores.pop("errors")
        report[half] = scores
    print(json.dumps({**report, "titles_not_in_corpus": missing}, indent=1))


if __name__ == "__main__":
    main()
