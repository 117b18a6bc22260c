"""Citation verification on the real shipped corpus: real Chroma sentence vectors, real MiniLM, the shipped judge.

Answers are written by hand from the real abstracts, each the kind of mistake a small model
makes (a marker out of range, the right claim under the wrong number), and the test checks
what the reader of the answer would see: which papers are cited, under which numbers, with
which quoted sentence.
"""

from __future__ import annotations

import re

import pytest

from rag.verify.citations import CitationVerifier, answer_sentences, parse_markers, strip_markers
from rag.records import PaperHit
from rag.ingest.sentences import split_sentences
from rag.verify.support import SupportJudge

DIFFUSION = "Addressing Negative Transfer in Diffusion Models"
FORKMERGE = "ForkMerge: Mitigating Negative Transfer in Auxiliary-Task Learning"
FWD_PROMPT = "Beyond Anti-Forgetting: Multimodal Continual Instruction Tuning with Positive Forward Transfer"
CWCL = "CWCL: Cross-Modal Transfer with Continuously Weighted Contrastive Loss"

# Paraphrases of one paper each (the abstract's words, reordered and shortened, as a model writes them).
ABOUT_DIFFUSION = "Interval clustering enforces temporal proximity among denoising tasks and is solved with dynamic programming"
ABOUT_FORKMERGE = "ForkMerge forks the model into multiple branches and merges them to filter out detrimental updates"
ABOUT_CWCL = "CWCL uses a continuous measure of similarity in its contrastive loss"


@pytest.fixture(scope="module")
def hits(shipped_components) -> dict[str, PaperHit]:
    """The retrieved hit of each paper above, found by searching its title."""
    found = {}
    for title in (DIFFUSION, FORKMERGE, FWD_PROMPT, CWCL):
        matches = [h for h in shipped_components.retriever.search(title, k=5).hits if h.paper.title == title]
        assert matches, f"the shipped corpus no longer holds {title!r}"
        found[title] = matches[0]
    return found


@pytest.fixture(scope="module")
def verifier(shipped_components) -> CitationVerifier:
    return shipped_components.verifier


def _assert_exact_evidence(citation) -> None:
    """The quoted evidence is a run of whole sentences of the cited abstract, at the stated offsets."""
    abstract = citation.paper.abstract
    evidence = citation.evidence
    assert evidence.text == abstract[evidence.start : evidence.end]
    spans = split_sentences(abstract)
    assert evidence.start in {s.start for s in spans} and evidence.end in {s.end for s in spans}


