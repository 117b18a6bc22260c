"""`rag eval`: answer a question set, grade it, write the report; with --gate, the CI check."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rag.settings import PROJECT_ROOT


def cmd_eval(args: argparse.Namespace, components) -> int:
    from eval.gate import gate_failures
    from eval.harness import OURS, Harness, gate_runs
    from eval.question_sets import TEST_SET, load_questions
    from eval.report import clean, markdown_table, write_mode_report
    from rag.errors import ConfigError

    settings = components.settings
    files = [Path(p) for p in (args.questions or [TEST_SET])]
    questions = [q for path in files for q in load_questions(path)]
    if args.limit is not None:
        if args.limit < 1:
            raise ConfigError("--limit must be at least 1")
        questions = questions[: args.limit]
    components.require_index()
    harness = Harness(components, progress=not args.quiet)

    if args.gate:
        runs = gate_runs(harness, questions, settings.eval.llm_subset, args.baselines)
    else:
        modes = ["extractive", "llm"] if args.mode == "both" else [args.mode or settings.answer.mode]
        runs = {mode: harness.run_mode(questions, mode, args.baselines) for mode in modes}

    out = args.out or PROJECT_ROOT / "out" / ("eval-ci" if args.gate else "eval")
    shown = [_shown(p) for p in files]
    model = _model_name(settings)
    summaries = {
        mode: write_mode_report(run, out / mode if len(runs) > 1 else out, shown, settings.answer.support_threshold, model)
        for mode, run in runs.items()
    }

    failures = gate_failures({m: s[OURS] for m, s in summaries.items()}, settings.eval.thresholds) if args.gate else []
    if args.gate:
        verdict = {"passed": not failures, "thresholds": settings.eval.thresholds, "failures": [f.line() for f in failures]}
        (out / "gate.json").write_text(json.dumps(verdict, indent=2) + "\n", encoding="utf-8")
    if args.json:
        data = {m: clean({**s[OURS], **({"baselines": {k: v for k, v in s.items() if k != OURS}} if len(s) > 1 else {})}) for m, s in summaries.items()}
        if args.gate:
            data["gate"] = verdict
        print(json.dumps(data if len(runs) > 1 or args.gate else data[next(iter(runs))], indent=2, ensure_ascii=False))
    else:
        for mode, systems in summaries.items():
            print(f"\n{mode} mode, {len(runs[mode].questions)} questions")
            print(markdown_table(systems, "system"))
            print(markdown_table(systems[OURS]["by_type"], "type (ours)"))
        print(f"\nreports in {out}")
    if args.gate:
        if failures:
            print(f"eval gate FAILED: {len(failures)} metric(s) missed their threshold", file=sys.stderr)
            for failure in failures:
                print(f"  {failure.line()}", file=sys.stderr)
            return 1
        print(f"eval gate passed: {len(settings.eval.thresholds)} thresholds met", file=sys.stderr)
        if not settings.eval.thresholds:
            print("warning: eval.thresholds is empty, so the gate checked nothing (see config/ci.toml)", file=sys.stderr)
    return 0


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def _model_name(settings) -> str:
    if settings.llm.backend == "openai":
        return settings.llm.model
    return str(settings.local_model.gguf_path or settings.local_model.model)


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="answer a question set and report retrieval, citation and answer metrics")
    p.add_argument("--questions", action="append", type=Path, metavar="FILE", help="question file(s), JSON Lines (default: the frozen test set)")
    p.add_argument("--mode", choices=["llm", "extractive", "both"], help="answer mode (default: answer.mode); both writes one subfolder per mode")
    p.add_argument("--out", type=Path, metavar="DIR", help="where reports go (default: out/eval, or out/eval-ci with --gate)")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON instead of tables")
    p.add_argument("--baselines", action="store_true", help="also BM25-only, dense-only and (LLM mode) LlamaIndex CitationQueryEngine")
    p.add_argument("--gate", action="store_true", help="CI gate: all questions extractive + the first eval.llm_subset in LLM mode "
                   "(--mode is ignored), checked against eval.thresholds; exits 1 listing each miss")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N questions")
    # Also after the subcommand (`rag eval --gate --config config/ci.toml`); SUPPRESS keeps a
    # `rag --config X eval` value instead of overwriting it with None.
    p.add_argument("--config", type=Path, default=argparse.SUPPRESS, help="TOML preset layered over config/default.toml (as rag --config)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_eval)
