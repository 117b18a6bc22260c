"""The chat's HTML, built without a browser: escaping, citation chips, the sources panel,
the turn logic (engine events -> what the page shows) and the serve-time bind checks."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import threading
import time
from html import escape
from html.parser import HTMLParser

import pytest

from rag.errors import ConfigError, LLMUnavailable, QuestionError
from rag.records import (
    Answer,
    AnswerEvent,
    AnswerItem,
    AnswerSentence,
    Citation,
    Evidence,
    EvidenceEvent,
    Paper,
    PaperHit,
    StatusEvent,
    TokenEvent,
)
from rag.settings import PROJECT_ROOT, UISettings
from ui import render
from ui.app import auth_pairs, check_bind, is_loopback
from ui.turn import CLEAR, STOP, AnswerRegistry, TurnControl, TurnView, answer_turn, run_turn

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
ABSTRACT = (
    "Negative transfer hurts multi-task models. "
    "We propose ForkMerge, which forks the model and merges branches to avoid negative transfer. "
    f"Odd text {SCRIPT} and {IMG} must stay text."
)
EVIDENCE = "We propose ForkMerge, which forks the model and merges branches to avoid negative transfer."


def paper(title: str = "ForkMerge: Mitigating Negative Transfer", abstract: str = ABSTRACT, **extra) -> Paper:
    fields = dict(
        paper_id="p-" + title[:8],
        title=title,
        abstract=abstract,
        authors=("Ana Author", "Bo Writer"),
        categories=("cs.LG",),
        update_date="2023-10-01",
        url="https://arxiv.org/abs/2301.12618",
    )
    fields.update(extra)
    return Paper(**fields)


def evidence_of(p: Paper, text: str) -> Evidence:
    start = p.abstract.index(text)
    return Evidence(text, start, start + len(text), 0.8)


def hit(p: Paper, rank: int, text: str | None = None) -> PaperHit:
    return PaperHit(rank, p, 1.0 / rank, "chunk", (evidence_of(p, text or p.abstract.split(". ")[0]),))


FORK = paper()
OTHER = paper("Learning to Branch <b>for</b> MTL", "Tasks share layers. We learn where to branch, which limits negative transfer between tasks.")
UNCITED = paper("An uncited paper", "Something else entirely. Nothing about the question.")


def cited_answer(question: str = "Which methods tackle negative transfer?", supported_2: bool = True) -> Answer:
    c1 = Citation(1, FORK, evidence_of(FORK, EVIDENCE), True, 0.9)
    c2 = Citation(2, OTHER, evidence_of(OTHER, "We learn where to branch, which limits negative transfer between tasks."), supported_2, 0.3)
    text = "ForkMerge forks and merges branches [1].\nLearning to branch limits negative transfer [2]."
    sentences = (
        AnswerSentence("ForkMerge forks and merges branches [1].", (1,), True),
        AnswerSentence("Learning to branch limits negative transfer [2].", (2,), supported_2),
    )
    hits = (hit(FORK, 1, EVIDENCE), hit(OTHER, 2), hit(UNCITED, 3))
    return Answer(question, question, text, "llm", False, (c1, c2), hits, sentences, timings={"total": 2.5})


def abstention(question: str = "What is the boiling point of tungsten?") -> Answer:
    return Answer(question, question, "The indexed papers do not answer this.", "extractive", True, (), (hit(UNCITED, 1), hit(OTHER, 2)))


class TagCollector(HTMLParser):
    """Every tag and attribute in a piece of HTML, to check nothing but our own markup is there."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((name, value or "") for name, value in attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(html)
    return collector


OUR_TAGS = {"div", "span", "a", "br", "strong", "ol", "ul", "li", "details", "summary", "mark", "p", "blockquote"}


def assert_only_our_markup(html: str) -> None:
    found = parse(html)
    assert set(found.tags) <= OUR_TAGS, set(found.tags) - OUR_TAGS
    for name, value in found.attrs:
        assert not name.startswith("on"), (name, value)
        assert name in {"class", "href", "title", "role", "style", "open", "target", "rel"}, name
        if name == "href":
            assert value.startswith(("#src-", "#copy", "https://", "http://")), value


# -- escaping --------------------------------------------------------------------------------


