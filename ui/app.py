"""The browser chat: `build_app(engine)` builds it (no launch), `launch(engine, settings)` serves it.

A thin adapter: the engine answers, `ui.turn` turns its events into views, `ui.render`
makes the HTML. gradio is imported inside the functions that need it (5-9 s here).
"""

from __future__ import annotations

import ipaddress
import logging
import os
import time
from typing import TYPE_CHECKING, Any

from rag.errors import ConfigError
from ui import render
from ui.assets import CSS, SOURCES_JS
from ui.turn import CLEAR, STOP, AnswerRegistry, TurnControl, answer_turn, run_turn
from ui.upload import CollectionTools

if TYPE_CHECKING:
    import gradio as gr

    from rag.settings import Settings, UISettings

log = logging.getLogger(__name__)

EXAMPLES = (
    "Which methods tackle negative transfer?",
    "How can a large pretrained model be adapted while saving GPU memory?",
    "Which work transfers prosody style without text transcriptions?",
)


class PaperCount:
    """engine.paper_count(), asked at most once a minute.

    It scans the store's metadata: 80 ms for the 316 shipped papers, linear in chunks, so
    not on every page load of a big index. A failure shows as "index unavailable".
    """

    def __init__(self, engine, ttl_s: float = 60.0) -> None:
        self.engine, self.ttl_s = engine, ttl_s
        self.value: int | None = None
        self.checked = float("-inf")

    def __call__(self) -> int | None:
        if time.monotonic() - self.checked >= self.ttl_s:
            try:
                self.value = int(self.engine.paper_count())
            except Exception:
                log.exception("could not count the indexed papers")
                self.value = None
            self.checked = time.monotonic()
        return self.value


def _app_class():
    """gr.Blocks whose launch() brings the page's CSS and theme (gradio 6 takes them in launch)."""
    import gradio as gr

    class PaperQAApp(gr.Blocks):
        def launch(self, *args: Any, **kwargs: Any):
            kwargs.setdefault("css", CSS)
            kwargs.setdefault("theme", gr.themes.Soft(primary_hue="indigo", neutral_hue="slate"))
            kwargs.setdefault("footer_links", [])  # no API page or "built with" link for readers
            kwargs.setdefault("run_history", False)  # questions are not stored in the browser
            kwargs.setdefault("ssr_mode", False)  # no Node server
            kwargs.setdefault("show_error", False)  # errors are rendered by ui.turn, never raw
            return super().launch(*args, **kwargs)

    return PaperQAApp


def _session(request) -> str:
    # gradio passes the page's gr.Request; a direct call (a test, the API) has none.
    return getattr(request, "session_hash", None) or "-"


def _user_bubble(question: str, limit: int) -> dict[str, str]:
    shown = question.strip()
    if len(shown) > limit:  # a pasted book gets its error, not a wall of text
        shown = f"{shown[:300]}… ({len(shown):,} characters in all)"
    return {"role": "user", "content": render.render_user_message(shown)}


