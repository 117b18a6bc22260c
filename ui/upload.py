"""Your own papers in the browser: choose or name a collection, upload a file into it, download an answer.

`import_upload` holds the rules and no gradio: the type and size of the file are checked
before anything is stored; the file is kept under data_dir/uploads/<collection>/ (and only
there); it is parsed whole before the first paper is written, so a file with nothing usable,
or with more papers than allowed, changes nothing; then papers go in by batches, reporting
progress. `CollectionTools` builds the gradio controls that ui/app.py places.
"""

from __future__ import annotations

import logging
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.errors import CorpusError, RagError

if TYPE_CHECKING:
    from rag.collection import Collection, CollectionSet
    from rag.records import Answer
    from rag.settings import Settings, UISettings

log = logging.getLogger(__name__)

UPLOAD_FORMATS = {".bib": "bibtex", ".ris": "ris", ".jsonl": "jsonl", ".csv": "csv", ".txt": "text"}
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def uploads_enabled(ui: UISettings) -> bool:
    """auto: on for a loopback bind or behind a password; off for an open network bind (anyone could write)."""
    if ui.uploads != "auto":
        return ui.uploads == "on"
    from ui.app import is_loopback

    return is_loopback(ui.host) or bool(ui.auth)


@dataclass
class UploadReport:
    collection: str
    file_name: str
    papers_read: int = 0
    papers_before: int = 0
    papers_after: int = 0
    chunks_added: int = 0
    missing_abstracts: int = 0
    duplicates: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def papers_added(self) -> int:
        return self.papers_after - self.papers_before

    def line(self) -> str:
        already = self.papers_read - self.papers_added
        text = f"Added {self.papers_added:,} paper{'s' * (self.papers_added != 1)} from {self.file_name} to {self.collection}"
        if already > 0:
            text += f"; {already:,} were already there"
        return text + f" ({self.papers_after:,} in all, {self.seconds:.1f} s)."

    def skipped_lines(self) -> list[str]:
        lines = []
        if self.missing_abstracts:
            lines.append(f"{self.missing_abstracts:,} entr{'ies' if self.missing_abstracts != 1 else 'y'} without an abstract (only abstracts can be searched)")
        other = [w for w in self.warnings if "no abstract" not in w]
        # Warnings name the stored copy's path; the user knows the file by its own name.
        lines += [re.sub(r"^.*?:(\d+): ", r"line \1: ", w) for w in other]
        return lines

    def html(self) -> str:
        skipped = self.skipped_lines()
        details = ""
        if skipped:
            items = "".join(f"<li>{escape(s)}</li>" for s in skipped[:12])
            more = f"<li>… and {len(skipped) - 12} more (see the log)</li>" if len(skipped) > 12 else ""
            details = f'<div class="qa-upload-skipped">Skipped:<ul>{items}{more}</ul></div>'
        return f'<div class="qa-upload-report" role="status"><div class="qa-upload-ok">{escape(self.line())}</div>{details}</div>'


def upload_error_html(message: str, hint: str | None = None) -> str:
    hint_html = f'<div class="qa-upload-hint">{escape(hint)}</div>' if hint else ""
    return f'<div class="qa-upload-report qa-upload-error" role="alert"><div>Nothing was added: {escape(message)}</div>{hint_html}</div>'


def import_upload(
    collection: Collection, path: Path, file_name: str, settings: Settings, progress: Callable[[float, str], None] | None = None
) -> UploadReport:
    """One uploaded file into a collection, all-or-nothing up to the first write. Raises CorpusError."""
    from rag.ingest.corpus import ReadReport, read_corpus

    began = time.perf_counter()
    ui = settings.ui
    suffix = Path(file_name).suffix.lower()
    fmt = UPLOAD_FORMATS.get(suffix)
    if fmt is None:
        raise CorpusError(f"{file_name} is not a file type that can be added", hint=f"upload one of: {', '.join(UPLOAD_FORMATS)}")
    size = Path(path).stat().st_size
    if size > ui.upload_max_mb * 2**20:
        raise CorpusError(f"{file_name} is {size / 2**20:,.1f} MB; the limit is {ui.upload_max_mb} MB", hint="split it, or use `rag ingest` on the command line")
    if size == 0:
        raise CorpusError(f"{file_name} is empty")

    folder = settings.data_dir / "uploads" / collection.name
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{_SAFE_NAME.sub('_', Path(file_name).name)[-80:]}"
    shutil.copyfile(path, kept)
    try:
        report = ReadReport()
        papers = list(read_corpus([kept], report, fmt, settings.ingest.max_line_chars, ui.upload_max_mb))
        if not papers:
            first = report.warnings[0].split(": ", 1)[-1] if report.warnings else "no entries found"
            raise CorpusError(f"{file_name} has no paper with both a title and an abstract ({first})", hint="check the file's format")
        if len(papers) > ui.upload_max_papers:
            raise CorpusError(
                f"{file_name} holds {len(papers):,} papers; one upload may add {ui.upload_max_papers:,}",
                hint="split the file, or use `rag ingest` on the command line",
            )
    except Exception:
        kept.unlink(missing_ok=True)  # a refused file is not kept
        raise
    result = UploadReport(collection.name, file_name, papers_read=len(papers), papers_before=collection.paper_count())
    if progress is not None:
        progress(0.0, f"adding {len(papers):,} papers")
    summary = collection.add_papers(
        papers, report, total=len(papers),
        on_batch=(lambda done: progress(done / len(papers), f"{done:,} of {len(papers):,} papers embedded")) if progress else None,
    )
    result.papers_after = collection.paper_count()
    result.chunks_added = summary.added
    result.missing_abstracts = summary.missing_abstracts
    result.duplicates = summary.duplicates
    result.warnings = list(summary.warnings)
    result.seconds = time.perf_counter() - began
    log.info("upload into %s: %s", collection.name, result.line())
    return result