def test_question_and_abstract_with_html_render_as_text():
    question = f"Does {SCRIPT}{IMG} work?"
    answer = cited_answer(question)
    for html in (
        render.render_user_message(question),
        render.render_answer(answer, "abc123"),
        render.render_sources_panel(answer),
        render.render_sources_panel(answer, "r3"),
        render.render_progress("Searching…", answer, "abc123", f"streamed {SCRIPT} [1]"),
        render.render_error(f"bad {SCRIPT}", IMG),
    ):
        assert "<script" not in html and "<img" not in html
        assert_only_our_markup(html)
    panel_text = "".join(parse(render.render_sources_panel(answer)).text)
    assert SCRIPT in panel_text and IMG in panel_text  # shown, as text
    assert SCRIPT in "".join(parse(render.render_user_message(question)).text)


def test_title_with_html_and_quotes_cannot_break_out_of_attributes():
    evil = paper('Quote" onmouseover="alert(1)', "A sentence here. Another one.")
    citation = Citation(1, evil, evidence_of(evil, "A sentence here."), True, 1.0)
    answer = Answer("q", "q", "Claim [1].", "llm", False, (citation,), (hit(evil, 1),))
    html = render.render_answer(answer, "abc123")
    assert_only_our_markup(html)
    assert ("title", "Quote\" onmouseover=\"alert(1)") in parse(html).attrs


def test_only_http_urls_become_links():
    assert render.safe_url("javascript:alert(1)") == ""
    assert render.safe_url("https://arxiv.org/abs/1") == "https://arxiv.org/abs/1"
    sneaky = paper(url="javascript:alert(1)")
    card = render.render_paper_card(sneaky, None, label="1", active=True)
    assert "javascript:" not in card


# -- the answer in the chat ----------------------------------------------------------------------


def test_markers_become_chips_that_point_at_their_source():
    html = render.render_answer(cited_answer(), "abc123")
    hrefs = [v for k, v in parse(html).attrs if k == "href"]
    assert hrefs.count("#src-abc123-c1") >= 2  # the inline chip and the reference list
    assert "#src-abc123-c2" in hrefs
    assert "#src-abc123-r3" in hrefs  # the uncited paper, in the collapsed list
    assert '<details class="qa-more">' in html  # collapsed: no `open`
    assert "<br>" in html  # the answer's line break survives
    assert "Copy answer" in html


def test_unsupported_citation_is_marked_on_the_chip_the_sentence_and_the_source():
    answer = cited_answer(supported_2=False)
    html = render.render_answer(answer, "abc123")
    assert 'class="qa-cite qa-cite-unsupported" href="#src-abc123-c2" title="not supported by the cited abstract' in html
    assert "qa-unsupported-sentence" in html
    assert "1 citation marked" in html
    panel = render.render_sources_panel(answer, "c2")
    assert "src-card active unsupported" in panel and "not supported by the cited abstract" in panel


def test_marker_without_a_citation_is_inert():
    answer = Answer("q", "q", "A claim [7].", "llm", False, (), ())
    html = render.render_answer(answer, "abc123")
    assert "qa-cite-missing" in html and "#src-abc123-c7" not in html


def test_abstention_says_so_and_lists_leads():
    html = render.render_answer(abstention(), "abc123")
    assert "The indexed papers don&#x27;t answer this." in html
    assert html.count('class="qa-lead"') == 2 and "#src-abc123-r1" in html
    assert "do not answer this" not in html  # the engine's own line is not repeated


def test_fallback_notice_is_shown_above_the_answer():
    answer = cited_answer()
    answer = Answer(**{**answer.__dict__, "notice": "The language model was unavailable (cannot connect)."})
    html = render.render_answer(answer, "abc123")
    assert html.index("qa-notice") < html.index("qa-body")
    assert "The language model was unavailable (cannot connect)." in html


def test_progress_shows_the_evidence_then_the_stream_with_unchecked_markers():
    draft = cited_answer()
    waiting = render.render_progress("Waiting for the language model…", draft, "d1")
    assert waiting.index("Evidence found") < waiting.index("Model answer") < waiting.index("Waiting for the language model")
    html = render.render_progress("Waiting for the language model…", draft, "d1", "ForkMerge merges [1")
    assert "ForkMerge merges [1" in html and "Waiting" not in html
    assert "#src-d1-c1" in html  # the draft's chips work already
    streamed = render.render_progress("…", draft, "d1", "ForkMerge merges [1].")
    assert 'qa-cite-pending" title="checked when the answer is complete">[1]</span>' in streamed
    assert "qa-spinner" in render.render_progress("Searching the papers…")


