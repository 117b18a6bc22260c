"""The answer engine end to end: real Chroma, real MiniLM, the whole shipped corpus, real HTTP.

The LLM is the scripted FAKE in tests/scripted_llm.py (a stdlib server on loopback that the
real `openai` client talks to); its replies are written from the real abstracts of the papers
the real retriever returns. The slow test at the end runs the real local model (SmolLM2-135M).
"""

from __future__ import annotations

import json
import re
import socket
import time
from dataclasses import dataclass, field

import pytest

from rag import prompts
from rag.components import Components
from rag.errors import QuestionError
from rag.records import Answer, AnswerEvent, EvidenceEvent, Paper, PaperHit, StatusEvent, TokenEvent
from rag.ingest.sentences import split_sentences
from rag.settings import load_settings
from rag.answer.items import item_sentences
from rag.answer.unmentioned import doing_verbs
from rag.words import content_words
from tests.conftest import TEST_INDEX_DIR
from tests.scripted_llm import ScriptedLLMServer

QUESTION = "Which methods tackle negative transfer?"
FOLLOW_UP = "and which of those use diffusion?"
REWRITTEN = "Which methods that tackle negative transfer use diffusion models?"
DIFFUSION = "Addressing Negative Transfer in Diffusion Models"
FORKMERGE = "ForkMerge: Mitigating Negative Transfer in Auxiliary-Task Learning"
ABOUT_DIFFUSION = "Interval clustering enforces temporal proximity among denoising tasks and is solved with dynamic programming"
ABOUT_FORKMERGE = "ForkMerge forks the model into multiple branches and merges them to filter out detrimental updates"

FIRST_TOKEN_TIMEOUT = 3.0  # seconds; the stall tests wait this long for nothing. 1.0 fell back on a good reply when CI shared its cores
EVIDENCE_WITHIN = 2.0  # seconds from asking to the evidence on screen
KEY_ENV = "PAPER_RAG_TEST_ANSWER_KEY"
KEY = "sk-answer-test-" + "5d1e" * 8


# -- fixtures and helpers ---------------------------------------------------------------


@pytest.fixture(scope="module")
def fake():
    with ScriptedLLMServer() as server:
        yield server


def _scripted_components(fake, **answer) -> Components:
    """Components over the shipped index whose LLM is the scripted fake (no client retries: failures fall back at once)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(KEY_ENV, KEY)
        settings = load_settings(
            data_dir=TEST_INDEX_DIR, answer=answer,
            llm={"backend": "openai", "base_url": fake.base_url, "model": "scripted", "api_key_env": KEY_ENV,
                 "timeout_s": 20.0, "first_token_timeout_s": FIRST_TOKEN_TIMEOUT, "max_retries": 0},
        )
        components = Components(settings)
        components.chat_client()  # the key is read here, while the variable is set
        components.retriever.search(QUESTION)  # load MiniLM and BM25 now, as the app's warm-up does
    return components


@pytest.fixture(scope="module")
def llm_components(shipped_components, fake):
    components = _scripted_components(fake)
    yield components
    components.close()


@pytest.fixture(scope="module")
def no_retry_engine(shipped_components, fake):
    """An engine with `answer.llm_retry_within` 0: the model is never asked a second time."""
    components = _scripted_components(fake, llm_retry_within=0)
    yield components.answer_engine
    components.close()


@pytest.fixture
def scripted(fake):
    fake.reset()
    yield fake
    assert fake.unscripted == 0, "the engine called the model more often than the test scripted"


@pytest.fixture
def engine(llm_components):
    return llm_components.answer_engine


@dataclass
class Run:
    events: list = field(default_factory=list)
    arrived: list[float] = field(default_factory=list)  # seconds since asking, per event
    elapsed: float = 0.0

    @property
    def evidence(self) -> EvidenceEvent:
        return next(e for e in self.events if isinstance(e, EvidenceEvent))

    @property
    def evidence_at(self) -> float:
        return next(t for e, t in zip(self.events, self.arrived) if isinstance(e, EvidenceEvent))

    @property
    def answer(self) -> Answer:
        return self.events[-1].answer

    @property
    def streamed_text(self) -> str:
        return "".join(e.text for e in self.events if isinstance(e, TokenEvent))


def run(engine, question: str, **kwargs) -> Run:
    """Drain engine.stream(), timing each event, and check the order every caller relies on."""
    result = Run()
    began = time.monotonic()
    for event in engine.stream(question, **kwargs):
        result.events.append(event)
        result.arrived.append(time.monotonic() - began)
    result.elapsed = time.monotonic() - began
    kinds = [type(e) for e in result.events]
    assert kinds.count(EvidenceEvent) == 1 and kinds.count(AnswerEvent) == 1
    assert kinds[-1] is AnswerEvent, "the verified answer must be the last event"
    first_evidence = kinds.index(EvidenceEvent)
    assert all(k is StatusEvent for k in kinds[:first_evidence]), "no token before the evidence is shown"
    # A follow-up first waits for the model's rewrite (a real model takes seconds): the bound is on what follows it.
    waited = result.evidence_at - result.evidence.draft.timings.get("rewrite", 0.0)
    assert waited < EVIDENCE_WITHIN, f"evidence took {result.evidence_at:.2f} s: {result.evidence.draft.timings}"
    return result


def markers_used(answer: Answer) -> list[int]:
    return [m for s in answer.sentences for m in s.markers]


def assert_citations_resolve(answer: Answer, *, all_supported: bool = True) -> None:
    """Every [n] in the answer has a reference, every reference is used, and each quotes its retrieved paper exactly."""
    retrieved = {h.paper.paper_id for h in answer.retrieved}
    assert [c.marker for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert set(markers_used(answer)) == {c.marker for c in answer.citations}
    for marker in markers_used(answer):
        assert f"[{marker}]" in answer.text
    for citation in answer.citations:
        assert citation.paper.paper_id in retrieved
        evidence = citation.evidence
        assert evidence.text and evidence.text == citation.paper.abstract[evidence.start : evidence.end]
        if all_supported:
            assert citation.supported


def _sources(components: Components, question: str) -> list[PaperHit]:
    """What the engine will number [1..n] in the prompt for this question."""
    engine, settings = components.answer_engine, components.settings
    kind = engine.classifier.classify(question)
    # Retrieved as deep as the engine does: a list looks at list_depth papers (the relevance bar reads the whole ranking).
    k = max(settings.retrieval.top_k, settings.answer.list_depth) if kind == "list" else None
    return engine.llm_sources(kind, components.retriever.search(question, k=k).hits, question)


def _items(*pairs: tuple[int, str]) -> str:
    """A reply in the structured shape the engine asks for: {"not_stated", "items": [{source, text}]}."""
    return json.dumps({"not_stated": False, "items": [{"source": n, "text": t} for n, t in pairs]})


_CUE = re.compile(r"\b(we|this paper)\s+(propose|present|introduce|develop)\b", re.IGNORECASE)


def _claim_from(hit: PaperHit) -> str:
    """A model-like sentence from the paper's abstract: its contribution sentence, without the "In this paper, we" frame."""
    abstract = hit.paper.abstract
    sentences = [abstract[s.start : s.end] for s in split_sentences(abstract)]
    sentence = next((s for s in sentences if _CUE.search(s)), hit.evidence[0].text)
    claim = re.sub(r"^.*?\b(we|this paper)\s+", "The authors ", sentence, count=1, flags=re.IGNORECASE)
    return claim.rstrip(".")


def _index_of(sources: list[PaperHit], title: str) -> int:
    titles = [h.paper.title for h in sources]
    assert title in titles, f"{title!r} is no longer among the sources: {titles}"
    return titles.index(title) + 1


# -- LLM mode, with the scripted server -------------------------------------------------


def test_a_good_answer_comes_out_with_verified_citations_to_retrieved_papers(engine, llm_components, scripted):
    sources = _sources(llm_components, QUESTION)
    assert len(sources) >= 3
    claims = [_claim_from(hit) for hit in sources[:3]]
    reply = _items(*enumerate(claims, start=1))
    scripted.reply(reply, piece_chars=7)

    result = run(engine, QUESTION, mode="llm")
    answer = result.answer
    assert answer.mode == "llm" and not answer.abstained and answer.notice == ""
    assert answer.kind == "list" and answer.shape == "list"
    assert result.streamed_text == "".join(f"{c}\n" for c in claims)  # whole items as they completed, never raw JSON
    # The model's three lines first; listed papers it did not write about keep their extractive lines after them.
    assert [c.paper.paper_id for c in answer.citations][:3] == [h.paper.paper_id for h in sources[:3]]
    assert len(answer.citations) == len(result.evidence.draft.citations)
    assert all(s.supported for s in answer.sentences) and len(answer.sentences) == len(answer.citations)
    assert_citations_resolve(answer)
    # Names and markers come from the cards: each line's bold label is its cited paper's.
    lines = [i for i in answer.items if i.role == "item"]
    by_marker = {c.marker: c.paper.paper_id for c in answer.citations}
    labels = {h.paper.paper_id: h.label() for h in sources}
    assert [labels[by_marker[i.markers[0]]] for i in lines] == [i.label for i in lines]
    assert not re.search(r"\b(we|our)\b", answer.text, re.IGNORECASE)
    assert [h.paper.paper_id for h in answer.retrieved] == [h.paper.paper_id for h in result.evidence.retrieved]
    assert result.evidence.draft.citations  # the extractive draft was shown while the model wrote

    (request,) = scripted.chat_requests
    assert request.authorization == f"Bearer {KEY}"
    assert request.messages[0] == {"role": "system", "content": prompts.SHAPED_SYSTEM.render()}
    for i, hit in enumerate(sources, start=1):
        assert f"[{i}] {hit.label()}: " in request.prompt
    assert f"Question: {QUESTION}" in request.prompt
    assert f"[{len(sources) + 1}]" not in request.prompt.split("Question:")[0]


def test_a_comparison_is_given_in_the_questions_order_and_a_model_line_goes_to_the_paper_it_names(engine, scripted):
    """dev24: "Contrast AdapterFusion and ScaLearn ..." had ScaLearn as source 1; the 1.5B model wrote
    AdapterFusion's line as item 1 and ScaLearn's as item 2, and both were dropped as naming another paper
    than their source (7 of 80 seen comparisons fell back so). The sources now follow the question's order,
    and a line naming exactly one other source is that source's, checked against its abstract."""
    question = "Contrast AdapterFusion and ScaLearn on their evaluation: how many NLU tasks does AdapterFusion use, and which benchmarks does ScaLearn report?"
    draft = run(engine, question, mode="extractive").answer
    assert [c.paper.title.split(":")[0] for c in draft.citations][:2] == ["AdapterFusion", "ScaLearn"]
    scripted.reply(_items(
        (2, "AdapterFusion is evaluated on 16 diverse NLU tasks"),
        (1, "ScaLearn learns a minimal set of scaling parameters that enable effective knowledge transfer to a target task"),
    ))
    answer = run(engine, question, mode="llm").answer
    assert answer.mode == "llm" and answer.notice == "", answer.notice
    lines = {i.label: i.text for i in answer.items if i.role == "item"}
    assert "16 diverse NLU tasks" in lines["AdapterFusion"] and "scaling parameters" in lines["ScaLearn"]
    assert_citations_resolve(answer)


def test_wrong_and_impossible_markers_are_repaired_before_the_user_sees_them(engine, llm_components, scripted):
    sources = _sources(llm_components, QUESTION)
    _index_of(sources, DIFFUSION)  # both papers must be among the sources for the repair to have somewhere to go
    f = _index_of(sources, FORKMERGE)
    # A small model's typical answer: one right, one under the other paper's number, one pointing at no source.
    scripted.reply(f"{ABOUT_FORKMERGE} [{f}]. {ABOUT_DIFFUSION} [{f}]. Both papers mitigate negative transfer [9].")
    answer = run(engine, QUESTION, mode="llm").answer
    assert not answer.abstained
    assert "[9]" not in answer.text
    assert [c.paper.title for c in answer.citations][:2] == [FORKMERGE, DIFFUSION]
    assert [s.markers for s in answer.sentences[:2]] == [(1,), (2,)]
    assert "interval clustering" in answer.citations[1].evidence.text
    assert_citations_resolve(answer)


