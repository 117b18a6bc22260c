"""What a question asks for: the value, detail, setting or count it wants, the condition the figure is
asked under ("on ImageNet"), and the other things it asks at the same time.
"""

from __future__ import annotations

import re

from rag.answer.text_forms import AUX, GENERIC, STEMMED_WORD, loose_stem, with_parts


# A measure "Compare the ... of A and B" asks for, a figure.
_COMPARED_MEASURE = r"(?:accuracy|score|time|speed|latency|throughput|memory|cost|size|error|perplexity|bleu|f1|map|auc|compute|budget)"


# The value a fact question asks for: "What mean opinion score (MOS) did ..." -> "mean opinion score (MOS)".
# "which one gets the lower error", "which has the higher accuracy": a measure the sides are ranked by.
_GETS_COMPARED = r"(?:gets|got|has|had|achieves|achieved|reaches|reached|shows|showed|yields|yielded|gives|gave|scores|scored|attains|attained|obtains|obtained|reports|reported)\s+(?:a\s+|the\s+)?(?:lower|higher|better|worse|smaller|larger|bigger)"
# Which side needs more of something: "which one needs less wall-clock GPU training time", "which needed more GPU hours".
# ... or has more of it: "which one provides more demonstrations per task?" (dev45).
# ... "which has more parameters, Florence-2 or OFA?", "which was pre-trained on more tokens?" (dev49, dev50).
# ... or uses a bigger one: "Which used larger training batch sizes, ... or ...?" (dev57).
_HAS_MORE = (
    # ... or trains fewer of them: "which one trains fewer parameters?" (dev66).
    r"(?:has|had|(?:is|was|were)\s+(?:pre-?trained|trained|fine-?tuned)\s+(?:on|with)|trains|trained|tunes|tuned|updates|updated|adds|added)\s+(?:less|more|fewer)"
    r"(?=\s+(?:[\w-]+\s+)?(?:parameters|params|tokens|layers|images|examples|samples|data|languages|tasks|datasets|hours|flops|words|sentences|pairs|videos)\b)"
)
_NEEDS_MORE = "(?:" + _HAS_MORE + r"|(?:needs|needed|uses|used|requires|required|takes|took|consumes|consumed|costs|cost|covers|covered|supports|supported|handles|handled|provides|provided|offers|offered|contains|contained|includes|included|collects|collected)\s+(?:less|more|fewer|larger|smaller|bigger))"
# ... whatever the verb, once "the higher" or "more" follows it: "which one uses the higher LoRA rank?", "which one evaluates on more
# languages?" (dev115-dev117). (Not "bigger" or "larger": "which one runs on the bigger LLM" asks a size, read by the size checks.)
# ... said in the passive too: "which one was evaluated on more downstream datasets?" (dev121); not "more broadly", how (dev114).
_ANY_MORE = r"(?:(?:is|was|are|were)\s+(?=[a-z]+ed\b))?(?!(?:is|was|are|were|has|had|does|did|do)\b)[a-z]+(?:s|ed)(?:\s+(?:on|with|in|for|at|to))?\s+(?:the\s+|a\s+)?(?:higher|more|fewer|less|lower|greater)(?!\s+[a-z]+ly\b)"
_NEEDS_MORE_BASE = r"(?:need|use|require|take|consume|cost|cover|support|handle|provide|offer|contain|include|collect)\s+(?:less|more|fewer|larger|smaller|bigger)"
# Which side is bigger by a measure named after "in": "Which is the bigger model in parameter count, ExT5 or SeqGPT?" (dev46).
# ... "Which model is bigger in parameter count, SeqGPT or CafeBERT?" (dev67); "which one uses the bigger base language model in
# parameters?" (dev101)
_BIGGER_IN = r"\bwhich\s+(?:one\s+|model\s+|network\s+|of\s+(?:them|the\s+two)\s+)?(?:is|has|was|uses|used)\s+(?:the\s+|a\s+)?(?:smaller|bigger|larger|lighter|heavier)\b[^?,]*?\bin\s+(?:terms\s+of\s+)?(?P<interms>parameter\s+counts?|parameters|params|model\s+size)\b"
# Where the measure named after "more" ends: the question's end, a colon, or what it is for ("... for pretraining: ...").
_MEASURE_ENDS = r"(?=\s*(?:\?|:|,|$)|\s+(?:for|in|during|at|on|when|to|with|than|across)\b)"
_VERDICT_MEASURE = r"(?:error|errors|accuracy|score|rate|loss|perplexity|latency|f1|bleu|auc|ap|map|miou|precision|recall|throughput|memory|cost|rmse|mae|gains?|improvements?|correlations?|coefficients?)"


_VALUE_PHRASE = re.compile(
    # (first: "which has the smaller student network in terms of parameter count" is ranked by the count, dev45)
    _BIGGER_IN + "|"
    rf"\b(?:how\s+(?:many|much)\s+(?P<many>.+?)\s+{AUX}\b|what\s+(?:is|was|are|were)\s+the\s+(?P<the>.+?)(?:\s+(?:of|for|in|when|compared|over)\b|\?|$)|what\s+(?P<what>(?:[\w()/@'’-]+\s+){{0,5}}?[\w()/@'’-]+)\s+{AUX}\b"
    # "how large a share of the model's parameters does each tune" (dev17)
    r"|how\s+(?:large|big|small)\s+(?:a\s+)?(?P<large>share|fraction|proportion|portion|percentage)\b"
    # "how large an accuracy gain does it claim" (dev30)
    rf"|how\s+(?:large|big|high|great|small)\s+an?\s+(?P<sized>(?:[\w()/@'’-]+\s+){{0,3}}?[\w()/@'’-]+)\s+{AUX}\b"
    # "How big are the savings each one reports?" (dev97): the saving itself, "by factors of 10 and 278" (not a gain: "how big
    # is the gain over CoOp on EuroSAT?" reads its sentence by the other checks, which "20% on EuroSAT" meets)
    r"|how\s+(?:big|large|high|great|small)\s+(?:is|was|are|were)\s+(?:the|their|its)\s+(?P<change>savings?|reductions?|speed-?ups?)\b"
    # "How big is EMMA in parameters, and ...?" (dev41)
    r"|how\s+(?:big|large|small)\s+(?:is|was|are|were)\b[^?,;]*?\bin\s+(?:terms\s+of\s+)?(?P<measured>parameters|params|tokens|images|hours|GB)\b"
    # "Compare the wall-clock fine-tuning time of LST and UniPT" (dev29)
    # ... "Compare the pre-training compute (GPU hours or accelerator budget) needed for CroCo and for Florence-2." (dev58)
    rf"|\bcompare\s+(?:the\s+|their\s+)?(?P<compare>(?:[\w()/@'’-]+\s+){{0,3}}?{_COMPARED_MEASURE})(?:\s*\([^()?]*\))?\s+(?:(?:needed|used|required|spent)\s+)?(?:of|between|for|across)\b"
    # "VL-Adapter vs UniAdapter: which one needs less wall-clock GPU training time?" (dev38)
    # ... or "CroCo vs MultiMAE on NYUv2 depth estimation - which one gets the lower error?" (dev40)
    r"|\bwhich\s+(?:one\s+|of\s+(?:them|the\s+two)\s+)?(?:" + _NEEDS_MORE + "|" + _GETS_COMPARED + "|" + _ANY_MORE + r")\s+(?P<less>(?:[\w()/@'’-]+\s+){0,3}?[\w()/@'’-]+)" + _MEASURE_ENDS + ""
    # "Which needed more GPU hours for pretraining: CroCo's ... or ...?", "Does X-ELM or Self-Translate-Train cover more languages in its experiments?" (dev41)
    r"|\b(?:does|did|do)\s+[^?]+?\s+or\s+[^?]+?\s+" + _NEEDS_MORE_BASE + r"\s+(?P<more>(?:[\w()/@'’-]+\s+){0,3}?[\w()/@'’-]+)" + _MEASURE_ENDS + ")",
    re.IGNORECASE,
)


