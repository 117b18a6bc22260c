"""FAKE engine for the UI: one prepared shaped answer per question, over REAL shipped papers.

`ShapedAnswersEngine` is a stand-in for the engine's answer shaping (issue 9), so the UI and
the CLI rendering of every shape can be tested alone while the engine is rewritten. The
papers, abstracts, evidence sentences and their offsets are the shipped corpus's own (read
with rag.ingest.corpus); the third-person lines, names and leads are written here by hand, the way
the engine is meant to write them. It has the engine's interface as ui.app uses it:
`settings`, `paper_count()`, `stream(question, history, mode=, top_k=)` yielding an
EvidenceEvent, then an AnswerEvent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from rag.ingest.corpus import ReadReport, read_corpus
from rag.records import Answer, AnswerEvent, AnswerItem, Citation, Evidence, EvidenceEvent, Paper, PaperHit
from rag.render_text import render_items
from rag.ingest.sentences import split_sentences
from tests.conftest import SHIPPED_CORPUS

LIST_Q = "Which methods tackle negative transfer?"
FACT_Q = "What top-1 accuracy does GPipe reach on ImageNet?"
COMPARISON_Q = "How do SHERL and UniPT differ?"
NOT_STATED_Q = "What learning rate does ForkMerge use?"
OPEN_Q = "How can a large pretrained model be adapted while saving GPU memory?"
PARTIAL_Q = "XTRA and MBTL: what does each one transfer, and how much GPU memory does it need?"

FORKMERGE = "ForkMerge: Mitigating Negative Transfer in Auxiliary-Task Learning"
DIFFUSION = "Addressing Negative Transfer in Diffusion Models"
FLAT = "Improving Multi-task Learning via Seeking Task-based Flat Regions"
ALIGN = "Understanding and Improving Information Transfer in Multi-Task Learning"
ALZHEIMER = "Evidence-empowered Transfer Learning for Alzheimer's Disease"
CODE_DATA = "At Which Training Stage Does Code Data Help LLMs Reasoning?"
GPIPE = "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism"
CONVBN = "Efficient ConvBN Blocks for Transfer Learning and Beyond"
SHERL = "SHERL: Synthesizing High Accuracy and Efficient Memory for Resource-Limited Transfer Learning"
UNIPT = "UniPT: Universal Parallel Tuning for Transfer Learning with Efficient Parameter and Memory"
S2A = "S2A: A Unified Framework for Parameter and Memory Efficient Transfer Learning"
XTRA = "On the Feasibility of Cross-Task Transfer with Model-Based Reinforcement Learning"
MBTL = "Model-Based Transfer Learning for Contextual Reinforcement Learning"
R2 = "$R^2$-Tuning: Efficient Image-to-Video Transfer Learning for Video Temporal Grounding"
CONVBN_REASON = "the abstract says Tune mode saves GPU memory and time, not parameters"


@lru_cache(maxsize=1)
def shipped_papers() -> dict[str, Paper]:
    return {p.title: p for p in read_corpus([SHIPPED_CORPUS], ReadReport())}


def _sentence(paper: Paper, containing: str) -> Evidence:
    """The abstract's sentence containing `containing`, with its real offsets."""
    for span in split_sentences(paper.abstract):
        text = paper.abstract[span.start : span.end]
        if containing in text:
            return Evidence(text, span.start, span.end, 0.7)
    raise LookupError(f"no sentence of {paper.title!r} contains {containing!r}")


