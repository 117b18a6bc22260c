"""Question sets: JSON Lines of {"id", "question", "type", "gold_titles", "must_mention", "answerable"}."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rag.ingest.corpus import normalise_space, paper_id_for
from rag.errors import RagError

QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"
DEV_SET = QUESTIONS_DIR / "dev.jsonl"
# Frozen: written once, never used for tuning (README, "Evaluation").
TEST_SET = QUESTIONS_DIR / "test.jsonl"
# Written before any tuning on it, to measure how far dev-tuned rules generalise (README, "Evaluation").
VALIDATION_SET = QUESTIONS_DIR / "validation.jsonl"
# Held out: written without running the engine on it, run once at the end of a session for an
# honest generalisation figure; never tuned on (README, "Evaluation").
HOLDOUT_SET = QUESTIONS_DIR / "holdout.jsonl"
# A second held-out set, written the same way from the abstracts alone (README, "Evaluation").
HOLDOUT2_SET = QUESTIONS_DIR / "holdout2.jsonl"
# More development questions (seventh session), written from the abstracts alone and run once clean
# before any tuning on them; then tuned on like dev.
DEV2_SET = QUESTIONS_DIR / "dev2.jsonl"
# A third held-out set, written with dev2 the same way; run once at the end of a session, never tuned on.
HOLDOUT3_SET = QUESTIONS_DIR / "holdout3.jsonl"
# More development questions (ninth session), written the same way by a helper from the abstracts alone
# and run once clean (both modes) before any tuning on them; then tuned on like dev.
DEV3_SET = QUESTIONS_DIR / "dev3.jsonl"
# Written later in the ninth session the same way (27 unanswerable of 60), run once clean in both modes
# on the code of that moment, then tuned on.
DEV4_SET = QUESTIONS_DIR / "dev4.jsonl"
# Tenth session, written the same way as ordinary use (15 unanswerable of 60, the test set's mix of
# kinds), run once clean in both modes before any tuning on it, then tuned on.
DEV5_SET = QUESTIONS_DIR / "dev5.jsonl"
TYPES = ("topic", "fact", "comparison", "unanswerable")


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    type: str
    gold_titles: tuple[str, ...]
    must_mention: tuple[str, ...]
    answerable: bool
    kind: str = ""  # the answer shape a reader expects (list, fact, comparison, open); labelled on dev and validation

    @property
    def gold_ids(self) -> tuple[str, ...]:
        return tuple(paper_id_for(t) for t in self.gold_titles)


def load_questions(path: Path) -> list[Question]:
    questions = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RagError(f"cannot read question file {path}: {exc.strerror}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            questions.append(
                Question(
                    id=str(row["id"]),
                    question=str(row["question"]),
                    type=str(row.get("type", "topic")),
                    gold_titles=tuple(normalise_space(t) for t in row.get("gold_titles", [])),
                    must_mention=tuple(row.get("must_mention", [])),
                    answerable=bool(row.get("answerable", True)),
                    kind=str(row.get("kind", "")),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise RagError(f"{path}:{number}: not a question record ({exc})", hint='each line needs at least "id" and "question"') from None
    if not questions:
        raise RagError(f"{path} holds no questions")
    return questions


def missing_gold_titles(questions: list[Question], known_titles: set[str]) -> list[str]:
    """Gold titles that are not papers of the corpus (must be empty for a valid set)."""
    known = {normalise_space(t) for t in known_titles}
    return [f"{q.id}: {t}" for q in questions for t in q.gold_titles if t not in known]