def build_app(engine, collections=None, settings: Settings | None = None) -> gr.Blocks:
    """`collections` (a rag.collection.CollectionSet) adds the collection picker and, when allowed, uploads;
    `settings` are the ones being served (their ui part decides whether uploads are allowed)."""
    import gradio as gr

    settings = settings or engine.settings
    tools = CollectionTools(collections, settings)
    registry = AnswerRegistry()
    control = TurnControl()
    paper_count = PaperCount(engine)
    count = paper_count()
    max_chars = settings.answer.max_question_chars

    def show_source(key: Any) -> str:
        # Called by SOURCES_JS with the chip's key; gradio hands the arguments over as a list.
        if isinstance(key, (list, tuple)):
            key = key[0] if key else ""
        return registry.source_panel(str(key))

    async def ask(question: str, turns: list, history: list, mode: str, top_k: float, collection: str | None = None, request=None):
        question = question or ""
        if not question.strip():
            yield (gr.skip(),) * 6
            return
        turns = [*turns, _user_bubble(question, max_chars), {"role": "assistant", "content": ""}]
        cleared = False
        views = answer_turn(tools.engine(collection, engine), question, history, mode, int(top_k), registry)
        async for kind, view in run_turn(views, control, _session(request)):
            if kind == "cleared":
                yield _cleared()
                return
            turns[-1] = {"role": "assistant", "content": view.bot_html}
            if kind == "stopped":
                yield turns, turns, gr.skip(), gr.skip(), gr.skip(), gr.skip()
                return
            if view.answer is not None:
                history = [*history, {"role": "user", "content": question.strip()}, {"role": "assistant", "content": view.answer.text}]
            panel_value = view.panel_html if view.panel_html is not None else gr.skip()
            # Empty the box once; later yields leave it alone so the next question can be typed.
            answered = view.answer if view.answer is not None else gr.skip()
            yield turns, turns, history, panel_value, (gr.skip() if cleared else ""), answered
            cleared = True

    def stop(request=None) -> None:
        control.press(_session(request), STOP)

    def clear(request=None):
        # A running answer empties the chat itself, as its last update (see ui.turn.TurnControl).
        if control.press(_session(request), CLEAR):
            return (gr.skip(),) * 6
        return _cleared()

    def _cleared():
        return [], [], [], render.render_sources_placeholder(paper_count()), gr.skip(), gr.skip()

    def pick_example(event) -> str:
        return event.value["text"]

    # gradio finds the SelectData parameter by its annotation; with postponed annotations it
    # would see the string "gr.SelectData" and pass None.
    pick_example.__annotations__["event"] = gr.SelectData
    for handler in (ask, stop, clear):  # and the session's gr.Request by its annotation
        handler.__annotations__["request"] = gr.Request

    def refresh_header():
        return render.render_header(paper_count())

    with _app_class()(title="Paper QA", analytics_enabled=False) as app:
        turns = gr.State([])  # the chat as displayed (HTML)
        history = gr.State([])  # the chat as the engine reads it (plain text)
        last_answer = gr.State(None)  # the latest verified answer, for the download buttons
        header = gr.HTML(render.render_header(count), elem_id="qa-header")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=420):
                picker = tools.render_picker()
                chatbot = gr.Chatbot(
                    value=[],
                    elem_id="qa-chat",
                    show_label=False,
                    height="64vh",
                    render_markdown=False,  # our HTML, escaped in ui.render; no markdown surprises
                    latex_delimiters=[],  # titles like "$R^2$-Tuning" stay as written
                    buttons=[],  # gradio's copy would copy our HTML; each answer has "Copy answer"
                    feedback_options=None,
                    group_consecutive_messages=False,
                    examples=[{"text": q} for q in EXAMPLES],
                    placeholder="**Ask about the indexed papers.** Every claim in an answer is cited; click a number to see the sentence it rests on.",
                )
                with gr.Row(equal_height=True, elem_id="qa-ask-row"):
                    question = gr.Textbox(
                        show_label=False,
                        placeholder=f"Ask a question about the papers (up to {max_chars:,} characters)…",
                        lines=1,
                        max_lines=6,
                        scale=8,
                        elem_id="qa-input",
                        autofocus=True,
                    )
                    ask_button = gr.Button("Ask", variant="primary", scale=0, min_width=90, elem_id="qa-ask")
                with gr.Row(elem_id="qa-actions"):
                    stop_button = gr.Button("Stop", size="sm", variant="secondary", scale=0, min_width=80, elem_id="qa-stop")
                    clear_button = gr.Button("Clear chat", size="sm", variant="secondary", scale=0, min_width=100, elem_id="qa-clear")
                prepare_downloads, download_md, download_bib = tools.render_downloads()
                with gr.Accordion("Settings", open=False, elem_id="qa-settings"):
                    mode = gr.Radio(
                        choices=[("Language model: written answer, citations checked", "llm"), ("Extractive: quoted sentences, instant", "extractive")],
                        value=settings.answer.mode,
                        label="Answer mode",
                        elem_id="qa-mode",
                    )
                    top_k = gr.Slider(1, max(30, settings.retrieval.top_k), value=settings.retrieval.top_k, step=1, label="Papers to retrieve", elem_id="qa-top-k")
                upload = tools.render_upload()
            with gr.Column(scale=2, min_width=340):
                panel = gr.HTML(
                    render.render_sources_placeholder(count),
                    elem_id="qa-sources",
                    js_on_load=SOURCES_JS,
                    server_functions=[show_source],
                )

        answer_io = dict(
            fn=ask,
            inputs=[question, turns, history, mode, top_k, picker],
            outputs=[chatbot, turns, history, panel, question, last_answer],
            show_progress="hidden",  # the bot message shows its own status line
            concurrency_limit=settings.ui.concurrent_answers,  # why 4: see ui.concurrent_answers in rag/settings.py
            concurrency_id="answer",
        )
        # One listener for Enter and the button, so "once" holds across both: a second question
        # sent mid-answer would start from the chat as it was and overwrite the first answer.
        gr.on([question.submit, ask_button.click], trigger_mode="once", **answer_io)
        chatbot.example_select(pick_example, None, question).then(**answer_io)
        # Neither cancels the answer's event; the answer draws the result (ui.turn.TurnControl).
        stop_button.click(stop, concurrency_limit=None, show_progress="hidden")
        clear_io = dict(fn=clear, outputs=[chatbot, turns, history, panel, question, last_answer], concurrency_limit=None, show_progress="hidden")
        clear_button.click(**clear_io)
        chatbot.clear(**clear_io)
        app.load(refresh_header, outputs=header, show_progress="hidden")
        # A click of its own: chained to the answer event (.then), or among its outputs, the downloads kept Stop from redrawing the message.
        prepare_downloads.click(tools.downloads_for, inputs=last_answer, outputs=[download_md, download_bib], show_progress="hidden")
        if collections is not None:

            def switch_collection(name: str):
                count = tools.paper_count(name)
                return render.render_header(count), render.render_sources_placeholder(count)

            picker.change(switch_collection, inputs=picker, outputs=[header, panel], show_progress="hidden")
        if upload is not None:
            upload_file, upload_button, upload_report = upload

            def add_papers(file: Any, name: str, progress=gr.Progress()):
                report_html, picker_update, count = tools.add_file(file, name, progress)
                return report_html, picker_update, (render.render_header(count) if isinstance(count, int) else gr.skip()), None

            upload_button.click(add_papers, inputs=[upload_file, picker], outputs=[upload_report, picker, header, upload_file], concurrency_limit=1)
    return app