# "which dataset is bigger, PoliteRewrite or the Polish medical exams benchmark?" (dev86) asks their sizes, whatever measures it.
_WHICH_BIGGER = r"\bwhich\s+(?:[\w-]+\s+){0,2}?(?:is|was|are|were)\s+(?:the\s+)?(?:bigger|larger|smaller)\b"
FIGURE_ASK = re.compile(_BIGGER_IN.replace("?P<interms>", "?:") + "|" + _WHICH_BIGGER + r"|\bhow\s+(?:many|much|long|fast|close|big|large|quickly)\b|\bwhich\s+(?:one\s+|of\s+(?:them|the\s+two)\s+)?(?:" + _NEEDS_MORE + "|" + _ANY_MORE + r")\b|\b(?:does|did|do)\s+[^?]+?\s+or\s+[^?]+?\s+" + _NEEDS_MORE_BASE + r"\b|\bwhich\s+(?:one\s+|of\s+(?:them|the\s+two)\s+)?" + _GETS_COMPARED + r"\s+(?:[\w-]+\s+){0,2}" + _VERDICT_MEASURE + r"\b|\bcompare\s+(?:their|the)\s+(?:headline\s+|main\s+|key\s+|reported\s+)?(?:numbers|figures|gains)\b|\bcompare\s+(?:the\s+|their\s+)?(?:[\w()-]+\s+){0,3}" + _COMPARED_MEASURE + r"(?:\s*\([^()?]*\))?\s+(?:(?:needed|used|required|spent)\s+)?(?:of|between|for|across)\b|\b(?:smaller|larger|bigger|higher|lower|greater)\s+(?:share|fraction|proportion|percentage)\b|\bby how much\b|\bfrom\s+what\s+to\s+what\b|\bby\s+what\s+factors?\b|\bwhat\s+(?:(?!(?:does|do|did)\b)[\w()-]+\s+){0,4}(?:numbers?|figures?|gains?|improvements?|share|proportion|fraction|ratio|accuracy|score|bleu|map|ap|auc|f1|rate|percentage|speed-?up|rank|perplexity|footprint|consumption|hours|time|size|mos|quality|similarity|latency|throughput|error|precision|recall|cost|budget|dimensions?|dimensionality|length|resolution)\b", re.IGNORECASE)


_WHAT_PERCENT = re.compile(r"\bwhat\s+%", re.IGNORECASE)


# "What's the X" reads as "what is the X".
_WHATS = re.compile(r"\bwhat['’]s\b", re.IGNORECASE)


# ... or "Which is faster at inference per video, MotionMaster or Ground-A-Video?" (dev60).
# ... "how many times faster exactly?", "Which trained faster in GPU hours: A or B?" (dev64)
_SPEED = re.compile(
    r"\bhow\s+(?:much\s+|many\s+times\s+)?(?:faster|fast)\b|\bspeed-?up\b"
    r"|\bwhich\s+(?:one\s+|of\s+(?:them|the\s+two)\s+)?(?:is|was|runs?|ran|trains?|trained|converges?|converged|learns?|learned)\s+faster(?![\w-])"
    # ... whatever it does faster, once "which one" says a side is picked: "which one stylizes an image faster at inference?" (dev97)
    r"|\bwhich\s+(?:one|of\s+(?:them|the\s+two))\s+(?:[\w/-]+\s+){1,4}?faster(?![\w-])",  # "generates an edited/stylized image faster" (dev105)
    re.IGNORECASE,
)


_FACTOR = re.compile(r"\bby\s+what\s+factors?\b|\b(?:reduction|speed-?up|compression)\s+factors?\b", re.IGNORECASE)
_TIME = re.compile(r"\bhow\s+long\b", re.IGNORECASE)


# "... into linear-cost inference architectures" names a kind of architecture, not a cost asked (dev29).
_COST = re.compile(r"\bhow\s+much\b[^?]*?(?<![\w-])cost\b", re.IGNORECASE)


# "Which learning rate did ... find best?": a setting asked with "which" rather than "what".
# "Which learning rate was used ...?"; "Which size of PaLM-2 was Tx-LLM fine-tuned from?" (dev9) asks a size too.
_WHICH_SETTING = re.compile(rf"\bwhich\s+(?P<which>(?:[\w-]+\s+){{0,2}}(?:rate|size|ratio|rank|dimension|length|resolution|temperature|optimizer|schedule))(?:\s+of\s+(?:the\s+)?[\w.-]+)?\s+{AUX}\b", re.IGNORECASE)


# "how much they reduce the memory" asks no "they"; "what exactly does the model predict" no "exactly" (dev33); "what else can it do"
# no "else" (dev117); "what happens to its STS results once NLI supervision is added?" asks an outcome, no value "happens" (dev121).
_NOT_A_VALUE_START = frozenset("does did do is was are were has have of in on for to by they it we each both exactly precisely specifically actually roughly approximately else happens happened happen".split())


def asked_value(question: str, involved: bool = False) -> str:
    """The figure or setting a question asks for ("mean opinion score (MOS)"), or "" if it asks none
    or its wording is too involved to name it ("how much does X improve Y over Z"). `involved` also
    reads "in how many of the tasks did ..." as "tasks": good enough to pick the stating sentence,
    too loose to decide that no abstract states it."""
    question = _WHATS.sub("what is", question)
    question = _WHAT_PERCENT.sub("what percentage", question)  # "what % of the training set was labelled?" (dev41)
    if _SPEED.search(question):
        return "speed-up"
    if _TIME.search(question):
        return "time"
    if _FACTOR.search(question):
        return "factor"  # "by what factor do they reduce disk space usage?": "by factors of 10 and 278" (dev10)
    if _COST.search(question):
        return "cost"  # "How much did it cost in dollars to train ...?"
    measured = _SIZE_IN_TERMS_OF.search(question)
    if measured:
        return " ".join((measured.group("what") or measured.group("units")).split())  # "how big is ExMix in terms of total training examples ...?" (dev80)
    setting = _WHICH_SETTING.search(question)
    if setting:
        return " ".join(setting.group("which").split())
    lead = _LEAD_MEASURE.match(question)
    if lead and re.search(rf"\b(?:{_VERDICT_MEASURE}|{_MEASURE}|average)\b", lead.group("what"), re.IGNORECASE):
        return " ".join(lead.group("what").split())  # "COCO box AP: ConvBN Tune mode vs SpineNet - which one is higher?" (dev117)
    terse = _TERSE_COUNT.search(question) if not _WH.search(question) else None
    if terse:
        return " ".join(terse.group("what").split())  # "ExMix size? (number of supervised tasks used for ExT5)" (dev65)
    terse = _TERSE_MEASURE.match(question) if not _WH.search(question) else None
    if terse:
        return " ".join((terse.group("what") or terse.group("of")).split())  # "ReXNet box AP on COCO object detection?" (dev94)
    if not FIGURE_ASK.search(question):
        return ""
    phrase = _asked_phrase(question, max_words=6, involved=involved)
    # "What's the exact total number of image-text pairs ...?" asks the number; "exact" and "total" only say how (dev43).
    phrase = _HOW_EXACT.sub("", phrase)
    if _A_NAME.fullmatch(phrase):
        # "What's the name of the framework ..., and how large an accuracy gain does it claim?" asks
        # a name, which no figure check reads, and the figure in its own clause (dev30).
        return figure_clause_value(question, phrase)
    asking = next((c for c in _CLAUSES.split(question) if phrase and phrase.lower() in c.lower()), "")
    if asking and not FIGURE_ASK.search(asking) and _WH.search(asking) and not _MEASURE_WORDS.search(phrase):
        # "what features does the detector take as input, and how much did decoding cut hallucination?": the figure
        # is asked in the other clause; "features" asks what they are, not a number (dev43).
        return figure_clause_value(question, phrase)
    return phrase


