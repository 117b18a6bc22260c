"""What the fiftieth session's reading of dev116 showed, fixed in general form and diffed on every seen set: things
counted first and asked for after with "exactly" ("ViLBERT is pretrained with two proxy tasks - what exactly are those
two tasks?") are asked by name, so an abstract that only counts them does not answer; and a question asking where to
download something, or whether it is released, is answered by the sentence giving the place, which lines otherwise leave out."""

from __future__ import annotations

from rag.answer.naming import unnamed_counted
from tests.test_asked_wording import _answer
from tests.test_asked_wording_dev41 import _hit


def test_things_counted_then_asked_for_exactly_are_asked_by_name():
    """dev116: the answer quoted back ViLBERT's sentence saying there are two proxy tasks, which names neither."""
    question = "ViLBERT is pretrained with two proxy tasks on Conceptual Captions - what exactly are those two tasks?"
    counting = _hit("We present ViLBERT. We pretrain our model through two proxy tasks on the large Conceptual Captions dataset.", name="ViLBERT")
    found = unnamed_counted(question, [counting])
    assert found is not None and "two proxy tasks" in found[0]
    naming = _hit("We present ViLBERT. We pretrain our model through two proxy tasks: masked multi-modal modelling and alignment prediction.", name="ViLBERT")
    assert unnamed_counted(question, [naming]) is None


def test_where_to_download_is_answered_by_the_sentence_giving_the_place(shipped_components):
    """dev115: "where can I download the Spanish TrOCR models?" got two sentences on what the models are, not the one saying
    they are on HuggingFace: lines leave out sentences giving a code address, which here is the answer."""
    answer = _answer(shipped_components, "where can I download the Spanish TrOCR models?")
    assert not answer.abstained and "publicly available on HuggingFace" in answer.text and "best open-source model" not in answer.text
    # ... and whether it is released, of a paper giving its address; one giving none is "not stated"
    answer = _answer(shipped_components, "Is the code for VL-Adapter publicly available?")
    assert not answer.abstained and "github.com/ylsung/VL_adapter" in answer.text
    assert _answer(shipped_components, "Is the code for ForkMerge publicly available?").abstained
