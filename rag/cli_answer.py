"""Subcommands that read the index: search, ask, serve, eval."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_search(args: argparse.Namespace, components) -> int:
    from rag.collection import Collection

    result = Collection(components).search(" ".join(args.query), k=args.k)
    if args.json:
        _print_json([hit.to_json() for hit in result.hits])
        return 0
    for hit in result.hits:
        print(f"{hit.rank:>2}. {hit.paper.title}  [{hit.score:.3f}]")
        if hit.paper.byline() or hit.paper.link():
            print(f"    {'  '.join(filter(None, (hit.paper.byline(), hit.paper.link())))}")
        for evidence in hit.evidence[:1]:
            print(f"    “{evidence.text}” (chars {evidence.start}-{evidence.end})")
    print(f"({len(result.hits)} papers in {result.timings['total'] * 1000:.0f} ms)")
    return 0


def cmd_calibrate_judge(args: argparse.Namespace, components) -> int:
    from eval.judge_calibration import calibrate

    components.require_index()
    answer = components.settings.answer
    report = calibrate(components, answer.support_threshold, answer.relevance_threshold, fit=not args.as_configured, dev_only=args.dev_only)
    table = report.pop("table")
    _print_json(report)
    half = "dev" if args.dev_only else "test"
    print(f"\nThe judge on the challenge set's {half} half (recall per error kind; false alarms on correct claims):\n" + table)
    return 0


def cmd_check_claims(args: argparse.Namespace, components) -> int:
    from eval.retrieval_eval import store_papers
    from rag.verify.check_claims import check_claims, read_claims

    rows = read_claims(args.file)
    components.require_index()
    papers = {}
    for paper in store_papers(components.store):
        papers[paper.title] = papers[paper.paper_id] = paper
    for row, verdict in zip(rows, check_claims(rows, papers, components.store, components.embedder, components.claim_judge)):
        if args.json:
            print(json.dumps(verdict, ensure_ascii=False), flush=True)
        else:
            mark = "supported" if verdict["supported"] else f"REJECTED: {verdict['reason']}"
            print(f"[{verdict['score']:.2f}] {mark}  |  {row['claim']}", flush=True)
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


def cmd_ask(args: argparse.Namespace, components) -> int:
    import sys

    from rag.collection import Collection
    from rag.records import AnswerEvent, EvidenceEvent, StatusEvent, TokenEvent
    from rag.render_text import render_answer, render_evidence_draft

    question = " ".join(args.question)
    output = "json" if args.json else args.format
    answer = None
    streamed = False
    for event in Collection(components).stream(question, mode=args.mode, top_k=args.k):
        if output != "text":
            if isinstance(event, AnswerEvent):
                answer = event.answer
            continue
        if isinstance(event, StatusEvent):
            if event.restart and streamed:
                print(flush=True)  # the withdrawn text stays on the terminal: the status line says it is set aside
            print(f"… {event.message}", file=sys.stderr, flush=True)
        elif isinstance(event, EvidenceEvent):
            if event.draft.abstained or (args.mode or components.settings.answer.mode) == "extractive":
                continue  # the final answer below is this draft
            print(render_evidence_draft(event.draft), flush=True)
            print("\n… waiting for the language model's summary (its citations are checked when it finishes)\n", file=sys.stderr, flush=True)
        elif isinstance(event, TokenEvent):
            streamed = True
            print(event.text, end="", flush=True)
        elif isinstance(event, AnswerEvent):
            answer = event.answer
            if streamed:
                print("\n\n--- verified ---", flush=True)
            print(render_answer(answer), flush=True)
    if answer is not None and output != "text":
        from rag.export import answer_bibtex, answer_markdown

        if output == "json":
            _print_json(answer.to_json())
        else:
            print((answer_markdown if output == "md" else answer_bibtex)(answer), end="")
    return 0


def cmd_serve(args: argparse.Namespace, components) -> int:
    from ui.app import check_bind, launch

    settings = components.settings
    ui = settings.ui.model_copy(
        update={k: v for k, v in (("host", args.host), ("port", args.port), ("insecure", args.insecure or None)) if v is not None}
        | ({"auth": [args.auth]} if args.auth else {})
    )
    settings = settings.model_copy(update={"ui": ui})
    # Refuse a bad bind before any work: a warm-up thread still loading models when the
    # refusal ends the process made it abort (SIGABRT, "terminate called...") after the message.
    check_bind(ui)
    # Only `default` is the shipped corpus's; another empty collection waits for an upload.
    if components.store.count_chunks() == 0 and not args.no_ingest and settings.store.collection == "default":
        from rag.ingest.pipeline import ingest

        print("the index is empty: ingesting the shipped corpus first (about a minute)", flush=True)
        summary = ingest(settings.corpus_paths(), settings, components.store, components.embedder, components.count_tokens)
        print(summary.line(), flush=True)
    from rag.collection import CollectionSet

    launch(components.answer_engine, settings, collections=CollectionSet(components), on_ready=components.warm_up_in_background)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ask", help="a cited answer, streamed")
    p.add_argument("question", nargs="+")
    p.add_argument("--mode", choices=["llm", "extractive"], help="default: answer.mode (llm)")
    p.add_argument("-k", type=int, default=None, help="papers retrieved")
    p.add_argument("--json", action="store_true", help="print the answer as JSON (no streaming); same as --format json")
    p.add_argument(
        "--format", choices=["text", "md", "bib", "json"], default="text",
        help="text: streamed for the terminal; md: Markdown with references; bib: BibTeX of the cited papers; json",
    )
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("serve", help="the browser chat")
    p.add_argument("--host", help="default: ui.host (127.0.0.1)")
    p.add_argument("--port", type=int, help="default: ui.port (7860)")
    p.add_argument("--auth", help="user:password required to bind beyond loopback")
    p.add_argument("--insecure", action="store_true", help="allow a non-loopback bind without auth")
    p.add_argument("--no-ingest", action="store_true", help="do not ingest the shipped corpus into an empty index")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("calibrate-judge", help="fit the claim judge on the challenge dev half; report it per error kind on the test half")
    p.add_argument("--dev-only", action="store_true", help="fit and report on the dev half alone (the test half is for the final report)")
    p.add_argument("--as-configured", action="store_true", help="measure the judge as shipped, without refitting it (a refit the dev half did not take)")
    p.set_defaults(func=cmd_calibrate_judge)

    p = sub.add_parser("check-claims", help="the claim judge on JSON Lines of {question, claim, title}")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="one JSON object a line: {supported, score, reason}")
    p.set_defaults(func=cmd_check_claims)

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
