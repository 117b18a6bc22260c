"""Is a corpus file text of the format it claims? Decided from its first 64 KB, before any line is read.

A binary file read line by line makes "papers" out of byte noise: 4 KB of random bytes gave
8 of them, binary titles and all, which then showed up in searches and the paper count. A
gzip, a PDF or a JSON array handed to a reader does the same or buries the user in per-line
warnings. So a file whose head is not text of its format is refused as a whole, with one
line saying what it looks like and what to do, and nothing of it reaches the store.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

HEAD_BYTES = 64 * 1024  # ~50 abstracts of text: enough to judge, cheap for a 2 GB file
# Random bytes are ~55% invalid UTF-8; Latin-1 prose a few percent (one accented letter a word at most).
MAX_BAD_BYTE_SHARE = 0.10
# Text has tabs and newlines, not other C0 controls; byte noise without NULs has ~11% of them.
MAX_CONTROL_SHARE = 0.01

# (leading bytes, what the file is, what to do). Checked in order.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x1f\x8b", "a gzip-compressed file", "decompress it first (gunzip -k FILE)"),
    (b"%PDF-", "a PDF document", "export the titles and abstracts to text, JSON Lines or CSV first"),
    (b"PK\x03\x04", "a zip archive (or a .docx/.xlsx document)", "unpack or export it to text, JSON Lines or CSV first"),
    (b"\xfd7zXZ\x00", "an xz-compressed file", "decompress it first (xz -dk FILE)"),
    (b"(\xb5/\xfd", "a zstd-compressed file", "decompress it first (zstd -d FILE)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "give a text, JSON Lines or CSV file"),
    (b"\xff\xd8\xff", "a JPEG image", "give a text, JSON Lines or CSV file"),
    (b"GIF8", "a GIF image", "give a text, JSON Lines or CSV file"),
    (b"\x7fELF", "a program (ELF binary)", "give a text, JSON Lines or CSV file"),
    (b"SQLite format 3\x00", "an SQLite database", "export the papers to JSON Lines or CSV first"),
    (b"\xff\xfe", "UTF-16 text", "convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8 FILE)"),
    (b"\xfe\xff", "UTF-16 text", "convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8 FILE)"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_UTF8_BOM = b"\xef\xbb\xbf"


def refusal(path: Path, fmt: str) -> str | None:
    """Why `path` must not be read as `fmt` (one line ending with what to do), or None when it may."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
        complete = not handle.read(1)
    return binary_refusal(head, complete) or format_refusal(head, fmt)


def binary_refusal(head: bytes, complete: bool = True) -> str | None:
    for magic, what, todo in _MAGIC:
        if head.startswith(magic):
            return f"not a text file: it is {what}; skipped ({todo})"
    if _BZIP2.match(head):
        return "not a text file: it is a bzip2-compressed file; skipped (decompress it first: bunzip2 -k FILE)"
    if b"\x00" in head:
        return "not a text file: it holds binary data (NUL bytes); skipped (give a text, JSON Lines or CSV file)"
    body = head.removeprefix(_UTF8_BOM)
    # surrogateescape turns each byte that is not UTF-8 into one lone surrogate we can count;
    # final=False keeps a character cut by the 64 KB boundary from counting as bad.
    text = codecs.getincrementaldecoder("utf-8")("surrogateescape").decode(body, final=complete)
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    if body and bad / len(body) > MAX_BAD_BYTE_SHARE:
        return f"not a text file: {bad / len(body):.0%} of its first bytes are not UTF-8 text; skipped (give a UTF-8 text, JSON Lines or CSV file)"
    if text and len(_CONTROL.findall(text)) / len(text) > MAX_CONTROL_SHARE:
        return "not a text file: it is full of control characters; skipped (give a text, JSON Lines or CSV file)"
    lines = [line for line in text.split("\n") if line.strip()]
    bad_lines = sum(1 for line in lines if any("\udc80" <= ch <= "\udcff" for ch in line))
    if len(lines) >= 2 and bad_lines * 2 > len(lines):
        return (
            f"not UTF-8 text: {bad_lines} of its first {len(lines)} lines have bytes that are not UTF-8; skipped "
            "(convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8)"
        )
    return None


def format_refusal(head: bytes, fmt: str) -> str | None:
    """A JSON file given as the text format, or a JSON array given as JSON Lines."""
    text = head.removeprefix(_UTF8_BOM).decode("utf-8", "replace")
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if fmt == "text" and first.startswith("{") and first.endswith("}"):
        try:
            is_object = isinstance(json.loads(first), dict)
        except ValueError:
            is_object = False
        if is_object:
            return "looks like JSON Lines, not the text format; skipped (pass --format jsonl)"
    if fmt == "jsonl" and first.startswith("["):
        return "is a JSON array, not JSON Lines (one object a line); skipped (convert it first: jq -c '.[]' FILE > FILE.jsonl)"
    if fmt in ("jsonl", "text") and first.startswith(("<?xml", "<!DOCTYPE", "<html", "<HTML")):
        return f"looks like XML or HTML, not {'JSON Lines' if fmt == 'jsonl' else 'the text format'}; skipped (export the titles and abstracts first)"
    return None
