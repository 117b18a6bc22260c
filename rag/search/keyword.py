"""BM25 over the same chunks as the vector store, kept in step with it.

The index is built from the store itself (title + chunk text; the build: keyword_build.py),
saved under data_dir/keyword/<collection>/<fingerprint>, and rebuilt when the store's chunk set
changes. Measured on the shipped corpus (563 chunks): build ~0.1 s, so a stale index is
never worth keeping; on millions of chunks the saved copy is what makes start-up fast.

The fingerprint hashes every chunk id, and reading them all takes ~7 s at 100k chunks (~20 s
at 1M). So a new process does not wait for it: it loads the saved index when that holds as
many chunks as the store, answers with it, and checks the fingerprint in a background thread;
a mismatch (the chunk set was changed by the same count while no process of ours watched)
rebuilds the index at the next search.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
import shutil
import string
import threading
from pathlib import Path

import numpy as np

from rag.search.keyword_build import KeywordIndexBuilder
from rag.words import WORD, Tokenizer, american_spelling, content_words, describing_compound, inflected_alike
from rag.search.store import PaperStore

log = logging.getLogger(__name__)

# Letters then digits, written as one word: "fp16", "e5", "gta5", "dinov2", "a100".
_DIGIT_NAME = re.compile(r"(?<![\w-])[a-z]+\d+[a-z]*(?![\w-])")
# A word this long is mistyped by any one letter left out: so long a word seldom makes another with one missing.
LONG_TYPO = 7
MODIFIER_SUFFIXES = frozenset("based free aware specific level scale wise like driven oriented agnostic style".split())

_COMPOUND = re.compile(r"(?<![\w-])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+(?![\w-])")  # a hyphenated word as written, capitals kept
# A name of two capitalised words joined by a hyphen ("Video-ChatGPT"), read by `unknown_words`.
_TWO_WORD_NAME = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z]+-[A-Za-z][A-Za-z]+(?![\w-])")


class KeywordIndex:
    """BM25 (bm25s, Lucene variant) over chunk ids."""

    def __init__(self, store: PaperStore, folder: Path, tokenizer: Tokenizer | None = None) -> None:
        self.store = store
        self.folder = folder / store.name
        self.tokenizer = tokenizer or Tokenizer()
        self.retriever = None
        self.chunk_ids: list[str] = []
        self._positions: dict[str, int] = {}
        self.fingerprint = ""
        self.known_count = -1
        self._vocabulary_parts: set[str] | None = None  # stems used anywhere in the index, for unknown_words
        self._joined: set[str] = set()  # the index's words with their hyphens removed ("resnet50" for "resnet-50"), built with the parts
        self.forms: dict[str, list[str]] = {}  # stem -> the words the chunks write with it (KeywordIndexBuilder._forms)
        self._checked: tuple[int, str] | None = None  # (chunk count, true fingerprint) when the provisional load was wrong
        self.verifier: threading.Thread | None = None

    def ensure_fresh(self) -> None:
        """Rebuild or load when the store changed; the count is at most a few seconds old
        (Chroma's count scans the collection: 40 ms a search at 100k chunks, ~0.4 s at 1M)."""
        count = self.store.recent_chunk_count()
        checked, self._checked = self._checked, None
        if self.retriever is not None and count == self.known_count and checked is None:
            return
        if self.retriever is None and self._load_provisionally(count):
            self.known_count = count
            return
        fingerprint = checked[1] if checked is not None and checked[0] == count else self.store.fingerprint()
        if fingerprint != self.fingerprint or self.retriever is None:
            self._load_or_build(fingerprint)
            self._positions = {cid: i for i, cid in enumerate(self.chunk_ids)}
        self.known_count = count

    def _load_provisionally(self, count: int) -> bool:
        """Load the saved index when it has `count` chunks, and check its fingerprint in the background."""
        saved = [p for p in self.folder.glob("*/chunk_ids.json") if not p.parent.name.endswith(".tmp")] if self.folder.is_dir() else []
        if len(saved) != 1 or count <= 0:  # none, or several (a save interrupted before the clean-up): take the checked path
            return False
        path = saved[0].parent
        if not self._load(path, expected=count):
            return False
        self._positions = {cid: i for i, cid in enumerate(self.chunk_ids)}
        self.verifier = threading.Thread(target=self._verify, args=(count, path.name), name="keyword-fingerprint", daemon=True)
        self.verifier.start()
        return True

    def _verify(self, count: int, assumed: str) -> None:
        try:
            actual = self.store.fingerprint()
        except Exception as exc:  # the next change of the chunk count takes the checked path anyway
            log.warning("could not check the keyword index's fingerprint: %r", exc)
            return
        if actual != assumed:
            log.info("keyword index %s is not the store's chunk set (%s); rebuilding at the next search", assumed, actual)
            self._checked = (count, actual)

    def _load(self, path: Path, expected: int | None = None) -> bool:
        import bm25s

        try:
            chunk_ids = json.loads((path / "chunk_ids.json").read_text())
            if expected is not None and len(chunk_ids) != expected:
                return False
            if not (path / "forms.json").exists():
                log.info("keyword index at %s was saved without its words' written forms; rebuilding it once", path)
                return False
            forms = json.loads((path / "forms.json").read_text())
            self.retriever = bm25s.BM25.load(str(path))
        except Exception as exc:  # a half-written folder from a killed run: rebuild it
            log.warning("keyword index at %s unreadable (%r); rebuilding", path, exc)
            return False
        self.chunk_ids = chunk_ids
        self.forms = forms
        self.fingerprint = path.name
        self._vocabulary_parts = None
        log.info("keyword index loaded from %s (%d chunks)", path, len(self.chunk_ids))
        return True

    def _load_or_build(self, fingerprint: str) -> None:
        path = self.folder / fingerprint
        if (path / "chunk_ids.json").exists() and (path / "forms.json").exists() and self._load(path):
            return
        builder = self.builder()
        for chunk in self.store.scan_chunks():
            builder.add(chunk.chunk_id, f"{chunk.paper.title} {chunk.text}")
        self.adopt(builder, fingerprint)

    def adopt(self, builder: KeywordIndexBuilder, fingerprint: str | None = None) -> None:
        """Take the index built from `builder`'s chunks, and save it under their fingerprint.

        The scale run feeds a builder while it adds chunks, so a million chunks are never read
        back from the store for it; a new process then loads the saved copy (`ensure_fresh`)."""
        fingerprint = fingerprint or builder.fingerprint()
        ids = builder.chunk_ids
        self.retriever, self.chunk_ids, self.fingerprint = builder.build(), ids, fingerprint
        self.forms = builder.forms
        self._positions = {cid: i for i, cid in enumerate(ids)}
        self._vocabulary_parts = None
        log.info("keyword index built over %d chunks", len(ids))
        self._save(self.folder / fingerprint)

    def builder(self) -> KeywordIndexBuilder:
        """An empty builder with this index's tokenizer."""
        return KeywordIndexBuilder(self.tokenizer)

    def _save(self, path: Path) -> None:
        if not self.chunk_ids:
            return
        tmp = path.with_name(path.name + ".tmp")
        try:
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir(parents=True, exist_ok=True)
            self.retriever.save(str(tmp))
            (tmp / "forms.json").write_text(json.dumps(self.forms))
            (tmp / "chunk_ids.json").write_text(json.dumps(self.chunk_ids))
            shutil.rmtree(path, ignore_errors=True)
            tmp.rename(path)
            for old in self.folder.iterdir():  # older fingerprints are dead weight
                if old.name != path.name:
                    shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            # Saving is an optimisation: a full disk must not stop a search.
            log.warning("could not save the keyword index to %s: %r", path, exc)
            shutil.rmtree(tmp, ignore_errors=True)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk (aligned with `chunk_ids`); all zero when no query word is indexed."""
        self.ensure_fresh()
        tokens = self.query_tokens(query)
        if not tokens or not self.chunk_ids:
            return np.zeros(len(self.chunk_ids), dtype=np.float32)
        return np.asarray(self.retriever.get_scores(tokens), dtype=np.float32)

    def query_tokens(self, query: str) -> list[str]:
        """The query's stemmed words, a compound no paper writes searched by its parts when it describes a paper rather
        than names a topic: names joined by a word ("the Czech-to-Slovak ASR paper" asks for the paper writing "from Czech
        to Slovak", dev95; "the code-data-for-LLM-reasoning study") or four words or more ("the
        property-inference-via-manipulated-upstream-model paper"). A lowercase "speech-to-speech" or "text-to-image" is a
        topic, its parts alone any paper on speech or on images (dev82, dev91); "CLIP-style" or "LLM-written" is the name
        with a modifier, its modifier alone no search word (dev39)."""
        tokens = self.tokenizer.query(query)
        vocabulary = getattr(self.retriever, "vocab_dict", None) or {}
        if not vocabulary:
            return tokens
        described = {
            compound.lower() for compound in _COMPOUND.findall(query)
            if describing_compound(compound) and (re.search(r"[A-Z]", compound) or compound.count("-") >= 3)
        }
        split = {stem for compound in described if (stem := self.tokenizer.stemmer.stemWord(compound)) not in vocabulary}
        if not split:
            return tokens
        return [part for token in tokens for part in (self.tokenizer.query(token.replace("-", " ")) if token in split else [token])]

    def unknown_words(self, text: str) -> list[str]:
        """Words of `text` that no indexed paper uses (not even inside a hyphenated compound).

        "Which papers perform style transfer on fonts or handwriting?" -> ["fonts", "handwriting"]:
        the corpus cannot be about what it never mentions. Participles ("cutting", "diagnosed")
        are left out: questions rephrase verbs far more than they rename topics.
        """
        self.ensure_fresh()
        stem = self.tokenizer.stemmer.stemWord
        if self._vocabulary_parts is None:
            vocabulary = getattr(self.retriever, "vocab_dict", None) or {}
            self._vocabulary = set(vocabulary)
            # A compound is stemmed whole ("offsite-tuning" -> "offsite-tun"), so its inner words
            # are kept as written and stemmed: the question's "Offsite-tuning" or "offsite" stems to "offsit".
            self._vocabulary_parts = {
                form for token in vocabulary for part in token.split("-") if part for form in ((part, stem(part)) if "-" in token else (part,))
            }
            # A name with digits in it ("Glot500-m", "So2Sat") is asked by its runs of letters too ("glot",
            # "sat"), as the question's words are read (letters only, dev24, dev25).
            # Stemmed as the question's words are: "NEVIS'22" is asked as "nevis", which stems to "nevi" (dev43).
            self._vocabulary_parts |= {form for part in self._vocabulary_parts if re.search(r"\d", part) for letters in re.findall(r"[a-z]{3,}", part) for form in (letters, stem(letters))}
            self._sorted_parts = sorted(self._vocabulary_parts)
            self._joined = {token.replace("-", "") for token in self._vocabulary}
        lowered = text.lower()
        words = content_words(text)
        # A participle is unknown only when no indexed word shares its stem ("federated": nothing
        # starts with "feder"); "cutting" or "diagnosed" are rephrased verbs of known words.
        words = [w for w in words if not w.endswith(("ing", "ed")) or not self._has_prefix(stem(w))]
        # A known word done again is no new topic: "restyling" is the papers' styling (dev21), "retokenized" their tokenization.
        # Only a verb form ("refrence" is a typo of "reference", not "re" + "french").
        words = [w for w in words if not (w.startswith("re") and w.endswith(("ing", "ed", "ize", "izes", "ization")) and len(w) >= 7 and self._has_prefix(stem(w[2:])))]
        unknown = [w for w in dict.fromkeys(words) if stem(w) not in self._vocabulary_parts and stem(american_spelling(w)) not in self._vocabulary_parts]
        # A compound of three or more words the papers never write ("text-to-speech") names a topic
        # they do not cover, even when each of its words is common.
        # "-based", "-free", "-aware" compounds are ad-hoc modifiers, not topics.
        compounds = [
            c for c in WORD.findall(lowered)
            if c.count("-") >= 2 and c.rsplit("-", 1)[1] not in MODIFIER_SUFFIXES and not any(ch.isdigit() for ch in c)
            and self._unwritten_compound(c)
        ]
        # A name spelled with digits ("fp16", "E5", "GTA5") no abstract writes, in any spacing
        # ("ResNet50" is the papers' "resnet-50"): its letters alone are too short to count, or
        # name something else ("gta" for "gta5"), so the whole name is read.
        named = [
            n for n in dict.fromkeys(_DIGIT_NAME.findall(lowered))
            if n not in self._vocabulary_parts and n not in self._joined and not any(w in n for w in unknown)
        ]
        # ... and so does a two-word name ("Video-ChatGPT": each part capitalised, one with capitals inside; not "NLI-trained"
        # or "non-RL", dev76): a model set beside one the papers write ("TC-LLaVA"), though "video" and "ChatGPT" are each
        # written somewhere.
        names = [(name, name.split("-")) for name in _TWO_WORD_NAME.findall(text)]
        compounds += [
            name.lower() for name, parts in names
            if all(part[0].isupper() for part in parts) and any(re.search(r"[A-Z]", part[1:]) for part in parts) and parts[-1].lower() not in MODIFIER_SUFFIXES
            and self._unwritten_compound(name.lower())
        ]
        return unknown + [c for c in dict.fromkeys(compounds) if not any(part in unknown for part in c.split("-"))] + named

    def dropped_letter_typo_of(self, word: str) -> str:
        """The one word the papers write that `word` is with a letter it left out: a doubled letter ("actualy" -> "actually"),
        the commonest typo and one that rarely makes another word; in a word of `LONG_TYPO` letters or more, any letter
        after the first ("coefficents" -> "coefficients", dev130), which so long a word seldom makes another with. "" when
        none is, or two are (which was meant is a guess)."""
        self.ensure_fresh()
        stem = self.tokenizer.stemmer.stemWord
        lowered = word.lower()
        if lowered in (self.forms.get(stem(lowered)) or ()):
            return ""  # a word the papers write is no typo
        added = {lowered[: i + 1] + lowered[i:] for i in range(len(lowered)) if lowered[i].isalpha()}
        if len(lowered) >= LONG_TYPO:
            added |= {lowered[:i] + letter + lowered[i:] for i in range(1, len(lowered) + 1) for letter in string.ascii_lowercase}
        written = sorted(form for form in added if form in (self.forms.get(stem(form)) or ()))
        return written[0] if len(written) == 1 else ""

    def _unwritten_compound(self, compound: str) -> bool:
        """Does no indexed paper write this hyphenated compound (lowercase), hyphenated or run together?"""
        return self.tokenizer.stemmer.stemWord(compound) not in self._vocabulary and compound.replace("-", "") not in self._vocabulary

    def stem_collisions(self, text: str) -> dict[str, list[str]]:
        """Words of `text` the index knows only through the stemmer merging other words with them,
        each with those words: "negation" -> ["negative"], "electricity" -> ["electric"].

        `unknown_words` counts a word as used when its stem is, and Snowball stems derivations
        alike; whether "optimizer" is "optimize" (it is) or "negation" is "negative" (it is not)
        takes meaning, which the caller's embedder judges. Participles are left out as there."""
        self.ensure_fresh()
        stem = self.tokenizer.stemmer.stemWord
        found = {}
        for word in dict.fromkeys(content_words(text)):
            if word.endswith(("ing", "ed")):
                continue
            forms = self.forms.get(stem(word)) or self.forms.get(stem(american_spelling(word))) or []
            if forms and not any(inflected_alike(word, form) for form in forms):
                found[word] = forms
        return found

    def vocabulary_size(self) -> int:
        """Distinct word stems in the index: a small collection leaves most common words out."""
        self.ensure_fresh()
        return len(getattr(self.retriever, "vocab_dict", None) or {})

    def _has_prefix(self, prefix: str) -> bool:
        at = bisect.bisect_left(self._sorted_parts, prefix)
        return at < len(self._sorted_parts) and self._sorted_parts[at].startswith(prefix)

    def position(self, chunk_id: str) -> int | None:
        """Where a chunk sits in `chunk_ids` (and in the `scores` array)."""
        return self._positions.get(chunk_id)

    def search(self, query: str, n: int, scores: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Chunk ids with BM25 scores, best first; only chunks sharing a word with the query.
        Pass `scores` from `scores(query)` to avoid scoring the corpus twice."""
        scores = self.scores(query) if scores is None else scores
        n = min(n, len(self.chunk_ids))
        if n == 0:
            return []
        top = self._best(scores, self.query_tokens(query), n)
        return [(self.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def _best(self, scores: np.ndarray, tokens: list[str], n: int) -> np.ndarray:
        """Positions of the n best scores, best first, without partitioning every score.

        Any n scored chunks bound the n-th best score from below. The chunks holding the
        query's rarest words are few and score high, so the bound leaves a few dozen chunks
        to rank: at 1M chunks top-60 took p50 9 / p95 24 ms instead of argpartition's 23 / 41 ms
        over all scores (`python -m eval.bench_keyword_tiled`, 2 loaded cores). Exact: same set.
        """
        vocabulary = getattr(self.retriever, "vocab_dict", None) or {}
        index = getattr(self.retriever, "scores", None) or {}
        indptr, indices = index.get("indptr"), index.get("indices")
        candidates = None
        if indptr is not None and indices is not None:
            terms = sorted({vocabulary[t] for t in tokens if t in vocabulary}, key=lambda t: indptr[t + 1] - indptr[t])
            postings, count = [], 0
            for term in terms:
                postings.append(indices[indptr[term] : indptr[term + 1]])
                count += len(postings[-1])
                if count >= n:
                    break
            # The distinct chunks of those postings, in index order. A mask over the chunks, not
            # np.unique: numpy 2's hashing unique took 0.66 s for one dev question at 1M chunks
            # ("transfer learning for weather...": its rare words are in few chunks, so a common
            # word's postings join the sample); the mask takes a few ms, same set.
            seen = np.zeros(len(scores), dtype=bool)
            for posting in postings:
                seen[posting] = True
            sample = np.flatnonzero(seen)
            if len(sample) >= n:
                values = scores[sample]
                bound = np.partition(values, len(values) - n)[len(values) - n]
                candidates = np.flatnonzero(scores >= bound)
        if candidates is None:
            candidates = np.flatnonzero(scores > 0)
        if len(candidates) > n:  # candidates are in index order, so tied chunks at the cut keep it
            values = scores[candidates]
            nth = np.partition(values, len(values) - n)[len(values) - n]
            above = candidates[values > nth]
            candidates = np.concatenate([above, candidates[values == nth][: n - len(above)]])
        return candidates[np.lexsort((candidates, -scores[candidates]))]  # ties: index order
