"""Ingest stage: read corpora (text, JSONL, CSV, BibTeX, RIS), chunk, build paper cards, store."""
