"""Building the keyword index's BM25 arrays from chunk texts, fast enough for millions of chunks.

Profiled at 100k chunks (2 cores, load ~3): reading the store's pages 5.3 s, joining the paper
records 8.4 s, tokenizing 10.0 s, bm25s indexing 5.8 s. Tokenizing was the largest part, and
most of it was per-token work repeated for every occurrence: the stopword test, the stemmer
call and a new string for each stem. Here each distinct word is stemmed once and given a token
id; a chunk becomes a list of those ids (shared int objects: 8 bytes a token), and bm25s
indexes the ids with the vocabulary we hand it, so it does not rebuild one from 60M strings.

The tokens are exactly `Tokenizer.document`'s (same regex, stopwords and stemmer, a word's
stem being the same wherever it occurs), so the index scores every chunk as before (tested).

A builder is fed from wherever the texts are: a scan of the store (KeywordIndex's rebuild),
or the texts in hand while chunks are being added (the scale run), which skips reading the
store back entirely.
"""

from __future__ import annotations

from typing import Any

from rag.search.store import chunk_set_fingerprint

_STOPWORD = -1  # a word's cached id when it is a stopword


class KeywordIndexBuilder:
    """Collects chunks as token-id lists; `build()` turns them into a bm25s index."""

    def __init__(self, tokenizer: Any) -> None:
        from rag.words import ENGLISH_STOPWORDS, WORD

        self._find_words = WORD.findall
        self._stopwords = ENGLISH_STOPWORDS
        self._stem = tokenizer.stemmer.stemWord
        self._word_ids: dict[str, int] = {}  # word -> token id of its stem, or _STOPWORD
        self.vocabulary: dict[str, int] = {}  # stem -> token id (bm25s's vocab_dict)
        self.chunk_ids: list[str] = []
        self.documents: list[list[int]] = []
        self.forms: dict[str, list[str]] = {}  # stem -> the words written with it, filled by build()

    def add(self, chunk_id: str, text: str) -> None:
        words = self._find_words(text.lower())
        get = self._word_ids.get
        ids = [get(word, None) for word in words]
        if None in ids:  # words met for the first time: a few per chunk early on, ~none later
            ids = [self._learn(word) if i is None else i for word, i in zip(words, ids)]
        self.chunk_ids.append(chunk_id)
        self.documents.append([i for i in ids if i >= 0] if _STOPWORD in ids else ids)

    def _learn(self, word: str) -> int:
        known = self._word_ids.get(word)
        if known is not None:
            return known
        if word in self._stopwords:
            token = _STOPWORD
        else:
            token = self.vocabulary.setdefault(self._stem(word), len(self.vocabulary))
        self._word_ids[word] = token
        return token

    def __len__(self) -> int:
        return len(self.chunk_ids)

    def build(self) -> Any:
        """The bm25s index (Lucene BM25, as KeywordIndex used before); empty builders give an empty one."""
        import bm25s

        retriever = bm25s.BM25()
        if self.documents:
            # bm25s indexes the ids with our vocabulary (and appends its empty token "", as when it builds one).
            retriever.index((self.documents, self.vocabulary), show_progress=False)
        self.forms = self._forms()
        self._word_ids = {}
        return retriever

    def _forms(self) -> dict[str, list[str]]:
        """Each stem's words as the chunks write them, a compound's parts under their own stems:
        the stemmer merges "negation" with "negative", which `unknown_words`' callers must tell apart."""
        forms: dict[str, set[str]] = {}
        for word, token in self._word_ids.items():
            if token == _STOPWORD:
                continue
            for part in word.split("-"):
                # Only letters: a question's content words are letters (rag.words.content_words), and
                # leaving out "resnet-50", "2x" or ids keeps the map small at a million chunks.
                if part.isalpha() and part not in self._stopwords:
                    forms.setdefault(self._stem(part), set()).add(part)
        return {stem: sorted(words) for stem, words in forms.items()}

    def fingerprint(self) -> str:
        return chunk_set_fingerprint(self.chunk_ids)
