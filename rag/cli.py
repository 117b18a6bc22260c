"""`rag`: a thin command line. Each subcommand calls one library function.

A `RagError` becomes one line on stderr and its exit code; the traceback goes to the log.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from rag.errors import RagError

log = logging.getLogger("rag.cli")


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_ingest(args: argparse.Namespace, components) -> int:
    from rag.collection import Collection

    summary = Collection(components).ingest([Path(p) for p in args.paths], args.format, progress=not args.quiet)
    if args.json:
        _print_json(summary.to_json())
    else:
        for warning in summary.warnings[:20]:
            print(f"warning: {warning}", file=sys.stderr)
        if summary.warning_count > 20:
            print(f"warning: ... and {summary.warning_count - 20:,} more (see the log)", file=sys.stderr)
        print(summary.line())
    return 0


def cmd_stats(args: argparse.Namespace, components) -> int:
    from rag.collection import Collection

    info = Collection(components).info()
    # "collection" stays the Chroma name, as before collections had names; "name" is the user's.
    data = {"papers": info.papers, "chunks": info.chunks, "collection": components.store.name, "name": info.name}
    if args.json:
        _print_json(data)
    else:
        print(f"{info.papers} papers, {info.chunks} chunks in collection {info.name} ({components.store.name})")
    return 0


def cmd_config(args: argparse.Namespace, components) -> int:
    from rag.settings_toml import settings_toml

    print(settings_toml(components.settings), end="")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rag", description="Cited answers from research-paper abstracts, offline.")
    parser.add_argument("--config", type=Path, help="TOML file layered over config/default.toml")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to the terminal too")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="add corpus files to the index")
    p.add_argument("paths", nargs="*", help="corpus files (default: the shipped corpus)")
    p.add_argument("--format", choices=["text", "jsonl", "csv", "bibtex", "ris"], help="override detection by extension")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("stats", help="what the index holds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("config", help="print the effective settings as TOML (defaults + --config + RAG_ env)")
    p.set_defaults(func=cmd_config)

    from rag import cli_answer

    cli_answer.add_commands(sub)
    from rag import cli_eval

    cli_eval.add_commands(sub)
    from rag import cli_collections

    cli_collections.add_commands(sub)
    # `--collection` before or after the subcommand: `rag --collection x ask ...` or `rag ask ... --collection x`.
    for command in [parser, *sub.choices.values()]:
        command.add_argument(
            "--collection", default=argparse.SUPPRESS, metavar="NAME", help="the named collection to use (default: store.collection, `default`)"
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from rag.components import Components
    from rag.logs import setup_logging
    from rag.settings import load_settings

    try:
        settings = load_settings(args.config)
        if getattr(args, "collection", None):
            from rag.settings import with_collection

            settings = with_collection(settings, args.collection)
        setup_logging(settings, args.verbose)
        components = Components(settings)
        try:
            return args.func(args, components)
        finally:
            components.close()
    except RagError as exc:
        log.debug("user-facing error", exc_info=exc)
        print(exc.user_line(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted: what was written is kept; run the same command again to finish", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not the user's doing: the traceback goes to the log, not the terminal
        log.exception("unexpected failure")
        print(f"error: unexpected failure ({type(exc).__name__}); the details are in the log (data_dir/logs/rag.log)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
