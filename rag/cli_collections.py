"""Subcommands for collections: list them, list a collection's papers, delete a paper or a collection."""

from __future__ import annotations

import argparse
import json
import sys


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _confirmed(question: str, yes: bool) -> bool:
    """--yes, or a typed "y"; no answer (a closed stdin, a script) is a no."""
    if yes:
        return True
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
    try:
        return input().strip().lower() in ("y", "yes")
    except EOFError:
        return False


def cmd_collections(args: argparse.Namespace, components) -> int:
    from rag.collection import list_collections

    infos = list_collections(components)
    if args.json:
        _print_json([i.to_json() for i in infos])
        return 0
    if not infos:
        print("no collections yet: `rag ingest` fills `default` with the shipped corpus")
    for info in infos:
        print(f"{info.name:<24} {info.papers:>8,} papers {info.chunks:>9,} chunks")
    return 0


def cmd_papers(args: argparse.Namespace, components) -> int:
    from rag.collection import Collection

    papers = Collection(components).papers()
    if args.json:
        _print_json([{"paper_id": p.paper_id, "title": p.title, **p.reference_json()} for p in papers])
        return 0
    for paper in papers:
        print(f"{paper.paper_id}\t{paper.title}" + (f"\t{paper.byline()}" if paper.byline() else ""))
    return 0


def cmd_delete_paper(args: argparse.Namespace, components) -> int:
    from rag.collection import Collection

    collection = Collection(components)
    match = next((p for p in collection.papers() if p.paper_id == args.paper_id), None)
    if match is None:
        print(f"error: no paper {args.paper_id!r} in collection {collection.name} (see `rag papers`)", file=sys.stderr)
        return 1
    if not _confirmed(f"delete “{match.title}” from collection {collection.name}?", args.yes):
        print("nothing deleted", file=sys.stderr)
        return 1
    chunks = collection.delete_paper(args.paper_id)
    print(f"deleted “{match.title}” ({chunks} chunks) from collection {collection.name}")
    return 0


def cmd_delete_collection(args: argparse.Namespace, components) -> int:
    from rag.collection import Collection, delete_collection

    info = Collection(components.for_collection(args.name)).info()
    if not _confirmed(f"delete collection {args.name} with its {info.papers:,} papers?", args.yes):
        print("nothing deleted", file=sys.stderr)
        return 1
    if not delete_collection(components, args.name):
        print(f"error: there is no collection {args.name!r} (see `rag collections`)", file=sys.stderr)
        return 1
    print(f"deleted collection {args.name} ({info.papers:,} papers)")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("collections", help="the named collections, with their paper counts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_collections)

    p = sub.add_parser("papers", help="the papers of a collection (id, title, authors and year)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_papers)

    p = sub.add_parser("delete-paper", help="remove one paper from a collection (asks first)")
    p.add_argument("paper_id")
    p.add_argument("-y", "--yes", action="store_true", help="do not ask")
    p.set_defaults(func=cmd_delete_paper)

    p = sub.add_parser("delete-collection", help="remove a whole collection (asks first)")
    p.add_argument("name")
    p.add_argument("-y", "--yes", action="store_true", help="do not ask")
    p.set_defaults(func=cmd_delete_collection)
