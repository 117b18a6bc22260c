"""A dev-only check on a judge change: the error kinds' recall on fresh perturbations of the dev
half's correct claims, more items than the frozen dev half holds for a kind (41 swapped details).

`python -m eval.challenge.dev_perturbation_study`: every correct dev claim (paraphrase, verbatim,
third person) is perturbed once by each kind of perturb.py that applies (a donor from the dev half
for swapped details and borrowed numbers, as build.py picks one), and the configured judge is
measured per kind. Nothing here is frozen or reads the test half; it is a study, not the
challenge set: run it before and after a change (~700 items, ~30 s).
"""

from __future__ import annotations

from eval.challenge import perturb
from eval.challenge.build import paper_names, split_of
from eval.challenge.judge_eval import judge_all, load_claims, per_kind, prepare
from eval.judge_calibration import JUDGE_DIR, load_pairs
from rag.verify.claim_checks import names_in

STYLES = ("paraphrase", "verbatim", "third_person")


def perturbed_items(bases: list[dict], papers: dict, retriever, split) -> list[dict]:
    items = []
    for index, base in enumerate(bases):
        paper = papers.get(base["title"])
        if paper is None:
            continue
        paper_text = f"{paper.title}\n{paper.abstract}"
        donors = [h.paper for h in retriever.search(base["claim"], k=10).hits if h.paper.title != paper.title and split(h.paper.title) == "dev"]
        if not donors:
            continue
        donor_text = f"{donors[index % len(donors)].title}\n{donors[index % len(donors)].abstract}"
        own = paper_names(paper.title, paper.abstract) + names_in(base["claim"].split(" ", 1)[0])
        claim = base["claim"]
        for kind, new in (("swapped_detail", perturb.swap_detail(claim, paper_text, donor_text, own)),
                          ("number", perturb.borrow_number(claim, paper_text, donor_text)), ("number", perturb.change_number(claim, paper_text)),
                          ("direction", perturb.flip_direction(claim)), ("negation", perturb.negate(claim)),
                          ("overgeneral", perturb.overgeneralise(claim))):
            if new and new != claim:
                items.append({"question": "", "claim": new, "title": paper.title, "kind": kind, "style": "", "split": "dev"})
    return items


def main() -> None:
    from eval.retrieval_eval import store_papers
    from rag.components import Components
    from rag.settings import load_settings

    components = Components(load_settings())
    papers = {p.title: p for p in store_papers(components.store)}
    dev_titles = {p["title"] for p in load_pairs(JUDGE_DIR / "support_dev.jsonl")}
    test_titles = {p["title"] for p in load_pairs(JUDGE_DIR / "support_test.jsonl")}
    bases = [i for i in load_claims(split="dev") if i["kind"] == "correct" and i["style"] in STYLES]
    items = perturbed_items(bases, papers, components.retriever, lambda title: split_of(title, dev_titles, test_titles))
    prepared = prepare(items, papers, components.store, components.embedder)
    for kind, row in per_kind(prepared, judge_all(components.claim_judge, prepared)).items():
        print(f"{kind}: recall {row['rejected']:.3f} of {row['n']}")


if __name__ == "__main__":
    main()
