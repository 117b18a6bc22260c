"""Systematic perturbations of a supported claim: one error kind each, deterministic.

Each function takes a claim that its cited paper supports and returns the perturbed claim
(or None when the kind does not apply to it), so every error item of the challenge set is a
known, single change of a correct one. Correct rewordings (third person, reordered) live here
too: the judge must accept them.
"""

from __future__ import annotations

import re

from rag.verify.claim_checks import figures_in, names_in

# -- correct rewordings ---------------------------------------------------------------------

_OPENERS = re.compile(r"^(?:In this (?:paper|work|study|article),?|Here,?|In this work,?|To this end,?|Specifically,?|Moreover,?|Furthermore,?|Finally,?|Additionally,?|In addition,?)\s+", re.IGNORECASE)
_FIRST_PERSON = [
    (re.compile(r"\bwe\b", re.IGNORECASE), "the authors"),
    (re.compile(r"\bour\b", re.IGNORECASE), "their"),
    (re.compile(r"\bus\b"), "them"),
]


def third_person(sentence: str, name: str = "") -> str | None:
    """ "In this paper, we propose X" -> "The authors propose X" (or "NAME proposes X")."""
    if not re.search(r"\b(we|our|us)\b", sentence, re.IGNORECASE):
        return None
    text = _OPENERS.sub("", sentence.strip())
    for pattern, replacement in _FIRST_PERSON:
        text = pattern.sub(replacement, text)
    text = re.sub(r"\bthe authors (are|have|were)\b", r"the authors \1", text)
    return text[0].upper() + text[1:]


def reordered(sentence: str) -> str | None:
    """ "To do X, we do Y." -> "The authors do Y to do X." ("By X, Y." -> "Y by X.")."""
    match = re.match(r"^(To|By|Through|Using|With) ([^,]{8,120}), (we|the authors|it|they) (.+?)([.!?])$", sentence.strip())
    if not match:
        return None
    lead, clause, subject, rest, stop = match.groups()
    subject = {"we": "the authors"}.get(subject, subject)
    rest = re.sub(r"\bour\b", "their", rest)
    return f"{subject[0].upper()}{subject[1:]} {rest} {lead.lower()} {clause}{stop}"


# -- error kinds ----------------------------------------------------------------------------


def rename(claim: str, own_names: list[str], other_name: str) -> str | None:
    """Wrong paper named: the paper's own name swapped for another paper's."""
    for name in own_names:
        if re.search(rf"\b{re.escape(name)}\b", claim):
            return re.sub(rf"\b{re.escape(name)}\b", other_name, claim, count=1)
    match = re.match(r"^(The authors|The paper|This paper|This work)\b", claim)
    if match:
        return f"{other_name}{claim[match.end():]}".replace(f"{other_name} propose ", f"{other_name} proposes ").replace(f"{other_name} show ", f"{other_name} shows ").replace(f"{other_name} introduce ", f"{other_name} introduces ").replace(f"{other_name} present ", f"{other_name} presents ")
    return None