# A size asked in a measure the question names: "how big is ExMix in terms of total training examples summed over the 107 tasks?"
# asks training examples, not tasks (dev80).
_SIZE_IN_TERMS_OF = re.compile(
    r"\bhow\s+(?:big|large|small|long)\b[^?]*?\bin\s+terms\s+of\s+(?:the\s+)?(?:(?:total|overall|whole)\s+)?(?:(?:the\s+)?(?:number|count|amount)\s+of\s+)?(?P<what>(?:[\w-]+\s+)?[\w-]+)"
    # ... or by the units alone, closing the question: "How big is the EntityCS code-switched corpus in sentences or tokens?" (dev105)
    r"|\bhow\s+(?:big|large|small|long)\b[^?]*?\bin\s+(?:(?:number|count)\s+of\s+)?(?P<units>[a-z][\w-]*s(?:\s+(?:or|/)\s+[a-z][\w-]*s)?)\s*\?\s*$",
    re.IGNORECASE,
)

# A measure set before the sides, then only which is higher: "absolute GLUE average: diff pruning or ..., which is higher?" (dev115).
_LEAD_MEASURE = re.compile(
    r"^\W*(?P<what>(?:[\w()-]+\s+){0,3}[\w()-]+)\s*:\s+[^?:]*?\bwhich\s+(?:one\s+|of\s+(?:them|the\s+two)\s+)?(?:is|was|gets|got|scores|scored)\s+"
    r"(?:the\s+)?(?:higher|lower|better|worse)\s*\?\s*$",
    re.IGNORECASE,
)

# A count asked with no question word: "(number of supervised tasks used for ExT5)".
_TERSE_COUNT = re.compile(r"\bnumber\s+of\s+(?P<what>(?:[\w-]+\s+){0,2}?[\w-]+s)\b", re.IGNORECASE)


# A measure asked with no question word, after the name it is asked of and before what it is measured on.
# Its modifiers go with it ("macro F1", "zero-shot accuracy"); a condition of another kind ("w/ Mask R-CNN") leaves it to
# the other checks.
_TERSE_MEASURE = re.compile(
    r"^\W*(?:[\w.+^$-]+\s+){1,3}?(?P<what>(?:(?i:box|mask|top-?[15]|macro|micro|zero-shot|few-shot|linear-probe)\s+)?(?:AP|mAP|AP50|mIoU|F1|BLEU|WER|FID|AUC|EM|R@\d+|(?i:accuracy|top-?1|top-?5)))"
    r"\s+(?i:on|for|in|at)\s+(?:(?!(?i:w/|(?<![\w-])(?:with|using|via)\b))[^?])+\?\s*$"
    # ... or after what it is measured on, before the name: "exact SNLI and MultiNLI test accuracies of the iterative refinement
    # BiLSTM sentence encoder?" (dev123)
    r"|^\W*(?:[\w.+^$-]+\s+){1,5}?(?P<of>(?i:accuracy|accuracies|F1\s+scores?))\s+(?i:of|for)\s+[^?]+\?\s*$"
)


_HOW_EXACT = re.compile(r"\b(?:exact|precise|actual|approximate|rough|total|overall)\s+(?=(?:[\w-]+\s+)?(?:number|count|figure|value|amount)\b)", re.IGNORECASE)


_A_NAME = re.compile(r"(?:exact\s+|full\s+)?(?:name|names|acronym|title)", re.IGNORECASE)


def figure_clause_value(question: str, value: str) -> str:
    """The figure asked in the clause that asks a figure, when `value` (the first "what X") is read
    from another clause: "what source did they build the dataset from, and what MAP did they hit?"
    -> "MAP" (the source is the other ask); "" otherwise."""
    figure_clauses = [c for c in _CLAUSES.split(question) if FIGURE_ASK.search(c)]
    if not figure_clauses or any(value.lower() in c.lower() for c in figure_clauses):
        return ""
    return _asked_phrase(figure_clauses[0], max_words=6)


# A measure named without "what ... accuracy" ("GPipe AmoebaNet top-1 on ImageNet?", "CheXWorld
# segmentation results - which Dice?", "I'd like to know ReFineVLA's success rate on LIBERO.").
# The measures a question names as such ("Dice", "average F1", "latency"): read by metric_asked and,
# followed by "on X", by asked_condition.
# ("mAP" as written: "what does each map language into?" asks no metric, dev85.)
_MEASURE = r"(?:accuracy|F1|BLEU|ROUGE(?:-\w+)?|Dice|(?-i:mAP|MAP)|AUC|AUROC|AUPRC|m?IoU|FID|PSNR|SSIM|NDCG|MRR|perplexity|WER|CER|Spearman|Pearson|latency|throughput|MOS)"


# Words that name a measure, asked for a figure wherever the question asks it.
_MEASURE_WORDS = re.compile(rf"\b(?:{_MEASURE}|rates?|ratios?|scores?|errors?|gains?|improvements?|speed-?ups?|parameters?|params|percentages?|shares?|fractions?|numbers?|counts?|sizes?|times?|hours?|costs?|tokens?|pairs?|languages?|tasks?|datasets?|samples?|images?|examples?)\b", re.IGNORECASE)


