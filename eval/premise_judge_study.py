"""Would the citation judge catch false premises? A study, not a rule (twenty-seventh session; left out).

A question that states something about a paper before asking ("X needs Y - why ...?", "Since X does Y,
how ...?") rests on that statement. For each such question of the given sets that names exactly one
retrieved paper, the statement is judged as a claim cited to that paper, as the verifier judges an
answer sentence. Printed: how many premises of unanswerable questions the judge rejects (the false
premises it would catch) and how many of answerable questions (true premises it would wrongly reject).
On dev30-dev35: 7 of 9 and 12 of 21 (3 of the 7 that state a claim rather than open with "A vs B" or a name), too many
true premises rejected: the judge wants the abstract's words, and an asker paraphrases.
Run: `python -m eval.premise_judge_study dev30 dev31 dev32 dev33 dev34 dev35` (~1 min; never test or holdouts).
"""

from __future__ import annotations

import re
import sys

from eval.question_sets import QUESTIONS_DIR, load_questions
from rag.answer.naming import NAMED_DEPTH, named_papers
from rag.components import Components
from rag.settings import load_settings

# The statement before the asking part: "Since <premise>, <ask>?" or "<premise> - / . / ; <ask>?"
PREMISE_FORMS = (
    re.compile(r"^\W*(?:since|given\s+that|as|because|now\s+that)\s+(?P<premise>[^?]{15,}?),\s*[^?]*\?\s*$", re.IGNORECASE),
    re.compile(r"^(?P<premise>[^?]{20,}?)(?:\.\s+|\s+[-\u2013\u2014]+\s+|;\s+)(?:how|why|what|which|where|when|so|and|but|then|is|does|did|do|are)\b[^?]*\?\s*$", re.IGNORECASE),
)
_ASKER = ("i ", "i'm", "im ", "we ", "my ", "i've")


def stated_premise(question: str) -> str:
    """The statement a question makes before asking, or ""."""
    for form in PREMISE_FORMS:
        match = form.match(question)
        if match and not match.group("premise").lower().startswith(_ASKER):
            return match.group("premise").strip().rstrip(".")
    return ""


def main(sets: list[str]) -> None:
    if any(s.startswith(("test", "holdout")) for s in sets):
        raise SystemExit("the frozen test set and the holdouts are not studied")
    components = Components(load_settings())
    verifier = components.answer_engine.verifier
    rejected = {True: [0, 0], False: [0, 0]}  # answerable -> [rejected, all]
    for name in sets:
        for question in load_questions(QUESTIONS_DIR / f"{name}.jsonl"):
            premise = stated_premise(question.question)
            if not premise:
                continue
            hits = components.retriever.search(question.question, k=20).hits
            named = named_papers(question.question, hits[:NAMED_DEPTH])
            if len(named) != 1:
                continue
            verified = verifier.verify(f"{premise} [1].", named, question="", kind="")
            supported = bool(verified.sentences) and verified.sentences[0].supported
            rejected[question.answerable][0] += not supported
            rejected[question.answerable][1] += 1
            print(question.id, "answerable" if question.answerable else "unanswerable", "supported" if supported else "REJECTED", "|", premise[:100])
    print("false premises rejected (unanswerable): %d of %d" % tuple(rejected[False]))
    print("true premises rejected (answerable): %d of %d" % tuple(rejected[True]))


if __name__ == "__main__":
    main(sys.argv[1:])
