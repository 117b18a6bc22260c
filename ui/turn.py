"""One question in the chat: engine events in, what the page shows out. No gradio here.

`answer_turn` drives `engine.stream(...)` and yields a `TurnView` after each event: the bot
message and, when it changes, the sources panel. It never raises for an engine failure:
a `RagError` becomes its one-line message, anything else is logged with its traceback and
shown as a short apology. When the failure comes after the evidence arrived, the evidence
draft becomes the answer, with the error as its notice, so the user keeps what was found.

`run_turn` runs those views off the event loop and lets Stop and Clear reach the running
answer through a `TurnControl`, so the answer is the only writer of its own message.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, replace

from rag.errors import RagError
from rag.records import Answer, AnswerEvent, EvidenceEvent, StatusEvent, TokenEvent
from ui import render

log = logging.getLogger(__name__)

# How often a running answer looks for Stop or Clear while it waits for the engine: a press
# shows within a tenth of a second, whatever the model is doing.
CONTROL_POLL_S = 0.1

# A redraw per streamed token is ~5 KB of message; 20 a second is smooth and a tenth of the
# traffic of the ~40 tokens/s the small local models produce.
STREAM_REDRAW_S = 0.05


class AnswerRegistry:
    """Answers by random id, so a clicked chip can find its answer: bounded, thread-safe.

    500 answers x ~20 KB (ten hits with abstracts) = ~10 MB at most.
    """

    def __init__(self, capacity: int = 500) -> None:
        self.capacity = capacity
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, answer: Answer) -> str:
        answer_id = secrets.token_hex(8)
        with self._lock:
            self._answers[answer_id] = answer
            while len(self._answers) > self.capacity:
                self._answers.popitem(last=False)
        return answer_id

    def get(self, answer_id: str) -> Answer | None:
        with self._lock:
            return self._answers.get(answer_id)

    def source_panel(self, key: str) -> str:
        """The panel for a clicked chip's key (`<id>-c2`); a stale or forged key says so."""
        parsed = render.parse_source_key(key)
        answer = self.get(parsed[0]) if parsed else None
        if answer is None:
            return render.render_sources_note("That answer is no longer in memory; ask the question again to see its sources.")
        _, kind, number = parsed
        return render.render_sources_panel(answer, f"{kind}{number}")


@dataclass(frozen=True)
class TurnView:
    bot_html: str
    panel_html: str | None = None  # None: leave the panel as it is
    answer: Answer | None = None  # set on the last view when an answer (not an error) was shown
    stopped_html: str = ""  # what the message becomes if the user presses Stop now ("" when done)


def _status_line(message: str) -> str:
    message = message.strip()
    return (message[:1].upper() + message[1:]).rstrip(".") + "…" if message else "Working…"


def answer_turn(
    engine,
    question: str,
    history: Sequence[dict[str, str]],
    mode: str | None,
    top_k: int | None,
    registry: AnswerRegistry,
) -> Iterator[TurnView]:
    yield TurnView(render.render_progress("Searching the papers…"), stopped_html=render.render_stopped(None, ""))
    draft: Answer | None = None
    draft_id = ""
    streamed: list[str] = []
    status = ""
    last_redraw = 0.0
    try:
        for event in engine.stream(question, list(history), mode=mode, top_k=top_k):
            if isinstance(event, StatusEvent):
                status = _status_line(event.message)
                if event.restart:
                    streamed.clear()  # the model is asked again: its first text is withdrawn
                yield TurnView(render.render_progress(status, draft, draft_id, "".join(streamed)), stopped_html=render.render_stopped(draft, draft_id))
            elif isinstance(event, EvidenceEvent):
                draft = event.draft
                draft_id = registry.add(draft)
                status = "Waiting for the language model; the first words can take a few seconds…"
                yield TurnView(render.render_progress(status, draft, draft_id), render.render_sources_panel(draft), stopped_html=render.render_stopped(draft, draft_id))
            elif isinstance(event, TokenEvent):
                streamed.append(event.text)
                now = time.monotonic()
                if now - last_redraw >= STREAM_REDRAW_S:
                    last_redraw = now
                    yield TurnView(render.render_progress(status, draft, draft_id, "".join(streamed)), stopped_html=render.render_stopped(draft, draft_id))
            elif isinstance(event, AnswerEvent):
                answer = event.answer
                answer_id = registry.add(answer)
                yield TurnView(render.render_answer(answer, answer_id), render.render_sources_panel(answer), answer)
                return
        raise RuntimeError("the answer stream ended without an answer")
    except RagError as exc:
        log.warning("question failed: %s", exc.user_line())
        yield _failed(exc.message, exc.hint, draft, registry)
    except Exception as exc:  # a bug: the log gets the traceback, the page one calm line
        log.exception("answering %r failed", question[:200])
        yield _failed(f"something went wrong inside the app ({type(exc).__name__})", "the details are in the log; try again", draft, registry)