def test_plain_text_for_copying_keeps_markers_and_lists_sources():
    text = render.answer_plain_text(cited_answer())
    assert text.startswith("ForkMerge forks and merges branches [1].")
    assert "[1] ForkMerge: Mitigating Negative Transfer (2023) https://arxiv.org/abs/2301.12618" in text
    assert "[2] Learning to Branch <b>for</b> MTL (2023)" in text


def test_extractive_lines_set_the_title_apart():
    c1 = Citation(1, FORK, evidence_of(FORK, EVIDENCE), True, 1.0)
    line = f"{FORK.title}: {EVIDENCE} [1]"
    answer = Answer("q", "q", line, "extractive", False, (c1,), (hit(FORK, 1, EVIDENCE),), (AnswerSentence(line, (1,), True),))
    html = render.render_answer(answer, "abc123")
    assert f'<span class="qa-ex-title">{FORK.title}</span> We propose ForkMerge' in html


# -- the sources panel ------------------------------------------------------------------------------


def test_highlight_marks_exactly_the_evidence_span():
    html = render.highlight_abstract(FORK.abstract, evidence_of(FORK, EVIDENCE))
    assert f"<mark>{EVIDENCE}</mark>" in html
    assert html.count("<mark>") == 1


def test_highlight_survives_wrong_offsets_and_never_marks_the_wrong_sentence():
    shifted = Evidence(EVIDENCE, 0, len(EVIDENCE))  # offsets of another sentence
    assert f"<mark>{EVIDENCE}</mark>" in render.highlight_abstract(FORK.abstract, shifted)
    missing = Evidence("A sentence that is not in the abstract.", 0, 10)
    html = render.highlight_abstract(FORK.abstract, missing)
    assert '<blockquote class="src-quote"><mark>A sentence that is not in the abstract.</mark>' in html
    assert html.count("<mark>") == 1


def test_panel_opens_the_clicked_source_with_metadata():
    answer = cited_answer()
    panel = render.render_sources_panel(answer, "c2")
    found = parse(panel)
    assert panel.count(" open>") == 1  # only the clicked card; the uncited list stays closed
    assert '<details class="src-card active" open><summary><span class="src-label">2</span>' in panel
    assert "Ana Author, Bo Writer" in panel and "cs.LG" in panel and "2023-10-01" in panel
    assert ("href", "https://arxiv.org/abs/2301.12618") in found.attrs and ("rel", "noopener noreferrer") in found.attrs
    assert "Retrieved but not cited (1)" in panel
    uncited_open = render.render_sources_panel(answer, "r3")
    assert '<details class="src-uncited" open>' in uncited_open


def test_panel_for_an_abstention_lists_the_leads():
    panel = render.render_sources_panel(abstention())
    assert "No indexed paper answers this" in panel
    assert panel.count('class="src-card') == 2


def test_source_keys_from_the_browser_are_parsed_strictly():
    assert render.parse_source_key("abc123ef-c2") == ("abc123ef", "c", 2)
    assert render.parse_source_key("abc123ef-r10") == ("abc123ef", "r", 10)
    for junk in ("", "abc-c2", "ABC123EF-c2", "abc123ef-x2", "abc123ef-c2;alert(1)", None, ["abc123ef-c2"]):
        assert render.parse_source_key(junk) is None


# -- the turn: engine events -> views ---------------------------------------------------------------


class FakeEngine:
    """FAKE engine: replays scripted events (or raises), to test the UI's handling of each."""

    def __init__(self, events=(), error: Exception | None = None, error_after: int = 0) -> None:
        self.events, self.error, self.error_after = list(events), error, error_after
        self.calls: list[tuple] = []

    def stream(self, question, history=(), mode=None, top_k=None):
        self.calls.append((question, list(history), mode, top_k))
        for i, event in enumerate(self.events):
            if self.error is not None and i == self.error_after:
                raise self.error
            yield event
        if self.error is not None and self.error_after >= len(self.events):
            raise self.error