# -- serving -------------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a hostname: it may resolve anywhere


def auth_pairs(ui: UISettings) -> list[tuple[str, str]]:
    pairs = []
    for entry in ui.auth:
        user, sep, password = entry.partition(":")
        if not sep or not user or not password:
            raise ConfigError("ui.auth entries must look like user:password", hint='e.g. RAG_UI__AUTH=\'["ana:long-secret"]\'')
        pairs.append((user, password))
    return pairs


def check_bind(ui: UISettings) -> list[tuple[str, str]]:
    """Refuse to serve beyond this machine without a password (or an explicit ui.insecure)."""
    pairs = auth_pairs(ui)
    if not is_loopback(ui.host) and not pairs and not ui.insecure:
        raise ConfigError(
            f"refusing to serve on {ui.host} without a password: anyone on the network could use it",
            hint='set ui.auth = ["user:password"] (RAG_UI__AUTH), or ui.insecure = true on a trusted network, or keep host 127.0.0.1',
        )
    return pairs


def launch(engine, settings: Settings, *, block: bool = True, collections=None, on_ready=None):
    """Serve the chat on settings.ui.host:port; print the URL; block until Ctrl+C (unless block=False).

    `on_ready()` runs once the page is served (the warm-up: started earlier, it competed with
    gradio's import for the cores and held the page back by a quarter on a busy 2-core machine).
    """
    ui = settings.ui
    pairs = check_bind(ui)
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio's first import
    # Gradio switches matplotlib to its agg backend around every event; without this, matplotlib
    # first works out the default backend by importing pyplot: ~0.6 s of the first answer.
    os.environ.setdefault("MPLBACKEND", "agg")
    # Uploaded files land in gradio's cache before our code sees them: keep that inside data_dir.
    os.environ.setdefault("GRADIO_TEMP_DIR", str(settings.data_dir / "uploads" / "incoming"))
    app = build_app(engine, collections, settings)
    app.queue(default_concurrency_limit=ui.concurrent_answers, max_size=ui.max_queue)
    try:
        app.launch(
            server_name=ui.host,
            server_port=ui.port,
            auth=pairs or None,
            auth_message="Paper QA: sign in" if pairs else None,
            prevent_thread_lock=True,
            quiet=True,
            share=False,
            mcp_server=False,
            max_file_size=f"{ui.upload_max_mb}mb",  # refused by the server before it is written anywhere
        )
    except OSError as exc:  # gradio's message names its own env variable; ours names the setting
        log.warning("cannot serve on %s:%s: %s", ui.host, ui.port, exc)
        raise ConfigError(f"cannot serve on {ui.host}:{ui.port}: the port is in use or the address is not this machine's",
                          hint="stop what uses the port, or set ui.port (RAG_UI__PORT) / ui.host") from None
    shown = "127.0.0.1" if ui.host in ("0.0.0.0", "::") else ui.host
    shown = f"[{shown}]" if ":" in shown else shown
    print(f"Paper QA is running on http://{shown}:{ui.port}" + (" (Ctrl+C to stop)" if block else ""), flush=True)
    if on_ready is not None:
        on_ready()
    if block:
        try:
            app.block_thread()
        except KeyboardInterrupt:
            pass
        finally:
            app.close()
    return app
