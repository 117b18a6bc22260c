"""Write a mode's results: answers.jsonl, report.json, report.md and chart.png.

The report names the judge (JUDGE_NOTE) and its threshold, the question files, and how each
baseline was built, so a table is never read without knowing what produced it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from eval.citation_metrics import JUDGE_NOTE, judge_accuracy_table
from eval.harness import METRICS, ModeRun

# Short column names for the tables, in order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("retrieval.recall@5", "R@5"),
    ("retrieval.recall@10", "R@10"),
    ("retrieval.mrr", "MRR"),
    ("retrieval.ndcg@10", "nDCG@10"),
    ("citation.precision", "cite P"),
    ("citation.recall", "cite R"),
    ("citation.validity", "valid"),
    ("citation.gold_precision", "gold P"),
    ("answer.must_mention", "must-mention"),
    ("abstention.accuracy", "abstain acc"),
    ("abstention.false_rate", "false abstain"),
    ("answer.fallback_rate", "LLM fallback"),
    ("answer.retry_rate", "LLM retried"),
)
SYSTEM_NOTES = {
    "ours": "the answer engine (hybrid retrieval + rerank, extractive draft or LLM synthesis, citation verification)",
    "bm25": "our retriever, BM25 only, no rerank (retrieval only)",
    "dense": "our retriever, MiniLM dense only, no rerank (retrieval only)",
    "llamaindex-citation": "LlamaIndex CitationQueryEngine over a VectorStoreIndex (same embedder, same LLM endpoint and settings, "
    "same number of papers in context, titles shown to the LLM); its ranking is the same index's retriever",
}


def clean(value: Any) -> Any:
    """JSON-safe copy: NaN becomes null, floats are rounded to 4 places."""
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    if isinstance(value, Mapping):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def value_at(summary: Mapping[str, Any], key: str) -> float:
    group, name = key.split(".", 1)
    value = summary.get(group, {}).get(name, float("nan"))
    return float("nan") if value is None else float(value)


def _cell(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.3f}"


def markdown_table(rows: Mapping[str, Mapping[str, Any]], first: str) -> str:
    """One row per entry (system or question type); the columns of COLUMNS that any row defines."""
    keys = [(k, label) for k, label in COLUMNS if any(not math.isnan(value_at(s, k)) for s in rows.values())]
    lines = [f"| {first} | n | " + " | ".join(label for _, label in keys) + " |", "|---" * (len(keys) + 2) + "|"]
    for name, summary in rows.items():
        lines.append(f"| {name} | {summary.get('n', '')} | " + " | ".join(_cell(value_at(summary, k)) for k, _ in keys) + " |")
    return "\n".join(lines)


def mode_markdown(run: ModeRun, summaries: Mapping[str, dict], questions_from: Sequence[str], judge_threshold: float, llm_model: str = "") -> str:
    ours = summaries.get("ours", {})
    parts = [
        f"# Evaluation, {run.mode} mode",
        "",
        f"{len(run.questions)} questions from {', '.join(questions_from)}"
        + (f"; language model: {llm_model}" if run.mode == "llm" and llm_model else "")
        + ". All systems ran on the same questions in the same run.",
        "",
        "## Systems",
        "",
        markdown_table(summaries, "system"),
        "",
        "## Ours, by question type",
        "",
        markdown_table(ours.get("by_type", {}), "type"),
        "",
        f"Latency of ours: p50 {ours.get('latency_s', {}).get('p50', float('nan')):.2f} s, "
        f"p95 {ours.get('latency_s', {}).get('p95', float('nan')):.2f} s per question.",
        "",
        "## How to read it",
        "",
        "- Retrieval metrics use the gold papers of answerable questions; citation metrics use answers that did not abstain.",
        "- cite P / cite R: ALCE citation precision and recall (Gao et al. 2023), averaged per answer. valid: share of "
        "markers pointing at a retrieved paper. gold P: share of cited papers that are gold. must-mention: share of "
        "required terms in the answer text. abstain acc: abstentions on unanswerable questions; false abstain: "
        "abstentions on answerable ones (lower is better). LLM fallback: answers where the LLM failed, or its "
        "answer could not be verified or was overruled for a figure the abstracts state, and the extractive answer "
        "was given instead (lower is better); in LLM mode "
        "those extractive answers are scored too, as the user sees them, and their verbatim quotes score 1.0 on "
        "citation precision and recall. LLM retried: answers whose first model answer had no line that passed "
        "verification, given from the model's second request (shown only the extractive draft's cited sentences).",
        f"- Judge: {JUDGE_NOTE} Supported at judge score >= {judge_threshold:g}.",
        "",
        "How far to trust the citation figures: the judge on the claim challenge set's test half "
        "(eval/challenge/claims.jsonl; recall per error kind, false alarms on correct claims):",
        "",
        judge_accuracy_table(),
        "",
        "Systems:",
        "",
        *[f"- `{name}`: {SYSTEM_NOTES.get(name, name)}" for name in summaries],
        "",
        "![metrics](chart.png)",
        "",
        *rejected_claims_markdown(run),
    ]
    return "\n".join(parts)


def rejected_claims_markdown(run: ModeRun) -> list[str]:
    """Every claim of ours the judge rejected, with its question, cited paper and the evidence read."""
    lines = ["## Rejected claims (for a person to audit)", ""]
    for graded in run.graded.get("ours", []):
        for cit in graded.citations:
            for item in cit.get("claims", []):
                if not item["supported"]:
                    lines.append(f"- **{graded.question.id}** {graded.question.question}\n  - claim: {item['claim']}\n"
                                 f"  - cited: [{cit['marker']}] {cit['title']}\n  - best evidence: {item['evidence'] or '(none)'}")
    if len(lines) == 2:
        lines.append("None: the judge supported every cited claim.")
    return lines + [""]


def write_chart(summaries: Mapping[str, dict], path: Path, title: str) -> None:
    """Two panels: every system on each metric, and ours by question type."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    keys = [k for k, _ in COLUMNS]
    labels = [label for _, label in COLUMNS]
    by_type = summaries.get("ours", {}).get("by_type", {})
    figure, axes = plt.subplots(2, 1, figsize=(14, 8.5), constrained_layout=True)
    for axis, rows, heading in ((axes[0], summaries, "by system"), (axes[1], by_type, "ours, by question type")):
        names = list(rows)
        width = 0.8 / max(len(names), 1)
        x = np.arange(len(keys))
        for i, name in enumerate(names):
            values = [value_at(rows[name], k) for k in keys]
            offsets = x + (i - (len(names) - 1) / 2) * width
            bars = axis.bar(offsets, [0 if math.isnan(v) else v for v in values], width, label=f"{name} (n={rows[name].get('n', '')})")
            for offset, value, bar in zip(offsets, values, bars):
                if not math.isnan(value) and value < 0.02:  # a measured zero must not look like "not applicable"
                    axis.text(offset, 0.01, "0", ha="center", va="bottom", fontsize=7, color=bar.get_facecolor())
        axis.set_xticks(x, labels, rotation=20, ha="right")
        axis.set_ylim(0, 1.05)
        axis.set_ylabel("score (no bar: not applicable)")
        axis.set_title(f"{title}: {heading}")
        axis.grid(axis="y", alpha=0.3)
        axis.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.005, 1.0))
    figure.savefig(path, dpi=110)
    plt.close(figure)


