"""A use the question takes for granted that the paper's abstract denies is answered as such, in
both modes' shape: the abstract says the opposite, with the sentence saying so as the first lead."""

from __future__ import annotations

from rag.answer.premise import denied_use
from rag.records import Paper, PaperHit
from tests.test_asked_wording import _answer


def _paper(abstract: str) -> PaperHit:
    return PaperHit(1, Paper("p", "A paper", abstract), 1.0, "p-0", ())


def test_a_use_the_abstract_says_it_does_without_is_denied():
    hit = _paper("We present a parser. It learns rhythm without relying on any phone alignments. It is fast.")
    what, saying = denied_use("How does the parser use the phone alignments to learn rhythm?", hit)
    assert what == "phone alignments"
    assert saying is not None and "without relying on any phone alignments" in saying.text
    assert denied_use("What does the parser need phone alignments for?", hit)[0] == "phone alignments"


def test_asked_whether_it_needs_something_is_no_premise():
    """dev9: "barlow twins vs swav: do they need large batches ...?" asks whether; "does not require
    large batches" is its answer, not a denied premise."""
    hit = _paper("We present a parser. It learns rhythm without relying on any phone alignments. It is fast.")
    assert denied_use("Does the parser need phone alignments?", hit) == ("", None)
    assert denied_use("parser vs tagger: do they use phone alignments?", hit) == ("", None)
    assert denied_use("Parser: how does it use the phone alignments?", hit)[0] == "phone alignments"


def test_a_use_the_abstract_does_not_deny_is_not():
    hit = _paper("We present a parser. It learns rhythm from phone alignments, without any labels.")
    assert denied_use("How does the parser use the phone alignments to learn rhythm?", hit) == ("", None)
    assert denied_use("How does the parser learn rhythm?", hit) == ("", None)


def test_asked_how_a_paper_uses_what_it_works_without_the_answer_says_so(shipped_components):
    answer = _answer(shipped_components, "What does AutoPST need the text transcriptions for when it removes rhythm?")
    assert answer.abstained and answer.shape == "not_stated"
    assert "without text transcriptions" in answer.text
    assert "without relying on any text transcriptions" in answer.text  # the sentence saying so, cited
    assert " we " not in f" {answer.text} ".lower()


def test_a_list_whose_papers_miss_a_two_word_topic_says_so(shipped_components):
    """dev31: "cross-lingual transfer for text-to-speech synthesis" listed cross-lingual NER and speech
    translation papers: one of them writes "speech", none "speech synthesis"; dropping either word
    alone barely moves the question, the pair names its topic."""
    answer = _answer(shipped_components, "Which papers do cross-lingual transfer for speech synthesis in low-resource languages?")
    assert answer.abstained and "speech synthesis" in answer.text
