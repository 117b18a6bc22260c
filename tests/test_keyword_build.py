"""The keyword index's fast build: the same tokens, scores and fingerprint as the plain path."""

from __future__ import annotations

import numpy as np

from eval.question_sets import DEV_SET, load_questions
from rag.search.keyword import KeywordIndex
from rag.words import Tokenizer
from rag.search.keyword_build import KeywordIndexBuilder
from rag.search.store import chunk_set_fingerprint


def test_builder_tokens_and_scores_equal_the_plain_tokenizer_on_the_shipped_corpus(shipped_components, tmp_path):
    import bm25s

    store = shipped_components.store
    tokenizer = Tokenizer()
    chunks = list(store.scan_chunks())
    texts = [f"{c.paper.title} {c.text}" for c in chunks]
    builder = KeywordIndexBuilder(tokenizer)
    for chunk, text in zip(chunks, texts):
        builder.add(chunk.chunk_id, text)
    stems = {i: stem for stem, i in builder.vocabulary.items()}
    plain = [tokenizer.document(text) for text in texts]
    assert [[stems[i] for i in doc] for doc in builder.documents] == plain
    assert builder.fingerprint() == store.fingerprint() == chunk_set_fingerprint(reversed(builder.chunk_ids))

    fast = builder.build()
    reference = bm25s.BM25()
    reference.index(plain, show_progress=False)
    assert set(fast.vocab_dict) == set(reference.vocab_dict)  # unknown_words reads it
    for question in [q.question for q in load_questions(DEV_SET)] + ["negative transfer", "zzzz"]:
        tokens = tokenizer.query(question)
        if not tokens:
            continue
        np.testing.assert_array_equal(fast.get_scores(tokens), reference.get_scores(tokens), err_msg=question)


def test_an_index_adopted_from_texts_in_hand_is_loaded_by_a_new_process_without_a_rebuild(shipped_components, tmp_path):
    store = shipped_components.store
    built = KeywordIndex(store, tmp_path)
    builder = built.builder()
    for chunk in store.scan_chunks():
        builder.add(chunk.chunk_id, f"{chunk.paper.title} {chunk.text}")
    built.adopt(builder)
    assert built.fingerprint == store.fingerprint()

    fresh = KeywordIndex(store, tmp_path)
    fresh.ensure_fresh()
    assert fresh.verifier is not None  # loaded provisionally, then checked in the background
    fresh.verifier.join()
    assert fresh._checked is None  # the check found the store's chunk set: nothing to rebuild
    question = "which methods tackle negative transfer?"
    assert fresh.search(question, 10) == built.search(question, 10) == shipped_components.keyword_index.search(question, 10)


def test_each_thread_stems_with_its_own_stemmer_and_all_stem_alike():
    """PyStemmer's docs forbid calling one instance from two threads at once; the UI answers on several."""
    import threading

    from rag.words import snowball

    seen = {}

    def stem() -> None:
        seen[threading.current_thread().name] = (snowball(), snowball() is snowball(), snowball().stemWords(["transferring", "adapters"]))  # the instance itself: a freed one's id can be reused

    threads = [threading.Thread(target=stem, name=f"t{i}") for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stemmers = [stemmer for stemmer, _, _ in seen.values()]
    assert len(stemmers) == 3 and all(a is not b for i, a in enumerate(stemmers) for b in stemmers[i + 1 :])
    assert all(same for _, same, _ in seen.values())
    assert {tuple(stems) for _, _, stems in seen.values()} == {("transfer", "adapt")}


def test_words_the_stemmer_merges_with_other_words_are_told_apart_by_meaning(shipped_components):
    """Snowball stems "negation" as "negative" and "optimizer" as "optimize"; no abstract writes
    "negation", so a question on it is not answered by the negative-transfer papers, while
    "optimizer" is the papers' word and stays mentioned."""
    from rag.answer.unmentioned import stemmed_apart
    from rag.words import inflected_alike

    assert inflected_alike("running", "runs") and inflected_alike("labelled", "labeled") and inflected_alike("studies", "study")
    assert not inflected_alike("negation", "negative") and not inflected_alike("optimizer", "optimize")
    keyword, embed = shipped_components.keyword_index, shipped_components.retriever.embedder.embed
    question = "Does the choice of optimizer change how language models handle negation?"
    assert "negation" not in keyword.unknown_words(question), "the stem must be known, or this test proves nothing"
    collisions = keyword.stem_collisions(question)
    assert "negative" in collisions["negation"] and "optimizer" in collisions
    assert "models" not in collisions and "language" not in collisions  # written as asked
    assert stemmed_apart(collisions, embed, shipped_components.settings.answer.stem_variant_close) == ["negation"]


def test_an_index_saved_without_its_written_forms_is_rebuilt_once(shipped_components, tmp_path):
    store = shipped_components.store
    built = KeywordIndex(store, tmp_path)
    built.ensure_fresh()
    saved = built.folder / built.fingerprint
    assert (saved / "forms.json").exists() and "negative" in built.forms["negat"]
    (saved / "forms.json").unlink()  # as a store indexed before the forms were kept
    reopened = KeywordIndex(store, tmp_path)
    reopened.ensure_fresh()
    assert reopened.forms == built.forms and (saved / "forms.json").exists()
    assert reopened.search("negative transfer", 5) == built.search("negative transfer", 5)