def test_turn_shows_evidence_then_tokens_then_the_final_answer(monkeypatch):
    monkeypatch.setattr("ui.turn.STREAM_REDRAW_S", 0.0)
    final = cited_answer()
    draft = Answer(final.question, final.question, "Draft [1].", "extractive", False, final.citations[:1], final.retrieved)
    engine = FakeEngine([StatusEvent("starting the local model"), EvidenceEvent(final.question, final.retrieved, draft),
                         TokenEvent("ForkMerge "), TokenEvent("merges [1]."), AnswerEvent(final)])
    registry = AnswerRegistry()
    history = [{"role": "user", "content": "earlier"}, {"role": "assistant", "content": "answer"}]
    views = list(answer_turn(engine, final.question, history, "llm", 5, registry))
    assert engine.calls == [(final.question, history, "llm", 5)]
    assert "Searching the papers" in views[0].bot_html
    assert "Starting the local model…" in views[1].bot_html
    assert "Evidence found" in views[2].bot_html and views[2].panel_html is not None
    assert "Waiting for the language model" in views[2].bot_html
    assert "ForkMerge merges" in views[4].bot_html
    assert views[-1].answer is final and "qa-final" in views[-1].bot_html
    assert all(v.answer is None for v in views[:-1])


def test_user_mistake_shows_the_message_and_hint_not_a_traceback():
    engine = FakeEngine(error=QuestionError("the question is empty", hint="type a question"))
    views = list(answer_turn(engine, " ", [], None, None, AnswerRegistry()))
    assert "The question is empty." in views[-1].bot_html and "Type a question" in views[-1].bot_html
    assert views[-1].answer is None


def test_a_bug_after_the_evidence_keeps_the_evidence_as_the_answer(caplog):
    final = cited_answer()
    engine = FakeEngine([EvidenceEvent(final.question, final.retrieved, final)], error=ZeroDivisionError("boom"), error_after=1)
    with caplog.at_level(logging.ERROR, logger="ui.turn"):
        views = list(answer_turn(engine, final.question, [], "llm", None, AnswerRegistry()))
    last = views[-1]
    assert last.answer is not None and "something went wrong inside the app (ZeroDivisionError)" in last.answer.notice
    assert "Traceback" not in last.bot_html and "boom" not in last.bot_html
    assert "Traceback" in caplog.text  # the log keeps it


def test_llm_error_escaping_the_engine_is_shown_with_its_hint():
    engine = FakeEngine(error=LLMUnavailable("the language model at http://127.0.0.1:1/v1 failed: cannot connect", hint="use extractive"))
    html = list(answer_turn(engine, "q", [], "llm", None, AnswerRegistry()))[-1].bot_html
    assert "Couldn't answer this" in html and "cannot connect" in html and "Use extractive" in html


def test_registry_finds_answers_by_key_and_forgets_the_oldest():
    registry = AnswerRegistry(capacity=2)
    first = registry.add(cited_answer())
    assert "src-card active" in registry.source_panel(f"{first}-c2")
    registry.add(abstention())
    registry.add(abstention())
    assert "no longer in memory" in registry.source_panel(f"{first}-c1")
    assert "no longer in memory" in registry.source_panel("<script>")


# -- Stop and Clear reach the running answer ---------------------------------------------------


class BlockingViews:
    """An answer's views whose second step waits, as the engine waits on a slow model."""

    def __init__(self, finish: bool = False) -> None:
        self.release = threading.Event()
        self.closed = threading.Event()
        self.finish = finish

    def __iter__(self):
        try:
            yield TurnView("<p>searching</p>", stopped_html="<p>stopped, nothing found</p>")
            yield TurnView("<p>evidence</p>", stopped_html="<p>stopped with the evidence</p>")
            if not self.finish:
                self.release.wait(10)
            yield TurnView("<p>the answer</p>")
        finally:
            self.closed.set()


@pytest.fixture
def loop():
    # Not asyncio.run: it would wait for the model's blocked step before returning, as gradio's loop never does.
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def drive(loop, views, control: TurnControl, session: str, press: str | None = None, after: int = 2):
    """run_turn's output; `press` is pressed in `session` once `after` views were drawn."""

    async def go():
        drawn = []
        async for kind, view in run_turn(iter(views), control, session):
            drawn.append((kind, view))
            if press and kind == "view" and len(drawn) == after:
                assert control.press(session, press)
        return drawn

    return loop.run_until_complete(go())


