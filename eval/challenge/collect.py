"""Record what the engine writes on dev questions, raw, so the claim challenge set is reproducible.

`python -m eval.challenge.collect --n 24 --out eval/challenge/raw_dev.jsonl` runs the first N
answerable dev questions through the engine in LLM mode and stores, per question: the
retrieved sources given to the model (title + abstract), the model's raw text (before
verification) and the extractive answer's sentences. Labelling happens by hand, on this file.
Resumable: questions with a model answer are kept (a timeout is retried).
Never run on test.jsonl: the challenge set is tuned on.

`python -m eval.challenge.collect --extractive-only --skip 12 --out eval/challenge/raw_dev_extractive.jsonl`
records only the extractive answers (no model, seconds) of the answerable dev questions after
the first 12: more real list, fact and comparison lines, of papers ranked near the question, to
label (build.py keeps those of dev-half papers only, so the frozen test half does not change).
With `RAG_ANSWER__LIST_RELEVANCE=0` and `--out eval/challenge/raw_dev_extractive_top10.jsonl`, a list
answer gives a line to each of its top 10 papers, gold or not: near misses to label as off-topic.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eval.question_sets import load_questions
from rag.components import Components
from rag.settings import load_settings


class RecordingVerifier:
    """The real verifier, also keeping the raw text and the sources it was asked to check."""

    def __init__(self, inner) -> None:
        self.inner, self.calls = inner, []

    def verify(self, text, sources, *args, **kwargs):
        self.calls.append((text, list(sources)))
        return self.inner.verify(text, sources, *args, **kwargs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=24)
    parser.add_argument("--out", type=Path, default=Path("eval/challenge/raw_dev.jsonl"))
    parser.add_argument("--extractive-only", action="store_true", help="record the extractive answers only (no model)")
    parser.add_argument("--skip", type=int, default=0, help="leave out the first N answerable dev questions")
    args = parser.parse_args()
    questions = [q for q in load_questions(Path("eval/questions/dev.jsonl")) if q.answerable][args.skip : args.skip + args.n]
    components = Components(load_settings())
    if args.extractive_only:
        collect_extractive(components, questions, args.out)
        components.close()
        return
    recorder = RecordingVerifier(components.verifier)
    components.__dict__["verifier"] = recorder
    engine = components.answer_engine
    done = {json.loads(line)["id"] for line in args.out.read_text().splitlines() if line.strip() and json.loads(line)["llm_raw"]} if args.out.exists() else set()
    kept = [line for line in args.out.read_text().splitlines() if line.strip() and json.loads(line)["id"] in done] if args.out.exists() else []
    args.out.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
    with args.out.open("a", encoding="utf-8") as out:
        for question in questions:
            if question.id in done:  # resumable: a question the model already answered is kept
                continue
            extractive = engine.ask(question.question, mode="extractive")
            recorder.calls.clear()
            answer = engine.ask(question.question, mode="llm")
            raw, sources = recorder.calls[-1] if recorder.calls else ("", list(answer.retrieved[: components.settings.answer.context_papers]))
            row = {
                "id": question.id,
                "question": question.question,
                "gold_titles": list(question.gold_titles),
                "sources": [{"marker": i, "title": h.paper.title, "abstract": h.paper.abstract} for i, h in enumerate(sources, start=1)],
                "llm_raw": raw,
                "llm_notice": answer.notice,
                "extractive": extractive_row(question, extractive)["extractive"],
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            out.flush()
            print(question.id, len(raw), flush=True)
    components.close()


def extractive_row(question, answer) -> dict:
    return {
        "id": question.id,
        "question": question.question,
        "gold_titles": list(question.gold_titles),
        "sources": [],
        "llm_raw": "",
        "llm_notice": "",
        "extractive": [{"text": s.text, "title": answer.citations[s.markers[0] - 1].paper.title} for s in answer.sentences if s.markers],
    }


def collect_extractive(components, questions, out: Path) -> None:
    engine = components.answer_engine
    with out.open("w", encoding="utf-8") as handle:
        for question in questions:
            handle.write(json.dumps(extractive_row(question, engine.ask(question.question, mode="extractive")), ensure_ascii=False) + "\n")
            print(question.id, flush=True)


if __name__ == "__main__":
    main()
