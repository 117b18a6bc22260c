"""The chat UI in real Chromium, over the real engine and the whole shipped corpus.

The LLM is `ScriptedLLMServer`: a fake, named as one, because no model here answers the same
way twice within a test's time budget. It is a real OpenAI-compatible HTTP server on
loopback (SSE streaming, `data: [DONE]`), so the engine's client, timeouts and fallback are
exercised for real; it answers each question by restating the evidence of sources [1] and
[2] from the prompt it receives, so the engine's citation check has something true to verify.

The answer-shape tests at the end run over `ShapedAnswersEngine` (tests/shaped_answers.py),
a FAKE stand-in for the engine's shaping: prepared answers of each shape over real shipped papers.

Screenshots of every state go to out/ui-screenshots/ (11-15: one per answer shape); timings to
out/ui-screenshots/timings.json.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rag.records import AnswerEvent
from rag.settings import PROJECT_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = PROJECT_ROOT / "out" / "ui-screenshots"
NEGATIVE_TRANSFER = "Which methods tackle negative transfer?"
UNANSWERABLE = "What is the boiling point of tungsten in the corpus's chemistry papers?"
INJECTION = "Does <script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> transfer learning help?"
_SOURCE = re.compile(r"^\[(\d+)\] (.+?): (.*)$", re.MULTILINE)  # the engine's "[n] Name: card and evidence" lines


# -- a fake LLM on loopback ----------------------------------------------------------------


@dataclass
class ScriptedLLMServer:
    """FAKE OpenAI-compatible chat server: streams a structured answer, items from sources [1] and [2]."""

    delay_s: float = 0.03  # between streamed pieces, so streaming is visible in the browser
    requests: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep pytest output clean
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                server.requests.append(body)
                reply = server.reply(body.get("messages", []))
                if not body.get("stream"):
                    payload = {"id": "fake", "object": "chat.completion", "model": body.get("model", "fake"),
                               "choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}]}
                    data = json.dumps(payload).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                for piece in re.findall(r"\S+\s*", reply):
                    chunk = {"id": "fake", "object": "chat.completion.chunk", "model": "fake",
                             "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                    time.sleep(server.delay_s)
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @staticmethod
    def reply(messages: list[dict]) -> str:
        prompt = "\n".join(str(m.get("content", "")) for m in messages)
        sources = {int(n): (title, evidence) for n, title, evidence in _SOURCE.findall(prompt)}
        if not sources:  # the follow-up rewrite: the previous question, then the new one
            previous = re.findall(r"^User: (.*)$", prompt, re.MULTILINE)
            last = prompt.rsplit("Last question:", 1)[-1].split("\n")[0].strip()
            return f"{previous[-1] if previous else ''} {last}".strip()
        picked = [n for n in (1, 2) if n in sources]
        return json.dumps({"not_stated": False, "items": [{"source": n, "text": sources[n][1].strip()} for n in picked]})

    def stop(self) -> None:
        if self.thread.is_alive():
            self.httpd.shutdown()
            self.httpd.server_close()


# -- fixtures ------------------------------------------------------------------------------


class RecordingEngine:
    """The real engine, passed through; keeps each final answer so tests can compare the page with it."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.settings = engine.settings
        self.answers = []

    def paper_count(self) -> int:
        return self.engine.paper_count()

    def stream(self, *args, **kwargs):
        for event in self.engine.stream(*args, **kwargs):
            if isinstance(event, AnswerEvent):
                self.answers.append(event.answer)
            yield event


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def llm_server():
    server = ScriptedLLMServer()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def engine(shipped_components, llm_server):
    """The real AnswerEngine over the shipped index, talking to the scripted LLM on loopback."""
    from rag.components import Components

    settings = shipped_components.settings.model_copy(
        update={"llm": shipped_components.settings.llm.model_copy(update={"backend": "openai", "base_url": llm_server.base_url, "model": "scripted", "max_retries": 0})}
    )
    components = Components(settings)
    yield RecordingEngine(components.answer_engine)
    components.close()