def test_stop_is_drawn_by_the_answer_itself_while_the_model_is_still_working(loop):
    views, control = BlockingViews(), TurnControl()
    started = time.perf_counter()
    drawn = drive(loop, views, control, "s1", STOP)
    assert time.perf_counter() - started < 5, "Stop waited for the model"
    assert [k for k, _ in drawn] == ["view", "view", "stopped"]
    assert drawn[-1][1].bot_html == "<p>stopped with the evidence</p>"
    assert not views.closed.is_set()  # the model's step is still running ...
    views.release.set()
    assert views.closed.wait(5), "the stopped answer's stream was never closed"  # ... and is closed when it returns
    assert control.running() == 0


def test_clear_while_answering_is_the_answers_last_update(loop):
    views, control = BlockingViews(), TurnControl()
    drawn = drive(loop, views, control, "s1", CLEAR)
    views.release.set()
    assert [k for k, _ in drawn] == ["view", "view", "cleared"]
    assert views.closed.wait(5)


def test_a_press_after_the_answer_finished_finds_nothing_running(loop):
    control = TurnControl()
    drawn = drive(loop, BlockingViews(finish=True), control, "s1")
    assert [k for k, _ in drawn] == ["view"] * 3 and drawn[-1][1].bot_html == "<p>the answer</p>"
    assert not control.press("s1", STOP) and not control.press("s1", CLEAR)


def test_a_press_reaches_only_its_own_session(loop):
    views, control = BlockingViews(), TurnControl()
    other = control.begin("s2")
    drawn = drive(loop, views, control, "s1", STOP)
    views.release.set()
    assert drawn[-1][0] == "stopped" and control.pressed(other) is None


# -- serving -------------------------------------------------------------------------------------


def test_loopback_hosts():
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.20", "example.com", "::"))


def test_serving_beyond_loopback_needs_a_password_or_insecure():
    with pytest.raises(ConfigError, match="without a password") as caught:
        check_bind(UISettings(host="0.0.0.0"))
    assert "ui.auth" in caught.value.hint
    assert check_bind(UISettings(host="0.0.0.0", auth=["ana:s3cret:with-colon"])) == [("ana", "s3cret:with-colon")]
    assert check_bind(UISettings(host="0.0.0.0", insecure=True)) == []
    assert check_bind(UISettings()) == []
    with pytest.raises(ConfigError, match="user:password"):
        auth_pairs(UISettings(auth=["no-colon"]))


def test_importing_the_ui_does_not_import_gradio():
    code = "import sys, ui.app, ui.render, ui.turn; assert 'gradio' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PROJECT_ROOT)


def test_launch_refuses_an_open_bind_before_building_anything(make_settings):
    from ui.app import launch

    with pytest.raises(ConfigError, match="refusing to serve on 0.0.0.0"):
        launch(None, make_settings(ui={"host": "0.0.0.0"}))


def test_paper_count_is_cached_and_a_failure_reads_as_unavailable():
    from ui.app import PaperCount

    class CountingEngine:  # FAKE: only counts how often it is asked
        calls = 0

        def paper_count(self):
            self.calls += 1
            if self.calls > 1:
                raise RuntimeError("store down")
            return 316

    engine = CountingEngine()
    count = PaperCount(engine, ttl_s=60)
    assert count() == 316 and count() == 316 and engine.calls == 1
    count.ttl_s = 0
    assert count() is None
    assert "index unavailable" in render.render_header(None)


def test_sentences_that_are_not_in_the_text_fall_back_to_the_text():
    answer = Answer("q", "q", "One claim [1]. Two claims [1].", "llm", False, cited_answer().citations[:1], (),
                    (AnswerSentence("Something else [1].", (1,), False),))
    html = render.render_answer(answer, "abc123")
    shown = html.split('class="qa-plain"')[0]  # what is displayed, not the hidden copy text
    assert shown.count("One claim") == 1 and "Two claims" in shown and "Something else" not in shown


# -- shaped answers (Answer.items) -----------------------------------------------------------------
# Prepared answers of each shape over real shipped papers: tests/shaped_answers.py (a stand-in
# for the engine's shaping).


def shaped(question: str):
    from tests.shaped_answers import shaped_answers

    return shaped_answers()[question]


