"""Uploading a reference-manager export in real Chromium, asking the new collection, downloading the answer.

Real engine (extractive mode: no LLM needed for this path), real Chroma, real MiniLM; the
`default` collection holds 12 shipped papers, the upload goes into a new collection.
Screenshots go to out/ui-screenshots/upload-*.png.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
from pathlib import Path

import bibtexparser
import pytest

from rag import open_collection
from rag.collection import CollectionSet
from rag.settings import PROJECT_ROOT, load_settings
from ui.upload import CollectionTools, import_upload, uploads_enabled

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = PROJECT_ROOT / "out" / "ui-screenshots"
BIB = Path(__file__).parent / "data" / "zotero-export.bib"
ABOUT_FORKMERGE = "How does ForkMerge mitigate negative transfer in auxiliary-task learning?"
FORKMERGE = "ForkMerge: Mitigating Negative Transfer in Auxiliary-Task Learning"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from tests.conftest import write_small_corpus

    folder = tmp_path_factory.mktemp("upload")
    corpus = write_small_corpus(folder)
    collection = open_collection(data_dir=folder / "data", answer={"mode": "extractive"})
    collection.ingest([corpus])
    yield collection
    collection.close()


@pytest.fixture(scope="module")
def served(library):
    from ui.app import build_app

    port = _free_port()
    settings = library.settings.model_copy(update={"ui": library.settings.ui.model_copy(update={"port": port, "upload_max_mb": 1})})
    app = build_app(library.engine, CollectionSet(library.components), settings)
    app.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, max_file_size="1mb")
    yield f"http://127.0.0.1:{port}/"
    app.close()


@pytest.fixture(scope="module")
def page(served):
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make install-test` (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="ui-upload-chromium-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, viewport={"width": 1360, "height": 1000}, accept_downloads=True
        )
        page = context.new_page()
        page.goto(served)
        page.locator("#qa-header .qa-count").wait_for(timeout=60_000)
        yield page
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _pick_collection(page, name: str) -> None:
    box = page.locator("#qa-collection input")
    box.click()
    box.fill(name)
    box.press("Enter")
    page.wait_for_timeout(300)


def _upload(page, path: Path) -> str:
    accordion = page.locator("#qa-upload")
    if not page.locator("#qa-upload-add").is_visible():
        accordion.get_by_text("Add papers").first.click()
    page.locator("#qa-upload-file input[type=file]").set_input_files(str(path))
    page.wait_for_timeout(500)  # the file reaches the server before the button is pressed
    report = page.locator("#qa-upload-report .qa-upload-report")
    before = report.inner_text() if report.count() else ""
    page.locator("#qa-upload-add").click()
    # The report of an earlier upload is on the page until this one's replaces it.
    page.wait_for_function(
        """(old) => { const r = document.querySelector('#qa-upload-report .qa-upload-report'); return r !== null && r.innerText !== old; }""",
        arg=before,
        timeout=120_000,
    )
    return report.inner_text()


def _ask(page, question: str, count: int):
    box = page.locator("#qa-input textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        """(n) => { const bots = document.querySelectorAll('[data-testid="bot"]');
                    return bots.length >= n && bots[n - 1].querySelector('.qa-final, .qa-error') !== null; }""",
        arg=count,
        timeout=60_000,
    )
    return page.locator('[data-testid="bot"]').nth(count - 1)


def test_a_zotero_export_uploaded_into_a_new_collection_answers_with_authors_years_and_downloads(page, library, tmp_path):
    assert "12 papers indexed" in page.locator("#qa-header").inner_text()
    _pick_collection(page, "zotero")
    report = _upload(page, BIB)
    page.screenshot(path=str(SHOTS / "upload-1-added.png"), full_page=True)
    assert "Added 3 papers from zotero-export.bib to zotero" in report
    assert "2 entries without an abstract" in report and "duplicate BibTeX key" in report
    page.wait_for_function("() => document.querySelector('#qa-header').innerText.includes('3 papers indexed')", timeout=10_000)

    bot = _ask(page, ABOUT_FORKMERGE, 1)
    bot.locator(".qa-sources-list summary").click()  # a shaped answer keeps its references folded
    assert FORKMERGE in bot.inner_text() and "Jiang" in bot.inner_text() and "(2023)" in bot.inner_text()
    sources = page.locator("#qa-sources").inner_text()
    assert "Junguang Jiang" in sources and "Advances in Neural Information Processing Systems" in sources
    page.screenshot(path=str(SHOTS / "upload-2-answer.png"), full_page=True)

    page.locator("#qa-export").click()
    page.locator("#qa-download-md:not([disabled])").wait_for(timeout=10_000)
    with page.expect_download() as markdown_download:
        page.locator("#qa-download-md").click()
    markdown = Path(markdown_download.value.path()).read_text(encoding="utf-8")
    assert markdown.startswith(f"# {ABOUT_FORKMERGE}") and "(https://example.org/forkmerge)" in markdown
    with page.expect_download() as bibtex_download:
        page.locator("#qa-download-bib").click()
    library_back = bibtexparser.parse_string(Path(bibtex_download.value.path()).read_text(encoding="utf-8"))
    assert [e.fields_dict["title"].value.strip("{}") for e in library_back.entries][0] == FORKMERGE

    # The same question in the default collection: its papers do not hold the answer.
    _pick_collection(page, "default")
    page.wait_for_function("() => document.querySelector('#qa-header').innerText.includes('12 papers indexed')", timeout=10_000)
    bot = _ask(page, ABOUT_FORKMERGE, 2)
    assert "don't answer" in bot.inner_text() and FORKMERGE not in bot.inner_text().split("leads")[0]


def test_a_bad_or_too_large_file_changes_nothing(page, library, tmp_path):
    zotero = open_collection("zotero", components=library.components)
    before = zotero.paper_count()
    _pick_collection(page, "zotero")
    titles_only = tmp_path / "titles-only.bib"
    titles_only.write_text("@article{a, title={Only a Title}, year={2020}}\n", encoding="utf-8")
    report = _upload(page, titles_only)
    assert "Nothing was added" in report and "no paper with both a title and an abstract" in report
    page.screenshot(path=str(SHOTS / "upload-3-refused.png"), full_page=True)
    assert zotero.paper_count() == before
    assert not any((library.settings.data_dir / "uploads" / "zotero").glob("*titles-only*")), "a refused file is not kept"


def test_import_rules_without_a_browser(library, tmp_path):
    settings = library.settings.model_copy(update={"ui": library.settings.ui.model_copy(update={"upload_max_papers": 2})})
    target = open_collection("limits", components=library.components)
    copy = tmp_path / "export.bib"
    shutil.copyfile(BIB, copy)
    with pytest.raises(Exception, match="one upload may add 2"):
        import_upload(target, copy, "export.bib", settings)
    with pytest.raises(Exception, match="not a file type"):
        import_upload(target, copy, "export.pdf", settings)
    assert target.paper_count() == 0
    kept = list((settings.data_dir / "uploads").rglob("*"))
    assert all(settings.data_dir in p.parents for p in kept), "uploads stay inside the data folder"


def test_uploads_are_off_on_an_open_network_bind_unless_configured():
    base = load_settings().ui
    assert uploads_enabled(base)  # 127.0.0.1
    exposed = base.model_copy(update={"host": "0.0.0.0", "insecure": True})
    assert not uploads_enabled(exposed)
    assert uploads_enabled(exposed.model_copy(update={"auth": ["ana:long-secret"]}))
    assert uploads_enabled(exposed.model_copy(update={"uploads": "on"}))
    assert not uploads_enabled(base.model_copy(update={"uploads": "off"}))
    settings = load_settings(ui={"host": "0.0.0.0", "insecure": True})
    assert CollectionTools(object(), settings).uploads is False  # type: ignore[arg-type]
