"""A use the question takes for granted that the paper's abstract denies is answered as such, in
both modes' shape: the abstract says the opposite, with the sentence saying so as the first lead.
A term the question borrows from another paper's abstract is said to be that paper's."""

from __future__ import annotations

from rag.answer.premise import borrowed_term, denied_use, swapped_figures
from rag.records import Paper, PaperHit
from tests.test_asked_wording import _answer


def _paper(abstract: str, paper_id: str = "p", title: str = "A paper") -> PaperHit:
    return PaperHit(1, Paper(paper_id, title, abstract), 1.0, f"{paper_id}-0", ())


_SIDE = "We propose Side Tuning, which trains a small side network. It saves 69% of the memory. Results hold on GLUE."
_QUANT = "We propose Squeeze. It applies 4-bit quantization to the activations. It reaches 2x savings."
_FIELD = "Memory is a bottleneck. Many methods train a side network with activations kept in memory."


def test_a_technical_term_only_another_paper_writes_is_borrowed():
    """dev32: "How does Ladder Side-Tuning apply 4-bit quantization ...?" took S2A's term for LST's."""
    side, quant, field = _paper(_SIDE, "side", "Side Tuning"), _paper(_QUANT, "quant", "Squeeze"), _paper(_FIELD, "field", "Memory")
    term, holder, line = borrowed_term("How does Side Tuning apply 4-bit quantization to the activations?", side, [side, field, quant])
    assert (term, holder) == ("4-bit quantization", quant)
    assert line is not None and "4-bit quantization" in line.text
    # The term runs on while the other paper writes it on: "4-bit quantization" + "to" (a function word) stops.
    assert borrowed_term("Which 4-bit quantization scheme does Side Tuning use?", side, [side, quant])[0] == "4-bit quantization"


def test_no_borrowed_term_when_the_paper_writes_a_word_of_it_or_the_words_are_plain():
    side, quant, field = _paper(_SIDE, "side", "Side Tuning"), _paper(_QUANT, "quant", "Squeeze"), _paper(_FIELD, "field", "Memory")
    # "side network": Side Tuning writes it itself.
    assert borrowed_term("How does Side Tuning train its side network?", side, [side, field])[0] == ""
    # "activations kept": plain lowercase words, the asker's paraphrase as likely as a borrowed term.
    assert borrowed_term("How does Side Tuning handle activations kept in memory?", side, [side, field])[0] == ""
    # Written by no other retrieved paper: nothing says whose the term is (another check may say it is unstated).
    assert borrowed_term("How does Side Tuning apply 8-bit pruning?", side, [side, quant, field])[0] == ""
    # A question speaking of a second paper takes terms from it on purpose (dev21: "... in the other paper?").
    assert borrowed_term("How does Side Tuning relate to the 4-bit quantization of the other paper?", side, [side, quant])[0] == ""
    # The paper's own name is no term of another paper's.
    assert borrowed_term("How does Squeeze compare on GLUE?", quant, [quant, side])[0] == ""


def test_a_use_the_abstract_says_it_does_without_is_denied():
    hit = _paper("We present a parser. It learns rhythm without relying on any phone alignments. It is fast.")
    what, saying = denied_use("How does the parser use the phone alignments to learn rhythm?", hit)
    assert what == "phone alignments"
    assert saying is not None and "without relying on any phone alignments" in saying.text
    assert denied_use("What does the parser need phone alignments for?", hit)[0] == "phone alignments"


def test_what_the_question_says_it_must_do_or_have_at_hand_is_read_as_its_need():
    """dev34: "Since Ladder Side-Tuning still has to backprop through the whole backbone, where do its memory
    savings come from?" of an abstract saying "it does not require backpropagation through the backbone
    network"; "needs all tasks available at training time" of one that "does not require access to all tasks"."""
    side = _paper("We train a side network. It uses less memory because it does not require backpropagation through the backbone network.")
    what, saying = denied_use("Since the side network still has to backprop through the whole backbone, where do its savings come from?", side)
    assert what == "backprop" and saying is not None and "does not require backpropagation" in saying.text
    stream = _paper("We prune a diff vector. It further does not require access to all tasks during training.")
    assert denied_use("the pruning needs all tasks available at training time - how does it deal with late tasks?", stream)[0] == "all tasks"
    # A need the abstract does not deny stays a question: "backprop" is no prefix of "backbone".
    assert denied_use("Since the side network has to freeze the backbone, how is it trained?", side) == ("", None)


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


def test_a_list_whose_papers_write_a_tasks_two_words_apart_says_so(shipped_components):
    """dev6 / dev21: "speech emotion recognition" listed a paper on emotion style transfer and speech
    recognition papers, "change detection in satellite imagery" a remote-sensing paper writing "change"
    and "detection" in different sentences: a task of two words is held by a paper writing them together."""
    answer = _answer(shipped_components, "Which papers apply transfer learning to change detection in satellite imagery?")
    assert answer.abstained and "change detection" in answer.text


def test_a_question_mixing_two_papers_says_whose_the_term_is(shipped_components):
    """dev32: LST's closest sentence ("a new PETL technique that can reduce training memory ...") read as the
    answer to how it applies a quantization only S2A's abstract describes."""
    answer = _answer(shipped_components, "How does Ladder Side-Tuning use 4-bit quantization of the activations to save memory?")
    assert answer.abstained and answer.shape == "not_stated"
    assert "does not mention 4-bit quantization" in answer.text and "S2A" in answer.text
    assert "4-bit quantization of activations" in answer.text  # S2A's sentence writing it, its lead


_TIMINGS = ("Pairs are slow to score. Scoring takes about 50 million computations (~65 hours) with BERT. "
            "This cuts the time from 65 hours with BERT / RoBERTa to about 5 seconds with SBERT, keeping accuracy.")


def test_figures_the_question_tells_of_each_others_names_are_swapped():
    """dev33: "why does SBERT need around 65 hours ... while plain BERT does it in about 5 seconds?" - the
    abstract gives 65 hours with BERT and 5 seconds with SBERT."""
    hit = _paper(_TIMINGS)
    swapped = swapped_figures("why does SBERT need around 65 hours to compare all pairs while plain BERT does it in about 5 seconds?", hit)
    assert swapped is not None and "65 hours with BERT" in swapped.text
    # Told as the abstract tells them, or of no names, nothing is swapped.
    assert swapped_figures("why does SBERT need only about 5 seconds while plain BERT needs 65 hours?", hit) is None
    assert swapped_figures("why does it take 65 hours before and 5 seconds after?", hit) is None
    assert swapped_figures("How long does SBERT take, 65 hours?", hit) is None  # one figure: nothing to swap


def test_a_question_swapping_the_papers_figures_is_answered_so(shipped_components):
    answer = _answer(shipped_components, "How come SBERT takes about 65 hours for the most similar pair in 10,000 sentences when BERT needs just 5 seconds?")
    assert answer.abstained and answer.shape == "not_stated"
    assert "other way round" in answer.text and "65 hours with BERT" in answer.text
