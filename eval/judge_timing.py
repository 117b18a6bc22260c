"""What synonym credit costs the claim judge, in ms per claim, on the challenge set's dev half.

`python -m eval.judge_timing` (~2 min). In one process, interleaved three times (the machine is
shared, so only same-run comparisons mean anything): the support judge without synonym credit
and without its per-claim caches (the judge before them), and the shipped one with a warm word
cache; first, one pass of the shipped judge with an empty word cache (every word of every cited
paper embedded on first sight, as on a fresh start).
"""

from __future__ import annotations

import time


def ms_per_claim(judge, prepared) -> float:
    from eval.challenge.judge_eval import judge_all

    start = time.perf_counter()
    judge_all(judge, prepared)
    return 1000 * (time.perf_counter() - start) / len(prepared)


def main() -> None:
    from eval.challenge.judge_eval import judge_all, load_claims, prepare
    from eval.retrieval_eval import store_papers
    from rag.components import Components
    from rag.settings import load_settings
    from rag.verify.support import SupportJudge
    from rag.verify.word_vectors import WordVectors

    components = Components(load_settings())
    papers = {p.title: p for p in store_papers(components.store)}
    prepared = prepare(load_claims(split="dev"), papers, components.store, components.embedder)
    judge = components.claim_judge
    shipped = judge.support
    before = SupportJudge()
    before.content_words = before._content_words  # no per-claim cache, as before synonym credit
    judge.support = before
    judge_all(judge, prepared)  # the store's nearest-paper look-ups warm up for both
    judge.support = shipped
    shipped.synonyms = WordVectors(components.embedder)
    cold = ms_per_claim(judge, prepared)
    print(f"shipped, empty word cache: {cold:.2f} ms/claim ({len(shipped.synonyms)} words embedded), {len(prepared)} claims")
    runs: dict[str, list[float]] = {"before": [], "shipped": []}
    for _ in range(3):
        for name, support in (("before", before), ("shipped", shipped)):
            judge.support = support
            runs[name].append(ms_per_claim(judge, prepared))
    for name, values in runs.items():
        print(f"{name}, warm: " + " ".join(f"{v:.2f}" for v in values) + " ms/claim")
    components.close()


if __name__ == "__main__":
    main()