def _markers_in(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[(\d+)\]", text)]


# -- parsing ----------------------------------------------------------------------------


def test_both_multi_marker_forms_parse():
    assert parse_markers("Negative transfer hurts [1][2].") == [1, 2]
    assert parse_markers("Negative transfer hurts [1, 2].") == [1, 2]
    assert parse_markers("Negative transfer hurts [1; 3] and [4].") == [1, 3, 4]
    assert parse_markers("No markers, and [a] or [] are not markers.") == []
    assert strip_markers("Negative transfer hurts [1, 2].") == "Negative transfer hurts."
    assert strip_markers("Negative transfer hurts [1] [2] .") == "Negative transfer hurts."


def test_markers_after_the_full_stop_belong_to_the_sentence_before():
    text = "ForkMerge forks the model. [2] Interval clustering groups denoising tasks. [1][3]"
    assert answer_sentences(text) == ["ForkMerge forks the model. [2]", "Interval clustering groups denoising tasks. [1][3]"]


@pytest.mark.parametrize("markers", ["[1][2]", "[1, 2]"])
def test_a_claim_both_papers_make_keeps_both_citations_in_either_form(verifier, hits, markers):
    sources = [hits[DIFFUSION], hits[FORKMERGE]]
    out = verifier.verify(f"Negative transfer is attributed to conflicts between tasks {markers}.", sources)
    assert [c.paper.title for c in out.citations] == [DIFFUSION, FORKMERGE]
    assert all(c.supported for c in out.citations)
    assert out.sentences[0].markers == (1, 2)
    assert out.text == "Negative transfer is attributed to conflicts between tasks [1] [2]."


def test_markers_after_the_full_stop_are_verified_against_the_sentence_before(verifier, hits):
    sources = [hits[DIFFUSION], hits[FORKMERGE]]
    out = verifier.verify(f"{ABOUT_FORKMERGE}. [2] {ABOUT_DIFFUSION}. [1]", sources)
    assert out.removed_markers == out.dropped_unsupported == out.reattributed == 0
    assert [c.paper.title for c in out.citations] == [FORKMERGE, DIFFUSION]  # renumbered in order of use
    assert [s.markers for s in out.sentences] == [(1,), (2,)]
    assert out.text == f"{ABOUT_FORKMERGE} [1]. {ABOUT_DIFFUSION} [2]."


# -- verification -----------------------------------------------------------------------


def test_a_correct_paraphrase_keeps_its_citation_with_the_exact_evidence(verifier, hits, shipped_components):
    sources = [hits[DIFFUSION], hits[FORKMERGE]]
    out = verifier.verify(f"{ABOUT_FORKMERGE} [2].", sources)
    (citation,) = out.citations
    assert citation.paper.title == FORKMERGE and citation.marker == 1
    assert citation.supported and citation.support_score >= shipped_components.settings.answer.support_threshold
    assert "forks the model into multiple branches" in citation.evidence.text
    _assert_exact_evidence(citation)
    assert out.sentences[0].supported and out.sentences[0].markers == (1,)
    assert out.dropped_unsupported == out.removed_markers == 0


def test_an_out_of_range_marker_is_removed_and_never_becomes_a_citation(verifier, hits):
    sources = [hits[DIFFUSION], hits[FORKMERGE]]
    out = verifier.verify(f"{ABOUT_DIFFUSION} [1][9]. {ABOUT_FORKMERGE} [9].", sources)
    assert out.removed_markers == 2
    assert "[9]" not in out.text
    assert all(1 <= c.marker <= len(out.citations) for c in out.citations)
    assert {c.paper.paper_id for c in out.citations} <= {h.paper.paper_id for h in sources}
    # The first sentence keeps its good citation; the second, left with none, goes to the paper that says it.
    assert [s.markers for s in out.sentences] == [(1,), (2,)]
    assert [c.paper.title for c in out.citations] == [DIFFUSION, FORKMERGE]


def test_a_claim_cited_to_the_wrong_paper_moves_to_the_paper_that_makes_it(verifier, hits):
    sources = [hits[DIFFUSION], hits[FORKMERGE]]
    out = verifier.verify(f"{ABOUT_DIFFUSION} [2].", sources)  # it is the diffusion paper's claim, cited as ForkMerge
    assert out.dropped_unsupported == 1 and out.reattributed == 1
    (citation,) = out.citations
    assert citation.paper.title == DIFFUSION and citation.supported
    assert "interval clustering" in citation.evidence.text
    _assert_exact_evidence(citation)
    assert out.text == f"{ABOUT_DIFFUSION} [1]."


def test_a_claim_cited_to_the_wrong_paper_is_marked_unsupported_when_no_source_makes_it(verifier, hits):
    sources = [hits[FORKMERGE], hits[FWD_PROMPT]]  # the diffusion paper is not among the sources
    out = verifier.verify(f"{ABOUT_DIFFUSION} [1].", sources)
    assert out.citations == ()
    (sentence,) = out.sentences
    assert not sentence.supported and sentence.markers == ()
    assert _markers_in(out.text) == []


def test_an_unsupported_citation_is_kept_and_flagged_when_dropping_is_off(hits, shipped_components):
    settings = shipped_components.settings.answer
    keep_all = CitationVerifier(shipped_components.store, shipped_components.embedder, SupportJudge(), settings.support_threshold, drop_unsupported=False)
    out = keep_all.verify(f"{ABOUT_DIFFUSION} [2].", [hits[DIFFUSION], hits[FORKMERGE]], reattribute=False)
    (citation,) = out.citations
    assert citation.paper.title == FORKMERGE and not citation.supported
    assert citation.support_score < settings.support_threshold
    assert not out.sentences[0].supported


def test_references_hold_only_cited_papers_numbered_in_order_of_first_use(verifier, hits):
    sources = [hits[DIFFUSION], hits[FORKMERGE], hits[FWD_PROMPT], hits[CWCL]]
    text = f"{ABOUT_CWCL} [4]. {ABOUT_FORKMERGE} [2]. CWCL employs a continuous measure of similarity [4]."
    out = verifier.verify(text, sources)
    assert [(c.marker, c.paper.title) for c in out.citations] == [(1, CWCL), (2, FORKMERGE)]  # no DIFFUSION, no FWD_PROMPT
    assert [s.markers for s in out.sentences] == [(1,), (2,), (1,)]
    assert _markers_in(out.text) == [1, 2, 1]
    for citation in out.citations:
        assert citation.supported
        _assert_exact_evidence(citation)


def test_a_sentence_that_asserts_nothing_checkable_cannot_be_supported(verifier, hits):
    out = verifier.verify("Yes [1]. Bananas are yellow and grow on trees in tropical countries [2].", [hits[DIFFUSION], hits[FORKMERGE]])
    assert out.citations == ()
    assert not any(s.supported for s in out.sentences)


def test_a_marker_after_the_full_stop_leaves_one_full_stop():
    from rag.verify.citations import strip_markers

    assert strip_markers("LST reduces training memory. [1].") == "LST reduces training memory."
    assert strip_markers("It works (see (ii)). [2]") == "It works (see (ii))."
    assert strip_markers("It works [1][2].") == "It works."