def export_files(answer: Answer | None, folder: Path) -> tuple[str | None, str | None]:
    """The answer as answer.md and answer.bib in a fresh folder (None, None without an answer)."""
    from rag.export import answer_bibtex, answer_markdown

    if answer is None:
        return None, None
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(prefix="answer-", dir=folder))
    markdown, bibtex = target / "answer.md", target / "answer.bib"
    markdown.write_text(answer_markdown(answer), encoding="utf-8")
    bibtex.write_text(answer_bibtex(answer) or "% no paper was cited in this answer\n", encoding="utf-8")
    return str(markdown), str(bibtex)


class _Refusal:
    """Stands in for an engine that cannot be opened: `ui.turn` shows its error like any other."""

    def __init__(self, error: RagError) -> None:
        self.error = error

    def stream(self, *args: Any, **kwargs: Any):
        raise self.error


class CollectionTools:
    """The collection picker, the upload box and the answer downloads, for ui/app.py to place."""

    def __init__(self, collections: CollectionSet | None, settings: Settings) -> None:
        self.collections = collections
        self.settings = settings
        self.uploads = collections is not None and uploads_enabled(settings.ui)
        self.exports_folder = settings.data_dir / "exports"

    def engine(self, name: str | None, fallback: Any) -> Any:
        """The answer engine of the picked collection; a bad name gives an engine that says so when asked."""
        if self.collections is None or not name:
            return fallback
        try:
            return self.collections.get(name.strip()).engine
        except RagError as exc:
            return _Refusal(exc)

    def paper_count(self, name: str | None) -> int | None:
        try:
            return self.collections.get(name).paper_count() if self.collections is not None else None
        except RagError:
            return None

    # -- gradio ------------------------------------------------------------------------------

    def render_picker(self):
        """A dropdown of collections; typing a new name makes a new one (it exists once it has papers)."""
        import gradio as gr

        if self.collections is None:
            return gr.State(None)
        names = self.collections.names() or [self.collections.default_name]
        return gr.Dropdown(
            choices=names, value=self.collections.default_name, allow_custom_value=self.uploads, label="Collection",
            info="Type a new name to start a collection" if self.uploads else None, elem_id="qa-collection", interactive=True,
        )

    def render_upload(self):
        """The upload box and its report, or None when uploads are off."""
        import gradio as gr

        if not self.uploads:
            return None
        with gr.Accordion("Add papers", open=False, elem_id="qa-upload"):
            file = gr.File(
                label=f"A .bib, .ris, .jsonl, .csv or .txt file (up to {self.settings.ui.upload_max_mb} MB, {self.settings.ui.upload_max_papers:,} papers)",
                file_types=list(UPLOAD_FORMATS), file_count="single", elem_id="qa-upload-file",
            )
            button = gr.Button("Add to collection", variant="secondary", elem_id="qa-upload-add")
            report = gr.HTML("", elem_id="qa-upload-report")
        return file, button, report

    def render_downloads(self):
        import gradio as gr

        with gr.Row(elem_id="qa-downloads"):
            prepare = gr.Button("Export the last answer", size="sm", variant="secondary", elem_id="qa-export")
            markdown = gr.DownloadButton("Download answer (Markdown)", value=None, size="sm", interactive=False, elem_id="qa-download-md")
            bibtex = gr.DownloadButton("Download references (BibTeX)", value=None, size="sm", interactive=False, elem_id="qa-download-bib")
        return prepare, markdown, bibtex

    def downloads_for(self, answer: Answer | None):
        import gradio as gr

        markdown, bibtex = export_files(answer, self.exports_folder)
        return gr.update(value=markdown, interactive=markdown is not None), gr.update(value=bibtex, interactive=bibtex is not None)

    def add_file(self, file: Any, name: str, progress: Any = None):
        """The upload button: returns (report html, picker update, paper count)."""
        import gradio as gr

        from rag.settings import with_collection

        if file is None:
            return upload_error_html("choose a file first"), gr.skip(), gr.skip()
        path = Path(file if isinstance(file, str) else getattr(file, "name", file))
        try:
            with_collection(self.settings, (name or "").strip())  # a bad name is refused before anything happens
            collection = self.collections.get(name.strip())
            report = import_upload(collection, path, path.name, self.settings, progress=(lambda f, d: progress(f, desc=d)) if progress else None)
        except RagError as exc:
            log.warning("upload refused: %s", exc.user_line())
            return upload_error_html(exc.message, exc.hint), gr.skip(), gr.skip()
        except Exception as exc:  # a bug: logged with its traceback, one calm line on the page
            log.exception("upload of %s failed", path.name)
            return upload_error_html(f"something went wrong inside the app ({type(exc).__name__})", "the details are in the log"), gr.skip(), gr.skip()
        finally:
            Path(path).unlink(missing_ok=True)  # gradio's copy; ours is under data_dir/uploads
        names = self.collections.names()
        return report.html(), gr.update(choices=names, value=collection.name), report.papers_after