# Parameter counts compared: "Which has more trainable parameters, AP-Adapter or CLIP2Point's Dual-Path Adapter?" (dev110); "which
# one runs on the bigger multilingual model (parameter count)?" (dev113). metric_asked calls them "parameter count".
# ... or the bigger model a side runs on, however it is said: "which one was evaluated on the larger LLM, in parameters?", "which one
# is run on the larger base LLM?" (dev123), "which one fine-tunes the bigger base LLM?" (dev125): a size, which an abstract naming its
# model without one does not give.
BIGGER_MODEL_RUN = (
    r"\bwhich\s+(?:one\s+|of\s+(?:them|the\s+two)\s+)?(?:(?:is|was|are|were)\s+)?(?:(?:[a-z]+\s+)?(?:on|uses|used|with)|[a-z-]+(?:es|s|ed))\s+(?:the\s+|a\s+)?(?:larger|bigger|smaller)\s+(?:[\w-]+\s+)?(?:LLMs?|(?:language\s+)?models?|backbones?)"
    # ... the model being what the phrase ends on ("a larger backbone family as its basis" asks no size, dev57)
    r"(?=\s*(?:[,?:(]|$)|\s+(?:in|than|for|during|at|on|with)\b)"
)
_PARAMETERS_COMPARED = r"\b(?:more|fewer|less)\s+(?:trainable\s+)?param(?:eter)?s\b|\((?:its\s+|their\s+)?parameter\s+counts?\)|" + BIGGER_MODEL_RUN


_METRIC = re.compile(
    r"\btop-[15](?:\s+accuracy)?\b|\b(?:success|win|error|word\s+error|character\s+error)\s+rates?\b|\bmodel\s+sizes?\b"
    rf"|{_PARAMETERS_COMPARED}"
    # "Florence-2 parameter count?" (dev39): named at the end, tersely; "what final parameter count did they settle on" is read by its words
    r"|\bparameter\s+counts?(?=\s*\??\s*$|\s+(?:of|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:models?|variants?|versions?)\s*\??\s*$)"
    # "rt-2 parameter count of the largest model?", "what final parameter count did they pick ..." (dev42, dev44)
    r"|(?<=\bwhat\s)(?:(?:final|total|exact)\s+)?parameter\s+counts?\b"
    r"|\bcontext\s+(?:window|length)(?:\s+(?:length|size))?|\b(?:embedding|hidden|output)\s+(?:dimension|dimensionality|size)\b|\b(?:masking|mask)\s+ratio\b"
    rf"|\b(?:(?:average|mean|macro|micro|zero-shot|linear)\s+)?{_MEASURE}(?:\s+and\s+{_MEASURE})?\b"
    # "LST with T5-large on GLUE - what average score exactly?" (dev76): an average score is a measure, as an accuracy is
    r"|\b(?:average|mean|overall)\s+(?:(?-i:[A-Z])[\w-]*\s+)?scores?\b",
    re.IGNORECASE,
)


# Training settings named tersely, with no question word: "LoRA rank used in FLARE?", "batch size for
# LiT?" ("What does DoG use instead of a learning rate?" asks no rate; nor does a comparison "in
# terms of batch size", which words can answer).
_SETTING_NAMED = re.compile(
    r"\b(?:LoRA|adapter|bottleneck)\s+(?:rank|dimension|size)\b|\blearning\s+rates?\b|\bbatch\s+sizes?\b|\bweight\s+decay\b|\bdropout(?:\s+rate)?\b|\bwarm-?up\s+steps\b",
    re.IGNORECASE,
)


def metric_asked(question: str) -> str:
    """The measure a question names without asking "what <measure>" ("top-1 accuracy", "Dice",
    "CER and WER", "success rate"), or ""; read only for fact and comparison questions, where a
    measure named is a measure asked (a list question naming accuracy asks for papers, not a figure)."""
    match = _METRIC.search(question)
    if not match:
        return ""
    phrase = " ".join(match.group().split())
    if re.fullmatch(_PARAMETERS_COMPARED, phrase, re.IGNORECASE):
        return "parameter count"  # "Which model has more parameters, Florence or RT-2?" (dev112): the counts, compared
    return phrase + " accuracy" if phrase.lower() in ("top-1", "top-5") else phrase


# ("... two building blocks and on how many benchmark datasets ...?": a preposition may lead the next ask, dev52)
_CLAUSES = re.compile(r"[?;:]|,\s*(?:and\s+)?|\s+-\s+|\s+and\s+(?=(?:(?:on|in|for|at|with|by|from|to|of|about|roughly)\s+)?(?:what|how|which|why)\b)", re.IGNORECASE)


_WH = re.compile(r"\b(?:what|how|which|why)\b", re.IGNORECASE)


def other_ask(question: str, asked: str) -> bool:
    """Does the question ask something besides `asked` (a figure or detail)? "What does each one
    transfer, and what gains do they report?" does; "Which reaches higher accuracy on X?" does not."""
    return bool(other_asks(question, asked))


def other_asks(question: str, asked: str) -> list[str]:
    """The clauses of the question asking something besides `asked`: "which domain-specific backbone
    performed better" of "... which domain-specific backbone performed better, and roughly how many
    galaxy images was the final model trained on?" (asked: "galaxy images")."""
    return [
        clause.strip() for clause in _CLAUSES.split(question)
        # ("speedup" is the "speed-up" asked, dev49)
        if (_WH.search(clause) or _WHETHER.match(clause)) and re.sub(r"[\s-]", "", asked.lower()) not in re.sub(r"[\s-]", "", clause.lower())
        # a clause asking a figure is no other ask, but a count is when a named measure is asked ("in how
        # many of the tasks did LoRA come out ahead, and what AUROC ...?", dev21)
        # ... and so is a count of another thing than the figure asked ("what size latent space ..., and how
        # many qubits does the circuit use?", dev30)
        and (not FIGURE_ASK.search(clause) or (_HOW_MANY.search(clause) and (bool(re.fullmatch(_MEASURE, asked, re.IGNORECASE)) or _counts_another(clause, asked))))
        # "which of the pretrained architectures came out on top in accuracy" asks a name, whatever measure it names
        and (not metric_asked(clause) or _WHICH_FIRST.match(clause))
        # "... each report, and which one is higher?" asks which of the figures asked is higher: no other ask
        and not _WHICH_IS_HIGHER.match(clause)
        # ... nor does "which one is run on the larger base LLM", the parameter counts asked
        and not (asked == "parameter count" and re.search(BIGGER_MODEL_RUN, clause, re.IGNORECASE))
    ]


# A clause asking whether: "..., and is its language model fine-tuned or kept frozen?" (dev41).
_WHETHER = re.compile(r"\s*(?:is|are|was|were|does|do|did|has|have|can)\s+(?:it|its|they|their|the|this|these)\b", re.IGNORECASE)


_WHICH_IS_HIGHER = re.compile(
    r"\s*(?:and\s+)?which(?:\s+one|\s+of\s+(?:them|the\s+two|these|those))?\s+(?:(?:is|was|comes\s+out|ends\s+up|scores|does)\s+)?(?:the\s+)?"
    r"(?:higher|lower|better|worse|larger|smaller|bigger|greater|stronger|weaker|faster|slower|ahead|best|top)(?:\s+one)?\s*$",
    re.IGNORECASE,
)


_HOW_MANY = re.compile(r"\bhow\s+many\b", re.IGNORECASE)


def _counts_another(clause: str, asked: str) -> bool:
    counted = counted_noun(clause)
    return bool(counted) and counted not in _stems_of(asked)


def _stems_of(phrase: str) -> set[str]:
    """The loose stems of a phrase's words, to tell whether a counted noun is the thing asked."""
    return {loose_stem(w) for w in re.findall(r"[\w-]+", phrase)}


_WHICH_FIRST = re.compile(r"\s*which\s+(?!of\s+(?:these|them|the\s+two)\b)", re.IGNORECASE)