class _Shaped:
    """Collects the citations and retrieved papers of one prepared answer."""

    def __init__(self, retrieved: list[tuple[str, str]]) -> None:
        papers = shipped_papers()
        self.hits = tuple(
            PaperHit(rank, papers[title], 1.0 / rank, f"chunk-{rank}", (_sentence(papers[title], best),))
            for rank, (title, best) in enumerate(retrieved, start=1)
        )
        self.citations: list[Citation] = []

    def cite(self, title: str, containing: str, supported: bool = True) -> int:
        paper = shipped_papers()[title]
        marker = len(self.citations) + 1
        self.citations.append(Citation(marker, paper, _sentence(paper, containing), supported, 0.8 if supported else 0.2))
        return marker

    def answer(self, question: str, kind: str, shape: str, mode: str, items: list[AnswerItem]) -> Answer:
        answer = Answer(question, question, "", mode, False, tuple(self.citations), self.hits, kind=kind, shape=shape, items=tuple(items))
        # Answer.text is the plain-text rendering; the terminal's is as good a one as any here.
        return replace(answer, text="\n".join(render_items(answer)))


def list_answer() -> Answer:
    s = _Shaped([(FORKMERGE, "we introduce ForkMerge"), (DIFFUSION, "clustering the denoising tasks"), (FLAT, "task-based flat minima"),
                 (ALIGN, "aligning tasks' embedding layers"), (ALZHEIMER, "morphological change prediction"), (CODE_DATA, "negative transfer")])
    items = [
        AnswerItem("lead", "Five of the retrieved papers tackle negative transfer:"),
        AnswerItem("item", "periodically forks the model into branches, searches task weights by minimizing target validation "
                   "error and merges the branches to filter out harmful task updates.", "ForkMerge", (s.cite(FORKMERGE, "we introduce ForkMerge"),)),
        AnswerItem("item", "clusters the denoising tasks into small intervals of noise levels and applies multi-task learning methods to each cluster.",
                   DIFFUSION, (s.cite(DIFFUSION, "clustering the denoising tasks"),)),
        AnswerItem("item", "uses sharpness-aware minimization to steer multi-task training toward task-based flat minima.",
                   FLAT, (s.cite(FLAT, "task-based flat minima"),)),
        AnswerItem("item", "shows that misaligned task data cause negative transfer and aligns the tasks' embedding layers.",
                   ALIGN, (s.cite(ALIGN, "misalignment between task data"),)),
        AnswerItem("item", "replaces non-medical source tasks with an AD-relevant auxiliary task, morphological change prediction.",
                   ALZHEIMER, (s.cite(ALZHEIMER, "morphological change prediction"),)),
        AnswerItem("related", CODE_DATA, CODE_DATA),
    ]
    return s.answer(LIST_Q, "list", "list", "extractive", items)


def fact_answer() -> Answer:
    s = _Shaped([(GPIPE, "84.4%"), (CONVBN, "GPU memory footprint")])
    n = s.cite(GPIPE, "84.4%")
    items = [
        AnswerItem("fact", "84.4% top-1 accuracy on ImageNet-2012", markers=(n,)),
        AnswerItem("evidence", "trains a 557-million-parameter AmoebaNet with pipeline parallelism and reaches a top-1 accuracy "
                   "of 84.4% on ImageNet-2012.", "GPipe", (n,)),
    ]
    return s.answer(FACT_Q, "fact", "fact", "extractive", items)


def comparison_answer() -> Answer:
    s = _Shaped([(SHERL, "called SHERL"), (UNIPT, "parallel network"), (S2A, "Structure to Activation")])
    sherl, unipt = s.cite(SHERL, "called SHERL"), s.cite(UNIPT, "parallel network")
    items = [
        AnswerItem("item", "splits adaptation into two routes: it consolidates frozen intermediate outputs with an "
                   "anti-redundancy operation, then adapts them with a few late pre-trained layers.", "SHERL", (sherl,)),
        AnswerItem("item", "trains a lightweight network in parallel to the frozen backbone, which processes its intermediate "
                   "activations and aggregates cross-layer features.", "UniPT", (unipt,)),
        AnswerItem("difference", "SHERL still runs a few late pre-trained layers on the consolidated features, while UniPT "
                   "learns only a side network beside the backbone.", markers=(sherl, unipt)),
        AnswerItem("related", S2A, S2A),
    ]
    return s.answer(COMPARISON_Q, "comparison", "comparison", "llm", items)