def change_number(claim: str, paper_text: str) -> str | None:
    """A figure of the claim changed to one the cited paper does not state (69% -> 74%)."""
    stated = {n for n, _ in figures_in(paper_text)}
    for number, unit in figures_in(claim):
        if not unit and (len(number) == 4 or float(number) < 2):
            continue  # years and small counts ("2 tasks") say little when changed
        candidates = []
        if "." in number:
            whole, frac = number.split(".")
            candidates = [f"{whole}.{(int(frac) + k) % 10 ** len(frac):0{len(frac)}d}" for k in (3, 5, 7)]
        else:
            value = int(number)
            swapped = number[::-1]
            candidates = ([swapped] if swapped != number and not swapped.startswith("0") else []) + [str(value + max(1, value // 7) + 2), str(max(1, value - max(1, value // 5) - 1))]
        for new in candidates:
            if new not in stated:
                return re.sub(rf"(?<![\d.]){re.escape(number)}(?![\d])", new, claim, count=1) if number in claim else None
    return None


def borrow_number(claim: str, paper_text: str, donor_text: str) -> str | None:
    """A figure of the claim replaced by one, of the same unit, from another retrieved paper."""
    stated = {(n, u) for n, u in figures_in(paper_text)}
    donor = [(n, u) for n, u in figures_in(donor_text) if u and (n, u) not in stated and not any(n == s for s, _ in stated)]
    for number, unit in figures_in(claim):
        if not unit:
            continue
        for new, new_unit in donor:
            if new_unit == unit and new != number and number in claim:
                return re.sub(rf"(?<![\d.]){re.escape(number)}(?![\d])", new, claim, count=1)
    return None


TASK_PHRASES = (
    "image classification", "object detection", "semantic segmentation", "machine translation", "speech recognition",
    "question answering", "text classification", "sentiment analysis", "style transfer", "domain adaptation",
    "reinforcement learning", "image generation", "named entity recognition", "summarization", "few-shot learning",
    "continual learning", "knowledge distillation", "graph neural networks", "recommendation", "medical imaging",
)


def swap_detail(claim: str, paper_text: str, donor_text: str, own_names: list[str]) -> str | None:
    """A dataset/metric/method name (or a task) of the claim swapped for one from another abstract."""
    lower_paper = paper_text.lower()
    donor_names = [n for n in names_in(donor_text) if n.lower() not in lower_paper and len(n) >= 3]
    for name in names_in(claim):
        if name in own_names or name.lower() not in lower_paper:
            continue
        if donor_names:
            return re.sub(rf"\b{re.escape(name)}\b", donor_names[0], claim, count=1)
    lower_claim, lower_donor = claim.lower(), donor_text.lower()
    for phrase in TASK_PHRASES:
        if phrase in lower_claim:
            for other in TASK_PHRASES:
                if other != phrase and other in lower_donor and other not in lower_paper:
                    return re.sub(re.escape(phrase), other, claim, count=1, flags=re.IGNORECASE)
    return None


_FLIPS = {
    "improves": "degrades", "improve": "degrade", "improved": "degraded", "improving": "degrading", "improvement": "degradation",
    "improvements": "degradations", "outperforms": "underperforms", "outperform": "underperform", "outperformed": "underperformed",
    "outperforming": "underperforming", "higher": "lower", "lower": "higher", "more": "fewer", "fewer": "more", "less": "more",
    "increases": "decreases", "increase": "decrease", "increased": "decreased", "increasing": "decreasing",
    "decreases": "increases", "decrease": "increase", "reduces": "increases", "reduce": "increase", "reduced": "increased",
    "reducing": "increasing", "reduction": "increase", "better": "worse", "faster": "slower", "larger": "smaller",
    "smaller": "larger", "boosts": "hurts", "boost": "hurt", "enhances": "degrades", "enhance": "degrade", "positive": "negative",
    "mitigates": "amplifies", "mitigate": "amplify", "alleviates": "worsens", "alleviate": "worsen", "superior": "inferior",
    "gains": "losses", "accelerates": "slows down", "benefits": "harms", "helps": "hurts", "surpasses": "falls behind",
    "efficient": "inefficient", "stronger": "weaker", "strong": "weak", "best": "worst",
}


def flip_direction(claim: str) -> str | None:
    for match in re.finditer(r"[A-Za-z]+", claim):
        word = match.group()
        new = _FLIPS.get(word.lower())
        if new:
            new = new[0].upper() + new[1:] if word[0].isupper() else new
            return claim[: match.start()] + new + claim[match.end() :]
    return None


_AUX = re.compile(r"\b(is|are|was|were|can|could|will|would|may|should|has|have)\b(?! not)")
# A subject the verb follows: the sentence's first word(s) (a name, "The authors"), or a relative pronoun.
_VERB_S = re.compile(r"(?:^(?:(?i:the authors)|they|we|it|[A-Z][A-Za-z0-9-]*(?: [A-Z][A-Za-z0-9-]*){0,2})|\b(?:which|that|and))\s+()([a-z]+?)(s|es|ed)?\b(?=\s)")
_VERBS = frozenset(
    "propose introduce present show achieve improve outperform reduce enable use demonstrate learn require transfer leverage "
    "provide allow develop design study investigate find reveal disentangle combine apply train adapt perform yield attain "
    "obtain generate capture consist exploit employ incorporate predict establish extend match release build".split()
)


def negate(claim: str) -> str | None:
    """ "X achieves Y" -> "X does not achieve Y"; "X can do Y" -> "X cannot do Y"."""
    for match in _VERB_S.finditer(claim):
        _, stem, suffix = match.groups()
        subject = claim[match.start() : match.start(2)].strip()
        base = stem + ("e" if suffix in ("es", "ed") and stem + "e" in _VERBS else "")
        if base not in _VERBS and stem not in _VERBS:
            continue
        base = base if base in _VERBS else stem
        plural = subject.lower() in ("the authors", "they", "we")
        aux = "did not" if suffix == "ed" else ("do not" if plural else "does not")
        return claim[: match.start(2)] + f"{aux} {base}" + claim[match.end() :]
    match = _AUX.search(claim)
    if match:
        word = match.group(1)
        return claim[: match.start()] + ("cannot" if word == "can" else f"{word} not") + claim[match.end() :]
    return None


# Verbs of an outcome, which "always" over-generalises; "always proposes" would only read oddly.
_OUTCOMES = frozenset("improve outperform reduce achieve enable transfer yield match help benefit surpass boost preserve generalize generalise mitigate avoid prevent recover".split())


def overgeneralise(claim: str) -> str | None:
    """ "X improves Y" -> "X always improves Y"; "outperforms baselines" -> "outperforms all baselines"."""
    match = re.search(r"\b(outperforms?|surpass(?:es)?|beats?)\s+(?:the\s+|existing\s+|prior\s+|previous\s+|several\s+|strong\s+)*", claim)
    if match:
        return claim[: match.end(1)] + " all" + claim[match.end(1) :]
    for match in _VERB_S.finditer(claim):
        _, stem, suffix = match.groups()
        if stem in _OUTCOMES or stem + "e" in _OUTCOMES:
            return claim[: match.start(2)] + "always " + claim[match.start(2) :]
    match = re.search(r"\bcan\b", claim)
    if match:
        return claim[: match.end()] + " always" + claim[match.end() :]
    return None