# "How many papers are about style transfer?" counts the index's papers: the list's lead says it.
_COUNTS_PAPERS = re.compile(r"\bhow\s+many\s+(?:papers|works|studies|articles)\b", re.IGNORECASE)


def value_asked(question: str, kind: str) -> str:
    """The figure or setting a question of this kind asks for: "what X ..." for any kind, and a
    measure merely named ("top-1 on ImageNet?") for facts and comparisons only."""
    if _COUNTS_PAPERS.search(question):
        return ""
    if kind == "fact" and not _WH.search(question) and (setting := _SETTING_NAMED.search(question)) and not asked_value(question):
        named = " ".join(setting.group().split())
        detail = asked_detail(question)  # "What optimizer and weight decay were used ...": both asked
        return detail if named.lower() in detail.lower() else named
    # "ScaLearn's transfer parameters are roughly what share of AdapterFusion's?" (dev17): asked at the end.
    share = _SHARE_ASKED.search(question) if kind in ("fact", "comparison") else None
    # "What is the ... method that IMPALA relies on to keep learning stable at high throughput called?" asks a
    # name: the measure in its description is not what it asks for (dev19).
    measure = metric_asked(question) if kind in ("fact", "comparison") and not _ASKS_A_NAME.search(question) and not _ASKS_WHICH_BEATEN.search(question) else ""
    # "what does ExT5 score on the Rainbow commonsense benchmark?" asks a score, said as a verb (dev128).
    scored = "score" if kind in ("fact", "comparison") and _SCORES_ON.search(question) else ""
    return asked_value(question) or measure or (share.group(1).lower() if share else "") or scored


_SCORES_ON = re.compile(r"\bwhat\s+(?:does|did|do)\s+(?:[\w.$^-]+\s+){1,4}?(?:each\s+)?score\s+(?:on|in|at|for)\b", re.IGNORECASE)


# ... and so does one asking which others it beats on a measure: "Ladder Side-Tuning in a low-memory regime: which PETL methods
# does it beat on accuracy?" of "LST achieves higher accuracy than Adapter and LoRA in a low-memory regime" (dev130).
_ASKS_WHICH_BEATEN = re.compile(r"\bwhich\s+(?:[\w-]+\s+){0,3}?(?:does|do|did)\s+[^?]*?\b(?:beat|outperform|surpass|exceed|improve\s+on)\b", re.IGNORECASE)
# ... or "whats the name of the off-policy correction IMPALA relies on to keep learning stable at high throughput" (dev38)
_ASKS_A_NAME = re.compile(r"\b(?:called|named|termed|dubbed)\s*\??\s*$|\bwhat(?:['’]?s|\s+is|\s+was)?\s+the\s+name\s+of\b", re.IGNORECASE)


# The nouns a share is asked by ("what share of ...", "the percentage of ..."); with "percent", the words
# a sentence giving a "%" states (stated.py, fact_lines.py).
SHARE_NOUNS = ("share", "fraction", "proportion", "percentage")
SHARE_WORDS = frozenset(SHARE_NOUNS) | {"percent"}


_SHARE_ASKED = re.compile(rf"\bwhat\s+({'|'.join(SHARE_NOUNS)})\s+of\b", re.IGNORECASE)


# A bracket guessing the answer ("(ViT-B/16? ViT-L/14?)", "(e.g. BERT)"), not saying more of what is asked ("(model names/sizes)").
_GUESSED = re.compile(r"\?|^\s*(?:e\.g\.|i\.e\.|like|such\s+as|say)\b", re.IGNORECASE)


def _phrase_end(question: str, phrase: str) -> int:
    """Where the phrase ends in the question (its end, when it is not found)."""
    at = question.find(phrase)
    return at + len(phrase) if at >= 0 else len(question)


_BRACKETED_OR = re.compile(r"\s*\(\s*or\s+(?P<alternative>[^()?]{2,30}?)\s*\)")
_VALUE_OF_THE = re.compile(r"\bwhat(?:['’]s|\s+is|\s+was)\s+the\b", re.IGNORECASE)


def asked_detail(question: str) -> str:
    """What a "what X does/is ..." question asks for, figure or not ("license", "reward clipping"),
    or "" when the wording names nothing to look for ("what is the resulting system called")."""
    # An alternative offered in brackets is asked as well, in the place of the words before it: "what standard deviation (or
    # magnitude) of noise is added ...?" asks "standard deviation of noise or magnitude of noise" (dev127).
    offered = _BRACKETED_OR.search(question)
    if offered:
        plain = question[: offered.start()] + question[offered.end() :]
        detail = asked_detail(plain)
        at = plain.find(detail) if detail else -1
        if 0 <= at < offered.start() <= at + len(detail):
            before, after = plain[at : offered.start()], plain[offered.start() : at + len(detail)]
            return f"{before}{after} or {offered.group('alternative').strip()}{after}"
        return detail
    phrase = _asked_phrase(question, max_words=4) or _which_phrase(question)
    # A guess in brackets is no part of what is asked: "Which CLIP backbone (ViT-B/16? ViT-L/14?) did ZSCL use" asks for the
    # backbone, and "16" of "ViT-B/16" read as one of the things asked is written by many abstracts (dev124).
    if phrase and (guess := re.search(r"\s*\((?P<inside>[^)]*)\)?.*$", phrase)) and guess.start() > 0 and _GUESSED.search(guess.group("inside") + question[_phrase_end(question, phrase):][:2]):
        phrase = phrase[: guess.start()]
    # "the confidence aggregation one" is the module of that name: "one" stands for the thing, and what follows it ("responsible
    # for") says what is asked of it (dev126: "The abstracts don't state the confidence aggregation one responsible").
    phrase = re.sub(r"^(\S.*?)\s+ones?\b.*$", r"\1", phrase) if phrase else phrase
    if phrase and _VALUE_OF_THE.search(question):
        # "what's the redshift cut exactly?" asks a value as precisely as the paper gives it, and "exactly" is no word it writes
        # (dev124). ("Which equivariant pretext tasks exactly?" still asks them by name, which a paper naming none does not give.)
        phrase = re.sub(r"\s+(?:exactly|precisely)$", "", phrase)
    return phrase if phrase and detail_terms(phrase) else ""


# "Under which licence is the GHOST 2.0 code released?" asks as "what licence is ..." does. Read for
# the asked detail only: a figure asked with "which" is read by value_asked's own wording rules.
# (Two words joined by "and" are one: "Which content and style image datasets was CCPL trained on?", dev124.)
# (... or before a verb of role: "Which GNN architecture serves as the denoising network inside SGDM's subgraph diffusion?", dev127;
# or a verb in the past with its object: "which MT system produced the translated MS MARCO passages?", dev130.)
_WHICH_PHRASE = re.compile(rf"\bwhich\s+(?P<what>(?:[\w()/-]+(?:\s+(?:and|or)\s+[\w()/-]+)?\s+){{0,3}}?[\w()/-]+)\s+(?:{AUX}|(?:serve[sd]?|act(?:s|ed)?|function(?:s|ed)?)\s+as|(?!used\b)[a-z]{{3,}}ed\s+(?:the|a|an|its|their)\b)", re.IGNORECASE)