@pytest.fixture(scope="module")
def served(engine):
    from ui.app import build_app

    began = time.perf_counter()
    import gradio  # noqa: F401  (timed apart: 5-9 s here, paid once per process)

    imported = time.perf_counter() - began
    app = build_app(engine)
    built = time.perf_counter() - began - imported
    port = _free_port()
    app.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
    yield {"url": f"http://127.0.0.1:{port}/", "began": began, "import_s": imported, "build_s": built}
    app.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make install-test` (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="ui-test-chromium-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, viewport={"width": 1360, "height": 900}
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def timings():
    SHOTS.mkdir(parents=True, exist_ok=True)
    recorded: dict[str, float] = {}
    yield recorded
    (SHOTS / "timings.json").write_text(json.dumps({k: round(v, 3) for k, v in recorded.items()}, indent=2) + "\n")


@pytest.fixture(scope="module")
def page(browser, served, timings):
    page = browser.new_page()
    page.goto(served["url"])
    page.get_by_test_id("textbox").first.wait_for(state="visible", timeout=60_000)
    page.locator("#qa-header .qa-count").wait_for(timeout=30_000)
    timings["import_gradio_s"] = served["import_s"]
    timings["build_app_s"] = served["build_s"]
    timings["import_and_build_to_usable_page_s"] = time.perf_counter() - served["began"]
    return page


# -- helpers -------------------------------------------------------------------------------


def _ask(page, question: str) -> None:
    box = page.locator("#qa-input textarea")
    box.fill(question)
    box.press("Enter")


def _last_bot(page):
    return page.locator('[data-testid="bot"]').last


def _wait_final(page, count: int, timeout_ms: int = 60_000):
    """The `count`-th bot message has reached a final state (an answer, an abstention, an error)."""
    try:
        page.wait_for_function(
            """(n) => { const bots = document.querySelectorAll('[data-testid="bot"]');
                        return bots.length >= n && bots[n - 1].querySelector('.qa-final, .qa-error') !== null
                               && bots[n - 1].querySelector('.qa-progress, .qa-pending') === null; }""",
            arg=count,
            timeout=timeout_ms,
        )
    except Exception as exc:  # say what the page showed instead
        bots = page.locator('[data-testid="bot"]')
        shown = [bots.nth(i).inner_html()[:300] for i in range(bots.count())]
        raise AssertionError(f"bot message {count} never became final; {len(shown)} bot messages: {shown}") from exc
    return page.locator('[data-testid="bot"]').nth(count - 1)


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


# -- scenarios (in order: they share one page and one conversation) -------------------------


def test_page_loads_with_examples_and_paper_count(page, engine):
    count = engine.paper_count()
    assert count > 100
    assert f"{count:,} papers indexed" in page.locator("#qa-header").inner_text()
    assert page.get_by_text(NEGATIVE_TRANSFER).first.is_visible()
    assert "click a numbered citation" in page.locator("#qa-sources").inner_text().lower()
    _shot(page, "01-empty")


def test_streamed_answer_cites_papers_and_chip_opens_the_supporting_sentence(page, engine, llm_server, timings):
    before = len(llm_server.requests)
    asked = time.perf_counter()
    page.locator("#qa-chat").get_by_text(NEGATIVE_TRANSFER).click()  # the example on the empty chat
    # The evidence draft arrives long before the model's answer is complete.
    page.locator('[data-testid="bot"] .qa-draft .qa-cite').first.wait_for(timeout=30_000)
    timings["ask_to_evidence_visible_s"] = time.perf_counter() - asked
    page.locator('[data-testid="bot"] .qa-stream').first.wait_for(timeout=30_000)
    timings["ask_to_first_token_visible_s (cold LLM client)"] = time.perf_counter() - asked
    _shot(page, "02-streaming")
    bot = _wait_final(page, 1)
    timings["ask_to_final_answer_s"] = time.perf_counter() - asked
    assert len(llm_server.requests) > before, "the answer did not come from the LLM endpoint"
    assert page.locator('[data-testid="user"]').last.inner_text() == NEGATIVE_TRANSFER

    answer = engine.answers[-1]
    assert answer.mode == "llm" and not answer.abstained and not answer.notice
    chips = bot.locator(".qa-body a.qa-cite")
    assert chips.count() >= 2, bot.inner_html()
    assert len({c.marker for c in answer.citations}) >= 2
    _shot(page, "03-answer")

    # Click the second citation: its paper opens in the sources panel, sentence highlighted.
    citation = answer.citations[1]
    bot.locator(f'.qa-body a.qa-cite[href$="-c{citation.marker}"]').first.click()
    active = page.locator("#qa-sources .src-card.active")
    page.wait_for_function(
        "(t) => { const c = document.querySelector('#qa-sources .src-card.active .src-title'); return c && c.textContent === t; }",
        arg=citation.paper.title,
        timeout=10_000,
    )
    assert active.locator("mark").inner_text() == citation.evidence.text
    assert active.locator(".src-title").inner_text() == citation.paper.title
    assert page.url.endswith("/"), "the chip click navigated away"
    _shot(page, "04-source-clicked")

    # Uncited retrieved papers are listed separately, collapsed.
    uncited = page.locator("#qa-sources details.src-uncited")
    if len(answer.retrieved) > len(answer.citations):
        assert uncited.count() == 1 and uncited.get_attribute("open") is None


def test_copy_answer_puts_text_with_markers_and_sources_on_the_clipboard(page, browser, served, engine):
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=served["url"].rstrip("/"))
    page.locator('[data-testid="bot"]').last.locator(".qa-final a.qa-copy").click()
    page.wait_for_function("() => document.querySelector('.qa-final a.qa-copy').textContent === 'Copied'", timeout=5_000)
    copied = page.evaluate("navigator.clipboard.readText()")
    answer = engine.answers[-1]
    assert copied.startswith(answer.text.strip())
    assert f"[1] {answer.citations[0].paper.title}" in copied


def test_follow_up_passes_the_conversation(page, engine, llm_server, timings):
    before = len(llm_server.requests)
    asked = time.perf_counter()
    _ask(page, "Which of those also use multi-task learning?")
    page.locator('[data-testid="bot"]').nth(1).locator(".qa-stream").wait_for(timeout=30_000)
    timings["ask_to_first_token_visible_s (warm)"] = time.perf_counter() - asked
    _wait_final(page, 2)
    prompts = [json.dumps(r["messages"]) for r in llm_server.requests[before:]]
    assert any(NEGATIVE_TRANSFER in p and "multi-task" in p for p in prompts), "the earlier question did not reach the rewrite"
    assert NEGATIVE_TRANSFER in engine.answers[-1].standalone_question


def test_stop_keeps_the_evidence_found_so_far(page, llm_server):
    llm_server.delay_s = 0.4  # slow enough to press Stop mid-answer
    try:
        _ask(page, "Which methods reduce catastrophic forgetting in continual learning?")
        bot = page.locator('[data-testid="bot"]').nth(2)
        bot.locator(".qa-stream").wait_for(timeout=30_000)
        page.locator("#qa-stop").click()
        bot = _wait_final(page, 3)
        time.sleep(1.5)  # a cancelled stream must not redraw the message afterwards
        assert bot.locator(".qa-progress").count() == 0
        assert "You stopped this answer" in bot.locator(".qa-notice").inner_text()
        assert bot.locator(".qa-body a.qa-cite").count() >= 1
        _shot(page, "05-stopped")
    finally:
        llm_server.delay_s = 0.03


def test_clear_mid_answer_empties_the_chat_for_good(page, llm_server):
    llm_server.delay_s = 0.4
    try:
        _ask(page, "Which methods reduce catastrophic forgetting in continual learning?")
        page.locator('[data-testid="bot"]').last.locator(".qa-stream").wait_for(timeout=30_000)
        page.locator("#qa-clear").click()
        page.wait_for_function("() => document.querySelectorAll('[data-testid=\"bot\"]').length === 0", timeout=10_000)
        time.sleep(1.5)  # the answer that was running must not draw the chat back
        assert page.locator('[data-testid="bot"]').count() == 0
        assert page.locator('[data-testid="user"]').count() == 0
    finally:
        llm_server.delay_s = 0.03


def test_unanswerable_question_abstains_with_leads(page, engine):
    _ask(page, UNANSWERABLE)
    bot = _wait_final(page, 1)
    assert engine.answers[-1].abstained, engine.answers[-1].text
    assert "The indexed papers don't answer this." in bot.inner_text()
    assert bot.locator(".qa-leads a.qa-lead").count() >= 1
    _shot(page, "06-abstained")


def test_extractive_mode_from_the_settings_skips_the_llm(page, engine, llm_server):
    page.locator("#qa-settings").get_by_text("Settings").click()
    page.get_by_label("Extractive: quoted sentences, instant").check()
    before = len(llm_server.requests)
    _ask(page, "Which work transfers prosody style without text transcriptions?")
    bot = _wait_final(page, 2)
    assert engine.answers[-1].mode == "extractive" and len(llm_server.requests) == before
    assert bot.locator(".qa-body a.qa-cite").count() >= 1
    _shot(page, "07-extractive")
    page.get_by_label("Language model: written answer, citations checked").check()


def test_llm_down_falls_back_with_a_visible_notice(page, engine, llm_server):
    llm_server.stop()
    _ask(page, NEGATIVE_TRANSFER)
    bot = _wait_final(page, 3)
    answer = engine.answers[-1]
    assert answer.notice, "the engine gave no fallback notice"
    notice = bot.locator(".qa-notice")
    assert notice.is_visible() and "unavailable" in notice.inner_text()
    assert bot.locator(".qa-body a.qa-cite").count() >= 1
    _shot(page, "08-fallback")


def test_question_with_html_is_shown_as_text(page):
    _ask(page, INJECTION)
    _wait_final(page, 4)
    user = page.locator('[data-testid="user"]').last
    assert "<script>window.__pwned=1</script>" in user.inner_text()
    assert user.locator("script, img").count() == 0
    assert page.evaluate("window.__pwned") is None
    _shot(page, "09-injection")


def test_too_long_question_gets_a_clear_message(page, engine):
    limit = engine.settings.answer.max_question_chars
    _ask(page, "negative transfer " * (limit // 10))
    bot = _wait_final(page, 5)
    assert bot.locator(".qa-error").is_visible()
    assert f"the limit is {limit:,}" in bot.inner_text()
    assert "Traceback" not in page.content()
    _shot(page, "10-too-long")


def test_clear_chat_empties_the_conversation(page):
    page.locator("#qa-clear").click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"bot\"]').length === 0", timeout=10_000)
    assert "click a numbered citation" in page.locator("#qa-sources").inner_text().lower()


def test_launch_prints_the_url_and_asks_for_the_password(engine, browser, capsys):
    from ui.app import launch

    port = _free_port()
    ui = engine.settings.ui.model_copy(update={"port": port, "auth": ["ana:open-sesame"]})
    app = launch(engine, engine.settings.model_copy(update={"ui": ui}), block=False)
    try:
        assert f"http://127.0.0.1:{port}" in capsys.readouterr().out
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        page.get_by_text("Paper QA: sign in").wait_for(timeout=30_000)
        page.locator('input[type="text"]').fill("ana")
        page.locator('input[type="password"]').fill("open-sesame")
        page.get_by_role("button", name="Login").click()
        page.locator("#qa-input textarea").wait_for(timeout=30_000)
        page.close()
    finally:
        app.close()


def test_launch_on_a_busy_port_says_which_setting_to_change(engine):
    from rag.errors import ConfigError
    from ui.app import launch

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        ui = engine.settings.ui.model_copy(update={"port": busy.getsockname()[1]})
        with pytest.raises(ConfigError, match="cannot serve on 127.0.0.1") as caught:
            launch(engine, engine.settings.model_copy(update={"ui": ui}), block=False)
    assert "ui.port" in caught.value.hint


# -- answer shapes: the page over a stand-in for the engine's shaping ------------------------------
# ShapedAnswersEngine (tests/shaped_answers.py) is a FAKE: prepared answers of each shape over
# real shipped papers, so these run in seconds and without the index or a model.


@pytest.fixture(scope="module")
def shaped_page(browser, tmp_path_factory):
    from rag.settings import load_settings
    from tests.shaped_answers import ShapedAnswersEngine
    from ui.app import build_app

    engine = ShapedAnswersEngine(load_settings(data_dir=tmp_path_factory.mktemp("shaped-data")))
    app = build_app(engine)
    port = _free_port()
    app.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    page.set_viewport_size({"width": 1360, "height": 1100})  # a whole list answer fits the chat
    page.goto(f"http://127.0.0.1:{port}/")
    page.locator("#qa-input textarea").wait_for(timeout=60_000)
    yield page, engine
    page.close()
    app.close()


def _ask_alone(page, question: str):
    """Ask on an emptied chat, so each shape's screenshot shows its own answer."""
    if page.locator('[data-testid="bot"]').count():
        page.locator("#qa-clear").click()
        page.wait_for_function("() => document.querySelectorAll('[data-testid=\"bot\"]').length === 0", timeout=10_000)
    _ask(page, question)
    return _wait_final(page, 1, timeout_ms=20_000)


def _open_in_panel(page, link, title: str):
    link.click()
    page.wait_for_function(
        "(t) => { const c = document.querySelector('#qa-sources .src-card.active .src-title'); return c && c.textContent === t; }",
        arg=title,
        timeout=10_000,
    )
    return page.locator("#qa-sources .src-card.active")


def test_list_shape_shows_one_line_per_paper_with_its_name_first_in_bold(shaped_page):
    from tests.shaped_answers import CODE_DATA, LIST_Q

    page, engine = shaped_page
    bot = _ask_alone(page, LIST_Q)
    answer = engine.answers[-1]
    papers = [i for i in answer.items if i.role == "item"]
    assert bot.locator(".qa-body .qa-lead-line").inner_text() == "Five of the retrieved papers tackle negative transfer:"
    lines = bot.locator(".qa-body ul.qa-items > li.qa-item")
    assert lines.count() == len(papers) == 5
    tops = []
    for k, item in enumerate(papers):
        line = lines.nth(k)
        name = line.locator("strong.qa-name")
        assert name.inner_text() == item.label and line.inner_text().startswith(item.label)  # the name leads the line
        assert page.evaluate("(el) => Number(getComputedStyle(el).fontWeight)", name.element_handle()) >= 600
        assert line.locator("a.qa-cite").count() == 1 and item.text[:40] in line.inner_text()
        tops.append(line.bounding_box()["y"])
    assert tops == sorted(tops) and len(set(tops)) == len(tops)  # each paper on its own line, in order
    related = bot.locator(".qa-related a.qa-lead")
    assert related.count() == 1 and related.inner_text() == CODE_DATA
    assert bot.locator(".qa-sources-list").get_attribute("open") is None  # the numbered sources wait, collapsed
    card = _open_in_panel(page, lines.nth(0).locator("a.qa-cite"), answer.citations[0].paper.title)
    assert card.locator("mark").inner_text() == answer.citations[0].evidence.text
    _shot(page, "11-shape-list")
    _open_in_panel(page, related, CODE_DATA)  # an "also related" title opens its paper too


def test_fact_shape_puts_the_figure_first_then_the_sentence_that_states_it(shaped_page):
    from tests.shaped_answers import FACT_Q

    page, engine = shaped_page
    bot = _ask_alone(page, FACT_Q)
    answer = engine.answers[-1]
    body = bot.locator(".qa-body")
    first = body.locator(":scope > *").first
    assert "qa-fact" in first.get_attribute("class") and first.inner_text().startswith("84.4% top-1 accuracy on ImageNet-2012")
    size = "(el) => parseFloat(getComputedStyle(el).fontSize)"
    assert page.evaluate(size, first.element_handle()) > page.evaluate(size, body.locator(".qa-evidence").element_handle())
    evidence = body.locator(".qa-evidence")
    assert evidence.locator("strong.qa-name").inner_text() == "GPipe" and "557-million-parameter" in evidence.inner_text()
    card = _open_in_panel(page, first.locator("a.qa-cite"), answer.citations[0].paper.title)
    assert "84.4%" in card.locator("mark").inner_text()
    _shot(page, "12-shape-fact")


def _item_names(bot) -> list[str]:
    """The bold names of an answer's item lines, in order."""
    names = bot.locator(".qa-body li.qa-item strong.qa-name")
    return [names.nth(k).inner_text() for k in range(names.count())]


def _below_the_items(bot, element) -> bool:
    return element.bounding_box()["y"] > bot.locator(".qa-body li.qa-item").last.bounding_box()["y"]


def test_comparison_shape_lines_up_the_items_then_says_how_they_differ(shaped_page):
    from tests.shaped_answers import COMPARISON_Q

    page, engine = shaped_page
    bot = _ask_alone(page, COMPARISON_Q)
    assert _item_names(bot) == ["SHERL", "UniPT"]
    diff = bot.locator(".qa-body .qa-diff")
    assert diff.locator("a.qa-cite").count() == 2 and diff.inner_text().startswith("SHERL still runs")
    assert _below_the_items(bot, diff)
    assert engine.answers[-1].mode == "llm" and "language model" in bot.locator(".qa-foot").inner_text()
    _shot(page, "13-shape-comparison")


def test_a_comparison_with_a_part_not_stated_answers_the_rest_and_says_which_part(shaped_page):
    from tests.shaped_answers import PARTIAL_Q

    page, _ = shaped_page
    bot = _ask_alone(page, PARTIAL_Q)
    assert _item_names(bot) == ["XTRA", "MBTL"]
    gap = bot.locator(".qa-body .qa-unstated")
    assert gap.count() == 1 and "don't state the GPU memory" in gap.inner_text()
    assert _below_the_items(bot, gap)
    assert "do not state this" not in bot.locator(".qa-foot").inner_text()  # the rest is answered
    _shot(page, "13b-shape-comparison-partial")


def test_not_stated_shape_says_so_plainly_and_offers_the_closest_papers(shaped_page):
    from tests.shaped_answers import FORKMERGE, NOT_STATED_Q

    page, engine = shaped_page
    bot = _ask_alone(page, NOT_STATED_Q)
    state = bot.locator(".qa-body .qa-not-stated")
    assert state.is_visible() and state.inner_text().strip().endswith("The abstracts don't state the learning rate ForkMerge uses.")
    assert bot.locator(".qa-body a.qa-cite").count() == 0  # nothing is claimed, so nothing is cited
    leads = bot.locator(".qa-body .qa-related a.qa-lead")
    assert leads.count() == 2 and "closest papers, as leads" in bot.locator(".qa-body").inner_text().lower()
    assert "don't state this" in page.locator("#qa-sources .src-note").inner_text()
    _open_in_panel(page, leads.first, FORKMERGE)
    _shot(page, "14-shape-not-stated")


def test_open_shape_reads_as_a_paragraph_and_strikes_a_rejected_citation(shaped_page):
    from tests.shaped_answers import CONVBN_REASON, OPEN_Q

    page, engine = shaped_page
    bot = _ask_alone(page, OPEN_Q)
    paragraph = bot.locator(".qa-body .qa-open")
    assert paragraph.count() == 1 and paragraph.locator("a.qa-cite").count() == 5
    rejected = paragraph.locator("a.qa-cite-unsupported")
    assert rejected.count() == 1 and CONVBN_REASON in rejected.get_attribute("title")
    assert "line-through" in page.evaluate("(el) => getComputedStyle(el).textDecorationLine", rejected.element_handle())
    assert "1 citation marked" in bot.locator(".qa-warn").inner_text() and CONVBN_REASON in bot.locator(".qa-warn").inner_text()
    rejected.hover()
    _shot(page, "15-shape-open")