def test_every_shape_renders_only_our_markup():
    from tests.shaped_answers import shaped_answers

    for answer in shaped_answers().values():
        for html in (render.render_answer(answer, "abc123"), render.render_progress("Waiting…", answer, "abc123")):
            assert_only_our_markup(html)
            assert "qa-shaped" in html
        assert_only_our_markup(render.render_sources_panel(answer))


def test_labels_texts_and_reasons_with_html_stay_text():
    c1 = Citation(1, FORK, evidence_of(FORK, EVIDENCE), False, 0.1)
    items = (
        AnswerItem("lead", f"Lead {SCRIPT}:"),
        AnswerItem("item", f"does {IMG} things.", f"Name{SCRIPT}", (1,), False, f'reason" onmouseover="alert(3) {IMG}'),
        AnswerItem("related", OTHER.title, OTHER.title),
    )
    answer = Answer("q", "q", "plain", "llm", False, (c1,), (hit(FORK, 1, EVIDENCE), hit(OTHER, 2)), kind="list", shape="list", items=items)
    html = render.render_answer(answer, "abc123")
    assert_only_our_markup(html)
    text = "".join(parse(html).text)
    assert f"Name{SCRIPT}" in text and f"does {IMG} things." in text and "Learning to Branch <b>for</b> MTL" in text
    titles = [v for k, v in parse(html).attrs if k == "title"]
    assert any(t.startswith(f'reason" onmouseover="alert(3) {IMG}') for t in titles)  # the reason, as an attribute value


def test_list_lines_lead_with_the_bold_name_then_the_chip():
    from tests.shaped_answers import CODE_DATA, LIST_Q

    answer = shaped(LIST_Q)
    html = render.render_answer(answer, "abc123")
    assert html.count('<li class="qa-item">') == 5
    assert '<li class="qa-item"><strong class="qa-name">ForkMerge</strong><a class="qa-cite" href="#src-abc123-c1"' in html
    assert '</a>: periodically forks the model into branches' in html
    assert html.index("qa-lead-line") < html.index("qa-items") < html.index("Also related")
    rank = [h.paper.title for h in answer.retrieved].index(CODE_DATA) + 1
    assert f'<a class="qa-lead" href="#src-abc123-r{rank}" title="show this paper">{escape(CODE_DATA)}</a>' in html
    assert "Retrieved but not cited" not in html  # the one uncited paper is the "also related" one
    assert '<details class="qa-more qa-sources-list"><summary>Sources (5)</summary>' in html  # collapsed


def test_fact_comes_first_whatever_the_engine_order():
    from tests.shaped_answers import FACT_Q

    answer = shaped(FACT_Q)
    swapped = Answer(**{**answer.__dict__, "items": tuple(reversed(answer.items))})
    for a in (answer, swapped):
        body = render.render_answer(a, "abc123").split('<div class="qa-body">', 1)[1]
        assert body.startswith('<div class="qa-fact">84.4% top-1 accuracy on ImageNet-2012<a class="qa-cite" href="#src-abc123-c1"')
        assert body.index("qa-fact") < body.index("qa-evidence")


def test_comparison_says_how_they_differ_after_the_items():
    from tests.shaped_answers import COMPARISON_Q

    html = render.render_answer(shaped(COMPARISON_Q), "abc123")
    assert html.index('<strong class="qa-name">SHERL</strong>') < html.index('<strong class="qa-name">UniPT</strong>') < html.index("qa-diff")
    diff = html.split('class="qa-line qa-diff">', 1)[1].split("</div>", 1)[0]
    assert diff.startswith("SHERL still runs") and "#src-abc123-c1" in diff and "#src-abc123-c2" in diff
    assert diff.endswith("</a>.")  # the chips sit before the closing stop: "... backbone [1][2]."


def test_not_stated_is_a_state_with_its_leads():
    from tests.shaped_answers import NOT_STATED_Q

    answer = shaped(NOT_STATED_Q)
    html = render.render_answer(answer, "abc123")
    assert '<div class="qa-abstain-head qa-not-stated" role="status">' in html
    assert "The abstracts don&#x27;t state the learning rate ForkMerge uses." in html
    assert "Closest papers, as leads" in html and "Also related" not in html
    assert html.count('class="qa-lead"') == 3  # two leads, one more in "retrieved but not cited"
    assert "qa-cite" not in html and "do not state this" in html  # nothing cited; the footer says why
    panel = render.render_sources_panel(answer)
    assert "The abstracts don&#x27;t state this. Closest papers:" in panel
    assert '<details class="src-card active" open><summary><span class="src-label">#1</span>' in panel