# ... and so does a kind qualified, "which X Y" closing the question with no verb after it: "PANDA ran on 5 scales of PLMs - which
# model family and which sizes exactly?" asks the model family (dev82). (One word, "which dataset and what score?", is answered
# by the name the abstract gives, "GTZAN", and "which ones?" by what it lists.)
_WHICH_CLOSING = re.compile(
    r"(?:^|[-\u2013\u2014:;,]\s*)which\s+(?P<what>(?:[\w()/-]+\s+){1,2}?[\w()/-]+)\s*(?:exactly|precisely|specifically)?\s*(?:\?|$|\s+and\s+(?:which|what)\b)",
    re.IGNORECASE,
)


# ... and so does "which one" with the measure it is more of: "Bailong vs TransliCo (Furina): which one used the larger training
# batch size for its continued training?" asks both batch sizes (dev127).
_WHICH_ONE_MORE = re.compile(
    r"\bwhich\s+(?:one|of\s+(?:the|them|these|those)(?:\s+two)?)\s+(?:[a-z]+\s+){0,2}?(?:the\s+|a\s+)?(?:larger|smaller|higher|lower|bigger|longer|shorter|greater)\s+"
    r"(?P<what>(?:[\w-]+\s+){0,2}?[\w-]+)(?=\s+(?:for|on|in|of|during|than|when|and)\b|\s*\?|\s*$)",
    re.IGNORECASE,
)


# A verb of deciding right before "which": what follows is what is decided, asked how.
_DECIDES_WHICH = re.compile(r"\b(?:judge[sd]?|judging|decide[sd]?|deciding|determine[sd]?|determining|choose|chooses|choosing|chose|select(?:s|ed|ing)?|pick(?:s|ed|ing)?|identify|identifies|identified|identifying|predict(?:s|ed|ing)?|estimate[sd]?|estimating|know|knows|tell|tells|figure\s+out|find\s+out|work\s+out|learn(?:s|ed|ing)?)\s*$", re.IGNORECASE)
_FIGURE_HEADS = frozenset("number amount score value figure count".split())


def _which_phrase(question: str) -> str:
    match = _WHICH_ONE_MORE.search(question) or _WHICH_PHRASE.search(question) or _WHICH_CLOSING.search(question)
    if not match:
        return ""
    if _DECIDES_WHICH.search(question[: match.start()]):
        return ""  # "How do they judge which earlier tasks are relevant to a new one?" asks how, not the tasks' names (dev130)
    words = match.group("what").split()
    if match.re is _WHICH_ONE_MORE and words[-1].lower() in SHARE_WORDS | _FIGURE_HEADS:
        return ""  # "which one tunes a smaller fraction of task-specific parameters": a figure, read by the value rules (dev8)
    # "Which papers report cross-lingual results on ...?" asks for papers, no detail of one (dev99).
    return " ".join(words) if words[0].lower() not in _NOT_A_VALUE_START and words[0].lower() not in _PAPERS_ASKED else ""


_PAPERS_ASKED = frozenset("papers paper works studies articles".split())


def _asked_phrase(question: str, max_words: int, involved: bool = False) -> str:
    """The X of "how many X did", "what is the X of", "what X does", if it is 1 to `max_words` words."""
    match = _VALUE_PHRASE.search(_WHATS.sub("what is", question))
    if not match:
        return ""
    phrase = " ".join(next(g for g in (match.group("many"), match.group("the"), match.group("what"), match.group("large"), match.group("sized"), match.group("compare"), match.group("less"), match.group("more"), match.group("measured"), match.group("interms"), match.group("change")) if g).split()).strip(" ,?")
    if match.group("many") and involved:
        phrase = re.sub(r"^of\s+(?:the\s+|these\s+|its\s+)?", "", phrase, flags=re.IGNORECASE)  # "how many of the tasks" counts tasks
    # The subject before a verb asked after it is no part of the measure: "what MAP it reached" asks the MAP (dev72).
    phrase = re.sub(r"\s+(?:it|they|we|you|each)$", "", phrase, flags=re.IGNORECASE)
    # ... nor what is said of it after: "what is the policy network built from?" asks of the policy network (dev53).
    if match.group("the"):
        phrase = re.sub(r"(?<=\w)\s+(?:built|made|based|derived|trained|initiali[sz]ed|composed)\s+(?:from|on|of|with|by|upon)$", "", phrase, flags=re.IGNORECASE)
    words = phrase.split()
    if not 1 <= len(words) <= max_words or words[0].lower() in _NOT_A_VALUE_START:
        return ""
    if words[0].lower() in ("part", "role") and _PLAYS.search(question):
        return ""  # "what part does translation play in each": a role, told in words, not a thing to look up (dev40)
    if match.group("what") and re.search(r"['’]s$", words[0]):
        return ""  # "compared to what mPLM-Sim's source-language selection gives": its subject, not a thing asked (dev16)
    if match.group("what") and len(words) > 1 and words[0].lower() in ("size", "dimension", "dimensionality"):
        # "what size latent space does the autoencoder compress into": the latent space's size, which
        # its abstract gives as "a 64-dimensional latent space" (dev30), never with the word "size".
        return " ".join(words[1:])
    return phrase


_PLAYS = re.compile(r"\b(?:part|role)\s+(?:does|do|did)\s+[^?]*?\bplay(?:s|ed)?\b", re.IGNORECASE)


# Words that say how the answer is phrased, not what it is about.
_ASKING = frozenset("called name named kind kinds type types sort resulting main key headline new overall exact specific core central basic idea ideas gist essence".split())


# Words that place the asked thing without naming it: "which existing QA dataset" is answered by
# "exploiting the Natural Questions dataset" (dev7), which never says "existing".
# ... nor "pretrained": "which pretrained Turkish BERT did they fine-tune?" of "fine-tuned a Turkish BERT" (dev42).
_PLACING = frozenset("existing current previous prior available popular original underlying base particular certain actual public publicly known well-known pretrained pre-trained".split())


# The same asking words as `loose_stem` leaves them ("called" -> "call"), with the question's own: what a
# name-asking question says besides the thing named.
ASKING_STEMS = frozenset({"call", "name", "stand", "what", "which", "that", "does"})


# How many things are asked for ("what are the two modules called?"): an abstract names the two
# modules without writing "two" (dev5's KRT question was "not stated" for it).
_COUNT_WORDS = frozenset("one two three four five six seven eight nine ten both several".split())


def detail_words(phrase: str) -> list[str]:
    skip = GENERIC | RESEARCH_GENERIC | _ASKING | _COUNT_WORDS | _PLACING | _TOLD_IN_WORDS | _METHOD_WORDS
    words = re.findall(r"[A-Za-z][A-Za-z0-9-]+", _OTHER_KIND.sub("", phrase))
    # "benchmark" before the noun it qualifies ("benchmark suites", "benchmark datasets") adds nothing
    # to what is asked: "continuous control tasks from DeepMind Control Suite" names a suite (dev16).
    kept = [w for i, w in enumerate(words) if w.lower() not in skip and not (w.lower() in _QUALIFIER and i + 1 < len(words))]
    # "other" before a word no abstract need write asks nothing itself: "besides zero-shot classification, in what other setting
    # ...?" is met by "in the training-free few-shot setting" (dev106); "which other LLMs" keeps it, with its kind.
    return [] if [w.lower() for w in kept] == ["other"] else kept


