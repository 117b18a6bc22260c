"""What kind of answer a question wants: a list of papers, a fact, a comparison, or prose.

Rules first (the wording of a question usually says it: "Which papers ...", "How many ...",
"Compare ..."); a question no rule decides goes to its nearest labelled dev questions in
MiniLM space (k=3 vote). Accuracy on the labelled dev questions: `rag eval` reports it.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rag.answer.question_text import PAPER_DESCRIBED_FIRST
from rag.answer.reasons import asks_why

KINDS = ("list", "fact", "comparison", "open")

_WORKS = r"(?:papers|entries|works|methods|approaches|studies|techniques|models|systems|frameworks|algorithms|strategies|solutions|articles|datasets|benchmarks)"
_COMPARISON = re.compile(
    # Two papers described, one after the other: "What do the mT5 language-characteristics study and the Basque event
    # extraction paper conclude about ...?" (dev64)
    r"\bthe\s+(?:[\w'’()-]+\s+){1,8}?(?:paper|study|work)\s+and\s+the\s+(?:[\w'’()-]+\s+){1,8}?(?:paper|study|work)\b|"
    # ... or a name and a paper described, asked what they do: "what kind of parallel data do mPLM-Sim and the cross-lingual
    # adjustment of mBERT paper use, and what for?" (dev126)
    r"\b(?:do|did)\s+(?-i:[A-Z][\w.-]*[A-Z0-9][\w.-]*|[a-z]+[A-Z][\w.-]*)\s+and\s+the\s+(?:[\w'’()-]+\s+){1,8}?(?:paper|study|work)\s+[a-z]+|"
    # ... also after a topic: "Zero-shot cross-lingual translation: compare SixT with ..." (dev9)
    # ... also opening a second sentence: "Both of these study ...: XTRA and the '...' paper. Compare their benchmarks ..." (dev38)
    # (not after "i.e.": "Which papers pit their models against humans, i.e. compare model output with ...?" asks for papers, dev99)
    r"(?:^|[:;]\s*|(?<!\bi\.e)(?<!\be\.g)[.?!]\s+)(?:compare|contrast)\b|\bhow\s+(?:does|do|did)\b.*\b(?:compare|differ)\b|\b(?:differ|differs)\b|(?<!\bto\s)\bcompare\s+(?:the|with)\b"
    # (What a method is used "to compare the single-task models" for describes it, dev86.)
    # "Is A better than B ...?", "A or B: which one ...?"
    # ("... teachers or students) - which papers?" asks for papers, not which of the two)
    rf"|\b(?:better|worse|faster|slower|stronger|weaker|cheaper|more\s+accurate)\s+than\b|\bor\s+\S+\s*[:\-\u2013\u2014]+\s*which\b(?!\s+(?:[\w-]+\s+)?{_WORKS})|\bwhich\s+of\s+the\s+two\b"
    # ... or a described side after "or": "IMPALA or the hypernetwork zero-shot RL method - which one needs fewer environment frames?" (dev100)
    r"|\bor\s+(?:[\w'’()-]+\s+){1,8}?[\w'’()-]+\s*[:\-\u2013\u2014]+\s*which\s+(?:one|of\s+(?:them|the\s+two))\b"
    # "A and B both ... - what does each one ...?"; "Does A beat B on X?"
    # "How do CLOOB and CWCL each modify ...?"
    # ... "what do they each find ...?", "What do ExT5 and the RoBERTa intermediate-task study ('When and Why Does It Work?') each
    # conclude ...?" (dev100)
    r"|\beach\s+(?:one|of\s+(?:them|the\s+two))\b|\b(?:they|both)\s+each\s+[a-z]+|\band\s+(?!(?:what|which|how|where|when|why|who)\b)(?:[\w'’-]+\s+){1,8}(?:\([^()]*\)\s+)?each\s+[a-z]+|(?:^|,)\s*(?:does|do|did|can|could|will|would)\s+\S+(?:\s+\S+){0,2}\s+(?:beat|outperform|surpass)\b"
    # "CLOOB and LiT both ... What does each change ...?", "Is SimCSE or ConSERT better on STS?"
    # "A, B and C all rely on hypernetworks. What does the hypernetwork produce in each, ...?" (dev30)
    # "Sparse ImageNet models and robust tickets: what did each study conclude ...?"
    # (not "Which papers use LoRA or adapters and what does each report?": a list, each paper its line)
    r"|^(?!\s*(?:which|what)\s+(?:[\w-]+\s+){0,2}(?:papers|works|studies|methods|approaches)\b).*?\b(?:does|did|do)\s+each\s+(?:one\s+|study\s+|paper\s+|work\s+|approach\s+|method\s+)?(?:conclude|find|show|report|propose|use|achieve|claim|compare|evaluate)\b"
    r"|\b(?:in|for|by)\s+each\s*(?:[,?]|$)|\b(?:in|for|by)\s+each\s+(?:one|paper|work|method|approach)\b"
    r"|\bboth\b.*\beach\b|^\s*(?:is|are|was|were)\s+\S+\s+or\s+\S+\s+(?:better|worse|faster|slower|stronger|weaker|cheaper|more|less|higher|lower)\b"
    # "Which is better, LoRA or full fine-tuning?"
    r"|^\s*which\s+(?:one\s+)?(?:is|was|works|performs|does)\s+(?:better|worse|best|faster|stronger|bigger|larger|smaller|cheaper)\b"
    # "A vs B: how many parameters per task does each add?" asks the same of both (dev7: read as a fact)
    r"|\b(?:vs\.?|versus)\s.*\beach\b"
    # ... as does one opening with "A vs B" before what it asks: "SixT vs SAMU-XLS-R encoder init: how do these
    # two approaches ...?", "adapters (the original NLP PETL paper) vs diff pruning: how many parameters ...?" (dev35)
    # ... asking of both after it ("they", "these two", "..., and what ..."): "XLM-R vs mBERT on XNLI - what was the
    # average accuracy gain?" asks XLM-R's gain over its baseline, a fact (dev34).
    r"|^\W*(?!(?:for|in|on|with|about|regarding)\b)[^:?.]{1,60}?\s(?:vs\.?|versus)\s[^:?.]{1,60}?(?::|\s[-\u2013\u2014]+\s)"
    r"(?=[^?]*\b(?:they|them|their|these|those|both|each|two|respectively)\b|[^?]*,\s*and\s+(?:what|which|how)\b)"
    # "... these two approaches ...", "the two methods": the question holds two things side by side
    rf"|\bthese\s+two\s+{_WORKS}\b"
    # "TRANSIC or the in-context-learning approach (dynamics as prompts) - how does each close the gap?" (dev10);
    # "Sentence-T5 and the in-context-learning approach ...: how does each extract embeddings?" (dev31)
    r"|^\W*[\w$^{}.-]+\s+(?:or|and)\s+.*\beach\b"
    # "Two papers transfer a pretrained model to a new language: ... Which model does each start from?" (dev14)
    rf"|\btwo\s+{_WORKS}\b.*\beach\b"
    # ... or both after "each" and a colon: "How many datasets does each put together: the ... probing study or the VLUE benchmark?";
    # "What controls how well representations transfer, according to the invariance study and according to t-ReX?" (dev125)
    rf"|^(?!\s*(?:which|what)\s+(?:[\w-]+\s+){{0,2}}{_WORKS}\b).*?\beach\b[^?:]*:\s*[^?]+\s(?:or|vs\.?|versus|and)\s[^?]+\?\s*$"
    r"|\baccording\s+to\s[^?]+?\band\s+according\s+to\b"
    # "Is SuS-X evaluated on more datasets than BlackVIP? how many each?" (dev13); not "SpineNet: how many
    # fewer FLOPs than ResNet-FPN models?", a fact about one paper beside its baseline (dev2)
    r"|^\W*(?:is|are|was|were|does|do|did)\b[^?]*\b(?:more|fewer)\s+(?:[\w-]+\s+){1,2}than\s+(?-i:[A-Z])|\bhow\s+many\s+(?:for\s+)?each\b"
    # "Is Med3D's Dice on LiTS higher than the whole-tumor Dice of the ... ResUNet on BraTS 2020?" (dev17)
    r"|^\W*(?:is|are|was|were)\s+(?-i:[A-Z])[\w.-]*['’]s\b[^?]*\b(?:higher|lower|larger|smaller)\s+than\b"
    # "Which reports the higher real-world success rate ...: Re3Sim or the in-context learning method?" (dev12)
    # ... "which gives a bigger average BLEU gain: SixT's ..., or ... SAMU-XLS-R ...?" (dev16)
    # "Do the language adapter ablation study and MAD-X agree on how useful language adapters are?" (dev16)
    r"|^\W*(?:do|does|did)\s+[^?]+\s+and\s+[^?]+\s+(?:agree|disagree)\b"
    # "Offsite-Tuning and S2A both claim memory savings ... Which reports the bigger reduction in memory ...?" (dev18)
    r"|\bboth\b[^.?]*[.?]\s*which\s+(?:one\s+)?\w+\s+(?:the\s+|an?\s+)?(?:higher|lower|larger|smaller|better|worse|bigger|more|fewer)\b"
    # "Which language models are PaliGemma and Tx-LLM built on, respectively?" (dev19)
    r"|\b[\w.-]+\s+and\s+[\w.-]+\b[^?]*\brespectively\b"
    # "How big are the gains reported by EntityCS compared to what mPLM-Sim's selection gives?" (dev16)
    r"|\bcompared\s+(?:to|with)\s+(?:what|how\s+much|that\s+of)\b"
    # "... where does the learning signal come from in Diff-Transfer compared with the LIBERO benchmark?" (dev74),
    # "How many GPUs were used to pretrain Florence compared with Florence-2?": one name set beside another
    r"|(?-i:[A-Z][\w.-]*[A-Za-z0-9])\s+(?:as\s+)?compared\s+(?:with|to)\s+(?:the\s+)?(?-i:[A-Z])"
    r"|^\s*which\s+(?:one\s+)?\w+\s+(?:(?:is|was|has|had)\s+)?(?:the\s+|an?\s+)?(?:higher|lower|larger|smaller|better|worse|bigger|more|fewer)\b[^?]*[:,][^?]+\sor\s",
    re.IGNORECASE,
)
# "Which two self-supervised objectives are used to refine ...?", "What two compression techniques are
# combined in TinySAM?": the named parts of one paper's method, not a list of papers.
# So is "what are the two PETL modules that VLN-PETL designs ...?" (dev15).
# ... as is "... evaluated on two previously published tasks. Which ones?" (dev54).
_COUNTED_PARTS = re.compile(
    r"\b(?:which|what)\s+(?:(?:are|were)\s+(?:the|its|their)\s+)?(?:two|three|four|five)\b(?!\s+(?:papers|works|studies))"
    # ... also of something: "it models three aspects of medical knowledge. What are they?" (dev94), "LIBERO highlights five research
    # topics for lifelong learning in decision-making. what are they?" (dev121)
    r"|\b(?:two|three|four|five)\s+(?:[\w-]+\s+){0,3}?(?!(?:papers|works|studies)\b)[\w-]+s(?:\s+(?:of|for|in|on|about|across|within)\s+[^.;?]{1,80}?)?\s*[.;,-]+\s*(?:which|what)\s+(?:ones|are\s+they)\b",
    re.IGNORECASE,
)
# "The 13-model SSL transfer study crowned one self-supervised method as the best overall - which one?", "... fooled a commercial
# black-box vision-language model. Which one?": one thing asked of one paper, closing the question (dev79); not "TinySAM or
# MobileSAM - which one?", two sides weighed.
_WHICH_ONE = re.compile(r"^(?![^?]*\s(?:or|vs\.?|versus)\s)[^\n]*[-\u2013\u2014:,;.?!]\s*which\s+one(?:\s+(?:is|was)\s+(?:it|that))?\s*\?*\s*$", re.IGNORECASE)
# "Free Lunch says checkpoint averaging makes ... more sensitive to hyperparameter choices - how do they suggest compensating for
# that?" (dev81): how, asked of what one paper says; not "how many" or "how much", figures.
_CLAIM_THEN_HOW = re.compile(
    r"^\W*(?:the\s+)?(?-i:[A-Z])[\w.'’-]*(?:\s+[\w.'’()-]+){0,4}?\s+(?:says|claims|reports|argues|finds|shows|states)\b[^?]*?[-\u2013\u2014:;,.]\s*"
    r"how\s+(?:do|does|did|would|could|can|should|is|are)\b",
    re.IGNORECASE,
)
# "which of the agrinet pretrained models got the highest classification accuracy?": the one of a paper's
# models that did best, a fact, not a list of papers (dev22).
# ("Which of these transfer learning papers received a best paper award?" still asks for papers.)
_BEST_OF_THEM = re.compile(r"\bwhich\s+of\s+(?:the|its|their|these|those)\s+(?!(?:[\w-]+\s+){0,3}(?:papers|works|studies|articles)\b)[^?]*?\b(?:highest|best|lowest|largest|smallest|biggest|fewest|strongest|top)\b", re.IGNORECASE)
# "versus" and "difference" also turn up in fact questions ("how long ... with BERT versus X").
_WEAK_COMPARISON = re.compile(r"\b(?:difference|differences|versus|vs\.?)\b", re.IGNORECASE)
# A question opening on the one paper it describes ("For the latent action priors from a single gait cycle paper, ", "For the
# negative-transfer-in-diffusion paper: ", "In the RoBERTa intermediate-task study (110 intermediate-target combos), ", dev77), then
# what it asks of it: which / what / how, but not "which papers".
# (After a preposition too: "In the data augmentation for code generation paper, between which programming languages was code
# translated?", dev126.)
_ASKED_OF_IT_THERE = r"(?:(?:between|on|in|from|for|with|to|of|at|by)\s+)?(?:which|what|how)\b(?!\s+(?:[\w-]+\s+)?(?:papers|works|studies)\b)"
_FACT = re.compile(
    # "In RT-2, how are the robot actions represented ...?": a detail of the paper it names (dev18)
    # (One opening on the paper it describes, "For the latent action priors from a single gait cycle paper, which robot ...?",
    # dev49, is a fact before this is read: `_IN_THE_PAPER_ASKED`.)
    r"^\s*in\s+(?-i:[A-Z])[\w.-]*(?-i:[A-Z0-9])[\w.-]*\s*,\s*(?:how|what|which)\b|"
    r"\bhow\s+(?:many|much|long|fast|close|large|big|often)\b(?!\s+(?:papers|works|studies|articles)\b)|\bby how much\b|\bwhat\s+(?:is|was|are|were)\s+(?:it|(?:the|its|their|[\w.-]+['’]s)\s+(?:[\w-]+\s+){0,3}[\w-]+)\s+called\b|\bcalled\?"
    # "What did they name the fine-tuned model?", "what do the authors call it?": a name asked
    r"|\bwhat\s+(?:did|do|does)\s+(?:they|the\s+authors|it|he|she|we)\s+(?:name|call)\b"
    r"|\bwhat\s+(?:kind|type|sort)\s+of\b"
    # "where does the EntityCS code-switching corpus come from?" (dev62): a source asked
    r"|^\W*where\s+(?:does|do|did|is|are|was|were)\b"
    # ... "where can I download the Spanish TrOCR models?" (dev115), not "where can I find papers on ...?"
    r"|^\W*where\s+(?:can|could|should)\s+(?:I|we|you|one)\b(?![^?]*\b(?:papers|works|studies|research)\b)"
    # "what problem did the TL-Align authors find with mixing-based augmentation ...?" (dev39): one paper's finding
    r"|^\W*what\s+(?:problem|issue|limitation|challenge|drawback|weakness|shortcoming|phenomenon)s?\s+(?:did|does|do)\b(?![^?]*\b(?:papers|works|methods|approaches)\b)"
    # ... also a measure written with a prefix: "What macro-F1 does ... reach?" (dev82)
    r"|\bwhat\s+(?:[\w'’-]+\s+){0,3}(?:(?:macro|micro|weighted|top|exact)-)?(?:accuracy|score|scores|bleu|map|ap|auc|f1|rate|percentage|fraction|proportion|ratio|speed-?up|rank|size|number|value|error|perplexity|footprint|consumption|cost|hours|time|dimensionality|dimensions?|resolution)\b"
    r"|\b(?:which|what)\s+(?:[\w+.-]+\s+){0,2}(?:work|paper|method|model|system|technique|approach|backbone|loss|dataset|metric|architecture|encoder|framework|benchmark|language|study"
    r"|algorithm|mechanism|module|component|objective|optimizer|regularizer|criterion|library|toolkit|corpus|strategy)\b(?!s)"
    # Asked without a question word: "GPipe AmoebaNet top-1 on ImageNet?", "What does DoG stand for?"
    r"|\bstand\s+for\b|\bby\s+what\s+factors?\b|\bwhat\s+share\b|\b(?:reduction|speed-?up|compression)\s+factors?\b"
    # "accuracy went from what to what?" (dev94): a change, its two figures
    r"|\bfrom\s+what\s+to\s+what\b"
    # "whats the name of the off-policy correction IMPALA relies on ...", "what's the name of the ... backbone" (dev38)
    r"|\bwhat(?:['’]?s|\s+is|\s+was)?\s+the\s+name\s+of\b"
    # A measure asked after a dash, with no question word: "pretraining on an emergent-language corpus ... - average
    # perplexity reduction across the ten languages?" (dev38)
    r"|\s[-\u2013\u2014:]\s*(?:the\s+)?(?:average|mean|overall|total|relative|absolute)\s+(?:[\w-]+\s+){0,2}(?:accuracy|score|bleu|rate|reduction|improvement|gain|speed-?up|perplexity|error)\b",
    re.IGNORECASE,
)
_LIST = re.compile(
    # "Which parameter-efficient transfer learning (PETL) methods ...?"; also after an opening phrase:
    # "Besides cutting trainable parameters, which PETL methods also reduce memory?" (dev16)
    rf"^\s*(?:which|what)\s+(?:[\w-]+\s+|\([^()?]{{1,40}}\)\s+){{0,4}}{_WORKS}\b"
    rf"|^[^,?]{{1,150}},\s*which\s+(?:(?!(?:did|does|do|is|are|was|were|has|have)\b)[\w-]+\s+){{0,4}}{_WORKS}\b"
    # "What work looks at pruning with transfer learning?" (dev11): the work as the subject ("Which work
    # disentangles ...?" asks for one paper)
    r"|^\s*what\s+(?:work|research)\s+(?!(?:did|does|do|is\s+the|was\s+the)\b)[a-z]+(?:s|ed)\b"
    # "Is there anything on ...?", "Are there large-scale evaluations of ...?"
    rf"|\b(?:is|are)\s+there\s+(?:any\s+)?(?:[\w-]+\s+){{0,2}}?(?:anything|work|works|research|evaluations|analyses|surveys|{_WORKS})\b"
    # "Any papers that ...?", "PETL methods that ...?", "RL papers evaluated on Atari?" (dev33), "... - what papers?", "What work is there on ...?", "Has anyone ...?"
    # ... "papers whose method is built on LoRA ...?" (dev113: read as a comparison by its "or other")
    # ... also after a topic: "hierarchical RL / task decomposition: papers where agents ...", "Diffusion models used for ..."
    rf"|^\s*any\s+(?:[\w-]+\s+){{0,2}}(?:work|research|{_WORKS})\b|(?:^(?!\s*(?:when|while|if|after|before|once|given)\b)|[:\u2013\u2014]\s*|\s-\s*)(?:[\w-]+\s+){{0,3}}{_WORKS}\s+(?:that|which|whose|using|on|about|for|with|where|used\s+(?:for|to|in)|applied\s+to|(?:evaluated|tested|trained|benchmarked|run)\s+on)\b"
    # "hypernetwork-based methods in this collection?" (dev38)
    rf"|{_WORKS}\s+(?:in\s+(?:this|the|your)\s+(?:collection|corpus|index|library|database)|here)\s*\??\s*$"
    # "Who has taken T5 and applied it to ...?": who did something is which papers did
    r"|^\s*who\s+(?:has|have|else\s+has)\b"
    rf"|\b(?:which|what)\s+(?:[\w-]+\s+)?(?:papers|works|studies)\b|\bwhat\s+(?:work|research)\s+(?:is|has)\b|^\s*has\s+anyone\b|\bwhat['’]?s\s+out\s+there\b|\bwhat\s+is\s+out\s+there\b"
    # "How many papers are about style transfer?": the list's lead counts them
    r"|^\s*how\s+many\s+(?:papers|works|studies|articles)\b"
    # "recent work on style transfer for videos", "research about prompt transfer"
    r"|^\s*(?:(?:recent|new|latest|more|other|some)\s+)?(?:work|research|literature)\s+(?:on|about|in|regarding)\b"
    # "anything on Polish?", "something about sim-to-real?", "anything that trains on Taskonomy?" (dev33), "anything called
    # 'All-in-One' here?" (dev124)
    # ... also after a topic or "do we have": "deep ensembles - anything on ...?", "Do we have anything about African languages?", "remote sensing - anything?"
    r"|(?:^|[:\u2013\u2014]\s*|\s-\s*|\b(?:we|you)\s+have\s+)(?:anything|something)\s+(?:on|about|regarding|related\s+to|with|using|that|which)\b|\s[-\u2013\u2014:]\s*anything\s*\??\s*$"
    # ... "Anything built on or evaluated with Google's Gemma models?" (dev95)
    r"|^\W*(?:anything|something)\s+(?:built|based|evaluated|tested|trained|run|done|applied|published|called|named)\b"
    # "... - what does the collection have on that?", "what do you have on pruning?": what is in the index
    r"|\bwhat\s+(?:does|do)\s+(?:the\s+|this\s+|your\s+)?(?:collection|index|corpus|library|database|you)\s+have\b"
    # "what's in here on LLM hallucinations?" (dev30)
    r"|\bwhat(?:['’]?s|\s+is)\s+(?:in\s+here|here|in\s+(?:the|this|your)\s+(?:collection|index|corpus|library|database))\s+(?:on|about|regarding|for)\b"
    rf"|^\s*(?:has|have)\b.*\bbeen\s+(?:used|applied|proposed|studied)\b|\bhow\s+(?:have|do|did)\s+(?:researchers|papers|works|authors|studies)\b|\blist\b"
    # ... and after a sentence setting the scene: "When you fine-tune ... it can wipe out what it already knew. Which methods
    # explicitly try to keep ...?" (dev95; 4 seen questions more, all labelled lists)
    r"|(?<=[.!?])\s+(?:which|what)\s+(?:(?!(?:do|does|did|is|are|was|were)\b)[\w-]+\s+){0,2}(?:papers|works|methods|approaches|studies|techniques)\s+(?!(?:do|does|did|is|are|was|were)\b)[a-z]+",
    re.IGNORECASE,
)


# "What is catastrophic forgetting?", "How can a model adapt ...?", "Why does ...?": prose wanted.
# "Summarize ForkMerge", "Tell me about LiT": prose about it. "What does TaskWeb introduce?": what a paper does (its nearest labelled questions voted "list",
# and "What does ForkMerge propose?" "comparison").
_OPEN = re.compile(
    r"^\s*(?:what\s+(?:is|are)\b|how\s+(?:does|do|can|could|is|are|should)\b|why\b|can\b|could\b|does\b|do\b|is\b|are\b|explain\b|describe\b"
    r"|summari[sz]e\b|tell\s+me\s+about\b|give\s+(?:me\s+)?(?:an?\s+)?(?:overview|summary)\b)"
    # "In the constrained decoding label projection paper, why does ...?": a why asked of the one paper it describes (dev76)
    "|" + PAPER_DESCRIBED_FIRST + r"why\b"
    r"|^\s*what\s+(?:does|did|do)\s+(?:[\w$^{}.'’-]+\s+){1,6}(?:propose|introduce|present|contribute|do|offer|show|find|study|investigate|describe)\s*\??\s*$",
    re.IGNORECASE,
)


# "How do people close the sim-to-real gap ...?", "How do the papers figure out which source language
# ...?": asked of the body of work, in prose, whatever thing it then asks after ("which source language"
# read as a fact, dev8). ("How have researchers ...?" is a list, above.)
_OF_THE_FIELD = re.compile(
    r"^\W*how\s+(?:do|did|have|are|can|were)\s+(?:the\s+)?(?:papers|people|researchers|authors|works|studies|methods|approaches)\b(?:\s+(?:here|in\s+the\s+collection))?(?!\s+(?:differ|compare))",
    re.IGNORECASE,
)
# "What does the literature here say about ...?", "What do these papers report about ...?" (dev28, dev29):
# asked of the body of work too, but a list answers it as well as sentences do, so it decides no kind.
_OF_THE_LITERATURE = re.compile(
    r"^\W*what\s+(?:does|do|did)\s+(?:the\s+|this\s+|these\s+)?(?:literature|collection|papers|works|studies|research)\b(?:\s+(?:here|in\s+the\s+(?:collection|index)))?\s+(?:say|report|conclude|find|suggest|tell\s+us|show)\b",
    re.IGNORECASE,
)


# "... - which target datasets was it tested on?" (dev33): asked of the one method "it" the question
# described, however plural the things asked.
_ASKED_OF_IT = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){1,3}(?:is|was|does|did|has)\s+it\s+(?!\w+\s+(?:to|by)\s+(?:other|many|several)\b)\w+", re.IGNORECASE)


# "Which benchmarks was the description-driven dialog state tracking model (D3ST) evaluated on?", "Which datasets
# exactly does the interval bound interpolation paper report results on?" (dev41, dev42): the things one paper used,
# asked with a singular verb, not the papers of a topic ("Which methods tackle negative transfer?").
_ASKED_OF_ONE = re.compile(
    # (Its kind in up to four words: "Which content and style image datasets was CCPL trained on?", dev124.)
    rf"^\W*(?:which|what)\s+(?:[\w-]+\s+){{0,4}}?{_WORKS}\s*(?:,\s*by\s+name\s*,\s*|\s+exactly\s+|\s+)(?:was|does|did|has)\s+(?!(?:this|the)\s+(?:collection|corpus|index|literature|field)\b)(?:the|this|that|it|its|(?-i:[A-Z]))"
    # "Which datasets were used in the MultiMAE transfer experiments ...?" (dev65): the data of the paper it names
    r"|^\W*(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:datasets|benchmarks)\s+(?:were|are)\s+used\s+(?:in|by|for)\s+(?:the\s+)?(?-i:[A-Z][\w-]*[A-Z0-9])",
    re.IGNORECASE,
)


# "There's a paper that classifies text with ImageNet-pretrained vision models. How do they turn sentences into
# images?" (dev35): the asker recalls one paper and asks of it, not for a list; "There's a finance paper that ...
# Its numerical experiments are grouped into three kinds of transfer - which ones?" too (dev40).
# So is "The paper that shrinks Segment Anything into a tiny model for edge devices: what techniques do they combine ...?" (dev63).
_ONE_PAPER_RECALLED = re.compile(
    r"^\W*(?:(?:there(?:['’]s|\s+is|\s+was)|i\s+(?:remember|recall|read|saw))\s+(?:a|one|this|that)\s+(?!(?:lot|few|number|bunch|couple|handful|range|variety)\b)(?:[\w-]+\s+){0,2}?(?:paper|work|study|method|approach)\b"
    r"|(?:the|that|this)\s+(?:[\w-]+\s+){0,3}?(?:paper|work|study)\s+(?:that|which|where|on|about|with)\b)"
    r"(?![^?]*\b(?:any|other)\s+(?:papers|works)\b)",
    re.IGNORECASE,
)


# "Which downstream tasks were used to evaluate the semantic-aware implicit template learning method (the part
# deformation consistency one)?", "Which low-resource languages were targeted in the study comparing few-shot prompting,
# LAFT and translation ...?" (dev58, dev62): things of the one paper the question describes, not papers.
_ASKED_OF_DESCRIBED = re.compile(
    rf"^\W*(?:which|what)\s+(?:[\w-]+\s+(?:/\s+)?){{0,3}}?(?!{_WORKS}\b)[\w-]+s\s+(?:were|was|are|is|do|does|did|has|have)\b"
    r"[^?]*\b(?:the|this|that)\s+(?:[\w()-]+\s+){0,8}?(?:paper|work|study|one)\b",
    re.IGNORECASE,
)


# "Which open-world platforms (GitHub, Stack Overflow, ...?) did NLTrace mine its datasets from?" (dev68): things of the
# paper a coined name is the subject of, not papers.
_ASKED_OF_NAMED = re.compile(
    rf"^\W*(?:which|what)\s+(?:[\w-]+\s+){{0,3}}?(?!{_WORKS}\b)[\w-]+s\b(?:\s*\([^()]*\))?\s+(?:did|does|do|was|were|has|have)\s+"
    r"(?-i:[A-Z][\w.]*[A-Z0-9][\w.-]*|[A-Z][a-z]+[A-Z][\w.-]*)(?![\w-])",
    re.IGNORECASE,
)
_PAPER_WORD = re.compile(r"\b(?:paper|work|study|one)\b", re.IGNORECASE)

# "Which physics simulator is VLABench built on?", "Besides ..., which other compute-heavy transfer technique does the
# dataset pruning method also help?" (dev74): one thing, named in the singular, asked of a subject the question names or
# describes: a fact, not the papers of a topic. Read only when no other rule decides (seen sets: 11 questions the
# nearest-neighbour vote took for lists or comparisons, none it had right); so is one asked of a plural subject, "Which pretrained base
# LLM were the math and language experts fine-tuned from ...?" (dev95; 4 seen questions more, all labelled facts).
# (After "is" or "was" ("as " closes "was "), a passive verb of choosing asks it too: "what robot arm was used ...?", dev93.)
_ASKED_IN_SINGULAR = re.compile(
    r"^\W*(?:[^,?:]{1,150}[,:]\s*|.*\s[-\u2013\u2014]\s+)?(?:which|what)\s+(?:[\w'’/-]+\s+){0,4}?"
    r"(?!(?:papers?|works?|methods|approaches|studies|models|ones?)\b)[\w-]*[^s\W]\s+(?:does|did|is|was|has|(?:were|are)(?=\s+(?:the|their)\s))\s+"
    r"(?!(?:the|this|that)\s+(?:collection|corpus|index|literature|field)\b)(?:the|this|that|it|its|they|their|(?-i:[A-Z])|(?<=is\s|as\s)(?:used|employed|adopted|chosen|picked)\b)",
    re.IGNORECASE,
)
# "swiss judgement prediction cross-X paper: which country's cases did they add ...?" (dev74): a paper, then what is
# asked of it; not of each of two ("GHOST 2.0 and the SAWN paper - what modules does each introduce?").
# (A setting may come first: "T3 paper: in their diagnostic study, how well could small probing classifiers ...?", dev127.)
_SETTING_FIRST = r"(?:(?:in|for|on|during|within)\s+[^?,:]{2,60},\s*)?"
_PAPER_THEN_ASKED = re.compile(r"^[^?]{3,120}\b(?:paper|study|work)\s*(?::|\s[-\u2013\u2014])\s*" + _SETTING_FIRST + r"(?:which|what)\b(?![^?]*\b(?:each|both)\b)", re.IGNORECASE)
# ... and so does a coined name: "Meta-RTL - which backbones did they use for the meta model, ...?" (dev53), "XATL - which
# pieces of ... get carried over ...?" (seen sets: 11 questions no other rule decides, all facts); a word before the name and three
# after it too: "multilingual USE for semantic retrieval - which retrieval tasks ...?" (dev93; 7 more seen questions, all facts).
_NAME_THEN_ASKED = re.compile(
    r"^\W*(?:[a-z][\w-]*\s+)?(?-i:[A-Z][\w.-]*[A-Z0-9][\w.-]*|[A-Z][a-z]+[A-Z][\w.-]*)(?:\s+[\w.-]+){0,3}?(?:\s*\([^()]*\))?\s*(?::|\s[-\u2013\u2014]+)\s*" + _SETTING_FIRST
    + r"(?:which|what|how)\b(?![^?]*\b(?:each|both|papers|works|studies|articles|methods|approaches)\b)",
    re.IGNORECASE,
)
# "In the CLOOB paper, which datasets were used to pre-train CLOOB and CLIP ...?" (dev60): the things of the one paper the
# question opens with, however plural (the list rules would read "..., which datasets" as asking for papers).
_IN_THE_PAPER_ASKED = re.compile(
    PAPER_DESCRIBED_FIRST + _ASKED_OF_IT_THERE,
    re.IGNORECASE,
)


def asks_of_the_field(question: str) -> bool:
    """Is the question asked of the papers as a body of work ("How do people ...?")? Its answer then
    draws on the papers above the list bar, a sentence each, not only on those near the best one."""
    return bool(_OF_THE_FIELD.search(question) or _OF_THE_LITERATURE.search(question))


def rule_kind(question: str) -> str:
    """The kind the wording says, or "" when no rule decides."""
    if asks_why(question):
        # "DenoSent reports ... hurts STS. Why do they think the two conflict?", "whats the intuition for why ...?": a reason,
        # told in prose, whatever else the question names (seen sets: 132 why questions, 118 labelled open; the rules
        # voted 22 of those comparison or fact, dev77).
        return "open"
    if _COMPARISON.search(question):
        return "comparison"
    if (
        _COUNTED_PARTS.search(question) or _BEST_OF_THEM.search(question) or _WHICH_ONE.search(question) or _ASKED_OF_IT.search(question) or _ONE_PAPER_RECALLED.search(question)
        or _ASKED_OF_ONE.search(question) or _ASKED_OF_NAMED.search(question) or _IN_THE_PAPER_ASKED.search(question)
    ):
        return "fact"
    if _CLAIM_THEN_HOW.search(question):
        return "open"
    if _ASKED_OF_DESCRIBED.search(question) and len(_PAPER_WORD.findall(question)) == 1:
        # ("Which pretrained speech encoders do the Czech-to-Slovak ASR transfer paper and the cross-lingual speech
        # translation paper start from?" describes two papers, dev20.)
        return "fact"
    if _LIST.search(question):
        return "list"
    if _OF_THE_FIELD.search(question):
        return "open"
    if _FACT.search(question):
        return "fact"
    if _WEAK_COMPARISON.search(question):
        return "comparison"
    if _OPEN.search(question):
        return "open"
    if _ASKED_IN_SINGULAR.search(question) or _PAPER_THEN_ASKED.search(question) or _NAME_THEN_ASKED.search(question):
        return "fact"
    return ""


class QuestionKindClassifier:
    """Rules, then a 3-nearest-neighbour vote over labelled example questions."""

    def __init__(self, embed, examples: Sequence[tuple[str, str]] = (), embed_examples=None) -> None:
        self._embed = embed  # texts -> unit vectors (the retriever's embedder)
        self._embed_examples = embed_examples or embed  # e.g. through rag/search/vector_cache.py: the same vectors, saved
        self._examples = [(q, k) for q, k in examples if k in KINDS]
        self._vectors: np.ndarray | None = None

    def prepare(self) -> QuestionKindClassifier:
        """Embed the examples now (~1 s for 53), not inside the first question's wait."""
        if self._vectors is None and self._examples:
            self._vectors = self._embed_examples([q for q, _ in self._examples])
        return self

    def classify(self, question: str, vector: np.ndarray | None = None) -> str:
        kind = rule_kind(question)
        if kind or not self._examples:
            return kind or "open"
        self.prepare()
        if vector is None:
            vector = self._embed([question])[0]
        # An example identical to the question does not vote: scoring the dev set stays leave-one-out.
        order = [i for i in np.argsort(-(self._vectors @ vector)) if self._examples[i][0] != question][:3]
        votes = Counter(self._examples[i][1] for i in order)
        return votes.most_common(1)[0][0]


def load_kind_examples(path: Path | None) -> list[tuple[str, str]]:
    """(question, kind) pairs from a JSON Lines question file; none when it is absent (rules only)."""
    if path is None:
        return []
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as exc:
        logging.getLogger(__name__).warning("no question-kind examples from %s (%r): rules only", path, exc)
        return []
    return [(str(r["question"]), str(r["kind"])) for r in rows if isinstance(r, dict) and r.get("kind") in KINDS and "question" in r]