def _failed(message: str, hint: str | None, draft: Answer | None, registry: AnswerRegistry) -> TurnView:
    if draft is None:
        return TurnView(render.render_error(message, hint))
    answer = replace(draft, notice=f"{message}; this answer is built from the cited abstracts only.")
    answer_id = registry.add(answer)
    return TurnView(render.render_answer(answer, answer_id), render.render_sources_panel(answer), answer)


# -- Stop and Clear --------------------------------------------------------------------------

STOP, CLEAR = "stop", "clear"


class TurnControl:
    """The answers running in each browser session, and whether Stop or Clear was pressed since.

    Stop and Clear do not cancel the answer's gradio event: a cancelled generator's last
    update travels on its own event and can reach the page after Stop's redraw, turning a
    stopped message back into "working" (seen in CI). Instead they leave a request here, and
    the running answer, the only writer of its message, draws the stopped or cleared chat as
    its last update. A press after the answer finished finds nothing running and says so,
    under the same lock the answer finishes with, so exactly one of the two draws.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._turns: dict[tuple[str, int], str | None] = {}
        self._next = 0

    def begin(self, session: str) -> tuple[str, int]:
        with self._lock:
            self._next += 1
            key = (session, self._next)
            self._turns[key] = None
            return key

    def press(self, session: str, what: str) -> bool:
        """Stop or Clear pressed in `session`: True when a running answer will draw the result."""
        with self._lock:
            running = [key for key in self._turns if key[0] == session]
            for key in running:
                if self._turns[key] != CLEAR:  # Clear outranks Stop: the chat is to be emptied
                    self._turns[key] = what
            return bool(running)

    def pressed(self, key: tuple[str, int]) -> str | None:
        with self._lock:
            return self._turns.get(key)

    def finish(self, key: tuple[str, int]) -> str | None:
        """The answer is done drawing; what was pressed meanwhile, if anything."""
        with self._lock:
            return self._turns.pop(key, None)

    def running(self) -> int:
        with self._lock:
            return len(self._turns)


_END = object()


class _Steps:
    """An iterator stepped in worker threads, closed once it is abandoned and no step runs.

    Whichever comes last closes it: the abandoning side when no step is running, else the
    running step as it returns (a generator cannot be closed while it executes).
    """

    def __init__(self, views: Iterator[TurnView]) -> None:
        self.views = views
        self._lock = threading.Lock()
        self._running = self._abandoned = False

    def start(self, loop: asyncio.AbstractEventLoop) -> asyncio.Future:
        with self._lock:
            self._running = True
        return loop.run_in_executor(None, self._step)

    def _step(self):
        try:
            return next(self.views, _END)
        finally:
            with self._lock:
                self._running = False
                close = self._abandoned
            if close:
                self.close()

    def abandon(self) -> bool:
        """Whether the caller must close it now (no step is running)."""
        with self._lock:
            self._abandoned = True
            return not self._running

    def close(self) -> None:
        close = getattr(self.views, "close", None)
        if close is not None:
            close()


async def run_turn(views: Iterator[TurnView], control: TurnControl, session: str) -> AsyncIterator[tuple[str, TurnView | None]]:
    """`("view", view)` for each view of the answer, then `("stopped", view)` or `("cleared", None)`
    if Stop or Clear was pressed before it finished.

    Each step of `views` runs in a worker thread while this loop watches the control, so a
    press is seen while the engine waits on the model. A stopped answer's views are closed as
    soon as their running step returns, which closes the model's stream.
    """
    loop = asyncio.get_running_loop()
    key = control.begin(session)
    steps = _Steps(views)
    stopped = TurnView(render.render_stopped(None, ""))
    interrupted = False
    try:
        while True:
            step = steps.start(loop)
            while not step.done() and control.pressed(key) is None:
                await asyncio.wait({step}, timeout=CONTROL_POLL_S)
            if control.pressed(key) is not None:
                interrupted = True
                break
            view = step.result()
            if view is _END:
                break
            if view.stopped_html:
                stopped = TurnView(view.stopped_html)
            yield "view", view
    finally:
        if steps.abandon():
            await loop.run_in_executor(None, steps.close)
        pressed = control.finish(key)
    if pressed == CLEAR:
        yield "cleared", None
    elif pressed == STOP and interrupted:  # Stop after the last view changes nothing
        yield "stopped", stopped
