"""How the project reads words: stopwords, the words of asking and of the asker's story,
British spellings, content words, and the one English Snowball stemmer.

Search, answer shaping and verification all read questions and abstracts by these rules; they
live here so that none of those stages imports another's module for a word list.
"""

from __future__ import annotations

import re
import threading

_PER_THREAD = threading.local()


def snowball():
    """This thread's English Snowball stemmer (PyStemmer). Its docs forbid calling one instance
    from two threads at once (the algorithm keeps state between calls), and the UI answers
    questions on several threads: one instance a thread, made at first use, never at import."""
    stemmer = getattr(_PER_THREAD, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _PER_THREAD.stemmer = Stemmer.Stemmer("english")
    return stemmer


# A word as the keyword index and the judges read it: lowercase letters and digits, a hyphenated or
# apostrophed compound whole ("meta-rl", "model's").
WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")

# English function words, removed from chunks and queries alike.
ENGLISH_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here hers
    herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves via thus within without upon among""".split()
)

# Words that describe the asking, not the topic ("which methods...", "what papers...").
# Dropping them from queries let BM25 find 4 of the 5 negative-transfer papers instead of 2
# (measured in ../shared/OFFLINE.md); they are kept in documents.
QUESTION_WORDS = frozenset(
    """paper papers work works study studies method methods approach approaches technique techniques propose proposes
    proposed address addresses addressing tackle tackles tackling use used uses using way ways does do any there
    existing research researchers someone anyone anybody somebody anything something one ones kind kinds describe described
    say says said tell tells mention mentions mentioned discuss discusses discussed
    summarize summarise summary overview explain give gives recommend recommends introduce introduces introduced list
    conclude concludes concluded conclusion conclusions
    trick tricks machinery ingredient ingredients gist twist
    thing things stuff
    agree agrees disagree disagrees""".split()  # "what's the core trick in each?" (dev47), "as the thing that generates data" (dev109), "do the two studies agree that ...?" (dev115): how it is asked, not what
)


# Words that join the parts of a hyphenated compound describing something rather than naming it ("Czech-to-Slovak",
# "code-data-for-LLM-reasoning"): read by the keyword search and by the check of what the papers mention.
COMPOUND_JOINING_WORDS = frozenset("to on for via of from with and vs in into".split())
_JOINED_COMPOUND = re.compile(r"-(?:" + "|".join(sorted(COMPOUND_JOINING_WORDS)) + r")-", re.IGNORECASE)


def describing_compound(word: str) -> bool:
    """Is this hyphenated word a compound that may describe something: words joined by a word ("LLM-to-ECG"), or four
    words or more ("code-data-for-LLM-reasoning")?"""
    return bool(_JOINED_COMPOUND.search(word)) or word.count("-") >= 3


# British spellings read as American ones ("tumours" is "tumors", "initialise" is "initialize"):
# the stemmer keeps them apart, and the abstracts mostly spell the American way. A word that merely
# looks like one ("promise") is changed alike wherever it is read.
_BRITISH = ((re.compile(r"(?<=\w{3})is(e|es|ed|ing|ation|ations)$"), r"iz\1"), (re.compile(r"(?<=\w{2})ys(e|es|ed|ing)$"), r"yz\1"),
            (re.compile(r"(?<=\w{3})our(s|ed|ing)?$"), r"or\1"))


def american_spelling(word: str) -> str:
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return word


# Endings that inflect a word without changing what it names ("transformers", "fine-tuned",
# "running", "completely"). Derivations ("negation" / "negative", "conversion" / "conversational")
# are left out on purpose: the Snowball stemmer merges them, and they name different things.
_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", ""), ("'s", ""))


def _bases(word: str) -> set[str]:
    """`word` and what it may be an inflection of ("running" -> "runn", "run"; "studies" -> "study")."""
    word = american_spelling(word)
    bases = {word}
    for ending, replacement in _INFLECTIONS:
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base + replacement) >= 3:
            bases.add(base + replacement)
            if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "aeiou":
                bases.add(base[:-1])  # "running" -> "run", "labelled" -> "label"
    return bases


def inflected_alike(a: str, b: str) -> bool:
    """Are `a` and `b` one word inflected two ways ("optimizes" / "optimized", "labelled" / "labeled")?"""
    return a == b or bool(_bases(a) & _bases(b))


# Words of the asker's own story ("I remember a paper arguing that something else is enough",
# "I wonder whether ..."): no abstract uses them, and they say nothing of what is asked. Only the
# question's topic words are read for them; queries keep them (BM25 finds nothing with them anyway).
NARRATION_WORDS = frozenset(
    """remember remembered recalled think thought wonder wondering wondered heard hear curious else really please
    thanks thank guess maybe perhaps probably actually basically somewhere somehow whatever anyway forgot forget
    pls plz plse thx tnx ty btw fyi imo imho tbh afaik iirc lol hi hey
    today nowadays takeaway takeaways barely hardly""".split()
)  # not "recall": "recall@1" is a measure; chat shorthand ("list the papers pls", dev34) with them; and when and how the
# asker sums up: "whose takeaway is that today's strongest models still struggle" (dev94), or hedges ("barely saw", dev96)


# Verbs too light to name a topic ("which papers put adapter modules into speech models?"): the
# papers say "insert", "apply", "add"; a list whose papers never write "put" misses no facet (dev21);
# "what gain came from ..." asks the gain, not a topic "came" (dev24).
# "both mess with the source dataset ... what happens to transfer performance?" (dev55): how it is asked, not what.
LIGHT_VERBS = frozenset(
    "put puts putting get gets got getting take takes took taking bring brings brought let lets come comes came coming "
    "happen happens happened happening mess messes messed messing "
    "sit sits sat sitting "  # "between which two existing modes does it sit?" asks where, not about sitting (dev63)
    "go goes went gone going "  # "accuracy went from what to what?" asks a change, not about going (dev94)
    "see sees saw".split()  # "languages the pretrained model never saw (or barely saw)" is "unseen", the papers' word (dev96)
)


# Verbs saying a paper uses something it did not make ("leveraging Q-learning", "adopts ResNet-50", "employs PPO"):
# answers read what follows as a used name; cards do not take a "named X" after them as the paper's own name.
ADOPTING_VERBS = r"leverag\w*|adopt\w*|employ\w*"


# Abbreviations a question writes in passing ("retrieval (incl. cross-language)", "adapters, prompts etc."):
# no abstract spells them, and they name nothing asked about.
ABBREVIATIONS = frozenset("incl etc esp resp approx viz aka".split())


# The indexed papers themselves, as a question calls them ("which methods in the collection ...",
# "anything in your library on ..."): no abstract says "collection", and it is not what is asked about.
# So are the papers' authors ("what did the authors call the model ...?", dev25): abstracts say "we".
# "Papers in the index" is the collection too (dev27); "the index" alone may be a measure's ("the Jaccard index").
_THE_INDEX = re.compile(r"\b(?:the|this|your|my|our)\s+(?:collection|library|database)\b|\b(?:this|your|my|our)\s+(?:corpus|index)\b|\b(?:in|from)\s+the\s+(?:corpus|index)\b|\b(?:the|its|their)\s+authors?\b", re.IGNORECASE)


_NOT_CONTRACTED = re.compile(r"n['’]t\b", re.IGNORECASE)
# "headline" before what is reported ("what headline number does each report", "as one of their headline results", dev98) is
# the asker's emphasis, no topic; "headline generation" is one.
_HEADLINE_RESULT = re.compile(r"\bheadlines?\b(?=\s+(?:[a-z-]+\s+){0,2}(?:results?|numbers?|figures?|gains?|claims?|findings?|metrics?|scores?|improvements?)\b)", re.IGNORECASE)


def spells(letters: str, words: list[str]) -> bool:
    """Are `letters` the initials of `words`, one each, in order, any case ("LCRL" of "language conditioned reward
    learning")? Callers pick the letters (an acronym's capitals, or all of it) and the words (those right before it)."""
    return len(words) == len(letters) and "".join(w[0] for w in words).upper() == letters.upper()


def content_words(text: str) -> list[str]:
    """The words of a question that say what it is about: no function words, no asking or narrating
    words, no light verbs or abbreviations, not the index itself, 3+ letters."""
    text = _NOT_CONTRACTED.sub("", text)  # "needn't" is "need", not a word "needn" no abstract writes (dev66)
    text = _HEADLINE_RESULT.sub(" ", text)
    return [
        w for w in re.findall(r"[a-z]+", _THE_INDEX.sub(" ", text).lower())
        if len(w) >= 3 and w not in ENGLISH_STOPWORDS and w not in QUESTION_WORDS and w not in NARRATION_WORDS and w not in LIGHT_VERBS
        and w not in ABBREVIATIONS
    ]


class Tokenizer:
    """Words (lowercase, hyphenated compounds whole, no stopwords) and their Snowball stems."""

    @property
    def stemmer(self):
        return snowball()

    def words(self, text: str) -> list[str]:
        return [w for w in WORD.findall(text.lower()) if w not in ENGLISH_STOPWORDS]

    def document(self, text: str) -> list[str]:
        return self.stemmer.stemWords(self.words(text))

    def query(self, text: str) -> list[str]:
        return self.stemmer.stemWords([w for w in self.words(text) if w not in QUESTION_WORDS])


# Names of languages, as an answer to "which language(s) ...?" names them: one of these, capitalised, in
# a sentence is a language named ("Bulgarian and German", "Traditional Chinese"). Written from general
# knowledge of the world's widely studied languages, not from any question.
LANGUAGE_NAMES = frozenset(
    """Afrikaans Albanian Amharic Arabic Armenian Assamese Azerbaijani Basque Belarusian Bengali Bosnian Bulgarian
    Burmese Catalan Cebuano Chinese Croatian Czech Danish Dutch English Estonian Filipino Finnish French Galician
    Georgian German Greek Gujarati Haitian Hausa Hebrew Hindi Hungarian Icelandic Igbo Indonesian Irish Italian
    Japanese Javanese Kannada Kazakh Khmer Kinyarwanda Korean Kurdish Kyrgyz Lao Latin Latvian Lithuanian Luganda
    Luxembourgish Macedonian Malagasy Malay Malayalam Maltese Marathi Mongolian Nepali Norwegian Odia Oromo Pashto
    Persian Polish Portuguese Punjabi Quechua Romanian Russian Sanskrit Serbian Sinhala Slovak Slovenian Somali
    Spanish Sundanese Swahili Swedish Tagalog Tajik Tamil Telugu Thai Tibetan Tigrinya Turkish Turkmen Ukrainian
    Urdu Uyghur Uzbek Vietnamese Welsh Wolof Xhosa Yiddish Yoruba Zulu Cantonese Mandarin""".split()
)
