"""Run the claim judge on claims of one's own: `rag check-claims FILE` (JSON Lines in, JSON Lines out).

Each input line is {"question", "claim", "title"} (the cited paper's title as indexed; "paper_id"
is accepted instead of "title"); each output line is {"supported", "score", "reason"}, the same
verdict the verifier gives a citation in an answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from rag.verify.claim_judge import paper_units
from rag.errors import QuestionError


def read_claims(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise QuestionError(f"{path}:{number}: not JSON ({exc.msg})", hint='one object a line: {"question", "claim", "title"}') from None
        if not isinstance(row, dict) or not row.get("claim") or not (row.get("title") or row.get("paper_id")):
            raise QuestionError(f"{path}:{number}: needs \"claim\" and \"title\" (or \"paper_id\")", hint='one object a line: {"question", "claim", "title"}')
        rows.append(row)
    return rows


def check_claims(rows: Iterable[dict], papers: dict[str, object], store, embedder, judge) -> Iterator[dict]:
    """One verdict per row; `papers` maps both titles and paper ids to Paper."""
    rows = list(rows)
    claim_vectors = embedder.embed([r["claim"] for r in rows]) if rows else []
    questions = sorted({r.get("question", "") for r in rows if r.get("question")})
    question_vectors = dict(zip(questions, embedder.embed(questions))) if questions else {}
    for row, vector in zip(rows, claim_vectors):
        paper = papers.get(row.get("title", "")) or papers.get(row.get("paper_id", ""))
        if paper is None:
            yield {"supported": False, "score": 0.0, "reason": "the cited paper is not in the index"}
            continue
        units = paper_units(store.sentences_for([paper.paper_id]))
        question = row.get("question", "")
        verdict = judge.judge(row["claim"], vector, paper, units, question, question_vectors.get(question))
        yield {"supported": verdict.supported, "score": round(verdict.score, 4), "reason": verdict.reason}