# ... nor does "extra" or "additional" before its noun: "what extra loss do they add" is met by "an additional ... loss" (dev43);
# nor "downstream": "which downstream tasks were used to evaluate ...?" is met by "in various tasks: keypoint transfer, ..." (dev58).
_QUALIFIER = frozenset({"benchmark", "benchmarks", "extra", "additional", "further", "downstream"})
# ... nor "other" before a kind: "what other kind of averaging do they stack it with?" is met by "combined with run averaging"
# (dev78). ("Besides GPT-4o, which other LLMs ...?" keeps it: "six types of LLMs, including GPT-4o" names no other.)
_OTHER_KIND = re.compile(r"\bother\s+(?=(?:kinds?|types?|sorts?|forms?)\s+of\b)", re.IGNORECASE)


# "Technique" is as generic as "method", which abstracts write and it seldom: "what techniques do they combine?" of
# TinySAM's "a full-stage knowledge distillation method ... We also adapt the post-training quantization ..." (dev63).
# ("Strategy" is a word abstracts use of their own: "what auto-ML strategy does it use?", dev60.)
# ... and "technology": "What technology does each use to generate it?" of "... 3D reconstruction and neural rendering techniques",
# "a Blender add-on" (dev126).
_METHOD_WORDS = frozenset("technique techniques technology technologies".split())


# What an abstract tells in its own words, seldom by this name: "what problem did the TL-Align authors find with
# mixing-based augmentation?" is answered by "we identify a token fluctuation phenomenon that has suppressed ..." (dev39);
# "which vision and text settings was TRAM evaluated in?" by "in vision (cross-dataset adaptation) and text (...) tasks".
_TOLD_IN_WORDS = frozenset(
    """problem problems issue issues limitation limitations challenge challenges drawback drawbacks weakness weaknesses
    shortcoming shortcomings finding findings observation observations insight insights lesson lessons conclusion conclusions
    takeaway takeaways setting settings scenario scenarios
    form forms""".split()  # "Tx-LLM vs GATE: in what form do molecules enter each model?" is told as "SMILES strings", "molecular graph" (dev114)
)


def detail_terms(phrase: str) -> set[str]:
    return {loose_stem(w) for w in detail_words(phrase)}


RESEARCH_GENERIC = frozenset("learning transfer training trained train model models performance data task tasks method methods network networks".split())


# "What accuracy does X reach on pulmonary nodule classification?": what the figure must be measured on.
CONDITION = re.compile(
    r"\b(?:reach|reaches|reached|achieve|achieves|achieved|obtain|obtains|obtained|get|gets|score|scores|attain|attains"
    # ... or beats a baseline there: "By how much does FocusCLIP beat CLIP on zero-shot human pose estimation?" (dev9)
    # ... or improves on one there: "How much does FocusCLIP improve over CLIP on gender classification?" (dev22)
    # ... or is better than one there: "Is CLOOB better than LiT on zero-shot ImageNet classification, and by how much?" (dev21)
    r"|(?:beat|beats|outperforms?|surpass|surpasses|(?:improves?|improved|gains?)\s+over|(?:better|worse|higher|lower)\s+than)\s+(?:[\w.-]+\s+){0,2}?[\w.-]+(?=\s+on\s)"
    # ... or the measure itself: "ReFineVLA's success rate on LIBERO"
    # "... beat the baselines on average" asks no condition: "on average" says how the figure is taken (dev26).
    rf"|rate|{_MEASURE})\s+(?:on|in|at)\s+(?!average\b)(?P<what>(?:[^?,;.]|\.(?!\s))+)",
    re.IGNORECASE,
)


# ... or a named dataset it is asked on, wherever the measure stands: "Dice score of the ... model on the
# TCGA LGG dataset?", "How much does FLARE improve over LoRA on XNLI?" (a name: a capital or a digit).
_CONDITION_NAMED = re.compile(
    # "... on the Europarl speech translation benchmark" (dev23): a name, then words of what it holds
    # ("tasks in the LIBERO lifelong robot learning benchmark" are what it holds, not where a figure is measured)
    r"\b(?:on|in)\s+(?:the\s+)?(?P<what>(?:[\w-]*[A-Z0-9][\w.-]*\s+){0,3}(?:dataset|benchmark|test\s+set|split|tasks?)\b|(?:(?<=on\s)|(?<=on\sthe\s))[\w-]*[A-Z0-9][\w.-]*\s+(?:[a-z][\w-]*\s+){1,3}(?:dataset|benchmark|test\s+set|split)\b|[\w-]*[A-Z0-9][\w.-]*(?=\s*(?:\??$|,\s*(?:in|as|measured|reported)\b)))"  # "... on ImageNet, in percent?" (dev17)
)


_CONDITION_GENERIC = frozenset("the a an benchmark benchmarks dataset datasets challenge task tasks test tests set sets".split())


def asked_condition(question: str) -> set[str]:
    """Stems of what a figure is asked on ("on the LiTS liver segmentation challenge" -> lits, liver,
    segmentation); a sentence giving the figure must name one of them. Empty when none is asked."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9@-]+", asked_condition_text(question))[:5]
    return with_parts({loose_stem(w) for w in words if w.lower() not in GENERIC and w.lower() not in _CONDITION_GENERIC})


# ... or a name it is asked for: "XNLI accuracy for Hindi" (dev9; the abstract gives Swahili and Urdu),
# the name alone ("for the task" or "for Hindi over the earlier models" say more than the condition).
_CONDITION_FOR = re.compile(rf"\b(?i:rate|{_MEASURE})\s+for\s+(?P<what>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){{0,2}})")


def asked_condition_key(question: str) -> set[str]:
    """The words of the asked condition a sentence must all hold: its names ("LiTS", "CoVoST-2",
    "TCGA LGG"), else its last two words, the task ("on zero-shot human pose estimation": pose,
    estimation; a figure "in zero-shot bird classification" shares only "zero-shot", dev9)."""
    words = [w for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9@-]*", asked_condition_text(question))[:5] if w.lower() not in GENERIC and w.lower() not in _CONDITION_GENERIC]
    names = [w for w in words if re.search(r"[A-Z0-9]", w)]
    return {loose_stem(w) for w in (names or words[-2:]) if re.search(r"[A-Za-z]", w)}


def asked_condition_names(question: str) -> set[str]:
    """Stems of the names in what a figure is asked on ("in the LIDC dataset" -> lidc; "on the Europarl
    speech translation benchmark" -> europarl, a proper noun: a figure on CoVoST-2 is none there), or none."""
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9@-]*", asked_condition_text(question))[:5]
    return {loose_stem(w) for w in words if re.search(r"[A-Za-z]", w) and (written_as_name(w) or _proper_noun(w))}


def _proper_noun(word: str) -> bool:
    """A capitalised word that is no common word at a sentence's start: "Europarl", "Bangladesh"."""
    return len(word) >= 3 and word[0].isupper() and word[1:].islower() and word.lower() not in GENERIC and word.lower() not in _CONDITION_GENERIC