def not_stated_answer() -> Answer:
    s = _Shaped([(FORKMERGE, "we introduce ForkMerge"), (FLAT, "task-based flat minima"), (ALIGN, "aligning tasks' embedding layers")])
    items = [
        AnswerItem("not_stated", "The abstracts don't state the learning rate ForkMerge uses."),
        AnswerItem("related", FORKMERGE, FORKMERGE),
        AnswerItem("related", FLAT, FLAT),
    ]
    return s.answer(NOT_STATED_Q, "fact", "not_stated", "extractive", items)


def open_answer() -> Answer:
    s = _Shaped([(SHERL, "avoid backpropagating"), (UNIPT, "back-propagate"), (S2A, "fourfold"), (R2, "1.5%"), (CONVBN, "GPU memory footprint")])
    items = [
        AnswerItem("sentence", "Memory-efficient transfer methods avoid back-propagating gradients through the large pre-trained backbone.",
                   markers=(s.cite(SHERL, "avoid backpropagating"), s.cite(UNIPT, "back-propagate"))),
        AnswerItem("sentence", "S2A adds small activation modules and quantizes the activations of non-parametric layers to 4 bits, "
                   "cutting the GPU memory footprint about fourfold on average.", markers=(s.cite(S2A, "fourfold"),)),
        AnswerItem("sentence", "R^2-Tuning trains a lightweight block holding 1.5% of the total parameters for video temporal grounding.",
                   markers=(s.cite(R2, "1.5%"),)),
        AnswerItem("sentence", "The Tune mode of ConvBN blocks halves the number of trainable parameters.",
                   markers=(s.cite(CONVBN, "GPU memory footprint", supported=False),), supported=False, reason=CONVBN_REASON),
    ]
    return s.answer(OPEN_Q, "open", "open", "llm", items)


def partial_comparison_answer() -> Answer:
    """A comparison that also asks a figure neither abstract states: the lines, then that part said plainly."""
    s = _Shaped([(XTRA, "(XTRA)"), (MBTL, "(MBTL)")])
    xtra, mbtl = s.cite(XTRA, "(XTRA)"), s.cite(MBTL, "(MBTL)")
    items = [
        AnswerItem("item", "pretrains learned world models on offline multi-task data and finetunes them for sample-efficient online RL.", "XTRA", (xtra,)),
        AnswerItem("item", "layers on top of existing RL methods to solve contextual RL problems.", "MBTL", (mbtl,)),
        AnswerItem("unstated", "The abstracts don't state the GPU memory."),
    ]
    return s.answer(PARTIAL_Q, "comparison", "comparison", "extractive", items)


def shaped_answers() -> dict[str, Answer]:
    """Every prepared answer by its question: one of each shape, and a comparison with a part not stated."""
    return {a.question: a for a in (list_answer(), fact_answer(), comparison_answer(), not_stated_answer(), open_answer(), partial_comparison_answer())}


class ShapedAnswersEngine:
    """FAKE engine: a stand-in for the engine's shaping, so the UI can be tested alone.

    Answers each question of `shaped_answers()` with its prepared answer (an unknown question
    gets an abstention with no leads); records what it gave so tests can compare the page.
    """

    def __init__(self, settings) -> None:
        self.settings = settings
        self.prepared = shaped_answers()
        self.answers: list[Answer] = []

    def paper_count(self) -> int:
        return len(shipped_papers())

    def stream(self, question: str, history=(), mode: str | None = None, top_k: int | None = None) -> Iterator:
        answer = self.prepared.get(question.strip())
        if answer is None:
            answer = Answer(question, question, "The indexed papers do not answer this.", "extractive", True, (), (), shape="abstain")
        draft = replace(answer, mode="extractive")
        yield EvidenceEvent(answer.standalone_question, answer.retrieved, draft)
        self.answers.append(answer)
        yield AnswerEvent(answer)