def test_not_stated_without_lead_lines_lists_the_retrieved_papers():
    items = (AnswerItem("not_stated", "The abstracts don't state the batch size."),)
    answer = Answer("q", "q", "x", "extractive", False, (), (hit(FORK, 1), hit(OTHER, 2)), kind="fact", shape="not_stated", items=items)
    html = render.render_answer(answer, "abc123")
    assert "Closest papers, as leads" in html and "#src-abc123-r1" in html and "#src-abc123-r2" in html
    assert "Retrieved but not cited" not in html  # the leads are those papers


def test_a_rejected_citation_is_struck_with_its_reason():
    from tests.shaped_answers import CONVBN_REASON, OPEN_Q

    html = render.render_answer(shaped(OPEN_Q), "abc123")
    assert html.count("qa-cite-unsupported") == 2  # the chip and the warning's sample chip
    assert f'class="qa-cite qa-cite-unsupported" href="#src-abc123-c5" title="not supported by the cited abstract ({escape(CONVBN_REASON)})' in html
    assert f'<span class="qa-unsupported-sentence" title="{escape(CONVBN_REASON)}">The Tune mode' in html
    assert "1 citation marked" in html and f"[5] {escape(CONVBN_REASON)}" in html
    assert html.count('class="qa-line qa-open"') == 1  # the four sentences are one paragraph


def test_only_the_flagged_citation_of_a_rejected_line_is_struck():
    c1 = Citation(1, FORK, evidence_of(FORK, EVIDENCE), True, 0.9)
    c2 = Citation(2, OTHER, evidence_of(OTHER, "Tasks share layers."), False, 0.1)
    items = (AnswerItem("sentence", "Both branch the model.", markers=(1, 2), supported=False, reason="paper 2 does not say so"),)
    answer = Answer("q", "q", "x", "llm", False, (c1, c2), (hit(FORK, 1, EVIDENCE), hit(OTHER, 2)), items=items)
    html = render.render_answer(answer, "abc123")
    assert '<a class="qa-cite" href="#src-abc123-c1"' in html
    assert '<a class="qa-cite qa-cite-unsupported" href="#src-abc123-c2"' in html


def test_answers_without_items_and_abstentions_render_as_before():
    plain = cited_answer()
    assert "qa-shaped" not in render.render_answer(plain, "abc123")
    abstained = Answer(**{**abstention().__dict__, "shape": "abstain", "items": (AnswerItem("not_stated", "x"),)})
    html = render.render_answer(abstained, "abc123")
    assert "qa-abstain" in html and "qa-shaped" not in html


def test_a_related_title_links_to_its_paper_only_when_the_answer_has_it():
    items = (AnswerItem("item", "forks and merges.", "ForkMerge", (1,)), AnswerItem("related", UNCITED.title, UNCITED.title),
             AnswerItem("related", "A paper nobody retrieved", "A paper nobody retrieved"))
    c1 = Citation(1, FORK, evidence_of(FORK, EVIDENCE), True, 0.9)
    answer = Answer("q", "q", "x", "extractive", False, (c1,), (hit(FORK, 1, EVIDENCE), hit(UNCITED, 2)), kind="list", shape="list", items=items)
    html = render.render_answer(answer, "abc123")
    assert f'<a class="qa-lead" href="#src-abc123-r2" title="show this paper">{UNCITED.title}</a>' in html
    assert "<li>A paper nobody retrieved</li>" in html


def test_a_comparison_says_which_part_the_abstracts_do_not_state_without_becoming_not_stated():
    from dataclasses import replace

    from rag.render_text import render_items
    from tests.shaped_answers import comparison_answer

    answer = comparison_answer()
    answer = replace(answer, items=(*answer.items, AnswerItem("unstated", "The abstracts don't state the gains.")))
    html = render.render_answer(answer, "abc123")
    assert_only_our_markup(html)
    assert 'class="qa-line qa-unstated"' in html and "the gains" in html
    assert "do not state this" not in html  # the lines above answer the rest: not the not-stated footer
    lines = render_items(answer)
    assert "The abstracts don't state the gains." in lines and not any(line.startswith("Closest papers") for line in lines)