def written_as_name(word: str) -> bool:
    """Two capitals, or a capital or digit inside the word: "LIDC", "EuroSAT", "CoOp", "ResNet50"."""
    return sum(c.isupper() for c in word) >= 2 or bool(re.search(r"[a-z][A-Z0-9]|[A-Z]\d", word))


def asked_condition_text(question: str) -> str:
    """What a figure is asked on, as the question words it ("the TCGA LGG dataset"), or "". A question
    that sets the scene in a sentence of its own ("FocusCLIP reports per-task gains over CLIP on
    human-centric tasks. What was the improvement in age classification specifically?", dev33) asks in
    its last: a condition there is the one asked."""
    asking = _ASKING_SENTENCE.sub("", question)
    if asking != question:
        # ... there the change asked says on what too: "the improvement in age classification" (dev33).
        match = CONDITION.search(asking) or _CHANGE_ON.search(asking) or _CONDITION_FOR.search(asking) or _CONDITION_NAMED.search(asking)
        if match:
            return " ".join(match.group("what").split())
    match = CONDITION.search(question) or _CONDITION_FOR.search(question) or _CONDITION_NAMED.search(question) or _CONDITION_COMPARED.search(question)
    return " ".join(match.group("what").split()) if match else ""


# ... or where two compared things are set before the question: "PaliGemma vs Mini-InternVL on remote sensing: which one gets
# the higher score?" (dev107).
# Each side is a name of up to three words: in "adapters on wav2vec 2.0 for ASR vs LoRA on chest radiography foundation models - what
# fraction ...?" (dev33) "on" says what each side is put on.
_CONDITION_COMPARED = re.compile(
    r"^\W*(?:[\w.'’-]+\s+){0,2}?[\w.'’-]+\s+(?:vs\.?|versus)\s+(?:[\w.-]+\s+){0,2}?[\w.-]+\s+(?:on|in)\s+(?P<what>[^?:,]{3,60}?)\s*(?::|\s[-\u2013\u2014]\s)", re.IGNORECASE
)


# The sentences before a question's last: "<scene>. <question>?" -> "<question>?".
_ASKING_SENTENCE = re.compile(r"^.*[.!?]\s+(?=[A-Z])", re.DOTALL)


# A change asked on something: "the improvement in age classification", "the gain on EuroSAT".
_CHANGE_ON = re.compile(r"\b(?:improvements?|gains?|increases?)\s+(?:on|in|at)\s+(?!average\b)(?P<what>[^?,;]+)", re.IGNORECASE)


# "how many of its polite rewrites were ...": the rewrites, not "its" (dev10); "how many heterogenous
# agents": the agents, not an adjective in -ous (dev25).
# ... its noun after up to three words: "how many downstream transfer tasks" counts tasks (dev34); after "of the"
# one ("in how many of the transfer learning tasks did it win?" is too involved to decide on).
# "how many new Traditional Chinese tokens did Bailong add ...?" counts tokens, three words on (dev80).
_OF_WHOSE = r"of\s+(?:its|the|their|these|those|[\w.-]+['’]s)\s+"
COUNTED = re.compile(rf"\bhow\s+many\s+(?:{_OF_WHOSE}(?:[\w-]+\s+)??|(?:[\w-]+\s+){{0,3}}?)(?!(?:is|was|has|does|its|this|his)\b)(?P<noun>[A-Za-z-]+(?<!ou)s)\b", re.IGNORECASE)


def counted_phrase(question: str) -> str:
    """What a "how many" question counts, as it words it, for "not stated": "how many of AudioLDM2's layers" -> "layers"
    (dev118), "how many human annotators" -> "human annotators"; "" when it counts nothing."""
    match = COUNTED.search(question)
    return re.sub(f"^{_OF_WHOSE}", "", match.group().split(None, 2)[-1]) if match else ""


# Who a study's sample size "N=118" counts (dev4: "How many participants ...?" was "not stated").
PEOPLE = frozenset(loose_stem(w) for w in "participants subjects people persons respondents users annotators raters workers volunteers patients students".split())


SAMPLE_SIZE = re.compile(r"\b[Nn]\s*=\s*\d")


# "How many tokens per second ...", "how many frames a second": a rate, counted per something.
_RATE_ASK = re.compile(r"\bhow\s+many\s+(?P<noun>[\w-]+)\s+(?:per|a|an|each)\s+(?P<per>second|sec|minute|min|hour|day|step|iteration|query|image|sample|example|token|gpu|task)s?\b", re.IGNORECASE)


def asked_rate(question: str) -> tuple[str, str]:
    """What a "how many X per Y" question counts and what per ("tokens", "second"), or ("", "")."""
    match = _RATE_ASK.search(question)
    return (match.group("noun").lower(), match.group("per").lower()) if match else ("", "")


def states_rate(sentence: str, per: str) -> bool:
    """Does the sentence give a figure per that unit: "per second", "per-task", "tokens/s", "images/sec"?"""
    unit = re.escape(per)
    short = "|".join(dict.fromkeys((unit, unit[:3], unit[0])))  # "/second", "/sec", "/s"
    return bool(re.search(rf"\d[^.;]*?(?:\bper[\s-]+(?:\w+\s+)?{unit}|/\s?(?:{short})s?\b)", sentence, re.IGNORECASE))


def counted_noun(question: str) -> str:
    """The stem of what a "how many X" question counts, its first plural noun ("how many human
    annotators worked ..." -> "annotator"), else "" (time and speed asks have their own words)."""
    match = COUNTED.search(question)
    if not match or _COUNTS_PAPERS.search(question) or _TIME.search(question) or _SPEED.search(question) or match.group("noun").lower() in ("times", "points"):
        return ""  # "how many times smaller" asks a ratio, "how many BLEU points" a measure, not a count
    return loose_stem(match.group("noun"))


_MEASURE_VALUE = re.compile(r"(?-i:[A-Z]{2,})|\b(?:accuracy|score|rate|error|precision|recall|perplexity|correlation)\b", re.IGNORECASE)


def counted_for(question: str, value: str) -> str:
    """The counted noun, when the count is what asks `value`: "what size latent space ..., and how many
    qubits ...?" asks the latent space's size in one clause and the qubits in another, and a sentence
    giving "a 64-dimensional latent space" need not count qubits (dev30)."""
    counted = counted_noun(question)
    if not counted or not value or counted in _stems_of(value):
        return counted
    clauses = [c for c in _CLAUSES.split(question) if c and c.strip()]
    # ... only when the value's own clause asks a figure: in "what new adapter architecture does MAD-X
    # introduce, and on how many NLU tasks ...?" the count is the figure asked (dev25).
    # So is a measure named: "..., and what AUROC was reached on NIH ChestX-ray14 ...?" (dev21).
    measure = bool(_MEASURE_VALUE.search(value))
    in_value = [i for i, c in enumerate(clauses) if value.lower() in c.lower() and (measure or FIGURE_ASK.search(c))]
    in_count = [i for i, c in enumerate(clauses) if COUNTED.search(c)]
    return "" if in_value and in_count and not set(in_value) & set(in_count) else counted


def asked_stems(question: str) -> set[str]:
    """The stems of a question's words, without the generic ones ("the", "model", "method" ...)."""
    return {loose_stem(w) for w in STEMMED_WORD.findall(question) if w.lower() not in GENERIC}