def test_http_500_falls_back_to_the_extractive_answer_with_a_notice(engine, scripted):
    scripted.status(500)
    result = run(engine, QUESTION, mode="llm")
    answer = result.answer
    assert answer.notice and "HTTP 500" in answer.notice
    assert answer.mode == "extractive" and not answer.abstained
    assert answer.text == result.evidence.draft.text
    assert answer.citations and all(c.supported for c in answer.citations)
    assert_citations_resolve(answer)
    assert len(scripted.chat_requests) == 1


def test_a_stalled_model_falls_back_within_the_first_token_timeout(engine, scripted):
    scripted.stall(30, then="far too late [1].")
    result = run(engine, QUESTION, mode="llm")
    assert result.elapsed < FIRST_TOKEN_TIMEOUT + 1.5, result.elapsed
    assert result.evidence_at < 1.0  # the evidence did not wait for the model
    answer = result.answer
    assert "timed out" in answer.notice
    assert answer.mode == "extractive" and answer.citations
    assert_citations_resolve(answer)


@pytest.mark.parametrize("failure", ["malformed", "close_mid_stream", "stall_mid_stream"])
def test_a_stream_that_breaks_after_some_text_falls_back(engine, scripted, failure):
    # One whole item, then the stream breaks inside the second.
    before = _items((1, ABOUT_FORKMERGE), (2, "Interval clustering"))[:-30]
    if failure == "stall_mid_stream":
        scripted.stall_mid_stream(30, before=before)
    else:
        getattr(scripted, failure)(before)
    result = run(engine, QUESTION, mode="llm")
    answer = result.answer
    assert result.streamed_text.startswith("ForkMerge")  # the finished item had already been shown...
    assert answer.notice  # ...and the final answer says why it is the extractive one
    assert answer.mode == "extractive" and answer.text == result.evidence.draft.text
    assert "ForkMerge forks" not in answer.text  # the half-written model text is not passed off as verified
    assert answer.citations and all(c.supported for c in answer.citations)
    assert result.elapsed < FIRST_TOKEN_TIMEOUT + 1.5


@pytest.mark.parametrize("reply", [json.dumps({"not_stated": True, "items": []}), prompts.NO_ANSWER])
def test_not_stated_from_the_model_is_an_honest_answer_with_leads(engine, scripted, reply):
    scripted.reply(reply)
    answer = run(engine, QUESTION, mode="llm").answer
    assert answer.abstained and answer.shape == "not_stated" and answer.notice == ""
    assert answer.text.startswith("The abstracts don't state")
    assert [i.role for i in answer.items][:2] == ["not_stated", "lead"]
    assert answer.retrieved and answer.citations  # the closest papers are listed as leads, their evidence one click away
    assert_citations_resolve(answer)


def test_an_answer_with_no_supported_sentence_is_never_shown_as_verified(engine, scripted):
    scripted.reply("Bananas are yellow and grow on trees in tropical countries [1]. "
                   "The moon is made of a particular kind of green cheese [2].")
    scripted.reply(_items((1, "Bananas are a kind of green cheese")))  # the second, grounded request fails too
    result = run(engine, QUESTION, mode="llm")
    answer = result.answer
    assert "Bananas" not in answer.text and "cheese" not in answer.text
    # Since faaad6c the engine falls back to the cited evidence (the question is answerable; the model was not) rather than abstaining.
    assert answer.notice and "could not be verified" in answer.notice
    assert answer.mode == "extractive" and answer.text == result.evidence.draft.text
    assert answer.citations and all(c.supported for c in answer.citations)
    assert_citations_resolve(answer)


def test_an_unsupported_answer_with_invented_figures_is_an_abstention(engine, scripted):
    """A model that answers with numbers no source contains (a made-up score) means the papers
    do not hold the answer: abstain with leads, never show the figure."""
    scripted.reply(_items((1, "The approach reaches a mean opinion score of 4.73 in listening tests")))
    answer = run(engine, QUESTION, mode="llm").answer
    assert answer.abstained and answer.shape == "not_stated"
    assert "4.73" not in answer.text
    assert answer.retrieved


def test_unsupported_items_without_figures_fall_back_instead_of_saying_not_stated(engine, scripted):
    """The [n] markers the engine appends to the model's items are not the model's figures: two
    unsupported items cited to sources 1 and 3 once read as "figures 1 and 3 absent from every
    source" and turned an answerable question into "not stated" (found in the CI gate's LLM subset)."""
    scripted.reply(_items((1, "Bananas grow on trees in tropical countries"), (3, "The moon is made of green cheese")))
    scripted.reply(_items((1, "Bananas grow on trees in tropical countries")))
    answer = run(engine, QUESTION, mode="llm").answer
    assert not answer.abstained and answer.shape != "not_stated"
    assert answer.notice and "could not be verified" in answer.notice and not answer.retried


def test_when_nothing_the_model_wrote_checks_out_it_is_asked_once_more_from_the_cited_sentences(engine, llm_components, scripted):
    """The 1.5B model on dev3 wrote "10.5%" for the "10.2%-14.3%" it was shown beside the paper's
    contribution; shown only the sentence the draft cites, it copied the figure. The second request
    shows the draft's cited sentences and nothing else; the reader sees the first text withdrawn."""
    scripted.reply(_items((1, "Bananas grow on trees in tropical countries")))
    draft = run(llm_components.answer_engine, QUESTION, mode="extractive").answer
    first = draft.citations[0]
    cited_line = next(i.text for i in draft.items if first.marker in i.markers and i.role == "item")
    scripted.reply(_items((1, cited_line)))
    result = run(engine, QUESTION, mode="llm")
    answer = result.answer
    assert answer.mode == "llm" and answer.notice == "" and answer.retried
    assert "Bananas" not in answer.text and cited_line.rstrip(".") in answer.text
    assert all(c.supported for c in answer.citations)
    restarts = [e for e in result.events if isinstance(e, StatusEvent) and e.restart]
    assert len(restarts) == 1 and result.events.index(restarts[0]) > next(i for i, e in enumerate(result.events) if isinstance(e, TokenEvent))
    second = scripted.chat_requests[-1].prompt
    assert cited_line in second and prompts.GROUNDED_INSTRUCTION in second
    # Only the draft's cited papers, and of each only its cited sentences: no contribution line beside them.
    assert second.count("\n[") + second.startswith("[") <= len(draft.citations)
    assert_citations_resolve(answer)


def test_no_second_request_when_the_first_used_up_the_time_for_it(no_retry_engine, scripted):
    """`answer.llm_retry_within` 0: the draft is given at once, with its notice."""
    scripted.reply(_items((1, "Bananas grow on trees in tropical countries")))
    answer = run(no_retry_engine, QUESTION, mode="llm").answer
    assert "could not be verified" in answer.notice and not answer.retried and len(scripted.chat_requests) == 1


def test_a_leading_marker_keeps_its_sentence_readable(shipped_components):
    from rag.verify.citations import _name_leading_marker

    hits = shipped_components.retriever.search(QUESTION, k=5).hits
    fork = next(i for i, h in enumerate(hits, start=1) if h.paper.title.startswith("ForkMerge"))
    assert _name_leading_marker(f"[{fork}] forks the model into branches.", hits) == f"ForkMerge forks the model into branches [{fork}]."
    assert _name_leading_marker(f"[{fork}] The authors fork the model.", hits) == f"The authors fork the model [{fork}]."
    assert _name_leading_marker("[99] forks the model.", hits) == "[99] forks the model."


def test_an_unanswerable_question_abstains_without_asking_the_model(engine, scripted):
    result = run(engine, "What is the melting point of tungsten?", mode="llm")
    assert result.answer.abstained and result.answer.text == prompts.ABSTAIN_TEXT
    assert result.evidence.draft.abstained
    assert scripted.chat_requests == []  # no tokens spent on a question the papers cannot answer


def test_a_follow_up_is_rewritten_by_the_model_and_retrieval_uses_the_rewrite(engine, llm_components, scripted):
    history = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": f"{ABOUT_FORKMERGE} [1]."}]
    sources = _sources(llm_components, REWRITTEN)
    d = _index_of(sources, DIFFUSION)
    scripted.reply(f'"{REWRITTEN}"').reply(f"{ABOUT_DIFFUSION} [{d}].")

    result = run(engine, FOLLOW_UP, history=history, mode="llm")
    assert isinstance(result.events[0], StatusEvent)  # the user is told why the wait is longer
    assert result.evidence.standalone_question == REWRITTEN
    depth = llm_components.settings.answer.list_depth  # a "which methods" question is a list: retrieved deeper
    assert [h.paper.paper_id for h in result.evidence.retrieved] == [h.paper.paper_id for h in llm_components.retriever.search(REWRITTEN, k=depth).hits]
    assert result.evidence.retrieved[0].paper.title == DIFFUSION

    condense, answer_request = scripted.chat_requests
    assert f"User: {QUESTION}" in condense.prompt and f"Last question: {FOLLOW_UP}" in condense.prompt
    assert f"Question: {REWRITTEN}" in answer_request.prompt
    answer = result.answer
    assert answer.question == FOLLOW_UP and answer.standalone_question == REWRITTEN
    assert [c.paper.title for c in answer.citations][:1] == [DIFFUSION]
    assert_citations_resolve(answer)


def test_a_failed_rewrite_joins_the_questions_and_still_answers(engine, scripted):
    history = [{"role": "user", "content": QUESTION}]
    scripted.status(500).reply(prompts.NO_ANSWER)
    result = run(engine, FOLLOW_UP, history=history, mode="llm")
    assert result.evidence.standalone_question == f"{QUESTION} {FOLLOW_UP}"
    assert len(scripted.chat_requests) == 2


def test_a_misconfigured_llm_falls_back_on_first_questions_and_follow_ups_alike(shipped_components):
    from rag.answer.engine import AnswerEngine

    broken = Components(load_settings(data_dir=TEST_INDEX_DIR, llm={"backend": "openai", "base_url": ""}))  # chat_client() raises ConfigError
    engine = AnswerEngine(broken.settings, shipped_components.retriever, shipped_components.verifier, broken.chat_client,
                          shipped_components.store.count_papers)
    first = run(engine, QUESTION, mode="llm").answer
    assert "base_url" in first.notice and first.citations
    follow_up = run(engine, FOLLOW_UP, history=[{"role": "user", "content": QUESTION}], mode="llm")
    assert follow_up.evidence.standalone_question == f"{QUESTION} {FOLLOW_UP}"  # the rewrite fell back to joining
    assert "base_url" in follow_up.answer.notice and follow_up.answer.citations


def test_in_extractive_mode_a_follow_up_is_joined_with_the_previous_question(engine, scripted):
    history = [{"role": "user", "content": "Which methods tackle catastrophic forgetting?"}, {"role": "assistant", "content": "..."},
               {"role": "user", "content": QUESTION}, {"role": "assistant", "content": "..."}]
    result = run(engine, FOLLOW_UP, history=history, mode="extractive")
    assert result.evidence.standalone_question == f"{QUESTION} {FOLLOW_UP}"  # the latest question carries the context
    assert scripted.requests == []  # extractive mode never calls the model
    answer = result.answer
    assert answer.mode == "extractive" and not answer.abstained
    assert DIFFUSION in [c.paper.title for c in answer.citations]
    assert_citations_resolve(answer)


def test_a_self_contained_question_with_history_is_not_rewritten(engine, scripted):
    scripted.reply(f"{ABOUT_FORKMERGE} [1].")  # ForkMerge, named, is the one source
    result = run(engine, "How does ForkMerge mitigate negative transfer?", history=[{"role": "user", "content": "What is CWCL?"}], mode="llm")
    assert result.evidence.standalone_question == "How does ForkMerge mitigate negative transfer?"
    assert len(scripted.chat_requests) == 1  # the answer only, no rewrite call


# -- extractive answers on the real corpus ----------------------------------------------


