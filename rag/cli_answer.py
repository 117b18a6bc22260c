"""Subcommands that read the index: search, ask, serve, eval."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_search(args: argparse.Namespace, components) -> int:
    from rag.errors import QuestionError

    query = " ".join(args.query).strip()
    if not query:
        raise QuestionError("the query is empty", hint='rag search "negative transfer"')
    components.require_index()
    result = components.retriever.search(query, k=args.k)
    if args.json:
        _print_json([hit.to_json() for hit in result.hits])
        return 0
    for hit in result.hits:
        print(f"{hit.rank:>2}. {hit.paper.title}  [{hit.score:.3f}]")
        for evidence in hit.evidence[:1]:
            print(f"    “{evidence.text}” (chars {evidence.start}-{evidence.end})")
    print(f"({len(result.hits)} papers in {result.timings['total'] * 1000:.0f} ms)")
    return 0


def cmd_eval_retrieval(args: argparse.Namespace, components) -> int:
    from eval.question_sets import DEV_SET, load_questions
    from eval.retrieval_report import run_retrieval_report

    questions = [q for path in (args.questions or [DEV_SET]) for q in load_questions(Path(path))]
    components.require_index()
    report = run_retrieval_report(components, questions, baseline=not args.no_baseline)
    if args.json:
        _print_json(report["summary"])
    else:
        print(report["markdown"])
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "retrieval.json").write_text(json.dumps(report["summary"], indent=2))
        (args.out / "retrieval.md").write_text(report["markdown"] + "\n")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="ranked papers with evidence sentences")
    p.add_argument("query", nargs="+")
    p.add_argument("-k", type=int, default=None, help="papers to return (default: retrieval.top_k)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("eval-retrieval", help="recall/MRR/nDCG of every retrieval system, and latency")
    p.add_argument("--questions", action="append", type=Path, help="question file(s) (default: the development set)")
    p.add_argument("--no-baseline", action="store_true", help="skip the LlamaIndex baseline")
    p.add_argument("--out", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_eval_retrieval)
