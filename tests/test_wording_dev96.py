"""What dev96 (written by helpers shown every seen question, measured unread on 3ec667b) showed among its misses, fixed in
general form and diffed on every seen set: how the asker hedges ("never saw (or barely saw)") is no topic; things
counted, then asked for by their count ("four types of reasoning tasks - which four?"), are asked by name.

Tried and dropped: an acronym the plain words before it spell ("vision-language (VL)") as no instance of the kind asked, which
also unnamed "a dynamic pseudo-label (DPL) module" and "a novel Dual-Path Adapter (DPA) module"."""

from __future__ import annotations

from tests.test_asked_wording import _answer


def test_how_the_asker_hedges_is_no_missing_topic(shipped_components):
    answer = _answer(shipped_components, "transfer to languages the pretrained model never saw (or barely saw) during pretraining - which papers report results?")
    assert not answer.abstained


def test_counted_things_asked_for_by_their_count_are_asked_by_name(shipped_components):
    answer = _answer(shipped_components, "the versatilists vs specialists paper runs four types of reasoning tasks - which four?")
    assert answer.abstained and "four" in answer.text

