"""One question in the chat: engine events in, what the page shows out. No gradio here.

`answer_turn` drives `engine.stream(...)` and yields a `TurnView` after each event: the bot
message and, when it changes, the sources panel. It never raises for an engine failure:
a `RagError` becomes its one-line message, anything else is logged with its traceback and
shown as a short apology. When the failure comes after the evidence arrived, the evidence
draft becomes the answer, with the error as its notice, so the user keeps what was found.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from rag.errors import RagError
from rag.records import Answer, AnswerEvent, EvidenceEvent, StatusEvent, TokenEvent
from ui import render

log = logging.getLogger(__name__)

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