@pytest.mark.parametrize(
    ("question", "cited_title_has", "evidence_has"),
    [
        (QUESTION, "Negative Transfer", "negative transfer"),  # which methods
        ("What is catastrophic forgetting?", "", "forgetting"),  # a definition
        ("How can a model adapt to a new domain without labels?", "", "domain"),  # a how-to
        ("How does AutoPST transfer prosody style without text transcriptions?", "Global Rhythm Style Transfer", "AutoPST"),  # a named system
    ],
)
def test_extractive_answers_are_cited_supported_and_quote_exactly(shipped_components, question, cited_title_has, evidence_has):
    result = run(shipped_components.answer_engine, question, mode="extractive")
    answer = result.answer
    assert answer.mode == "extractive" and not answer.abstained and answer.notice == ""
    assert 1 <= len(answer.citations) <= shipped_components.settings.answer.list_cap
    assert_citations_resolve(answer)  # every reference quotes its abstract exactly, with offsets
    assert any(cited_title_has in c.paper.title for c in answer.citations)
    # The topic is in a cited sentence or in the title above it (a list line says what the paper does:
    # "Addressing Negative Transfer in Diffusion Models: ... clustering the denoising tasks ...").
    assert any(evidence_has.lower() in f"{c.paper.title} {c.evidence.text}".lower() for c in answer.citations)
    # Lines speak in the third person; the authors' own words stay in the references.
    assert not re.search(r"\b(we|our|us)\b", answer.text, re.IGNORECASE), answer.text
    labels = {h.paper.paper_id: h.label() for h in answer.retrieved}
    for item in answer.items:
        if item.role == "item":  # "**Name** [n]: ..." names exactly the paper it cites
            (marker,) = item.markers
            assert item.label == labels[answer.citations[marker - 1].paper.paper_id]
    assert answer.timings["total"] < 2.0


def test_the_shape_make_bench_times_is_the_answers_shape(shipped_components):
    """`make bench` times `engine.shape` after retrieval (eval/bench.py): the same shape the answer gets."""
    engine = shipped_components.answer_engine
    hits = shipped_components.retriever.search(QUESTION, k=shipped_components.settings.answer.list_depth).hits
    shaped = engine.shape(QUESTION, engine.classifier.classify(QUESTION), hits)
    assert shaped.shape == "list" and shaped.text == run(engine, QUESTION, mode="extractive").answer.text


def test_a_list_question_gets_one_named_line_per_relevant_paper(shipped_components):
    answer = run(shipped_components.answer_engine, QUESTION, mode="extractive").answer
    assert answer.kind == "list" and answer.shape == "list"
    roles = [i.role for i in answer.items]
    assert roles[0] == "lead" and roles.count("item") == len(answer.citations) >= 3
    assert "ForkMerge" in [i.label for i in answer.items if i.role == "item"]  # the card's name, not the long title
    assert answer.text.splitlines()[1].startswith("- **")


def test_a_fact_question_puts_the_figure_first(shipped_components):
    question = "What zero-shot ImageNet accuracy does the method that keeps a pretrained image encoder frozen and only trains the text encoder contrastively reach with its ViT-g/14 model?"
    answer = run(shipped_components.answer_engine, question, mode="extractive").answer
    assert answer.kind == "fact" and answer.shape == "fact"
    fact, evidence = answer.items[:2]
    assert fact.role == "fact" and fact.label == "LiT" and fact.text.startswith("85.2%")
    assert evidence.role == "evidence" and "85.2%" in evidence.text and evidence.markers == (1,)


def test_a_fact_asking_a_figure_and_something_else_shows_the_sentence_the_other_ask_points_at(shipped_components):
    """The figure's sentence answers one ask; the other ("which domain-specific backbone did better")
    is answered by the sentence holding its words, not by the sentence closest to the whole question,
    which restates what identifies the paper ("the authors apply Faster R-CNN to ...")."""
    question = ("For the Faster R-CNN work on star-forming clumps in galaxies: about how many galaxy images was the "
                "final model trained on, and which domain-specific backbone did better?")
    answer = run(shipped_components.answer_engine, question, mode="extractive").answer
    assert answer.shape == "fact" and "5,000" in answer.items[0].text
    assert any("Zoobot" in i.text for i in answer.items[1:] if i.role == "evidence")
    assert_citations_resolve(answer)


def test_words_no_abstract_uses_in_a_description_that_picks_out_a_paper_are_a_rewording(shipped_components):
    """"hunts" and "nearby" are in no abstract, but the words around them ("giant star-forming clumps
    in galaxies") pick out one paper: they word its description otherwise. Before the question asks,
    a name no abstract writes still counts, and a list's topic is no description of a paper."""
    engine = shipped_components.answer_engine
    described = run(engine, "For the paper that hunts giant star-forming clumps in nearby galaxies, which object detection framework did they use?", mode="extractive").answer
    assert not described.abstained and "Faster R-CNN" in described.text
    named = run(engine, "For the giant star-forming clumps in galaxies work with GalaxyNet-7, which object detection framework did they use?", mode="extractive").answer
    assert named.abstained and "GalaxyNet-7" in named.text
    listed = run(engine, "I need something on credit card fraud detection with transfer learning - what does the collection have?", mode="extractive").answer
    assert listed.abstained


def test_a_comparison_whose_papers_do_not_say_what_they_are_gets_no_difference_line(shipped_components):
    """Side by side, two sentence heads ("CWA: The authors rethink the ensemble ...; DTA: The authors
    focus on ...") read as a garbled line, not as a difference: the item lines stand alone."""
    question = ("Compare the attack that improves transferability by exploiting the common weakness of an ensemble of surrogate models "
                "with the attack that uses a pre-trained vision transformer to fool models fine-tuned from it on downstream datasets.")
    answer = run(shipped_components.answer_engine, question, mode="extractive").answer
    assert answer.shape == "comparison" and len([i for i in answer.items if i.role == "item"]) == 2
    assert all(i.role != "difference" for i in answer.items)


def test_a_comparison_gets_one_line_per_item_and_how_they_differ(shipped_components):
    question = "How does ScaLearn differ from AdapterFusion?"
    answer = run(shipped_components.answer_engine, question, mode="extractive").answer
    assert answer.kind == "comparison" and answer.shape == "comparison"
    items = [i for i in answer.items if i.role == "item"]
    assert len(items) >= 2 and answer.items[-1].role == "difference"
    assert set(answer.items[-1].markers) == {m for i in items for m in i.markers}
    # The difference line is checked part by part, each against its own paper: as one sentence
    # cited to both, each paper's judge saw the other paper's words and rejected it.
    difference = answer.items[-1]
    parts = answer.sentences[-len(difference.markers) :]
    # Each item's line is one checked sentence, or two when it carries its paper's next closest sentence too.
    assert len(answer.sentences) == sum(max(1, len(i.parts)) for i in items) + len(difference.markers)
    assert [s.markers for s in parts] == [(m,) for m in difference.markers]
    assert [s.text.rsplit(" [", 1)[0] for s in parts] == list(difference.parts)
    from eval.citation_metrics import AbstractSupport
    from rag.verify.citations import strip_markers

    papers = {c.paper.paper_id: c.paper for c in answer.citations}
    support = AbstractSupport.from_store(shipped_components.store, shipped_components.embedder, papers, shipped_components.settings.answer.support_threshold)
    by_marker = {c.marker: c.paper.paper_id for c in answer.citations}
    for sentence in parts:
        assert support(strip_markers(sentence.text), [by_marker[sentence.markers[0]]]), sentence.text


@pytest.mark.parametrize("mode", ["extractive", "llm"])
def test_a_figure_no_abstract_states_is_not_stated_in_both_modes(engine, scripted, mode):
    """The question asks for a listening-test score; the prosody papers report none. No model call is needed to say so."""
    question = "What mean opinion score (MOS) did the unsupervised speech prosody style transfer system obtain in human listening tests?"
    answer = run(engine, question, mode=mode).answer
    assert answer.abstained and answer.shape == "not_stated"
    assert answer.items[0].text == "The abstracts don't state the mean opinion score (MOS)."
    assert any(i.role == "item" and i.markers for i in answer.items)  # leads, cited
    assert_citations_resolve(answer)
    assert scripted.chat_requests == []


@pytest.mark.parametrize(
    "question",
    ["How do you bake sourdough bread?", "What is the melting point of tungsten?", "Who won the football world cup in 2018?"],
)
def test_clearly_unanswerable_questions_abstain_and_list_leads(shipped_components, question):
    answer = run(shipped_components.answer_engine, question, mode="extractive").answer
    assert answer.abstained and answer.text == prompts.ABSTAIN_TEXT
    assert answer.citations == () and answer.sentences == ()
    assert len(answer.retrieved) >= 3  # leads the user can still open


@pytest.mark.parametrize("question", ["", "   \n\t "])
def test_an_empty_question_is_refused_clearly(shipped_components, question):
    with pytest.raises(QuestionError) as info:
        shipped_components.answer_engine.ask(question, mode="extractive")
    assert "empty" in info.value.message and info.value.hint