def write_mode_report(run: ModeRun, folder: Path, questions_from: Sequence[str], judge_threshold: float, llm_model: str = "") -> dict[str, dict]:
    """answers.jsonl (ours), answers-<system>.jsonl (baselines that answer), report.json, report.md, chart.png."""
    folder.mkdir(parents=True, exist_ok=True)
    summaries = run.summaries()
    for system, rows in run.graded.items():
        if system != "ours" and not any(r.answer or r.abstained for r in rows):
            continue  # retrieval-only baselines: their rankings are in report.json's metrics
        name = "answers.jsonl" if system == "ours" else f"answers-{system}.jsonl"
        with open(folder / name, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row.to_json(), ensure_ascii=False) + "\n")
    report = {
        "mode": run.mode,
        "questions": list(questions_from),
        "n": len(run.questions),
        "llm_model": llm_model if run.mode == "llm" else None,
        "judge": {"description": JUDGE_NOTE, "threshold": judge_threshold, "challenge_test": judge_accuracy_table()},
        "metrics": {group: list(names) for group, names in METRICS.items()},
        "systems": clean(summaries),
    }
    (folder / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "report.md").write_text(mode_markdown(run, summaries, questions_from, judge_threshold, llm_model), encoding="utf-8")
    write_chart(summaries, folder / "chart.png", f"{run.mode} mode, {len(run.questions)} questions")
    return summaries