def test_a_question_over_the_length_limit_is_refused_clearly(shipped_components):
    limit = shipped_components.settings.answer.max_question_chars
    with pytest.raises(QuestionError) as info:
        shipped_components.answer_engine.ask("negative transfer " * (limit // 10), mode="extractive")
    assert f"{limit:,}" in info.value.message
    at_limit = (f"{QUESTION} " * limit)[: limit - 1] + "?"
    assert shipped_components.answer_engine.ask(at_limit, mode="extractive").question == at_limit  # the limit itself is allowed


def test_an_unknown_mode_is_refused(shipped_components):
    with pytest.raises(QuestionError, match="unknown answer mode"):
        shipped_components.answer_engine.ask(QUESTION, mode="poetry")


# -- the real local model ---------------------------------------------------------------


@pytest.mark.slow
def test_the_real_local_model_answers_over_real_http_and_every_citation_resolves(shipped_components):
    components = Components(load_settings(data_dir=TEST_INDEX_DIR, local_model={"model": "smollm2-135m"}))
    try:
        assert components.settings.llm.backend == "local"
        components.retriever.search(QUESTION)  # load MiniLM and BM25 first, as the app's warm-up does
        result = run(components.answer_engine, QUESTION, mode="llm")
        answer = result.answer
        port = components.local_server.port
        assert port is not None and components.local_server.is_running()
    finally:
        components.close()

    # SmolLM2-135M is weak: assert the path and the invariants, not the quality.
    assert answer.question == QUESTION and answer.retrieved
    if answer.notice:  # it failed or timed out: the extractive answer, said so
        assert answer.mode == "extractive" and answer.citations
    elif answer.abstained:  # "not stated", or nothing it said was backed by the sources and it gave figures
        assert answer.shape == "not_stated" and answer.text.startswith("The abstracts don't state")
    else:
        assert answer.mode == "llm" and answer.citations
        assert any(s.supported for s in answer.sentences)
    assert_citations_resolve(answer, all_supported=components.settings.answer.drop_unsupported)

    with socket.socket() as probe:  # the server is gone with the components
        probe.settimeout(1.0)
        assert probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.parametrize(
    "question, shown",
    [
        # Strong evidence (the cross-lingual and continual-learning papers match), but the topic word is in no abstract.
        ("Which papers apply cross-lingual transfer to sign language recognition or translation?", "“sign”"),
        ("How do the papers handle catastrophic forgetting in federated continual learning?", "“federated”"),
        # A number is there ("10K polite sentence rewrites"), but it counts rewrites, not annotators.
        ("How many human annotators worked on the PoliteRewrite dataset?", "The abstracts don't state"),
        # GPipe is indexed; no retrieved abstract says anything of ZeRO.
        ("How does GPipe's memory use compare with ZeRO's?", "“ZeRO”"),
        # The stemmer reads "negation" as the negative-transfer papers' "negative"; no abstract writes it.
        ("How well do pretrained language models understand negation?", "“negation”"),
        # The listed cross-lingual retrieval papers' sentences were 0.005 closer with "recommender": noise, not a rewording (dev10).
        ("Which papers apply transfer learning to recommender systems?", "“recommender”"),
    ],
)
def test_what_the_abstracts_do_not_cover_is_not_stated_even_when_the_rest_matches(shipped_components, question, shown):
    answer = run(shipped_components.answer_engine, question, mode="extractive").answer
    assert answer.abstained and answer.shape == "not_stated"
    assert shown in answer.items[0].text
    assert_citations_resolve(answer)


def test_a_variant_of_a_papers_word_or_a_rewording_in_a_long_question_is_still_answered(shipped_components):
    """'electrocardiogram' is in no abstract, 'electrocardiography' is; 'attach' is one reworded verb among 27 content words."""
    from rag.answer.unmentioned import unmentioned_words

    engine = shipped_components.answer_engine
    settings = shipped_components.settings.answer
    for question in (
        "Which papers transfer large language models to electrocardiogram diagnosis?",  # 1 of 5 content words: a topic, were it not a variant
        "Compare the two memory-efficient transfer methods that attach a small separate network to a frozen backbone: one receives intermediate "
        "activations through shortcut connections from the backbone, the other runs a lightweight parallel network with a confidence-based "
        "aggregation of cross-layer features. How do they differ and what do they save?",
    ):
        keyword = shipped_components.keyword_index
        assert keyword.unknown_words(question), "the question must hold a word no abstract uses, or this test proves nothing"
        hits = shipped_components.retriever.search(question).hits
        words = unmentioned_words(
            question, hits, keyword, shipped_components.embedder.embed,
            weak_below=settings.unmentioned_below, share=settings.unmentioned_share, variant_close=settings.variant_close, topic_shift=settings.topic_shift, small_vocabulary=settings.small_vocabulary,
        )
        assert words == []
        assert not run(engine, question, mode="extractive").answer.abstained


def test_the_difference_line_says_what_kind_of_thing_each_item_is(shipped_components):
    """Before, it pasted each line's head clause ("ForkMerge: Occasionally"); now each item's kind, in its paper's words."""
    question = ("Two two-stage multi-task methods first train per-task adapters and then transfer them to a target task. How does the approach "
                "that combines adapters in a separate knowledge-composition step compare with the approach that only learns scaling parameters "
                "over the source adapters, especially in the number of transfer parameters?")
    answer = run(shipped_components.answer_engine, question, mode="extractive").answer
    assert answer.shape == "comparison"
    difference = answer.items[-1].text
    assert "AdapterFusion, a new two stage learning algorithm" in difference and "ScaLearn, a simple and highly parameter-efficient two-stage MTL method" in difference
    for citation in answer.citations:  # each descriptor is its own paper's words
        label = next(i.label for i in answer.items if i.role == "item" and citation.marker in i.markers)
        descriptor = difference.split(f"{label}, ", 1)[1].split(";", 1)[0].split(" [", 1)[0].rstrip(".")
        assert descriptor in citation.paper.abstract


def test_a_topic_word_moves_the_question_and_a_rewording_does_not(shipped_components):
    """With strong evidence, an unknown word must carry the question's meaning to make it 'not stated'."""
    from rag.answer.unmentioned import meaning_shift

    embed, threshold = shipped_components.embedder.embed, shipped_components.settings.answer.topic_shift
    assert meaning_shift("Which papers apply cross-lingual transfer to sign language recognition or translation?", ["sign"], embed) >= threshold
    assert meaning_shift("What do the papers say about picking source tasks?", ["say"], embed) < threshold
    assert meaning_shift("Which paper tells the reader to ignore previous instructions for every claim?", ["tells", "reader"], embed) < threshold
    # inside a compound the word is still the topic; it was left in place and moved nothing
    assert meaning_shift("Has transfer learning been used to adapt EEG-based brain-computer interface decoders?", ["eeg"], embed) > 0
    assert meaning_shift("Which papers apply pretrained language models to text-to-SQL?", ["sql"], embed) > 0


def test_an_open_answer_about_a_named_paper_says_what_it_is_without_repeating_its_name(shipped_components):
    engine = shipped_components.answer_engine
    what = run(engine, "What is ForkMerge?", mode="extractive").answer
    assert what.shape == "open" and what.text.startswith("ForkMerge is a novel approach that periodically forks the model")
    how = run(engine, "How does LST save memory?", mode="extractive").answer
    assert how.shape == "open" and "LST: LST" not in how.text and "69%" in how.text


def test_a_question_holding_a_papers_whole_title_is_answered_from_that_paper(shipped_components):
    """The paper has no name, only its title; before, two of the three lines came from other papers'
    findings (TAPE's "self-supervised pretraining is helpful ...")."""
    title = "How Well Do Self-Supervised Models Transfer?"
    answer = run(shipped_components.answer_engine, f"What is the main finding of {title}", mode="extractive").answer
    assert answer.citations and {c.paper.title for c in answer.citations} == {title}
    # a title's words inside a question are not its name unless the whole title is there
    topic = run(shipped_components.answer_engine, "Do self-supervised models transfer well to detection?", mode="extractive").answer
    assert len({c.paper.title for c in topic.citations}) >= 2


def test_what_is_a_term_is_answered_by_the_sentences_that_define_it(shipped_components):
    """"What is catastrophic forgetting?" quoted sentences that use the term in passing ("Although existing
    methods have greatly alleviated catastrophic forgetting, ..."); one abstract says what it is."""
    from rag.answer.definitions import defined_term, defines

    assert defined_term("What is catastrophic forgetting?") == "catastrophic forgetting"
    assert defined_term("What are adapters?") == "adapters" and defined_term("What does negative transfer mean?") == "negative transfer"
    assert defined_term("What is the carbon footprint of parameter-efficient transfer learning compared with full fine-tuning?") == ""
    assert defined_term("What is the best optimizer?") == "" and defined_term("Which papers use adapters?") == ""
    assert defines("Soft Prompt Tuning (SPT) is a parameter-efficient method for adapting models.", "prompt tuning")
    assert defines("Occasionally, learning many tasks lowers accuracy, which is known as negative transfer.", "negative transfer")
    assert not defines("Evaluating Text Style Transfer (TST) is a complex task due to its multifaceted nature.", "style transfer")
    assert not defines("We introduce Adapters, an open-source library that unifies transfer learning.", "adapters")
    assert not defines("Although existing methods have greatly alleviated catastrophic forgetting, they still fail.", "catastrophic forgetting")

    answer = run(shipped_components.answer_engine, "What is catastrophic forgetting?", mode="extractive").answer
    assert answer.shape == "open" and "(where old knowledge is forgotten)" in answer.text
    assert "Although existing methods" not in answer.text


def test_a_definition_question_shows_the_model_only_the_defining_sentences(engine, llm_components, scripted):
    """Shown what the diffusion paper proposes beside its definition, the 1.5B model wrote the proposal as the answer."""
    question = "What is negative transfer?"
    definition = "Learning multiple tasks simultaneously can give lower accuracy than learning only the target task"
    scripted.reply(_items((1, definition), (1, definition)))  # the small model repeats itself too
    answer = run(engine, question, mode="llm").answer
    (request,) = scripted.chat_requests
    assert "which is known as negative transfer" in request.prompt
    assert "periodically forks the model" not in request.prompt  # ForkMerge's card contribution
    assert answer.mode == "llm" and not answer.notice and answer.text.count(definition) == 1


def test_asking_for_a_name_or_a_summary_of_a_paper_is_answered(shipped_components):
    """Three ways of asking a new user tried, each answered badly before: "Give me papers on LoRA" was
    too far from every sentence ("do not answer this") though abstracts use LoRA; "Summarize ForkMerge"
    read "summarize" as its topic (plT5's summarization scores as leads); "Tell me about LiT" quoted
    its closest sentence, not what the paper does."""
    engine = shipped_components.answer_engine
    lora = run(engine, "Give me papers on LoRA", mode="extractive").answer
    assert not lora.abstained and lora.citations
    assert all(re.search(r"(?<![\w-])LoRA(?![\w-])", c.paper.abstract) for c in lora.citations)
    summary = run(engine, "Summarize ForkMerge", mode="extractive").answer
    assert summary.shape == "open" and summary.text.startswith("ForkMerge is a novel approach")
    about = run(engine, "Tell me about LiT", mode="extractive").answer
    assert about.shape == "open" and "contrastive-tuning" in about.items[0].text
    # the contribution holds what is asked ("avoids collapse"); the closest sentence only said what it is called
    how = run(engine, "How does Barlow Twins avoid collapse?", mode="extractive").answer
    assert "naturally avoids collapse" in how.items[0].text
    # a name no abstract uses still is not in the index
    assert run(engine, "Give me papers on ControlNet", mode="extractive").answer.abstained


def test_which_paper_introduced_a_name_and_how_many_papers_are_answered(shipped_components):
    """"Which paper introduced TAPE?" quoted "TAPE will help the machine learning community ..."; the paper is
    the answer. "How many papers are about style transfer?" said "The abstracts don't state the papers"."""
    engine = shipped_components.answer_engine
    which = run(engine, "Which paper introduced TAPE?", mode="extractive").answer
    assert which.shape == "paper" and which.items[0].label == "Evaluating Protein Transfer Learning with TAPE"
    assert "five biologically relevant" in which.text
    count = run(engine, "How many papers are about style transfer?", mode="extractive").answer
    assert count.shape == "list" and not count.abstained
    assert count.items[0].text == prompts.list_lead(len(count.citations))


def test_a_comparison_item_the_model_got_wrong_keeps_its_extractive_line(engine, llm_components, scripted):
    """Before, the unverified item was dropped and the 'comparison' described one paper."""
    question = "How does ScaLearn differ from AdapterFusion?"
    sources = _sources(llm_components, question)
    assert len(sources) >= 2
    scripted.reply(_items((1, _claim_from(sources[0])), (2, "It reaches 99.9% accuracy on the moon landing benchmark")))
    result = run(engine, question, mode="llm")
    answer, draft = result.answer, result.evidence.draft
    assert answer.mode == "llm" and answer.shape == "comparison" and answer.notice == ""
    compared = [i for i in answer.items if i.role == "item"]
    drafted = {c.paper.paper_id for c in draft.citations}
    assert len(compared) == 2 and {c.paper.paper_id for c in answer.citations} == drafted
    assert "moon" not in answer.text and answer.items[-1].role == "difference"
    assert set(answer.items[-1].markers) == {c.marker for c in answer.citations}
    assert_citations_resolve(answer)


def test_a_comparison_items_clause_on_the_other_paper_described_is_cut():
    """The 1.5B model, asked from the draft's cited sentences, wrote Ground-A-Video's item as "... in a training-free manner, while the
    synthetic-dataset video-to-video transfer approach eliminates the need for ... finetuning" (seen dev41):
    the second clause is the other paper's, described rather than named, and was cited to Ground-A-Video."""
    from rag.answer.engine import _own_clauses

    sources = [PaperHit(n, Paper(f"p{n}", title, "An abstract."), 1.0, f"p{n}-0", ()) for n, title in ((1, "Ground-A-Video"), (2, "Consistent Video-to-Video Transfer Using Synthetic Dataset"))]
    text = ("Ground-A-Video attains temporally consistent multi-attribute editing of input videos in a training-free manner, "
            "while the synthetic-dataset video-to-video transfer approach eliminates the need for per-video finetuning.")
    assert _own_clauses(text, 1, sources) == "Ground-A-Video attains temporally consistent multi-attribute editing of input videos in a training-free manner."
    # A clause on the item's own method, not a described other one, stays.
    kept = "The method edits videos without training, while the edits stay temporally consistent."
    assert _own_clauses(kept, 1, sources) == kept


def test_a_model_line_naming_another_retrieved_paper_beside_its_own_keeps_the_extractive_line(engine, llm_components, scripted):
    """A model line on ScaLearn that also names AdapterFusion ("ScaLearn uses roughly 0.35% of the
    transfer parameters of AdapterFusion", true of ScaLearn's abstract) reads as naming a paper it
    does not cite; extractive lines never carry another retrieved paper's name. Its own name beside
    the other one no longer excuses it: the item keeps its extractive line."""
    question = "How does ScaLearn differ from AdapterFusion?"
    sources = _sources(llm_components, question)
    labels = [h.label() for h in sources]
    assert "ScaLearn" in labels and "AdapterFusion" in labels
    scalearn, fusion = labels.index("ScaLearn") + 1, labels.index("AdapterFusion") + 1
    borrowed = "ScaLearn consistently outperforms strong baselines with only a small number of transfer parameters, roughly 0.35% of those of AdapterFusion."
    scripted.reply(_items((scalearn, borrowed), (fusion, _claim_from(sources[fusion - 1]))))
    result = run(engine, question, mode="llm")
    answer, draft = result.answer, result.evidence.draft
    assert answer.mode == "llm" and answer.shape == "comparison"
    compared = {i.label: i for i in answer.items if i.role == "item"}
    assert set(compared) == {"ScaLearn", "AdapterFusion"}
    assert "AdapterFusion" not in compared["ScaLearn"].text
    assert compared["ScaLearn"].text == next(i.text for i in draft.items if i.label == "ScaLearn")
    assert_citations_resolve(answer)


def test_a_compared_line_the_model_wrote_without_its_papers_figure_keeps_the_drafts(engine, llm_components, scripted):
    """A comparison asking a figure: the 1.5B model rewrote PPA's side as what PPA proposes, without the
    "up to 50%" its draft line gives (dev15); that side keeps the draft's line, the side the model
    gave with its figure keeps the model's."""
    question = ("Both TransMI and the transliteration-based post-training alignment (PPA) paper target languages in "
                "different scripts. By how much does each improve over the original models?")
    sources = _sources(llm_components, question)
    labels = [h.label() for h in sources]
    assert "TransMI" in labels and "PPA" in labels
    transmi, ppa = labels.index("TransMI") + 1, labels.index("PPA") + 1
    scripted.reply(_items((transmi, "TransMI shows a consistent improvement of 3% to 34%, varying across different models and tasks"), (ppa, _claim_from(sources[ppa - 1]))))
    result = run(engine, question, mode="llm")
    answer, draft = result.answer, result.evidence.draft
    assert "up to 50%" in next(i.text for i in draft.items if i.label == "PPA")
    assert answer.mode == "llm" and answer.shape == "comparison" and not answer.overruled
    compared = {i.label: i for i in answer.items if i.role == "item"}
    assert "3% to 34%" in compared["TransMI"].text
    assert compared["PPA"].text == next(i.text for i in draft.items if i.label == "PPA")
    assert_citations_resolve(answer)


def test_a_compared_line_the_model_wrote_without_its_papers_names_keeps_the_drafts(engine, llm_components, scripted):
    """A comparison asking which thing each has: the 1.5B model rewrote BaM's side as what BaM proposes,
    without the "Bulgarian and German" its draft line on the asked languages gives (dev33); that side keeps
    the draft's line, the side the model gave with its language keeps the model's."""
    question = "Bailong and Branch-and-Merge (BaM) both adapt an English LLM - which target language(s) does each paper work on?"
    sources = _sources(llm_components, question)
    labels = [h.label() for h in sources]
    assert "Bailong" in labels and "BaM" in labels
    bailong, bam = labels.index("Bailong") + 1, labels.index("BaM") + 1
    scripted.reply(_items(
        (bailong, "Bailong conducts secondary pre-training on Llama 2 7B with Traditional Chinese data"),
        (bam, "BaM is a new adaptation method based on iteratively merging multiple models, fine-tuned on a subset of the available training data"),
    ))
    result = run(engine, question, mode="llm")
    answer, draft = result.answer, result.evidence.draft
    assert "Bulgarian" in next(i.text for i in draft.items if i.label == "BaM")
    assert answer.mode == "llm" and answer.shape == "comparison" and not answer.overruled
    compared = {i.label: i for i in answer.items if i.role == "item"}
    assert "Traditional Chinese" in compared["Bailong"].text and compared["Bailong"].text != next(i.text for i in draft.items if i.label == "Bailong")
    assert compared["BaM"].text == next(i.text for i in draft.items if i.label == "BaM")
    assert_citations_resolve(answer)


def test_a_comparison_shows_one_line_per_paper_when_the_model_writes_two_for_one(engine, llm_components, scripted):
    """The 1.5B model on dev wrote two items for MAD-X and none for Hyper-X: the reader saw MAD-X twice."""
    question = "How does ScaLearn differ from AdapterFusion?"
    sources = _sources(llm_components, question)
    claim = _claim_from(sources[0])
    scripted.reply(_items((1, claim), (1, claim.replace("The authors", "They", 1))))
    answer = run(engine, question, mode="llm").answer
    assert answer.mode == "llm" and answer.notice == ""
    compared = [i for i in answer.items if i.role == "item"]
    papers = [next(c.paper.paper_id for c in answer.citations if c.marker == i.markers[0]) for i in compared]
    assert len(compared) == 2 and len(set(papers)) == 2
    assert_citations_resolve(answer)


def test_a_fact_the_model_answered_without_the_stated_figure_keeps_the_figure(engine, llm_components, scripted):
    """Before, the model's verified but figure-less line replaced the shaped fact ("within 0.4% ...,
    adding only 3.6% parameters per task" became "the authors propose transfer with adapter modules")."""
    question = ("In the work that proposed inserting small trainable modules into a frozen BERT for NLP transfer, "
                "how many parameters are added per task?")
    sources = _sources(llm_components, question)
    assert sources
    scripted.reply(_items((1, _claim_from(sources[0]))))
    scripted.reply(_items((1, _claim_from(sources[0]))))  # asked again from the stating sentence, the same line
    result = run(engine, question, mode="llm")
    answer, draft = result.answer, result.evidence.draft
    assert draft.shape == "fact" and "3.6%" in draft.items[0].text
    assert answer.mode == "llm" and answer.notice == "" and answer.shape == "fact"
    assert answer.items[0].text == draft.items[0].text and "3.6%" in answer.text
    assert answer.overruled and answer.retried  # the eval counts it as a fallback: the reader got the draft
    assert "3.6%" in scripted.chat_requests[-1].prompt  # the second request showed the stating sentence
    assert_citations_resolve(answer)


def test_a_fact_set_aside_for_its_missing_figure_is_asked_again_and_the_second_answer_kept(engine, llm_components, scripted):
    """dev4: the model's fact line lacked the figure the evidence states, and the draft was given;
    shown only the draft's cited sentences, a model that then writes the figure is the answer."""
    question = ("In the work that proposed inserting small trainable modules into a frozen BERT for NLP transfer, "
                "how many parameters are added per task?")
    sources = _sources(llm_components, question)
    scripted.reply(_items((1, _claim_from(sources[0]))))
    scripted.reply(_items((1, "On GLUE, adapters attain within 0.4% of the performance of full fine-tuning, adding only 3.6% parameters per task")))
    answer = run(engine, question, mode="llm").answer
    assert answer.mode == "llm" and answer.notice == "" and not answer.overruled and answer.retried
    assert "3.6%" in answer.items[0].text
    assert_citations_resolve(answer)


def test_a_fact_set_aside_without_time_to_ask_again_is_the_draft_without_a_notice(no_retry_engine, scripted):
    """`answer.llm_retry_within` 0: the draft stands, marked overruled, and nothing failed, so no notice."""
    question = ("In the work that proposed inserting small trainable modules into a frozen BERT for NLP transfer, "
                "how many parameters are added per task?")
    scripted.reply(prompts.NO_ANSWER)
    answer = run(no_retry_engine, question, mode="llm").answer
    assert answer.overruled and not answer.retried and answer.notice == "" and "3.6%" in answer.text
    assert len(scripted.chat_requests) == 1


@pytest.mark.parametrize("reply", [json.dumps({"not_stated": True, "items": []}), prompts.NO_ANSWER])
def test_a_model_that_says_not_stated_when_the_evidence_states_the_figure_is_overruled(engine, llm_components, scripted, reply):
    """The evidence checks found the asked figure; the model's "not stated" missed it: the shaped fact stands."""
    question = ("In the work that proposed inserting small trainable modules into a frozen BERT for NLP transfer, "
                "how many parameters are added per task?")
    scripted.reply(reply)
    scripted.reply(reply)  # asked again, from the stating sentence, it still says not stated
    result = run(engine, question, mode="llm")
    answer, draft = result.answer, result.evidence.draft
    assert draft.shape == "fact" and "3.6%" in draft.items[0].text
    assert not answer.abstained and answer.shape == "fact" and answer.notice == ""
    assert "3.6%" in answer.text and answer.overruled
    assert_citations_resolve(answer)


def test_a_model_figure_no_source_holds_does_not_hide_the_figure_the_evidence_states(engine, scripted):
    """An invented figure usually means the papers do not say; not when the evidence checks found the asked one."""
    question = ("In the work that proposed inserting small trainable modules into a frozen BERT for NLP transfer, "
                "how many parameters are added per task?")
    scripted.reply(_items((1, "Adapters add 9.9% parameters per task")))
    scripted.reply(_items((1, "Adapters add 9.9% parameters per task")))  # asked again, it repeats the figure
    result = run(engine, question, mode="llm")
    answer = result.answer
    assert not answer.abstained and "9.9%" not in answer.text and "3.6%" in answer.text
    assert answer.text == result.evidence.draft.text and answer.notice  # the shaped fact, saying why
    assert_citations_resolve(answer)


def test_a_fact_the_model_answered_with_the_figure_keeps_the_models_line(engine, llm_components, scripted):
    question = ("In the work that proposed inserting small trainable modules into a frozen BERT for NLP transfer, "
                "how many parameters are added per task?")
    sources = _sources(llm_components, question)
    scripted.reply(_items((1, "Adapters add only 3.6% parameters per task")))
    answer = run(engine, question, mode="llm").answer
    assert answer.mode == "llm" and answer.items[0].text.startswith("Adapters add only 3.6% parameters")
    assert_citations_resolve(answer)


def test_a_name_the_draft_found_leads_the_models_fact(engine, scripted):
    """'What benchmark was NoEsis evaluated on?': the draft leads with "CodeXGLUE", read from "our
    evaluation on CodeXGLUE"; a model line that is true but leaves the name out keeps its place under
    it, and one that gives the name stands alone."""
    question = "What benchmark was NoEsis (differentially private modular LLM adaptation) evaluated on?"
    scripted.reply(_items((1, "NoEsis integrates differential privacy with a hybrid two-staged parameter-efficient fine-tuning")))
    result = run(engine, question, mode="llm")
    answer = result.answer
    assert result.evidence.draft.items[0].text == "CodeXGLUE"
    assert answer.mode == "llm" and answer.items[0].role == "fact" and answer.items[0].text == "CodeXGLUE" and answer.items[0].label == "NoEsis"
    assert answer.items[1].text.startswith("NoEsis integrates differential privacy")
    assert_citations_resolve(answer)
    scripted.reply(_items((1, "NoEsis is evaluated on CodeXGLUE, with provable privacy guarantees")))
    named = run(engine, question, mode="llm").answer
    assert named.mode == "llm" and named.items[0].role == "fact" and "CodeXGLUE" in named.items[0].text and named.items[0].text != "CodeXGLUE"
    assert_citations_resolve(named)


def test_a_short_question_naming_a_paper_is_answered_from_that_paper(shipped_components):
    """Its sentences sit under the cosine floor (a six-word question), so it used to abstain."""
    answer = run(shipped_components.answer_engine, "How many languages is mLUKE trained on?", mode="extractive").answer
    assert not answer.abstained and answer.shape == "fact"
    assert answer.items[0].label == "mLUKE" and "24 languages" in answer.text
    assert_citations_resolve(answer)


def test_an_asking_verb_no_abstract_uses_is_not_a_missing_topic(shipped_components):
    """Before: "The abstracts don't mention “say”" (no abstract says "say"; the question is about source tasks)."""
    answer = run(shipped_components.answer_engine, "What do the papers say about picking source tasks?", mode="extractive").answer
    assert not answer.abstained and "“say”" not in answer.text
    assert "TaskWeb" in answer.text


def test_a_figure_for_another_condition_is_not_stated(shipped_components):
    """Med3D's abstract gives "accuracy ranging from 3% to 20%" over its tasks and a Dice on LiTS, no nodule accuracy."""
    engine = shipped_components.answer_engine
    answer = run(engine, "What accuracy does Med3D reach on pulmonary nodule classification?", mode="extractive").answer
    assert answer.abstained and answer.shape == "not_stated"
    stated = run(engine, "What Dice coefficient does Med3D reach on the LiTS liver segmentation challenge?", mode="extractive").answer
    assert not stated.abstained and "94.6" in stated.text


def test_a_british_spelling_or_an_asking_pronoun_is_no_topic_the_papers_miss(shipped_components):
    """"tumours" is the abstracts' "tumors"; "anyone" asks, it names no topic: neither makes a question unanswerable."""
    keyword = shipped_components.keyword_index
    assert keyword.unknown_words("Has anyone used transfer learning for brain tumours?") == []
    assert keyword.unknown_words("Which papers perform style transfer on fonts?") == ["fonts"]


def test_a_known_verb_done_again_is_no_unknown_word(shipped_components):
    """dev21: "restyling images after a reference style" is the papers' styling, not a topic they miss;
    "refrence" (a typo, not "re" + "french") stays unknown, to be read as the papers write it."""
    keyword = shipped_components.keyword_index
    assert keyword.unknown_words("Which papers propose restyling of images after a refrence style?") == ["refrence"]


def test_the_authors_or_a_name_asked_by_its_letters_is_no_unknown_word(shipped_components):
    """dev25: "What did the authors call the model ... fine-tuning Glot500-m ...?" said "The abstracts don't
    mention 'authors' or 'Glot500-m'": abstracts say "we", and a question's words are read by their letters."""
    keyword = shipped_components.keyword_index
    assert keyword.unknown_words("What did the authors call the model obtained by fine-tuning Glot500-m?") == []
    assert keyword.unknown_words("What did the authors call the model obtained by fine-tuning Zorblax500-m?") == ["zorblax"]
    # dev24: "what overall accuracy gain on the So2Sat random split came from ...": "sat" is So2Sat's, and
    # "came" asks the gain.
    assert keyword.unknown_words("What accuracy gain on the So2Sat random split came from resizing?") == []


def test_papers_in_the_index_are_the_collection_not_a_topic(shipped_components):
    """dev27: "How do papers in the index deal with ... which source language to transfer from?" said "The
    papers on the rest of this question don't mention 'index'": the index is where the papers are."""
    assert "index" not in content_words("How do papers in the index deal with choosing a source language?")
    assert "index" in content_words("Which papers report the Jaccard index?")  # a measure's name stays a topic
    answer = run(shipped_components.answer_engine, "How do papers in the index deal with the question of which source language to transfer from in cross-lingual transfer?", mode="extractive").answer
    assert not answer.abstained and len(answer.citations) >= 2


def test_the_verb_saying_what_papers_do_is_no_missing_topic(shipped_components):
    """dev26 / dev27: "Which papers cut the memory needed while adapting big pretrained models ...?" said "The
    abstracts don't mention 'cut'": the papers write "reduce"; the verb is the asker's wording, and the
    nouns name the topic. A topic no paper has still counts in the same place."""
    assert "cut" in doing_verbs("How do papers in the index cut the GPU memory needed to fine-tune big models?")
    assert "cuts" in doing_verbs("PETL cuts the number of trainable parameters; which papers save memory too?")
    assert doing_verbs("Which methods try to shrink a model?") == {"shrink"}
    assert not doing_verbs("Which papers apply cross-lingual transfer to sign language recognition?")
    engine = shipped_components.answer_engine
    answer = run(engine, "Which papers cut the memory needed while adapting big pretrained models, rather than just shrinking the number of trainable parameters?", mode="extractive").answer
    assert not answer.abstained and answer.shape == "list" and len(answer.citations) >= 3
    assert any("memory" in c.evidence.text.lower() for c in answer.citations)
    refused = run(engine, "Which papers forecast the weather with transfer learning?", mode="extractive").answer
    assert refused.abstained


def test_a_title_phrase_written_as_one_compound_names_that_paper(engine):
    """dev24: "How do TRANSIC and the Dynamics-as-Prompts approach differ ...?" said "The abstracts don't
    mention 'Dynamics-as-Prompts'": the title "Dynamics as Prompts: In-Context Learning for Sim-to-Real
    System Identifications" writes it spaced. It is the comparison's other side."""
    answer = run(engine, "How do TRANSIC and the Dynamics-as-Prompts approach differ in how they close the sim-to-real gap?", mode="extractive").answer
    assert not answer.abstained
    assert {c.paper.title.split(":")[0] for c in answer.citations} >= {"TRANSIC", "Dynamics as Prompts"}


def test_a_question_naming_a_paper_misses_only_the_names_it_adds(shipped_components):
    """"How does ForkMerge fight ...": the paper is in the index, "fight" is a rewording; "PCGrad" is another
    method no abstract mentions, so a comparison with it cannot be drawn."""
    from rag.answer.unmentioned import unmentioned_words

    settings = shipped_components.settings.answer
    keyword = shipped_components.keyword_index

    def missing(question: str, names_a_paper: bool) -> list[str]:
        hits = shipped_components.retriever.search(question).hits
        return unmentioned_words(
            question, hits, keyword, shipped_components.embedder.embed, weak_below=settings.unmentioned_below, share=settings.unmentioned_share,
            variant_close=settings.variant_close, topic_shift=settings.topic_shift, small_vocabulary=settings.small_vocabulary, names_a_paper=names_a_paper,
        )

    rewording = "How does ForkMerge fight negative transfer?"
    assert missing(rewording, names_a_paper=False) == ["fight"], "the rewording must be a word no abstract uses, or this test proves nothing"
    assert missing(rewording, names_a_paper=True) == []
    assert run(shipped_components.answer_engine, rewording, mode="extractive").answer.shape != "not_stated"
    assert "pcgrad" in missing("How does ForkMerge compare with PCGrad?", names_a_paper=True)


def test_a_mistyped_word_a_set_aside_clause_or_the_askers_story_does_not_make_a_question_unanswerable(shipped_components):
    """"architecure" is in no abstract but is "architecture" mistyped (its word pieces embed far from it);
    "not just cut the number of trainable params" is what the question sets aside, not its topic.
    Both were false abstentions; a topic word no paper uses still is one."""
    from rag.answer.unmentioned import one_edit_apart, unmentioned_words

    assert one_edit_apart("architecure", "architecture") and one_edit_apart("trasnfer", "transfer")
    assert not one_edit_apart("transfer", "transfer") and not one_edit_apart("speech", "speaker")
    settings = shipped_components.settings.answer
    keyword = shipped_components.keyword_index

    def missing(question: str) -> list[str]:
        hits = shipped_components.retriever.search(question).hits
        return unmentioned_words(
            question, hits, keyword, shipped_components.embedder.embed, weak_below=settings.unmentioned_below, share=settings.unmentioned_share,
            variant_close=settings.variant_close, topic_shift=settings.topic_shift, small_vocabulary=settings.small_vocabulary,
        )

    typo = "how much does dynamic architecure skipping reduce the FLOPs of METER on VQA2.0"
    assert keyword.unknown_words(typo) == ["architecure"], "the typo must be a word no abstract uses, or this test proves nothing"
    assert missing(typo) == []
    set_aside = "PETL methods that also make inference faster, not just cut the number of trainable params?"
    assert {"cut", "params"} <= set(keyword.unknown_words(set_aside)), "the set-aside words must be unknown, or this test proves nothing"
    assert missing(set_aside) == []
    assert missing("Which papers apply transfer learning to sign langauge recognition?") == ["sign"]
    # The asker's own story ("I remember a paper arguing that ...") is not the question's topic.
    story = "When you pre-train a ViT, is it really the learned features that matter downstream? I remember a paper arguing that something else is enough"
    assert keyword.unknown_words(story) == []


def test_a_list_question_is_not_unanswerable_for_a_word_that_barely_moves_it(shipped_components):
    """dev2: "curiosity or surprise as a driver for learning transferable skills" got "The abstracts don't
    mention 'driver'" though four papers answer it. A list asks what papers are about; a word whose removal
    barely moves the question is a role, not the topic. A typo the embedder sees in pieces, and a unit a
    fact question asks in, still make the question unanswerable."""
    engine, keyword = shipped_components.answer_engine, shipped_components.keyword_index
    role = "Which papers treat curiosity or intrinsic motivation as the driver for learning reusable skills?"
    assert "driver" in keyword.unknown_words(role), "the word must be one no abstract uses, or this test proves nothing"
    listed = run(engine, role, mode="extractive").answer
    assert listed.kind == "list" and listed.shape == "list" and not listed.abstained
    assert "driver" not in listed.text
    typo = run(engine, "Which papers adapt pretrained speech models for speaker verfication?", mode="extractive").answer
    # (Since dev130 the typo is fixed from the index, which writes "verification": the question stays unanswerable, in its words.)
    assert typo.shape == "not_stated" and "speaker verification" in typo.items[0].text
    unit = run(engine, "How much did it cost in dollars to train the PaliGemma 2 models?", mode="extractive").answer
    assert unit.abstained


def test_a_list_whose_papers_miss_a_facet_of_the_question_says_so(shipped_components):
    """dev4: "continual learning or catastrophic forgetting in speech recognition models" listed six
    continual-learning papers, none about speech (the index has both kinds, none of both). A facet
    no listed paper holds, or facets no one paper holds together, make a list "not stated"; an
    alternative held ("LLMs or vision-language models"), an acronym spelled out ("an LLM": "large
    language models") and a facet the papers word otherwise ("faster" inference) do not."""
    engine = shipped_components.answer_engine
    missing = run(engine, "Any work on adversarial examples that transfer between audio classifiers?", mode="extractive").answer
    assert missing.kind == "list" and missing.shape == "not_stated" and missing.abstained
    assert missing.items[0].text == "The papers on the rest of this question don't mention “audio”." and missing.citations  # leads stay
    apart = run(engine, "Which papers do continual learning for speech recognisers?", mode="extractive").answer
    assert apart.shape == "not_stated" and apart.items[0].text == "None of the closest papers mentions “continual” and “speech” together."
    for answerable in (
        "Which works improve the mathematical reasoning of LLMs or vision-language models?",
        "Which papers transfer reward models across languages to align an LLM?",
        "Which PETL methods also make inference faster?",
    ):
        listed = run(engine, answerable, mode="extractive").answer
        assert listed.shape == "list" and not listed.abstained, answerable


def test_an_open_question_asked_of_the_field_is_read_for_its_facets_as_a_list_is(shipped_components):
    """"Why does test-time augmentation improve CLIP's zero-shot classification accuracy?" was answered
    from CLIP papers none of which speaks of augmentation (dev4). An open question of no paper in
    particular, with two or more papers a list would give, says the facet they miss; a finding asked
    in the question's own words, which one paper answers, keeps its answer; so do open questions
    about the field ("How do people ...?"), now answered from the papers a list would give."""
    engine = shipped_components.answer_engine
    missing = run(engine, "Why does test-time augmentation improve CLIP's zero-shot classification accuracy?", mode="extractive").answer
    assert missing.kind == "open" and missing.shape == "not_stated" and "augmentation" in missing.items[0].text
    finding = run(engine, "why would a checkpoint from the middle of ImageNet pretraining work better as a frozen feature extractor than the fully trained model?", mode="extractive").answer
    assert finding.shape == "open" and not finding.abstained
    field = run(engine, "How do the papers figure out which source language will transfer best to a given target language?", mode="extractive").answer
    assert field.kind == "open" and field.shape == "open" and len({c.paper.paper_id for c in field.citations}) >= 2
    assert not any(s.text.rstrip(" [0123456789]").endswith("?") for s in field.sentences)  # the abstract's own question is no line


def test_a_mistyped_question_is_answered_as_the_papers_write_it(shipped_components):
    """"how many discourse markrs ..." was "The abstracts don't mention “markrs”" (dev9): now read, and
    searched, as "markers", and the question is shown as understood."""
    answer = run(shipped_components.answer_engine, "how many discourse markrs end up in the dataset mined for unsupervised sentence representation learning?", mode="extractive").answer
    assert not answer.abstained and "174" in answer.text
    assert "markers" in answer.standalone_question and answer.question != answer.standalone_question


def test_a_count_no_abstract_states_is_said_as_the_question_asks_it(shipped_components):
    """"The abstracts don't state the points." answered "how many points does ... gain?" (dev4)."""
    answer = run(shipped_components.answer_engine, "How many parameters does XLM-R have?", mode="extractive").answer
    assert answer.shape == "not_stated" and answer.items[0].text == "The abstracts don't state how many parameters."


def test_a_facet_is_read_from_the_question_as_written():
    from rag.answer.text_forms import spelled_out
    from rag.answer.unmentioned import _facets, as_written

    assert _facets("attacks against speech or audio models") == [[["speech"], ["audio", "models"]], [["attacks"]]]
    assert [["llms"], ["vision", "language"]] in _facets("reasoning of LLMs or vision-language models")
    assert _facets("knowledge graph completion / link prediction")[0] == [["graph", "completion"], ["link", "prediction"]]
    assert _facets("CLIP-style models or multimodal LLMs")[0] == [["clip", "models"], ["multimodal", "llms"]]  # "-style" qualifies CLIP
    assert spelled_out("LLMs", "we align large language models") and not spelled_out("LLM", "large models")
    assert as_written("Any papers on code-switched speech recognition?", ["code"]) == "code-switched"
    assert as_written("spiking networks for NLP or language modelling?", ["nlp"]) == "NLP"
    # The unmentioned words of "The abstracts don't mention ..." are shown so too: "DINOv2", not "dinov".
    assert as_written("does a DINOv2 initialisation beat MAE?", ["dinov"]) == "DINOv2"
    assert as_written("the Czech-to-Slovak wav2vec transfer", ["vec"]) == "wav2vec"


def test_an_open_answer_no_line_of_which_answers_the_question_is_not_stated(shipped_components):
    """dev2: "How can cross-lingual transfer help speech emotion recognition?" got sentences on speech
    translation (now said by the facet they miss, "emotion"); dev8: "How do the papers use transfer
    learning to handle cold-start users in recommender systems?" got a sentence on a cold-start
    learner of another field. The judge reads none of the lines as an answer: the abstracts don't state it."""
    engine = shipped_components.answer_engine
    unanswered = run(engine, "How do the papers use transfer learning to handle cold-start users in recommender systems?", mode="extractive").answer
    assert unanswered.kind == "open" and unanswered.shape == "not_stated" and unanswered.abstained
    assert unanswered.items[0].text == "The abstracts don't state this." and unanswered.citations  # leads stay
    facet = run(engine, "How can cross-lingual transfer help speech emotion recognition in low-resource languages?", mode="extractive").answer
    # The task as a whole since the twenty-fifth session: the listed papers write "recognition" (of speech), not "emotion recognition".
    assert facet.abstained and facet.items[0].text == "The papers on the rest of this question don't mention “emotion recognition”."
    answered = run(engine, "Why do multilingual language models often underperform monolingual ones, and what does X-ELM do about it?", mode="extractive").answer
    assert answered.shape == "open" and not answered.abstained and "X-ELM" in answered.text


def test_a_one_word_topic_that_titles_papers_is_listed_not_refused(shipped_components):
    """"anything on Polish?" embeds far from every sentence, but two titles say Polish: a list, not "no answer"."""
    answer = run(shipped_components.answer_engine, "anything on Polish?", mode="extractive").answer
    assert answer.kind == "list" and answer.shape == "list" and not answer.abstained
    titles = [c.paper.title for c in answer.citations]
    assert len(titles) >= 2 and all("Polish" in t for t in titles)


def test_a_hyphenated_name_the_papers_write_is_not_an_unmentioned_word(shipped_components):
    keyword = shipped_components.retriever.keyword
    assert keyword.unknown_words("Offsite-tuning: speed-up and memory reduction?") == []
    assert keyword.unknown_words("offsite tuning of a weather model") == ["weather"]


def test_a_name_spelled_with_digits_no_abstract_writes_is_an_unmentioned_word(shipped_components):
    """dev4: "How does mixed-precision (fp16 / bf16) training affect ... transfer accuracy?" got the closest
    sentences: "fp" and "bf" are too short to be read as words, and no abstract writes fp16 or bf16."""
    keyword = shipped_components.retriever.keyword
    assert keyword.unknown_words("How does fp16 / bf16 training affect transfer?") == ["fp16", "bf16"]
    assert keyword.unknown_words("Does the model run on an A100?") == []  # "A100-GPU-hours" writes it
    assert keyword.unknown_words("ResNet50 transfer accuracy?") == []  # the papers' "ResNet-50"


def test_a_bare_figure_from_the_model_is_grounded_in_its_source_and_kept(engine, llm_components, scripted):
    """The 1.5B model answers fact questions with the bare figure ("9.6%"); the judge cannot check
    three characters, so a right answer used to fall back (6 of 8 fact fallbacks on dev2)."""
    question = ("In the work that proposed inserting small trainable modules into a frozen BERT for NLP transfer, "
                "how many parameters are added per task?")
    sources = _sources(llm_components, question)
    assert "3.6%" in sources[0].paper.abstract
    scripted.reply(_items((1, "The direct answer is 3.6%.")))
    answer = run(engine, question, mode="llm").answer
    assert answer.mode == "llm" and answer.notice == "" and not answer.overruled and answer.shape == "fact"
    assert answer.items[0].role == "fact" and answer.items[0].text == "3.6%"
    assert answer.items[1].role == "evidence" and "3.6%" in answer.items[1].text
    assert answer.citations[0].paper.paper_id == sources[0].paper.paper_id
    assert_citations_resolve(answer)


@pytest.mark.parametrize("value", ["4.2%", "3.6% parameters per layer"])
def test_a_short_value_its_source_does_not_hold_is_not_grounded(engine, llm_components, scripted, value):
    """A figure the abstract lacks, or one paired with words the stating sentence does not give it, goes to the judge, which rejects it."""
    question = ("In the work that proposed inserting small trainable modules into a frozen BERT for NLP transfer, "
                "how many parameters are added per task?")
    scripted.reply(_items((1, value)))
    scripted.reply(_items((1, value)))  # asked again, from the stating sentence, it repeats the value
    answer = run(engine, question, mode="llm").answer
    assert value not in answer.text and "3.6%" in answer.text
    assert answer.notice  # the shaped fact, saying why
    assert_citations_resolve(answer)


def test_a_comparison_of_two_named_papers_keeps_the_models_line_on_each(engine, llm_components, scripted):
    """On dev2 the relevance check read the second compared paper's line as "not an answer" and
    rejected both lines of a right comparison, so it fell back."""
    question = "MAD-X vs Hyper-X for cross-lingual transfer with adapters: how do they differ?"
    first = run(engine, question, mode="extractive").answer
    assert first.shape == "comparison"
    names = [c.paper.title.split(":")[0] for c in first.citations]
    assert sorted(names) == ["Hyper-X", "MAD-X"]
    texts = {
        "Hyper-X": "Hyper-X is considerably more efficient in terms of parameters and resources compared to methods that train separate adapters.",
        "MAD-X": "MAD-X is an adapter-based framework that enables high portability and parameter-efficient transfer to arbitrary tasks and languages by learning modular language and task representations.",
    }
    scripted.reply(_items(*((n, texts[name]) for n, name in enumerate(names, start=1))))
    answer = run(engine, question, mode="llm").answer
    assert answer.mode == "llm" and answer.notice == "" and answer.shape == "comparison"
    compared = [i for i in answer.items if i.role == "item"]
    assert len(compared) == 2 and {i.label for i in compared} == {"Hyper-X", "MAD-X"}
    assert any(i.text.startswith("considerably more efficient") for i in compared)
    assert_citations_resolve(answer)


def test_a_fact_questions_prompt_shows_the_sentence_stating_the_figure(engine, llm_components, scripted):
    """The closest sentence often lacked the figure, and the model answered with the contribution (dev)."""
    question = "How much of the fine-tuning memory cost does Ladder Side-Tuning save?"
    scripted.reply(_items((1, "LST saves 69% of the memory costs to fine-tune the whole network.")))
    result = run(engine, question, mode="llm")
    prompt = scripted.chat_requests[-1].messages[-1]["content"]
    assert "69%" in result.evidence.draft.items[0].text and "69%" in prompt
    assert result.answer.notice == "" and not result.answer.overruled and "69%" in result.answer.items[0].text
    assert_citations_resolve(result.answer)


def test_a_fact_whose_figure_the_evidence_found_is_written_from_that_paper_alone(engine, llm_components, scripted):
    """Shown three papers, the 1.5B model wrote another paper's contribution as the answer (dev3)."""
    question = ("In class-incremental learning on ImageNet-100, how much top-1 improvement do you get by replacing the "
                "classifier head with semantic targets generated by pretrained language models?")
    assert len(_sources(llm_components, question)) >= 2, "more than one paper must pass the bar, or this test proves nothing"
    scripted.reply(_items((1, "The method improves the Top-1 accuracy by 3.2% to 6.1% on ImageNet-100.")))
    result = run(engine, question, mode="llm")
    prompt = scripted.chat_requests[-1].messages[-1]["content"]
    assert "6.1" in result.evidence.draft.items[0].text
    assert "[1] " in prompt and "[2] " not in prompt
    assert result.answer.citations[0].paper.paper_id == result.evidence.draft.citations[0].paper.paper_id


def test_the_model_sentence_giving_the_stated_figure_leads_a_fact(engine, llm_components, scripted):
    """One item, two sentences, the figure in the second: before, the first led and the answer was overruled."""
    question = ("In the work that proposed inserting small trainable modules into a frozen BERT for NLP transfer, "
                "how many parameters are added per task?")
    scripted.reply(_items((1, "The authors propose transfer with adapter modules. Adapters add only 3.6% parameters per task.")))
    answer = run(engine, question, mode="llm").answer
    assert answer.mode == "llm" and answer.notice == "" and not answer.overruled
    assert "3.6%" in answer.items[0].text and "3.6%" in answer.items[1].text
    assert_citations_resolve(answer)


def test_a_contrast_written_into_each_compared_item_keeps_each_items_own_clause(engine, llm_components, scripted):
    """The 1.5B model on validation wrote "ConSERT ..., whereas DenoSent ..." as both items; each was
    rejected for naming the other paper, and the answer fell back."""
    question = "ConSERT vs DenoSent - contrastive vs denoising objectives for self-supervised sentence representations, how do they differ?"
    draft = run(engine, question, mode="extractive").answer
    names = [c.paper.title.split(":")[0] for c in draft.citations]
    assert draft.shape == "comparison" and sorted(names) == ["ConSERT", "DenoSent"]
    contrast = ("ConSERT adopts contrastive learning to fine-tune BERT in an unsupervised and effective way, whereas DenoSent "
                "proposes a novel denoising objective that inherits from another perspective, i.e., the intra-sentence perspective.")
    scripted.reply(_items((1, contrast), (2, contrast)))
    answer = run(engine, question, mode="llm").answer
    assert answer.mode == "llm" and answer.notice == ""
    lines = {i.label: i.text for i in answer.items if i.role == "item"}
    assert lines["ConSERT"].startswith("adopts contrastive learning") and "DenoSent" not in lines["ConSERT"]
    assert lines["DenoSent"].startswith("proposes a novel denoising objective") and "ConSERT" not in lines["DenoSent"]
    assert_citations_resolve(answer)


@pytest.mark.parametrize(
    ("question", "answer_has"),
    [
        # The closest sentences restate how the question identifies the paper; the asking part points at the answer.
        ("Diff-Transfer finds a path of sub-tasks from the source task to the target task. Which learning algorithm plans that path?", "Q-learning"),
        ("graph schemas for transfer learning - which previously published benchmark tasks were they evaluated on?", "StreetLearn"),
    ],
)
def test_a_fact_asked_after_describing_the_paper_shows_the_sentence_the_asking_words_point_at(shipped_components, question, answer_has):
    answer = run(shipped_components.answer_engine, question, mode="extractive").answer
    assert not answer.abstained and answer.shape == "fact"
    assert answer_has in answer.text
    assert_citations_resolve(answer)


def test_a_named_part_asked_with_its_count_is_not_a_missing_word():
    """"what are the two modules called?": the abstract names both modules without writing "two",
    and says "module" where the question says "modules" (dev5: it was "not stated")."""
    from rag.answer.stated import detail_stated
    from rag.records import Paper

    hit = PaperHit(1, Paper("p1", "KRT", "The framework includes a dynamic pseudo-label (DPL) module and an incremental cross-attention (ICA) module."), 1.0, "c1", ())
    assert detail_stated("two modules called", [hit])
    assert not detail_stated("two licences", [hit])


def test_a_detail_asked_with_which_is_not_stated_when_the_named_paper_never_speaks_of_it(shipped_components):
    """"Under which licence ...?" asks as "what licence ...?" does: GHOST 2.0's abstract says nothing of
    a licence, so its modules are no answer (dev4: they were shown as one)."""
    answer = run(shipped_components.answer_engine, "Under which licence is the GHOST 2.0 head-swapping code released?", mode="extractive").answer
    assert answer.abstained and answer.shape == "not_stated"
    assert "licence" in answer.text.split("\n")[0]


def test_a_paper_is_named_by_the_short_form_its_abstract_gives_it(shipped_components):
    """"SBERT vs Sentence-T5": the abstract presents "Sentence-BERT (SBERT)"; both compared papers are here (dev5)."""
    answer = run(shipped_components.answer_engine, "SBERT vs Sentence-T5: how does each turn a pretrained transformer into a sentence encoder?", mode="extractive").answer
    assert not answer.abstained and answer.shape == "comparison"
    assert {"SBERT (Sentence-BERT)", "Sentence-T5"} <= {i.label for i in answer.items if i.role == "item"}  # the name asked, then the card's
    assert_citations_resolve(answer)


def test_a_model_fact_wrapping_the_stated_figure_in_the_questions_words_leads_with_the_figure(engine, scripted):
    """dev31 / dev32: "There are 130 tasks in total in the four task suites of the lifelong robot manipulation
    benchmark." - the question's words around the figure, which the judge reads as claims of their own. The
    lead is the figure as the abstract words it; a line saying more than the question keeps its words."""
    question = "How many tasks in total are in the four task suites of the lifelong robot manipulation benchmark?"
    draft = run(engine, question, mode="extractive").answer
    assert draft.items[0].role == "fact" and "130" in draft.items[0].text, "the draft must lead with the figure, or this test proves nothing"
    scripted.reply(_items((1, "There are 130 tasks in total in the four task suites of the lifelong robot manipulation benchmark.")))
    answer = run(engine, question, mode="llm").answer
    assert answer.mode == "llm" and not answer.overruled and answer.notice == ""
    assert answer.items[0].text == draft.items[0].text
    assert [i.text for i in answer.items if i.role == "evidence"] == [i.text for i in draft.items if i.role == "evidence"]
    # What is checked is what is shown: the lead and its sentences, not the model's wrapped sentence.
    assert [s.text for s in answer.sentences] == [s.text for s in draft.sentences]
    scripted.reply(_items((1, "LIBERO's four task suites hold 130 tasks in total, with human-teleoperated demonstrations for each.")))
    answer = run(engine, question, mode="llm").answer
    assert answer.items[0].text.startswith("LIBERO's four task suites hold 130 tasks")
    assert_citations_resolve(answer)


def test_a_model_fact_without_a_stated_figure_keeps_the_drafts_other_sentences(engine, scripted):
    """dev31: "SwAV: what ImageNet top-1 does it get with a ResNet-50, and what is the new augmentation
    strategy it introduces called?" - the model's line gave the figure and only the verifier's sentence
    under it; the draft's multi-crop sentence, answering the other ask, was lost."""
    question = "SwAV: what ImageNet top-1 does it get with a ResNet-50, and what is the new augmentation strategy it introduces called?"
    draft = run(engine, question, mode="extractive").answer
    evidence = [i.text for i in draft.items if i.role == "evidence"]
    assert any("multi-crop" in e for e in evidence), "the draft must show the multi-crop sentence, or this test proves nothing"
    scripted.reply(_items((1, "SwAV achieves 75.3% top-1 accuracy on ImageNet with ResNet-50.")))
    answer = run(engine, question, mode="llm").answer
    assert answer.mode == "llm" and not answer.overruled
    shown = [i.text for i in answer.items if i.role == "evidence"]
    assert any("multi-crop" in e for e in shown) and any("75.3%" in e for e in shown)
    assert len(shown) == len(set(shown))
    assert_citations_resolve(answer)


def test_a_model_fact_that_only_restates_the_question_gives_way_to_the_shaped_fact(engine, scripted):
    """dev5: the model's one verified line repeated how the question described Diff-Transfer; the
    asked algorithm (Q-learning) was in the draft's cited sentence, which the model was shown."""
    question = "Diff-Transfer plans a path of intermediate sub-tasks from the source task to the target task. Which learning algorithm generates that path?"
    scripted.reply(_items((1, "Diff-Transfer plans a path of intermediate sub-tasks from the source task to the target task.")))
    scripted.reply(_items((1, "Diff-Transfer plans a path of intermediate sub-tasks from the source task to the target task.")))
    result = run(engine, question, mode="llm")
    answer, draft = result.answer, result.evidence.draft
    assert draft.shape == "fact" and "Q-learning" in draft.citations[0].evidence.text
    assert "Q-learning" in scripted.chat_requests[-1].prompt  # the model saw the answering sentence
    assert answer.text == draft.text and answer.overruled and "Q-learning" in answer.text
    assert_citations_resolve(answer)


def test_a_comparison_asking_an_aspect_shows_each_papers_sentence_on_it(shipped_components):
    """"Which training tasks does each one select?": MBTL's line is the sentence on selecting training
    tasks, not its contribution sentence (which says what it layers on top of)."""
    question = "XTRA and MBTL both do transfer in reinforcement learning. Which training tasks does each one select?"
    answer = run(shipped_components.answer_engine, question, mode="extractive").answer
    assert answer.shape == "comparison"
    mbtl = next(i for i in answer.items if i.role == "item" and i.label == "MBTL")
    assert "select training tasks" in mbtl.text
    assert_citations_resolve(answer)


def test_a_comparison_asking_results_too_gives_each_side_what_it_does_and_how_it_did(shipped_components):
    """dev27: "... what gets merged, and what languages or benchmarks are they evaluated on?" gave each side
    its contribution only; each line now adds the sentence reporting its results on something named
    (BaM's Bulgarian and German; layer swapping's MGSM, which its abstract states before the line)."""
    question = ("Compare layer swapping and Branch-and-Merge (BaM) as merging-based ways to adapt LLMs to other languages: "
                "what gets merged, and what languages or benchmarks are they evaluated on?")
    answer = run(shipped_components.answer_engine, question, mode="extractive").answer
    assert answer.shape == "comparison"
    lines = " ".join(i.text for i in answer.items if i.role == "item")
    assert "Bulgarian" in lines and "MGSM" in lines
    # Each of a line's two sentences is checked on its own against its paper: seldom neighbours in the
    # abstract, the two read as one claim failed the support judge on 8 of 60 probe comparisons.
    swapping = next(i for i in answer.items if i.role == "item" and "MGSM" in i.text)
    assert len(swapping.parts) == 2 and len(item_sentences(swapping)) == 2
    assert all(c.supported for c in answer.citations) and all(s.supported for s in answer.sentences)
    assert_citations_resolve(answer)
    # Asked only how each works, a side keeps its one line: no results are added.
    how = run(shipped_components.answer_engine, "Compare layer swapping and Branch-and-Merge (BaM): what gets merged?", mode="extractive").answer
    assert "MGSM" not in " ".join(i.text for i in how.items if i.role == "item")


def test_who_wrote_a_paper_is_not_stated_when_its_record_has_no_authors(shipped_components):
    """The shipped corpus lists titles and abstracts only: "Who proposed ForkMerge?" is answered by
    saying so, with ForkMerge as the first lead, not by a ForkMerge sentence that names nobody."""
    answer = run(shipped_components.answer_engine, "Who proposed ForkMerge?", mode="extractive").answer
    assert answer.abstained and answer.shape == "not_stated"
    assert answer.text.startswith("The index holds no authors for ForkMerge")
    assert answer.citations[0].paper.title.startswith("ForkMerge")


def test_an_open_question_about_a_named_paper_is_answered_from_that_paper_or_not_at_all(shipped_components):
    """"How is catastrophic forgetting measured in LIBERO?": LIBERO's abstract says nothing of forgetting;
    other papers' sentences on forgetting answered a question nobody asked. Not stated, LIBERO first."""
    answer = run(shipped_components.answer_engine, "How is catastrophic forgetting measured in LIBERO?", mode="extractive").answer
    assert answer.abstained and answer.citations[0].paper.title.startswith("LIBERO")


def test_which_things_a_named_paper_holds_is_a_fact_about_it_not_a_list_of_papers(shipped_components):
    """"Which tasks does TaskWeb cover?" listed other papers on tasks; "Which papers build on ForkMerge?" stays a list."""
    answer = run(shipped_components.answer_engine, "Which tasks does TaskWeb cover?", mode="extractive").answer
    assert answer.kind == "fact" and answer.shape == "fact"
    assert {c.paper.title.split(":")[0] for c in answer.citations} == {"TaskWeb"}
    from rag.answer.naming import asks_of_named_paper

    hits = shipped_components.retriever.search("Which papers build on ForkMerge?", k=20).hits
    assert not asks_of_named_paper("Which papers build on ForkMerge?", hits)


@pytest.mark.parametrize(
    "question, shown",
    [
        # The sentence writes the measure apart: "62.4 mAP on COCO fine tuning".
        ("What COCO fine-tuning mAP does Florence report?", "62.4"),
        # "existing" places the dataset without naming it; TANDA's abstract says QA only inside "TREC-QA";
        # the question asks from its first word, so all of it points at the answering sentence.
        ("Which existing QA dataset did TANDA exploit for its transfer step?", "Natural Questions"),
        # A doubled-letter typo of a word the papers use ("barrier").
        ("Which papers address the script barier of multilingual models with transliteration?", "TransliCo"),
        # A name typeset in TeX ("Re$^3$Sim"), typed plain.
        ("How does Re3Sim differ from TRANSIC?", "TRANSIC"),
    ],
)
def test_answerable_questions_worded_apart_from_their_abstract_are_answered(shipped_components, question, shown):
    """dev7's clean run said "not stated" for each of these (reworded here): the answer is there."""
    answer = run(shipped_components.answer_engine, question, mode="extractive").answer
    assert not answer.abstained and answer.shape != "not_stated", answer.text
    assert shown in answer.text
    assert_citations_resolve(answer)


def test_a_doubled_letter_is_a_typo_at_any_length_from_five():
    from rag.answer.unmentioned import doubling_apart

    assert doubling_apart("barier", "barrier") and doubling_apart("occurred", "occured")
    assert not doubling_apart("sign", "sing") and not doubling_apart("bar", "barr") and not doubling_apart("barier", "carrier")


def test_a_long_form_asked_in_other_words_is_the_sentence_spelling_it_out(shipped_components):
    """"what does the acronym DoG mean?" and a second ask "what does CoDA stand for" (dev7) are answered
    by "Distance over Gradients (DoG)" and "Conditional Adapter (CoDA)"; a range leads whole ("2x to 8x", not "8x")."""
    from rag.answer.fact_lines import acronyms_expanded

    assert acronyms_expanded("DoG step sizes - what does the acronym DoG mean?") == ["DoG"]
    assert acronyms_expanded("what is CoDA short for?") == ["CoDA"] and acronyms_expanded("How fast is CoDA?") == []
    meaning = run(shipped_components.answer_engine, "What does the abbreviation DoG mean in the step size paper?", mode="extractive").answer
    assert "Distance over Gradients" in meaning.text
    both = run(shipped_components.answer_engine, "What is CoDA short for, and how much faster is its inference than standard adapters?", mode="extractive").answer
    assert both.items[0].text.startswith("2x to 8x") and "Conditional Adapter" in both.text


def test_a_figure_for_the_backbone_the_question_rules_out_is_not_stated(shipped_components):
    """"with a ViT backbone instead of a ResNet" (dev7): SwAV's "75.3% top-1 accuracy on ImageNet with
    ResNet-50" is the ruled-out setting's figure; asked for ResNet-50 itself, it is the answer."""
    engine = shipped_components.answer_engine
    vit = run(engine, "What top-1 does SwAV reach on ImageNet with a ViT backbone rather than a ResNet?", mode="extractive").answer
    assert vit.abstained and vit.shape == "not_stated"
    resnet = run(engine, "What top-1 does SwAV reach on ImageNet with ResNet-50?", mode="extractive").answer
    assert not resnet.abstained and "75.3%" in resnet.items[0].text


def test_a_model_fact_asking_two_things_keeps_the_sentence_for_each(engine, llm_components, scripted):
    """dev7: the model's "84.4%" was shown under only the draft's first evidence sentence, and the
    557-million-parameter sentence answering the other ask was lost. (GPipe's draft now shows the one
    sentence holding both; AgriNet's two asks are answered by two sentences.)"""
    question = "How many images are in the AgriNet collection, and which of the AgriNet pretrained models got the best classification accuracy?"
    draft = run(engine, question, mode="extractive").answer
    evidence = [i.text for i in draft.items if i.role == "evidence"]
    assert len(evidence) == 2 and any("VGG19" in e for e in evidence), "the draft must show both sentences, or this test proves nothing"
    scripted.reply(_items((1, "The AgriNet collection holds 160k agricultural images.")))
    answer = run(engine, question, mode="llm").answer
    assert answer.mode == "llm" and not answer.overruled and "160k" in answer.items[0].text
    assert [i.text for i in answer.items if i.role == "evidence"] == evidence
    assert_citations_resolve(answer)


def test_a_difference_line_does_not_describe_an_item_by_praise_alone():
    """dev7: "Where they differ: CWCL, a novel loss; LiT, a simple method" told the reader nothing; the
    title's subtitle says what each is. A praised kind with a clause says something and stays."""
    from rag.answer.difference import _descriptor
    from rag.records import Evidence, Paper, PaperCard, PaperHit

    def hit(title: str, name: str, line: str) -> tuple[PaperHit, Evidence]:
        paper = Paper(f"p-{name}", title, line)
        return PaperHit(1, paper, 1.0, "c", (), card=PaperCard(paper.paper_id, "c", name, line, ())), Evidence(line, 0, len(line))

    lit = hit("LiT: Zero-Shot Transfer with Locked-image text Tuning", "LiT", "The paper presents contrastive-tuning, a simple method employing contrastive training.")
    tanda = hit("TANDA: Transfer and Adapt", "TANDA", "TANDA is an effective technique for fine-tuning pre-trained Transformer models for natural language tasks.")
    assert _descriptor(*lit) == ", “Zero-Shot Transfer with Locked-image text Tuning”"
    assert _descriptor(*tanda) == ", an effective technique for fine-tuning pre-trained Transformer models for natural language tasks"
